//! Webhook ingestion: authentication, limits, every documented payload shape, and
//! idempotence on wamid.

use crate::helpers::{spawn_app_with, TestApp, VERIFY_TOKEN};
use crate::whatsapp_support::*;

const META_FIXTURES: [&str; 18] = [
    "batch-two-messages.json",
    "button-reply.json",
    "document.json",
    "forwarded.json",
    "image.json",
    "list-reply.json",
    "location.json",
    "reaction-removed.json",
    "reaction.json",
    "status-delivered.json",
    "status-failed.json",
    "status-read.json",
    "status-sent.json",
    "template-button.json",
    "text-fr.json",
    "text-mg.json",
    "unsupported.json",
    "username-only-contact.json",
];

async fn app() -> TestApp {
    spawn_app_with(|s| {
        s.whatsapp.pair_interval_ms = 0;
        s.assistant.enabled = false;
    })
    .await
}

async fn error_code(res: reqwest::Response) -> (u16, String, String) {
    let status = res.status().as_u16();
    let body: serde_json::Value = res.json().await.expect("a JSON error body");
    (
        status,
        body["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

#[tokio::test]
async fn every_documented_meta_payload_is_accepted_and_stored() {
    let app = app().await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    for name in META_FIXTURES {
        let res = post_signed(&app, &fixture(name)).await;
        assert_eq!(res.status(), 200, "{name}");
    }
    let db = &app.db;
    assert_eq!(count(db, "SELECT count(*) FROM inbound_events").await, 18);
    assert_eq!(
        count(db, "SELECT count(*) FROM messages WHERE direction = 'in'").await,
        15
    );
    assert_eq!(count(db, "SELECT count(*) FROM conversations").await, 2);
    // Reactions never call for an answer; images and documents are fetched.
    assert_eq!(
        count(db, "SELECT count(*) FROM jobs WHERE kind = 'reply'").await,
        13
    );
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM jobs WHERE kind = 'media_download'"
        )
        .await,
        2
    );
    let hidden =
        "SELECT customer_phone FROM conversations WHERE customer_key = 'MG.1342987712345678'";
    assert_eq!(text(db, hidden).await, None);
    let name = "SELECT customer_name FROM conversations WHERE customer_key = 'MG.1342987712345678'";
    assert_eq!(text(db, name).await.as_deref(), Some("Hery"));
    let list = "SELECT body FROM messages WHERE kind = 'interactive' AND body LIKE 'Huile%'";
    assert_eq!(text(db, list).await.as_deref(), Some("Huile 5 L"));
    let location = text(db, "SELECT body FROM messages WHERE kind = 'location'")
        .await
        .unwrap();
    assert!(location.contains("Analakely"), "{location}");
    let removed = "SELECT count(*) FROM messages WHERE kind = 'reaction' AND body IS NULL";
    assert_eq!(count(db, removed).await, 1);
    let unsupported = text(
        db,
        "SELECT payload FROM messages WHERE kind = 'unsupported'",
    )
    .await
    .unwrap();
    assert!(unsupported.contains("131051"));
}

#[tokio::test]
async fn a_delivery_repeated_three_times_is_stored_once_with_one_job() {
    let app = app().await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    let body = fixture("batch-two-messages.json");
    let (a, b, c) = tokio::join!(
        post_signed(&app, &body),
        post_signed(&app, &body),
        post_signed(&app, &body)
    );
    assert_eq!(
        [a.status(), b.status(), c.status()].map(|s| s.as_u16()),
        [200; 3]
    );
    assert_eq!(count(&app.db, "SELECT count(*) FROM messages").await, 2);
    assert_eq!(count(&app.db, "SELECT count(*) FROM jobs").await, 2);
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM inbound_events").await,
        3
    );
}

#[tokio::test]
async fn a_wrong_or_missing_signature_is_refused_before_anything_is_stored() {
    let app = app().await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    let body = fixture("text-fr.json");
    let forged = varotra::whatsapp::signature::sign("not-the-secret", &body);
    let res = app
        .client
        .post(app.url("/webhooks/whatsapp"))
        .header("X-Hub-Signature-256", forged)
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(res).await.0, 401);
    let res = app
        .client
        .post(app.url("/webhooks/whatsapp"))
        .body(body)
        .send()
        .await
        .unwrap();
    let (status, code, message) = error_code(res).await;
    assert_eq!((status, code.as_str()), (401, "unauthorized"));
    assert!(message.contains("missing"), "{message}");
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM inbound_events").await,
        0
    );
}

#[tokio::test]
async fn malformed_json_and_a_wrong_shape_get_a_400_naming_the_problem() {
    let app = app().await;
    let (status, code, _) = error_code(post_signed(&app, b"{\"object\": ").await).await;
    assert_eq!((status, code.as_str()), (400, "bad_request"));
    let wrong = br#"{"object":"whatsapp_business_account","entry":{"id":"1"}}"#;
    let (status, _, message) = error_code(post_signed(&app, wrong).await).await;
    assert_eq!(status, 400);
    assert!(message.contains("entry"), "{message}");
}

