//! WhatsApp channel: webhooks in (Meta Cloud API, 360dialog, Gupshup), stored first
//! and acknowledged after commit; job workers that ask the [`Responder`]; a durable
//! outbox and its sender; delivery statuses that only move forward.
//!
//! Other modules queue messages with [`outbox::enqueue`] inside their own transaction.

pub mod envelope;
pub mod ingest;
pub mod jobs;
pub mod outbox;
pub mod providers;
pub mod ratelimit;
pub mod responder;
pub mod signature;
pub mod status;

pub use crate::message::OutgoingMessage;
pub use responder::{Explanation, GreetingResponder, Inbound, Responder};

use crate::db::Db;
use crate::startup::AppState;
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

/// Starts the reply worker (unless `assistant.enabled` is off), the media downloader
/// and the outbox sender. They stop when `state.shutdown` flips or its sender drops.
pub fn start_workers(state: &AppState) {
    if state.settings.assistant.enabled {
        tokio::spawn(jobs::run(state.clone(), "reply"));
    }
    tokio::spawn(jobs::run(state.clone(), "media_download"));
    tokio::spawn(outbox::run_sender(state.clone()));
}
