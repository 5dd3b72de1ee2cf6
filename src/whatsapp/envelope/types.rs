//! Serde shapes of the Cloud API webhook `value`s we read, as Meta documents them:
//! `messages` (messages, contacts, statuses), `smb_message_echoes`, `history`,
//! `smb_app_state_sync` and `message_template_status_update`. Only the fields we act on
//! are named; the rest stays in the raw payload.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

#[derive(Debug, Deserialize)]
pub struct Envelope {
    pub object: String,
    pub entry: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
pub struct Entry {
    /// The WhatsApp Business Account id.
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

#[derive(Debug, Deserialize)]
pub struct Metadata {
    pub phone_number_id: String,
    #[serde(default)]
    pub display_phone_number: Option<String>,
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
pub struct Contact {
    #[serde(default)]
    pub wa_id: Option<String>,
    /// The business-scoped user id (BSUID).
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub profile: Option<Profile>,
}

#[derive(Debug, Deserialize)]
pub struct Profile {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
}

/// The fields of one message (inbound, echo or history) we act on.
#[derive(Debug, Deserialize)]
pub struct Message {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub from_user_id: Option<String>,
    /// Echoes and history: the customer the business wrote to.
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default, alias = "recipient_user_id")]
    pub to_user_id: Option<String>,
    #[serde(default, deserialize_with = "de_opt_i64")]
    pub timestamp: Option<i64>,
    #[serde(default)]
    pub context: Option<Context>,
    #[serde(default)]
    pub system: Option<System>,
    #[serde(default)]
    pub order: Option<Order>,
    #[serde(default)]
    pub edit: Option<Edit>,
    #[serde(default)]
    pub revoke: Option<Revoke>,
    #[serde(default)]
    pub history_context: Option<HistoryContext>,
}

#[derive(Debug, Deserialize)]
pub struct Context {
    /// The quoted message; absent on a forwarded message.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub referred_product: Option<ReferredProduct>,
}

#[derive(Debug, Deserialize)]
pub struct ReferredProduct {
    #[serde(default)]
    pub product_retailer_id: Option<String>,
}

/// `user_changed_number` (with the new phone in `wa_id`) or `user_changed_user_id`
/// (with the new BSUID in `user_id`).
#[derive(Debug, Deserialize)]
pub struct System {
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub wa_id: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
}

/// A cart sent from the shop's Meta catalogue.
#[derive(Debug, Deserialize)]
pub struct Order {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub product_items: Vec<ProductItem>,
}

#[derive(Debug, Deserialize)]
pub struct ProductItem {
    pub product_retailer_id: String,
    #[serde(deserialize_with = "de_i64")]
    pub quantity: i64,
}

#[derive(Debug, Deserialize)]
pub struct Edit {
    pub original_message_id: String,
    /// The message as it reads now (`type` and its object).
    #[serde(default)]
    pub message: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct Revoke {
    pub original_message_id: String,
}

#[derive(Debug, Deserialize)]
pub struct HistoryContext {
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Status {
    pub id: String,
    pub status: String,
    #[serde(default)]
    pub recipient_id: Option<String>,
    /// What we sent as `biz_opaque_callback_data`: our outbox row.
    #[serde(default)]
    pub biz_opaque_callback_data: Option<String>,
    #[serde(default)]
    pub pricing: Option<Pricing>,
    #[serde(default)]
    pub errors: Vec<ErrorObject>,
}

#[derive(Debug, Deserialize)]
pub struct Pricing {
    #[serde(default)]
    pub billable: Option<bool>,
    #[serde(default)]
    pub category: Option<String>,
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

/// `value` of a `smb_message_echoes` change.
#[derive(Debug, Deserialize)]
pub struct EchoesValue {
    #[serde(default)]
    pub metadata: Option<Metadata>,
    #[serde(default)]
    pub message_echoes: Vec<Value>,
}

/// `value` of a `history` change.
#[derive(Debug, Deserialize)]
pub struct HistoryValue {
    #[serde(default)]
    pub metadata: Option<Metadata>,
    #[serde(default)]
    pub history: Vec<HistoryChunk>,
}

#[derive(Debug, Deserialize)]
pub struct HistoryChunk {
    #[serde(default)]
    pub metadata: Option<HistoryMeta>,
    #[serde(default)]
    pub threads: Vec<HistoryThread>,
    /// The owner declined to share the history (code 2593109).
    #[serde(default)]
    pub errors: Vec<ErrorObject>,
}

#[derive(Debug, Deserialize)]
pub struct HistoryMeta {
    #[serde(default, deserialize_with = "de_opt_i64")]
    pub phase: Option<i64>,
    #[serde(default, deserialize_with = "de_opt_i64")]
    pub chunk_order: Option<i64>,
    #[serde(default, deserialize_with = "de_opt_i64")]
    pub progress: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct HistoryThread {
    /// The customer's phone number.
    pub id: String,
    #[serde(default)]
    pub messages: Vec<Value>,
}

/// `value` of a `smb_app_state_sync` change.
#[derive(Debug, Deserialize)]
pub struct StateSyncValue {
    #[serde(default)]
    pub metadata: Option<Metadata>,
    #[serde(default)]
    pub state_sync: Vec<StateSync>,
}

#[derive(Debug, Deserialize)]
pub struct StateSync {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub contact: Option<SyncedContact>,
    #[serde(default)]
    pub action: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SyncedContact {
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    pub phone_number: String,
}

/// `value` of a `message_template_status_update` (or `template_category_update`) change.
#[derive(Debug, Deserialize)]
pub struct TemplateValue {
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    pub message_template_name: Option<String>,
    #[serde(default)]
    pub message_template_language: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default, alias = "new_category")]
    pub message_template_category: Option<String>,
}

/// Meta writes numbers as JSON numbers or as strings, depending on the field's age.
fn de_i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    match Value::deserialize(d)? {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f as i64))
            .ok_or_else(|| serde::de::Error::custom("not an integer")),
        Value::String(s) => s.trim().parse().map_err(serde::de::Error::custom),
        other => Err(serde::de::Error::custom(format!(
            "expected a number, got {other}"
        ))),
    }
}

fn de_opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::Number(n) => Ok(n.as_i64().or_else(|| n.as_f64().map(|f| f as i64))),
        Value::String(s) => Ok(s.trim().parse().ok()),
        _ => Ok(None),
    }
}
