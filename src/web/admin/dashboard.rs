//! `/admin`: the shop's day at a glance — messages, the KPIs, conversations waiting
//! for a human, the prospect funnel and a messages-per-day chart drawn as inline SVG
//! on the server (no script, no external service).

use super::pages::{html, Layout};
use super::AdminSession;
use crate::db::inbox::{self, ConversationRow, Filter};
use crate::db::stats::{self, DayCount};
use crate::kinds::ConversationStatus;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(dashboard))
        .route("/admin/", web::get().to(dashboard));
}

/// A conversation as lists show it.
pub struct ConvLine {
    pub id: i64,
    pub who: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub bot_paused: bool,
    pub when: String,
    pub last: String,
}

impl ConvLine {
    pub fn new(c: &ConversationRow, tz: chrono_tz::Tz) -> Self {
        let (status, status_label) = status_label(&c.status);
        let who = match (&c.customer_name, &c.customer_phone) {
            (Some(n), Some(p)) => format!("{n} · +{p}"),
            (Some(n), None) => n.clone(),
            (None, Some(p)) => format!("+{p}"),
            (None, None) => c.customer_key.clone(),
        };
        let last: String = c
            .last_body
            .as_deref()
            .unwrap_or("")
            .chars()
            .take(90)
            .collect();
        Self {
            id: c.id.0,
            who,
            status,
            status_label,
            bot_paused: c.bot_paused,
            when: local_time(c.last_message_at.as_deref().unwrap_or(&c.created_at), tz),
            last,
        }
    }
}

/// The CSS class and French label of a conversation's status (unknown reads as open).
pub fn status_label(status: &str) -> (&'static str, &'static str) {
    match ConversationStatus::parse(status) {
        Some(s @ ConversationStatus::NeedsHuman) => (s.as_str(), "À traiter"),
        Some(s @ ConversationStatus::Closed) => (s.as_str(), "Fermée"),
        _ => (ConversationStatus::Open.as_str(), "Ouverte"),
    }
}

/// `2026-11-25T11:03:00Z` → `25/11 14:03` in the shop's zone.
pub fn local_time(rfc3339: &str, tz: chrono_tz::Tz) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.with_timezone(&tz).format("%d/%m %H:%M").to_string())
        .unwrap_or_else(|_| rfc3339.to_string())
}

pub fn fmt_pct(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.0} %")).unwrap_or_else(|| "—".into())
}

pub fn fmt_minutes(m: Option<f64>) -> String {
    match m {
        None => "—".into(),
        Some(m) if m < 60.0 => format!("{m:.0} min"),
        Some(m) if m < 1440.0 => format!("{} h {:02}", (m / 60.0) as i64, (m % 60.0) as i64),
        Some(m) => format!("{:.1} j", m / 1440.0),
    }
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    layout: Layout,
    d: stats::Dashboard,
    auto_rate: String,
    conversion: String,
    resolution: String,
    escalation: String,
    waiting: Vec<ConvLine>,
    recent: Vec<ConvLine>,
    funnel_max: i64,
    chart: String,
    /// "Dernière sauvegarde" line: scheduled backups are the installer's safety net.
    last_backup: String,
}

async fn dashboard(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let (d, tz, waiting, recent) = state
        .db
        .read(move |c| {
            let tz = stats::shop_tz(c, shop)?;
            let d = stats::dashboard(c, shop, chrono::Utc::now())?;
            let filter = |status: Option<ConversationStatus>| Filter {
                status: status.map(|s| s.as_str().to_string()),
                limit: 8,
                ..Default::default()
            };
            let waiting = inbox::list(c, shop, &filter(Some(ConversationStatus::NeedsHuman)))?.0;
            let recent = inbox::list(c, shop, &filter(None))?.0;
            Ok((d, tz, waiting, recent))
        })
        .await?;
    let schedule = crate::jobs::backups::Schedule::from_settings(&state.settings.storage);
    let last_backup = web::block(move || match schedule {
        None => "sauvegardes automatiques désactivées (clé storage.backup_dir)".to_string(),
        Some(s) => match crate::jobs::backups::latest(&s.dir) {
            Some(at) => at.with_timezone(&tz).format("%d/%m/%Y %H:%M").to_string(),
            None => "aucune pour le moment".to_string(),
        },
    })
    .await
    .map_err(AdminError::internal)?;
    let page = DashboardPage {
        layout: Layout::new(&session, "Tableau de bord", "/admin"),
        auto_rate: fmt_pct(d.auto_rate),
        conversion: fmt_pct(d.conversion),
        resolution: fmt_minutes(d.mean_resolution_min),
        escalation: fmt_pct(d.escalation_rate),
        waiting: waiting.iter().map(|c| ConvLine::new(c, tz)).collect(),
        recent: recent.iter().map(|c| ConvLine::new(c, tz)).collect(),
        funnel_max: d.funnel.iter().map(|f| f.2).max().unwrap_or(0).max(1),
        chart: chart_svg(&d.per_day),
        last_backup,
        d,
    };
    html(page.render())
}

