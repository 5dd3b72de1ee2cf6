//! What an agent does on a conversation: reply (queued in the outbox like the bot's
//! messages; a reply that is only `/raccourci` becomes the shop's quick reply in the
//! conversation's language; answering takes the chat over from the bot), take over,
//! hand back, resolve, reopen, assign, and add an internal note.

use crate::db::{assignments, inbox, notes, quick_replies, AccountId, ConversationId};
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
        )
        .route("/admin/conversations/{id}/resolve", web::post().to(resolve))
        .route("/admin/conversations/{id}/reopen", web::post().to(reopen))
        .route("/admin/conversations/{id}/assign", web::post().to(assign))
        .route("/admin/conversations/{id}/note", web::post().to(note));
}

#[derive(Deserialize)]
struct ReplyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

/// Back to the thread with a notice, at its newest line.
pub fn back_to(id: i64, done: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((
            "Location",
            format!("/admin/conversations/{id}?done={done}#fin"),
        ))
        .finish()
}

/// The `agent:<id>` author and actor of what the session does.
pub fn actor(session: &AdminSession) -> String {
    format!("agent:{}", session.account.id)
}

/// An unknown `/raccourci`: back to the thread with the text kept in the box.
fn unknown_shortcut(id: i64, text: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((
            "Location",
            format!(
                "/admin/conversations/{id}?done=raccourci&texte={}#fin",
                urlencoding::encode(text)
            ),
        ))
        .finish()
}

async fn reply(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<ReplyForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, ConversationId(path.into_inner()));
    let text = form.into_inner().text;
    let typed = text.trim().to_string();
    let expanded = if let Some(shortcut) = typed.strip_prefix('/').filter(|s| !s.contains(' ')) {
        let key = shortcut.to_string();
        let found = state
            .db
            .read(move |c| {
                let conv = inbox::get(c, shop, id)?;
                Ok(quick_replies::by_shortcut(c, shop, &key)?
                    .map(|r| r.body_for(conv.language.as_deref()).to_string()))
            })
            .await?;
        match found {
            Some(body) => body,
            None => return Ok(unknown_shortcut(id.0, &typed)),
        }
    } else {
        text
    };
    let msg = crate::message::OutgoingMessage::text(expanded.trim());
    if !super::attach::queue(&state, &session, id, msg).await? {
        // Outside the 24-hour window WhatsApp refuses free text: say so, offer the template.
        return Ok(back_to(id.0, "window_closed"));
    }
    tracing::info!(conversation = id.0, "agent reply queued");
    Ok(back_to(id.0, "sent"))
}

/// Runs one status change of the session's shop's conversation, then goes back to it.
async fn change(
    state: &AppState,
    session: &AdminSession,
    id: i64,
    done: &'static str,
    f: fn(
        &rusqlite::Connection,
        crate::db::ShopId,
        ConversationId,
        &str,
    ) -> Result<(), crate::db::DbError>,
) -> Result<HttpResponse, AdminError> {
    let (shop, who, me) = (session.shop, actor(session), session.account.id);
    state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            f(&tx, shop, ConversationId(id), &who)?;
            if done == "taken" {
                assignments::claim_if_free(&tx, shop, ConversationId(id), me)?;
            }
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok(back_to(id, done))
}

async fn take_over(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    change(
        &state,
        &session,
        path.into_inner(),
        "taken",
        inbox::take_over,
    )
    .await
}

async fn hand_back(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    change(
        &state,
        &session,
        path.into_inner(),
        "back",
        inbox::hand_back,
    )
    .await
}

async fn resolve(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    change(
        &state,
        &session,
        path.into_inner(),
        "resolved",
        inbox::resolve,
    )
    .await
}

async fn reopen(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    change(
        &state,
        &session,
        path.into_inner(),
        "reopened",
        inbox::reopen,
    )
    .await
}

#[derive(Deserialize)]
struct AssignForm {
    #[serde(default)]
    csrf: String,
    /// An account id, or empty for nobody.
    #[serde(default)]
    account: String,
}

async fn assign(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<AssignForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let to = match form.account.trim() {
        "" => None,
        n => Some(AccountId(n.parse().map_err(|_| {
            AdminError::BadRequest(format!("compte « {n} » inconnu"))
        })?)),
    };
    let (shop, id) = (session.shop, ConversationId(path.into_inner()));
    state
        .db
        .write(move |c| assignments::assign(c, shop, id, to))
        .await?;
    Ok(back_to(id.0, "assigned"))
}

#[derive(Deserialize)]
struct NoteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
}

async fn note(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<NoteForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, ConversationId(path.into_inner()));
    let author = (session.account.id, session.account.email.clone());
    let body = form.into_inner().body;
    state
        .db
        .write(move |c| notes::add(c, shop, id, (author.0, &author.1), &body))
        .await?;
    Ok(back_to(id.0, "noted"))
}
