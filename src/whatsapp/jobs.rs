//! The job workers: `reply` jobs ask the responder what to answer to a stored inbound
//! message and queue the answers in the outbox (one transaction with marking the job
//! done); `media_download` jobs fetch a customer's photo or file into the FileStore.
//! Failed jobs are retried with backoff, then marked failed with the reason.
//! Replies run one at a time, so a customer's answers keep the order of their questions.

use super::providers::{self, SendError};
use super::{outbox, ratelimit, Inbound};
use crate::db::{conversations, messages, now_text, DbError, MessageId, ShopId};
use crate::startup::AppState;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use std::time::Duration;

const MAX_ATTEMPTS: i64 = 6;
const POLL: Duration = Duration::from_secs(1);

struct Job {
    id: i64,
    shop: ShopId,
    payload: String,
    attempts: i64,
}

#[derive(Deserialize)]
struct ReplyPayload {
    message_id: MessageId,
    #[serde(default)]
    reply_id: Option<String>,
}

#[derive(Deserialize)]
struct MediaPayload {
    message_id: MessageId,
    media_id: String,
    account_id: i64,
}

fn claim(conn: &Connection, kind: &str) -> Result<Option<Job>, DbError> {
    Ok(conn
        .query_row(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1
             WHERE id = (SELECT id FROM jobs WHERE status = 'pending' AND kind = ?1 AND run_after <= ?2 ORDER BY id LIMIT 1)
             RETURNING id, shop_id, payload, attempts",
            params![kind, now_text()],
            |r| Ok(Job { id: r.get(0)?, shop: r.get(1)?, payload: r.get(2)?, attempts: r.get(3)? }),
        )
        .optional()?)
}

fn finish(conn: &Connection, job: i64) -> Result<(), DbError> {
    conn.execute(
        "UPDATE jobs SET status = 'done', last_error = NULL WHERE id = ?1",
        [job],
    )?;
    Ok(())
}

/// Puts a failed job back with a delay, or fails it for good after MAX_ATTEMPTS.
fn retry_or_fail(
    conn: &Connection,
    job: &Job,
    reason: &str,
    permanent: bool,
) -> Result<(), DbError> {
    if permanent || job.attempts >= MAX_ATTEMPTS {
        conn.execute(
            "UPDATE jobs SET status = 'failed', last_error = ?2 WHERE id = ?1",
            params![job.id, reason],
        )?;
    } else {
        let next = (chrono::Utc::now() + chrono::Duration::seconds(1 << job.attempts.min(10)))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        conn.execute(
            "UPDATE jobs SET status = 'pending', last_error = ?2, run_after = ?3 WHERE id = ?1",
            params![job.id, reason, next],
        )?;
    }
    Ok(())
}

/// Runs jobs of `kind` until the server shuts down.
pub async fn run(state: AppState, kind: &'static str) {
    let mut shutdown = state.shutdown.clone();
    let _ = state
        .db
        .write(move |c| {
            Ok(c.execute(
                "UPDATE jobs SET status = 'pending' WHERE status = 'running' AND kind = ?1",
                [kind],
            )?)
        })
        .await;
    loop {
        if *shutdown.borrow() {
            break;
        }
        let job = match state.db.write(move |c| claim(c, kind)).await {
            Ok(job) => job,
            Err(e) => {
                tracing::error!(error = %e, kind, "cannot claim a job");
                None
            }
        };
        let Some(job) = job else {
            tokio::select! {
                _ = state.whatsapp.jobs_wake.notified(), if kind == "reply" => {}
                _ = tokio::time::sleep(POLL) => {}
                r = shutdown.changed() => if r.is_err() { break },
            }
            continue;
        };
        let result = match kind {
            "reply" => reply(&state, &job).await,
            _ => download(&state, &job).await,
        };
        let (id, outcome) = (job.id, result);
        let recorded = state
            .db
            .write(move |c| match outcome {
                Ok(()) => finish(c, id),
                Err((reason, permanent)) => {
                    tracing::warn!(job = id, kind, reason = %reason, "job failed");
                    retry_or_fail(c, &job, &reason, permanent)
                }
            })
            .await;
        if let Err(e) = recorded {
            tracing::error!(error = %e, job = id, "cannot record a job result");
        }
    }
    tracing::debug!(kind, "job worker stopped");
}

