use crate::helpers::spawn_app;

#[tokio::test]
async fn the_dashboard_shows_kpis_computed_from_the_shops_rows() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    // An agent answered the waiting conversation; another one was closed by the bot.
    app.db
        .write(move |c| {
            c.execute(
                "INSERT INTO messages (shop_id, conversation_id, direction, kind, body, status, author, created_at)
                 VALUES (?1, ?2, 'out', 'text', 'Je vous appelle', 'sent', 'agent:1', ?3)",
                rusqlite::params![s.shop, s.conversation, varotra::db::now_text()],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    app.add_conversation(
        s.shop,
        "261331111111",
        "Hery",
        "closed",
        &[
            ("in", "customer", "Misy savony ve ?", "received", 60),
            (
                "out",
                "bot",
                "Oui, savon 400 g à 2 500 Ar.",
                "delivered",
                59,
            ),
            ("in", "customer", "Misaotra", "received", 50),
            ("out", "bot", "Merci !", "read", 49),
        ],
    )
    .await;
    for (phone, status, devis) in [
        ("261341234567", "devis_envoye", true),
        ("261331111111", "qualifie", false),
        ("261320000003", "nouveau", false),
        ("261320000004", "nouveau", false),
    ] {
        app.add_prospect(s.shop, phone, status, devis).await;
    }
    // Another shop's activity must not count.
    let other = app.create_shop("other", "Autre Boutique").await;
    app.add_number(other, "pnid-other").await;
    app.add_conversation(
        other,
        "261349999999",
        "Zo",
        "needs_human",
        &[("in", "customer", "Salut", "received", 3)],
    )
    .await;
    app.add_prospect(other, "261349999999", "gagne", true).await;

    let html = app.page("/admin", 200).await;
    assert!(
        html.contains("30 jours</small><b>4</b><small>reçus · 4 envoyés"),
        "{html}"
    );
    assert!(
        html.contains("<b>75 %</b>"),
        "automatic response rate: 3 of 4 sent by the bot"
    );
    assert!(
        html.contains("<b>25 %</b>") && html.contains("1 sur 4 prospects"),
        "lead → devis"
    );
    assert!(
        html.contains("<b>11 min</b>"),
        "mean resolution of the closed conversation"
    );
    assert!(
        html.contains("<b>50 %</b>") && html.contains("1 sur 2 conversations"),
        "escalation"
    );
    assert!(
        html.contains("À traiter</small><b>1</b>"),
        "one conversation waits for a human"
    );
    assert!(
        html.contains("data-status=\"nouveau\">2<") && html.contains("data-status=\"gagne\">0<"),
        "funnel"
    );
    assert!(
        html.contains("<svg class=\"chart\"") && html.matches("<rect").count() == 60,
        "30 days × 2 bars"
    );
    assert!(
        html.contains("Rasoa") && html.contains("Hery"),
        "recent conversations"
    );
    assert!(
        !html.contains("Zo") && !html.contains("Salut"),
        "no other shop's data"
    );
}
