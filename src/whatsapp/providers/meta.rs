//! Cloud API (Meta, and 360dialog which relays it): media upload, the POST that returns
//! the wamid, media opened as a stream, "read + typing…", and the template list.
//! [`CloudEndpoints`] is what differs between Meta and a relay (URLs and the auth
//! header); the request bodies are the same bytes for both ([`super::cloud_body`]).

use super::cloud_body::{body, Media};
use super::{classify, fetch_error, template_list, transport, Api, MediaStream, Outgoing};
use super::{Provider, SendError, Sender};
use crate::crypto::FileStore;
use crate::db::templates::Synced;
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
    /// The first page of the templates of `waba_id`.
    fn templates_url(&self, settings: &WhatsappSettings, waba_id: &str) -> String;
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

    fn templates_url(&self, settings: &WhatsappSettings, waba_id: &str) -> String {
        format!(
            "{}/{waba_id}/message_templates?fields=name,language,status,category,components,parameter_format&limit=100",
            settings.graph_api_base
        )
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
        out: Outgoing<'a>,
    ) -> BoxFuture<'a, Result<String, SendError>> {
        Box::pin(send(self, api, files, from, out))
    }

    fn open_media<'a>(
        &'a self,
        api: Api<'a>,
        from: &'a Sender,
        media_id: &'a str,
    ) -> BoxFuture<'a, Result<MediaStream, SendError>> {
        Box::pin(open_media(self, api, from, media_id))
    }

    fn mark_read<'a>(
        &'a self,
        api: Api<'a>,
        from: &'a Sender,
        wamid: &'a str,
    ) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(mark_read(self, api, from, wamid))
    }

    fn list_templates<'a>(
        &'a self,
        api: Api<'a>,
        from: &'a Sender,
        waba_id: &'a str,
    ) -> BoxFuture<'a, Result<Vec<Synced>, SendError>> {
        Box::pin(list_templates(self, api, from, waba_id))
    }
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
    // An upload that went astray only costs another upload: retried, never held.
    let res = req.multipart(form).send().await.map_err(fetch_error)?;
    let status = res.status().as_u16();
    let text = res.text().await.map_err(fetch_error)?;
    if !(200..300).contains(&status) {
        return Err(classify(status, &text));
    }
    let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    json["id"]
        .as_str()
        .map(|id| Media::Id(id.to_string()))
        .ok_or_else(|| SendError::Retry("media upload answered without an id".into()))
}

/// Sends a message through a Cloud API speaker: uploads its media first when it has one.
pub async fn send<E: CloudEndpoints>(
    endpoints: &E,
    api: Api<'_>,
    files: &FileStore,
    from: &Sender,
    out: Outgoing<'_>,
) -> Result<String, SendError> {
    let media = match out.msg {
        OutgoingMessage::Document {
            stored, filename, ..
        } => Some(media_for(endpoints, api, files, from, stored, filename).await?),
        OutgoingMessage::Image { stored, .. } => {
            let name = stored.rsplit('/').next().unwrap_or("image.jpg");
            Some(media_for(endpoints, api, files, from, stored, name).await?)
        }
        _ => None,
    };
    let payload = body(out.to, out.msg, media.as_ref(), out.callback);
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

/// Opens an inbound media: the lookup URL gives a short-lived download URL, fetched
/// with the same credentials; its body is left to stream.
pub async fn open_media<E: CloudEndpoints>(
    endpoints: &E,
    api: Api<'_>,
    from: &Sender,
    media_id: &str,
) -> Result<MediaStream, SendError> {
    let token = from.token.expose();
    let req = endpoints.auth(
        api.http
            .get(endpoints.media_lookup_url(api.settings, media_id)),
        token,
    );
    let res = req.send().await.map_err(fetch_error)?;
    let status = res.status().as_u16();
    let text = res.text().await.map_err(fetch_error)?;
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
    let announced = meta["file_size"]
        .as_u64()
        .or_else(|| meta["file_size"].as_str().and_then(|s| s.parse().ok()));
    let response = endpoints
        .auth(
            api.http.get(url).timeout(super::MEDIA_DOWNLOAD_TIMEOUT),
            token,
        )
        .send()
        .await
        .map_err(fetch_error)?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        let text = response.text().await.unwrap_or_default();
        return Err(classify(status, &text));
    }
    let length = response.content_length().or(announced);
    Ok(MediaStream {
        response,
        mime,
        length,
    })
}

/// `POST /messages {"status": "read", "message_id", "typing_indicator": {"type": "text"}}`.
pub async fn mark_read<E: CloudEndpoints>(
    endpoints: &E,
    api: Api<'_>,
    from: &Sender,
    wamid: &str,
) -> Result<(), SendError> {
    let payload = json!({
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": wamid,
        "typing_indicator": { "type": "text" }
    });
    let res = endpoints
        .auth(
            api.http.post(endpoints.messages_url(api.settings, from)),
            from.token.expose(),
        )
        .json(&payload)
        .send()
        .await
        .map_err(fetch_error)?;
    let status = res.status().as_u16();
    if !(200..300).contains(&status) {
        let text = res.text().await.unwrap_or_default();
        return Err(classify(status, &text));
    }
    Ok(())
}

/// Every page of the account's templates (at most 20 pages of 100).
pub async fn list_templates<E: CloudEndpoints>(
    endpoints: &E,
    api: Api<'_>,
    from: &Sender,
    waba_id: &str,
) -> Result<Vec<Synced>, SendError> {
    let mut url = Some(endpoints.templates_url(api.settings, waba_id));
    let mut all = Vec::new();
    for _ in 0..20 {
        let Some(next) = url.take() else { break };
        let res = endpoints
            .auth(api.http.get(next), from.token.expose())
            .send()
            .await
            .map_err(fetch_error)?;
        let status = res.status().as_u16();
        let text = res.text().await.map_err(fetch_error)?;
        if !(200..300).contains(&status) {
            return Err(classify(status, &text));
        }
        let json: Value = serde_json::from_str(&text)
            .map_err(|e| SendError::Permanent(format!("template list is not JSON: {e}")))?;
        let (items, more) = template_list::page(&json);
        all.extend(items);
        url = more;
    }
    Ok(all)
}
