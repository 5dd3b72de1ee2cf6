//! `varotra key rotate`: re-keys the database and every stored file, crash-safe.
//!
//! Everything is first written beside the originals under the new key (`varotra.db.rekey`,
//! `*.rekey` files, `varotra.key.new`). The commit point is the swap of the key files
//! (`varotra.key` → `.old`, `.new` → `varotra.key`). Before it, an interrupted rotation is
//! rolled back; after it, it is finished. [`resume_if_needed`] runs before every store
//! opening, so whatever moment a crash hits, the store opens with the old or the new key
//! and nothing is lost. `serve` must be stopped while rotating.

use super::{FileError, FileStore, KeyError, MasterKey};
use crate::settings::Settings;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum RotateError {
    #[error("the key comes from VAROTRA__STORAGE__KEY: rotate it where you keep it (generate 64 hex characters), not with `key rotate`")]
    EnvKey,
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error(transparent)]
    File(#[from] FileError),
    #[error("key rotation: i/o error on {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

struct Paths {
    key: PathBuf,
    key_new: PathBuf,
    key_old: PathBuf,
    db: PathBuf,
    db_new: PathBuf,
    files: PathBuf,
}

impl Paths {
    fn of(settings: &Settings) -> Self {
        let key = settings.storage.key_file.clone();
        let db = settings.database_path();
        Paths {
            key_new: key.with_extension("key.new"),
            key_old: key.with_extension("key.old"),
            key,
            db_new: db.with_extension("db.rekey"),
            db,
            files: settings.server.data_dir.join("files"),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RotateError + '_ {
    move |source| RotateError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Test hook: `VAROTRA_ROTATE_CRASH_AT=<step>` stops the process at that step, as a
/// power cut would.
fn crash_point(step: &str) {
    if std::env::var("VAROTRA_ROTATE_CRASH_AT").as_deref() == Ok(step) {
        eprintln!("simulated crash at {step}");
        std::process::exit(137);
    }
}

/// Rotates the master key; returns how many stored files were re-encrypted.
pub fn rotate(settings: &Settings) -> Result<usize, RotateError> {
    if !settings.storage.key.is_empty() {
        return Err(RotateError::EnvKey);
    }
    resume_if_needed(settings)?;
    let p = Paths::of(settings);
    let old = MasterKey::load(settings, false)?;
    let new = MasterKey::generate(p.key.display().to_string());
    new.write_file(&p.key_new)?;
    crash_point("after-new-key");

    // The database, exported whole under the new key.
    let _ = std::fs::remove_file(&p.db_new);
    let conn = crate::db::open_connection(&p.db, Some(&old.sqlcipher_pragma()), &old.source)?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .map_err(crate::db::DbError::from)?;
    conn.execute(
        &format!(
            "ATTACH DATABASE ?1 AS rekeyed KEY {}",
            new.sqlcipher_pragma()
        ),
        [p.db_new.to_string_lossy()],
    )
    .map_err(crate::db::DbError::from)?;
    conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))
        .map_err(crate::db::DbError::from)?;
    let version: i64 = conn
        .query_row("PRAGMA main.user_version", [], |r| r.get(0))
        .map_err(crate::db::DbError::from)?;
    conn.execute_batch(&format!(
        "PRAGMA rekeyed.user_version = {version}; DETACH DATABASE rekeyed;"
    ))
    .map_err(crate::db::DbError::from)?;
    drop(conn);
    std::fs::File::open(&p.db_new)
        .and_then(|f| f.sync_all())
        .map_err(io(&p.db_new))?;
    crash_point("after-db-export");

    // Every stored file, sealed again under the new key beside the original.
    let old_store = FileStore::new(p.files.clone(), Some(&old));
    let new_store = FileStore::new(p.files.clone(), Some(&new));
    let names = stored_files(&p.files)?;
    for name in &names {
        let plain = old_store.get(name)?;
        let sealed = new_store.seal(name, &plain)?;
        let tmp = p.files.join(format!("{name}.rekey"));
        write_synced(&tmp, &sealed)?;
    }
    crash_point("after-files");

    // Commit point: swap the key files.
    std::fs::rename(&p.key, &p.key_old).map_err(io(&p.key))?;
    crash_point("mid-commit");
    std::fs::rename(&p.key_new, &p.key).map_err(io(&p.key))?;
    crash_point("after-commit");
    finish(&p)?;
    Ok(names.len())
}

/// Finishes or rolls back a rotation that a crash interrupted.
pub fn resume_if_needed(settings: &Settings) -> Result<(), RotateError> {
    if !settings.storage.key.is_empty() {
        return Ok(());
    }
    let p = Paths::of(settings);
    if p.key_old.exists() {
        if !p.key.exists() && p.key_new.exists() {
            std::fs::rename(&p.key_new, &p.key).map_err(io(&p.key))?;
        }
        tracing::warn!("finishing an interrupted key rotation");
        return finish(&p);
    }
    if p.key_new.exists() {
        tracing::warn!("rolling back an interrupted key rotation");
        let _ = std::fs::remove_file(&p.db_new);
        for name in stored_files(&p.files)? {
            let _ = std::fs::remove_file(p.files.join(format!("{name}.rekey")));
        }
        std::fs::remove_file(&p.key_new).map_err(io(&p.key_new))?;
    }
    Ok(())
}

/// After the commit point: put the re-keyed database and files in place.
fn finish(p: &Paths) -> Result<(), RotateError> {
    if p.db_new.exists() {
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", p.db.display()));
        }
        std::fs::rename(&p.db_new, &p.db).map_err(io(&p.db))?;
    }
    for name in stored_files(&p.files)? {
        let tmp = p.files.join(format!("{name}.rekey"));
        if tmp.exists() {
            std::fs::rename(&tmp, p.files.join(&name)).map_err(io(&tmp))?;
        }
    }
    std::fs::remove_file(&p.key_old).map_err(io(&p.key_old))?;
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), RotateError> {
    use std::io::Write;
    let mut f = std::fs::File::create(path).map_err(io(path))?;
    f.write_all(bytes).map_err(io(path))?;
    f.sync_all().map_err(io(path))
}

/// Relative names of the stored files (not the `.rekey` copies nor temp files).
fn stored_files(root: &Path) -> Result<Vec<String>, RotateError> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(RotateError::Io { path: dir, source }),
        };
        for entry in entries {
            let path = entry.map_err(io(&dir))?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext != "rekey" && !ext.starts_with("tmp") {
                out.push(name);
            }
        }
    }
    out.sort();
    Ok(out)
}
