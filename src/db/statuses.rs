//! Delivery statuses of our messages (sent, delivered, read, played, failed) with the
//! price Meta reports for them. A status whose wamid is not recorded yet (Meta may send
//! `sent` before our send call returns it) is kept in `pending_statuses` and applied
//! when the wamid is recorded ([`apply_pending`], called by `db::outbox_sends`);
//! kept ones older than a week are dropped.

use super::{message_updates, messages, DbError, ShopId};
use crate::kinds::MessageStatus;
use rusqlite::{params, Connection};

/// One status as a webhook reported it.
#[derive(Debug, Clone, Copy)]
pub struct Reported<'a> {
    pub wamid: &'a str,
    pub status: MessageStatus,
    pub error: Option<&'a str>,
    pub pricing_category: Option<&'a str>,
    pub billable: Option<bool>,
}

/// Applies `s` to the message of number `account`, or keeps it for later when that
/// message's wamid is not recorded yet. Returns whether a message changed.
pub fn apply(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    s: &Reported<'_>,
) -> Result<bool, DbError> {
    if messages::id_by_wamid(conn, account, s.wamid)?.is_none() {
        conn.prepare_cached(
            "INSERT INTO pending_statuses (shop_id, wa_account_id, wamid, status, error, pricing_category, billable)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            shop,
            account,
            s.wamid,
            s.status,
            s.error,
            s.pricing_category,
            s.billable
        ])?;
        return Ok(false);
    }
    message_updates::set_pricing(conn, shop, account, s.wamid, s.pricing_category, s.billable)?;
    messages::apply_status(conn, shop, account, s.wamid, s.status, s.error)
}

/// A kept status: its name, error, pricing category and billable flag.
type KeptStatus = (String, Option<String>, Option<String>, Option<bool>);

/// The wamid of a message of number `account` is now recorded: the statuses that came
/// first are applied (in the order they came), then forgotten.
pub fn apply_pending(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    wamid: &str,
) -> Result<usize, DbError> {
    let kept: Vec<KeptStatus> = conn
        .prepare_cached(
            "SELECT status, error, pricing_category, billable FROM pending_statuses
             WHERE shop_id = ?1 AND wa_account_id = ?2 AND wamid = ?3 ORDER BY id",
        )?
        .query_map(params![shop, account, wamid], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    if kept.is_empty() {
        return Ok(0);
    }
    for (status, error, category, billable) in &kept {
        let Some(status) = MessageStatus::parse(status) else {
            continue;
        };
        message_updates::set_pricing(conn, shop, account, wamid, category.as_deref(), *billable)?;
        messages::apply_status(conn, shop, account, wamid, status, error.as_deref())?;
    }
    conn.execute(
        "DELETE FROM pending_statuses WHERE shop_id = ?1 AND wa_account_id = ?2 AND wamid = ?3",
        params![shop, account, wamid],
    )?;
    Ok(kept.len())
}

/// Drops kept statuses older than a week: their message was never ours to record
/// (sent by another tool on the same number).
pub fn forget_stale(conn: &Connection) -> Result<usize, DbError> {
    Ok(conn.execute(
        "DELETE FROM pending_statuses WHERE received_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-7 days')",
        [],
    )?)
}

/// What the shop's numbers were billed this month, by Meta's pricing category:
/// (category, billed messages, conversations they went to).
pub fn billed_this_month(
    conn: &Connection,
    shop: ShopId,
) -> Result<Vec<(String, i64, i64)>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT COALESCE(pricing_category, '?'), count(*), count(DISTINCT conversation_id) FROM messages
         WHERE shop_id = ?1 AND billable = 1 AND created_at >= strftime('%Y-%m-01T00:00:00Z', 'now')
         GROUP BY 1 ORDER BY 2 DESC",
    )?;
    let rows = stmt
        .query_map([shop], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
