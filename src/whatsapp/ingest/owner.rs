//! What the owner does in the WhatsApp Business app on the same number (coexistence),
//! and the reviews of the shop's templates.
//!
//! - An echo is the shop speaking: stored as an outgoing message by "téléphone du
//!   propriétaire", never answered; the bot pauses on that conversation for
//!   `whatsapp.owner_pause_minutes` (it resumes by itself) and drops its own replies
//!   still queued there, so the customer does not get two answers. The owner's edits
//!   and deletions apply to the stored message.
//! - History back-fills are imported as they were (direction, time, status), with no
//!   reply and no pause; the progress is kept on the number.
//! - Contacts from the owner's address book name the customers.

use super::inbound::{customer, stamp};
use super::{Account, IngestOptions, Outcome};
use crate::db::{
    conversations, customers, jobs, message_updates, messages, numbers, outbox, templates,
};
use crate::db::{DbError, MessageId};
use crate::kinds::MessageStatus;
use crate::whatsapp::envelope::{Change, HistoryBatch, InboundMessage};
use rusqlite::Connection;

/// Why the bot's queued replies were dropped (shown on each in the thread).
pub const OWNER_ANSWERED: &str = "Annulé : le propriétaire a répondu depuis son téléphone.";

pub(super) fn store(
    conn: &Connection,
    account: &Account,
    change: &Change,
    options: &IngestOptions,
    outcome: &mut Outcome,
) -> Result<(), DbError> {
    if !change.echoes.is_empty() || !change.history.is_empty() {
        numbers::mark_coexistence(conn, account.id)?;
    }
    for echo in &change.echoes {
        store_echo(conn, account, echo, options, outcome)?;
    }
    for batch in &change.history {
        store_history(conn, account, batch, outcome)?;
    }
    for c in &change.contacts {
        customers::sync_contact(
            conn,
            account.shop,
            &c.phone,
            c.full_name.as_deref(),
            c.first_name.as_deref(),
        )?;
    }
    for t in &change.templates {
        let update = templates::Update {
            name: &t.name,
            language: &t.language,
            event: t.event.as_deref(),
            category: t.category.as_deref(),
            reason: t.reason.as_deref(),
        };
        templates::apply_update(conn, account.shop, account.id, &update)?;
    }
    Ok(())
}

fn store_echo(
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
            message_updates::edit(conn, shop, account.id, target, m.body.as_deref())?;
            return Ok(());
        }
        ("revoke", Some(target)) => {
            message_updates::revoke(conn, shop, account.id, target)?;
            return Ok(());
        }
        _ => {}
    }
    let conv = customers::resolve(conn, shop, account.id, &customer(m), None)?;
    let at = stamp(m.timestamp);
    let Some(id) = insert(conn, account, conv, m, MessageStatus::Sent, Some(&at))? else {
        outcome.duplicates += 1;
        return Ok(());
    };
    outcome.echoes += 1;
    if let Some(media_id) = &m.media_id {
        jobs::queue_media_download(conn, shop, id, media_id, account.id, false)?;
    }
    let until = (chrono::Utc::now()
        + chrono::Duration::minutes(options.owner_pause_minutes as i64))
    .format("%Y-%m-%dT%H:%M:%SZ")
    .to_string();
    conversations::pause_for_owner(conn, shop, conv, &until)?;
    let dropped = outbox::cancel_bot_replies(conn, shop, conv, OWNER_ANSWERED)?;
    tracing::info!(
        conversation = conv.0,
        dropped,
        "the owner answered from the phone: bot paused"
    );
    Ok(())
}

fn store_history(
    conn: &Connection,
    account: &Account,
    batch: &HistoryBatch,
    outcome: &mut Outcome,
) -> Result<(), DbError> {
    let shop = account.shop;
    for (m, outgoing) in &batch.messages {
        if messages::wamid_exists(conn, account.id, &m.wamid)? {
            outcome.duplicates += 1;
            continue;
        }
        let at = stamp(m.timestamp);
        let inbound_at = (!outgoing).then_some(at.as_str());
        let conv = customers::resolve(conn, shop, account.id, &customer(m), inbound_at)?;
        let status = if *outgoing {
            m.status
                .as_deref()
                .and_then(|s| MessageStatus::parse(&s.to_lowercase()))
                .filter(|s| s.rank() > 0)
                .unwrap_or(MessageStatus::Sent)
        } else {
            MessageStatus::Received
        };
        let stored = if *outgoing {
            insert(conn, account, conv, m, status, Some(&at))?
        } else {
            let new = messages::NewInbound {
                account: account.id,
                wamid: &m.wamid,
                direction: "in",
                kind: &m.kind,
                body: m.body.as_deref(),
                media_id: m.media_id.as_deref(),
                payload: &m.payload,
                status,
                author: "customer",
                context_wamid: m.context_wamid.as_deref(),
                created_at: Some(&at),
            };
            messages::insert_inbound(conn, shop, conv, &new)?
        };
        if let Some(id) = stored {
            outcome.history += 1;
            if let Some(media_id) = &m.media_id {
                jobs::queue_media_download(conn, shop, id, media_id, account.id, false)?;
            }
        }
    }
    let note = batch
        .error
        .as_deref()
        .map(|e| format!("Historique non partagé par le propriétaire ({e})"));
    numbers::set_history(conn, account.id, batch.progress, note.as_deref())?;
    Ok(())
}

/// Stores a message the owner sent from the Business app.
fn insert(
    conn: &Connection,
    account: &Account,
    conv: crate::db::ConversationId,
    m: &InboundMessage,
    status: MessageStatus,
    at: Option<&str>,
) -> Result<Option<MessageId>, DbError> {
    let new = messages::NewInbound {
        account: account.id,
        wamid: &m.wamid,
        direction: "out",
        kind: &m.kind,
        body: m.body.as_deref(),
        media_id: m.media_id.as_deref(),
        payload: &m.payload,
        status,
        author: messages::OWNER_PHONE,
        context_wamid: m.context_wamid.as_deref(),
        created_at: at,
    };
    messages::insert_inbound(conn, account.shop, conv, &new)
}
