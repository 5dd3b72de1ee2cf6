//! The pipe protocol between the supervisor and the `varotra llm-worker` child: one JSON
//! object per line each way. The supervisor writes [`Request`]s on the child's stdin; the
//! child answers on stdout with one [`Hello`] once the model is loaded, then exactly one
//! [`WorkerMessage::Done`] or [`WorkerMessage::Failed`] per request, in order.

use serde::{Deserialize, Serialize};

/// One generation asked of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u64,
    pub prompt: String,
    /// GBNF grammar with a `root` rule; the output is constrained to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grammar: Option<String>,
    pub max_tokens: u32,
    #[serde(default)]
    pub stop: Vec<String>,
    /// 0 = greedy (deterministic).
    #[serde(default)]
    pub temperature: f32,
}

/// What the worker tells about itself once its model is loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hello {
    /// The model file name (not its path: paths may name the user).
    pub model: String,
    pub n_ctx: u32,
    /// The model's chat template applied to placeholder messages, when the GGUF has a
    /// template llama.cpp knows; `None` for base models.
    #[serde(default)]
    pub chat: Option<ChatShape>,
}

/// A chat template rendered once with [`SYSTEM_SLOT`] and [`USER_SLOT`] in place of the
/// message texts, so the supervisor can build prompts without loading the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatShape {
    /// `[system, user]` rendered, generation prompt appended.
    pub with_system: String,
    /// `[user]` alone, for an empty system message.
    pub user_only: String,
}

pub const SYSTEM_SLOT: &str = "\u{1}SYSTEM\u{1}";
pub const USER_SLOT: &str = "\u{2}USER\u{2}";

impl ChatShape {
    /// The prompt for one system and one user message.
    pub fn render(&self, system: &str, user: &str) -> String {
        if system.is_empty() {
            self.user_only.replacen(USER_SLOT, user, 1)
        } else {
            // User first: a system text containing the user slot marker cannot be confused.
            let (head, tail) = self
                .with_system
                .split_once(USER_SLOT)
                .unwrap_or((&self.with_system, ""));
            format!("{}{user}{tail}", head.replacen(SYSTEM_SLOT, system, 1))
        }
    }

    /// Inverse of [`render`](Self::render): the system and user texts of a prompt built by
    /// it, so the OpenAI-compatible fallback can send real chat messages instead.
    pub fn parse(&self, prompt: &str) -> Option<(String, String)> {
        fn around<'a>(shape: &'a str, slot: &str) -> Option<(&'a str, &'a str)> {
            shape.split_once(slot)
        }
        if let Some((head, rest)) = around(&self.with_system, SYSTEM_SLOT) {
            if let Some((mid, tail)) = around(rest, USER_SLOT) {
                if let Some(body) = prompt.strip_prefix(head).and_then(|p| p.strip_suffix(tail)) {
                    if let Some((system, user)) = body.split_once(mid) {
                        return Some((system.to_string(), user.to_string()));
                    }
                }
            }
        }
        let (head, tail) = around(&self.user_only, USER_SLOT)?;
        let user = prompt.strip_prefix(head)?.strip_suffix(tail)?;
        Some((String::new(), user.to_string()))
    }
}

/// A line from the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WorkerMessage {
    Hello { hello: Hello },
    Done(Done),
    Failed { id: u64, error: String },
}

/// A finished generation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Done {
    pub id: u64,
    pub text: String,
    /// Tokens generated.
    pub tokens: u32,
    pub prompt_ms: u64,
    pub gen_ms: u64,
    /// Prompt length in tokens, and how many of them came from the KV cache.
    #[serde(default)]
    pub prompt_tokens: u32,
    #[serde(default)]
    pub cached_tokens: u32,
}

/// One JSON line (no trailing newline) for a message; serialising these types cannot fail.
pub fn to_line<T: Serialize>(message: &T) -> String {
    serde_json::to_string(message).expect("protocol types always serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_survives_a_round_trip_through_one_line() {
        let req = Request {
            id: 7,
            prompt: "Client: Bonjour\nVendeur:".into(),
            grammar: Some("root ::= \"oui\" | \"non\"".into()),
            max_tokens: 12,
            stop: vec!["\n".into()],
            temperature: 0.0,
        };
        let line = to_line(&req);
        assert!(!line.contains('\n'), "one request is one line: {line}");
        assert_eq!(serde_json::from_str::<Request>(&line).unwrap(), req);
    }

    #[test]
    fn worker_lines_are_told_apart_by_their_fields() {
        let hello: WorkerMessage =
            serde_json::from_str(r#"{"hello":{"model":"m.gguf","n_ctx":2048,"chat":null}}"#)
                .unwrap();
        assert!(matches!(hello, WorkerMessage::Hello { hello } if hello.n_ctx == 2048));
        let done: WorkerMessage = serde_json::from_str(
            r#"{"id":3,"text":"Salama","tokens":2,"prompt_ms":10,"gen_ms":20}"#,
        )
        .unwrap();
        assert!(matches!(done, WorkerMessage::Done(d) if d.id == 3 && d.text == "Salama"));
        let failed: WorkerMessage =
            serde_json::from_str(r#"{"id":4,"error":"invalid grammar"}"#).unwrap();
        assert_eq!(
            failed,
            WorkerMessage::Failed {
                id: 4,
                error: "invalid grammar".into()
            }
        );
    }

    fn gemma_like() -> ChatShape {
        ChatShape {
            with_system: format!(
                "<bos><start_of_turn>user\n{SYSTEM_SLOT}\n\n{USER_SLOT}<end_of_turn>\n<start_of_turn>model\n"
            ),
            user_only: format!(
                "<bos><start_of_turn>user\n{USER_SLOT}<end_of_turn>\n<start_of_turn>model\n"
            ),
        }
    }

    #[test]
    fn a_chat_shape_renders_and_parses_back_its_messages() {
        let shape = gemma_like();
        let prompt = shape.render("Tu es le vendeur.", "Ohatrinona ny vary?");
        assert_eq!(
            prompt,
            "<bos><start_of_turn>user\nTu es le vendeur.\n\nOhatrinona ny vary?<end_of_turn>\n<start_of_turn>model\n"
        );
        assert_eq!(
            shape.parse(&prompt),
            Some(("Tu es le vendeur.".into(), "Ohatrinona ny vary?".into()))
        );
        let bare = shape.render("", "Salut");
        assert_eq!(shape.parse(&bare), Some((String::new(), "Salut".into())));
        assert_eq!(shape.parse("Client: Salut\nVendeur:"), None);
    }
}
