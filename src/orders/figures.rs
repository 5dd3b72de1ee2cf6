//! The dashboard's order figures: orders to pay, paid today, revenue this month (in the
//! shop's time zone), devis → paid conversion over 30 days, and the orders unpaid for
//! more than `orders.reminder_days` days (default 2), each with a reminder button.

use super::Order;
use crate::db::{orders as rows, shops, Connection, DbError, ShopId};
use chrono::{Datelike, TimeZone};

/// What the dashboard shows.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub totals: rows::Totals,
    pub reminder_days: i64,
    pub overdue: Vec<Order>,
}

impl Figures {
    pub fn to_pay_total(&self) -> String {
        ar(self.totals.to_pay_amount)
    }

    pub fn paid_today_total(&self) -> String {
        ar(self.totals.paid_today_amount)
    }

    pub fn revenue(&self) -> String {
        ar(self.totals.revenue_month)
    }

    /// Devis → paid over 30 days, as a French percentage, or "—" without devis.
    pub fn conversion(&self) -> String {
        match self.totals.devis_since {
            0 => "—".into(),
            n => format!("{} %", (self.totals.devis_paid_since * 100 + n / 2) / n),
        }
    }
}

fn ar(n: i64) -> String {
    crate::money::format_amount(crate::money::Ariary(n), "MGA")
}

fn utc_text(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub fn load(
    conn: &Connection,
    shop: ShopId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Figures, DbError> {
    let shop_row = shops::get(conn, shop)?;
    let tz: chrono_tz::Tz = shop_row
        .timezone
        .parse()
        .unwrap_or(chrono_tz::Indian::Antananarivo);
    let local = now.with_timezone(&tz).date_naive();
    let start = |d: chrono::NaiveDate| {
        tz.from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
            .earliest()
            .map(|t| utc_text(t.with_timezone(&chrono::Utc)))
            .unwrap_or_else(|| utc_text(now))
    };
    let month = local.with_day(1).unwrap_or(local);
    let since = utc_text(now - chrono::Duration::days(30));
    let totals = rows::totals(conn, shop, &start(local), &start(month), &since)?;
    let reminder_days = shops::setting(conn, shop, "orders.reminder_days")?
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|d| (1..=60).contains(d))
        .unwrap_or(2);
    let overdue = rows::unpaid_before(
        conn,
        shop,
        &utc_text(now - chrono::Duration::days(reminder_days)),
    )?;
    Ok(Figures {
        totals,
        reminder_days,
        overdue,
    })
}
