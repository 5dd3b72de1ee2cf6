//! Devis numbers: `DEV-YYYY-NNNN`, continuous per shop per year.
//!
//! The next number comes from `devis_counters` inside the caller's transaction, the
//! same one that inserts the devis. The counter increment takes the write lock, so two
//! creations can never draw the same number, and a rolled-back creation rolls back its
//! increment too: no gaps, no duplicates. A PDF rendered before the write prints the
//! number [`peek`] saw; the write then checks it drew that same number.

use crate::db::{devis_counters, Connection, DbError, ShopId};

/// Increments the shop's counter for `year` and returns `(seq, number)`.
/// Must run inside the transaction that inserts the devis.
pub fn next(tx: &Connection, shop: ShopId, year: i32) -> Result<(i64, String), DbError> {
    let seq = devis_counters::next(tx, shop, year)?;
    Ok((seq, format_number(year, seq)))
}

/// The `(seq, number)` the next devis of `year` will get if nobody draws one first.
pub fn peek(conn: &Connection, shop: ShopId, year: i32) -> Result<(i64, String), DbError> {
    let seq = devis_counters::peek(conn, shop, year)?;
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
