//! Orders and their steps (`orders`, `order_events`): SQL only. The state machine, the
//! customer's messages and the stock rules live in `orders`; every query here takes
//! the shop it belongs to, and every change of status is conditional on the status the
//! caller saw, so two concurrent steps (a callback and the owner's click) apply once.

use super::{now_text, ConversationId, DbError, DevisId, OrderId, ShopId};
use crate::kinds::{OrderStatus, PaidBy};
use crate::money::Ariary;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Order {
    #[schema(value_type = i64)]
    pub id: OrderId,
    #[serde(skip)]
    pub shop_id: ShopId,
    #[schema(value_type = i64)]
    pub devis_id: DevisId,
    /// The devis number, also the payment reference.
    pub number: String,
    #[schema(value_type = Option<i64>)]
    pub conversation_id: Option<ConversationId>,
    pub customer_name: Option<String>,
    pub customer_phone: Option<String>,
    /// a_payer, paye, en_preparation, en_livraison, livre or annule
    #[schema(value_type = String)]
    pub status: OrderStatus,
    /// Integer Ariary, tax included.
    #[schema(value_type = i64)]
    pub total_ttc: Ariary,
    pub currency: String,
    /// mvola, orange_money, airtel_money or especes
    #[schema(value_type = Option<String>)]
    pub paid_by: Option<PaidBy>,
    pub paid_ref: Option<String>,
    pub paid_at: Option<String>,
    /// A payment the customer says they made, waiting for the owner's confirmation.
    #[schema(value_type = Option<String>)]
    pub claimed_by: Option<PaidBy>,
    pub claimed_ref: Option<String>,
    pub claimed_at: Option<String>,
    /// The customer's message holding the payment screenshot they sent, if any.
    #[schema(value_type = Option<i64>)]
    pub claimed_message_id: Option<i64>,
    /// FAC-YYYY-NNNN once paid.
    pub invoice_number: Option<String>,
    #[serde(skip)]
    pub invoice_pdf: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What an accepted devis becomes.
#[derive(Debug, Clone)]
pub struct NewOrder<'a> {
    pub devis: DevisId,
    pub number: &'a str,
    pub conversation: Option<ConversationId>,
    pub customer_name: Option<&'a str>,
    pub customer_phone: Option<&'a str>,
    pub total_ttc: Ariary,
    pub currency: &'a str,
}

const COLUMNS: &str = "id, shop_id, devis_id, number, conversation_id, customer_name,
    customer_phone, status, total_ttc, currency, paid_by, paid_ref, paid_at, claimed_by,
    claimed_ref, claimed_at, invoice_number, invoice_pdf, created_at, updated_at, claimed_message_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Order> {
    Ok(Order {
        id: r.get(0)?,
        shop_id: r.get(1)?,
        devis_id: r.get(2)?,
        number: r.get(3)?,
        conversation_id: r.get(4)?,
        customer_name: r.get(5)?,
        customer_phone: r.get(6)?,
        status: r.get(7)?,
        total_ttc: r.get(8)?,
        currency: r.get(9)?,
        paid_by: r.get(10)?,
        paid_ref: r.get(11)?,
        paid_at: r.get(12)?,
        claimed_by: r.get(13)?,
        claimed_ref: r.get(14)?,
        claimed_at: r.get(15)?,
        invoice_number: r.get(16)?,
        invoice_pdf: r.get(17)?,
        created_at: r.get(18)?,
        updated_at: r.get(19)?,
        claimed_message_id: r.get(20)?,
    })
}

/// Keeps the customer's payment screenshot (message `message`) on the order.
pub fn set_claim_image(
    tx: &Connection,
    shop: ShopId,
    id: OrderId,
    message: i64,
) -> Result<(), DbError> {
    tx.prepare_cached(
        "UPDATE orders SET claimed_message_id = ?3, claimed_at = ?4, updated_at = ?4
         WHERE shop_id = ?1 AND id = ?2",
    )?
    .execute(params![shop, id, message, now_text()])?;
    Ok(())
}

/// Inserts the order of an accepted devis; `None` when that devis already has one.
pub fn insert(tx: &Connection, shop: ShopId, o: &NewOrder<'_>) -> Result<Option<OrderId>, DbError> {
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO orders (shop_id, devis_id, number, conversation_id,
                customer_name, customer_phone, total_ttc, currency)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            shop,
            o.devis,
            o.number,
            o.conversation,
            o.customer_name,
            o.customer_phone,
            o.total_ttc,
            o.currency
        ])?;
    Ok((n == 1).then(|| OrderId(tx.last_insert_rowid())))
}

