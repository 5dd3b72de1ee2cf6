//! The outbox sender: a worker ([`run_sender`]) that posts due outbox rows to their
//! number's provider, in order per customer, paced by the pair rate, the shop cap and
//! the number's throughput (up to a second's worth of sends in flight per number, so a
//! slow or failing number holds only its own rows), retrying temporary failures with exponential backoff and
//! jitter for as long as it takes (a power cut, a dead uplink) and recording permanent
//! failures on the row. The rows themselves are `db::outbox` / `db::outbox_sends`'s.
//!
//! - Exactly once: each request carries its row id as `biz_opaque_callback_data`; a row
//!   found `sending` at start, or whose request got no answer, is held until its status
//!   webhook confirms it or `resend_grace_secs` pass, and only then sent again.
//! - Outside the 24-hour window a row leaves as the template the shop mapped to its
//!   purpose, filled with the row's values; with no mapping it fails with the reason.
//! - While a number's provider fails, one waiting row is tried every
//!   `probe_interval_secs` ([`super::link`]); when it goes through, the backlog is
//!   released at once instead of waiting out each row's backoff.
//! - Storage errors (a full disk) back the loop off instead of spinning on them.

use super::link::{Links, Storage};
use super::providers::{self, Outgoing, SendError};
use super::ratelimit::{SendLimiter, Slot};
use super::{envelope, templates};
use crate::crypto::FileStore;
use crate::db::outbox::{self as rows, DueRow, Rates};
use crate::db::{outbox_sends as sends, statuses, templates as stored, Db};
use crate::message::OutgoingMessage;
use crate::settings::WhatsappSettings;
use crate::telemetry::{mask_phone, Metrics};
use futures_util::stream::FuturesUnordered;
use futures_util::{FutureExt, StreamExt};
use rand::Rng;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{watch, Notify};

/// Rows looked at per round.
const ROUND: i64 = 256;
/// Sends in flight at most, all numbers together (each number also at most its rate).
const MAX_IN_FLIGHT: usize = 512;
/// Idle wait between two looks at the outbox when nothing wakes the sender.
const POLL: Duration = Duration::from_millis(500);
/// How often held rows past their grace are released and stale statuses dropped.
const HOUSEKEEPING: Duration = Duration::from_secs(2);

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

fn later(wait: Duration) -> String {
    (chrono::Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::zero()))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// How one send attempt ended, for pacing and the link state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sent {
    Delivered,
    /// A temporary failure (or no clear answer): the provider seems down.
    Failed,
    /// Decided without the provider (claimed elsewhere, permanent error, no template).
    Settled,
}

/// The sender worker: runs until the server shuts down.
pub async fn run_sender(ctx: SenderContext) {
    let mut shutdown = ctx.shutdown.clone();
    let ws = &ctx.settings;
    let grace = Duration::from_secs(ws.resend_grace_secs);
    match ctx
        .db
        .write(move |c| sends::hold_interrupted(c, &later(grace)))
        .await
    {
        Ok(n) if n > 0 => tracing::warn!(
            rows = n,
            grace_secs = grace.as_secs(),
            "outbox rows interrupted mid-send wait for their status before any resend"
        ),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "cannot hold interrupted outbox rows"),
    }
    let rates = Rates {
        number: ws.number_messages_per_second,
        coexistence: ws.coexistence_messages_per_second,
    };
    let mut limiter = SendLimiter::new(ws.pair_interval_ms, ws.shop_messages_per_second);
    let mut links = Links::new(Duration::from_secs(ws.probe_interval_secs));
    let mut storage = Storage::default();
    let mut housekeeping = Instant::now() - HOUSEKEEPING;
    let mut flight = InFlight::default();
    loop {
        if *shutdown.borrow() {
            break;
        }
        if housekeeping.elapsed() >= HOUSEKEEPING {
            housekeeping = Instant::now();
            housekeep(&ctx).await;
        }
        let probes = links.probes_due(Instant::now());
        let (capped, mut busy) = limiter.capped(Instant::now());
        busy.extend(flight.full_numbers());
        let read = ctx
            .db
            .read(move |c| {
                let mut due = rows::due_except(c, ROUND, rates, &busy, &capped)?;
                for account in probes {
                    if let Some(row) = rows::probe_candidate(c, account, rates)? {
                        due.push(row);
                    }
                }
                Ok(due)
            })
            .await;
        let due = match read {
            Ok(due) => {
                storage.ok();
                due
            }
            Err(e) => {
                let wait = storage.failed(&e);
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    r = shutdown.changed() => if r.is_err() { break },
                }
                continue;
            }
        };
        let now = Instant::now();
        for row in due {
            let rate = row.number_rate.clamp(1, u32::MAX as i64) as u32;
            if !flight.has_room(&row, rate) {
                continue;
            }
            if let Some(slot) = limiter.acquire(row.shop, row.account, &row.to, rate, now) {
                flight.start(&ctx, row, rate, slot);
            }
        }
        // Wait for a send to end (its number has room again), new rows, or the pacing.
        let ended = tokio::select! {
            done = flight.next(), if !flight.is_empty() => done,
            _ = ctx.wake.notified() => None,
            _ = tokio::time::sleep(POLL) => None,
            r = shutdown.changed() => if r.is_err() { break } else { None },
        };
        let mut ended: Vec<_> = ended.into_iter().collect();
        while let Some(Some(more)) = flight.next().now_or_never() {
            ended.push(more);
        }
        for (account, slot, result) in ended {
            match result {
                Sent::Failed => {
                    limiter.refund(slot);
                    links.failed(account, Instant::now());
                }
                Sent::Delivered if links.recovered(account) => {
                    match ctx
                        .db
                        .write(move |c| sends::release_backoff(c, account))
                        .await
                    {
                        Ok(n) => tracing::info!(
                            rows = n,
                            "provider reachable again: waiting messages released"
                        ),
                        Err(e) => tracing::error!(error = %e, "cannot release the outbox backlog"),
                    }
                }
                _ => {}
            }
        }
    }
    tracing::debug!("outbox sender stopped");
}

