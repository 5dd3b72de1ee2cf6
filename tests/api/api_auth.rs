use crate::helpers::{spawn_app, PASSWORD};
use varotra::db::accounts::Role;

#[tokio::test]
async fn an_api_login_returns_a_bearer_token_that_can_be_revoked() {
    let app = spawn_app().await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("o@example.mg", Role::Owner, shop).await;
    let token = app.api_token("o@example.mg").await;
    let out = app
        .client
        .post(app.url("/api/v1/logout"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    let again = app
        .client
        .post(app.url("/api/v1/logout"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 401);
    let body: serde_json::Value = again.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn a_wrong_api_password_gets_a_json_401() {
    let app = spawn_app().await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("o@example.mg", Role::Owner, shop).await;
    let res = app
        .client
        .post(app.url("/api/v1/login"))
        .json(&serde_json::json!({"email": "o@example.mg", "password": format!("{PASSWORD}x")}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn a_malformed_api_login_names_the_problem() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(app.url("/api/v1/login"))
        .json(&serde_json::json!({"email": "o@example.mg"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("password"));
}
