//! `POST /api/v1/wa/send`: queue a WhatsApp text from an integration, to one of the
//! shop's conversations or to a phone number (a conversation is opened for it). It
//! goes through the same outbox as the admin reply box.

use super::ApiAuth;
use crate::db::inbox;
use crate::db::ConversationId;
use crate::web::{ApiError, AppState};
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Exactly one of conversation_id or to.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendBody {
    conversation_id: Option<i64>,
    /// Phone in international form, e.g. 261341234567
    to: Option<String>,
    #[schema(max_length = 4096)]
    text: String,
}

/// What was queued.
#[derive(Serialize, ToSchema)]
pub struct Queued {
    outbox_id: i64,
    #[schema(value_type = i64)]
    message_id: crate::db::MessageId,
    #[schema(value_type = i64)]
    conversation_id: ConversationId,
    /// Always `pending`: the sender picks it up.
    status: &'static str,
}

/// Queue a WhatsApp text to a conversation or a phone number
#[utoipa::path(
    post,
    path = "/api/v1/wa/send",
    tag = "conversations",
    operation_id = "post_wa_send",
    request_body = SendBody,
    responses(
        (status = 202, description = "Queued in the outbox", body = Queued),
        (status = 400, description = "Invalid parameters or body", body = ErrorBody),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
        (status = 404, description = "Not found in this shop", body = ErrorBody),
        (status = 422, description = "Empty text, bad phone, or no WhatsApp number for the shop", body = ErrorBody),
    ),
)]
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
    Ok(HttpResponse::Accepted().json(Queued {
        outbox_id: sent.outbox_id,
        message_id: sent.message_id,
        conversation_id: sent.conversation_id,
        status: "pending",
    }))
}