#[tokio::test]
async fn a_body_over_the_limit_gets_a_json_413() {
    let app = spawn_app_with(|s| s.server.max_body_bytes = 1024).await;
    let mut body = fixture("text-fr.json");
    body.extend(std::iter::repeat_n(b' ', 2000));
    let (status, code, _) = error_code(post_signed(&app, &body).await).await;
    assert_eq!((status, code.as_str()), (413, "payload_too_large"));
}

#[tokio::test]
async fn an_unknown_number_is_acknowledged_but_creates_no_conversation() {
    let app = app().await;
    let res = post_signed(&app, &fixture("text-fr.json")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM inbound_events").await,
        1
    );
    assert_eq!(count(&app.db, "SELECT count(*) FROM messages").await, 0);
}

#[tokio::test]
async fn unknown_fields_and_message_types_are_acknowledged() {
    let app = app().await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    let body = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[
        {{"field":"message_template_status_update","value":{{"event":"APPROVED","message_template_id":1}}}},
        {{"field":"smb_message_echoes","value":{{"message_echoes":[{{"id":"x"}}]}}}},
        {{"field":"messages","value":{{"metadata":{{"phone_number_id":"{PHONE_NUMBER_ID}"}},
          "messages":[{{"from":"{CUSTOMER}","id":"wamid.new-kind","type":"poll","poll":{{}}}}]}}}}]}}]}}"#
    );
    assert_eq!(post_signed(&app, body.as_bytes()).await.status(), 200);
    assert_eq!(
        text(&app.db, "SELECT kind FROM messages").await.as_deref(),
        Some("poll")
    );
}

#[tokio::test]
async fn the_verify_handshake_echoes_the_challenge_only_with_the_right_token() {
    let app = app().await;
    let url = |token: &str| {
        app.url(&format!("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={token}&hub.challenge=1158201444"))
    };
    let res = app.client.get(url(VERIFY_TOKEN)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "1158201444");
    assert_eq!(
        app.client.get(url("wrong")).send().await.unwrap().status(),
        403
    );
}

#[tokio::test]
async fn statuses_never_move_backwards_and_failures_keep_their_reason() {
    let app = app().await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    app.db
        .write(move |c| {
            c.execute("INSERT INTO conversations (shop_id, customer_key) VALUES (?1, '261341234567')", [shop])?;
            c.execute(
                "INSERT INTO messages (shop_id, conversation_id, wamid, direction, kind, body, status)
                 VALUES (?1, 1, 'wamid.HBgMMjYxMzIwMDAwMDAxFQIAERgSQUJDREVGMDEyMzQ1Njc4OQA=', 'out', 'text', 'Bonjour', 'accepted')",
                [shop],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let status = || text(&app.db, "SELECT status FROM messages");
    for name in [
        "status-read.json",
        "status-delivered.json",
        "status-sent.json",
    ] {
        assert_eq!(post_signed(&app, &fixture(name)).await.status(), 200);
    }
    assert_eq!(status().await.as_deref(), Some("read"));
    post_signed(&app, &fixture("status-failed.json")).await;
    assert_eq!(status().await.as_deref(), Some("failed"));
    let error = text(&app.db, "SELECT error FROM messages").await.unwrap();
    assert!(error.starts_with("131047"), "{error}");
}

#[tokio::test]
async fn gupshup_deliveries_are_authenticated_by_the_token_in_their_url() {
    let app = app().await;
    let (_, token) = shop_with_number(&app.db, "gupshup", "EpicerieRivo").await;
    let body = fixture("gupshup-text.json");
    let res = app
        .client
        .post(app.url("/webhooks/gupshup/wrong-token"))
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = app
        .client
        .post(app.url(&format!("/webhooks/gupshup/{token}")))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let stored = text(
        &app.db,
        "SELECT body FROM messages WHERE wamid = 'ABEGJjQSNFZwAhDYm1k0f0Ff2r2n'",
    )
    .await;
    assert_eq!(stored.as_deref(), Some("Bonjour, vous livrez à Ivato ?"));
    assert_eq!(
        text(&app.db, "SELECT customer_name FROM conversations")
            .await
            .as_deref(),
        Some("Rasoa Be")
    );
}

#[tokio::test]
async fn a_360dialog_delivery_is_routed_by_its_token_not_a_signature() {
    let app = app().await;
    // 360dialog numbers may be registered under another id than Meta's.
    let (shop, token) = shop_with_number(&app.db, "360dialog", "d360-channel-7").await;
    let body = fixture("text-mg.json");
    let res = app
        .client
        .post(app.url("/webhooks/360dialog/nope"))
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = app
        .client
        .post(app.url(&format!("/webhooks/360dialog/{token}")))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let sql = format!("SELECT count(*) FROM messages WHERE shop_id = {shop} AND body = 'Salama, ohatrinona ny savony?'");
    assert_eq!(count(&app.db, &sql).await, 1);
}
