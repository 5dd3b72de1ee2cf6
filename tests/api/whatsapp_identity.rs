//! Business-scoped user ids: a customer who shows a username instead of a number is
//! one identity with their phone once both are seen, replies go to the field Meta
//! documents for each (`recipient` for a user id, `to` for a phone), system messages
//! move the identifiers, and a provider that cannot reach a username says so.

use crate::helpers::PASSWORD;
use crate::whatsapp_outbound::{app_against, mount_messages};
use crate::whatsapp_support::*;
use varotra::db::accounts::Role;
use wiremock::{MockServer, Request};

/// The message bodies the fake Graph API received, in order.
async fn sent(server: &MockServer) -> Vec<serde_json::Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r: &&Request| r.url.path().ends_with("/messages"))
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

#[tokio::test]
async fn a_username_only_customer_who_later_shows_a_phone_stays_one_conversation_and_gets_replies_addressed_right(
) {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let app = app_against(&server).await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;

    post_signed(&app, &fixture("username-only-contact.json")).await;
    eventually("the first reply", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
    let first = &sent(&server).await[0];
    assert_eq!(first["recipient"], "MG.1342987712345678");
    assert!(first.get("to").is_none(), "{first}");

    post_signed(&app, &fixture("username-then-phone.json")).await;
    eventually("the second reply", || async {
        (fake.accepted() == 2).then_some(())
    })
    .await;
    let second = &sent(&server).await[1];
    assert_eq!(
        second["to"], "261341234567",
        "a phone, once known, is what Meta prefers"
    );
    assert!(second.get("recipient").is_none());

    assert_eq!(
        count(&app.db, "SELECT count(*) FROM conversations").await,
        1
    );
    let (phone, user, username): (String, String, String) = app
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT customer_phone, customer_user_id, customer_username FROM conversations",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(
        (phone.as_str(), user.as_str(), username.as_str()),
        ("261341234567", "MG.1342987712345678", "hery.mg")
    );
    assert_eq!(
        count(
            &app.db,
            "SELECT count(*) FROM messages WHERE direction = 'in'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn a_customer_first_seen_by_phone_and_by_user_id_apart_is_merged_into_one_conversation() {
    let app = crate::helpers::spawn_app().await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-fr.json")).await;
    post_signed(&app, &fixture("username-only-contact.json")).await;
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM conversations").await,
        2,
        "nothing links them yet"
    );
    post_signed(&app, &fixture("username-then-phone.json")).await;
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM conversations").await,
        1
    );
    assert_eq!(
        count(
            &app.db,
            "SELECT count(DISTINCT conversation_id) FROM messages WHERE direction = 'in'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app.db,
            "SELECT count(*) FROM messages WHERE direction = 'in'"
        )
        .await,
        3
    );
    assert_eq!(
        count(&app.db, "SELECT min(id) FROM conversations").await,
        1,
        "the older one is kept"
    );
}

#[tokio::test]
async fn a_number_change_moves_the_customer_and_the_messages_queued_for_them() {
    let server = MockServer::start().await;
    let down = FakeSend::failing(usize::MAX, 503, "");
    mount_messages(&server, &down).await;
    let app = app_against(&server).await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-fr.json")).await;
    eventually("the reply to wait in the outbox", || async {
        (count(
            &app.db,
            "SELECT count(*) FROM outbox WHERE status = 'pending'",
        )
        .await
            == 1)
            .then_some(())
    })
    .await;
    assert_eq!(
        post_signed(&app, &fixture("system-changed-number.json"))
            .await
            .status(),
        200
    );
    assert_eq!(
        text(&app.db, "SELECT customer_phone FROM conversations")
            .await
            .as_deref(),
        Some("261349990000")
    );
    assert_eq!(
        text(&app.db, "SELECT customer_user_id FROM conversations")
            .await
            .as_deref(),
        Some("MG.7766554433221100")
    );
    assert_eq!(
        text(&app.db, "SELECT to_phone FROM outbox")
            .await
            .as_deref(),
        Some("261349990000")
    );
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM conversations").await,
        1
    );
}

#[tokio::test]
async fn a_user_id_change_follows_a_username_only_customer() {
    let app = crate::helpers::spawn_app().await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("username-only-contact.json")).await;
    post_signed(&app, &fixture("system-changed-user-id.json")).await;
    assert_eq!(
        text(&app.db, "SELECT customer_user_id FROM conversations")
            .await
            .as_deref(),
        Some("MG.9988776655443322")
    );
    // Their next message, under the new id, lands in the same conversation.
    let next = String::from_utf8(fixture("username-only-contact.json"))
        .unwrap()
        .replace("MG.1342987712345678", "MG.9988776655443322")
        .replace("MDAwMDAwMDAwMDAxNQA=", "MDAwMDAwMDAwMDAxNgA=");
    assert_eq!(post_signed(&app, next.as_bytes()).await.status(), 200);
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM conversations").await,
        1
    );
    assert_eq!(
        count(
            &app.db,
            "SELECT count(*) FROM messages WHERE kind = 'text' AND direction = 'in'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn a_provider_that_cannot_reach_a_username_only_customer_tells_the_owner_why() {
    let server = MockServer::start().await;
    let app = app_against(&server).await;
    let (shop, token) = shop_with_number(&app.db, "gupshup", "EpicerieRivo").await;
    let res = app
        .client
        .post(app.url(&format!("/webhooks/gupshup/{token}")))
        .body(fixture("gupshup-username-only.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let reason = eventually("the reply to fail with its reason", || async {
        text(
            &app.db,
            "SELECT error FROM messages WHERE direction = 'out' AND status = 'failed'",
        )
        .await
    })
    .await;
    assert!(reason.contains("nom d'utilisateur"), "{reason}");
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing sent to Gupshup"
    );
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.login("rivo@example.mg", PASSWORD).await;
    let page = app.page("/admin/conversations/1", 200).await;
    assert!(
        page.contains("Gupshup ne permet pas d&#x27;écrire")
            || page.contains("Gupshup ne permet pas d'écrire"),
        "{page}"
    );
}

#[tokio::test]
async fn a_number_given_up_by_one_customer_starts_a_new_conversation_for_the_next() {
    let app = crate::helpers::spawn_app().await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-fr.json")).await;
    post_signed(&app, &fixture("system-changed-number.json")).await;
    // Someone else now writes from the old number.
    let newcomer = String::from_utf8(fixture("text-mg.json")).unwrap();
    assert_eq!(post_signed(&app, newcomer.as_bytes()).await.status(), 200);
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM conversations").await,
        2
    );
    assert_eq!(
        text(
            &app.db,
            "SELECT customer_key FROM conversations WHERE id = 1"
        )
        .await
        .as_deref(),
        Some("261349990000"),
        "the moved customer is keyed by their new number"
    );
}
