//! Factures: a paid order gets `FAC-YYYY-NNNN`, continuous per shop per year (the year
//! of the payment in the shop's time zone). The number is drawn in the transaction
//! that marks the order paid, so a rolled-back payment rolls back its number too: no
//! gaps, no duplicates.

use crate::db::{invoice_counters, orders as rows, shops, Connection, DbError, OrderId, ShopId};
use chrono::Datelike;

/// `FAC-2026-0001`; past 9999 the sequence simply grows.
pub fn format_number(year: i32, seq: i64) -> String {
    format!("FAC-{year}-{seq:04}")
}

/// Gives the order its invoice number unless it has one; returns the order's number.
pub fn number(tx: &Connection, shop: ShopId, id: OrderId) -> Result<String, DbError> {
    let o = rows::get(tx, shop, id)?;
    if let Some(n) = o.invoice_number {
        return Ok(n);
    }
    let year = crate::quotes::today_for(&shops::get(tx, shop)?)
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or_else(|| chrono::Utc::now().year());
    let seq = invoice_counters::next(tx, shop, year)?;
    let n = format_number(year, seq);
    rows::set_invoice(tx, shop, id, &n, year, seq)?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn invoice_numbers_are_padded_to_four_digits_and_then_grow() {
        assert_eq!(super::format_number(2026, 7), "FAC-2026-0007");
        assert_eq!(super::format_number(2026, 12_345), "FAC-2026-12345");
    }
}
