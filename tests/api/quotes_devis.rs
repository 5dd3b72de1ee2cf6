//! Devis through the API: totals, words, seller identity, the PDF read back with
//! pdftotext, numbering under concurrent creation, and shop isolation.

use crate::helpers::{spawn_app, TestApp};
use serde_json::{json, Value};
use varotra::db::accounts::Role;
use varotra::db::{shops, ShopId};

/// Inserts catalogue rows straight into the store (the catalogue importer is another
/// module's; these tests only need priced products).
pub async fn add_products(app: &TestApp, shop: ShopId, items: &[(&str, &str, i64)]) {
    let items: Vec<(String, String, i64)> = items
        .iter()
        .map(|(s, t, p)| (s.to_string(), t.to_string(), *p))
        .collect();
    app.db
        .write(move |c| {
            for (sku, title, price) in &items {
                c.execute(
                    "INSERT INTO products (shop_id, sku, title, price) VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![shop, sku, title, price],
                )?;
            }
            Ok(())
        })
        .await
        .unwrap();
}

pub async fn set(app: &TestApp, shop: ShopId, key: &str, value: &str) {
    let (k, v) = (key.to_string(), value.to_string());
    app.db
        .write(move |c| shops::set_setting(c, shop, &k, &v))
        .await
        .unwrap();
}

/// A shop with rice and sugar, payment numbers, an owner and its API token.
pub async fn epicerie(app: &TestApp, slug: &str) -> (ShopId, String) {
    let shop = app.create_shop(slug, "Épicerie Rivo").await;
    add_products(
        app,
        shop,
        &[
            ("RIZ-MAK-25", "Riz makalioka 25 kg", 65_000),
            (
                "SUC-BLA-10",
                "Sucre blanc 10 kg (qualité supérieure)",
                22_000,
            ),
            ("HUI-TOU-5", "Huile de tournesol 5 L", 38_500),
        ],
    )
    .await;
    set(app, shop, "payment.mvola", "034 12 345 67").await;
    set(app, shop, "payment.orange_money", "032 12 345 67").await;
    set(app, shop, "payment.account_name", "Epicerie Rivo").await;
    let email = format!("owner@{slug}.mg");
    app.create_user(&email, Role::Owner, shop).await;
    let token = app.api_token(&email).await;
    (shop, token)
}

