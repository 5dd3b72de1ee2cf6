//! Provider formats: Cloud API media upload and download, 360dialog's API key,
//! Gupshup's form post.

use crate::whatsapp_outbound::{app_against, mount_messages};
use crate::whatsapp_support::*;
use varotra::whatsapp::OutgoingMessage;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_stored_document_is_uploaded_then_sent_by_media_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/{PHONE_NUMBER_ID}/media")))
        .and(body_string_contains("%PDF-1.7 devis"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "MEDIA-55"})),
        )
        .mount(&server)
        .await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let app = app_against(&server).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    let (_, files) = varotra::startup::open_store(&app.settings, false).unwrap();
    files
        .put("devis/1/DEV-2026-0001.pdf", b"%PDF-1.7 devis")
        .unwrap();
    let doc = OutgoingMessage::Document {
        stored: "devis/1/DEV-2026-0001.pdf".into(),
        filename: "DEV-2026-0001.pdf".into(),
        caption: Some("Votre devis".into()),
    };
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
            varotra::db::outbox::enqueue(c, shop, conv, &doc, "bot")
        })
        .await
        .unwrap();
    eventually("the document to be sent", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
    let requests = server.received_requests().await.unwrap();
    let sent = requests
        .iter()
        .find(|r| r.url.path().ends_with("/messages"))
        .unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(sent["document"]["id"], "MEDIA-55");
    assert_eq!(sent["document"]["filename"], "DEV-2026-0001.pdf");
}

#[tokio::test]
async fn a_customer_photo_is_downloaded_into_the_encrypted_store() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/1003383421387256"))
        .and(header(
            "authorization",
            format!("Bearer {META_TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "url": format!("{}/cdn/photo-1", server.uri()), "mime_type": "image/jpeg"
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/cdn/photo-1"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"\xFF\xD8jpeg-bytes".to_vec()))
        .mount(&server)
        .await;
    mount_messages(&server, &FakeSend::ok()).await;
    let app = app_against(&server).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("image.json")).await;
    let stored = eventually("the photo to be stored", || async {
        text(
            &app.db,
            "SELECT media_path FROM messages WHERE kind = 'image'",
        )
        .await
    })
    .await;
    assert!(stored.starts_with(&format!("media/{shop}/")), "{stored}");
    let (_, files) = varotra::startup::open_store(&app.settings, false).unwrap();
    assert_eq!(files.get(&stored).unwrap(), b"\xFF\xD8jpeg-bytes");
}

#[tokio::test]
async fn a_360dialog_number_replies_with_its_api_key() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    Mock::given(method("POST"))
        .and(path("/messages"))
        .and(header("D360-API-KEY", META_TOKEN))
        .respond_with(fake.clone())
        .mount(&server)
        .await;
    let app = app_against(&server).await;
    let (_, token) = shop_with_number(&app.db, "360dialog", "d360-channel").await;
    let res = app
        .client
        .post(app.url(&format!("/webhooks/360dialog/{token}")))
        .body(fixture("text-fr.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    eventually("the reply via 360dialog", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_gupshup_number_replies_with_a_form_post() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/msg"))
        .and(header("apikey", META_TOKEN))
        .and(body_string_contains("channel=whatsapp"))
        .and(body_string_contains("destination=261341234567"))
        .and(body_string_contains("src.name=EpicerieRivo"))
        .respond_with(
            ResponseTemplate::new(202)
                .set_body_json(serde_json::json!({"status": "submitted", "messageId": "gs-77"})),
        )
        .mount(&server)
        .await;
    let app = app_against(&server).await;
    let (_, token) = shop_with_number(&app.db, "gupshup", "EpicerieRivo").await;
    let res = app
        .client
        .post(app.url(&format!("/webhooks/gupshup/{token}")))
        .body(fixture("gupshup-text.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let id = eventually("the reply via Gupshup", || async {
        text(
            &app.db,
            "SELECT provider_message_id FROM outbox WHERE status = 'sent'",
        )
        .await
    })
    .await;
    assert_eq!(id, "gs-77");
}
