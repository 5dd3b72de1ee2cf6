//! The devis line editor of the admin (works without JavaScript: every button posts
//! the form back): search in a large catalogue, add and remove lines, a delivery fee,
//! a free-text line and a discount in the totals, the amount in words and the PDF;
//! prefilled from a conversation and the bot's draft; "Envoyer sur WhatsApp" queues
//! the PDF document, which the fake Graph API receives.

use crate::helpers::{extract_csrf, TestApp, PASSWORD};
use crate::whatsapp_outbound::{app_against, mount_messages};
use crate::whatsapp_support::*;
use reqwest::multipart::{Form, Part};
use varotra::db::accounts::Role;
use varotra::db::ShopId;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A catalogue of `n` generated products plus the rice, sugar and oil of the tests.
fn catalogue_csv(n: usize) -> Vec<u8> {
    let mut csv = String::from("sku,title,price,stock\n");
    csv.push_str("RIZ-MAK-25,Riz makalioka 25 kg,65000,40\n");
    csv.push_str("SUC-BLA-10,Sucre blanc 10 kg,22000,12\n");
    csv.push_str("HUI-TOU-5,Huile de tournesol 5 L,38500,0\n");
    let goods = [
        "Savon", "Bougie", "Cahier", "Stylo", "Biscuit", "Lait", "Sel", "Thé",
    ];
    for i in 0..n {
        let good = goods[i % goods.len()];
        csv.push_str(&format!(
            "GEN-{i:05},{good} modèle {i} lot de {},{},5\n",
            i % 12 + 1,
            500 + (i % 97) * 250
        ));
    }
    csv.into_bytes()
}

