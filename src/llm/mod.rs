//! The language model behind the assistant: a GGUF model run by llama.cpp in a supervised
//! child process (`varotra llm-worker`), with an optional OpenAI-compatible fallback.
//!
//! [`Llm`] is cheap to clone and shared by every caller; [`Llm::complete`] BLOCKS (call it
//! from a blocking thread). Requests go through a bounded queue ([`LlmError::Busy`] when it
//! is full), each has a timeout, and a crashed or stuck worker is restarted while callers
//! get an error (never a hang) and answer from templates meanwhile.
//!
//! - `protocol`: the JSON-lines pipe protocol; `plan`: pure prefix-reuse / stop / label logic
//! - `worker`: the child process (model, KV cache prefix reuse, grammar sampling)
//! - `client`: the supervisor thread; `fallback`: the OpenAI-compatible client

mod client;
mod fallback;
pub mod plan;
pub mod protocol;
pub mod worker;

pub use client::LocalState;
pub use protocol::{ChatShape, Hello as ModelInfo};

use crate::settings::LlmSettings;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// One generation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompletionRequest {
    pub prompt: String,
    /// GBNF grammar with a `root` rule constraining the output.
    pub grammar: Option<String>,
    /// Most tokens to generate; 0 takes `[llm] max_tokens`.
    pub max_tokens: u32,
    /// Generation stops before the first of these strings (which is not returned).
    pub stop: Vec<String>,
    /// 0 = greedy, deterministic.
    pub temperature: f32,
    /// A system message for chat servers (the fallback); the local model ignores it.
    pub system: String,
    /// Longest this request may take, ms; 0 takes the configured timeout.
    pub timeout_ms: u64,
}

impl CompletionRequest {
    /// A greedy request with the default token budget and no stop string.
    pub fn new(prompt: impl Into<String>) -> Self {
        Self {
            prompt: prompt.into(),
            ..Self::default()
        }
    }
}

/// Where a completion came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Local,
    Fallback,
}

/// A completion with its measurements.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    pub text: String,
    /// Tokens generated.
    pub tokens: u32,
    /// Prompt tokens, and how many of them were reused from the KV cache.
    pub prompt_tokens: u32,
    pub cached_tokens: u32,
    pub prompt_ms: u64,
    pub gen_ms: u64,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LlmError {
    #[error("no language model is available")]
    Unavailable,
    #[error("the language model queue is full")]
    Busy,
    #[error("the language model took too long")]
    Timeout,
    #[error("the language model worker stopped during the request")]
    Crashed,
    #[error("the language model refused the request: {0}")]
    Failed(String),
    #[error("the fallback model failed: {0}")]
    Fallback(String),
}

/// Knobs tests and benchmarks change; [`Llm::start`] uses the defaults.
#[derive(Debug, Clone)]
pub struct LlmOptions {
    /// The `varotra` executable to run as `llm-worker`; default: [`worker_exe`].
    pub worker_exe: Option<PathBuf>,
    /// Requests waiting for the worker before [`LlmError::Busy`].
    pub queue: usize,
    /// Longest a worker may take to load its model.
    pub load_timeout: Duration,
}

impl Default for LlmOptions {
    fn default() -> Self {
        Self {
            worker_exe: None,
            queue: 16,
            load_timeout: Duration::from_secs(120),
        }
    }
}

/// The shared handle to the model(s).
#[derive(Clone, Debug)]
pub struct Llm {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    local: Option<client::Local>,
    fallback: Option<fallback::Fallback>,
    default_max_tokens: u32,
    /// `[llm.fallback] budget_ms`: the assistant's wait for the fallback.
    budget_ms: u64,
    /// `[llm.fallback] phrase`.
    phrase: bool,
}

impl Llm {
    /// Starts the worker for `model_path` (unless empty) and the fallback (when
    /// configured). Returns at once; the model loads in the background.
    pub fn start(settings: &LlmSettings) -> Llm {
        Self::start_with(settings, LlmOptions::default())
    }

    pub fn start_with(settings: &LlmSettings, options: LlmOptions) -> Llm {
        let local = (!settings.model_path.is_empty()).then(|| {
            client::Local::start(client::LocalConfig {
                exe: options.worker_exe.unwrap_or_else(worker_exe),
                model: settings.model_path.clone(),
                threads: settings.threads.max(1),
                context: settings.context_size,
                timeout: Duration::from_millis(settings.timeout_ms.max(1)),
                load_timeout: options.load_timeout,
                queue: options.queue,
            })
        });
        let fallback = fallback::Fallback::new(&settings.fallback);
        Llm {
            inner: Arc::new(Inner {
                local,
                fallback,
                default_max_tokens: settings.max_tokens.clamp(1, u32::MAX as u64) as u32,
                budget_ms: settings.fallback.budget_ms.max(1),
                phrase: settings.fallback.phrase,
            }),
        }
    }

    /// No model at all: every completion is [`LlmError::Unavailable`].
    pub fn disabled() -> Llm {
        Llm {
            inner: Arc::new(Inner {
                local: None,
                fallback: None,
                default_max_tokens: 48,
                budget_ms: 2500,
                phrase: false,
            }),
        }
    }

