//! One conversation's page: the timeline (messages with their ticks, internal notes,
//! status changes, in time order), the reply box with `/raccourci` quick replies, the
//! actions (take over / hand back, resolve / reopen, assign), a product picker, the
//! attachment form, the side cards (contact, prospect, devis), and the channel's part
//! ([`super::channel`]: the 24-hour window, the owner's pause, the template offer).
//! Opening it marks the customer's messages seen.

use super::channel::{self, ChannelView};
use super::feed::{author_label, MsgLine, THREAD_LIMIT};
use super::line::who;
use crate::db::assignments::{self, Member};
use crate::db::inbox::{self, DevisSummary, ProspectCard};
use crate::db::quick_replies::{self, QuickReply};
use crate::db::{contacts, notes, status_history, ConversationId};
use crate::kinds::ConversationStatus;
use crate::money::format_amount;
use crate::web::admin::fmt::{local_time, status_label};
use crate::web::admin::pages::{blocking, html, Layout};
use crate::web::admin::AdminSession;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(r"/admin/conversations/{id:\d+}", web::get().to(show));
}

/// One line of the timeline: a message, a note or a status change.
pub struct Item {
    pub at: String,
    pub msg: Option<MsgLine>,
    /// A note's (author, text, time).
    pub note: Option<(String, String, String)>,
    /// A status change, in words, with its time.
    pub event: Option<(String, String)>,
}

/// A product found by the picker: (sku, title, price).
pub struct Pick {
    pub sku: String,
    pub title: String,
    pub price: String,
    pub photo: bool,
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
    closed: bool,
    bot_paused: bool,
    items: Vec<Item>,
    last_id: i64,
    members: Vec<Member>,
    assigned_to: i64,
    tags: String,
    opted_out: bool,
    prospect: Option<ProspectCard>,
    /// (French pipeline label, first contact in local time) of the prospect.
    prospect_info: (String, String),
    /// (devis, total, French status).
    devis: Vec<(DevisSummary, String, &'static str)>,
    /// (shortcut, the text this conversation gets: Malagasy for a Malagasy chat).
    replies: Vec<(String, String)>,
    produit: String,
    picks: Vec<Pick>,
    text: String,
    notice: Option<String>,
    /// The window, the owner's pause, an unreachable customer, the template offer.
    channel: ChannelView,
}

impl ThreadPage {
    fn is_assignee(&self, id: &crate::db::AccountId) -> bool {
        id.0 == self.assigned_to
    }
}

fn devis_status(status: &str) -> &'static str {
    match status {
        "draft" => "brouillon",
        "sent" => "envoyé",
        "accepted" => "accepté",
        "refused" => "refusé",
        "expired" => "expiré",
        _ => "état inconnu",
    }
}

/// A status change in words: "Fermée par rivo@example.mg".
fn event_text(change: &status_history::Change, members: &[Member]) -> Option<String> {
    let by = match change.actor.as_deref() {
        Some("customer") => " (le client a écrit)".to_string(),
        Some(a) => format!(" par {}", author_label(Some(a), false, members)),
        None => String::new(),
    };
    let what = match (change.from, change.to) {
        (None, _) => return None,
        (_, ConversationStatus::Closed) => "Conversation résolue",
        (Some(ConversationStatus::Closed), _) => "Conversation rouverte",
        (_, ConversationStatus::NeedsHuman) => "Le bot a passé la main à une personne",
        (Some(ConversationStatus::NeedsHuman), ConversationStatus::Open) => "Prise en main",
        _ => "Conversation rouverte",
    };
    Some(format!("{what}{by}"))
}

fn notice(done: Option<&str>) -> Option<String> {
    Some(
        match done? {
            "sent" => "Message mis en file d'envoi.",
            "taken" => "Vous avez la main : le bot ne répond plus à ce client.",
            "back" => "Le bot répond de nouveau à ce client.",
            "resolved" => "Conversation résolue : elle se rouvrira si le client écrit.",
            "reopened" => "Conversation rouverte.",
            "assigned" => "Attribution enregistrée.",
            "noted" => "Note ajoutée (le client ne la voit pas).",
            "file" => "Fichier mis en file d'envoi.",
            "card" => "Fiche produit mise en file d'envoi.",
            "devis" => "Devis mis en file d'envoi sur WhatsApp.",
            "contact" => "Fiche contact enregistrée.",
            "window_closed" => crate::db::outbox::WINDOW_CLOSED,
            "template" => "Modèle de reprise de contact mis en file d'envoi.",
            "raccourci" => "Aucune réponse rapide ne porte ce raccourci : choisissez-en une dans la liste « Réponses rapides » ou écrivez le message.",
            _ => return None,
        }
        .to_string(),
    )
}

