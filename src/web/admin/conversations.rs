//! `/admin/conversations`: the inbox (status filter, search, pages), one thread with
//! delivery ticks, the prospect card and devis, the reply box (queued in the outbox),
//! "Prendre la main" / "Rendre au bot", and a JSON feed of new messages that
//! `assets/conversation.js` polls so the thread grows without a reload.

use super::dashboard::{local_time, status_label, ConvLine};
use super::login::CsrfForm;
use super::pages::{html, Layout};
use super::session::{AdminError, AdminSession};
use crate::db::inbox::{self, DevisSummary, Filter, MessageRow, ProspectCard};
use crate::db::{stats, ConversationId};
use crate::money::format_amount;
use crate::startup::AppState;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::{Deserialize, Serialize};

const PER_PAGE: i64 = 25;
const THREAD_LIMIT: i64 = 200;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/conversations", web::get().to(list))
        .route("/admin/conversations/{id}", web::get().to(show))
        .route(
            "/admin/conversations/{id}/messages.json",
            web::get().to(messages_json),
        )
        .route(
            "/admin/conversations/{id}/media/{message}",
            web::get().to(media),
        )
        .route("/admin/conversations/{id}/reply", web::post().to(reply))
        .route(
            "/admin/conversations/{id}/take-over",
            web::post().to(take_over),
        )
        .route(
            "/admin/conversations/{id}/hand-back",
            web::post().to(hand_back),
        );
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
    let page = q.page.unwrap_or(1).max(1);
    let filter = Filter {
        status: (!status.is_empty()).then(|| status.clone()),
        q: Some(search.clone()),
        limit: PER_PAGE,
        offset: (page - 1) * PER_PAGE,
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
            ("needs_human", "À traiter"),
            ("open", "Ouvertes"),
            ("closed", "Fermées"),
        ],
    };
    html(page.render())
}

/// One message as the thread (and its JSON feed) shows it.
#[derive(Serialize)]
pub struct MsgLine {
    pub id: i64,
    pub dir: String,
    pub body: String,
    pub time: String,
    pub author: String,
    pub tick: &'static str,
    pub tick_class: String,
    pub tick_title: String,
    pub media: Option<String>,
}

impl MsgLine {
    fn new(conv: ConversationId, m: &MessageRow, tz: chrono_tz::Tz) -> Self {
        let (tick, tick_title) = if m.direction == "in" {
            ("", String::new())
        } else {
            match m.status.as_str() {
                "pending" | "sending" => ("⏳", "en attente d'envoi".to_string()),
                // `accepted`: the provider took it, before WhatsApp's own "sent".
                "accepted" => ("✓", "accepté par WhatsApp".to_string()),
                "sent" => ("✓", "envoyé".to_string()),
                "delivered" => ("✓✓", "distribué".to_string()),
                "read" => ("✓✓", "lu".to_string()),
                "failed" => (
                    "✗",
                    format!(
                        "échec : {}",
                        m.error.as_deref().unwrap_or("erreur inconnue")
                    ),
                ),
                _ => ("", m.status.clone()),
            }
        };
        let author = match m.author.as_deref() {
            Some("bot") => "Bot".to_string(),
            Some(a) if a.starts_with("agent:") => "Agent".to_string(),
            _ if m.direction == "in" => "Client".to_string(),
            Some(a) => a.to_string(),
            None => String::new(),
        };
        let body = match (&m.body, m.kind.as_str()) {
            (Some(b), _) if !b.is_empty() => b.clone(),
            (_, kind) => format!("[{kind}]"),
        };
        Self {
            id: m.id.0,
            dir: m.direction.clone(),
            body,
            time: local_time(&m.created_at, tz),
            author,
            tick,
            tick_class: m.status.clone(),
            tick_title,
            media: m
                .media_path
                .as_ref()
                .map(|_| format!("/admin/conversations/{conv}/media/{}", m.id)),
        }
    }
}

#[derive(Template)]
#[template(path = "conversation.html")]
struct ThreadPage {
    layout: Layout,
    id: i64,
    who: String,
    phone: String,
    status: &'static str,
    status_label: &'static str,
    bot_paused: bool,
    messages: Vec<MsgLine>,
    last_id: i64,
    prospect: Option<ProspectCard>,
    /// (French pipeline label, first contact in local time) of the prospect.
    prospect_info: (String, String),
    /// (devis, total, French status).
    devis: Vec<(DevisSummary, String, &'static str)>,
    notice: Option<&'static str>,
}

fn devis_status(status: &str) -> &'static str {
    match status {
        "draft" => "brouillon",
        "sent" => "envoyé",
        "accepted" => "accepté",
        "refused" => "refusé",
        "expired" => "expiré",
        _ => "?",
    }
}

