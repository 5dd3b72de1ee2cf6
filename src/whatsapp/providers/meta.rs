//! Cloud API (Meta, and 360dialog which relays it): message bodies, media upload,
//! the POST that returns the wamid, and media download. [`CloudEndpoints`] is what
//! differs between Meta and a relay (URLs and the auth header); the request bodies
//! are the same bytes for both.

use super::{classify, transport, Api, Provider, SendError, Sender};
use crate::crypto::FileStore;
use crate::message::OutgoingMessage;
use crate::settings::WhatsappSettings;
use futures_util::future::BoxFuture;
use serde_json::{json, Value};

/// Where a Cloud API speaker listens and how it authenticates.
pub trait CloudEndpoints: Sync {
    fn messages_url(&self, settings: &WhatsappSettings, from: &Sender) -> String;
    fn media_url(&self, settings: &WhatsappSettings, from: &Sender) -> String;
    /// `GET` here gives a media's download URL and mime type.
    fn media_lookup_url(&self, settings: &WhatsappSettings, media_id: &str) -> String;
    /// Where the URL the lookup answered is fetched.
    fn media_download_url(&self, settings: &WhatsappSettings, url: &str) -> String;
    fn auth(&self, req: reqwest::RequestBuilder, token: &str) -> reqwest::RequestBuilder;
}

/// Meta's own Cloud API, on `graph_api_base` with a bearer token.
pub struct Meta;

impl CloudEndpoints for Meta {
    fn messages_url(&self, settings: &WhatsappSettings, from: &Sender) -> String {
        format!(
            "{}/{}/messages",
            settings.graph_api_base, from.phone_number_id
        )
    }

    fn media_url(&self, settings: &WhatsappSettings, from: &Sender) -> String {
        format!("{}/{}/media", settings.graph_api_base, from.phone_number_id)
    }

    fn media_lookup_url(&self, settings: &WhatsappSettings, media_id: &str) -> String {
        format!("{}/{media_id}", settings.graph_api_base)
    }

    fn media_download_url(&self, _settings: &WhatsappSettings, url: &str) -> String {
        url.to_string()
    }

    fn auth(&self, req: reqwest::RequestBuilder, token: &str) -> reqwest::RequestBuilder {
        req.bearer_auth(token)
    }
}

