//! Pagination numbers from clients: beyond their bound they are a 400 that names the
//! parameter (JSON for the API, French for the admin), never an allocation sized by
//! the client (a huge `offset` once aborted the whole server) nor an overflow.

use crate::helpers::{spawn_app, TestApp, PASSWORD};
use serde_json::Value;
use varotra::db::accounts::Role;

const EPICERIE: &[u8] = include_bytes!("../fixtures/catalog-epicerie.csv");

async fn shop_with_catalogue(app: &TestApp) -> String {
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    let token = app.api_token("rivo@example.mg").await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(EPICERIE.to_vec()).file_name("c.csv"),
    );
    let res = app
        .client
        .post(app.url("/api/v1/products/upload"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    token
}

async fn api_get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let res = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body = res.json().await.unwrap_or(Value::Null);
    (status, body)
}

async fn still_alive(app: &TestApp) {
    let res = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(res.status(), 200, "the server survived");
}

#[tokio::test]
async fn a_huge_product_offset_is_a_json_400_naming_it_and_the_server_stays_up() {
    let app = spawn_app().await;
    let token = shop_with_catalogue(&app).await;
    for path in [
        "/api/v1/products?q=huile&limit=200&offset=80000000000",
        "/api/v1/products?limit=200&offset=80000000000",
        "/api/v1/products?q=huile&offset=990&limit=20",
    ] {
        let (status, body) = api_get(&app, &token, path).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body["error"]["code"], "bad_request", "{path}");
        let msg = body["error"]["message"].as_str().unwrap();
        assert!(msg.starts_with("offset:"), "{path}: {msg}");
    }
    let (status, body) = api_get(&app, &token, "/api/v1/products?limit=100000").await;
    assert_eq!(status, 400);
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("limit:"));
    // A search near the end of its window still answers.
    let (status, _) = api_get(&app, &token, "/api/v1/products?q=huile&offset=980&limit=20").await;
    assert_eq!(status, 200);
    still_alive(&app).await;
}

#[tokio::test]
async fn numbers_that_do_not_parse_are_json_400s_on_every_api_list() {
    let app = spawn_app().await;
    let token = shop_with_catalogue(&app).await;
    for path in [
        "/api/v1/products?offset=-1",
        "/api/v1/products?offset=99999999999999999999999",
        "/api/v1/conversations?page=9223372036854775807",
        "/api/v1/conversations?page=0",
        "/api/v1/conversations?page=abc",
        "/api/v1/conversations/1/messages?after=-5",
        "/api/v1/conversations/1/messages?limit=0",
        "/api/v1/devis?offset=-1",
        "/api/v1/devis?offset=9223372036854775807",
        "/api/v1/prospects?limit=100000",
        "/api/v1/prospects?offset=1e9",
    ] {
        let (status, body) = api_get(&app, &token, path).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body["error"]["code"], "bad_request", "{path}: {body}");
    }
    still_alive(&app).await;
}

#[tokio::test]
async fn a_huge_admin_page_number_is_a_french_400_page() {
    let app = spawn_app().await;
    shop_with_catalogue(&app).await;
    let res = app.login("rivo@example.mg", PASSWORD).await;
    assert_eq!(res.status(), 303);
    for path in [
        "/admin/catalogue?page=99999999999999",
        "/admin/catalogue?q=huile&page=2000",
        "/admin/conversations?page=9223372036854775807",
        "/admin/catalogue?page=abc",
    ] {
        let body = app.page(path, 400).await;
        assert!(
            body.contains("invalide"),
            "{path}: a French reason is shown: {body}"
        );
    }
    // The pages in range still work.
    let body = app.page("/admin/catalogue?page=0", 200).await;
    assert!(body.contains("Huile"), "{body}");
    app.page("/admin/catalogue?q=huile&page=1", 200).await;
    still_alive(&app).await;
}
