//! Plans and quotas: past its monthly quota a shop keeps its grounded answers, the
//! model is no longer asked, and the owner is warned once at 80 % and once at 100 %.

use crate::helpers::{spawn_app_with, TestApp};
use crate::whatsapp_outbound::mount_messages;
use crate::whatsapp_support::*;
use reqwest::multipart::{Form, Part};
use varotra::db::accounts::Role;
use varotra::db::ShopId;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const EPICERIE: &[u8] = include_bytes!("../fixtures/catalog-epicerie.csv");
const QUOTA: u64 = 5;

fn delivery(i: usize, text: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "261320000001", "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": "Client"}, "wa_id": format!("26134{i:07}")}],
            "messages": [{"from": format!("26134{i:07}"), "id": format!("wamid.quota.{i}"),
                "timestamp": "1764057600", "type": "text", "text": {"body": text}}]
        }}]}]
    }))
    .unwrap()
}

async fn shop(app: &TestApp) -> (ShopId, String) {
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    app.db
        .write(move |c| varotra::db::usage::set_plan(c, shop, "free"))
        .await
        .unwrap();
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    let token = app.api_token("rivo@example.mg").await;
    let form = Form::new().part(
        "file",
        Part::bytes(EPICERIE.to_vec())
            .file_name("catalogue.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    let res = app
        .client
        .post(app.url("/api/v1/products/upload"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    (shop, token)
}

/// Sends message `i` and waits until its reply job is done.
async fn ask(app: &TestApp, i: usize, text: &str) {
    assert_eq!(post_signed(app, &delivery(i, text)).await.status(), 200);
    eventually("the reply job", || async {
        let done = count(
            &app.db,
            "SELECT COUNT(*) FROM jobs WHERE kind = 'reply' AND status = 'done'",
        )
        .await;
        (done as usize >= i).then_some(())
    })
    .await;
}

async fn model_calls(server: &MockServer) -> usize {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .filter(|r| r.url.path() == "/v1/chat/completions")
        .count()
}

#[tokio::test]
async fn a_shop_over_its_free_quota_keeps_grounded_answers_without_the_model_and_is_warned_twice() {
    let graph = MockServer::start().await;
    mount_messages(&graph, &FakeSend::ok()).await;
    let model = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": "chatcmpl-1", "object": "chat.completion",
            "choices": [{"index": 0, "message": {"role": "assistant",
                "content": "Avec plaisir ! Je suis là pour vos courses."}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 8, "total_tokens": 18}
        })))
        .mount(&model)
        .await;
    let (graph_base, model_base) = (graph.uri(), format!("{}/v1", model.uri()));
    let app = spawn_app_with(move |s| {
        s.whatsapp.graph_api_base = graph_base;
        s.whatsapp.pair_interval_ms = 0;
        s.llm.fallback.base_url = model_base;
        s.llm.fallback.model = "strong-model".into();
        s.plans.free_ai_messages = QUOTA;
    })
    .await;
    let (_shop, token) = shop(&app).await;

    // Within the quota, free-form messages reach the model.
    for i in 1..=QUOTA as usize {
        ask(
            &app,
            i,
            "Tu as passé un bon week-end ? Raconte-moi une histoire drôle",
        )
        .await;
    }
    let within = model_calls(&model).await;
    assert!(
        within > 0,
        "the model answers free-form messages within the quota"
    );
    let warnings = || {
        count(
            &app.db,
            "SELECT COUNT(*) FROM notifications WHERE kind = 'quota'",
        )
    };
    assert_eq!(warnings().await, 2, "one warning at 80 %, one at 100 %");
    let first = "SELECT body FROM notifications WHERE kind = 'quota' ORDER BY id LIMIT 1";
    let first = text(&app.db, first).await.unwrap();
    assert!(
        first.starts_with("80 % du quota du mois : 4 réponses du bot sur 5"),
        "{first}"
    );
    let last = "SELECT body FROM notifications WHERE kind = 'quota' ORDER BY id DESC LIMIT 1";
    let last = text(&app.db, last).await.unwrap();
    assert!(
        last.starts_with("Quota du mois atteint : 5 réponses"),
        "{last}"
    );

    // Past it: the same free-form question asks nothing of the model...
    let base = QUOTA as usize;
    ask(
        &app,
        base + 1,
        "Tu as passé un bon week-end ? Raconte-moi une histoire drôle",
    )
    .await;
    // ...and a price question is still answered from the catalogue.
    ask(&app, base + 2, "Combien coûte le riz makalioka 1 kg ?").await;
    assert_eq!(
        model_calls(&model).await,
        within,
        "no model call past the quota"
    );
    let reply = text(
        &app.db,
        "SELECT body FROM messages WHERE direction = 'out' ORDER BY id DESC LIMIT 1",
    )
    .await
    .unwrap();
    assert!(reply.contains("3 500 Ar"), "{reply}");
    assert_eq!(warnings().await, 2, "no warning repeated in the month");

    let usage: serde_json::Value = reqwest::Client::new()
        .get(app.url("/api/v1/usage"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(usage["plan"], "free");
    assert_eq!(usage["ai_messages_included"], QUOTA);
    assert_eq!(usage["bot_replies"], QUOTA + 2);
    assert_eq!(usage["overage"], 2);
    assert_eq!(usage["model_allowed"], false);
}
