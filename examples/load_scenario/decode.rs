//! Decode speed of the supervised model worker against a bare llama-cpp-2 loop on the
//! same model, prompt and context parameters. Shared by `llm_bench` and
//! `load_scenario` (`#[path]`-included by the former), so both measure the same thing.

use llama_cpp_2::context::params::LlamaContextParams;
use llama_cpp_2::llama_backend::LlamaBackend;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::LlamaModel;
use llama_cpp_2::sampling::LlamaSampler;
use std::num::NonZeroU32;
use std::time::Instant;
use varotra::llm::{CompletionRequest, Llm};

pub const CONTEXT: u32 = 2048;
pub const GEN_TOKENS: u32 = 96;
pub const DECODE_PROMPT: &str =
    "Liste des produits de l'épicerie, un par ligne avec son prix:\n1. Riz blanc 1 kg\n2.";

/// The reference: the plain llama-cpp-2 loop (decode prompt, greedy sample, decode token).
pub fn bare_decode(
    backend: &LlamaBackend,
    model: &LlamaModel,
    threads: u32,
) -> anyhow::Result<f64> {
    let params = LlamaContextParams::default()
        .with_n_ctx(NonZeroU32::new(CONTEXT))
        .with_n_batch(512)
        .with_n_threads(threads as i32)
        .with_n_threads_batch(threads as i32)
        .with_swa_full(true);
    let mut ctx = model.new_context(backend, params)?;
    let tokens = model
        .vocab()
        .tokenize(DECODE_PROMPT.as_bytes(), true, false);
    let mut batch = LlamaBatch::new(512, 1);
    let last = tokens.len() - 1;
    for (i, &t) in tokens.iter().enumerate() {
        batch.add(t, i as i32, &[0], i == last)?;
    }
    ctx.decode(&mut batch)?;
    let mut sampler = LlamaSampler::greedy();
    let mut pos = tokens.len() as i32;
    let mut generated = 0u32;
    let started = Instant::now();
    while generated < GEN_TOKENS {
        let token = sampler.sample(&ctx, -1);
        if model.vocab().is_eog(token) {
            break;
        }
        generated += 1;
        let _piece = model.vocab().token_to_piece(token, false, None);
        if generated == GEN_TOKENS {
            break;
        }
        batch.clear();
        batch.add(token, pos, &[0], true)?;
        ctx.decode(&mut batch)?;
        pos += 1;
    }
    Ok(generated as f64 / started.elapsed().as_secs_f64())
}

/// One decode through the worker: (tokens/s timed inside the worker, tokens/s on the
/// caller's wall clock, prompt time excluded).
pub fn worker_decode(llm: &Llm) -> anyhow::Result<(f64, f64)> {
    let started = Instant::now();
    let done = llm
        .complete_detailed(CompletionRequest {
            prompt: DECODE_PROMPT.into(),
            max_tokens: GEN_TOKENS,
            ..CompletionRequest::default()
        })
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let wall_gen_ms = started.elapsed().as_millis() as f64 - done.prompt_ms as f64;
    Ok((
        done.tokens as f64 * 1000.0 / done.gen_ms.max(1) as f64,
        done.tokens as f64 * 1000.0 / wall_gen_ms.max(1.0),
    ))
}

pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}
