//! The real `varotra serve` process, killed with SIGKILL in the middle of a burst of
//! signed webhooks, restarted, and drained, five times: no acknowledged delivery is
//! lost and no reply leaves twice. The fake Graph API plays Meta: it accepts sends
//! (slowly, so kills land mid-send), then posts each one's `sent` status back with the
//! `biz_opaque_callback_data` it carried, retrying until the server acknowledges it,
//! as Meta retries webhooks; the burst's deliveries are retried the same way.

use crate::helpers::{hex_key, APP_SECRET};
use crate::whatsapp_support::{fixture, sign, PHONE_NUMBER_ID};
use std::collections::{HashMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CUSTOMERS: usize = 40;
const RUNS: usize = 5;

/// Fake Meta: counts each outbox row it accepted, queues its status webhook.
#[derive(Clone)]
struct Meta {
    accepted: Arc<Mutex<HashMap<String, usize>>>,
    next: Arc<AtomicUsize>,
    statuses: mpsc::UnboundedSender<(String, String, String)>,
}

impl Respond for Meta {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap_or_default();
        let row = body["biz_opaque_callback_data"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let to = body["to"].as_str().unwrap_or("").to_string();
        let wamid = format!("wamid.KILL9-{}", self.next.fetch_add(1, Ordering::SeqCst));
        *self
            .accepted
            .lock()
            .unwrap()
            .entry(row.clone())
            .or_default() += 1;
        let _ = self.statuses.send((wamid.clone(), row, to.clone()));
        ResponseTemplate::new(200)
            .set_delay(Duration::from_millis(80))
            .set_body_json(serde_json::json!({
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to}],
                "messages": [{"id": wamid}]
            }))
    }
}

/// POSTs a signed delivery until the server answers 200, as Meta does.
pub(crate) async fn deliver(http: &reqwest::Client, address: &str, body: Vec<u8>) {
    let sig = sign(&body);
    loop {
        let res = http
            .post(format!("{address}/webhooks/whatsapp"))
            .header("Content-Type", "application/json")
            .header("X-Hub-Signature-256", &sig)
            .body(body.clone())
            .send()
            .await;
        if matches!(&res, Ok(r) if r.status() == 200) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn status_webhook(wamid: &str, row: &str, to: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "261320000001", "phone_number_id": PHONE_NUMBER_ID},
            "statuses": [{"id": wamid, "status": "sent", "timestamp": "1764057605", "recipient_id": to,
                          "biz_opaque_callback_data": row,
                          "pricing": {"billable": false, "pricing_model": "PMP", "type": "free_customer_service", "category": "service"}}]
        }}]}]
    }))
    .unwrap()
}

fn customer_message(run: usize, i: usize) -> Vec<u8> {
    let phone = format!("2613400{i:05}");
    let mut v: serde_json::Value = serde_json::from_slice(&fixture("text-fr.json")).unwrap();
    let value = &mut v["entry"][0]["changes"][0]["value"];
    value["contacts"][0]["wa_id"] = serde_json::json!(phone);
    value["messages"][0]["from"] = serde_json::json!(phone);
    value["messages"][0]["id"] = serde_json::json!(format!("wamid.KILL9IN-{run}-{i}"));
    serde_json::to_vec(&v).unwrap()
}

/// A real `varotra serve` in `dir`, on `port`, talking to the fake Graph API `graph`.
pub(crate) struct Server {
    pub(crate) dir: std::path::PathBuf,
    pub(crate) port: u16,
    pub(crate) graph: String,
}

impl Server {
    /// Migrated, with one shop and its Meta number.
    pub(crate) fn prepared(dir: &std::path::Path, graph: String) -> Self {
        let server = Server {
            dir: dir.to_path_buf(),
            port: free_port(),
            graph,
        };
        server.run(&["migrate"]);
        server.run(&[
            "shop",
            "add",
            "--slug",
            "epicerie",
            "--name",
            "Épicerie Rivo",
        ]);
        server.run(&[
            "number",
            "add",
            "--shop",
            "epicerie",
            "--provider",
            "meta",
            "--phone-number-id",
            PHONE_NUMBER_ID,
            "--display-phone",
            "+261320000001",
            "--token",
            "meta-access-token",
            // The fake Graph API here only takes messages; the check has its own tests.
            "--no-check",
        ]);
        server
    }

