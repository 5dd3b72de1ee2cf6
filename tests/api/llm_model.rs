//! The real default model (Gemma 3 270M) through the supervised worker process. Slow-ish:
//! each test starts its own worker; the model file comes from `./install.sh --model-only`.

use std::time::{Duration, Instant};
use varotra::llm::{CompletionRequest, Llm, LlmError, LlmOptions, LocalState, Source};
use varotra::settings::LlmSettings;

fn model_path() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/gemma-3-270m-q4_k_m.gguf"
    );
    assert!(
        std::path::Path::new(path).is_file(),
        "{path} is missing: run ./install.sh --model-only"
    );
    path.to_string()
}

/// One model test at a time: parallel workers on a small shared machine (OpenMP threads
/// spinning against each other) would make every timing meaningless.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner())
}

fn start(timeout_ms: u64) -> Llm {
    let settings = LlmSettings {
        model_path: model_path(),
        threads: 1,
        context_size: 1024,
        timeout_ms,
        max_tokens: 16,
        ..LlmSettings::default()
    };
    let llm = Llm::start_with(
        &settings,
        LlmOptions {
            worker_exe: Some(env!("CARGO_BIN_EXE_varotra").into()),
            ..LlmOptions::default()
        },
    );
    wait_available(&llm);
    llm
}

fn wait_available(llm: &Llm) {
    let until = Instant::now() + Duration::from_secs(60);
    while !llm.is_available() {
        assert!(
            Instant::now() < until,
            "model never loaded: {:?}",
            llm.local_state()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

const FEW_SHOT: &str = "Conversation avec le vendeur d'une épicerie à Antananarivo.\n\
Client: Bonjour\nVendeur: Bonjour, bienvenue ! Que puis-je pour vous ?\n\
Client: Vous avez du riz ?\nVendeur: Oui, nous avons du riz.\n";

#[test]
fn the_local_model_writes_a_short_reply_that_ends_at_the_stop_string() {
    let _serial = serial();
    let llm = start(30_000);
    assert_eq!(llm.local_state(), LocalState::Ready);
    let done = llm
        .complete_detailed(CompletionRequest {
            prompt: format!("{FEW_SHOT}Client: Merci beaucoup\nVendeur:"),
            max_tokens: 24,
            stop: vec!["\n".into()],
            ..CompletionRequest::default()
        })
        .unwrap();
    assert_eq!(done.source, Source::Local);
    assert!(!done.text.trim().is_empty(), "empty reply");
    assert!(
        !done.text.contains('\n'),
        "stop string kept: {:?}",
        done.text
    );
    assert!(done.tokens >= 1 && done.tokens <= 24);
    // A base model has no chat template: prompts stay plain text.
    assert!(!llm.has_chat_template());
    assert_eq!(
        llm.chat_prompt("Règles", "Client: Salut"),
        "Règles\n\nClient: Salut"
    );
    assert_eq!(llm.model_info().unwrap().model, "gemma-3-270m-q4_k_m.gguf");
}

#[test]
fn a_label_grammar_makes_the_model_answer_exactly_one_label() {
    let _serial = serial();
    let llm = start(30_000);
    let labels = ["greeting", "price", "other"];
    for message in ["Combien coûte le riz ?", "Salama tompoko", "Il pleut"] {
        let text = llm
            .complete(CompletionRequest {
                prompt: format!(
                    "Message: Bonjour\nIntent: greeting\nMessage: Prix de l'huile ?\nIntent: price\n\
                     Message: {message}\nIntent:"
                ),
                grammar: Some(r#"root ::= " "? ("greeting" | "price" | "other")"#.into()),
                max_tokens: 8,
                ..CompletionRequest::default()
            })
            .unwrap();
        assert!(labels.contains(&text.trim()), "not a label: {text:?}");
    }
}

#[test]
fn a_shared_prompt_prefix_is_reused_and_gives_the_same_reply_as_a_cold_start() {
    let _serial = serial();
    let llm = start(30_000);
    let ask = |question: &str| {
        llm.complete_detailed(CompletionRequest {
            prompt: format!("{FEW_SHOT}Client: {question}\nVendeur:"),
            max_tokens: 12,
            stop: vec!["\n".into()],
            ..CompletionRequest::default()
        })
        .unwrap()
    };
    let first = ask("Vous avez de l'huile ?");
    let warm = ask("Vous livrez à Ivato ?");
    assert!(
        warm.cached_tokens >= warm.prompt_tokens / 2,
        "prefix not reused: {} of {}",
        warm.cached_tokens,
        warm.prompt_tokens
    );
    assert!(first.cached_tokens < first.prompt_tokens);
    // Something unrelated evicts the prefix; the same question then runs cold.
    let _ = llm.complete(CompletionRequest::new("1, 2, 3,")).unwrap();
    let cold = ask("Vous livrez à Ivato ?");
    assert!(
        cold.cached_tokens <= 2,
        "cache not evicted: {}",
        cold.cached_tokens
    );
    assert_eq!(warm.text, cold.text);
}

#[test]
fn a_killed_worker_fails_its_request_then_is_restarted_for_the_next() {
    let _serial = serial();
    let llm = start(60_000);
    let pid = llm.worker_pid().expect("worker pid");
    let busy = llm.clone();
    let long = std::thread::spawn(move || {
        busy.complete(CompletionRequest {
            prompt: "1, 2, 3, 4, 5, 6, 7, 8,".into(),
            max_tokens: 600,
            ..CompletionRequest::default()
        })
    });
    std::thread::sleep(Duration::from_millis(400));
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(long.join().unwrap(), Err(LlmError::Crashed));
    wait_available(&llm);
    assert_ne!(llm.worker_pid(), Some(pid));
    let text = llm
        .complete(CompletionRequest {
            prompt: format!("{FEW_SHOT}Client: Merci\nVendeur:"),
            max_tokens: 8,
            ..CompletionRequest::default()
        })
        .unwrap();
    assert!(!text.is_empty());
}

#[test]
fn a_missing_model_file_stops_the_worker_with_a_french_error_naming_the_setting() {
    // What the supervisor runs for `[llm] model_path = "/nonexistent/model.gguf"`.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_varotra"))
        .args(["llm-worker", "--model", "/nonexistent/model.gguf"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("modèle introuvable"), "{stderr}");
    assert!(stderr.contains("llm.model_path"), "{stderr}");
    assert!(stderr.contains("/nonexistent/model.gguf"), "{stderr}");
    assert!(out.stdout.is_empty(), "no hello line on the pipe");
}
