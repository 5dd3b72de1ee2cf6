//! The `[whatsapp]` section (webhook secrets, API bases, pacing, retries, media, the
//! coexistence pause) and the optional `[stt]` speech-to-text server for voice notes.

use super::{invalid, layers, Secret, SettingsError};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WhatsappSettings {
    pub app_secret: Secret,
    pub verify_token: Secret,
    pub graph_api_base: String,
    pub dialog360_api_base: String,
    pub gupshup_api_base: String,
    /// Minimum gap between two messages to the same customer (Meta's pair rate), ms.
    #[serde(deserialize_with = "layers::de_u64")]
    pub pair_interval_ms: u64,
    /// Messages per second a shop may send, all its numbers together.
    #[serde(deserialize_with = "layers::de_u64")]
    pub shop_messages_per_second: u64,
    /// Messages per second one Cloud API number may send (Meta: about 80).
    #[serde(deserialize_with = "layers::de_u64")]
    pub number_messages_per_second: u64,
    /// The same for a number shared with the WhatsApp Business app (Meta: about 20).
    #[serde(deserialize_with = "layers::de_u64")]
    pub coexistence_messages_per_second: u64,
    /// Inbound messages per minute from one customer before the bot stops answering them.
    #[serde(deserialize_with = "layers::de_u64")]
    pub customer_messages_per_minute: u64,
    /// Longest wait between two send attempts of one outbox row, seconds.
    #[serde(deserialize_with = "layers::de_u64")]
    pub max_retry_delay_secs: u64,
    /// While the provider fails, one queued message is tried this often, seconds; when
    /// it goes through, every waiting message is released at once.
    #[serde(deserialize_with = "layers::de_u64")]
    pub probe_interval_secs: u64,
    /// A message found mid-send after a crash waits this long for its status webhook
    /// before it is sent again, seconds.
    #[serde(deserialize_with = "layers::de_u64")]
    pub resend_grace_secs: u64,
    /// How long the bot stays quiet on a conversation after the owner wrote in it from
    /// the WhatsApp Business app, minutes.
    #[serde(deserialize_with = "layers::de_u64")]
    pub owner_pause_minutes: u64,
    /// Largest inbound media (photo, voice note, document) stored, bytes.
    #[serde(deserialize_with = "layers::de_u64")]
    pub max_media_bytes: u64,
    /// How long an inbound media id stays downloadable at the provider, hours.
    #[serde(deserialize_with = "layers::de_u64")]
    pub media_lifetime_hours: u64,
    /// Longest wait between two download attempts of one media, seconds.
    #[serde(deserialize_with = "layers::de_u64")]
    pub media_retry_max_secs: u64,
    /// Mark a customer's message read and show "typing…" while the bot prepares a reply.
    #[serde(deserialize_with = "layers::de_bool")]
    pub read_receipts: bool,
}

impl Default for WhatsappSettings {
    fn default() -> Self {
        Self {
            app_secret: Secret::default(),
            verify_token: Secret::default(),
            graph_api_base: "https://graph.facebook.com/v21.0".into(),
            dialog360_api_base: "https://waba-v2.360dialog.io".into(),
            gupshup_api_base: "https://api.gupshup.io/wa/api/v1".into(),
            pair_interval_ms: 6000,
            shop_messages_per_second: 20,
            number_messages_per_second: 80,
            coexistence_messages_per_second: 20,
            customer_messages_per_minute: 20,
            max_retry_delay_secs: 300,
            probe_interval_secs: 10,
            resend_grace_secs: 300,
            owner_pause_minutes: 30,
            max_media_bytes: 100 * 1024 * 1024,
            media_lifetime_hours: 7 * 24,
            media_retry_max_secs: 3600,
            read_receipts: true,
        }
    }
}

impl WhatsappSettings {
    pub(super) fn validate(&mut self) -> Result<(), SettingsError> {
        for (key, base) in [
            ("whatsapp.graph_api_base", &mut self.graph_api_base),
            ("whatsapp.dialog360_api_base", &mut self.dialog360_api_base),
            ("whatsapp.gupshup_api_base", &mut self.gupshup_api_base),
        ] {
            if !(base.starts_with("http://") || base.starts_with("https://")) {
                return Err(invalid(key, "must be an http(s) URL"));
            }
            *base = base.trim_end_matches('/').to_string();
        }
        for (key, value) in [
            (
                "whatsapp.number_messages_per_second",
                self.number_messages_per_second,
            ),
            (
                "whatsapp.coexistence_messages_per_second",
                self.coexistence_messages_per_second,
            ),
            ("whatsapp.max_media_bytes", self.max_media_bytes),
            ("whatsapp.media_lifetime_hours", self.media_lifetime_hours),
            ("whatsapp.probe_interval_secs", self.probe_interval_secs),
        ] {
            if value == 0 {
                return Err(invalid(key, "must be at least 1"));
            }
        }
        Ok(())
    }
}

/// `[stt]`: any OpenAI-compatible `/v1/audio/transcriptions` server (a whisper.cpp
/// server on the agency's box, for example). Empty `base_url` disables transcription:
/// voice notes then go to a person.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SttSettings {
    /// Up to the version prefix, e.g. `http://127.0.0.1:8178/v1`.
    pub base_url: String,
    pub api_key: Secret,
    pub model: String,
    /// A language hint (`mg`, `fr`); empty lets the server detect it.
    pub language: String,
    #[serde(deserialize_with = "layers::de_u64")]
    pub timeout_ms: u64,
}

impl Default for SttSettings {
    fn default() -> Self {
        Self {
            base_url: String::new(),
            api_key: Secret::default(),
            model: String::new(),
            language: String::new(),
            timeout_ms: 60_000,
        }
    }
}

impl SttSettings {
    pub fn enabled(&self) -> bool {
        !self.base_url.is_empty()
    }

    pub(super) fn validate(&mut self) -> Result<(), SettingsError> {
        if self.base_url.is_empty() {
            return Ok(());
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err(invalid("stt.base_url", "must be an http(s) URL"));
        }
        if self.model.is_empty() {
            return Err(invalid("stt.model", "required when base_url is set"));
        }
        if self.timeout_ms == 0 {
            return Err(invalid("stt.timeout_ms", "must be at least 1"));
        }
        self.base_url = self.base_url.trim_end_matches('/').to_string();
        Ok(())
    }
}
