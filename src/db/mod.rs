//! The SQLite store: one writer connection, a small pool of readers, migrations.
//!
//! Every connection is keyed for SQLCipher (when encryption is on), in WAL mode with
//! `synchronous=FULL` (an acknowledged webhook survives a power cut), a busy timeout
//! and foreign keys on. Async code goes through [`Db::read`] / [`Db::write`], which run
//! the closure on tokio's blocking pool; threads and the CLI use the `_blocking` forms.
//! Every SQL statement of the crate lives in this folder, one file per aggregate
//! (conversations, messages, outbox, jobs, devis, prospects...), every tenant query
//! taking a [`ShopId`]. This module imports nothing from the rooms above it: domains,
//! the assistant, the channel, the jobs and the web call it (see docs/architecture.md).

pub mod accounts;
pub mod api_tokens;
pub mod assistant_state;
mod backup;
pub mod branding;
pub mod conversations;
pub mod customers;
pub mod devis;
pub mod devis_counters;
pub mod erasure;
pub mod faq;
pub mod follow_ups;
mod ids;
pub mod inbox;
pub mod jobs;
mod lock;
pub mod message_updates;
pub mod messages;
pub mod migrations;
pub mod notifications;
pub mod numbers;
pub mod outbox;
pub mod outbox_sends;
pub mod password_links;
pub mod products;
pub mod prospects;
pub mod sessions;
pub mod shop_admin;
pub mod shops;
pub mod stats;
pub mod statuses;
pub mod synonyms;
pub mod templates;
pub mod upgrade;
pub mod webhooks;
// The owner's inbox (issue 19).
pub mod assignments;
pub mod contacts;
mod inbox_thread;
pub mod notes;
pub mod outbox_health;
pub mod quick_replies;
pub mod status_history;
// First-run setup, plans and usage (issue 21).
pub mod diagnostic;
pub mod setup_codes;
pub mod usage;
// Orders, stock holds, payments and invoices (issue 20).
pub mod invoice_counters;
pub mod orders;
pub mod payment_requests;
pub mod stock_holds;

pub use backup::{backup_to, restore_from};
pub use ids::{AccountId, ConversationId, DevisId, MessageId, OrderId, ProductId, ShopId};
pub use lock::StoreLock;

use crate::crypto::MasterKey;
/// The connection and transaction types domains receive inside [`Db::read`] /
/// [`Db::write`] closures; only this module's files put SQL on them.
pub use rusqlite::{Connection, Transaction, TransactionBehavior};

use rusqlite::OpenFlags;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("erreur de la base de données / database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("introuvable / not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error("la base {path} ne s'ouvre pas avec {key_source} : mauvaise clé, ou pas une base Varotra / wrong key, or not a Varotra database")]
    WrongKey { path: PathBuf, key_source: String },
    #[error("pas de base de données dans {0} : lancez d'abord `varotra migrate` / no database: run `varotra migrate` first")]
    Missing(PathBuf),
    #[error("mise à jour de la base impossible / migration failed: {0}")]
    Migration(String),
    #[error("erreur de lecture ou d'écriture sur {path} / i/o error: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("un serveur (varotra serve) utilise les données de {0} : arrêtez-le d'abord / the store is in use by a running server")]
    InUse(PathBuf),
    #[error("tâche de base de données interrompue / database task failed: {0}")]
    Task(String),
}

impl DbError {
    /// Maps "no rows" to [`DbError::NotFound`], keeping other errors.
    pub fn not_found_if_none(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => DbError::NotFound,
            other => DbError::Sqlite(other),
        }
    }
}

/// Handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Db {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    key_pragma: Option<String>,
    key_source: String,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("path", &self.inner.path)
            .finish()
    }
}

const MAX_IDLE_READERS: usize = 8;
/// The readers' page cache (the writer keeps the 16 MB of [`open_connection`]).
const READER_CACHE: &str = "PRAGMA cache_size = -2048;";

