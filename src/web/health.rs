//! `GET /healthz`: 200 `ok` when the database answers, 503 otherwise.

use super::AppState;
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz))
        .route("/metrics", web::get().to(super::metrics::render));
}

async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    match state.db.read(crate::db::ping).await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ok"),
        Err(_) => HttpResponse::ServiceUnavailable()
            .content_type("text/plain")
            .body("database unavailable"),
    }
}
