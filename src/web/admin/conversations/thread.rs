//! One conversation: the thread page with delivery ticks, the prospect card and its
//! devis, the JSON feed of new messages that `assets/conversation.js` polls so the
//! thread grows without a reload, and the media of a message. The channel's part of
//! the page ([`super::channel`]): what the owner typed on the phone, quotes, media
//! waiting or refused, voice notes with their transcript, the 24-hour window and the
//! owner's pause.

use super::channel::{self, ChannelView, Extras};
use crate::db::inbox::{self, DevisSummary, MessageRow, ProspectCard};
use crate::db::{stats, ConversationId};
use crate::kinds::{Direction, MessageStatus};
use crate::money::format_amount;
use crate::web::admin::dashboard::{local_time, status_label, ConvLine};
use crate::web::admin::pages::{html, Layout};
use crate::web::admin::AdminSession;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::{Deserialize, Serialize};

const THREAD_LIMIT: i64 = 200;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/conversations/{id}", web::get().to(show))
        .route(
            "/admin/conversations/{id}/messages.json",
            web::get().to(messages_json),
        )
        .route(
            "/admin/conversations/{id}/media/{message}",
            web::get().to(media),
        );
}

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
    /// The text of the message it quotes.
    pub quote: Option<String>,
    /// A voice note's transcript (marked as transcribed in the thread).
    pub transcript: Option<String>,
    /// A voice note to play in the page.
    pub audio: Option<String>,
    /// Why a media is not shown (waiting for WhatsApp, too large, expired).
    pub note: Option<String>,
    pub edited: bool,
}

impl MsgLine {
    fn new(conv: ConversationId, m: &MessageRow, tz: chrono_tz::Tz) -> Self {
        let (tick, tick_title) = if m.direction == Direction::In.as_str() {
            ("", String::new())
        } else {
            match MessageStatus::parse(&m.status) {
                Some(MessageStatus::Pending) => ("⏳", "en attente d'envoi".to_string()),
                // `accepted`: the provider took it, before WhatsApp's own "sent".
                Some(MessageStatus::Accepted) => ("✓", "accepté par WhatsApp".to_string()),
                Some(MessageStatus::Sent) => ("✓", "envoyé".to_string()),
                Some(MessageStatus::Delivered) => ("✓✓", "distribué".to_string()),
                Some(MessageStatus::Read) => ("✓✓", "lu".to_string()),
                Some(MessageStatus::Failed) => (
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
            Some(crate::db::messages::OWNER_PHONE) => "Téléphone du propriétaire".to_string(),
            Some(a) if a.starts_with("agent:") => "Agent".to_string(),
            _ if m.direction == Direction::In.as_str() => "Client".to_string(),
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
            quote: None,
            transcript: None,
            audio: None,
            note: None,
            edited: false,
        }
    }

    /// The line with what the channel knows of its message beside the text.
    fn with(mut self, m: &MessageRow, extras: &Extras) -> Self {
        if let Some(x) = extras.get(&m.id) {
            channel::decorate(&mut self, m, x);
        }
        self
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
    /// The window, the owner's pause, an unreachable customer, the template offer.
    channel: ChannelView,
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
    let (conv, msgs, prospect, devis, tz, extras, view) = state
        .db
        .read(move |c| {
            let conv = inbox::get(c, shop, id)?;
            let msgs = inbox::messages(c, shop, id, 0, THREAD_LIMIT)?;
            let extras = channel::extras(c, shop, id, msgs.first().map_or(0, |m| m.id.0 - 1))?;
            let tz = stats::shop_tz(c, shop)?;
            let view = channel::view(c, shop, id, tz)?;
            let phone = conv.customer_phone.clone();
            let prospect = match &phone {
                Some(p) => inbox::prospect_by_phone(c, shop, p)?,
                None => None,
            };
            let devis = inbox::devis_of(c, shop, id, phone.as_deref())?;
            Ok((conv, msgs, prospect, devis, tz, extras, view))
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
        messages: msgs
            .iter()
            .map(|m| MsgLine::new(id, m, tz).with(m, &extras))
            .collect(),
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
            Some("window_closed") => Some(crate::db::outbox::WINDOW_CLOSED),
            Some("template") => Some("Modèle de reprise de contact mis en file d'envoi."),
            _ => None,
        },
        channel: view,
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
    let (conv, msgs, recent, tz, extras) = state
        .db
        .read(move |c| {
            let conv = inbox::get(c, shop, id)?;
            let msgs = inbox::messages(c, shop, id, after, THREAD_LIMIT)?;
            // The latest messages already shown, whose ticks may have moved on.
            let recent = inbox::messages(c, shop, id, 0, 20)?;
            let extras = channel::extras(c, shop, id, after)?;
            Ok((conv, msgs, recent, stats::shop_tz(c, shop)?, extras))
        })
        .await?;
    let lines: Vec<MsgLine> = msgs
        .iter()
        .map(|m| MsgLine::new(id, m, tz).with(m, &extras))
        .collect();
    let ticks: Vec<serde_json::Value> = recent
        .iter()
        .filter(|m| m.direction == Direction::Out.as_str() && m.id.0 <= after)
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
    let (bytes, name) = bytes;
    let name = name.rsplit('/').next().unwrap_or("fichier").to_string();
    Ok(crate::web::media::stored_file(bytes, &name))
}
