//! State changes of outbox rows and of the messages they carry. A row goes
//! `pending -> sending -> sent | failed`, or back to `pending` with a later
//! `next_attempt_at` on a temporary error. Each change is one transaction, so the
//! outbox row and its message never disagree.

use crate::db::{now_text, DbError};
use rusqlite::{params, Connection};

/// Claims a pending row for sending; false when someone else took it.
pub fn claim(conn: &Connection, outbox_id: i64) -> Result<bool, DbError> {
    Ok(conn.execute(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?1 AND status = 'pending'",
        [outbox_id],
    )? == 1)
}

/// The provider accepted the message: record its id on both rows.
pub fn mark_sent(
    conn: &mut Connection,
    outbox_id: i64,
    message_id: Option<i64>,
    provider_id: &str,
) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    let pid = (!provider_id.is_empty()).then_some(provider_id);
    tx.execute(
        "UPDATE outbox SET status = 'sent', provider_message_id = ?2, sent_at = ?3, last_error = NULL WHERE id = ?1",
        params![outbox_id, pid, now_text()],
    )?;
    if let Some(mid) = message_id {
        tx.execute(
            "UPDATE messages SET
               wamid = CASE WHEN ?2 IS NULL OR EXISTS (SELECT 1 FROM messages m WHERE m.wamid = ?2) THEN wamid ELSE ?2 END,
               status = CASE WHEN status_rank = 0 THEN 'accepted' ELSE status END
             WHERE id = ?1",
            params![mid, pid],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// A temporary failure: back to pending until `next_at`.
pub fn mark_retry(
    conn: &Connection,
    outbox_id: i64,
    reason: &str,
    next_at: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE outbox SET status = 'pending', last_error = ?2, next_attempt_at = ?3 WHERE id = ?1",
        params![outbox_id, reason, next_at],
    )?;
    Ok(())
}

/// A permanent failure, shown to the owner on the message.
pub fn mark_failed(
    conn: &mut Connection,
    outbox_id: i64,
    message_id: Option<i64>,
    reason: &str,
) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE outbox SET status = 'failed', last_error = ?2 WHERE id = ?1",
        params![outbox_id, reason],
    )?;
    if let Some(mid) = message_id {
        tx.execute(
            "UPDATE messages SET status = 'failed', status_rank = 5, error = ?2 WHERE id = ?1",
            params![mid, reason],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Rows a stopped server left in `sending` go back to `pending`. This is the
/// at-least-once window: a row whose provider call succeeded just before a crash,
/// but whose `sent` was not yet committed, is sent again after the restart.
pub fn requeue_interrupted(conn: &Connection) -> Result<usize, DbError> {
    Ok(conn.execute(
        "UPDATE outbox SET status = 'pending' WHERE status = 'sending'",
        [],
    )?)
}
