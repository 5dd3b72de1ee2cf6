use crate::helpers::spawn_app;

#[tokio::test]
async fn openapi_json_is_an_openapi_3_document_listing_every_api_route() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let doc: serde_json::Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.0"));
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in [
        ("post", "/api/v1/login"),
        ("post", "/api/v1/logout"),
        ("get", "/api/v1/products"),
        ("post", "/api/v1/products/upload"),
        ("post", "/api/v1/devis"),
        ("get", "/api/v1/devis"),
        ("get", "/api/v1/devis/{id}"),
        ("get", "/api/v1/devis/{id}/pdf"),
        ("get", "/api/v1/conversations"),
        ("get", "/api/v1/conversations/{id}/messages"),
        ("post", "/api/v1/wa/send"),
        ("get", "/api/v1/prospects"),
        ("get", "/api/v1/openapi.json"),
    ] {
        let op = &paths[path][method];
        assert!(op["summary"].is_string(), "{method} {path} missing");
        assert!(
            op["responses"].as_object().is_some_and(|r| !r.is_empty()),
            "{path}"
        );
    }
    // Every $ref points at a declared schema.
    let text = doc.to_string();
    for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &part[..part.find('"').unwrap()];
        assert!(doc["components"]["schemas"][name].is_object(), "{name}");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

#[tokio::test]
async fn the_routes_this_module_serves_answer_as_documented() {
    let app = spawn_app().await;
    // Without a token the documented routes exist and ask for one (not 404).
    for (method, path) in [
        ("GET", "/api/v1/conversations"),
        ("GET", "/api/v1/conversations/1/messages"),
        ("POST", "/api/v1/wa/send"),
    ] {
        let req = match method {
            "GET" => app.client.get(app.url(path)),
            _ => app
                .client
                .post(app.url(path))
                .json(&serde_json::json!({"text": "x", "to": "261340000000"})),
        };
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 401, "{method} {path}");
    }
}
