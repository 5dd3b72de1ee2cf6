use crate::helpers::{spawn_app, TestApp};
use serde_json::{json, Value};

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let res = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn send(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    let res = app
        .client
        .post(app.url("/api/v1/wa/send"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

#[tokio::test]
async fn conversations_are_listed_by_page_and_status() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    for i in 0..4 {
        app.add_conversation(
            s.shop,
            &format!("26133000000{i}"),
            &format!("Client {i}"),
            "open",
            &[("in", "customer", "Salama", "received", 10 + i)],
        )
        .await;
    }
    let token = app.api_token("rivo@example.mg").await;
    let (status, page) = get(&app, &token, "/api/v1/conversations?page=2&per_page=2").await;
    assert_eq!(status, 200);
    assert_eq!(page["total"], 5);
    assert_eq!(page["page"], 2);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let (_, waiting) = get(&app, &token, "/api/v1/conversations?status=needs_human").await;
    assert_eq!(waiting["total"], 1);
    assert_eq!(waiting["items"][0]["customer_name"], "Rasoa");
    assert_eq!(waiting["items"][0]["last_body"], "Mila olona aho azafady");
    let (status, err) = get(&app, &token, "/api/v1/conversations?per_page=1000").await;
    assert_eq!(status, 400);
    assert_eq!(err["error"]["code"], "bad_request");
    let (status, _) = get(&app, &token, "/api/v1/conversations?status=archived").await;
    assert_eq!(status, 400);
    let res = app
        .client
        .get(app.url("/api/v1/conversations"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn messages_of_a_conversation_come_oldest_first_after_a_cursor() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let token = app.api_token("rivo@example.mg").await;
    let (status, body) = get(
        &app,
        &token,
        &format!("/api/v1/conversations/{}/messages", s.conversation),
    )
    .await;
    assert_eq!(status, 200);
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["direction"], "in");
    assert_eq!(items[1]["author"], "bot");
    assert_eq!(items[1]["status"], "read");
    let first = items[0]["id"].as_i64().unwrap();
    let (_, newer) = get(
        &app,
        &token,
        &format!(
            "/api/v1/conversations/{}/messages?after={first}",
            s.conversation
        ),
    )
    .await;
    assert_eq!(newer["items"].as_array().unwrap().len(), 2);
    let (status, err) = get(&app, &token, "/api/v1/conversations/999999/messages").await;
    assert_eq!(status, 404);
    assert_eq!(err["error"]["code"], "not_found");
}

#[tokio::test]
async fn wa_send_queues_a_text_and_answers_202_with_the_outbox_id() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let token = app.api_token("rivo@example.mg").await;

    let (status, body) = send(
        &app,
        &token,
        json!({"conversation_id": s.conversation, "text": "Efa vonona ny entanao."}),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    assert_eq!(body["status"], "pending");
    let outbox_id = body["outbox_id"].as_i64().unwrap();
    let (to, payload): (String, String) = app
        .db
        .read(move |c| {
            Ok(c.query_row(
                "SELECT to_phone, payload FROM outbox WHERE id = ?1",
                [outbox_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(to, "261341234567");
    assert!(payload.contains("Efa vonona ny entanao."));

    // To a new number: the conversation is created on the shop's number.
    let (status, body) = send(
        &app,
        &token,
        json!({"to": "+261 34 99 888 77", "text": "Bonjour"}),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    assert_ne!(body["conversation_id"], s.conversation);
    let (_, list) = get(&app, &token, "/api/v1/conversations?q=3499888").await;
    assert_eq!(list["total"], 1);

    let (status, _) = send(
        &app,
        &token,
        json!({"conversation_id": s.conversation, "to": "261340000000", "text": "x"}),
    )
    .await;
    assert_eq!(status, 400, "both targets");
    let (status, _) = send(&app, &token, json!({"text": "x"})).await;
    assert_eq!(status, 400, "no target");
    let (status, _) = send(
        &app,
        &token,
        json!({"conversation_id": s.conversation, "text": "   "}),
    )
    .await;
    assert_eq!(status, 422, "empty text");
    let (status, _) = send(&app, &token, json!({"to": "not a phone", "text": "x"})).await;
    assert_eq!(status, 422);
    let (status, _) = send(
        &app,
        &token,
        json!({"conversation_id": 424242, "text": "x"}),
    )
    .await;
    assert_eq!(status, 404);
}
