//! The agent's view of conversations: list with filters and search, one thread,
//! take over / hand back, and queueing an agent's reply through the outbox. Shared by the admin pages and
//! the REST API; every function takes the shop and filters by it.

use super::{ConversationId, DbError, MessageId, ShopId};
use crate::message::OutgoingMessage;
use crate::money::Ariary;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

pub const STATUSES: &[&str] = &["open", "needs_human", "closed"];

/// The admin simulator's pseudo customer: its conversation never reaches the inbox,
/// the API or the outbox.
pub const SIMULATOR_KEY: &str = "simulateur";

/// A conversation as lists show it; also an item of the API's conversation list
/// (the OpenAPI schema is derived from this struct).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConversationRow {
    #[schema(value_type = i64)]
    pub id: ConversationId,
    pub customer_key: String,
    pub customer_phone: Option<String>,
    pub customer_name: Option<String>,
    /// `open`, `needs_human` or `closed`.
    pub status: String,
    pub bot_paused: bool,
    pub language: Option<String>,
    #[schema(format = DateTime)]
    pub last_message_at: Option<String>,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// The text of the latest message, for the list.
    pub last_body: Option<String>,
}

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

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<String>,
    /// Matched against customer name, phone and message text.
    pub q: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

const CONV_COLUMNS: &str = "c.id, c.customer_key, c.customer_phone, c.customer_name, c.status,
    c.bot_paused, c.language, c.last_message_at, c.created_at,
    (SELECT m.body FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1)";

fn conv_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ConversationRow> {
    Ok(ConversationRow {
        id: r.get(0)?,
        customer_key: r.get(1)?,
        customer_phone: r.get(2)?,
        customer_name: r.get(3)?,
        status: r.get(4)?,
        bot_paused: r.get::<_, i64>(5)? != 0,
        language: r.get(6)?,
        last_message_at: r.get(7)?,
        created_at: r.get(8)?,
        last_body: r.get(9)?,
    })
}

fn like_pattern(q: &str) -> String {
    let escaped = q
        .trim()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// One page of the shop's conversations, latest activity first, and the total count.
pub fn list(
    conn: &Connection,
    shop: ShopId,
    filter: &Filter,
) -> Result<(Vec<ConversationRow>, i64), DbError> {
    if let Some(s) = &filter.status {
        if !STATUSES.contains(&s.as_str()) {
            return Err(DbError::Invalid(format!(
                "status `{s}`: expected open, needs_human or closed"
            )));
        }
    }
    let q = filter
        .q
        .as_deref()
        .filter(|q| !q.trim().is_empty())
        .map(like_pattern);
    let clause = "c.shop_id = ?1 AND c.customer_key != 'simulateur' AND (?2 IS NULL OR c.status = ?2)
        AND (?3 IS NULL OR c.customer_name LIKE ?3 ESCAPE '\\' OR c.customer_phone LIKE ?3 ESCAPE '\\'
             OR c.customer_key LIKE ?3 ESCAPE '\\'
             OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.shop_id = c.shop_id
                        AND m.body LIKE ?3 ESCAPE '\\'))";
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM conversations c WHERE {clause}"),
        params![shop, filter.status, q],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {CONV_COLUMNS} FROM conversations c WHERE {clause}
         ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC LIMIT ?4 OFFSET ?5"
    ))?;
    let rows = stmt
        .query_map(
            params![shop, filter.status, q, filter.limit, filter.offset],
            conv_from_row,
        )?
        .collect::<Result<_, _>>()?;
    Ok((rows, total))
}

/// One conversation of the shop; another shop's id is [`DbError::NotFound`].
pub fn get(
    conn: &Connection,
    shop: ShopId,
    id: ConversationId,
) -> Result<ConversationRow, DbError> {
    conn.query_row(
        &format!(
            "SELECT {CONV_COLUMNS} FROM conversations c
             WHERE c.shop_id = ?1 AND c.id = ?2 AND c.customer_key != '{SIMULATOR_KEY}'"
        ),
        params![shop, id],
        conv_from_row,
    )
    .map_err(DbError::not_found_if_none)
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

/// An agent takes the conversation: the bot stops answering it, and a conversation
/// waiting for a human is now being handled (`open`).
pub fn take_over(conn: &Connection, shop: ShopId, conv: ConversationId) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET bot_paused = 1,
            status = CASE WHEN status = 'needs_human' THEN 'open' ELSE status END
         WHERE shop_id = ?1 AND id = ?2",
        params![shop, conv],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// The bot answers the conversation again.
pub fn hand_back(conn: &Connection, shop: ShopId, conv: ConversationId) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET bot_paused = 0, status = 'open', unsure_count = 0
         WHERE shop_id = ?1 AND id = ?2",
        params![shop, conv],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
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
    let text = text.trim();
    if text.is_empty() {
        return Err(DbError::Invalid("text: must not be empty".into()));
    }
    if text.chars().count() > 4096 {
        return Err(DbError::Invalid("text: at most 4096 characters".into()));
    }
    let tx = conn.transaction()?;
    get(&tx, shop, conv)?;
    let message = super::outbox::enqueue(&tx, shop, conv, &OutgoingMessage::text(text), author)?;
    let outbox_id = super::outbox::row_of_message(&tx, shop, message)?;
    tx.commit()?;
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
