//! The devis follow-up: every few minutes, each devis sent and still unanswered after
//! the shop's delay (`followup.devis_hours`, 24 by default) gets one reminder in the
//! customer's language. It is queued with the purpose "devis follow-up", so once the
//! customer has been silent for a day (the usual case) it leaves as the approved
//! template the shop mapped to that purpose, filled with the customer's name, the devis
//! number and its total.

use crate::db::outbox::{self, ForPurpose};
use crate::db::{follow_ups, Db, DbError};
use crate::kinds::Purpose;
use crate::message::OutgoingMessage;
use crate::money::format_amount;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

const EVERY: Duration = Duration::from_secs(300);

/// The reminder text, inside the window.
fn text(d: &follow_ups::Due) -> String {
    let total = format_amount(d.total_ttc, &d.currency);
    let until = crate::quotes::chat::french_date(&d.valid_until);
    let name = d
        .customer_name
        .as_deref()
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    if d.language.as_deref() == Some("mg") {
        format!(
            "Salama{name}! Mbola manan-kery hatramin'ny {until} ny devis {} ({total}). Valio « Eny » raha manaiky ianao.",
            d.number
        )
    } else {
        format!(
            "Bonjour{name}, votre devis {} ({total}) est toujours valable jusqu'au {until}. Répondez « OK » pour le valider, ou dites-nous ce qu'il faut changer.",
            d.number
        )
    }
}

/// Queues the reminders due now; returns how many.
pub fn queue_due(conn: &mut crate::db::Connection) -> Result<usize, DbError> {
    let now = chrono::Utc::now();
    let due = follow_ups::due(
        conn,
        &now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        &now.format("%Y-%m-%d").to_string(),
    )?;
    let tx = conn.transaction()?;
    for d in &due {
        let values = serde_json::json!({
            "customer_name": d.customer_name.clone().unwrap_or_default(),
            "devis_number": d.number,
            "total": format_amount(d.total_ttc, &d.currency),
        });
        let purpose = ForPurpose {
            purpose: Purpose::DevisFollowUp,
            values: &values,
        };
        let msg = OutgoingMessage::text(text(d));
        outbox::enqueue_for(&tx, d.shop, d.conversation, &msg, "bot", Some(purpose))?;
        follow_ups::mark(&tx, d.shop, d.devis)?;
    }
    tx.commit()?;
    Ok(due.len())
}

/// Starts the follow-ups until `shutdown` flips.
pub fn spawn(db: Db, outbox_wake: Arc<Notify>, mut shutdown: watch::Receiver<bool>) {
    tokio::spawn(async move {
        loop {
            match db.write(queue_due).await {
                Ok(n) if n > 0 => {
                    tracing::info!(follow_ups = n, "devis follow-ups queued");
                    outbox_wake.notify_one();
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "devis follow-ups"),
            }
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = shutdown.changed() => return,
            }
        }
    });
}
