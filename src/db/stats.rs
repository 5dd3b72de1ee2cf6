//! Dashboard figures, computed by SQL and scoped to one shop.
//!
//! Definitions (shown to owners on the dashboard and in docs/admin.md, so kept simple):
//! - received / answered: inbound / outbound messages created since a local midnight;
//! - automatic response rate: share of outbound messages (30 days) written by the bot;
//! - lead → devis: prospects with at least one devis / all prospects;
//! - mean resolution time: over the closings of the last 30 days (status history),
//!   from the conversation's creation or its latest reopening to the closing;
//! - escalation rate: conversations active in the last 30 days that were handed over to
//!   a person (`needs_human` in the status history during the period) or written in by
//!   an agent, over all of them;
//! - "à traiter": conversations where a person must act, by the inbox's one
//!   definition (`inbox::NEEDS_HUMAN_SQL`).
//!
//! The simulator's and the console's messages (status `simulated`) and conversations
//! (`simulated = 1`) are left out.

use super::{DbError, ShopId};
use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use rusqlite::{params, Connection};

/// Pipeline statuses of `prospects.status`, in funnel order, with their French label.
pub const PIPELINE: &[(&str, &str)] = &[
    ("nouveau", "Nouveau"),
    ("qualifie", "Qualifié"),
    ("devis_envoye", "Devis envoyé"),
    ("gagne", "Gagné"),
    ("perdu", "Perdu"),
];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub received: i64,
    pub answered: i64,
}

#[derive(Debug, Clone, Default)]
pub struct DayCount {
    /// Local date, `YYYY-MM-DD`.
    pub day: String,
    pub received: i64,
    pub answered: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    pub today: Counts,
    pub week: Counts,
    pub month: Counts,
    /// Percent, `None` when there is nothing to divide.
    pub auto_rate: Option<f64>,
    pub prospects: i64,
    pub prospects_with_devis: i64,
    pub conversion: Option<f64>,
    /// Minutes.
    pub mean_resolution_min: Option<f64>,
    pub conversations_30d: i64,
    pub escalated_30d: i64,
    pub escalation_rate: Option<f64>,
    pub needs_human: i64,
    /// (status, label, count) in pipeline order.
    pub funnel: Vec<(String, String, i64)>,
    /// The last 30 local days, oldest first, days without messages included.
    pub per_day: Vec<DayCount>,
}

fn ts(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn percent(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| num as f64 * 100.0 / den as f64)
}

/// The UTC instant of local midnight `days_back` days before `now`'s local date.
fn local_midnight(tz: chrono_tz::Tz, now: DateTime<Utc>, days_back: i64) -> DateTime<Utc> {
    let day = now.with_timezone(&tz).date_naive() - Duration::days(days_back);
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    tz.from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

fn counts_since(conn: &Connection, shop: ShopId, since: &str) -> Result<Counts, DbError> {
    Ok(conn.query_row(
        "SELECT COALESCE(SUM(direction = 'in'), 0), COALESCE(SUM(direction = 'out'), 0)
         FROM messages WHERE shop_id = ?1 AND created_at >= ?2 AND status != 'simulated'",
        params![shop, since],
        |r| {
            Ok(Counts {
                received: r.get(0)?,
                answered: r.get(1)?,
            })
        },
    )?)
}

/// The shop's time zone, falling back to Madagascar's when the stored one is unknown.
pub fn shop_tz(conn: &Connection, shop: ShopId) -> Result<chrono_tz::Tz, DbError> {
    let tz: String = conn
        .query_row("SELECT timezone FROM shops WHERE id = ?1", [shop], |r| {
            r.get(0)
        })
        .map_err(DbError::not_found_if_none)?;
    Ok(tz.parse().unwrap_or(chrono_tz::Indian::Antananarivo))
}

/// All dashboard figures for `shop` as of `now`.
pub fn dashboard(
    conn: &Connection,
    shop: ShopId,
    now: DateTime<Utc>,
) -> Result<Dashboard, DbError> {
    let tz = shop_tz(conn, shop)?;
    let today = ts(local_midnight(tz, now, 0));
    let week = ts(local_midnight(tz, now, 6));
    let month_start = local_midnight(tz, now, 29);
    let month = ts(month_start);

    let (bot_out, all_out): (i64, i64) = conn.query_row(
        "SELECT COALESCE(SUM(author = 'bot'), 0), count(*) FROM messages
         WHERE shop_id = ?1 AND direction = 'out' AND created_at >= ?2 AND status != 'simulated'",
        params![shop, month],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (prospects, with_devis): (i64, i64) = conn.query_row(
        "SELECT count(*), COALESCE(SUM(EXISTS (SELECT 1 FROM devis d WHERE d.shop_id = p.shop_id
                 AND (d.prospect_id = p.id OR d.customer_phone = p.phone))), 0)
         FROM prospects p WHERE p.shop_id = ?1",
        [shop],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mean_resolution_min = super::status_history::mean_resolution_minutes(conn, shop, &month)?;
    let (conversations_30d, escalated_30d) = super::status_history::escalation(conn, shop, &month)?;
    let needs_human = super::inbox::counts(conn, shop)?.needs_human;
    let mut funnel = Vec::with_capacity(PIPELINE.len());
    for (status, label) in PIPELINE {
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM prospects WHERE shop_id = ?1 AND status = ?2",
            params![shop, status],
            |r| r.get(0),
        )?;
        funnel.push((status.to_string(), label.to_string(), n));
    }
    Ok(Dashboard {
        today: counts_since(conn, shop, &today)?,
        week: counts_since(conn, shop, &week)?,
        month: counts_since(conn, shop, &month)?,
        auto_rate: percent(bot_out, all_out),
        prospects,
        prospects_with_devis: with_devis,
        conversion: percent(with_devis, prospects),
        mean_resolution_min,
        conversations_30d,
        escalated_30d,
        escalation_rate: percent(escalated_30d, conversations_30d),
        needs_human,
        funnel,
        per_day: per_day(conn, shop, tz, now, month_start)?,
    })
}

