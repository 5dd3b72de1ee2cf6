//! The conversation as the assistant remembers it between two messages: its language,
//! how often it was unsure, and the [`Context`]: the products in discussion and the
//! words that named them, the draft quote and the flow it belongs to (a quote or an
//! order), and what the bot just asked (which variant, which products). Read before
//! deciding ([`load`]); what to remember next is part of the Decision ([`Memory`]) and
//! saved by the job that applies it ([`save`]).

use super::QuoteLine;
use crate::db::{assistant_state, conversations, Connection, ConversationId, DbError, ShopId};
use crate::kinds::ConversationStatus;
use serde::{Deserialize, Serialize};

/// A line the bot could not write yet: the variants it asked the customer to choose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub skus: Vec<String>,
    pub qty: Option<i64>,
}

/// What the bot just asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Asked {
    /// Which variant of these lines.
    Variants { lines: Vec<Pending> },
    /// Which products (and how many) to put on the quote.
    Products,
    /// To validate the draft quote.
    Validation,
}

/// What the conversation is about, for the next message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The products the last answer was about.
    #[serde(default)]
    pub products: Vec<String>,
    /// The product words that named them ("fer", "makalioka"): their family.
    #[serde(default)]
    pub words: Vec<String>,
    /// The quote as it stands.
    #[serde(default)]
    pub draft: Vec<QuoteLine>,
    /// `quote` or `order`: the flow the draft belongs to.
    #[serde(default)]
    pub flow: Option<String>,
    #[serde(default)]
    pub asked: Option<Asked>,
    /// The intent of the last product question (price, availability).
    #[serde(default)]
    pub last_intent: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ConvState {
    pub status: Option<ConversationStatus>,
    pub bot_paused: bool,
    pub language: Option<String>,
    pub unsure_count: i64,
    pub context: Context,
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
    let mut context: Context = serde_json::from_str(&stored.context).unwrap_or_default();
    // A draft kept by an older version in `pending_quote` only.
    if context.draft.is_empty() {
        if let Some(p) = stored
            .pending_quote
            .and_then(|p| serde_json::from_str::<Vec<QuoteLine>>(&p).ok())
        {
            context.draft = p;
        }
    }
    Ok(ConvState {
        status: stored.status,
        bot_paused: stored.bot_paused,
        language: stored.language,
        unsure_count: stored.unsure_count,
        context,
        recent,
    })
}

/// What to remember after answering.
#[derive(Debug, Clone, PartialEq)]
pub struct Memory {
    pub language: String,
    pub unsure_count: i64,
    pub context: Context,
}

pub fn save(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    m: &Memory,
) -> Result<(), DbError> {
    let c = &m.context;
    let skus = to_json(&c.products);
    let pending = (!c.draft.is_empty()).then(|| to_json(&c.draft));
    let context = serde_json::to_string(c).unwrap_or_else(|_| "{}".into());
    assistant_state::save(
        conn,
        shop,
        conv,
        &assistant_state::Save {
            language: &m.language,
            unsure_count: m.unsure_count,
            last_intent: c.last_intent.as_deref().unwrap_or(""),
            last_words: &c.words.join(" "),
            last_skus: &skus,
            pending_quote: Some(pending.as_deref()),
            context: &context,
        },
    )
}

/// A list stored as a JSON array (`[]` if it cannot be written).
fn to_json<T: serde::Serialize>(list: &[T]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}
