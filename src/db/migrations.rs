//! Schema migrations, embedded in the binary from `migrations/`.
//!
//! A landed migration is never edited; changes come as new `V{n}__name.sql` files.

use super::DbError;
use rusqlite::Connection;

refinery::embed_migrations!("migrations");

/// Applies every pending migration; returns how many ran.
pub fn run(conn: &mut Connection) -> Result<usize, DbError> {
    let report = migrations::runner()
        .run(conn)
        .map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(report.applied_migrations().len())
}
