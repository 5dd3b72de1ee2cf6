//! Messages of a conversation, in and out. Inbound rows are unique on the provider's
//! wamid, which makes a redelivered webhook a no-op; delivery statuses only move
//! forward (`status_rank`, see [`MessageStatus::rank`]).

use super::{ConversationId, DbError, MessageId, ShopId};
use crate::kinds::MessageStatus;
use rusqlite::{params, Connection, OptionalExtension};

/// An inbound message as ingest stores it.
pub struct NewInbound<'a> {
    pub wamid: &'a str,
    pub kind: &'a str,
    pub body: Option<&'a str>,
    pub media_id: Option<&'a str>,
    pub payload: &'a str,
}

/// True when a message with this wamid is stored, in any shop: wamids are unique
/// across the store (the column's unique index), so a delivery retried to another
/// route is still recognised. Ingest asks before it touches the conversation.
pub fn wamid_exists(conn: &Connection, wamid: &str) -> Result<bool, DbError> {
    Ok(conn
        .prepare_cached("SELECT id FROM messages WHERE wamid = ?1")?
        .query_row([wamid], |r| r.get::<_, i64>(0))
        .optional()?
        .is_some())
}

/// Stores an inbound message; `None` when that wamid is already stored (a retry).
pub fn insert_inbound(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    m: &NewInbound<'_>,
) -> Result<Option<MessageId>, DbError> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO messages (shop_id, conversation_id, wamid, direction, kind, body, media_id, payload, status, author)
         VALUES (?1, ?2, ?3, 'in', ?4, ?5, ?6, ?7, 'received', 'customer')",
    )?;
    let n = stmt.execute(params![
        shop, conv, m.wamid, m.kind, m.body, m.media_id, m.payload
    ])?;
    Ok((n == 1).then(|| MessageId(conn.last_insert_rowid())))
}

/// A message the shop side writes: an outgoing reply, a simulated exchange, a
/// console turn. Inbound WhatsApp messages go through [`insert_inbound`].
#[derive(Debug, Clone, Copy)]
pub struct NewMessage<'a> {
    /// `in` or `out`.
    pub direction: &'a str,
    pub kind: &'a str,
    pub body: Option<&'a str>,
    /// The provider-neutral message as JSON (outgoing).
    pub payload: Option<&'a str>,
    pub status: &'a str,
    /// `customer`, `bot`, `agent:<account id>`, `system`...
    pub author: &'a str,
}

/// Stores a message in the shop's conversation and moves the conversation's
/// `last_message_at`: the one place a message row is written outside ingest.
pub fn insert(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    m: &NewMessage<'_>,
) -> Result<MessageId, DbError> {
    let now = super::now_text();
    conn.prepare_cached(
        "INSERT INTO messages (shop_id, conversation_id, direction, kind, body, payload, status, author, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        shop,
        conv,
        m.direction,
        m.kind,
        m.body,
        m.payload,
        m.status,
        m.author,
        now
    ])?;
    let id = MessageId(conn.last_insert_rowid());
    conn.prepare_cached(
        "UPDATE conversations SET last_message_at = ?3 WHERE shop_id = ?1 AND id = ?2",
    )?
    .execute(params![shop, conv, now])?;
    Ok(id)
}

/// A plain text turn of a console conversation: received from the customer (`in`)
/// or written by the bot (`out`).
pub fn insert_text(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    direction: &str,
    body: &str,
) -> Result<MessageId, DbError> {
    let author = if direction == "in" { "customer" } else { "bot" };
    insert(
        conn,
        shop,
        conv,
        &NewMessage {
            direction,
            kind: "text",
            body: Some(body),
            payload: None,
            status: "received",
            author,
        },
    )
}

/// Moves the message `wamid` of `shop` to `status` unless it is already at or past
/// that rank. Returns whether the row changed.
pub fn apply_status(
    conn: &Connection,
    shop: ShopId,
    wamid: &str,
    status: MessageStatus,
    error: Option<&str>,
) -> Result<bool, DbError> {
    let mut stmt = conn.prepare_cached(
        "UPDATE messages SET status = ?3, status_rank = ?4, error = COALESCE(?5, error)
         WHERE shop_id = ?1 AND wamid = ?2 AND status_rank < ?4",
    )?;
    Ok(stmt.execute(params![shop, wamid, status, status.rank(), error])? == 1)
}

#[derive(Debug, Clone)]
pub struct Message {
    pub id: MessageId,
    pub conversation_id: ConversationId,
    pub wamid: Option<String>,
    pub direction: String,
    pub kind: String,
    pub body: Option<String>,
    pub media_id: Option<String>,
    pub media_path: Option<String>,
    pub payload: Option<String>,
    pub status: String,
    pub error: Option<String>,
    pub created_at: String,
}

pub fn get(conn: &Connection, shop: ShopId, id: MessageId) -> Result<Message, DbError> {
    conn.query_row(
        "SELECT id, conversation_id, wamid, direction, kind, body, media_id, media_path, payload, status, error, created_at
         FROM messages WHERE shop_id = ?1 AND id = ?2",
        params![shop, id],
        |r| {
            Ok(Message {
                id: r.get(0)?,
                conversation_id: r.get(1)?,
                wamid: r.get(2)?,
                direction: r.get(3)?,
                kind: r.get(4)?,
                body: r.get(5)?,
                media_id: r.get(6)?,
                media_path: r.get(7)?,
                payload: r.get(8)?,
                status: r.get(9)?,
                error: r.get(10)?,
                created_at: r.get(11)?,
            })
        },
    )
    .map_err(DbError::not_found_if_none)
}

pub fn by_wamid(
    conn: &Connection,
    shop: ShopId,
    wamid: &str,
) -> Result<Option<MessageId>, DbError> {
    Ok(conn
        .query_row(
            "SELECT id FROM messages WHERE shop_id = ?1 AND wamid = ?2",
            params![shop, wamid],
            |r| r.get(0),
        )
        .optional()?)
}

/// True when `id` is the first inbound message of its conversation.
pub fn is_first_inbound(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    id: MessageId,
) -> Result<bool, DbError> {
    let earlier: i64 = conn.query_row(
        "SELECT count(*) FROM messages WHERE shop_id = ?1 AND conversation_id = ?2 AND direction = 'in' AND id < ?3",
        params![shop, conv, id],
        |r| r.get(0),
    )?;
    Ok(earlier == 0)
}

/// Inbound messages of the conversation received in the minute up to message `id`.
pub fn inbound_in_last_minute(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    id: MessageId,
) -> Result<i64, DbError> {
    let since = (chrono::Utc::now() - chrono::Duration::seconds(60))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    Ok(conn.query_row(
        "SELECT count(*) FROM messages WHERE shop_id = ?1 AND conversation_id = ?2 AND direction = 'in'
           AND id <= ?3 AND created_at >= ?4",
        params![shop, conv, id, since],
        |r| r.get(0),
    )?)
}

pub fn set_media_path(
    conn: &Connection,
    shop: ShopId,
    id: MessageId,
    path: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE messages SET media_path = ?3 WHERE shop_id = ?1 AND id = ?2",
        params![shop, id, path],
    )?;
    Ok(())
}

/// How many customer messages the conversation holds.
pub fn count_inbound(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
) -> Result<i64, DbError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM messages WHERE shop_id = ?1 AND conversation_id = ?2 AND direction = 'in'",
        params![shop, conv],
        |r| r.get(0),
    )?)
}
