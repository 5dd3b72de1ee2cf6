//! The fake Graph API on loopback: the Cloud API endpoints `varotra serve` calls
//! (`POST /{phone_number_id}/messages`, `POST /{phone_number_id}/media`, the media
//! lookup `GET /{media_id}` and its download URL), each answering after `latency`, with
//! a share of `503` Graph errors (code 2, "temporarily unavailable", which Meta documents
//! as retryable). Every message it accepts is recorded with the instant it arrived, the
//! scenario's "receipt" time; read receipts ("status": "read") are counted apart.

use rand::Rng;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// One message the fake accepted.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub at: Instant,
    pub to: String,
    /// `text`, `document`, `interactive`, `image`, `template`...
    pub kind: String,
    /// The text shown to the customer (body, caption or interactive body).
    pub text: String,
    pub wamid: String,
    pub phone_number_id: String,
}

#[derive(Default)]
pub struct Record {
    pub receipts: Mutex<Vec<Receipt>>,
    pub errors_returned: AtomicU64,
    pub read_receipts: AtomicU64,
    pub uploads: AtomicU64,
    pub media_served: AtomicU64,
    next: AtomicU64,
}

impl Record {
    /// The receipts from `from` on (an index into the list), to page through them.
    pub fn since(&self, from: usize) -> Vec<Receipt> {
        let all = self.receipts.lock().unwrap();
        all.get(from..).map(<[Receipt]>::to_vec).unwrap_or_default()
    }

    fn id(&self) -> u64 {
        self.next.fetch_add(1, Ordering::Relaxed)
    }
}

pub struct FakeGraph {
    pub server: MockServer,
    pub record: Arc<Record>,
}

/// What Graph answers when it is briefly unavailable.
fn unavailable() -> ResponseTemplate {
    ResponseTemplate::new(503).set_body_json(json!({"error": {
        "message": "An unexpected error has occurred. Please retry your request later.",
        "type": "OAuthException", "code": 2, "is_transient": true,
        "fbtrace_id": "AbCdEfGhIjKlMnOp"
    }}))
}

struct Messages {
    record: Arc<Record>,
    error_rate: f64,
    latency: Duration,
}

impl Respond for Messages {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let at = Instant::now();
        if rand::thread_rng().gen_bool(self.error_rate) {
            self.record.errors_returned.fetch_add(1, Ordering::Relaxed);
            return unavailable().set_delay(self.latency);
        }
        let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
        if body["status"] == "read" {
            self.record.read_receipts.fetch_add(1, Ordering::Relaxed);
            return ResponseTemplate::new(200)
                .set_body_json(json!({"success": true}))
                .set_delay(self.latency);
        }
        let to = body["to"]
            .as_str()
            .or_else(|| body["recipient"].as_str())
            .unwrap_or("")
            .to_string();
        let kind = body["type"].as_str().unwrap_or("").to_string();
        let text = [
            &body["text"]["body"],
            &body["document"]["caption"],
            &body["image"]["caption"],
            &body["interactive"]["body"]["text"],
        ]
        .into_iter()
        .find_map(|v| v.as_str())
        .unwrap_or("")
        .to_string();
        let wamid = format!("wamid.fake.{}", self.record.id());
        let pnid = req.url.path().split('/').nth(1).unwrap_or("").to_string();
        self.record.receipts.lock().unwrap().push(Receipt {
            at,
            to: to.clone(),
            kind,
            text,
            wamid: wamid.clone(),
            phone_number_id: pnid,
        });
        ResponseTemplate::new(200)
            .set_body_json(json!({
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to}],
                "messages": [{"id": wamid}]
            }))
            .set_delay(self.latency)
    }
}

struct Upload(Arc<Record>, Duration);

impl Respond for Upload {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.0.uploads.fetch_add(1, Ordering::Relaxed);
        ResponseTemplate::new(200)
            .set_body_json(json!({"id": format!("{}", 900_000_000 + self.0.id())}))
            .set_delay(self.1)
    }
}

/// The media lookup: a short-lived URL on this same server.
struct Lookup(String, Duration);

impl Respond for Lookup {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let id = req.url.path().trim_start_matches('/').to_string();
        ResponseTemplate::new(200)
            .set_body_json(json!({
                "messaging_product": "whatsapp",
                "url": format!("{}/dl/{id}", self.0),
                "mime_type": "image/jpeg",
                "sha256": "HgsQd0tJmXbF0H1xvH5t2wRkq1Qj3x8xGqWzZ5Cz0dM=",
                "file_size": PHOTO.len(),
                "id": id
            }))
            .set_delay(self.1)
    }
}

/// A customer's photo: a few kilobytes with JPEG's start and end markers.
const PHOTO: &[u8] = &{
    let mut b = [0x5au8; 24 * 1024];
    b[0] = 0xff;
    b[1] = 0xd8;
    b[24 * 1024 - 2] = 0xff;
    b[24 * 1024 - 1] = 0xd9;
    b
};

struct Download(Arc<Record>);

impl Respond for Download {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.0.media_served.fetch_add(1, Ordering::Relaxed);
        ResponseTemplate::new(200).set_body_raw(PHOTO.to_vec(), "image/jpeg")
    }
}

impl FakeGraph {
    pub async fn start(latency: Duration, error_rate: f64) -> FakeGraph {
        let server = MockServer::builder().disable_request_recording();
        let server = server.start().await;
        let record = Arc::new(Record::default());
        Mock::given(method("POST"))
            .and(path_regex(r"^/[0-9]+/messages$"))
            .respond_with(Messages {
                record: record.clone(),
                error_rate,
                latency,
            })
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path_regex(r"^/[0-9]+/media$"))
            .respond_with(Upload(record.clone(), latency))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path_regex(r"^/dl/[0-9]+$"))
            .respond_with(Download(record.clone()))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path_regex(r"^/[0-9]+$"))
            .respond_with(Lookup(server.uri(), latency))
            .mount(&server)
            .await;
        FakeGraph { server, record }
    }

    pub fn uri(&self) -> String {
        self.server.uri()
    }
}
