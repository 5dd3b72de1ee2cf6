//! `/admin/parametres/marque` (owners and agencies): the white-label branding of the
//! shop's devis and factures — logo upload (PNG or JPEG, checked and resized by
//! `crate::branding`), accent colour and footer line — and the stored logo served to
//! the shop's own admins. A plan without white-label sees why, and a save is refused
//! with the plan named.

use super::pages::{blocking, html, Layout};
use super::AdminSession;
use crate::branding::{self, Branding, BrandingError};
use crate::db::{branding as rows, usage};
use crate::kinds::Plan;
use crate::web::multipart::{read_form, FormSpec};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/parametres/marque", web::get().to(show))
        .route("/admin/parametres/marque", web::post().to(save))
        .route("/admin/parametres/marque/logo", web::get().to(logo));
}

#[derive(Template)]
#[template(path = "branding.html")]
struct BrandingPage {
    layout: Layout,
    plan: &'static str,
    white_label: bool,
    has_logo: bool,
    accent: String,
    footer: String,
    max_kb: usize,
    error: Option<String>,
    saved: bool,
}

async fn render(
    state: &AppState,
    session: &AdminSession,
    error: Option<String>,
    saved: bool,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let (plan, b) = state
        .db
        .read(move |c| {
            let (plan, _) = usage::plan_of(c, shop)?;
            Ok((plan.parse().unwrap_or(Plan::Free), rows::get(c, shop)?))
        })
        .await?;
    let failed = error.is_some();
    let page = BrandingPage {
        layout: Layout::new(session, "Marque des devis et factures", "/admin/parametres"),
        plan: plan.label(),
        white_label: plan.white_label(),
        has_logo: b.logo_png.is_some(),
        accent: b.accent.unwrap_or_default(),
        footer: b.footer.unwrap_or_default(),
        max_kb: branding::MAX_UPLOAD_BYTES / 1024,
        error,
        saved,
    };
    let mut res = html(page.render())?;
    if failed {
        *res.status_mut() = actix_web::http::StatusCode::BAD_REQUEST;
    }
    Ok(res)
}

#[derive(serde::Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
    q: web::Query<SavedQuery>,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    render(&state, &session, None, q.saved.is_some()).await
}

async fn save(
    state: web::Data<AppState>,
    session: AdminSession,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let spec = FormSpec {
        files: &["logo"],
        texts: &["csrf", "accent", "footer", "remove_logo"],
    };
    let form = read_form(&req, payload, &spec).await?;
    session.check_csrf(form.fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    let text = |k: &str| form.fields.get(k).cloned().unwrap_or_default();
    let (accent, footer) = match (
        branding::parse_accent(&text("accent")),
        branding::parse_footer(&text("footer")),
    ) {
        (Ok(a), Ok(f)) => (a, f),
        (Err(e), _) | (_, Err(e)) => return refused(&state, &session, e).await,
    };
    let upload = form.files.get("logo").filter(|b| !b.is_empty()).cloned();
    // Decoding and resizing is CPU work: off the async threads, before the writer.
    let logo = match upload {
        Some(bytes) => match blocking(move || Ok(branding::normalize_logo(&bytes))).await? {
            Ok(png) => Some(png),
            Err(e) => return refused(&state, &session, e).await,
        },
        None => None,
    };
    let remove = form.flag("remove_logo");
    let shop = session.shop;
    let outcome = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            if let Err(e) = branding::require_white_label(&tx, shop) {
                return Ok(Err(e));
            }
            let old = rows::get(&tx, shop)?;
            let logo_png = match (logo, remove) {
                (Some(new), _) => Some(new),
                (None, true) => None,
                (None, false) => old.logo_png,
            };
            let b = Branding {
                logo_png,
                accent,
                footer,
            };
            rows::put(&tx, shop, &b)?;
            tx.commit()?;
            Ok(Ok(()))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header(("Location", "/admin/parametres/marque?saved=1"))
            .finish()),
        Err(e) => refused(&state, &session, e).await,
    }
}

async fn refused(
    state: &AppState,
    session: &AdminSession,
    e: BrandingError,
) -> Result<HttpResponse, AdminError> {
    match e {
        BrandingError::Db(db) => Err(db.into()),
        other => render(state, session, Some(other.to_string()), false).await,
    }
}

async fn logo(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let b = state.db.read(move |c| rows::get(c, shop)).await?;
    let png = b.logo_png.ok_or(AdminError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header(("Cache-Control", "private, no-store"))
        .body(png))
}