#[derive(Deserialize)]
struct ShowQuery {
    done: Option<String>,
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, AdminError> {
    let (shop, id) = (session.shop, ConversationId(path.into_inner()));
    let (conv, msgs, prospect, devis, tz) = state
        .db
        .read(move |c| {
            let conv = inbox::get(c, shop, id)?;
            let msgs = inbox::messages(c, shop, id, 0, THREAD_LIMIT)?;
            let phone = conv.customer_phone.clone();
            let prospect = match &phone {
                Some(p) => inbox::prospect_by_phone(c, shop, p)?,
                None => None,
            };
            let devis = inbox::devis_of(c, shop, id, phone.as_deref())?;
            Ok((conv, msgs, prospect, devis, stats::shop_tz(c, shop)?))
        })
        .await?;
    let line = ConvLine::new(&conv, tz);
    let (status, status_label) = status_label(&conv.status);
    let page = ThreadPage {
        layout: Layout::new(&session, "Conversation", "/admin/conversations"),
        id: id.0,
        who: line.who,
        phone: conv.customer_phone.clone().unwrap_or_default(),
        status,
        status_label,
        bot_paused: conv.bot_paused,
        last_id: msgs.last().map_or(0, |m| m.id.0),
        messages: msgs.iter().map(|m| MsgLine::new(id, m, tz)).collect(),
        prospect_info: prospect
            .as_ref()
            .map(|p| {
                let label = stats::PIPELINE
                    .iter()
                    .find(|(s, _)| *s == p.status)
                    .map_or(p.status.clone(), |(_, l)| l.to_string());
                (label, local_time(&p.first_contact_at, tz))
            })
            .unwrap_or_default(),
        prospect,
        devis: devis
            .into_iter()
            .map(|d| {
                let total = format_amount(d.total_ttc, &d.currency);
                let status = devis_status(&d.status);
                (d, total, status)
            })
            .collect(),
        notice: match query.done.as_deref() {
            Some("sent") => Some("Message mis en file d'envoi."),
            Some("taken") => Some("Vous avez la main : le bot ne répond plus à ce client."),
            Some("back") => Some("Le bot répond de nouveau à ce client."),
            _ => None,
        },
    };
    html(page.render())
}

#[derive(Deserialize)]
struct AfterQuery {
    #[serde(default)]
    after: i64,
}

async fn messages_json(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    query: web::Query<AfterQuery>,
) -> Result<HttpResponse, AdminError> {
    let (shop, id, after) = (session.shop, ConversationId(path.into_inner()), query.after);
    let (conv, msgs, recent, tz) = state
        .db
        .read(move |c| {
            let conv = inbox::get(c, shop, id)?;
            let msgs = inbox::messages(c, shop, id, after, THREAD_LIMIT)?;
            // The latest messages already shown, whose ticks may have moved on.
            let recent = inbox::messages(c, shop, id, 0, 20)?;
            Ok((conv, msgs, recent, stats::shop_tz(c, shop)?))
        })
        .await?;
    let lines: Vec<MsgLine> = msgs.iter().map(|m| MsgLine::new(id, m, tz)).collect();
    let ticks: Vec<serde_json::Value> = recent
        .iter()
        .filter(|m| m.direction == "out" && m.id.0 <= after)
        .map(|m| {
            let l = MsgLine::new(id, m, tz);
            serde_json::json!({"id": l.id, "tick": l.tick, "tick_class": l.tick_class, "tick_title": l.tick_title})
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(serde_json::json!({
            "status": conv.status,
            "bot_paused": conv.bot_paused,
            "messages": lines,
            "ticks": ticks,
        })))
}

async fn media(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AdminError> {
    let (conv, msg) = path.into_inner();
    let shop = session.shop;
    let row = state
        .db
        .read(move |c| inbox::message(c, shop, ConversationId(conv), msg))
        .await?;
    let name = row.media_path.ok_or(AdminError::NotFound)?;
    let files = state.files.clone();
    let bytes = web::block(move || files.get(&name).map(|b| (b, name)))
        .await
        .map_err(|e| AdminError::Internal(anyhow::anyhow!("{e}")))?
        .map_err(|_| AdminError::NotFound)?;
    let mime = mime_guess::from_path(&bytes.1).first_or_octet_stream();
    Ok(HttpResponse::Ok()
        .content_type(mime.as_ref())
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes.0))
}

#[derive(Deserialize)]
struct ReplyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

fn back_to(id: i64, done: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", format!("/admin/conversations/{id}?done={done}")))
        .finish()
}

async fn reply(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<ReplyForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, path.into_inner());
    let author = format!("agent:{}", session.account.id);
    let text = form.into_inner().text;
    state
        .db
        .write(move |c| inbox::send(c, shop, ConversationId(id), &text, &author))
        .await?;
    tracing::info!(conversation = id, "agent reply queued");
    Ok(back_to(id, "sent"))
}

async fn take_over(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, path.into_inner());
    state
        .db
        .write(move |c| inbox::take_over(c, shop, ConversationId(id)))
        .await?;
    Ok(back_to(id, "taken"))
}

async fn hand_back(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, path.into_inner());
    state
        .db
        .write(move |c| inbox::hand_back(c, shop, ConversationId(id)))
        .await?;
    Ok(back_to(id, "back"))
}
