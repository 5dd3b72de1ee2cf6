//! Benchmark of the local model path (issue 5):
//! 1. decode speed through our supervised worker vs a bare in-process llama-cpp-2 loop on
//!    the same model, prompt and context parameters (target ratio >= 0.9);
//! 2. prompt processing with and without KV-cache prefix reuse.
//!
//! `cargo run --example llm_bench -- [MODEL.gguf] [ROUNDS] [THREADS]`
//! (default model: models/gemma-3-270m-q4_k_m.gguf; this binary re-runs itself as the worker,
//! which is the same `worker::run` code the `varotra llm-worker` subcommand runs).

use clap::Parser;
use llama_cpp_2::llama_backend::LlamaBackend;
use llama_cpp_2::model::params::LlamaModelParams;
use llama_cpp_2::model::LlamaModel;
use std::time::{Duration, Instant};
use varotra::llm::worker::{self, WorkerArgs};
use varotra::llm::{CompletionRequest, Llm, LlmOptions};
use varotra::settings::LlmSettings;

// The decode measure is the load scenario's too: one copy of it.
#[path = "load_scenario/decode.rs"]
mod decode;
use decode::{bare_decode, median, worker_decode, CONTEXT, GEN_TOKENS};

#[derive(Parser)]
struct WorkerCli {
    #[command(subcommand)]
    cmd: WorkerCmd,
}

#[derive(clap::Subcommand)]
enum WorkerCmd {
    LlmWorker(WorkerArgs),
}

fn main() -> anyhow::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("llm-worker") {
        let WorkerCmd::LlmWorker(args) = WorkerCli::parse().cmd;
        return worker::run(&args);
    }
    let mut args = std::env::args().skip(1);
    let model_path = args
        .next()
        .unwrap_or_else(|| "models/gemma-3-270m-q4_k_m.gguf".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let threads: u32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(2);

    let mut backend = LlamaBackend::init()?;
    backend.void_logs();
    let model = LlamaModel::load_from_file(&backend, &model_path, &LlamaModelParams::default())?;
    let llm = Llm::start_with(
        &LlmSettings {
            model_path: model_path.clone(),
            threads: threads as u64,
            context_size: CONTEXT as u64,
            timeout_ms: 120_000,
            ..LlmSettings::default()
        },
        LlmOptions {
            worker_exe: Some(std::env::current_exe()?),
            ..LlmOptions::default()
        },
    );
    let until = Instant::now() + Duration::from_secs(120);
    while !llm.is_available() {
        anyhow::ensure!(Instant::now() < until, "worker did not start");
        std::thread::sleep(Duration::from_millis(50));
    }

    // 1. Decode speed, rounds interleaved so background load hits both sides alike.
    let (mut bare, mut ours, mut ours_wall) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        bare.push(bare_decode(&backend, &model, threads)?);
        let (inside, wall) = worker_decode(&llm)?;
        ours.push(inside);
        ours_wall.push(wall);
    }
    let (b, o, w) = (median(&bare), median(&ours), median(&ours_wall));
    println!("decode tokens/s (median of {rounds}, {GEN_TOKENS} tokens, {threads} threads):");
    println!("  bare llama-cpp-2 loop      {b:7.1}");
    println!("  worker (in-worker timing)  {o:7.1}   ratio {:.2}", o / b);
    println!("  worker (caller wall clock) {w:7.1}   ratio {:.2}", w / b);

    // 2. Prompt processing: a fixed ~instruction + few-shot prefix, varying questions.
    let prefix_a = few_shot("épicerie");
    let prefix_b = few_shot("quincaillerie");
    let questions = [
        "Vous avez de l'huile ?",
        "Ohatrinona ny vary ?",
        "Vous livrez à Ivato ?",
        "Misy savony ve ?",
        "C'est ouvert dimanche ?",
        "Combien le sucre ?",
    ];
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        // Alternating prefixes: every request diverges near the start (no reuse).
        let prefix = if i % 2 == 0 { &prefix_a } else { &prefix_b };
        cold.push(prompt_only(
            &llm,
            &format!("{prefix}Client: {q}\nVendeur:"),
        )?);
    }
    let _ = prompt_only(&llm, &format!("{prefix_a}Client: Bonjour\nVendeur:"))?;
    for q in &questions {
        warm.push(prompt_only(
            &llm,
            &format!("{prefix_a}Client: {q}\nVendeur:"),
        )?);
    }
    report("without prefix reuse", &cold);
    report("with prefix reuse   ", &warm);
    Ok(())
}

/// (prompt tokens, cached tokens, prompt ms) for a one-token generation.
fn prompt_only(llm: &Llm, prompt: &str) -> anyhow::Result<(u32, u32, u64)> {
    let done = llm
        .complete_detailed(CompletionRequest {
            prompt: prompt.into(),
            max_tokens: 1,
            ..CompletionRequest::default()
        })
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((done.prompt_tokens, done.cached_tokens, done.prompt_ms))
}

fn report(label: &str, runs: &[(u32, u32, u64)]) {
    let n = runs.len() as f64;
    let tokens = runs.iter().map(|r| r.0 as f64).sum::<f64>() / n;
    let cached = runs.iter().map(|r| r.1 as f64).sum::<f64>() / n;
    let ms = runs.iter().map(|r| r.2 as f64).sum::<f64>() / n;
    println!(
        "prompt {label}: {tokens:.0} tokens ({cached:.0} cached), {ms:.0} ms, {:.0} prompt tokens/s effective",
        tokens * 1000.0 / ms.max(1.0)
    );
}

fn few_shot(shop: &str) -> String {
    let mut s = format!(
        "Tu es le vendeur d'une {shop} à Antananarivo. Réponds en une phrase courte, poliment, \
         dans la langue du client (français ou malgache). N'invente jamais de prix.\n\n"
    );
    for (c, v) in [
        ("Bonjour", "Bonjour, bienvenue ! Que puis-je pour vous ?"),
        ("Salama", "Salama tompoko ! Inona no azoko atao ho anao ?"),
        ("Vous avez du riz ?", "Oui, nous avons du riz."),
        ("Misy menaka ve ?", "Eny, misy menaka izahay."),
        ("Merci", "Avec plaisir, à bientôt !"),
        ("Misaotra", "Tsy misy fisaorana, veloma !"),
        (
            "Vous êtes ouverts ?",
            "Oui, nous sommes ouverts du lundi au samedi.",
        ),
        (
            "Je peux payer par mobile money ?",
            "Oui, vous pouvez payer par mobile money.",
        ),
    ] {
        s.push_str(&format!("Client: {c}\nVendeur: {v}\n"));
    }
    s.repeat(2)
}
