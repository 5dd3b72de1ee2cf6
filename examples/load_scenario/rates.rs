//! Throughput references measured in the same run: `GET /healthz` per second (what the
//! HTTP stack and the box give at all) and signed webhook deliveries per second, each
//! from `connections` keep-alive connections for a few seconds.

use crate::store::Shop;
use crate::traffic::{text_message, Customers};
use rand::seq::SliceRandom;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Requests acknowledged per second and their latency.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rate {
    pub per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub errors: u64,
}

impl Rate {
    pub fn show(&self) -> String {
        format!(
            "{:.0}/s (p50 {:.1} ms, p99 {:.1} ms, errors {})",
            self.per_sec, self.p50_ms, self.p99_ms, self.errors
        )
    }
}

pub fn percentile_ms(sorted_us: &[u64], p: f64) -> f64 {
    if sorted_us.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted_us.len() as f64 * p).ceil() as usize).clamp(1, sorted_us.len()) - 1;
    sorted_us[i] as f64 / 1000.0
}

/// Runs `request(n)` from `connections` tasks for `secs`; a request is a success when
/// it returns true.
async fn hammer<F, Fut>(connections: usize, secs: f64, request: F) -> Rate
where
    F: Fn(u64) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send + 'static,
{
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let next = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (request, next) = (request.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let (mut lat, mut errors) = (Vec::new(), 0u64);
            while Instant::now() < deadline {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let t = Instant::now();
                if request(n).await {
                    lat.push(t.elapsed().as_micros() as u64);
                } else {
                    errors += 1;
                }
            }
            (lat, errors)
        }));
    }
    let (mut lat, mut errors) = (Vec::new(), 0);
    for t in tasks {
        if let Ok((l, e)) = t.await {
            lat.extend(l);
            errors += e;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    lat.sort_unstable();
    Rate {
        per_sec: lat.len() as f64 / elapsed,
        p50_ms: percentile_ms(&lat, 0.50),
        p99_ms: percentile_ms(&lat, 0.99),
        errors,
    }
}

pub async fn healthz(base: &str, connections: usize, secs: f64) -> Rate {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(connections)
        .build()
        .expect("client");
    let url = format!("{base}/healthz");
    hammer(connections, secs, move |_| {
        let (client, url) = (client.clone(), url.clone());
        async move { matches!(client.get(&url).send().await, Ok(r) if r.status() == 200) }
    })
    .await
}

/// Price questions to random numbers of `shops`, each with a new wamid (`tag` keeps
/// them apart between runs).
pub async fn ingest(
    base: &str,
    shops: &[Shop],
    connections: usize,
    secs: f64,
    tag: &'static str,
) -> Rate {
    let customers = Customers::new(base, connections);
    let numbers: Arc<Vec<(String, String)>> =
        Arc::new(shops.iter().flat_map(|s| s.numbers.clone()).collect());
    hammer(connections, secs, move |n| {
        let (customers, numbers) = (customers.clone(), numbers.clone());
        async move {
            let body = {
                let (pnid, display) = numbers.choose(&mut rand::thread_rng()).expect("number");
                let from = format!("26133{:07}", n % 5000);
                let wamid = format!("wamid.ingest.{tag}.{n}");
                text_message(
                    pnid,
                    display,
                    &from,
                    &wamid,
                    "Bonjour, c'est combien le riz ?",
                )
            };
            customers.post(body).await
        }
    })
    .await
}
