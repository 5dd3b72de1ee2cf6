//! `[llm.fallback]`: any OpenAI-compatible chat-completions server, used when the local
//! model is unavailable or fails. The call is blocking (callers are on blocking threads);
//! it runs on a small private Tokio runtime so it works with or without an ambient one.
//!
//! Servers do not take GBNF grammars: for a label grammar the answer is mapped back onto
//! one of its labels (or rejected); for other grammars the caller must validate the text.

use super::plan::{find_stop, literal_alternatives, match_label};
use super::protocol::ChatShape;
use super::{Completion, CompletionRequest, LlmError, Source};
use crate::settings::{LlmFallbackSettings, Secret};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// OpenAI accepts at most four stop sequences.
const MAX_STOPS: usize = 4;

pub(super) struct Fallback {
    url: String,
    api_key: Secret,
    model: String,
    timeout: Duration,
    client: reqwest::Client,
    runtime: Option<tokio::runtime::Runtime>,
}

impl std::fmt::Debug for Fallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fallback")
            .field("url", &self.url)
            .field("model", &self.model)
            .finish_non_exhaustive()
    }
}

impl Drop for Fallback {
    fn drop(&mut self) {
        // Dropping a runtime blocks; the last `Llm` may well be dropped on an async thread.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Fallback {
    /// `None` when no fallback is configured (empty base_url) or it cannot be set up.
    pub fn new(settings: &LlmFallbackSettings) -> Option<Self> {
        if settings.base_url.is_empty() {
            return None;
        }
        let timeout = Duration::from_millis(settings.timeout_ms.max(1));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("llm-fallback")
            .enable_all()
            .build()
            .map_err(|e| tracing::error!("llm fallback disabled: no runtime: {e}"))
            .ok()?;
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(|e| tracing::error!("llm fallback disabled: {e}"))
            .ok()?;
        Some(Self {
            url: format!(
                "{}/chat/completions",
                settings.base_url.trim_end_matches('/')
            ),
            api_key: settings.api_key.clone(),
            model: settings.model.clone(),
            timeout,
            client,
            runtime: Some(runtime),
        })
    }

    /// One chat completion. `chat` is the local model's chat shape, used to turn a prompt
    /// built by `Llm::chat_prompt` back into system and user messages.
    pub fn complete(
        &self,
        req: &CompletionRequest,
        chat: Option<&ChatShape>,
    ) -> Result<Completion, LlmError> {
        let started = Instant::now();
        let labels = req.grammar.as_deref().and_then(literal_alternatives);
        let body = self.body(req, chat, labels.as_deref());
        let runtime = self.runtime.as_ref().ok_or(LlmError::Unavailable)?;
        let limit = (req.timeout_ms > 0).then(|| Duration::from_millis(req.timeout_ms));
        let response = runtime.block_on(self.post(body, limit))?;
        let content = response["choices"][0]["message"]["content"]
            .as_str()
            .or_else(|| response["choices"][0]["text"].as_str())
            .ok_or_else(|| LlmError::Fallback("no choices[0].message.content".into()))?;
        let mut text = content.to_string();
        if let Some(at) = find_stop(&text, &req.stop) {
            text.truncate(at);
        }
        if let Some(labels) = labels {
            text = match_label(&text, &labels)
                .ok_or_else(|| LlmError::Fallback("answer outside the grammar's labels".into()))?;
        }
        let tokens = response["usage"]["completion_tokens"].as_u64().unwrap_or(0) as u32;
        let prompt_tokens = response["usage"]["prompt_tokens"].as_u64().unwrap_or(0) as u32;
        Ok(Completion {
            text,
            tokens,
            prompt_tokens,
            cached_tokens: 0,
            prompt_ms: 0,
            gen_ms: started.elapsed().as_millis() as u64,
            source: Source::Fallback,
        })
    }

    fn body(
        &self,
        req: &CompletionRequest,
        chat: Option<&ChatShape>,
        labels: Option<&[String]>,
    ) -> Value {
        let (system, user) = chat
            .and_then(|shape| shape.parse(&req.prompt))
            .unwrap_or_else(|| (String::new(), req.prompt.clone()));
        let mut system = if req.system.is_empty() {
            system
        } else {
            req.system.clone()
        };
        if let Some(labels) = labels {
            // A chat model told the allowed answers stays inside them far more often.
            let rule = format!("Answer with exactly one of: {}.", labels.join(", "));
            system = if system.is_empty() {
                rule
            } else {
                format!("{system}\n\n{rule}")
            };
        }
        let mut messages = Vec::new();
        if !system.is_empty() {
            messages.push(json!({"role": "system", "content": system}));
        }
        messages.push(json!({"role": "user", "content": user}));
        let mut body = json!({
            "model": self.model,
            "messages": messages,
            "max_tokens": req.max_tokens,
            "temperature": req.temperature,
        });
        let stops: Vec<&String> = req
            .stop
            .iter()
            .filter(|s| !s.is_empty())
            .take(MAX_STOPS)
            .collect();
        if !stops.is_empty() {
            body["stop"] = json!(stops);
        }
        body
    }

    async fn post(&self, body: Value, limit: Option<Duration>) -> Result<Value, LlmError> {
        let mut request = self.client.post(&self.url).json(&body);
        if let Some(limit) = limit {
            request = request.timeout(limit.min(self.timeout));
        }
        if !self.api_key.is_empty() {
            request = request.bearer_auth(self.api_key.expose());
        }
        let response = request.send().await.map_err(|e| self.transport(e))?;
        let status = response.status();
        if !status.is_success() {
            // The body may echo the prompt: keep it out of errors and logs.
            return Err(LlmError::Fallback(format!("HTTP {}", status.as_u16())));
        }
        response
            .json::<Value>()
            .await
            .map_err(|e| self.transport(e))
    }

    fn transport(&self, e: reqwest::Error) -> LlmError {
        if e.is_timeout() {
            tracing::warn!(
                timeout_ms = self.timeout.as_millis() as u64,
                "llm fallback timed out"
            );
            LlmError::Timeout
        } else if e.is_decode() {
            LlmError::Fallback("response is not JSON".into())
        } else {
            // Without the URL: it may carry a key in its query string.
            LlmError::Fallback(format!("request failed: {}", e.without_url()))
        }
    }
}
