//! Serde types of the Cloud API webhook envelope (also sent by 360dialog), and its
//! reduction to provider-neutral [`Change`]s that ingest stores.
//!
//! Only a broken envelope is an error (not JSON, no `entry` array, a message without
//! `id`/`type`...). Unknown message types, unknown `field`s (echoes, edits, calls,
//! template status updates) and unknown statuses are accepted: the raw payload is kept
//! in `inbound_events`, and what we do not understand is simply not acted on. The
//! order of delivery statuses is [`crate::kinds::MessageStatus::rank`].

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EnvelopeError(pub String);

#[derive(Debug, Deserialize)]
pub struct Envelope {
    pub object: String,
    pub entry: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
pub struct Entry {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub changes: Vec<RawChange>,
}

#[derive(Debug, Deserialize)]
pub struct RawChange {
    pub field: String,
    pub value: Value,
}

/// `value` of a `messages` change.
#[derive(Debug, Deserialize)]
pub struct MessagesValue {
    #[serde(default)]
    pub metadata: Option<Metadata>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub messages: Vec<Value>,
    #[serde(default)]
    pub statuses: Vec<Status>,
}

#[derive(Debug, Deserialize)]
pub struct Metadata {
    pub phone_number_id: String,
    #[serde(default)]
    pub display_phone_number: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Contact {
    #[serde(default)]
    pub wa_id: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub profile: Option<Profile>,
}

#[derive(Debug, Deserialize)]
pub struct Profile {
    #[serde(default)]
    pub name: Option<String>,
}

/// The fields of one message we act on; everything else stays in the raw payload.
#[derive(Debug, Deserialize)]
pub struct Message {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub from_user_id: Option<String>,
    #[serde(default)]
    pub text: Option<Text>,
    #[serde(default)]
    pub interactive: Option<Interactive>,
    #[serde(default)]
    pub button: Option<TemplateButton>,
    #[serde(default)]
    pub reaction: Option<Reaction>,
    #[serde(default)]
    pub location: Option<Location>,
    #[serde(default)]
    pub system: Option<System>,
}

#[derive(Debug, Deserialize)]
pub struct Text {
    pub body: String,
}

#[derive(Debug, Deserialize)]
pub struct Interactive {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub button_reply: Option<Reply>,
    #[serde(default)]
    pub list_reply: Option<Reply>,
    #[serde(default)]
    pub nfm_reply: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct Reply {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Deserialize)]
pub struct TemplateButton {
    #[serde(default)]
    pub payload: Option<String>,
    pub text: String,
}

#[derive(Debug, Deserialize)]
pub struct Reaction {
    pub message_id: String,
    /// Omitted when the customer removed their reaction.
    #[serde(default)]
    pub emoji: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct System {
    #[serde(default)]
    pub body: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Status {
    pub id: String,
    pub status: String,
    #[serde(default)]
    pub recipient_id: Option<String>,
    #[serde(default)]
    pub errors: Vec<ErrorObject>,
}

#[derive(Debug, Deserialize)]
pub struct ErrorObject {
    pub code: i64,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub error_data: Option<Value>,
}

impl ErrorObject {
    pub fn describe(&self) -> String {
        let text = self
            .error_data
            .as_ref()
            .and_then(|d| d.get("details"))
            .and_then(Value::as_str)
            .or(self.message.as_deref())
            .or(self.title.as_deref())
            .unwrap_or("");
        format!("{}: {}", self.code, text)
    }
}

/// One provider-neutral change: inbound messages and status updates for one number.
#[derive(Debug, Default)]
pub struct Change {
    /// Routes the change to a shop number; `None` when the route already names it.
    pub phone_number_id: Option<String>,
    pub messages: Vec<InboundMessage>,
    pub statuses: Vec<StatusUpdate>,
}

#[derive(Debug, Clone)]
pub struct InboundMessage {
    pub wamid: String,
    /// wa_id, or user_id when the customer shows no phone number.
    pub customer_key: String,
    pub customer_phone: Option<String>,
    pub customer_name: Option<String>,
    pub kind: String,
    /// The text, caption, or title of the pressed button, as the admin reads it.
    pub body: Option<String>,
    pub reply_id: Option<String>,
    pub media_id: Option<String>,
    /// The message object as received (JSON).
    pub payload: String,
}

#[derive(Debug, Clone)]
pub struct StatusUpdate {
    pub wamid: String,
    /// As received: ingest acts on the ones [`crate::kinds::MessageStatus`] knows.
    pub status: String,
    pub error: Option<String>,
}

/// Parses a Cloud API delivery into changes; errors name the broken part.
pub fn parse(body: &[u8]) -> Result<Vec<Change>, EnvelopeError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    let env: Envelope = serde_path_to_error::deserialize(de).map_err(|e| {
        EnvelopeError(format!(
            "invalid webhook envelope at `{}`: {}",
            e.path(),
            e.inner()
        ))
    })?;
    let mut out = Vec::new();
    for (ei, entry) in env.entry.into_iter().enumerate() {
        for (ci, change) in entry.changes.into_iter().enumerate() {
            // Echoes, edits, calls, template and account updates: kept raw, not acted on.
            if change.field != "messages" {
                continue;
            }
            let at = format!("entry[{ei}].changes[{ci}].value");
            let value: MessagesValue =
                serde_path_to_error::deserialize(change.value).map_err(|e| {
                    EnvelopeError(format!(
                        "invalid webhook envelope at `{at}.{}`: {}",
                        e.path(),
                        e.inner()
                    ))
                })?;
            out.push(reduce(value, &at)?);
        }
    }
    Ok(out)
}

fn reduce(value: MessagesValue, at: &str) -> Result<Change, EnvelopeError> {
    let mut change = Change {
        phone_number_id: value.metadata.map(|m| m.phone_number_id),
        ..Default::default()
    };
    for (mi, raw) in value.messages.into_iter().enumerate() {
        let payload = raw.to_string();
        let msg: Message = serde_path_to_error::deserialize(raw).map_err(|e| {
            EnvelopeError(format!(
                "invalid webhook envelope at `{at}.messages[{mi}].{}`: {}",
                e.path(),
                e.inner()
            ))
        })?;
        let sender = msg.from.clone().or_else(|| msg.from_user_id.clone());
        let Some(customer_key) = sender else {
            return Err(EnvelopeError(format!(
                "invalid webhook envelope at `{at}.messages[{mi}]`: no `from` nor `from_user_id`"
            )));
        };
        let contact = value.contacts.iter().find(|c| {
            c.wa_id.as_deref() == Some(customer_key.as_str())
                || c.user_id.as_deref() == Some(customer_key.as_str())
        });
        let customer_name = contact
            .and_then(|c| c.profile.as_ref())
            .and_then(|p| p.name.clone());
        let customer_phone = msg
            .from
            .clone()
            .or_else(|| contact.and_then(|c| c.wa_id.clone()));
        let payload_value: Value = serde_json::from_str(&payload).unwrap_or(Value::Null);
        let (body, reply_id) = describe(&msg, &payload_value);
        let media_id = ["image", "document", "audio", "video", "sticker"]
            .contains(&msg.kind.as_str())
            .then(|| {
                payload_value[msg.kind.as_str()]["id"]
                    .as_str()
                    .map(str::to_string)
            })
            .flatten();
        change.messages.push(InboundMessage {
            wamid: msg.id,
            customer_key,
            customer_phone,
            customer_name,
            kind: msg.kind,
            body,
            reply_id,
            media_id,
            payload,
        });
    }
    for st in value.statuses {
        let error = (!st.errors.is_empty()).then(|| {
            st.errors
                .iter()
                .map(ErrorObject::describe)
                .collect::<Vec<_>>()
                .join("; ")
        });
        change.statuses.push(StatusUpdate {
            wamid: st.id,
            status: st.status,
            error,
        });
    }
    Ok(change)
}

/// The readable body and the reply id of a message, whatever its type.
fn describe(msg: &Message, raw: &Value) -> (Option<String>, Option<String>) {
    match msg.kind.as_str() {
        "text" => (msg.text.as_ref().map(|t| t.body.clone()), None),
        "interactive" => {
            let reply = msg
                .interactive
                .as_ref()
                .and_then(|i| i.button_reply.as_ref().or(i.list_reply.as_ref()));
            match reply {
                Some(r) => (Some(r.title.clone()), Some(r.id.clone())),
                None => (None, None),
            }
        }
        "button" => match &msg.button {
            Some(b) => (Some(b.text.clone()), b.payload.clone()),
            None => (None, None),
        },
        "reaction" => (
            msg.reaction.as_ref().and_then(|r| r.emoji.clone()),
            msg.reaction.as_ref().map(|r| r.message_id.clone()),
        ),
        "location" => (
            msg.location.as_ref().map(|l| {
                let place = [l.name.as_deref(), l.address.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("📍 {place} ({}, {})", l.latitude, l.longitude)
            }),
            None,
        ),
        "system" => (msg.system.as_ref().and_then(|s| s.body.clone()), None),
        kind @ ("image" | "document" | "video" | "audio" | "sticker") => {
            (raw[kind]["caption"].as_str().map(str::to_string), None)
        }
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests;
