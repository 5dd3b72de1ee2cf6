//! A shop's statement for the month: its plan and add-ons, usage against the quota
//! (bot replies, templates, devis, numbers), the overage to bill in Ariary and the
//! trial's days left. The API (`GET /api/v1/usage`), the admin "Abonnement" page and
//! the agency's list all read it from here.

use super::{month_of, shop_limits, Limits};
use crate::db::{usage, Connection, DbError, ShopId};
use crate::kinds::Plan;
use crate::settings::PlansSettings;
use chrono::{DateTime, Datelike, Utc};

#[derive(Debug, Clone)]
pub struct Statement {
    pub limits: Limits,
    pub month: usage::Month,
    /// First and last day of the month counted (`YYYY-MM-DD`, UTC).
    pub period: (String, String),
    pub numbers: i64,
    /// `overage` replies at the overage price.
    pub overage_mga: i64,
    pub overage_price_mga: i64,
    /// Days of trial left (a trial only), rounded up.
    pub trial_days_left: Option<i64>,
}

impl Statement {
    /// Whether the model may still be asked this month.
    pub fn model_allowed(&self) -> bool {
        self.month.bot_replies < self.limits.ai_messages
    }

    /// Percentage of the quota used (capped at 100 for display bars).
    pub fn used_percent(&self) -> i64 {
        (self.month.bot_replies * 100 / self.limits.ai_messages.max(1)).min(100)
    }
}

pub fn statement(
    conn: &Connection,
    p: &PlansSettings,
    shop: ShopId,
    now: DateTime<Utc>,
) -> Result<Statement, DbError> {
    let limits = shop_limits(conn, p, shop, now)?;
    let month = usage::get(conn, shop, &month_of(now))?;
    let trial_days_left = if limits.plan == Plan::Trial {
        let (_, created) = usage::plan_of(conn, shop)?;
        DateTime::parse_from_rfc3339(&created).ok().map(|t| {
            let end = t.with_timezone(&Utc) + chrono::Duration::days(p.trial_days as i64);
            let secs = (end - now).num_seconds().max(0);
            (secs + 86_399) / 86_400
        })
    } else {
        None
    };
    let first = now.date_naive().with_day(1).unwrap_or(now.date_naive());
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first);
    let price = p.overage_price_mga as i64;
    Ok(Statement {
        overage_mga: month.overage * price,
        overage_price_mga: price,
        numbers: usage::numbers(conn, shop)?,
        period: (first.to_string(), last.to_string()),
        trial_days_left,
        limits,
        month,
    })
}
