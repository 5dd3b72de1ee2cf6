//! The devis in the chat and the mini-CRM: the PDF document sent to the customer,
//! acceptance, the prospect moving through the pipeline (never backwards on its own,
//! freely by the owner), the prospects API, and owner notifications by email (a local
//! fake SMTP server) and WhatsApp (the outbox).

use crate::helpers::{extract_csrf, spawn_app_with, TestApp};
use crate::quotes_devis::{epicerie, set};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use varotra::crm::prospects::{self, Stage};
use varotra::db::{ConversationId, ShopId};
use varotra::quotes::{self, NewDevis};
use varotra::whatsapp::OutgoingMessage;

/// A tiny SMTP sink: enough of RFC 5321 for lettre without TLS; each received
/// message's DATA goes to the channel.
pub async fn fake_smtp() -> (u16, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else {
                return;
            };
            let tx = tx.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 fake.smtp ESMTP\r\n").await.unwrap();
                while let Ok(Some(line)) = lines.next_line().await {
                    let cmd = line.to_ascii_uppercase();
                    let reply: &[u8] = if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
                        b"250-fake.smtp\r\n250 8BITMIME\r\n"
                    } else if cmd.starts_with("DATA") {
                        w.write_all(b"354 go ahead\r\n").await.unwrap();
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            let l = l.trim_end_matches('\r');
                            if l == "." {
                                break;
                            }
                            data.push_str(l);
                            data.push('\n');
                        }
                        let _ = tx.send(data);
                        b"250 queued\r\n"
                    } else if cmd.starts_with("QUIT") {
                        let _ = w.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    if w.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, rx)
}

pub async fn app_with_smtp(port: u16) -> TestApp {
    spawn_app_with(|s| {
        s.smtp.host = "127.0.0.1".into();
        s.smtp.port = u64::from(port);
        s.smtp.security = "none".into();
        s.smtp.from = "Varotra <varotra@test.mg>".into();
    })
    .await
}

/// A shop number and a customer conversation, as the WhatsApp module stores them.
async fn conversation(app: &TestApp, shop: ShopId, phone: &str, language: &str) -> ConversationId {
    let (phone, language) = (phone.to_string(), language.to_string());
    app.db
        .write(move |c| {
            c.execute(
                "INSERT OR IGNORE INTO whatsapp_accounts (shop_id, wa_number, provider, webhook_token, phone_number_id, token)
                 VALUES (?1, '+261320000001', 'meta', 'hook-' || ?1, 'pnid-' || ?1, 'tok')",
                [shop],
            )?;
            c.execute(
                "INSERT INTO conversations (shop_id, customer_key, customer_phone, customer_name, language)
                 VALUES (?1, ?2, ?2, 'Hanta', ?3)",
                rusqlite::params![shop, phone, language],
            )?;
            Ok(ConversationId(c.last_insert_rowid()))
        })
        .await
        .unwrap()
}

