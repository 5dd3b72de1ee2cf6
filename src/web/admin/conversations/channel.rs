//! The WhatsApp side of a conversation page: each message's extras (the quote it
//! answers, a media waiting or refused, a voice note to play and its transcript, an
//! edit or a deletion), the 24-hour window shown in the reply box, the owner's pause
//! after they answered from the Business app, a customer the provider cannot reach,
//! and `POST /admin/conversations/{id}/template`, which sends the shop's "reprise de
//! contact" template once the window has closed.

use super::actions::back_to;
use super::feed::MsgLine;
use crate::db::inbox::MessageRow;
use crate::db::message_updates::{self, Extras as Row};
use crate::db::{conversations, numbers, outbox, shops, templates, Connection, ConversationId};
use crate::db::{DbError, MessageId, ShopId};
use crate::kinds::{MediaState, ProviderKind, Purpose};
use crate::web::admin::fmt::local_time;
use crate::web::admin::{AdminSession, CsrfForm};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/admin/conversations/{id}/template",
        web::post().to(send_template),
    );
}

/// The extras of a thread's messages, by message.
pub type Extras = HashMap<MessageId, Row>;

pub fn extras(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    after: i64,
) -> Result<Extras, DbError> {
    Ok(message_updates::extras(conn, shop, conv, after)?
        .into_iter()
        .map(|x| (x.id, x))
        .collect())
}

/// What a media is, as the thread names it.
fn media_name(kind: &str, voice: bool) -> &'static str {
    match kind {
        "image" | "sticker" => "📷 photo",
        "audio" if voice => "🎤 message vocal",
        "audio" => "🎧 audio",
        "video" => "🎬 vidéo",
        _ => "📄 document",
    }
}

/// Adds the channel's extras of message `m` to its thread line.
pub fn decorate(line: &mut MsgLine, m: &MessageRow, x: &Row) {
    if x.revoked {
        line.body = if m.direction == "in" {
            "🚫 Message supprimé par le client".into()
        } else {
            "🚫 Message supprimé".into()
        };
        line.media = None;
        line.label.clear();
        line.pending_media = false;
        return;
    }
    line.quote = x.quoted.clone();
    line.edited = x.edited;
    line.transcript = x.transcript.clone();
    let what = media_name(&m.kind, x.voice);
    // The state goes in the label above the caption (the body stays the caption).
    match x.media_state {
        Some(MediaState::Pending) => {
            line.label = format!("{what} en attente");
            line.pending_media = false;
        }
        Some(MediaState::Stored) if m.kind == "audio" => {
            line.audio = line.media.clone();
            line.label = what.to_string();
        }
        Some(MediaState::TooLarge | MediaState::Failed | MediaState::Expired) => {
            line.label = format!("{what} non récupéré");
            line.pending_media = false;
            line.note = x.media_note.clone();
        }
        _ => {}
    }
}

/// The conversation's channel state, for the page.
#[derive(Debug, Default)]
pub struct ChannelView {
    /// "ouverte jusqu'au 12/12 à 14:32" or why it is closed.
    pub window: String,
    pub window_open: bool,
    /// Until when the bot waits because the owner answered from the phone.
    pub owner_paused_until: Option<String>,
    /// Why the provider cannot reach this customer (username only on Gupshup).
    pub unreachable: Option<String>,
    /// The template the shop mapped to "reprise de contact", offered once closed.
    pub template: Option<String>,
}

pub fn view(
    conn: &Connection,
    shop: ShopId,
    id: ConversationId,
    tz: chrono_tz::Tz,
) -> Result<ChannelView, DbError> {
    let conv = conversations::get(conn, shop, id)?;
    let now = chrono::Utc::now();
    let until = outbox::window_until(conn, shop, id)?;
    let stamp = |t: chrono::DateTime<chrono::Utc>| {
        local_time(&t.format("%Y-%m-%dT%H:%M:%SZ").to_string(), tz)
    };
    let (window_open, window) = match until {
        Some(u) if u > now => (
            true,
            format!(
                "Fenêtre WhatsApp ouverte jusqu'au {} : réponse libre possible.",
                stamp(u)
            ),
        ),
        Some(u) => (
            false,
            format!(
                "Fenêtre WhatsApp fermée depuis le {} : seul un modèle approuvé peut partir.",
                stamp(u)
            ),
        ),
        None => (
            false,
            "Le client n'a jamais écrit : seul un modèle approuvé peut partir.".into(),
        ),
    };
    let provider = match conv.wa_account_id {
        Some(a) => Some(numbers::sender(conn, shop, a)?.provider),
        None => None,
    };
    let unreachable = (conv.customer_phone.is_none()
        && conv.customer_user_id.is_some()
        && provider == Some(ProviderKind::Gupshup))
    .then(|| crate::whatsapp::providers::gupshup::NO_USER_ID.to_string());
    Ok(ChannelView {
        window,
        window_open,
        owner_paused_until: conv
            .owner_paused(now)
            .then(|| {
                conv.owner_paused_until
                    .as_deref()
                    .map(|t| local_time(t, tz))
            })
            .flatten(),
        unreachable,
        template: templates::mapping(conn, shop, Purpose::HumanReply)?.map(|(name, _)| name),
    })
}

/// Sends the template mapped to "reprise de contact par un agent", filled with the
/// customer's and the shop's names.
async fn send_template(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, ConversationId(path.into_inner()));
    let author = format!("agent:{}", session.account.id);
    state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            crate::db::inbox::get(&tx, shop, id)?;
            let conv = conversations::get(&tx, shop, id)?;
            let account = match conv.wa_account_id {
                Some(a) => a,
                None => numbers::require_active(&tx, shop)?,
            };
            let template =
                templates::mapped(&tx, shop, account, Purpose::HumanReply)?.ok_or_else(|| {
                    DbError::Invalid(
                        "Aucun modèle n'est associé à « reprise de contact » (menu WhatsApp)."
                            .into(),
                    )
                })?;
            let values = serde_json::json!({
                "customer_name": conv.customer_name.clone().unwrap_or_default(),
                "shop_name": shops::get(&tx, shop)?.company_name,
            });
            let msg = crate::whatsapp::templates::fill(&template, Purpose::HumanReply, &values)
                .map_err(DbError::Invalid)?;
            outbox::enqueue(&tx, shop, id, &msg, &author)?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    state.whatsapp.outbox_wake.notify_one();
    Ok(back_to(id.0, "template"))
}
