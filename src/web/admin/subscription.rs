//! `/admin/abonnement` (owners and agencies): the shop's plan and this month's
//! statement — bot replies against the quota, templates, devis, numbers, the overage
//! in Ariary, the trial's days left and the add-ons the plan switches on — read from
//! `billing::statement`, like `GET /api/v1/usage`.

use super::pages::{html, Layout};
use super::AdminSession;
use crate::billing::Statement;
use crate::money::format_amount;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/abonnement", web::get().to(show));
}

#[derive(Template)]
#[template(path = "subscription.html")]
struct SubscriptionPage {
    layout: Layout,
    s: Statement,
    plan: &'static str,
    price: String,
    overage: String,
    overage_price: String,
    /// `01/12/2026 – 31/12/2026`.
    period: String,
    /// `14 jours restants`, during a trial.
    trial_left: Option<String>,
}

/// `2026-12-01` -> `01/12/2026`.
fn french_day(iso: &str) -> String {
    let mut parts = iso.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let (shop, plans) = (session.shop, state.settings.plans.clone());
    let s = state
        .db
        .read(move |c| crate::billing::statement(c, &plans, shop, chrono::Utc::now()))
        .await?;
    let page = SubscriptionPage {
        layout: Layout::new(&session, "Abonnement", "/admin/parametres"),
        plan: s.limits.plan.label(),
        price: match s.limits.price_mga {
            0 => "gratuit".into(),
            p => format!("{} / mois", format_amount(p, "MGA")),
        },
        overage: format_amount(s.overage_mga, "MGA"),
        overage_price: format_amount(s.overage_price_mga, "MGA"),
        trial_left: s.trial_days_left.map(|d| match d {
            0 | 1 => format!("{d} jour restant"),
            d => format!("{d} jours restants"),
        }),
        period: format!("{} – {}", french_day(&s.period.0), french_day(&s.period.1)),
        s,
    };
    html(page.render())
}
