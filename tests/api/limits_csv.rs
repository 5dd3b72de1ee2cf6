//! Catalogue CSV reports stay short and imports keep what a file does not mention:
//! a hundred errors listed then "… et N autres" (API JSON, admin page, CLI), a header
//! typo refused with the column it looks like, absent columns left as stored.

use crate::helpers::{extract_csrf, spawn_app, TestApp, PASSWORD};
use reqwest::multipart::{Form, Part};
use serde_json::Value;
use varotra::db::accounts::Role;

fn bad_rows(n: usize) -> Vec<u8> {
    let mut csv = String::from("sku;title;price\n");
    for i in 0..n {
        csv.push_str(&format!("S{i};Article {i};pas un prix\n"));
    }
    csv.into_bytes()
}

fn file(bytes: Vec<u8>) -> Form {
    Form::new().part("file", Part::bytes(bytes).file_name("c.csv"))
}

async fn owner(app: &TestApp) -> String {
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.api_token("rivo@example.mg").await
}

async fn api_upload(app: &TestApp, token: &str, bytes: Vec<u8>) -> (u16, Value) {
    let res = app
        .client
        .post(app.url("/api/v1/products/upload"))
        .bearer_auth(token)
        .multipart(file(bytes))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

#[tokio::test]
async fn a_thousand_bad_rows_list_a_hundred_and_count_the_rest_everywhere() {
    let app = spawn_app().await;
    let token = owner(&app).await;
    let (status, body) = api_upload(&app, &token, bad_rows(1000)).await;
    assert_eq!(status, 422);
    let err = &body["error"];
    assert_eq!(err["rows"].as_array().unwrap().len(), 100, "{err}");
    assert_eq!(err["more_rows"], 900);
    assert_eq!(err["rows"][0]["line"], 2);
    assert!(err["message"].as_str().unwrap().starts_with("1000 erreur"));

    app.login("rivo@example.mg", PASSWORD).await;
    let csrf = extract_csrf(&app.page("/admin/catalogue", 200).await).unwrap();
    let res = app
        .client
        .post(app.url("/admin/catalogue/import"))
        .multipart(file(bad_rows(1000)).text("csrf", csrf))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("… et 900 autres"), "{html}");
    assert_eq!(html.matches("pas un prix").count(), 100);

    let path = app.dir.path().join("bad.csv");
    std::fs::write(&path, bad_rows(1000)).unwrap();
    let out = app
        .command()
        .args(["catalog", "import", "--shop", "epicerie-rivo"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("… et 900 autres"), "{stderr}");
    let listed = stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("ligne "))
        .count();
    assert_eq!(listed, 100, "{stderr}");
}

#[tokio::test]
async fn a_header_typo_is_refused_with_its_suggestion_and_absent_columns_keep_their_values() {
    let app = spawn_app().await;
    let token = owner(&app).await;
    let full = "sku,title,price,currency,stock,description\n\
                RIZ-1,Riz makalioka 1 kg,3500,MGA,250,Riz local vendu au kilo\n";
    let (status, _) = api_upload(&app, &token, full.into()).await;
    assert_eq!(status, 200);
    let typo = "sku,title,price,descri3tion\nRIZ-1,Riz makalioka 1 kg,3600,\n";
    let (status, body) = api_upload(&app, &token, typo.into()).await;
    assert_eq!(status, 422, "{body}");
    let reason = body["error"]["rows"][0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("descri3tion") && reason.contains("« description »"),
        "{reason}"
    );
    let prices_only = "sku,title,price\nRIZ-1,Riz makalioka 1 kg,3600\n";
    let (status, body) = api_upload(&app, &token, prices_only.into()).await;
    assert_eq!((status, body["updated"].as_u64()), (200, Some(1)), "{body}");
    let res = app
        .client
        .get(app.url("/api/v1/products"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let list: Value = res.json().await.unwrap();
    let p = &list["items"][0];
    assert_eq!(p["price"], 3600);
    assert_eq!(p["stock"], 250, "{p}");
    assert_eq!(p["description"], "Riz local vendu au kilo", "{p}");
}
