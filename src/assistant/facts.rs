//! Shop facts as structured settings: what the owner states once (delivery zones and
//! fees, minimum order, payment means, warranty, returns, address, hours) and the
//! assistant renders in French or Malagasy from templates, never through the model.
//!
//! Keys live in `shop_settings`. Free text a customer reads has one key per language
//! (`warranty.fr`, `warranty.mg`): a missing Malagasy text is said to be missing in
//! Malagasy, never replaced by the French one. `delivery.zones` holds one zone a line:
//! `name | area, area | fee | delay (French) | delay (Malagasy)`; [`validate`] checks a
//! value before it is stored and names the line that is wrong.

use super::hours;
use crate::money::group_thousands;

pub const DELIVERY_ZONES: &str = "delivery.zones";
pub const DELIVERY_MINIMUM: &str = "delivery.minimum_order";
pub const DELIVERY_FREE_ABOVE: &str = "delivery.free_above";
pub const DELIVERY_ELSEWHERE_FR: &str = "delivery.elsewhere_fr";
pub const DELIVERY_ELSEWHERE_MG: &str = "delivery.elsewhere_mg";
pub const CASH_ON_DELIVERY: &str = "payment.cash_on_delivery";
pub const WARRANTY_FR: &str = "warranty.fr";
pub const WARRANTY_MG: &str = "warranty.mg";
pub const RETURNS_FR: &str = "returns.fr";
pub const RETURNS_MG: &str = "returns.mg";

/// Every fact key with its label on the settings page, and whether it is multi-line.
pub const KEYS: &[(&str, &str, bool)] = &[
    (
        DELIVERY_ZONES,
        "Zones de livraison (une par ligne : nom | quartiers | frais | délai en français | délai en malgache)",
        true,
    ),
    (DELIVERY_MINIMUM, "Commande minimum pour livrer (Ar)", false),
    (DELIVERY_FREE_ABOVE, "Livraison gratuite à partir de (Ar)", false),
    (DELIVERY_ELSEWHERE_FR, "Ailleurs / en province (français)", true),
    (DELIVERY_ELSEWHERE_MG, "Ailleurs / en province (malgache)", true),
    (CASH_ON_DELIVERY, "Paiement à la livraison (oui / non)", false),
    (WARRANTY_FR, "Garantie (français)", true),
    (WARRANTY_MG, "Garantie (malgache)", true),
    (RETURNS_FR, "Retours et échanges (français)", true),
    (RETURNS_MG, "Retours et échanges (malgache)", true),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FactsError {
    #[error("{key}, ligne {line} : {reason}")]
    Line {
        key: &'static str,
        line: usize,
        reason: String,
    },
    #[error("{key} : {reason}")]
    Value { key: &'static str, reason: String },
}

/// One delivery zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    pub name: String,
    pub areas: Vec<String>,
    pub fee: i64,
    pub delay_fr: Option<String>,
    pub delay_mg: Option<String>,
}

/// An amount as owners write it: `4000`, `4 000`, `4.000 Ar`.
pub fn parse_amount(s: &str) -> Option<i64> {
    let digits: String = s
        .trim()
        .trim_end_matches(|c: char| c.is_alphabetic() || c.is_whitespace())
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '\u{a0}' | '\u{202f}'))
        .collect();
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

fn opt(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Parses `delivery.zones`.
pub fn parse_zones(text: &str) -> Result<Vec<Zone>, FactsError> {
    let mut zones = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |reason: &str| FactsError::Line {
            key: DELIVERY_ZONES,
            line: i + 1,
            reason: reason.to_string(),
        };
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        if parts.len() < 3 || parts.len() > 5 {
            return Err(err(
                "attendu : nom | quartiers | frais | délai (français) | délai (malgache)",
            ));
        }
        if parts[0].is_empty() {
            return Err(err("le nom de la zone est vide"));
        }
        let fee = parse_amount(parts[2])
            .ok_or_else(|| err(&format!("frais « {} » : montant en Ar attendu", parts[2])))?;
        zones.push(Zone {
            name: parts[0].to_string(),
            areas: parts[1]
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
            fee,
            delay_fr: opt(parts.get(3).copied()),
            delay_mg: opt(parts.get(4).copied()),
        });
    }
    Ok(zones)
}

