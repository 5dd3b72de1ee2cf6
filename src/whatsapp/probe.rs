//! Asks a number's provider whether its credentials work, read-only: Meta's
//! `GET /{phone-number-id}?fields=display_phone_number,verified_name` with the bearer
//! token, 360dialog's `GET /v1/configs/webhook` with its API key. A refusal says
//! exactly what is wrong, in French (token refused or expired, unknown phone number
//! id, missing permission, provider unreachable), with the fix; the reply's `Date`
//! header tells how far this box's clock is off.
//!
//! Used before a number is stored (`super::connect`: the admin's number page and
//! `varotra number add`) and by `varotra doctor` for the numbers already stored.

use crate::kinds::ProviderKind;
use crate::settings::WhatsappSettings;
use std::time::Duration;

/// What the provider said about a number whose credentials work.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verified {
    /// False when the provider has no read-only call to ask (Gupshup).
    pub checked: bool,
    /// Meta's `display_phone_number`, e.g. `+261 32 00 000 01`.
    pub display_phone: Option<String>,
    /// Meta's `verified_name`: the business name customers see.
    pub verified_name: Option<String>,
}

/// Why the provider refused the credentials, in French; [`ProbeError::fix`] says what
/// to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProbeError {
    #[error("jeton refusé ou expiré ({0})")]
    TokenRefused(String),
    #[error("phone number id « {id} » inconnu ({said})")]
    UnknownNumber { id: String, said: String },
    #[error("permission manquante ({0})")]
    Permission(String),
    #[error("fournisseur injoignable ({base}) : {why}")]
    Unreachable { base: String, why: String },
    #[error("réponse inattendue ({0})")]
    Unexpected(String),
}

impl ProbeError {
    /// What the owner should do, in French.
    pub fn fix(&self) -> &'static str {
        match self {
            Self::TokenRefused(_) => "créez un jeton permanent (utilisateur système dans Meta Business) et collez-le dans Paramètres › Numéros WhatsApp",
            Self::UnknownNumber { .. } => "copiez le phone number id exact depuis WhatsApp Manager › Téléphones (ce n'est pas le numéro de téléphone)",
            Self::Permission(_) => "donnez au jeton les droits whatsapp_business_messaging et whatsapp_business_management",
            Self::Unreachable { .. } => "vérifiez la connexion internet de la machine (et whatsapp.graph_api_base / dialog360_api_base)",
            Self::Unexpected(_) => "réessayez dans quelques minutes ; si cela dure, voyez l'état du fournisseur",
        }
    }
}

/// The provider's answer, and the clock skew its `Date` header showed.
#[derive(Debug, Clone)]
pub struct Probe {
    /// How many seconds the provider's clock is ahead of ours, when it answered.
    pub skew_seconds: Option<i64>,
    pub result: Result<Verified, ProbeError>,
}

/// Asks `provider` whether `token` works for `phone_number_id`.
pub async fn probe(
    http: &reqwest::Client,
    settings: &WhatsappSettings,
    provider: ProviderKind,
    phone_number_id: &str,
    token: &str,
) -> Probe {
    let (request, base) = match provider {
        ProviderKind::Meta => (
            http.get(format!(
                "{}/{}",
                settings.graph_api_base.trim_end_matches('/'),
                urlencoding::encode(phone_number_id)
            ))
            .query(&[("fields", "display_phone_number,verified_name")])
            .bearer_auth(token),
            &settings.graph_api_base,
        ),
        ProviderKind::Dialog360 => (
            http.get(format!(
                "{}/v1/configs/webhook",
                settings.dialog360_api_base.trim_end_matches('/')
            ))
            .header("D360-API-KEY", token),
            &settings.dialog360_api_base,
        ),
        ProviderKind::Gupshup => {
            return Probe {
                skew_seconds: None,
                result: Ok(Verified::default()),
            }
        }
    };
    let res = match request.timeout(Duration::from_secs(10)).send().await {
        Ok(res) => res,
        Err(e) => {
            return Probe {
                skew_seconds: None,
                result: Err(ProbeError::Unreachable {
                    base: base.clone(),
                    why: short(&e),
                }),
            }
        }
    };
    let skew_seconds = skew_seconds(&res);
    let status = res.status().as_u16();
    let body = res.text().await.unwrap_or_default();
    Probe {
        skew_seconds,
        result: verdict(phone_number_id, status, &body),
    }
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

/// The provider's answer; Meta's error `code` says which problem it is.
fn verdict(phone_number_id: &str, status: u16, body: &str) -> Result<Verified, ProbeError> {
    let json: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    if (200..300).contains(&status) {
        let text = |k: &str| json[k].as_str().map(str::to_string);
        return Ok(Verified {
            checked: true,
            display_phone: text("display_phone_number"),
            verified_name: text("verified_name"),
        });
    }
    let code = json["error"]["code"].as_i64();
    let message = json["error"]["message"].as_str().unwrap_or("");
    let said = if message.is_empty() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status} : {message}")
    };
    Err(match (status, code) {
        (401, _) | (_, Some(190)) => ProbeError::TokenRefused(said),
        (404, _) | (_, Some(100)) | (_, Some(803)) => ProbeError::UnknownNumber {
            id: phone_number_id.to_string(),
            said,
        },
        (403, _) | (_, Some(10)) | (_, Some(200)) => ProbeError::Permission(said),
        _ => ProbeError::Unexpected(said),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metas_error_codes_name_the_problem() {
        let expired = r#"{"error":{"message":"Error validating access token","type":"OAuthException","code":190}}"#;
        let e = verdict("106540352242922", 400, expired).unwrap_err();
        assert!(matches!(e, ProbeError::TokenRefused(_)), "{e}");
        assert!(e.to_string().contains("jeton refusé ou expiré"), "{e}");
        let unknown = r#"{"error":{"message":"Unsupported get request","code":100}}"#;
        let e = verdict("106540352242922", 400, unknown).unwrap_err();
        assert!(e.to_string().contains("106540352242922"), "{e}");
        let e = verdict("1", 403, "{}").unwrap_err();
        assert_eq!(e, ProbeError::Permission("HTTP 403".into()));
    }

    #[test]
    fn a_good_answer_carries_the_number_and_its_business_name() {
        let ok = r#"{"display_phone_number":"+261 32 00 000 01","verified_name":"Epicerie Rivo","id":"1"}"#;
        let v = verdict("1", 200, ok).unwrap();
        assert!(v.checked);
        assert_eq!(v.display_phone.as_deref(), Some("+261 32 00 000 01"));
        assert_eq!(v.verified_name.as_deref(), Some("Epicerie Rivo"));
    }
}
