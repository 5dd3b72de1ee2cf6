//! A customer's identity in a shop: one conversation per customer, holding their phone
//! (`customer_phone`, the wa_id) and their business-scoped user id (`customer_user_id`,
//! the BSUID WhatsApp sends since 2026, the only identifier of a customer who shows a
//! username instead of a number) with the username. Both are linked on first sight of
//! both; when they were first seen apart, the two conversations merge into the older.
//! `user_changed_number` / `user_changed_user_id` system messages move the identifiers.

use super::{now_text, ConversationId, DbError, ShopId};
use rusqlite::{params, Connection, OptionalExtension};

/// Who a message is from (or, for the owner's echoes, to).
#[derive(Debug, Clone, Copy, Default)]
pub struct Customer<'a> {
    pub phone: Option<&'a str>,
    pub user_id: Option<&'a str>,
    pub username: Option<&'a str>,
    /// The WhatsApp profile name.
    pub name: Option<&'a str>,
}

fn by_user_id(
    conn: &Connection,
    shop: ShopId,
    user_id: &str,
) -> Result<Option<ConversationId>, DbError> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM conversations WHERE shop_id = ?1 AND customer_user_id = ?2",
        )?
        .query_row(params![shop, user_id], |r| r.get(0))
        .optional()?)
}

/// By phone, or by key for a conversation created from a phone before phones were
/// stored apart; a username-only conversation is keyed by its user id and never
/// matches a phone.
fn by_phone(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
) -> Result<Option<ConversationId>, DbError> {
    // Two index lookups (`conversations_shop_phone`, then the `(shop_id, customer_key)`
    // unique key), not one OR that SQLite answers by scanning the shop's conversations:
    // that scan was half of ingest's time on a shop with thousands of customers.
    let by = |sql: &str| -> Result<Option<ConversationId>, DbError> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row(params![shop, phone], |r| r.get(0))
            .optional()?)
    };
    let phone_match = by(PHONE_MATCH)?;
    let key_match = by(KEY_MATCH)?;
    Ok(match (phone_match, key_match) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    })
}

/// The first conversation of the shop with this phone (its plan is tested).
pub const PHONE_MATCH: &str =
    "SELECT id FROM conversations WHERE shop_id = ?1 AND customer_phone = ?2 ORDER BY id LIMIT 1";
/// A conversation keyed by this phone from before phones were stored apart.
pub const KEY_MATCH: &str =
    "SELECT id FROM conversations WHERE shop_id = ?1 AND customer_key = ?2 AND customer_phone IS NULL";

/// The shop's conversation with `c`, without creating one.
pub fn find(
    conn: &Connection,
    shop: ShopId,
    c: &Customer<'_>,
) -> Result<Option<ConversationId>, DbError> {
    if let Some(u) = c.user_id {
        if let Some(id) = by_user_id(conn, shop, u)? {
            return Ok(Some(id));
        }
    }
    match c.phone {
        Some(p) => by_phone(conn, shop, p),
        None => Ok(None),
    }
}

