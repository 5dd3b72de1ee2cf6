//! `/api/v1/conversations`, `/api/v1/conversations/{id}/messages` and
//! `POST /api/v1/wa/send`: the inbox for integrations, scoped to the token's shop
//! (another shop's conversation is a 404, as if it did not exist).

use super::ApiAuth;
use crate::db::inbox::{self, Filter};
use crate::db::ConversationId;
use crate::startup::AppState;
use crate::web::ApiError;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

pub const DEFAULT_PER_PAGE: i64 = 25;
pub const MAX_PER_PAGE: i64 = 100;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    page: Option<i64>,
    per_page: Option<i64>,
    status: Option<String>,
    q: Option<String>,
}

pub async fn list(
    state: web::Data<AppState>,
    auth: ApiAuth,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = q.page.unwrap_or(1);
    let per_page = q.per_page.unwrap_or(DEFAULT_PER_PAGE);
    if page < 1 {
        return Err(ApiError::BadRequest("page: must be 1 or more".into()));
    }
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(ApiError::BadRequest(format!(
            "per_page: between 1 and {MAX_PER_PAGE}"
        )));
    }
    let filter = Filter {
        status: q.status.filter(|s| !s.is_empty()),
        q: q.q,
        limit: per_page,
        offset: (page - 1) * per_page,
    };
    let shop = auth.shop;
    let (items, total) = state
        .db
        .read(move |c| inbox::list(c, shop, &filter))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "items": items,
        "page": page,
        "per_page": per_page,
        "total": total,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessagesQuery {
    after: Option<i64>,
    limit: Option<i64>,
}

pub async fn messages(
    state: web::Data<AppState>,
    auth: ApiAuth,
    path: web::Path<i64>,
    query: web::Query<MessagesQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = query.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::BadRequest("limit: between 1 and 500".into()));
    }
    let (shop, id, after) = (
        auth.shop,
        ConversationId(path.into_inner()),
        query.after.unwrap_or(0),
    );
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
    Ok(HttpResponse::Ok().json(json!({ "items": items, "next_after": next_after })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendBody {
    conversation_id: Option<i64>,
    to: Option<String>,
    text: String,
}

pub async fn send(
    state: web::Data<AppState>,
    auth: ApiAuth,
    // A Result, so a bad body cannot win the race against the token check: a request
    // without a valid token is always 401, whatever its body.
    body: Result<web::Json<SendBody>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let body = match body {
        Ok(body) => body.into_inner(),
        Err(e) => return Ok(e.error_response()),
    };
    let shop = auth.shop;
    let author = format!("agent:{}", auth.account);
    let target = match (body.conversation_id, body.to) {
        (Some(id), None) => Ok(ConversationId(id)),
        (None, Some(to)) => Err(to),
        _ => {
            return Err(ApiError::BadRequest(
                "give exactly one of `conversation_id` or `to`".into(),
            ))
        }
    };
    let text = body.text;
    let sent = state
        .db
        .write(move |c| {
            let conv = match target {
                Ok(id) => id,
                Err(to) => inbox::find_or_create(c, shop, &to)?,
            };
            inbox::send(c, shop, conv, &text, &author)
        })
        .await
        .map_err(|e| match e {
            crate::db::DbError::NotFound => ApiError::NotFound("no such conversation".into()),
            crate::db::DbError::Invalid(m) => ApiError::Unprocessable(m),
            other => other.into(),
        })?;
    tracing::info!(conversation = %sent.conversation_id, "api send queued");
    Ok(HttpResponse::Accepted().json(json!({
        "outbox_id": sent.outbox_id,
        "message_id": sent.message_id,
        "conversation_id": sent.conversation_id,
        "status": "pending",
    })))
}
