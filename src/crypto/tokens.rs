//! Bearer secrets: random tokens handed to a browser or an API client, the sha256 that
//! is stored in their place, and a comparison that takes the same time whatever differs.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// 32 random bytes from the OS, hex-encoded (64 characters).
pub fn random_token() -> String {
    random_hex(32)
}

/// `n` random bytes from the OS, hex-encoded (`2 n` characters).
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the database keeps of a token: a leaked table yields no usable session.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Constant-time equality, so a guessed CSRF token leaks nothing through timing.
pub fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}
