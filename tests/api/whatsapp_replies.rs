//! What customers do besides typing: a cart from the Meta catalogue becomes a devis,
//! product answers come with catalogue cards, a 👍 on a devis accepts it, an edit or a
//! deletion changes what the bot answers, a quoted product message tells which
//! product, and the customer's message is marked read with "typing…" meanwhile.

use crate::helpers::{spawn_app_with, TestApp, PASSWORD};
use crate::whatsapp_support::*;
use reqwest::multipart::{Form, Part};
use varotra::db::accounts::Role;
use varotra::db::ShopId;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const EPICERIE: &[u8] = include_bytes!("../fixtures/catalog-epicerie.csv");

async fn app_with(
    server: &MockServer,
    tweak: impl FnOnce(&mut varotra::settings::Settings) + Send + 'static,
) -> TestApp {
    let base = server.uri();
    spawn_app_with(move |s| {
        s.whatsapp.graph_api_base = base;
        s.whatsapp.pair_interval_ms = 0;
        tweak(s);
    })
    .await
}

/// The fake Graph API: messages (counted by `fake`) and media uploads.
async fn graph(server: &MockServer, fake: &FakeSend) {
    crate::whatsapp_outbound::mount_messages(server, fake).await;
    Mock::given(method("POST"))
        .and(path(format!("/{PHONE_NUMBER_ID}/media")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "MEDIA-1"})),
        )
        .mount(server)
        .await;
}

