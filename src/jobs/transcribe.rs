//! Voice notes to text through `[stt]`: any OpenAI-compatible
//! `POST {base_url}/audio/transcriptions` server (a whisper.cpp server on the agency's
//! box, for example), multipart `file` + `model` (+ `language`), JSON `{"text": ...}`
//! back. No speech model ships with Varotra: without `[stt]` a voice note goes to a
//! person.

use crate::settings::SttSettings;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum SttError {
    #[error("speech-to-text server unreachable: {0}")]
    Unreachable(String),
    #[error("speech-to-text server answered {status}: {body}")]
    Refused { status: u16, body: String },
    #[error("speech-to-text server answered no text")]
    Empty,
}

/// The text of the audio `bytes` (a file named `filename` of type `mime`).
pub async fn transcribe(
    http: &reqwest::Client,
    stt: &SttSettings,
    bytes: Vec<u8>,
    filename: &str,
    mime: &str,
) -> Result<String, SttError> {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(filename.to_string())
        .mime_str(mime)
        .map_err(|e| SttError::Unreachable(e.to_string()))?;
    let mut form = reqwest::multipart::Form::new()
        .text("model", stt.model.clone())
        .text("response_format", "json")
        .part("file", part);
    if !stt.language.is_empty() {
        form = form.text("language", stt.language.clone());
    }
    let mut req = http
        .post(format!("{}/audio/transcriptions", stt.base_url))
        .timeout(Duration::from_millis(stt.timeout_ms))
        .multipart(form);
    if !stt.api_key.expose().is_empty() {
        req = req.bearer_auth(stt.api_key.expose());
    }
    let res = req
        .send()
        .await
        .map_err(|e| SttError::Unreachable(e.without_url().to_string()))?;
    let status = res.status().as_u16();
    let body = res
        .text()
        .await
        .map_err(|e| SttError::Unreachable(e.without_url().to_string()))?;
    if !(200..300).contains(&status) {
        return Err(SttError::Refused {
            status,
            body: body.chars().take(200).collect(),
        });
    }
    let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let text = json["text"].as_str().map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Err(SttError::Empty);
    }
    Ok(text.to_string())
}
