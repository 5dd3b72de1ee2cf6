//! The background workers and what they apply.
//!
//! - [`reply`]: for each stored inbound message, asks the assistant for a Decision and
//!   applies it (messages, effects, outbox rows and "job done") in ONE transaction,
//!   the devis PDF rendered before it;
//! - [`media`]: fetches a customer's photo, voice note or file into the FileStore as
//!   it streams, for the media id's whole life, and transcribes voice notes
//!   ([`transcribe`], with `[stt]`);
//! - [`mailer`]: sends the owner's notification emails;
//! - [`expiry`]: marks overdue devis expired and cancels orders left unpaid;
//! - [`payments`]: polls MVola, Orange Money and Airtel Money for payment requests no callback settled;
//! - [`backups`]: the scheduled encrypted backups and their rotation;
//! - [`retention`]: the daily deletion of messages and media past the retention;
//! - [`follow_up`]: reminds a customer of a devis left unanswered (as the mapped
//!   template outside the 24-hour window).
//!
//! Jobs live in the `jobs` table (queued by ingest in the delivery's transaction);
//! failed ones are retried with backoff, then marked failed with the reason. Reply jobs
//! are claimed round the shops ([`jobs::claim_fair`]), so a flooded shop does not hold
//! the others; a customer's answers keep the order of their questions. The
//! wake-ups are [`Wakers`], handles owned here and passed to whoever queues work.

pub mod backups;
pub mod catalogue;
pub mod expiry;
pub mod follow_up;
pub mod mailer;
pub mod media;
pub mod model_lane;
pub mod payments;
pub mod reply;
mod reply_worker;
pub mod retention;
pub mod transcribe;

use crate::assistant::Assistant;
use crate::crypto::FileStore;
use crate::db::{jobs, Db, DbError};
use crate::kinds::JobKind;
use crate::quotes::Issuer;
use crate::settings::Settings;
use crate::telemetry::Metrics;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

const MAX_ATTEMPTS: i64 = 6;
const POLL: Duration = Duration::from_secs(1);
/// Replies waiting for the model at once (each within its budget): the local worker
/// answers one at a time, a fallback server several.
const MODEL_LANE: usize = 4;

/// Wake-ups of the workers: notified by whoever just committed work for them.
#[derive(Clone, Default)]
pub struct Wakers {
    /// New inbound messages to answer (ingest).
    pub reply: Arc<Notify>,
    /// New outbox rows to send (the WhatsApp sender).
    pub outbox: Arc<Notify>,
    /// New notification emails.
    pub mailer: Arc<Notify>,
}

/// What the workers need; cheap to clone.
#[derive(Clone)]
pub struct Context {
    pub settings: Arc<Settings>,
    pub db: Db,
    pub files: FileStore,
    pub assistant: Assistant,
    pub issuer: Issuer,
    pub metrics: Metrics,
    pub http: reqwest::Client,
    /// The mobile-money providers' cached OAuth tokens.
    pub tokens: crate::payments::Tokens,
    pub wakers: Wakers,
    pub shutdown: watch::Receiver<bool>,
}

/// Starts the reply worker (unless `assistant.enabled` is off), the media downloader,
/// the mailer, the devis expiry check, the scheduled backups (when
/// `storage.backup_dir` is set) and the retention run (`storage.retention_months`). They stop when `ctx.shutdown` flips.
pub fn start(ctx: &Context) {
    if ctx.settings.assistant.enabled {
        let lane = model_lane::Lane::new(MODEL_LANE);
        tokio::spawn(run_with(ctx.clone(), JobKind::Reply, Some(lane)));
    }
    tokio::spawn(run(ctx.clone(), JobKind::MediaDownload));
    tokio::spawn(run(ctx.clone(), JobKind::PaymentRequest));
    mailer::spawn(
        ctx.db.clone(),
        ctx.settings.smtp.clone(),
        ctx.wakers.mailer.clone(),
        ctx.shutdown.clone(),
    );
    expiry::spawn(ctx.db.clone(), ctx.shutdown.clone());
    if let Some(schedule) = backups::Schedule::from_settings(&ctx.settings.storage) {
        backups::spawn(ctx.db.clone(), schedule, ctx.shutdown.clone());
    }
    retention::spawn(
        ctx.db.clone(),
        ctx.files.clone(),
        ctx.settings.storage.retention_months,
        ctx.shutdown.clone(),
    );
    follow_up::spawn(
        ctx.db.clone(),
        ctx.wakers.outbox.clone(),
        ctx.shutdown.clone(),
    );
    payments::spawn(
        ctx.db.clone(),
        ctx.http.clone(),
        ctx.tokens.clone(),
        ctx.wakers.outbox.clone(),
        ctx.shutdown.clone(),
    );
}