/// Finds or creates the shop's conversation with `c` on the number `account`, links
/// the identifiers it carries (merging two conversations the customer had under each),
/// refreshes name and username, and moves `last_inbound_at` forward to `inbound_at`
/// (the customer wrote then; `None` for what the owner wrote). `c` must carry a phone
/// or a user id.
pub fn resolve(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    c: &Customer<'_>,
    inbound_at: Option<&str>,
) -> Result<ConversationId, DbError> {
    let by_user = match c.user_id {
        Some(u) => by_user_id(conn, shop, u)?,
        None => None,
    };
    let by_phone = match c.phone {
        Some(p) => by_phone(conn, shop, p)?,
        None => None,
    };
    let id = match (by_user, by_phone) {
        (Some(a), Some(b)) if a != b => {
            let (keep, drop) = (a.min(b), a.max(b));
            merge(conn, shop, keep, drop)?;
            keep
        }
        (Some(a), _) | (None, Some(a)) => a,
        (None, None) => {
            let key = c
                .phone
                .or(c.user_id)
                .ok_or_else(|| DbError::Invalid("a customer needs a phone or a user id".into()))?;
            insert(conn, shop, account, key)?
        }
    };
    conn.prepare_cached(
        "UPDATE conversations SET
           wa_account_id = ?3,
           customer_phone = COALESCE(?4, customer_phone),
           customer_user_id = COALESCE(?5, customer_user_id),
           customer_username = COALESCE(?6, customer_username),
           customer_name = COALESCE((SELECT w.full_name FROM wa_contacts w
                                     WHERE w.shop_id = ?1 AND w.phone = COALESCE(?4, customer_phone)),
                                    ?7, customer_name),
           last_inbound_at = CASE WHEN ?8 IS NOT NULL AND (last_inbound_at IS NULL OR last_inbound_at < ?8)
                                  THEN ?8 ELSE last_inbound_at END,
           last_message_at = ?9
         WHERE shop_id = ?1 AND id = ?2",
    )?
    .execute(params![
        shop,
        id,
        account,
        c.phone,
        c.user_id,
        c.username,
        c.name,
        inbound_at,
        now_text()
    ])?;
    Ok(id)
}

/// A new conversation keyed by `key`. A key can still be held by a customer who moved
/// to another number or id (their conversation keeps its first key): the newcomer then
/// gets `key~2`, `key~3`... (the key is only a handle; addresses come from the phone
/// and user id columns).
fn insert(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    key: &str,
) -> Result<ConversationId, DbError> {
    let mut candidate = key.to_string();
    for n in 2..100 {
        let inserted = conn
            .prepare_cached(
                "INSERT INTO conversations (shop_id, wa_account_id, customer_key, last_message_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (shop_id, customer_key) DO NOTHING",
            )?
            .execute(params![shop, account, candidate, now_text()])?;
        if inserted == 1 {
            return Ok(ConversationId(conn.last_insert_rowid()));
        }
        candidate = format!("{key}~{n}");
    }
    Err(DbError::Conflict(format!(
        "no free conversation key for `{key}`"
    )))
}

/// Moves everything of conversation `drop` into `keep` and deletes `drop`: the same
/// customer, first seen once by phone and once by user id. The merged conversation
/// keeps the stricter state (waiting for a person, bot paused).
fn merge(
    conn: &Connection,
    shop: ShopId,
    keep: ConversationId,
    drop: ConversationId,
) -> Result<(), DbError> {
    tracing::info!(
        keep = keep.0,
        merged = drop.0,
        "one customer's two conversations merged"
    );
    conn.execute(
        "UPDATE conversations SET
           status = CASE WHEN (SELECT status FROM conversations WHERE id = ?3) = 'needs_human' THEN 'needs_human' ELSE status END,
           bot_paused = MAX(bot_paused, (SELECT bot_paused FROM conversations WHERE id = ?3)),
           customer_phone = COALESCE(customer_phone, (SELECT customer_phone FROM conversations WHERE id = ?3)),
           customer_name = COALESCE(customer_name, (SELECT customer_name FROM conversations WHERE id = ?3)),
           language = COALESCE(language, (SELECT language FROM conversations WHERE id = ?3))
         WHERE shop_id = ?1 AND id = ?2",
        params![shop, keep, drop],
    )?;
    let user_id: Option<String> = conn.query_row(
        "SELECT customer_user_id FROM conversations WHERE shop_id = ?1 AND id = ?2",
        params![shop, drop],
        |r| r.get(0),
    )?;
    for sql in [
        "UPDATE messages SET conversation_id = ?2 WHERE shop_id = ?1 AND conversation_id = ?3",
        "UPDATE devis SET conversation_id = ?2 WHERE shop_id = ?1 AND conversation_id = ?3",
        "UPDATE outbox SET conversation_id = ?2 WHERE shop_id = ?1 AND conversation_id = ?3",
        "UPDATE OR IGNORE assistant_state SET conversation_id = ?2 WHERE shop_id = ?1 AND conversation_id = ?3",
        "DELETE FROM conversations WHERE shop_id = ?1 AND id = ?3",
    ] {
        conn.execute(sql, params![shop, keep, drop])?;
    }
    if let Some(u) = user_id {
        conn.execute(
            "UPDATE conversations SET customer_user_id = COALESCE(customer_user_id, ?3) WHERE shop_id = ?1 AND id = ?2",
            params![shop, keep, u],
        )?;
    }
    Ok(())
}

