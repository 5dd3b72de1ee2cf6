//! `/webhooks/*`: Meta's verify handshake and deliveries, 360dialog (Cloud API
//! envelope, authenticated by the number's webhook token in the URL) and Gupshup (its
//! own v2 format, same token scheme). Order of checks: size, authentication, shape;
//! then the delivery is stored (see `whatsapp::ingest`) and only then acknowledged.

use super::{ApiError, AppState};
use crate::kinds::ProviderKind;
use crate::telemetry::mask_phone;
use crate::whatsapp::envelope;
use crate::whatsapp::ingest::{Account, Delivery, IngestError, Outcome};
use crate::whatsapp::providers::gupshup;
use crate::whatsapp::signature;
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use std::collections::HashMap;

/// How long a provider is asked to wait before redelivering when storage is full.
const RETRY_AFTER_SECS: u64 = 30;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/webhooks/whatsapp", web::get().to(verify))
        .route("/webhooks/whatsapp", web::post().to(meta_delivery))
        .route(
            "/webhooks/360dialog/{token}",
            web::post().to(dialog360_delivery),
        )
        .route(
            "/webhooks/gupshup/{token}",
            web::post().to(gupshup_delivery),
        );
}

/// `GET /webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=T&hub.challenge=C`.
/// T is the install's `[whatsapp] verify_token`, or the own verify token of one of
/// its Meta numbers (the one the number page shows its owner: `whatsapp::connect`).
async fn verify(
    state: web::Data<AppState>,
    q: web::Query<HashMap<String, String>>,
) -> HttpResponse {
    let mode = q.get("hub.mode").map(String::as_str);
    let token = q.get("hub.verify_token").cloned().unwrap_or_default();
    let expected = state.settings.whatsapp.verify_token.expose();
    let known = signature::same_secret(expected, &token)
        || (!token.is_empty()
            && state
                .db
                .read(move |c| crate::db::numbers::by_webhook_token(c, &token, ProviderKind::Meta))
                .await
                .ok()
                .flatten()
                .is_some());
    match q.get("hub.challenge") {
        Some(challenge) if mode == Some("subscribe") && known => HttpResponse::Ok()
            .content_type("text/plain")
            .body(challenge.clone()),
        _ => {
            tracing::warn!("webhook verification refused");
            HttpResponse::Forbidden().finish()
        }
    }
}

/// Reads the raw body, refusing more than `server.max_body_bytes` (JSON 413).
async fn read_body(
    state: &AppState,
    req: &HttpRequest,
    mut payload: web::Payload,
) -> Result<Vec<u8>, ApiError> {
    let limit = state.settings.server.max_body_bytes as usize;
    let too_large = || ApiError::PayloadTooLarge(format!("request body larger than {limit} bytes"));
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(declared.unwrap_or(1024).min(limit));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest(format!("cannot read body: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

async fn meta_delivery(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    state.metrics.incr("webhooks_received_total", 1);
    let body = read_body(&state, &req, payload)
        .await
        .inspect_err(|_| reject(&state))?;
    let header = req
        .headers()
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok());
    if !signature::verify(state.settings.whatsapp.app_secret.expose(), &body, header) {
        reject(&state);
        let why = if header.is_none() {
            "missing X-Hub-Signature-256"
        } else {
            "bad X-Hub-Signature-256"
        };
        tracing::warn!(why, "webhook refused");
        return Err(ApiError::Unauthorized(why.into()));
    }
    let changes = envelope::parse(&body).map_err(|e| {
        reject(&state);
        ApiError::BadRequest(e.0)
    })?;
    ingest(
        &state,
        Delivery {
            provider: ProviderKind::Meta,
            account: None,
            raw: body,
            changes,
        },
    )
    .await
}

async fn dialog360_delivery(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    token_delivery(
        state,
        req,
        token.into_inner(),
        payload,
        ProviderKind::Dialog360,
        envelope::parse,
    )
    .await
}

async fn gupshup_delivery(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    token_delivery(
        state,
        req,
        token.into_inner(),
        payload,
        ProviderKind::Gupshup,
        gupshup::parse_inbound,
    )
    .await
}

/// A delivery authenticated by the number's webhook token in its URL (the BSPs carry
/// no Meta signature), parsed with the provider's own format.
async fn token_delivery(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: String,
    payload: web::Payload,
    provider: ProviderKind,
    parse: fn(&[u8]) -> Result<Vec<envelope::Change>, envelope::EnvelopeError>,
) -> Result<HttpResponse, ApiError> {
    state.metrics.incr("webhooks_received_total", 1);
    let body = read_body(&state, &req, payload)
        .await
        .inspect_err(|_| reject(&state))?;
    let account = account_by_token(&state, token, provider).await?;
    let changes = parse(&body).map_err(|e| {
        reject(&state);
        ApiError::BadRequest(e.0)
    })?;
    ingest(
        &state,
        Delivery {
            provider,
            account: Some(account),
            raw: body,
            changes,
        },
    )
    .await
}

fn reject(state: &AppState) {
    state.metrics.incr("webhooks_rejected_total", 1);
}

/// The number whose webhook token is `token`, for a BSP route (401 otherwise).
async fn account_by_token(
    state: &AppState,
    token: String,
    provider: ProviderKind,
) -> Result<Account, ApiError> {
    let found = state
        .db
        .read(move |c| crate::db::numbers::by_webhook_token(c, &token, provider))
        .await?;
    found.ok_or_else(|| {
        reject(state);
        tracing::warn!(provider = %provider, "webhook with an unknown token refused");
        ApiError::Unauthorized("unknown webhook token".into())
    })
}

async fn ingest(state: &AppState, delivery: Delivery) -> Result<HttpResponse, ApiError> {
    let provider = delivery.provider;
    let outcome: Outcome = match state.whatsapp.ingest.submit(delivery).await {
        Ok(outcome) => outcome,
        // Not stored: the provider must try again later, not give up (a 5xx that says so).
        Err(IngestError::Full(reason)) => {
            tracing::error!(reason = %reason, "storage full: webhook deferred");
            state.metrics.incr("webhooks_deferred_total", 1);
            return Ok(HttpResponse::ServiceUnavailable()
                .insert_header(("Retry-After", RETRY_AFTER_SECS.to_string()))
                .json(serde_json::json!({"error": {"code": "storage_full",
                    "message": "storage is full: the delivery was not stored, retry later"}})));
        }
        Err(e) => return Err(ApiError::internal(e)),
    };
    for pnid in &outcome.unknown_numbers {
        // Answer 200 anyway: Meta would retry an error for days.
        tracing::warn!(provider = %provider, phone_number_id = %mask_phone(pnid), "webhook for an unknown number ignored");
        state.metrics.incr("webhooks_unknown_number_total", 1);
    }
    let m = &state.metrics;
    m.incr("webhooks_accepted_total", 1);
    m.incr(
        "whatsapp_messages_received_total",
        outcome.new_messages as u64,
    );
    m.incr(
        "whatsapp_duplicate_messages_total",
        outcome.duplicates as u64,
    );
    m.incr("whatsapp_statuses_applied_total", outcome.statuses as u64);
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ok" })))
}
