//! Coexistence: the owner keeps the WhatsApp Business app on the shop's number. What
//! they type there comes back as echoes (the shop speaking: stored, never answered,
//! the bot paused on that chat), past chats come back as history, contacts as their
//! address book.

use crate::helpers::{TestApp, PASSWORD};
use crate::whatsapp_outbound::{app_against, mount_messages};
use crate::whatsapp_support::*;
use varotra::db::accounts::Role;
use varotra::db::ShopId;
use wiremock::MockServer;

async fn owner(app: &TestApp, shop: ShopId) {
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
}

async fn reply_jobs_done(app: &TestApp, n: i64) {
    eventually("the reply jobs to run", || async {
        (count(
            &app.db,
            "SELECT count(*) FROM jobs WHERE kind = 'reply' AND status = 'done'",
        )
        .await
            == n)
            .then_some(())
    })
    .await;
}

#[tokio::test]
async fn an_echo_from_the_owners_phone_shows_in_the_thread_and_pauses_the_bot() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let app = app_against(&server).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;

    assert_eq!(
        post_signed(&app, &fixture("echo-text.json")).await.status(),
        200
    );
    let (dir, author, status): (String, String, String) = app
        .db
        .read(|c| {
            Ok(
                c.query_row("SELECT direction, author, status FROM messages", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?,
            )
        })
        .await
        .unwrap();
    assert_eq!(
        (dir.as_str(), author.as_str(), status.as_str()),
        ("out", "owner_phone", "sent")
    );
    let until = text(&app.db, "SELECT owner_paused_until FROM conversations")
        .await
        .unwrap();
    let until = chrono::DateTime::parse_from_rfc3339(&until).unwrap();
    let ahead = until
        .signed_duration_since(chrono::Utc::now())
        .num_minutes();
    assert!(
        (28..=30).contains(&ahead),
        "paused for the default 30 minutes, got {ahead}"
    );
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM jobs").await,
        0,
        "an echo is never answered"
    );

    // The customer writes while the owner handles the chat: the bot stays quiet.
    post_signed(&app, &fixture("text-fr.json")).await;
    reply_jobs_done(&app, 1).await;
    assert_eq!(count(&app.db, "SELECT count(*) FROM outbox").await, 0);
    assert_eq!(fake.calls(), 0);

    owner(&app, shop).await;
    let conv = count(&app.db, "SELECT id FROM conversations").await;
    let page = app.page(&format!("/admin/conversations/{conv}"), 200).await;
    assert!(page.contains("Téléphone du propriétaire"), "{page}");
    assert!(page.contains("je vous prépare le riz"));
    assert!(page.contains("Le propriétaire a répondu depuis son téléphone"));

    // The owner edits then deletes from the phone: the thread follows.
    post_signed(&app, &fixture("echo-edit.json")).await;
    assert!(text(
        &app.db,
        "SELECT body FROM messages WHERE author = 'owner_phone'"
    )
    .await
    .unwrap()
    .contains("17 h"));
}

