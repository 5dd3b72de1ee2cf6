//! The shops' WhatsApp numbers (`whatsapp_accounts`): which provider carries each, its
//! credentials, how a webhook finds its number (by Meta's `phone_number_id`, or by the
//! token in a BSP route's URL), and which number a shop writes from when nothing else
//! decides.

use super::{DbError, ShopId};
use crate::kinds::ProviderKind;
use crate::settings::Secret;
use rusqlite::{params, Connection, OptionalExtension};

/// A shop number as a webhook delivery is routed to it.
#[derive(Debug, Clone)]
pub struct Number {
    pub id: i64,
    pub shop: ShopId,
    pub provider: ProviderKind,
}

/// The number a message leaves from: who carries it and the credentials of its API.
/// `Debug` never shows the token.
#[derive(Debug, Clone)]
pub struct Sender {
    pub provider: ProviderKind,
    /// Meta's phone number id; for Gupshup, the app name (`src.name`).
    pub phone_number_id: String,
    /// The number itself, as Gupshup wants it for `source`.
    pub wa_number: String,
    pub token: Secret,
}

fn number_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Number> {
    Ok(Number {
        id: r.get(0)?,
        shop: r.get(1)?,
        provider: r.get(2)?,
    })
}

/// Reads a [`Sender`] from the columns `provider, phone_number_id, wa_number, token`
/// starting at `first` (the outbox reads them joined to its rows).
pub(super) fn sender_at(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Sender> {
    Ok(Sender {
        provider: r.get(first)?,
        phone_number_id: r.get(first + 1)?,
        wa_number: r.get(first + 2)?,
        token: Secret::new(r.get::<_, String>(first + 3)?),
    })
}

/// The number Meta names in a delivery's `metadata.phone_number_id`, whatever the
/// shop: this lookup is what tells the shop. Called for every webhook change.
pub fn by_phone_number_id(conn: &Connection, pnid: &str) -> Result<Option<Number>, DbError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, shop_id, provider FROM whatsapp_accounts WHERE phone_number_id = ?1",
        )?
        .query_row([pnid], number_from_row)
        .optional()?)
}

/// The `provider` number whose webhook token is `token` (BSP routes carry it in their
/// URL instead of a signature), whatever the shop.
pub fn by_webhook_token(
    conn: &Connection,
    token: &str,
    provider: ProviderKind,
) -> Result<Option<Number>, DbError> {
    // Every token of the provider is compared in constant time, rather than looked up
    // by index: neither the index walk nor a byte compare may hint at a prefix.
    let mut stmt = conn.prepare_cached(
        "SELECT id, shop_id, provider, webhook_token FROM whatsapp_accounts WHERE provider = ?1",
    )?;
    let mut found = None;
    let rows = stmt.query_map(params![provider], |r| {
        Ok((number_from_row(r)?, r.get::<_, String>(3)?))
    })?;
    for row in rows {
        let (number, stored) = row?;
        if crate::crypto::tokens::constant_eq(stored.as_bytes(), token.as_bytes()) {
            found = Some(number);
        }
    }
    Ok(found)
}

/// The sending credentials of the shop's number `account`.
pub fn sender(conn: &Connection, shop: ShopId, account: i64) -> Result<Sender, DbError> {
    conn.query_row(
        "SELECT provider, phone_number_id, wa_number, token FROM whatsapp_accounts WHERE id = ?1 AND shop_id = ?2",
        params![account, shop],
        |r| sender_at(r, 0),
    )
    .map_err(DbError::not_found_if_none)
}

/// The shop's first active number: the one a message goes out on when the
/// conversation has none yet (a new customer, the owner's notifications).
pub fn first_active(conn: &Connection, shop: ShopId) -> Result<Option<i64>, DbError> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM whatsapp_accounts WHERE shop_id = ?1 AND status = 'active' ORDER BY id LIMIT 1",
        )?
        .query_row([shop], |r| r.get(0))
        .optional()?)
}

/// Like [`first_active`], but a shop without a number is an error that says so.
pub fn require_active(conn: &Connection, shop: ShopId) -> Result<i64, DbError> {
    first_active(conn, shop)?
        .ok_or_else(|| DbError::Invalid("this shop has no active WhatsApp number".into()))
}

/// Remembers the WhatsApp Business Account a delivery's entry named for the number
/// `account` (templates are listed there), unless one is set already.
pub fn note_waba(conn: &Connection, account: i64, waba_id: &str) -> Result<(), DbError> {
    conn.prepare_cached(
        "UPDATE whatsapp_accounts SET waba_id = ?2 WHERE id = ?1 AND waba_id IS NULL",
    )?
    .execute(params![account, waba_id])?;
    Ok(())
}

/// The number `account` also runs the WhatsApp Business app (an echo or a history
/// back-fill came): its send rate drops to the coexistence one.
pub fn mark_coexistence(conn: &Connection, account: i64) -> Result<(), DbError> {
    conn.prepare_cached(
        "UPDATE whatsapp_accounts SET coexistence = 1 WHERE id = ?1 AND coexistence = 0",
    )?
    .execute([account])?;
    Ok(())
}

