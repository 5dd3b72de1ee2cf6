//! Owner notifications (`notifications`): what the admin lists, and the email leg the
//! background mailer sends. SQL only; which legs a notification gets is decided in
//! `crm::notify`.

use super::{DbError, ShopId};
use rusqlite::{params, Connection};

/// One notification email waiting for the mailer.
#[derive(Debug, Clone)]
pub struct PendingEmail {
    pub id: i64,
    pub kind: String,
    pub body: String,
    pub to: String,
    pub shop_name: String,
}

/// Records a notification; `email_to` set means the mailer should send it. Returns its id.
pub fn insert(
    conn: &Connection,
    shop: ShopId,
    kind: &str,
    body: &str,
    email_to: Option<&str>,
) -> Result<i64, DbError> {
    conn.prepare_cached(
        "INSERT INTO notifications (shop_id, kind, body, email_to, email_status)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        shop,
        kind,
        body,
        email_to,
        if email_to.is_some() {
            "pending"
        } else {
            "none"
        }
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The shop's latest notifications, newest first: (id, kind, body, created_at).
pub fn recent(
    conn: &Connection,
    shop: ShopId,
    limit: i64,
) -> Result<Vec<(i64, String, String, String)>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, body, created_at FROM notifications WHERE shop_id = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![shop, limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Up to `limit` emails waiting to be sent, every shop, oldest first. The mailer works
/// for the whole box, so this is the one query here not scoped by shop.
pub fn pending_emails(conn: &Connection, limit: i64) -> Result<Vec<PendingEmail>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT n.id, n.kind, n.body, n.email_to, s.company_name FROM notifications n
         JOIN shops s ON s.id = n.shop_id
         WHERE n.email_status = 'pending' ORDER BY n.id LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok(PendingEmail {
                id: r.get(0)?,
                kind: r.get(1)?,
                body: r.get(2)?,
                to: r.get(3)?,
                shop_name: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Records one send attempt: `sent`, or back to pending with the error until
/// `max_attempts`, then `failed`.
pub fn record_email_attempt(
    conn: &Connection,
    id: i64,
    error: Option<&str>,
    max_attempts: i64,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE notifications SET email_attempts = email_attempts + 1, email_error = ?2,
            email_status = CASE WHEN ?2 IS NULL THEN 'sent'
                                WHEN email_attempts + 1 >= ?3 THEN 'failed'
                                ELSE 'pending' END
         WHERE id = ?1",
        params![id, error, max_attempts],
    )?;
    Ok(())
}
