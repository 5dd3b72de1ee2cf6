//! `PUT /payments/mvola/callback` (MVola's X-Callback-URL; POST accepted too): public,
//! as MVola calls it without credentials. The body only names a request; what it
//! claims is checked back with MVola before anything changes (`payments::mvola`), so a
//! forged or replayed callback marks nothing paid. Answers 200 once handled (also for
//! an unknown or settled request, which is logged), so MVola stops retrying.

use crate::payments::mvola;
use crate::web::{ApiError, AppState};
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/payments/mvola/callback", web::put().to(mvola_callback))
        .route("/payments/mvola/callback", web::post().to(mvola_callback));
}

async fn mvola_callback(
    state: web::Data<AppState>,
    body: web::Json<mvola::Callback>,
) -> Result<HttpResponse, ApiError> {
    let outcome = mvola::on_callback(&state.db, &state.http, &state.tokens, &body)
        .await
        .map_err(ApiError::internal)?;
    state.whatsapp.outbox_wake.notify_one();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "result": format!("{outcome:?}") })))
}