pub async fn post_devis(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/devis"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn rice_and_sugar() -> Value {
    json!({
        "customer": {"name": "Hanta Rakoto", "phone": "034 11 222 33"},
        "items": [{"sku": "RIZ-MAK-25", "qty": 5}, {"sku": "SUC-BLA-10", "qty": 5}]
    })
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("devis.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn a_devis_for_rice_and_sugar_totals_522_000_ttc_in_figures_and_words() {
    let app = spawn_app().await;
    let (_, token) = epicerie(&app, "epicerie-rivo").await;

    let res = post_devis(&app, &token, rice_and_sugar()).await;
    assert_eq!(res.status(), 201);
    let d: Value = res.json().await.unwrap();
    assert!(d["number"].as_str().unwrap().starts_with("DEV-20"));
    assert!(d["number"].as_str().unwrap().ends_with("-0001"));
    assert_eq!(d["total_ht"], 435_000);
    assert_eq!(d["tva"], 87_000);
    assert_eq!(d["total_ttc"], 522_000);
    assert_eq!(d["lines"][0]["line_total"], 325_000);
    assert_eq!(d["lines"][1]["unit_price"], 22_000);
    assert_eq!(
        d["amount_in_words"],
        "Arrêté le présent devis à la somme de cinq cent vingt-deux mille ariary"
    );

    let pdf = app
        .client
        .get(app.url(d["pdf_url"].as_str().unwrap()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let text = pdftotext(&pdf.bytes().await.unwrap());
    for expected in [
        "Épicerie Rivo",
        "NIF : 4001234567",
        "STAT : 47111 11 2019 0 01234",
        "Lot IVG 12 Bis, Analakely, Antananarivo",
        "Hanta Rakoto",
        d["number"].as_str().unwrap(),
        "Riz makalioka 25 kg",
        "Sucre blanc 10 kg (qualité supérieure)",
        "325 000 Ar",
        "Total HT",
        "435 000 Ar",
        "TVA 20 %",
        "87 000 Ar",
        "Total TTC",
        "522 000 Ar",
        "cinq cent vingt-deux mille ariary",
        "MVola : 034 12 345 67",
        "Orange Money : 032 12 345 67",
        "Désignation",
    ] {
        assert!(
            text.contains(expected),
            "PDF text lacks {expected:?}:\n{text}"
        );
    }
    assert!(text.contains(&format!(
        "Référence à indiquer avec le paiement : {}",
        d["number"].as_str().unwrap()
    )));
}

#[tokio::test]
async fn the_stored_pdf_is_encrypted_on_disk() {
    let app = spawn_app().await;
    let (shop, token) = epicerie(&app, "epicerie-rivo").await;
    let d: Value = post_devis(&app, &token, rice_and_sugar())
        .await
        .json()
        .await
        .unwrap();
    let path = app
        .data_dir()
        .join("files/devis")
        .join(shop.0.to_string())
        .join(format!("{}.pdf", d["number"].as_str().unwrap()));
    let raw = std::fs::read(&path).expect("the PDF is stored under devis/{shop}/{number}.pdf");
    assert!(!raw.starts_with(b"%PDF"), "stored PDFs are sealed");
}

#[tokio::test]
async fn a_shop_without_vat_prints_tva_non_applicable() {
    let app = spawn_app().await;
    let (shop, token) = epicerie(&app, "petite-boutique").await;
    app.db
        .write(move |c| {
            c.execute("UPDATE shops SET vat_rate_bp = NULL WHERE id = ?1", [shop])?;
            Ok(())
        })
        .await
        .unwrap();
    let d: Value = post_devis(&app, &token, rice_and_sugar())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (d["tva"].as_i64(), d["total_ttc"].as_i64()),
        (Some(0), Some(435_000))
    );
    let pdf = app
        .client
        .get(app.url(d["pdf_url"].as_str().unwrap()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let text = pdftotext(&pdf.bytes().await.unwrap());
    assert!(text.contains("TVA non applicable"), "{text}");
    assert!(
        text.contains("quatre cent trente-cinq mille ariary"),
        "{text}"
    );
}

#[tokio::test]
async fn an_unknown_sku_or_a_zero_quantity_is_refused_naming_the_item() {
    let app = spawn_app().await;
    let (_, token) = epicerie(&app, "epicerie-rivo").await;
    let res = post_devis(&app, &token, json!({"customer": {}, "items": [{"sku": "RIZ-MAK-25", "qty": 1}, {"sku": "CAFE-999", "qty": 2}]})).await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("CAFE-999"),
        "{body}"
    );

    let res = post_devis(
        &app,
        &token,
        json!({"items": [{"sku": "SUC-BLA-10", "qty": 0}]}),
    )
    .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("SUC-BLA-10"),
        "{body}"
    );

    // Neither attempt used a number: the next devis is still the first.
    let d: Value = post_devis(&app, &token, rice_and_sugar())
        .await
        .json()
        .await
        .unwrap();
    assert!(d["number"].as_str().unwrap().ends_with("-0001"), "{d}");
}

#[tokio::test]
async fn fifty_devis_created_concurrently_get_fifty_consecutive_numbers() {
    let app = spawn_app().await;
    let (_, token) = epicerie(&app, "epicerie-rivo").await;
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let (client, url, token) = (app.client.clone(), app.url("/api/v1/devis"), token.clone());
            tokio::spawn(async move {
                let res = client
                    .post(url)
                    .bearer_auth(token)
                    .json(&json!({"customer": {"name": format!("Client {i}")}, "items": [{"sku": "HUI-TOU-5", "qty": i + 1}]}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 201);
                res.json::<Value>().await.unwrap()["number"].as_str().unwrap().to_string()
            })
        })
        .collect();
    let mut seqs = Vec::new();
    for t in tasks {
        let number = t.await.unwrap();
        seqs.push(number.rsplit('-').next().unwrap().parse::<u32>().unwrap());
    }
    seqs.sort();
    assert_eq!(seqs, (1..=50).collect::<Vec<_>>());
}

#[tokio::test]
async fn another_shop_cannot_fetch_a_devis_pdf() {
    let app = spawn_app().await;
    let (_, token_a) = epicerie(&app, "epicerie-rivo").await;
    let (_, token_b) = epicerie(&app, "quincaillerie-b").await;
    let d: Value = post_devis(&app, &token_a, rice_and_sugar())
        .await
        .json()
        .await
        .unwrap();
    let url = app.url(d["pdf_url"].as_str().unwrap());

    let other = app
        .client
        .get(&url)
        .bearer_auth(&token_b)
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 404);
    let anonymous = app.client.get(&url).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let owner = app
        .client
        .get(&url)
        .bearer_auth(&token_a)
        .send()
        .await
        .unwrap();
    assert_eq!(owner.status(), 200);
}

#[tokio::test]
async fn the_customer_link_serves_the_pdf_without_login_and_unknown_links_do_not() {
    let app = spawn_app().await;
    let (_, token) = epicerie(&app, "epicerie-rivo").await;
    let d: Value = post_devis(&app, &token, rice_and_sugar())
        .await
        .json()
        .await
        .unwrap();
    let link = d["public_url"].as_str().unwrap();
    let path = &link[link.find("/d/").unwrap()..];
    let res = reqwest::get(app.url(path)).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));
    let forged = reqwest::get(app.url(&format!("/d/{}", "ab".repeat(24))))
        .await
        .unwrap();
    assert_eq!(forged.status(), 404);
}
