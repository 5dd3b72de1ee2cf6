//! The mobile-money providers' public routes, called without credentials:
//! - `PUT /payments/mvola/callback` (MVola's X-Callback-URL; POST accepted too) and
//!   `POST /payments/airtel/callback` (the URL set in Airtel's portal): the body only
//!   names a request; what it claims is checked back with the provider before anything
//!   changes (`payments::settle`), so a forged or replayed callback marks nothing paid;
//! - `POST /payments/orange/notification/{order_id}` (the notif_url of each Orange
//!   web payment): counted only with the `notif_token` Orange gave for that order
//!   (403 JSON otherwise);
//! - `GET /payments/retour`: where Orange's page sends the customer back (a short
//!   French page pointing back to WhatsApp).
//!
//! Each answers 200 once handled (also for an unknown or settled request, which is
//! logged), so the provider stops retrying.

use crate::payments::{airtel, mvola, orange, Reconciled};
use crate::web::{ApiError, AppState};
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/payments/mvola/callback", web::put().to(mvola_callback))
        .route("/payments/mvola/callback", web::post().to(mvola_callback))
        .route("/payments/airtel/callback", web::post().to(airtel_callback))
        .route(
            "/payments/orange/notification/{order_id}",
            web::post().to(orange_notification),
        )
        .route("/payments/retour", web::get().to(back_from_operator));
}

fn handled(state: &AppState, outcome: Reconciled) -> HttpResponse {
    if outcome == Reconciled::Paid {
        state.whatsapp.outbox_wake.notify_one();
    }
    HttpResponse::Ok().json(serde_json::json!({ "result": format!("{outcome:?}") }))
}

async fn mvola_callback(
    state: web::Data<AppState>,
    body: web::Json<mvola::Callback>,
) -> Result<HttpResponse, ApiError> {
    let outcome = mvola::on_callback(&state.db, &state.http, &state.tokens, &body).await?;
    Ok(handled(&state, outcome))
}

async fn airtel_callback(
    state: web::Data<AppState>,
    body: web::Json<airtel::Callback>,
) -> Result<HttpResponse, ApiError> {
    let outcome = airtel::on_callback(&state.db, &state.http, &state.tokens, &body).await?;
    Ok(handled(&state, outcome))
}

async fn orange_notification(
    state: web::Data<AppState>,
    order_id: web::Path<String>,
    body: web::Json<orange::Notification>,
) -> Result<HttpResponse, ApiError> {
    let outcome = orange::on_notification(&state.db, &order_id, &body).await?;
    Ok(handled(&state, outcome))
}

async fn back_from_operator() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(
            "<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\">\
             <title>Paiement</title><p>Merci ! Revenez sur WhatsApp : la boutique vous \
             confirme le paiement dès qu'Orange Money l'a validé.</p>\
             <p lang=\"mg\">Misaotra! Miverena any amin'ny WhatsApp.</p></html>",
        )
}
