//! The shops' WhatsApp numbers (`whatsapp_accounts`): which provider carries each, its
//! credentials, and which number a shop writes from when nothing else decides.

use super::{DbError, ShopId};
use rusqlite::{Connection, OptionalExtension};

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

/// What the sender needs to talk to a number's provider.
#[derive(Clone)]
pub struct Credentials {
    pub provider: String,
    pub phone_number_id: String,
    pub wa_number: String,
    pub token: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("provider", &self.provider)
            .field("phone_number_id", &self.phone_number_id)
            .field("wa_number", &self.wa_number)
            .field("token", &"[redacted]")
            .finish()
    }
}

/// The credentials of the shop's number `account`.
pub fn credentials(conn: &Connection, shop: ShopId, account: i64) -> Result<Credentials, DbError> {
    conn.query_row(
        "SELECT provider, phone_number_id, wa_number, token FROM whatsapp_accounts WHERE id = ?1 AND shop_id = ?2",
        rusqlite::params![account, shop],
        |r| {
            Ok(Credentials {
                provider: r.get(0)?,
                phone_number_id: r.get(1)?,
                wa_number: r.get(2)?,
                token: r.get(3)?,
            })
        },
    )
    .map_err(DbError::not_found_if_none)
}
