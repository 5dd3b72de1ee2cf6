//! Provider request builders and the one `send` the outbox sender calls. Meta and
//! 360dialog speak the Cloud API message body (different URL and auth header);
//! Gupshup takes a form with its own message JSON.
//!
//! Every failure is classified once, here: transport errors, 5xx, 429 and the
//! throttling codes are retried; anything else is permanent and shown to the owner.

pub mod dialog360;
pub mod gupshup;
pub mod meta;

use crate::crypto::FileStore;
use crate::settings::WhatsappSettings;
use crate::whatsapp::OutgoingMessage;
use serde_json::Value;

/// Meta error codes that mean "later", not "never".
const RETRY_CODES: [i64; 6] = [130429, 131056, 131016, 80007, 4, 2];

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SendError {
    #[error("temporary: {0}")]
    Retry(String),
    #[error("{0}")]
    Permanent(String),
}

/// The number a message leaves from.
#[derive(Debug, Clone)]
pub struct Sender {
    pub provider: String,
    pub phone_number_id: String,
    pub wa_number: String,
    pub token: String,
}

/// Sends one message; returns the provider's message id (the wamid for Meta).
pub async fn send(
    http: &reqwest::Client,
    settings: &WhatsappSettings,
    files: &FileStore,
    from: &Sender,
    to: &str,
    msg: &OutgoingMessage,
) -> Result<String, SendError> {
    match from.provider.as_str() {
        "meta" | "360dialog" => meta::send(http, settings, files, from, to, msg).await,
        "gupshup" => gupshup::send(http, settings, from, to, msg).await,
        other => Err(SendError::Permanent(format!("unknown provider `{other}`"))),
    }
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

/// Cuts `s` to `max` characters (WhatsApp counts characters, not bytes).
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Checks the limits WhatsApp enforces on interactive messages and trims titles.
pub fn normalize(msg: &OutgoingMessage) -> Result<OutgoingMessage, String> {
    let mut msg = msg.clone();
    match &mut msg {
        OutgoingMessage::Buttons { body, buttons } => {
            if buttons.is_empty() || buttons.len() > 3 {
                return Err(format!(
                    "{} reply buttons: WhatsApp allows 1 to 3",
                    buttons.len()
                ));
            }
            *body = truncate(body, 1024);
            for b in buttons.iter_mut() {
                b.title = truncate(&b.title, 20);
                b.id = truncate(&b.id, 256);
            }
        }
        OutgoingMessage::List { body, button, rows } => {
            if rows.is_empty() || rows.len() > 10 {
                return Err(format!("{} list rows: WhatsApp allows 1 to 10", rows.len()));
            }
            *body = truncate(body, 4096);
            *button = truncate(button, 20);
            for r in rows.iter_mut() {
                r.title = truncate(&r.title, 24);
                r.description = r.description.as_deref().map(|d| truncate(d, 72));
            }
        }
        OutgoingMessage::Text { body } if body.trim().is_empty() => {
            return Err("empty text message".into());
        }
        _ => {}
    }
    Ok(msg)
}

#[cfg(test)]
mod tests;
