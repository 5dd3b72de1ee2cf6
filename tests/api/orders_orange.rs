//! Orange Money web payment against a local fake shaped like Orange's WebPay API (the
//! token with Basic auth at /oauth/v3/token, webpayment, transactionstatus, and the
//! notification Orange POSTs to notif_url): a SUCCESS notification pays the order
//! exactly once, duplicate and late ones change nothing, FAILED leaves it to pay, a
//! wrong notif_token is refused with a JSON 403 and changes nothing, and polling
//! alone pays it when no notification comes.

use crate::assistant_eval::epicerie;
use crate::helpers::TestApp;
use crate::orders_chat::{only_order, order_to_pay, with_number};
use crate::orders_mvola::count;
use crate::quotes_devis::set;
use serde_json::{json, Value};
use varotra::db::ShopId;
use varotra::kinds::{OrderStatus, PaidBy};
use varotra::payments::{orange, poll_pending, Reconciled, Tokens};
use wiremock::matchers::{body_partial_json, body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub(crate) const WEBPAY: &str = "/orange-money-webpay/dev/v1";
pub(crate) const PAYMENT_URL: &str =
    "https://webpayment-ow-sb.orange-money.com/payment/pay_token/pt-9f2c";
const NOTIF_TOKEN: &str = "nt-5c1e0b7a";
const TXNID: &str = "MP261202.1015.A00073";

/// Orange set up for the shop (the sandbox's country `dev` and currency `OUV`), its
/// fake answering the token and the web payment as Orange documents them.
pub(crate) async fn fake_orange(app: &TestApp, shop: ShopId) -> MockServer {
    let server = MockServer::start().await;
    for (k, v) in [
        ("orange.client_id", "om-client"),
        ("orange.client_secret", "om-secret"),
        ("orange.merchant_key", "mk-42af"),
        ("orange.base_url", server.uri().as_str()),
        ("orange.country", "dev"),
        ("orange.currency", "OUV"),
    ] {
        set(app, shop, k, v).await;
    }
    Mock::given(method("POST"))
        .and(path("/oauth/v3/token"))
        // Basic base64("om-client:om-secret").
        .and(header(
            "authorization",
            "Basic b20tY2xpZW50Om9tLXNlY3JldA==",
        ))
        .and(body_string_contains("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "access_token": "om-tok", "expires_in": 7776000
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{WEBPAY}/webpayment")))
        .and(header("authorization", "Bearer om-tok"))
        .and(body_partial_json(json!({
            "merchant_key": "mk-42af", "currency": "OUV", "amount": 22800, "lang": "fr"
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "status": 201, "message": "OK", "pay_token": "pt-9f2c",
            "payment_url": PAYMENT_URL, "notif_token": NOTIF_TOKEN
        })))
        .mount(&server)
        .await;
    server
}

/// The JSON body of the web payment the fake received.
pub(crate) async fn webpayment(server: &MockServer) -> Option<Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .find(|r| r.url.path() == format!("{WEBPAY}/webpayment"))
        .map(|r| serde_json::from_slice(&r.body).unwrap())
}

/// An order to pay from an Orange customer, its web payment created: our order_id.
async fn requested(app: &TestApp, shop: ShopId) -> String {
    with_number(app, shop).await;
    order_to_pay(app, shop, "261321112266").await;
    let order = only_order(app, shop).await;
    let url = orange::request(
        &app.db,
        &reqwest::Client::new(),
        &Tokens::default(),
        shop,
        order.id,
        &app.address,
    )
    .await
    .unwrap();
    assert_eq!(url, PAYMENT_URL);
    app.db
        .read(|c| {
            Ok(c.query_row(
                "SELECT correlation_id FROM payment_requests WHERE provider = 'orange_money'",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap()
}

async fn notify(app: &TestApp, order_id: &str, status: &str, token: &str) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(&format!("/payments/orange/notification/{order_id}")))
        .json(&json!({ "status": status, "notif_token": token, "txnid": TXNID }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

#[tokio::test]
async fn the_web_payment_names_the_order_and_a_notification_url_carrying_our_order_id() {
    let (app, shop) = epicerie().await;
    let server = fake_orange(&app, shop).await;
    let order_id = requested(&app, shop).await;
    let number = only_order(&app, shop).await.number;
    let body = webpayment(&server).await.expect("a web payment");
    assert_eq!(body["order_id"], order_id.as_str());
    assert!(order_id.starts_with(&number), "{order_id}");
    assert_eq!(body["reference"], number.as_str());
    assert_eq!(
        body["notif_url"],
        format!("{}/payments/orange/notification/{order_id}", app.address)
    );
    for url in ["return_url", "cancel_url"] {
        assert!(
            body[url].as_str().unwrap().starts_with(&app.address),
            "{body}"
        );
    }
    let back = app.page("/payments/retour", 200).await;
    assert!(back.contains("Revenez sur WhatsApp"), "{back}");
}

#[tokio::test]
async fn a_success_notification_pays_once_and_duplicate_late_or_forged_ones_change_nothing() {
    let (app, shop) = epicerie().await;
    let _server = fake_orange(&app, shop).await;
    let order_id = requested(&app, shop).await;

    let (status, body) = notify(&app, &order_id, "SUCCESS", "nt-guessed").await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["code"], "forbidden");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("notif_token"),
        "{body}"
    );
    assert_eq!(only_order(&app, shop).await.status, OrderStatus::ToPay);

    let (status, body) = notify(&app, &order_id, "SUCCESS", NOTIF_TOKEN).await;
    assert_eq!((status, body["result"].as_str()), (200, Some("Paid")));
    let paid = only_order(&app, shop).await;
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(paid.paid_by, Some(PaidBy::OrangeMoney));
    assert_eq!(paid.paid_ref.as_deref(), Some(TXNID));

    let (_, body) = notify(&app, &order_id, "SUCCESS", NOTIF_TOKEN).await;
    assert_eq!(body["result"], "AlreadySettled");
    let (_, body) = notify(&app, &order_id, "FAILED", NOTIF_TOKEN).await;
    assert_eq!(body["result"], "AlreadySettled");
    let (status, body) = notify(&app, "DEV-2026-9999-NOBODY", "SUCCESS", NOTIF_TOKEN).await;
    assert_eq!((status, body["result"].as_str()), (200, Some("Unknown")));

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
        count(&app, "SELECT last_seq FROM invoice_counters").await,
        1
    );
    let (shelf, _) = crate::orders_chat::stock(&app, shop, "HUILE-1L").await;
    assert_eq!(shelf, 78, "the stock left the shelf once");
}

#[tokio::test]
async fn a_failed_notification_leaves_the_order_to_pay_and_a_new_link_can_be_made() {
    let (app, shop) = epicerie().await;
    let _server = fake_orange(&app, shop).await;
    let order_id = requested(&app, shop).await;
    let (status, body) = notify(&app, &order_id, "FAILED", NOTIF_TOKEN).await;
    assert_eq!((status, body["result"].as_str()), (200, Some("Failed")));
    let order = only_order(&app, shop).await;
    assert_eq!(order.status, OrderStatus::ToPay);
    assert_eq!(order.paid_ref, None);
    // A SUCCESS after the failure of that same payment is late: nothing moves.
    let (_, body) = notify(&app, &order_id, "SUCCESS", NOTIF_TOKEN).await;
    assert_eq!(body["result"], "AlreadySettled");
    assert_eq!(only_order(&app, shop).await.status, OrderStatus::ToPay);

    orange::request(
        &app.db,
        &reqwest::Client::new(),
        &Tokens::default(),
        shop,
        order.id,
        &app.address,
    )
    .await
    .unwrap();
    assert_eq!(
        count(
            &app,
            "SELECT count(DISTINCT correlation_id) FROM payment_requests"
        )
        .await,
        2,
        "a fresh order_id for the second attempt"
    );
}

#[tokio::test]
async fn polling_alone_marks_an_orange_payment_paid_once() {
    let (app, shop) = epicerie().await;
    let server = fake_orange(&app, shop).await;
    let order_id = requested(&app, shop).await;
    let status = |s: &str| {
        Mock::given(method("POST"))
            .and(path(format!("{WEBPAY}/transactionstatus")))
            .and(header("authorization", "Bearer om-tok"))
            .and(body_partial_json(json!({
                "order_id": order_id, "amount": 22800, "pay_token": "pt-9f2c"
            })))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({
                "status": s, "order_id": order_id, "txnid": if s == "SUCCESS" { TXNID } else { "" }
            })))
    };
    status("INITIATED").up_to_n_times(1).mount(&server).await;
    status("SUCCESS").mount(&server).await;
    let (http, tokens) = (reqwest::Client::new(), Tokens::default());
    let poll = || poll_pending(&app.db, &http, &tokens, chrono::Duration::zero());
    assert_eq!(poll().await.unwrap(), vec![Reconciled::Pending]);
    assert_eq!(only_order(&app, shop).await.status, OrderStatus::ToPay);
    assert_eq!(poll().await.unwrap(), vec![Reconciled::Paid]);
    assert_eq!(poll().await.unwrap(), vec![], "nothing pending any more");
    let paid = only_order(&app, shop).await;
    assert_eq!(
        (paid.status, paid.paid_ref.as_deref()),
        (OrderStatus::Paid, Some(TXNID))
    );
    // The late notification of the same payment changes nothing.
    let (_, body) = notify(&app, &order_id, "SUCCESS", NOTIF_TOKEN).await;
    assert_eq!(body["result"], "AlreadySettled");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM order_events WHERE status = 'paye'"
        )
        .await,
        1
    );
}
