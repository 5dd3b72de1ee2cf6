//! Scheduled backups: every `storage.backup_every_hours`, an encrypted copy of the
//! database (the store's own key, like `varotra backup`) lands in `storage.backup_dir`
//! as `varotra-<UTC time>.db`, and only the newest `storage.backup_keep` stay.
//!
//! Whether one is due is read from the names in the folder, not from memory: a server
//! restarted every hour still makes its daily copy, and never two in a row.

use crate::db::{backup_to, Db, DbError};
use chrono::{DateTime, NaiveDateTime, Utc};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::sync::watch;

const PREFIX: &str = "varotra-";
const SUFFIX: &str = ".db";
const STAMP: &str = "%Y%m%dT%H%M%SZ";
/// How often the folder is looked at; a backup is at most this late.
const CHECK: Duration = Duration::from_secs(600);

/// When a scheduled backup is due and how many to keep.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub dir: PathBuf,
    pub every: chrono::Duration,
    pub keep: usize,
}

impl Schedule {
    /// The schedule of the settings, or `None` when `storage.backup_dir` is empty.
    pub fn from_settings(s: &crate::settings::StorageSettings) -> Option<Self> {
        (!s.backup_dir.as_os_str().is_empty()).then(|| Self {
            dir: s.backup_dir.clone(),
            every: chrono::Duration::hours(s.backup_every_hours as i64),
            keep: s.backup_keep as usize,
        })
    }
}

/// The scheduled backups in `dir` with their times, oldest first (other files are
/// not ours and are left alone).
pub fn list(dir: &Path) -> Vec<(DateTime<Utc>, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<_> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
            let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
            Some((at, e.path()))
        })
        .collect();
    found.sort();
    found
}

/// The time of the newest scheduled backup in `dir`.
pub fn latest(dir: &Path) -> Option<DateTime<Utc>> {
    list(dir).pop().map(|(at, _)| at)
}

/// Makes a backup when the newest one is older than the schedule allows, then deletes
/// the oldest beyond `keep`. Returns the new file, if one was made.
pub fn run_once(db: &Db, s: &Schedule, now: DateTime<Utc>) -> Result<Option<PathBuf>, DbError> {
    if latest(&s.dir).is_some_and(|at| now - at < s.every) {
        return Ok(None);
    }
    std::fs::create_dir_all(&s.dir).map_err(|source| DbError::Io {
        path: s.dir.clone(),
        source,
    })?;
    let dest = s.dir.join(format!("{PREFIX}{}{SUFFIX}", now.format(STAMP)));
    backup_to(db, &dest, false)?;
    let all = list(&s.dir);
    for (_, old) in all.iter().take(all.len().saturating_sub(s.keep)) {
        if let Err(e) = std::fs::remove_file(old) {
            tracing::warn!(error = %e, file = %old.display(), "cannot delete an old backup");
        }
    }
    Ok(Some(dest))
}

/// Starts the schedule until `shutdown` flips.
pub fn spawn(db: Db, schedule: Schedule, mut shutdown: watch::Receiver<bool>) {
    tokio::spawn(async move {
        loop {
            let (db2, s) = (db.clone(), schedule.clone());
            match tokio::task::spawn_blocking(move || run_once(&db2, &s, Utc::now())).await {
                Ok(Ok(Some(file))) => tracing::info!(file = %file.display(), "backup made"),
                Ok(Ok(None)) => {}
                Ok(Err(e)) => tracing::error!(error = %e, "scheduled backup failed"),
                Err(e) => tracing::error!(error = %e, "scheduled backup task"),
            }
            tokio::select! {
                _ = tokio::time::sleep(CHECK) => {}
                _ = shutdown.changed() => return,
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_backup_is_made_when_due_and_only_the_newest_are_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let db = Db::open(&tmp.path().join("varotra.db"), None, true).unwrap();
        let s = Schedule {
            dir: tmp.path().join("backups"),
            every: chrono::Duration::hours(24),
            keep: 2,
        };
        std::fs::create_dir_all(&s.dir).unwrap();
        std::fs::write(s.dir.join("notes.txt"), "mine").unwrap();
        let first = run_once(&db, &s, at("2026-12-01T03:00:00Z")).unwrap();
        assert!(first.unwrap().ends_with("varotra-20261201T030000Z.db"));
        assert_eq!(run_once(&db, &s, at("2026-12-01T20:00:00Z")).unwrap(), None);
        run_once(&db, &s, at("2026-12-02T03:00:00Z"))
            .unwrap()
            .unwrap();
        run_once(&db, &s, at("2026-12-03T04:00:00Z"))
            .unwrap()
            .unwrap();
        let names: Vec<_> = list(&s.dir)
            .into_iter()
            .map(|(_, p)| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["varotra-20261202T030000Z.db", "varotra-20261203T040000Z.db"]
        );
        assert!(s.dir.join("notes.txt").exists(), "other files stay");
        assert_eq!(latest(&s.dir), Some(at("2026-12-03T04:00:00Z")));
        // The copy is a whole store: it opens and holds the (empty) shop list.
        let copy = Db::open(&s.dir.join(&names[1]), None, false).unwrap();
        assert!(copy
            .read_blocking(crate::db::shops::list)
            .unwrap()
            .is_empty());
    }
}
