//! Online backup and restore of the database, encrypted with the store's key.

use super::{open_connection, Db, DbError};
use rusqlite::backup::Backup;
use std::path::Path;
use std::time::Duration;

/// Copies the live database to `dest` while it is in use. Refuses to overwrite an
/// existing file; writes to `dest.partial` and renames, so `dest` is always whole.
/// With `plain`, the copy is an unencrypted SQLite file (explicit export only).
pub fn backup_to(db: &Db, dest: &Path, plain: bool) -> Result<(), DbError> {
    if dest.exists() {
        return Err(DbError::Conflict(format!(
            "{} existe déjà : choisissez un autre nom (une sauvegarde n'écrase jamais rien) / already exists",
            dest.display()
        )));
    }
    let partial = dest.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let io = |source| DbError::Io {
        path: dest.to_path_buf(),
        source,
    };
    if plain && db.key_pragma().is_some() {
        export_plain(db, &partial)?;
    } else {
        let src = db.connect()?;
        let key = if plain { None } else { db.key_pragma() };
        let mut dst = rusqlite::Connection::open(&partial)?;
        if let Some(pragma) = key {
            dst.execute_batch(&format!("PRAGMA key = {pragma};"))?;
        }
        let backup = Backup::new(&src, &mut dst)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
        drop(backup);
        dst.execute_batch("PRAGMA journal_mode = DELETE;")?;
    }
    let f = std::fs::File::open(&partial).map_err(io)?;
    f.sync_all().map_err(io)?;
    std::fs::rename(&partial, dest).map_err(io)?;
    Ok(())
}

/// An unencrypted copy of an encrypted store: SQLCipher's own `sqlcipher_export`
/// into a database attached with an empty key (the backup API cannot change the
/// encryption of the pages it copies).
fn export_plain(db: &Db, dest: &Path) -> Result<(), DbError> {
    let src = db.connect()?;
    src.execute(
        "ATTACH DATABASE ?1 AS plaintext KEY ''",
        [dest.to_string_lossy()],
    )?;
    let exported = src.query_row("SELECT sqlcipher_export('plaintext')", [], |_| Ok(()));
    let version: Result<i64, _> = src.query_row("PRAGMA user_version", [], |r| r.get(0));
    if let Ok(v) = version {
        src.execute_batch(&format!("PRAGMA plaintext.user_version = {v};"))?;
    }
    src.execute_batch("DETACH DATABASE plaintext;")?;
    exported?;
    Ok(())
}

/// Checks that `src` opens with `db`'s key and passes an integrity check, then copies
/// it over the live database.
pub fn restore_from(db: &Db, src: &Path) -> Result<usize, DbError> {
    let check = open_connection(src, db.key_pragma(), "the store's key")?;
    let verdict: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(DbError::Invalid(format!(
            "{} fails the integrity check: {verdict}",
            src.display()
        )));
    }
    let shops: i64 = check
        .query_row("SELECT count(*) FROM shops", [], |r| r.get(0))
        .map_err(|_| {
            DbError::Invalid(format!(
                "{} n'est pas une sauvegarde Varotra / not a Varotra backup",
                src.display()
            ))
        })?;
    drop(check);
    let src_conn = open_connection(src, db.key_pragma(), "the store's key")?;
    db.write_blocking(|dst| {
        let backup = Backup::new(&src_conn, dst)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
        Ok(())
    })?;
    Ok(shops as usize)
}
