//! What happens to a stored message afterwards: its sender edits or deletes it, its
//! media is fetched (or refused), a voice note is transcribed, a status brings its
//! price; and what the admin thread shows of that beside the text ([`extras`]).

use super::{ConversationId, DbError, MessageId, ShopId};
use crate::kinds::MediaState;
use rusqlite::{params, Connection, OptionalExtension};

/// The stored message an `edit` or `revoke` is about.
#[derive(Debug, Clone)]
pub struct Target {
    pub id: MessageId,
    pub conversation: ConversationId,
    /// `in` or `out`.
    pub direction: String,
}

fn target(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    wamid: &str,
) -> Result<Option<Target>, DbError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, conversation_id, direction FROM messages
             WHERE shop_id = ?1 AND (wa_account_id = ?2 OR wa_account_id IS NULL) AND wamid = ?3
             ORDER BY wa_account_id IS NULL LIMIT 1",
        )?
        .query_row(params![shop, account, wamid], |r| {
            Ok(Target {
                id: r.get(0)?,
                conversation: r.get(1)?,
                direction: r.get(2)?,
            })
        })
        .optional()?)
}

/// True when `wamid` is a message the shop sent (bot, agent or owner).
pub fn is_ours(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    wamid: &str,
) -> Result<bool, DbError> {
    Ok(target(conn, shop, account, wamid)?.is_some_and(|t| t.direction == "out"))
}

/// The file name of the document the shop sent in `conv` as `wamid` (a devis PDF is
/// `DEV-2026-0001.pdf`), if that message is one.
pub fn document_of(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    wamid: &str,
) -> Result<Option<String>, DbError> {
    sent_field(
        conn,
        "SELECT json_extract(payload, '$.filename') FROM messages
         WHERE shop_id = ?1 AND conversation_id = ?2 AND wamid = ?3 AND direction = 'out'
           AND kind = 'document' AND json_valid(payload)",
        (shop, conv, wamid),
    )
}

/// The SKU of the catalogue product our message `wamid` of `conv` showed, if it was a
/// product message: a customer quoting it asks about that product.
pub fn product_of(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    wamid: &str,
) -> Result<Option<String>, DbError> {
    sent_field(
        conn,
        "SELECT json_extract(payload, '$.sku') FROM messages
         WHERE shop_id = ?1 AND conversation_id = ?2 AND wamid = ?3 AND direction = 'out'
           AND json_valid(payload) AND json_extract(payload, '$.type') = 'product'",
        (shop, conv, wamid),
    )
}

