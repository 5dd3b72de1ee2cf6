//! The providers that carry a shop's number: Meta's Cloud API, 360dialog (which relays
//! it) and Gupshup. Each implements [`Provider`]; [`for_kind`] picks one from the
//! number's [`ProviderKind`]. The outbox sender sends, the reply job marks a message
//! read with the typing indicator, the media job opens a media as a stream, the
//! template sync lists the approved templates. Meta and 360dialog speak the Cloud API
//! message body ([`cloud_body`]; different URL and auth header); Gupshup takes a form
//! with its own message JSON.
//!
//! Every failure is classified once, here: a connection never made, 5xx, 429 and the
//! throttling codes are retried; a request that went out without a clear answer is
//! [`SendError::Unconfirmed`] (the provider may have the message: the outbox holds it
//! until its status says); anything else is permanent and shown to the owner.

pub mod cloud_body;
pub mod dialog360;
pub mod gupshup;
pub mod meta;
pub mod template_list;

use crate::crypto::FileStore;
use crate::kinds::ProviderKind;
use crate::message::OutgoingMessage;
use crate::settings::WhatsappSettings;
use futures_util::future::BoxFuture;
use serde_json::Value;

pub use crate::db::numbers::Sender;

/// Meta error codes that mean "later", not "never".
const RETRY_CODES: [i64; 6] = [130429, 131056, 131016, 80007, 4, 2];

/// Meta's "outside the 24-hour window" and "cannot send to a business-scoped user id"
/// errors, explained to the owner in French.
const WINDOW_CODE: i64 = 131047;
const USER_ID_CODE: i64 = 131062;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SendError {
    #[error("temporary: {0}")]
    Retry(String),
    /// The request went out but no answer came back: it may have been sent.
    #[error("unconfirmed: {0}")]
    Unconfirmed(String),
    #[error("{0}")]
    Permanent(String),
}

/// One message to send: to whom (a phone, or a business-scoped user id), what, and the
/// `biz_opaque_callback_data` its status webhooks will carry back.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub msg: &'a OutgoingMessage,
    pub callback: Option<&'a str>,
}

/// The longest a whole media download may take. The shared client's 30 s limit would
/// cut a video on a slow link mid-body; a stalled body is caught per chunk instead
/// (the media job's own wait).
pub const MEDIA_DOWNLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2 * 3600);

/// A media opened for download: its body streams from `response`.
pub struct MediaStream {
    pub response: reqwest::Response,
    pub mime: String,
    /// The size the provider announced, when it did.
    pub length: Option<u64>,
}

/// True for a business-scoped user id (`MG.1342987712345678`, `US.ENT.118...`): an
/// ISO country code, a dot, then letters, digits and dots. Phone numbers are digits.
pub fn is_user_id(to: &str) -> bool {
    let b = to.as_bytes();
    b.len() > 3
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && b[2] == b'.'
        && b[3..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'.')
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
    /// Sends one message from `from`; returns the provider's message id (the wamid for
    /// the Cloud API). `files` holds the documents and images to upload.
    fn send<'a>(
        &'a self,
        api: Api<'a>,
        files: &'a FileStore,
        from: &'a Sender,
        out: Outgoing<'a>,
    ) -> BoxFuture<'a, Result<String, SendError>>;

    /// Opens an inbound media by the id (or, for Gupshup, the URL) its webhook gave.
    fn open_media<'a>(
        &'a self,
        api: Api<'a>,
        from: &'a Sender,
        media_id: &'a str,
    ) -> BoxFuture<'a, Result<MediaStream, SendError>>;

    /// Marks the customer's message `wamid` read and shows "typing…" until the reply
    /// (or 25 s). A provider without it does nothing.
    fn mark_read<'a>(
        &'a self,
        api: Api<'a>,
        from: &'a Sender,
        wamid: &'a str,
    ) -> BoxFuture<'a, Result<(), SendError>>;

    /// The templates of the WhatsApp Business Account `waba_id`.
    fn list_templates<'a>(
        &'a self,
        api: Api<'a>,
        from: &'a Sender,
        waba_id: &'a str,
    ) -> BoxFuture<'a, Result<Vec<crate::db::templates::Synced>, SendError>>;
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
    out: Outgoing<'_>,
) -> Result<String, SendError> {
    let api = Api { http, settings };
    for_kind(from.provider).send(api, files, from, out).await
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
    } else if code == Some(WINDOW_CODE) {
        SendError::Permanent(format!(
            "Hors de la fenêtre de 24 h : le client n'a pas écrit depuis plus d'un jour, seul un modèle approuvé peut partir ({reason})"
        ))
    } else if code == Some(USER_ID_CODE) {
        SendError::Permanent(format!(
            "Ce client n'a partagé qu'un nom d'utilisateur et ce message ne peut pas lui être envoyé sans son numéro ({reason})"
        ))
    } else {
        SendError::Permanent(reason)
    }
}

/// A transport error: retried when the request surely never left (no connection),
/// unconfirmed when it may have reached the provider.
pub(crate) fn transport(e: reqwest::Error) -> SendError {
    // No URL in the reason: it may carry a token for some providers.
    let never_left = e.is_connect() || e.is_builder();
    let reason = format!("transport: {}", e.without_url());
    if never_left {
        SendError::Retry(reason)
    } else {
        SendError::Unconfirmed(reason)
    }
}

/// A transport error of a request that changes nothing (a lookup, a download): retried.
pub(crate) fn fetch_error(e: reqwest::Error) -> SendError {
    SendError::Retry(format!("transport: {}", e.without_url()))
}

#[cfg(test)]
mod tests;
