//! Login passwords: argon2id hashes (PHC strings) and their verification.
//!
//! Both are slow on purpose (tens of milliseconds, 19 MiB each): callers run them on a
//! blocking thread, never while holding the database writer, and the web bounds how
//! many run at once.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

/// The shortest password accepted anywhere (CLI, team page, reset link).
pub const MIN_LEN: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("mot de passe trop court : {MIN_LEN} caractères au moins")]
    TooShort,
    #[error("le mot de passe ne peut pas être haché : {0}")]
    Hash(String),
}

/// An argon2id hash of `password`, refusing one shorter than [`MIN_LEN`].
pub fn hash(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_LEN {
        return Err(PasswordError::TooShort);
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// True when `password` matches `stored`. `None` checks against a dummy hash, so an
/// unknown email costs the same time as a known one.
pub fn verify(stored: Option<&str>, password: &str) -> bool {
    let hash = stored.unwrap_or_else(|| dummy_hash());
    let ok = PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    ok && stored.is_some()
}

fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("varotra-dummy-password").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = super::hash("un-long-mot-de-passe").unwrap();
        assert!(super::verify(Some(&h), "un-long-mot-de-passe"));
        assert!(!super::verify(Some(&h), "un-long-mot-de-passE"));
        assert!(!super::verify(None, "varotra-dummy-password"));
        assert!(matches!(
            super::hash("court"),
            Err(super::PasswordError::TooShort)
        ));
    }
}
