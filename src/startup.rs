//! Builds the application: opens the store, binds the listener, starts the workers.
//!
//! `Application::build(settings)` binds `server.bind` (port 0 in tests) and returns a
//! handle exposing the port; `run_until_stopped` serves until SIGINT/SIGTERM, then
//! lets in-flight requests finish and stops the workers.

use crate::crypto::{FileStore, MasterKey};
use crate::db::Db;
use crate::settings::Settings;
use crate::web;
use actix_web::dev::Server;
use actix_web::{web as aw, App, HttpServer};
use std::net::TcpListener;
use std::sync::Arc;
use tokio::sync::watch;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Key(#[from] crate::crypto::KeyError),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error("impossible d'écouter sur {bind} / cannot listen: {source}")]
    Bind {
        bind: String,
        source: std::io::Error,
    },
    #[error("dossier de données {path} inutilisable / data directory not usable: {source}")]
    DataDir {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Rotate(#[from] crate::crypto::RotateError),
    #[error("{0}")]
    Other(String),
}

use crate::web::AppState;

/// Opens the master key (never creating one) and the database (creating it only
/// when `create`), as `serve` and the CLI commands do.
pub fn open_store(settings: &Settings, create: bool) -> Result<(Db, FileStore), StartupError> {
    let data_dir = &settings.server.data_dir;
    std::fs::create_dir_all(data_dir).map_err(|source| StartupError::DataDir {
        path: data_dir.clone(),
        source,
    })?;
    let key = if settings.storage.encrypt {
        // A rotation interrupted by a crash is finished or undone before the key is read.
        crate::crypto::rotate::resume_if_needed(settings)?;
        Some(MasterKey::load(settings, create)?)
    } else {
        None
    };
    let db_path = settings.database_path();
    if let Some(key) = &key {
        if crate::db::upgrade::is_plain_sqlite(&db_path) {
            if !create {
                return Err(StartupError::Other(format!(
                    "the database {} is not encrypted: run `varotra migrate` to encrypt it",
                    db_path.display()
                )));
            }
            let stamp = chrono::Utc::now().format("%Y%m%d%H%M%S");
            let backup = settings
                .config_dir
                .join(format!("varotra-plain-backup-{stamp}.db"));
            crate::db::upgrade::encrypt_plain_database(&db_path, key, &backup)?;
            eprintln!(
                "Base chiffrée / database encrypted. The unencrypted original was moved to {}: check the admin, then delete that file.",
                backup.display()
            );
        }
    }
    let db = Db::open(&db_path, key.as_ref(), true)?;
    let files = FileStore::new(data_dir.join("files"), key.as_ref());
    Ok((db, files))
}

pub struct Application {
    /// Held until the server stops: `restore` and `key rotate` refuse meanwhile.
    _lock: crate::db::StoreLock,
    port: u16,
    server: Server,
    state: AppState,
    shutdown_tx: watch::Sender<bool>,
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let lock = crate::db::StoreLock::acquire(&settings.server.data_dir)?;
        let (db, files) = {
            let s = settings.clone();
            tokio::task::spawn_blocking(move || open_store(&s, false))
                .await
                .map_err(|e| StartupError::Other(e.to_string()))??
        };
        let catalog = {
            let (dir, db) = (settings.server.data_dir.clone(), db.clone());
            tokio::task::spawn_blocking(move || crate::catalog::Catalog::open(&dir, &db))
                .await
                .map_err(|e| StartupError::Other(e.to_string()))?
                .map_err(|e| StartupError::Other(e.to_string()))?
        };
        let listener =
            TcpListener::bind(&settings.server.bind).map_err(|source| StartupError::Bind {
                bind: settings.server.bind.clone(),
                source,
            })?;
        let port = listener
            .local_addr()
            .map_err(|source| StartupError::Bind {
                bind: settings.server.bind.clone(),
                source,
            })?
            .port();
        let (shutdown_tx, shutdown) = watch::channel(false);
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .connect_timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| StartupError::Other(e.to_string()))?;
        let whatsapp = crate::whatsapp::Channel::new(
            &db,
            crate::whatsapp::ingest::IngestOptions {
                owner_pause_minutes: settings.whatsapp.owner_pause_minutes,
                transcribe: settings.stt.enabled(),
            },
        );
        let wakers = crate::jobs::Wakers {
            reply: whatsapp.jobs_wake.clone(),
            outbox: whatsapp.outbox_wake.clone(),
            mailer: Default::default(),
        };
        let mut assistant = crate::assistant::Assistant::with_catalog_and_model(
            catalog.clone(),
            crate::llm::Llm::start(&settings.llm),
        );
        assistant.local_small_talk = settings.assistant.local_small_talk;
        let issuer = crate::quotes::Issuer::default();
        let state = AppState {
            limits: web::limits::Limits::new(&settings.server),
            settings: Arc::new(settings),
            db,
            files,
            catalog,
            metrics: crate::telemetry::Metrics::default(),
            http,
            tokens: crate::payments::Tokens::default(),
            assistant,
            issuer,
            whatsapp,
            shutdown,
        };
        start_channel_workers(&state);
        crate::jobs::start(&crate::jobs::Context {
            settings: state.settings.clone(),
            db: state.db.clone(),
            files: state.files.clone(),
            assistant: state.assistant.clone(),
            issuer: state.issuer.clone(),
            metrics: state.metrics.clone(),
            http: state.http.clone(),
            tokens: state.tokens.clone(),
            wakers,
            shutdown: state.shutdown.clone(),
        });
        let server = run(listener, state.clone())?;
        tracing::info!(port, "varotra listening");
        Ok(Self {
            _lock: lock,
            port,
            server,
            state,
            shutdown_tx,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until the server stops (SIGINT / SIGTERM or a handle's stop), then
    /// signals the workers to finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        let _ = self.shutdown_tx.send(true);
        drop(self._lock);
        result
    }
}

/// Starts the WhatsApp outbox sender; it stops when `state.shutdown` flips.
fn start_channel_workers(state: &AppState) {
    tokio::spawn(crate::whatsapp::outbox::run_sender(
        crate::whatsapp::outbox::SenderContext {
            db: state.db.clone(),
            http: state.http.clone(),
            settings: state.settings.whatsapp.clone(),
            files: state.files.clone(),
            metrics: state.metrics.clone(),
            wake: state.whatsapp.outbox_wake.clone(),
            shutdown: state.shutdown.clone(),
        },
    ));
}

fn run(listener: TcpListener, state: AppState) -> Result<Server, StartupError> {
    let max_body = state.settings.server.max_body_bytes as usize;
    let data = aw::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(aw::PayloadConfig::new(max_body))
            .app_data(
                aw::JsonConfig::default()
                    .limit(max_body)
                    .error_handler(web::json_error_handler),
            )
            .app_data(aw::QueryConfig::default().error_handler(web::error::query_error_handler))
            .app_data(aw::FormConfig::default().error_handler(web::error::form_error_handler))
            .wrap(web::headers::security())
            .wrap(actix_web::middleware::from_fn(web::metrics::track))
            .configure(web::configure)
    })
    .listen(listener)
    .map_err(|source| StartupError::Bind {
        bind: "listener".into(),
        source,
    })?
    .shutdown_timeout(10)
    .run();
    Ok(server)
}