/// How a job ended.
pub(crate) enum Outcome {
    /// Done; the worker records it.
    Finish,
    /// Done, and already recorded in the job's own transaction.
    Recorded,
    /// Handed to the model lane, which records it.
    Deferred,
}

/// Why a job failed, and whether trying again can help.
pub(crate) struct Failure {
    pub reason: String,
    pub permanent: bool,
    /// The job's own schedule for the next attempt, with no attempt limit (a media
    /// download retries for the media id's whole life).
    pub retry_in: Option<Duration>,
}

impl Failure {
    pub fn retry(reason: impl std::fmt::Display) -> Self {
        Self {
            reason: reason.to_string(),
            permanent: false,
            retry_in: None,
        }
    }

    pub fn permanent(reason: impl std::fmt::Display) -> Self {
        Self {
            reason: reason.to_string(),
            permanent: true,
            retry_in: None,
        }
    }

    /// Try again in `wait`, however many attempts came before.
    pub fn retry_in(reason: impl std::fmt::Display, wait: Duration) -> Self {
        Self {
            reason: reason.to_string(),
            permanent: false,
            retry_in: Some(wait),
        }
    }
}

impl From<DbError> for Failure {
    fn from(e: DbError) -> Self {
        let permanent = matches!(e, DbError::Invalid(_) | DbError::NotFound);
        Self {
            reason: e.to_string(),
            permanent,
            retry_in: None,
        }
    }
}

/// Records a failed attempt: back in the queue after a backoff, or failed for good
/// after [`MAX_ATTEMPTS`] or when trying again cannot help.
fn record_failure(
    conn: &crate::db::Connection,
    job: &jobs::Job,
    f: &Failure,
) -> Result<(), DbError> {
    if let (false, Some(wait)) = (f.permanent, f.retry_in) {
        let wait = chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1));
        let next = (chrono::Utc::now() + wait)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        return jobs::retry_at(conn, job.id, &f.reason, &next);
    }
    if f.permanent || job.attempts >= MAX_ATTEMPTS {
        jobs::fail(conn, job.id, &f.reason)
    } else {
        let next = (chrono::Utc::now() + chrono::Duration::seconds(1 << job.attempts.min(10)))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        jobs::retry_at(conn, job.id, &f.reason, &next)
    }
}

/// Runs jobs of `kind` until the server shuts down.
pub async fn run(ctx: Context, kind: JobKind) {
    run_with(ctx, kind, None).await
}

/// [`run`], replies that need the model waiting for it in `lane` while the others go on.
async fn run_with(ctx: Context, kind: JobKind, lane: Option<model_lane::Lane>) {
    let mut shutdown = ctx.shutdown.clone();
    if let Err(e) = ctx.db.write(move |c| jobs::requeue_running(c, kind)).await {
        tracing::error!(error = %e, %kind, "cannot requeue interrupted jobs");
    }
    let mut after = crate::db::ShopId(0);
    loop {
        if *shutdown.borrow() {
            break;
        }
        // Replies go round the shops (one flooded shop waits its turn like the others);
        // other kinds in queue order.
        let claimed = ctx
            .db
            .write(move |c| match kind {
                JobKind::Reply => jobs::claim_fair(c, kind, after),
                _ => jobs::claim(c, kind),
            })
            .await;
        let job = match claimed {
            Ok(job) => job,
            Err(e) => {
                tracing::error!(error = %e, %kind, "cannot claim a job");
                None
            }
        };
        let Some(job) = job else {
            tokio::select! {
                _ = ctx.wakers.reply.notified(), if kind == JobKind::Reply => {}
                _ = tokio::time::sleep(POLL) => {}
                r = shutdown.changed() => if r.is_err() { break },
            }
            continue;
        };
        after = job.shop;
        let result = match kind {
            JobKind::Reply => reply_worker::run(&ctx, &job, lane.as_ref()).await,
            JobKind::MediaDownload => media::run(&ctx, &job).await,
            JobKind::PaymentRequest => payments::run(&ctx, &job).await,
        };
        let id = job.id;
        let recorded = match result {
            Ok(Outcome::Recorded | Outcome::Deferred) => Ok(()),
            Ok(Outcome::Finish) => ctx.db.write(move |c| jobs::finish(c, id)).await,
            Err(failure) => {
                tracing::warn!(job = id, %kind, reason = %failure.reason, "job failed");
                ctx.db
                    .write(move |c| record_failure(c, &job, &failure))
                    .await
            }
        };
        if let Err(e) = recorded {
            tracing::error!(error = %e, job = id, "cannot record a job result");
        }
    }
    tracing::debug!(%kind, "job worker stopped");
}