pub fn get(conn: &Connection, shop: ShopId, id: OrderId) -> Result<Order, DbError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM orders WHERE shop_id = ?1 AND id = ?2"
    ))?
    .query_row(params![shop, id], from_row)
    .optional()?
    .ok_or(DbError::NotFound)
}

/// The order of a devis number (the payment reference), if any.
pub fn by_number(conn: &Connection, shop: ShopId, number: &str) -> Result<Option<Order>, DbError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM orders WHERE shop_id = ?1 AND number = ?2"
        ))?
        .query_row(params![shop, number], from_row)
        .optional()?)
}

/// The newest order of a conversation in one of `statuses`.
pub fn latest_in_conversation(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    statuses: &[OrderStatus],
) -> Result<Option<Order>, DbError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM orders WHERE shop_id = ?1 AND conversation_id = ?2
         ORDER BY id DESC LIMIT 20"
    ))?;
    let rows = stmt.query_map(params![shop, conv], from_row)?;
    for row in rows {
        let o = row?;
        if statuses.contains(&o.status) {
            return Ok(Some(o));
        }
    }
    Ok(None)
}

/// A page of the shop's orders, newest first, optionally in one status and for one
/// customer phone (exact) or number (prefix); returns the page and the total.
pub fn list(
    conn: &Connection,
    shop: ShopId,
    status: Option<OrderStatus>,
    search: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Order>, i64), DbError> {
    let status = status.map(|s| s.as_str());
    let search = search.map(str::trim).filter(|s| !s.is_empty());
    let filter = "shop_id = ?1 AND (?2 IS NULL OR status = ?2)
        AND (?3 IS NULL OR number LIKE ?3 || '%' OR customer_phone LIKE '%' || ?3 || '%'
             OR customer_name LIKE '%' || ?3 || '%')";
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM orders WHERE {filter}"))?
        .query_row(params![shop, status, search], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM orders WHERE {filter} ORDER BY id DESC LIMIT ?4 OFFSET ?5"
    ))?;
    let items = stmt
        .query_map(params![shop, status, search, limit, offset], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}

/// Moves the order from `from` to `to`; false (nothing changed) when it is no longer
/// in `from`. Records the step.
pub fn set_status(
    tx: &Connection,
    shop: ShopId,
    id: OrderId,
    from: OrderStatus,
    to: OrderStatus,
    note: &str,
) -> Result<bool, DbError> {
    let n = tx
        .prepare_cached(
            "UPDATE orders SET status = ?4, updated_at = ?5
             WHERE shop_id = ?1 AND id = ?2 AND status = ?3",
        )?
        .execute(params![shop, id, from, to, now_text()])?;
    if n == 1 {
        add_event(tx, shop, id, to, note)?;
    }
    Ok(n == 1)
}

/// Marks an unpaid order paid; false when it was not `a_payer` any more. The caller
/// records the step (with who confirmed it).
pub fn mark_paid(
    tx: &Connection,
    shop: ShopId,
    id: OrderId,
    by: PaidBy,
    reference: Option<&str>,
) -> Result<bool, DbError> {
    let now = now_text();
    let n = tx
        .prepare_cached(
            "UPDATE orders SET status = 'paye', paid_by = ?3, paid_ref = ?4, paid_at = ?5,
                updated_at = ?5
             WHERE shop_id = ?1 AND id = ?2 AND status = 'a_payer'",
        )?
        .execute(params![shop, id, by, reference, now])?;
    Ok(n == 1)
}

/// Records the payment the customer says they made (the newest claim wins).
pub fn set_claim(
    tx: &Connection,
    shop: ShopId,
    id: OrderId,
    by: Option<PaidBy>,
    reference: &str,
) -> Result<(), DbError> {
    tx.prepare_cached(
        "UPDATE orders SET claimed_by = ?3, claimed_ref = ?4, claimed_at = ?5, updated_at = ?5
         WHERE shop_id = ?1 AND id = ?2",
    )?
    .execute(params![shop, id, by, reference, now_text()])?;
    Ok(())
}

