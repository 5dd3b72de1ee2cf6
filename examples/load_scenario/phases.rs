//! The runs of the scenario: the throughput references (healthz, encrypted and plain
//! ingest), then the mix on a full appliance (idle memory, calm traffic, 20 customers
//! at once, one shop flooded while the others go on).

use crate::graph::FakeGraph;
use crate::rates::{self, Rate};
use crate::stats::{match_replies, Matched};
use crate::store::{tree_rss, Options, Rss, Shop, Store};
use crate::traffic::{status, Class, Customers, Phase};
use crate::Args;
use rand::seq::SliceRandom;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Refs {
    pub healthz: Rate,
    pub encrypted: Vec<Rate>,
    pub plain: Vec<Rate>,
    /// Idle, assistant off, no model.
    pub idle_bare: Rss,
}

/// Healthz and ingest rates, encrypted and plain alternated twice, on stores where
/// the assistant is off (only ingestion is measured, as in `webhook_load`).
pub async fn references(args: &Args, graph: &FakeGraph) -> anyhow::Result<Refs> {
    let opts = |encrypt| Options {
        encrypt,
        assistant: false,
        model: None,
        graph_base: graph.uri(),
    };
    let started = Instant::now();
    let enc_store = Store::seed(args.shops, args.numbers, &opts(true))?;
    let plain_store = Store::seed(args.shops, args.numbers, &opts(false))?;
    println!(
        "seeded two stores of {} shops in {:.1} s",
        args.shops,
        started.elapsed().as_secs_f64()
    );
    let enc = enc_store.serve(&args.bin, &[]).await?;
    let plain = plain_store.serve(&args.bin, &[]).await?;
    let idle_bare = enc.settle(1, Duration::from_secs(10)).await;
    let healthz = rates::healthz(&enc.url, args.connections, args.ingest_secs).await;
    let (mut encrypted, mut plain_rates) = (Vec::new(), Vec::new());
    for (round, tag) in [("e1", "p1"), ("e2", "p2")] {
        let e = rates::ingest(
            &enc.url,
            &enc_store.shops,
            args.connections,
            args.ingest_secs,
            round,
        );
        encrypted.push(e.await);
        let p = rates::ingest(
            &plain.url,
            &plain_store.shops,
            args.connections,
            args.ingest_secs,
            tag,
        );
        plain_rates.push(p.await);
    }
    enc.stop();
    plain.stop();
    Ok(Refs {
        healthz,
        encrypted,
        plain: plain_rates,
        idle_bare,
    })
}

pub struct Load {
    pub idle_no_model: Option<Rss>,
    pub idle: Rss,
    pub peak: Rss,
    pub matched: Matched,
    pub flood_acked: usize,
    pub flood_post_secs: f64,
    pub flood_replies: usize,
    pub unanswered: usize,
    pub statuses_posted: u64,
    pub receipts: usize,
    /// Documents (devis PDFs) among them.
    pub documents: usize,
    /// The fake provider's counts: 503s returned, read receipts, uploads, photos served.
    pub provider: [u64; 4],
}

