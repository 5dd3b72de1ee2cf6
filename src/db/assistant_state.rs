//! The assistant's memory between messages (`assistant_state`, V30; its `context`
//! column, V51) and the
//! conversation fields it reads and moves (language, unsure count). SQL only: the
//! JSON columns are kept as text here and read by `assistant::state`.

use super::{ConversationId, DbError, ShopId};
use crate::kinds::ConversationStatus;
use rusqlite::{params, Connection, OptionalExtension};

/// What the conversation row and the memory row hold for the assistant.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    pub status: Option<ConversationStatus>,
    pub bot_paused: bool,
    pub language: Option<String>,
    pub unsure_count: i64,
    pub last_intent: Option<String>,
    pub last_words: String,
    /// JSON array of skus.
    pub last_skus: String,
    /// JSON `[{"sku","qty"}]`, or none.
    pub pending_quote: Option<String>,
    /// JSON object (V51): products in discussion, draft, what was asked.
    pub context: String,
}

/// The assistant's view of a conversation; [`DbError::NotFound`] for another shop's.
pub fn load(conn: &Connection, shop: ShopId, conv: ConversationId) -> Result<Stored, DbError> {
    let mut s = conn
        .query_row(
            "SELECT status, bot_paused, language, unsure_count FROM conversations
             WHERE id = ?1 AND shop_id = ?2",
            params![conv, shop],
            |r| {
                Ok(Stored {
                    status: Some(r.get(0)?),
                    bot_paused: r.get::<_, i64>(1)? != 0,
                    language: r.get(2)?,
                    unsure_count: r.get(3)?,
                    last_skus: "[]".into(),
                    context: "{}".into(),
                    ..Default::default()
                })
            },
        )
        .map_err(DbError::not_found_if_none)?;
    if let Some((intent, words, skus, pending, context)) = conn
        .query_row(
            "SELECT last_intent, last_words, last_skus, pending_quote, context FROM assistant_state
             WHERE conversation_id = ?1 AND shop_id = ?2",
            params![conv, shop],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
    {
        s.last_intent = intent;
        s.last_words = words;
        s.last_skus = skus;
        s.pending_quote = pending;
        s.context = context;
    }
    Ok(s)
}

/// What to remember after answering.
#[derive(Debug, Clone)]
pub struct Save<'a> {
    pub language: &'a str,
    pub unsure_count: i64,
    pub last_intent: &'a str,
    pub last_words: &'a str,
    /// JSON array.
    pub last_skus: &'a str,
    /// `Some(None)` clears the pending quote, `None` leaves it; JSON otherwise.
    pub pending_quote: Option<Option<&'a str>>,
    /// JSON object; replaces the stored context.
    pub context: &'a str,
}

pub fn save(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    u: &Save<'_>,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE conversations SET language = ?3, unsure_count = ?4 WHERE id = ?1 AND shop_id = ?2",
        params![conv, shop, u.language, u.unsure_count],
    )?;
    conn.execute(
        "INSERT INTO assistant_state (conversation_id, shop_id, last_intent, last_words, last_skus, context)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (conversation_id) DO UPDATE SET last_intent = excluded.last_intent,
           last_words = excluded.last_words, last_skus = excluded.last_skus,
           context = excluded.context,
           updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE assistant_state.shop_id = excluded.shop_id",
        params![conv, shop, u.last_intent, u.last_words, u.last_skus, u.context],
    )?;
    if let Some(pending) = u.pending_quote {
        conn.execute(
            "UPDATE assistant_state SET pending_quote = ?3 WHERE conversation_id = ?1 AND shop_id = ?2",
            params![conv, shop, pending],
        )?;
    }
    Ok(())
}