type Ended = (i64, Slot, Sent);
/// One send under way: its row id and how it ended.
type Sending = Pin<Box<dyn Future<Output = (i64, Ended)> + Send>>;

/// The sends under way: each number has up to its rate of them in flight (a second's
/// worth), so a slow or failing number holds only its own rows while the others go on.
#[derive(Default)]
struct InFlight {
    sends: FuturesUnordered<Sending>,
    rows: HashSet<i64>,
    per_number: HashMap<i64, (usize, usize)>,
}

impl InFlight {
    fn is_empty(&self) -> bool {
        self.sends.is_empty()
    }

    /// Whether `row` may start now: not already under way, its number below its
    /// share, and the sender below its total.
    fn has_room(&self, row: &DueRow, rate: u32) -> bool {
        let used = self.per_number.get(&row.account).map_or(0, |n| n.0);
        !self.rows.contains(&row.id) && used < rate as usize && self.sends.len() < MAX_IN_FLIGHT
    }

    /// The numbers with all the sends in flight they may have.
    fn full_numbers(&self) -> Vec<i64> {
        self.per_number
            .iter()
            .filter(|(_, (used, cap))| used >= cap)
            .map(|(account, _)| *account)
            .collect()
    }

    fn start(&mut self, ctx: &SenderContext, row: DueRow, rate: u32, slot: Slot) {
        let (id, account, ctx) = (row.id, row.account, ctx.clone());
        self.rows.insert(id);
        let n = self.per_number.entry(account).or_insert((0, 0));
        *n = (n.0 + 1, rate as usize);
        self.sends.push(Box::pin(async move {
            (id, (account, slot, send_row(&ctx, row).await))
        }));
    }

    /// The next send to end, its bookkeeping done.
    async fn next(&mut self) -> Option<Ended> {
        let (id, ended) = self.sends.next().await?;
        self.rows.remove(&id);
        if let Some(n) = self.per_number.get_mut(&ended.0) {
            n.0 = n.0.saturating_sub(1);
            if n.0 == 0 {
                self.per_number.remove(&ended.0);
            }
        }
        Some(ended)
    }
}

async fn housekeep(ctx: &SenderContext) {
    let result = ctx
        .db
        .write(|c| Ok((sends::release_held(c)?, statuses::forget_stale(c)?)))
        .await;
    match result {
        Ok((released, _)) if released > 0 => tracing::warn!(
            rows = released,
            "held outbox rows got no status within the grace period: sent again"
        ),
        Ok(_) => {}
        Err(e) => tracing::debug!(error = %e, "outbox housekeeping skipped"),
    }
}

/// Outside the window: the template mapped to the row's purpose, or why none can go.
async fn outside_window(ctx: &SenderContext, row: &DueRow) -> Result<OutgoingMessage, String> {
    let Some(purpose) = row.purpose else {
        return Err(
            "Hors de la fenêtre de 24 h : le client n'a pas écrit depuis plus d'un jour, ce message ne peut plus partir.".into(),
        );
    };
    let (shop, account) = (row.shop, row.account);
    let template = ctx
        .db
        .read(move |c| stored::mapped(c, shop, account, purpose))
        .await
        .map_err(|e| e.to_string())?;
    let Some(template) = template else {
        return Err(format!(
            "Hors de la fenêtre de 24 h : aucun modèle approuvé n'est associé à « {} » (menu WhatsApp).",
            templates::label(purpose)
        ));
    };
    let values: serde_json::Value = row
        .template_values
        .as_deref()
        .and_then(|v| serde_json::from_str(v).ok())
        .unwrap_or_default();
    templates::fill(&template, purpose, &values)
        .map_err(|e| format!("Hors de la fenêtre de 24 h : {e}."))
}

