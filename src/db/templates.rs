//! Approved message templates (`wa_templates`), as synced from the provider and kept
//! current by `message_template_status_update` webhooks, and the shop's mapping of a
//! template to each purpose (settings `whatsapp.template.<purpose>` = `name|language`).

use super::{now_text, DbError, ShopId};
use crate::kinds::Purpose;
use rusqlite::{params, Connection, OptionalExtension};

/// A template as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub id: i64,
    pub account: i64,
    pub name: String,
    pub language: String,
    /// `UTILITY`, `MARKETING`, `AUTHENTICATION`.
    pub category: String,
    /// `APPROVED`, `PENDING`, `REJECTED`, `PAUSED`...
    pub status: String,
    /// `POSITIONAL` (`{{1}}`) or `NAMED` (`{{customer_name}}`).
    pub parameter_format: String,
    /// The body's parameters in order: `1`, `2`... or their names.
    pub params: Vec<String>,
    pub body: String,
    pub reason: Option<String>,
}

impl Template {
    pub fn approved(&self) -> bool {
        self.status == "APPROVED"
    }
}

/// A template as the provider lists it.
#[derive(Debug, Clone)]
pub struct Synced {
    pub provider_id: Option<String>,
    pub name: String,
    pub language: String,
    pub category: String,
    pub status: String,
    pub parameter_format: String,
    pub params: Vec<String>,
    pub body: String,
}

const COLUMNS: &str =
    "id, wa_account_id, name, language, category, status, parameter_format, params, body, reason";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Template> {
    let params: String = r.get(7)?;
    Ok(Template {
        id: r.get(0)?,
        account: r.get(1)?,
        name: r.get(2)?,
        language: r.get(3)?,
        category: r.get(4)?,
        status: r.get(5)?,
        parameter_format: r.get(6)?,
        params: serde_json::from_str(&params).unwrap_or_default(),
        body: r.get(8)?,
        reason: r.get(9)?,
    })
}

/// Replaces the templates of the shop's number `account` with the provider's list.
pub fn replace_synced(
    conn: &mut Connection,
    shop: ShopId,
    account: i64,
    list: &[Synced],
) -> Result<usize, DbError> {
    let tx = conn.transaction()?;
    let now = now_text();
    for t in list {
        let params =
            serde_json::to_string(&t.params).map_err(|e| DbError::Invalid(e.to_string()))?;
        tx.execute(
            "INSERT INTO wa_templates (shop_id, wa_account_id, provider_id, name, language, category, status,
                 parameter_format, params, body, synced_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (wa_account_id, name, language) DO UPDATE SET provider_id = excluded.provider_id,
               category = excluded.category, status = excluded.status, parameter_format = excluded.parameter_format,
               params = excluded.params, body = excluded.body, synced_at = excluded.synced_at",
            params![
                shop,
                account,
                t.provider_id,
                t.name,
                t.language,
                t.category,
                t.status,
                t.parameter_format,
                params,
                t.body,
                now
            ],
        )?;
    }
    tx.execute(
        "DELETE FROM wa_templates WHERE shop_id = ?1 AND wa_account_id = ?2 AND synced_at != ?3",
        params![shop, account, now],
    )?;
    tx.commit()?;
    Ok(list.len())
}

/// What a template webhook says.
#[derive(Debug, Clone, Copy)]
pub struct Update<'a> {
    pub name: &'a str,
    pub language: &'a str,
    pub event: Option<&'a str>,
    pub category: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// A `message_template_status_update` (or category update) for number `account`:
/// `event` becomes the status (`REINSTATED` and `UNARCHIVED` mean approved again; a
/// deleted template is removed). A template never synced is recorded with what the
/// update says.
pub fn apply_update(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    u: &Update<'_>,
) -> Result<(), DbError> {
    let (name, language, category, reason) = (u.name, u.language, u.category, u.reason);
    let status = u.event.map(|e| match e {
        "REINSTATED" | "UNARCHIVED" => "APPROVED",
        other => other,
    });
    if matches!(status, Some("DELETED" | "PENDING_DELETION")) {
        conn.execute(
            "DELETE FROM wa_templates WHERE shop_id = ?1 AND wa_account_id = ?2 AND name = ?3 AND language = ?4",
            params![shop, account, name, language],
        )?;
        return Ok(());
    }
    conn.execute(
        "INSERT INTO wa_templates (shop_id, wa_account_id, name, language, category, status, reason)
         VALUES (?1, ?2, ?3, ?4, COALESCE(?5, 'UTILITY'), COALESCE(?6, 'PENDING'), ?7)
         ON CONFLICT (wa_account_id, name, language) DO UPDATE SET
           category = COALESCE(?5, category), status = COALESCE(?6, status),
           reason = CASE WHEN ?6 IS NULL THEN reason ELSE ?7 END",
        params![shop, account, name, language, category, status, reason],
    )?;
    Ok(())
}

/// The shop's templates, every number's, by name.
pub fn list(conn: &Connection, shop: ShopId) -> Result<Vec<Template>, DbError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM wa_templates WHERE shop_id = ?1 ORDER BY name, language, wa_account_id"
    ))?;
    let rows = stmt
        .query_map([shop], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn key(purpose: Purpose) -> String {
    format!("whatsapp.template.{purpose}")
}

/// The template (name, language) the shop chose for `purpose`.
pub fn mapping(
    conn: &Connection,
    shop: ShopId,
    purpose: Purpose,
) -> Result<Option<(String, String)>, DbError> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE shop_id = ?1 AND key = ?2",
            params![shop, key(purpose)],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value.and_then(|v| {
        let (name, lang) = v.split_once('|')?;
        Some((name.to_string(), lang.to_string()))
    }))
}

/// Chooses (or, with `None`, clears) the template of `purpose`.
pub fn set_mapping(
    conn: &Connection,
    shop: ShopId,
    purpose: Purpose,
    template: Option<(&str, &str)>,
) -> Result<(), DbError> {
    match template {
        Some((name, language)) => conn.execute(
            "INSERT INTO settings (shop_id, key, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (shop_id, key) DO UPDATE SET value = excluded.value",
            params![shop, key(purpose), format!("{name}|{language}")],
        )?,
        None => conn.execute(
            "DELETE FROM settings WHERE shop_id = ?1 AND key = ?2",
            params![shop, key(purpose)],
        )?,
    };
    Ok(())
}

/// The template the shop mapped to `purpose`, as number `account` knows it.
pub fn mapped(
    conn: &Connection,
    shop: ShopId,
    account: i64,
    purpose: Purpose,
) -> Result<Option<Template>, DbError> {
    let Some((name, language)) = mapping(conn, shop, purpose)? else {
        return Ok(None);
    };
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM wa_templates WHERE shop_id = ?1 AND wa_account_id = ?2 AND name = ?3 AND language = ?4"
            ),
            params![shop, account, name, language],
            from_row,
        )
        .optional()?)
}
