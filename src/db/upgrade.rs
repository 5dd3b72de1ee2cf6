//! Converts a plain SQLite database written by an earlier version into an encrypted
//! one, keeping every row: the encrypted copy is made and checked table by table
//! before the plain file is moved out of `data_dir`.

use super::DbError;
use crate::crypto::MasterKey;
use std::path::{Path, PathBuf};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// True when `path` is an unencrypted SQLite file.
pub fn is_plain_sqlite(path: &Path) -> bool {
    let mut head = [0u8; 16];
    match std::fs::File::open(path) {
        Ok(mut f) => {
            use std::io::Read;
            f.read_exact(&mut head).is_ok() && &head == SQLITE_MAGIC
        }
        Err(_) => false,
    }
}

/// Encrypts the plain database at `db_path` with `key`. The original is moved to
/// `plain_backup` (outside data_dir) once the encrypted copy holds the same rows.
pub fn encrypt_plain_database(
    db_path: &Path,
    key: &MasterKey,
    plain_backup: &Path,
) -> Result<PathBuf, DbError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| DbError::Io { path, source }
    };
    let enc_path = db_path.with_extension("db.encrypting");
    let _ = std::fs::remove_file(&enc_path);
    let plain = rusqlite::Connection::open(db_path)?;
    plain.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    let tables: Vec<String> = {
        let mut stmt = plain.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        names
    };
    let count = |conn: &rusqlite::Connection, schema: &str, table: &str| -> Result<i64, DbError> {
        Ok(conn.query_row(
            &format!(
                "SELECT count(*) FROM {schema}.\"{}\"",
                table.replace('"', "\"\"")
            ),
            [],
            |r| r.get(0),
        )?)
    };
    plain.execute(
        &format!(
            "ATTACH DATABASE ?1 AS encrypted KEY {}",
            key.sqlcipher_pragma()
        ),
        [enc_path.to_string_lossy()],
    )?;
    plain.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
    let version: i64 = plain.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
    plain.execute_batch(&format!("PRAGMA encrypted.user_version = {version};"))?;
    for t in &tables {
        let (a, b) = (count(&plain, "main", t)?, count(&plain, "encrypted", t)?);
        if a != b {
            return Err(DbError::Invalid(format!(
                "encryption copy of table {t} holds {b} rows instead of {a}; the plain database is untouched"
            )));
        }
    }
    plain.execute_batch("DETACH DATABASE encrypted;")?;
    drop(plain);
    std::fs::File::open(&enc_path)
        .and_then(|f| f.sync_all())
        .map_err(io(&enc_path))?;
    if let Some(parent) = plain_backup.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    // Move the plain file out first: a crash now leaves the encrypted copy beside it.
    std::fs::copy(db_path, plain_backup).map_err(io(plain_backup))?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db_path.display()));
    }
    std::fs::rename(&enc_path, db_path).map_err(io(db_path))?;
    Ok(plain_backup.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn a_plain_database_is_encrypted_with_every_row_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/varotra.db");
        let key = MasterKey::from_bytes([5; 32], "test");
        {
            let db = Db::open(&path, None, true).unwrap();
            db.write_blocking(|c| {
                for i in 0..20 {
                    c.execute(
                        "INSERT INTO shops (slug, company_name) VALUES (?1, 'Plain Shop')",
                        [format!("s{i}")],
                    )?;
                }
                Ok(())
            })
            .unwrap();
        }
        assert!(is_plain_sqlite(&path));
        let backup = dir.path().join("plain-backup.db");
        encrypt_plain_database(&path, &key, &backup).unwrap();
        assert!(!is_plain_sqlite(&path));
        assert!(is_plain_sqlite(&backup));
        let db = Db::open(&path, Some(&key), false).unwrap();
        let n: i64 = db
            .read_blocking(|c| Ok(c.query_row("SELECT count(*) FROM shops", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 20);
        let raw = std::fs::read(&path).unwrap();
        assert!(!raw.windows(10).any(|w| w == b"Plain Shop"));
    }
}
