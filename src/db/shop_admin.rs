//! What the settings and agency pages change: a shop's identity, its validated
//! opening hours, its numbers as the settings page lists them, and shop creation by an
//! agency (the shop and the agency's membership in one transaction).

use super::accounts::Role;
use super::shops::{self, NewShop};
use super::{AccountId, DbError, ShopId};
use rusqlite::{params, Connection};
use serde::Serialize;

/// The identity fields an owner edits.
#[derive(Debug, Clone, Default)]
pub struct Identity {
    pub company_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub nif: Option<String>,
    pub stat: Option<String>,
    pub rcs: Option<String>,
    pub vat_rate_bp: Option<i64>,
    pub timezone: String,
}

pub fn update_identity(conn: &Connection, shop: ShopId, id: &Identity) -> Result<(), DbError> {
    if id.company_name.trim().is_empty() {
        return Err(DbError::Invalid("Nom de la boutique : obligatoire".into()));
    }
    if id.timezone.parse::<chrono_tz::Tz>().is_err() {
        return Err(DbError::Invalid(format!(
            "Fuseau horaire « {} » inconnu (exemple : Indian/Antananarivo)",
            id.timezone
        )));
    }
    if let Some(bp) = id.vat_rate_bp {
        if !(0..=10000).contains(&bp) {
            return Err(DbError::Invalid("Taux de TVA : entre 0 et 100 %".into()));
        }
    }
    let n = conn.execute(
        "UPDATE shops SET company_name = ?2, email = ?3, phone = ?4, address = ?5, nif = ?6,
             stat = ?7, rcs = ?8, vat_rate_bp = ?9, timezone = ?10 WHERE id = ?1",
        params![
            shop,
            id.company_name.trim(),
            id.email,
            id.phone,
            id.address,
            id.nif,
            id.stat,
            id.rcs,
            id.vat_rate_bp,
            id.timezone
        ],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

const DAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn valid_hhmm(s: &str) -> bool {
    chrono::NaiveTime::parse_from_str(s, "%H:%M").is_ok()
}

/// Checks the `hours` setting: a JSON object whose keys are days (`mon`..`sun`), day
/// ranges (`mon-sat`) or comma lists (`sat,sun`), and whose values are `closed` or one
/// or more `HH:MM-HH:MM` ranges separated by commas. Returns it re-serialised.
pub fn validate_hours(text: &str) -> Result<String, DbError> {
    let bad = |why: String| DbError::Invalid(format!("Horaires : {why}"));
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(text).map_err(|_| {
            bad(
                "JSON attendu, par exemple {\"mon-sat\":\"07:30-18:00\",\"sun\":\"08:00-12:00\"}"
                    .into(),
            )
        })?;
    if map.is_empty() {
        return Err(bad("aucun jour".into()));
    }
    for (days, value) in &map {
        for part in days.split(',') {
            let ok = match part.trim().split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (
                        DAYS.iter().position(|d| *d == a),
                        DAYS.iter().position(|d| *d == b),
                    );
                    matches!((a, b), (Some(a), Some(b)) if a < b)
                }
                None => DAYS.contains(&part.trim()),
            };
            if !ok {
                return Err(bad(format!(
                    "« {days} » : jours attendus mon, tue, wed, thu, fri, sat, sun (ex. mon-sat)"
                )));
            }
        }
        let Some(v) = value.as_str() else {
            return Err(bad(format!("« {days} » : texte attendu")));
        };
        if v == "closed" {
            continue;
        }
        for range in v.split(',') {
            let ok = match range.trim().split_once('-') {
                Some((a, b)) => valid_hhmm(a) && valid_hhmm(b) && a < b,
                None => false,
            };
            if !ok {
                return Err(bad(format!(
                    "« {v} » : plage HH:MM-HH:MM attendue (ou closed)"
                )));
            }
        }
    }
    Ok(serde_json::Value::Object(map).to_string())
}

/// A WhatsApp number as the settings page shows it (the access token never leaves).
#[derive(Debug, Clone, Serialize)]
pub struct NumberRow {
    pub id: i64,
    pub wa_number: String,
    pub provider: String,
    pub phone_number_id: String,
    pub webhook_token: String,
    pub status: String,
}

pub fn numbers(conn: &Connection, shop: ShopId) -> Result<Vec<NumberRow>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, wa_number, provider, phone_number_id, webhook_token, status
         FROM whatsapp_accounts WHERE shop_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([shop], |r| {
            Ok(NumberRow {
                id: r.get(0)?,
                wa_number: r.get(1)?,
                provider: r.get(2)?,
                phone_number_id: r.get(3)?,
                webhook_token: r.get(4)?,
                status: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// An agency creates a shop and becomes a member of it.
pub fn create_for_agency(
    conn: &mut Connection,
    agency: AccountId,
    role: Role,
    shop: &NewShop,
) -> Result<ShopId, DbError> {
    if role != Role::Agency {
        return Err(DbError::Invalid(
            "seul un compte agence peut créer une boutique".into(),
        ));
    }
    let tx = conn.transaction()?;
    let id = shops::create(&tx, shop)?;
    tx.execute(
        "INSERT INTO memberships (account_id, shop_id) VALUES (?1, ?2)",
        params![agency, id],
    )?;
    tx.commit()?;
    Ok(id)
}

/// Points a session at another shop of its account; refuses shops it is not a member of.
pub fn switch_session_shop(
    conn: &Connection,
    token_hash: &str,
    account: AccountId,
    shop: ShopId,
) -> Result<(), DbError> {
    if !super::accounts::is_member(conn, account, shop)? {
        return Err(DbError::NotFound);
    }
    conn.execute(
        "UPDATE sessions SET shop_id = ?2 WHERE token_hash = ?1 AND account_id = ?3",
        params![token_hash, shop, account],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate_hours;

    #[test]
    fn usual_opening_hours_are_accepted() {
        assert!(validate_hours(r#"{"mon-sat":"07:30-18:00","sun":"08:00-12:00"}"#).is_ok());
        assert!(validate_hours(r#"{"mon,wed":"08:00-12:00,14:00-18:00","sun":"closed"}"#).is_ok());
    }

    #[test]
    fn malformed_hours_are_refused_with_a_reason() {
        for bad in [
            "lundi 8h",
            r#"{}"#,
            r#"{"lundi":"08:00-12:00"}"#,
            r#"{"sat-mon":"08:00-12:00"}"#,
            r#"{"mon":"18:00-08:00"}"#,
            r#"{"mon":"8h-12h"}"#,
            r#"{"mon":8}"#,
        ] {
            let err = validate_hours(bad).unwrap_err().to_string();
            assert!(err.starts_with("Horaires"), "{bad}: {err}");
        }
    }
}
