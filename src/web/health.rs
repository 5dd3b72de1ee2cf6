//! `GET /healthz`: 200 `ok` when the database answers, 503 otherwise.

use crate::startup::AppState;
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz))
        .route("/metrics", web::get().to(super::metrics::render));
}

async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let check = state
        .db
        .read(|c| Ok(c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?))
        .await;
    match check {
        Ok(1) => HttpResponse::Ok().content_type("text/plain").body("ok"),
        Ok(_) | Err(_) => HttpResponse::ServiceUnavailable()
            .content_type("text/plain")
            .body("database unavailable"),
    }
}
