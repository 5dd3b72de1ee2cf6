//! Paying from the chat: the customer names MVola (in Malagasy or French) and the
//! request leaves on their number through the `payment_request` job; a customer known
//! only by a username is asked for a number and the number they send is used; an
//! operator the shop did not set up gets the manual numbers; a screenshot while an
//! order is to pay reaches the owner with the image, and without one it is not a
//! payment; "faktiora" on a paid order sends the facture PDF.

use crate::assistant_eval::{conversation, epicerie, say};
use crate::helpers::{TestApp, PASSWORD};
use crate::orders_chat::{accept_in_chat, only_order, order_to_pay, with_number};
use crate::orders_mvola::{count, fake_mvola};
use serde_json::json;
use std::time::Duration;
use varotra::assistant::{Assistant, Input, Turn};
use varotra::crypto::FileStore;
use varotra::db::accounts::Role;
use varotra::db::{ConversationId, MessageId, ShopId};
use varotra::kinds::{OrderStatus, PaidBy};
use varotra::message::OutgoingMessage;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PAY: &str = "/mvola/mm/transactions/type/merchantpay/1.0.0/";

/// MVola set up for the shop, answering the requests the job sends (its callback is
/// the configured public URL).
async fn mvola_for_jobs(app: &TestApp, shop: ShopId) -> MockServer {
    let server = fake_mvola(app, shop).await;
    let callback = format!("{}/payments/mvola/callback", app.settings.server.public_url);
    Mock::given(method("POST"))
        .and(path(PAY))
        .and(header("authorization", "Bearer tok-abc"))
        .and(header("x-callback-url", callback.as_str()))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({
            "status": "pending", "serverCorrelationId": "corr-chat", "notificationMethod": "callback"
        })))
        .mount(&server)
        .await;
    server
}

fn files(app: &TestApp) -> FileStore {
    FileStore::new(app.dir.path().join("files"), None)
}

async fn tell(
    app: &TestApp,
    shop: ShopId,
    conv: ConversationId,
    text: &'static str,
) -> (String, Vec<OutgoingMessage>) {
    let (db, files) = (app.db.clone(), files(app));
    tokio::task::spawn_blocking(move || {
        let (d, out) = say(
            &Assistant::without_model(),
            &db,
            Some(&files),
            shop,
            conv,
            text,
            None,
        );
        (d.reply, out)
    })
    .await
    .unwrap()
}

