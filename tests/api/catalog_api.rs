//! The catalogue over HTTP: CSV upload (JSON report or 422 with every bad row),
//! product search scoped to the token's shop, and the admin pages.

use crate::helpers::{extract_csrf, spawn_app, TestApp, PASSWORD};
use reqwest::multipart::{Form, Part};
use serde_json::Value;
use varotra::db::accounts::Role;

const EPICERIE: &[u8] = include_bytes!("../fixtures/catalog-epicerie.csv");
const TELEPHONE: &[u8] = include_bytes!("../fixtures/catalog-telephone.csv");

fn csv_form(bytes: &[u8]) -> Form {
    Form::new().part(
        "file",
        Part::bytes(bytes.to_vec())
            .file_name("catalogue.csv")
            .mime_str("text/csv")
            .unwrap(),
    )
}

async fn upload(app: &TestApp, token: &str, bytes: &[u8]) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/products/upload"))
        .bearer_auth(token)
        .multipart(csv_form(bytes))
        .send()
        .await
        .unwrap()
}

async fn search(app: &TestApp, token: &str, q: &str) -> Vec<String> {
    let res = app
        .client
        .get(app.url("/api/v1/products"))
        .query(&[("q", q), ("limit", "3")])
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["sku"].as_str().unwrap().to_string())
        .collect()
}

/// Two shops with their owners' tokens and catalogues loaded through the API.
async fn two_shops(app: &TestApp) -> (String, String) {
    let a = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    let b = app.create_shop("phone-hery", "Phone Hery").await;
    app.create_user("rivo@example.mg", Role::Owner, a).await;
    app.create_user("hery@example.mg", Role::Owner, b).await;
    let (ta, tb) = (
        app.api_token("rivo@example.mg").await,
        app.api_token("hery@example.mg").await,
    );
    assert_eq!(upload(app, &ta, EPICERIE).await.status(), 200);
    assert_eq!(upload(app, &tb, TELEPHONE).await.status(), 200);
    (ta, tb)
}

