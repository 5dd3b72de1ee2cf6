//! Stored files sent back to a browser (customer photos, voice notes, documents,
//! product images): the type is read from the bytes themselves, never trusted from a
//! file name a customer chose, and the response says how to handle it: pictures,
//! sound and video inline, anything else downloaded, under a policy that runs
//! nothing (`headers::MEDIA_CSP`) and with `nosniff`.

use super::headers::MEDIA_CSP;
use actix_web::HttpResponse;

/// The media type of `bytes` from their first bytes, or `None` when unknown.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    Some(if starts(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        "image/gif"
    } else if bytes.len() > 12 && starts(b"RIFF") && &bytes[8..12] == b"WEBP" {
        "image/webp"
    } else if starts(b"%PDF-") {
        "application/pdf"
    } else if starts(b"OggS") {
        "audio/ogg"
    } else if starts(b"#!AMR") {
        "audio/amr"
    } else if starts(b"ID3") || (bytes.len() > 1 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0) {
        "audio/mpeg"
    } else if bytes.len() > 12 && &bytes[4..8] == b"ftyp" {
        if &bytes[8..11] == b"M4A" {
            "audio/mp4"
        } else {
            "video/mp4"
        }
    } else {
        return None;
    })
}

/// `bytes` as a response: sniffed type, inline for pictures, sound and video,
/// otherwise an attachment named `download_name`.
pub fn stored_file(bytes: Vec<u8>, download_name: &str) -> HttpResponse {
    let kind = sniff(&bytes);
    let inline = kind.is_some_and(|k| {
        k.starts_with("image/") || k.starts_with("audio/") || k.starts_with("video/")
    });
    let safe: String = download_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let disposition = if inline {
        format!("inline; filename=\"{safe}\"")
    } else {
        format!("attachment; filename=\"{safe}\"")
    };
    HttpResponse::Ok()
        .content_type(kind.unwrap_or("application/octet-stream"))
        .insert_header(("Content-Disposition", disposition))
        .insert_header(("Content-Security-Policy", MEDIA_CSP))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_bytes_not_the_name() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest"), Some("image/jpeg"));
        assert_eq!(sniff(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff(b"OggS\0\x02"), Some("audio/ogg"));
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), None);
        let res = stored_file(b"<html><script>".to_vec(), "photo.jpg\"; x=y");
        let h = res.headers();
        assert_eq!(h.get("content-type").unwrap(), "application/octet-stream");
        assert_eq!(
            h.get("content-disposition").unwrap(),
            "attachment; filename=\"photo.jpg___x_y\""
        );
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    }
}
