//! The model's speed on this box: a short real decode (a few tokens, greedy) through
//! the same supervised worker the server uses, reported in tokens per second. Only
//! `varotra doctor` runs it (the admin page would hold a second model in memory).

use super::Check;
use crate::llm::{CompletionRequest, Llm, LlmOptions, LocalState, Source};
use crate::settings::{LlmFallbackSettings, LlmSettings};
use std::path::Path;
use std::time::{Duration, Instant};

const NAME: &str = "Vitesse du modèle";
/// Tokens decoded for the measure: enough to time, short enough for a quick doctor.
const TOKENS: u32 = 16;
/// Below this the bot's phrasing waits noticeably (a reply is 20–40 tokens).
const MIN_TOKENS_PER_SEC: f64 = 5.0;
/// Longest the model may take to load before the measure is given up.
const LOAD_WAIT: Duration = Duration::from_secs(120);

/// BLOCKING: loads the model in its worker, decodes [`TOKENS`] tokens and times them.
pub fn check(settings: &LlmSettings) -> Check {
    if settings.model_path.is_empty() {
        return Check::pass(NAME, "sans objet : aucun modèle configuré");
    }
    if !Path::new(&settings.model_path).is_file() {
        return Check::fail(
            NAME,
            format!(
                "mesure impossible : modèle absent ({})",
                settings.model_path
            ),
            "installez le modèle (`./install.sh --model-only`) ou corrigez llm.model_path",
        );
    }
    // The local model only: a fallback server would time the network instead.
    // A slow box is what this check reports, so the request gets time to finish.
    let local = LlmSettings {
        fallback: LlmFallbackSettings::default(),
        timeout_ms: settings.timeout_ms.max(120_000),
        ..settings.clone()
    };
    let llm = Llm::start_with(
        &local,
        LlmOptions {
            load_timeout: LOAD_WAIT,
            ..LlmOptions::default()
        },
    );
    // Loading is not decoding: wait for the worker, then time the request alone.
    let until = Instant::now() + LOAD_WAIT;
    while !llm.is_available() {
        if llm.local_state() == LocalState::Down || Instant::now() > until {
            return Check::fail(
                NAME,
                format!("le modèle ne se charge pas ({:?})", llm.local_state()),
                "vérifiez le fichier du modèle (sha256 ci-dessus) et la mémoire libre",
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let req = CompletionRequest {
        prompt: "Épicerie Rivo, Antananarivo. Liste des produits : riz, sucre, huile,".into(),
        max_tokens: TOKENS,
        timeout_ms: 180_000,
        ..CompletionRequest::default()
    };
    match llm.complete_detailed(req) {
        Ok(c) if c.source == Source::Local && c.tokens > 0 => {
            let gen = f64::from(c.tokens) * 1000.0 / (c.gen_ms.max(1) as f64);
            let prompt = f64::from(c.prompt_tokens) * 1000.0 / (c.prompt_ms.max(1) as f64);
            let detail = format!(
                "{gen:.0} tokens/s en génération ({} tokens en {} ms), {prompt:.0} tokens/s en lecture du prompt, {} fil(s)",
                c.tokens, c.gen_ms, settings.threads
            );
            if gen < MIN_TOKENS_PER_SEC {
                Check::fail(
                    NAME,
                    detail,
                    "machine trop lente pour ce modèle : donnez-lui plus de fils (llm.threads), un modèle plus petit, ou un serveur [llm.fallback]",
                )
            } else {
                Check::pass(NAME, detail)
            }
        }
        Ok(_) => Check::fail(
            NAME,
            "le modèle n'a rien généré",
            "vérifiez le fichier du modèle (sha256 ci-dessus) et llm.context_size",
        ),
        Err(e) => Check::fail(
            NAME,
            format!("mesure impossible : {e}"),
            "vérifiez le fichier du modèle (sha256 ci-dessus), la mémoire libre et llm.threads",
        ),
    }
}
