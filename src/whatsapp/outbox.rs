//! The outbox sender: a worker ([`run_sender`]) that posts due outbox rows to their
//! number's provider, in order per customer, paced by the pair rate and the shop cap,
//! retrying temporary failures with exponential backoff and jitter for as long as it
//! takes (a power cut, a dead uplink) and recording permanent failures on the row.
//! The rows themselves, and queueing one ([`enqueue`]), are `db::outbox`'s.
//!
//! A row is claimed (`sending`) before the provider call and marked `sent` right
//! after it, so a row accepted by the provider is never posted again; the only
//! repeat is a crash between those two commits (see `db::outbox::requeue_interrupted`).

use super::providers::{self, SendError};
use super::ratelimit::SendLimiter;
use crate::crypto::FileStore;
use crate::db::outbox::{self as rows, DueRow};
use crate::db::Db;
use crate::message::OutgoingMessage;
use crate::settings::WhatsappSettings;
use crate::telemetry::{mask_phone, Metrics};
use futures_util::StreamExt;
use rand::Rng;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{watch, Notify};

/// Rows looked at per round, and sent concurrently at most.
const ROUND: i64 = 64;
const CONCURRENCY: usize = 8;
/// Idle wait between two looks at the outbox when nothing wakes the sender.
const POLL: Duration = Duration::from_millis(500);

/// Everything the sender works with, handed over by the composition root.
#[derive(Clone)]
pub struct SenderContext {
    pub db: Db,
    pub http: reqwest::Client,
    pub settings: WhatsappSettings,
    /// Where documents and images to upload are stored.
    pub files: FileStore,
    pub metrics: Metrics,
    /// Notified when rows are queued (the sender also polls, for other writers).
    pub wake: Arc<Notify>,
    /// Flips to `true` (or its sender drops) when the server shuts down.
    pub shutdown: watch::Receiver<bool>,
}

/// Exponential backoff with jitter: 1 s, 2 s, 4 s... capped, each scaled by 0.5-1.
pub fn backoff(attempts: i64, cap_secs: u64) -> Duration {
    let exp = 1u64 << attempts.clamp(0, 20);
    let ceiling = exp.min(cap_secs.max(1)) as f64;
    Duration::from_secs_f64(ceiling * rand::thread_rng().gen_range(0.5..=1.0))
}

/// The sender worker: runs until the server shuts down.
pub async fn run_sender(ctx: SenderContext) {
    let mut shutdown = ctx.shutdown.clone();
    match ctx.db.write(|c| rows::requeue_interrupted(c)).await {
        Ok(n) if n > 0 => tracing::warn!(
            rows = n,
            "outbox rows interrupted mid-send are queued again"
        ),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "cannot requeue interrupted outbox rows"),
    }
    let ws = &ctx.settings;
    let mut limiter = SendLimiter::new(ws.pair_interval_ms, ws.shop_messages_per_second);
    loop {
        if *shutdown.borrow() {
            break;
        }
        let due = match ctx.db.read(|c| rows::due(c, ROUND)).await {
            Ok(due) => due,
            Err(e) => {
                tracing::error!(error = %e, "cannot read the outbox");
                Vec::new()
            }
        };
        let now = Instant::now();
        let ready: Vec<DueRow> = due
            .into_iter()
            .filter(|r| limiter.try_acquire(r.shop, r.account, &r.to, now))
            .collect();
        let busy = !ready.is_empty();
        futures_util::stream::iter(ready)
            .for_each_concurrent(CONCURRENCY, |row| send_row(&ctx, row))
            .await;
        if busy {
            continue;
        }
        tokio::select! {
            _ = ctx.wake.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
            r = shutdown.changed() => if r.is_err() { break },
        }
    }
    tracing::debug!("outbox sender stopped");
}

async fn send_row(ctx: &SenderContext, row: DueRow) {
    let (id, shop) = (row.id, row.shop);
    match ctx.db.write(move |c| rows::claim(c, shop, id)).await {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => {
            tracing::error!(error = %e, outbox = id, "cannot claim an outbox row");
            return;
        }
    }
    let result = match serde_json::from_str::<OutgoingMessage>(&row.payload) {
        Ok(msg) => {
            providers::send(
                &ctx.http,
                &ctx.settings,
                &ctx.files,
                &row.sender,
                &row.to,
                &msg,
            )
            .await
        }
        Err(e) => Err(SendError::Permanent(format!(
            "unreadable outbox payload: {e}"
        ))),
    };
    let (mid, to) = (row.message_id, mask_phone(&row.to));
    let recorded = match result {
        Ok(provider_id) => {
            ctx.metrics.incr("whatsapp_messages_sent_total", 1);
            tracing::info!(outbox = id, customer = %to, provider = %row.sender.provider, "message sent");
            ctx.db
                .write(move |c| rows::mark_sent(c, shop, id, mid, &provider_id))
                .await
        }
        Err(SendError::Retry(reason)) => {
            ctx.metrics.incr("whatsapp_send_retries_total", 1);
            let wait = backoff(row.attempts, ctx.settings.max_retry_delay_secs);
            let next = (chrono::Utc::now()
                + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::zero()))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
            tracing::warn!(outbox = id, customer = %to, reason = %reason, retry_in_ms = wait.as_millis() as u64, "send failed, will retry");
            ctx.db
                .write(move |c| rows::mark_retry(c, shop, id, &reason, &next))
                .await
        }
        Err(SendError::Permanent(reason)) => {
            ctx.metrics.incr("whatsapp_send_failures_total", 1);
            tracing::warn!(outbox = id, customer = %to, reason = %reason, "send failed for good");
            ctx.db
                .write(move |c| rows::mark_failed(c, shop, id, mid, &reason))
                .await
        }
    };
    if let Err(e) = recorded {
        tracing::error!(error = %e, outbox = id, "cannot record a send result");
    }
}
