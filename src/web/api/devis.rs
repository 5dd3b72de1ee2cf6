//! Devis over the API: `POST /api/v1/devis`, `GET /api/v1/devis`, `GET
//! /api/v1/devis/{id}`, `GET /api/v1/devis/{id}/pdf` (bearer token, scoped to its shop:
//! another shop's devis is a 404). The customer's link `/d/{token}` is in `web::public`.

use super::ApiAuth;
use crate::db::devis::{self, DevisLine};
use crate::db::{ConversationId, DevisId};
use crate::quotes::{self, NewDevis};
use crate::web::paging::{self, Window, MAX_OFFSET};
use crate::web::public::pdf_response;
use crate::web::{ApiError, AppState};
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    conversation_id: Option<i64>,
    #[serde(default)]
    customer: Customer,
    items: Vec<DevisItem>,
}

/// The customer a devis is for.
#[derive(Deserialize, Serialize, Default, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    name: Option<String>,
    phone: Option<String>,
}

/// One line asked for: a SKU of the catalogue and a quantity; the price comes from
/// the catalogue.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DevisItem {
    sku: String,
    #[schema(minimum = 1)]
    qty: i64,
}

/// A devis as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct DevisView {
    #[schema(value_type = i64)]
    id: DevisId,
    #[schema(example = "DEV-2026-0001")]
    number: String,
    /// draft, sent, accepted, refused or expired
    status: String,
    #[schema(value_type = Option<i64>)]
    conversation_id: Option<ConversationId>,
    customer: Customer,
    currency: String,
    #[schema(value_type = Vec<Object>)]
    lines: Vec<DevisLine>,
    total_ht: i64,
    /// VAT rate in basis points (2000 = 20 %); null when VAT does not apply
    vat_rate_bp: Option<i64>,
    tva: i64,
    total_ttc: i64,
    amount_in_words: String,
    valid_until: String,
    created_at: String,
    pdf_url: String,
    public_url: Option<String>,
}

impl DevisView {
    pub fn new(d: &devis::Devis, public_url: &str) -> Self {
        Self {
            id: d.id,
            number: d.number.clone(),
            status: d.status.to_string(),
            conversation_id: d.conversation_id,
            customer: Customer {
                name: d.customer_name.clone(),
                phone: d.customer_phone.clone(),
            },
            currency: d.currency.clone(),
            lines: d.lines.clone(),
            total_ht: d.total_ht.0,
            vat_rate_bp: d.vat_rate_bp,
            tva: d.tva.0,
            total_ttc: d.total_ttc.0,
            amount_in_words: quotes::words::amount_sentence(d.total_ttc),
            valid_until: d.valid_until.clone(),
            created_at: d.created_at.clone(),
            pdf_url: format!("/api/v1/devis/{}/pdf", d.id),
            public_url: quotes::public_link(public_url, d),
        }
    }
}

/// A page of devis.
#[derive(Serialize, ToSchema)]
pub struct DevisPage {
    items: Vec<DevisView>,
    total: i64,
    limit: i64,
    offset: i64,
}

/// Create a devis (DEV-YYYY-NNNN) from SKUs and quantities
#[utoipa::path(
    post,
    path = "/api/v1/devis",
    tag = "devis",
    operation_id = "post_devis",
    request_body = CreateBody,
    responses(
        (status = 201, description = "The devis", body = DevisView),
        (status = 400, description = "Invalid parameters or body", body = ErrorBody),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
    ),
)]
pub async fn create(
    state: web::Data<AppState>,
    auth: ApiAuth,
    // A Result, so a bad body cannot win the race against the token check: a request
    // without a valid token is always 401, whatever its body.
    body: Result<web::Json<CreateBody>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let body = match body {
        Ok(body) => body.into_inner(),
        Err(e) => return Ok(e.error_response()),
    };
    let new = NewDevis {
        conversation_id: body.conversation_id.map(ConversationId),
        customer_name: body.customer.name,
        customer_phone: body.customer.phone,
        items: body.items.into_iter().map(|i| (i.sku, i.qty)).collect(),
        ..Default::default()
    };
    let shop = auth.shop;
    // Numbered, totalled and its PDF made off the writer (the link works at once): the
    // same path as the chat's.
    let (db, files, issuer) = (state.db.clone(), state.files.clone(), state.issuer.clone());
    let d = tokio::task::spawn_blocking(move || quotes::issue(&db, &files, &issuer, shop, &new))
        .await
        .map_err(ApiError::internal)??;
    Ok(HttpResponse::Created().json(DevisView::new(&d, &state.settings.server.public_url)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// At most this many items (1 to 200)
    limit: Option<i64>,
    /// Items to skip (0 to 1 000 000, default 0)
    offset: Option<i64>,
}

/// The shop's devis, newest first
#[utoipa::path(
    get,
    path = "/api/v1/devis",
    tag = "devis",
    operation_id = "get_devis",
    params(Page),
    responses(
        (status = 200, description = "Devis", body = DevisPage),
        (status = 400, description = "Invalid parameters or body", body = ErrorBody),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
    ),
)]
pub async fn list(
    state: web::Data<AppState>,
    auth: ApiAuth,
    q: web::Query<Page>,
) -> Result<HttpResponse, ApiError> {
    let Window { limit, offset } = paging::by_offset(q.limit, q.offset, 50, 200, MAX_OFFSET)?;
    let shop = auth.shop;
    let (rows, total) = state
        .db
        .read(move |c| Ok((devis::list(c, shop, limit, offset)?, devis::count(c, shop)?)))
        .await?;
    let url = &state.settings.server.public_url;
    let items = rows.iter().map(|d| DevisView::new(d, url)).collect();
    Ok(HttpResponse::Ok().json(DevisPage {
        items,
        total,
        limit,
        offset,
    }))
}

/// One devis with its lines and totals
#[utoipa::path(
    get,
    path = "/api/v1/devis/{id}",
    tag = "devis",
    operation_id = "get_devis_id",
    params(("id" = i64, Path, description = "Identifier within the token's shop")),
    responses(
        (status = 200, description = "The devis", body = DevisView),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
        (status = 404, description = "Not found in this shop", body = ErrorBody),
    ),
)]
pub async fn show(
    state: web::Data<AppState>,
    auth: ApiAuth,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (shop, id) = (auth.shop, DevisId(id.into_inner()));
    let d = state.db.read(move |c| devis::get(c, shop, id)).await?;
    Ok(HttpResponse::Ok().json(DevisView::new(&d, &state.settings.server.public_url)))
}

/// Download a devis as PDF
#[utoipa::path(
    get,
    path = "/api/v1/devis/{id}/pdf",
    tag = "devis",
    operation_id = "get_devis_id_pdf",
    params(("id" = i64, Path, description = "Identifier within the token's shop")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = [u8]),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
        (status = 404, description = "Not found in this shop", body = ErrorBody),
    ),
)]
pub async fn pdf(
    state: web::Data<AppState>,
    auth: ApiAuth,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (shop, id) = (auth.shop, DevisId(id.into_inner()));
    let (db, files) = (state.db.clone(), state.files.clone());
    let (d, bytes) = tokio::task::spawn_blocking(move || quotes::pdf_bytes(&db, &files, shop, id))
        .await
        .map_err(ApiError::internal)??;
    Ok(pdf_response(&d.number, bytes, "attachment"))
}
