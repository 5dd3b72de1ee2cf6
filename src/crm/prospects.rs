//! The mini-CRM: one prospect per customer phone per shop, moved through the pipeline
//! nouveau → qualifie → devis_envoye → gagne / perdu.
//!
//! The conversation moves prospects forward automatically ([`advance`]): a price
//! question qualifies, a devis sent, a devis accepted wins. Automatic moves never go
//! backwards and never leave gagne / perdu; only the owner ([`set_status`]) may.

use crate::db::{DbError, ShopId};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// A pipeline stage, stored as its French slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Nouveau,
    Qualifie,
    DevisEnvoye,
    Gagne,
    Perdu,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Nouveau,
        Stage::Qualifie,
        Stage::DevisEnvoye,
        Stage::Gagne,
        Stage::Perdu,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Nouveau => "nouveau",
            Stage::Qualifie => "qualifie",
            Stage::DevisEnvoye => "devis_envoye",
            Stage::Gagne => "gagne",
            Stage::Perdu => "perdu",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The label shown to the owner.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Nouveau => "Nouveau",
            Stage::Qualifie => "Qualifié",
            Stage::DevisEnvoye => "Devis envoyé",
            Stage::Gagne => "Gagné",
            Stage::Perdu => "Perdu",
        }
    }

    fn rank(self) -> u8 {
        match self {
            Stage::Nouveau => 0,
            Stage::Qualifie => 1,
            Stage::DevisEnvoye => 2,
            Stage::Gagne | Stage::Perdu => 3,
        }
    }

    fn is_final(self) -> bool {
        matches!(self, Stage::Gagne | Stage::Perdu)
    }
}

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

/// Digits only, Malagasy local numbers (`034 12 345 67`) in international form
/// (`261341234567`), so the API, the admin and WhatsApp ids meet on one key.
pub fn normalize_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() == 10 && digits.starts_with('0') {
        format!("261{}", &digits[1..])
    } else {
        digits
    }
}

/// The prospect id for `phone`, created (stage nouveau) when new; the name is kept
/// when given. Does not count a message.
pub fn ensure(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
    name: Option<&str>,
) -> Result<i64, DbError> {
    let phone = normalize_phone(phone);
    if phone.is_empty() {
        return Err(DbError::Invalid("numéro de téléphone vide".into()));
    }
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    let id = conn.query_row(
        "INSERT INTO prospects (shop_id, phone, name) VALUES (?1, ?2, ?3)
         ON CONFLICT (shop_id, phone) DO UPDATE SET name = COALESCE(excluded.name, name)
         RETURNING id",
        params![shop, phone, name],
        |r| r.get(0),
    )?;
    Ok(id)
}

/// Records an inbound message from `phone`: creates the prospect on first contact,
/// updates the last contact, the name (when known) and the message count.
pub fn touch(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
    name: Option<&str>,
) -> Result<i64, DbError> {
    let id = ensure(conn, shop, phone, name)?;
    conn.execute(
        "UPDATE prospects SET last_contact_at = ?3, messages = messages + 1 WHERE id = ?1 AND shop_id = ?2",
        params![id, shop, crate::db::now_text()],
    )?;
    Ok(id)
}

/// Moves the prospect of `phone` forward to `stage` if that is ahead of where it is;
/// returns the new stage when it moved. Reaching `qualifie` notifies the owner
/// (a qualified lead).
pub fn advance(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
    stage: Stage,
) -> Result<Option<Stage>, DbError> {
    let id = ensure(conn, shop, phone, None)?;
    let current: String = conn.query_row(
        "SELECT status FROM prospects WHERE id = ?1 AND shop_id = ?2",
        params![id, shop],
        |r| r.get(0),
    )?;
    let current = Stage::parse(&current).unwrap_or(Stage::Nouveau);
    if current.is_final() || stage.rank() <= current.rank() {
        return Ok(None);
    }
    conn.execute(
        "UPDATE prospects SET status = ?3 WHERE id = ?1 AND shop_id = ?2",
        params![id, shop, stage.as_str()],
    )?;
    if stage == Stage::Qualifie {
        let who = get(conn, shop, id)?;
        let label = who
            .name
            .clone()
            .unwrap_or_else(|| format!("+{}", who.phone));
        let body = format!("Nouveau prospect qualifié : {label} a demandé un prix.");
        super::notify::notify(conn, shop, super::notify::LEAD_QUALIFIED, &body)?;
    }
    Ok(Some(stage))
}

/// The owner's move: any stage, forwards or backwards.
pub fn set_status(conn: &Connection, shop: ShopId, id: i64, stage: Stage) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE prospects SET status = ?3 WHERE id = ?1 AND shop_id = ?2",
        params![id, shop, stage.as_str()],
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

pub fn by_phone(conn: &Connection, shop: ShopId, phone: &str) -> Result<Option<Prospect>, DbError> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE p.phone = ?1 AND p.shop_id = ?2"),
            params![normalize_phone(phone), shop],
            from_row,
        )
        .optional()?)
}

/// Most recent contact first; `stage` filters when given.
pub fn list(
    conn: &Connection,
    shop: ShopId,
    stage: Option<Stage>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Prospect>, i64), DbError> {
    let status = stage.map(Stage::as_str);
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE p.shop_id = ?1 AND (?2 IS NULL OR p.status = ?2)
         ORDER BY p.last_contact_at DESC, p.id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt
        .query_map(params![shop, status, limit, offset], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    let total = conn.query_row(
        "SELECT count(*) FROM prospects WHERE shop_id = ?1 AND (?2 IS NULL OR status = ?2)",
        params![shop, status],
        |r| r.get(0),
    )?;
    Ok((rows, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_malagasy_numbers_become_international() {
        assert_eq!(normalize_phone("034 12 345 67"), "261341234567");
        assert_eq!(normalize_phone("+261 32 00 000 09"), "261320000009");
        assert_eq!(normalize_phone("261320000009"), "261320000009");
    }

    #[test]
    fn stages_round_trip_and_rank_forward() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
        assert!(Stage::Qualifie.rank() > Stage::Nouveau.rank());
        assert!(Stage::Gagne.is_final() && Stage::Perdu.is_final());
    }
}
