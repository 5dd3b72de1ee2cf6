//! Whether the shop's messages leave: the outbox backlog and, when the provider keeps
//! refusing or cannot be reached, since when. Read from the `outbox` rows only (the
//! sender records each attempt there), for the admin's "WhatsApp injoignable" banner.

use super::{DbError, ShopId};
use rusqlite::{params, Connection};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Health {
    /// Rows waiting to be sent (pending or being sent).
    pub backlog: i64,
    /// The creation of the oldest row written after the last successful send that
    /// failed at least once: the provider fails since about then.
    pub failing_since: Option<String>,
    /// The error of the latest failed attempt among those rows.
    pub last_error: Option<String>,
}

pub fn of_shop(conn: &Connection, shop: ShopId) -> Result<Health, DbError> {
    let backlog: i64 = conn.query_row(
        "SELECT count(*) FROM outbox WHERE shop_id = ?1 AND status IN ('pending', 'sending')",
        [shop],
        |r| r.get(0),
    )?;
    if backlog == 0 {
        return Ok(Health::default());
    }
    let (failing_since, last_error): (Option<String>, Option<String>) = conn.query_row(
        "WITH last_sent AS (SELECT COALESCE(max(sent_at), '') AS at FROM outbox
                            WHERE shop_id = ?1 AND status = 'sent')
         SELECT min(o.created_at),
                (SELECT f.last_error FROM outbox f WHERE f.shop_id = ?1 AND f.status = 'pending'
                   AND f.attempts > 0 AND f.last_error IS NOT NULL ORDER BY f.id DESC LIMIT 1)
         FROM outbox o, last_sent
         WHERE o.shop_id = ?1 AND o.status = 'pending' AND o.attempts > 0 AND o.created_at > last_sent.at",
        params![shop],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Health {
        backlog,
        last_error: failing_since.as_ref().and(last_error),
        failing_since,
    })
}
