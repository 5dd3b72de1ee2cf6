//! Agencies: `/admin/boutiques` lists the shops of the account (an owner or an agent
//! sees only its own) with their health — last webhook per number, outbox backlog,
//! usage against the plan, and what needs a look —, an agency creates a shop there,
//! and `POST /admin/shop` switches the session to another shop the account is a
//! member of.

use super::fmt::local_time;
use super::pages::{html, Layout};
use super::AdminSession;
use crate::db::accounts::Role;
use crate::db::shops::NewShop;
use crate::db::ShopId;
use crate::db::{diagnostic, shop_admin};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/boutiques", web::get().to(list))
        .route("/admin/boutiques", web::post().to(create))
        .route("/admin/shop", web::post().to(switch));
}

#[derive(Template)]
#[template(path = "agency.html")]
struct ShopsPage {
    layout: Layout,
    can_create: bool,
    error: Option<String>,
    slug: String,
    name: String,
    health: Vec<ShopHealth>,
}

/// One shop of the account as the agency watches it.
pub struct ShopHealth {
    pub id: i64,
    pub name: String,
    pub plan: &'static str,
    pub replies: i64,
    pub quota: i64,
    pub percent: i64,
    pub overage: String,
    /// Messages waiting to leave, and since when (local time) when any.
    pub backlog: i64,
    pub backlog_since: Option<String>,
    /// Each number with its last webhook (local time), or why none.
    pub numbers: Vec<(String, String)>,
    /// What needs a look, in French (no number, silent numbers, stuck outbox, quota).
    pub alerts: Vec<String>,
}

/// A number that received nothing for this long is flagged (a shop's customers write
/// every day; a broken webhook is silent).
const SILENT_HOURS: i64 = 24;
/// An outbox row older than this means the messages do not leave.
const STUCK_MINUTES: i64 = 15;

fn health_of(
    c: &crate::db::Connection,
    plans: &crate::settings::PlansSettings,
    (shop, name): &(ShopId, String),
    tz: chrono_tz::Tz,
) -> Result<ShopHealth, crate::db::DbError> {
    let now = chrono::Utc::now();
    // Times in each shop's own zone.
    let tz = crate::db::shops::get(c, *shop)?
        .timezone
        .parse()
        .unwrap_or(tz);
    let older = |t: &str, d: chrono::Duration| {
        chrono::DateTime::parse_from_rfc3339(t)
            .is_ok_and(|t| now - t.with_timezone(&chrono::Utc) > d)
    };
    let s = crate::billing::statement(c, plans, *shop, now)?;
    let (backlog, oldest) = diagnostic::backlog(c, *shop)?;
    let mut alerts = Vec::new();
    let numbers: Vec<(String, String)> = diagnostic::numbers(c, *shop)?
        .into_iter()
        .map(|n| {
            let seen = match &n.last_inbound {
                Some(t) => {
                    if older(t, chrono::Duration::hours(SILENT_HOURS)) {
                        alerts.push(format!(
                            "{} : aucun webhook depuis plus de {SILENT_HOURS} h",
                            n.wa_number
                        ));
                    }
                    format!("dernier webhook {}", local_time(t, tz))
                }
                None => {
                    alerts.push(format!("{} : aucun webhook reçu", n.wa_number));
                    "aucun webhook reçu".into()
                }
            };
            (n.wa_number, seen)
        })
        .collect();
    if numbers.is_empty() {
        alerts.push("aucun numéro WhatsApp connecté".into());
    }
    if let Some(t) = oldest
        .as_deref()
        .filter(|t| older(t, chrono::Duration::minutes(STUCK_MINUTES)))
    {
        alerts.push(format!(
            "{backlog} message(s) en attente depuis {}",
            local_time(t, tz)
        ));
    }
    if !s.model_allowed() {
        alerts.push("quota du mois atteint : réponses sans l'IA".into());
    }
    Ok(ShopHealth {
        id: shop.0,
        name: name.clone(),
        plan: s.limits.plan.label(),
        replies: s.month.bot_replies,
        quota: s.limits.ai_messages,
        percent: s.used_percent(),
        overage: crate::money::format_amount(s.overage_mga, "MGA"),
        backlog,
        backlog_since: oldest.map(|t| local_time(&t, tz)),
        numbers,
        alerts,
    })
}

async fn list(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    page(&state, &session, None, String::new(), String::new()).await
}

async fn page(
    state: &AppState,
    session: &AdminSession,
    error: Option<String>,
    slug: String,
    name: String,
) -> Result<HttpResponse, AdminError> {
    let status = if error.is_some() {
        actix_web::http::StatusCode::BAD_REQUEST
    } else {
        actix_web::http::StatusCode::OK
    };
    // Only the shops the account is a member of (the session's list), each scoped.
    let (shops, plans, tz) = (
        session.shops.clone(),
        state.settings.plans.clone(),
        session.tz,
    );
    let health = state
        .db
        .read(move |c| shops.iter().map(|s| health_of(c, &plans, s, tz)).collect())
        .await?;
    let page = ShopsPage {
        layout: Layout::new(session, "Boutiques", "/admin/boutiques"),
        can_create: session.account.role == Role::Agency,
        error,
        slug,
        name,
        health,
    };
    let mut res = html(page.render())?;
    *res.status_mut() = status;
    Ok(res)
}

#[derive(Deserialize)]
struct CreateForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name: String,
}

async fn create(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<CreateForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    if session.account.role != Role::Agency {
        return Err(AdminError::Forbidden);
    }
    let form = form.into_inner();
    let new = NewShop {
        slug: form.slug.trim().to_lowercase(),
        company_name: form.name.trim().to_string(),
        ..Default::default()
    };
    let (account, token) = (session.account.id, session.token_hash.clone());
    let outcome = state
        .db
        .write(move |c| {
            let id = shop_admin::create_for_agency(c, account, Role::Agency, &new)?;
            shop_admin::switch_session_shop(c, &token, account, id)?;
            Ok(id)
        })
        .await;
    match outcome {
        Ok(_) => Ok(HttpResponse::SeeOther()
            .insert_header(("Location", "/admin/parametres"))
            .finish()),
        Err(crate::db::DbError::Invalid(e) | crate::db::DbError::Conflict(e)) => {
            page(&state, &session, Some(e), form.slug, form.name).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct SwitchForm {
    #[serde(default)]
    csrf: String,
    shop_id: i64,
}

async fn switch(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<SwitchForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (account, token, shop) = (
        session.account.id,
        session.token_hash.clone(),
        ShopId(form.shop_id),
    );
    state
        .db
        .write(move |c| shop_admin::switch_session_shop(c, &token, account, shop))
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", "/admin"))
        .finish())
}
