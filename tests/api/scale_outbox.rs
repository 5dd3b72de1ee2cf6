//! Sends per number (issue 22): a number whose provider is slow holds only its own
//! messages; another number's replies go out meanwhile.
//! A flooded shop's backlog does not hide another shop's reply either.

use crate::helpers::spawn_app_with;
use crate::whatsapp_support::*;
use std::time::Duration;
use varotra::db::ShopId;
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

/// The app sending to `graph` with no pair interval, at most `per_shop` a second per
/// shop when given.
async fn app_sending_to(graph: &MockServer, per_shop: Option<u64>) -> crate::helpers::TestApp {
    let base = graph.uri();
    spawn_app_with(move |s| {
        s.whatsapp.graph_api_base = base;
        s.whatsapp.pair_interval_ms = 0;
        if let Some(n) = per_shop {
            s.whatsapp.shop_messages_per_second = n;
        }
    })
    .await
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
    let app = app_sending_to(&graph, None).await;
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

/// Queues one text to each of `customers` of `shop`, from its number.
async fn queue_texts(app: &crate::helpers::TestApp, shop: ShopId, customers: Vec<String>) {
    app.db
        .write(move |c| {
            let tx = c.transaction()?;
            let account: i64 = tx.query_row(
                "SELECT id FROM whatsapp_accounts WHERE shop_id = ?1",
                [shop],
                |r| r.get(0),
            )?;
            for phone in &customers {
                let conv = varotra::db::conversations::upsert_inbound(
                    &tx,
                    shop,
                    account,
                    phone,
                    Some(phone),
                    None,
                )?;
                let msg =
                    varotra::whatsapp::OutgoingMessage::text("Le riz est à 3 200 Ar le kilo.");
                varotra::db::outbox::enqueue(&tx, shop, conv, &msg, "bot")?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn a_flooded_shops_backlog_does_not_hide_another_shops_reply() {
    let graph = MockServer::start().await;
    let sends = FakeSend::ok();
    Mock::given(method("POST"))
        .respond_with(sends.clone())
        .mount(&graph)
        .await;
    let app = app_sending_to(&graph, Some(2)).await;
    let (flooded, _) = shop_with_number(&app.db, "meta", SLOW_NUMBER).await;
    let (quiet, _) = shop_with_number(&app.db, "meta", FAST_NUMBER).await;
    // More rows than the sender looks at in one round (256), all older than the quiet
    // shop's: at 2 a second, draining them first would take five minutes.
    let flood: Vec<String> = (0..600).map(|i| format!("2613400{i:05}")).collect();
    queue_texts(&app, flooded, flood).await;
    let quiet_customer = "261349999999";
    queue_texts(&app, quiet, vec![quiet_customer.to_string()]).await;
    let started = tokio::time::Instant::now();
    eventually("the quiet shop's reply to go out", || async {
        (status_to(&app, quiet_customer).await.as_deref() == Some("sent")).then_some(())
    })
    .await;
    let waited = started.elapsed().as_secs() as i64;
    let flooded_sent = text(
        &app.db,
        &format!("SELECT CAST(count(*) AS TEXT) FROM outbox WHERE shop_id = {flooded} AND status = 'sent'"),
    )
    .await
    .and_then(|n| n.parse::<i64>().ok())
    .unwrap_or(-1);
    assert!(
        (0..=2 * (waited + 2)).contains(&flooded_sent),
        "the flooded shop keeps its cap of 2 a second: {flooded_sent} sent in {waited} s"
    );
}
