//! What `varotra doctor` and the admin's "Diagnostic" page read from the store: the
//! schema version, each number of a shop with its credentials and its last inbound
//! message, and the shop's outbox backlog.

use super::{DbError, ShopId};
use crate::kinds::ProviderKind;
use crate::settings::Secret;
use rusqlite::{params, Connection};

/// The highest migration applied to this database (`None` on an unmigrated one).
pub fn schema_version(conn: &Connection) -> Result<Option<i64>, DbError> {
    Ok(conn.query_row(
        "SELECT MAX(version) FROM refinery_schema_history",
        [],
        |r| r.get(0),
    )?)
}

/// One number of a shop as the checks see it. `Debug` never shows the token.
#[derive(Debug, Clone)]
pub struct NumberState {
    pub wa_number: String,
    pub provider: ProviderKind,
    pub phone_number_id: String,
    pub token: Secret,
    /// When the number last received a customer message (a webhook that arrived).
    pub last_inbound: Option<String>,
}

pub fn numbers(conn: &Connection, shop: ShopId) -> Result<Vec<NumberState>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT a.wa_number, a.provider, a.phone_number_id, a.token,
                (SELECT MAX(m.created_at) FROM messages m
                 WHERE m.wa_account_id = a.id AND m.direction = 'in' AND m.shop_id = ?1)
         FROM whatsapp_accounts a WHERE a.shop_id = ?1 ORDER BY a.id",
    )?;
    let rows = stmt
        .query_map([shop], |r| {
            Ok(NumberState {
                wa_number: r.get(0)?,
                provider: r.get(1)?,
                phone_number_id: r.get(2)?,
                token: Secret::new(r.get::<_, String>(3)?),
                last_inbound: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Messages of the shop waiting to leave, and when the oldest was queued.
pub fn backlog(conn: &Connection, shop: ShopId) -> Result<(i64, Option<String>), DbError> {
    Ok(conn.query_row(
        "SELECT COUNT(*), MIN(created_at) FROM outbox
         WHERE shop_id = ?1 AND status IN ('pending', 'sending')",
        params![shop],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
