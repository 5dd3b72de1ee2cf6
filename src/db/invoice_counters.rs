//! Invoice sequence counters (`invoice_counters`), one per shop per year. SQL only; the
//! `FAC-YYYY-NNNN` format and the no-gap rule are `orders`'s.

use super::{DbError, ShopId};
use rusqlite::{params, Connection};

/// Increments the shop's invoice counter for `year` and returns the new sequence
/// number. Runs inside the transaction that marks the order paid, so a rollback undoes
/// it and numbers have no gaps.
pub fn next(tx: &Connection, shop: ShopId, year: i32) -> Result<i64, DbError> {
    Ok(tx
        .prepare_cached(
            "INSERT INTO invoice_counters (shop_id, year, last_seq) VALUES (?1, ?2, 1)
             ON CONFLICT (shop_id, year) DO UPDATE SET last_seq = last_seq + 1
             RETURNING last_seq",
        )?
        .query_row(params![shop, year], |r| r.get(0))?)
}