/// Where the history back-fill of `account` stands (percent), or why there is none.
pub fn set_history(
    conn: &Connection,
    account: i64,
    progress: Option<i64>,
    note: Option<&str>,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE whatsapp_accounts SET history_progress = COALESCE(?2, history_progress),
           history_note = COALESCE(?3, history_note) WHERE id = ?1",
        params![account, progress, note],
    )?;
    Ok(())
}

/// The numbers of a WhatsApp Business Account, whatever the shop: a template update
/// names only the account.
pub fn by_waba(conn: &Connection, waba_id: &str) -> Result<Vec<Number>, DbError> {
    let mut stmt = conn
        .prepare_cached("SELECT id, shop_id, provider FROM whatsapp_accounts WHERE waba_id = ?1")?;
    let rows = stmt
        .query_map([waba_id], number_from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// A number as the WhatsApp settings page shows it.
#[derive(Debug, Clone)]
pub struct Channel {
    pub id: i64,
    pub wa_number: String,
    pub provider: ProviderKind,
    pub waba_id: Option<String>,
    pub coexistence: bool,
    /// The send rate set for this number; `None` uses the default of its mode.
    pub messages_per_second: Option<i64>,
    pub history_progress: Option<i64>,
    pub history_note: Option<String>,
}

pub fn channels(conn: &Connection, shop: ShopId) -> Result<Vec<Channel>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, wa_number, provider, waba_id, coexistence, messages_per_second, history_progress, history_note
         FROM whatsapp_accounts WHERE shop_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([shop], |r| {
            Ok(Channel {
                id: r.get(0)?,
                wa_number: r.get(1)?,
                provider: r.get(2)?,
                waba_id: r.get(3)?,
                coexistence: r.get(4)?,
                messages_per_second: r.get(5)?,
                history_progress: r.get(6)?,
                history_note: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The owner's settings of the shop's number `account`: its WhatsApp Business Account,
/// coexistence with the Business app and its send rate (`None`: the mode's default).
pub fn configure(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    waba_id: Option<&str>,
    coexistence: bool,
    messages_per_second: Option<i64>,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE whatsapp_accounts SET waba_id = ?3, coexistence = ?4, messages_per_second = ?5
         WHERE shop_id = ?1 AND id = ?2",
        params![shop, account, waba_id, coexistence, messages_per_second],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// The credentials and WhatsApp Business Account of the shop's number `account`, for
/// template sync.
pub fn waba_of(conn: &Connection, shop: ShopId, account: i64) -> Result<Option<String>, DbError> {
    conn.query_row(
        "SELECT waba_id FROM whatsapp_accounts WHERE shop_id = ?1 AND id = ?2",
        params![shop, account],
        |r| r.get(0),
    )
    .map_err(DbError::not_found_if_none)
}

/// A number to connect.
#[derive(Debug, Clone)]
pub struct NewNumber<'a> {
    pub wa_number: &'a str,
    pub provider: ProviderKind,
    /// The secret token of its webhook URL (BSP routes).
    pub webhook_token: &'a str,
    pub phone_number_id: &'a str,
    pub token: &'a str,
}

/// Connects a number to the shop; a `phone_number_id` already connected is a conflict.
pub fn insert(conn: &Connection, shop: ShopId, n: &NewNumber<'_>) -> Result<i64, DbError> {
    conn.execute(
        "INSERT INTO whatsapp_accounts (shop_id, wa_number, provider, webhook_token, phone_number_id, token)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![shop, n.wa_number, n.provider, n.webhook_token, n.phone_number_id, n.token],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            DbError::Conflict(format!(
                "phone_number_id `{}` is already connected",
                n.phone_number_id
            ))
        }
        other => other.into(),
    })?;
    Ok(conn.last_insert_rowid())
}

/// One line of the shop's numbers, for listings.
#[derive(Debug, Clone)]
pub struct Listed {
    pub wa_number: String,
    pub provider: ProviderKind,
    pub phone_number_id: String,
    pub status: String,
}

/// The shop's numbers in the order they were connected.
pub fn list(conn: &Connection, shop: ShopId) -> Result<Vec<Listed>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT wa_number, provider, phone_number_id, status FROM whatsapp_accounts WHERE shop_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([shop], |r| {
            Ok(Listed {
                wa_number: r.get(0)?,
                provider: r.get(1)?,
                phone_number_id: r.get(2)?,
                status: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_senders_debug_never_shows_its_token() {
        let sender = Sender {
            provider: ProviderKind::Gupshup,
            phone_number_id: "EpicerieRivo".into(),
            wa_number: "+261 34 00 000 01".into(),
            token: Secret::new("gs-api-key-42"),
        };
        let shown = format!("{sender:?}");
        assert!(!shown.contains("gs-api-key-42"), "{shown}");
        assert!(
            shown.contains("Gupshup") && shown.contains("[redacted]"),
            "{shown}"
        );
    }
}
