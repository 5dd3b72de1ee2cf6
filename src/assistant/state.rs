//! The conversation as the assistant remembers it between two messages: its language,
//! how often it was unsure, the products and quote lines in discussion, and the last
//! messages. Read before deciding ([`load`]); what to remember next is part of the
//! Decision ([`Memory`]) and saved by the job that applies it ([`save`]).

use super::QuoteLine;
use crate::db::{assistant_state, conversations, Connection, ConversationId, DbError, ShopId};
use crate::kinds::ConversationStatus;

#[derive(Debug, Clone, Default)]
pub struct ConvState {
    pub status: Option<ConversationStatus>,
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
    let stored = assistant_state::load(conn, shop, conv)?;
    let mut recent = conversations::recent_messages(conn, shop, conv, limit + 1)?;
    if recent
        .last()
        .is_some_and(|(d, b)| d == "in" && b.trim() == current.trim())
    {
        recent.pop();
    }
    if recent.len() > limit {
        recent.drain(..recent.len() - limit);
    }
    Ok(ConvState {
        status: stored.status,
        bot_paused: stored.bot_paused,
        language: stored.language,
        unsure_count: stored.unsure_count,
        last_intent: stored.last_intent,
        last_words: stored.last_words,
        last_skus: serde_json::from_str(&stored.last_skus).unwrap_or_default(),
        pending_quote: stored
            .pending_quote
            .and_then(|p| serde_json::from_str(&p).ok()),
        recent,
    })
}

/// What to remember after answering.
#[derive(Debug, Clone, PartialEq)]
pub struct Memory {
    pub language: String,
    pub unsure_count: i64,
    pub last_intent: String,
    pub last_words: String,
    pub last_skus: Vec<String>,
    /// `Some(None)` clears the pending quote, `None` leaves it.
    pub pending_quote: Option<Option<Vec<QuoteLine>>>,
}

pub fn save(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    m: &Memory,
) -> Result<(), DbError> {
    let skus = to_json(&m.last_skus);
    let pending = m
        .pending_quote
        .as_ref()
        .map(|p| p.as_ref().map(|lines| to_json(lines)));
    assistant_state::save(
        conn,
        shop,
        conv,
        &assistant_state::Save {
            language: &m.language,
            unsure_count: m.unsure_count,
            last_intent: &m.last_intent,
            last_words: &m.last_words,
            last_skus: &skus,
            pending_quote: pending.as_ref().map(|p| p.as_deref()),
        },
    )
}

/// A list stored as a JSON array (`[]` if it cannot be written).
fn to_json<T: serde::Serialize>(list: &[T]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}
