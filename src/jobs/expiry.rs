//! The hourly check that stores `expired` on every shop's overdue devis (readers
//! already see them expired through `quotes::effective_status`).

use crate::db::Db;
use std::time::Duration;
use tokio::sync::watch;

const EVERY: Duration = Duration::from_secs(3600);

/// Starts the check until `shutdown` flips.
pub fn spawn(db: Db, mut shutdown: watch::Receiver<bool>) {
    tokio::spawn(async move {
        loop {
            match db.write(|c| crate::quotes::expire_overdue(c)).await {
                Ok(n) if n > 0 => tracing::info!(expired = n, "devis expired"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "devis expiry check"),
            }
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = shutdown.changed() => return,
            }
        }
    });
}
