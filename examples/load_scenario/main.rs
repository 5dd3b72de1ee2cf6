//! Load scenario of issue 22: one box for an agency's hundred shops.
//!
//! ```text
//! cargo build --release --bin varotra
//! cargo run --release --example load_scenario -- [--quick] [--shops 100] [--numbers 2]
//!     [--flood 10000] [--secs 30] [--rate 20] [--no-model] [--model PATH] [--bin PATH]
//! ```
//! It starts the built `varotra serve` binary (the one beside this example, or
//! `--bin`) on temp data dirs seeded with SHOPS shops × NUMBERS numbers, each with the
//! fixture grocery catalogue at its own prices, against a fake Graph API on loopback
//! (300 ms per call, 1 % of sends answered 503). Then, in one run:
//! 1. references: `GET /healthz` per second, and signed deliveries per second into an
//!    encrypted and a plain store (assistant off, alternated twice);
//! 2. the whole-tree RSS (server + `llm-worker`) idle, without and with the model;
//! 3. the mix: RATE messages/s to the quiet shops (70 % price questions, 20 % devis,
//!    10 % small talk, photos on top, 1 in 20 price questions delivered twice,
//!    a `delivered` status posted back for every message sent) for SECS seconds;
//!    then 20 small-talk messages at once; then FLOOD messages to one shop while the
//!    mix goes on for SECS more seconds;
//! 4. the worker's decode speed against a bare llama.cpp loop on the same model.
//!
//! `[assistant] local_small_talk = true` is set so small talk really goes to the local
//! model (off by default: `serve` never asks the 270M base model otherwise), within
//! `[llm] reply_budget_ms` (2 000 ms), after which the template answers.

mod decode;
mod graph;
mod phases;
mod rates;
mod report;
mod stats;
mod store;
mod traffic;

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Args {
    pub quick: bool,
    pub shops: usize,
    pub numbers: usize,
    pub flood: usize,
    pub secs: f64,
    pub rate: f64,
    pub model: Option<PathBuf>,
    pub bin: PathBuf,
    pub connections: usize,
    pub ingest_secs: f64,
    pub decode_rounds: usize,
}

fn usage(e: &str) -> ! {
    eprintln!("load_scenario: {e}\n\nusage: load_scenario [--quick] [--shops N] [--numbers N] [--flood N] [--secs S] [--rate R] [--no-model] [--model PATH] [--bin PATH]");
    std::process::exit(2)
}

fn parse() -> Args {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let quick = raw.iter().any(|a| a == "--quick");
    let exe = std::env::current_exe().unwrap_or_default();
    // target/<profile>/examples/load_scenario -> target/<profile>/varotra
    let beside = exe
        .parent()
        .and_then(|p| p.parent())
        .map(|p| p.join("varotra"))
        .unwrap_or_default();
    let mut a = Args {
        quick,
        shops: 100,
        numbers: 2,
        flood: if quick { 2_000 } else { 10_000 },
        secs: if quick { 10.0 } else { 30.0 },
        rate: 20.0,
        model: Some(PathBuf::from("models/gemma-3-270m-q4_k_m.gguf")),
        bin: beside,
        connections: 64,
        ingest_secs: if quick { 2.0 } else { 5.0 },
        decode_rounds: if quick { 1 } else { 3 },
    };
    let mut it = raw.iter();
    while let Some(flag) = it.next() {
        let mut value = |name: &str| -> String {
            it.next()
                .cloned()
                .unwrap_or_else(|| usage(&format!("{name} needs a value")))
        };
        let number = |name: &str, v: String| -> f64 {
            v.parse::<f64>()
                .ok()
                .filter(|n| *n > 0.0)
                .unwrap_or_else(|| usage(&format!("{name}: `{v}` is not a positive number")))
        };
        match flag.as_str() {
            "--quick" => {}
            "--no-model" => a.model = None,
            "--shops" => a.shops = number(flag, value(flag)) as usize,
            "--numbers" => a.numbers = number(flag, value(flag)) as usize,
            "--flood" => a.flood = number(flag, value(flag)) as usize,
            "--secs" => a.secs = number(flag, value(flag)),
            "--rate" => a.rate = number(flag, value(flag)),
            "--model" => a.model = Some(PathBuf::from(value(flag))),
            "--bin" => a.bin = PathBuf::from(value(flag)),
            other => usage(&format!("unknown argument `{other}`")),
        }
    }
    if a.shops < 21 {
        usage("--shops: at least 21 (one flooded, 20 for the simultaneous customers)");
    }
    if !a.bin.is_file() {
        usage(&format!(
            "no server binary at {}: run `cargo build --release --bin varotra` first, or pass --bin",
            a.bin.display()
        ));
    }
    if let Some(m) = a.model.clone() {
        if !m.is_file() {
            usage(&format!(
                "no model at {} (pass --model PATH or --no-model)",
                m.display()
            ));
        }
        a.model = std::fs::canonicalize(&m).ok();
    }
    a
}

pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = parse();
    println!(
        "load scenario{}: {} shops × {} numbers, flood {}, {} s per phase, {} msg/s to the quiet shops, model {}, server {}",
        if args.quick { " (quick)" } else { "" },
        args.shops,
        args.numbers,
        args.flood,
        args.secs,
        args.rate,
        args.model
            .as_ref()
            .map(|m| m.display().to_string())
            .unwrap_or_else(|| "none".into()),
        args.bin.display()
    );
    println!("load average at start: {}", loadavg());
    let graph = graph::FakeGraph::start(Duration::from_millis(300), 0.01).await;
    let refs = phases::references(&args, &graph).await?;
    let load = phases::mix(&args, &graph).await?;
    let decode = match &args.model {
        Some(m) => Some(report::decode_ratio(&args, m)?),
        None => None,
    };
    report::print(&args, &refs, &load, decode.as_ref());
    println!("load average at end: {}", loadavg());
    Ok(())
}
