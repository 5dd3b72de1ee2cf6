//! `/admin/prospects`: the pipeline board, one column per stage, with a move form
//! (and the notes) carrying the session's CSRF token on each card.

use super::pages::{html, Layout};
use super::AdminSession;
use crate::crm::prospects::{self, Stage};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/prospects", web::get().to(board))
        .route("/admin/prospects/{id}/statut", web::post().to(move_card));
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
    tz: chrono_tz::Tz,
}

impl BoardPage {
    /// A stored time in the shop's zone, the French way.
    fn when(&self, rfc3339: &str) -> String {
        super::fmt::local_time(rfc3339, self.tz)
    }
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
            tz: session.tz,
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
