//! Store first, then acknowledge. Every accepted delivery goes through one writer
//! thread that takes all the deliveries waiting at that moment, stores them in ONE
//! transaction (raw payload, conversations, messages unique on wamid, status
//! updates, jobs) and answers each request only after the commit: a 200 means the
//! delivery is on disk (`synchronous=FULL`). Group commit is what makes thousands of
//! durable deliveries per second possible on SQLCipher.
//!
//! Each delivery runs inside its own savepoint, so one that fails is rolled back and
//! answered with an error (the provider retries) without taking its batch-mates down.
//! This module owns the batching and the order of the writes; the statements are in
//! `db::{webhooks, numbers, conversations, messages, jobs}`, all `prepare_cached`.

use super::envelope::Change;
use crate::db::{conversations, jobs, messages, numbers, webhooks, Db, DbError};
use crate::kinds::{MessageStatus, ProviderKind};
use crate::telemetry::mask_phone;
use rusqlite::Connection;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Notify};

/// Most deliveries committed together.
const MAX_BATCH: usize = 512;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("the ingest writer has stopped")]
    Stopped,
    #[error(transparent)]
    Db(#[from] DbError),
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
    pub unknown_numbers: Vec<String>,
}

type Reply = oneshot::Sender<Result<Outcome, String>>;

/// Handle to the ingest writer; cheap to clone.
#[derive(Clone)]
pub struct IngestQueue {
    tx: mpsc::Sender<(Delivery, Reply)>,
}

impl IngestQueue {
    /// Starts the writer thread; it ends when every handle is dropped.
    pub fn start(db: Db, jobs_wake: Arc<Notify>) -> Self {
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
                    write_batch(&db, batch, &jobs_wake);
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
            Ok(Err(message)) => Err(IngestError::Db(DbError::Invalid(message))),
            Err(_) => Err(IngestError::Stopped),
        }
    }
}

fn write_batch(db: &Db, batch: Vec<(Delivery, Reply)>, jobs_wake: &Notify) {
    let (deliveries, replies): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
    let result = db.write_blocking(|conn| {
        let mut tx = conn.transaction()?;
        let mut outcomes = Vec::with_capacity(deliveries.len());
        for d in &deliveries {
            let mut sp = tx.savepoint()?;
            match store(&sp, d) {
                Ok(o) => {
                    sp.commit()?;
                    outcomes.push(Ok(o));
                }
                Err(e) => {
                    sp.rollback()?;
                    tracing::error!(error = %e, provider = %d.provider, "webhook delivery not stored");
                    outcomes.push(Err(e.to_string()));
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
            for reply in replies {
                let _ = reply.send(Err(e.to_string()));
            }
        }
    }
}

/// Stores one delivery inside the caller's transaction.
pub fn store(conn: &Connection, d: &Delivery) -> Result<Outcome, DbError> {
    let mut outcome = Outcome::default();
    let mut resolved = Vec::with_capacity(d.changes.len());
    for change in &d.changes {
        let account = match (&d.account, &change.phone_number_id) {
            (Some(a), _) => Some(a.clone()),
            (None, Some(pnid)) => {
                let found = numbers::by_phone_number_id(conn, pnid)?;
                if found.is_none() {
                    outcome.unknown_numbers.push(pnid.clone());
                }
                found
            }
            (None, None) => None,
        };
        resolved.push(account);
    }
    let event_shop = resolved.iter().flatten().map(|a| a.shop).next();
    webhooks::insert_raw(conn, d.provider, event_shop, &d.raw)?;

    for (change, account) in d.changes.iter().zip(resolved) {
        let Some(account) = account else { continue };
        for m in &change.messages {
            if messages::wamid_exists(conn, &m.wamid)? {
                outcome.duplicates += 1;
                continue;
            }
            let conv = conversations::upsert_inbound(
                conn,
                account.shop,
                account.id,
                &m.customer_key,
                m.customer_phone.as_deref(),
                m.customer_name.as_deref(),
            )?;
            let new = messages::NewInbound {
                wamid: &m.wamid,
                kind: &m.kind,
                body: m.body.as_deref(),
                media_id: m.media_id.as_deref(),
                payload: &m.payload,
            };
            let Some(id) = messages::insert_inbound(conn, account.shop, conv, &new)? else {
                outcome.duplicates += 1;
                continue;
            };
            outcome.new_messages += 1;
            tracing::debug!(customer = %mask_phone(&m.customer_key), kind = %m.kind, message = id.0, "inbound message stored");
            // Reactions and system notices never call for an answer.
            if !matches!(m.kind.as_str(), "reaction" | "system") {
                jobs::queue_reply(conn, account.shop, id, m.reply_id.as_deref())?;
            }
            if let Some(media_id) = &m.media_id {
                jobs::queue_media_download(conn, account.shop, id, media_id, account.id)?;
            }
        }
        for s in &change.statuses {
            // An unknown status is kept in the raw payload, not acted on.
            let Some(status) = MessageStatus::parse(&s.status) else {
                continue;
            };
            if messages::apply_status(conn, account.shop, &s.wamid, status, s.error.as_deref())? {
                outcome.statuses += 1;
            }
        }
    }
    Ok(outcome)
}
