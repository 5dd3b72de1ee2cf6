//! Owner notifications: a qualified lead, a devis accepted, a hand-over to a human.
//!
//! [`notify`] runs inside the caller's transaction: it writes the `notifications` row
//! (the admin shows it), queues a WhatsApp text to the owner's number in the outbox when
//! the shop set `notify.whatsapp`, and marks the email leg pending when it set
//! `notify.email`. The email itself leaves from the background mailer
//! (`jobs::mailer`), so no request ever waits on an SMTP server; `notify.<kind> = off`
//! silences one kind on both channels.

use crate::db::{notifications, shops, DbError, ShopId};
use crate::message::OutgoingMessage;
use rusqlite::{params, Connection};

pub const LEAD_QUALIFIED: &str = "lead_qualifie";
pub const DEVIS_ACCEPTED: &str = "devis_accepte";
pub const HANDOVER: &str = "handover";

/// The subject line of a notification kind.
pub fn kind_label(kind: &str) -> &str {
    match kind {
        LEAD_QUALIFIED => "Prospect qualifié",
        DEVIS_ACCEPTED => "Devis accepté",
        HANDOVER => "Client à reprendre en main",
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
// TODO(whatsapp): switch to `crate::whatsapp::outbox::enqueue` once feat/whatsapp lands;
// the owner is not a customer conversation, so this writes the outbox row alone.
fn enqueue_owner_text(
    conn: &Connection,
    shop: ShopId,
    to: &str,
    text: &str,
) -> Result<(), DbError> {
    let Some(account) = crate::db::numbers::first_active(conn, shop)? else {
        tracing::warn!(
            shop = shop.0,
            "owner WhatsApp notification skipped: the shop has no number"
        );
        return Ok(());
    };
    let msg = OutgoingMessage::text(text);
    let payload = serde_json::to_string(&msg).map_err(|e| DbError::Invalid(e.to_string()))?;
    conn.execute(
        "INSERT INTO outbox (shop_id, wa_account_id, to_phone, kind, payload) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![shop, account, to, msg.kind(), payload],
    )?;
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
