//! The polling fallback of mobile-money payments: every minute, the MVola requests
//! still pending two minutes after they were made are asked for their status, so an
//! order is paid even when MVola's callback never arrives (`payments::mvola`).

use crate::db::Db;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

const EVERY: Duration = Duration::from_secs(60);

/// Starts the poller until `shutdown` flips; a payment found wakes the outbox (the
/// customer's "paiement reçu").
pub fn spawn(
    db: Db,
    http: reqwest::Client,
    outbox: Arc<Notify>,
    mut shutdown: watch::Receiver<bool>,
) {
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = shutdown.changed() => return,
            }
            match crate::payments::mvola::poll_pending(&db, &http, chrono::Duration::minutes(2))
                .await
            {
                Ok(done) if done.contains(&crate::payments::Reconciled::Paid) => {
                    outbox.notify_one()
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "MVola polling"),
            }
        }
    });
}
