//! `GET /api/v1/usage`: the token's shop's plan, this month's metered usage against
//! its quota, the overage to bill and the add-ons the plan switches on.

use super::ApiAuth;
use crate::db::usage;
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
    devis: i64,
    /// WhatsApp numbers connected
    numbers: i64,
    /// Bot replies past the quota (answered from the data, without the model)
    overage: i64,
    overage_price_mga: i64,
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
            let now = chrono::Utc::now();
            let limits = crate::billing::shop_limits(c, &plans, shop, now)?;
            let month = usage::get(c, shop, &crate::billing::month_of(now))?;
            Ok(UsageView {
                plan: limits.plan.as_str().to_string(),
                price_mga: limits.price_mga,
                month: month.month,
                ai_messages_included: limits.ai_messages,
                bot_replies: month.bot_replies,
                devis: month.devis,
                numbers: usage::numbers(c, shop)?,
                overage: month.overage,
                overage_price_mga: plans.overage_price_mga as i64,
                model_allowed: month.bot_replies < limits.ai_messages,
                white_label: limits.white_label,
                multi_number: limits.multi_number,
                payments: limits.payments,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
