//! `GET /api/v1/usage`: the token's shop's plan, this month's metered usage against
//! its quota, the overage to bill and the add-ons the plan switches on.

use super::ApiAuth;
use crate::web::{ApiError, AppState};
use actix_web::{web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

/// The shop's plan and this month's usage.
#[derive(Serialize, ToSchema)]
pub struct UsageView {
    /// trial, free, starter, pro or business (a trial past its days reads free)
    plan: String,
    /// Monthly price of the plan, in Ariary
    price_mga: i64,
    /// Calendar month counted (UTC), YYYY-MM
    month: String,
    /// Bot replies included in the plan each month
    ai_messages_included: i64,
    bot_replies: i64,
    /// Templates sent (messages outside the 24-hour window)
    templates: i64,
    /// Devis issued (by the bot, the admin or the API)
    devis: i64,
    /// WhatsApp numbers connected
    numbers: i64,
    /// Bot replies past the quota (answered from the data, without the model)
    overage: i64,
    overage_price_mga: i64,
    /// Overage to bill this month, in Ariary
    overage_mga: i64,
    /// Days of trial left (trial only)
    trial_days_left: Option<i64>,
    /// Whether the model may still be asked this month
    model_allowed: bool,
    white_label: bool,
    multi_number: bool,
    payments: bool,
}

/// The shop's plan and this month's usage
#[utoipa::path(
    get,
    path = "/api/v1/usage",
    tag = "billing",
    operation_id = "get_usage",
    responses(
        (status = 200, description = "Plan and usage", body = UsageView),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
    ),
)]
pub async fn show(state: web::Data<AppState>, auth: ApiAuth) -> Result<HttpResponse, ApiError> {
    let (shop, plans) = (auth.shop, state.settings.plans.clone());
    let view = state
        .db
        .read(move |c| {
            let s = crate::billing::statement(c, &plans, shop, chrono::Utc::now())?;
            Ok(UsageView {
                plan: s.limits.plan.as_str().to_string(),
                price_mga: s.limits.price_mga,
                model_allowed: s.model_allowed(),
                month: s.month.month,
                ai_messages_included: s.limits.ai_messages,
                bot_replies: s.month.bot_replies,
                templates: s.month.templates,
                devis: s.month.devis,
                numbers: s.numbers,
                overage: s.month.overage,
                overage_price_mga: s.overage_price_mga,
                overage_mga: s.overage_mga,
                trial_days_left: s.trial_days_left,
                white_label: s.limits.white_label,
                multi_number: s.limits.multi_number,
                payments: s.limits.payments,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
