//! MVola merchant pay against a local fake shaped like MVola's API 1.0.0 (token,
//! merchantpay request with its headers, status resource, PUT callback): the order is
//! paid exactly once whether the callback or the polling fallback says so; a repeated,
//! late, unknown or forged callback changes nothing; invoice numbers are continuous.

use crate::assistant_eval::epicerie;
use crate::helpers::TestApp;
use crate::orders_chat::{only_order, order_to_pay, with_number};
use crate::quotes_devis::set;
use serde_json::{json, Value};
use varotra::db::ShopId;
use varotra::kinds::OrderStatus;
use varotra::payments::{mvola, poll_pending, Reconciled, Tokens};
use wiremock::matchers::{
    body_partial_json, body_string_contains, header, header_exists, method, path,
};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PAY: &str = "/mvola/mm/transactions/type/merchantpay/1.0.0/";

pub(crate) async fn fake_mvola(app: &TestApp, shop: ShopId) -> MockServer {
    let server = MockServer::start().await;
    for (k, v) in [
        ("mvola.consumer_key", "key-123"),
        ("mvola.consumer_secret", "secret-456"),
        ("mvola.merchant_number", "034 12 345 67"),
        ("mvola.partner_name", "Epicerie Rivo"),
        ("mvola.base_url", server.uri().as_str()),
    ] {
        set(app, shop, k, v).await;
    }
    Mock::given(method("POST"))
        .and(path("/token"))
        // Basic base64("key-123:secret-456").
        .and(header("authorization", "Basic a2V5LTEyMzpzZWNyZXQtNDU2"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("scope=EXT_INT_MVOLA_SCOPE"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "tok-abc", "scope": "EXT_INT_MVOLA_SCOPE",
            "token_type": "Bearer", "expires_in": 3600
        })))
        .mount(&server)
        .await;
    let callback = format!("{}/payments/mvola/callback", app.address);
    Mock::given(method("POST"))
        .and(path(PAY))
        .and(header("authorization", "Bearer tok-abc"))
        .and(header("version", "1.0"))
        .and(header_exists("x-correlationid"))
        .and(header("userlanguage", "FR"))
        .and(header("useraccountidentifier", "msisdn;0341234567"))
        .and(header("partnername", "Epicerie Rivo"))
        .and(header("x-callback-url", callback.as_str()))
        .and(body_partial_json(json!({
            "amount": "22800", "currency": "Ar",
            "debitParty": [{"key": "msisdn", "value": "0341112266"}],
            "creditParty": [{"key": "msisdn", "value": "0341234567"}]
        })))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({
            "status": "pending", "serverCorrelationId": "corr-7f3a", "notificationMethod": "callback"
        })))
        .mount(&server)
        .await;
    server
}

pub(crate) async fn status_says(server: &MockServer, status: &str, times: Option<u64>) {
    let mock = Mock::given(method("GET"))
        .and(path(format!("{PAY}status/corr-7f3a")))
        .and(header("version", "1.0"))
        .and(header("useraccountidentifier", "msisdn;0341234567"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": status, "serverCorrelationId": "corr-7f3a",
            "notificationMethod": "callback", "objectReference": if status == "completed" { "636042511" } else { "" }
        })));
    match times {
        Some(n) => mock.up_to_n_times(n).mount(server).await,
        None => mock.mount(server).await,
    }
}

/// An order to pay from the customer 0341112266, and its MVola request made.
async fn requested(app: &TestApp, shop: ShopId) -> varotra::db::OrderId {
    with_number(app, shop).await;
    order_to_pay(app, shop, "261341112266").await;
    let order = only_order(app, shop).await;
    let id = mvola::request(
        &app.db,
        &reqwest::Client::new(),
        &Tokens::default(),
        shop,
        order.id,
        None,
        &app.address,
    )
    .await
    .unwrap();
    assert_eq!(id, "corr-7f3a");
    order.id
}

