//! `/admin/diagnostic`: the same checks as `varotra doctor`, for the current shop's
//! numbers and backlog and for the box (model, disk, backups, SMTP), so an owner or
//! the agency sees what is wrong and what to do without a terminal.

use super::pages::{html, Layout};
use super::AdminSession;
use crate::doctor::{self, Check, Scope};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/diagnostic", web::get().to(show));
}

#[derive(Template)]
#[template(path = "diagnostic.html")]
struct DiagnosticPage {
    layout: Layout,
    checks: Vec<Check>,
    failed: usize,
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let checks = doctor::run(
        &state.settings,
        Ok(&state.db),
        &state.http,
        Scope::Shop(session.shop),
    )
    .await;
    let failed = checks.iter().filter(|c| !c.ok).count();
    html(
        DiagnosticPage {
            layout: Layout::new(&session, "Diagnostic", "/admin/diagnostic"),
            checks,
            failed,
        }
        .render(),
    )
}
