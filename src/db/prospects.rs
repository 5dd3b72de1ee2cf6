//! Prospects (the mini-CRM's rows): one per customer phone per shop. SQL only; the
//! pipeline's rules (only forward, a qualified lead notifies) live in `crm::prospects`.

use super::{DbError, ShopId};
use crate::kinds::ProspectStage;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Prospect {
    pub id: i64,
    pub phone: String,
    pub name: Option<String>,
    /// nouveau, qualifie, devis_envoye, gagne or perdu.
    pub status: String,
    pub notes: String,
    pub messages: i64,
    pub devis: i64,
    pub first_contact_at: String,
    pub last_contact_at: String,
}

/// The prospect id of `phone` (already normalised), created when new; a given name
/// replaces the stored one.
pub fn upsert(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
    name: Option<&str>,
) -> Result<i64, DbError> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO prospects (shop_id, phone, name) VALUES (?1, ?2, ?3)
             ON CONFLICT (shop_id, phone) DO UPDATE SET name = COALESCE(excluded.name, name)
             RETURNING id",
        )?
        .query_row(params![shop, phone, name], |r| r.get(0))?)
}

/// Counts one more message from the prospect and moves its last contact to now.
pub fn count_message(conn: &Connection, shop: ShopId, id: i64) -> Result<(), DbError> {
    conn.prepare_cached(
        "UPDATE prospects SET last_contact_at = ?3, messages = messages + 1 WHERE id = ?1 AND shop_id = ?2",
    )?
    .execute(params![id, shop, super::now_text()])?;
    Ok(())
}

/// The stored stage of a prospect.
pub fn stage(conn: &Connection, shop: ShopId, id: i64) -> Result<ProspectStage, DbError> {
    conn.query_row(
        "SELECT status FROM prospects WHERE id = ?1 AND shop_id = ?2",
        params![id, shop],
        |r| r.get(0),
    )
    .map_err(DbError::not_found_if_none)
}

/// Stores `stage`; [`DbError::NotFound`] when the shop has no such prospect.
pub fn set_stage(
    conn: &Connection,
    shop: ShopId,
    id: i64,
    stage: ProspectStage,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE prospects SET status = ?3 WHERE id = ?1 AND shop_id = ?2",
        params![id, shop, stage],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

pub fn set_notes(conn: &Connection, shop: ShopId, id: i64, notes: &str) -> Result<(), DbError> {
    conn.execute(
        "UPDATE prospects SET notes = ?3 WHERE id = ?1 AND shop_id = ?2",
        params![id, shop, notes],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT p.id, p.phone, p.name, p.status, p.notes, p.messages,
    (SELECT count(*) FROM devis d WHERE d.prospect_id = p.id AND d.shop_id = p.shop_id),
    p.first_contact_at, p.last_contact_at FROM prospects p";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Prospect> {
    Ok(Prospect {
        id: r.get(0)?,
        phone: r.get(1)?,
        name: r.get(2)?,
        status: r.get(3)?,
        notes: r.get(4)?,
        messages: r.get(5)?,
        devis: r.get(6)?,
        first_contact_at: r.get(7)?,
        last_contact_at: r.get(8)?,
    })
}

pub fn get(conn: &Connection, shop: ShopId, id: i64) -> Result<Prospect, DbError> {
    conn.query_row(
        &format!("{SELECT} WHERE p.id = ?1 AND p.shop_id = ?2"),
        params![id, shop],
        from_row,
    )
    .map_err(DbError::not_found_if_none)
}

/// The prospect of `phone` (already normalised), if any.
pub fn by_phone(conn: &Connection, shop: ShopId, phone: &str) -> Result<Option<Prospect>, DbError> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE p.phone = ?1 AND p.shop_id = ?2"),
            params![phone, shop],
            from_row,
        )
        .optional()?)
}

/// Most recent contact first; `stage` filters when given. Returns the page and the total.
pub fn list(
    conn: &Connection,
    shop: ShopId,
    stage: Option<ProspectStage>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Prospect>, i64), DbError> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE p.shop_id = ?1 AND (?2 IS NULL OR p.status = ?2)
         ORDER BY p.last_contact_at DESC, p.id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt
        .query_map(params![shop, stage, limit, offset], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    let total = conn.query_row(
        "SELECT count(*) FROM prospects WHERE shop_id = ?1 AND (?2 IS NULL OR status = ?2)",
        params![shop, stage],
        |r| r.get(0),
    )?;
    Ok((rows, total))
}
