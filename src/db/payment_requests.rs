//! Payment requests sent to a mobile-money provider (MVola, Orange Money, Airtel Money) (`payment_requests`): SQL
//! only. A row is keyed by the provider's correlation id; settling it is conditional
//! on it still being pending, so a repeated or late callback, or a poll racing a
//! callback, settles it once. The rules are `payments`'s.

use super::{now_text, DbError, OrderId, ShopId};
use crate::kinds::PaymentRequestStatus;
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone)]
pub struct PaymentRequest {
    pub id: i64,
    pub shop_id: ShopId,
    pub order_id: OrderId,
    pub provider: String,
    pub correlation_id: String,
    pub client_ref: String,
    pub amount: i64,
    pub debit_msisdn: String,
    pub status: PaymentRequestStatus,
    pub transaction_ref: Option<String>,
    pub created_at: String,
    /// What the provider's status check needs besides the correlation id (Orange's
    /// `pay_token`).
    pub pay_token: Option<String>,
    /// The secret the provider's notification must carry (Orange's `notif_token`).
    pub notif_token: Option<String>,
}

const COLUMNS: &str = "id, shop_id, order_id, provider, correlation_id, client_ref, amount,
    debit_msisdn, status, transaction_ref, created_at, pay_token, notif_token";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PaymentRequest> {
    Ok(PaymentRequest {
        id: r.get(0)?,
        shop_id: r.get(1)?,
        order_id: r.get(2)?,
        provider: r.get(3)?,
        correlation_id: r.get(4)?,
        client_ref: r.get(5)?,
        amount: r.get(6)?,
        debit_msisdn: r.get(7)?,
        status: r.get(8)?,
        transaction_ref: r.get(9)?,
        created_at: r.get(10)?,
        pay_token: r.get(11)?,
        notif_token: r.get(12)?,
    })
}

/// What a provider answered to a request, to store.
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub order: OrderId,
    pub provider: &'a str,
    pub correlation_id: &'a str,
    pub client_ref: &'a str,
    pub amount: i64,
    /// The payer's number; empty when the customer types it on the provider's page.
    pub debit_msisdn: &'a str,
    pub pay_token: Option<&'a str>,
    pub notif_token: Option<&'a str>,
}

pub fn insert(tx: &Connection, shop: ShopId, r: &NewRequest<'_>) -> Result<i64, DbError> {
    tx.prepare_cached(
        "INSERT INTO payment_requests (shop_id, order_id, provider, correlation_id, client_ref,
            amount, debit_msisdn, pay_token, notif_token)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        shop,
        r.order,
        r.provider,
        r.correlation_id,
        r.client_ref,
        r.amount,
        r.debit_msisdn,
        r.pay_token,
        r.notif_token
    ])?;
    Ok(tx.last_insert_rowid())
}

/// The request a provider's correlation id names, whatever its shop: the callback
/// carries no shop, and the correlation id (the provider's random id) is the key.
pub fn by_correlation(
    conn: &Connection,
    provider: &str,
    correlation_id: &str,
) -> Result<Option<PaymentRequest>, DbError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM payment_requests WHERE provider = ?1 AND correlation_id = ?2"
        ))?
        .query_row(params![provider, correlation_id], from_row)
        .optional()?)
}

/// Pending requests older than `before`, every shop: the polling fallback's work.
pub fn pending_before(conn: &Connection, before: &str) -> Result<Vec<PaymentRequest>, DbError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM payment_requests WHERE status = 'pending' AND created_at <= ?1
         ORDER BY id LIMIT 100"
    ))?;
    let rows = stmt
        .query_map(params![before], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Settles a pending request; false when it was already settled (nothing changes).
pub fn settle(
    tx: &Connection,
    shop: ShopId,
    id: i64,
    status: PaymentRequestStatus,
    transaction_ref: Option<&str>,
) -> Result<bool, DbError> {
    let n = tx
        .prepare_cached(
            "UPDATE payment_requests SET status = ?3, transaction_ref = ?4, settled_at = ?5
             WHERE shop_id = ?1 AND id = ?2 AND status = 'pending'",
        )?
        .execute(params![shop, id, status, transaction_ref, now_text()])?;
    Ok(n == 1)
}
