//! The OpenAPI document and the router cannot drift: every operation the document
//! lists is served, and every one that declares the bearer scheme refuses a request
//! without a token (or with a wrong one) with 401 and a JSON error — not 404/405,
//! which would mean a documented route that does not exist.

use crate::helpers::spawn_app;
use reqwest::Method;
use serde_json::Value;

/// `/api/v1/devis/{id}/pdf` → `/api/v1/devis/1/pdf`: any id will do, auth comes first.
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|seg| if seg.starts_with('{') { "1" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

async fn documented_operations(app: &crate::helpers::TestApp) -> Vec<(Method, String, bool)> {
    let doc: Value = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            // `security: []` marks a public operation; the document's default is bearer.
            let public = op["security"].as_array().is_some_and(|s| s.is_empty());
            ops.push((method, path.clone(), public));
        }
    }
    ops
}

#[tokio::test]
async fn every_documented_route_except_login_refuses_a_request_without_a_token_with_a_json_401() {
    let app = spawn_app().await;
    let ops = documented_operations(&app).await;
    assert!(
        ops.len() >= 10,
        "the document lists only {} operations",
        ops.len()
    );

    let mut public: Vec<String> = Vec::new();
    let mut wrong: Vec<String> = Vec::new();
    for (method, path, is_public) in &ops {
        if *is_public {
            public.push(format!("{method} {path}"));
            continue;
        }
        for token in [None, Some("not-a-real-token")] {
            let mut req = app.client.request(method.clone(), app.url(&concrete(path)));
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            let res = req.send().await.unwrap();
            let status = res.status().as_u16();
            let body = res.text().await.unwrap();
            let json_error = serde_json::from_str::<Value>(&body)
                .is_ok_and(|j| j["error"]["code"].is_string() && j["error"]["message"].is_string());
            if status != 401 || !json_error {
                wrong.push(format!(
                    "{method} {path} (token {token:?}): {status} {body}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "not a JSON 401:\n{}", wrong.join("\n"));
    // Only login and the document itself are public: a route documented as public by
    // mistake would skip the check above.
    public.sort();
    assert_eq!(
        public,
        ["GET /api/v1/openapi.json", "POST /api/v1/login"],
        "unexpected public operations"
    );
}

#[tokio::test]
async fn the_public_documented_routes_exist() {
    let app = spawn_app().await;
    for (method, path, is_public) in documented_operations(&app).await {
        if !is_public {
            continue;
        }
        let res = app
            .client
            .request(method.clone(), app.url(&concrete(&path)))
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        assert!(
            status != 404 && status != 405,
            "{method} {path} is documented but answered {status}"
        );
    }
}
