//! The durable outbox: every outgoing WhatsApp message is a row here before any
//! provider sees it. [`enqueue`] (a customer's conversation) and [`enqueue_to`] (a
//! recipient who is not one, such as the owner's notifications) write it in the
//! caller's transaction, so a reply and the state it comes with commit together.
//!
//! A row carries its purpose when it may have to leave as an approved template outside
//! the 24-hour service window (owner alert, devis follow-up...), with the values that
//! template is filled with; [`window_until`] tells when a conversation's window closes
//! (the admin refuses an agent's free text after it, with [`WINDOW_CLOSED`]). A row goes `pending -> sending -> sent |
//! failed` (`db::outbox_sends`); [`due`] is what the sender (`whatsapp::outbox`) takes.

use super::{
    conversations, messages, now_text, numbers, ConversationId, DbError, MessageId, ShopId,
};
use crate::kinds::{MessageStatus, Purpose};
use crate::message::OutgoingMessage;
use rusqlite::{params, Connection, OptionalExtension};

/// Why an agent's free text cannot go: WhatsApp accepts only approved templates once
/// the customer has been silent for 24 hours.
pub const WINDOW_CLOSED: &str = "Le client n'a pas écrit depuis plus de 24 heures : WhatsApp n'accepte plus de message libre, seulement un modèle approuvé. Envoyez le modèle de reprise de contact ; votre message pourra partir dès que le client répondra.";

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
    enqueue_for(tx, shop, conversation, msg, author, None)
}

/// What a row is for, and the values its template is filled with.
#[derive(Debug, Clone, Copy)]
pub struct ForPurpose<'a> {
    pub purpose: Purpose,
    /// Named values (`customer_name`, `devis_number`...), see `whatsapp::templates`.
    pub values: &'a serde_json::Value,
}

/// [`enqueue`] with a purpose: outside the window the sender swaps the message for the
/// template the shop mapped to that purpose.
pub fn enqueue_for(
    tx: &Connection,
    shop: ShopId,
    conversation: ConversationId,
    msg: &OutgoingMessage,
    author: &str,
    purpose: Option<ForPurpose<'_>>,
) -> Result<MessageId, DbError> {
    let conv = conversations::get(tx, shop, conversation)?;
    let account: i64 = match conv.wa_account_id {
        Some(a) => a,
        None => numbers::require_active(tx, shop)?,
    };
    let msg = msg.normalized().map_err(DbError::Invalid)?;
    let payload = serde_json::to_string(&msg).map_err(|e| DbError::Invalid(e.to_string()))?;
    let preview = msg.preview();
    let message = messages::insert(
        tx,
        shop,
        conversation,
        &messages::NewMessage::outgoing(msg.kind(), &preview, &payload, author),
    )?;
    tx.prepare_cached("UPDATE messages SET wa_account_id = ?3 WHERE shop_id = ?1 AND id = ?2")?
        .execute(params![shop, message, account])?;
    let row = Row {
        account,
        message: Some(message),
        conversation: Some(conversation),
        to: conv.address(),
        purpose,
    };
    insert_row(tx, shop, &row, &msg, &payload)?;
    Ok(message)
}

/// Queues `msg` to `to` (a wa_id) on the shop's first active number, with no
/// conversation nor message row: the owner's notifications, which leave as the shop's
/// "owner alert" template when the owner has not written to the shop number for 24 h.
/// Returns the outbox row, or `None` when the shop has no number to send from.
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
    let values = serde_json::json!({ "message": msg.preview() });
    let row = Row {
        account,
        message: None,
        conversation: None,
        to,
        purpose: Some(ForPurpose {
            purpose: Purpose::OwnerAlert,
            values: &values,
        }),
    };
    insert_row(tx, shop, &row, &msg, &payload).map(Some)
}

struct Row<'a> {
    account: i64,
    message: Option<MessageId>,
    conversation: Option<ConversationId>,
    to: &'a str,
    purpose: Option<ForPurpose<'a>>,
}

fn insert_row(
    tx: &Connection,
    shop: ShopId,
    row: &Row<'_>,
    msg: &OutgoingMessage,
    payload: &str,
) -> Result<i64, DbError> {
    let purpose = row.purpose.map(|p| p.purpose);
    let values = row.purpose.map(|p| p.values.to_string());
    tx.prepare_cached(
        "INSERT INTO outbox (shop_id, wa_account_id, message_id, conversation_id, to_phone, kind, payload, purpose, template_values)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        shop,
        row.account,
        row.message,
        row.conversation,
        row.to,
        msg.kind(),
        payload,
        purpose,
        values
    ])?;
    Ok(tx.last_insert_rowid())
}