/// What a new shop has set up, for the dashboard's getting-started checklist.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checklist {
    pub number: bool,
    pub catalogue: bool,
    pub faq: bool,
    pub hours: bool,
    pub payment: bool,
    /// A question was asked to the simulator.
    pub simulator: bool,
}

impl Checklist {
    pub fn done(&self) -> bool {
        self.number && self.catalogue && self.faq && self.hours && self.payment && self.simulator
    }
}

pub fn checklist(conn: &Connection, shop: ShopId) -> Result<Checklist, DbError> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM whatsapp_accounts WHERE shop_id = ?1),
                EXISTS (SELECT 1 FROM products WHERE shop_id = ?1),
                EXISTS (SELECT 1 FROM faq_items WHERE shop_id = ?1),
                EXISTS (SELECT 1 FROM settings WHERE shop_id = ?1 AND key = 'hours'),
                EXISTS (SELECT 1 FROM settings WHERE shop_id = ?1 AND value != ''
                        AND key IN ('payment.mvola', 'payment.orange_money', 'payment.airtel_money')),
                EXISTS (SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id
                        WHERE c.shop_id = ?1 AND c.customer_key = 'simulateur' AND m.direction = 'in')",
        [shop],
        |r| {
            Ok(Checklist {
                number: r.get(0)?,
                catalogue: r.get(1)?,
                faq: r.get(2)?,
                hours: r.get(3)?,
                payment: r.get(4)?,
                simulator: r.get(5)?,
            })
        },
    )?)
}

/// Messages per local day over the 30 days ending today.
fn per_day(
    conn: &Connection,
    shop: ShopId,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    since: DateTime<Utc>,
) -> Result<Vec<DayCount>, DbError> {
    // SQLite knows no IANA zones; the offset of now is right for zones without DST
    // (Madagascar) and off by at most an hour around a DST change elsewhere.
    let offset_min = tz
        .offset_from_utc_datetime(&now.naive_utc())
        .fix()
        .local_minus_utc()
        / 60;
    let shift = format!("{offset_min:+} minutes");
    let mut stmt = conn.prepare(
        "SELECT date(created_at, ?3) AS day, SUM(direction = 'in'), SUM(direction = 'out')
         FROM messages WHERE shop_id = ?1 AND created_at >= ?2 AND status != 'simulated' GROUP BY day",
    )?;
    let rows: Vec<(String, i64, i64)> = stmt
        .query_map(params![shop, ts(since), shift], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    let last: NaiveDate = now.with_timezone(&tz).date_naive();
    Ok((0..30)
        .rev()
        .map(|back| {
            let day = (last - Duration::days(back)).format("%Y-%m-%d").to_string();
            let found = rows.iter().find(|r| r.0 == day);
            DayCount {
                received: found.map_or(0, |r| r.1),
                answered: found.map_or(0, |r| r.2),
                day,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_midnight_in_antananarivo_is_21h_utc_the_day_before() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap();
        let m = local_midnight(chrono_tz::Indian::Antananarivo, now, 0);
        assert_eq!(ts(m), "2026-11-24T21:00:00Z");
    }

    #[test]
    fn a_percentage_of_nothing_is_absent() {
        assert_eq!(percent(1, 0), None);
        assert_eq!(percent(1, 4), Some(25.0));
    }
}
