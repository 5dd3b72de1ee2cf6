//! The durable outbox: every outgoing WhatsApp message is a row here before any
//! provider sees it. [`enqueue`] (a customer's conversation) and [`enqueue_to`] (a
//! recipient who is not one, such as the owner's notifications) write it in the
//! caller's transaction, so a reply and the state it comes with commit together.
//!
//! A row goes `pending -> sending -> sent | failed`, or back to `pending` with a later
//! `next_attempt_at` on a temporary error. Each change is one transaction, so the
//! outbox row and the message it carries never disagree. The sender worker
//! (`whatsapp::outbox`) drives these changes.

use super::{
    conversations, messages, now_text, numbers, ConversationId, DbError, MessageId, ShopId,
};
use crate::kinds::{Direction, MessageStatus};
use crate::message::OutgoingMessage;
use rusqlite::{params, Connection};

/// Queues `msg` to the customer of `conversation`: inserts the `messages` row
/// (direction out, status `pending`) and the `outbox` row in the caller's
/// transaction. `author` is `bot`, `agent:<account id>`, `system`... The message is
/// normalised to WhatsApp's limits first; one it cannot fit is [`DbError::Invalid`].
pub fn enqueue(
    tx: &Connection,
    shop: ShopId,
    conversation: ConversationId,
    msg: &OutgoingMessage,
    author: &str,
) -> Result<MessageId, DbError> {
    let conv = conversations::get(tx, shop, conversation)?;
    let account: i64 = match conv.wa_account_id {
        Some(a) => a,
        None => numbers::require_active(tx, shop)?,
    };
    let msg = msg.normalized().map_err(DbError::Invalid)?;
    let payload = serde_json::to_string(&msg).map_err(|e| DbError::Invalid(e.to_string()))?;
    let to = conv.customer_phone.unwrap_or(conv.customer_key);
    let preview = msg.preview();
    let message = messages::insert(
        tx,
        shop,
        conversation,
        &messages::NewMessage {
            direction: Direction::Out.as_str(),
            kind: msg.kind(),
            body: Some(&preview),
            payload: Some(&payload),
            status: MessageStatus::Pending.as_str(),
            author,
        },
    )?;
    insert_row(tx, shop, account, Some(message), &to, &msg, &payload)?;
    Ok(message)
}

/// Queues `msg` to `to` (a wa_id) on the shop's first active number, with no
/// conversation nor message row: the owner's notifications. Returns the outbox row,
/// or `None` when the shop has no number to send from.
pub fn enqueue_to(
    tx: &Connection,
    shop: ShopId,
    to: &str,
    msg: &OutgoingMessage,
) -> Result<Option<i64>, DbError> {
    let Some(account) = numbers::first_active(tx, shop)? else {
        return Ok(None);
    };
    let msg = msg.normalized().map_err(DbError::Invalid)?;
    let payload = serde_json::to_string(&msg).map_err(|e| DbError::Invalid(e.to_string()))?;
    insert_row(tx, shop, account, None, to, &msg, &payload).map(Some)
}

