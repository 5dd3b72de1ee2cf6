//! Rate limits (the `governor` crate) and the bounded password check.
//!
//! A login attempt is counted *before* its password is checked, against its account
//! (`server.login_attempts` per 15 minutes, so one agent's typos never lock the owner
//! out) and against its client address (`server.login_attempts_per_ip`, a ceiling for
//! a whole shop behind one address). The argon2 check then runs on a blocking thread,
//! never on the database writer, at most [`Limits::checks`] at a time, with a short
//! queue: a burst of logins costs CPU, not webhook acknowledgements. A right password
//! clears its account's count (the attempts in flight meanwhile still count). API requests are
//! limited per shop (`server.api_requests_per_minute`).

use super::client_ip::client_ip;
use super::AppState;
use crate::crypto::passwords;
use crate::db::accounts::{self, Account};
use crate::db::{DbError, ShopId};
use crate::settings::ServerSettings;
use actix_web::HttpRequest;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Password checks allowed to wait for a turn; more are told the server is busy.
const MAX_QUEUED_CHECKS: usize = 32;
/// Keyed limiters forget idle keys once they hold this many.
const TIDY_AT: usize = 10_000;

/// Why a request was not let through.
#[derive(Debug)]
pub enum Refused {
    /// Over a rate limit: retry after this long.
    Wait(Duration),
    /// Too many password checks already waiting.
    Busy,
    Db(DbError),
}

impl From<DbError> for Refused {
    fn from(e: DbError) -> Self {
        Refused::Db(e)
    }
}

/// The server's rate limiters; cheap to clone.
#[derive(Clone)]
pub struct Limits {
    inner: Arc<Inner>,
}

struct Inner {
    /// Keyed by (email, generation): a successful login moves the account to a fresh
    /// generation, so only attempts since its last success count against it.
    login_account: DefaultKeyedRateLimiter<(String, u64)>,
    /// The current generation of each account that ever logged in (bounded by the
    /// number of real accounts: only a right password adds an entry).
    generations: Mutex<HashMap<String, u64>>,
    login_ip: DefaultKeyedRateLimiter<IpAddr>,
    api_shop: DefaultKeyedRateLimiter<ShopId>,
    checks: Semaphore,
    queued: AtomicUsize,
}

/// `n` events per `window`, all of them usable at once.
fn per_window(n: u64, window: Duration) -> Quota {
    let n = NonZeroU32::new(n.clamp(1, u32::MAX as u64) as u32).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(window / n.get())
        .unwrap_or_else(|| Quota::per_second(n))
        .allow_burst(n)
}

impl Limits {
    pub fn new(server: &ServerSettings) -> Self {
        // Leave a core to the webhooks: argon2 takes a whole one while it runs.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let checks = (cores / 2).clamp(1, 4);
        Self {
            inner: Arc::new(Inner {
                login_account: DefaultKeyedRateLimiter::keyed(per_window(
                    server.login_attempts,
                    LOGIN_WINDOW,
                )),
                login_ip: DefaultKeyedRateLimiter::keyed(per_window(
                    server.login_attempts_per_ip,
                    LOGIN_WINDOW,
                )),
                api_shop: DefaultKeyedRateLimiter::keyed(per_window(
                    server.api_requests_per_minute,
                    Duration::from_secs(60),
                )),
                generations: Mutex::default(),
                checks: Semaphore::new(checks),
                queued: AtomicUsize::new(0),
            }),
        }
    }

    /// How many password checks may run at once.
    pub fn checks(&self) -> usize {
        self.inner.checks.available_permits()
    }

    /// Counts one login attempt for `email` from `ip`, before anything is verified.
    pub fn login_attempt(&self, email: &str, ip: Option<IpAddr>) -> Result<(), Duration> {
        let i = &self.inner;
        if i.login_account.len() > TIDY_AT {
            i.login_account.retain_recent();
        }
        if i.login_ip.len() > TIDY_AT {
            i.login_ip.retain_recent();
        }
        let now = DefaultClock::default().now();
        if let Some(ip) = ip {
            i.login_ip
                .check_key(&ip)
                .map_err(|n| n.wait_time_from(now))?;
        }
        let key = self.account_key(email);
        i.login_account
            .check_key(&key)
            .map_err(|n| n.wait_time_from(now))
    }

