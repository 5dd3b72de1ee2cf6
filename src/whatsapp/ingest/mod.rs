//! Store first, then acknowledge. Every accepted delivery goes through one writer
//! thread that takes all the deliveries waiting at that moment, stores them in ONE
//! transaction (raw payload, conversations, messages unique per number and wamid,
//! status updates, jobs) and answers each request only after the commit: a 200 means
//! the delivery is on disk (`synchronous=FULL`). Group commit is what makes thousands
//! of durable deliveries per second possible on SQLCipher.
//!
//! Each delivery runs inside its own savepoint, so one that fails is rolled back and
//! answered with an error (the provider retries) without taking its batch-mates down;
//! a full disk is reported as such ([`IngestError::Full`]: 503 + Retry-After). This
//! module owns the batching and the routing of each change to a number; [`inbound`]
//! stores the customers' messages and the statuses of ours, [`owner`] what the owner
//! did in the WhatsApp Business app (echoes, history, contacts) and template reviews.
//! The statements are in `db/`, all `prepare_cached`.

mod inbound;
mod owner;

pub use owner::OWNER_ANSWERED;

use super::envelope::Change;
use crate::db::{numbers, webhooks, Db, DbError};
use crate::kinds::ProviderKind;
use rusqlite::Connection;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Notify};

/// Most deliveries committed together.
const MAX_BATCH: usize = 512;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("the ingest writer has stopped")]
    Stopped,
    /// The disk (or the database's size limit) is full: nothing was stored.
    #[error("storage full: {0}")]
    Full(String),
    #[error("{0}")]
    Failed(String),
}

/// What ingest needs to know of the settings.
#[derive(Debug, Clone, Copy)]
pub struct IngestOptions {
    /// How long an owner's message from the Business app keeps the bot quiet.
    pub owner_pause_minutes: u64,
    /// Voice notes are transcribed (`[stt]`), so their reply waits for the download.
    pub transcribe: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            owner_pause_minutes: 30,
            transcribe: false,
        }
    }
}

/// A shop number resolved from the request (BSP routes carry its token).
pub use crate::db::numbers::Number as Account;

/// One authenticated, parsed webhook delivery.
pub struct Delivery {
    pub provider: ProviderKind,
    /// Set when the route already identified the number; else routed by phone_number_id.
    pub account: Option<Account>,
    pub raw: Vec<u8>,
    pub changes: Vec<Change>,
}

/// What a delivery changed, for metrics and logs.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    pub new_messages: usize,
    pub duplicates: usize,
    pub statuses: usize,
    pub echoes: usize,
    pub history: usize,
    pub unknown_numbers: Vec<String>,
}

/// Why a delivery was not stored.
#[derive(Debug, Clone)]
struct Refused {
    message: String,
    full: bool,
}

impl From<&DbError> for Refused {
    fn from(e: &DbError) -> Self {
        Self {
            message: e.to_string(),
            full: is_full(e),
        }
    }
}

/// A full disk, or the database at its size limit: the delivery must wait, not fail.
pub fn is_full(e: &DbError) -> bool {
    use rusqlite::ErrorCode;
    matches!(e, DbError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
        if matches!(f.code, ErrorCode::DiskFull | ErrorCode::SystemIoFailure))
}

type Reply = oneshot::Sender<Result<Outcome, Refused>>;

/// Handle to the ingest writer; cheap to clone.
#[derive(Clone)]
pub struct IngestQueue {
    tx: mpsc::Sender<(Delivery, Reply)>,
}

impl IngestQueue {
    /// Starts the writer thread; it ends when every handle is dropped.
    pub fn start(db: Db, jobs_wake: Arc<Notify>, options: IngestOptions) -> Self {
        let (tx, mut rx) = mpsc::channel::<(Delivery, Reply)>(4 * MAX_BATCH);
        std::thread::Builder::new()
            .name("wa-ingest".into())
            .spawn(move || {
                while let Some(first) = rx.blocking_recv() {
                    let mut batch = vec![first];
                    while batch.len() < MAX_BATCH {
                        match rx.try_recv() {
                            Ok(next) => batch.push(next),
                            Err(_) => break,
                        }
                    }
                    write_batch(&db, batch, &jobs_wake, &options);
                }
            })
            .expect("spawn the ingest writer");
        Self { tx }
    }

