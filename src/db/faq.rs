//! A shop's FAQ: question/answer pairs the bot may quote, the answer in French and,
//! when the owner wrote it, in Malagasy (`answer_mg`). Scoped by shop everywhere.

use super::{DbError, ShopId};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FaqItem {
    pub id: i64,
    pub shop_id: ShopId,
    pub question: String,
    pub answer: String,
    /// The same answer in Malagasy; `None` until the owner writes it.
    pub answer_mg: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaqUpsert {
    Added,
    Updated,
    Unchanged,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FaqItem> {
    Ok(FaqItem {
        id: r.get(0)?,
        shop_id: r.get(1)?,
        question: r.get(2)?,
        answer: r.get(3)?,
        answer_mg: r.get(4)?,
    })
}

pub fn list(conn: &Connection, shop: ShopId) -> Result<Vec<FaqItem>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, shop_id, question, answer, answer_mg FROM faq_items WHERE shop_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([shop], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, shop: ShopId, id: i64) -> Result<FaqItem, DbError> {
    conn.query_row(
        "SELECT id, shop_id, question, answer, answer_mg FROM faq_items WHERE shop_id = ?1 AND id = ?2",
        params![shop, id],
        from_row,
    )
    .map_err(DbError::not_found_if_none)
}

pub fn get_many(
    conn: &Connection,
    shop: ShopId,
    ids: &[i64],
) -> Result<HashMap<i64, FaqItem>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, shop_id, question, answer, answer_mg FROM faq_items WHERE shop_id = ?1 AND id = ?2",
    )?;
    let mut out = HashMap::new();
    for id in ids {
        if let Some(f) = stmt.query_row(params![shop, id], from_row).optional()? {
            out.insert(*id, f);
        }
    }
    Ok(out)
}

fn check(question: &str, answer: &str) -> Result<(), DbError> {
    if question.trim().is_empty() {
        return Err(DbError::Invalid("la question est vide".into()));
    }
    if answer.trim().is_empty() {
        return Err(DbError::Invalid("la réponse est vide".into()));
    }
    Ok(())
}

/// An empty Malagasy answer is no Malagasy answer.
fn mg(answer_mg: Option<&str>) -> Option<&str> {
    answer_mg.map(str::trim).filter(|a| !a.is_empty())
}

pub fn create(
    conn: &Connection,
    shop: ShopId,
    question: &str,
    answer: &str,
    answer_mg: Option<&str>,
) -> Result<i64, DbError> {
    check(question, answer)?;
    conn.execute(
        "INSERT INTO faq_items (shop_id, question, answer, answer_mg) VALUES (?1, ?2, ?3, ?4)",
        params![shop, question.trim(), answer.trim(), mg(answer_mg)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(
    conn: &Connection,
    shop: ShopId,
    id: i64,
    question: &str,
    answer: &str,
    answer_mg: Option<&str>,
) -> Result<(), DbError> {
    check(question, answer)?;
    let n = conn.execute(
        "UPDATE faq_items SET question = ?3, answer = ?4, answer_mg = ?5 WHERE shop_id = ?1 AND id = ?2",
        params![shop, id, question.trim(), answer.trim(), mg(answer_mg)],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Adds the entry, or updates the answers of the same question (same text, any case).
/// `answer_mg: None` leaves a stored Malagasy answer alone (a file without the column).
pub fn upsert(
    conn: &Connection,
    shop: ShopId,
    question: &str,
    answer: &str,
    answer_mg: Option<&str>,
) -> Result<(i64, FaqUpsert), DbError> {
    check(question, answer)?;
    let existing: Option<(i64, String, Option<String>)> = conn
        .query_row(
            "SELECT id, answer, answer_mg FROM faq_items WHERE shop_id = ?1 AND question = ?2 COLLATE NOCASE",
            params![shop, question.trim()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match existing {
        Some((id, old, old_mg)) => {
            let new_mg = match answer_mg {
                Some(a) => mg(Some(a)).map(str::to_string),
                None => old_mg.clone(),
            };
            if old == answer.trim() && new_mg == old_mg {
                return Ok((id, FaqUpsert::Unchanged));
            }
            update(conn, shop, id, question, answer, new_mg.as_deref())?;
            Ok((id, FaqUpsert::Updated))
        }
        None => Ok((
            create(conn, shop, question, answer, answer_mg)?,
            FaqUpsert::Added,
        )),
    }
}

/// How many of the shop's FAQ entries have no Malagasy answer yet.
pub fn missing_malagasy(conn: &Connection, shop: ShopId) -> Result<u64, DbError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM faq_items WHERE shop_id = ?1 AND (answer_mg IS NULL OR trim(answer_mg) = '')",
        [shop],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}

pub fn delete(conn: &Connection, shop: ShopId, id: i64) -> Result<(), DbError> {
    let n = conn.execute(
        "DELETE FROM faq_items WHERE shop_id = ?1 AND id = ?2",
        params![shop, id],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

pub fn counts_by_shop(conn: &Connection) -> Result<HashMap<ShopId, u64>, DbError> {
    let mut stmt = conn.prepare("SELECT shop_id, count(*) FROM faq_items GROUP BY shop_id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, ShopId>(0)?, r.get::<_, i64>(1)? as u64))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn for_each(
    conn: &Connection,
    shop: Option<ShopId>,
    mut f: impl FnMut(FaqItem),
) -> Result<(), DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, shop_id, question, answer, answer_mg FROM faq_items WHERE ?1 IS NULL OR shop_id = ?1",
    )?;
    let mut rows = stmt.query([shop])?;
    while let Some(r) = rows.next()? {
        f(from_row(r)?);
    }
    Ok(())
}