/// The shop's catalogue, imported through the API so the search index has it.
async fn catalogue(app: &TestApp, shop: ShopId) {
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    let token = app.api_token("rivo@example.mg").await;
    let form = Form::new().part(
        "file",
        Part::bytes(EPICERIE.to_vec())
            .file_name("catalogue.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    let res = app
        .client
        .post(app.url("/api/v1/products/upload"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

async fn bodies(server: &MockServer) -> Vec<serde_json::Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().ends_with("/messages"))
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

/// The order fixture with our catalogue's SKUs.
fn order() -> Vec<u8> {
    String::from_utf8(fixture("order-two-items.json"))
        .unwrap()
        .replace("RIZ-MAK-25", "RIZ-MAK-25K")
        .into_bytes()
}

#[tokio::test]
async fn an_inbound_order_becomes_a_devis_with_the_right_lines_answered_in_the_customers_language()
{
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    graph(&server, &fake).await;
    let app = app_with(&server, |_| {}).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    catalogue(&app, shop).await;
    post_signed(&app, &fixture("text-mg.json")).await;
    eventually("the first answer", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
    post_signed(&app, &order()).await;
    eventually("the devis and its PDF", || async {
        (fake.accepted() == 3).then_some(())
    })
    .await;

    let lines: Vec<(String, i64)> = app
        .db
        .read(|c| {
            let mut s = c.prepare("SELECT sku, qty FROM devis_lines ORDER BY position")?;
            let rows = s
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
        .await
        .unwrap();
    assert_eq!(
        lines,
        [("RIZ-MAK-25K".to_string(), 2), ("HUILE-5L".to_string(), 3)]
    );
    let number = text(&app.db, "SELECT number FROM devis").await.unwrap();
    let sent = bodies(&server).await;
    let reply = sent[1]["text"]["body"].as_str().unwrap();
    assert_eq!(
        reply,
        format!("Misaotra! Ity ny devis {number} amin'ny PDF."),
        "in Malagasy"
    );
    assert_eq!(sent[2]["document"]["filename"], format!("{number}.pdf"));
}

#[tokio::test]
async fn a_cart_line_the_catalogue_does_not_know_is_named_to_the_customer() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    graph(&server, &fake).await;
    let app = app_with(&server, |_| {}).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    catalogue(&app, shop).await;
    post_signed(&app, &fixture("order-two-items.json")).await;
    eventually("the answers", || async {
        (fake.accepted() == 3).then_some(())
    })
    .await;
    assert_eq!(count(&app.db, "SELECT count(*) FROM devis_lines").await, 1);
    let all: Vec<String> = bodies(&server)
        .await
        .iter()
        .filter_map(|b| b["text"]["body"].as_str().map(str::to_string))
        .collect();
    assert!(all.iter().any(|b| b.contains("RIZ-MAK-25")), "{all:?}");
}

#[tokio::test]
async fn with_a_meta_catalogue_a_product_answer_comes_with_its_catalogue_card() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    graph(&server, &fake).await;
    let app = app_with(&server, |_| {}).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    catalogue(&app, shop).await;
    crate::quotes_devis::set(&app, shop, "whatsapp.catalog_id", "1239418283883838").await;
    let ask = String::from_utf8(fixture("text-fr.json")).unwrap().replace(
        "Bonjour, c'est combien le riz makalioka ?",
        "C'est combien l'huile végétale bidon 5 L ?",
    );
    post_signed(&app, ask.as_bytes()).await;
    eventually("the answer and its card", || async {
        (fake.accepted() == 2).then_some(())
    })
    .await;
    let sent = bodies(&server).await;
    assert!(
        sent[0]["text"]["body"].as_str().unwrap().contains("45 000"),
        "{}",
        sent[0]
    );
    assert_eq!(sent[1]["interactive"]["type"], "product");
    assert_eq!(
        sent[1]["interactive"]["action"]["catalog_id"],
        "1239418283883838"
    );
    assert_eq!(
        sent[1]["interactive"]["action"]["product_retailer_id"],
        "HUILE-5L"
    );
}

#[tokio::test]
async fn a_thumbs_up_on_the_devis_sent_accepts_it_unless_the_shop_turned_that_off() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    graph(&server, &fake).await;
    let app = app_with(&server, |_| {}).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    catalogue(&app, shop).await;
    post_signed(&app, &order()).await;
    eventually("the devis sent", || async {
        text(
            &app.db,
            "SELECT wamid FROM messages WHERE kind = 'document' AND wamid IS NOT NULL",
        )
        .await
    })
    .await;
    let doc = text(
        &app.db,
        "SELECT wamid FROM messages WHERE kind = 'document'",
    )
    .await
    .unwrap();
    let react = |emoji: &str, id: &str| {
        let mut v: serde_json::Value = serde_json::from_slice(&fixture("reaction.json")).unwrap();
        let m = &mut v["entry"][0]["changes"][0]["value"]["messages"][0];
        m["id"] = serde_json::json!(format!("wamid.REACTION{id}"));
        m["reaction"]["emoji"] = serde_json::json!(emoji);
        m["reaction"]["message_id"] = serde_json::json!(doc);
        serde_json::to_vec(&v).unwrap()
    };
    // A heart is not an acceptance.
    post_signed(&app, &react("❤️", "A")).await;
    assert_eq!(
        text(&app.db, "SELECT status FROM devis").await.as_deref(),
        Some("sent")
    );
    crate::quotes_devis::set(&app, shop, "devis.reaction_accepts", "off").await;
    post_signed(&app, &react("👍", "B")).await;
    eventually("the reaction read", || async {
        (count(
            &app.db,
            "SELECT count(*) FROM jobs WHERE kind = 'reply' AND status = 'done'",
        )
        .await
            == 2)
            .then_some(())
    })
    .await;
    assert_eq!(
        text(&app.db, "SELECT status FROM devis").await.as_deref(),
        Some("sent"),
        "turned off"
    );
    crate::quotes_devis::set(&app, shop, "devis.reaction_accepts", "on").await;
    post_signed(&app, &react("👍🏾", "C")).await;
    eventually("the acceptance", || async {
        (text(&app.db, "SELECT status FROM devis").await.as_deref() == Some("accepted"))
            .then_some(())
    })
    .await;
}

#[tokio::test]
async fn an_edit_updates_the_text_and_is_answered_when_nothing_was_yet_and_a_deletion_hides_it() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    graph(&server, &fake).await;
    // The bot is off: nothing answers the first message before its edit comes.
    let app = app_with(&server, |s| s.assistant.enabled = false).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-fr.json")).await;
    post_signed(&app, &fixture("edit.json")).await;
    assert_eq!(
        text(&app.db, "SELECT body FROM messages WHERE direction = 'in'")
            .await
            .as_deref(),
        Some("Ohatrinona ny menaka 5 litatra?")
    );
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM messages").await,
        1,
        "an edit is no new message"
    );
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM jobs WHERE kind = 'reply'").await,
        1,
        "still waiting to be answered: the pending reply reads the new text"
    );
    post_signed(&app, &fixture("revoke.json")).await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.login("rivo@example.mg", PASSWORD).await;
    let page = app.page("/admin/conversations/1", 200).await;
    assert!(page.contains("Message supprimé par le client"), "{page}");
    assert!(!page.contains("menaka 5 litatra"), "hidden: {page}");
}

#[tokio::test]
async fn an_edit_of_a_message_left_unanswered_asks_the_bot_again() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    graph(&server, &fake).await;
    let app = app_with(&server, |_| {}).await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    // A photo without caption: nothing for the bot to answer.
    let mut photo: serde_json::Value = serde_json::from_slice(&fixture("image.json")).unwrap();
    let m = &mut photo["entry"][0]["changes"][0]["value"]["messages"][0];
    m["image"].as_object_mut().unwrap().remove("caption");
    let id = m["id"].as_str().unwrap().to_string();
    post_signed(&app, &serde_json::to_vec(&photo).unwrap()).await;
    eventually("the reply job to pass", || async {
        (count(
            &app.db,
            "SELECT count(*) FROM jobs WHERE kind = 'reply' AND status = 'done'",
        )
        .await
            == 1)
            .then_some(())
    })
    .await;
    assert_eq!(fake.calls(), 0);
    // The customer adds a caption: now there is something to answer.
    let mut edit: serde_json::Value = serde_json::from_slice(&fixture("edit.json")).unwrap();
    let e = &mut edit["entry"][0]["changes"][0]["value"]["messages"][0]["edit"];
    e["original_message_id"] = serde_json::json!(id);
    e["message"] = serde_json::json!({"type": "image", "image": {"caption": "Bonjour !"}});
    post_signed(&app, &serde_json::to_vec(&edit).unwrap()).await;
    eventually("the answer to the edited photo", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM jobs WHERE kind = 'reply'").await,
        2
    );
}

