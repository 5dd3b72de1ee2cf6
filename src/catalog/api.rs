//! `GET /api/v1/products?q=&limit=&offset=` and `POST /api/v1/products/upload`
//! (multipart CSV in field `file`, `dry_run` as a field or query flag). Scoped to the
//! token's shop; uploads need an owner or agency token.

use super::images;
use super::import::{import_csv, ImportError};
use super::routes::{read_form, FormError};
use crate::db::products::{self, Product};
use crate::startup::AppState;
use crate::web::api::ApiAuth;
use crate::web::ApiError;
use actix_multipart::Multipart;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::json;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/products", web::get().to(list))
        .route("/api/v1/products/upload", web::post().to(upload));
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
}

#[derive(Serialize)]
struct Item {
    sku: String,
    title: String,
    price: i64,
    currency: String,
    stock: Option<i64>,
    description: String,
    image_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f32>,
}

fn item(public_url: &str, p: Product, score: Option<f32>) -> Item {
    Item {
        image_url: images::url(public_url, &p),
        sku: p.sku,
        title: p.title,
        price: p.price,
        currency: p.currency,
        stock: p.stock,
        description: p.description,
        score,
    }
}

async fn list(
    state: web::Data<AppState>,
    auth: ApiAuth,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let ListQuery { q, limit, offset } = query.into_inner();
    let limit = limit.unwrap_or(20).clamp(1, 200);
    let shop = auth.shop;
    let public_url = state.settings.server.public_url.clone();
    if q.trim().is_empty() {
        let (rows, total) = state
            .db
            .read(move |c| {
                Ok((
                    products::list(c, shop, "", limit, offset)?,
                    products::count(c, shop, "")?,
                ))
            })
            .await?;
        let items: Vec<Item> = rows
            .into_iter()
            .map(|p| item(&public_url, p, None))
            .collect();
        return Ok(HttpResponse::Ok().json(json!({
            "items": items, "total": total, "limit": limit, "offset": offset
        })));
    }
    let catalog = state.catalog.clone();
    let hits = web::block(move || catalog.search_page(shop, &q, limit, offset))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let items: Vec<Item> = hits
        .into_iter()
        .map(|h| item(&public_url, h.product, Some(h.score)))
        .collect();
    Ok(HttpResponse::Ok().json(json!({"items": items, "limit": limit, "offset": offset})))
}

#[derive(Deserialize)]
struct UploadQuery {
    #[serde(default)]
    dry_run: bool,
}

/// The 422 body of a refused file: every bad row with its line and reason.
pub fn invalid_response(e: &ImportError) -> Option<HttpResponse> {
    let ImportError::Invalid { errors, warnings } = e else {
        return None;
    };
    Some(HttpResponse::UnprocessableEntity().json(json!({"error": {
        "code": "invalid_csv",
        "message": e.to_string(),
        "rows": errors,
        "warnings": warnings,
    }})))
}

async fn upload(
    state: web::Data<AppState>,
    auth: ApiAuth,
    query: web::Query<UploadQuery>,
    payload: Multipart,
) -> Result<HttpResponse, ApiError> {
    auth.require_manager()?;
    let form = read_form(payload).await.map_err(|e| match e {
        FormError::TooLarge => ApiError::PayloadTooLarge(e.to_string()),
        FormError::Bad(_) => ApiError::BadRequest(e.to_string()),
    })?;
    let dry_run = query.dry_run || form.flag("dry_run");
    let Some(bytes) = form
        .files
        .get("file")
        .or_else(|| form.files.values().next())
        .cloned()
    else {
        return Err(ApiError::BadRequest(
            "missing CSV file (multipart field `file`)".into(),
        ));
    };
    let (db, catalog, shop) = (state.db.clone(), state.catalog.clone(), auth.shop);
    let outcome = web::block(move || import_csv(&db, &catalog, shop, &bytes, dry_run))
        .await
        .map_err(ApiError::internal)?;
    match outcome {
        Ok(report) => Ok(HttpResponse::Ok().json(report)),
        Err(e) => invalid_response(&e).ok_or_else(|| ApiError::internal(e)),
    }
}
