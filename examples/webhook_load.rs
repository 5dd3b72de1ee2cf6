//! Load generator for signed webhook ingestion (issue 3 benchmark).
//!
//! ```text
//! cargo run --release --example webhook_load -- [SECONDS] [CONCURRENCY] [plain] [devis]
//! ```
//! `devis` also issues 20 devis a second with their PDF for the whole run (the same
//! `quotes::issue` path as the chat, the API and the admin): ingestion keeps its rate
//! and its tail latency because the PDF is rendered and sealed before the write
//! transaction, never while holding the writer. Compare the two runs.
//! Starts Varotra in-process on a temp data dir (SQLCipher on, `synchronous=FULL`, the
//! reply worker off so only ingestion is measured), registers one shop number, then
//! posts signed Cloud API deliveries, each with a new wamid, from CONCURRENCY
//! keep-alive connections for SECONDS. Prints accepted deliveries per second and
//! latency percentiles, then checks that every acknowledged message is in the database.
//!
//! Measured 2026-11-25 on the 2-core dev machine while five other builds ran (load
//! average 14-19), debug build with SQLCipher, sha2 and serde_json at opt-level 3:
//! ```text
//! cargo run --example webhook_load \
//!   --config 'profile.dev.package.libsqlite3-sys.opt-level=3' \
//!   --config 'profile.dev.package.sha2.opt-level=3' \
//!   --config 'profile.dev.package.serde_json.opt-level=3' -- 10 32
//! accepted 3898 deliveries in 10.0 s = 388/s, errors 0, p50 80.0 ms p99 159.6 ms
//! ```
//! (64 connections: 402/s, p99 443 ms; plain debug build: 297/s.) These numbers say
//! little about an idle machine or a release build; rerun there before quoting them.

use std::time::{Duration, Instant};
use varotra::settings::{Secret, Settings};
use varotra::startup::Application;

const SECRET: &str = "load-secret";
const PNID: &str = "106540352242922";

fn body(n: u64) -> Vec<u8> {
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"102290129340398","changes":[{{"value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"261320000001","phone_number_id":"{PNID}"}},"contacts":[{{"profile":{{"name":"Client {c}"}},"wa_id":"2613400{c:05}"}}],"messages":[{{"from":"2613400{c:05}","id":"wamid.load.{n}","timestamp":"1764057600","type":"text","text":{{"body":"Bonjour, c'est combien le riz makalioka ?"}}}}]}},"field":"messages"}}]}}]}}"#,
        c = n % 5000
    )
    .into_bytes()
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let secs: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let concurrency: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(64);
    // `plain` turns encryption off, to measure what it costs; `devis` issues devis
    // with their PDF all along.
    let flags: Vec<String> = args.collect();
    let plain = flags.iter().any(|f| f == "plain");
    let with_devis = flags.iter().any(|f| f == "devis");

    let dir = tempfile::tempdir().unwrap();
    let mut s = Settings::default();
    s.server.bind = "127.0.0.1:0".into();
    s.server.data_dir = dir.path().join("data");
    s.storage.key = Secret::new("42".repeat(32));
    s.whatsapp.app_secret = Secret::new(SECRET);
    s.whatsapp.graph_api_base = "http://127.0.0.1:9".into();
    s.assistant.enabled = false;
    s.storage.encrypt = !plain;
    s.llm.model_path = String::new();
    s.config_dir = dir.path().to_path_buf();
    let s = s.validate().unwrap();
    varotra::startup::open_store(&s, true).unwrap();
    let app = Application::build(s).await.unwrap();
    let (port, db) = (app.port(), app.state().db.clone());
    let (files, issuer) = (app.state().files.clone(), app.state().issuer.clone());
    tokio::spawn(app.run_until_stopped());
    let shop = db.write(|c| {
        let shop = varotra::db::shops::create(c, &varotra::db::shops::NewShop {
            slug: "load".into(),
            company_name: "Load".into(),
            ..Default::default()
        })?;
        c.execute(
            "INSERT INTO whatsapp_accounts (shop_id, wa_number, provider, webhook_token, phone_number_id, token)
             VALUES (?1, '261320000001', 'meta', 'tok', ?2, 'x')",
            rusqlite::params![shop, PNID],
        )?;
        c.execute(
            "INSERT INTO products (shop_id, sku, title, price) VALUES (?1, 'RIZ-25', 'Riz makalioka sac 25 kg', 82000)",
            [shop],
        )?;
        Ok(shop)
    })
    .await
    .unwrap();
    let issued = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let devis_until = Instant::now() + Duration::from_secs(secs);
    let devis_threads: Vec<_> = (0..if with_devis { 1 } else { 0 })
        .map(|_| {
            let (db, files, issuer, issued) =
                (db.clone(), files.clone(), issuer.clone(), issued.clone());
            std::thread::spawn(move || {
                let new = varotra::quotes::NewDevis {
                    customer_phone: Some("261340000001".into()),
                    items: vec![("RIZ-25".into(), 3)],
                    ..Default::default()
                };
                let mut next = Instant::now();
                while Instant::now() < devis_until {
                    varotra::quotes::issue(&db, &files, &issuer, shop, &new).expect("devis");
                    issued.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    next += Duration::from_millis(50);
                    std::thread::sleep(next.saturating_duration_since(Instant::now()));
                }
            })
        })
        .collect();

    let url = format!("http://127.0.0.1:{port}/webhooks/whatsapp");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency as usize)
        .build()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..concurrency {
        let (client, url) = (client.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let (mut lat, mut errors, mut n) = (Vec::new(), 0u64, worker);
            while Instant::now() < deadline {
                let b = body(n);
                n += concurrency;
                let sig = varotra::whatsapp::signature::sign(SECRET, &b);
                let t = Instant::now();
                let res = client
                    .post(&url)
                    .header("X-Hub-Signature-256", sig)
                    .body(b)
                    .send()
                    .await;
                match res {
                    Ok(r) if r.status() == 200 => lat.push(t.elapsed().as_micros() as u64),
                    _ => errors += 1,
                }
            }
            (lat, errors)
        }));
    }
    let (mut lat, mut errors) = (Vec::new(), 0);
    for t in tasks {
        let (l, e) = t.await.unwrap();
        lat.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    for t in devis_threads {
        t.join().unwrap();
    }
    lat.sort_unstable();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0) as f64
            / 1000.0
    };
    let stored: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM messages", [], |r| r.get(0))?))
        .await
        .unwrap();
    if with_devis {
        let n = issued.load(std::sync::atomic::Ordering::Relaxed);
        println!(
            "issued {n} devis with their PDF meanwhile = {:.0}/s",
            n as f64 / elapsed
        );
    }
    println!(
        "accepted {} deliveries in {elapsed:.1} s = {:.0}/s, errors {errors}, latency p50 {:.1} ms p99 {:.1} ms max {:.1} ms, stored messages {stored}",
        lat.len(),
        lat.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99),
        pct(1.0)
    );
    assert!(
        stored as usize >= lat.len(),
        "an acknowledged delivery is missing from the database"
    );
}
