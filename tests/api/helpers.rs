//! `spawn_app()` and typed helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::sync::Once;
use varotra::db::accounts::{self, Role};
use varotra::db::{shops, Db, ShopId};
use varotra::settings::{Secret, Settings};
use varotra::startup::Application;

static TRACING: Once = Once::new();

pub const APP_SECRET: &str = "test-app-secret";
pub const VERIFY_TOKEN: &str = "test-verify-token";
pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub address: String,
    pub dir: tempfile::TempDir,
    pub db: Db,
    pub settings: Settings,
    /// A client that keeps cookies and does not follow redirects.
    pub client: reqwest::Client,
}

/// Settings for a test: temp data dir, port 0, encryption on with a fixed test key,
/// no model, WhatsApp APIs pointed at `fake_base`.
pub fn test_settings(dir: &Path, fake_base: &str) -> Settings {
    let mut s = Settings::default();
    s.server.bind = "127.0.0.1:0".into();
    s.server.data_dir = dir.join("data");
    s.storage.key = Secret::new(hex_key());
    s.storage.key_file = dir.join("varotra.key");
    s.whatsapp.app_secret = Secret::new(APP_SECRET);
    s.whatsapp.verify_token = Secret::new(VERIFY_TOKEN);
    s.whatsapp.graph_api_base = fake_base.into();
    s.whatsapp.dialog360_api_base = fake_base.into();
    s.whatsapp.gupshup_api_base = fake_base.into();
    s.llm.model_path = String::new();
    // Read receipts are POSTs to the same `/messages` endpoint as replies; the tests
    // that count replies on a fake Graph API leave them out, one test checks them.
    s.whatsapp.read_receipts = false;
    s.config_dir = dir.to_path_buf();
    s
}

pub fn hex_key() -> String {
    "42".repeat(32)
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Spawns the app after `tweak` adjusted its settings.
pub async fn spawn_app_with(tweak: impl FnOnce(&mut Settings)) -> TestApp {
    TRACING.call_once(|| {
        if std::env::var("TEST_LOG").is_ok() {
            varotra::telemetry::init("text");
        }
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let mut settings = test_settings(dir.path(), "http://127.0.0.1:9");
    tweak(&mut settings);
    let settings = settings.validate().expect("valid test settings");
    let app = Application::build(settings.clone())
        .await
        .expect("application builds");
    let port = app.port();
    let db = app.state().db.clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        dir,
        db,
        settings,
        client,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub fn data_dir(&self) -> PathBuf {
        self.settings.server.data_dir.clone()
    }

    pub async fn create_shop(&self, slug: &str, name: &str) -> ShopId {
        let shop = shops::NewShop {
            slug: slug.into(),
            company_name: name.into(),
            nif: Some("4001234567".into()),
            stat: Some("47111 11 2019 0 01234".into()),
            address: Some("Lot IVG 12 Bis, Analakely, Antananarivo".into()),
            phone: Some("+261 32 00 000 01".into()),
            vat_rate_bp: Some(2000),
            ..Default::default()
        };
        self.db
            .write(move |c| shops::create(c, &shop))
            .await
            .unwrap()
    }

    pub async fn create_user(&self, email: &str, role: Role, shop: ShopId) {
        let email = email.to_string();
        self.db
            .write(move |c| accounts::create(c, &email, PASSWORD, role, shop))
            .await
            .unwrap();
    }

    /// The body of an admin page, asserting its status.
    pub async fn page(&self, path: &str, status: u16) -> String {
        let res = self.client.get(self.url(path)).send().await.unwrap();
        assert_eq!(res.status(), status, "GET {path}");
        res.text().await.unwrap()
    }

    /// The CSRF token of the login form (and its cookie, kept by the client).
    pub async fn login_form_csrf(&self) -> String {
        let html = self.page("/admin/login", 200).await;
        extract_csrf(&html).expect("login form has a csrf field")
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        let csrf = self.login_form_csrf().await;
        self.client
            .post(self.url("/admin/login"))
            .form(&[("email", email), ("password", password), ("csrf", &csrf)])
            .send()
            .await
            .unwrap()
    }

    /// Runs the `varotra` binary with this app's settings through the environment.
    pub fn command(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_varotra"));
        cmd.env("VAROTRA__SERVER__DATA_DIR", self.data_dir())
            .env("VAROTRA__STORAGE__KEY", hex_key())
            .env("VAROTRA__LLM__MODEL_PATH", "")
            .current_dir(self.dir.path());
        cmd
    }

    /// A second, migrated store beside the app's, for a `varotra serve` of its own: the
    /// test app's server holds its data dir, so another serve there refuses to start.
    pub fn own_store(&self) -> std::path::PathBuf {
        let data = self.dir.path().join("served");
        let status = self
            .command()
            .env("VAROTRA__SERVER__DATA_DIR", &data)
            .arg("migrate")
            .status()
            .unwrap();
        assert!(status.success(), "migrate {}: {status:?}", data.display());
        data
    }
}

/// The value of the first `name="csrf"` hidden field in a page.
pub fn extract_csrf(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")?;
    let rest = &html[at + "name=\"csrf\" value=\"".len()..];
    Some(rest[..rest.find('"')?].to_string())
}

impl TestApp {
    /// Logs in through the API and returns the bearer token.
    pub async fn api_token(&self, email: &str) -> String {
        let res = self
            .client
            .post(self.url("/api/v1/login"))
            .json(&serde_json::json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let body: serde_json::Value = res.json().await.unwrap();
        body["token"].as_str().unwrap().to_string()
    }
}
