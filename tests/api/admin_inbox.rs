//! The owner's daily inbox: resolve / reopen with a status history (and the
//! resolution KPI it gives), one definition of "needs a human" for the dashboard, the
//! tab and the badge, unread counts, waiting timers (longest first), assignment and
//! "Mes conversations". What an agent does inside a thread is in `admin_thread`.

use crate::helpers::PASSWORD;
use crate::web_fixtures::Seeded;
use rusqlite::params;
use varotra::db::accounts::Role;

mod support;

use support::{deliver, history, quiet_app};
pub(crate) use support::{one, owner_id, second_browser, status_of};

#[tokio::test]
async fn resolving_closes_a_conversation_and_the_customer_writing_again_reopens_it() {
    let app = quiet_app().await;
    let Seeded { conversation, .. } = app.seeded_owner("rivo", "rivo@example.mg").await;
    let csrf = app.csrf().await;
    let res = app
        .post_form(
            &format!("/admin/conversations/{conversation}/resolve"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        status_of(&app, conversation).await,
        ("closed".into(), false),
        "closed, and the bot answers the next message"
    );
    let closed = app.page("/admin/conversations?status=closed", 200).await;
    assert!(closed.contains("Rasoa") && closed.contains("1 conversation(s)"));
    let page = app
        .page(&format!("/admin/conversations/{conversation}"), 200)
        .await;
    assert!(
        page.contains("Conversation résolue par rivo@example.mg"),
        "{page}"
    );
    assert!(page.contains("Rouvrir"));

    deliver(
        &app,
        "pnid-rivo",
        "261341234567",
        "Rasoa",
        "Efa tonga ve ny entana ?",
    )
    .await;
    assert_eq!(status_of(&app, conversation).await.0, "open");
    let me = owner_id(&app).await;
    assert_eq!(
        history(&app, conversation).await,
        [
            "->needs_human@bot".to_string(),
            format!("needs_human>closed@agent:{me}"),
            "closed>open@customer".to_string(),
        ]
    );
    let page = app
        .page(&format!("/admin/conversations/{conversation}"), 200)
        .await;
    assert!(
        page.contains("Conversation rouverte (le client a écrit)"),
        "{page}"
    );

    // Reopened by hand, resolved again: each change is recorded with its author.
    app.post_form(
        &format!("/admin/conversations/{conversation}/resolve"),
        &[("csrf", &csrf)],
    )
    .await;
    app.post_form(
        &format!("/admin/conversations/{conversation}/reopen"),
        &[("csrf", &csrf)],
    )
    .await;
    let h = history(&app, conversation).await;
    assert_eq!(
        h[3..],
        [
            format!("open>closed@agent:{me}"),
            format!("closed>open@agent:{me}")
        ]
    );
}

#[tokio::test]
async fn the_resolution_kpi_runs_from_the_opening_to_the_resolving() {
    let app = crate::helpers::spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let before = app.page("/admin", 200).await;
    assert!(
        before.contains("Résolution moyenne</small><b>—</b>"),
        "nothing resolved yet"
    );
    let csrf = app.csrf().await;
    // Opened 30 min ago (its first message), resolved now.
    app.post_form(
        &format!("/admin/conversations/{}/resolve", s.conversation),
        &[("csrf", &csrf)],
    )
    .await;
    let after = app.page("/admin", 200).await;
    assert!(
        after.contains("Résolution moyenne</small><b>30 min</b>"),
        "{after}"
    );
    // The escalation rate counts the hand-over from the history.
    assert!(after.contains("1 sur 1 conversations"), "{after}");
}

#[tokio::test]
async fn the_dashboards_waiting_count_is_the_length_of_the_a_traiter_list_and_the_badge() {
    let app = crate::helpers::spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    // The bot is paused and the customer spoke last: a person must answer.
    let paused = app
        .add_conversation(
            s.shop,
            "261330000001",
            "Hery",
            "open",
            &[
                ("out", "agent:1", "Je regarde", "read", 20),
                ("in", "customer", "Alors ?", "received", 12),
            ],
        )
        .await;
    // Paused, but the shop answered last: nobody has to act.
    let answered = app
        .add_conversation(
            s.shop,
            "261330000002",
            "Tiana",
            "open",
            &[
                ("in", "customer", "Merci", "received", 20),
                ("out", "agent:1", "Avec plaisir", "read", 19),
            ],
        )
        .await;
    // The simulator's own conversation, handed over: never counted.
    let sim = app
        .add_conversation(
            s.shop,
            "simulateur",
            "Simulateur",
            "needs_human",
            &[("in", "customer", "Mila olona", "simulated", 3)],
        )
        .await;
    app.db
        .write(move |c| {
            c.execute(
                "UPDATE conversations SET bot_paused = 1 WHERE id IN (?1, ?2)",
                params![paused, answered],
            )?;
            c.execute(
                "UPDATE conversations SET simulated = 1 WHERE id = ?1",
                [sim],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let dashboard = app.page("/admin", 200).await;
    assert!(
        dashboard.contains("À traiter</small><b>2</b>"),
        "{dashboard}"
    );
    let list = app
        .page("/admin/conversations?status=needs_human", 200)
        .await;
    assert!(list.contains("2 conversation(s)"), "{list}");
    assert!(list.contains("Rasoa") && list.contains("Hery") && !list.contains("Tiana"));
    assert!(
        list.contains("À traiter <span class=\"count\">2</span>"),
        "the tab's count"
    );
    let counts: serde_json::Value = app
        .client
        .get(app.url("/admin/inbox.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(counts["needs_human"], 2);
}

#[tokio::test]
async fn unread_messages_show_in_the_menu_and_the_title_until_the_thread_is_opened() {
    let app = quiet_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    // What the fixture inserted counts as unread; open it first to start clean.
    app.page(&format!("/admin/conversations/{}", s.conversation), 200)
        .await;
    let quiet = app.page("/admin", 200).await;
    assert!(
        quiet.contains("<title>Tableau de bord · Varotra</title>"),
        "{quiet}"
    );

    deliver(
        &app,
        "pnid-rivo",
        "261349990001",
        "Voahangy",
        "Misy savony ?",
    )
    .await;
    deliver(
        &app,
        "pnid-rivo",
        "261349990001",
        "Voahangy",
        "Ohatrinona ?",
    )
    .await;
    let page = app.page("/admin", 200).await;
    assert!(
        page.contains("<title>(1) Tableau de bord · Varotra</title>"),
        "{page}"
    );
    assert!(
        page.contains("title=\"conversations non lues\">1</span>"),
        "menu badge"
    );
    let list = app.page("/admin/conversations", 200).await;
    assert!(
        list.contains("title=\"messages non lus\">2</span>"),
        "{list}"
    );
    let counts: serde_json::Value = app
        .client
        .get(app.url("/admin/inbox.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            counts["unread_conversations"].as_i64(),
            counts["unread_messages"].as_i64()
        ),
        (Some(1), Some(2))
    );
    let conv: i64 = one(
        &app,
        "SELECT id FROM conversations WHERE customer_key = '261349990001' AND ?1 = ?1",
        0,
    )
    .await;
    app.page(&format!("/admin/conversations/{conv}"), 200).await;
    let after = app.page("/admin", 200).await;
    assert!(after.contains("<title>Tableau de bord · Varotra</title>"));
}

#[tokio::test]
async fn the_longest_waiting_conversation_comes_first_with_how_long_it_waits() {
    let app = crate::helpers::spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let long = app
        .add_conversation(
            s.shop,
            "261330000009",
            "Fara",
            "needs_human",
            &[("in", "customer", "Allô ?", "received", 41)],
        )
        .await;
    // The hand-overs happened 40 and 5 minutes ago.
    app.db
        .write(move |c| {
            c.execute(
                "UPDATE conversation_status_history SET at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-40 minutes')
                 WHERE conversation_id = ?1",
                [long],
            )?;
            c.execute(
                "UPDATE conversation_status_history SET at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-5 minutes')
                 WHERE conversation_id = ?1",
                [s.conversation],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let list = app.page("/admin/conversations", 200).await;
    let (fara, rasoa) = (list.find("Fara").unwrap(), list.find("Rasoa").unwrap());
    assert!(fara < rasoa, "the longest wait first");
    assert!(
        list.contains("attend depuis 40 min") && list.contains("attend depuis 5 min"),
        "{list}"
    );
    let dashboard = app.page("/admin", 200).await;
    assert!(dashboard.contains("attend depuis 40 min"));
}

#[tokio::test]
async fn an_agent_assigned_a_conversation_finds_it_under_mes_conversations() {
    let app = crate::helpers::spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    app.create_user("vola@example.mg", Role::Agent, s.shop)
        .await;
    let vola: i64 = one(
        &app,
        "SELECT id FROM accounts WHERE email = 'vola@example.mg' AND ?1 = ?1",
        0,
    )
    .await;
    let csrf = app.csrf().await;
    let res = app
        .post_form(
            &format!("/admin/conversations/{}/assign", s.conversation),
            &[("csrf", &csrf), ("account", &vola.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let list = app.page("/admin/conversations", 200).await;
    assert!(list.contains("👤 vola@example.mg"));
    // Someone outside the shop's team cannot be given the conversation.
    let other = app.create_shop("zo", "Boutique Zo").await;
    app.create_user("zo@example.mg", Role::Owner, other).await;
    let zo: i64 = one(
        &app,
        "SELECT id FROM accounts WHERE email = 'zo@example.mg' AND ?1 = ?1",
        0,
    )
    .await;
    let refused = app
        .post_form(
            &format!("/admin/conversations/{}/assign", s.conversation),
            &[("csrf", &csrf), ("account", &zo.to_string())],
        )
        .await;
    assert_eq!(refused.status(), 400);

    let agent = second_browser(&app);
    assert_eq!(agent.login("vola@example.mg", PASSWORD).await.status(), 303);
    let mine = agent.page("/admin/conversations?status=mine", 200).await;
    assert!(
        mine.contains("Rasoa") && mine.contains("1 conversation(s)"),
        "{mine}"
    );
    let owners = app.page("/admin/conversations?status=mine", 200).await;
    assert!(owners.contains("0 conversation(s)"));
}
