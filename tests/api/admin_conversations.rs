use crate::helpers::spawn_app;
use varotra::db::accounts::Role;

async fn flags(app: &crate::helpers::TestApp, conv: i64) -> (i64, String) {
    app.db
        .read(move |c| {
            Ok(c.query_row(
                "SELECT bot_paused, status FROM conversations WHERE id = ?1",
                [conv],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn the_inbox_filters_by_status_and_searches_names_phones_and_text() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    app.add_conversation(
        s.shop,
        "261339876543",
        "Hery",
        "open",
        &[("in", "customer", "Misy savony ve ?", "received", 9)],
    )
    .await;

    let all = app.page("/admin/conversations", 200).await;
    assert!(all.contains("Rasoa") && all.contains("Hery") && all.contains("2 conversation(s)"));
    let waiting = app
        .page("/admin/conversations?status=needs_human", 200)
        .await;
    assert!(waiting.contains("Rasoa") && !waiting.contains("Hery"));
    let by_text = app.page("/admin/conversations?q=savony", 200).await;
    assert!(by_text.contains("Hery") && !by_text.contains("Rasoa"));
    let by_phone = app.page("/admin/conversations?q=987654", 200).await;
    assert!(by_phone.contains("Hery") && !by_phone.contains("Rasoa"));
    let by_name = app.page("/admin/conversations?q=raso", 200).await;
    assert!(by_name.contains("Rasoa") && by_name.contains("1 conversation(s)"));
}

#[tokio::test]
async fn a_thread_shows_messages_with_delivery_ticks_the_prospect_and_its_devis() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    app.add_prospect(s.shop, "261341234567", "devis_envoye", true)
        .await;
    let c = app
        .add_conversation(
            s.shop,
            "261330000000",
            "Tiana",
            "open",
            &[
                ("out", "bot", "en attente", "pending", 5),
                ("out", "bot", "parti", "sent", 4),
                ("out", "bot", "arrivé", "delivered", 3),
                ("out", "bot", "lu", "read", 2),
            ],
        )
        .await;
    app.db
        .write(move |db| {
            db.execute(
                "INSERT INTO messages (shop_id, conversation_id, direction, kind, body, status, error, author)
                 VALUES (?1, ?2, 'out', 'text', 'raté', 'failed', 'numéro injoignable', 'bot')",
                rusqlite::params![s.shop, c],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let html = app.page(&format!("/admin/conversations/{c}"), 200).await;
    assert!(
        html.contains("class=\"tick pending\" title=\"en attente d&#x27;envoi\">⏳")
            || html.contains("tick pending")
    );
    assert!(html.contains("tick sent\" title=\"envoyé\">✓<"));
    assert!(html.contains("tick delivered\" title=\"distribué\">✓✓<"));
    assert!(html.contains("tick read\" title=\"lu\">✓✓<"));
    assert!(html.contains("tick failed\"") && html.contains("numéro injoignable"));

    let first = app
        .page(&format!("/admin/conversations/{}", s.conversation), 200)
        .await;
    assert!(first.contains("Mila olona aho azafady"));
    assert!(
        first.contains("data-status=\"devis_envoye\">Devis envoyé<"),
        "prospect card"
    );
    assert!(
        first.contains("DEV-2026-0001") && first.contains("120 000 Ar"),
        "devis list"
    );
    assert!(first.contains("Prendre la main"));
}

#[tokio::test]
async fn taking_over_pauses_the_bot_and_handing_back_resumes_it() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let csrf = app.csrf().await;
    let res = app
        .post_form(
            &format!("/admin/conversations/{}/take-over", s.conversation),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(flags(&app, s.conversation).await, (1, "open".into()));
    let page = app
        .page(
            &format!("/admin/conversations/{}?done=taken", s.conversation),
            200,
        )
        .await;
    assert!(page.contains("Rendre au bot") && page.contains("Vous avez la main"));

    let res = app
        .post_form(
            &format!("/admin/conversations/{}/hand-back", s.conversation),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(flags(&app, s.conversation).await, (0, "open".into()));
}

#[tokio::test]
async fn an_agent_reply_is_queued_in_the_outbox_and_shown_in_the_thread() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let csrf = app.csrf().await;
    let res = app
        .post_form(
            &format!("/admin/conversations/{}/reply", s.conversation),
            &[("csrf", &csrf), ("text", "Misaotra, hiantso anao aho.")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (to, payload, status, author): (String, String, String, String) = app
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT o.to_phone, o.payload, m.status, m.author FROM outbox o JOIN messages m ON m.id = o.message_id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(to, "261341234567");
    assert!(payload.contains("Misaotra, hiantso anao aho."));
    assert_eq!(status, "pending");
    assert!(author.starts_with("agent:"));
    let feed: serde_json::Value = app
        .client
        .get(app.url(&format!(
            "/admin/conversations/{}/messages.json?after=0",
            s.conversation
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let msgs = feed["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 4);
    assert_eq!(msgs[3]["body"], "Misaotra, hiantso anao aho.");
    assert_eq!(msgs[3]["tick"], "⏳");
    let after = msgs[2]["id"].as_i64().unwrap();
    let newer: serde_json::Value = app
        .client
        .get(app.url(&format!(
            "/admin/conversations/{}/messages.json?after={after}",
            s.conversation
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        newer["messages"].as_array().unwrap().len(),
        1,
        "only newer messages"
    );
    let ticks = newer["ticks"].as_array().unwrap();
    assert_eq!(
        ticks.len(),
        1,
        "the bot's earlier message, whose tick may move on"
    );
    assert_eq!(ticks[0]["tick_class"], "read");
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let c = s.conversation;
    for (path, form) in [
        (
            format!("/admin/conversations/{c}/reply"),
            vec![("text", "x")],
        ),
        (format!("/admin/conversations/{c}/take-over"), vec![]),
        (format!("/admin/conversations/{c}/hand-back"), vec![]),
        (
            "/admin/parametres".to_string(),
            vec![("company_name", "Piratée"), ("timezone", "UTC")],
        ),
        ("/admin/shop".to_string(), vec![("shop_id", "1")]),
        ("/admin/simulateur".to_string(), vec![("text", "salut")]),
    ] {
        let mut with_bad = form.clone();
        with_bad.push(("csrf", "forged"));
        assert_eq!(
            app.post_form(&path, &form).await.status(),
            403,
            "{path} without token"
        );
        assert_eq!(
            app.post_form(&path, &with_bad).await.status(),
            403,
            "{path} with a forged token"
        );
    }
    assert_eq!(flags(&app, c).await, (0, "needs_human".into()));
    let outbox: i64 = app
        .db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?))
        .await
        .unwrap();
    assert_eq!(outbox, 0);
    assert!(app
        .page("/admin/parametres", 200)
        .await
        .contains("Boutique rivo"));
}

#[tokio::test]
async fn a_second_shops_owner_sees_none_of_the_first_shops_data() {
    let first = spawn_app().await;
    let s = first.seeded_owner("rivo", "rivo@example.mg").await;
    // Same server, a second shop and owner with their own cookie jar.
    let other = first.create_shop("zo", "Boutique Zo").await;
    first.create_user("zo@example.mg", Role::Owner, other).await;
    let zo = crate::helpers::TestApp {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .unwrap(),
        address: first.address.clone(),
        dir: tempfile::tempdir().unwrap(),
        db: first.db.clone(),
        settings: first.settings.clone(),
    };
    assert_eq!(
        zo.login("zo@example.mg", crate::helpers::PASSWORD)
            .await
            .status(),
        303
    );
    let c = s.conversation;
    for path in [
        format!("/admin/conversations/{c}"),
        format!("/admin/conversations/{c}/messages.json"),
    ] {
        zo.page(&path, 404).await;
    }
    let csrf = zo.csrf().await;
    let res = zo
        .post_form(
            &format!("/admin/conversations/{c}/take-over"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = zo
        .post_form(
            &format!("/admin/conversations/{c}/reply"),
            &[("csrf", &csrf), ("text", "intrus")],
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = zo
        .post_form(
            "/admin/shop",
            &[("csrf", &csrf), ("shop_id", &s.shop.0.to_string())],
        )
        .await;
    assert_eq!(
        res.status(),
        404,
        "cannot switch to a shop it is not a member of"
    );
    for path in ["/admin", "/admin/conversations"] {
        let html = zo.page(path, 200).await;
        assert!(
            !html.contains("Rasoa") && !html.contains("ohatrinona"),
            "{path}"
        );
    }
    let search = zo.page("/admin/conversations?q=Rasoa", 200).await;
    assert!(search.contains("0 conversation(s)") && !search.contains("ohatrinona"));
    assert_eq!(flags(&first, c).await, (0, "needs_human".into()));

    let token = zo.api_token("zo@example.mg").await;
    let list: serde_json::Value = zo
        .client
        .get(zo.url("/api/v1/conversations"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 0);
    let res = zo
        .client
        .get(zo.url(&format!("/api/v1/conversations/{c}/messages")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let res = zo
        .client
        .post(zo.url("/api/v1/wa/send"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"conversation_id": c, "text": "intrus"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn the_simulator_talks_to_the_bot_without_whatsapp_or_dashboard_noise() {
    let app = spawn_app().await;
    app.seeded_owner("rivo", "rivo@example.mg").await;
    let csrf = app.csrf().await;
    let res = app
        .post_form(
            "/admin/simulateur",
            &[("csrf", &csrf), ("text", "Salama, misy vary ve ?")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Salama, misy vary ve ?"));
    // The assistant answers in the customer's language and says why.
    assert!(html.contains("Salama"), "{html}");
    assert!(html.contains("Pourquoi cette réponse") && html.contains("Temps de réponse"));
    // In French words, never the assistant's labels ("availability", "mg").
    assert!(
        html.contains("Demande comprise") && html.contains("disponibilité d&#x27;un article"),
        "{html}"
    );
    assert!(
        html.contains("Langue de la réponse") && html.contains("malgache"),
        "{html}"
    );
    assert!(
        !html.contains("availability") && !html.contains("margin"),
        "{html}"
    );
    let outbox: i64 = app
        .db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?))
        .await
        .unwrap();
    assert_eq!(outbox, 0, "nothing goes to WhatsApp");
    let inbox = app.page("/admin/conversations", 200).await;
    assert!(
        inbox.contains("1 conversation(s)"),
        "the simulator stays out of the inbox"
    );
    let dashboard = app.page("/admin", 200).await;
    assert!(
        dashboard.contains("30 jours</small><b>2</b><small>reçus · 1 envoyés"),
        "only the seeded messages count"
    );
}