/// When the service window of `conv` closes: 24 h after the customer's last message
/// (`None`: the customer never wrote, so only a template may go).
pub fn window_until(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, DbError> {
    let last: Option<String> = conn
        .query_row(
            "SELECT COALESCE(c.last_inbound_at,
                  (SELECT max(m.created_at) FROM messages m WHERE m.shop_id = c.shop_id
                     AND m.conversation_id = c.id AND m.direction = 'in'))
         FROM conversations c WHERE c.shop_id = ?1 AND c.id = ?2",
            params![shop, conv],
            |r| r.get(0),
        )
        .map_err(DbError::not_found_if_none)?;
    Ok(conversations::window_until(last.as_deref()))
}

/// True while a free (non-template) message can still reach the customer of `conv`.
pub fn window_open(conn: &Connection, shop: ShopId, conv: ConversationId) -> Result<bool, DbError> {
    Ok(window_until(conn, shop, conv)?.is_some_and(|u| u > chrono::Utc::now()))
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
    pub purpose: Option<Purpose>,
    /// The named values its template is filled with (JSON object).
    pub template_values: Option<String>,
    pub sender: numbers::Sender,
    /// Sends per second its number may make.
    pub number_rate: i64,
    /// The recipient's last message to the shop: the service window's start.
    pub last_inbound_at: Option<String>,
}

impl DueRow {
    /// True while free-form messages may go to the recipient.
    pub fn window_open(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        conversations::window_until(self.last_inbound_at.as_deref()).is_some_and(|u| u > now)
    }
}

/// The send rates of a number that sets none: a Cloud API number, and one shared with
/// the WhatsApp Business app.
#[derive(Debug, Clone, Copy)]
pub struct Rates {
    pub number: u64,
    pub coexistence: u64,
}

const ROW_COLUMNS: &str = "SELECT o.id, o.shop_id, o.wa_account_id, o.message_id, o.to_phone, o.payload, o.attempts,
        o.purpose, o.template_values,
        a.provider, a.phone_number_id, a.wa_number, a.token,
        COALESCE(a.messages_per_second, CASE WHEN a.coexistence THEN ?4 ELSE ?3 END),
        COALESCE((SELECT max(c.last_inbound_at) FROM conversations c WHERE c.shop_id = o.shop_id
           AND (c.id = o.conversation_id OR c.customer_phone = o.to_phone OR c.customer_user_id = o.to_phone)),
          (SELECT max(m.created_at) FROM messages m WHERE m.shop_id = o.shop_id
             AND m.conversation_id = o.conversation_id AND m.direction = 'in'))
 FROM outbox o JOIN whatsapp_accounts a ON a.id = o.wa_account_id";

/// Rows selected with `filter` (over `o`, with `?1` = now, `?2` = a limit or a number,
/// `?3` / `?4` = the default rates).
fn select(
    conn: &Connection,
    filter: &str,
    second: i64,
    rates: Rates,
) -> Result<Vec<DueRow>, DbError> {
    select_with(conn, filter, second, rates, None)
}

