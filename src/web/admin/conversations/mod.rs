//! `/admin/conversations`: the inbox (status filter, search, pages); one thread with
//! delivery ticks, the prospect card and devis ([`thread`]); the reply box (queued in
//! the outbox) and "Prendre la main" / "Rendre au bot" ([`actions`]).

mod actions;
mod channel;
mod thread;

pub use thread::MsgLine;

use super::dashboard::ConvLine;
use super::pages::{html, Layout};
use super::AdminSession;
use crate::db::inbox::{self, Filter};
use crate::db::stats;
use crate::kinds::ConversationStatus;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

const PER_PAGE: i64 = 25;
use crate::web::paging::MAX_OFFSET;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/conversations", web::get().to(list));
    thread::configure(cfg);
    actions::configure(cfg);
    channel::configure(cfg);
}

#[derive(Deserialize)]
struct ListQuery {
    status: Option<String>,
    q: Option<String>,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "conversations.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<ConvLine>,
    status: String,
    q: String,
    page: i64,
    pages: i64,
    total: i64,
    filters: Vec<(&'static str, &'static str)>,
}

impl ListPage {
    fn is_filter(&self, value: &str) -> bool {
        value == self.status
    }

    /// The list URL for `page` keeping the current filter and search.
    fn page_url(&self, page: &i64) -> String {
        format!(
            "/admin/conversations?status={}&q={}&page={page}",
            urlencoding::encode(&self.status),
            urlencoding::encode(&self.q)
        )
    }
}

async fn list(
    state: web::Data<AppState>,
    session: AdminSession,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AdminError> {
    let q = query.into_inner();
    let status = q
        .status
        .filter(|s| inbox::STATUSES.contains(&s.as_str()))
        .unwrap_or_default();
    let search = q.q.unwrap_or_default();
    let (page, window) =
        crate::web::paging::by_page(q.page, None, 1, (PER_PAGE, PER_PAGE), MAX_OFFSET)?;
    let filter = Filter {
        status: (!status.is_empty()).then(|| status.clone()),
        q: Some(search.clone()),
        limit: window.limit,
        offset: window.offset,
    };
    let shop = session.shop;
    let (rows, total, tz) = state
        .db
        .read(move |c| {
            let (rows, total) = inbox::list(c, shop, &filter)?;
            Ok((rows, total, stats::shop_tz(c, shop)?))
        })
        .await?;
    let page = ListPage {
        layout: Layout::new(&session, "Conversations", "/admin/conversations"),
        rows: rows.iter().map(|r| ConvLine::new(r, tz)).collect(),
        status,
        q: search,
        page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
        total,
        filters: vec![
            ("", "Toutes"),
            (ConversationStatus::NeedsHuman.as_str(), "À traiter"),
            (ConversationStatus::Open.as_str(), "Ouvertes"),
            (ConversationStatus::Closed.as_str(), "Fermées"),
        ],
    };
    html(page.render())
}
