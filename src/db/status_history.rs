//! The status history of conversations (`conversation_status_history`, V80): every
//! change of `conversations.status`, written by triggers whoever makes it (ingest, the
//! bot's hand-over, the admin, the API), with the actor when the writer said who it
//! was. The dashboard's resolution time and escalation rate are computed from it.

use super::{ConversationId, DbError, ShopId};
use crate::kinds::ConversationStatus;
use rusqlite::{params, Connection};

/// One change of a conversation's status.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// `None`: the conversation was created with `to`.
    pub from: Option<ConversationStatus>,
    pub to: ConversationStatus,
    /// `agent:<account id>` or `customer`; `None` for the bot or the system.
    pub actor: Option<String>,
    pub at: String,
}

/// The changes of one conversation, oldest first.
pub fn of_conversation(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
) -> Result<Vec<Change>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT from_status, to_status, actor, at FROM conversation_status_history
         WHERE shop_id = ?1 AND conversation_id = ?2 ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![shop, conv], |r| {
            Ok(Change {
                from: r.get(0)?,
                to: r.get(1)?,
                actor: r.get(2)?,
                at: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Mean minutes from the start of an episode (the conversation's creation, or its
/// reopening) to its closing, over the closings since `since`; `None` without any.
pub fn mean_resolution_minutes(
    conn: &Connection,
    shop: ShopId,
    since: &str,
) -> Result<Option<f64>, DbError> {
    Ok(conn.query_row(
        "SELECT AVG((julianday(h.at) - julianday(COALESCE(
                    (SELECT max(s.at) FROM conversation_status_history s
                     WHERE s.conversation_id = h.conversation_id AND s.id < h.id
                       AND (s.from_status IS NULL OR s.from_status = 'closed')),
                    c.created_at))) * 1440.0)
         FROM conversation_status_history h JOIN conversations c ON c.id = h.conversation_id
         WHERE h.shop_id = ?1 AND h.to_status = 'closed' AND h.at >= ?2 AND c.simulated = 0",
        params![shop, since],
        |r| r.get(0),
    )?)
}

/// (conversations active since `since`, those of them that reached a person): handed
/// over to `needs_human` at some point of the period, or written in by an agent.
pub fn escalation(conn: &Connection, shop: ShopId, since: &str) -> Result<(i64, i64), DbError> {
    Ok(conn.query_row(
        "SELECT count(*), COALESCE(SUM(
                EXISTS (SELECT 1 FROM conversation_status_history h WHERE h.conversation_id = c.id
                        AND h.to_status = 'needs_human' AND h.at >= ?2)
                OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id
                           AND m.author LIKE 'agent:%' AND m.created_at >= ?2)), 0)
         FROM conversations c
         WHERE c.shop_id = ?1 AND c.simulated = 0 AND COALESCE(c.last_message_at, c.created_at) >= ?2",
        params![shop, since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
