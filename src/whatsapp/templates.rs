//! Templates for the 24-hour window: what each purpose fills a template with, how a
//! mapped template becomes the message that goes instead of free text ([`fill`]),
//! whether a template can serve a purpose at all ([`check`]), and the sync of a shop's
//! approved templates from its provider ([`sync`]).

use super::providers::{self, Api, SendError};
use crate::db::templates::{self, Template};
use crate::db::{numbers, Db, DbError, ShopId};
use crate::kinds::{ProviderKind, Purpose};
use crate::message::OutgoingMessage;
use crate::settings::WhatsappSettings;
use serde_json::Value;

/// The values a row of `purpose` carries, in the order positional templates use them.
pub fn fields(purpose: Purpose) -> &'static [&'static str] {
    match purpose {
        Purpose::OwnerAlert => &["message"],
        Purpose::DevisFollowUp => &["customer_name", "devis_number", "total"],
        Purpose::OrderUpdate => &["customer_name", "order_number", "status"],
        Purpose::HumanReply => &["customer_name", "shop_name"],
    }
}

/// The purpose as the owner reads it.
pub fn label(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::OwnerAlert => "Alerte au propriétaire",
        Purpose::DevisFollowUp => "Relance de devis",
        Purpose::OrderUpdate => "Suivi de commande",
        Purpose::HumanReply => "Reprise de contact par un agent",
    }
}

/// Why a template cannot serve `purpose`, in French; `Ok` when it can.
pub fn check(t: &Template, purpose: Purpose) -> Result<(), String> {
    if !t.approved() {
        return Err(format!(
            "le modèle « {} » n'est pas approuvé par WhatsApp (statut {})",
            t.name, t.status
        ));
    }
    let known = fields(purpose);
    if t.parameter_format == "NAMED" {
        if let Some(p) = t.params.iter().find(|p| !known.contains(&p.as_str())) {
            return Err(format!(
                "le modèle « {} » attend le paramètre « {p} », que Varotra ne sait pas remplir pour « {} » (possibles : {})",
                t.name,
                label(purpose),
                known.join(", ")
            ));
        }
    } else if t.params.len() > known.len() {
        return Err(format!(
            "le modèle « {} » attend {} paramètres, « {} » n'en fournit que {} ({})",
            t.name,
            t.params.len(),
            label(purpose),
            known.len(),
            known.join(", ")
        ));
    }
    Ok(())
}

/// The template message for a row of `purpose` with `values` (a JSON object).
pub fn fill(t: &Template, purpose: Purpose, values: &Value) -> Result<OutgoingMessage, String> {
    check(t, purpose)?;
    let value = |name: &str| {
        values[name]
            .as_str()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            // WhatsApp refuses an empty parameter.
            .unwrap_or("—")
            .to_string()
    };
    let named = t.parameter_format == "NAMED";
    let params = if named {
        t.params.iter().map(|p| value(p)).collect()
    } else {
        fields(purpose)[..t.params.len()]
            .iter()
            .map(|f| value(f))
            .collect()
    };
    Ok(OutgoingMessage::Template {
        name: t.name.clone(),
        language: t.language.clone(),
        params,
        param_names: if named { t.params.clone() } else { Vec::new() },
    })
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("{0}")]
    Provider(String),
    #[error("aucun numéro de la boutique n'a de compte WhatsApp Business (WABA) connu : saisissez-le dans menu WhatsApp")]
    NoAccount,
}

/// Lists the approved templates of every number of `shop` that has a WhatsApp
/// Business Account, and stores them. Returns how many templates are known now.
pub async fn sync(
    db: &Db,
    http: &reqwest::Client,
    settings: &WhatsappSettings,
    shop: ShopId,
) -> Result<usize, SyncError> {
    let channels = db.read(move |c| numbers::channels(c, shop)).await?;
    let mut total = 0;
    let mut synced_any = false;
    for ch in channels {
        let Some(waba) = ch.waba_id.clone() else {
            continue;
        };
        if ch.provider == ProviderKind::Gupshup {
            continue;
        }
        let account = ch.id;
        let sender = db.read(move |c| numbers::sender(c, shop, account)).await?;
        let api = Api { http, settings };
        let list = providers::for_kind(sender.provider)
            .list_templates(api, &sender, &waba)
            .await
            .map_err(|e| match e {
                SendError::Retry(r) | SendError::Unconfirmed(r) => {
                    SyncError::Provider(format!("WhatsApp injoignable, réessayez plus tard ({r})"))
                }
                SendError::Permanent(r) => SyncError::Provider(r),
            })?;
        total += db
            .write(move |c| templates::replace_synced(c, shop, account, &list))
            .await?;
        synced_any = true;
    }
    if !synced_any {
        return Err(SyncError::NoAccount);
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(format: &str, params: &[&str], status: &str) -> Template {
        Template {
            id: 1,
            account: 1,
            name: "relance_devis".into(),
            language: "fr".into(),
            category: "UTILITY".into(),
            status: status.into(),
            parameter_format: format.into(),
            params: params.iter().map(|p| p.to_string()).collect(),
            body: String::new(),
            reason: None,
        }
    }

    #[test]
    fn a_positional_template_takes_the_purposes_values_in_order() {
        let t = template("POSITIONAL", &["1", "2", "3"], "APPROVED");
        let values = serde_json::json!({"customer_name": "Rasoa", "devis_number": "DEV-2026-0004", "total": "522 000 Ar"});
        let OutgoingMessage::Template {
            params,
            param_names,
            ..
        } = fill(&t, Purpose::DevisFollowUp, &values).unwrap()
        else {
            unreachable!()
        };
        assert_eq!(params, ["Rasoa", "DEV-2026-0004", "522 000 Ar"]);
        assert!(param_names.is_empty());
    }

    #[test]
    fn a_named_template_is_filled_by_name_and_an_unknown_name_is_refused() {
        let t = template("NAMED", &["devis_number", "customer_name"], "APPROVED");
        let values = serde_json::json!({"customer_name": "", "devis_number": "DEV-2026-0004"});
        let OutgoingMessage::Template {
            params,
            param_names,
            ..
        } = fill(&t, Purpose::DevisFollowUp, &values).unwrap()
        else {
            unreachable!()
        };
        assert_eq!(params, ["DEV-2026-0004", "—"]);
        assert_eq!(param_names, ["devis_number", "customer_name"]);
        let odd = template("NAMED", &["coupon"], "APPROVED");
        let err = check(&odd, Purpose::DevisFollowUp).unwrap_err();
        assert!(err.contains("« coupon »"), "{err}");
    }

    #[test]
    fn a_template_not_approved_or_with_too_many_parameters_cannot_serve() {
        assert!(check(&template("POSITIONAL", &[], "PENDING"), Purpose::OwnerAlert).is_err());
        assert!(check(
            &template("POSITIONAL", &["1", "2"], "APPROVED"),
            Purpose::OwnerAlert
        )
        .is_err());
        assert!(check(
            &template("POSITIONAL", &["1"], "APPROVED"),
            Purpose::OwnerAlert
        )
        .is_ok());
    }
}
