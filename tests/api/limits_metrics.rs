//! Metrics cannot be grown by strangers (an unknown method or path is `other`, never a
//! series of its own), and `/metrics` answers only this machine unless a token or
//! `metrics_public` says otherwise.

use crate::helpers::{spawn_app, spawn_app_with};

async fn metrics_text(app: &crate::helpers::TestApp) -> String {
    let res = reqwest::get(app.url("/metrics")).await.unwrap();
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

#[tokio::test]
async fn odd_methods_and_paths_do_not_add_series() {
    let app = spawn_app().await;
    let client = reqwest::Client::new();
    for i in 0..1500 {
        let method = format!("M{i:04}{}", "X".repeat(200));
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let path = format!("/nowhere/{i}/{}", "p".repeat(100));
        let res = client.request(method, app.url(&path)).send().await.unwrap();
        assert!(res.status().is_client_error(), "{}", res.status());
    }
    let text = metrics_text(&app).await;
    assert!(!text.contains("M0001"), "a method became a label");
    assert!(!text.contains("/nowhere/"), "a path became a label");
    assert!(
        text.contains("http_requests_total{method=\"other\",route=\"other\",status=\"404\"} 1500"),
        "{text}"
    );
    assert!(text.len() < 20_000, "{} bytes", text.len());
}

#[tokio::test]
async fn metrics_refuse_a_relayed_request_unless_told_otherwise() {
    let app = spawn_app().await;
    metrics_text(&app).await;
    // What a reverse proxy on the same machine forwards from a stranger.
    let relayed = reqwest::Client::new()
        .get(app.url("/metrics"))
        .header("X-Forwarded-For", "203.0.113.7")
        .send()
        .await
        .unwrap();
    assert_eq!(relayed.status(), 403);

    let public = spawn_app_with(|s| s.server.metrics_public = true).await;
    let res = reqwest::Client::new()
        .get(public.url("/metrics"))
        .header("X-Forwarded-For", "203.0.113.7")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn a_metrics_token_is_required_from_everyone_once_set() {
    let app = spawn_app_with(|s| {
        s.server.metrics_token = varotra::settings::Secret::new("scrape-me-please");
    })
    .await;
    let client = reqwest::Client::new();
    let none = client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(none.status(), 403, "even from loopback");
    let wrong = client
        .get(app.url("/metrics"))
        .bearer_auth("scrape-me-pleasE")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    let right = client
        .get(app.url("/metrics"))
        .bearer_auth("scrape-me-please")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), 200);
    assert!(right.text().await.unwrap().contains("http_requests_total"));
}
