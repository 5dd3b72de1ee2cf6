//! The daily retention run: with `storage.retention_months` set, every shop's
//! customer messages, their media files and the raw webhook deliveries older than
//! that are deleted (pages zeroed, WAL truncated). Conversations, prospects and devis
//! stay: only what customers wrote and sent ages out.

use crate::crypto::FileStore;
use crate::db::{erasure, shops, Db, DbError};
use chrono::{DateTime, Months, Utc};
use std::time::Duration;
use tokio::sync::watch;

const EVERY: Duration = Duration::from_secs(24 * 3600);

/// Deletes what is older than `months` before `now`; returns the messages deleted.
pub fn run_once(
    db: &Db,
    files: &FileStore,
    months: u32,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    let cutoff = now
        .checked_sub_months(Months::new(months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let mut total = 0;
    for shop in db.read_blocking(shops::list)? {
        let (n, names) = db.write_blocking(|c| erasure::delete_older_than(c, shop.id, &cutoff))?;
        for name in names {
            if let Err(e) = files.delete(&name) {
                tracing::warn!(error = %e, file = %name, "retention: cannot delete a media file");
            }
        }
        total += n;
    }
    if total > 0 {
        db.write_blocking(|c| erasure::checkpoint(c))?;
    }
    Ok(total)
}

/// Starts the daily run (nothing when `months` is 0) until `shutdown` flips.
pub fn spawn(db: Db, files: FileStore, months: u64, mut shutdown: watch::Receiver<bool>) {
    let Ok(months @ 1..) = u32::try_from(months) else {
        return;
    };
    tokio::spawn(async move {
        loop {
            let (db2, files2) = (db.clone(), files.clone());
            let run =
                tokio::task::spawn_blocking(move || run_once(&db2, &files2, months, Utc::now()));
            match run.await {
                Ok(Ok(n)) if n > 0 => {
                    tracing::info!(messages = n, "retention: old messages deleted")
                }
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::error!(error = %e, "retention run failed"),
                Err(e) => tracing::error!(error = %e, "retention task"),
            }
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = shutdown.changed() => return,
            }
        }
    });
}
