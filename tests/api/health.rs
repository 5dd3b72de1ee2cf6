use crate::helpers::spawn_app;

#[tokio::test]
async fn healthz_answers_ok_when_the_database_answers() {
    let app = spawn_app().await;
    let res = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn metrics_count_requests_by_route() {
    let app = spawn_app().await;
    reqwest::get(app.url("/healthz")).await.unwrap();
    let text = reqwest::get(app.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains("http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(text.contains("http_request_duration_seconds_bucket{route=\"/healthz\""));
}

#[tokio::test]
async fn assets_are_served_from_the_binary() {
    let app = spawn_app().await;
    let res = reqwest::get(app.url("/assets/admin.css")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    let missing = reqwest::get(app.url("/assets/nope.css")).await.unwrap();
    assert_eq!(missing.status(), 404);
}
