//! The durable outbox. [`enqueue`] writes the outgoing message and its outbox row in
//! the caller's transaction; the sender worker ([`run_sender`]) posts due rows to the
//! number's provider, in order per customer, paced by the pair rate and the shop cap,
//! retrying temporary failures with exponential backoff and jitter for as long as it
//! takes (a power cut, a dead uplink) and recording permanent failures on the row.
//!
//! A row is claimed (`sending`) before the provider call and marked `sent` right
//! after it, so a row accepted by the provider is never posted again; the only
//! repeat is a crash between those two commits (see `status::requeue_interrupted`).

use super::providers::{self, SendError, Sender};
use super::ratelimit::SendLimiter;
use super::status;
use super::OutgoingMessage;
use crate::db::{conversations, messages, now_text, ConversationId, DbError, MessageId, ShopId};
use crate::startup::AppState;
use crate::telemetry::mask_phone;
use futures_util::StreamExt;
use rand::Rng;
use rusqlite::{params, Connection};
use std::time::{Duration, Instant};

/// Rows looked at per round, and sent concurrently at most.
const ROUND: i64 = 64;
const CONCURRENCY: usize = 8;
/// Idle wait between two looks at the outbox when nothing wakes the sender.
const POLL: Duration = Duration::from_millis(500);

/// Queues `msg` to the customer of `conversation`: inserts the `messages` row
/// (direction out, status `pending`) and the `outbox` row in the caller's
/// transaction. `author` is `bot`, `agent:<account id>`, `system`...
pub fn enqueue(
    tx: &Connection,
    shop: ShopId,
    conversation: ConversationId,
    msg: &OutgoingMessage,
    author: &str,
) -> Result<MessageId, DbError> {
    let conv = conversations::get(tx, shop, conversation)?;
    let account: i64 = match conv.wa_account_id {
        Some(a) => a,
        None => crate::db::numbers::require_active(tx, shop)?,
    };
    let msg = providers::normalize(msg).map_err(DbError::Invalid)?;
    let payload = serde_json::to_string(&msg).map_err(|e| DbError::Invalid(e.to_string()))?;
    let to = conv.customer_phone.unwrap_or(conv.customer_key);
    let preview = msg.preview();
    let message = messages::insert(
        tx,
        shop,
        conversation,
        &messages::NewMessage {
            direction: "out",
            kind: msg.kind(),
            body: Some(&preview),
            payload: Some(&payload),
            status: "pending",
            author,
        },
    )?;
    tx.prepare_cached(
        "INSERT INTO outbox (shop_id, wa_account_id, message_id, to_phone, kind, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![shop, account, message, to, msg.kind(), payload])?;
    Ok(message)
}

/// One due outbox row with the credentials of its number.
#[derive(Debug, Clone)]
struct Row {
    id: i64,
    shop: ShopId,
    account: i64,
    message_id: Option<i64>,
    to: String,
    payload: String,
    attempts: i64,
    sender: Sender,
}

/// Due rows, oldest first, skipping any customer with an earlier row still queued.
fn due(conn: &Connection) -> Result<Vec<Row>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.shop_id, o.wa_account_id, o.message_id, o.to_phone, o.payload, o.attempts,
                a.provider, a.phone_number_id, a.wa_number, a.token
         FROM outbox o JOIN whatsapp_accounts a ON a.id = o.wa_account_id
         WHERE o.status = 'pending' AND o.next_attempt_at <= ?1
           AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.wa_account_id = o.wa_account_id
                           AND p.to_phone = o.to_phone AND p.status IN ('pending', 'sending') AND p.id < o.id)
         ORDER BY o.id LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![now_text(), ROUND], |r| {
            Ok(Row {
                id: r.get(0)?,
                shop: r.get(1)?,
                account: r.get(2)?,
                message_id: r.get(3)?,
                to: r.get(4)?,
                payload: r.get(5)?,
                attempts: r.get(6)?,
                sender: Sender {
                    provider: r.get(7)?,
                    phone_number_id: r.get(8)?,
                    wa_number: r.get(9)?,
                    token: r.get(10)?,
                },
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Exponential backoff with jitter: 1 s, 2 s, 4 s... capped, each scaled by 0.5-1.
pub fn backoff(attempts: i64, cap_secs: u64) -> Duration {
    let exp = 1u64 << attempts.clamp(0, 20);
    let ceiling = exp.min(cap_secs.max(1)) as f64;
    Duration::from_secs_f64(ceiling * rand::thread_rng().gen_range(0.5..=1.0))
}

/// The sender worker: runs until the server shuts down.
pub async fn run_sender(state: AppState) {
    let mut shutdown = state.shutdown.clone();
    match state.db.write(|c| status::requeue_interrupted(c)).await {
        Ok(n) if n > 0 => tracing::warn!(
            rows = n,
            "outbox rows interrupted mid-send are queued again"
        ),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "cannot requeue interrupted outbox rows"),
    }
    let ws = &state.settings.whatsapp;
    let mut limiter = SendLimiter::new(ws.pair_interval_ms, ws.shop_messages_per_second);
    loop {
        if *shutdown.borrow() {
            break;
        }
        let rows = match state.db.read(due).await {
            Ok(rows) => rows,
            Err(e) => {
                tracing::error!(error = %e, "cannot read the outbox");
                Vec::new()
            }
        };
        let now = Instant::now();
        let ready: Vec<Row> = rows
            .into_iter()
            .filter(|r| limiter.try_acquire(r.shop, r.account, &r.to, now))
            .collect();
        let busy = !ready.is_empty();
        futures_util::stream::iter(ready)
            .for_each_concurrent(CONCURRENCY, |row| send_row(&state, row))
            .await;
        if busy {
            continue;
        }
        tokio::select! {
            _ = state.whatsapp.outbox_wake.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
            r = shutdown.changed() => if r.is_err() { break },
        }
    }
    tracing::debug!("outbox sender stopped");
}

async fn send_row(state: &AppState, row: Row) {
    let id = row.id;
    match state.db.write(move |c| status::claim(c, id)).await {
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
                &state.http,
                &state.settings.whatsapp,
                &state.files,
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
            state.metrics.incr("whatsapp_messages_sent_total", 1);
            tracing::info!(outbox = id, customer = %to, provider = %row.sender.provider, "message sent");
            state
                .db
                .write(move |c| status::mark_sent(c, id, mid, &provider_id))
                .await
        }
        Err(SendError::Retry(reason)) => {
            state.metrics.incr("whatsapp_send_retries_total", 1);
            let wait = backoff(row.attempts, state.settings.whatsapp.max_retry_delay_secs);
            let next = (chrono::Utc::now()
                + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::zero()))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
            tracing::warn!(outbox = id, customer = %to, reason = %reason, retry_in_ms = wait.as_millis() as u64, "send failed, will retry");
            state
                .db
                .write(move |c| status::mark_retry(c, id, &reason, &next))
                .await
        }
        Err(SendError::Permanent(reason)) => {
            state.metrics.incr("whatsapp_send_failures_total", 1);
            tracing::warn!(outbox = id, customer = %to, reason = %reason, "send failed for good");
            state
                .db
                .write(move |c| status::mark_failed(c, id, mid, &reason))
                .await
        }
    };
    if let Err(e) = recorded {
        tracing::error!(error = %e, outbox = id, "cannot record a send result");
    }
}
