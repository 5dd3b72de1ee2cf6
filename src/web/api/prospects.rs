//! `GET /api/v1/prospects`: the shop's prospects (JSON, paginated, optionally by
//! pipeline stage), scoped to the token's shop.

use super::ApiAuth;
use crate::crm::prospects::{self, Prospect, Stage};
use crate::web::paging::{self, Window, MAX_OFFSET};
use crate::web::{ApiError, AppState};
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// nouveau, qualifie, devis_envoye, gagne or perdu
    status: Option<String>,
    /// At most this many items (1 to 200)
    limit: Option<i64>,
    /// Items to skip (0 to 1 000 000, default 0)
    offset: Option<i64>,
}

/// A page of prospects.
#[derive(Serialize, ToSchema)]
pub struct ProspectPage {
    items: Vec<Prospect>,
    total: i64,
    limit: i64,
    offset: i64,
}

/// The shop's prospects, optionally by pipeline status
#[utoipa::path(
    get,
    path = "/api/v1/prospects",
    tag = "crm",
    operation_id = "get_prospects",
    params(ListQuery),
    responses(
        (status = 200, description = "Prospects", body = ProspectPage),
        (status = 400, description = "Invalid parameters or body", body = ErrorBody),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
    ),
)]
pub async fn list(
    state: web::Data<AppState>,
    auth: ApiAuth,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let stage = match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(Stage::parse(s).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "status `{s}`: expected nouveau, qualifie, devis_envoye, gagne or perdu"
            ))
        })?),
        None => None,
    };
    let Window { limit, offset } = paging::by_offset(q.limit, q.offset, 50, 200, MAX_OFFSET)?;
    let shop = auth.shop;
    let (items, total) = state
        .db
        .read(move |c| prospects::list(c, shop, stage, limit, offset))
        .await?;
    Ok(HttpResponse::Ok().json(ProspectPage {
        items,
        total,
        limit,
        offset,
    }))
}
