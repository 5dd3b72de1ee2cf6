//! The attacks made permanent: random methods, paths, headers and bodies, anonymous or
//! as a logged-in owner, against a running app. Every answer is a client error or a
//! success, never a 5xx, and the server is still up afterwards.

use crate::helpers::{spawn_app, PASSWORD};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use varotra::db::accounts::Role;

const PREFIXES: &[&str] = &[
    "/",
    "/admin",
    "/admin/",
    "/admin/login",
    "/admin/catalogue",
    "/admin/catalogue/import",
    "/admin/conversations",
    "/admin/devis",
    "/admin/equipe",
    "/admin/parametres",
    "/api/v1/products",
    "/api/v1/conversations",
    "/api/v1/devis",
    "/api/v1/auth/login",
    "/webhooks/meta/",
    "/webhooks/360dialog/",
    "/metrics",
    "/healthz",
    "/d/",
    "/assets/",
];

#[derive(Debug, Clone)]
struct Attack {
    method: String,
    path: String,
    content_type: String,
    extra: Option<(String, String)>,
    body: Vec<u8>,
    logged_in: bool,
}

fn attack() -> impl Strategy<Value = Attack> {
    let method = prop_oneof![
        prop::sample::select(vec![
            "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"
        ])
        .prop_map(String::from),
        "[A-Z]{1,12}",
    ];
    let path = (
        prop::sample::select(PREFIXES.to_vec()),
        "[a-zA-Z0-9/%?=&._~+-]{0,60}",
    )
        .prop_map(|(p, rest)| format!("{p}{rest}"));
    let content_type = prop_oneof![
        Just("application/json".to_string()),
        Just("application/x-www-form-urlencoded".to_string()),
        Just("multipart/form-data; boundary=XyZ".to_string()),
        Just("text/csv".to_string()),
        "[ -~]{0,40}",
    ];
    let extra = proptest::option::of((
        prop::sample::select(vec![
            "authorization",
            "cookie",
            "x-forwarded-for",
            "x-hub-signature-256",
            "range",
            "accept-encoding",
            "content-length",
        ])
        .prop_map(String::from),
        "[ -~]{0,80}",
    ));
    let body = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        "[ -~]{0,300}".prop_map(String::into_bytes),
        Just(
            br#"{"offset":-1,"limit":99999999999999999999,"items":[{"sku":"","qty":-5}]}"#.to_vec()
        ),
        Just(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nsku,title\r\n--XyZ"
                .to_vec()
        ),
    ];
    (method, path, content_type, extra, body, any::<bool>()).prop_map(
        |(method, path, content_type, extra, body, logged_in)| Attack {
            method,
            path,
            content_type,
            extra,
            body,
            logged_in,
        },
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_requests_get_client_errors_never_server_errors() {
    let app = spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    let anonymous = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let owner = app.client.clone();
    let base = app.address.clone();
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let mut runner = TestRunner::new(Config {
            cases: 400,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&attack(), |a| {
                let method = reqwest::Method::from_bytes(a.method.as_bytes()).unwrap();
                let client = if a.logged_in { &owner } else { &anonymous };
                let mut req = client
                    .request(method, format!("{base}{}", a.path))
                    .header("content-type", a.content_type.as_str())
                    .body(a.body.clone());
                if let Some((name, value)) = &a.extra {
                    req = req.header(name.as_str(), value.as_str());
                }
                let status = handle
                    .block_on(req.send())
                    .map_err(|e| TestCaseError::fail(format!("no answer: {e}")))?
                    .status();
                prop_assert!(!status.is_server_error(), "{status} for {a:?}");
                Ok(())
            })
            .unwrap();
    })
    .await
    .unwrap();
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200, "the server is still up");
}
