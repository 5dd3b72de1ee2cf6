//! Monthly usage per shop (`usage_months`): the bot's replies, devis and overage the
//! reply job counts inside its transaction, and the once-a-month warning flags.

use super::{DbError, ShopId};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// The calendar month (UTC, `YYYY-MM`) usage is counted in.
pub fn month_of(now: chrono::DateTime<chrono::Utc>) -> String {
    now.format("%Y-%m").to_string()
}

/// One shop's month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Month {
    pub month: String,
    pub bot_replies: i64,
    pub devis: i64,
    pub overage: i64,
    /// Templates that left for the provider (outside the 24-hour window).
    pub templates: i64,
    pub warned_80: bool,
    pub warned_100: bool,
}

pub fn get(conn: &Connection, shop: ShopId, month: &str) -> Result<Month, DbError> {
    Ok(conn
        .query_row(
            "SELECT bot_replies, devis, overage, warned_80, warned_100, templates
             FROM usage_months WHERE shop_id = ?1 AND month = ?2",
            params![shop, month],
            |r| {
                Ok(Month {
                    month: month.to_string(),
                    bot_replies: r.get(0)?,
                    devis: r.get(1)?,
                    overage: r.get(2)?,
                    warned_80: r.get(3)?,
                    warned_100: r.get(4)?,
                    templates: r.get(5)?,
                })
            },
        )
        .optional()?
        .unwrap_or(Month {
            month: month.to_string(),
            ..Default::default()
        }))
}

/// Adds one bot reply (and `overage` of it past the quota); returns the month after.
pub fn add_reply(
    conn: &Connection,
    shop: ShopId,
    month: &str,
    overage: bool,
) -> Result<Month, DbError> {
    conn.execute(
        "INSERT INTO usage_months (shop_id, month, bot_replies, overage) VALUES (?1, ?2, 1, ?3)
         ON CONFLICT (shop_id, month) DO UPDATE SET bot_replies = bot_replies + 1,
             overage = overage + excluded.overage",
        params![shop, month, overage as i64],
    )?;
    get(conn, shop, month)
}

/// Counts one template sent this month.
pub fn add_template(conn: &Connection, shop: ShopId, month: &str) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO usage_months (shop_id, month, templates) VALUES (?1, ?2, 1)
         ON CONFLICT (shop_id, month) DO UPDATE SET templates = templates + 1",
        params![shop, month],
    )?;
    Ok(())
}

/// Counts devis issued outside a bot reply (the admin, the API) this month.
pub fn add_devis(conn: &Connection, shop: ShopId, month: &str) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO usage_months (shop_id, month, devis) VALUES (?1, ?2, 1)
         ON CONFLICT (shop_id, month) DO UPDATE SET devis = devis + 1",
        params![shop, month],
    )?;
    Ok(())
}

/// Which warning was given this month (`80` or `100`): true only the first time.
pub fn mark_warned(
    conn: &Connection,
    shop: ShopId,
    month: &str,
    level: u8,
) -> Result<bool, DbError> {
    let column = if level >= 100 {
        "warned_100"
    } else {
        "warned_80"
    };
    let n = conn.execute(
        &format!(
            "UPDATE usage_months SET {column} = 1 WHERE shop_id = ?1 AND month = ?2 AND {column} = 0"
        ),
        params![shop, month],
    )?;
    Ok(n == 1)
}

/// The shop's plan and its creation time (the trial runs from it).
pub fn plan_of(conn: &Connection, shop: ShopId) -> Result<(String, String), DbError> {
    Ok(conn.query_row(
        "SELECT plan, created_at FROM shops WHERE id = ?1",
        [shop],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Numbers the shop has connected (a plan may allow one only).
pub fn numbers(conn: &Connection, shop: ShopId) -> Result<i64, DbError> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM whatsapp_accounts WHERE shop_id = ?1",
        [shop],
        |r| r.get(0),
    )?)
}

/// Sets the shop's plan (`varotra shop plan`, the agency).
pub fn set_plan(conn: &Connection, shop: ShopId, plan: &str) -> Result<(), DbError> {
    conn.execute(
        "UPDATE shops SET plan = ?2 WHERE id = ?1",
        params![shop, plan],
    )?;
    Ok(())
}
