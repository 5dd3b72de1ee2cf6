//! `/api/v1/conversations` and `/api/v1/conversations/{id}/messages`: the inbox for
//! integrations, scoped to the token's shop (another shop's conversation is a 404, as
//! if it did not exist).

use super::ApiAuth;
use crate::db::inbox::{self, ConversationRow, Filter, MessageRow};
use crate::db::ConversationId;
use crate::web::paging::{self, MAX_OFFSET};
use crate::web::{ApiError, AppState};
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub const DEFAULT_PER_PAGE: i64 = 25;
pub const MAX_PER_PAGE: i64 = 100;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Page, from 1 (default 1; its first item at most 1 000 000 deep)
    page: Option<i64>,
    /// Items per page, 1 to 100 (default 25)
    per_page: Option<i64>,
    /// open, needs_human or closed
    status: Option<String>,
    /// Search in customer name, phone and message text
    q: Option<String>,
}

/// A page of conversations.
#[derive(Serialize, ToSchema)]
pub struct ConversationPage {
    items: Vec<ConversationRow>,
    page: i64,
    per_page: i64,
    total: i64,
}

/// The shop's conversations, latest activity first
#[utoipa::path(
    get,
    path = "/api/v1/conversations",
    tag = "conversations",
    operation_id = "get_conversations",
    params(ListQuery),
    responses(
        (status = 200, description = "A page of conversations", body = ConversationPage),
        (status = 400, description = "Invalid parameters or body", body = ErrorBody),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
    ),
)]
pub async fn list(
    state: web::Data<AppState>,
    auth: ApiAuth,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let (page, window) = paging::by_page(
        q.page,
        q.per_page,
        1,
        (DEFAULT_PER_PAGE, MAX_PER_PAGE),
        MAX_OFFSET,
    )?;
    let per_page = window.limit;
    let filter = Filter {
        status: q.status.filter(|s| !s.is_empty()),
        q: q.q,
        limit: window.limit,
        offset: window.offset,
        ..Default::default()
    };
    let shop = auth.shop;
    let (items, total) = state
        .db
        .read(move |c| inbox::list(c, shop, &filter))
        .await?;
    Ok(HttpResponse::Ok().json(ConversationPage {
        items,
        page,
        per_page,
        total,
    }))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MessagesQuery {
    /// Only messages with an id above this one (0 or more)
    after: Option<i64>,
    /// At most this many (1 to 500, default 100; the latest ones)
    limit: Option<i64>,
}

/// Messages of a conversation, and where the next page starts.
#[derive(Serialize, ToSchema)]
pub struct MessagePage {
    items: Vec<MessageRow>,
    /// The id to pass as `after` for newer messages; null when there were none.
    next_after: Option<i64>,
}

/// Messages of a conversation, oldest first
#[utoipa::path(
    get,
    path = "/api/v1/conversations/{id}/messages",
    tag = "conversations",
    operation_id = "get_conversations_id_messages",
    params(
        ("id" = i64, Path, description = "Identifier within the token's shop"),
        MessagesQuery,
    ),
    responses(
        (status = 200, description = "Messages", body = MessagePage),
        (status = 400, description = "Invalid parameters or body", body = ErrorBody),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
        (status = 404, description = "Not found in this shop", body = ErrorBody),
    ),
)]
pub async fn messages(
    state: web::Data<AppState>,
    auth: ApiAuth,
    path: web::Path<i64>,
    query: web::Query<MessagesQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = paging::bounded("limit", query.limit, 100, 1, 500)?;
    let after = paging::bounded("after", query.after, 0, 0, i64::MAX)?;
    let (shop, id) = (auth.shop, ConversationId(path.into_inner()));
    let items = state
        .db
        .read(move |c| {
            inbox::get(c, shop, id)?;
            inbox::messages(c, shop, id, after, limit)
        })
        .await
        .map_err(|e| match e {
            crate::db::DbError::NotFound => ApiError::NotFound(format!("no conversation {id}")),
            other => other.into(),
        })?;
    let next_after = items.last().map(|m| m.id.0);
    Ok(HttpResponse::Ok().json(MessagePage { items, next_after }))
}