    fn account_key(&self, email: &str) -> (String, u64) {
        let email = email.trim().to_lowercase();
        let generation = self
            .inner
            .generations
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&email)
            .copied()
            .unwrap_or(0);
        (email, generation)
    }

    /// A right password for `email`: its earlier attempts stop counting.
    pub fn login_succeeded(&self, email: &str) {
        let email = email.trim().to_lowercase();
        *self
            .inner
            .generations
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(email)
            .or_default() += 1;
    }

    /// Counts one API request of `shop`.
    pub fn api_request(&self, shop: ShopId) -> Result<(), Duration> {
        let now = DefaultClock::default().now();
        self.inner
            .api_shop
            .check_key(&shop)
            .map_err(|n| n.wait_time_from(now))
    }

    /// Verifies `password` against `stored` (a dummy hash when `None`) on a blocking
    /// thread, waiting for a turn among [`Limits::checks`].
    pub async fn verify_password(
        &self,
        stored: Option<String>,
        password: String,
    ) -> Result<bool, Refused> {
        self.argon2(move || passwords::verify(stored.as_deref(), &password))
            .await
    }

    /// Hashes a new password the same way (a turn, a blocking thread).
    pub async fn hash_password(&self, password: String) -> Result<String, Refused> {
        self.argon2(move || passwords::hash(&password))
            .await?
            .map_err(|e| Refused::Db(DbError::Invalid(e.to_string())))
    }

    async fn argon2<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Refused> {
        struct Queued<'a>(&'a AtomicUsize);
        impl Drop for Queued<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::SeqCst);
            }
        }
        let i = &self.inner;
        if i.queued.fetch_add(1, Ordering::SeqCst) >= MAX_QUEUED_CHECKS {
            i.queued.fetch_sub(1, Ordering::SeqCst);
            return Err(Refused::Busy);
        }
        let _queued = Queued(&i.queued);
        let _turn = i.checks.acquire().await.map_err(|_| Refused::Busy)?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| Refused::Db(DbError::Task(e.to_string())))
    }
}

/// The whole login check of the admin and the API: count the attempt, read the hash
/// on a reader, verify it off the writer. `Ok(None)` for a wrong email or password.
pub async fn check_login(
    state: &AppState,
    req: &HttpRequest,
    email: &str,
    password: String,
) -> Result<Option<Account>, Refused> {
    let ip = client_ip(req, &state.settings.server.trusted_proxy_nets);
    state
        .limits
        .login_attempt(email, ip)
        .map_err(Refused::Wait)?;
    let email = email.trim().to_string();
    let found = state
        .db
        .read(move |c| accounts::credentials(c, &email))
        .await?;
    let (account, hash) = match found {
        Some((a, h)) => (Some(a), Some(h)),
        None => (None, None),
    };
    let ok = state.limits.verify_password(hash, password).await?;
    let account = account.filter(|_| ok);
    if let Some(a) = &account {
        state.limits.login_succeeded(&a.email);
    }
    Ok(account)
}

/// "15 minutes", "1 minute", "30 secondes": how long to wait, in French.
pub fn french_wait(d: Duration) -> String {
    let secs = d.as_secs().max(1);
    if secs < 60 {
        return format!("{secs} secondes");
    }
    let mins = secs.div_ceil(60);
    if mins == 1 {
        "1 minute".into()
    } else {
        format!("{mins} minutes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_account: u64, per_ip: u64) -> Limits {
        let server = ServerSettings {
            login_attempts: per_account,
            login_attempts_per_ip: per_ip,
            ..Default::default()
        };
        Limits::new(&server)
    }

    #[test]
    fn attempts_are_counted_per_account_so_one_typist_locks_only_himself() {
        let l = limits(3, 100);
        let ip = Some("192.0.2.1".parse().unwrap());
        for _ in 0..3 {
            assert!(l.login_attempt("agent@example.mg", ip).is_ok());
        }
        let wait = l.login_attempt("Agent@Example.mg ", ip).unwrap_err();
        assert!(wait > Duration::from_secs(60), "{wait:?}");
        // Same address, another account: still allowed.
        assert!(l.login_attempt("owner@example.mg", ip).is_ok());
    }

    #[test]
    fn a_success_clears_the_account_count() {
        let l = limits(2, 100);
        for _ in 0..2 {
            assert!(l.login_attempt("o@example.mg", None).is_ok());
        }
        assert!(l.login_attempt("o@example.mg", None).is_err());
        l.login_succeeded("O@example.mg");
        assert!(l.login_attempt("o@example.mg", None).is_ok());
    }

    #[test]
    fn one_address_has_a_ceiling_across_accounts() {
        let l = limits(100, 4);
        let ip = Some("192.0.2.9".parse().unwrap());
        for i in 0..4 {
            assert!(l.login_attempt(&format!("u{i}@example.mg"), ip).is_ok());
        }
        assert!(l.login_attempt("new@example.mg", ip).is_err());
        let other = Some("192.0.2.10".parse().unwrap());
        assert!(l.login_attempt("new@example.mg", other).is_ok());
    }

    #[test]
    fn waits_read_in_french() {
        assert_eq!(french_wait(Duration::from_secs(890)), "15 minutes");
        assert_eq!(french_wait(Duration::from_secs(61)), "2 minutes");
        assert_eq!(french_wait(Duration::from_secs(9)), "9 secondes");
    }
}
