//! The stock an order moves: held on acceptance (so two customers cannot both be
//! promised the last bag), taken off the shelf on payment, released on cancel or
//! expiry, put back on the shelf when a paid order is cancelled. Only catalogue lines
//! move stock; a product whose stock is not tracked (empty) is never touched.

use super::Order;
use crate::db::{products, stock_holds, Connection, DbError, OrderId, ShopId};
use crate::kinds::{DevisLineKind, OrderStatus};
use crate::quotes::Devis;

/// Holds the devis's products for the order.
pub fn hold(tx: &Connection, shop: ShopId, order: OrderId, d: &Devis) -> Result<(), DbError> {
    for l in d.lines.iter().filter(|l| l.kind == DevisLineKind::Product) {
        stock_holds::hold(tx, shop, order, &l.sku, l.qty)?;
    }
    Ok(())
}

/// Payment: the held goods leave the shelf.
pub fn take(tx: &Connection, shop: ShopId, order: OrderId) -> Result<(), DbError> {
    stock_holds::take(tx, shop, order)
}

/// Cancel of `o` (read before the cancel): an unpaid order's holds are dropped; a paid
/// one's goods go back on the shelf.
pub fn cancel(tx: &Connection, shop: ShopId, o: &Order) -> Result<(), DbError> {
    match o.status {
        OrderStatus::ToPay => stock_holds::release(tx, shop, o.id),
        OrderStatus::Paid | OrderStatus::Preparing => {
            let d = super::devis_of(tx, o)?;
            for l in d.lines.iter().filter(|l| l.kind == DevisLineKind::Product) {
                products::restock(tx, shop, &l.sku, l.qty)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
