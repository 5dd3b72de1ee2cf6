//! The durable work queue (`jobs`): what the workers in `jobs/` have left to do
//! (assistant replies, media downloads). Rows are written in the transaction that stores
//! the message they are about; each `queue_*` function owns the payload of its kind.
//! SQL only: the retry policy is the worker's.

use super::{now_text, DbError, MessageId, ShopId};
use crate::kinds::JobKind;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// The payload of a `reply` job: the stored inbound message to answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReplyPayload {
    pub message_id: MessageId,
    /// The id of the reply button or list row the customer pressed.
    #[serde(default)]
    pub reply_id: Option<String>,
    /// A cart from the shop's Meta catalogue: (our SKU, quantity).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cart: Vec<(String, i64)>,
    /// A reaction: the wamid of the message it is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction_to: Option<String>,
    /// The catalogue product the customer asked about (a reply to a product message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_sku: Option<String>,
}

/// The payload of a `media_download` job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MediaPayload {
    pub message_id: MessageId,
    pub media_id: String,
    pub account_id: i64,
    /// A voice note to transcribe: its reply is queued once the first attempt ends
    /// (with the transcript, or without it and handed to a person).
    #[serde(default)]
    pub then_reply: bool,
}

/// The payload of a `payment_request` job: the order, the number the customer sent
/// (else the order's phone) and the operator they named (`PaidBy` as text).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaymentPayload {
    pub order_id: i64,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub said: Option<String>,
}

/// Queues the mobile-money request the customer asked for.
pub fn queue_payment_request(
    conn: &Connection,
    shop: ShopId,
    payload: &PaymentPayload,
) -> Result<i64, DbError> {
    insert(
        conn,
        shop,
        JobKind::PaymentRequest,
        &serde_json::json!(payload),
    )
}

/// A claimed job.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub shop: ShopId,
    pub payload: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
    pub created_at: String,
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
        ..Default::default()
    };
    queue_reply_with(conn, shop, &payload)
}

/// Queues the reply described by `payload`.
pub fn queue_reply_with(
    conn: &Connection,
    shop: ShopId,
    payload: &ReplyPayload,
) -> Result<i64, DbError> {
    insert(conn, shop, JobKind::Reply, &serde_json::json!(payload))
}

/// True when a reply to `message` was ever queued.
pub fn reply_queued(conn: &Connection, shop: ShopId, message: MessageId) -> Result<bool, DbError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM jobs WHERE shop_id = ?1 AND kind = 'reply'
               AND json_extract(payload, '$.message_id') = ?2 LIMIT 1",
            params![shop, message],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// True when a reply to `message` is still waiting to run.
pub fn reply_pending(conn: &Connection, shop: ShopId, message: MessageId) -> Result<bool, DbError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM jobs WHERE shop_id = ?1 AND kind = 'reply' AND status IN ('pending', 'running')
               AND json_extract(payload, '$.message_id') = ?2 LIMIT 1",
            params![shop, message],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Queues the download of an inbound message's media through the number `account`
/// it came to.
pub fn queue_media_download(
    conn: &Connection,
    shop: ShopId,
    message: MessageId,
    media_id: &str,
    account: i64,
    then_reply: bool,
) -> Result<i64, DbError> {
    let payload = MediaPayload {
        message_id: message,
        media_id: media_id.to_string(),
        account_id: account,
        then_reply,
    };
    insert(
        conn,
        shop,
        JobKind::MediaDownload,
        &serde_json::json!(payload),
    )
}

/// The next due job of a kind. `+run_after` keeps SQLite off the `(status, run_after)`
/// index, whose range it would then sort by id: through `jobs_claim` (V110) the claim
/// reads the first due row in id order and costs the same at any backlog (only jobs
/// waiting for a retry at the head are stepped over).
macro_rules! next_pending {
    () => {
        "SELECT id FROM jobs WHERE status = 'pending' AND kind = ?1 AND +run_after <= ?2 ORDER BY id LIMIT 1"
    };
}

/// The query [`claim`] runs to pick its job (its plan is tested).
pub const NEXT_PENDING: &str = next_pending!();

/// Takes the oldest due job of `kind`: marks it running and counts the attempt.
pub fn claim(conn: &Connection, kind: JobKind) -> Result<Option<Job>, DbError> {
    Ok(conn
        .prepare_cached(concat!(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1 WHERE id = (",
            next_pending!(),
            ") RETURNING id, shop_id, payload, attempts, created_at"
        ))?
        .query_row(params![kind, now_text()], job_row)
        .optional()?)
}

/// The next due job of a kind in the first shop after `after` that has one, in
/// (shop, id) order through `jobs_fair` (V111): round-robin over the shops, oldest job
/// first within a shop, no sort at any backlog.
macro_rules! next_fair {
    () => {
        "SELECT id FROM jobs WHERE status = 'pending' AND kind = ?1 AND shop_id > ?3 AND +run_after <= ?2 ORDER BY shop_id, id LIMIT 1"
    };
}

/// The query [`claim_fair`] runs to pick its job (its plan is tested).
pub const NEXT_FAIR: &str = next_fair!();

/// Takes the oldest due job of `kind` of the first shop after `after` (wrapping round
/// to the first shop): each shop with work gets one job per round, so a shop flooded
/// with messages delays another shop's reply by one job per busy shop, not by its
/// whole backlog.
pub fn claim_fair(conn: &Connection, kind: JobKind, after: ShopId) -> Result<Option<Job>, DbError> {
    let mut stmt = conn.prepare_cached(concat!(
        "UPDATE jobs SET status = 'running', attempts = attempts + 1 WHERE id = (",
        next_fair!(),
        ") RETURNING id, shop_id, payload, attempts, created_at"
    ))?;
    let now = now_text();
    let mut take = |after: ShopId| {
        stmt.query_row(params![kind, now, after], job_row)
            .optional()
    };
    match take(after)? {
        Some(job) => Ok(Some(job)),
        None if after > ShopId(0) => Ok(take(ShopId(0))?),
        None => Ok(None),
    }
}

/// A claimed job from `RETURNING id, shop_id, payload, attempts, created_at`.
fn job_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Job> {
    Ok(Job {
        id: r.get(0)?,
        shop: r.get(1)?,
        payload: r.get(2)?,
        attempts: r.get(3)?,
        created_at: r.get(4)?,
    })
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
