//! The mobile-money providers' OAuth tokens, cached per (base URL, client id) until a
//! minute before they expire, so a burst of payment requests and status checks costs
//! one token call. Held by the web state and the jobs' context (no global); a token
//! never reaches a log or a Debug print.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A token is dropped this long before the provider said it expires.
const MARGIN: Duration = Duration::from_secs(60);

/// A provider's OAuth client-credentials answer. `expires_in` comes as a number
/// (MVola, Orange) or as a string (Airtel's `"180"`); an hour when absent.
#[derive(Deserialize)]
pub struct Granted {
    pub access_token: String,
    #[serde(default, deserialize_with = "seconds")]
    pub expires_in: Option<u64>,
}

impl Granted {
    pub fn life(&self) -> u64 {
        self.expires_in.unwrap_or(3600)
    }
}

fn seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

#[derive(Clone, Default)]
pub struct Tokens(Arc<Mutex<HashMap<String, (String, Instant)>>>);

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokens([redacted])")
    }
}

impl Tokens {
    /// The cached token for `key`, unless it is about to expire.
    pub fn get(&self, key: &str) -> Option<String> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(key)
            .filter(|(_, until)| Instant::now() < *until)
            .map(|(t, _)| t.clone())
    }

    /// Keeps `token`, valid `expires_in` seconds, for `key`.
    pub fn put(&self, key: &str, token: &str, expires_in: u64) {
        let life = Duration::from_secs(expires_in).saturating_sub(MARGIN);
        if life.is_zero() {
            return;
        }
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.insert(key.to_string(), (token.to_string(), Instant::now() + life));
    }

    /// `key`'s cached token, else the one `request` (built only on a miss) is granted,
    /// kept until a minute before it expires. `provider` names it in a refusal.
    pub async fn granted(
        &self,
        key: &str,
        provider: &'static str,
        request: impl FnOnce() -> reqwest::RequestBuilder,
    ) -> Result<String, super::PaymentError> {
        if let Some(t) = self.get(key) {
            return Ok(t);
        }
        let res = request().send().await?;
        let t: Granted = super::checked(res, provider).await?.json().await?;
        self.put(key, &t.access_token, t.life());
        Ok(t.access_token)
    }

    /// Drops `key`'s token (the provider refused it).
    pub fn forget(&self, key: &str) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::Tokens;

    #[test]
    fn a_token_is_reused_until_shortly_before_it_expires() {
        let t = Tokens::default();
        t.put("k", "tok", 3600);
        assert_eq!(t.get("k").as_deref(), Some("tok"));
        assert_eq!(t.get("other"), None);
        t.put("short", "tok", 30);
        assert_eq!(t.get("short"), None, "expires within the margin");
        t.forget("k");
        assert_eq!(t.get("k"), None);
        assert_eq!(format!("{t:?}"), "Tokens([redacted])");
    }

    #[test]
    fn a_token_life_is_read_as_a_number_or_a_string() {
        let g = |j: &str| serde_json::from_str::<super::Granted>(j).unwrap().life();
        assert_eq!(g(r#"{"access_token":"a","expires_in":7200}"#), 7200);
        assert_eq!(g(r#"{"access_token":"a","expires_in":"180"}"#), 180);
        assert_eq!(g(r#"{"access_token":"a"}"#), 3600);
    }
}
