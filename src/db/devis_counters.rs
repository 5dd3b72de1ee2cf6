//! Devis sequence counters (`devis_counters`), one per shop per year. SQL only; the
//! `DEV-YYYY-NNNN` format and the no-gap rule are `quotes::numbering`'s.

use super::{DbError, ShopId};
use rusqlite::{params, Connection, OptionalExtension};

/// Increments the shop's counter for `year` and returns the new sequence number.
/// Must run inside the transaction that inserts the devis, so a rollback undoes it.
pub fn next(tx: &Connection, shop: ShopId, year: i32) -> Result<i64, DbError> {
    Ok(tx
        .prepare_cached(
            "INSERT INTO devis_counters (shop_id, year, last_seq) VALUES (?1, ?2, 1)
             ON CONFLICT (shop_id, year) DO UPDATE SET last_seq = last_seq + 1
             RETURNING last_seq",
        )?
        .query_row(params![shop, year], |r| r.get(0))?)
}

/// The sequence number [`next`] would draw now, without drawing it.
pub fn peek(conn: &Connection, shop: ShopId, year: i32) -> Result<i64, DbError> {
    let last: Option<i64> = conn
        .prepare_cached("SELECT last_seq FROM devis_counters WHERE shop_id = ?1 AND year = ?2")?
        .query_row(params![shop, year], |r| r.get(0))
        .optional()?;
    Ok(last.unwrap_or(0) + 1)
}
