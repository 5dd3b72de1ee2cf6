//! Security headers on every response, through actix's `DefaultHeaders` (a handler
//! that sets one of them itself keeps its own: media files get a stricter policy).
//!
//! The admin pages carry no inline script or style (`assets/` holds them), so the
//! policy allows only this origin's files; no page may be framed (clickjacking), no
//! type is sniffed, and no address (a devis link holds a secret token) leaks to
//! another site through `Referer`.

use actix_web::middleware::DefaultHeaders;

/// The policy of the admin pages and everything else served.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

/// Stored media (customer photos, documents): shown, never run.
pub const MEDIA_CSP: &str = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox";

pub fn security() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CSP))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ))
}
