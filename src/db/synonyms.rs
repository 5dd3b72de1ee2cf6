//! The shop's editable search synonyms (`catalog_synonyms`). SQL only; parsing and
//! expansion live in `catalog::synonyms`.

use super::{DbError, ShopId};
use rusqlite::{params, Connection};

/// The shop's synonym lines, `(term, "syn1, syn2")`, ordered by term.
pub fn load(conn: &Connection, shop: ShopId) -> Result<Vec<(String, String)>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT term, synonyms FROM catalog_synonyms WHERE shop_id = ?1 ORDER BY term",
    )?;
    let rows = stmt
        .query_map([shop], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Replaces the shop's list. Run inside the caller's transaction.
pub fn replace(conn: &Connection, shop: ShopId, rows: &[(String, String)]) -> Result<(), DbError> {
    conn.execute("DELETE FROM catalog_synonyms WHERE shop_id = ?1", [shop])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO catalog_synonyms (shop_id, term, synonyms) VALUES (?1, ?2, ?3)",
    )?;
    for (t, s) in rows {
        stmt.execute(params![shop, t, s])?;
    }
    Ok(())
}
