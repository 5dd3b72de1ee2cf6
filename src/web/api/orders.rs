//! `GET /api/v1/orders`, `GET /api/v1/orders/{id}` and `PATCH /api/v1/orders/{id}`:
//! the shop's orders (filtered by status or customer), and one step of an order
//! (`{"status": "en_preparation"}`, or `{"status": "paye", "paid_by": "mvola",
//! "reference": "..."}`). A step the state machine refuses is 409; the customer is told
//! each step through the outbox.

use super::ApiAuth;
use crate::db::{orders as rows, OrderId};
use crate::kinds::{OrderStatus, PaidBy};
use crate::orders::{self, Actor, Change, Order};
use crate::web::paging::{self, Window, MAX_OFFSET};
use crate::web::{ApiError, AppState};
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// a_payer, paye, en_preparation, en_livraison, livre or annule
    status: Option<String>,
    /// Order number (prefix), customer phone or name (part)
    q: Option<String>,
    /// At most this many items (1 to 200)
    limit: Option<i64>,
    /// Items to skip (0 to 1 000 000, default 0)
    offset: Option<i64>,
}

/// A page of orders.
#[derive(Serialize, ToSchema)]
pub struct OrderPage {
    items: Vec<Order>,
    total: i64,
    limit: i64,
    offset: i64,
}

/// One step of an order.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchBody {
    /// The status to reach: paye, en_preparation, en_livraison, livre or annule
    status: String,
    /// For paye: mvola, orange_money, airtel_money or especes (default especes)
    paid_by: Option<String>,
    /// For paye: the transaction reference
    reference: Option<String>,
}

fn status_of(field: &str, s: &str) -> Result<OrderStatus, ApiError> {
    OrderStatus::parse(s.trim()).ok_or_else(|| {
        ApiError::BadRequest(format!(
            "{field} `{s}`: expected a_payer, paye, en_preparation, en_livraison, livre or annule"
        ))
    })
}

/// The shop's orders, newest first
#[utoipa::path(
    get,
    path = "/api/v1/orders",
    tag = "orders",
    operation_id = "get_orders",
    params(ListQuery),
    responses(
        (status = 200, description = "Orders", body = OrderPage),
        (status = 400, description = "Invalid parameters or body", body = ErrorBody),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
    ),
)]
pub async fn list(
    state: web::Data<AppState>,
    auth: ApiAuth,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(status_of("status", s)?),
        None => None,
    };
    let Window { limit, offset } = paging::by_offset(q.limit, q.offset, 50, 200, MAX_OFFSET)?;
    let (shop, search) = (auth.shop, q.q.clone());
    let (items, total) = state
        .db
        .read(move |c| rows::list(c, shop, status, search.as_deref(), limit, offset))
        .await?;
    Ok(HttpResponse::Ok().json(OrderPage {
        items,
        total,
        limit,
        offset,
    }))
}

/// One order
#[utoipa::path(
    get,
    path = "/api/v1/orders/{id}",
    tag = "orders",
    operation_id = "get_orders_id",
    params(("id" = i64, Path, description = "Identifier within the token's shop")),
    responses(
        (status = 200, description = "The order", body = Order),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
        (status = 404, description = "Not found in this shop", body = ErrorBody),
    ),
)]
pub async fn show(
    state: web::Data<AppState>,
    auth: ApiAuth,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (shop, id) = (auth.shop, OrderId(id.into_inner()));
    let o = state.db.read(move |c| rows::get(c, shop, id)).await?;
    Ok(HttpResponse::Ok().json(o))
}

/// Moves an order one step (the customer is told)
#[utoipa::path(
    patch,
    path = "/api/v1/orders/{id}",
    tag = "orders",
    operation_id = "patch_orders_id",
    params(("id" = i64, Path, description = "Identifier within the token's shop")),
    request_body = PatchBody,
    responses(
        (status = 200, description = "The order after the step", body = Order),
        (status = 400, description = "Invalid parameters or body", body = ErrorBody),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
        (status = 404, description = "Not found in this shop", body = ErrorBody),
        (status = 409, description = "The order cannot take this step from its status", body = ErrorBody),
    ),
)]
pub async fn patch(
    state: web::Data<AppState>,
    auth: ApiAuth,
    id: web::Path<i64>,
    // A Result, so a bad body cannot win the race against the token check.
    body: Result<web::Json<PatchBody>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let body = match body {
        Ok(body) => body.into_inner(),
        Err(e) => return Ok(e.error_response()),
    };
    let to = status_of("status", &body.status)?;
    let paid_by = match body.paid_by.as_deref() {
        Some(p) => Some(PaidBy::parse(p.trim()).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "paid_by `{p}`: expected mvola, orange_money, airtel_money or especes"
            ))
        })?),
        None => None,
    };
    let change = Change {
        to: Some(to),
        paid_by,
        reference: body.reference,
    };
    let (shop, id) = (auth.shop, OrderId(id.into_inner()));
    let o = state
        .db
        .write(move |c| Ok(orders::change(c, shop, id, &change, Actor::Owner("API"))))
        .await??;
    state.whatsapp.outbox_wake.notify_one();
    Ok(HttpResponse::Ok().json(o))
}
