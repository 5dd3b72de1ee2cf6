//! [`AppState`]: what every handler reaches through `web::Data`. `startup` builds it
//! once; the handlers only read it (the domains never see it).

use crate::crypto::FileStore;
use crate::db::Db;
use crate::settings::Settings;
use std::sync::Arc;
use tokio::sync::watch;

/// Shared state of every handler; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub db: Db,
    pub files: FileStore,
    /// Catalogue and FAQ search (Tantivy index kept in step with SQLite).
    pub catalog: crate::catalog::Catalog,
    pub metrics: crate::telemetry::Metrics,
    pub http: reqwest::Client,
    /// The mobile-money providers' cached OAuth tokens (shared with the jobs).
    pub tokens: crate::payments::Tokens,
    /// Login, API and password-check limits.
    pub limits: super::limits::Limits,
    /// The bot, as the reply job runs it (the simulator asks it too).
    pub assistant: crate::assistant::Assistant,
    /// Serialises devis numbering per shop while PDFs render off the writer.
    pub issuer: crate::quotes::Issuer,
    /// WhatsApp ingest writer and worker wake-ups.
    pub whatsapp: crate::whatsapp::Channel,
    /// Flips to `true` when the server shuts down; workers watch it.
    pub shutdown: watch::Receiver<bool>,
}
