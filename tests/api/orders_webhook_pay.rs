//! Paying, end to end through the real webhook, reply worker, jobs and outbox, with a
//! fake Graph API: a customer who writes "je paie par orange money" receives a
//! WhatsApp CTA-URL button to the Orange fake's payment page; a screenshot sent while
//! an order is to pay is answered "bien reçu" and shows on the order for the owner.

use crate::assistant_eval::epicerie_on;
use crate::helpers::{spawn_app_with, TestApp, PASSWORD};
use crate::orders_chat::{only_order, order_to_pay};
use crate::orders_orange::{fake_orange, webpayment, PAYMENT_URL};
use crate::whatsapp_outbound::mount_messages;
use crate::whatsapp_support::{
    count, eventually, post_signed, FakeSend, CUSTOMER, META_TOKEN, PHONE_NUMBER_ID,
};
use serde_json::{json, Value};
use varotra::db::accounts::Role;
use varotra::db::ShopId;
use varotra::kinds::OrderStatus;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PHOTO: &str = "1003383421387256";

/// The epicerie on an app whose Graph API is `graph`, its Meta number the one the
/// webhook fixtures name.
async fn shop_on(graph: &MockServer) -> (TestApp, ShopId) {
    let base = graph.uri();
    let app = spawn_app_with(move |s| {
        s.whatsapp.graph_api_base = base;
        s.whatsapp.pair_interval_ms = 0;
    })
    .await;
    let (app, shop) = epicerie_on(app).await;
    app.db
        .write(move |c| {
            c.execute(
                "INSERT INTO whatsapp_accounts (shop_id, wa_number, provider, webhook_token, phone_number_id, token)
                 VALUES (?1, '261320000001', 'meta', 'hook-pay', ?2, ?3)",
                rusqlite::params![shop, PHONE_NUMBER_ID, META_TOKEN],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    (app, shop)
}

/// A Meta delivery of one customer message (`message` holds its type and content),
/// stamped now so it opens the 24-hour window.
fn inbound(wamid: &str, message: Value) -> Vec<u8> {
    let mut m = json!({
        "from": CUSTOMER, "id": wamid,
        "timestamp": chrono::Utc::now().timestamp().to_string()
    });
    for (k, v) in message.as_object().unwrap() {
        m[k] = v.clone();
    }
    serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "261320000001", "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": "Rasoa Be"}, "wa_id": CUSTOMER}],
            "messages": [m]
        }}]}]
    }))
    .unwrap()
}

/// The first message body the Graph API received that `pick` accepts.
async fn sent(graph: &MockServer, what: &str, pick: impl Fn(&Value) -> bool) -> Value {
    eventually(what, || async {
        graph
            .received_requests()
            .await
            .unwrap()
            .iter()
            .filter(|r| r.url.path() == format!("/{PHONE_NUMBER_ID}/messages"))
            .filter_map(|r| serde_json::from_slice::<Value>(&r.body).ok())
            .find(|b| pick(b))
    })
    .await
}

#[tokio::test]
async fn a_customer_paying_by_orange_money_gets_a_pay_now_button_to_orange_s_page() {
    let graph = MockServer::start().await;
    mount_messages(&graph, &FakeSend::ok()).await;
    let (app, shop) = shop_on(&graph).await;
    let orange = fake_orange(&app, shop).await;
    order_to_pay(&app, shop, CUSTOMER).await;
    let order = only_order(&app, shop).await;

    let text_msg = json!({"type": "text", "text": {"body": "je paie par orange money"}});
    let res = post_signed(&app, &inbound("wamid.pay-om-1", text_msg)).await;
    assert_eq!(res.status(), 200);

    let cta = sent(&graph, "the CTA-URL message", |b| {
        b["interactive"]["type"] == "cta_url"
    })
    .await;
    assert_eq!(cta["to"], CUSTOMER);
    assert_eq!(cta["type"], "interactive");
    let action = &cta["interactive"]["action"];
    assert_eq!(action["name"], "cta_url");
    assert_eq!(action["parameters"]["url"], PAYMENT_URL);
    assert_eq!(action["parameters"]["display_text"], "Payer maintenant");
    let body = cta["interactive"]["body"]["text"].as_str().unwrap();
    assert!(
        body.contains(&order.number) && body.contains("Orange Money"),
        "{body}"
    );
    // The bot's own reply went first, in French like the customer.
    let reply = sent(&graph, "the bot's reply", |b| {
        b["text"]["body"]
            .as_str()
            .is_some_and(|t| t.contains("lien de paiement Orange Money"))
    })
    .await;
    assert_eq!(reply["to"], CUSTOMER);

    let webpay = webpayment(&orange).await.expect("one web payment");
    assert_eq!(webpay["reference"], order.number.as_str());
    assert_eq!(
        webpay["notif_url"],
        format!(
            "{}/payments/orange/notification/{}",
            app.settings.server.public_url,
            webpay["order_id"].as_str().unwrap()
        )
    );
    assert_eq!(
        only_order(&app, shop).await.status,
        OrderStatus::ToPay,
        "nothing is paid until Orange says so"
    );
}

#[tokio::test]
async fn a_screenshot_through_the_webhook_is_acknowledged_and_shown_on_the_order() {
    let graph = MockServer::start().await;
    mount_messages(&graph, &FakeSend::ok()).await;
    Mock::given(method("GET"))
        .and(path(format!("/{PHOTO}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messaging_product": "whatsapp", "url": format!("{}/cdn/{PHOTO}", graph.uri()),
            "mime_type": "image/jpeg", "sha256": "HgsQd0tJmXbF0H1xvH5t2wRkq1Qj3x8xGqWzZ5Cz0dM=",
            "id": PHOTO
        })))
        .mount(&graph)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/cdn/{PHOTO}")))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"\xFF\xD8 capture MVola".to_vec()))
        .mount(&graph)
        .await;
    let (app, shop) = shop_on(&graph).await;
    let conv = order_to_pay(&app, shop, CUSTOMER).await;
    let order = only_order(&app, shop).await;

    let image = json!({"type": "image", "image": {
        "mime_type": "image/jpeg", "sha256": "HgsQd0tJmXbF0H1xvH5t2wRkq1Qj3x8xGqWzZ5Cz0dM=", "id": PHOTO
    }});
    let res = post_signed(&app, &inbound("wamid.pay-shot-1", image)).await;
    assert_eq!(res.status(), 200);

    let ack = sent(&graph, "the acknowledgement", |b| {
        b["text"]["body"]
            .as_str()
            .is_some_and(|t| t.contains("Bien reçu"))
    })
    .await;
    assert_eq!(ack["to"], CUSTOMER);
    assert!(
        ack["text"]["body"]
            .as_str()
            .unwrap()
            .contains(&order.number),
        "{ack}"
    );

    let image_id = count(&app.db, "SELECT id FROM messages WHERE kind = 'image'").await;
    let claimed = eventually("the claim on the order", || async {
        only_order(&app, shop).await.claimed_message_id
    })
    .await;
    assert_eq!(claimed, image_id, "the claim names the customer's picture");
    let order = only_order(&app, shop).await;
    assert_eq!(order.status, OrderStatus::ToPay, "the owner confirms it");

    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    let html = app
        .page(&format!("/admin/commandes/{}", order.id), 200)
        .await;
    let img = format!("/admin/conversations/{}/media/{claimed}", conv.0);
    assert!(
        html.contains(&img) && html.contains("Paiement reçu"),
        "{html}"
    );
}
