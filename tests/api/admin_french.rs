//! Every admin page a shop owner reads, rendered with real data of every kind (a
//! handed-over conversation with a photo, a voice note and an unsupported message, a
//! resolved one, notes, a devis with a delivery line, prospects, quick replies,
//! numbers, a failing provider, the simulator), is scanned for what must never reach
//! a French-speaking owner: English UI words from `scan::ENGLISH`, raw ISO dates or UTC
//! timestamps, and `[unsupported]`-style placeholders. What the owner typed (form
//! values), `<code>` (file column names, config keys, URLs) and email addresses are
//! not UI text and are left out of the scan.

use crate::helpers::{TestApp, PASSWORD};
use varotra::db::accounts::Role;

mod scan;

use scan::check;

async fn seed(app: &TestApp) -> (i64, i64) {
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let (shop, conv) = (s.shop, s.conversation);
    app.create_user("vola@example.mg", Role::Agent, shop).await;
    app.add_prospect(shop, "261341234567", "devis_envoye", false)
        .await;
    app.add_prospect(shop, "261330000003", "nouveau", false)
        .await;
    crate::quotes_devis::add_products(
        app,
        shop,
        &[
            ("RIZ-MAK-25", "Riz makalioka 25 kg", 65_000),
            ("SAV-400", "Savon de Marseille 400 g", 2_500),
        ],
    )
    .await;
    let closed = app
        .add_conversation(
            shop,
            "261331111111",
            "Hery",
            "open",
            &[("in", "customer", "Misaotra", "received", 50)],
        )
        .await;
    app.db
        .write(move |c| {
            for kind in ["image", "audio", "document", "unsupported", "sticker", "location"] {
                c.execute(
                    "INSERT INTO messages (shop_id, conversation_id, direction, kind, media_id, status, author)
                     VALUES (?1, ?2, 'in', ?3, 'm1', 'received', 'customer')",
                    rusqlite::params![shop, conv, kind],
                )?;
            }
            c.execute(
                "INSERT INTO faq_items (shop_id, question, answer) VALUES (?1, 'Livrez-vous ?', 'Oui, à Tana.')",
                [shop],
            )?;
            c.execute(
                "INSERT INTO settings (shop_id, key, value) VALUES (?1, 'hours', '{\"mon-sat\":\"07:30-18:00\"}')",
                [shop],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let csrf = app.csrf().await;
    for (path, form) in [
        (format!("/admin/conversations/{closed}/resolve"), vec![]),
        (
            format!("/admin/conversations/{conv}/note"),
            vec![("body", "Rappeler demain")],
        ),
        (
            format!("/admin/conversations/{conv}/reply"),
            vec![("text", "Je m'en occupe")],
        ),
        (
            "/admin/reponses-rapides".to_string(),
            vec![
                ("shortcut", "horaires"),
                ("body_fr", "Ouvert de 7 h 30 à 18 h."),
            ],
        ),
        (
            "/admin/simulateur".to_string(),
            vec![("text", "Ohatrinona ny vary 25 kg ?")],
        ),
    ] {
        let mut form = form;
        form.push(("csrf", &csrf));
        let status = app.post_form(&path, &form).await.status();
        assert!(
            status.is_success() || status.is_redirection(),
            "{path}: {status}"
        );
    }
    let devis = app
        .post_form(
            "/admin/devis/nouveau",
            &[
                ("csrf", &csrf),
                ("customer_name", "Jean Rabe"),
                ("qty:RIZ-MAK-25", "1"),
                ("delivery_fee", "5000"),
                ("do", "create"),
            ],
        )
        .await;
    assert_eq!(devis.status(), 303);
    // A provider that keeps failing since a known time: the banner shows on every page.
    app.db
        .write(|c| {
            c.execute(
                "UPDATE outbox SET attempts = 2, last_error = 'délai dépassé', created_at = '2026-11-25T11:02:00Z',
                    next_attempt_at = '2999-01-01T00:00:00Z'",
                [],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let devis_id = crate::whatsapp_support::count(&app.db, "SELECT max(id) FROM devis").await;
    (conv, devis_id)
}

#[tokio::test]
async fn no_admin_page_shows_english_words_raw_dates_or_bracketed_kinds() {
    let app = crate::helpers::spawn_app_with(|s| s.assistant.enabled = true).await;
    let (conv, devis) = seed(&app).await;
    let product = crate::whatsapp_support::count(&app.db, "SELECT min(id) FROM products").await;
    let faq = crate::whatsapp_support::count(&app.db, "SELECT min(id) FROM faq_items").await;
    let pages = [
        "/admin".to_string(),
        "/admin/conversations".into(),
        "/admin/conversations?status=needs_human".into(),
        "/admin/conversations?status=mine".into(),
        "/admin/conversations?status=open".into(),
        "/admin/conversations?status=closed".into(),
        format!("/admin/conversations/{conv}"),
        format!("/admin/conversations/{conv}?produit=riz"),
        "/admin/contacts".into(),
        format!("/admin/contacts/{conv}"),
        "/admin/catalogue".into(),
        "/admin/catalogue?q=savon".into(),
        "/admin/catalogue/nouveau".into(),
        format!("/admin/catalogue/{product}"),
        "/admin/catalogue/synonymes".into(),
        "/admin/faq".into(),
        format!("/admin/faq/{faq}"),
        "/admin/devis".into(),
        "/admin/devis/nouveau".into(),
        format!("/admin/devis/nouveau?conversation={conv}"),
        format!("/admin/devis/{devis}"),
        "/admin/prospects".into(),
        "/admin/reponses-rapides".into(),
        "/admin/simulateur".into(),
        "/admin/parametres".into(),
        "/admin/parametres/marque".into(),
        "/admin/abonnement".into(),
        "/admin/boutiques".into(),
        "/admin/nulle-part".into(),
        "/admin/hors-ligne".into(),
    ];
    let mut problems = Vec::new();
    for path in &pages {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        let status = res.status().as_u16();
        assert!(status == 200 || status == 404, "{path}: {status}");
        let html = res.text().await.unwrap();
        if path != "/admin/hors-ligne" && path != "/admin/nulle-part" {
            assert!(
                html.contains("WhatsApp ne répond pas"),
                "{path}: the banner"
            );
        }
        problems.extend(check(path, &html));
    }
    // The simulator's answer page, and the login page of someone signed out.
    let csrf = app.csrf().await;
    let sim = app
        .post_form(
            "/admin/simulateur",
            &[("csrf", &csrf), ("text", "Misy savony ve ?")],
        )
        .await
        .text()
        .await
        .unwrap();
    problems.extend(check("POST /admin/simulateur", &sim));
    let out = reqwest::Client::new()
        .get(app.url("/admin/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    problems.extend(check("/admin/login", &out));
    // The agent's view of a page it may not open.
    let agent = crate::admin_inbox::second_browser(&app);
    agent.login("vola@example.mg", PASSWORD).await;
    problems.extend(check(
        "403 /admin/parametres",
        &agent.page("/admin/parametres", 403).await,
    ));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