type JobResult = Result<(), (String, bool)>;

async fn reply(state: &AppState, job: &Job) -> JobResult {
    let p: ReplyPayload = serde_json::from_str(&job.payload).map_err(|e| (e.to_string(), true))?;
    let (shop, limit) = (
        job.shop,
        state.settings.whatsapp.customer_messages_per_minute,
    );
    let prepared = state
        .db
        .read(move |c| {
            let msg = messages::get(c, shop, p.message_id)?;
            let conv = conversations::get(c, shop, msg.conversation_id)?;
            if conv.bot_paused || conv.status == "needs_human" {
                return Ok(None);
            }
            if ratelimit::is_flooding(c, shop, conv.id, msg.id, limit)? {
                return Ok(Some(Err(())));
            }
            let first_message = messages::is_first_inbound(c, shop, conv.id, msg.id)?;
            Ok(Some(Ok(Inbound {
                shop,
                conversation: conv.id,
                message: msg.id,
                customer_phone: conv.customer_phone,
                customer_name: conv.customer_name,
                kind: msg.kind,
                text: msg.body,
                reply_id: p.reply_id,
                first_message,
            })))
        })
        .await
        .map_err(|e| (e.to_string(), false))?;
    let inbound = match prepared {
        None => return Ok(()),
        Some(Err(())) => {
            state.metrics.incr("whatsapp_flood_throttled_total", 1);
            return Ok(());
        }
        Some(Ok(inbound)) => inbound,
    };
    let (responder, db) = (state.responder.clone(), state.db.clone());
    let answers =
        tokio::task::spawn_blocking(move || responder.respond(&db, &inbound).map(|a| (inbound, a)))
            .await
            .map_err(|e| (format!("responder panicked: {e}"), false))?
            .map_err(|e| (format!("responder: {e:#}"), false))?;
    let (inbound, answers) = answers;
    if answers.is_empty() {
        return Ok(());
    }
    let n = answers.len() as u64;
    state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            for a in &answers {
                outbox::enqueue(&tx, inbound.shop, inbound.conversation, a, "bot")?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
        .map_err(|e| {
            (
                e.to_string(),
                matches!(e, DbError::Invalid(_) | DbError::NotFound),
            )
        })?;
    state.metrics.incr("whatsapp_replies_queued_total", n);
    state.whatsapp.outbox_wake.notify_one();
    Ok(())
}

async fn download(state: &AppState, job: &Job) -> JobResult {
    let p: MediaPayload = serde_json::from_str(&job.payload).map_err(|e| (e.to_string(), true))?;
    let (shop, account) = (job.shop, p.account_id);
    let sender = state
        .db
        .read(move |c| crate::db::numbers::sender(c, shop, account))
        .await
        .map_err(|e| (e.to_string(), matches!(e, DbError::NotFound)))?;
    let (bytes, _mime) =
        providers::download_media(&state.http, &state.settings.whatsapp, &sender, &p.media_id)
            .await
            .map_err(|e| match e {
                SendError::Retry(r) => (r, false),
                SendError::Permanent(r) => (r, true),
            })?;
    let name = format!("media/{}/{}", shop, p.message_id);
    let (files, n) = (state.files.clone(), name.clone());
    tokio::task::spawn_blocking(move || files.put(&n, &bytes))
        .await
        .map_err(|e| (e.to_string(), false))?
        .map_err(|e| (e.to_string(), false))?;
    let mid = p.message_id;
    state
        .db
        .write(move |c| messages::set_media_path(c, shop, mid, &name))
        .await
        .map_err(|e| (e.to_string(), false))?;
    state.metrics.incr("whatsapp_media_downloaded_total", 1);
    Ok(())
}

/// Queues a reply job for a stored inbound message (ingest does this itself).
pub fn queue_reply(
    conn: &Connection,
    shop: ShopId,
    message: MessageId,
    reply_id: Option<&str>,
) -> Result<i64, DbError> {
    crate::db::jobs::queue_reply(conn, shop, message, reply_id)
}