#[tokio::test]
async fn a_reply_quoting_a_product_is_about_that_product() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    graph(&server, &fake).await;
    let app = app_with(&server, |_| {}).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    catalogue(&app, shop).await;
    post_signed(&app, &fixture("reply-to-product.json")).await;
    eventually("the answer", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
    let reply = bodies(&server).await[0]["text"]["body"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(reply.contains("45 000"), "the price of HUILE-5L: {reply}");
}

#[tokio::test]
async fn the_customers_message_is_marked_read_with_the_typing_indicator_when_the_bot_answers() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    graph(&server, &fake).await;
    let app = app_with(&server, |s| s.whatsapp.read_receipts = true).await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-fr.json")).await;
    eventually("the reply", || async {
        (count(&app.db, "SELECT count(*) FROM outbox WHERE status = 'sent'").await == 1)
            .then_some(())
    })
    .await;
    let sent = bodies(&server).await;
    let read = sent
        .iter()
        .find(|b| b["status"] == "read")
        .expect("a read receipt");
    let v: serde_json::Value = serde_json::from_slice(&fixture("text-fr.json")).unwrap();
    assert_eq!(
        read["message_id"],
        v["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    );
    assert_eq!(read["typing_indicator"]["type"], "text");
}

#[tokio::test]
async fn a_quoted_reply_shows_the_message_it_quotes_in_the_thread() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    graph(&server, &fake).await;
    let app = app_with(&server, |_| {}).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-fr.json")).await;
    eventually("the bot's answer, wamid.OUT0", || async {
        text(
            &app.db,
            "SELECT body FROM messages WHERE wamid = 'wamid.OUT0'",
        )
        .await
    })
    .await;
    let answer = text(
        &app.db,
        "SELECT body FROM messages WHERE wamid = 'wamid.OUT0'",
    )
    .await
    .unwrap();
    // The customer answers by quoting it (Meta's `context.id`).
    let mut quoting: serde_json::Value =
        serde_json::from_slice(&fixture("reply-to-product.json")).unwrap();
    let m = &mut quoting["entry"][0]["changes"][0]["value"]["messages"][0];
    m["context"] = serde_json::json!({"from": "261320000001", "id": "wamid.OUT0"});
    m["text"]["body"] = serde_json::json!("Ary ity?");
    post_signed(&app, &serde_json::to_vec(&quoting).unwrap()).await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.login("rivo@example.mg", PASSWORD).await;
    let page = app.page("/admin/conversations/1", 200).await;
    let first_line = answer.lines().next().unwrap().replace('\'', "&#x27;");
    assert!(page.contains("<blockquote class=\"quote\">↩ "), "{page}");
    assert!(page.contains(&first_line), "the quoted text: {first_line}");
}
