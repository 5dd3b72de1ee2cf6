//! Plans, quotas and usage: what a shop's plan allows (monthly bot replies, price in
//! Ariary, add-ons), whether the model may still be asked this month, and the
//! metering the reply job does inside its transaction, warning the owner once at
//! 80 % and once at 100 % of the quota.
//!
//! Past the quota nothing goes silent: grounded answers (prices, stock, hours, FAQ)
//! continue from the data and count as overage; only the free-form AI (the local
//! model or the fallback server) stops until the next month or a bigger plan.

mod addons;
mod statement;

pub use addons::{
    allow_new_number, allow_payments, is_operator_setting, refuse_operator_settings, AddonError,
};
pub use statement::{statement, Statement};

use crate::db::{usage, Connection, DbError, ShopId};
use crate::kinds::Plan;
use crate::settings::PlansSettings;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// What a plan gives this month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// The plan in force (a trial past its days is `free`).
    pub plan: Plan,
    /// Bot replies a month before the model stops.
    pub ai_messages: i64,
    pub price_mga: i64,
    /// Logo, colour and footer on devis and invoices, without "Généré avec Varotra".
    pub white_label: bool,
    pub multi_number: bool,
    pub payments: bool,
}

pub use crate::db::usage::month_of;

/// The limits of `plan` for a shop created at `created_at`, at `now`.
pub fn limits(p: &PlansSettings, plan: Plan, created_at: &str, now: DateTime<Utc>) -> Limits {
    let trial_over = DateTime::parse_from_rfc3339(created_at)
        .map(|t| now - t.with_timezone(&Utc) > chrono::Duration::days(p.trial_days as i64))
        .unwrap_or(true);
    let plan = if plan == Plan::Trial && trial_over {
        Plan::Free
    } else {
        plan
    };
    let (ai, price) = match plan {
        Plan::Trial => (p.trial_ai_messages, 0),
        Plan::Free => (p.free_ai_messages, 0),
        Plan::Starter => (p.starter_ai_messages, p.starter_price_mga),
        Plan::Pro => (p.pro_ai_messages, p.pro_price_mga),
        Plan::Business => (p.business_ai_messages, p.business_price_mga),
    };
    Limits {
        plan,
        ai_messages: ai as i64,
        price_mga: price as i64,
        white_label: plan.white_label(),
        multi_number: plan.multi_number(),
        payments: plan.payments(),
    }
}

/// The shop's limits now (an unknown stored plan reads as `free`).
pub fn shop_limits(
    conn: &Connection,
    p: &PlansSettings,
    shop: ShopId,
    now: DateTime<Utc>,
) -> Result<Limits, DbError> {
    let (plan, created) = usage::plan_of(conn, shop)?;
    let plan = plan.parse().unwrap_or(Plan::Free);
    Ok(limits(p, plan, &created, now))
}

/// Whether the model may be asked for this shop's next reply.
pub fn model_allowed(
    conn: &Connection,
    p: &PlansSettings,
    shop: ShopId,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let limits = shop_limits(conn, p, shop, now)?;
    let month = usage::get(conn, shop, &month_of(now))?;
    Ok(month.bot_replies < limits.ai_messages)
}

pub const QUOTA_WARNING: &str = "quota";

/// Counts one bot reply inside the reply's transaction (its devis count where every
/// devis is numbered, `quotes::commit`), and warns the owner the first time this month the
/// quota reaches 80 % and 100 %.
pub fn meter_reply(
    conn: &Connection,
    p: &PlansSettings,
    shop: ShopId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let limits = shop_limits(conn, p, shop, now)?;
    let key = month_of(now);
    let before = usage::get(conn, shop, &key)?;
    let over = before.bot_replies >= limits.ai_messages;
    let month = usage::add_reply(conn, shop, &key, over)?;
    let quota = limits.ai_messages.max(1);
    if month.bot_replies >= quota {
        if usage::mark_warned(conn, shop, &key, 100)? {
            let body = format!(
                "Quota du mois atteint : {} réponses du bot sur {} (offre {}). Le bot continue de répondre avec vos prix, horaires et FAQ, mais sans l'IA ; chaque réponse en plus est comptée ({} Ar). Passez à une offre supérieure pour la rétablir.",
                month.bot_replies, limits.ai_messages, limits.plan.as_str(), p.overage_price_mga
            );
            crate::crm::notify::notify(conn, shop, QUOTA_WARNING, &body)?;
        }
    } else if month.bot_replies * 100 >= quota * 80 && usage::mark_warned(conn, shop, &key, 80)? {
        let body = format!(
            "80 % du quota du mois : {} réponses du bot sur {} (offre {}). À 100 %, le bot répondra sans l'IA jusqu'au mois prochain.",
            month.bot_replies, limits.ai_messages, limits.plan.as_str()
        );
        crate::crm::notify::notify(conn, shop, QUOTA_WARNING, &body)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
