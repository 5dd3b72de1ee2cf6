//! Devis over HTTP: `POST /api/v1/devis`, `GET /api/v1/devis`, `GET /api/v1/devis/{id}`,
//! `GET /api/v1/devis/{id}/pdf` (bearer token, scoped to its shop: another shop's devis
//! is a 404), and the customer's public link `GET /d/{token}` (random, expiring).

use super::NewDevis;
use crate::db::{devis, ConversationId, DevisId};
use crate::startup::AppState;
use crate::web::api::ApiAuth;
use crate::web::ApiError;
use actix_web::{web, HttpResponse, ResponseError};
use serde::Deserialize;
use serde_json::json;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/devis", web::post().to(create))
        .route("/api/v1/devis", web::get().to(list))
        .route("/api/v1/devis/{id}", web::get().to(show))
        .route("/api/v1/devis/{id}/pdf", web::get().to(pdf))
        .route("/d/{token}", web::get().to(public_pdf));
    super::admin::configure(cfg);
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateBody {
    conversation_id: Option<i64>,
    #[serde(default)]
    customer: Customer,
    items: Vec<Item>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Customer {
    name: Option<String>,
    phone: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    sku: String,
    qty: i64,
}

/// The JSON shape of a devis in API answers.
pub fn to_json(d: &devis::Devis, public_url: &str) -> serde_json::Value {
    json!({
        "id": d.id,
        "number": d.number,
        "status": d.status,
        "conversation_id": d.conversation_id,
        "customer": {"name": d.customer_name, "phone": d.customer_phone},
        "currency": d.currency,
        "lines": d.lines,
        "total_ht": d.total_ht,
        "vat_rate_bp": d.vat_rate_bp,
        "tva": d.tva,
        "total_ttc": d.total_ttc,
        "amount_in_words": super::words::amount_sentence(d.total_ttc),
        "valid_until": d.valid_until,
        "created_at": d.created_at,
        "pdf_url": format!("/api/v1/devis/{}/pdf", d.id),
        "public_url": super::public_link(public_url, d),
    })
}

async fn create(
    state: web::Data<AppState>,
    auth: ApiAuth,
    body: web::Json<CreateBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let new = NewDevis {
        conversation_id: body.conversation_id.map(ConversationId),
        customer_name: body.customer.name,
        customer_phone: body.customer.phone,
        items: body.items.into_iter().map(|i| (i.sku, i.qty)).collect(),
    };
    let shop = auth.shop;
    let created = state
        .db
        .write(move |c| Ok(super::create(c, shop, &new)))
        .await?;
    let d = created?;
    // Render and store the PDF now, off the writer, so the link works at once.
    let (db, files, id) = (state.db.clone(), state.files.clone(), d.id);
    tokio::task::spawn_blocking(move || super::pdf_bytes(&db, &files, shop, id))
        .await
        .map_err(ApiError::internal)??;
    Ok(HttpResponse::Created().json(to_json(&d, &state.settings.server.public_url)))
}

#[derive(Deserialize)]
struct Page {
    limit: Option<i64>,
    offset: Option<i64>,
}

async fn list(
    state: web::Data<AppState>,
    auth: ApiAuth,
    q: web::Query<Page>,
) -> Result<HttpResponse, ApiError> {
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let offset = q.offset.unwrap_or(0).max(0);
    let shop = auth.shop;
    let (rows, total) = state
        .db
        .read(move |c| Ok((devis::list(c, shop, limit, offset)?, devis::count(c, shop)?)))
        .await?;
    let url = &state.settings.server.public_url;
    let items: Vec<_> = rows.iter().map(|d| to_json(d, url)).collect();
    Ok(HttpResponse::Ok()
        .json(json!({"items": items, "total": total, "limit": limit, "offset": offset})))
}

async fn show(
    state: web::Data<AppState>,
    auth: ApiAuth,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (shop, id) = (auth.shop, DevisId(id.into_inner()));
    let d = state.db.read(move |c| devis::get(c, shop, id)).await?;
    Ok(HttpResponse::Ok().json(to_json(&d, &state.settings.server.public_url)))
}

async fn pdf(
    state: web::Data<AppState>,
    auth: ApiAuth,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (shop, id) = (auth.shop, DevisId(id.into_inner()));
    let (db, files) = (state.db.clone(), state.files.clone());
    let (d, bytes) = tokio::task::spawn_blocking(move || super::pdf_bytes(&db, &files, shop, id))
        .await
        .map_err(ApiError::internal)??;
    Ok(pdf_response(&d.number, bytes, "attachment"))
}

async fn public_pdf(state: web::Data<AppState>, token: web::Path<String>) -> HttpResponse {
    let token = token.into_inner();
    if token.len() != 48 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return gone();
    }
    let (db, files) = (state.db.clone(), state.files.clone());
    let res = tokio::task::spawn_blocking(move || {
        let d = db.read_blocking(|c| devis::by_public_token(c, &token, &crate::db::now_text()))?;
        match d {
            Some(d) => super::pdf_bytes(&db, &files, d.shop_id, d.id).map(Some),
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
