//! One conversation's thread as the agent sees it: its messages, the agent's reply
//! queued through the outbox, the phone form WhatsApp uses, and the side cards
//! (the customer's prospect, the devis made for them). Every function takes the shop
//! and filters by it; `inbox` re-exports them.

use super::{ConversationId, DbError, MessageId, ShopId};
use crate::message::OutgoingMessage;
use crate::money::Ariary;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// A message of a thread; also an item of the API's message list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MessageRow {
    #[schema(value_type = i64)]
    pub id: MessageId,
    /// `in` or `out`.
    pub direction: String,
    pub kind: String,
    pub body: Option<String>,
    pub media_id: Option<String>,
    /// The FileStore name of a downloaded media; internal, so not serialised.
    #[serde(skip_serializing)]
    pub media_path: Option<String>,
    /// received, pending, sent, delivered, read or failed.
    pub status: String,
    pub error: Option<String>,
    /// customer, bot or agent:<account id>.
    pub author: Option<String>,
    #[schema(format = DateTime)]
    pub created_at: String,
}

/// Messages of a conversation with an id above `after`, oldest first, at most `limit`
/// (the latest ones when there are more).
pub fn messages(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    after: i64,
    limit: i64,
) -> Result<Vec<MessageRow>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT * FROM (SELECT id, direction, kind, body, media_id, media_path, status, error, author, created_at
         FROM messages WHERE shop_id = ?1 AND conversation_id = ?2 AND id > ?3
         ORDER BY id DESC LIMIT ?4) ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![shop, conv, after, limit], |r| {
            Ok(MessageRow {
                id: r.get(0)?,
                direction: r.get(1)?,
                kind: r.get(2)?,
                body: r.get(3)?,
                media_id: r.get(4)?,
                media_path: r.get(5)?,
                status: r.get(6)?,
                error: r.get(7)?,
                author: r.get(8)?,
                created_at: r.get(9)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// One message of the shop's conversation (for its media).
pub fn message(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    id: i64,
) -> Result<MessageRow, DbError> {
    let found = messages(conn, shop, conv, id - 1, i64::MAX)?;
    found
        .into_iter()
        .find(|m| m.id.0 == id)
        .ok_or(DbError::NotFound)
}

/// Normalises a phone given by a user to WhatsApp's wa_id form (digits only).
pub fn wa_id(phone: &str) -> Result<String, DbError> {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    let only_phone_chars = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-.()".contains(c));
    if !only_phone_chars || !(8..=15).contains(&digits.len()) {
        return Err(DbError::Invalid(format!(
            "`{phone}` is not a phone number in international form"
        )));
    }
    Ok(digits)
}

/// The shop's conversation with `phone`, created (on the shop's first active number)
/// when there is none yet.
pub fn find_or_create(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
) -> Result<ConversationId, DbError> {
    let key = wa_id(phone)?;
    if let Some(id) = super::conversations::find_by_customer(conn, shop, &key)? {
        return Ok(id);
    }
    let account = super::numbers::require_active(conn, shop)?;
    super::conversations::get_or_create(
        conn,
        shop,
        &key,
        &super::conversations::NewConversation {
            wa_account_id: Some(account),
            phone: Some(&key),
            name: None,
        },
    )
}

/// What an agent's send produced.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Sent {
    pub conversation_id: ConversationId,
    pub message_id: MessageId,
    pub outbox_id: i64,
}

/// Queues an agent's text through the outbox ([`super::outbox::enqueue`]) in one
/// transaction; the one place the admin reply box and `POST /api/v1/wa/send` go through.
pub fn send(
    conn: &mut Connection,
    shop: ShopId,
    conv: ConversationId,
    text: &str,
    author: &str,
) -> Result<Sent, DbError> {
    let tx = conn.transaction()?;
    let sent = send_in(&tx, shop, conv, &OutgoingMessage::text(text.trim()), author)?;
    tx.commit()?;
    Ok(sent)
}

/// Queues `msg` (a text, a photo, a document...) to the customer of the shop's
/// conversation inside the caller's transaction; a text is checked first.
pub fn send_in(
    tx: &Connection,
    shop: ShopId,
    conv: ConversationId,
    msg: &OutgoingMessage,
    author: &str,
) -> Result<Sent, DbError> {
    if let OutgoingMessage::Text { body } = msg {
        if body.trim().is_empty() {
            return Err(DbError::Invalid("text: must not be empty".into()));
        }
        if body.chars().count() > 4096 {
            return Err(DbError::Invalid("text: at most 4096 characters".into()));
        }
    }
    super::inbox::get(tx, shop, conv)?;
    let message = super::outbox::enqueue(tx, shop, conv, msg, author)?;
    let outbox_id = super::outbox::row_of_message(tx, shop, message)?;
    Ok(Sent {
        conversation_id: conv,
        message_id: message,
        outbox_id,
    })
}

/// The prospect card of a conversation's customer.
#[derive(Debug, Clone, Serialize)]
pub struct ProspectCard {
    pub id: i64,
    pub name: Option<String>,
    pub phone: String,
    pub status: String,
    pub notes: String,
    pub first_contact_at: String,
    pub last_contact_at: String,
}

pub fn prospect_by_phone(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
) -> Result<Option<ProspectCard>, DbError> {
    Ok(conn
        .query_row(
            "SELECT id, name, phone, status, notes, first_contact_at, last_contact_at
             FROM prospects WHERE shop_id = ?1 AND phone = ?2",
            params![shop, phone],
            |r| {
                Ok(ProspectCard {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    phone: r.get(2)?,
                    status: r.get(3)?,
                    notes: r.get(4)?,
                    first_contact_at: r.get(5)?,
                    last_contact_at: r.get(6)?,
                })
            },
        )
        .optional()?)
}

#[derive(Debug, Clone, Serialize)]
pub struct DevisSummary {
    pub id: i64,
    pub number: String,
    pub status: String,
    pub total_ttc: Ariary,
    pub currency: String,
    pub created_at: String,
}

/// Devis made in this conversation or for its customer's phone.
pub fn devis_of(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    phone: Option<&str>,
) -> Result<Vec<DevisSummary>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, number, status, total_ttc, currency, created_at FROM devis
         WHERE shop_id = ?1 AND (conversation_id = ?2 OR (?3 IS NOT NULL AND customer_phone = ?3))
         ORDER BY id DESC LIMIT 20",
    )?;
    let rows = stmt
        .query_map(params![shop, conv, phone], |r| {
            Ok(DevisSummary {
                id: r.get(0)?,
                number: r.get(1)?,
                status: r.get(2)?,
                total_ttc: r.get(3)?,
                currency: r.get(4)?,
                created_at: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
