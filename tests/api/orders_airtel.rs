//! Airtel Money collection against a local fake shaped like Airtel Africa's Open API
//! (the JSON token call, the USSD push with X-Country / X-Currency, the transaction
//! enquiry, the callback): a customer on a 033 number who asks to pay by Airtel gets
//! the push through the `payment_request` job and is told to confirm with their code;
//! the callback is checked back with the enquiry and pays once; polling alone pays
//! too; a customer without an Airtel number is asked for one.

use crate::assistant_eval::{epicerie, say};
use crate::helpers::TestApp;
use crate::orders_chat::{only_order, order_to_pay, with_number};
use crate::orders_mvola::count;
use crate::orders_pay_request::queued;
use crate::quotes_devis::set;
use serde_json::{json, Value};
use std::time::Duration;
use varotra::assistant::Assistant;
use varotra::db::{ConversationId, ShopId};
use varotra::kinds::{OrderStatus, PaidBy};
use varotra::payments::{airtel, poll_pending, Reconciled, Tokens};
use wiremock::matchers::{body_json, body_partial_json, header, method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PAY: &str = "/merchant/v1/payments/";
const MONEY_ID: &str = "MP261202.1015.B00042";

async fn fake_airtel(app: &TestApp, shop: ShopId) -> MockServer {
    let server = MockServer::start().await;
    for (k, v) in [
        ("airtel.client_id", "am-client"),
        ("airtel.client_secret", "am-secret"),
        ("airtel.base_url", server.uri().as_str()),
    ] {
        set(app, shop, k, v).await;
    }
    Mock::given(method("POST"))
        .and(path("/auth/oauth2/token"))
        .and(body_json(json!({
            "client_id": "am-client", "client_secret": "am-secret",
            "grant_type": "client_credentials"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "am-tok", "expires_in": "180", "token_type": "bearer"
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(PAY))
        .and(header("authorization", "Bearer am-tok"))
        .and(header("x-country", "MG"))
        .and(header("x-currency", "MGA"))
        .and(body_partial_json(json!({
            "subscriber": {"country": "MG", "currency": "MGA", "msisdn": "331112266"},
            "transaction": {"amount": 22800, "country": "MG", "currency": "MGA"}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"transaction": {"id": "accepted", "status": "Success."}},
            "status": {"code": "200", "message": "Success.", "result_code": "ESB000010",
                       "response_code": "DP00800001006", "success": true}
        })))
        .mount(&server)
        .await;
    server
}

/// The enquiry answers `code` (TS, TF, TIP...), `times` times or for good.
async fn enquiry_says(server: &MockServer, code: &str, times: Option<u64>) {
    let mock = Mock::given(method("GET"))
        .and(path_regex(r"^/standard/v1/payments/[A-Za-z0-9]+$"))
        .and(header("authorization", "Bearer am-tok"))
        .and(header("x-country", "MG"))
        .and(header("x-currency", "MGA"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"transaction": {
                "airtel_money_id": if code == "TS" { MONEY_ID } else { "" },
                "id": "ignored", "message": "enquiry", "status": code
            }},
            "status": {"code": "200", "message": "SUCCESS", "result_code": "ESB000010",
                       "response_code": "DP00800001001", "success": true}
        })));
    match times {
        Some(n) => mock.up_to_n_times(n).mount(server).await,
        None => mock.mount(server).await,
    }
}