impl Db {
    /// Opens (and with `create`, creates) the database at `path`, checks the key and
    /// runs pending migrations. `key = None` opens a plain SQLite file.
    pub fn open(path: &Path, key: Option<&MasterKey>, create: bool) -> Result<Self, DbError> {
        if !create && !path.exists() {
            return Err(DbError::Missing(path.to_path_buf()));
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| DbError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let key_pragma = key.map(MasterKey::sqlcipher_pragma);
        let key_source = key
            .map(|k| format!("the key from {}", k.source))
            .unwrap_or_else(|| "no key".into());
        let mut writer = open_connection(path, key_pragma.as_deref(), &key_source)?;
        migrations::run(&mut writer)?;
        Ok(Self {
            inner: Arc::new(Inner {
                path: path.to_path_buf(),
                key_pragma,
                key_source,
                writer: Mutex::new(writer),
                readers: Mutex::new(Vec::new()),
            }),
        })
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// A fresh connection with the same key and settings (backups, tools).
    pub fn connect(&self) -> Result<Connection, DbError> {
        open_connection(
            &self.inner.path,
            self.inner.key_pragma.as_deref(),
            &self.inner.key_source,
        )
    }

    pub(crate) fn key_pragma(&self) -> Option<&str> {
        self.inner.key_pragma.as_deref()
    }

    /// Runs `f` on a reader connection, on the calling thread.
    pub fn read_blocking<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        let conn = self
            .inner
            .readers
            .lock()
            .expect("reader pool poisoned")
            .pop();
        let conn = match conn {
            Some(c) => c,
            None => {
                let c = self.connect()?;
                // A reader's page cache is dropped whenever another connection has
                // written since its last read (WAL), which under load is every time:
                // 16 MB per reader only held memory (up to 8 readers idle).
                c.execute_batch(READER_CACHE)?;
                c
            }
        };
        let out = f(&conn);
        let mut pool = self.inner.readers.lock().expect("reader pool poisoned");
        if pool.len() < MAX_IDLE_READERS {
            pool.push(conn);
        }
        out
    }

    /// Runs `f` on the single writer connection, on the calling thread. Use a
    /// transaction inside `f` for anything that writes more than one row.
    pub fn write_blocking<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        // A panic inside a previous closure must not take the store down with it.
        let mut conn = self
            .inner
            .writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut conn)
    }

    /// A handle that can only read: what the assistant is given.
    pub fn reader(&self) -> Reader {
        Reader(self.clone())
    }

    /// Runs `f` on a reader connection on tokio's blocking pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, DbError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.read_blocking(f))
            .await
            .map_err(|e| DbError::Task(e.to_string()))?
    }

    /// Runs `f` on the writer connection on tokio's blocking pool.
    pub async fn write<T, F>(&self, f: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.write_blocking(f))
            .await
            .map_err(|e| DbError::Task(e.to_string()))?
    }
}

/// A read-only view of the database: [`Db::read_blocking`] and nothing that writes.
/// The assistant decides from what it reads through one of these; the job that
/// applies its decision holds the [`Db`].
#[derive(Clone)]
pub struct Reader(Db);

impl Reader {
    /// Runs `f` on a reader connection, on the calling thread.
    pub fn read_blocking<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        self.0.read_blocking(f)
    }
}

/// Opens one connection, applies the key and the pragmas, and checks the key works.
pub(crate) fn open_connection(
    path: &Path,
    key_pragma: Option<&str>,
    key_source: &str,
) -> Result<Connection, DbError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    if let Some(pragma) = key_pragma {
        conn.execute_batch(&format!("PRAGMA key = {pragma};"))?;
    }
    let wrong_key = || DbError::WrongKey {
        path: path.to_path_buf(),
        key_source: key_source.to_string(),
    };
    // The first read of the schema fails with SQLITE_NOTADB when the key is wrong.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(err, _) if err.code == rusqlite::ErrorCode::NotADatabase => {
            wrong_key()
        }
        other => DbError::Sqlite(other),
    })?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA cache_size = -16384;
         PRAGMA temp_store = MEMORY;",
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(conn)
}

/// The current time as stored in the database (RFC 3339, UTC, seconds).
/// The liveness probe of `GET /healthz`: the connection answers a query.
pub fn ping(conn: &Connection) -> Result<(), DbError> {
    conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?;
    Ok(())
}

pub fn now_text() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests;
