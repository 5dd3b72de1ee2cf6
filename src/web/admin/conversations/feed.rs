//! A thread's messages as the page and its JSON feed show them: delivery ticks, the
//! author, a French placeholder for a photo, a voice note or a file (with a link once
//! it is downloaded), and what the channel adds ([`super::channel`]: quotes, edits,
//! transcripts, media waiting or refused); the feed that `assets/conversation.js` polls
//! so the thread grows without a reload; the media of a message.

use super::channel::{self, Extras};
use crate::db::assignments::Member;
use crate::db::inbox::{self, MessageRow};
use crate::db::ConversationId;
use crate::kinds::{Direction, MessageStatus};
use crate::web::admin::fmt::{kind_placeholder, local_time};
use crate::web::admin::AdminSession;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

pub const THREAD_LIMIT: i64 = 200;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
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
    /// The text (or caption); empty for a media without one.
    pub body: String,
    /// "📷 photo", "🎤 message vocal"... for a message that is not (only) text.
    pub label: String,
    pub time: String,
    pub author: String,
    pub tick: &'static str,
    pub tick_class: String,
    pub tick_title: String,
    /// The link to the downloaded media.
    pub media: Option<String>,
    /// The media exists at WhatsApp but is not downloaded yet.
    pub pending_media: bool,
    /// The text of the message it quotes.
    pub quote: Option<String>,
    /// A voice note's transcript (marked as transcribed in the thread).
    pub transcript: Option<String>,
    /// A voice note to play in the page.
    pub audio: Option<String>,
    /// Why a media is not shown (too large, expired).
    pub note: Option<String>,
    pub edited: bool,
}

fn tick(m: &MessageRow) -> (&'static str, String) {
    if m.direction == Direction::In.as_str() {
        return ("", String::new());
    }
    match MessageStatus::parse(&m.status) {
        Some(MessageStatus::Pending) => ("⏳", "en attente d'envoi".to_string()),
        // `accepted`: the provider took it, before WhatsApp's own "sent".
        Some(MessageStatus::Accepted) => ("✓", "accepté par WhatsApp".to_string()),
        Some(MessageStatus::Sent) => ("✓", "envoyé".to_string()),
        Some(MessageStatus::Delivered) => ("✓✓", "distribué".to_string()),
        Some(MessageStatus::Read) => ("✓✓", "lu".to_string()),
        Some(MessageStatus::Played) => ("✓✓", "écouté".to_string()),
        Some(MessageStatus::Failed) => (
            "✗",
            format!(
                "échec : {}",
                m.error.as_deref().unwrap_or("erreur inconnue")
            ),
        ),
        _ => ("", String::new()),
    }
}

/// Who wrote a message, in the thread's words.
pub fn author_label(author: Option<&str>, incoming: bool, members: &[Member]) -> String {
    match author {
        Some("bot") => "Bot".into(),
        Some(a) if a.starts_with("agent:") => a
            .strip_prefix("agent:")
            .and_then(|id| id.parse::<i64>().ok())
            .and_then(|id| members.iter().find(|m| m.id.0 == id))
            .map(|m| m.email.clone())
            .unwrap_or_else(|| "Agent".into()),
        _ if incoming => "Client".into(),
        Some("system") => "Système".into(),
        // Sent from the WhatsApp Business app on the owner's phone (coexistence echoes).
        Some(crate::db::messages::OWNER_PHONE) => "Téléphone du propriétaire".into(),
        _ => "Boutique".into(),
    }
}

impl MsgLine {
    pub fn new(
        conv: ConversationId,
        m: &MessageRow,
        tz: chrono_tz::Tz,
        members: &[Member],
    ) -> Self {
        let (tick, tick_title) = tick(m);
        let incoming = m.direction == Direction::In.as_str();
        let body = m.body.clone().unwrap_or_default();
        let is_text = matches!(m.kind.as_str(), "text" | "interactive" | "button");
        let label = if is_text && !body.trim().is_empty() {
            String::new()
        } else if !incoming && !body.trim().is_empty() {
            // Outgoing media carry their own preview ("📄 DEV-2026-0001.pdf — …").
            String::new()
        } else {
            kind_placeholder(&m.kind).to_string()
        };
        Self {
            id: m.id.0,
            dir: m.direction.clone(),
            body,
            label,
            time: local_time(&m.created_at, tz),
            author: author_label(m.author.as_deref(), incoming, members),
            tick,
            tick_class: m.status.clone(),
            tick_title,
            pending_media: m.media_path.is_none() && m.media_id.is_some(),
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
    pub fn with(mut self, m: &MessageRow, extras: &Extras) -> Self {
        if let Some(x) = extras.get(&m.id) {
            channel::decorate(&mut self, m, x);
        }
        self
    }
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
    let (conv, msgs, recent, members, extras) = state
        .db
        .read(move |c| {
            let conv = inbox::get(c, shop, id)?;
            let msgs = inbox::messages(c, shop, id, after, THREAD_LIMIT)?;
            // The latest messages already shown, whose ticks may have moved on.
            let recent = inbox::messages(c, shop, id, 0, 20)?;
            Ok((
                conv,
                msgs,
                recent,
                crate::db::assignments::members(c, shop)?,
                channel::extras(c, shop, id, after)?,
            ))
        })
        .await?;
    if conv.unread > 0 && !msgs.is_empty() {
        // The thread is on screen: what it just showed is seen.
        state
            .db
            .write(move |c| inbox::mark_seen(c, shop, id))
            .await?;
    }
    let tz = session.tz;
    let lines: Vec<MsgLine> = msgs
        .iter()
        .map(|m| MsgLine::new(id, m, tz, &members).with(m, &extras))
        .collect();
    let ticks: Vec<serde_json::Value> = recent
        .iter()
        .filter(|m| m.direction == Direction::Out.as_str() && m.id.0 <= after)
        .map(|m| {
            let l = MsgLine::new(id, m, tz, &members);
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