/// The shop (with its Meta number), its owner logged in, `n` extra products.
async fn shop_with_catalogue(server: &MockServer, n: usize) -> (TestApp, ShopId) {
    let app = app_against(server).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    app.db
        .write(move |c| {
            c.execute("UPDATE shops SET vat_rate_bp = 2000 WHERE id = ?1", [shop])?;
            Ok(())
        })
        .await
        .unwrap();
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    let token = app.api_token("rivo@example.mg").await;
    let res = app
        .client
        .post(app.url("/api/v1/products/upload"))
        .bearer_auth(&token)
        .multipart(
            Form::new().part(
                "file",
                Part::bytes(catalogue_csv(n))
                    .file_name("catalogue.csv")
                    .mime_str("text/csv")
                    .unwrap(),
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    (app, shop)
}

async fn editor(app: &TestApp, form: &[(&str, &str)]) -> reqwest::Response {
    app.post_form("/admin/devis/nouveau", form).await
}

/// What a poppler tool (poppler-utils) says about the PDF `bytes`.
pub(crate) fn poppler(tool: &str, bytes: &[u8], before: &[&str], after: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("devis.pdf");
    std::fs::write(&file, bytes).unwrap();
    let out = std::process::Command::new(tool)
        .args(before)
        .arg(&file)
        .args(after)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is installed: {e}"));
    String::from_utf8(out.stdout).unwrap()
}

pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    poppler("pdftotext", bytes, &["-layout", "-enc", "UTF-8"], &["-"])
}

fn pdf_title(bytes: &[u8]) -> String {
    poppler("pdfinfo", bytes, &["-enc", "UTF-8"], &[])
        .lines()
        .find_map(|l| l.strip_prefix("Title:").map(|t| t.trim().to_string()))
        .unwrap_or_default()
}

#[tokio::test]
async fn a_devis_built_with_the_search_editor_totals_its_delivery_free_line_and_discount() {
    let server = MockServer::start().await;
    let (app, _) = shop_with_catalogue(&server, 2_000).await;
    let page = app.page("/admin/devis/nouveau", 200).await;
    let csrf = extract_csrf(&page).unwrap();
    assert!(!page.contains("souvent mis"), "no habit before any devis");

    // Search among 2 003 products, without JavaScript: the button posts the form.
    let found = editor(
        &app,
        &[("csrf", &csrf), ("q", "makalioka 25"), ("do", "search")],
    )
    .await;
    assert_eq!(found.status(), 200);
    let found = found.text().await.unwrap();
    assert!(
        found.contains("name=\"add\" value=\"RIZ-MAK-25\""),
        "the rice is offered: {found}"
    );
    // "Ajouter" puts it in the lines with a quantity of 1; twice makes 2.
    let added = editor(&app, &[("csrf", &csrf), ("add", "RIZ-MAK-25")])
        .await
        .text()
        .await
        .unwrap();
    assert!(
        added.contains("name=\"qty:RIZ-MAK-25\" value=\"1\""),
        "{added}"
    );
    let twice = editor(
        &app,
        &[
            ("csrf", &csrf),
            ("qty:RIZ-MAK-25", "1"),
            ("add", "RIZ-MAK-25"),
        ],
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(twice.contains("name=\"qty:RIZ-MAK-25\" value=\"2\""));
    // Removing a line takes it out.
    let removed = editor(
        &app,
        &[
            ("csrf", &csrf),
            ("qty:RIZ-MAK-25", "2"),
            ("qty:SUC-BLA-10", "1"),
            ("remove", "SUC-BLA-10"),
        ],
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(removed.contains("qty:RIZ-MAK-25") && !removed.contains("qty:SUC-BLA-10"));

    let lines = [
        ("csrf", csrf.as_str()),
        ("customer_name", "Jean Rabe"),
        ("customer_phone", "261341234567"),
        ("qty:RIZ-MAK-25", "2"),
        ("custom_label", "Pose des étagères"),
        ("custom_qty", "1"),
        ("custom_price", "15 000"),
        ("delivery_label", "Livraison Analakely"),
        ("delivery_fee", "5 000 Ar"),
        ("discount_label", "Remise fidélité"),
        ("discount_amount", "4000"),
    ];
    // Before creating, the editor shows the totals: HT 146 000, TVA 29 200, TTC 175 200.
    let mut refresh = lines.to_vec();
    refresh.push(("do", "refresh"));
    let preview = editor(&app, &refresh).await.text().await.unwrap();
    assert!(
        preview.contains("146 000 Ar") && preview.contains("175 200 Ar"),
        "{preview}"
    );

    let mut create = lines.to_vec();
    create.push(("do", "create"));
    let res = editor(&app, &create).await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    // The next devis offers what this one had, before any search.
    let next = app.page("/admin/devis/nouveau", 200).await;
    let offered = next.split("id=\"suggested\"").nth(1).unwrap_or_default();
    assert!(
        offered.starts_with(">Articles souvent mis en devis"),
        "{next}"
    );
    assert!(offered.contains("value=\"RIZ-MAK-25\""), "{next}");
    let detail = app.page(&location, 200).await;
    for expected in [
        "Livraison Analakely",
        "Pose des étagères",
        "Remise fidélité",
        "-4 000 Ar",
        "146 000 Ar",
        "29 200 Ar",
        "175 200 Ar",
        "cent soixante-quinze mille deux cents ariary",
    ] {
        assert!(detail.contains(expected), "{expected}: {detail}");
    }
    let pdf = app
        .client
        .get(app.url(&format!("{location}/pdf")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let text = pdf_text(&pdf);
    for expected in [
        "Riz makalioka 25 kg",
        "Livraison Analakely",
        "Pose des étagères",
        "Remise fidélité",
        "-4 000 Ar",
        "175 200 Ar",
        "cent soixante-quinze mille deux cents ariary",
    ] {
        assert!(text.contains(expected), "{expected} in the PDF: {text}");
    }
    let year = chrono::Utc::now().format("%Y");
    assert_eq!(
        pdf_title(&pdf),
        format!("Devis DEV-{year}-0001 — Épicerie Rivo"),
        "the PDF title reads right in a viewer"
    );
    let kinds = text_rows(
        &app,
        "SELECT kind || ':' || line_total FROM devis_lines ORDER BY position",
    )
    .await;
    assert_eq!(
        kinds,
        [
            "product:130000",
            "custom:15000",
            "delivery:5000",
            "discount:-4000"
        ]
    );
}

async fn text_rows(app: &TestApp, sql: &str) -> Vec<String> {
    let sql = sql.to_string();
    app.db
        .read(move |c| {
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_discount_larger_than_the_devis_is_refused_with_both_amounts_and_the_lines_kept() {
    let server = MockServer::start().await;
    let (app, _) = shop_with_catalogue(&server, 0).await;
    let csrf = app.csrf().await;
    let res = editor(
        &app,
        &[
            ("csrf", &csrf),
            ("qty:SUC-BLA-10", "1"),
            ("discount_amount", "50 000"),
            ("do", "create"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("la remise (50 000 Ar) dépasse le montant des autres lignes (22 000 Ar)"),
        "{html}"
    );
    assert!(html.contains("name=\"qty:SUC-BLA-10\" value=\"1\""), "kept");
    assert_eq!(count(&app.db, "SELECT count(*) FROM devis").await, 0);
}

#[tokio::test]
async fn the_editor_opened_from_a_conversation_has_its_customer_and_the_bots_draft() {
    let server = MockServer::start().await;
    let (app, shop) = shop_with_catalogue(&server, 0).await;
    let conv = app
        .add_conversation(
            shop,
            "261349876543",
            "Hery Rakoto",
            "open",
            &[("in", "customer", "Mila vary 3 gony aho", "received", 5)],
        )
        .await;
    app.db
        .write(move |c| {
            c.execute(
                "INSERT INTO assistant_state (conversation_id, shop_id, pending_quote)
                 VALUES (?1, ?2, '[{\"sku\":\"RIZ-MAK-25\",\"qty\":3}]')",
                rusqlite::params![conv, shop],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let html = app
        .page(&format!("/admin/devis/nouveau?conversation={conv}"), 200)
        .await;
    assert!(html.contains("value=\"Hery Rakoto\""), "{html}");
    assert!(html.contains("value=\"+261349876543\""));
    assert!(
        html.contains("name=\"qty:RIZ-MAK-25\" value=\"3\""),
        "the bot's draft"
    );
    assert!(html.contains(&format!("name=\"conversation_id\" value=\"{conv}\"")));
}

/// A devis for the test customer made in the editor; returns its page.
async fn admin_devis(app: &TestApp, csrf: &str) -> String {
    let res = editor(
        app,
        &[
            ("csrf", csrf),
            ("customer_name", "Jean Rabe"),
            ("customer_phone", "261341234567"),
            ("qty:RIZ-MAK-25", "1"),
            ("delivery_fee", "3000"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    res.headers()["location"].to_str().unwrap().to_string()
}

/// The document messages the fake Graph API received.
async fn documents_sent(server: &MockServer) -> Vec<serde_json::Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().ends_with("/messages"))
        .map(|r| serde_json::from_slice::<serde_json::Value>(&r.body).unwrap())
        .filter(|b| b["type"] == "document")
        .collect()
}

#[tokio::test]
async fn a_devis_for_a_customer_who_has_not_written_today_is_refused_with_the_reason() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let (app, _) = shop_with_catalogue(&server, 0).await;
    let csrf = app.csrf().await;
    let location = admin_devis(&app, &csrf).await;
    let refused = app
        .post_form(&format!("{location}/envoyer"), &[("csrf", &csrf)])
        .await;
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.unwrap().contains("24 heures"));
    assert_eq!(
        text(&app.db, "SELECT status FROM devis").await.as_deref(),
        Some("draft"),
        "a devis that did not leave stays a draft"
    );
    assert_eq!(count(&app.db, "SELECT count(*) FROM outbox").await, 0);
}

#[tokio::test]
async fn an_admin_devis_is_sent_on_whatsapp_as_its_pdf_document() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/{PHONE_NUMBER_ID}/media")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "media-42"})),
        )
        .mount(&server)
        .await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let (app, _) = shop_with_catalogue(&server, 0).await;
    // The customer wrote today: the 24-hour window is open for a free document.
    assert_eq!(
        post_signed(&app, &fixture("text-fr.json")).await.status(),
        200
    );
    let csrf = app.csrf().await;
    let location = admin_devis(&app, &csrf).await;
    let detail = app.page(&location, 200).await;
    assert!(detail.contains("Envoyer sur WhatsApp"));
    let sent = app
        .post_form(&format!("{location}/envoyer"), &[("csrf", &csrf)])
        .await;
    assert_eq!(sent.status(), 303);
    assert!(app
        .page(&format!("{location}?done=envoye"), 200)
        .await
        .contains("Devis mis en file d'envoi sur WhatsApp"));
    let document = eventually("the document to reach the Graph API", || async {
        documents_sent(&server).await.into_iter().next()
    })
    .await;
    assert_eq!(document["to"], CUSTOMER);
    assert_eq!(document["document"]["id"], "media-42");
    let year = chrono::Utc::now().format("%Y");
    assert_eq!(
        document["document"]["filename"],
        format!("DEV-{year}-0001.pdf")
    );
    assert!(document["document"]["caption"]
        .as_str()
        .unwrap()
        .contains("Voici votre devis"));
    assert_eq!(
        text(&app.db, "SELECT status FROM devis").await.as_deref(),
        Some("sent")
    );
    assert_eq!(
        text(&app.db, "SELECT status FROM prospects")
            .await
            .as_deref(),
        Some("devis_envoye")
    );
    // The thread shows the document, sent by the owner.
    let conv = count(&app.db, "SELECT conversation_id FROM devis").await;
    let thread = app.page(&format!("/admin/conversations/{conv}"), 200).await;
    assert!(
        thread.contains(&format!("📄 DEV-{year}-0001.pdf")),
        "{thread}"
    );
}