impl Provider for Meta {
    fn send<'a>(
        &'a self,
        api: Api<'a>,
        files: &'a FileStore,
        from: &'a Sender,
        to: &'a str,
        msg: &'a OutgoingMessage,
    ) -> BoxFuture<'a, Result<String, SendError>> {
        Box::pin(send(self, api, files, from, to, msg))
    }

    fn download_media<'a>(
        &'a self,
        api: Api<'a>,
        from: &'a Sender,
        media_id: &'a str,
    ) -> BoxFuture<'a, Result<(Vec<u8>, String), SendError>> {
        Box::pin(download_media(self, api, from, media_id))
    }
}

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
pub fn body(to: &str, msg: &OutgoingMessage, media: Option<&Media>) -> Value {
    let mut out =
        json!({ "messaging_product": "whatsapp", "recipient_type": "individual", "to": to });
    let (kind, content) = match msg {
        OutgoingMessage::Text { body } => ("text", json!({ "body": body, "preview_url": false })),
        OutgoingMessage::Document {
            filename, caption, ..
        } => {
            let mut o = media.map(Media::object).unwrap_or_else(|| json!({}));
            o["filename"] = json!(filename);
            if let Some(c) = caption {
                o["caption"] = json!(c);
            }
            ("document", o)
        }
        OutgoingMessage::Image { caption, .. } => {
            let mut o = media.map(Media::object).unwrap_or_else(|| json!({}));
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
        OutgoingMessage::Template {
            name,
            language,
            params,
        } => {
            let mut t = json!({ "name": name, "language": { "code": language } });
            if !params.is_empty() {
                t["components"] = json!([{
                    "type": "body",
                    "parameters": params.iter().map(|p| json!({ "type": "text", "text": p })).collect::<Vec<_>>()
                }]);
            }
            ("template", t)
        }
    };
    out["type"] = json!(kind);
    out[kind] = content;
    out
}

/// A stored file is uploaded; a `stored` value that is already a URL is sent as a link.
async fn media_for<E: CloudEndpoints>(
    endpoints: &E,
    api: Api<'_>,
    files: &FileStore,
    from: &Sender,
    stored: &str,
    filename: &str,
) -> Result<Media, SendError> {
    if stored.starts_with("https://") || stored.starts_with("http://") {
        return Ok(Media::Link(stored.to_string()));
    }
    let bytes = {
        let (files, stored) = (files.clone(), stored.to_string());
        tokio::task::spawn_blocking(move || files.get(&stored))
            .await
            .map_err(|e| SendError::Retry(e.to_string()))?
            .map_err(|e| SendError::Permanent(format!("cannot read the file to send: {e}")))?
    };
    let mime = mime_guess::from_path(filename)
        .first_or_octet_stream()
        .to_string();
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(filename.to_string())
        .mime_str(&mime)
        .map_err(|e| SendError::Permanent(e.to_string()))?;
    let form = reqwest::multipart::Form::new()
        .text("messaging_product", "whatsapp")
        .text("type", mime)
        .part("file", part);
    let req = endpoints.auth(
        api.http.post(endpoints.media_url(api.settings, from)),
        from.token.expose(),
    );
    let res = req.multipart(form).send().await.map_err(transport)?;
    let status = res.status().as_u16();
    let text = res.text().await.map_err(transport)?;
    if !(200..300).contains(&status) {
        return Err(classify(status, &text));
    }
    let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    json["id"]
        .as_str()
        .map(|id| Media::Id(id.to_string()))
        .ok_or_else(|| SendError::Retry("media upload answered without an id".into()))
}

/// Sends `msg` through a Cloud API speaker: uploads its media first when it has one.
pub async fn send<E: CloudEndpoints>(
    endpoints: &E,
    api: Api<'_>,
    files: &FileStore,
    from: &Sender,
    to: &str,
    msg: &OutgoingMessage,
) -> Result<String, SendError> {
    let media = match msg {
        OutgoingMessage::Document {
            stored, filename, ..
        } => Some(media_for(endpoints, api, files, from, stored, filename).await?),
        OutgoingMessage::Image { stored, .. } => {
            let name = stored.rsplit('/').next().unwrap_or("image.jpg");
            Some(media_for(endpoints, api, files, from, stored, name).await?)
        }
        _ => None,
    };
    let payload = body(to, msg, media.as_ref());
    let req = endpoints.auth(
        api.http.post(endpoints.messages_url(api.settings, from)),
        from.token.expose(),
    );
    let res = req.json(&payload).send().await.map_err(transport)?;
    let status = res.status().as_u16();
    let text = res.text().await.map_err(transport)?;
    if !(200..300).contains(&status) {
        return Err(classify(status, &text));
    }
    let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    // Accepted without an id would be a provider bug; record it as sent, not resend.
    Ok(json["messages"][0]["id"].as_str().unwrap_or("").to_string())
}

/// Downloads an inbound media: the lookup URL gives a download URL, fetched with the
/// same credentials. Returns (bytes, mime type).
pub async fn download_media<E: CloudEndpoints>(
    endpoints: &E,
    api: Api<'_>,
    from: &Sender,
    media_id: &str,
) -> Result<(Vec<u8>, String), SendError> {
    let token = from.token.expose();
    let req = endpoints.auth(
        api.http
            .get(endpoints.media_lookup_url(api.settings, media_id)),
        token,
    );
    let res = req.send().await.map_err(transport)?;
    let status = res.status().as_u16();
    let text = res.text().await.map_err(transport)?;
    if !(200..300).contains(&status) {
        return Err(classify(status, &text));
    }
    let meta: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let url = meta["url"]
        .as_str()
        .ok_or_else(|| SendError::Permanent("media lookup answered without a url".into()))?;
    let url = endpoints.media_download_url(api.settings, url);
    let mime = meta["mime_type"]
        .as_str()
        .unwrap_or("application/octet-stream")
        .to_string();
    let res = endpoints
        .auth(api.http.get(url), token)
        .send()
        .await
        .map_err(transport)?;
    let status = res.status().as_u16();
    if !(200..300).contains(&status) {
        let text = res.text().await.unwrap_or_default();
        return Err(classify(status, &text));
    }
    let bytes = res.bytes().await.map_err(transport)?;
    Ok((bytes.to_vec(), mime))
}
