//! What an agent does inside a thread: internal notes, quick replies (`/raccourci`
//! in the conversation's language), product cards, photos and documents, and how the
//! thread reads: media placeholders in French, the banner when WhatsApp fails.

use crate::admin_inbox::{one, owner_id, status_of};
use crate::helpers::TestApp;
use rusqlite::params;
use varotra::db::ShopId;

#[tokio::test]
async fn an_internal_note_shows_in_the_thread_and_never_reaches_the_customer() {
    let app = crate::helpers::spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let csrf = app.csrf().await;
    let res = app
        .post_form(
            &format!("/admin/conversations/{}/note", s.conversation),
            &[
                ("csrf", &csrf),
                ("body", "Client fidèle : proposer la livraison offerte"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = app
        .page(&format!("/admin/conversations/{}", s.conversation), 200)
        .await;
    assert!(page.contains("Note interne · rivo@example.mg"));
    assert!(page.contains("Client fidèle : proposer la livraison offerte"));
    let outbox: i64 = one(&app, "SELECT count(*) FROM outbox WHERE ?1 = ?1", 0).await;
    assert_eq!(outbox, 0);
    let empty = app
        .post_form(
            &format!("/admin/conversations/{}/note", s.conversation),
            &[("csrf", &csrf), ("body", "  ")],
        )
        .await;
    assert_eq!(empty.status(), 400);
}

async fn outbox_payloads(app: &TestApp) -> Vec<serde_json::Value> {
    app.db
        .read(|c| {
            let mut stmt = c.prepare("SELECT payload FROM outbox ORDER BY id")?;
            let rows = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await
        .unwrap()
        .iter()
        .map(|p| serde_json::from_str(p).unwrap())
        .collect()
}

#[tokio::test]
async fn a_quick_reply_shortcut_sends_its_text_in_the_conversations_language() {
    let app = crate::helpers::spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let csrf = app.csrf().await;
    let saved = app
        .post_form(
            "/admin/reponses-rapides",
            &[
                ("csrf", &csrf),
                ("shortcut", "/Livraison"),
                ("body_fr", "Nous livrons à Antananarivo du lundi au samedi."),
                ("body_mg", "Manatitra eto Antananarivo izahay."),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert!(app
        .page("/admin/reponses-rapides", 200)
        .await
        .contains("/livraison"));
    let conv = s.conversation;
    app.db
        .write(move |c| {
            c.execute(
                "UPDATE conversations SET language = 'mg' WHERE id = ?1",
                [conv],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let res = app
        .post_form(
            &format!("/admin/conversations/{conv}/reply"),
            &[("csrf", &csrf), ("text", "/livraison")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let sent = outbox_payloads(&app).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["body"], "Manatitra eto Antananarivo izahay.");
    // Answering takes the chat over from the bot and gives it to the agent.
    assert_eq!(status_of(&app, conv).await, ("open".into(), true));
    let assigned: Option<i64> = one(
        &app,
        "SELECT assigned_to FROM conversations WHERE id = ?1",
        conv,
    )
    .await;
    assert_eq!(assigned, Some(owner_id(&app).await));

    // An unknown shortcut sends nothing and keeps the text in the box.
    let res = app
        .post_form(
            &format!("/admin/conversations/{conv}/reply"),
            &[("csrf", &csrf), ("text", "/inconnu")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let back = res.headers()["location"].to_str().unwrap().to_string();
    let page = app.page(&back, 200).await;
    assert!(page.contains("Aucune réponse rapide ne porte ce raccourci"));
    assert!(page.contains("inconnu</textarea>"), "{page}");
    assert_eq!(outbox_payloads(&app).await.len(), 1);
    // A shortcut that cannot be typed is refused with the reason.
    let bad = app
        .post_form(
            "/admin/reponses-rapides",
            &[("csrf", &csrf), ("shortcut", "deux mots"), ("body_fr", "x")],
        )
        .await;
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("sans espace"));
}

#[tokio::test]
async fn a_product_card_sends_the_name_and_price_from_the_catalogue() {
    let app = crate::helpers::spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    crate::quotes_devis::add_products(
        &app,
        s.shop,
        &[("RIZ-MAK-25", "Riz makalioka 25 kg", 65_000)],
    )
    .await;
    let csrf = app.csrf().await;
    let res = app
        .post_form(
            &format!("/admin/conversations/{}/product", s.conversation),
            &[("csrf", &csrf), ("sku", "RIZ-MAK-25")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let sent = outbox_payloads(&app).await;
    assert_eq!(sent[0]["type"], "text");
    let body = sent[0]["body"].as_str().unwrap();
    assert!(
        body.contains("Riz makalioka 25 kg — 65 000 Ar") && body.contains("Réf. RIZ-MAK-25"),
        "{body}"
    );
    let unknown = app
        .post_form(
            &format!("/admin/conversations/{}/product", s.conversation),
            &[("csrf", &csrf), ("sku", "PAS-LA")],
        )
        .await;
    assert_eq!(unknown.status(), 400);
}

async fn upload(
    app: &TestApp,
    conv: i64,
    csrf: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.to_string())
        .text("caption", "Voici")
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    app.client
        .post(app.url(&format!("/admin/conversations/{conv}/file")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_photo_or_a_document_sent_from_the_thread_is_sealed_and_queued() {
    let app = crate::helpers::spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let csrf = app.csrf().await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-not-a-real-picture".to_vec();
    assert_eq!(
        upload(&app, s.conversation, &csrf, "photo.png", png.clone())
            .await
            .status(),
        303
    );
    let pdf = b"%PDF-1.4 facture".to_vec();
    assert_eq!(
        upload(&app, s.conversation, &csrf, "f.pdf", pdf)
            .await
            .status(),
        303
    );
    let sent = outbox_payloads(&app).await;
    assert_eq!(sent[0]["type"], "image");
    assert_eq!(sent[0]["caption"], "Voici");
    assert_eq!(sent[1]["type"], "document");
    assert_eq!(sent[1]["filename"], "document.pdf");
    // Stored encrypted: the file on disk is not the photo's bytes.
    let stored = sent[0]["stored"].as_str().unwrap();
    let on_disk = walk(&app.data_dir().join("files"));
    assert!(!on_disk.is_empty());
    assert!(
        on_disk.iter().all(|f| std::fs::read(f).unwrap() != png),
        "sealed"
    );
    assert!(stored.starts_with(&format!("outgoing/{}/", s.shop)));
    let refused = upload(
        &app,
        s.conversation,
        &csrf,
        "x.bin",
        vec![0xFF, 0xFE, 0x00, 0xC3, 0x28],
    )
    .await;
    assert_eq!(refused.status(), 400);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("type de fichier non pris en charge"));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

async fn insert_message(
    app: &TestApp,
    shop: ShopId,
    conv: i64,
    kind: &str,
    media_id: Option<&str>,
) {
    let (kind, media_id) = (kind.to_string(), media_id.map(str::to_string));
    app.db
        .write(move |c| {
            c.execute(
                "INSERT INTO messages (shop_id, conversation_id, direction, kind, media_id, status, author)
                 VALUES (?1, ?2, 'in', ?3, ?4, 'received', 'customer')",
                params![shop, conv, kind, media_id],
            )?;
            Ok(())
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn a_photo_a_voice_note_or_an_unsupported_message_reads_in_french() {
    let app = crate::helpers::spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    insert_message(&app, s.shop, s.conversation, "image", Some("media-1")).await;
    insert_message(&app, s.shop, s.conversation, "audio", Some("media-2")).await;
    insert_message(&app, s.shop, s.conversation, "document", Some("media-3")).await;
    insert_message(&app, s.shop, s.conversation, "unsupported", None).await;
    let page = app
        .page(&format!("/admin/conversations/{}", s.conversation), 200)
        .await;
    for expected in [
        "📷 photo",
        "🎤 message vocal",
        "📄 document",
        "(pas encore téléchargé)",
    ] {
        assert!(page.contains(expected), "{expected}: {page}");
    }
    assert!(!page.contains("[unsupported]") && !page.contains("[image]"));
    assert!(page.contains("message que WhatsApp ne sait pas afficher"));
    let list = app.page("/admin/conversations", 200).await;
    assert!(
        list.contains("message que WhatsApp ne sait pas afficher"),
        "the list's last line"
    );
}

#[tokio::test]
async fn a_banner_says_since_when_whatsapp_fails_and_how_many_messages_wait() {
    let app = crate::helpers::spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    assert!(!app
        .page("/admin", 200)
        .await
        .contains("WhatsApp ne répond pas"));
    let csrf = app.csrf().await;
    for text in ["Premier", "Second"] {
        app.post_form(
            &format!("/admin/conversations/{}/reply", s.conversation),
            &[("csrf", &csrf), ("text", text)],
        )
        .await;
    }
    // The sender tries and the provider cannot be reached (the fake base is a closed
    // port): it records the attempt and the error on the first row (the second waits
    // behind it, a customer's messages leave in order).
    crate::whatsapp_support::eventually("the sender to fail once", || async {
        (crate::whatsapp_support::count(
            &app.db,
            "SELECT count(*) FROM outbox WHERE attempts > 0 AND last_error IS NOT NULL AND status = 'pending'",
        )
        .await
            > 0)
            .then_some(())
    })
    .await;
    // Backdated to a known time, and kept from retrying while the page is read.
    app.db
        .write(|c| {
            c.execute(
                "UPDATE outbox SET created_at = '2026-11-25T11:02:00Z', next_attempt_at = '2999-01-01T00:00:00Z'",
                [],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let page = app.page("/admin/conversations", 200).await;
    assert!(
        page.contains("WhatsApp ne répond pas depuis 25/11"),
        "{page}"
    );
    assert!(page.contains("2 messages attendent d&#x27;être envoyés"));
    assert!(page.contains("Dernière erreur : "));
}