/// `user_changed_number`: the customer of `conv` now writes from `phone` (and, when
/// given, has the BSUID `user_id`). Queued messages follow them to the new number; a
/// conversation already open with that number is merged in.
pub fn change_number(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    phone: &str,
    user_id: Option<&str>,
) -> Result<ConversationId, DbError> {
    let mut conv = conv;
    if let Some(other) = by_phone(conn, shop, phone)?.filter(|o| *o != conv) {
        let (keep, drop) = (conv.min(other), conv.max(other));
        merge(conn, shop, keep, drop)?;
        conv = keep;
    }
    readdress(conn, shop, conv, phone)?;
    // The old number may go to someone else: the conversation follows the new one.
    conn.execute(
        "UPDATE conversations SET customer_key = ?3
         WHERE shop_id = ?1 AND id = ?2 AND customer_key = customer_phone
           AND NOT EXISTS (SELECT 1 FROM conversations o WHERE o.shop_id = ?1 AND o.customer_key = ?3)",
        params![shop, conv, phone],
    )?;
    conn.execute(
        "UPDATE conversations SET customer_phone = ?3, customer_user_id = COALESCE(?4, customer_user_id)
         WHERE shop_id = ?1 AND id = ?2",
        params![shop, conv, phone, user_id],
    )?;
    Ok(conv)
}

/// `user_changed_user_id`: the customer of `conv` has a new BSUID. A username-only
/// customer's queued messages follow it.
pub fn change_user_id(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    user_id: &str,
) -> Result<(), DbError> {
    let phone: Option<String> = conn.query_row(
        "SELECT customer_phone FROM conversations WHERE shop_id = ?1 AND id = ?2",
        params![shop, conv],
        |r| r.get(0),
    )?;
    conn.execute(
        "UPDATE conversations SET customer_user_id = NULL WHERE shop_id = ?1 AND customer_user_id = ?2 AND id != ?3",
        params![shop, user_id, conv],
    )?;
    conn.execute(
        "UPDATE conversations SET customer_user_id = ?3 WHERE shop_id = ?1 AND id = ?2",
        params![shop, conv, user_id],
    )?;
    if phone.is_none() {
        readdress(conn, shop, conv, user_id)?;
    }
    Ok(())
}

/// Queued messages of `conv` go to `to` from now on, including one in flight: if
/// that attempt fails, its retry must use the new address.
fn readdress(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    to: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE outbox SET to_phone = ?3 WHERE shop_id = ?1 AND conversation_id = ?2
           AND status IN ('pending', 'sending')",
        params![shop, conv, to],
    )?;
    Ok(())
}

/// The name the owner gave `phone` in the Business app's address book (`None`:
/// removed). Applied to the customer's conversation now, and to the one they open later.
pub fn sync_contact(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
    full_name: Option<&str>,
    first_name: Option<&str>,
) -> Result<(), DbError> {
    match full_name.or(first_name) {
        Some(name) => {
            conn.execute(
                "INSERT INTO wa_contacts (shop_id, phone, full_name, first_name, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (shop_id, phone) DO UPDATE SET full_name = excluded.full_name,
                   first_name = excluded.first_name, updated_at = excluded.updated_at",
                params![shop, phone, name, first_name, now_text()],
            )?;
            conn.execute(
                "UPDATE conversations SET customer_name = ?3 WHERE shop_id = ?1 AND customer_phone = ?2",
                params![shop, phone, name],
            )?;
        }
        None => {
            conn.execute(
                "DELETE FROM wa_contacts WHERE shop_id = ?1 AND phone = ?2",
                params![shop, phone],
            )?;
        }
    }
    Ok(())
}
