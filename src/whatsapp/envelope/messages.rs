//! One WhatsApp message object read into an [`InboundMessage`], wherever it comes from:
//! a customer's message (`messages`), an owner's echo (`smb_message_echoes`) or a
//! back-filled one (`history`). The readable body of every type lives here
//! ([`describe`]), so the admin thread and the assistant read the same text.

use super::types::*;
use super::{
    invalid, outbox_of_callback, CartItem, Change, EnvelopeError, HistoryBatch, IdentityChange,
    InboundMessage, StatusUpdate,
};
use serde_json::Value;

const MEDIA_KINDS: [&str; 5] = ["image", "document", "audio", "video", "sticker"];

/// A `messages` change: the customers' messages, with their contact card, and the
/// statuses of ours.
pub(super) fn reduce(value: MessagesValue, at: &str) -> Result<Change, EnvelopeError> {
    let mut change = Change {
        phone_number_id: value.metadata.map(|m| m.phone_number_id),
        ..Default::default()
    };
    for (mi, raw) in value.messages.into_iter().enumerate() {
        let at = format!("{at}.messages[{mi}]");
        let (msg, mut m) = read(raw, &at)?;
        m.customer_phone = msg.from.clone();
        m.customer_user_id = msg.from_user_id.clone();
        let contact = value.contacts.iter().find(|c| {
            (c.wa_id.is_some() && c.wa_id == msg.from)
                || (c.user_id.is_some() && c.user_id == msg.from_user_id)
        });
        if let Some(c) = contact {
            m.customer_phone = m.customer_phone.or_else(|| c.wa_id.clone());
            m.customer_user_id = m.customer_user_id.or_else(|| c.user_id.clone());
            m.customer_name = c.profile.as_ref().and_then(|p| p.name.clone());
            m.customer_username = c.profile.as_ref().and_then(|p| p.username.clone());
        }
        let Some(key) = m
            .customer_phone
            .clone()
            .or_else(|| m.customer_user_id.clone())
        else {
            return Err(invalid(&at, "no `from` nor `from_user_id`"));
        };
        m.customer_key = key;
        change.messages.push(m);
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
            outbox_id: st
                .biz_opaque_callback_data
                .as_deref()
                .and_then(outbox_of_callback),
            pricing_category: st.pricing.as_ref().and_then(|p| p.category.clone()),
            billable: st.pricing.as_ref().and_then(|p| p.billable),
        });
    }
    Ok(change)
}

/// `smb_message_echoes`: what the owner typed on the phone, addressed to a customer.
/// An echo we cannot read is skipped (the raw payload keeps it).
pub(super) fn echoes(value: EchoesValue) -> Change {
    let mut change = Change {
        phone_number_id: value.metadata.map(|m| m.phone_number_id),
        ..Default::default()
    };
    for raw in value.message_echoes {
        let Ok((msg, mut m)) = read(raw, "message_echoes") else {
            continue;
        };
        m.customer_phone = msg.to.as_deref().map(digits);
        m.customer_user_id = msg.to_user_id.clone();
        if let Some(key) = m
            .customer_phone
            .clone()
            .or_else(|| m.customer_user_id.clone())
        {
            m.customer_key = key;
            change.echoes.push(m);
        }
    }
    change
}

