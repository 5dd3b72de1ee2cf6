//! The scenario's printout: every figure beside the reference it is a ratio of, and
//! each target of issue 22 marked met or not with its gap. Also the decode measure
//! (the worker against a bare llama.cpp loop), run after the servers have stopped.

use crate::decode::{bare_decode, median, worker_decode, CONTEXT};
use crate::phases::{Load, Refs};
use crate::rates::Rate;
use crate::traffic::Class;
use crate::Args;
use llama_cpp_2::llama_backend::LlamaBackend;
use llama_cpp_2::model::params::LlamaModelParams;
use llama_cpp_2::model::LlamaModel;
use std::path::Path;
use std::time::{Duration, Instant};
use varotra::llm::{Llm, LlmOptions};
use varotra::settings::LlmSettings;

pub struct Decode {
    pub bare: f64,
    pub worker: f64,
    pub worker_wall: f64,
}

/// Median tokens/s of `rounds` interleaved decodes: bare loop, then the worker (the
/// server binary's own `llm-worker`), 2 threads each.
pub fn decode_ratio(args: &Args, model: &Path) -> anyhow::Result<Decode> {
    let mut backend = LlamaBackend::init()?;
    backend.void_logs();
    let bare_model = LlamaModel::load_from_file(&backend, model, &LlamaModelParams::default())?;
    let llm = Llm::start_with(
        &LlmSettings {
            model_path: model.display().to_string(),
            threads: 2,
            context_size: CONTEXT as u64,
            timeout_ms: 120_000,
            ..LlmSettings::default()
        },
        LlmOptions {
            worker_exe: Some(args.bin.clone()),
            ..LlmOptions::default()
        },
    );
    let until = Instant::now() + Duration::from_secs(120);
    while !llm.is_available() {
        anyhow::ensure!(Instant::now() < until, "the model worker did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let (mut bare, mut ours, mut wall) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..args.decode_rounds {
        bare.push(bare_decode(&backend, &bare_model, 2)?);
        let (inside, outside) = worker_decode(&llm)?;
        ours.push(inside);
        wall.push(outside);
    }
    Ok(Decode {
        bare: median(&bare),
        worker: median(&ours),
        worker_wall: median(&wall),
    })
}

/// "met" or "NOT met (gap ...)".
fn verdict(ok: bool, gap: String) -> String {
    if ok {
        "met".into()
    } else {
        format!("NOT met ({gap})")
    }
}

fn mean(rates: &[Rate]) -> f64 {
    rates.iter().map(|r| r.per_sec).sum::<f64>() / rates.len().max(1) as f64
}

pub fn print(args: &Args, refs: &Refs, load: &Load, decode: Option<&Decode>) {
    let m = &load.matched;
    println!(
        "\n== throughput references (same run, {} connections) ==",
        args.connections
    );
    println!("GET /healthz                      {}", refs.healthz.show());
    for (i, (e, p)) in refs.encrypted.iter().zip(&refs.plain).enumerate() {
        println!("ingest round {}: encrypted        {}", i + 1, e.show());
        println!("ingest round {}: plain            {}", i + 1, p.show());
    }
    let (enc, plain) = (mean(&refs.encrypted), mean(&refs.plain));
    let cost = 1.0 - enc / plain;
    println!(
        "ingest encrypted / healthz        {:.2}   (plain / healthz {:.2})",
        enc / refs.healthz.per_sec,
        plain / refs.healthz.per_sec
    );
    println!(
        "encryption cost 1 - enc/plain     {:.1} %   target < 15 %: {}",
        cost * 100.0,
        verdict(cost < 0.15, format!("{:+.1} points", (cost - 0.15) * 100.0))
    );

    println!("\n== memory: VmRSS of the server and all its children ==");
    println!(
        "idle, assistant off, no model     {}",
        refs.idle_bare.show()
    );
    let no_model = load.idle_no_model.unwrap_or(load.idle);
    println!(
        "idle, no model                    {}   target < 60 MB: {}",
        no_model.show(),
        verdict(
            no_model.mb() < 60.0,
            format!("{:+.0} MB", no_model.mb() - 60.0)
        )
    );
    if args.model.is_some() {
        println!(
            "idle, with the model              {}   target < 400 MB: {}",
            load.idle.show(),
            verdict(
                load.idle.mb() < 400.0,
                format!("{:+.0} MB", load.idle.mb() - 400.0)
            )
        );
    }
    println!("peak under the mix and the flood  {}", load.peak.show());

    println!("\n== replies: webhook posted -> fake Graph API received the first message to that customer ==");
    for ((class, phase), s) in &m.by_class {
        println!("{:<20} {:<13} {}", class.name(), phase, s.show());
    }
    println!("quiet shops, calm                 {}", m.quiet_calm.show());
    println!("quiet shops, during the flood     {}", m.quiet_flood.show());
    let delay = m.quiet_flood.p95_ms - m.quiet_calm.p95_ms;
    println!(
        "quiet p95 during flood - calm     {delay:+.0} ms (ratio {:.2})   target within 1 000 ms: {}",
        m.quiet_flood.p95_ms / m.quiet_calm.p95_ms,
        verdict(
            m.quiet_flood.p95_ms <= m.quiet_calm.p95_ms + 1000.0,
            format!("{:+.0} ms", delay - 1000.0)
        )
    );
    let grounded = m
        .by_class
        .iter()
        .filter(|((c, p), _)| *c == Class::Grounded && *p != "20 at once")
        .map(|(_, s)| s.p95_ms)
        .fold(0.0, f64::max);
    println!(
        "grounded p95 under the mix        {grounded:.0} ms   target < 100 ms: {}",
        verdict(grounded < 100.0, format!("{:+.0} ms", grounded - 100.0))
    );
    if let Some(b) = m.by_class.get(&(Class::Model, "20 at once")) {
        let met = b.p95_ms < 3000.0 && b.answered == b.sent;
        println!(
            "model p95, 20 customers at once   {:.0} ms ({} of {} answered)   target < 3 000 ms: {}",
            b.p95_ms,
            b.answered,
            b.sent,
            verdict(met, format!("{:+.0} ms", b.p95_ms - 3000.0))
        );
    }
    println!(
        "small-talk reply texts            {} distinct (1 = the template only; more = the model's sentences)",
        m.small_talk_texts
    );
    println!(
        "grounded replies with the shop's own price: {} of {}",
        m.grounded_with_price, m.grounded_answered
    );
    println!(
        "double replies: {} of {} questions delivered twice, {} of {} delivered once",
        m.redelivered_doubled,
        m.redelivered,
        m.single_doubled,
        m.grounded_answered - m.redelivered
    );
    println!("quiet messages never answered: {}", load.unanswered);
    println!(
        "flood: {} of {} deliveries acknowledged in {:.1} s ({:.0}/s); replies to the flooded shop sent by the end: {}",
        load.flood_acked,
        args.flood,
        load.flood_post_secs,
        load.flood_acked as f64 / load.flood_post_secs,
        load.flood_replies
    );
    println!(
        "provider: {} messages accepted ({} documents), {} sends answered 503, {} read receipts, {} uploads, {} photos downloaded; statuses posted back {}",
        load.receipts,
        load.documents,
        load.provider[0],
        load.provider[1],
        load.provider[2],
        load.provider[3],
        load.statuses_posted
    );

    if let Some(d) = decode {
        println!(
            "\n== model decode, tokens/s (median of {}, 2 threads) ==",
            args.decode_rounds
        );
        println!("bare llama-cpp-2 loop             {:.1}", d.bare);
        println!(
            "worker (in-worker timing)         {:.1}   ratio {:.2}",
            d.worker,
            d.worker / d.bare
        );
        println!(
            "worker (caller wall clock)        {:.1}   ratio {:.2}",
            d.worker_wall,
            d.worker_wall / d.bare
        );
    }
}
