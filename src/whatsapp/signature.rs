//! Webhook authentication: Meta's `X-Hub-Signature-256` (HMAC-SHA256 of the raw body
//! with the app secret) and plain token comparison for the BSP routes. Every
//! comparison is constant-time, and runs before the body is parsed.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// True when `header` is `sha256=<hex>` of `body` keyed with `secret`. An empty secret
/// never verifies: an unconfigured server must not accept forged deliveries.
pub fn verify(secret: &str, body: &[u8], header: Option<&str>) -> bool {
    if secret.is_empty() {
        return false;
    }
    let Some(hex_sig) = header.and_then(|h| h.trim().strip_prefix("sha256=")) else {
        return false;
    };
    let Ok(expected) = hex::decode(hex_sig) else {
        return false;
    };
    let Ok(mut mac) = HmacSha256::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(&expected).is_ok()
}

/// The header value a sender would compute (tests and the load generator use it).
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Constant-time equality of two secrets (verify token, webhook tokens).
pub fn same_secret(a: &str, b: &str) -> bool {
    !a.is_empty() && a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_made_with_the_secret_verifies() {
        let sig = sign("s3cret", b"{\"a\":1}");
        assert!(verify("s3cret", b"{\"a\":1}", Some(&sig)));
    }

    #[test]
    fn a_changed_body_or_secret_or_header_fails() {
        let sig = sign("s3cret", b"{\"a\":1}");
        assert!(!verify("s3cret", b"{\"a\":2}", Some(&sig)));
        assert!(!verify("other", b"{\"a\":1}", Some(&sig)));
        assert!(!verify("s3cret", b"{\"a\":1}", None));
        assert!(!verify("s3cret", b"{\"a\":1}", Some("sha1=abcd")));
        assert!(!verify("", b"{\"a\":1}", Some(&sign("", b"{\"a\":1}"))));
    }

    #[test]
    fn secrets_compare_equal_only_when_identical() {
        assert!(same_secret("tok", "tok"));
        assert!(!same_secret("tok", "tok2"));
        assert!(!same_secret("", ""));
    }
}
