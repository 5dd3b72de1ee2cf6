//! Devis numbers: `DEV-YYYY-NNNN`, continuous per shop per year.
//!
//! The next number comes from `devis_counters` inside the caller's transaction, the
//! same one that inserts the devis. With `BEGIN IMMEDIATE` the transaction holds the
//! write lock from its start, so two creations can never read the same counter, and
//! a rolled-back creation rolls back its increment too: no gaps, no duplicates.

use crate::db::ShopId;
use rusqlite::{params, Connection};

/// Increments the shop's counter for `year` and returns `(seq, number)`.
/// Must run inside the transaction that inserts the devis.
pub fn next(tx: &Connection, shop: ShopId, year: i32) -> rusqlite::Result<(i64, String)> {
    let seq: i64 = tx.query_row(
        "INSERT INTO devis_counters (shop_id, year, last_seq) VALUES (?1, ?2, 1)
         ON CONFLICT (shop_id, year) DO UPDATE SET last_seq = last_seq + 1
         RETURNING last_seq",
        params![shop, year],
        |r| r.get(0),
    )?;
    Ok((seq, format_number(year, seq)))
}

/// `DEV-2026-0001`; past 9999 the sequence simply grows (`DEV-2026-10000`).
pub fn format_number(year: i32, seq: i64) -> String {
    format!("DEV-{year}-{seq:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_zero_padded_to_four_digits() {
        assert_eq!(format_number(2026, 1), "DEV-2026-0001");
        assert_eq!(format_number(2026, 123), "DEV-2026-0123");
        assert_eq!(format_number(2027, 12345), "DEV-2027-12345");
    }

    #[test]
    fn counters_are_per_shop_and_per_year() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE devis_counters (shop_id INTEGER, year INTEGER, last_seq INTEGER,
             PRIMARY KEY (shop_id, year));",
        )
        .unwrap();
        let a = ShopId(1);
        let b = ShopId(2);
        assert_eq!(next(&conn, a, 2026).unwrap().1, "DEV-2026-0001");
        assert_eq!(next(&conn, a, 2026).unwrap().1, "DEV-2026-0002");
        assert_eq!(next(&conn, b, 2026).unwrap().1, "DEV-2026-0001");
        assert_eq!(next(&conn, a, 2027).unwrap().1, "DEV-2027-0001");
        assert_eq!(next(&conn, a, 2026).unwrap().0, 3);
    }
}