/// [`select`] with a fifth parameter `?5` for `filter`.
fn select_with(
    conn: &Connection,
    filter: &str,
    second: i64,
    rates: Rates,
    fifth: Option<&str>,
) -> Result<Vec<DueRow>, DbError> {
    let mut stmt = conn.prepare_cached(&format!("{ROW_COLUMNS} WHERE {filter}"))?;
    let (now, number, coexistence) = (now_text(), rates.number as i64, rates.coexistence as i64);
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![&now, &second, &number, &coexistence];
    if let Some(fifth) = &fifth {
        values.push(fifth);
    }
    let rows = stmt
        .query_map(values.as_slice(), |r| {
            Ok(DueRow {
                id: r.get(0)?,
                shop: r.get(1)?,
                account: r.get(2)?,
                message_id: r.get(3)?,
                to: r.get(4)?,
                payload: r.get(5)?,
                attempts: r.get(6)?,
                purpose: r.get(7)?,
                template_values: r.get(8)?,
                sender: numbers::sender_at(r, 9)?,
                number_rate: r.get(13)?,
                last_inbound_at: r.get(14)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// At most `limit` due rows of every shop (the sender serves them all), oldest
/// first, skipping any customer with an earlier row still queued or being sent (or
/// held after a crash): a customer's messages leave in the order they were written.
pub fn due(conn: &Connection, limit: i64, rates: Rates) -> Result<Vec<DueRow>, DbError> {
    due_except(conn, limit, rates, &[], &[])
}

/// [`due`] without the rows of the numbers in `busy` (the sender's numbers that have
/// all the sends in flight they may have, or their second's worth sent) nor of the
/// shops in `capped` (their second's worth sent): a slow number's or a flooded shop's
/// backlog never fills the round and hides the other numbers' and shops' rows.
pub fn due_except(
    conn: &Connection,
    limit: i64,
    rates: Rates,
    busy: &[i64],
    capped: &[ShopId],
) -> Result<Vec<DueRow>, DbError> {
    let skip = serde_json::json!({ "numbers": busy, "shops": capped }).to_string();
    select_with(
        conn,
        "o.status = 'pending' AND o.next_attempt_at <= ?1
           AND o.wa_account_id NOT IN (SELECT value FROM json_each(?5, '$.numbers'))
           AND o.shop_id NOT IN (SELECT value FROM json_each(?5, '$.shops'))
           AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.wa_account_id = o.wa_account_id
                           AND p.to_phone = o.to_phone AND p.status IN ('pending', 'sending') AND p.id < o.id)
         ORDER BY o.id LIMIT ?2",
        limit,
        rates,
        Some(&skip),
    )
}

/// The row of number `account` that has waited longest for a retry (the first of its
/// customer): tried early as a probe while the provider seems down.
pub fn probe_candidate(
    conn: &Connection,
    account: i64,
    rates: Rates,
) -> Result<Option<DueRow>, DbError> {
    Ok(select(
        conn,
        "o.wa_account_id = ?2 AND o.status = 'pending' AND o.attempts > 0 AND o.next_attempt_at > ?1
           AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.wa_account_id = o.wa_account_id
                           AND p.to_phone = o.to_phone AND p.status IN ('pending', 'sending') AND p.id < o.id)
         ORDER BY o.id LIMIT 1",
        account,
        rates,
    )?
    .pop())
}

/// The owner answered from the Business app: the bot's replies still queued in the
/// conversation are dropped (marked failed with the reason), so the customer does not
/// get both answers. Returns how many.
pub fn cancel_bot_replies(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    reason: &str,
) -> Result<usize, DbError> {
    let failed = MessageStatus::Failed;
    conn.execute(
        "UPDATE messages SET status = ?3, status_rank = ?4, error = ?5
         WHERE shop_id = ?1 AND id IN (SELECT message_id FROM outbox WHERE shop_id = ?1 AND conversation_id = ?2
                                        AND status = 'pending' AND message_id IS NOT NULL)
           AND author = 'bot'",
        params![shop, conv, failed, failed.rank(), reason],
    )?;
    Ok(conn.execute(
        "UPDATE outbox SET status = 'failed', last_error = ?3
         WHERE shop_id = ?1 AND conversation_id = ?2 AND status = 'pending'
           AND message_id IN (SELECT id FROM messages WHERE shop_id = ?1 AND author = 'bot')",
        params![shop, conv, reason],
    )?)
}

/// Drops the bot's row `outbox_id` if the owner answered in its conversation from the
/// Business app since (the conversation is paused for them): a row the sender was
/// retrying when the echo came is not sent after it. Returns whether it was dropped.
pub fn drop_if_owner_answered(
    conn: &mut Connection,
    shop: ShopId,
    outbox_id: i64,
    reason: &str,
) -> Result<bool, DbError> {
    let tx = conn.transaction()?;
    let message: Option<MessageId> = tx
        .query_row(
            "SELECT o.message_id FROM outbox o
               JOIN messages m ON m.id = o.message_id AND m.author = 'bot'
               JOIN conversations c ON c.id = m.conversation_id
             WHERE o.id = ?1 AND o.shop_id = ?2 AND o.status = 'pending'
               AND c.owner_paused_until > ?3 AND c.owner_paused_until IS NOT NULL",
            params![outbox_id, shop, now_text()],
            |r| r.get(0),
        )
        .optional()?;
    let Some(message) = message else {
        return Ok(false);
    };
    let failed = MessageStatus::Failed;
    tx.execute(
        "UPDATE outbox SET status = 'failed', last_error = ?3 WHERE id = ?1 AND shop_id = ?2",
        params![outbox_id, shop, reason],
    )?;
    tx.execute(
        "UPDATE messages SET status = ?3, status_rank = ?4, error = ?5 WHERE id = ?1 AND shop_id = ?2",
        params![message, shop, failed, failed.rank(), reason],
    )?;
    tx.commit()?;
    Ok(true)
}
