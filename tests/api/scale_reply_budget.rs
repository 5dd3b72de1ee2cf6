//! The model's time budget per reply (issue 22): a reply that needs a slow model never
//! holds up the grounded replies of other customers, and past `[llm] reply_budget_ms`
//! it is answered by the template, the model's late output dropped.

use crate::helpers::spawn_app_with;
use crate::whatsapp_outbound::mount_messages;
use crate::whatsapp_support::*;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LATE: &str = "Le football, quelle passion ! Je vous conseille notre riz.";

/// A text message from `customer` saying `body`.
fn inbound(customer: &str, n: usize, body: &str) -> Vec<u8> {
    String::from_utf8(fixture("text-fr.json"))
        .unwrap()
        .replace(CUSTOMER, customer)
        .replace(
            "wamid.HBgMMjYxMzQxMjM0NTY3FQIAEhgUM0VCMDAwMDAwMDAwMDAwMDAwMQA=",
            &format!("wamid.budget{customer}{n}"),
        )
        .replace("Bonjour, c'est combien le riz makalioka ?", body)
        .into_bytes()
}

async fn replies_to(db: &varotra::db::Db, customer: &str) -> Vec<(i64, String)> {
    let sql = format!("SELECT id, payload FROM outbox WHERE to_phone = '{customer}' ORDER BY id");
    db.read(move |c| {
        let mut stmt = c.prepare(&sql)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn a_slow_model_holds_no_grounded_reply_and_its_late_answer_is_dropped() {
    let graph = MockServer::start().await;
    mount_messages(&graph, &FakeSend::ok()).await;
    let model = MockServer::start().await;
    let delay = Duration::from_secs(5);
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({
                    "id": "chatcmpl-1",
                    "object": "chat.completion",
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": LATE}}],
                    "usage": {"prompt_tokens": 40, "completion_tokens": 12, "total_tokens": 52}
                }))
                .set_delay(delay),
        )
        .mount(&model)
        .await;
    let (graph_base, model_base) = (graph.uri(), format!("{}/v1", model.uri()));
    let app = spawn_app_with(move |s| {
        s.whatsapp.graph_api_base = graph_base;
        s.whatsapp.pair_interval_ms = 0;
        s.llm.reply_budget_ms = 2500;
        s.llm.fallback.base_url = model_base;
        s.llm.fallback.model = "strong-model".into();
        // The server's own limits are longer than the reply's budget: the budget decides.
        s.llm.fallback.timeout_ms = 20_000;
        s.llm.fallback.budget_ms = 20_000;
    })
    .await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    let (chatty, asking) = ("261340000011", "261340000012");
    // A first grounded reply: the assistant is warm (its classifier trained) before the
    // budget is measured.
    post_signed(&app, &inbound(asking, 0, "Vous livrez à Ivato ?")).await;
    eventually("the first grounded reply", || async {
        replies_to(&app.db, asking).await.pop()
    })
    .await;
    post_signed(
        &app,
        &inbound(chatty, 0, "Quel temps fait-il à Antsirabe ?"),
    )
    .await;
    eventually("the model to be asked for the small talk", || async {
        (!model.received_requests().await.unwrap().is_empty()).then_some(())
    })
    .await;
    let asked_at = tokio::time::Instant::now();
    post_signed(
        &app,
        &inbound(asking, 1, "Bonjour, c'est combien le riz makalioka ?"),
    )
    .await;
    let grounded = eventually("the second grounded reply", || async {
        let mut replies = replies_to(&app.db, asking).await;
        (replies.len() == 2).then(|| replies.pop()).flatten()
    })
    .await;
    let small_talk = eventually("the small-talk reply", || async {
        replies_to(&app.db, chatty).await.pop()
    })
    .await;
    assert!(
        grounded.0 < small_talk.0,
        "the grounded reply was queued first: {grounded:?} {small_talk:?}"
    );
    assert!(!small_talk.1.contains(LATE), "{}", small_talk.1);
    assert!(small_talk.1.contains("body"), "{}", small_talk.1);
    // Let the model's answer arrive, then check nothing more was sent for it.
    tokio::time::sleep_until(asked_at + delay + Duration::from_millis(500)).await;
    let all = replies_to(&app.db, chatty).await;
    assert_eq!(all.len(), 1, "{all:?}");
    let late_stored = count(
        &app.db,
        &format!(
            "SELECT count(*) FROM messages WHERE body LIKE '%{}%'",
            &LATE[..20]
        ),
    )
    .await;
    assert_eq!(late_stored, 0);
}