/// The push requests Airtel received, waiting for the job up to 10 s.
async fn pushes(server: &MockServer) -> Vec<Value> {
    for _ in 0..100 {
        let got: Vec<Value> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .filter(|r| r.method.as_str() == "POST" && r.url.path() == PAY)
            .map(|r| serde_json::from_slice(&r.body).unwrap())
            .collect();
        if !got.is_empty() {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Vec::new()
}

async fn tell(app: &TestApp, shop: ShopId, conv: ConversationId, text: &'static str) -> String {
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || {
        say(
            &Assistant::without_model(),
            &db,
            None,
            shop,
            conv,
            text,
            None,
        )
        .0
        .reply
    })
    .await
    .unwrap()
}

async fn callback(app: &TestApp, id: &str, code: &str) -> (u16, Value) {
    let res = app
        .client
        .post(app.url("/payments/airtel/callback"))
        .json(&json!({"transaction": {
            "id": id, "message": "Paid MGA 22,800", "status_code": code,
            "airtel_money_id": MONEY_ID
        }}))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

#[tokio::test]
async fn a_customer_asking_for_airtel_gets_the_push_and_the_checked_callback_pays_once() {
    let (app, shop) = epicerie().await;
    let server = fake_airtel(&app, shop).await;
    with_number(&app, shop).await;
    let conv = order_to_pay(&app, shop, "261331112266").await;
    let reply = tell(&app, shop, conv, "Airtel Money azafady").await;
    assert!(reply.contains("0331112266"), "{reply}");
    let sent = pushes(&server).await;
    assert_eq!(sent.len(), 1, "one push");
    let number = only_order(&app, shop).await.number;
    assert_eq!(sent[0]["reference"], number.as_str());
    let id = sent[0]["transaction"]["id"].as_str().unwrap().to_string();
    assert!(id.chars().all(|c| c.is_ascii_alphanumeric()), "{id}");

    // The customer is told to confirm on their phone, in their language.
    let waiting = "SELECT count(*) FROM order_events WHERE note LIKE 'demande Airtel Money envoyée au 0331112266'";
    for _ in 0..50 {
        if count(&app, waiting).await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count(&app, waiting).await, 1);
    let texts = queued(&app, shop).await;
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Airtel Money") && t.contains("0331112266")),
        "{texts:?}"
    );

    // A forged "TS" while Airtel still says in progress changes nothing.
    enquiry_says(&server, "TIP", Some(1)).await;
    let (status, body) = callback(&app, &id, "TS").await;
    assert_eq!((status, body["result"].as_str()), (200, Some("Pending")));
    assert_eq!(only_order(&app, shop).await.status, OrderStatus::ToPay);

    enquiry_says(&server, "TS", None).await;
    let (_, body) = callback(&app, &id, "TS").await;
    assert_eq!(body["result"], "Paid");
    let paid = only_order(&app, shop).await;
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(paid.paid_by, Some(PaidBy::AirtelMoney));
    assert_eq!(paid.paid_ref.as_deref(), Some(MONEY_ID));

    let (_, body) = callback(&app, &id, "TS").await;
    assert_eq!(body["result"], "AlreadySettled");
    let (_, body) = callback(&app, &id, "TF").await;
    assert_eq!(body["result"], "AlreadySettled");
    let (_, body) = callback(&app, "NOBODY42", "TS").await;
    assert_eq!(body["result"], "Unknown");
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
async fn polling_alone_marks_an_airtel_payment_paid_once() {
    let (app, shop) = epicerie().await;
    let server = fake_airtel(&app, shop).await;
    with_number(&app, shop).await;
    order_to_pay(&app, shop, "261331112266").await;
    let order = only_order(&app, shop).await;
    let (http, tokens) = (reqwest::Client::new(), Tokens::default());
    let number = airtel::request(&app.db, &http, &tokens, shop, order.id, None)
        .await
        .unwrap();
    assert_eq!(number, "0331112266");
    enquiry_says(&server, "TIP", Some(1)).await;
    enquiry_says(&server, "TS", None).await;
    let poll = || poll_pending(&app.db, &http, &tokens, chrono::Duration::zero());
    assert_eq!(poll().await.unwrap(), vec![Reconciled::Pending]);
    assert_eq!(poll().await.unwrap(), vec![Reconciled::Paid]);
    assert_eq!(poll().await.unwrap(), vec![]);
    let paid = only_order(&app, shop).await;
    assert_eq!(
        (paid.status, paid.paid_ref.as_deref()),
        (OrderStatus::Paid, Some(MONEY_ID))
    );
    let tokens_asked = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/auth/oauth2/token")
        .count();
    assert_eq!(tokens_asked, 1, "the token is reused");
}

#[tokio::test]
async fn a_customer_naming_airtel_from_another_operator_is_asked_for_an_airtel_number() {
    let (app, shop) = epicerie().await;
    let server = fake_airtel(&app, shop).await;
    with_number(&app, shop).await;
    let conv = order_to_pay(&app, shop, "261341112266").await;
    let reply = tell(&app, shop, conv, "je paie par airtel money").await;
    assert!(
        reply.contains("quel est votre numéro Airtel Money (033)"),
        "{reply}"
    );
    let reply = tell(&app, shop, conv, "033 11 122 66").await;
    assert!(reply.contains("0331112266"), "{reply}");
    let sent = pushes(&server).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["subscriber"]["msisdn"], "331112266");
}
