//! Messages of a conversation, in and out. A provider's message (a customer's, an
//! owner's echo, a back-filled one) is unique on (number, wamid): a redelivered webhook
//! is a no-op, and one tenant's delivery never suppresses another's. Delivery statuses
//! only move forward (`status_rank`, see [`MessageStatus::rank`]). Later changes to a
//! stored message (edits, deletions, media, transcripts, pricing) are in
//! `db::message_updates`.

use super::{ConversationId, DbError, MessageId, ShopId};
use crate::kinds::{MediaState, MessageStatus};
use rusqlite::{params, Connection, OptionalExtension};

/// A message as a provider reported it, the way ingest stores it.
#[derive(Debug, Clone, Copy)]
pub struct NewInbound<'a> {
    /// The number it came to (or, for an echo, left from).
    pub account: i64,
    pub wamid: &'a str,
    /// `in` (the customer's) or `out` (the owner's, from the Business app).
    pub direction: &'a str,
    pub kind: &'a str,
    pub body: Option<&'a str>,
    pub media_id: Option<&'a str>,
    pub payload: &'a str,
    /// `received` for a customer's message; a delivery status for the owner's.
    pub status: MessageStatus,
    /// `customer`, or `owner_phone` for what the owner typed in the Business app.
    pub author: &'a str,
    pub context_wamid: Option<&'a str>,
    /// When it was sent (RFC 3339), for a back-filled message; now otherwise.
    pub created_at: Option<&'a str>,
}

/// Who wrote a message from the WhatsApp Business app on the owner's phone.
pub const OWNER_PHONE: &str = "owner_phone";

/// True when the number `account` already stored the message `wamid`: ingest asks
/// before it touches the conversation.
pub fn wamid_exists(conn: &Connection, account: i64, wamid: &str) -> Result<bool, DbError> {
    Ok(id_by_wamid(conn, account, wamid)?.is_some())
}

/// The message `wamid` of the number `account`.
pub fn id_by_wamid(
    conn: &Connection,
    account: i64,
    wamid: &str,
) -> Result<Option<MessageId>, DbError> {
    Ok(conn
        .prepare_cached("SELECT id FROM messages WHERE wamid = ?2 AND (wa_account_id = ?1 OR wa_account_id IS NULL)
             ORDER BY wa_account_id IS NULL LIMIT 1")?
        .query_row(params![account, wamid], |r| r.get(0))
        .optional()?)
}

/// Stores a provider's message; `None` when that number already has it (a retry).
pub fn insert_inbound(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    m: &NewInbound<'_>,
) -> Result<Option<MessageId>, DbError> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO messages (shop_id, conversation_id, wa_account_id, wamid, direction, kind, body,
             media_id, payload, status, status_rank, author, context_wamid, media_state, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                 COALESCE(?15, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
    )?;
    let media_state = m.media_id.map(|_| MediaState::Pending);
    let n = stmt.execute(params![
        shop,
        conv,
        m.account,
        m.wamid,
        m.direction,
        m.kind,
        m.body,
        m.media_id,
        m.payload,
        m.status,
        m.status.rank(),
        m.author,
        m.context_wamid,
        media_state,
        m.created_at,
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

impl<'a> NewMessage<'a> {
    /// The message stored for an outgoing `kind` with its preview and payload, queued.
    pub fn outgoing(kind: &'a str, body: &'a str, payload: &'a str, author: &'a str) -> Self {
        Self {
            direction: "out",
            kind,
            body: Some(body),
            payload: Some(payload),
            status: MessageStatus::Pending.as_str(),
            author,
        }
    }
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

/// Moves the message `wamid` of the number `account` to `status` unless it is already
/// at or past that rank. Returns whether the row changed.
pub fn apply_status(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    wamid: &str,
    status: MessageStatus,
    error: Option<&str>,
) -> Result<bool, DbError> {
    let mut stmt = conn.prepare_cached(
        "UPDATE messages SET status = ?4, status_rank = ?5, error = COALESCE(?6, error)
         WHERE shop_id = ?1 AND (wa_account_id = ?2 OR wa_account_id IS NULL) AND wamid = ?3 AND status_rank < ?5",
    )?;
    Ok(stmt.execute(params![shop, account, wamid, status, status.rank(), error])? == 1)
}

#[derive(Debug, Clone)]
pub struct Message {
    pub id: MessageId,
    pub conversation_id: ConversationId,
    pub wa_account_id: Option<i64>,
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
    pub author: Option<String>,
    pub context_wamid: Option<String>,
    pub transcript: Option<String>,
    pub revoked: bool,
}

pub fn get(conn: &Connection, shop: ShopId, id: MessageId) -> Result<Message, DbError> {
    conn.query_row(
        "SELECT id, conversation_id, wamid, direction, kind, body, media_id, media_path, payload, status, error,
                created_at, wa_account_id, author, context_wamid, transcript, revoked_at IS NOT NULL
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
                wa_account_id: r.get(12)?,
                author: r.get(13)?,
                context_wamid: r.get(14)?,
                transcript: r.get(15)?,
                revoked: r.get(16)?,
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
