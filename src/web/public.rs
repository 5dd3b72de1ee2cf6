//! `GET /d/{token}`: the customer's link to a devis PDF, sent in the chat. No login:
//! the random 48-hex token is the credential, and it expires some days after the devis.
//! An unknown or expired link answers a French sentence, never which of the two it was.

use super::{ApiError, AppState};
use crate::db::devis;
use actix_web::{web, HttpResponse, ResponseError};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/d/{token}", web::get().to(devis_pdf));
}

async fn devis_pdf(state: web::Data<AppState>, token: web::Path<String>) -> HttpResponse {
    let token = token.into_inner();
    if token.len() != 48 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return gone();
    }
    let (db, files) = (state.db.clone(), state.files.clone());
    let res = tokio::task::spawn_blocking(move || {
        let d = db.read_blocking(|c| devis::by_public_token(c, &token, &crate::db::now_text()))?;
        match d {
            Some(d) => crate::quotes::pdf_bytes(&db, &files, d.shop_id, d.id).map(Some),
            None => Ok(None),
        }
    })
    .await;
    match res {
        Ok(Ok(Some((d, bytes)))) => pdf_response(&d.number, bytes, "inline"),
        Ok(Ok(None)) => gone(),
        Ok(Err(e)) => ApiError::from(e).error_response(),
        Err(e) => ApiError::internal(e).error_response(),
    }
}

fn gone() -> HttpResponse {
    HttpResponse::NotFound()
        .content_type("text/plain; charset=utf-8")
        .body("Ce lien de devis n'existe pas ou a expiré. Demandez un nouveau devis à la boutique.")
}

/// A devis PDF, `inline` (the customer's link) or as an `attachment` (API, admin).
pub fn pdf_response(number: &str, bytes: Vec<u8>, disposition: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            "Content-Disposition",
            format!("{disposition}; filename=\"{number}.pdf\""),
        ))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes)
}
