//! Conversations: one per customer per shop, keyed by wa_id (or user_id when the
//! customer hides their number). Holds the hand-over state the job worker obeys.

use super::{ConversationId, DbError, ShopId};
use crate::kinds::ConversationStatus;
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone)]
pub struct Conversation {
    pub id: ConversationId,
    pub shop_id: ShopId,
    pub wa_account_id: Option<i64>,
    pub customer_key: String,
    pub customer_phone: Option<String>,
    pub customer_name: Option<String>,
    pub status: ConversationStatus,
    pub bot_paused: bool,
    /// The language the bot last answered in (`fr` / `mg`).
    pub language: Option<String>,
}

/// Finds or creates the conversation of `customer_key`, refreshing name, phone, the
/// number it wrote to and its last-inbound time.
pub fn upsert_inbound(
    conn: &Connection,
    shop: ShopId,
    wa_account_id: i64,
    customer_key: &str,
    phone: Option<&str>,
    name: Option<&str>,
) -> Result<ConversationId, DbError> {
    let now = super::now_text();
    Ok(conn.query_row(
        "INSERT INTO conversations (shop_id, wa_account_id, customer_key, customer_phone, customer_name, last_inbound_at, last_message_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (shop_id, customer_key) DO UPDATE SET
           wa_account_id = excluded.wa_account_id,
           customer_phone = COALESCE(excluded.customer_phone, customer_phone),
           customer_name = COALESCE(excluded.customer_name, customer_name),
           last_inbound_at = excluded.last_inbound_at,
           last_message_at = excluded.last_message_at
         RETURNING id",
        params![shop, wa_account_id, customer_key, phone, name, now],
        |r| r.get(0),
    )?)
}

/// What a conversation starts with when [`get_or_create`] has to create it.
#[derive(Debug, Clone, Copy, Default)]
pub struct NewConversation<'a> {
    /// The number it lives on; `None` until a message goes out or comes in.
    pub wa_account_id: Option<i64>,
    pub phone: Option<&'a str>,
    pub name: Option<&'a str>,
}

/// The shop's conversation with `customer_key`, created with `new` when there is none.
/// An existing conversation is returned as it is.
pub fn get_or_create(
    conn: &Connection,
    shop: ShopId,
    customer_key: &str,
    new: &NewConversation<'_>,
) -> Result<ConversationId, DbError> {
    if let Some(id) = find_by_customer(conn, shop, customer_key)? {
        return Ok(id);
    }
    conn.prepare_cached(
        "INSERT INTO conversations (shop_id, wa_account_id, customer_key, customer_phone, customer_name, last_message_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        shop,
        new.wa_account_id,
        customer_key,
        new.phone,
        new.name,
        super::now_text()
    ])?;
    Ok(ConversationId(conn.last_insert_rowid()))
}

/// The conversation of a customer known by phone only (the console, tests): keyed
/// and addressed by that phone, on no number yet.
pub fn get_or_create_by_phone(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
) -> Result<ConversationId, DbError> {
    get_or_create(
        conn,
        shop,
        phone,
        &NewConversation {
            phone: Some(phone),
            ..Default::default()
        },
    )
}

pub fn get(conn: &Connection, shop: ShopId, id: ConversationId) -> Result<Conversation, DbError> {
    conn.query_row(
        "SELECT id, shop_id, wa_account_id, customer_key, customer_phone, customer_name, status, bot_paused,
                language
         FROM conversations WHERE shop_id = ?1 AND id = ?2",
        params![shop, id],
        |r| {
            Ok(Conversation {
                id: r.get(0)?,
                shop_id: r.get(1)?,
                wa_account_id: r.get(2)?,
                customer_key: r.get(3)?,
                customer_phone: r.get(4)?,
                customer_name: r.get(5)?,
                status: r.get(6)?,
                bot_paused: r.get(7)?,
                language: r.get(8)?,
            })
        },
    )
    .map_err(DbError::not_found_if_none)
}

pub fn find_by_customer(
    conn: &Connection,
    shop: ShopId,
    customer_key: &str,
) -> Result<Option<ConversationId>, DbError> {
    Ok(conn
        .query_row(
            "SELECT id FROM conversations WHERE shop_id = ?1 AND customer_key = ?2",
            params![shop, customer_key],
            |r| r.get(0),
        )
        .optional()?)
}

/// `open`, `needs_human` (the bot stays quiet) or `closed`.
pub fn set_status(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    status: ConversationStatus,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET status = ?3 WHERE shop_id = ?1 AND id = ?2",
        params![shop, conv, status],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Hands the conversation to a person: `needs_human`, bot paused, unsure count reset.
pub fn flag_for_human(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET status = 'needs_human', bot_paused = 1, unsure_count = 0
         WHERE id = ?1 AND shop_id = ?2",
        params![conv, shop],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Pauses (an agent took over) or resumes the bot on one conversation.
pub fn set_bot_paused(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    paused: bool,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET bot_paused = ?3 WHERE shop_id = ?1 AND id = ?2",
        params![shop, conv, paused],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// The last `limit` messages, oldest first, as (`in`|`out`, body).
pub fn recent_messages(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    limit: usize,
) -> Result<Vec<(String, String)>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT direction, COALESCE(body, '') FROM messages
         WHERE shop_id = ?1 AND conversation_id = ?2 ORDER BY id DESC LIMIT ?3",
    )?;
    let mut rows = stmt
        .query_map(params![shop, conv, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<Vec<(String, String)>, _>>()?;
    rows.reverse();
    Ok(rows)
}

/// Deletes the shop's conversation with `customer_key` and, by cascade, its messages
/// (the simulator's reset).
pub fn delete_by_customer(
    conn: &Connection,
    shop: ShopId,
    customer_key: &str,
) -> Result<(), DbError> {
    conn.execute(
        "DELETE FROM conversations WHERE shop_id = ?1 AND customer_key = ?2",
        params![shop, customer_key],
    )?;
    Ok(())
}
