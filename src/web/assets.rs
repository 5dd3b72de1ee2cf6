//! Serves the embedded assets ([`crate::embedded`]) under `/assets/`.

use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/assets/{path:.*}", web::get().to(serve));
}

async fn serve(path: web::Path<String>) -> HttpResponse {
    match crate::embedded::get(&path) {
        Some(data) => {
            let mime = mime_guess::from_path(path.as_str()).first_or_octet_stream();
            HttpResponse::Ok()
                .content_type(mime.as_ref())
                .insert_header(("Cache-Control", "public, max-age=86400"))
                .body(data)
        }
        None => HttpResponse::NotFound().body("not found"),
    }
}
