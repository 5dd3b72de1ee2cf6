//! WhatsApp channel: webhooks in (Meta Cloud API, 360dialog, Gupshup), stored first
//! and acknowledged after commit (reply jobs queued for `crate::jobs`); a durable
//! outbox and its sender; delivery statuses that only move forward.
//!
//! Other modules queue messages with [`outbox::enqueue`] inside their own transaction.

pub mod envelope;
pub mod ingest;
pub mod outbox;
pub mod providers;
pub mod ratelimit;
mod routes;
pub mod signature;
pub mod status;

pub use crate::message::OutgoingMessage;

use crate::db::Db;
use crate::startup::AppState;
use actix_web::web::ServiceConfig;
use std::sync::Arc;
use tokio::sync::Notify;

/// The channel's shared handles, kept in `AppState.whatsapp`.
#[derive(Clone)]
pub struct Channel {
    /// The group-commit writer of webhook deliveries.
    pub ingest: ingest::IngestQueue,
    /// Wakes the reply worker when new inbound messages are stored.
    pub jobs_wake: Arc<Notify>,
    /// Wakes the sender when rows are queued (it also polls, for other writers).
    pub outbox_wake: Arc<Notify>,
}

impl Channel {
    /// Starts the ingest writer thread.
    pub fn new(db: &Db) -> Self {
        let jobs_wake = Arc::new(Notify::new());
        Self {
            ingest: ingest::IngestQueue::start(db.clone(), jobs_wake.clone()),
            jobs_wake,
            outbox_wake: Arc::new(Notify::new()),
        }
    }
}

/// Starts the outbox sender. It stops when `state.shutdown` flips or its sender drops.
pub fn start_workers(state: &AppState) {
    tokio::spawn(outbox::run_sender(state.clone()));
}

/// Registers the webhook routes.
pub fn configure(cfg: &mut ServiceConfig) {
    routes::configure(cfg);
}
