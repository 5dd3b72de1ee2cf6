//! Add-ons switched by plan: a second WhatsApp number (multi-number) and payments
//! confirmed by a mobile-money operator (MVola merchant pay). Each check names the
//! plan in force and what to do, in French; the callers (the CLI, the admin, the
//! payment start) refuse or fall back to what the plan allows.

use super::shop_limits;
use crate::db::{shops, usage, Connection, DbError, ShopId};
use crate::settings::PlansSettings;
use chrono::{DateTime, Utc};

#[derive(Debug, thiserror::Error)]
pub enum AddonError {
    #[error("l'offre {plan} permet un seul numéro WhatsApp (la boutique en a déjà {count}) : passez à l'offre Pro ou Business pour en ajouter un autre")]
    OneNumberOnly { plan: &'static str, count: i64 },
    #[error("l'offre {plan} n'inclut pas les paiements confirmés par l'opérateur (réglages « MVola marchand ») : vos numéros MVola, Orange Money et Airtel Money restent affichés aux clients ; passez à l'offre Starter ou supérieure pour les activer")]
    NoPayments { plan: &'static str },
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Whether `shop` may connect one more WhatsApp number now.
pub fn allow_new_number(
    conn: &Connection,
    p: &PlansSettings,
    shop: ShopId,
    now: DateTime<Utc>,
) -> Result<(), AddonError> {
    let limits = shop_limits(conn, p, shop, now)?;
    let count = usage::numbers(conn, shop)?;
    if count >= 1 && !limits.multi_number {
        return Err(AddonError::OneNumberOnly {
            plan: limits.plan.label(),
            count,
        });
    }
    Ok(())
}

/// Whether `shop`'s payments may go through the operator (else manual instructions).
pub fn allow_payments(
    conn: &Connection,
    p: &PlansSettings,
    shop: ShopId,
    now: DateTime<Utc>,
) -> Result<(), AddonError> {
    let limits = shop_limits(conn, p, shop, now)?;
    if limits.payments {
        Ok(())
    } else {
        Err(AddonError::NoPayments {
            plan: limits.plan.label(),
        })
    }
}

/// A setting of a mobile-money operator's API (`mvola.*`, `orange.*`, `airtel.*`).
pub fn is_operator_setting(key: &str) -> bool {
    ["mvola.", "orange.", "airtel."]
        .iter()
        .any(|p| key.starts_with(p))
}

/// Why operator settings `typed` (key, value) are refused for `shop`: the plan has no
/// payments add-on and a value differs from the stored one (values kept after a
/// downgrade still save). `None` when they may be saved.
pub fn refuse_operator_settings(
    conn: &Connection,
    p: &PlansSettings,
    shop: ShopId,
    typed: &[(String, String)],
    now: DateTime<Utc>,
) -> Result<Option<String>, DbError> {
    for (k, v) in typed {
        if shops::setting(conn, shop, k)?.as_deref() != Some(v.as_str()) {
            return match allow_payments(conn, p, shop, now) {
                Err(AddonError::Db(e)) => Err(e),
                other => Ok(other.err().map(|e| e.to_string())),
            };
        }
    }
    Ok(None)
}
