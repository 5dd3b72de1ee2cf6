//! Wizard step 3 (and Paramètres › Numéros WhatsApp): a number is connected only once
//! its provider accepted the token, live; a refusal is named in French and stores
//! nothing; the verify token shown answers Meta's handshake and the webhook then
//! reaches the shop. `varotra number add` takes the same path.

use crate::helpers::{extract_csrf, spawn_app_with, TestApp, PASSWORD};
use crate::whatsapp_support::{eventually, fixture, post_signed, CUSTOMER, PHONE_NUMBER_ID};
use varotra::db::accounts::Role;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const GOOD: &str = "EAAG-bon-jeton";

/// Meta's Graph API: `GET /{id}?fields=…` accepts `GOOD` for `PHONE_NUMBER_ID`, answers
/// 401 / code 190 to any other token and 400 / code 100 to any other id; messages sent
/// are accepted.
async fn graph() -> MockServer {
    let graph = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/{PHONE_NUMBER_ID}")))
        .and(query_param("fields", "display_phone_number,verified_name"))
        .and(header("authorization", format!("Bearer {GOOD}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "verified_name": "Epicerie Rivo", "display_phone_number": "+261 32 00 000 01",
            "id": PHONE_NUMBER_ID
        })))
        .with_priority(1)
        .mount(&graph)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/{PHONE_NUMBER_ID}")))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error": {"message": "Invalid OAuth access token - Cannot parse access token",
                      "type": "OAuthException", "code": 190, "fbtrace_id": "AbC"}
        })))
        .with_priority(2)
        .mount(&graph)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": {"message": "Unsupported get request. Object with ID '999' does not exist",
                      "type": "GraphMethodException", "code": 100, "fbtrace_id": "AbD"}
        })))
        .with_priority(3)
        .mount(&graph)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/{PHONE_NUMBER_ID}/messages")))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "messaging_product": "whatsapp", "messages": [{"id": "wamid.sent1"}]
        })))
        .mount(&graph)
        .await;
    graph
}

async fn owner_app(graph_base: &str) -> TestApp {
    let base = graph_base.to_string();
    let app = spawn_app_with(move |s| s.whatsapp.graph_api_base = base).await;
    let shop = app.create_shop("epicerie-rivo", "Épicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    app
}

async fn submit(app: &TestApp, pnid: &str, token: &str) -> reqwest::Response {
    let csrf = extract_csrf(&app.page("/admin/numeros", 200).await).unwrap();
    app.client
        .post(app.url("/admin/numeros"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("provider", "meta"),
            ("phone_number_id", pnid),
            ("token", token),
            ("display_phone", ""),
        ])
        .send()
        .await
        .unwrap()
}

async fn numbers(app: &TestApp) -> i64 {
    app.db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM whatsapp_accounts", [], |r| r.get(0))?))
        .await
        .unwrap()
}

fn verify_token_of(html: &str) -> String {
    let at = html
        .find("verify-token\">")
        .expect("a verify token is shown");
    let rest = &html[at + "verify-token\">".len()..];
    rest[..rest.find('<').unwrap()].to_string()
}

#[tokio::test]
async fn a_good_token_connects_the_number_whose_webhook_then_reaches_the_shop() {
    let graph = graph().await;
    let app = owner_app(&graph.uri()).await;
    let res = submit(&app, PHONE_NUMBER_ID, GOOD).await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/admin/numeros?added="), "{location}");

    let html = app.page(&location, 200).await;
    assert!(
        html.contains("+261 32 00 000 01"),
        "the number Meta gave is stored: {html}"
    );
    assert!(
        html.contains("Epicerie Rivo"),
        "Meta's business name is shown"
    );
    assert!(
        html.contains("/webhooks/whatsapp"),
        "the webhook URL to paste"
    );
    assert!(!html.contains(GOOD), "the token is never shown back");
    let verify = verify_token_of(&html);
    assert!(verify.len() >= 20, "{verify}");
    assert_ne!(
        verify,
        crate::helpers::VERIFY_TOKEN,
        "never the install-wide token"
    );

    // Meta's handshake with the token shown, then a wrong one.
    let handshake = |t: String| {
        app.client
            .get(app.url("/webhooks/whatsapp"))
            .query(&[
                ("hub.mode", "subscribe"),
                ("hub.verify_token", t.as_str()),
                ("hub.challenge", "1158201444"),
            ])
            .send()
    };
    let res = handshake(verify.clone()).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "1158201444");
    assert_eq!(handshake(format!("{verify}x")).await.unwrap().status(), 403);

    // A customer's message to that number is the shop's, and the bot answers on it
    // with the token that was checked.
    assert_eq!(
        post_signed(&app, &fixture("text-fr.json")).await.status(),
        200
    );
    let sent = eventually("the bot's reply at the Graph API", || async {
        graph
            .received_requests()
            .await
            .unwrap_or_default()
            .into_iter()
            .find(|r| r.method.as_str() == "POST")
    })
    .await;
    assert_eq!(sent.url.path(), format!("/{PHONE_NUMBER_ID}/messages"));
    assert_eq!(
        sent.headers["authorization"],
        format!("Bearer {GOOD}").as_str()
    );
    let body: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body["to"], CUSTOMER);
}

