//! `GET /api/v1/products?q=&limit=&offset=` and `POST /api/v1/products/upload`
//! (multipart CSV in field `file`, `dry_run` as a field or query flag). Scoped to the
//! token's shop; uploads need an owner or agency token.

use super::ApiAuth;
use crate::catalog::images;
use crate::catalog::import::{import_csv, ImportError};
use crate::db::products::{self, Product as ProductRow};
use crate::web::multipart::{read_form, FormSpec};
use crate::web::paging::{self, MAX_OFFSET, MAX_SEARCH_WINDOW};
use crate::web::{ApiError, AppState};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Search words (French or Malagasy); empty lists the catalogue
    #[serde(default)]
    q: String,
    /// At most this many items (1 to 200, default 20)
    limit: Option<i64>,
    /// Items to skip (default 0; at most 1 000 000 when listing, and `offset + limit`
    /// at most 1 000 when searching)
    offset: Option<i64>,
}

/// A product as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct Product {
    sku: String,
    title: String,
    /// Minor units (MGA: ariary)
    price: i64,
    currency: String,
    stock: Option<i64>,
    description: String,
    image_url: Option<String>,
    /// Search relevance (search results only)
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f32>,
}

/// A page of products.
#[derive(Serialize, ToSchema)]
pub struct ProductPage {
    items: Vec<Product>,
    /// Absent on search results
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<i64>,
    limit: usize,
    offset: usize,
}

fn item(public_url: &str, p: ProductRow, score: Option<f32>) -> Product {
    Product {
        image_url: images::url(public_url, &p),
        sku: p.sku,
        title: p.title,
        price: p.price.0,
        currency: p.currency,
        stock: p.stock,
        description: p.description,
        score,
    }
}

/// Search the shop's catalogue
#[utoipa::path(
    get,
    path = "/api/v1/products",
    tag = "catalogue",
    operation_id = "get_products",
    params(ListQuery),
    responses(
        (status = 200, description = "Products", body = ProductPage),
        (status = 400, description = "Invalid parameters or body", body = ErrorBody),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
    ),
)]
pub async fn list(
    state: web::Data<AppState>,
    auth: ApiAuth,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let ListQuery { q, limit, offset } = query.into_inner();
    let searching = !q.trim().is_empty();
    let limit = paging::bounded("limit", limit, 20, 1, 200)?;
    let max_offset = if searching {
        MAX_SEARCH_WINDOW - limit
    } else {
        MAX_OFFSET
    };
    let offset = paging::bounded("offset", offset, 0, 0, max_offset)?;
    let (limit, offset) = (limit as usize, offset as usize);
    let shop = auth.shop;
    let public_url = state.settings.server.public_url.clone();
    if !searching {
        let (rows, total) = state
            .db
            .read(move |c| {
                Ok((
                    products::list(c, shop, "", limit, offset)?,
                    products::count(c, shop, "")?,
                ))
            })
            .await?;
        let items: Vec<Product> = rows
            .into_iter()
            .map(|p| item(&public_url, p, None))
            .collect();
        return Ok(HttpResponse::Ok().json(ProductPage {
            items,
            total: Some(total),
            limit,
            offset,
        }));
    }
    let catalog = state.catalog.clone();
    let hits = web::block(move || catalog.search_page(shop, &q, limit, offset))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let items: Vec<Product> = hits
        .into_iter()
        .map(|h| item(&public_url, h.product, Some(h.score)))
        .collect();
    Ok(HttpResponse::Ok().json(ProductPage {
        items,
        total: None,
        limit,
        offset,
    }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// Check the file without writing
    #[serde(default)]
    dry_run: bool,
}

/// The multipart form of an upload (read by [`read_form`], described here).
#[derive(ToSchema)]
pub struct UploadForm {
    /// The CSV file
    #[schema(value_type = String, format = Binary)]
    #[allow(dead_code)]
    file: Vec<u8>,
}

/// The 422 body of a refused file: the first hundred bad rows by line with their
/// reason (`rows`), and how many more there are (`more_rows`).
pub fn invalid_response(e: &ImportError) -> Option<HttpResponse> {
    let ImportError::Invalid {
        errors,
        more_errors,
        warnings,
        more_warnings,
    } = e
    else {
        return None;
    };
    Some(HttpResponse::UnprocessableEntity().json(json!({"error": {
        "code": "invalid_csv",
        "message": e.to_string(),
        "rows": errors,
        "more_rows": more_errors,
        "warnings": warnings,
        "more_warnings": more_warnings,
    }})))
}

/// Import a catalogue CSV (sku,title,price,currency,stock,description,image)
#[utoipa::path(
    post,
    path = "/api/v1/products/upload",
    tag = "catalogue",
    operation_id = "post_products_upload",
    params(UploadQuery),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "Import report", body = Object),
        (status = 400, description = "Invalid parameters or body", body = ErrorBody),
        (status = 413, description = "File too large", body = ErrorBody),
        (status = 422, description = "Rows with errors (line numbers and reasons)", body = ErrorBody),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
    ),
)]
pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: ApiAuth,
    query: web::Query<UploadQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    auth.require_manager()?;
    let spec = FormSpec {
        files: &["file"],
        texts: &["dry_run"],
    };
    let form = read_form(&req, payload, &spec).await?;
    let dry_run = query.dry_run || form.flag("dry_run");
    let Some(bytes) = form.files.get("file").cloned() else {
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
