//! Replies through the outbox: one answer per message whatever the redeliveries,
//! retries while the provider is down, restart safety, provider formats, flood control.

use crate::helpers::{spawn_app_with, test_settings, TestApp};
use crate::whatsapp_support::*;
use varotra::startup::Application;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer};

pub async fn app_against(server: &MockServer) -> TestApp {
    let base = server.uri();
    spawn_app_with(move |s| {
        s.whatsapp.graph_api_base = base.clone();
        s.whatsapp.dialog360_api_base = base.clone();
        s.whatsapp.gupshup_api_base = base;
        s.whatsapp.pair_interval_ms = 0;
        s.whatsapp.max_retry_delay_secs = 1;
    })
    .await
}

pub async fn mount_messages(server: &MockServer, fake: &FakeSend) {
    Mock::given(method("POST"))
        .and(path(format!("/{PHONE_NUMBER_ID}/messages")))
        .and(header(
            "authorization",
            format!("Bearer {META_TOKEN}").as_str(),
        ))
        .respond_with(fake.clone())
        .mount(server)
        .await;
}

async fn outbox_status(app: &TestApp) -> Option<String> {
    text(&app.db, "SELECT status FROM outbox ORDER BY id LIMIT 1").await
}

async fn settled(app: &TestApp) -> bool {
    count(
        &app.db,
        "SELECT count(*) FROM jobs WHERE kind = 'reply' AND status IN ('pending', 'running')",
    )
    .await
        == 0
        && count(
            &app.db,
            "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')",
        )
        .await
            == 0
}

#[tokio::test]
async fn a_message_delivered_three_times_gets_exactly_one_reply() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let app = app_against(&server).await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    let body = fixture("text-fr.json");
    for _ in 0..3 {
        assert_eq!(post_signed(&app, &body).await.status(), 200);
    }
    eventually("the reply to be sent", || async {
        (settled(&app).await && fake.accepted() > 0).then_some(())
    })
    .await;
    assert_eq!(fake.calls(), 1);
    let sent: serde_json::Value =
        serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(sent["to"], CUSTOMER);
    assert_eq!(sent["type"], "text");
    // Issue 16: a precise question gets its answer, no welcome glued before it.
    let body = sent["text"]["body"].as_str().unwrap();
    assert!(!body.trim().is_empty());
    assert!(!body.contains("bienvenue"), "{body}");
    let out = text(
        &app.db,
        "SELECT wamid FROM messages WHERE direction = 'out'",
    )
    .await;
    assert_eq!(out.as_deref(), Some("wamid.OUT0"));
    assert_eq!(
        text(&app.db, "SELECT provider_message_id FROM outbox")
            .await
            .as_deref(),
        Some("wamid.OUT0")
    );
}

#[tokio::test]
async fn a_provider_down_for_a_while_gets_the_reply_once_it_is_back() {
    let server = MockServer::start().await;
    let fake = FakeSend::failing(3, 503, "Service Unavailable");
    mount_messages(&server, &fake).await;
    let app = app_against(&server).await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-mg.json")).await;
    eventually("the reply to go out", || async {
        (outbox_status(&app).await.as_deref() == Some("sent")).then_some(())
    })
    .await;
    assert_eq!((fake.calls(), fake.accepted()), (4, 1));
    assert_eq!(count(&app.db, "SELECT attempts FROM outbox").await, 4);
}

#[tokio::test]
async fn a_permanent_error_fails_the_message_with_its_reason_without_retrying() {
    let server = MockServer::start().await;
    let window =
        r#"{"error":{"message":"Re-engagement message","type":"OAuthException","code":131047}}"#;
    let fake = FakeSend::failing(1, 400, window);
    mount_messages(&server, &fake).await;
    let app = app_against(&server).await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-fr.json")).await;
    eventually("the row to fail", || async {
        (outbox_status(&app).await.as_deref() == Some("failed")).then_some(())
    })
    .await;
    let error = text(
        &app.db,
        "SELECT error FROM messages WHERE direction = 'out'",
    )
    .await
    .unwrap();
    assert!(error.contains("131047"), "{error}");
    assert_eq!(
        text(
            &app.db,
            "SELECT status FROM messages WHERE direction = 'out'"
        )
        .await
        .as_deref(),
        Some("failed")
    );
    assert_eq!(fake.calls(), 1);
}

