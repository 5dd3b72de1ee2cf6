//! Logins are counted before their password is checked, per account with a ceiling
//! per address, argon2 runs off the database writer, and a forwarded address is
//! believed only from a configured proxy.

use crate::helpers::{spawn_app, spawn_app_with, TestApp, PASSWORD};
use crate::whatsapp_support::{post_signed, shop_with_number, PHONE_NUMBER_ID};
use futures_util::future::join_all;
use varotra::db::accounts::Role;

async fn api_login(app: &TestApp, email: &str, password: &str, xff: Option<&str>) -> u16 {
    let mut req = reqwest::Client::new()
        .post(app.url("/api/v1/login"))
        .json(&serde_json::json!({"email": email, "password": password}));
    if let Some(x) = xff {
        req = req.header("X-Forwarded-For", x);
    }
    req.send().await.unwrap().status().as_u16()
}

fn text_delivery(i: usize) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "261320000001", "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": "Client"}, "wa_id": format!("26134{i:07}")}],
            "messages": [{"from": format!("26134{i:07}"), "id": format!("wamid.burst.{i}"),
                "timestamp": "1764057600", "type": "text", "text": {"body": "Bonjour"}}]
        }}]}]
    }))
    .unwrap()
}

#[tokio::test]
async fn a_parallel_login_burst_gets_429s_and_webhooks_meanwhile_are_all_acknowledged() {
    let app = spawn_app_with(|s| s.assistant.enabled = false).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    let logins = (0..300).map(|_| api_login(&app, "rivo@example.mg", "wrong password", None));
    let app_ref = &app;
    let hooks = (0..40).map(|i| async move {
        let body = text_delivery(i);
        post_signed(app_ref, &body).await.status().as_u16()
    });
    let (logins, hooks) = tokio::join!(join_all(logins), join_all(hooks));
    let unauthorized = logins.iter().filter(|s| **s == 401).count();
    let limited = logins.iter().filter(|s| **s == 429).count();
    assert_eq!(
        unauthorized, 5,
        "only the allowed attempts reach the password check"
    );
    assert_eq!(limited, 295, "{logins:?}");
    assert!(hooks.iter().all(|s| *s == 200), "{hooks:?}");
    let stored: i64 = app
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM messages WHERE wamid LIKE 'wamid.burst.%'",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(stored, 40, "every acknowledged webhook landed");
}

#[tokio::test]
async fn an_agent_typing_wrong_locks_only_himself_not_the_owner() {
    let app = spawn_app().await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("owner@example.mg", Role::Owner, shop).await;
    app.create_user("agent@example.mg", Role::Agent, shop).await;
    for _ in 0..5 {
        assert_eq!(
            api_login(&app, "agent@example.mg", "typo typo", None).await,
            401
        );
    }
    assert_eq!(
        api_login(&app, "agent@example.mg", PASSWORD, None).await,
        429
    );
    assert_eq!(
        api_login(&app, "owner@example.mg", PASSWORD, None).await,
        200
    );
    // The admin form says it in French, with the wait.
    let res = app.login("agent@example.mg", PASSWORD).await;
    assert_eq!(res.status(), 429);
    assert!(res.text().await.unwrap().contains("Réessayez dans"));
}

#[tokio::test]
async fn a_forged_forwarded_address_does_not_escape_the_address_ceiling() {
    let app = spawn_app_with(|s| s.server.login_attempts_per_ip = 6).await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("owner@example.mg", Role::Owner, shop).await;
    for i in 0..6 {
        let xff = format!("198.51.100.{i}");
        let email = format!("nobody{i}@example.mg");
        assert_eq!(api_login(&app, &email, "x-password", Some(&xff)).await, 401);
    }
    // A seventh address claimed by the client changes nothing: the peer is the client.
    assert_eq!(
        api_login(&app, "owner@example.mg", PASSWORD, Some("203.0.113.99")).await,
        429
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_ceiling() {
    let app = spawn_app_with(|s| {
        s.server.login_attempts_per_ip = 2;
        s.server.trusted_proxies = "127.0.0.1".into();
    })
    .await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("owner@example.mg", Role::Owner, shop).await;
    for _ in 0..2 {
        let status = api_login(&app, "x@example.mg", "bad-password", Some("198.51.100.1")).await;
        assert_eq!(status, 401);
    }
    assert_eq!(
        api_login(&app, "y@example.mg", "bad-password", Some("198.51.100.1")).await,
        429,
        "the forwarded client reached its ceiling"
    );
    // Another client behind the same proxy is not locked out by the first.
    assert_eq!(
        api_login(&app, "owner@example.mg", PASSWORD, Some("198.51.100.2")).await,
        200
    );
}