#[tokio::test]
async fn the_bot_answers_again_once_the_owners_pause_is_over() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let app = app_against(&server).await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("echo-text.json")).await;
    // Thirty minutes later.
    app.db
        .write(|c| {
            Ok(c.execute(
                "UPDATE conversations SET owner_paused_until = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 minute')",
                [],
            )?)
        })
        .await
        .unwrap();
    post_signed(&app, &fixture("text-fr.json")).await;
    eventually("the bot's reply", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_bot_reply_still_queued_when_the_owner_answers_is_dropped() {
    // The provider is down: the bot's reply waits in the outbox.
    let server = MockServer::start().await;
    let down = FakeSend::failing(usize::MAX, 503, "");
    mount_messages(&server, &down).await;
    let app = app_against(&server).await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-fr.json")).await;
    eventually("the bot's reply to be queued", || async {
        (count(
            &app.db,
            "SELECT count(*) FROM outbox WHERE status = 'pending'",
        )
        .await
            == 1)
            .then_some(())
    })
    .await;
    post_signed(&app, &fixture("echo-text.json")).await;
    eventually("the bot's reply to be dropped", || async {
        text(
            &app.db,
            "SELECT last_error FROM outbox WHERE status = 'failed'",
        )
        .await
    })
    .await;
    let reason = text(&app.db, "SELECT error FROM messages WHERE author = 'bot'")
        .await
        .unwrap();
    assert!(reason.contains("le propriétaire a répondu"), "{reason}");
}

#[tokio::test]
async fn history_is_imported_as_it_was_without_any_reply() {
    let app = crate::helpers::spawn_app().await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    assert_eq!(
        post_signed(&app, &fixture("history-chunk.json"))
            .await
            .status(),
        200
    );
    assert_eq!(
        post_signed(&app, &fixture("history-chunk.json"))
            .await
            .status(),
        200
    );
    let rows: Vec<(String, String, String, String)> = app
        .db
        .read(|c| {
            let mut s = c.prepare(
                "SELECT direction, author, status, created_at FROM messages ORDER BY id",
            )?;
            let rows = s
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await
        .unwrap();
    assert_eq!(rows.len(), 3, "stored once: {rows:?}");
    assert_eq!(
        (rows[1].0.as_str(), rows[1].1.as_str(), rows[1].2.as_str()),
        ("out", "owner_phone", "read")
    );
    assert_eq!(rows[0].3, "2025-10-26T08:00:00Z", "the time it was sent");
    assert_eq!(count(&app.db, "SELECT count(*) FROM jobs").await, 0);
    assert_eq!(
        count(&app.db, "SELECT coexistence FROM whatsapp_accounts").await,
        1
    );
    assert_eq!(
        count(&app.db, "SELECT history_progress FROM whatsapp_accounts").await,
        55
    );
    // An old chat does not open the 24-hour window.
    let window = app
        .db
        .read(move |c| {
            let conv = varotra::db::ConversationId(1);
            varotra::db::outbox::window_until(c, shop, conv)
        })
        .await
        .unwrap()
        .unwrap();
    assert!(window < chrono::Utc::now());

    post_signed(&app, &fixture("history-declined.json")).await;
    let note = text(&app.db, "SELECT history_note FROM whatsapp_accounts")
        .await
        .unwrap();
    assert!(note.contains("non partagé"), "{note}");
}

#[tokio::test]
async fn the_owners_contacts_name_the_customers() {
    let app = crate::helpers::spawn_app().await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-fr.json")).await;
    post_signed(&app, &fixture("app-state-sync.json")).await;
    let name = "SELECT customer_name FROM conversations WHERE customer_phone = '261341234567'";
    assert_eq!(
        text(&app.db, name).await.as_deref(),
        Some("Rasoa Razafy (Analakely)")
    );
    // Their next message keeps the owner's name over the profile name.
    post_signed(&app, &fixture("text-mg.json")).await;
    assert_eq!(
        text(&app.db, name).await.as_deref(),
        Some("Rasoa Razafy (Analakely)")
    );
}

#[tokio::test]
async fn a_coexistence_number_sends_at_its_own_rate_set_per_number() {
    let app = crate::helpers::spawn_app().await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("echo-text.json")).await;
    let rates = varotra::db::outbox::Rates {
        number: 80,
        coexistence: 20,
    };
    // Queues one message to a new customer and reads its number's rate in the same
    // transaction, before the sender can take it.
    let rate_for = move |phone: &'static str| {
        move |c: &mut varotra::db::Connection| {
            let conv =
                varotra::db::conversations::upsert_inbound(c, shop, 1, phone, Some(phone), None)?;
            let msg = varotra::whatsapp::OutgoingMessage::text("x");
            let mid = varotra::db::outbox::enqueue(c, shop, conv, &msg, "bot")?;
            let row = varotra::db::outbox::row_of_message(c, shop, mid)?;
            let due = varotra::db::outbox::due(c, 64, rates)?;
            Ok(due.into_iter().find(|r| r.id == row).map(|r| r.number_rate))
        }
    };
    assert_eq!(
        app.db.write(rate_for("261340000701")).await.unwrap(),
        Some(20)
    );
    app.db
        .write(move |c| varotra::db::numbers::configure(c, shop, 1, None, true, Some(5)))
        .await
        .unwrap();
    assert_eq!(
        app.db.write(rate_for("261340000702")).await.unwrap(),
        Some(5),
        "the number's own setting wins"
    );
}

#[tokio::test]
async fn every_2026_update_shape_is_acknowledged_and_kept_raw() {
    let app = crate::helpers::spawn_app().await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    let names = [
        "echo-text.json",
        "echo-template.json",
        "echo-image.json",
        "echo-edit.json",
        "echo-revoke.json",
        "history-chunk.json",
        "history-declined.json",
        "app-state-sync.json",
        "username-then-phone.json",
        "system-changed-number.json",
        "system-changed-user-id.json",
        "order-two-items.json",
        "voice-note.json",
        "edit.json",
        "revoke.json",
        "reply-to-product.json",
        "calls-connect.json",
        "template-approved.json",
        "template-rejected.json",
        "status-sent-callback.json",
        "status-delivered-user-id.json",
    ];
    for name in names {
        assert_eq!(
            post_signed(&app, &fixture(name)).await.status(),
            200,
            "{name}"
        );
    }
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM inbound_events").await,
        names.len() as i64
    );
    // Echoes are the shop's, history both sides', the rest the customers'.
    assert_eq!(
        count(
            &app.db,
            "SELECT count(*) FROM messages WHERE author = 'owner_phone'"
        )
        .await,
        4
    );
}
