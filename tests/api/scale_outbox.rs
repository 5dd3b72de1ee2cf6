//! Sends per number (issue 22): a number whose provider is slow holds only its own
//! messages; another number's replies go out meanwhile.

use crate::helpers::spawn_app_with;
use crate::whatsapp_support::*;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SLOW_NUMBER: &str = "106540352242922";
const FAST_NUMBER: &str = "106540352249999";

/// The fixture's text message, to `number`, from `customer`.
fn inbound(number: &str, customer: &str) -> Vec<u8> {
    String::from_utf8(fixture("text-fr.json"))
        .unwrap()
        .replace(SLOW_NUMBER, number)
        .replace(CUSTOMER, customer)
        .replace(
            "wamid.HBgMMjYxMzQxMjM0NTY3FQIAEhgUM0VCMDAwMDAwMDAwMDAwMDAwMQA=",
            &format!("wamid.per-number-{number}"),
        )
        .into_bytes()
}

async fn status_to(app: &crate::helpers::TestApp, customer: &str) -> Option<String> {
    text(
        &app.db,
        &format!("SELECT status FROM outbox WHERE to_phone = '{customer}' ORDER BY id LIMIT 1"),
    )
    .await
}

#[tokio::test]
async fn a_slow_number_holds_only_its_own_messages() {
    let graph = MockServer::start().await;
    // Longer than `eventually` waits: a sender that waited for it would fail the test.
    Mock::given(method("POST"))
        .and(path(format!("/{SLOW_NUMBER}/messages")))
        .respond_with(ResponseTemplate::new(503).set_delay(Duration::from_secs(25)))
        .mount(&graph)
        .await;
    let fast = FakeSend::ok();
    Mock::given(method("POST"))
        .and(path(format!("/{FAST_NUMBER}/messages")))
        .respond_with(fast.clone())
        .mount(&graph)
        .await;
    let base = graph.uri();
    let app = spawn_app_with(move |s| {
        s.whatsapp.graph_api_base = base;
        s.whatsapp.pair_interval_ms = 0;
    })
    .await;
    shop_with_number(&app.db, "meta", SLOW_NUMBER).await;
    shop_with_number(&app.db, "meta", FAST_NUMBER).await;
    let (to_slow, to_fast) = ("261340000021", "261340000022");
    post_signed(&app, &inbound(SLOW_NUMBER, to_slow)).await;
    // The first reply also waits for the assistant's classifier to train (slow in a
    // debug build on a busy box): a longer wait than `eventually`'s.
    let until = tokio::time::Instant::now() + Duration::from_secs(90);
    while status_to(&app, to_slow).await.as_deref() != Some("sending") {
        assert!(
            tokio::time::Instant::now() < until,
            "the slow number's send never started"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    post_signed(&app, &inbound(FAST_NUMBER, to_fast)).await;
    eventually("the other number's reply to go out", || async {
        (status_to(&app, to_fast).await.as_deref() == Some("sent")).then_some(())
    })
    .await;
    assert_eq!(fast.accepted(), 1);
    assert_eq!(status_to(&app, to_slow).await.as_deref(), Some("sending"));
}
