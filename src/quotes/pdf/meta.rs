//! The document title that PDF viewers show in their title bar and tab. printpdf 0.7
//! writes it as the title's UTF-8 bytes in a literal string, which viewers read as
//! PDFDocEncoding ("Devis DEV-2026-0001 â€" Ã‰picerie"); PDF text strings outside
//! ASCII must be UTF-16BE with a byte-order mark, so the Info dictionary's Title is
//! rewritten that way after printpdf saved the document.

use lopdf::{Document, Object, StringFormat};

/// `text` as a PDF text string: UTF-16BE with its byte-order mark.
fn utf16_text(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

/// The PDF `bytes` with `title` as its Info Title.
pub(super) fn with_title(bytes: Vec<u8>, title: &str) -> Result<Vec<u8>, String> {
    let mut doc = Document::load_mem(&bytes).map_err(|e| e.to_string())?;
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|e| format!("no Info dictionary: {e}"))?;
    doc.get_object_mut(info)
        .and_then(Object::as_dict_mut)
        .map_err(|e| e.to_string())?
        .set(
            "Title",
            Object::String(utf16_text(title), StringFormat::Hexadecimal),
        );
    let mut out = Vec::with_capacity(bytes.len());
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_utf16_with_a_byte_order_mark() {
        assert_eq!(utf16_text("é"), vec![0xFE, 0xFF, 0x00, 0xE9]);
    }
}
