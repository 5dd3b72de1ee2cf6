//! `/admin/conversations`: the inbox (tabs: all, à traiter, mine, open, closed;
//! search; the ones waiting for a person first, with how long they wait); one thread
//! ([`thread`]) and its JSON feed ([`feed`]); what an agent does there ([`actions`]:
//! reply with `/raccourci`, take over, hand back, resolve, reopen, assign, note;
//! [`attach`]: a photo or a document, a product card); the WhatsApp side of a thread
//! ([`channel`]: the 24-hour window, the owner's pause, quotes, media states).

mod actions;
mod attach;
mod channel;
mod feed;
mod line;
mod thread;

pub use feed::MsgLine;
pub use line::ConvLine;

use super::pages::{html, Layout};
use super::AdminSession;
use crate::db::assignments;
use crate::db::inbox::{self, Filter, View};
use crate::web::paging::MAX_OFFSET;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

const PER_PAGE: i64 = 25;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/conversations", web::get().to(list));
    thread::configure(cfg);
    feed::configure(cfg);
    actions::configure(cfg);
    attach::configure(cfg);
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
    /// (value of `status`, label, count when shown).
    filters: Vec<(&'static str, &'static str, Option<i64>)>,
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

/// The tab a `status` parameter names (`mine` is the session's own conversations).
fn view_of(status: &str, session: &AdminSession) -> Option<View> {
    match status {
        "" => Some(View::All),
        "needs_human" => Some(View::NeedsHuman),
        "mine" => Some(View::Mine(session.account.id)),
        "open" => Some(View::Open),
        "closed" => Some(View::Closed),
        _ => None,
    }
}

async fn list(
    state: web::Data<AppState>,
    session: AdminSession,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AdminError> {
    let q = query.into_inner();
    let mut status = q.status.unwrap_or_default();
    let view = match view_of(&status, &session) {
        Some(v) => v,
        None => {
            status.clear();
            View::All
        }
    };
    let search = q.q.unwrap_or_default();
    let (page, window) =
        crate::web::paging::by_page(q.page, None, 1, (PER_PAGE, PER_PAGE), MAX_OFFSET)?;
    let filter = Filter {
        view,
        q: Some(search.clone()),
        waiting_first: true,
        limit: window.limit,
        offset: window.offset,
        ..Default::default()
    };
    let (shop, me) = (session.shop, session.account.id);
    let (rows, total, mine, members) = state
        .db
        .read(move |c| {
            let (rows, total) = inbox::list(c, shop, &filter)?;
            let mine = inbox::list(
                c,
                shop,
                &Filter {
                    view: View::Mine(me),
                    limit: 0,
                    ..Default::default()
                },
            )?
            .1;
            Ok((rows, total, mine, assignments::members(c, shop)?))
        })
        .await?;
    let tz = session.tz;
    let page = ListPage {
        rows: rows
            .iter()
            .map(|r| ConvLine::new(r, tz, &members))
            .collect(),
        filters: vec![
            ("", "Toutes", None),
            ("needs_human", "À traiter", Some(session.inbox.needs_human)),
            ("mine", "Mes conversations", Some(mine)),
            ("open", "Ouvertes", None),
            ("closed", "Fermées", None),
        ],
        layout: Layout::new(&session, "Conversations", "/admin/conversations"),
        status,
        q: search,
        page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
        total,
    };
    html(page.render())
}