/// One field of the payload of a message the shop sent, read by `sql` (which filters
/// by shop, conversation and wamid, in that order); `None` when absent.
fn sent_field(
    conn: &Connection,
    sql: &str,
    (shop, conv, wamid): (ShopId, ConversationId, &str),
) -> Result<Option<String>, DbError> {
    Ok(conn
        .query_row(sql, params![shop, conv, wamid], |r| {
            r.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten())
}

/// The sender edited message `wamid`: its text becomes `body`. Returns the message, or
/// `None` when it is not stored (an edit of a message we never received).
pub fn edit(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    wamid: &str,
    body: Option<&str>,
) -> Result<Option<Target>, DbError> {
    let Some(t) = target(conn, shop, account, wamid)? else {
        return Ok(None);
    };
    conn.execute(
        "UPDATE messages SET body = COALESCE(?3, body), edited_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE shop_id = ?1 AND id = ?2",
        params![shop, t.id, body],
    )?;
    Ok(Some(t))
}

/// The sender deleted message `wamid` for everyone: the admin hides it.
pub fn revoke(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    wamid: &str,
) -> Result<Option<Target>, DbError> {
    let Some(t) = target(conn, shop, account, wamid)? else {
        return Ok(None);
    };
    conn.execute(
        "UPDATE messages SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE shop_id = ?1 AND id = ?2 AND revoked_at IS NULL",
        params![shop, t.id],
    )?;
    Ok(Some(t))
}

/// True when the shop side wrote in the conversation after message `id`: an edit of an
/// answered message does not call for another answer.
pub fn answered_after(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    id: MessageId,
) -> Result<bool, DbError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM messages WHERE shop_id = ?1 AND conversation_id = ?2 AND direction = 'out' AND id > ?3 LIMIT 1",
            params![shop, conv, id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The media of message `id` is stored under `path`.
pub fn set_media_path(
    conn: &Connection,
    shop: ShopId,
    id: MessageId,
    path: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE messages SET media_path = ?3, media_state = 'stored', media_note = NULL
         WHERE shop_id = ?1 AND id = ?2",
        params![shop, id, path],
    )?;
    Ok(())
}

/// The media of message `id` could not be stored, and why (French, for the thread).
pub fn set_media_state(
    conn: &Connection,
    shop: ShopId,
    id: MessageId,
    state: MediaState,
    note: Option<&str>,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE messages SET media_state = ?3, media_note = ?4 WHERE shop_id = ?1 AND id = ?2",
        params![shop, id, state, note],
    )?;
    Ok(())
}

/// A voice note's text, from the speech-to-text server.
pub fn set_transcript(
    conn: &Connection,
    shop: ShopId,
    id: MessageId,
    text: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE messages SET transcript = ?3 WHERE shop_id = ?1 AND id = ?2",
        params![shop, id, text],
    )?;
    Ok(())
}

/// What a status said the message costs: Meta's pricing category and whether it is
/// billed.
pub fn set_pricing(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    wamid: &str,
    category: Option<&str>,
    billable: Option<bool>,
) -> Result<(), DbError> {
    if category.is_none() && billable.is_none() {
        return Ok(());
    }
    conn.prepare_cached(
        "UPDATE messages SET pricing_category = COALESCE(?4, pricing_category), billable = COALESCE(?5, billable)
         WHERE shop_id = ?1 AND (wa_account_id = ?2 OR wa_account_id IS NULL) AND wamid = ?3",
    )?
    .execute(params![shop, account, wamid, category, billable])?;
    Ok(())
}

/// What the thread shows of a message beside its text.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    pub id: MessageId,
    /// The text of the message it quotes, when that one is stored.
    pub quoted: Option<String>,
    pub transcript: Option<String>,
    pub media_state: Option<MediaState>,
    pub media_note: Option<String>,
    pub edited: bool,
    pub revoked: bool,
    /// Voice note (`audio` with `voice: true`).
    pub voice: bool,
}

/// The extras of the conversation's messages with an id above `after`.
pub fn extras(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    after: i64,
) -> Result<Vec<Extras>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT m.id,
                (SELECT COALESCE(q.body, '[' || q.kind || ']') FROM messages q
                  WHERE q.shop_id = m.shop_id AND q.conversation_id = m.conversation_id
                    AND q.wamid = m.context_wamid LIMIT 1),
                m.transcript, m.media_state, m.media_note, m.edited_at IS NOT NULL,
                m.revoked_at IS NOT NULL,
                m.kind = 'audio' AND json_valid(m.payload) AND json_extract(m.payload, '$.audio.voice') = 1
         FROM messages m WHERE m.shop_id = ?1 AND m.conversation_id = ?2 AND m.id > ?3
           AND (m.context_wamid IS NOT NULL OR m.transcript IS NOT NULL OR m.media_state IS NOT NULL
                OR m.edited_at IS NOT NULL OR m.revoked_at IS NOT NULL)",
    )?;
    let rows = stmt
        .query_map(params![shop, conv, after], |r| {
            Ok(Extras {
                id: r.get(0)?,
                quoted: r.get(1)?,
                transcript: r.get(2)?,
                media_state: r.get(3)?,
                media_note: r.get(4)?,
                edited: r.get(5)?,
                revoked: r.get(6)?,
                voice: r.get::<_, Option<bool>>(7)?.unwrap_or(false),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
