//! The mobile-money providers' OAuth tokens, cached per (base URL, client id) until a
//! minute before they expire, so a burst of payment requests and status checks costs
//! one token call. Held by the web state and the jobs' context (no global); a token
//! never reaches a log or a Debug print.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A token is dropped this long before the provider said it expires.
const MARGIN: Duration = Duration::from_secs(60);

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
}