async fn stage_of(app: &TestApp, shop: ShopId, phone: &str) -> String {
    let phone = phone.to_string();
    app.db
        .read(move |c| Ok(prospects::by_phone(c, shop, &phone)?.unwrap().status))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_chat_quote_reaches_the_customer_as_a_pdf_and_the_prospect_moves_to_won() {
    let app = app_with_smtp(9).await;
    let (shop, _) = epicerie(&app, "epicerie-rivo").await;
    let phone = "261341122233";
    let conv = conversation(&app, shop, phone, "mg").await;
    let files = varotra::crypto::FileStore::new(
        app.data_dir().join("files"),
        Some(&varotra::crypto::MasterKey::from_bytes([0x42; 32], "test")),
    );

    // Inbound messages touch the prospect; a price question qualifies it.
    let p = phone.to_string();
    app.db
        .write(move |c| {
            prospects::touch(c, shop, &p, Some("Hanta"))?;
            prospects::touch(c, shop, &p, None)?;
            prospects::advance(c, shop, &p, Stage::Qualifie)?;
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(stage_of(&app, shop, phone).await, "qualifie");

    // The assistant creates the devis from the confirmed lines and sends it.
    let f = files.clone();
    let (msg, number) = app
        .db
        .write(move |c| {
            let new = NewDevis {
                conversation_id: Some(conv),
                items: vec![("RIZ-MAK-25".into(), 5), ("SUC-BLA-10".into(), 5)],
                ..Default::default()
            };
            let d = quotes::create(c, shop, &new).unwrap();
            let msg = quotes::send_in_chat(c, &f, shop, conv, &d).unwrap();
            Ok((msg, d.number))
        })
        .await
        .unwrap();
    let OutgoingMessage::Document {
        stored,
        filename,
        caption,
    } = msg
    else {
        panic!("a devis goes out as a document, got {msg:?}");
    };
    assert_eq!(filename, format!("{number}.pdf"));
    assert!(
        files.get(&stored).unwrap().starts_with(b"%PDF"),
        "the document is the stored PDF"
    );
    let caption = caption.unwrap();
    assert!(
        caption.contains("522 000 Ar") && caption.contains("Eny"),
        "Malagasy caption: {caption}"
    );
    assert_eq!(stage_of(&app, shop, phone).await, "devis_envoye");

    // "Eny" accepts the pending devis; the prospect is won.
    assert!(quotes::is_acceptance(Some("Eny tompoko"), None));
    let status = app
        .db
        .write(move |c| {
            let pending = quotes::pending_in_conversation(c, shop, conv)
                .unwrap()
                .expect("a sent devis");
            Ok(quotes::accept(c, shop, pending.id).unwrap().status)
        })
        .await
        .unwrap();
    assert_eq!(status, "accepted");
    assert_eq!(stage_of(&app, shop, phone).await, "gagne");

    // Automatic moves never go backwards.
    let p = phone.to_string();
    let moved = app
        .db
        .write(move |c| prospects::advance(c, shop, &p, Stage::Qualifie))
        .await
        .unwrap();
    assert_eq!(moved, None);
    assert_eq!(stage_of(&app, shop, phone).await, "gagne");
}

#[tokio::test]
async fn the_owner_moves_a_prospect_on_the_board_and_the_api_lists_it() {
    let app = app_with_smtp(9).await;
    let (shop, token) = epicerie(&app, "epicerie-rivo").await;
    let id = app
        .db
        .write(move |c| prospects::touch(c, shop, "034 55 666 77", Some("Koto")))
        .await
        .unwrap();
    app.login("owner@epicerie-rivo.mg", crate::helpers::PASSWORD)
        .await;
    let page = app
        .client
        .get(app.url("/admin/prospects"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Koto") && html.contains("Nouveau"));
    let csrf = extract_csrf(&html).unwrap();

    let bad = app
        .client
        .post(app.url(&format!("/admin/prospects/{id}/statut")))
        .form(&[("csrf", "forged"), ("status", "perdu")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 403);
    let res = app
        .client
        .post(app.url(&format!("/admin/prospects/{id}/statut")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("status", "perdu"),
            ("notes", "trop cher"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(stage_of(&app, shop, "261345566677").await, "perdu");

    let list: Value = app
        .client
        .get(app.url("/api/v1/prospects?status=perdu&limit=10"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["name"], "Koto");
    assert_eq!(list["items"][0]["notes"], "trop cher");
    let (_, other) = epicerie(&app, "autre-boutique").await;
    let theirs: Value = app
        .client
        .get(app.url("/api/v1/prospects"))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        theirs["total"], 0,
        "another shop sees none of these prospects"
    );
}

#[tokio::test]
async fn an_accepted_devis_emails_the_owner_and_queues_a_whatsapp_to_the_owner() {
    let (port, mut inbox) = fake_smtp().await;
    let app = app_with_smtp(port).await;
    let (shop, token) = epicerie(&app, "epicerie-rivo").await;
    set(&app, shop, "notify.email", "rivo@example.mg").await;
    set(&app, shop, "notify.whatsapp", "261320000009").await;
    conversation(&app, shop, "261349999999", "fr").await; // gives the shop a number

    let d: Value = crate::quotes_devis::post_devis(
        &app,
        &token,
        serde_json::json!({"customer": {"name": "Hanta", "phone": "0341122233"}, "items": [{"sku": "RIZ-MAK-25", "qty": 2}]}),
    )
    .await
    .json()
    .await
    .unwrap();
    let id = varotra::db::DevisId(d["id"].as_i64().unwrap());
    app.db
        .write(move |c| Ok(quotes::accept(c, shop, id).unwrap()))
        .await
        .unwrap();

    let mail = tokio::time::timeout(std::time::Duration::from_secs(10), inbox.recv())
        .await
        .expect("the mailer sends within seconds")
        .unwrap();
    // The body is quoted-printable: join its soft line breaks before reading it.
    let mail = mail.replace("=\n", "");
    assert!(mail.contains("To: rivo@example.mg"), "{mail}");
    assert!(
        mail.contains("Hanta (0341122233) a accept=C3=A9 le devis"),
        "{mail}"
    );
    assert!(mail.contains(d["number"].as_str().unwrap()), "{mail}");
    assert!(mail.contains("2 =C3=97 Riz makalioka 25 kg"), "{mail}");

    let (to, payload): (String, String) = app
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT to_phone, payload FROM outbox WHERE to_phone = '261320000009'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(to, "261320000009");
    let msg: OutgoingMessage = serde_json::from_str(&payload).unwrap();
    assert!(
        msg.preview().contains(d["number"].as_str().unwrap()),
        "{payload}"
    );
}

#[tokio::test]
async fn the_admin_creates_a_devis_by_picking_products_and_downloads_its_pdf() {
    let app = app_with_smtp(9).await;
    let (_, _) = epicerie(&app, "epicerie-rivo").await;
    app.login("owner@epicerie-rivo.mg", crate::helpers::PASSWORD)
        .await;
    let form = app
        .client
        .get(app.url("/admin/devis/nouveau"))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);
    let html = form.text().await.unwrap();
    assert!(html.contains("Riz makalioka 25 kg"));
    let csrf = extract_csrf(&html).unwrap();

    let res = app
        .client
        .post(app.url("/admin/devis/nouveau"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("customer_name", "Jean Rabe"),
            ("customer_phone", ""),
            ("qty:RIZ-MAK-25", "5"),
            ("qty:SUC-BLA-10", "5"),
            ("qty:HUI-TOU-5", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let detail = app.page(&location, 200).await;
    assert!(detail.contains("522 000 Ar") && detail.contains("cinq cent vingt-deux mille ariary"));
    let pdf = app
        .client
        .get(app.url(&format!("{location}/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), 200);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
    let list = app.page("/admin/devis", 200).await;
    assert!(list.contains("Jean Rabe"));

    let bad = app
        .client
        .post(app.url("/admin/devis/nouveau"))
        .form(&[("csrf", csrf.as_str()), ("qty:RIZ-MAK-25", "-2")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("RIZ-MAK-25"));
}

#[tokio::test]
async fn a_devis_past_its_validity_expires_and_can_no_longer_be_accepted() {
    let app = app_with_smtp(9).await;
    let (shop, token) = epicerie(&app, "epicerie-rivo").await;
    let d: Value = crate::quotes_devis::post_devis(
        &app,
        &token,
        serde_json::json!({"items": [{"sku": "SUC-BLA-10", "qty": 1}]}),
    )
    .await
    .json()
    .await
    .unwrap();
    let id = varotra::db::DevisId(d["id"].as_i64().unwrap());
    let (accepted, expired, status) = app
        .db
        .write(move |c| {
            c.execute(
                "UPDATE devis SET valid_until = '2020-01-31' WHERE id = ?1",
                [id],
            )?;
            let accepted = quotes::accept(c, shop, id);
            let expired = quotes::expire_overdue(c)?;
            let status = varotra::db::devis::get(c, shop, id)?.status;
            Ok((accepted.map(|d| d.status), expired, status))
        })
        .await
        .unwrap();
    assert!(
        matches!(accepted, Err(quotes::QuoteError::Expired(_))),
        "{accepted:?}"
    );
    assert_eq!((expired, status.as_str()), (1, "expired"));
}
