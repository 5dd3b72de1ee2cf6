//! Multipart uploads under one cap that counts every byte (names and part headers
//! too), only the form's own fields, each once, and the role checked before a byte
//! of the body is read.

use crate::helpers::{spawn_app, TestApp, PASSWORD};
use serde_json::Value;
use std::time::Duration;
use varotra::db::accounts::Role;

const BOUNDARY: &str = "XyZvarotraBoundary";

fn part(name: &str, body: &str) -> String {
    format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{body}\r\n")
}

fn end() -> String {
    format!("--{BOUNDARY}--\r\n")
}

async fn post_raw(app: &TestApp, path: &str, token: Option<&str>, body: Vec<u8>) -> (u16, String) {
    let mut req = app
        .client
        .post(app.url(path))
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn owner_token(app: &TestApp) -> String {
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.create_user("agent@example.mg", Role::Agent, shop).await;
    app.api_token("rivo@example.mg").await
}

#[tokio::test]
async fn a_form_of_many_fields_stops_at_the_first_unknown_or_repeated_one() {
    let app = spawn_app().await;
    let token = owner_token(&app).await;
    let mut body = String::new();
    for _ in 0..50_000 {
        body.push_str(&part("x", ""));
    }
    body.push_str(&end());
    let (status, text) = post_raw(&app, "/api/v1/products/upload", Some(&token), body.into()).await;
    assert_eq!(status, 400, "{text}");
    let err: Value = serde_json::from_str(&text).unwrap();
    assert!(err["error"]["message"].as_str().unwrap().contains("« x »"));

    let body = format!("{}{}{}", part("dry_run", "1"), part("dry_run", "1"), end());
    let (status, text) = post_raw(&app, "/api/v1/products/upload", Some(&token), body.into()).await;
    assert_eq!(status, 400);
    assert!(text.contains("deux fois"), "{text}");
}

#[tokio::test]
async fn field_names_and_part_headers_count_toward_the_size_cap() {
    let app = spawn_app().await;
    let token = owner_token(&app).await;
    // No file byte at all: a 21 MB field name alone goes past the 20 MB cap.
    let name = "n".repeat(21 * 1024 * 1024);
    let body = format!("{}{}", part(&name, ""), end());
    let (status, text) = post_raw(&app, "/api/v1/products/upload", Some(&token), body.into()).await;
    assert_eq!(status, 413, "{}", &text[..text.len().min(200)]);
    let err: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(err["error"]["code"], "payload_too_large");
    // Part headers too: many long headers on one small field.
    let header = format!("X-Pad: {}\r\n", "p".repeat(1000));
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
    );
    for _ in 0..22_000 {
        body.push_str(&header);
    }
    body.push_str("\r\nsku,title,price\r\n");
    body.push_str(&end());
    let (status, _) = post_raw(&app, "/api/v1/products/upload", Some(&token), body.into()).await;
    assert!(status == 413 || status == 400, "refused, got {status}");
    let res = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(res.status(), 200);
}

/// Sends a request head announcing a big multipart body and only its first part,
/// then waits for the answer: only a handler that answers before reading the whole
/// body can reply at all. Returns the status code.
async fn status_before_the_body_ends(app: &TestApp, path: &str, auth: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.address.trim_start_matches("http://");
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    let first = part("file", "sku,title,price");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n\
         Content-Length: {}\r\n\r\n{first}",
        30 * 1024 * 1024
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 64];
    let read = conn.read(&mut buf);
    // The guard only bounds a hang if the body were awaited; no timing is asserted.
    let n = tokio::time::timeout(Duration::from_secs(60), read)
        .await
        .expect("answered without the rest of the body")
        .unwrap();
    let line = String::from_utf8_lossy(&buf[..n]).into_owned();
    line.split(' ').nth(1).unwrap().parse().unwrap()
}

#[tokio::test]
async fn an_agent_upload_is_refused_before_its_body_is_read() {
    let app = spawn_app().await;
    owner_token(&app).await;
    let agent = app.api_token("agent@example.mg").await;
    let auth = format!("Authorization: Bearer {agent}\r\n");
    let status = status_before_the_body_ends(&app, "/api/v1/products/upload", &auth).await;
    assert_eq!(status, 403);
    // The admin form too: the agent's session is refused before the upload is read.
    let res = app.login("agent@example.mg", PASSWORD).await;
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("varotra_session="))
        .unwrap();
    let auth = format!("Cookie: {cookie}\r\n");
    let status = status_before_the_body_ends(&app, "/admin/catalogue/import", &auth).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_declared_length_over_the_cap_is_refused_at_once() {
    let app = spawn_app().await;
    let token = owner_token(&app).await;
    let auth = format!("Authorization: Bearer {token}\r\n");
    let status = status_before_the_body_ends(&app, "/api/v1/products/upload", &auth).await;
    assert_eq!(status, 413);
}
