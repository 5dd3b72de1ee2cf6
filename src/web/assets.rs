//! Static assets (CSS, icons) compiled into the binary, served under `/assets/`.

use actix_web::{web, HttpResponse};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/assets/{path:.*}", web::get().to(serve));
}

async fn serve(path: web::Path<String>) -> HttpResponse {
    match Assets::get(&path) {
        Some(file) => {
            let mime = mime_guess::from_path(path.as_str()).first_or_octet_stream();
            HttpResponse::Ok()
                .content_type(mime.as_ref())
                .insert_header(("Cache-Control", "public, max-age=86400"))
                .body(file.data.into_owned())
        }
        None => HttpResponse::NotFound().body("not found"),
    }
}

/// The bytes of an embedded asset (fonts for PDFs, ...).
pub fn get(path: &str) -> Option<Vec<u8>> {
    Assets::get(path).map(|f| f.data.into_owned())
}
