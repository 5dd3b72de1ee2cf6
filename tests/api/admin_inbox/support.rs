//! What the inbox tests share: a customer's message through the signed webhook, an
//! app without the bot, a second browser, and small reads of the store.

use crate::helpers::{TestApp, APP_SECRET};

/// A customer's text through the signed Meta webhook of number `pnid`.
pub(crate) async fn deliver(app: &TestApp, pnid: &str, wa_id: &str, name: &str, text: &str) {
    let body = serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "waba", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "261320000001", "phone_number_id": pnid},
            "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
            "messages": [{"from": wa_id, "id": format!("wamid.{}", uuid::Uuid::new_v4()),
                "timestamp": chrono::Utc::now().timestamp().to_string(),
                "type": "text", "text": {"body": text}}]
        }}]}]
    })
    .to_string();
    let res = reqwest::Client::new()
        .post(app.url("/webhooks/whatsapp"))
        .header("Content-Type", "application/json")
        .header(
            "X-Hub-Signature-256",
            varotra::whatsapp::signature::sign(APP_SECRET, body.as_bytes()),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

/// The app with the bot switched off: webhooks only store, so what a test checks is
/// not raced by a reply.
pub(crate) async fn quiet_app() -> TestApp {
    crate::helpers::spawn_app_with(|s| s.assistant.enabled = false).await
}

/// Another browser on the same server (its own cookies).
pub(crate) fn second_browser(app: &TestApp) -> TestApp {
    TestApp {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .unwrap(),
        address: app.address.clone(),
        dir: tempfile::tempdir().unwrap(),
        db: app.db.clone(),
        settings: app.settings.clone(),
    }
}

pub(crate) async fn one<T: rusqlite::types::FromSql + Send + 'static>(
    app: &TestApp,
    sql: &str,
    id: i64,
) -> T {
    let sql = sql.to_string();
    app.db
        .read(move |c| Ok(c.query_row(&sql, [id], |r| r.get(0))?))
        .await
        .unwrap()
}

pub(crate) async fn status_of(app: &TestApp, conv: i64) -> (String, bool) {
    let sql = "SELECT status || ':' || bot_paused FROM conversations WHERE id = ?1";
    let s: String = one(app, sql, conv).await;
    let (status, paused) = s.split_once(':').unwrap();
    (status.to_string(), paused == "1")
}

pub(crate) async fn history(app: &TestApp, conv: i64) -> Vec<String> {
    app.db
        .read(move |c| {
            let mut stmt = c.prepare(
                "SELECT COALESCE(from_status, '-') || '>' || to_status || '@' || COALESCE(actor, 'bot')
                 FROM conversation_status_history WHERE conversation_id = ?1 ORDER BY id",
            )?;
            let rows = stmt
                .query_map([conv], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await
        .unwrap()
}

pub(crate) async fn owner_id(app: &TestApp) -> i64 {
    one(
        app,
        "SELECT id FROM accounts WHERE email = 'rivo@example.mg' AND ?1 = ?1",
        0,
    )
    .await
}