#[tokio::test]
async fn an_uploaded_catalogue_reports_its_counts_and_is_searchable() {
    let app = spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    let token = app.api_token("rivo@example.mg").await;
    let res = upload(&app, &token, EPICERIE).await;
    assert_eq!(res.status(), 200);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["added"], 30);
    assert_eq!(report["unchanged"], 0);
    let again: Value = upload(&app, &token, EPICERIE).await.json().await.unwrap();
    assert_eq!(
        (again["added"].as_i64(), again["unchanged"].as_i64()),
        (Some(0), Some(30))
    );

    let res = app
        .client
        .get(app.url("/api/v1/products?q=huile%205L&limit=1"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let body: Value = res.json().await.unwrap();
    let item = &body["items"][0];
    assert_eq!(item["sku"], "HUILE-5L");
    assert_eq!(item["price"], 45000);
    assert_eq!(item["currency"], "MGA");
    assert_eq!(item["stock"], 25);
    assert_eq!(item["title"], "Huile végétale bidon 5 L");
    assert!(item.get("image_url").is_some());

    let all: Value = app
        .client
        .get(app.url("/api/v1/products?limit=10&offset=25"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all["total"], 30);
    assert_eq!(all["items"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn a_broken_upload_gets_a_422_naming_every_bad_line_and_writes_nothing() {
    let app = spawn_app().await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("o@example.mg", Role::Owner, shop).await;
    let token = app.api_token("o@example.mg").await;
    let broken = "sku,title,price\nA,Riz,3500\nB,,1000\nC,Huile,-5\nA,Riz bis,100\n";
    let res = upload(&app, &token, broken.as_bytes()).await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_csv");
    let lines: Vec<i64> = body["error"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, [3, 4, 5]);
    let all: Value = app
        .client
        .get(app.url("/api/v1/products"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all["total"], 0);
}

#[tokio::test]
async fn an_agent_cannot_upload_a_catalogue() {
    let app = spawn_app().await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("agent@example.mg", Role::Agent, shop).await;
    let token = app.api_token("agent@example.mg").await;
    assert_eq!(upload(&app, &token, EPICERIE).await.status(), 403);
}

#[tokio::test]
async fn search_finds_products_the_way_customers_write_and_never_crosses_shops() {
    let app = spawn_app().await;
    let (rivo, hery) = two_shops(&app).await;
    assert!(search(&app, &rivo, "vary")
        .await
        .contains(&"RIZ-MAK-1K".to_string()));
    assert_eq!(search(&app, &rivo, "menaka 1 litatra").await[0], "HUILE-1L");
    assert!(search(&app, &hery, "ecouteur")
        .await
        .contains(&"ECO-BT-PRO".to_string()));
    assert!(search(&app, &hery, "tondeuze")
        .await
        .contains(&"TONDEUSE-BARBE".to_string()));
    // Each shop sees only its own products, whatever it asks.
    assert!(search(&app, &rivo, "samsung galaxy").await.is_empty());
    assert!(search(&app, &hery, "riz makalioka").await.is_empty());
    assert_eq!(
        search(&app, &rivo, "lampe solaire").await[0],
        "LAMPE-SOLAIRE"
    );
    let theirs = search(&app, &hery, "lampe solaire").await;
    assert_eq!(theirs[0], "LAMPE-SOL-T");
    assert!(!theirs.contains(&"LAMPE-SOLAIRE".to_string()));
}

#[tokio::test]
async fn the_admin_catalogue_lists_imports_edits_and_deletes_products() {
    let app = spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.login("rivo@example.mg", PASSWORD).await;
    let page = app
        .client
        .get(app.url("/admin/catalogue"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let csrf = extract_csrf(&html).unwrap();

    // Upload without the CSRF token is refused; with it, imported.
    let res = app
        .client
        .post(app.url("/admin/catalogue/import"))
        .multipart(csv_form(EPICERIE))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let form = csv_form(EPICERIE).text("csrf", csrf.clone());
    let res = app
        .client
        .post(app.url("/admin/catalogue/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("30 ajouté"));

    let html = app.page("/admin/catalogue?q=tsaramaso", 200).await;
    assert!(html.contains("Haricots secs 1 kg"), "{html}");

    let template = app
        .client
        .get(app.url("/admin/catalogue/modele.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(template.status(), 200);
    assert!(template.text().await.unwrap().contains("sku;title;price"));

    // Edit the price, then delete.
    let id: i64 = app
        .db
        .read(move |c| {
            Ok(varotra::db::products::get_by_sku(c, shop, "SEL-1K")?
                .unwrap()
                .id
                .0)
        })
        .await
        .unwrap();
    let res = app
        .client
        .post(app.url(&format!("/admin/catalogue/{id}")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("sku", "SEL-1K"),
            ("title", "Sel iodé 1 kg"),
            ("price", "1 700"),
            ("currency", "MGA"),
            ("stock", "80"),
            ("description", "Sel de cuisine iodé"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let p = app
        .db
        .read(move |c| Ok(varotra::db::products::get_by_sku(c, shop, "SEL-1K")?.unwrap()))
        .await
        .unwrap();
    assert_eq!((p.price.0, p.stock), (1700, Some(80)));
    let res = app
        .client
        .post(app.url(&format!("/admin/catalogue/{id}/supprimer")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let gone = app
        .db
        .read(move |c| varotra::db::products::get_by_sku(c, shop, "SEL-1K"))
        .await
        .unwrap();
    assert!(gone.is_none());
}

#[tokio::test]
async fn an_uploaded_image_is_stored_encrypted_and_served_only_to_the_shops_admins() {
    let app = spawn_app().await;
    let (a, b) = (
        app.create_shop("a", "A").await,
        app.create_shop("b", "B").await,
    );
    app.create_user("a@example.mg", Role::Owner, a).await;
    app.create_user("b@example.mg", Role::Owner, b).await;
    let token = app.api_token("a@example.mg").await;
    upload(&app, &token, EPICERIE).await;
    app.login("a@example.mg", PASSWORD).await;
    let html = app.page("/admin/catalogue", 200).await;
    let csrf = extract_csrf(&html).unwrap();
    let id = app
        .db
        .read(move |c| {
            Ok(varotra::db::products::get_by_sku(c, a, "HUILE-1L")?
                .unwrap()
                .id
                .0)
        })
        .await
        .unwrap();
    let png = b"\x89PNG\r\n\x1a\n0000 fake png body".to_vec();
    let form = Form::new()
        .text("csrf", csrf)
        .part("image", Part::bytes(png.clone()).file_name("huile.png"));
    let res = app
        .client
        .post(app.url(&format!("/admin/catalogue/{id}/image")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let got = app
        .client
        .get(app.url(&format!("/admin/catalogue/{id}/image")))
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(got.bytes().await.unwrap().as_ref(), png.as_slice());
    let raw = std::fs::read(app.data_dir().join(format!("files/products/{a}/HUILE-1L"))).unwrap();
    assert!(!raw.starts_with(b"\x89PNG"));
    // Another shop's admin gets a 404, a stranger the login page.
    let other = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    let url = app.url(&format!("/admin/catalogue/{id}/image"));
    assert_eq!(other.get(&url).send().await.unwrap().status(), 303);
    let csrf = {
        let html = other
            .get(app.url("/admin/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        extract_csrf(&html).unwrap()
    };
    other
        .post(app.url("/admin/login"))
        .form(&[
            ("email", "b@example.mg"),
            ("password", PASSWORD),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(other.get(&url).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn the_admin_faq_adds_edits_and_deletes_questions() {
    let app = spawn_app().await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("o@example.mg", Role::Owner, shop).await;
    app.login("o@example.mg", PASSWORD).await;
    let html = app.page("/admin/faq", 200).await;
    let csrf = extract_csrf(&html).unwrap();
    let res = app
        .client
        .post(app.url("/admin/faq"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("question", "Vous livrez à Ivato ?"),
            ("answer", "Oui, 5 000 Ar."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = app.page("/admin/faq", 200).await;
    assert!(html.contains("Vous livrez à Ivato ?"));
    let items = app
        .db
        .read(move |c| varotra::db::faq::list(c, shop))
        .await
        .unwrap();
    let id = items[0].id;
    let res = app
        .client
        .post(app.url(&format!("/admin/faq/{id}")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("question", "Vous livrez à Ivato ?"),
            ("answer", "Oui, 6 000 Ar."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let items = app
        .db
        .read(move |c| varotra::db::faq::list(c, shop))
        .await
        .unwrap();
    assert_eq!(items[0].answer, "Oui, 6 000 Ar.");
    let res = app
        .client
        .post(app.url(&format!("/admin/faq/{id}/supprimer")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(app
        .db
        .read(move |c| varotra::db::faq::list(c, shop))
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_synonym_added_in_the_admin_is_used_by_search_and_stock_is_editable() {
    let app = spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    let token = app.api_token("rivo@example.mg").await;
    upload(&app, &token, EPICERIE).await;
    app.login("rivo@example.mg", PASSWORD).await;
    // "batiry" is what some customers call batteries; the seeded list does not know it.
    assert!(!search(&app, &token, "batiry")
        .await
        .contains(&"PILES-AA4".to_string()));
    let html = app.page("/admin/catalogue/synonymes", 200).await;
    assert!(html.contains("vary = riz"), "the seeded list is shown");
    let csrf = extract_csrf(&html).unwrap();
    let text = html
        .split("<textarea name=\"text\" rows=\"24\">")
        .nth(1)
        .and_then(|t| t.split("</textarea>").next())
        .unwrap()
        .replace("&#x3D;", "=")
        .replace("&#61;", "=");
    let text = format!("{text}batiry = piles\n");
    let res = app
        .client
        .post(app.url("/admin/catalogue/synonymes"))
        .form(&[("csrf", csrf.as_str()), ("text", text.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(search(&app, &token, "batiry").await[0], "PILES-AA4");
    assert!(search(&app, &token, "vary")
        .await
        .contains(&"RIZ-MAK-1K".to_string()));

    let id = app
        .db
        .read(move |c| {
            Ok(varotra::db::products::get_by_sku(c, shop, "PILES-AA4")?
                .unwrap()
                .id
                .0)
        })
        .await
        .unwrap();
    let res = app
        .client
        .post(app.url(&format!("/admin/catalogue/{id}/stock")))
        .form(&[("csrf", csrf.as_str()), ("stock", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let p = app
        .db
        .read(move |c| Ok(varotra::db::products::get_by_sku(c, shop, "PILES-AA4")?.unwrap()))
        .await
        .unwrap();
    assert_eq!(p.stock, Some(0));
}