/// Posts `rate` messages of the mix per second to random quiet shops for `secs`.
async fn quiet_traffic(c: &Customers, quiet: &Arc<Vec<Shop>>, rate: f64, secs: f64, phase: Phase) {
    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / rate));
    let until = Instant::now() + Duration::from_secs_f64(secs);
    let mut tasks = Vec::new();
    while Instant::now() < until {
        tick.tick().await;
        let (c, quiet) = (c.clone(), quiet.clone());
        tasks.push(tokio::spawn(async move {
            let shop = quiet
                .choose(&mut rand::thread_rng())
                .expect("a shop")
                .clone();
            c.one_of_mix(&shop, phase, 0.05).await;
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
}

/// Acknowledged messages of `phase` (all when `None`) with no reply yet.
fn unanswered(c: &Customers, graph: &FakeGraph, phase: Option<Phase>) -> usize {
    let answered: HashSet<String> = graph.record.since(0).into_iter().map(|r| r.to).collect();
    c.log
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.acked && phase.is_none_or(|p| s.phase == p))
        .filter(|s| !answered.contains(&s.customer))
        .count()
}

async fn wait_answers(c: &Customers, graph: &FakeGraph, phase: Option<Phase>, limit: Duration) {
    let until = Instant::now() + limit;
    while unanswered(c, graph, phase) > 0 && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Posts a `delivered` status for every message the fake accepted, until `stop`.
fn post_statuses(
    c: Customers,
    graph: &FakeGraph,
    shops: &[Shop],
    stop: Arc<AtomicBool>,
) -> Arc<AtomicU64> {
    let display: HashMap<String, String> = shops.iter().flat_map(|s| s.numbers.clone()).collect();
    let (record, posted) = (graph.record.clone(), Arc::new(AtomicU64::new(0)));
    let count = posted.clone();
    tokio::spawn(async move {
        let mut seen = 0;
        while !stop.load(Ordering::Relaxed) {
            tokio::time::sleep(Duration::from_millis(250)).await;
            let new = record.since(seen);
            seen += new.len();
            for r in new {
                let shown = display.get(&r.phone_number_id).cloned().unwrap_or_default();
                let body = status(&r.phone_number_id, &shown, &r.wamid, &r.to);
                let (c, count) = (c.clone(), count.clone());
                tokio::spawn(async move {
                    if c.post(body).await {
                        count.fetch_add(1, Ordering::Relaxed);
                    }
                });
            }
        }
    });
    posted
}

/// The full appliance under the mix, the burst and the flood.
pub async fn mix(args: &Args, graph: &FakeGraph) -> anyhow::Result<Load> {
    let store = Store::seed(
        args.shops,
        args.numbers,
        &Options {
            encrypt: true,
            assistant: true,
            model: args.model.clone(),
            graph_base: graph.uri(),
        },
    )?;
    let idle_no_model = match args.model {
        Some(_) => {
            let s = store
                .serve(&args.bin, &[("VAROTRA__LLM__MODEL_PATH", "")])
                .await?;
            let rss = s.settle(1, Duration::from_secs(10)).await;
            s.stop();
            Some(rss)
        }
        None => None,
    };
    let server = store.serve(&args.bin, &[]).await?;
    let processes = if args.model.is_some() { 2 } else { 1 };
    let idle = server.settle(processes, Duration::from_secs(60)).await;
    println!("idle tree: {}", idle.show());

    let stop = Arc::new(AtomicBool::new(false));
    let pid = server.pid();
    let sampler = {
        let stop = stop.clone();
        tokio::spawn(async move {
            let mut peak = Rss::default();
            while !stop.load(Ordering::Relaxed) {
                let now = tree_rss(pid);
                if now.total_kb > peak.total_kb {
                    peak = now;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            peak
        })
    };
    let c = Customers::new(&server.url, args.connections);
    let statuses = post_statuses(c.clone(), graph, &store.shops, stop.clone());
    let flooded = store.shops[0].clone();
    let quiet = Arc::new(store.shops[1..].to_vec());

    println!("calm: {} msg/s for {} s", args.rate, args.secs);
    quiet_traffic(&c, &quiet, args.rate, args.secs, Phase::Calm).await;
    wait_answers(&c, graph, Some(Phase::Calm), Duration::from_secs(10)).await;

    println!("20 customers of 20 shops write small talk at once");
    let burst: Vec<_> = quiet[..20]
        .iter()
        .map(|s| {
            let (c, s) = (c.clone(), s.clone());
            tokio::spawn(async move { c.send(&s, Class::Model, Phase::Burst).await })
        })
        .collect();
    for b in burst {
        let _ = b.await;
    }
    wait_answers(&c, graph, Some(Phase::Burst), Duration::from_secs(15)).await;

    println!(
        "flood: {} messages to one shop while the mix goes on for {} s",
        args.flood, args.secs
    );
    let flood = {
        let (c, shop, n) = (c.clone(), flooded.clone(), args.flood);
        tokio::spawn(async move { c.flood(&shop, n, 32).await })
    };
    quiet_traffic(&c, &quiet, args.rate, args.secs, Phase::Flood).await;
    let (flood_acked, flood_post_secs) = flood.await?;
    wait_answers(&c, graph, None, Duration::from_secs(20)).await;

    stop.store(true, Ordering::Relaxed);
    let peak = sampler.await?;
    let receipts = graph.record.since(0);
    let flood_numbers: HashSet<&str> = flooded.numbers.iter().map(|n| n.0.as_str()).collect();
    let flood_replies = receipts
        .iter()
        .filter(|r| flood_numbers.contains(r.phone_number_id.as_str()))
        .count();
    let sent = c.log.lock().unwrap().clone();
    let matched = match_replies(&sent, &receipts);
    let load = Load {
        idle_no_model,
        idle,
        peak,
        matched,
        flood_acked,
        flood_post_secs,
        flood_replies,
        unanswered: unanswered(&c, graph, None),
        statuses_posted: statuses.load(Ordering::Relaxed),
        receipts: receipts.len(),
        documents: receipts.iter().filter(|r| r.kind == "document").count(),
        provider: [
            &graph.record.errors_returned,
            &graph.record.read_receipts,
            &graph.record.uploads,
            &graph.record.media_served,
        ]
        .map(|n| n.load(Ordering::Relaxed)),
    };
    if load.unanswered > 0 {
        println!("server log tail:\n{}", server.log_tail());
    }
    server.stop();
    Ok(load)
}
