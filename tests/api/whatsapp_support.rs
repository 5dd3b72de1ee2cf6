//! Shared helpers of the WhatsApp tests: fixtures, signing, a shop with a number,
//! a fake Graph API, and polling with a deadline (no fixed sleeps).

use crate::helpers::{TestApp, APP_SECRET};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use varotra::db::{Db, ShopId};
use wiremock::{Request, Respond, ResponseTemplate};

pub const PHONE_NUMBER_ID: &str = "106540352242922";
pub const CUSTOMER: &str = "261341234567";
pub const META_TOKEN: &str = "meta-access-token";

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/webhooks/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn sign(body: &[u8]) -> String {
    varotra::whatsapp::signature::sign(APP_SECRET, body)
}

/// Posts `body` to the Meta webhook, signed with the test app secret.
pub async fn post_signed(app: &TestApp, body: &[u8]) -> reqwest::Response {
    post_to(&app.address, body).await
}

pub async fn post_to(address: &str, body: &[u8]) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{address}/webhooks/whatsapp"))
        .header("Content-Type", "application/json")
        .header("X-Hub-Signature-256", sign(body))
        .body(body.to_vec())
        .send()
        .await
        .unwrap()
}

/// A shop with one number of `provider`; returns (shop, webhook token).
pub async fn shop_with_number(db: &Db, provider: &str, phone_number_id: &str) -> (ShopId, String) {
    let (provider, pnid) = (provider.to_string(), phone_number_id.to_string());
    db.write(move |c| {
        let shop = varotra::db::shops::create(
            c,
            &varotra::db::shops::NewShop {
                slug: format!("epicerie-{}", pnid.to_lowercase()),
                company_name: "Épicerie Rivo".into(),
                ..Default::default()
            },
        )?;
        let token = format!("hook-{pnid}");
        c.execute(
            "INSERT INTO whatsapp_accounts (shop_id, wa_number, provider, webhook_token, phone_number_id, token)
             VALUES (?1, '261320000001', ?2, ?3, ?4, ?5)",
            rusqlite::params![shop, provider, token, pnid, META_TOKEN],
        )?;
        Ok((shop, token))
    })
    .await
    .unwrap()
}

/// Polls `check` until it returns `Some`, failing after 15 s.
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(v) = check().await {
            return v;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("timed out waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// One integer from a query (counts in assertions).
pub async fn count(db: &Db, sql: &str) -> i64 {
    let sql = sql.to_string();
    db.read(move |c| Ok(c.query_row(&sql, [], |r| r.get(0))?))
        .await
        .unwrap()
}

/// One text value from a query; `None` for no row or NULL.
pub async fn text(db: &Db, sql: &str) -> Option<String> {
    use rusqlite::OptionalExtension;
    let sql = sql.to_string();
    db.read(move |c| {
        Ok(c.query_row(&sql, [], |r| r.get::<_, Option<String>>(0))
            .optional()?)
    })
    .await
    .unwrap()
    .flatten()
}

/// A fake `/messages` endpoint: the first `failures` calls answer `fail_status`,
/// later ones 200 with a fresh wamid. Counts calls and successes.
#[derive(Clone)]
pub struct FakeSend {
    pub calls: Arc<AtomicUsize>,
    pub accepted: Arc<AtomicUsize>,
    failures: usize,
    fail_status: u16,
    fail_body: String,
}

impl FakeSend {
    pub fn ok() -> Self {
        Self::failing(0, 503, "")
    }

    pub fn failing(failures: usize, fail_status: u16, fail_body: &str) -> Self {
        Self {
            calls: Arc::default(),
            accepted: Arc::default(),
            failures,
            fail_status,
            fail_body: fail_body.into(),
        }
    }

    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

impl Respond for FakeSend {
    fn respond(&self, _req: &Request) -> ResponseTemplate {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        if n < self.failures {
            return ResponseTemplate::new(self.fail_status).set_body_string(self.fail_body.clone());
        }
        let k = self.accepted.fetch_add(1, Ordering::SeqCst);
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "messaging_product": "whatsapp",
            "contacts": [{"input": "261341234567", "wa_id": "261341234567"}],
            "messages": [{"id": format!("wamid.OUT{k}")}]
        }))
    }
}
