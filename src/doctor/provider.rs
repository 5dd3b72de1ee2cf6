//! Asks a number's provider whether its token works, read-only: Meta's
//! `GET /{phone-number-id}` with the bearer token, 360dialog's `GET
//! /v1/configs/webhook` with its API key. The reply says exactly what is wrong (token
//! refused or expired, unknown phone number id, missing permission, provider
//! unreachable), and its `Date` header how far this box's clock is off.

use super::Check;
use crate::db::diagnostic::NumberState;
use crate::kinds::ProviderKind;
use crate::settings::WhatsappSettings;
use std::time::Duration;

/// Beyond this, signatures, the 24-hour window and the backups' schedule go wrong.
const MAX_SKEW_SECONDS: i64 = 120;

pub async fn check(
    http: &reqwest::Client,
    settings: &WhatsappSettings,
    n: &NumberState,
) -> Vec<Check> {
    let name = format!("{} · jeton {}", n.wa_number, n.provider.as_str());
    let request = match n.provider {
        ProviderKind::Meta => http
            .get(format!(
                "{}/{}?fields=display_phone_number,verified_name",
                settings.graph_api_base, n.phone_number_id
            ))
            .bearer_auth(n.token.expose()),
        ProviderKind::Dialog360 => http
            .get(format!(
                "{}/v1/configs/webhook",
                settings.dialog360_api_base
            ))
            .header("D360-API-KEY", n.token.expose()),
        ProviderKind::Gupshup => {
            return vec![Check::pass(
                name,
                "non vérifié ici (Gupshup) : envoyez un message d'essai depuis le simulateur",
            )]
        }
    };
    let res = match request.timeout(Duration::from_secs(10)).send().await {
        Ok(res) => res,
        Err(e) => {
            let base = match n.provider {
                ProviderKind::Dialog360 => &settings.dialog360_api_base,
                _ => &settings.graph_api_base,
            };
            return vec![Check::fail(
                name,
                format!("fournisseur injoignable ({base}) : {}", short(&e)),
                "vérifiez la connexion internet de la machine (et whatsapp.graph_api_base / dialog360_api_base)",
            )];
        }
    };
    let mut checks = Vec::new();
    if let Some(skew) = skew_seconds(&res) {
        checks.push(if skew.abs() > MAX_SKEW_SECONDS {
            Check::fail(
                "Horloge",
                format!("décalée de {skew} s par rapport au fournisseur"),
                "activez la synchronisation de l'heure (timedatectl set-ntp true)",
            )
        } else {
            Check::pass("Horloge", format!("à l'heure (écart {skew} s)"))
        });
    }
    let status = res.status().as_u16();
    let body = res.text().await.unwrap_or_default();
    checks.insert(0, verdict(name, n, status, &body));
    checks
}

fn short(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "pas de réponse en 10 s".into()
    } else if e.is_connect() {
        "connexion impossible".into()
    } else {
        e.to_string()
    }
}

/// How many seconds the provider's clock is ahead of ours.
fn skew_seconds(res: &reqwest::Response) -> Option<i64> {
    let date = res.headers().get("date")?.to_str().ok()?;
    let theirs = chrono::DateTime::parse_from_rfc2822(date).ok()?;
    Some((theirs.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_seconds())
}

/// The provider's answer, in French; Meta's error `code` says which fix applies.
fn verdict(name: String, n: &NumberState, status: u16, body: &str) -> Check {
    if (200..300).contains(&status) {
        return Check::pass(name, "valide");
    }
    let json: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let code = json["error"]["code"].as_i64();
    let message = json["error"]["message"].as_str().unwrap_or("").to_string();
    let said = if message.is_empty() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status} : {message}")
    };
    match (status, code) {
        (401, _) | (_, Some(190)) => Check::fail(
            name,
            format!("jeton refusé ou expiré ({said})"),
            "créez un jeton permanent (utilisateur système dans Meta Business) et collez-le dans Paramètres › WhatsApp",
        ),
        (404, _) | (_, Some(100)) | (_, Some(803)) => Check::fail(
            name,
            format!("phone number id « {} » inconnu ({said})", n.phone_number_id),
            "copiez le phone number id exact depuis WhatsApp Manager › Téléphones",
        ),
        (403, _) | (_, Some(10)) | (_, Some(200)) => Check::fail(
            name,
            format!("permission manquante ({said})"),
            "donnez au jeton les droits whatsapp_business_messaging et whatsapp_business_management",
        ),
        _ => Check::fail(
            name,
            format!("réponse inattendue ({said})"),
            "réessayez dans quelques minutes ; si cela dure, voyez l'état du fournisseur",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Secret;

    fn number() -> NumberState {
        NumberState {
            wa_number: "261320000001".into(),
            provider: ProviderKind::Meta,
            phone_number_id: "106540352242922".into(),
            token: Secret::new("t"),
            last_inbound: None,
        }
    }

    #[test]
    fn metas_error_codes_name_the_fix() {
        let expired = r#"{"error":{"message":"Error validating access token","type":"OAuthException","code":190}}"#;
        let c = verdict("n".into(), &number(), 400, expired);
        assert!(c.detail.contains("jeton refusé ou expiré"), "{}", c.detail);
        let unknown = r#"{"error":{"message":"Unsupported get request","code":100}}"#;
        let c = verdict("n".into(), &number(), 400, unknown);
        assert!(c.detail.contains("106540352242922"), "{}", c.detail);
        assert!(verdict("n".into(), &number(), 200, "{}").ok);
    }
}
