//! What an agent does on a conversation: reply (queued in the outbox like the bot's
//! messages), take the chat over from the bot, and hand it back.

use crate::db::inbox;
use crate::db::ConversationId;
use crate::web::admin::{AdminSession, CsrfForm};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/conversations/{id}/reply", web::post().to(reply))
        .route(
            "/admin/conversations/{id}/take-over",
            web::post().to(take_over),
        )
        .route(
            "/admin/conversations/{id}/hand-back",
            web::post().to(hand_back),
        );
}

#[derive(Deserialize)]
struct ReplyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

pub(super) fn back_to(id: i64, done: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", format!("/admin/conversations/{id}?done={done}")))
        .finish()
}

async fn reply(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<ReplyForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, path.into_inner());
    let author = format!("agent:{}", session.account.id);
    let text = form.into_inner().text;
    let sent = state
        .db
        .write(move |c| {
            inbox::get(c, shop, ConversationId(id))?;
            // Outside the 24-hour window WhatsApp refuses free text: say so, offer the template.
            if !super::channel::window_open(c, shop, ConversationId(id))? {
                return Ok(false);
            }
            inbox::send(c, shop, ConversationId(id), &text, &author).map(|_| true)
        })
        .await?;
    if !sent {
        return Ok(back_to(id, "window_closed"));
    }
    tracing::info!(conversation = id, "agent reply queued");
    Ok(back_to(id, "sent"))
}

async fn take_over(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, path.into_inner());
    state
        .db
        .write(move |c| inbox::take_over(c, shop, ConversationId(id)))
        .await?;
    Ok(back_to(id, "taken"))
}

async fn hand_back(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, path.into_inner());
    state
        .db
        .write(move |c| inbox::hand_back(c, shop, ConversationId(id)))
        .await?;
    Ok(back_to(id, "back"))
}
