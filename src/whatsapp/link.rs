//! What the sender knows of its links, in memory: which numbers' providers are failing
//! (so one waiting message is tried as a probe every few seconds, and the backlog is
//! released as soon as one goes through), and whether the store itself is failing (a
//! full disk: the loop backs off, 1 s up to 30 s, and logs once per step instead of
//! hundreds of identical lines a second).

use crate::db::DbError;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The providers' state per number, as the sender saw it.
pub struct Links {
    probe_every: Duration,
    /// Numbers whose last send failed temporarily, with when to probe them next.
    down: HashMap<i64, Instant>,
}

impl Links {
    pub fn new(probe_every: Duration) -> Self {
        Self {
            probe_every,
            down: HashMap::new(),
        }
    }

    /// A send through `account` failed temporarily at `now`.
    pub fn failed(&mut self, account: i64, now: Instant) {
        self.down.entry(account).or_insert(now + self.probe_every);
        if let Some(next) = self.down.get_mut(&account) {
            if *next <= now {
                *next = now + self.probe_every;
            }
        }
    }

    /// The failing numbers due for a probe at `now` (each gets its next probe time).
    pub fn probes_due(&mut self, now: Instant) -> Vec<i64> {
        let mut due = Vec::new();
        for (account, next) in self.down.iter_mut() {
            if *next <= now {
                due.push(*account);
                *next = now + self.probe_every;
            }
        }
        due
    }

    /// A send through `account` went through: true when it was failing until now (the
    /// caller then releases its backlog).
    pub fn recovered(&mut self, account: i64) -> bool {
        self.down.remove(&account).is_some()
    }
}

/// The loop's backoff on storage errors.
#[derive(Default)]
pub struct Storage {
    failures: u32,
}

impl Storage {
    /// The store answered again.
    pub fn ok(&mut self) {
        if self.failures > 0 {
            tracing::info!(after = self.failures, "the outbox store answers again");
        }
        self.failures = 0;
    }

    /// The store failed with `e`: how long to wait before the next look (logged when
    /// the wait grows, not on every turn).
    pub fn failed(&mut self, e: &DbError) -> Duration {
        self.failures = self.failures.saturating_add(1);
        let wait = Duration::from_secs((1u64 << (self.failures.min(6) - 1)).min(30));
        if self.failures <= 6 || self.failures.is_multiple_of(60) {
            tracing::error!(error = %e, failures = self.failures, retry_in_s = wait.as_secs(), "cannot read the outbox");
        }
        wait
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_number_is_probed_every_interval_until_a_send_goes_through() {
        let mut l = Links::new(Duration::from_secs(10));
        let t0 = Instant::now();
        l.failed(3, t0);
        assert!(l.probes_due(t0 + Duration::from_secs(5)).is_empty());
        assert_eq!(l.probes_due(t0 + Duration::from_secs(10)), [3]);
        assert!(
            l.probes_due(t0 + Duration::from_secs(15)).is_empty(),
            "next probe in 10 s"
        );
        assert!(l.recovered(3));
        assert!(!l.recovered(3), "recovered once");
        assert!(l.probes_due(t0 + Duration::from_secs(60)).is_empty());
    }

    #[test]
    fn storage_errors_back_the_loop_off_up_to_thirty_seconds() {
        let mut s = Storage::default();
        let e = DbError::Invalid("disk full".into());
        let waits: Vec<u64> = (0..8).map(|_| s.failed(&e).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30, 30]);
        s.ok();
        assert_eq!(s.failed(&e).as_secs(), 1);
    }
}