async fn send_row(ctx: &SenderContext, row: DueRow) -> Sent {
    let (id, shop, mid) = (row.id, row.shop, row.message_id);
    let mut msg = match serde_json::from_str::<OutgoingMessage>(&row.payload) {
        Ok(msg) => msg,
        Err(e) => {
            let reason = format!("unreadable outbox payload: {e}");
            return fail(ctx, &row, reason).await;
        }
    };
    if !msg.is_template() && !row.window_open(chrono::Utc::now()) {
        match outside_window(ctx, &row).await {
            Ok(template) => {
                let t = template.clone();
                if let Err(e) = ctx
                    .db
                    .write(move |c| sends::substitute(c, shop, id, mid, &t))
                    .await
                {
                    tracing::error!(error = %e, outbox = id, "cannot swap a message for its template");
                    return Sent::Settled;
                }
                msg = template;
            }
            Err(reason) => return fail(ctx, &row, reason).await,
        }
    }
    let dropped = ctx
        .db
        .write(move |c| rows::drop_if_owner_answered(c, shop, id, super::ingest::OWNER_ANSWERED))
        .await;
    if matches!(dropped, Ok(true)) {
        return Sent::Settled;
    }
    match ctx.db.write(move |c| sends::claim(c, shop, id)).await {
        Ok(true) => {}
        Ok(false) => return Sent::Settled,
        Err(e) => {
            tracing::error!(error = %e, outbox = id, "cannot claim an outbox row");
            return Sent::Settled;
        }
    }
    let callback = envelope::callback_data(id);
    let out = Outgoing {
        to: &row.to,
        msg: &msg,
        callback: Some(&callback),
    };
    let result = providers::send(&ctx.http, &ctx.settings, &ctx.files, &row.sender, out).await;
    let to = mask_phone(&row.to);
    let (recorded, sent) = match result {
        Ok(provider_id) => {
            ctx.metrics.incr("whatsapp_messages_sent_total", 1);
            tracing::info!(outbox = id, customer = %to, provider = %row.sender.provider, "message sent");
            let month = msg
                .is_template()
                .then(|| crate::db::usage::month_of(chrono::Utc::now()));
            let r = ctx
                .db
                .write(move |c| sends::mark_sent(c, shop, id, &provider_id, month.as_deref()))
                .await;
            (r, Sent::Delivered)
        }
        Err(SendError::Retry(reason)) => {
            ctx.metrics.incr("whatsapp_send_retries_total", 1);
            let wait = backoff(row.attempts, ctx.settings.max_retry_delay_secs);
            tracing::warn!(outbox = id, customer = %to, reason = %reason, retry_in_ms = wait.as_millis() as u64, "send failed, will retry");
            let next = later(wait);
            let r = ctx
                .db
                .write(move |c| sends::mark_retry(c, shop, id, &reason, &next))
                .await;
            (r, Sent::Failed)
        }
        Err(SendError::Unconfirmed(reason)) => {
            ctx.metrics.incr("whatsapp_send_unconfirmed_total", 1);
            let until = later(Duration::from_secs(ctx.settings.resend_grace_secs));
            tracing::warn!(outbox = id, customer = %to, reason = %reason, "no answer to a send: held until its status comes");
            let r = ctx
                .db
                .write(move |c| sends::hold(c, shop, id, &reason, &until))
                .await;
            (r, Sent::Failed)
        }
        Err(SendError::Permanent(reason)) => return fail(ctx, &row, reason).await,
    };
    if let Err(e) = recorded {
        tracing::error!(error = %e, outbox = id, "cannot record a send result");
    }
    sent
}

async fn fail(ctx: &SenderContext, row: &DueRow, reason: String) -> Sent {
    ctx.metrics.incr("whatsapp_send_failures_total", 1);
    let (id, shop, mid) = (row.id, row.shop, row.message_id);
    tracing::warn!(outbox = id, customer = %mask_phone(&row.to), reason = %reason, "send failed for good");
    if let Err(e) = ctx
        .db
        .write(move |c| sends::mark_failed(c, shop, id, mid, &reason))
        .await
    {
        tracing::error!(error = %e, outbox = id, "cannot record a send result");
    }
    Sent::Settled
}
