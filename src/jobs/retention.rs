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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_media_older_than_the_retention_go_and_newer_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("v.db"), None, true).unwrap();
        let files = FileStore::new(dir.path().join("files"), None);
        db.write_blocking(|c| {
            c.execute_batch(
                "INSERT INTO shops (id, slug, company_name) VALUES (1, 'rivo', 'Rivo');
                 INSERT INTO conversations (id, shop_id, customer_key) VALUES (1, 1, '261341234567');
                 INSERT INTO messages (shop_id, conversation_id, direction, kind, body, media_path, created_at)
                   VALUES (1, 1, 'in', 'image', 'vieux', 'media/1/1', '2026-01-10T08:00:00Z'),
                          (1, 1, 'in', 'text', 'récent', NULL, '2026-11-20T08:00:00Z');",
            )?;
            Ok(())
        })
        .unwrap();
        files.put("media/1/1", b"photo").unwrap();
        let now = DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(run_once(&db, &files, 6, now).unwrap(), 1);
        let left: Vec<String> = db
            .read_blocking(|c| {
                let mut s = c.prepare("SELECT body FROM messages")?;
                let v = s.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
                Ok(v)
            })
            .unwrap();
        assert_eq!(left, ["récent"]);
        assert!(!files.exists("media/1/1"));
        assert_eq!(run_once(&db, &files, 6, now).unwrap(), 0, "nothing twice");
    }
}