/// The merchant-pay bodies MVola received, waiting for the job up to 10 s.
async fn merchant_pays(server: &MockServer, want: usize) -> Vec<String> {
    for _ in 0..100 {
        let got: Vec<String> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .filter(|r| r.method.as_str() == "POST" && r.url.path() == PAY)
            .map(|r| String::from_utf8_lossy(&r.body).into_owned())
            .collect();
        if got.len() >= want {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Vec::new()
}

#[tokio::test]
async fn a_customer_saying_handoa_amin_ny_mvola_gets_the_request_on_their_number() {
    let (app, shop) = epicerie().await;
    let server = mvola_for_jobs(&app, shop).await;
    with_number(&app, shop).await;
    let conv = order_to_pay(&app, shop, "261341112266").await;
    let (reply, _) = tell(&app, shop, conv, "handoa amin'ny mvola aho").await;
    assert!(
        reply.contains("0341112266") && reply.contains("Halefanay"),
        "{reply}"
    );
    let bodies = merchant_pays(&server, 1).await;
    assert_eq!(bodies.len(), 1, "the job sent one request");
    assert!(bodies[0].contains("0341112266"), "{}", bodies[0]);
    let done = "SELECT count(*) FROM jobs WHERE kind = 'payment_request' AND status = 'done'";
    for _ in 0..50 {
        if count(&app, done).await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count(&app, done).await, 1);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM payment_requests WHERE correlation_id = 'corr-chat'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_username_only_customer_is_asked_for_a_number_and_the_number_sent_is_used() {
    let (app, shop) = epicerie().await;
    let server = mvola_for_jobs(&app, shop).await;
    with_number(&app, shop).await;
    let conv = app
        .db
        .write(move |c| {
            varotra::db::conversations::get_or_create(c, shop, "user:MG.rivo", &Default::default())
        })
        .await
        .unwrap();
    accept_in_chat(
        &app,
        shop,
        conv,
        "Je voudrais un devis pour 2 huiles 1 L",
        "OK",
    )
    .await;
    let (reply, _) = tell(&app, shop, conv, "je paie par mvola").await;
    assert!(reply.contains("quel est votre numéro MVola"), "{reply}");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM jobs WHERE kind = 'payment_request'"
        )
        .await,
        0
    );

    let (reply, _) = tell(&app, shop, conv, "+261 34 11 122 66").await;
    assert!(reply.contains("0341112266"), "{reply}");
    let bodies = merchant_pays(&server, 1).await;
    assert_eq!(bodies.len(), 1);
    assert!(
        bodies[0].contains(r#""value":"0341112266""#),
        "{}",
        bodies[0]
    );
}

#[tokio::test]
async fn an_operator_the_shop_did_not_set_up_gets_the_manual_numbers_in_the_chat() {
    let (app, shop) = epicerie().await;
    with_number(&app, shop).await;
    let conv = order_to_pay(&app, shop, "261321112266").await;
    let (reply, _) = tell(&app, shop, conv, "je paie par orange money").await;
    let order = only_order(&app, shop).await;
    assert!(
        reply.contains(&format!("Référence : {}", order.number)) && reply.contains("Orange Money"),
        "{reply}"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM jobs WHERE kind = 'payment_request'"
        )
        .await,
        0
    );
}

async fn picture(
    app: &TestApp,
    shop: ShopId,
    conv: ConversationId,
    id: i64,
) -> (String, usize, usize) {
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || {
        let turn = Turn {
            input: Input::Image {
                message: MessageId(id),
            },
            ..Turn::text(shop, Some(conv), "")
        };
        let (d, out) = varotra::jobs::reply::converse(
            &Assistant::without_model(),
            &db,
            None,
            &Default::default(),
            &turn,
        )
        .unwrap();
        (d.reply, out.len(), d.effects.len())
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn a_screenshot_for_an_order_to_pay_reaches_the_owner_with_the_image_and_otherwise_is_no_payment(
) {
    let (app, shop) = epicerie().await;
    with_number(&app, shop).await;
    let stranger = conversation(&app.db, shop, "261341119999");
    let (_, sent, effects) = picture(&app, shop, stranger, 41).await;
    assert_eq!((sent, effects), (0, 0), "no open order: not a payment");
    let notes = "SELECT count(*) FROM notifications WHERE kind = 'paiement_signale'";
    assert_eq!(count(&app, notes).await, 0);

    let conv = order_to_pay(&app, shop, "261341112266").await;
    let (reply, sent, _) = picture(&app, shop, conv, 42).await;
    assert!(
        reply.contains("Vérification en cours") && sent == 1,
        "{reply}"
    );
    let order = only_order(&app, shop).await;
    assert_eq!(order.claimed_message_id, Some(42));
    assert_eq!(
        order.status,
        OrderStatus::ToPay,
        "nothing is paid until the owner says so"
    );
    assert_eq!(count(&app, notes).await, 1);

    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    let html = app
        .page(&format!("/admin/commandes/{}", order.id), 200)
        .await;
    let img = format!("<img src=\"/admin/conversations/{}/media/42\"", conv.0);
    assert!(
        html.contains(&img) && html.contains("Paiement reçu"),
        "{html}"
    );
}

#[tokio::test]
async fn faktiora_on_a_paid_order_sends_the_facture_pdf_and_not_before() {
    let (app, shop) = epicerie().await;
    with_number(&app, shop).await;
    let conv = order_to_pay(&app, shop, "261341112266").await;
    let (_, out) = tell(&app, shop, conv, "mandefa ny faktiora azafady").await;
    assert!(
        !out.iter().any(|m| matches!(m, OutgoingMessage::Document { filename, .. } if filename.starts_with("FAC-"))),
        "no facture before payment"
    );
    let order = only_order(&app, shop).await;
    app.db
        .write(move |c| {
            let change = varotra::orders::Change {
                to: Some(OrderStatus::Paid),
                paid_by: Some(PaidBy::Mvola),
                reference: Some("636042511".into()),
            };
            Ok(varotra::orders::change(
                c,
                shop,
                order.id,
                &change,
                varotra::orders::Actor::System,
            ))
        })
        .await
        .unwrap()
        .unwrap();
    let invoice = only_order(&app, shop).await.invoice_number.unwrap();
    let (reply, out) = tell(&app, shop, conv, "mandefa ny faktiora azafady").await;
    assert!(reply.contains(&invoice), "{reply}");
    let doc = out
        .iter()
        .find_map(|m| match m {
            OutgoingMessage::Document {
                filename, stored, ..
            } => Some((filename.clone(), stored.clone())),
            _ => None,
        })
        .expect("a document");
    assert_eq!(doc.0, format!("{invoice}.pdf"));
    let bytes = files(&app).get(&doc.1).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a stored PDF");
}