#[tokio::test]
async fn undelivered_rows_go_out_after_a_restart() {
    let down = MockServer::start().await;
    let refusing = FakeSend::failing(usize::MAX, 503, "down");
    mount_messages(&down, &refusing).await;
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(dir.path(), &down.uri());
    settings.whatsapp.pair_interval_ms = 0;
    settings.whatsapp.max_retry_delay_secs = 1;
    // A row caught mid-send waits for its status webhook; this provider never sent it,
    // so no status comes, and after the grace the row is sent (once).
    settings.whatsapp.resend_grace_secs = 1;
    let settings = settings.validate().unwrap();

    let first = Application::build(settings.clone()).await.unwrap();
    let (address, db) = (
        format!("http://127.0.0.1:{}", first.port()),
        first.state().db.clone(),
    );
    let running = tokio::spawn(first.run_until_stopped());
    shop_with_number(&db, "meta", PHONE_NUMBER_ID).await;
    assert_eq!(
        post_to(&address, &fixture("text-fr.json")).await.status(),
        200
    );
    eventually("a failed attempt", || async {
        (refusing.calls() > 0).then_some(())
    })
    .await;
    // Power cut: the server and its workers stop; a row may be caught mid-send.
    running.abort();
    let _ = running.await;
    db.write(|c| Ok(c.execute("UPDATE outbox SET status = 'sending'", [])?))
        .await
        .unwrap();

    let up = MockServer::start().await;
    let accepting = FakeSend::ok();
    mount_messages(&up, &accepting).await;
    let mut again = settings.clone();
    again.whatsapp.graph_api_base = up.uri();
    let second = Application::build(again).await.unwrap();
    let db2 = second.state().db.clone();
    tokio::spawn(second.run_until_stopped());
    eventually("the queued reply to go out", || async {
        (text(&db2, "SELECT status FROM outbox").await.as_deref() == Some("sent")).then_some(())
    })
    .await;
    assert_eq!(accepting.calls(), 1);
    assert_eq!(
        count(
            &db2,
            "SELECT count(*) FROM messages WHERE direction = 'out'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_flooding_customer_is_throttled_without_silencing_others() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let base = server.uri();
    let app = spawn_app_with(move |s| {
        s.whatsapp.graph_api_base = base;
        s.whatsapp.pair_interval_ms = 0;
        s.whatsapp.customer_messages_per_minute = 2;
    })
    .await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    let template = String::from_utf8(fixture("text-fr.json")).unwrap();
    let from = |customer: &str, n: usize| {
        template.replace(CUSTOMER, customer).replace(
            "wamid.HBgMMjYxMzQxMjM0NTY3FQIAEhgUM0VCMDAwMDAwMDAwMDAwMDAwMQA=",
            &format!("wamid.flood{customer}{n}"),
        )
    };
    for n in 0..5 {
        post_signed(&app, from("261340000001", n).as_bytes()).await;
    }
    post_signed(&app, from("261340000002", 0).as_bytes()).await;
    eventually("every job to settle", || async {
        settled(&app).await.then_some(())
    })
    .await;
    let metrics = reqwest::get(app.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("whatsapp_flood_throttled_total 3"),
        "{metrics}"
    );
    let to_other =
        "SELECT count(*) FROM outbox WHERE to_phone = '261340000002' AND status = 'sent'";
    assert_eq!(count(&app.db, to_other).await, 1);
}

#[tokio::test]
async fn the_bot_stays_quiet_on_a_conversation_an_agent_took_over() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let app = app_against(&server).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    app.db
        .write(move |c| {
            let conv = varotra::db::conversations::upsert_inbound(
                c,
                shop,
                1,
                CUSTOMER,
                Some(CUSTOMER),
                None,
            )?;
            varotra::db::conversations::set_bot_paused(c, shop, conv, true)
        })
        .await
        .unwrap();
    assert_eq!(
        post_signed(&app, &fixture("text-fr.json")).await.status(),
        200
    );
    eventually("the reply job to finish", || async {
        (text(&app.db, "SELECT status FROM jobs WHERE kind = 'reply'")
            .await
            .as_deref()
            == Some("done"))
        .then_some(())
    })
    .await;
    assert_eq!(count(&app.db, "SELECT count(*) FROM outbox").await, 0);
    assert_eq!(
        count(
            &app.db,
            "SELECT count(*) FROM messages WHERE direction = 'in'"
        )
        .await,
        1
    );
    assert_eq!(fake.calls(), 0);
}

#[tokio::test]
async fn a_second_message_to_one_customer_waits_for_the_pair_rate_while_others_go_out() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let base = server.uri();
    let app = spawn_app_with(move |s| {
        s.whatsapp.graph_api_base = base;
        s.whatsapp.pair_interval_ms = 60_000;
    })
    .await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    let enqueue = |customer: &'static str, body: &'static str| {
        app.db.write(move |c| {
            let conv = varotra::db::conversations::upsert_inbound(
                c,
                shop,
                1,
                customer,
                Some(customer),
                None,
            )?;
            varotra::db::outbox::enqueue(
                c,
                shop,
                conv,
                &varotra::whatsapp::OutgoingMessage::text(body),
                "agent:1",
            )
        })
    };
    enqueue(CUSTOMER, "Premier message").await.unwrap();
    enqueue(CUSTOMER, "Second message").await.unwrap();
    eventually("the first message to go out", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
    enqueue("261340000009", "Pour un autre client")
        .await
        .unwrap();
    eventually("the other customer's message to go out", || async {
        (fake.accepted() == 2).then_some(())
    })
    .await;
    let waiting = "SELECT o.status FROM outbox o JOIN messages m ON m.id = o.message_id WHERE m.body = 'Second message'";
    assert_eq!(text(&app.db, waiting).await.as_deref(), Some("pending"));
    let last: serde_json::Value =
        serde_json::from_slice(&server.received_requests().await.unwrap()[1].body).unwrap();
    assert_eq!(last["to"], "261340000009");
}
