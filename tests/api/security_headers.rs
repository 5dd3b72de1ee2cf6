//! Security headers on every admin page (a policy with no inline script or style,
//! no framing, no sniffing, no referrer), pages that need no inline code to work,
//! stored media served by their real type, and no hint of the verify token.

use crate::helpers::{spawn_app, TestApp, PASSWORD, VERIFY_TOKEN};
use std::collections::BTreeSet;
use varotra::db::accounts::Role;

fn check_headers(path: &str, res: &reqwest::Response) {
    let h = res.headers();
    let csp = h
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{path}: no CSP"))
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
    assert!(csp.contains("style-src 'self'"), "{path}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
    assert_eq!(
        h.get("x-content-type-options").unwrap(),
        "nosniff",
        "{path}"
    );
    assert_eq!(h.get("referrer-policy").unwrap(), "no-referrer", "{path}");
    assert_eq!(h.get("x-frame-options").unwrap(), "DENY", "{path}");
}

/// Inline code the policy would block: the page would silently lose it.
fn check_no_inline_code(path: &str, html: &str) {
    let lower = html.to_lowercase();
    assert!(!lower.contains(" style=\""), "{path}: a style attribute");
    assert!(!lower.contains("<style"), "{path}: a style element");
    assert!(!lower.contains("javascript:"), "{path}");
    for (at, _) in lower.match_indices("<script") {
        let tag = &lower[at..at + lower[at..].find('>').unwrap()];
        assert!(tag.contains(" src="), "{path}: inline script {tag}");
    }
    for attr in [
        " onclick=",
        " onsubmit=",
        " onchange=",
        " onload=",
        " oninput=",
    ] {
        assert!(!lower.contains(attr), "{path}: {attr}");
    }
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).send().await.unwrap()
}

fn admin_links(html: &str) -> Vec<String> {
    html.match_indices("href=\"/admin")
        .map(|(at, _)| {
            let rest = &html[at + 6..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .filter(|l| !l.contains("/media/") && !l.ends_with(".csv") && !l.contains("/pdf"))
        .collect()
}

async fn shop_with_a_conversation(app: &TestApp) -> i64 {
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.db
        .write(move |c| {
            c.execute(
                "INSERT INTO conversations (shop_id, customer_key, customer_phone, customer_name)
                 VALUES (?1, '261341234567', '261341234567', 'Rasoa')",
                [shop],
            )?;
            let conv = c.last_insert_rowid();
            c.execute(
                "INSERT INTO messages (shop_id, conversation_id, direction, kind, body, media_path, author)
                 VALUES (?1, ?2, 'in', 'image', 'photo', 'media/1/photo.html', 'customer')",
                rusqlite::params![shop, conv],
            )?;
            Ok(conv)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn every_admin_page_reached_from_the_dashboard_has_the_security_headers() {
    let app = spawn_app().await;
    shop_with_a_conversation(&app).await;
    let login = get(&app, "/admin/login").await;
    check_headers("/admin/login", &login);
    check_no_inline_code("/admin/login", &login.text().await.unwrap());
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    let mut seen = BTreeSet::new();
    let mut queue = vec!["/admin".to_string()];
    while let Some(path) = queue.pop() {
        if !seen.insert(path.clone()) || seen.len() > 80 {
            continue;
        }
        let res = get(&app, &path).await;
        check_headers(&path, &res);
        if res.status() != 200 {
            continue;
        }
        let html = res.text().await.unwrap();
        check_no_inline_code(&path, &html);
        queue.extend(admin_links(&html));
    }
    for page in [
        "/admin/conversations",
        "/admin/catalogue",
        "/admin/parametres",
        "/admin/equipe",
    ] {
        assert!(seen.contains(page), "{page} was reached: {seen:?}");
    }
    let api = get(&app, "/api/v1/openapi.json").await;
    check_headers("/api/v1/openapi.json", &api);
}

#[tokio::test]
async fn stored_media_are_served_by_their_real_type_never_run() {
    let app = spawn_app().await;
    let conv = shop_with_a_conversation(&app).await;
    let key = varotra::crypto::MasterKey::from_bytes([0x42; 32], "test");
    let files = varotra::crypto::FileStore::new(app.data_dir().join("files"), Some(&key));
    // A "photo" that is really a page with a script, named to look like a web page.
    files
        .put(
            "media/1/photo.html",
            b"<html><script>alert(document.cookie)</script>",
        )
        .unwrap();
    app.login("rivo@example.mg", PASSWORD).await;
    let id: i64 = app
        .db
        .read(|c| Ok(c.query_row("SELECT id FROM messages", [], |r| r.get(0))?))
        .await
        .unwrap();
    let res = get(&app, &format!("/admin/conversations/{conv}/media/{id}")).await;
    assert_eq!(res.status(), 200);
    let h = res.headers();
    assert_eq!(h.get("content-type").unwrap(), "application/octet-stream");
    assert!(h
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert!(h
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("sandbox"));
    // A real JPEG is shown inline as a JPEG.
    files
        .put("media/1/photo.html", b"\xFF\xD8\xFF\xE0\0\x10JFIF\0")
        .unwrap();
    let res = get(&app, &format!("/admin/conversations/{conv}/media/{id}")).await;
    assert_eq!(res.headers().get("content-type").unwrap(), "image/jpeg");
}

#[tokio::test]
async fn the_settings_page_gives_no_hint_of_the_verify_token() {
    let app = spawn_app().await;
    shop_with_a_conversation(&app).await;
    app.db
        .write(|c| {
            c.execute(
                "INSERT INTO whatsapp_accounts (shop_id, wa_number, provider, webhook_token, phone_number_id, token)
                 VALUES (1, '261320000001', 'meta', 'hook', '106540352242922', 'secret')",
                [],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    app.login("rivo@example.mg", PASSWORD).await;
    let html = app.page("/admin/parametres", 200).await;
    assert!(
        html.contains("verify_token"),
        "the page says where it is set"
    );
    let head: String = VERIFY_TOKEN.chars().take(2).collect();
    assert!(!html.contains(&format!("{head}…")), "no prefix shown");
    assert!(!html.contains(&format!("{} caractères", VERIFY_TOKEN.len())));
    assert!(!html.contains(VERIFY_TOKEN));
}
