//! Shops (tenants) and their WhatsApp numbers.

use super::{DbError, ShopId};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Shop {
    pub id: ShopId,
    pub slug: String,
    pub company_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub nif: Option<String>,
    pub stat: Option<String>,
    pub rcs: Option<String>,
    /// Basis points (2000 = 20 %); `None` means "TVA non applicable".
    pub vat_rate_bp: Option<i64>,
    pub plan: String,
    pub timezone: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Default)]
pub struct NewShop {
    pub slug: String,
    pub company_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub nif: Option<String>,
    pub stat: Option<String>,
    pub rcs: Option<String>,
    pub vat_rate_bp: Option<i64>,
    pub timezone: Option<String>,
}

const COLUMNS: &str = "id, slug, company_name, email, phone, address, nif, stat, rcs, vat_rate_bp, plan, timezone, created_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Shop> {
    Ok(Shop {
        id: r.get(0)?,
        slug: r.get(1)?,
        company_name: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        address: r.get(5)?,
        nif: r.get(6)?,
        stat: r.get(7)?,
        rcs: r.get(8)?,
        vat_rate_bp: r.get(9)?,
        plan: r.get(10)?,
        timezone: r.get(11)?,
        created_at: r.get(12)?,
    })
}

/// A slug is what URLs and commands use: lowercase letters, digits and dashes.
pub fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 64
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub fn create(conn: &Connection, shop: &NewShop) -> Result<ShopId, DbError> {
    if !valid_slug(&shop.slug) {
        return Err(DbError::Invalid(format!(
            "slug `{}`: use lowercase letters, digits and dashes",
            shop.slug
        )));
    }
    if shop.company_name.trim().is_empty() {
        return Err(DbError::Invalid("name: must not be empty".into()));
    }
    if let Some(tz) = &shop.timezone {
        tz.parse::<chrono_tz::Tz>().map_err(|_| {
            DbError::Invalid(format!(
                "fuseau horaire « {tz} » inconnu / unknown timezone"
            ))
        })?;
    }
    let res = conn.execute(
        "INSERT INTO shops (slug, company_name, email, phone, address, nif, stat, rcs, vat_rate_bp, timezone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, COALESCE(?10, 'Indian/Antananarivo'))",
        params![
            shop.slug, shop.company_name.trim(), shop.email, shop.phone, shop.address,
            shop.nif, shop.stat, shop.rcs, shop.vat_rate_bp, shop.timezone
        ],
    );
    match res {
        Ok(_) => Ok(ShopId(conn.last_insert_rowid())),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(DbError::Conflict(format!(
                "la boutique « {} » existe déjà / already exists",
                shop.slug
            )))
        }
        Err(e) => Err(e.into()),
    }
}

pub fn get(conn: &Connection, id: ShopId) -> Result<Shop, DbError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM shops WHERE id = ?1"),
        [id],
        from_row,
    )
    .map_err(DbError::not_found_if_none)
}

pub fn by_slug(conn: &Connection, slug: &str) -> Result<Shop, DbError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM shops WHERE slug = ?1"),
        [slug],
        from_row,
    )
    .optional()?
    .ok_or_else(|| {
        DbError::Invalid(format!(
            "aucune boutique « {slug} » (varotra shop list les montre) / no shop with this slug"
        ))
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Shop>, DbError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM shops ORDER BY company_name"
    ))?;
    let rows = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Reads a per-shop setting (`greeting_fr`, `payment.mvola`, ...).
pub fn setting(conn: &Connection, shop: ShopId, key: &str) -> Result<Option<String>, DbError> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE shop_id = ?1 AND key = ?2",
            params![shop, key],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every setting of the shop, as (key, value), in one read.
pub fn all_settings(conn: &Connection, shop: ShopId) -> Result<Vec<(String, String)>, DbError> {
    let mut st = conn.prepare_cached("SELECT key, value FROM settings WHERE shop_id = ?1")?;
    let rows = st
        .query_map([shop], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn set_setting(conn: &Connection, shop: ShopId, key: &str, value: &str) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO settings (shop_id, key, value) VALUES (?1, ?2, ?3)
         ON CONFLICT (shop_id, key) DO UPDATE SET value = excluded.value",
        params![shop, key, value],
    )?;
    Ok(())
}

/// Removes a per-shop setting (a field emptied in the admin).
pub fn delete_setting(conn: &Connection, shop: ShopId, key: &str) -> Result<(), DbError> {
    conn.execute(
        "DELETE FROM settings WHERE shop_id = ?1 AND key = ?2",
        params![shop, key],
    )?;
    Ok(())
}