    /// The store, opened beside the running server (SQLite in WAL mode allows it).
    pub(crate) fn db(&self) -> varotra::db::Db {
        let key = varotra::crypto::MasterKey::from_bytes(
            hex::decode(hex_key()).unwrap().try_into().unwrap(),
            "test",
        );
        varotra::db::Db::open(&self.dir.join("data/varotra.db"), Some(&key), false).unwrap()
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_varotra"));
        cmd.current_dir(&self.dir)
            .env("VAROTRA__SERVER__DATA_DIR", self.dir.join("data"))
            .env("VAROTRA__SERVER__BIND", format!("127.0.0.1:{}", self.port))
            .env("VAROTRA__STORAGE__KEY", hex_key())
            .env("VAROTRA__LLM__MODEL_PATH", "")
            .env("VAROTRA__WHATSAPP__APP_SECRET", APP_SECRET)
            .env("VAROTRA__WHATSAPP__GRAPH_API_BASE", &self.graph)
            .env("VAROTRA__WHATSAPP__PAIR_INTERVAL_MS", "0")
            .env("VAROTRA__WHATSAPP__MAX_RETRY_DELAY_SECS", "1")
            .env("VAROTRA__WHATSAPP__RESEND_GRACE_SECS", "5")
            .env("VAROTRA__WHATSAPP__READ_RECEIPTS", "false")
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) {
        let out = self
            .command()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub(crate) async fn start(&self, http: &reqwest::Client) -> Child {
        let child = self.command().arg("serve").spawn().unwrap();
        let health = format!("http://127.0.0.1:{}/healthz", self.port);
        crate::whatsapp_support::eventually("serve to answer", || async {
            matches!(http.get(&health).send().await, Ok(r) if r.status() == 200).then_some(())
        })
        .await;
        child
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One run: (acknowledged deliveries, stored, rows sent, rows held at restart, rows
/// accepted twice).
async fn run_once(run: usize) -> (usize, usize, usize, i64, usize) {
    let graph = MockServer::start().await;
    let (tx, mut statuses) = mpsc::unbounded_channel();
    let meta = Meta {
        accepted: Arc::default(),
        next: Arc::default(),
        statuses: tx,
    };
    Mock::given(method("POST"))
        .and(path(format!("/{PHONE_NUMBER_ID}/messages")))
        .respond_with(meta.clone())
        .mount(&graph)
        .await;
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::prepared(tmp.path(), graph.uri());
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let address = format!("http://127.0.0.1:{}", server.port);
    let mut child = server.start(&http).await;

    // Meta's status webhooks, each retried until acknowledged.
    let (h, a) = (http.clone(), address.clone());
    tokio::spawn(async move {
        while let Some((wamid, row, to)) = statuses.recv().await {
            let (h, a) = (h.clone(), a.clone());
            tokio::spawn(async move { deliver(&h, &a, status_webhook(&wamid, &row, &to)).await });
        }
    });
    // The burst: every customer's message, eight at a time, each retried until acked.
    let acked = Arc::new(Mutex::new(HashSet::new()));
    let burst = {
        let (http, address, acked) = (http.clone(), address.clone(), acked.clone());
        tokio::spawn(async move {
            use futures_util::StreamExt;
            futures_util::stream::iter(0..CUSTOMERS)
                .for_each_concurrent(8, |i| {
                    let (http, address, acked) = (http.clone(), address.clone(), acked.clone());
                    async move {
                        deliver(&http, &address, customer_message(run, i)).await;
                        acked
                            .lock()
                            .unwrap()
                            .insert(format!("wamid.KILL9IN-{run}-{i}"));
                    }
                })
                .await;
        })
    };
    // kill -9 once a third of the burst is acknowledged and replies are going out.
    let sent = meta.accepted.clone();
    crate::whatsapp_support::eventually("a third of the burst, replies on their way", || async {
        let replies: usize = sent.lock().unwrap().values().sum();
        (acked.lock().unwrap().len() >= CUSTOMERS / 3 && replies >= 4).then_some(())
    })
    .await;
    child.kill().unwrap();
    child.wait().unwrap();
    let mut child = server.start(&http).await;
    let db = server.db();
    let held = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM outbox WHERE status = 'sending' AND held_until IS NOT NULL",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .await
        .unwrap();
    burst.await.unwrap();

    // Drain: every reply sent (the held ones confirmed by their status, or resent).
    let db = server.db();
    let one = |sql: &'static str| {
        let db = db.clone();
        async move {
            db.read(move |c| Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))?))
                .await
                .unwrap()
        }
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(40);
    loop {
        let replies_done = one(
            "SELECT count(*) FROM jobs WHERE kind = 'reply' AND status IN ('pending', 'running')",
        )
        .await
            == 0;
        let unsent = one("SELECT count(*) FROM outbox WHERE status != 'sent'").await;
        let rows = one("SELECT count(*) FROM outbox").await;
        if replies_done && unsent == 0 && rows >= CUSTOMERS as i64 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "run {run}: {unsent} of {rows} rows unsent"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let acked: Vec<String> = acked.lock().unwrap().iter().cloned().collect();
    let stored = db
        .read(move |c| {
            let mut n = 0;
            for w in &acked {
                n += c.query_row("SELECT count(*) FROM messages WHERE wamid = ?1", [w], |r| {
                    r.get::<_, i64>(0)
                })?;
            }
            Ok(n as usize)
        })
        .await
        .unwrap();
    let rows = one("SELECT count(*) FROM outbox").await as usize;
    child.kill().unwrap();
    child.wait().unwrap();
    let accepted = meta.accepted.lock().unwrap().clone();
    let doubled = accepted.values().filter(|n| **n > 1).count();
    let never = (1..=rows)
        .filter(|id| !accepted.contains_key(&format!("varotra:outbox:{id}")))
        .count();
    assert_eq!(never, 0, "run {run}: every reply reached the provider");
    (CUSTOMERS, stored, rows, held, doubled)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_minus_nine_mid_burst_loses_no_acknowledged_delivery_and_doubles_no_reply_over_five_runs(
) {
    let mut report = Vec::new();
    for run in 0..RUNS {
        let (acked, stored, rows, held, doubled) = run_once(run).await;
        report.push(format!(
            "run {run}: {acked} acked, {stored} stored, {rows} replies, {held} held mid-send at restart, {doubled} doubled"
        ));
        assert_eq!(stored, acked, "{report:?}");
        assert_eq!(doubled, 0, "{report:?}");
    }
    eprintln!("{}", report.join("\n"));
}
