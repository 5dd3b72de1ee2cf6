//! Orders: what an accepted devis becomes, and its life until delivery.
//!
//! Owns the state machine (a_payer → paye → en_preparation → en_livraison → livre, or
//! annule: [`allowed`]), the stock it holds and takes ([`stock`]), the customer's
//! message at each step in their language ([`tell`]), the payment references customers
//! paste ([`sms`]), their phone numbers ([`phone`]), the facture of a paid order
//! ([`invoice`]) and the dashboard figures ([`figures`]).
//!
//! Invariants: an order is created in the transaction that accepts its devis, once per
//! devis; every step is conditional on the status it leaves (`db::orders::set_status`),
//! so a step applied twice (a repeated callback, two clicks) changes nothing the second
//! time; "paid" draws the invoice number in the same transaction, so invoice numbers
//! have no gaps.

pub mod claim;
pub mod figures;
pub mod invoice;
pub mod payment;
pub mod phone;
pub mod sms;
pub mod stock;
pub mod tell;

pub use crate::db::orders::{Event, Order};

use crate::db::{devis, orders as rows, Connection, DbError, DevisId, OrderId, ShopId};
use crate::kinds::{OrderStatus, PaidBy};
use crate::quotes::{self, Devis, QuoteError};

#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    #[error("la commande {number} est « {from} » : elle ne peut pas passer à « {to} »")]
    Refused {
        number: String,
        from: &'static str,
        to: &'static str,
    },
    #[error(transparent)]
    Quote(#[from] QuoteError),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<rusqlite::Error> for OrderError {
    fn from(e: rusqlite::Error) -> Self {
        OrderError::Db(e.into())
    }
}

/// The French label of a status, as the owner and the customer read it.
pub fn label(s: OrderStatus) -> &'static str {
    match s {
        OrderStatus::ToPay => "à payer",
        OrderStatus::Paid => "payée",
        OrderStatus::Preparing => "en préparation",
        OrderStatus::Shipping => "en livraison",
        OrderStatus::Delivered => "livrée",
        OrderStatus::Cancelled => "annulée",
    }
}

/// The steps an order in `from` may take. A delivered or cancelled order is closed; a
/// parcel on its way can only arrive (the owner cancels before it leaves).
pub fn allowed(from: OrderStatus) -> &'static [OrderStatus] {
    use OrderStatus::*;
    match from {
        ToPay => &[Paid, Cancelled],
        Paid => &[Preparing, Cancelled],
        Preparing => &[Shipping, Cancelled],
        Shipping => &[Delivered],
        Delivered | Cancelled => &[],
    }
}

/// The forward step of the admin's one-click button.
pub fn next_step(from: OrderStatus) -> Option<OrderStatus> {
    allowed(from)
        .iter()
        .copied()
        .find(|s| *s != OrderStatus::Cancelled)
}

/// Accepts the devis inside the caller's transaction (`quotes::accept_in`) and makes
/// its order, holding its products' stock. Accepting again returns the same order.
pub fn accept_devis(tx: &Connection, shop: ShopId, devis_id: DevisId) -> Result<Order, OrderError> {
    let d = quotes::accept_in(tx, shop, devis_id)?;
    Ok(from_devis(tx, shop, &d)?)
}

/// [`accept_devis`] in its own transaction (the admin's "accepter" button).
pub fn accept(conn: &mut Connection, shop: ShopId, devis_id: DevisId) -> Result<Order, OrderError> {
    let tx = conn.transaction_with_behavior(crate::db::TransactionBehavior::Immediate)?;
    let o = accept_devis(&tx, shop, devis_id)?;
    tx.commit()?;
    Ok(o)
}

/// The order of an accepted devis: created (with its stock holds) the first time.
pub fn from_devis(tx: &Connection, shop: ShopId, d: &Devis) -> Result<Order, DbError> {
    let new = rows::NewOrder {
        devis: d.id,
        number: &d.number,
        conversation: d.conversation_id,
        customer_name: d.customer_name.as_deref(),
        customer_phone: d.customer_phone.as_deref(),
        total_ttc: d.total_ttc,
        currency: &d.currency,
    };
    match rows::insert(tx, shop, &new)? {
        Some(id) => {
            rows::add_event(tx, shop, id, OrderStatus::ToPay, "devis accepté")?;
            stock::hold(tx, shop, id, d)?;
            rows::get(tx, shop, id)
        }
        None => rows::by_number(tx, shop, &d.number)?.ok_or(DbError::NotFound),
    }
}

/// Who moves an order, for its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor<'a> {
    Owner(&'a str),
    Customer,
    Provider(&'a str),
    System,
}

impl Actor<'_> {
    fn note(&self) -> String {
        match self {
            Actor::Owner(who) => format!("par {who}"),
            Actor::Customer => "par le client".into(),
            Actor::Provider(p) => format!("confirmé par {p}"),
            Actor::System => "automatique".into(),
        }
    }
}