/// `history`: every thread's messages, each marked outgoing when the business sent it
/// (it names a recipient, or comes from the business number).
pub(super) fn history(value: HistoryValue) -> Change {
    let business = value
        .metadata
        .as_ref()
        .and_then(|m| m.display_phone_number.as_deref())
        .map(digits);
    let mut change = Change {
        phone_number_id: value.metadata.map(|m| m.phone_number_id),
        ..Default::default()
    };
    for chunk in value.history {
        let meta = chunk.metadata.as_ref();
        let mut batch = HistoryBatch {
            phase: meta.and_then(|m| m.phase),
            progress: meta.and_then(|m| m.progress),
            error: (!chunk.errors.is_empty()).then(|| {
                chunk
                    .errors
                    .iter()
                    .map(ErrorObject::describe)
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
            ..Default::default()
        };
        for thread in chunk.threads {
            let customer = digits(&thread.id);
            for raw in thread.messages {
                let Ok((msg, mut m)) = read(raw, "history") else {
                    continue;
                };
                let from = msg.from.as_deref().map(digits);
                let outgoing = msg.to.is_some() || (from.is_some() && from == business);
                m.customer_key = customer.clone();
                m.customer_phone = Some(customer.clone());
                m.status = msg.history_context.and_then(|h| h.status);
                batch.messages.push((m, outgoing));
            }
        }
        change.history.push(batch);
    }
    change
}

fn digits(phone: &str) -> String {
    phone.trim().trim_start_matches('+').to_string()
}

/// Reads the fields every message kind shares; the customer is left to the caller.
fn read(raw: Value, at: &str) -> Result<(Message, InboundMessage), EnvelopeError> {
    let payload = raw.to_string();
    let msg: Message = serde_path_to_error::deserialize(raw.clone())
        .map_err(|e| invalid(&format!("{at}.{}", e.path()), e.inner()))?;
    let (body, reply_id) = describe(&msg.kind, &raw);
    let mut m = InboundMessage {
        wamid: msg.id.clone(),
        kind: msg.kind.clone(),
        body,
        reply_id,
        timestamp: msg.timestamp,
        payload,
        ..Default::default()
    };
    if MEDIA_KINDS.contains(&msg.kind.as_str()) {
        m.media_id = raw[msg.kind.as_str()]["id"].as_str().map(str::to_string);
        m.voice = msg.kind == "audio" && raw["audio"]["voice"].as_bool() == Some(true);
    }
    if let Some(ctx) = &msg.context {
        m.context_wamid = ctx.id.clone();
        m.referred_sku = ctx
            .referred_product
            .as_ref()
            .and_then(|p| p.product_retailer_id.clone());
    }
    match msg.kind.as_str() {
        "order" => {
            m.cart = msg
                .order
                .iter()
                .flat_map(|o| &o.product_items)
                .filter(|i| i.quantity > 0)
                .map(|i| CartItem {
                    sku: i.product_retailer_id.clone(),
                    qty: i.quantity,
                })
                .collect();
        }
        "reaction" => {
            m.target_wamid = raw["reaction"]["message_id"].as_str().map(str::to_string);
        }
        "edit" => {
            if let Some(edit) = &msg.edit {
                m.target_wamid = Some(edit.original_message_id.clone());
                if let Some(inner) = &edit.message {
                    let kind = inner["type"].as_str().unwrap_or("text");
                    m.body = describe(kind, inner).0;
                }
            }
        }
        "revoke" => m.target_wamid = msg.revoke.as_ref().map(|r| r.original_message_id.clone()),
        "system" => m.identity_change = msg.system.as_ref().and_then(identity_change),
        _ => {}
    }
    Ok((msg, m))
}

fn identity_change(s: &System) -> Option<IdentityChange> {
    match s.kind.as_deref() {
        Some("user_changed_number") => Some(IdentityChange::Number {
            phone: digits(s.wa_id.as_deref()?),
            user_id: s.user_id.clone(),
        }),
        Some("user_changed_user_id") => Some(IdentityChange::UserId {
            user_id: s.user_id.clone()?,
        }),
        _ => None,
    }
}

/// The readable body and the reply id of a message object of type `kind`.
pub(super) fn describe(kind: &str, raw: &Value) -> (Option<String>, Option<String>) {
    let text = |v: &Value| v.as_str().map(str::to_string);
    match kind {
        "text" => (text(&raw["text"]["body"]), None),
        "interactive" => {
            let i = &raw["interactive"];
            let reply = if i["button_reply"].is_object() {
                &i["button_reply"]
            } else {
                &i["list_reply"]
            };
            (text(&reply["title"]), text(&reply["id"]))
        }
        "button" => (
            text(&raw["button"]["text"]),
            text(&raw["button"]["payload"]),
        ),
        "reaction" => (text(&raw["reaction"]["emoji"]), None),
        "location" => {
            let l = &raw["location"];
            let place = [l["name"].as_str(), l["address"].as_str()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let (lat, lon) = (l["latitude"].as_f64(), l["longitude"].as_f64());
            match (lat, lon) {
                (Some(lat), Some(lon)) => (Some(format!("📍 {place} ({lat}, {lon})")), None),
                _ => (None, None),
            }
        }
        "system" => (text(&raw["system"]["body"]), None),
        "order" => {
            let items = raw["order"]["product_items"].as_array().map_or(0, Vec::len);
            let note = raw["order"]["text"]
                .as_str()
                .filter(|t| !t.trim().is_empty());
            let summary = format!(
                "🛒 Panier de {items} article{}",
                if items > 1 { "s" } else { "" }
            );
            (
                Some(note.map_or(summary.clone(), |n| format!("{summary} — {n}"))),
                None,
            )
        }
        "template" => (
            raw["template"]["name"]
                .as_str()
                .map(|n| format!("[modèle {n}]")),
            None,
        ),
        kind if MEDIA_KINDS.contains(&kind) => (text(&raw[kind]["caption"]), None),
        _ => (None, None),
    }
}