#[derive(Deserialize)]
struct ShowQuery {
    done: Option<String>,
    /// The product picker's search.
    produit: Option<String>,
    /// A reply text to put back in the box (after an unknown shortcut).
    texte: Option<String>,
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, AdminError> {
    let (shop, id) = (session.shop, ConversationId(path.into_inner()));
    let q = query.into_inner();
    let (conv, msgs, notes, history, members, contact) = state
        .db
        .read(move |c| {
            Ok((
                inbox::get(c, shop, id)?,
                inbox::messages(c, shop, id, 0, THREAD_LIMIT)?,
                notes::of_conversation(c, shop, id)?,
                status_history::of_conversation(c, shop, id)?,
                assignments::members(c, shop)?,
                contacts::get(c, shop, id)?,
            ))
        })
        .await?;
    let phone = conv.customer_phone.clone();
    let tz = session.tz;
    let first = msgs.first().map_or(0, |m| m.id.0 - 1);
    let (prospect, devis, replies, extras, view) = state
        .db
        .read(move |c| {
            let prospect = match &phone {
                Some(p) => inbox::prospect_by_phone(c, shop, p)?,
                None => None,
            };
            Ok((
                prospect,
                inbox::devis_of(c, shop, id, phone.as_deref())?,
                quick_replies::list(c, shop)?,
                channel::extras(c, shop, id, first)?,
                channel::view(c, shop, id, tz)?,
            ))
        })
        .await?;
    if conv.unread > 0 {
        state
            .db
            .write(move |c| inbox::mark_seen(c, shop, id))
            .await?;
    }
    let produit = q.produit.unwrap_or_default();
    let picks = if produit.trim().is_empty() {
        Vec::new()
    } else {
        let (catalog, words) = (state.catalog.clone(), produit.clone());
        blocking(move || Ok(catalog.search(shop, &words, 8)?))
            .await?
            .into_iter()
            .map(|h| Pick {
                photo: crate::catalog::images::is_stored(&h.product),
                price: format_amount(h.product.price, &h.product.currency),
                sku: h.product.sku.clone(),
                title: h.product.title.clone(),
            })
            .collect()
    };
    let mut items: Vec<Item> = msgs
        .iter()
        .map(|m| Item {
            at: m.created_at.clone(),
            msg: Some(MsgLine::new(id, m, tz, &members).with(m, &extras)),
            note: None,
            event: None,
        })
        .collect();
    items.extend(notes.iter().map(|n| Item {
        at: n.created_at.clone(),
        msg: None,
        note: Some((
            n.author_email.clone(),
            n.body.clone(),
            local_time(&n.created_at, tz),
        )),
        event: None,
    }));
    items.extend(history.iter().filter_map(|h| {
        Some(Item {
            at: h.at.clone(),
            msg: None,
            note: None,
            event: Some((event_text(h, &members)?, local_time(&h.at, tz))),
        })
    }));
    // Stable: a note or an event written in the same second as a message follows it.
    items.sort_by(|a, b| a.at.cmp(&b.at));
    let (status, status_label) = status_label(&conv.status);
    let page = ThreadPage {
        layout: Layout::new(&session, "Conversation", "/admin/conversations"),
        id: id.0,
        who: who(&conv),
        phone: conv.customer_phone.clone().unwrap_or_default(),
        status,
        status_label,
        closed: conv.status == ConversationStatus::Closed.as_str(),
        bot_paused: conv.bot_paused,
        last_id: msgs.last().map_or(0, |m| m.id.0),
        items,
        assigned_to: conv.assigned_to.unwrap_or(0),
        members,
        tags: contact.tags.join(", "),
        opted_out: contact.opted_out_at.is_some(),
        prospect_info: prospect
            .as_ref()
            .map(|p| {
                let label = crate::db::stats::PIPELINE
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
        replies: replies
            .iter()
            .map(|r: &QuickReply| {
                (
                    r.shortcut.clone(),
                    r.body_for(conv.language.as_deref()).to_string(),
                )
            })
            .collect(),
        produit,
        picks,
        text: q.texte.unwrap_or_default(),
        notice: notice(q.done.as_deref()),
        channel: view,
    };
    html(page.render())
}