/// Moves the order to `to` inside the caller's transaction, with the step's stock
/// change and the customer's message; a refused step is [`OrderError::Refused`]. "Paid"
/// goes through [`mark_paid`] (it needs the channel and the reference).
pub fn advance(
    tx: &Connection,
    shop: ShopId,
    id: OrderId,
    to: OrderStatus,
    actor: Actor<'_>,
) -> Result<Order, OrderError> {
    if to == OrderStatus::Paid {
        return mark_paid(tx, shop, id, PaidBy::Cash, None, actor).map(|(o, _)| o);
    }
    let o = rows::get(tx, shop, id)?;
    if !allowed(o.status).contains(&to) {
        return Err(refused(&o, to));
    }
    if !rows::set_status(tx, shop, id, o.status, to, &actor.note())? {
        return Err(refused(&rows::get(tx, shop, id)?, to));
    }
    if to == OrderStatus::Cancelled {
        stock::cancel(tx, shop, &o)?;
    }
    let o = rows::get(tx, shop, id)?;
    tell::step(tx, shop, &o)?;
    Ok(o)
}

fn refused(o: &Order, to: OrderStatus) -> OrderError {
    OrderError::Refused {
        number: o.number.clone(),
        from: label(o.status),
        to: label(to),
    }
}

/// Marks an unpaid order paid by `by` (reference `reference`): takes its stock off the
/// shelf, numbers its invoice, tells the customer. Idempotent: an order already paid
/// (or further) is returned unchanged with `false`; a cancelled one is refused.
pub fn mark_paid(
    tx: &Connection,
    shop: ShopId,
    id: OrderId,
    by: PaidBy,
    reference: Option<&str>,
    actor: Actor<'_>,
) -> Result<(Order, bool), OrderError> {
    let o = rows::get(tx, shop, id)?;
    match o.status {
        OrderStatus::ToPay => {}
        OrderStatus::Cancelled => return Err(refused(&o, OrderStatus::Paid)),
        _ => return Ok((o, false)),
    }
    if !rows::mark_paid(tx, shop, id, by, reference)? {
        return Ok((rows::get(tx, shop, id)?, false));
    }
    let note = match reference {
        Some(r) => format!("{} réf {r}, {}", tell::channel_label(by), actor.note()),
        None => format!("{}, {}", tell::channel_label(by), actor.note()),
    };
    rows::add_event(tx, shop, id, OrderStatus::Paid, &note)?;
    stock::take(tx, shop, id)?;
    invoice::number(tx, shop, id)?;
    let o = rows::get(tx, shop, id)?;
    tell::step(tx, shop, &o)?;
    Ok((o, true))
}

/// A step asked from the admin or the API: the status to reach and, for "paid", how
/// and with which reference.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub to: Option<OrderStatus>,
    pub paid_by: Option<PaidBy>,
    pub reference: Option<String>,
}

/// Applies `change` in its own transaction and returns the order as it is now.
pub fn change(
    conn: &mut Connection,
    shop: ShopId,
    id: OrderId,
    change: &Change,
    actor: Actor<'_>,
) -> Result<Order, OrderError> {
    let tx = conn.transaction_with_behavior(crate::db::TransactionBehavior::Immediate)?;
    let reference = change
        .reference
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let o = match change.to {
        Some(OrderStatus::Paid) => {
            let by = change.paid_by.unwrap_or(PaidBy::Cash);
            mark_paid(&tx, shop, id, by, reference, actor)?.0
        }
        Some(to) => advance(&tx, shop, id, to, actor)?,
        None => rows::get(&tx, shop, id)?,
    };
    tx.commit()?;
    Ok(o)
}

/// Reminds the customer of an unpaid order: its "to pay" message with the payment
/// numbers, queued like every step (template outside the 24-hour window).
pub fn remind(tx: &Connection, shop: ShopId, id: OrderId) -> Result<Order, OrderError> {
    let o = rows::get(tx, shop, id)?;
    if o.status != OrderStatus::ToPay {
        return Err(refused(&o, OrderStatus::Paid));
    }
    let payment = quotes::Payment::load(tx, shop)?;
    tell::reminder(tx, shop, &o, &payment)?;
    rows::add_event(tx, shop, id, OrderStatus::ToPay, "relance envoyée")?;
    Ok(o)
}

/// Cancels the shop's orders left unpaid for `days` days (their stock comes back);
/// the periodic check calls it. Returns how many.
pub fn expire_unpaid(conn: &Connection, shop: ShopId, days: i64) -> Result<usize, OrderError> {
    let before = (chrono::Utc::now() - chrono::Duration::days(days))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let mut n = 0;
    for o in rows::unpaid_before(conn, shop, &before)? {
        advance(conn, shop, o.id, OrderStatus::Cancelled, Actor::System)?;
        n += 1;
    }
    Ok(n)
}

/// Cancels, in every shop, the orders unpaid for `orders.expiry_days` days (default 7;
/// `0` keeps them forever), releasing their stock. The hourly check calls it.
pub fn expire_all(conn: &Connection) -> Result<usize, OrderError> {
    let mut n = 0;
    for shop in crate::db::shops::list(conn)? {
        let days = crate::db::shops::setting(conn, shop.id, "orders.expiry_days")?
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or(7);
        if days > 0 {
            n += expire_unpaid(conn, shop.id, days)?;
        }
    }
    Ok(n)
}

/// The devis an order was made from.
pub fn devis_of(conn: &Connection, o: &Order) -> Result<Devis, DbError> {
    devis::get(conn, o.shop_id, o.devis_id)
}

#[cfg(test)]
mod tests;
