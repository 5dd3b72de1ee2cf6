//! Owner notifications: a qualified lead, a devis accepted, a hand-over to a human.
//!
//! [`notify`] runs inside the caller's transaction: it writes the `notifications` row
//! (the admin shows it), queues a WhatsApp text to the owner's number in the outbox when
//! the shop set `notify.whatsapp`, and marks the email leg pending when it set
//! `notify.email`. The email itself leaves from the background mailer
//! (`jobs::mailer`), so no request ever waits on an SMTP server; `notify.<kind> = off`
//! silences one kind on both channels.

use crate::db::Connection;
use crate::db::{notifications, outbox, shops, DbError, ShopId};
use crate::message::OutgoingMessage;

pub const LEAD_QUALIFIED: &str = "lead_qualifie";
pub const DEVIS_ACCEPTED: &str = "devis_accepte";
pub const HANDOVER: &str = "handover";
/// A customer's question the bot had no answer for (the bot keeps the conversation).
pub const QUESTION: &str = "question_client";

/// The subject line of a notification kind.
pub fn kind_label(kind: &str) -> &str {
    match kind {
        LEAD_QUALIFIED => "Prospect qualifié",
        DEVIS_ACCEPTED => "Devis accepté",
        HANDOVER => "Client à reprendre en main",
        QUESTION => "Question client sans réponse",
        "paiement_signale" => "Paiement signalé par un client",
        other => other,
    }
}

/// Records a notification for the shop owner and queues its WhatsApp and email legs
/// per the shop's settings. Returns the notification id.
pub fn notify(conn: &Connection, shop: ShopId, kind: &str, body: &str) -> Result<i64, DbError> {
    let enabled = shops::setting(conn, shop, &format!("notify.{kind}"))?
        .map(|v| !matches!(v.trim(), "off" | "0" | "false" | "non"))
        .unwrap_or(true);
    let email = shops::setting(conn, shop, "notify.email")?
        .map(|v| v.trim().to_string())
        .filter(|v| enabled && v.contains('@'));
    let id = notifications::insert(conn, shop, kind, body, email.as_deref())?;
    if enabled {
        if let Some(owner) = shops::setting(conn, shop, "notify.whatsapp")? {
            let owner = crate::crm::prospects::normalize_phone(&owner);
            if !owner.is_empty() {
                let text = format!("🔔 {} — {body}", kind_label(kind));
                enqueue_owner_text(conn, shop, &owner, &text)?;
            }
        }
    }
    Ok(id)
}

/// Queues a text to the owner through the shop's first active number.
fn enqueue_owner_text(
    conn: &Connection,
    shop: ShopId,
    to: &str,
    text: &str,
) -> Result<(), DbError> {
    if outbox::enqueue_to(conn, shop, to, &OutgoingMessage::text(text))?.is_none() {
        tracing::warn!(
            shop = shop.0,
            "owner WhatsApp notification skipped: the shop has no number"
        );
    }
    Ok(())
}

/// The shop's latest notifications, newest first: (id, kind, body, created_at).
pub fn recent(
    conn: &Connection,
    shop: ShopId,
    limit: i64,
) -> Result<Vec<(i64, String, String, String)>, DbError> {
    notifications::recent(conn, shop, limit)
}
