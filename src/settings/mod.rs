//! Settings: loaded once at start, validated in one place, then passed by value.
//!
//! Layers, lowest first: built-in defaults < TOML file (`--config`) < environment
//! `VAROTRA__SECTION__KEY` < command-line flags. Unknown keys and bad values fail with a
//! message naming the key (`server.bind`, `VAROTRA__LLM__THREADS`, ...).

mod layers;
mod operations;
mod plans;
mod secret;
mod whatsapp;

pub use layers::{load, Overrides};
pub use plans::PlansSettings;
pub use secret::Secret;
pub use whatsapp::{SttSettings, WhatsappSettings};

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub server: ServerSettings,
    pub whatsapp: WhatsappSettings,
    pub llm: LlmSettings,
    pub smtp: SmtpSettings,
    pub storage: StorageSettings,
    pub assistant: AssistantSettings,
    /// Optional speech-to-text for voice notes.
    pub stt: SttSettings,
    /// Plans, quotas and prices (`billing`).
    pub plans: PlansSettings,
    /// Directory of the config file (relative paths in it are resolved from here).
    #[serde(skip)]
    pub config_dir: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerSettings {
    pub bind: String,
    pub public_url: String,
    pub data_dir: PathBuf,
    /// `text` or `json`.
    pub log_format: String,
    /// Admin session lifetime in hours.
    #[serde(deserialize_with = "layers::de_u64")]
    pub session_hours: u64,
    /// Failed logins allowed per email and per IP within 15 minutes.
    #[serde(deserialize_with = "layers::de_u64")]
    pub login_attempts: u64,
    /// Largest accepted request body (webhooks, uploads), in bytes.
    #[serde(deserialize_with = "layers::de_u64")]
    pub max_body_bytes: u64,
    /// Bearer token `GET /metrics` requires; empty: loopback only (or public below).
    pub metrics_token: Secret,
    /// Serve `GET /metrics` to anyone (behind a proxy that guards it).
    #[serde(deserialize_with = "layers::de_bool")]
    pub metrics_public: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed: addresses or CIDR ranges,
    /// comma-separated (`127.0.0.1, 10.0.0.0/8`). Empty: the peer address is the client.
    pub trusted_proxies: String,
    /// Failed logins allowed from one client address within 15 minutes, all accounts
    /// together (a shop's staff share one address).
    #[serde(deserialize_with = "layers::de_u64")]
    pub login_attempts_per_ip: u64,
    /// API requests per minute one shop's tokens may make together.
    #[serde(deserialize_with = "layers::de_u64")]
    pub api_requests_per_minute: u64,
    /// `trusted_proxies`, parsed by `validate`.
    #[serde(skip)]
    pub trusted_proxy_nets: Vec<ipnet::IpNet>,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            public_url: "http://127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            log_format: "text".into(),
            session_hours: 12,
            login_attempts: 5,
            max_body_bytes: 3 * 1024 * 1024,
            metrics_token: Secret::default(),
            metrics_public: false,
            trusted_proxies: String::new(),
            login_attempts_per_ip: 30,
            api_requests_per_minute: 600,
            trusted_proxy_nets: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LlmSettings {
    /// Path to a GGUF model; empty runs without a model (templates + hand-over).
    pub model_path: String,
    #[serde(deserialize_with = "layers::de_u64")]
    pub threads: u64,
    #[serde(deserialize_with = "layers::de_u64")]
    pub context_size: u64,
    /// Longest a single generation may take, ms.
    #[serde(deserialize_with = "layers::de_u64")]
    pub timeout_ms: u64,
    /// Most tokens in one generated reply.
    #[serde(deserialize_with = "layers::de_u64")]
    pub max_tokens: u64,
    /// Longest a reply waits for the model (queue included), ms; then the grounded
    /// template or a hand-over answers and the model's late output is dropped. 0: the
    /// model never delays a reply.
    #[serde(deserialize_with = "layers::de_u64")]
    pub reply_budget_ms: u64,
    pub fallback: LlmFallbackSettings,
}

impl Default for LlmSettings {
    fn default() -> Self {
        Self {
            model_path: "models/gemma-3-270m-q4_k_m.gguf".into(),
            threads: 2,
            context_size: 1024,
            timeout_ms: 8000,
            max_tokens: 48,
            reply_budget_ms: 2000,
            fallback: LlmFallbackSettings::default(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct LlmFallbackSettings {
    /// OpenAI-compatible base URL (e.g. `https://api.openai.com/v1`); empty disables.
    pub base_url: String,
    pub api_key: Secret,
    pub model: String,
    #[serde(deserialize_with = "layers::de_u64")]
    pub timeout_ms: u64,
    /// Longest the assistant waits for the fallback (extraction, phrasing) before the
    /// grounded template answers, ms.
    #[serde(deserialize_with = "layers::de_u64")]
    pub budget_ms: u64,
    /// Let the fallback reword every grounded reply (behind the guard); off: it only
    /// reads unclear messages and phrases small talk.
    #[serde(deserialize_with = "layers::de_bool")]
    pub phrase: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmtpSettings {
    /// Empty disables email notifications.
    pub host: String,
    #[serde(deserialize_with = "layers::de_u64")]
    pub port: u64,
    pub username: String,
    pub password: Secret,
    pub from: String,
    /// `none`, `starttls` or `tls`.
    pub security: String,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 587,
            username: String::new(),
            password: Secret::default(),
            from: "Varotra <varotra@localhost>".into(),
            security: "starttls".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StorageSettings {
    /// Master key file, beside the config file by default; never inside data_dir.
    pub key_file: PathBuf,
    /// The master key as 64 hex characters; overrides `key_file` when set.
    pub key: Secret,
    /// Encrypt the database and stored files (the default). Only tests and
    /// benchmarks turn it off.
    #[serde(deserialize_with = "layers::de_bool")]
    pub encrypt: bool,
    /// Folder of the scheduled encrypted backups; empty: none are made.
    pub backup_dir: PathBuf,
    /// Hours between two scheduled backups.
    #[serde(deserialize_with = "layers::de_u64")]
    pub backup_every_hours: u64,
    /// Scheduled backups kept; older ones are deleted after each new one.
    #[serde(deserialize_with = "layers::de_u64")]
    pub backup_keep: u64,
    /// Months customer messages and media are kept; 0: forever.
    #[serde(deserialize_with = "layers::de_u64")]
    pub retention_months: u64,
}

impl Default for StorageSettings {
    fn default() -> Self {
        Self {
            key_file: PathBuf::from("varotra.key"),
            key: Secret::default(),
            encrypt: true,
            backup_dir: PathBuf::new(),
            backup_every_hours: 24,
            backup_keep: 7,
            retention_months: 0,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AssistantSettings {
    /// Run the assistant workers (replies to inbound messages).
    #[serde(deserialize_with = "layers::de_bool")]
    pub enabled: bool,
    /// How many conversation messages the assistant reads before replying.
    #[serde(deserialize_with = "layers::de_u64")]
    pub context_messages: u64,
    /// Let the local model (not only an `[llm.fallback]` chat model) phrase small talk.
    /// Measured to hurt with the default 270M base model, so off; the load scenario
    /// turns it on to exercise the model lane.
    #[serde(deserialize_with = "layers::de_bool")]
    pub local_small_talk: bool,
}

impl Default for AssistantSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            context_messages: 6,
            local_small_talk: false,
        }
    }
}

/// A setting that failed validation, named by its key.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("fichier de configuration {path} illisible / cannot read config file: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("fichier de configuration {path} : TOML invalide / not valid TOML: {message}")]
    Toml { path: PathBuf, message: String },
    #[error("réglage `{key}` invalide / invalid setting `{key}`: {message}")]
    Invalid { key: String, message: String },
}

fn invalid(key: &str, message: impl Into<String>) -> SettingsError {
    SettingsError::Invalid {
        key: key.to_string(),
        message: message.into(),
    }
}

impl Settings {
    /// Checks values that types alone cannot, and resolves relative paths.
    pub fn validate(mut self) -> Result<Self, SettingsError> {
        self.server
            .bind
            .parse::<SocketAddr>()
            .map_err(|e| invalid("server.bind", format!("`{}`: {e}", self.server.bind)))?;
        let url = &self.server.public_url;
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(invalid(
                "server.public_url",
                "must start with http:// or https://",
            ));
        }
        self.server.public_url = url.trim_end_matches('/').to_string();
        if !matches!(self.server.log_format.as_str(), "text" | "json") {
            return Err(invalid("server.log_format", "must be `text` or `json`"));
        }
        if self.server.session_hours == 0 {
            return Err(invalid("server.session_hours", "must be at least 1"));
        }
        operations::validate(&mut self)?;
        self.whatsapp.validate()?;
        self.stt.validate()?;
        if self.llm.threads == 0 || self.llm.threads > 256 {
            return Err(invalid("llm.threads", "must be between 1 and 256"));
        }
        if self.llm.context_size < 256 {
            return Err(invalid("llm.context_size", "must be at least 256"));
        }
        let fb = &mut self.llm.fallback;
        if !fb.base_url.is_empty() {
            if !(fb.base_url.starts_with("http://") || fb.base_url.starts_with("https://")) {
                return Err(invalid("llm.fallback.base_url", "must be an http(s) URL"));
            }
            if fb.model.is_empty() {
                return Err(invalid(
                    "llm.fallback.model",
                    "required when base_url is set",
                ));
            }
            fb.base_url = fb.base_url.trim_end_matches('/').to_string();
        }
        if fb.timeout_ms == 0 {
            fb.timeout_ms = 15_000;
        }
        if fb.budget_ms == 0 {
            fb.budget_ms = 2_500;
        }
        if !matches!(self.smtp.security.as_str(), "none" | "starttls" | "tls") {
            return Err(invalid(
                "smtp.security",
                "must be `none`, `starttls` or `tls`",
            ));
        }
        if self.smtp.port == 0 || self.smtp.port > 65535 {
            return Err(invalid("smtp.port", "must be a TCP port (1-65535)"));
        }
        let key = self.storage.key.expose();
        if !key.is_empty() && (key.len() != 64 || hex::decode(key).is_err()) {
            return Err(invalid(
                "storage.key",
                "must be 64 hexadecimal characters (32 bytes)",
            ));
        }
        if !self.llm.model_path.is_empty() {
            self.llm.model_path = self
                .resolve(PathBuf::from(&self.llm.model_path))
                .to_string_lossy()
                .into_owned();
        }
        self.server.data_dir = self.resolve(self.server.data_dir.clone());
        self.storage.key_file = self.resolve(self.storage.key_file.clone());
        if self.storage.key.expose().is_empty()
            && self.storage.key_file.starts_with(&self.server.data_dir)
        {
            return Err(invalid(
                "storage.key_file",
                "must not be inside server.data_dir: a copy of the data would carry its key",
            ));
        }
        Ok(self)
    }

    fn resolve(&self, path: PathBuf) -> PathBuf {
        if path.is_absolute() {
            path
        } else {
            let joined = self.config_dir.join(&path);
            // Keep `./data` readable in messages: strip a leading "./" component.
            joined.components().collect()
        }
    }

    /// The SQLite database file.
    pub fn database_path(&self) -> PathBuf {
        self.server.data_dir.join("varotra.db")
    }
}

#[cfg(test)]
mod tests;