/// Bars of received (dark) and answered (light) messages per day, with the largest
/// value and the first, middle and last dates as labels. Only numbers and dates go
/// into the markup, so it needs no escaping.
pub fn chart_svg(days: &[DayCount]) -> String {
    const W: usize = 600;
    const H: usize = 170;
    const TOP: usize = 16;
    const BOTTOM: usize = 22;
    let plot_h = (H - TOP - BOTTOM) as f64;
    let max = days
        .iter()
        .map(|d| d.received.max(d.answered))
        .max()
        .unwrap_or(0)
        .max(1);
    let slot = W as f64 / days.len().max(1) as f64;
    let bar = (slot / 2.0 - 1.0).max(1.0);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" width=\"100%\" role=\"img\" \
         aria-label=\"Messages par jour sur 30 jours : reçus et envoyés\" xmlns=\"http://www.w3.org/2000/svg\">\
         <line x1=\"0\" y1=\"{y}\" x2=\"{W}\" y2=\"{y}\" class=\"axis\"/>\
         <text x=\"2\" y=\"11\" class=\"lbl\">{max}</text>",
        y = H - BOTTOM,
    );
    for (i, d) in days.iter().enumerate() {
        let x = i as f64 * slot;
        for (k, (n, class)) in [(d.received, "in"), (d.answered, "out")]
            .into_iter()
            .enumerate()
        {
            let h = n as f64 / max as f64 * plot_h;
            svg.push_str(&format!(
                "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\"><title>{} : {n} {}</title></rect>",
                x + k as f64 * (bar + 1.0),
                (H - BOTTOM) as f64 - h,
                short_day(&d.day),
                if k == 0 { "reçus" } else { "envoyés" },
            ));
        }
    }
    for i in [0, days.len() / 2, days.len().saturating_sub(1)] {
        if let Some(d) = days.get(i) {
            let anchor = match i {
                0 => "start",
                _ if i + 1 == days.len() => "end",
                _ => "middle",
            };
            let x = if anchor == "end" {
                W as f64
            } else {
                i as f64 * slot
            };
            svg.push_str(&format!(
                "<text x=\"{x:.1}\" y=\"{}\" text-anchor=\"{anchor}\" class=\"lbl\">{}</text>",
                H - 6,
                short_day(&d.day)
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// `2026-11-25` → `25/11`.
fn short_day(day: &str) -> String {
    match (day.get(8..10), day.get(5..7)) {
        (Some(d), Some(m)) => format!("{d}/{m}"),
        _ => day.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_has_two_bars_per_day_and_date_labels() {
        let days: Vec<DayCount> = (1..=30)
            .map(|i| DayCount {
                day: format!("2026-11-{i:02}"),
                received: i,
                answered: i / 2,
            })
            .collect();
        let svg = chart_svg(&days);
        assert_eq!(svg.matches("<rect").count(), 60);
        assert!(svg.contains(">01/11<") && svg.contains(">30/11<"));
        assert!(svg.contains("30/11 : 30 reçus"));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(fmt_minutes(Some(42.4)), "42 min");
        assert_eq!(fmt_minutes(Some(125.0)), "2 h 05");
        assert_eq!(fmt_minutes(None), "—");
        assert_eq!(fmt_pct(Some(66.66)), "67 %");
    }
}
