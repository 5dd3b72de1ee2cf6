//! The Cloud API message body, the same bytes for Meta and 360dialog: the recipient
//! (`to` for a phone, `recipient` for a business-scoped user id, as Meta documents for
//! customers who show a username), `biz_opaque_callback_data` (our outbox row, echoed in
//! the status webhooks), and the message object of each [`OutgoingMessage`].

use super::is_user_id;
use crate::message::OutgoingMessage;
use serde_json::{json, Value};

/// A media object by uploaded id or by public link.
#[derive(Debug, Clone, PartialEq)]
pub enum Media {
    Id(String),
    Link(String),
}

impl Media {
    fn object(&self) -> Value {
        match self {
            Media::Id(id) => json!({ "id": id }),
            Media::Link(link) => json!({ "link": link }),
        }
    }
}

/// The Cloud API body of `msg` for `to`; `media` is required for documents and images.
pub fn body(
    to: &str,
    msg: &OutgoingMessage,
    media: Option<&Media>,
    callback: Option<&str>,
) -> Value {
    let mut out = json!({ "messaging_product": "whatsapp", "recipient_type": "individual" });
    if is_user_id(to) {
        out["recipient"] = json!(to);
    } else {
        out["to"] = json!(to);
    }
    if let Some(data) = callback {
        out["biz_opaque_callback_data"] = json!(data);
    }
    let (kind, content) = content(msg, media);
    out["type"] = json!(kind);
    out[kind] = content;
    out
}

fn with_media(media: Option<&Media>) -> Value {
    media.map(Media::object).unwrap_or_else(|| json!({}))
}

fn content(msg: &OutgoingMessage, media: Option<&Media>) -> (&'static str, Value) {
    match msg {
        OutgoingMessage::Text { body } => ("text", json!({ "body": body, "preview_url": false })),
        OutgoingMessage::Document {
            filename, caption, ..
        } => {
            let mut o = with_media(media);
            o["filename"] = json!(filename);
            if let Some(c) = caption {
                o["caption"] = json!(c);
            }
            ("document", o)
        }
        OutgoingMessage::Image { caption, .. } => {
            let mut o = with_media(media);
            if let Some(c) = caption {
                o["caption"] = json!(c);
            }
            ("image", o)
        }
        OutgoingMessage::Buttons { body, buttons } => (
            "interactive",
            json!({
                "type": "button",
                "body": { "text": body },
                "action": { "buttons": buttons.iter().map(|b| json!({
                    "type": "reply", "reply": { "id": b.id, "title": b.title }
                })).collect::<Vec<_>>() }
            }),
        ),
        OutgoingMessage::List { body, button, rows } => (
            "interactive",
            json!({
                "type": "list",
                "body": { "text": body },
                "action": {
                    "button": button,
                    "sections": [{ "rows": rows.iter().map(|r| {
                        let mut row = json!({ "id": r.id, "title": r.title });
                        if let Some(d) = &r.description { row["description"] = json!(d); }
                        row
                    }).collect::<Vec<_>>() }]
                }
            }),
        ),
        OutgoingMessage::CtaUrl {
            body,
            display_text,
            url,
        } => (
            "interactive",
            json!({
                "type": "cta_url",
                "body": { "text": body },
                "action": {
                    "name": "cta_url",
                    "parameters": { "display_text": display_text, "url": url }
                }
            }),
        ),
        OutgoingMessage::Template {
            name,
            language,
            params,
            param_names,
        } => {
            let mut t = json!({ "name": name, "language": { "code": language } });
            if !params.is_empty() {
                let parameters: Vec<Value> = params
                    .iter()
                    .enumerate()
                    .map(|(i, p)| match param_names.get(i) {
                        Some(n) => json!({ "type": "text", "parameter_name": n, "text": p }),
                        None => json!({ "type": "text", "text": p }),
                    })
                    .collect();
                t["components"] = json!([{ "type": "body", "parameters": parameters }]);
            }
            ("template", t)
        }
        OutgoingMessage::Product {
            body,
            catalog_id,
            sku,
        } => (
            "interactive",
            json!({
                "type": "product",
                "body": { "text": body },
                "action": { "catalog_id": catalog_id, "product_retailer_id": sku }
            }),
        ),
        OutgoingMessage::ProductList {
            header,
            body,
            catalog_id,
            skus,
        } => (
            "interactive",
            json!({
                "type": "product_list",
                "header": { "type": "text", "text": header },
                "body": { "text": body },
                "action": {
                    "catalog_id": catalog_id,
                    "sections": [{
                        "title": header.chars().take(24).collect::<String>(),
                        "product_items": skus.iter().map(|s| json!({ "product_retailer_id": s })).collect::<Vec<_>>()
                    }]
                }
            }),
        ),
    }
}
