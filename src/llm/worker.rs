//! The child-process side: `varotra llm-worker` loads the GGUF model once, then answers
//! JSON-line requests from stdin on stdout (see [`super::protocol`]) until stdin closes.
//!
//! It runs in its own process because a llama.cpp assertion aborts the whole process and
//! no Rust code can catch that; the supervisor ([`super::client`]) restarts it.
//! The KV cache keeps the longest common token prefix between consecutive prompts, so a
//! fixed instruction + few-shot prefix is processed once and each request only decodes
//! its new suffix.

use super::plan::{find_stop, reusable_prefix};
use super::protocol::{
    to_line, ChatShape, Done, Hello, Request, WorkerMessage, SYSTEM_SLOT, USER_SLOT,
};
use anyhow::Context as _;
use llama_cpp_2::context::params::LlamaContextParams;
use llama_cpp_2::context::LlamaContext;
use llama_cpp_2::llama_backend::LlamaBackend;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::params::LlamaModelParams;
use llama_cpp_2::model::{LlamaChatMessage, LlamaModel};
use llama_cpp_2::sampling::LlamaSampler;
use llama_cpp_2::token::LlamaToken;
use std::io::{BufRead, Write};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::time::Instant;

/// Tokens decoded per `llama_decode` call while processing a prompt.
const BATCH: usize = 512;

/// Flags of the hidden `varotra llm-worker` subcommand (spawned by the supervisor only).
#[derive(Debug, Clone, clap::Args)]
pub struct WorkerArgs {
    /// GGUF model file.
    #[arg(long)]
    pub model: PathBuf,
    /// CPU threads for prompt processing and generation.
    #[arg(long, default_value_t = 2)]
    pub threads: u32,
    /// Context size in tokens.
    #[arg(long, default_value_t = 2048)]
    pub context: u32,
}

/// Runs the worker until stdin closes. llama.cpp's own logs are silenced unless
/// `VAROTRA_LLM_LOG` is set; its fatal assertions still reach stderr.
pub fn run(args: &WorkerArgs) -> anyhow::Result<()> {
    let mut backend = LlamaBackend::init().context("llama.cpp backend")?;
    if std::env::var_os("VAROTRA_LLM_LOG").is_none() {
        backend.void_logs();
    }
    // llama-cpp-2 panics on a missing file instead of returning an error: check first,
    // and name the setting the path came from.
    anyhow::ensure!(
        args.model.is_file(),
        "modèle introuvable : {} n'est pas un fichier (réglage llm.model_path ; videz-le pour répondre sans modèle) / model file not found",
        args.model.display()
    );
    let model = LlamaModel::load_from_file(&backend, &args.model, &LlamaModelParams::default())
        .with_context(|| format!("cannot load the model {}", args.model.display()))?;
    let chat = chat_shape(&model);
    let mut engine = Engine::new(&backend, &model, args.threads, args.context)?;
    engine.parse_special = chat.is_some();
    let hello = Hello {
        model: args
            .model
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        n_ctx: engine.n_ctx as u32,
        chat,
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", to_line(&WorkerMessage::Hello { hello }))?;
    out.flush()?;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let reply = match serde_json::from_str::<Request>(&line) {
            Ok(req) => match engine.generate(&req) {
                Ok(done) => WorkerMessage::Done(done),
                Err(error) => WorkerMessage::Failed { id: req.id, error },
            },
            Err(e) => WorkerMessage::Failed {
                id: 0,
                error: format!("bad request line: {e}"),
            },
        };
        let written = writeln!(out, "{}", to_line(&reply)).and_then(|()| out.flush());
        match written {
            // The supervisor went away (server stopped, or it gave up on this request).
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            other => other?,
        }
    }
    Ok(())
}

/// The model's chat template rendered around placeholders, when llama.cpp knows it.
fn chat_shape(model: &LlamaModel) -> Option<ChatShape> {
    let template = model.chat_template(None).ok()?;
    let system = LlamaChatMessage::new("system".into(), SYSTEM_SLOT.into()).ok()?;
    let user = LlamaChatMessage::new("user".into(), USER_SLOT.into()).ok()?;
    let with_system = model
        .apply_chat_template(&template, &[system, user.clone()], true)
        .ok()?;
    let user_only = model.apply_chat_template(&template, &[user], true).ok()?;
    let once = |s: &str, slot: &str| s.matches(slot).count() == 1;
    (once(&with_system, SYSTEM_SLOT)
        && once(&with_system, USER_SLOT)
        && once(&user_only, USER_SLOT))
    .then_some(ChatShape {
        with_system,
        user_only,
    })
}

/// One model context and what its KV cache (sequence 0) holds.
pub struct Engine<'m> {
    model: &'m LlamaModel,
    ctx: LlamaContext<'m>,
    /// The tokens whose keys and values are in the KV cache, in position order.
    cached: Vec<LlamaToken>,
    n_ctx: usize,
    /// Parse `<start_of_turn>`-like markers as special tokens (chat-template models).
    pub parse_special: bool,
}

impl<'m> Engine<'m> {
    pub fn new(
        backend: &LlamaBackend,
        model: &'m LlamaModel,
        threads: u32,
        context: u32,
    ) -> anyhow::Result<Self> {
        let threads = threads.max(1) as i32;
        let params = LlamaContextParams::default()
            .with_n_ctx(NonZeroU32::new(context.max(256)))
            .with_n_batch(BATCH as u32)
            .with_n_threads(threads)
            .with_n_threads_batch(threads)
            // Sliding-window layers (Gemma 3) otherwise drop old positions, and a cached
            // prefix could no longer be resumed from the middle.
            .with_swa_full(true);
        let ctx = model
            .new_context(backend, params)
            .context("cannot create the llama.cpp context")?;
        let n_ctx = ctx.n_ctx() as usize;
        Ok(Self {
            model,
            ctx,
            cached: Vec::new(),
            n_ctx,
            parse_special: false,
        })
    }