#[tokio::test]
async fn a_refused_token_or_unknown_id_is_named_in_french_and_nothing_is_stored() {
    let graph = graph().await;
    let app = owner_app(&graph.uri()).await;

    let res = submit(&app, PHONE_NUMBER_ID, "EAAG-jeton-perime").await;
    assert_eq!(res.status(), 400);
    let html = res.text().await.unwrap();
    assert!(html.contains("jeton refusé ou expiré"), "{html}");
    assert!(
        html.contains("Invalid OAuth access token"),
        "Meta's own words follow"
    );
    assert!(html.contains("jeton permanent"), "and the fix");
    assert!(
        !html.contains("EAAG-jeton-perime"),
        "the token is not shown back"
    );
    assert!(
        html.contains(PHONE_NUMBER_ID),
        "the phone number id typed is kept"
    );

    let html = submit(&app, "999", GOOD).await.text().await.unwrap();
    assert!(html.contains("phone number id « 999 » inconnu"), "{html}");
    assert!(html.contains("WhatsApp Manager"), "{html}");
    assert_eq!(numbers(&app).await, 0);
}

#[tokio::test]
async fn an_unreachable_provider_is_said_and_nothing_is_stored() {
    // Nothing listens on port 9.
    let app = owner_app("http://127.0.0.1:9").await;
    let html = submit(&app, PHONE_NUMBER_ID, GOOD)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("fournisseur injoignable"), "{html}");
    assert!(html.contains("connexion internet"), "{html}");
    assert_eq!(numbers(&app).await, 0);
}

#[tokio::test]
async fn number_add_checks_the_token_like_the_admin_page() {
    let graph = graph().await;
    let app = owner_app(&graph.uri()).await;
    let add = |token: &str| {
        app.command()
            .env("VAROTRA__WHATSAPP__GRAPH_API_BASE", graph.uri())
            .env("VAROTRA_NUMBER_TOKEN", token)
            .args([
                "number",
                "add",
                "--shop",
                "epicerie-rivo",
                "--provider",
                "meta",
            ])
            .args(["--phone-number-id", PHONE_NUMBER_ID])
            .output()
            .unwrap()
    };
    let out = add("EAAG-jeton-perime");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("jeton refusé ou expiré"), "{err}");
    assert_eq!(numbers(&app).await, 0);

    let out = add(GOOD);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("+261 32 00 000 01") && text.contains("Epicerie Rivo"),
        "{text}"
    );
    assert!(text.contains("/webhooks/whatsapp"), "{text}");
    assert!(!text.contains(GOOD));
    let html = app.page("/admin/numeros", 200).await;
    assert!(
        text.contains(&verify_token_of(&html)),
        "the CLI prints the verify token the page shows: {text}"
    );
}

#[tokio::test]
async fn a_gupshup_number_needs_its_display_phone_and_is_said_unchecked() {
    let app = owner_app("http://127.0.0.1:9").await;
    let app = &app;
    let form = |display: &'static str| async move {
        let csrf = extract_csrf(&app.page("/admin/numeros", 200).await).unwrap();
        app.client
            .post(app.url("/admin/numeros"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("provider", "gupshup"),
                ("phone_number_id", "EpicerieRivo"),
                ("token", "gs-api-key"),
                ("display_phone", display),
            ])
            .send()
            .await
            .unwrap()
    };
    let res = form("").await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Numéro affiché aux clients : obligatoire."));
    assert_eq!(numbers(app).await, 0);

    let res = form("+261 34 00 000 01").await;
    assert_eq!(res.status(), 303);
    let html = app
        .page(res.headers()["location"].to_str().unwrap(), 200)
        .await;
    assert!(
        html.contains("ne permet pas de vérifier le jeton"),
        "{html}"
    );
    assert!(html.contains("/webhooks/gupshup/"), "{html}");
    assert!(
        !html.contains("verify-token"),
        "no verify token for Gupshup"
    );
    assert_eq!(numbers(app).await, 1);
}
