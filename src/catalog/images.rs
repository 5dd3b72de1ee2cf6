//! Product images: uploaded files are stored encrypted through the FileStore under
//! `products/{shop}/{sku}` and served to logged-in admins; the WhatsApp sender reads
//! the same bytes to upload them as image messages.

use crate::db::products::Product;
use crate::db::ShopId;

/// The FileStore name of a product's uploaded image (SKU made path-safe).
pub fn file_name(shop: ShopId, sku: &str) -> String {
    let mut safe: String = sku
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() || safe.starts_with('.') {
        safe.insert(0, '_');
    }
    format!("products/{shop}/{safe}")
}

/// True when the product's image is a file uploaded to this server.
pub fn is_stored(p: &Product) -> bool {
    p.image.as_deref() == Some(file_name(p.shop_id, &p.sku).as_str())
}

/// The URL an API client can use for the image: an external URL as is, an uploaded
/// image at its admin route; a bare file name from the CSV has no URL.
pub fn url(public_url: &str, p: &Product) -> Option<String> {
    let image = p.image.as_deref()?;
    if image.starts_with("https://") || image.starts_with("http://") {
        return Some(image.to_string());
    }
    if is_stored(p) {
        return Some(format!(
            "{}/admin/catalogue/{}/image",
            public_url.trim_end_matches('/'),
            p.id
        ));
    }
    None
}

/// Sniffs the image type from its first bytes; only JPEG, PNG and WebP are accepted.
pub fn content_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}
