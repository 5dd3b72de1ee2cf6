//! Gupshup: its v2 inbound format (messages and message-events) reduced to the same
//! [`Change`]s as the Cloud API, and outbound form posts to `{gupshup_api_base}/msg`
//! (`/template/msg` for templates) with the `apikey` header. For a Gupshup number,
//! `phone_number_id` holds the Gupshup app name (`src.name`) and `wa_number` the
//! source number. Gupshup sends and delivers media only by public URL: an inbound
//! media's "id" is that URL, fetched as it is. It cannot address a customer known only
//! by a business-scoped user id, nor list templates: both fail with a French reason
//! the owner reads.

use super::{classify, fetch_error, is_user_id, transport, Api, MediaStream, Outgoing};
use super::{Provider, SendError, Sender};
use crate::crypto::FileStore;
use crate::db::templates::Synced;
use crate::message::OutgoingMessage;
use crate::whatsapp::envelope::{Change, EnvelopeError, InboundMessage, StatusUpdate};
use futures_util::future::BoxFuture;
use serde::Deserialize;
use serde_json::{json, Value};

/// Gupshup's own API.
pub struct Gupshup;

/// Why a username-only customer cannot be reached through Gupshup.
pub const NO_USER_ID: &str = "Gupshup ne permet pas d'écrire à un client qui n'a partagé qu'un nom d'utilisateur : attendez qu'il écrive depuis son numéro, ou répondez-lui depuis l'application WhatsApp Business.";

impl Provider for Gupshup {
    fn send<'a>(
        &'a self,
        api: Api<'a>,
        _files: &'a FileStore,
        from: &'a Sender,
        out: Outgoing<'a>,
    ) -> BoxFuture<'a, Result<String, SendError>> {
        Box::pin(send(api, from, out.to, out.msg))
    }

    fn open_media<'a>(
        &'a self,
        api: Api<'a>,
        _from: &'a Sender,
        media_id: &'a str,
    ) -> BoxFuture<'a, Result<MediaStream, SendError>> {
        Box::pin(open_media(api, media_id))
    }

    fn mark_read<'a>(
        &'a self,
        _api: Api<'a>,
        _from: &'a Sender,
        _wamid: &'a str,
    ) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(std::future::ready(Ok(())))
    }

    fn list_templates<'a>(
        &'a self,
        _api: Api<'a>,
        _from: &'a Sender,
        _waba_id: &'a str,
    ) -> BoxFuture<'a, Result<Vec<Synced>, SendError>> {
        Box::pin(std::future::ready(Err(SendError::Permanent(
            "Gupshup : la liste des modèles se consulte dans la console Gupshup".into(),
        ))))
    }
}

/// Fetches a Gupshup media by the URL its webhook gave.
async fn open_media(api: Api<'_>, url: &str) -> Result<MediaStream, SendError> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(SendError::Permanent("Gupshup media without a URL".into()));
    }
    let response = api
        .http
        .get(url)
        .timeout(super::MEDIA_DOWNLOAD_TIMEOUT)
        .send()
        .await
        .map_err(fetch_error)?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        let text = response.text().await.unwrap_or_default();
        return Err(classify(status, &text));
    }
    let mime = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_string();
    let length = response.content_length();
    Ok(MediaStream {
        response,
        mime,
        length,
    })
}

#[derive(Debug, Deserialize)]
struct Event {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    payload: Value,
}

/// Parses one Gupshup v2 callback.
pub fn parse_inbound(body: &[u8]) -> Result<Vec<Change>, EnvelopeError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    let event: Event = serde_path_to_error::deserialize(de).map_err(|e| {
        EnvelopeError(format!(
            "invalid Gupshup callback at `{}`: {}",
            e.path(),
            e.inner()
        ))
    })?;
    let p = &event.payload;
    let mut change = Change::default();
    match event.kind.as_str() {
        "message" => {
            let (Some(id), Some(kind)) = (p["id"].as_str(), p["type"].as_str()) else {
                return Err(EnvelopeError(
                    "invalid Gupshup callback: `payload.id` and `payload.type` are required".into(),
                ));
            };
            let phone = p["sender"]["phone"]
                .as_str()
                .or(p["source"].as_str())
                .filter(|s| !s.is_empty());
            let user_id = p["sender"]["userId"].as_str().filter(|s| !s.is_empty());
            let Some(key) = phone.or(user_id) else {
                return Err(EnvelopeError(
                    "invalid Gupshup callback: no `payload.sender.phone` nor `payload.sender.userId`".into(),
                ));
            };
            let inner = &p["payload"];
            let (body, reply_id) = match kind {
                "text" => (inner["text"].as_str(), None),
                "button_reply" | "list_reply" | "quick_reply" => (
                    inner["title"].as_str(),
                    inner["postbackText"].as_str().or(inner["id"].as_str()),
                ),
                "image" | "file" | "video" | "audio" => (inner["caption"].as_str(), None),
                _ => (None, None),
            };
            let kind = match kind {
                "button_reply" | "list_reply" | "quick_reply" => "interactive",
                "file" => "document",
                other => other,
            };
            change.messages.push(InboundMessage {
                wamid: id.to_string(),
                customer_key: key.to_string(),
                customer_phone: phone.map(str::to_string),
                customer_user_id: user_id.map(str::to_string),
                customer_name: p["sender"]["name"].as_str().map(str::to_string),
                kind: kind.to_string(),
                body: body.map(str::to_string),
                reply_id: reply_id.map(str::to_string),
                // Gupshup gives the media's URL, which its download fetches.
                media_id: inner["url"].as_str().map(str::to_string),
                context_wamid: p["context"]["gsId"]
                    .as_str()
                    .or(p["context"]["id"].as_str())
                    .map(str::to_string),
                payload: p.to_string(),
                ..Default::default()
            });
        }
        "message-event" => {
            let id = p["gsId"].as_str().or(p["id"].as_str());
            if let (Some(id), Some(status)) = (id, p["type"].as_str()) {
                let error = (status == "failed").then(|| {
                    format!(
                        "{}: {}",
                        p["payload"]["code"],
                        p["payload"]["reason"].as_str().unwrap_or("")
                    )
                });
                change.statuses.push(StatusUpdate {
                    wamid: id.to_string(),
                    status: status.to_string(),
                    error,
                    pricing_category: p["pricing"]["category"].as_str().map(str::to_string),
                    billable: p["pricing"]["billable"].as_bool(),
                    ..Default::default()
                });
            }
        }
        _ => {}
    }
    Ok(vec![change])
}

