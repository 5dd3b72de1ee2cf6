//! `/admin/reponses-rapides`: the shop's quick replies. Typing `/raccourci` as the
//! whole reply in a conversation sends the saved text, in Malagasy when the
//! conversation is in Malagasy and a Malagasy text is saved, in French otherwise.

use super::pages::Layout;
use super::AdminSession;
use crate::db::quick_replies::{self, QuickReply};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/reponses-rapides", web::get().to(list))
        .route("/admin/reponses-rapides", web::post().to(save))
        .route(
            r"/admin/reponses-rapides/{id:\d+}/supprimer",
            web::post().to(delete),
        );
}

#[derive(Template)]
#[template(path = "quick_replies.html")]
struct Page {
    layout: Layout,
    replies: Vec<QuickReply>,
    error: Option<String>,
    saved: bool,
    /// What was typed in the new reply's form when it was refused.
    typed: (String, String, String),
}

async fn render(
    state: &AppState,
    session: &AdminSession,
    error: Option<String>,
    saved: bool,
    typed: (String, String, String),
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let replies = state.db.read(move |c| quick_replies::list(c, shop)).await?;
    let status = if error.is_some() {
        actix_web::http::StatusCode::BAD_REQUEST
    } else {
        actix_web::http::StatusCode::OK
    };
    let body = Page {
        layout: Layout::new(session, "Réponses rapides", "/admin/reponses-rapides"),
        replies,
        error,
        saved,
        typed,
    }
    .render()
    .map_err(AdminError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

#[derive(Deserialize)]
struct ListQuery {
    saved: Option<String>,
}

async fn list(
    state: web::Data<AppState>,
    session: AdminSession,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, AdminError> {
    render(
        &state,
        &session,
        None,
        q.saved.is_some(),
        Default::default(),
    )
    .await
}

#[derive(Deserialize)]
struct SaveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    shortcut: String,
    #[serde(default)]
    body_fr: String,
    #[serde(default)]
    body_mg: String,
}

async fn save(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<SaveForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let shop = session.shop;
    let f = form.into_inner();
    let (shortcut, fr, mg) = (f.shortcut.clone(), f.body_fr.clone(), f.body_mg.clone());
    match state
        .db
        .write(move |c| quick_replies::save(c, shop, &shortcut, &fr, &mg))
        .await
    {
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header(("Location", "/admin/reponses-rapides?saved=1"))
            .finish()),
        Err(crate::db::DbError::Invalid(why)) => {
            render(
                &state,
                &session,
                Some(why),
                false,
                (f.shortcut, f.body_fr, f.body_mg),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn delete(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<super::CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, path.into_inner());
    state
        .db
        .write(move |c| quick_replies::delete(c, shop, id))
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", "/admin/reponses-rapides?saved=1"))
        .finish())
}
