//! Stock held for unpaid orders (`stock_holds`): SQL only. `products.stock` is what is
//! on the shelf; the available stock a customer is told about is that minus the holds.
//! The rules (hold on acceptance, take on payment, drop on cancel or expiry) are
//! `orders`'s.

use super::{DbError, OrderId, ShopId};
use rusqlite::{params, Connection};

/// Holds `qty` of `sku` for the order (added to a hold it already has).
pub fn hold(
    tx: &Connection,
    shop: ShopId,
    order: OrderId,
    sku: &str,
    qty: i64,
) -> Result<(), DbError> {
    tx.prepare_cached(
        "INSERT INTO stock_holds (order_id, shop_id, sku, qty) VALUES (?2, ?1, ?3, ?4)
         ON CONFLICT (order_id, sku) DO UPDATE SET qty = qty + excluded.qty",
    )?
    .execute(params![shop, order, sku, qty])?;
    Ok(())
}

/// Takes the held goods off the shelf (`products.stock`, never below 0, untouched for
/// a product whose stock is not tracked) and drops the holds.
pub fn take(tx: &Connection, shop: ShopId, order: OrderId) -> Result<(), DbError> {
    tx.prepare_cached(
        "UPDATE products SET stock = max(0, stock - (
             SELECT h.qty FROM stock_holds h
             WHERE h.shop_id = ?1 AND h.order_id = ?2 AND h.sku = products.sku))
         WHERE shop_id = ?1 AND stock IS NOT NULL AND sku IN (
             SELECT sku FROM stock_holds WHERE shop_id = ?1 AND order_id = ?2)",
    )?
    .execute(params![shop, order])?;
    release(tx, shop, order)
}

/// Drops the order's holds: the goods are available again.
pub fn release(tx: &Connection, shop: ShopId, order: OrderId) -> Result<(), DbError> {
    tx.prepare_cached("DELETE FROM stock_holds WHERE shop_id = ?1 AND order_id = ?2")?
        .execute(params![shop, order])?;
    Ok(())
}

/// The quantity of `sku` held by unpaid orders.
pub fn held(conn: &Connection, shop: ShopId, sku: &str) -> Result<i64, DbError> {
    Ok(conn
        .prepare_cached(
            "SELECT COALESCE(SUM(qty), 0) FROM stock_holds WHERE shop_id = ?1 AND sku = ?2",
        )?
        .query_row(params![shop, sku], |r| r.get(0))?)
}
