//! `/admin`: the shop's day at a glance — messages, the KPIs, conversations waiting
//! for a person (longest wait first), the prospect funnel, a messages-per-day chart
//! drawn as inline SVG on the server (no script, no external service), and for a shop
//! still setting up, the getting-started checklist.

use super::conversations::ConvLine;
use super::fmt::{fmt_minutes, fmt_pct};
use super::pages::{html, Layout};
use super::AdminSession;
use crate::db::assignments;
use crate::db::inbox::{self, Filter, View};
use crate::db::stats::{self, Checklist, DayCount};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(dashboard))
        .route("/admin/", web::get().to(dashboard));
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
    /// (status, label, count, bar width in tenths of the widest) of the funnel.
    funnel: Vec<(String, String, i64, i64)>,
    chart: String,
    /// "Dernière sauvegarde" line: scheduled backups are the installer's safety net.
    last_backup: String,
    /// The first, middle and last dates under the chart.
    chart_days: Vec<String>,
    checklist: Option<Checklist>,
    orders: crate::orders::figures::Figures,
    /// (id, number, customer, total, date) of the orders unpaid too long.
    overdue: Vec<(i64, String, String, String, String)>,
}

async fn dashboard(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let (d, waiting, recent, members, checklist, orders) = state
        .db
        .read(move |c| {
            let d = stats::dashboard(c, shop, chrono::Utc::now())?;
            let filter = |view: View| Filter {
                view,
                waiting_first: true,
                limit: 8,
                ..Default::default()
            };
            let waiting = inbox::list(c, shop, &filter(View::NeedsHuman))?.0;
            let recent = inbox::list(c, shop, &filter(View::All))?.0;
            Ok((
                d,
                waiting,
                recent,
                assignments::members(c, shop)?,
                stats::checklist(c, shop)?,
                crate::orders::figures::load(c, shop, chrono::Utc::now())?,
            ))
        })
        .await?;
    let tz = session.tz;
    let widest = d.funnel.iter().map(|f| f.2).max().unwrap_or(0).max(1);
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
        waiting: waiting
            .iter()
            .map(|c| ConvLine::new(c, tz, &members))
            .collect(),
        recent: recent
            .iter()
            .map(|c| ConvLine::new(c, tz, &members))
            .collect(),
        funnel: d
            .funnel
            .iter()
            .map(|(s, l, n)| (s.clone(), l.clone(), *n, (n * 10 + widest - 1) / widest))
            .collect(),
        chart: chart_svg(&d.per_day),
        last_backup,
        chart_days: [0, d.per_day.len() / 2, d.per_day.len().saturating_sub(1)]
            .iter()
            .filter_map(|i| d.per_day.get(*i))
            .map(|day| short_day(&day.day))
            .collect(),
        checklist: (!checklist.done()).then_some(checklist),
        overdue: orders
            .overdue
            .iter()
            .map(|o| {
                (
                    o.id.0,
                    o.number.clone(),
                    o.customer_name
                        .clone()
                        .or(o.customer_phone.clone())
                        .unwrap_or_default(),
                    crate::money::format_amount(o.total_ttc, &o.currency),
                    super::fmt::local_date(&o.created_at, tz),
                )
            })
            .collect(),
        orders,
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
}
