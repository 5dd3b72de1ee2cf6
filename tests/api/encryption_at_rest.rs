//! Issue 12's promise: after a real conversation (a known number, name and sentence),
//! a devis PDF and a received photo, nothing under data_dir nor in a backup reveals
//! them — not the phone number, the sentence, the name, nor a `%PDF` header.

use crate::whatsapp_outbound::{app_against, mount_messages};
use crate::whatsapp_support::*;
use varotra::db::accounts::Role;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub(crate) const PHONE: &str = "261349876543";
pub(crate) const NAME: &str = "Haingotiana Rakotobe";
pub(crate) const SENTENCE: &str = "Mila vary dimy kilao ho an'ny fety amin'ny zoma aho";

fn delivery(id: &str, message: serde_json::Value) -> Vec<u8> {
    let mut message = message;
    message["from"] = PHONE.into();
    message["id"] = id.into();
    message["timestamp"] = "1764057600".into();
    serde_json::to_vec(&serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "261320000001", "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": NAME}, "wa_id": PHONE}],
            "messages": [message]
        }}]}]
    }))
    .unwrap()
}

/// Every file below `dir`, recursively.
pub(crate) fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// A served app where the customer wrote [`SENTENCE`], sent a photo, got an answer
/// and a devis (its PDF rendered); the server is the fake Graph API behind it.
pub(crate) async fn customer_with_devis_and_photo() -> (MockServer, crate::helpers::TestApp) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/MEDIA-PHOTO-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "url": format!("{}/cdn/photo", server.uri()), "mime_type": "image/jpeg"
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/cdn/photo"))
        .respond_with(
            ResponseTemplate::new(200).set_body_bytes(format!("JPEG photo of {NAME}").into_bytes()),
        )
        .mount(&server)
        .await;
    mount_messages(&server, &FakeSend::ok()).await;
    let app = app_against(&server).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    app.create_user("owner@example.mg", Role::Owner, shop).await;
    app.db
        .write(move |c| {
            c.execute(
                "INSERT INTO products (shop_id, sku, title, price) VALUES (?1, 'RIZ-1K', 'Riz makalioka 1 kg', 3500)",
                [shop],
            )?;
            Ok(())
        })
        .await
        .unwrap();

    let text = delivery(
        "wamid.secret.1",
        serde_json::json!({"type": "text", "text": {"body": SENTENCE}}),
    );
    assert_eq!(post_signed(&app, &text).await.status(), 200);
    let photo = delivery(
        "wamid.secret.2",
        serde_json::json!({"type": "image", "image": {"id": "MEDIA-PHOTO-1", "mime_type": "image/jpeg"}}),
    );
    assert_eq!(post_signed(&app, &photo).await.status(), 200);
    eventually("the photo to be stored", || async {
        text_of(
            &app,
            "SELECT media_path FROM messages WHERE media_path IS NOT NULL",
        )
        .await
    })
    .await;
    eventually("the bot to answer", || async {
        (count(&app.db, "SELECT count(*) FROM outbox WHERE status = 'sent'").await > 0)
            .then_some(())
    })
    .await;

    let conversation: i64 = count(&app.db, "SELECT id FROM conversations").await;
    let token = app.api_token("owner@example.mg").await;
    let res = app
        .client
        .post(app.url("/api/v1/devis"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "conversation_id": conversation,
            "customer": {"name": NAME, "phone": PHONE},
            "items": [{"sku": "RIZ-1K", "qty": 5}]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let devis: serde_json::Value = res.json().await.unwrap();
    let pdf = app
        .client
        .get(app.url(&format!("/api/v1/devis/{}/pdf", devis["id"])))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(
        pdf.starts_with(b"%PDF"),
        "the owner still gets the real PDF"
    );
    (server, app)
}

#[tokio::test]
async fn nothing_under_data_dir_nor_in_a_backup_reveals_the_customer() {
    let (_server, app) = customer_with_devis_and_photo().await;
    let backup = app.dir.path().join("backup.db");
    let out = app.command().arg("backup").arg(&backup).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let needles: [&[u8]; 4] = [
        PHONE.as_bytes(),
        SENTENCE.as_bytes(),
        NAME.as_bytes(),
        b"%PDF",
    ];
    let mut scanned = files_under(&app.data_dir());
    assert!(
        scanned.len() > 3,
        "data_dir holds the database, WAL and files: {scanned:?}"
    );
    scanned.push(backup);
    for file in &scanned {
        let bytes = std::fs::read(file).unwrap();
        for needle in needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{} reveals {:?}",
                file.display(),
                String::from_utf8_lossy(needle)
            );
        }
    }
}

async fn text_of(app: &crate::helpers::TestApp, sql: &str) -> Option<String> {
    text(&app.db, sql).await
}
