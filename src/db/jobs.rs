//! The durable work queue (`jobs`): what the workers in `jobs/` have left to do
//! (assistant replies, media downloads). Rows are written in the transaction that stores
//! the message they are about; each `queue_*` function owns the payload of its kind.
//! SQL only: the retry policy is the worker's.

use super::{now_text, DbError, MessageId, ShopId};
use crate::kinds::JobKind;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// The payload of a `reply` job: the stored inbound message to answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReplyPayload {
    pub message_id: MessageId,
    /// The id of the reply button or list row the customer pressed.
    #[serde(default)]
    pub reply_id: Option<String>,
}

/// The payload of a `media_download` job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MediaPayload {
    pub message_id: MessageId,
    pub media_id: String,
    pub account_id: i64,
}

/// A claimed job.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub shop: ShopId,
    pub payload: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// Queues a job; returns its id.
pub fn insert(
    conn: &Connection,
    shop: ShopId,
    kind: JobKind,
    payload: &serde_json::Value,
) -> Result<i64, DbError> {
    conn.prepare_cached("INSERT INTO jobs (shop_id, kind, payload) VALUES (?1, ?2, ?3)")?
        .execute(params![shop, kind, payload.to_string()])?;
    Ok(conn.last_insert_rowid())
}

/// Queues the reply to a stored inbound message.
pub fn queue_reply(
    conn: &Connection,
    shop: ShopId,
    message: MessageId,
    reply_id: Option<&str>,
) -> Result<i64, DbError> {
    let payload = ReplyPayload {
        message_id: message,
        reply_id: reply_id.map(str::to_string),
    };
    insert(conn, shop, JobKind::Reply, &serde_json::json!(payload))
}

/// Queues the download of an inbound message's media through the number `account`
/// it came to.
pub fn queue_media_download(
    conn: &Connection,
    shop: ShopId,
    message: MessageId,
    media_id: &str,
    account: i64,
) -> Result<i64, DbError> {
    let payload = MediaPayload {
        message_id: message,
        media_id: media_id.to_string(),
        account_id: account,
    };
    insert(
        conn,
        shop,
        JobKind::MediaDownload,
        &serde_json::json!(payload),
    )
}

/// Takes the oldest due job of `kind`: marks it running and counts the attempt.
pub fn claim(conn: &Connection, kind: JobKind) -> Result<Option<Job>, DbError> {
    Ok(conn
        .prepare_cached(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1
             WHERE id = (SELECT id FROM jobs WHERE status = 'pending' AND kind = ?1 AND run_after <= ?2 ORDER BY id LIMIT 1)
             RETURNING id, shop_id, payload, attempts",
        )?
        .query_row(params![kind, now_text()], |r| {
            Ok(Job {
                id: r.get(0)?,
                shop: r.get(1)?,
                payload: r.get(2)?,
                attempts: r.get(3)?,
            })
        })
        .optional()?)
}

/// The job is done.
pub fn finish(conn: &Connection, job: i64) -> Result<(), DbError> {
    conn.prepare_cached("UPDATE jobs SET status = 'done', last_error = NULL WHERE id = ?1")?
        .execute([job])?;
    Ok(())
}

/// The job failed for good, with the reason.
pub fn fail(conn: &Connection, job: i64, reason: &str) -> Result<(), DbError> {
    conn.execute(
        "UPDATE jobs SET status = 'failed', last_error = ?2 WHERE id = ?1",
        params![job, reason],
    )?;
    Ok(())
}

/// The job goes back to the queue, not before `run_after` (`YYYY-MM-DDTHH:MM:SSZ`).
pub fn retry_at(conn: &Connection, job: i64, reason: &str, run_after: &str) -> Result<(), DbError> {
    conn.execute(
        "UPDATE jobs SET status = 'pending', last_error = ?2, run_after = ?3 WHERE id = ?1",
        params![job, reason, run_after],
    )?;
    Ok(())
}

/// Jobs of `kind` left running by a stopped process go back to the queue.
pub fn requeue_running(conn: &Connection, kind: JobKind) -> Result<usize, DbError> {
    Ok(conn.execute(
        "UPDATE jobs SET status = 'pending' WHERE status = 'running' AND kind = ?1",
        [kind],
    )?)
}
