//! CRM over HTTP: `GET /api/v1/prospects` (JSON, paginated, scoped to the token's
//! shop) and the admin board `/admin/prospects` (one column per stage, a move form
//! with CSRF on each card).

use super::prospects::{self, Stage};
use crate::startup::AppState;
use crate::web::admin::pages::{html, Layout};
use crate::web::admin::{AdminError, AdminSession};
use crate::web::api::ApiAuth;
use crate::web::ApiError;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use serde_json::json;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/prospects", web::get().to(api_list))
        .route("/admin/prospects", web::get().to(board))
        .route("/admin/prospects/{id}/statut", web::post().to(move_card));
}

#[derive(Deserialize)]
struct ListQuery {
    status: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

async fn api_list(
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
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let offset = q.offset.unwrap_or(0).max(0);
    let shop = auth.shop;
    let (items, total) = state
        .db
        .read(move |c| prospects::list(c, shop, stage, limit, offset))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "items": items, "total": total, "limit": limit, "offset": offset
    })))
}

pub struct Column {
    pub stage: &'static str,
    pub label: &'static str,
    pub cards: Vec<prospects::Prospect>,
}

pub struct StageOption {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "prospects.html")]
struct BoardPage {
    layout: Layout,
    columns: Vec<Column>,
    stages: Vec<StageOption>,
}

async fn board(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let columns = state
        .db
        .read(move |c| {
            Stage::ALL
                .iter()
                .copied()
                .map(|st| {
                    Ok(Column {
                        stage: st.as_str(),
                        label: st.label(),
                        cards: prospects::list(c, shop, Some(st), 100, 0)?.0,
                    })
                })
                .collect::<Result<Vec<_>, crate::db::DbError>>()
        })
        .await?;
    let stages = Stage::ALL
        .iter()
        .map(|s| StageOption {
            value: s.as_str(),
            label: s.label(),
        })
        .collect();
    html(
        BoardPage {
            layout: Layout::new(&session, "Prospects", "/admin/prospects"),
            columns,
            stages,
        }
        .render(),
    )
}

#[derive(Deserialize)]
struct MoveForm {
    csrf: String,
    status: String,
    notes: Option<String>,
}

async fn move_card(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let stage = Stage::parse(&form.status)
        .ok_or_else(|| AdminError::BadRequest(format!("étape inconnue : {}", form.status)))?;
    let (shop, id, notes) = (session.shop, id.into_inner(), form.notes.clone());
    state
        .db
        .write(move |c| {
            prospects::set_status(c, shop, id, stage)?;
            if let Some(n) = notes {
                prospects::set_notes(c, shop, id, n.trim())?;
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", "/admin/prospects"))
        .finish())
}