    /// Whether a completion can be attempted now: the local worker is ready, or a
    /// fallback server is configured. False while the worker (re)loads or is down.
    pub fn is_available(&self) -> bool {
        self.local_state() == LocalState::Ready || self.inner.fallback.is_some()
    }

    /// Whether an OpenAI-compatible fallback server is configured.
    pub fn has_fallback(&self) -> bool {
        self.inner.fallback.is_some()
    }

    /// How long the assistant may wait for the fallback on one message.
    pub fn budget(&self) -> Duration {
        Duration::from_millis(self.inner.budget_ms)
    }

    /// Whether the fallback may reword grounded replies (`[llm.fallback] phrase`).
    pub fn phrases_replies(&self) -> bool {
        self.inner.phrase && self.inner.fallback.is_some()
    }

    /// BLOCKING: the fallback server only (a chat model), within `req.timeout_ms`.
    pub fn complete_fallback(&self, mut req: CompletionRequest) -> Result<Completion, LlmError> {
        if req.max_tokens == 0 {
            req.max_tokens = self.inner.default_max_tokens;
        }
        match &self.inner.fallback {
            Some(f) => f.complete(&req, None),
            None => Err(LlmError::Unavailable),
        }
    }

    pub fn local_state(&self) -> LocalState {
        self.inner
            .local
            .as_ref()
            .map_or(LocalState::Disabled, |l| l.shared.state())
    }

    /// BLOCKING: the generated text, from the local model or else the fallback.
    pub fn complete(&self, req: CompletionRequest) -> Result<String, LlmError> {
        self.complete_detailed(req).map(|c| c.text)
    }

    /// BLOCKING: like [`complete`](Self::complete), with token counts and timings.
    pub fn complete_detailed(&self, mut req: CompletionRequest) -> Result<Completion, LlmError> {
        if req.max_tokens == 0 {
            req.max_tokens = self.inner.default_max_tokens;
        }
        let budget = (req.timeout_ms > 0).then(|| Duration::from_millis(req.timeout_ms));
        let local = match &self.inner.local {
            Some(local) => local.complete(
                protocol::Request {
                    id: 0,
                    prompt: req.prompt.clone(),
                    grammar: req.grammar.clone(),
                    max_tokens: req.max_tokens,
                    stop: req.stop.clone(),
                    temperature: req.temperature,
                },
                budget,
            ),
            None => Err(LlmError::Unavailable),
        };
        match (local, &self.inner.fallback) {
            (Ok(done), _) => Ok(Completion {
                text: done.text,
                tokens: done.tokens,
                prompt_tokens: done.prompt_tokens,
                cached_tokens: done.cached_tokens,
                prompt_ms: done.prompt_ms,
                gen_ms: done.gen_ms,
                source: Source::Local,
            }),
            (Err(e), Some(fallback)) => {
                tracing::debug!("local model failed ({e}); using the fallback");
                fallback.complete(&req, self.chat_shape().as_ref())
            }
            (Err(e), None) => Err(e),
        }
    }

    /// A prompt for one system and one user message: the model's chat template when its
    /// GGUF has one (instruct models), else the plain text `system\n\nuser` that few-shot
    /// prompts for base models expect.
    pub fn chat_prompt(&self, system: &str, user: &str) -> String {
        match self.chat_shape() {
            Some(shape) => shape.render(system, user),
            None if system.is_empty() => user.to_string(),
            None => format!("{system}\n\n{user}"),
        }
    }

    /// Whether the loaded model has a chat template (an instruct model).
    pub fn has_chat_template(&self) -> bool {
        self.chat_shape().is_some()
    }

    /// What the worker reported about its model, once it has loaded it.
    pub fn model_info(&self) -> Option<ModelInfo> {
        let local = self.inner.local.as_ref()?;
        let info = local.shared.hello.read().unwrap_or_else(|p| p.into_inner());
        info.clone()
    }

    /// The worker's process id while it runs (diagnostics and tests).
    pub fn worker_pid(&self) -> Option<u32> {
        self.inner.local.as_ref()?.shared.pid()
    }

    fn chat_shape(&self) -> Option<ChatShape> {
        self.model_info()?.chat
    }
}

/// The executable to re-run as `llm-worker`: `VAROTRA_LLM_WORKER_EXE` when set, else this
/// executable when it is `varotra`, else a `varotra` beside it or one directory up (test
/// and example binaries live in `target/debug/{deps,examples}/`).
pub fn worker_exe() -> PathBuf {
    if let Some(exe) = std::env::var_os("VAROTRA_LLM_WORKER_EXE") {
        return PathBuf::from(exe);
    }
    let current = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("varotra"));
    let name = format!("varotra{}", std::env::consts::EXE_SUFFIX);
    if current.file_name().is_some_and(|n| n == name.as_str()) {
        return current;
    }
    let dir = current.parent().map(PathBuf::from).unwrap_or_default();
    [dir.join(&name), dir.join("..").join(&name)]
        .into_iter()
        .find(|p| p.is_file())
        .unwrap_or(current)
}
