//! Schema migrations, embedded in the binary from `migrations/`.
//!
//! A landed migration is never edited; changes come as new `V{n}__name.sql` files.
//! Foreign keys are off while migrations run (SQLite ignores the pragma inside a
//! transaction, and refinery runs each migration in one): a migration may then rebuild a
//! table the way SQLite documents it (create, copy, drop, rename) without the drop
//! cascading into the rows that reference it. The keys are checked before they are
//! turned back on (when a migration ran), so a migration that broke one fails loudly.

use super::DbError;
use rusqlite::Connection;

refinery::embed_migrations!("migrations");

/// The newest migration this binary carries (what `doctor` expects the store to be at).
pub fn latest_version() -> i64 {
    migrations::runner()
        .get_migrations()
        .iter()
        .map(|m| i64::from(m.version()))
        .max()
        .unwrap_or(0)
}

/// Applies every pending migration; returns how many ran.
pub fn run(conn: &mut Connection) -> Result<usize, DbError> {
    conn.execute_batch("PRAGMA foreign_keys = OFF;")?;
    let report = migrations::runner().run(conn);
    // Checked only when something ran: the scan reads every referencing table.
    let check = match &report {
        Ok(r) if !r.applied_migrations().is_empty() => foreign_key_violations(conn),
        _ => Ok(0),
    };
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    let report = report.map_err(|e| DbError::Migration(e.to_string()))?;
    let violations = check?;
    if violations > 0 {
        return Err(DbError::Migration(format!(
            "{violations} rows reference missing rows after migrating (PRAGMA foreign_key_check)"
        )));
    }
    Ok(report.applied_migrations().len())
}

fn foreign_key_violations(conn: &Connection) -> Result<usize, DbError> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let n = stmt.query_map([], |_| Ok(()))?.count();
    Ok(n)
}
