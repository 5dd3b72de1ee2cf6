//! The providers that carry a shop's number: Meta's Cloud API, 360dialog (which relays
//! it) and Gupshup. Each implements [`Provider`]; [`for_kind`] picks one from the
//! number's [`ProviderKind`], and [`send`] / [`download_media`] are what the outbox
//! sender and the media job call. Meta and 360dialog speak the Cloud API message body
//! (different URL and auth header); Gupshup takes a form with its own message JSON.
//!
//! Every failure is classified once, here: transport errors, 5xx, 429 and the
//! throttling codes are retried; anything else is permanent and shown to the owner.

pub mod dialog360;
pub mod gupshup;
pub mod meta;

use crate::crypto::FileStore;
use crate::kinds::ProviderKind;
use crate::message::OutgoingMessage;
use crate::settings::WhatsappSettings;
use futures_util::future::BoxFuture;
use serde_json::Value;

pub use crate::db::numbers::Sender;

/// Meta error codes that mean "later", not "never".
const RETRY_CODES: [i64; 6] = [130429, 131056, 131016, 80007, 4, 2];

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SendError {
    #[error("temporary: {0}")]
    Retry(String),
    #[error("{0}")]
    Permanent(String),
}

/// What every provider call shares: the HTTP client and the API bases (settings, so
/// tests point them at a fake server).
#[derive(Clone, Copy)]
pub struct Api<'a> {
    pub http: &'a reqwest::Client,
    pub settings: &'a WhatsappSettings,
}

/// One provider's wire format. Futures are boxed so the provider can be chosen at run
/// time from the number's row.
pub trait Provider: Send + Sync {
    /// Sends one message from `from` to `to`; returns the provider's message id (the
    /// wamid for the Cloud API). `files` holds the documents and images to upload.
    fn send<'a>(
        &'a self,
        api: Api<'a>,
        files: &'a FileStore,
        from: &'a Sender,
        to: &'a str,
        msg: &'a OutgoingMessage,
    ) -> BoxFuture<'a, Result<String, SendError>>;

    /// Downloads an inbound media by the id its webhook gave: (bytes, mime type).
    fn download_media<'a>(
        &'a self,
        api: Api<'a>,
        from: &'a Sender,
        media_id: &'a str,
    ) -> BoxFuture<'a, Result<(Vec<u8>, String), SendError>>;
}

/// The provider that carries numbers of `kind`.
pub fn for_kind(kind: ProviderKind) -> &'static dyn Provider {
    match kind {
        ProviderKind::Meta => &meta::Meta,
        ProviderKind::Dialog360 => &dialog360::Dialog360,
        ProviderKind::Gupshup => &gupshup::Gupshup,
    }
}

/// Sends one message through the provider of `from`; returns the provider's message id.
pub async fn send(
    http: &reqwest::Client,
    settings: &WhatsappSettings,
    files: &FileStore,
    from: &Sender,
    to: &str,
    msg: &OutgoingMessage,
) -> Result<String, SendError> {
    let api = Api { http, settings };
    for_kind(from.provider)
        .send(api, files, from, to, msg)
        .await
}

/// Downloads an inbound media through the provider of `from`: (bytes, mime type).
pub async fn download_media(
    http: &reqwest::Client,
    settings: &WhatsappSettings,
    from: &Sender,
    media_id: &str,
) -> Result<(Vec<u8>, String), SendError> {
    let api = Api { http, settings };
    for_kind(from.provider)
        .download_media(api, from, media_id)
        .await
}

/// Turns an HTTP answer into a retry or permanent error.
pub fn classify(status: u16, body: &str) -> SendError {
    let json: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let err = &json["error"];
    let code = err["code"].as_i64();
    let message = err["message"]
        .as_str()
        .or(json["message"].as_str())
        .unwrap_or("")
        .chars()
        .take(300)
        .collect::<String>();
    let reason = match code {
        Some(c) => format!("HTTP {status}, code {c}: {message}"),
        None => format!("HTTP {status}: {message}"),
    };
    let throttled = code.is_some_and(|c| RETRY_CODES.contains(&c));
    if status >= 500 || status == 429 || status == 408 || throttled {
        SendError::Retry(reason)
    } else {
        SendError::Permanent(reason)
    }
}

pub(crate) fn transport(e: reqwest::Error) -> SendError {
    // No URL in the reason: it may carry a token for some providers.
    SendError::Retry(format!("transport: {}", e.without_url()))
}

#[cfg(test)]
mod tests;