/// Gives the order its invoice number (once: a numbered order keeps its number).
pub fn set_invoice(
    tx: &Connection,
    shop: ShopId,
    id: OrderId,
    number: &str,
    year: i32,
    seq: i64,
) -> Result<bool, DbError> {
    let n = tx
        .prepare_cached(
            "UPDATE orders SET invoice_number = ?3, invoice_year = ?4, invoice_seq = ?5
             WHERE shop_id = ?1 AND id = ?2 AND invoice_number IS NULL",
        )?
        .execute(params![shop, id, number, year, seq])?;
    Ok(n == 1)
}

pub fn set_invoice_pdf(
    conn: &Connection,
    shop: ShopId,
    id: OrderId,
    path: &str,
) -> Result<(), DbError> {
    conn.prepare_cached("UPDATE orders SET invoice_pdf = ?3 WHERE shop_id = ?1 AND id = ?2")?
        .execute(params![shop, id, path])?;
    Ok(())
}

/// One step of an order, as the detail page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub status: OrderStatus,
    pub note: String,
    pub at: String,
}

pub fn add_event(
    tx: &Connection,
    shop: ShopId,
    id: OrderId,
    status: OrderStatus,
    note: &str,
) -> Result<(), DbError> {
    tx.prepare_cached(
        "INSERT INTO order_events (order_id, shop_id, status, note) VALUES (?2, ?1, ?3, ?4)",
    )?
    .execute(params![shop, id, status, note])?;
    Ok(())
}

pub fn events(conn: &Connection, shop: ShopId, id: OrderId) -> Result<Vec<Event>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT status, note, at FROM order_events WHERE shop_id = ?1 AND order_id = ?2
         ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![shop, id], |r| {
            Ok(Event {
                status: r.get(0)?,
                note: r.get(1)?,
                at: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Unpaid orders created before `before` (`YYYY-MM-DDTHH:MM:SSZ`), oldest first.
pub fn unpaid_before(conn: &Connection, shop: ShopId, before: &str) -> Result<Vec<Order>, DbError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM orders WHERE shop_id = ?1 AND status = 'a_payer'
         AND created_at < ?2 ORDER BY id LIMIT 200"
    ))?;
    let rows = stmt
        .query_map(params![shop, before], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Counts and sums for the dashboard; the bounds are UTC instants
/// (`YYYY-MM-DDTHH:MM:SSZ`) the caller computed in the shop's time zone.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub to_pay: i64,
    pub to_pay_amount: i64,
    pub paid_today: i64,
    pub paid_today_amount: i64,
    pub revenue_month: i64,
    /// Devis created since `since` and, of them, those whose order is paid (or further).
    pub devis_since: i64,
    pub devis_paid_since: i64,
}

pub fn totals(
    conn: &Connection,
    shop: ShopId,
    today_start: &str,
    month_start: &str,
    since: &str,
) -> Result<Totals, DbError> {
    let paid = "status IN ('paye', 'en_preparation', 'en_livraison', 'livre')";
    let (to_pay, to_pay_amount) = conn
        .prepare_cached(
            "SELECT count(*), COALESCE(SUM(total_ttc), 0) FROM orders
             WHERE shop_id = ?1 AND status = 'a_payer'",
        )?
        .query_row(params![shop], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (paid_today, paid_today_amount) = conn
        .prepare_cached(&format!(
            "SELECT count(*), COALESCE(SUM(total_ttc), 0) FROM orders
             WHERE shop_id = ?1 AND {paid} AND paid_at >= ?2"
        ))?
        .query_row(params![shop, today_start], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let revenue_month = conn
        .prepare_cached(&format!(
            "SELECT COALESCE(SUM(total_ttc), 0) FROM orders
             WHERE shop_id = ?1 AND {paid} AND paid_at >= ?2"
        ))?
        .query_row(params![shop, month_start], |r| r.get(0))?;
    let (devis_since, devis_paid_since) = conn
        .prepare_cached(&format!(
            "SELECT count(*), COALESCE(SUM(EXISTS (SELECT 1 FROM orders o WHERE o.shop_id = d.shop_id
                 AND o.devis_id = d.id AND o.{paid})), 0)
             FROM devis d WHERE d.shop_id = ?1 AND d.created_at >= ?2"
        ))?
        .query_row(params![shop, since], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(Totals {
        to_pay,
        to_pay_amount,
        paid_today,
        paid_today_amount,
        revenue_month,
        devis_since,
        devis_paid_since,
    })
}