    fn tokenize(&self, prompt: &str) -> Vec<LlamaToken> {
        let vocab = self.model.vocab();
        let mut tokens = vocab.tokenize(prompt.as_bytes(), true, self.parse_special);
        // A chat template that writes its own `<bos>` would otherwise get a second one.
        if tokens.len() >= 2 && tokens[0] == tokens[1] && tokens[0] == vocab.bos() {
            tokens.remove(0);
        }
        tokens
    }

    /// Brings the KV cache to exactly `tokens`, decoding only what is not cached yet.
    /// Returns how many tokens were reused. The last token's logits are ready after it.
    fn load_prompt(&mut self, tokens: &[LlamaToken]) -> Result<usize, String> {
        let mut keep = reusable_prefix(&self.cached, tokens);
        if keep < self.cached.len() {
            let removed = self
                .ctx
                .clear_kv_cache_seq(Some(0), Some(keep as u32), None)
                .unwrap_or(false);
            // Positions before `keep` must all still be there (sliding-window caches prune).
            if !removed || (keep > 0 && self.ctx.kv_cache_seq_pos_min(0) > 0) {
                self.ctx.clear_kv_cache();
                keep = 0;
            }
        }
        self.cached.truncate(keep);
        let mut batch = LlamaBatch::new(BATCH, 1);
        let last = tokens.len() - 1;
        for (i, chunk) in tokens[keep..].chunks(BATCH).enumerate() {
            batch.clear();
            let start = keep + i * BATCH;
            for (j, &token) in chunk.iter().enumerate() {
                let pos = start + j;
                batch
                    .add(token, pos as i32, &[0], pos == last)
                    .map_err(|e| e.to_string())?;
            }
            if let Err(e) = self.ctx.decode(&mut batch) {
                self.reset();
                return Err(format!("prompt decode failed: {e}"));
            }
            self.cached.extend_from_slice(chunk);
        }
        Ok(keep)
    }

    fn reset(&mut self) {
        self.ctx.clear_kv_cache();
        self.cached.clear();
    }

    /// Runs one request: prompt (with prefix reuse), then sampling until EOS, a stop
    /// string, `max_tokens` or the end of the context.
    pub fn generate(&mut self, req: &Request) -> Result<Done, String> {
        let started = Instant::now();
        let tokens = self.tokenize(&req.prompt);
        if tokens.is_empty() {
            return Err("empty prompt".into());
        }
        if tokens.len() + 1 >= self.n_ctx {
            return Err(format!(
                "prompt too long: {} tokens for a context of {}",
                tokens.len(),
                self.n_ctx
            ));
        }
        let mut sampler = self.sampler(req)?;
        let cached_tokens = self.load_prompt(&tokens)?;
        let prompt_ms = started.elapsed().as_millis() as u64;

        let generating = Instant::now();
        let model = self.model;
        let vocab = model.vocab();
        let mut bytes = Vec::new();
        let mut text = String::new();
        let mut generated = 0u32;
        let mut batch = LlamaBatch::new(1, 1);
        while generated < req.max_tokens {
            // `sample` also accepts the token into every sampler of the chain (grammar
            // included); accepting it again would desynchronise the grammar and abort.
            let token = sampler.sample(&self.ctx, -1);
            if vocab.is_eog(token) {
                break;
            }
            generated += 1;
            bytes.extend(vocab.token_to_piece(token, false, None));
            text = String::from_utf8_lossy(&bytes).into_owned();
            if let Some(at) = find_stop(&text, &req.stop) {
                text.truncate(at);
                break;
            }
            if generated >= req.max_tokens || self.cached.len() + 1 >= self.n_ctx {
                break;
            }
            batch.clear();
            batch
                .add(token, self.cached.len() as i32, &[0], true)
                .map_err(|e| e.to_string())?;
            if let Err(e) = self.ctx.decode(&mut batch) {
                self.reset();
                return Err(format!("decode failed: {e}"));
            }
            self.cached.push(token);
        }
        Ok(Done {
            id: req.id,
            text,
            tokens: generated,
            prompt_ms,
            gen_ms: generating.elapsed().as_millis() as u64,
            prompt_tokens: tokens.len() as u32,
            cached_tokens: cached_tokens as u32,
        })
    }

    fn sampler(&self, req: &Request) -> Result<LlamaSampler, String> {
        let mut chain = Vec::new();
        if let Some(grammar) = req.grammar.as_deref().filter(|g| !g.trim().is_empty()) {
            chain.push(
                LlamaSampler::grammar(self.model, grammar, "root")
                    .map_err(|e| format!("invalid grammar: {e}"))?,
            );
        }
        if req.temperature > 0.0 {
            chain.push(LlamaSampler::top_k(40));
            chain.push(LlamaSampler::top_p(0.95, 1));
            chain.push(LlamaSampler::temp(req.temperature));
            chain.push(LlamaSampler::dist(rand::random()));
        } else {
            chain.push(LlamaSampler::greedy());
        }
        Ok(LlamaSampler::chain_simple(chain))
    }
}
