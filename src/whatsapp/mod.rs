//! WhatsApp channel, plain Rust with no web framework: webhook authentication
//! ([`signature`]), the Cloud API and Gupshup envelopes reduced to provider-neutral
//! changes ([`envelope`]), the group-commit ingest writer that stores them before they
//! are acknowledged ([`ingest`]), the providers behind one trait ([`providers`]), the
//! outbox sender ([`outbox`]) and its pacing ([`ratelimit`]), and connecting a
//! number after a live check of its credentials ([`connect`], [`probe`]). Every statement they run
//! is in `db/`; the workers receive their handles explicitly, never the web state.
//!
//! Other modules queue messages with `db::outbox::enqueue` inside their own
//! transaction, then wake the sender through [`Channel::outbox_wake`].

pub mod connect;
pub mod envelope;
pub mod ingest;
mod link;
pub mod outbox;
pub mod probe;
pub mod providers;
pub mod ratelimit;
pub mod signature;
pub mod templates;

pub use crate::message::OutgoingMessage;

use crate::db::Db;
use std::sync::Arc;
use tokio::sync::Notify;

/// The channel's shared handles: the ingest queue and the workers' wake-ups.
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
    pub fn new(db: &Db, options: ingest::IngestOptions) -> Self {
        let jobs_wake = Arc::new(Notify::new());
        Self {
            ingest: ingest::IngestQueue::start(db.clone(), jobs_wake.clone(), options),
            jobs_wake,
            outbox_wake: Arc::new(Notify::new()),
        }
    }
}
