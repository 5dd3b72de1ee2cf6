//! A small in-memory limiter for failed logins: at most N failures per key (email or
//! client address) in a sliding 15-minute window.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Clone)]
pub struct RateLimiter {
    max: u32,
    failures: Arc<Mutex<HashMap<String, Vec<Instant>>>>,
}

impl RateLimiter {
    pub fn new(max: u32) -> Self {
        Self {
            max: max.max(1),
            failures: Arc::default(),
        }
    }

    /// True when `key` has used up its failures in the current window.
    pub fn is_blocked(&self, key: &str) -> bool {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        match map.get_mut(key) {
            Some(list) => {
                list.retain(|t| now.duration_since(*t) < WINDOW);
                list.len() as u32 >= self.max
            }
            None => false,
        }
    }

    pub fn record_failure(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 10_000 {
            let now = Instant::now();
            map.retain(|_, list| list.iter().any(|t| now.duration_since(*t) < WINDOW));
        }
        map.entry(key.to_string()).or_default().push(Instant::now());
    }

    pub fn clear(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_key_is_blocked_after_its_allowed_failures() {
        let l = super::RateLimiter::new(2);
        assert!(!l.is_blocked("a"));
        l.record_failure("a");
        l.record_failure("a");
        assert!(l.is_blocked("a"));
        assert!(!l.is_blocked("b"));
        l.clear("a");
        assert!(!l.is_blocked("a"));
    }
}
