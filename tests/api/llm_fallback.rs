//! `[llm.fallback]` against a fake OpenAI-compatible server (wiremock).

use serde_json::json;
use varotra::llm::{CompletionRequest, Llm, LlmError, LlmOptions, Source};
use varotra::settings::{LlmFallbackSettings, LlmSettings, Secret};
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn settings(server: &MockServer, model_path: &str) -> LlmSettings {
    LlmSettings {
        model_path: model_path.into(),
        timeout_ms: 2000,
        fallback: LlmFallbackSettings {
            base_url: format!("{}/v1", server.uri()),
            api_key: Secret::new("sk-test-key"),
            model: "strong-model".into(),
            timeout_ms: 2000,
            ..LlmFallbackSettings::default()
        },
        ..LlmSettings::default()
    }
}

fn answer(content: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                     "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17}
    }))
}

async fn complete(llm: &Llm, req: CompletionRequest) -> Result<varotra::llm::Completion, LlmError> {
    let llm = llm.clone();
    tokio::task::spawn_blocking(move || llm.complete_detailed(req))
        .await
        .unwrap()
}

#[tokio::test]
async fn without_a_local_model_the_fallback_server_answers_the_prompt() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(header("authorization", "Bearer sk-test-key"))
        .and(body_partial_json(json!({
            "model": "strong-model",
            "messages": [{"role": "user", "content": "Client: Bonjour\nVendeur:"}],
            "max_tokens": 20,
            "stop": ["\nClient:"]
        })))
        .respond_with(answer("Bonjour ! Que puis-je pour vous ?\nClient: merci"))
        .expect(1)
        .mount(&server)
        .await;
    let llm = Llm::start(&settings(&server, ""));
    assert!(llm.is_available());
    let req = CompletionRequest {
        prompt: "Client: Bonjour\nVendeur:".into(),
        max_tokens: 20,
        stop: vec!["\nClient:".into()],
        ..CompletionRequest::default()
    };
    let done = complete(&llm, req).await.unwrap();
    // The stop string is applied even when the server ignores it.
    assert_eq!(done.text, "Bonjour ! Que puis-je pour vous ?");
    assert_eq!(done.source, Source::Fallback);
    assert_eq!(done.tokens, 5);
}

#[tokio::test]
async fn a_label_grammar_turns_the_servers_free_text_into_one_label() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(body_partial_json(json!({
            "messages": [{"role": "system",
                          "content": "Answer with exactly one of: greeting, price, other."}]
        })))
        .respond_with(answer("Price."))
        .mount(&server)
        .await;
    let llm = Llm::start(&settings(&server, ""));
    let req = CompletionRequest {
        prompt: "Message: combien le riz ?\nIntent:".into(),
        grammar: Some(r#"root ::= "greeting" | "price" | "other""#.into()),
        max_tokens: 4,
        ..CompletionRequest::default()
    };
    assert_eq!(complete(&llm, req).await.unwrap().text, "price");
}

#[tokio::test]
async fn an_answer_outside_the_label_grammar_is_an_error_not_a_label() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(answer("I think the customer wants a discount"))
        .mount(&server)
        .await;
    let llm = Llm::start(&settings(&server, ""));
    let req = CompletionRequest {
        prompt: "Intent:".into(),
        grammar: Some(r#"root ::= "greeting" | "price""#.into()),
        ..CompletionRequest::default()
    };
    assert!(matches!(
        complete(&llm, req).await,
        Err(LlmError::Fallback(_))
    ));
}

#[tokio::test]
async fn a_server_error_is_reported_without_the_response_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_string("secret prompt echoed"))
        .mount(&server)
        .await;
    let llm = Llm::start(&settings(&server, ""));
    let err = complete(&llm, CompletionRequest::new("Bonjour"))
        .await
        .unwrap_err();
    assert_eq!(err, LlmError::Fallback("HTTP 500".into()));
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(answer("trop tard").set_delay(std::time::Duration::from_secs(5)))
        .mount(&server)
        .await;
    let mut s = settings(&server, "");
    s.fallback.timeout_ms = 200;
    let llm = Llm::start(&s);
    let err = complete(&llm, CompletionRequest::new("Bonjour"))
        .await
        .unwrap_err();
    assert_eq!(err, LlmError::Timeout);
}

#[tokio::test]
async fn a_local_model_that_cannot_load_falls_back_to_the_server() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(answer("Salama tompoko"))
        .mount(&server)
        .await;
    let llm = Llm::start_with(
        &settings(&server, "/nonexistent/model.gguf"),
        LlmOptions {
            worker_exe: Some(env!("CARGO_BIN_EXE_varotra").into()),
            ..LlmOptions::default()
        },
    );
    let done = complete(&llm, CompletionRequest::new("Salama"))
        .await
        .unwrap();
    assert_eq!(done.text, "Salama tompoko");
    assert_eq!(done.source, Source::Fallback);
}

#[tokio::test]
async fn without_model_or_fallback_nothing_is_available() {
    let llm = Llm::start(&LlmSettings {
        model_path: String::new(),
        ..LlmSettings::default()
    });
    assert!(!llm.is_available());
    assert_eq!(
        complete(&llm, CompletionRequest::new("Bonjour")).await,
        Err(LlmError::Unavailable)
    );
    assert_eq!(llm.chat_prompt("Règles", "Bonjour"), "Règles\n\nBonjour");
}
