//! A customer's message as ingest stores it, and the statuses of ours. The customer is
//! found by phone or business-scoped user id (`db::customers`, one conversation however
//! they show up); identity changes from system messages are applied; an edit updates
//! the stored text (and asks for an answer again when none was given yet), a deletion
//! hides it; a reply job is queued for what calls for an answer, a media download for
//! what carries a file. A voice note to transcribe gets its reply from the media job.

use super::{Account, IngestOptions, Outcome};
use crate::db::customers::{self, Customer};
use crate::db::jobs::{self, ReplyPayload};
use crate::db::statuses::{self, Reported};
use crate::db::{message_updates, messages, outbox_sends, DbError};
use crate::kinds::MessageStatus;
use crate::telemetry::mask_phone;
use crate::whatsapp::envelope::{IdentityChange, InboundMessage, StatusUpdate};
use rusqlite::Connection;

/// A provider's Unix timestamp as stored, never later than now (a phone's clock may be
/// ahead, and the service window must not outlast the real 24 hours).
pub(super) fn stamp(ts: Option<i64>) -> String {
    let now = chrono::Utc::now();
    ts.and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|t| t.min(now))
        .unwrap_or(now)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

pub(super) fn customer(m: &InboundMessage) -> Customer<'_> {
    Customer {
        phone: m.customer_phone.as_deref(),
        user_id: m.customer_user_id.as_deref(),
        username: m.customer_username.as_deref(),
        name: m.customer_name.as_deref(),
    }
}

/// Reactions that accept the devis they are on (any skin tone).
pub fn is_acceptance_emoji(emoji: &str) -> bool {
    let base: String = emoji
        .chars()
        .filter(|c| !matches!(*c as u32, 0xFE0F | 0x1F3FB..=0x1F3FF))
        .collect();
    matches!(base.as_str(), "👍" | "👌" | "✅" | "🆗")
}

pub(super) fn store_message(
    conn: &Connection,
    account: &Account,
    m: &InboundMessage,
    options: &IngestOptions,
    outcome: &mut Outcome,
) -> Result<(), DbError> {
    let shop = account.shop;
    if messages::wamid_exists(conn, account.id, &m.wamid)? {
        outcome.duplicates += 1;
        return Ok(());
    }
    match (m.kind.as_str(), m.target_wamid.as_deref()) {
        ("edit", Some(target)) => {
            if let Some(t) =
                message_updates::edit(conn, shop, account.id, target, m.body.as_deref())?
            {
                let unanswered = t.direction == "in"
                    && !jobs::reply_pending(conn, shop, t.id)?
                    && !message_updates::answered_after(conn, shop, t.conversation, t.id)?;
                if unanswered {
                    jobs::queue_reply(conn, shop, t.id, None)?;
                }
                return Ok(());
            }
        }
        ("revoke", Some(target)) => {
            message_updates::revoke(conn, shop, account.id, target)?;
            return Ok(());
        }
        _ => {}
    }
    // The window counts from when the message reached us: a redelivery after an outage
    // may overstate it, and the provider's refusal (131047) then says so.
    let at = crate::db::now_text();
    let mut conv = customers::resolve(conn, shop, account.id, &customer(m), Some(&at))?;
    match &m.identity_change {
        Some(IdentityChange::Number { phone, user_id }) => {
            conv = customers::change_number(conn, shop, conv, phone, user_id.as_deref())?;
        }
        Some(IdentityChange::UserId { user_id }) => {
            customers::change_user_id(conn, shop, conv, user_id)?
        }
        None => {}
    }
    // An edit of a message we never got still says something: kept as a text.
    let kind = if m.kind == "edit" {
        "text"
    } else {
        m.kind.as_str()
    };
    let new = messages::NewInbound {
        account: account.id,
        wamid: &m.wamid,
        direction: "in",
        kind,
        body: m.body.as_deref(),
        media_id: m.media_id.as_deref(),
        payload: &m.payload,
        status: MessageStatus::Received,
        author: "customer",
        context_wamid: m.context_wamid.as_deref(),
        created_at: None,
    };
    let Some(id) = messages::insert_inbound(conn, shop, conv, &new)? else {
        outcome.duplicates += 1;
        return Ok(());
    };
    outcome.new_messages += 1;
    tracing::debug!(customer = %mask_phone(&m.customer_key), kind = %m.kind, message = id.0, "inbound message stored");
    let transcribe_first = options.transcribe && kind == "audio" && m.media_id.is_some();
    let payload = ReplyPayload {
        message_id: id,
        reply_id: m.reply_id.clone(),
        cart: m.cart.iter().map(|i| (i.sku.clone(), i.qty)).collect(),
        reaction_to: None,
        referred_sku: m.referred_sku.clone(),
    };
    match kind {
        // A reaction calls for nothing, unless it accepts what it is on (a devis we sent).
        "reaction" => {
            let accepts = m.body.as_deref().is_some_and(is_acceptance_emoji);
            let ours = match &m.target_wamid {
                Some(t) => message_updates::is_ours(conn, shop, account.id, t)?,
                None => false,
            };
            if let (true, true, Some(target)) = (accepts, ours, &m.target_wamid) {
                let payload = ReplyPayload {
                    reaction_to: Some(target.clone()),
                    ..payload
                };
                jobs::queue_reply_with(conn, shop, &payload)?;
            }
        }
        "system" => {}
        _ if transcribe_first => {}
        _ => {
            jobs::queue_reply_with(conn, shop, &payload)?;
        }
    }
    if let Some(media_id) = &m.media_id {
        jobs::queue_media_download(conn, shop, id, media_id, account.id, transcribe_first)?;
    }
    Ok(())
}

/// A status of one of our messages. One naming its outbox row (our
/// `biz_opaque_callback_data`) confirms that row was sent, even if the sender never
/// heard back; a status for a message whose wamid is not recorded yet is kept.
pub(super) fn apply_status(
    conn: &Connection,
    account: &Account,
    s: &StatusUpdate,
    outcome: &mut Outcome,
) -> Result<(), DbError> {
    // An unknown status is kept in the raw payload, not acted on.
    let Some(status) = MessageStatus::parse(&s.status) else {
        return Ok(());
    };
    if let Some(row) = s.outbox_id {
        // A notification to the owner has no message to move forward.
        if outbox_sends::confirm(conn, account.shop, account.id, row, &s.wamid)? == Some(false) {
            return Ok(());
        }
    }
    let reported = Reported {
        wamid: &s.wamid,
        status,
        error: s.error.as_deref(),
        pricing_category: s.pricing_category.as_deref(),
        billable: s.billable,
    };
    if statuses::apply(conn, account.shop, account.id, &reported)? {
        outcome.statuses += 1;
    }
    Ok(())
}