fn insert_row(
    tx: &Connection,
    shop: ShopId,
    account: i64,
    message: Option<MessageId>,
    to: &str,
    msg: &OutgoingMessage,
    payload: &str,
) -> Result<i64, DbError> {
    tx.prepare_cached(
        "INSERT INTO outbox (shop_id, wa_account_id, message_id, to_phone, kind, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![shop, account, message, to, msg.kind(), payload])?;
    Ok(tx.last_insert_rowid())
}

/// The outbox row that carries the shop's message `message`.
pub fn row_of_message(conn: &Connection, shop: ShopId, message: MessageId) -> Result<i64, DbError> {
    conn.query_row(
        "SELECT id FROM outbox WHERE shop_id = ?1 AND message_id = ?2",
        params![shop, message],
        |r| r.get(0),
    )
    .map_err(DbError::not_found_if_none)
}

/// One due outbox row with the credentials of its number.
#[derive(Debug, Clone)]
pub struct DueRow {
    pub id: i64,
    pub shop: ShopId,
    pub account: i64,
    /// The conversation message it carries; `None` for a notification.
    pub message_id: Option<MessageId>,
    pub to: String,
    /// The normalised [`OutgoingMessage`] as JSON.
    pub payload: String,
    pub attempts: i64,
    pub sender: numbers::Sender,
}

/// At most `limit` due rows of every shop (the sender serves them all), oldest
/// first, skipping any customer with an earlier row still queued: a customer's
/// messages leave in the order they were written.
pub fn due(conn: &Connection, limit: i64) -> Result<Vec<DueRow>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.shop_id, o.wa_account_id, o.message_id, o.to_phone, o.payload, o.attempts,
                a.provider, a.phone_number_id, a.wa_number, a.token
         FROM outbox o JOIN whatsapp_accounts a ON a.id = o.wa_account_id
         WHERE o.status = 'pending' AND o.next_attempt_at <= ?1
           AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.wa_account_id = o.wa_account_id
                           AND p.to_phone = o.to_phone AND p.status IN ('pending', 'sending') AND p.id < o.id)
         ORDER BY o.id LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![now_text(), limit], |r| {
            Ok(DueRow {
                id: r.get(0)?,
                shop: r.get(1)?,
                account: r.get(2)?,
                message_id: r.get(3)?,
                to: r.get(4)?,
                payload: r.get(5)?,
                attempts: r.get(6)?,
                sender: numbers::sender_at(r, 7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Claims a pending row for sending; false when someone else took it.
pub fn claim(conn: &Connection, shop: ShopId, outbox_id: i64) -> Result<bool, DbError> {
    Ok(conn.execute(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1
         WHERE id = ?1 AND shop_id = ?2 AND status = 'pending'",
        params![outbox_id, shop],
    )? == 1)
}

/// The provider accepted the message: record its id on both rows. The message keeps
/// its wamid when another row already holds that one (a status webhook may have
/// stored it first).
pub fn mark_sent(
    conn: &mut Connection,
    shop: ShopId,
    outbox_id: i64,
    message_id: Option<MessageId>,
    provider_id: &str,
) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    let pid = (!provider_id.is_empty()).then_some(provider_id);
    tx.execute(
        "UPDATE outbox SET status = 'sent', provider_message_id = ?2, sent_at = ?3, last_error = NULL
         WHERE id = ?1 AND shop_id = ?4",
        params![outbox_id, pid, now_text(), shop],
    )?;
    if let Some(mid) = message_id {
        tx.execute(
            "UPDATE messages SET
               wamid = CASE WHEN ?2 IS NULL OR EXISTS (SELECT 1 FROM messages m WHERE m.wamid = ?2) THEN wamid ELSE ?2 END,
               status = CASE WHEN status_rank = 0 THEN 'accepted' ELSE status END
             WHERE id = ?1 AND shop_id = ?3",
            params![mid, pid, shop],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// A temporary failure: back to pending until `next_at`.
pub fn mark_retry(
    conn: &Connection,
    shop: ShopId,
    outbox_id: i64,
    reason: &str,
    next_at: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE outbox SET status = 'pending', last_error = ?2, next_attempt_at = ?3
         WHERE id = ?1 AND shop_id = ?4",
        params![outbox_id, reason, next_at, shop],
    )?;
    Ok(())
}

/// A permanent failure, shown to the owner on the message.
pub fn mark_failed(
    conn: &mut Connection,
    shop: ShopId,
    outbox_id: i64,
    message_id: Option<MessageId>,
    reason: &str,
) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE outbox SET status = 'failed', last_error = ?2 WHERE id = ?1 AND shop_id = ?3",
        params![outbox_id, reason, shop],
    )?;
    if let Some(mid) = message_id {
        let failed = MessageStatus::Failed;
        tx.execute(
            "UPDATE messages SET status = ?3, status_rank = ?4, error = ?2 WHERE id = ?1 AND shop_id = ?5",
            params![mid, reason, failed, failed.rank(), shop],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Rows a stopped server left in `sending` go back to `pending`, in every shop (the
/// sender serves them all, and runs this once at start). This is the
/// at-least-once window: a row whose provider call succeeded just before a crash,
/// but whose `sent` was not yet committed, is sent again after the restart.
pub fn requeue_interrupted(conn: &Connection) -> Result<usize, DbError> {
    Ok(conn.execute(
        "UPDATE outbox SET status = 'pending' WHERE status = 'sending'",
        [],
    )?)
}
