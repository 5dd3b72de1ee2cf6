//! `/admin/faq`: list, add, edit, delete and CSV import of the shop's FAQ, each entry
//! with an optional Malagasy answer; the list says how many entries still lack one.
//! Every change goes through [`crate::catalog::Catalog`] so the search index follows.

use super::pages::{blocking, html, Layout};
use super::{AdminSession, CsrfForm};
use crate::catalog::import::ImportError;
use crate::db::faq::{self, FaqItem};
use crate::web::multipart::{read_form, FormSpec};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/faq", web::get().to(list))
        .route("/admin/faq", web::post().to(create))
        .route("/admin/faq/import", web::post().to(import))
        .route(r"/admin/faq/{id:\d+}", web::get().to(edit_form))
        .route(r"/admin/faq/{id:\d+}", web::post().to(update))
        .route(r"/admin/faq/{id:\d+}/supprimer", web::post().to(delete));
}

#[derive(Template)]
#[template(path = "faq_list.html")]
struct ListPage {
    layout: Layout,
    items: Vec<FaqItem>,
    /// Entries without a Malagasy answer.
    missing_mg: u64,
    error: Option<String>,
    can_manage: bool,
}

async fn render_list(
    state: &AppState,
    session: &AdminSession,
    error: Option<String>,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let (items, missing_mg) = state
        .db
        .read(move |c| Ok((faq::list(c, shop)?, faq::missing_malagasy(c, shop)?)))
        .await?;
    let status = if error.is_some() {
        actix_web::http::StatusCode::BAD_REQUEST
    } else {
        actix_web::http::StatusCode::OK
    };
    let body = ListPage {
        layout: Layout::new(session, "FAQ", "/admin/faq"),
        items,
        missing_mg,
        error,
        can_manage: session.account.role.can_manage(),
    }
    .render()
    .map_err(AdminError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

async fn list(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    render_list(&state, &session, None).await
}

#[derive(Deserialize)]
struct FaqForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    answer_mg: String,
}

fn to_faq() -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", "/admin/faq"))
        .finish()
}

async fn create(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<FaqForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let form = form.into_inner();
    let (catalog, shop) = (state.catalog.clone(), session.shop);
    let res = blocking(move || {
        catalog
            .create_faq(shop, &form.question, &form.answer, Some(&form.answer_mg))
            .map_err(AdminError::from)
    })
    .await;
    match res {
        Ok(_) => Ok(to_faq()),
        Err(AdminError::BadRequest(e)) => render_list(&state, &session, Some(e)).await,
        Err(e) => Err(e),
    }
}

async fn import(
    state: web::Data<AppState>,
    session: AdminSession,
    req: actix_web::HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let spec = FormSpec {
        files: &["file"],
        texts: &["csrf"],
    };
    let form = read_form(&req, payload, &spec).await?;
    session.check_csrf(form.fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    let bytes = form.files.get("file").cloned().unwrap_or_default();
    let (db, catalog, shop) = (state.db.clone(), state.catalog.clone(), session.shop);
    let outcome =
        web::block(move || crate::catalog::faq::import_csv(&db, &catalog, shop, &bytes, false))
            .await
            .map_err(AdminError::internal)?;
    match outcome {
        Ok(_) => Ok(to_faq()),
        Err(ImportError::Invalid { errors, .. }) => {
            let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            render_list(
                &state,
                &session,
                Some(format!("Rien n'a été importé : {}", lines.join(" ; "))),
            )
            .await
        }
        Err(e) => Err(AdminError::internal(e)),
    }
}

#[derive(Template)]
#[template(path = "faq_edit.html")]
struct EditPage {
    layout: Layout,
    id: i64,
    question: String,
    answer: String,
    answer_mg: String,
    error: Option<String>,
    can_manage: bool,
}

async fn edit_form(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
) -> Result<HttpResponse, AdminError> {
    let (shop, id) = (session.shop, *id);
    let item = state.db.read(move |c| faq::get(c, shop, id)).await?;
    html(
        EditPage {
            layout: Layout::new(&session, "Modifier la question", "/admin/faq"),
            id: item.id,
            question: item.question,
            answer: item.answer,
            answer_mg: item.answer_mg.unwrap_or_default(),
            error: None,
            can_manage: session.account.role.can_manage(),
        }
        .render(),
    )
}

async fn update(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<FaqForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let (catalog, shop, id) = (state.catalog.clone(), session.shop, *id);
    let f = form.into_inner();
    let (q, a, mg) = (f.question.clone(), f.answer.clone(), f.answer_mg.clone());
    let res = blocking(move || {
        catalog
            .update_faq(shop, id, &q, &a, Some(&mg))
            .map_err(AdminError::from)
    })
    .await;
    match res {
        Ok(_) => Ok(to_faq()),
        Err(AdminError::BadRequest(e)) => {
            let body = EditPage {
                layout: Layout::new(&session, "Modifier la question", "/admin/faq"),
                id,
                question: f.question,
                answer: f.answer,
                answer_mg: f.answer_mg,
                error: Some(e),
                can_manage: true,
            }
            .render()
            .map_err(AdminError::internal)?;
            Ok(HttpResponse::BadRequest()
                .content_type("text/html; charset=utf-8")
                .body(body))
        }
        Err(e) => Err(e),
    }
}

async fn delete(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let (catalog, shop, id) = (state.catalog.clone(), session.shop, *id);
    blocking(move || catalog.delete_faq(shop, id).map_err(AdminError::from)).await?;
    Ok(to_faq())
}