/// The `message` form field for `msg`.
pub fn message_json(msg: &OutgoingMessage) -> Result<Value, SendError> {
    let link = |stored: &str| -> Result<String, SendError> {
        if stored.starts_with("https://") || stored.starts_with("http://") {
            Ok(stored.to_string())
        } else {
            Err(SendError::Permanent(
                "Gupshup sends media only by public URL".into(),
            ))
        }
    };
    Ok(match msg {
        OutgoingMessage::Text { body } => json!({ "type": "text", "text": body }),
        OutgoingMessage::Document {
            stored,
            filename,
            caption,
        } => {
            json!({ "type": "file", "url": link(stored)?, "filename": filename, "caption": caption })
        }
        OutgoingMessage::Image { stored, caption } => {
            let url = link(stored)?;
            json!({ "type": "image", "originalUrl": url, "previewUrl": url, "caption": caption })
        }
        OutgoingMessage::Buttons { body, buttons } => json!({
            "type": "quick_reply",
            "content": { "type": "text", "text": body },
            "options": buttons.iter().map(|b| json!({ "type": "text", "title": b.title, "postbackText": b.id })).collect::<Vec<_>>()
        }),
        OutgoingMessage::List { body, button, rows } => json!({
            "type": "list",
            "body": body,
            "globalButtons": [{ "type": "text", "title": button }],
            "items": [{ "options": rows.iter().map(|r| json!({
                "type": "text", "title": r.title, "description": r.description, "postbackText": r.id
            })).collect::<Vec<_>>() }]
        }),
        // Gupshup's message API has no CTA-URL button: the link goes in the text,
        // which WhatsApp shows clickable.
        OutgoingMessage::CtaUrl {
            body,
            display_text,
            url,
        } => json!({ "type": "text", "text": format!("{body}\n{display_text} : {url}") }),
        OutgoingMessage::Template { name, params, .. } => json!({ "id": name, "params": params }),
        OutgoingMessage::Product { .. } | OutgoingMessage::ProductList { .. } => {
            return Err(SendError::Permanent(
                "Gupshup : les messages du catalogue Meta ne sont pas pris en charge".into(),
            ))
        }
    })
}

/// Posts `msg` as Gupshup's form; returns its `messageId`.
pub async fn send(
    api: Api<'_>,
    from: &Sender,
    to: &str,
    msg: &OutgoingMessage,
) -> Result<String, SendError> {
    if is_user_id(to) {
        return Err(SendError::Permanent(NO_USER_ID.into()));
    }
    let settings = api.settings;
    let content = message_json(msg)?.to_string();
    let source = from.wa_number.trim_start_matches('+').replace(' ', "");
    let (url, field) = match msg {
        OutgoingMessage::Template { .. } => (
            format!("{}/template/msg", settings.gupshup_api_base),
            "template",
        ),
        _ => (format!("{}/msg", settings.gupshup_api_base), "message"),
    };
    let form = [
        ("channel", "whatsapp"),
        ("source", source.as_str()),
        ("destination", to),
        (field, content.as_str()),
        ("src.name", from.phone_number_id.as_str()),
    ];
    let res = api
        .http
        .post(url)
        .header("apikey", from.token.expose())
        .form(&form)
        .send()
        .await
        .map_err(transport)?;
    let status = res.status().as_u16();
    let text = res.text().await.map_err(transport)?;
    if !(200..300).contains(&status) {
        return Err(classify(status, &text));
    }
    let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if json["status"].as_str() == Some("error") {
        return Err(SendError::Permanent(format!(
            "Gupshup: {}",
            json["message"].as_str().unwrap_or("")
        )));
    }
    Ok(json["messageId"].as_str().unwrap_or("").to_string())
}
