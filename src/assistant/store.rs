//! The assistant's SQL: conversation state it reads and changes (language, unsure
//! count, hand-over), its memory between messages (`assistant_state`, V30), owner
//! notifications, and the conversation/message rows the `chat` console writes.
//! Every query is scoped by shop.

use super::QuoteLine;
use crate::db::{ConversationId, DbError, ShopId};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, Default)]
pub struct ConvState {
    pub status: String,
    pub bot_paused: bool,
    pub language: Option<String>,
    pub unsure_count: i64,
    pub last_intent: Option<String>,
    pub last_words: String,
    pub last_skus: Vec<String>,
    pub pending_quote: Option<Vec<QuoteLine>>,
    /// Previous messages, oldest first, as (direction, body).
    pub recent: Vec<(String, String)>,
}

/// Loads a conversation's state and its last `limit` messages before the current one
/// (`current` is the inbound text being answered, skipped when it is already stored).
pub fn load(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    current: &str,
    limit: usize,
) -> Result<ConvState, DbError> {
    let mut s = conn
        .query_row(
            "SELECT status, bot_paused, language, unsure_count FROM conversations
             WHERE id = ?1 AND shop_id = ?2",
            params![conv, shop],
            |r| {
                Ok(ConvState {
                    status: r.get(0)?,
                    bot_paused: r.get::<_, i64>(1)? != 0,
                    language: r.get(2)?,
                    unsure_count: r.get(3)?,
                    ..Default::default()
                })
            },
        )
        .map_err(DbError::not_found_if_none)?;
    if let Some((intent, words, skus, pending)) = conn
        .query_row(
            "SELECT last_intent, last_words, last_skus, pending_quote FROM assistant_state
             WHERE conversation_id = ?1 AND shop_id = ?2",
            params![conv, shop],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )
        .optional()?
    {
        s.last_intent = intent;
        s.last_words = words;
        s.last_skus = serde_json::from_str(&skus).unwrap_or_default();
        s.pending_quote = pending.and_then(|p| serde_json::from_str(&p).ok());
    }
    let mut st = conn.prepare(
        "SELECT direction, COALESCE(body, '') FROM messages
         WHERE conversation_id = ?1 AND shop_id = ?2 ORDER BY id DESC LIMIT ?3",
    )?;
    let mut rows: Vec<(String, String)> = st
        .query_map(params![conv, shop, (limit + 1) as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    if rows
        .first()
        .is_some_and(|(d, b)| d == "in" && b.trim() == current.trim())
    {
        rows.remove(0);
    }
    rows.truncate(limit);
    rows.reverse();
    s.recent = rows;
    Ok(s)
}

/// What to remember after answering.
pub struct Update<'a> {
    pub language: &'a str,
    pub unsure_count: i64,
    pub last_intent: &'a str,
    pub last_words: &'a str,
    pub last_skus: &'a [String],
    /// `Some(None)` clears the pending quote, `None` leaves it.
    pub pending_quote: Option<Option<&'a [QuoteLine]>>,
}

pub fn save(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    u: &Update<'_>,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE conversations SET language = ?3, unsure_count = ?4 WHERE id = ?1 AND shop_id = ?2",
        params![conv, shop, u.language, u.unsure_count],
    )?;
    let skus = serde_json::to_string(u.last_skus).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "INSERT INTO assistant_state (conversation_id, shop_id, last_intent, last_words, last_skus)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (conversation_id) DO UPDATE SET last_intent = excluded.last_intent,
           last_words = excluded.last_words, last_skus = excluded.last_skus,
           updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE assistant_state.shop_id = excluded.shop_id",
        params![conv, shop, u.last_intent, u.last_words, skus],
    )?;
    if let Some(pending) = u.pending_quote {
        let json = pending.map(|p| serde_json::to_string(p).unwrap_or_else(|_| "[]".into()));
        conn.execute(
            "UPDATE assistant_state SET pending_quote = ?3 WHERE conversation_id = ?1 AND shop_id = ?2",
            params![conv, shop, json],
        )?;
    }
    Ok(())
}

/// Hands the conversation to a person: flagged, bot paused, owner notified.
pub fn hand_over(
    conn: &mut Connection,
    shop: ShopId,
    conv: ConversationId,
    reason: &str,
) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE conversations SET status = 'needs_human', bot_paused = 1, unsure_count = 0
         WHERE id = ?1 AND shop_id = ?2",
        params![conv, shop],
    )?;
    let who: Option<String> = tx
        .query_row(
            "SELECT COALESCE(customer_name, customer_phone, customer_key) FROM conversations
             WHERE id = ?1 AND shop_id = ?2",
            params![conv, shop],
            |r| r.get(0),
        )
        .optional()?;
    let body = format!(
        "Conversation #{conv} ({}) : {reason}. Le bot est en pause, un humain doit répondre.",
        who.as_deref()
            .map(crate::telemetry::mask_phone)
            .unwrap_or_default()
    );
    // Recorded, mailed and sent to the owner's WhatsApp as the shop's settings ask.
    crate::crm::notify::notify(&tx, shop, crate::crm::notify::HANDOVER, &body)?;
    tx.commit()?;
    Ok(())
}

/// The conversation of `customer_key`, created when new (console and tests).
pub fn conversation_for(
    conn: &Connection,
    shop: ShopId,
    customer_key: &str,
) -> Result<ConversationId, DbError> {
    crate::db::conversations::get_or_create(
        conn,
        shop,
        customer_key,
        &crate::db::conversations::NewConversation {
            phone: Some(customer_key),
            ..Default::default()
        },
    )
}

/// Stores one message of the console conversation.
pub fn add_message(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    direction: &str,
    body: &str,
) -> Result<(), DbError> {
    let author = if direction == "in" { "customer" } else { "bot" };
    crate::db::messages::insert(
        conn,
        shop,
        conv,
        &crate::db::messages::NewMessage {
            direction,
            kind: "text",
            body: Some(body),
            payload: None,
            status: "received",
            author,
        },
    )?;
    Ok(())
}

/// The shop settings the replies use, in one read.
pub fn settings(conn: &Connection, shop: ShopId) -> Result<Vec<(String, String)>, DbError> {
    let mut st = conn.prepare("SELECT key, value FROM settings WHERE shop_id = ?1")?;
    let rows = st
        .query_map([shop], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
