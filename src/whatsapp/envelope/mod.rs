//! The Cloud API webhook envelope (also sent by 360dialog) reduced to provider-neutral
//! [`Change`]s that ingest stores: the customers' messages and the statuses of ours
//! (`messages`), what the owner typed in the WhatsApp Business app
//! (`smb_message_echoes`), back-filled chats (`history`), the owner's contacts
//! (`smb_app_state_sync`) and template reviews (`message_template_status_update`,
//! `template_category_update`). [`messages`] reads one message object, whichever field
//! it comes in.
//!
//! Only a broken `messages` change is an error (not JSON, no `entry` array, a message
//! without `id`/`type`...): the provider is told, and retries. Every other field, and any
//! message type or status we do not know, is accepted: the raw payload is kept in
//! `inbound_events` and what we do not understand is simply not acted on (a shape we
//! cannot read in those fields is logged, never refused, so Meta does not retry it for
//! a week).

mod messages;
mod types;

pub use types::*;

use serde_json::Value;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EnvelopeError(pub String);

/// One provider-neutral change for one number.
#[derive(Debug, Default)]
pub struct Change {
    /// Routes the change to a shop number; `None` when the route already names it.
    pub phone_number_id: Option<String>,
    /// The WhatsApp Business Account of the entry (templates are listed there).
    pub waba_id: Option<String>,
    pub messages: Vec<InboundMessage>,
    pub statuses: Vec<StatusUpdate>,
    /// What the owner sent from the WhatsApp Business app: the shop speaking.
    pub echoes: Vec<InboundMessage>,
    /// Past chats back-filled at onboarding: stored, never answered.
    pub history: Vec<HistoryBatch>,
    /// The owner's address book on the Business app.
    pub contacts: Vec<ContactSync>,
    pub templates: Vec<TemplateUpdate>,
}

impl Change {
    /// Nothing to store beyond the raw payload.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
            && self.statuses.is_empty()
            && self.echoes.is_empty()
            && self.history.is_empty()
            && self.contacts.is_empty()
            && self.templates.is_empty()
    }
}

/// A cart line: our SKU (`product_retailer_id`) and a quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartItem {
    pub sku: String,
    pub qty: i64,
}

/// A system message telling that a customer's identifiers changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityChange {
    /// `user_changed_number`: the new phone (and BSUID, when given).
    Number {
        phone: String,
        user_id: Option<String>,
    },
    /// `user_changed_user_id`: the new BSUID.
    UserId { user_id: String },
}

/// One message of a customer conversation: inbound, or the owner's (echo, history).
#[derive(Debug, Clone, Default)]
pub struct InboundMessage {
    pub wamid: String,
    /// wa_id, or user_id when the customer shows no phone number.
    pub customer_key: String,
    pub customer_phone: Option<String>,
    /// The business-scoped user id (BSUID).
    pub customer_user_id: Option<String>,
    pub customer_username: Option<String>,
    pub customer_name: Option<String>,
    pub kind: String,
    /// The text, caption, or title of the pressed button, as the admin reads it.
    pub body: Option<String>,
    pub reply_id: Option<String>,
    /// A media id (Cloud API) or URL (Gupshup) to download.
    pub media_id: Option<String>,
    /// An audio recorded in WhatsApp (`audio.voice`), not a forwarded file.
    pub voice: bool,
    /// The message quoted in the reply (`context.id`).
    pub context_wamid: Option<String>,
    /// The catalogue product the customer asks about (`context.referred_product`).
    pub referred_sku: Option<String>,
    pub cart: Vec<CartItem>,
    /// The message an `edit`, `revoke` or `reaction` is about.
    pub target_wamid: Option<String>,
    pub identity_change: Option<IdentityChange>,
    /// Unix seconds, as the provider stamped it.
    pub timestamp: Option<i64>,
    /// History only: the delivery status the message had on the phone.
    pub status: Option<String>,
    /// The message object as received (JSON).
    pub payload: String,
}

#[derive(Debug, Clone, Default)]
pub struct StatusUpdate {
    pub wamid: String,
    /// As received: ingest acts on the ones [`crate::kinds::MessageStatus`] knows.
    pub status: String,
    pub error: Option<String>,
    /// Our outbox row, echoed back from `biz_opaque_callback_data`.
    pub outbox_id: Option<i64>,
    pub pricing_category: Option<String>,
    pub billable: Option<bool>,
}