async fn callback(app: &TestApp, body: Value) -> (u16, Value) {
    let res = app
        .client
        .put(app.url("/payments/mvola/callback"))
        .json(&body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

pub(crate) async fn count(app: &TestApp, sql: &'static str) -> i64 {
    app.db
        .read(move |c| Ok(c.query_row(sql, [], |r| r.get(0))?))
        .await
        .unwrap()
}

fn completed() -> Value {
    json!({
        "transactionStatus": "completed", "serverCorrelationId": "corr-7f3a",
        "transactionReference": "636042511", "requestDate": "2026-12-02T10:15:00.000Z",
        "debitParty": [{"key": "msisdn", "value": "0341112266"}],
        "creditParty": [{"key": "msisdn", "value": "0341234567"}],
        "fees": [{"feeAmount": "0"}],
        "metadata": [{"key": "partnerName", "value": "Epicerie Rivo"}]
    })
}

#[tokio::test]
async fn a_callback_marks_the_order_paid_once_and_repeated_or_late_ones_change_nothing() {
    let (app, shop) = epicerie().await;
    let server = fake_mvola(&app, shop).await;
    let id = requested(&app, shop).await;

    // A forged "completed" while MVola still says pending changes nothing.
    status_says(&server, "pending", Some(1)).await;
    let (status, body) = callback(&app, completed()).await;
    assert_eq!((status, body["result"].as_str()), (200, Some("Pending")));
    assert_eq!(only_order(&app, shop).await.status, OrderStatus::ToPay);

    status_says(&server, "completed", None).await;
    let (status, body) = callback(&app, completed()).await;
    assert_eq!((status, body["result"].as_str()), (200, Some("Paid")));
    let paid = only_order(&app, shop).await;
    assert_eq!(paid.id, id);
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(paid.paid_ref.as_deref(), Some("636042511"));
    assert!(
        paid.invoice_number.as_deref().unwrap().ends_with("-0001"),
        "{paid:?}"
    );

    // The same callback again, then a late "failed" one: nothing moves.
    let (_, body) = callback(&app, completed()).await;
    assert_eq!(body["result"], "AlreadySettled");
    let mut late = completed();
    late["transactionStatus"] = json!("failed");
    let (_, body) = callback(&app, late).await;
    assert_eq!(body["result"], "AlreadySettled");
    let (_, body) = callback(
        &app,
        json!({"serverCorrelationId": "nobody", "transactionStatus": "completed"}),
    )
    .await;
    assert_eq!(body["result"], "Unknown");
    let (status, _) = callback(&app, json!({"transactionStatus": "completed"})).await;
    assert_eq!(status, 400, "a callback naming no request");

    assert_eq!(only_order(&app, shop).await.status, OrderStatus::Paid);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM order_events WHERE status = 'paye'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE purpose = 'order_update'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "SELECT last_seq FROM invoice_counters").await,
        1
    );
    let (shelf, _) = crate::orders_chat::stock(&app, shop, "HUILE-1L").await;
    assert_eq!(shelf, 78, "the stock left the shelf once");
}

#[tokio::test]
async fn polling_alone_marks_the_order_paid_once_when_no_callback_comes() {
    let (app, shop) = epicerie().await;
    let server = fake_mvola(&app, shop).await;
    requested(&app, shop).await;
    status_says(&server, "pending", Some(1)).await;
    status_says(&server, "completed", None).await;
    let http = reqwest::Client::new();
    let tokens = Tokens::default();
    let poll = || poll_pending(&app.db, &http, &tokens, chrono::Duration::zero());
    assert_eq!(poll().await.unwrap(), vec![Reconciled::Pending]);
    assert_eq!(only_order(&app, shop).await.status, OrderStatus::ToPay);
    assert_eq!(poll().await.unwrap(), vec![Reconciled::Paid]);
    assert_eq!(poll().await.unwrap(), vec![], "nothing pending any more");
    let paid = only_order(&app, shop).await;
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(paid.paid_ref.as_deref(), Some("636042511"));
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM order_events WHERE status = 'paye'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_customer_without_an_mvola_number_is_asked_for_one_and_no_request_leaves() {
    let (app, shop) = epicerie().await;
    let server = fake_mvola(&app, shop).await;
    with_number(&app, shop).await;
    order_to_pay(&app, shop, "261321112266").await;
    let order = only_order(&app, shop).await;
    let http = reqwest::Client::new();
    let err = mvola::request(
        &app.db,
        &http,
        &Tokens::default(),
        shop,
        order.id,
        None,
        &app.address,
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("034 ou 038"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