/// Checks (and tidies) a fact value before it is stored.
pub fn validate(key: &str, value: &str) -> Result<String, FactsError> {
    let v = value.trim();
    let Some(&(k, _, _)) = KEYS.iter().find(|(k, _, _)| *k == key) else {
        return Ok(v.to_string());
    };
    if v.is_empty() {
        return Ok(String::new());
    }
    match k {
        DELIVERY_ZONES => parse_zones(v).map(|_| v.to_string()),
        DELIVERY_MINIMUM | DELIVERY_FREE_ABOVE => parse_amount(v)
            .map(|n| n.to_string())
            .ok_or_else(|| FactsError::Value {
                key: k,
                reason: format!("« {v} » : montant en Ar attendu (ex. 20000)"),
            }),
        CASH_ON_DELIVERY => yes_no(v)
            .map(|b| if b { "oui" } else { "non" }.to_string())
            .ok_or(FactsError::Value {
                key: k,
                reason: format!("« {v} » : oui ou non attendu"),
            }),
        _ => Ok(v.to_string()),
    }
}

fn yes_no(v: &str) -> Option<bool> {
    match super::text::fold(v).trim() {
        "oui" | "yes" | "eny" | "1" | "true" | "o" => Some(true),
        "non" | "no" | "tsia" | "0" | "false" | "n" => Some(false),
        _ => None,
    }
}

/// The shop facts replies draw on: identity and settings.
#[derive(Debug, Clone, Default)]
pub struct ShopFacts {
    pub name: String,
    pub timezone: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub vat_bp: Option<i64>,
    pub settings: Vec<(String, String)>,
}

impl ShopFacts {
    /// The facts of `shop` as stored: its identity and every setting.
    pub fn load(
        c: &rusqlite::Connection,
        shop: crate::db::ShopId,
    ) -> Result<Self, crate::db::DbError> {
        let s = crate::db::shops::get(c, shop)?;
        Ok(ShopFacts {
            name: s.company_name,
            timezone: s.timezone,
            address: s.address,
            phone: s.phone,
            vat_bp: s.vat_rate_bp,
            settings: crate::db::shops::all_settings(c, shop)?,
        })
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.settings
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn hours(&self) -> Option<hours::Hours> {
        self.get("hours").and_then(hours::parse)
    }

    /// Zones that parse (a bad value was refused when saved; an old one is skipped).
    pub fn zones(&self) -> Vec<Zone> {
        self.get(DELIVERY_ZONES)
            .and_then(|z| parse_zones(z).ok())
            .unwrap_or_default()
    }

    pub fn amount(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(parse_amount).filter(|n| *n > 0)
    }

    pub fn cash_on_delivery(&self) -> Option<bool> {
        self.get(CASH_ON_DELIVERY).and_then(yes_no)
    }

    /// Every number the shop's facts hold (fees, amounts, phone digits), for the guard.
    pub fn numbers(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (_, v) in &self.settings {
            out.extend(super::guard::numbers(v));
        }
        for s in [&self.address, &self.phone].into_iter().flatten() {
            out.extend(super::guard::numbers(s));
        }
        out
    }
}

/// `4 000 Ar`.
pub fn ar(n: i64) -> String {
    format!("{} Ar", group_thousands(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_are_read_one_a_line_with_optional_delays() {
        let z = parse_zones(
            "Tana ville | Analakely, 67 Ha | 4 000 Ar | le jour même | anio ihany\nPériphérie | Ivato | 6000",
        )
        .unwrap();
        assert_eq!(z.len(), 2);
        assert_eq!(z[0].areas, vec!["Analakely", "67 Ha"]);
        assert_eq!(z[0].fee, 4000);
        assert_eq!(z[0].delay_mg.as_deref(), Some("anio ihany"));
        assert_eq!(z[1].fee, 6000);
        assert_eq!(z[1].delay_fr, None);
    }

    #[test]
    fn a_bad_zone_line_is_refused_naming_the_line_and_the_field() {
        let e = parse_zones("Tana | Analakely | 4000\nIvato | Ivato | gratuit").unwrap_err();
        assert_eq!(
            e.to_string(),
            "delivery.zones, ligne 2 : frais « gratuit » : montant en Ar attendu"
        );
        assert!(validate(DELIVERY_MINIMUM, "vingt mille").is_err());
        assert_eq!(validate(DELIVERY_MINIMUM, "20 000 Ar").unwrap(), "20000");
        assert_eq!(validate(CASH_ON_DELIVERY, "Eny").unwrap(), "oui");
    }
}
