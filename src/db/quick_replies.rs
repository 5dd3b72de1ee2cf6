//! The shop's quick replies: a `/raccourci` typed in the reply box becomes a saved
//! text, in French or in Malagasy after the conversation's language.

use super::{DbError, ShopId};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuickReply {
    pub id: i64,
    /// Without the slash, lowercase.
    pub shortcut: String,
    pub body_fr: String,
    /// Empty: the French text is used for Malagasy conversations too.
    pub body_mg: String,
}

impl QuickReply {
    /// The text for a conversation in `language` (`mg` or anything else).
    pub fn body_for(&self, language: Option<&str>) -> &str {
        if language == Some("mg") && !self.body_mg.trim().is_empty() {
            &self.body_mg
        } else {
            &self.body_fr
        }
    }
}

/// `/Livraison ` → `livraison`; refuses what cannot be typed after a slash.
pub fn normalize_shortcut(raw: &str) -> Result<String, DbError> {
    let s = raw.trim().trim_start_matches('/').to_lowercase();
    let ok = !s.is_empty()
        && s.chars().count() <= 30
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(s)
    } else {
        Err(DbError::Invalid(format!(
            "raccourci « {} » : lettres, chiffres, - ou _ (30 au plus), sans espace",
            raw.trim()
        )))
    }
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<QuickReply> {
    Ok(QuickReply {
        id: r.get(0)?,
        shortcut: r.get(1)?,
        body_fr: r.get(2)?,
        body_mg: r.get(3)?,
    })
}

pub fn list(conn: &Connection, shop: ShopId) -> Result<Vec<QuickReply>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, shortcut, body_fr, body_mg FROM quick_replies WHERE shop_id = ?1 ORDER BY shortcut",
    )?;
    let rows = stmt
        .query_map([shop], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn by_shortcut(
    conn: &Connection,
    shop: ShopId,
    shortcut: &str,
) -> Result<Option<QuickReply>, DbError> {
    let Ok(key) = normalize_shortcut(shortcut) else {
        return Ok(None);
    };
    Ok(conn
        .query_row(
            "SELECT id, shortcut, body_fr, body_mg FROM quick_replies WHERE shop_id = ?1 AND shortcut = ?2",
            params![shop, key],
            from_row,
        )
        .optional()?)
}

/// Creates or replaces the quick reply `shortcut`.
pub fn save(
    conn: &Connection,
    shop: ShopId,
    shortcut: &str,
    body_fr: &str,
    body_mg: &str,
) -> Result<(), DbError> {
    let key = normalize_shortcut(shortcut)?;
    let (fr, mg) = (body_fr.trim(), body_mg.trim());
    if fr.is_empty() {
        return Err(DbError::Invalid(format!(
            "raccourci /{key} : le texte en français est obligatoire"
        )));
    }
    if fr.chars().count() > 4096 || mg.chars().count() > 4096 {
        return Err(DbError::Invalid(format!(
            "raccourci /{key} : 4 096 caractères au plus"
        )));
    }
    conn.execute(
        "INSERT INTO quick_replies (shop_id, shortcut, body_fr, body_mg) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (shop_id, shortcut) DO UPDATE SET body_fr = excluded.body_fr, body_mg = excluded.body_mg",
        params![shop, key, fr, mg],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, shop: ShopId, id: i64) -> Result<(), DbError> {
    let n = conn.execute(
        "DELETE FROM quick_replies WHERE shop_id = ?1 AND id = ?2",
        params![shop, id],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}
