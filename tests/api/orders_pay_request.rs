//! Starting a payment and sending the facture from the admin and the chat: "Demander
//! le paiement" sends an MVola merchant-pay request on the customer's 034 number (one
//! OAuth token for the request and the status checks that follow), an operator left
//! unconfigured gets the manual instructions, and "Envoyer la facture" queues the
//! facture PDF as a document in the customer's chat.

use crate::assistant_eval::epicerie;
use crate::helpers::{extract_csrf, TestApp, PASSWORD};
use crate::orders_chat::{only_order, order_to_pay, with_number};
use crate::orders_mvola::{count, fake_mvola, status_says};
use serde_json::{json, Value};
use varotra::db::accounts::Role;
use varotra::db::ShopId;
use varotra::kinds::OrderStatus;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PAY: &str = "/mvola/mm/transactions/type/merchantpay/1.0.0/";

async fn calls(server: &MockServer, method: &str, path: &str) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.method.as_str() == method && r.url.path() == path)
        .count()
}

/// The texts and documents queued to the conversation's customer, oldest first.
pub(crate) async fn queued(app: &TestApp, shop: ShopId) -> Vec<String> {
    app.db
        .read(move |c| {
            let mut s = c.prepare(
                "SELECT coalesce(m.body, '') || ' ' || coalesce(m.payload, '') FROM outbox o
                 JOIN messages m ON m.id = o.message_id WHERE o.shop_id = ?1 ORDER BY o.id",
            )?;
            let rows = s
                .query_map([shop], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(rows)
        })
        .await
        .unwrap()
}

/// An order to pay from `phone`, the owner logged in on its page: (path, csrf).
async fn order_page(app: &TestApp, shop: ShopId, phone: &'static str) -> (String, String) {
    with_number(app, shop).await;
    order_to_pay(app, shop, phone).await;
    let order = only_order(app, shop).await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    let path = format!("/admin/commandes/{}", order.id);
    let html = app.page(&path, 200).await;
    assert!(html.contains("Demander le paiement"), "{html}");
    (path.clone(), extract_csrf(&html).unwrap())
}

async fn post(app: &TestApp, url: &str, csrf: &str) -> u16 {
    app.client
        .post(app.url(url))
        .form(&[("csrf", csrf)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn the_request_button_asks_mvola_on_the_customers_number_with_one_token_for_all_calls() {
    let (app, shop) = epicerie().await;
    let server = fake_mvola(&app, shop).await;
    // The admin's request names the configured public URL as MVola's callback.
    let callback = format!("{}/payments/mvola/callback", app.settings.server.public_url);
    Mock::given(method("POST"))
        .and(path(PAY))
        .and(header("authorization", "Bearer tok-abc"))
        .and(header("x-callback-url", callback.as_str()))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({
            "status": "pending", "serverCorrelationId": "corr-7f3a", "notificationMethod": "callback"
        })))
        .mount(&server)
        .await;
    let (path, csrf) = order_page(&app, shop, "261341112266").await;

    assert_eq!(post(&app, &format!("{path}/paiement"), "forged").await, 403);
    assert_eq!(calls(&server, "POST", PAY).await, 0);
    assert_eq!(post(&app, &format!("{path}/paiement"), &csrf).await, 303);
    assert_eq!(
        calls(&server, "POST", PAY).await,
        1,
        "one merchant-pay request"
    );
    let html = app.page(&path, 200).await;
    assert!(
        html.contains("demande MVola envoyée au 0341112266"),
        "{html}"
    );
    let texts = queued(&app, shop).await;
    assert!(
        texts
            .iter()
            .any(|t| t.contains("code secret") && t.contains("0341112266")),
        "{texts:?}"
    );

    // MVola's callback is checked back with a status call that reuses the token.
    status_says(&server, "completed", None).await;
    let res = app
        .client
        .put(app.url("/payments/mvola/callback"))
        .json(&json!({"serverCorrelationId": "corr-7f3a", "transactionStatus": "completed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["result"], "Paid");
    assert_eq!(
        calls(&server, "GET", &format!("{PAY}status/corr-7f3a")).await,
        1
    );
    assert_eq!(
        calls(&server, "POST", "/token").await,
        1,
        "the token is cached"
    );
    assert_eq!(only_order(&app, shop).await.status, OrderStatus::Paid);

    // A paid order asks for nothing more: a clear French refusal.
    let res = app
        .client
        .post(app.url(&format!("{path}/paiement")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("pas à payer"));
    assert_eq!(calls(&server, "POST", PAY).await, 1);
}

#[tokio::test]
async fn an_unconfigured_operator_gets_the_manual_payment_text_with_the_devis_reference() {
    let (app, shop) = epicerie().await;
    // MVola is configured, but the customer's 032 number is Orange's, which is not.
    let server = fake_mvola(&app, shop).await;
    let (path, csrf) = order_page(&app, shop, "261321112266").await;
    let before = queued(&app, shop).await.len();
    assert_eq!(post(&app, &format!("{path}/paiement"), &csrf).await, 303);
    assert!(server.received_requests().await.unwrap().is_empty());
    let texts = queued(&app, shop).await;
    assert_eq!(texts.len(), before + 1, "{texts:?}");
    let order = only_order(&app, shop).await;
    let last = texts.last().unwrap();
    assert!(
        last.contains(&format!("Référence : {}", order.number)) && last.contains("Orange Money"),
        "{last}"
    );
    let html = app.page(&path, 200).await;
    assert!(
        html.contains("instructions de paiement manuel envoyées"),
        "{html}"
    );
}

#[tokio::test]
async fn the_invoice_button_sends_the_facture_pdf_in_the_chat() {
    let (app, shop) = epicerie().await;
    let (path, csrf) = order_page(&app, shop, "261341112277").await;
    let html = app.page(&path, 200).await;
    assert!(
        !html.contains("Envoyer la facture"),
        "no facture before payment"
    );
    let res = app
        .client
        .post(app.url(&format!("{path}/etape")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("to", "paye"),
            ("paid_by", "especes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = app.page(&path, 200).await;
    assert!(html.contains("Envoyer la facture"), "{html}");
    assert_eq!(post(&app, &format!("{path}/facture"), &csrf).await, 303);
    let invoice = only_order(&app, shop).await.invoice_number.unwrap();
    let texts = queued(&app, shop).await;
    assert!(
        texts.last().unwrap().contains(&format!("{invoice}.pdf")),
        "{texts:?}"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM orders WHERE invoice_pdf IS NOT NULL"
        )
        .await,
        1
    );
}