    /// Stores a delivery; returns once it is committed.
    pub async fn submit(&self, delivery: Delivery) -> Result<Outcome, IngestError> {
        let (reply, wait) = oneshot::channel();
        self.tx
            .send((delivery, reply))
            .await
            .map_err(|_| IngestError::Stopped)?;
        match wait.await {
            Ok(Ok(outcome)) => Ok(outcome),
            Ok(Err(r)) if r.full => Err(IngestError::Full(r.message)),
            Ok(Err(r)) => Err(IngestError::Failed(r.message)),
            Err(_) => Err(IngestError::Stopped),
        }
    }
}

fn write_batch(
    db: &Db,
    batch: Vec<(Delivery, Reply)>,
    jobs_wake: &Notify,
    options: &IngestOptions,
) {
    let (deliveries, replies): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
    let result = db.write_blocking(|conn| {
        let mut tx = conn.transaction()?;
        let mut outcomes = Vec::with_capacity(deliveries.len());
        for d in &deliveries {
            let mut sp = tx.savepoint()?;
            match store(&sp, d, options) {
                Ok(o) => {
                    sp.commit()?;
                    outcomes.push(Ok(o));
                }
                Err(e) => {
                    // A full disk makes SQLite roll the whole transaction back: the
                    // savepoint is gone, the batch is lost, and the first error says why.
                    if sp.rollback().is_err() {
                        return Err(e);
                    }
                    tracing::error!(error = %e, provider = %d.provider, "webhook delivery not stored");
                    outcomes.push(Err(Refused::from(&e)));
                }
            }
        }
        tx.commit()?;
        Ok(outcomes)
    });
    match result {
        Ok(outcomes) => {
            if outcomes
                .iter()
                .any(|o| matches!(o, Ok(o) if o.new_messages > 0))
            {
                jobs_wake.notify_one();
            }
            for (reply, outcome) in replies.into_iter().zip(outcomes) {
                let _ = reply.send(outcome);
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "webhook batch not committed");
            let refused = Refused::from(&e);
            for reply in replies {
                let _ = reply.send(Err(refused.clone()));
            }
        }
    }
}

/// Stores one delivery inside the caller's transaction.
pub fn store(conn: &Connection, d: &Delivery, options: &IngestOptions) -> Result<Outcome, DbError> {
    let mut outcome = Outcome::default();
    let mut resolved = Vec::with_capacity(d.changes.len());
    for change in &d.changes {
        let accounts = match (&d.account, &change.phone_number_id) {
            (Some(a), _) => vec![a.clone()],
            (None, Some(pnid)) => {
                let found = numbers::by_phone_number_id(conn, pnid)?;
                if found.is_none() {
                    outcome.unknown_numbers.push(pnid.clone());
                }
                found.into_iter().collect()
            }
            // Template reviews name only the WhatsApp Business Account.
            (None, None) => match &change.waba_id {
                Some(waba) if !change.templates.is_empty() => numbers::by_waba(conn, waba)?,
                _ => Vec::new(),
            },
        };
        resolved.push(accounts);
    }
    let event_shop = resolved.iter().flatten().map(|a| a.shop).next();
    webhooks::insert_raw(conn, d.provider, event_shop, &d.raw)?;

    for (change, accounts) in d.changes.iter().zip(resolved) {
        for account in &accounts {
            if let Some(waba) = &change.waba_id {
                numbers::note_waba(conn, account.id, waba)?;
            }
            for m in &change.messages {
                inbound::store_message(conn, account, m, options, &mut outcome)?;
            }
            for s in &change.statuses {
                inbound::apply_status(conn, account, s, &mut outcome)?;
            }
            owner::store(conn, account, change, options, &mut outcome)?;
        }
    }
    Ok(outcome)
}
