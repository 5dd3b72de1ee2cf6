//! What an agent sends besides text: a photo or a document from the phone or the
//! computer (sealed in the FileStore, then queued like any message), and a product
//! card from the catalogue (its photo with the title and price, or a text when the
//! product has no uploaded photo). Both take the chat over, as a reply does.

use super::actions::{actor, back_to};
use crate::catalog::images;
use crate::db::{assignments, inbox, outbox, products, ConversationId, ShopId};
use crate::message::OutgoingMessage;
use crate::money::format_amount;
use crate::web::admin::pages::blocking;
use crate::web::admin::AdminSession;
use crate::web::multipart::{read_form, FormSpec};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

/// WhatsApp refuses larger images.
const MAX_IMAGE: usize = 5 * 1024 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/conversations/{id}/file", web::post().to(file))
        .route("/admin/conversations/{id}/product", web::post().to(product));
}

/// The extension of a document WhatsApp accepts, sniffed from its first bytes.
fn document_extension(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF") {
        return Some("pdf");
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some("doc");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(4096)];
        let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        return Some(if has(b"xl/") {
            "xlsx"
        } else if has(b"ppt/") {
            "pptx"
        } else {
            "docx"
        });
    }
    std::str::from_utf8(bytes).ok().map(|_| "txt")
}

/// The file name the customer sees: the one typed (with the right extension), or
/// `document.<ext>`.
fn document_name(typed: &str, ext: &str) -> String {
    let base: String = typed
        .trim()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
        .take(100)
        .collect();
    let base = base.trim();
    if base.is_empty() {
        format!("document.{ext}")
    } else if base.to_lowercase().ends_with(&format!(".{ext}")) {
        base.to_string()
    } else {
        format!("{base}.{ext}")
    }
}

/// Queues `msg` in the conversation and takes it over, in one transaction: answering is
/// handling, so the bot stops and the agent owns the chat if nobody does. False, with
/// nothing queued, when the 24-hour window has closed: WhatsApp refuses free messages
/// then, and the page offers the shop's template instead.
pub(super) async fn queue(
    state: &AppState,
    session: &AdminSession,
    id: ConversationId,
    msg: OutgoingMessage,
) -> Result<bool, AdminError> {
    let (shop, author, me) = (session.shop, actor(session), session.account.id);
    let queued = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            if !outbox::window_open(&tx, shop, id)? {
                return Ok(false);
            }
            inbox::send_in(&tx, shop, id, &msg, &author)?;
            inbox::take_over(&tx, shop, id, &author)?;
            assignments::claim_if_free(&tx, shop, id, me)?;
            tx.commit()?;
            Ok(true)
        })
        .await?;
    if queued {
        state.whatsapp.outbox_wake.notify_one();
    }
    Ok(queued)
}

async fn file(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AdminError> {
    let spec = FormSpec {
        files: &["file"],
        texts: &["csrf", "filename", "caption"],
    };
    let form = read_form(&req, payload, &spec).await?;
    session.check_csrf(form.fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    let (shop, id) = (session.shop, ConversationId(path.into_inner()));
    // The conversation must be the shop's before anything is stored.
    state.db.read(move |c| inbox::get(c, shop, id)).await?;
    let bytes = form
        .files
        .get("file")
        .filter(|b| !b.is_empty())
        .cloned()
        .ok_or_else(|| AdminError::BadRequest("choisissez un fichier à envoyer".into()))?;
    let caption = form
        .fields
        .get("caption")
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty());
    let typed_name = form.fields.get("filename").cloned().unwrap_or_default();
    let stored = format!("outgoing/{shop}/{}", uuid::Uuid::new_v4());
    let msg = if let Some(mime) = images::content_type(&bytes) {
        if bytes.len() > MAX_IMAGE {
            return Err(AdminError::BadRequest(
                "photo trop lourde : WhatsApp accepte 5 Mo au plus".into(),
            ));
        }
        let ext = mime.trim_start_matches("image/");
        OutgoingMessage::Image {
            stored: format!("{stored}.{ext}"),
            caption,
        }
    } else {
        let ext = document_extension(&bytes).ok_or_else(|| {
            AdminError::BadRequest(
                "type de fichier non pris en charge : envoyez une photo (JPEG, PNG, WebP) ou un document PDF, Word, Excel ou texte".into(),
            )
        })?;
        OutgoingMessage::Document {
            stored: format!("{stored}.{ext}"),
            filename: document_name(&typed_name, ext),
            caption,
        }
    };
    let name = match &msg {
        OutgoingMessage::Image { stored, .. } | OutgoingMessage::Document { stored, .. } => {
            stored.clone()
        }
        _ => unreachable!("only files are built above"),
    };
    let files = state.files.clone();
    // Sealing is slow work: done before the write, never while holding the writer.
    blocking(move || files.put(&name, &bytes).map_err(AdminError::internal)).await?;
    if !queue(&state, &session, id, msg).await? {
        return Ok(back_to(id.0, "window_closed"));
    }
    Ok(back_to(id.0, "file"))
}

/// A product as a message: its uploaded photo with a caption, or a text.
pub fn product_card(p: &products::Product) -> OutgoingMessage {
    let mut caption = format!("{} — {}", p.title, format_amount(p.price, &p.currency));
    if !p.sku.is_empty() {
        caption.push_str(&format!("\nRéf. {}", p.sku));
    }
    match p.stock {
        Some(0) => caption.push_str("\nÉpuisé pour le moment"),
        Some(n) if n > 0 => caption.push_str("\nEn stock"),
        _ => {}
    }
    if images::is_stored(p) {
        OutgoingMessage::Image {
            stored: images::file_name(p.shop_id, &p.sku),
            caption: Some(caption),
        }
    } else {
        OutgoingMessage::text(caption)
    }
}

#[derive(Deserialize)]
struct ProductForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    sku: String,
}

async fn product(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<ProductForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id): (ShopId, ConversationId) = (session.shop, ConversationId(path.into_inner()));
    let sku = form.sku.trim().to_string();
    let found = state
        .db
        .read(move |c| products::get_by_sku(c, shop, &sku))
        .await?
        .ok_or_else(|| {
            AdminError::BadRequest(format!("article inconnu : « {} »", form.sku.trim()))
        })?;
    if !queue(&state, &session, id, product_card(&found)).await? {
        return Ok(back_to(id.0, "window_closed"));
    }
    Ok(back_to(id.0, "card"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_recognised_by_their_first_bytes() {
        assert_eq!(document_extension(b"%PDF-1.7 ..."), Some("pdf"));
        assert_eq!(
            document_extension(b"PK\x03\x04....word/document.xml"),
            Some("docx")
        );
        assert_eq!(
            document_extension(b"PK\x03\x04....xl/workbook.xml"),
            Some("xlsx")
        );
        assert_eq!(document_extension(b"Bonjour, voici la liste"), Some("txt"));
        assert_eq!(document_extension(&[0xFF, 0xFE, 0x00, 0xC3, 0x28]), None);
    }

    #[test]
    fn a_typed_document_name_keeps_its_extension_once() {
        assert_eq!(document_name("", "pdf"), "document.pdf");
        assert_eq!(document_name("Facture avril", "pdf"), "Facture avril.pdf");
        assert_eq!(document_name("facture.PDF", "pdf"), "facture.PDF");
        assert_eq!(document_name("../../etc/x", "txt"), "....etcx.txt");
    }
}