/// One chunk of the history back-fill.
#[derive(Debug, Clone, Default)]
pub struct HistoryBatch {
    pub phase: Option<i64>,
    pub progress: Option<i64>,
    /// Messages in the order of their threads; `outgoing` when the business sent it.
    pub messages: Vec<(InboundMessage, bool)>,
    /// Why there is no history (the owner declined to share it).
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactSync {
    pub phone: String,
    /// `None` when the owner removed the contact.
    pub full_name: Option<String>,
    pub first_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateUpdate {
    pub name: String,
    pub language: String,
    /// `APPROVED`, `REJECTED`, `PAUSED`... `None` for a category change alone.
    pub event: Option<String>,
    pub category: Option<String>,
    pub reason: Option<String>,
}

/// What we put in `biz_opaque_callback_data` for outbox row `id`.
pub fn callback_data(outbox_id: i64) -> String {
    format!("varotra:outbox:{outbox_id}")
}

/// The outbox row named in a status' `biz_opaque_callback_data`, if it is ours.
pub fn outbox_of_callback(data: &str) -> Option<i64> {
    data.strip_prefix("varotra:outbox:")?.parse().ok()
}

fn invalid(at: &str, e: impl std::fmt::Display) -> EnvelopeError {
    EnvelopeError(format!("invalid webhook envelope at `{at}`: {e}"))
}

/// Parses a Cloud API delivery into changes; errors name the broken part.
pub fn parse(body: &[u8]) -> Result<Vec<Change>, EnvelopeError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    let env: Envelope = serde_path_to_error::deserialize(de)
        .map_err(|e| invalid(&e.path().to_string(), e.inner()))?;
    let mut out = Vec::new();
    for (ei, entry) in env.entry.into_iter().enumerate() {
        for (ci, change) in entry.changes.into_iter().enumerate() {
            let at = format!("entry[{ei}].changes[{ci}].value");
            let mut reduced = match change.field.as_str() {
                "messages" => messages::reduce(typed(change.value, &at)?, &at)?,
                other => match lenient(other, change.value, &at) {
                    Some(c) => c,
                    None => continue,
                },
            };
            reduced.waba_id = entry.id.clone();
            out.push(reduced);
        }
    }
    Ok(out)
}

fn typed<T: serde::de::DeserializeOwned>(value: Value, at: &str) -> Result<T, EnvelopeError> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| invalid(&format!("{at}.{}", e.path()), e.inner()))
}

/// The fields other than `messages`: read when we know them, skipped (kept raw) when
/// we do not or when their shape surprises us.
fn lenient(field: &str, value: Value, at: &str) -> Option<Change> {
    let reduced = match field {
        "smb_message_echoes" => typed(value, at).map(messages::echoes),
        "history" => typed(value, at).map(messages::history),
        "smb_app_state_sync" => typed(value, at).map(state_sync),
        "message_template_status_update" | "template_category_update" => {
            typed(value, at).map(template_update)
        }
        _ => return None,
    };
    match reduced {
        Ok(change) if change.is_empty() => None,
        Ok(change) => Some(change),
        Err(e) => {
            tracing::warn!(field, error = %e, "webhook change not understood, kept raw");
            None
        }
    }
}

fn state_sync(v: StateSyncValue) -> Change {
    let contacts = v
        .state_sync
        .into_iter()
        .filter(|s| s.kind == "contact")
        .filter_map(|s| {
            let c = s.contact?;
            let removed = s.action.as_deref() == Some("remove");
            Some(ContactSync {
                phone: c.phone_number.trim_start_matches('+').to_string(),
                full_name: if removed { None } else { c.full_name },
                first_name: if removed { None } else { c.first_name },
            })
        })
        .collect();
    Change {
        phone_number_id: v.metadata.map(|m| m.phone_number_id),
        contacts,
        ..Default::default()
    }
}

fn template_update(v: TemplateValue) -> Change {
    let mut change = Change::default();
    if let (Some(name), Some(language)) = (v.message_template_name, v.message_template_language) {
        change.templates.push(TemplateUpdate {
            name,
            language,
            event: v.event,
            category: v.message_template_category,
            reason: v.reason.filter(|r| r != "NONE"),
        });
    }
    change
}

#[cfg(test)]
mod tests;
