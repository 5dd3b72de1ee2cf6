use crate::helpers::{spawn_app, PASSWORD};
use varotra::db::accounts::Role;
use varotra::db::shops;

#[tokio::test]
async fn an_agent_cannot_open_or_change_the_settings() {
    let app = spawn_app().await;
    let shop = app.create_shop("rivo", "Epicerie Rivo").await;
    app.create_user("agent@example.mg", Role::Agent, shop).await;
    assert_eq!(app.login("agent@example.mg", PASSWORD).await.status(), 303);
    app.page("/admin/parametres", 403).await;
    let csrf = app.csrf().await;
    let res = app
        .post_form(
            "/admin/parametres",
            &[
                ("csrf", &csrf),
                ("company_name", "Volée"),
                ("timezone", "UTC"),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
    let name = app
        .db
        .read(move |c| shops::get(c, shop))
        .await
        .unwrap()
        .company_name;
    assert_eq!(name, "Epicerie Rivo");
    // Agents still work the conversations.
    app.page("/admin/conversations", 200).await;
}

#[tokio::test]
async fn an_owner_saves_identity_messages_hours_and_payment_numbers() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let csrf = app.csrf().await;
    let res = app
        .post_form(
            "/admin/parametres",
            &[
                ("csrf", &csrf),
                ("company_name", "Epicerie Rivo Analakely"),
                ("address", "Lot IVG 12 Bis, Analakely"),
                ("phone", "+261 32 00 000 01"),
                ("nif", "4001234567"),
                ("stat", "47111 11 2019 0 01234"),
                ("rcs", ""),
                ("vat_rate", ""),
                ("no_vat", "1"),
                ("timezone", "Indian/Antananarivo"),
                ("greeting_fr", "Bonjour ! Bienvenue chez Rivo."),
                ("greeting_mg", "Manao ahoana ! Tongasoa eto amin'i Rivo."),
                ("hours", r#"{"mon-sat":"07:30-18:00","sun":"08:00-12:00"}"#),
                ("payment.mvola", "034 12 345 67"),
                ("payment.account_name", "RAKOTO Rivo"),
                ("notify.whatsapp", "261341112233"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let shop = s.shop;
    let (row, greeting, hours, mvola, orange) = app
        .db
        .read(move |c| {
            Ok((
                shops::get(c, shop)?,
                shops::setting(c, shop, "greeting_mg")?,
                shops::setting(c, shop, "hours")?,
                shops::setting(c, shop, "payment.mvola")?,
                shops::setting(c, shop, "payment.orange_money")?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(row.company_name, "Epicerie Rivo Analakely");
    assert_eq!(row.vat_rate_bp, None, "TVA non applicable");
    assert_eq!(row.rcs, None);
    assert_eq!(
        greeting.as_deref(),
        Some("Manao ahoana ! Tongasoa eto amin'i Rivo.")
    );
    let hours: serde_json::Value = serde_json::from_str(&hours.unwrap()).unwrap();
    assert_eq!(hours["sun"], "08:00-12:00");
    assert_eq!(mvola.as_deref(), Some("034 12 345 67"));
    assert_eq!(orange, None);
    let page = app.page("/admin/parametres?saved=1", 200).await;
    assert!(page.contains("Paramètres enregistrés") && page.contains("RAKOTO Rivo"));
}

#[tokio::test]
async fn bad_hours_or_an_unknown_time_zone_are_refused_and_nothing_is_saved() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let csrf = app.csrf().await;
    for (tz, hours, expected) in [
        ("Indian/Antananarivo", "lundi-samedi 8h", "Horaires"),
        (
            "Indian/Antananarivo",
            r#"{"mon":"18:00-08:00"}"#,
            "Horaires",
        ),
        ("Mars/Olympus", "", "Fuseau horaire"),
    ] {
        let res = app
            .post_form(
                "/admin/parametres",
                &[
                    ("csrf", &csrf),
                    ("company_name", "Changé"),
                    ("timezone", tz),
                    ("hours", hours),
                ],
            )
            .await;
        assert_eq!(res.status(), 400, "{tz} {hours}");
        let html = res.text().await.unwrap();
        assert!(html.contains(expected), "{html}");
        assert!(
            html.contains("value=\"Changé\""),
            "the typed values are kept"
        );
    }
    let shop = s.shop;
    let name = app
        .db
        .read(move |c| shops::get(c, shop))
        .await
        .unwrap()
        .company_name;
    assert_eq!(name, "Boutique rivo");
}

#[tokio::test]
async fn the_settings_page_gives_each_number_its_webhook_url() {
    let app = spawn_app_with_public_url().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let shop = s.shop;
    app.db
        .write(move |c| {
            c.execute(
                "INSERT INTO whatsapp_accounts (shop_id, wa_number, provider, webhook_token, phone_number_id, token)
                 VALUES (?1, '+261330000002', 'gupshup', 'gs-token-123', 'rivo-app', 'k')",
                [shop],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let html = app.page("/admin/parametres", 200).await;
    assert!(html.contains("https://rivo.example.mg/webhooks/whatsapp"));
    assert!(html.contains("https://rivo.example.mg/webhooks/gupshup/gs-token-123"));
    assert!(
        !html.contains("secret-token"),
        "access tokens never reach the page"
    );
    assert!(
        !html.contains(crate::helpers::VERIFY_TOKEN),
        "only a hint of the verify token"
    );
}

async fn spawn_app_with_public_url() -> crate::helpers::TestApp {
    crate::helpers::spawn_app_with(|s| s.server.public_url = "https://rivo.example.mg".into()).await
}

#[tokio::test]
async fn an_agency_switches_between_its_shops_and_creates_one() {
    let app = spawn_app().await;
    let a = app.create_shop("alpha", "Alpha Store").await;
    let b = app.create_shop("beta", "Beta Store").await;
    app.create_user("agence@example.mg", Role::Agency, a).await;
    app.create_user("agence@example.mg", Role::Agency, b).await;
    let stranger = app.create_shop("gamma", "Gamma Store").await;
    app.add_number(b, "pnid-beta").await;
    app.add_conversation(
        b,
        "261340000001",
        "Client Beta",
        "open",
        &[("in", "customer", "Salama", "received", 1)],
    )
    .await;
    assert_eq!(app.login("agence@example.mg", PASSWORD).await.status(), 303);

    let shops_page = app.page("/admin/boutiques", 200).await;
    assert!(shops_page.contains("Alpha Store") && shops_page.contains("Beta Store"));
    assert!(!shops_page.contains("Gamma Store"));
    assert!(!app
        .page("/admin/conversations", 200)
        .await
        .contains("Client Beta"));

    let csrf = app.csrf().await;
    let res = app
        .post_form(
            "/admin/shop",
            &[("csrf", &csrf), ("shop_id", &b.0.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(app
        .page("/admin/conversations", 200)
        .await
        .contains("Client Beta"));
    let res = app
        .post_form(
            "/admin/shop",
            &[("csrf", &csrf), ("shop_id", &stranger.0.to_string())],
        )
        .await;
    assert_eq!(res.status(), 404);

    let res = app
        .post_form(
            "/admin/boutiques",
            &[("csrf", &csrf), ("slug", "delta"), ("name", "Delta Shop")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let settings = app.page("/admin/parametres", 200).await;
    assert!(
        settings.contains("value=\"Delta Shop\""),
        "the new shop is the current one"
    );
    let dup = app
        .post_form(
            "/admin/boutiques",
            &[("csrf", &csrf), ("slug", "delta"), ("name", "Encore")],
        )
        .await;
    assert_eq!(dup.status(), 400);
}

#[tokio::test]
async fn an_owner_sees_only_its_shop_and_cannot_create_one() {
    let app = spawn_app().await;
    app.seeded_owner("rivo", "rivo@example.mg").await;
    app.create_shop("other", "Autre Boutique").await;
    let page = app.page("/admin/boutiques", 200).await;
    assert!(page.contains("Boutique rivo") && !page.contains("Autre Boutique"));
    assert!(!page.contains("Nouvelle boutique"));
    let csrf = app.csrf().await;
    let res = app
        .post_form(
            "/admin/boutiques",
            &[("csrf", &csrf), ("slug", "x"), ("name", "X")],
        )
        .await;
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn the_owner_sets_delivery_and_warranty_and_the_assistant_answers_from_them() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let csrf = app.csrf().await;
    let base = [
        ("csrf", csrf.as_str()),
        ("company_name", "Epicerie Rivo"),
        ("timezone", "Indian/Antananarivo"),
    ];
    // A zone whose fee is no amount is refused, naming the field and the line.
    let mut bad = base.to_vec();
    bad.push((
        "delivery.zones",
        "Tana | Analakely | 4000\nIvato | Ivato | gratuit",
    ));
    let res = app.post_form("/admin/parametres", &bad).await;
    assert_eq!(res.status(), 400);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Zones de livraison") && html.contains("ligne 2") && html.contains("gratuit"),
        "{html}"
    );
    let shop = s.shop;
    let zones = app
        .db
        .read(move |c| shops::setting(c, shop, "delivery.zones"))
        .await
        .unwrap();
    assert_eq!(zones, None, "nothing saved");

    let mut good = base.to_vec();
    good.extend([
        (
            "delivery.zones",
            "Tana ville | Analakely, Isotry | 3 500 | le jour même | anio ihany",
        ),
        ("delivery.minimum_order", "20 000 Ar"),
        ("payment.cash_on_delivery", "Eny"),
        ("warranty.fr", "Garantie 6 mois sur les appareils."),
        ("warranty.mg", "Misy garantie 6 volana ny fitaovana."),
    ]);
    let res = app.post_form("/admin/parametres", &good).await;
    assert_eq!(res.status(), 303);
    let (minimum, cash) = app
        .db
        .read(move |c| {
            Ok((
                shops::setting(c, shop, "delivery.minimum_order")?,
                shops::setting(c, shop, "payment.cash_on_delivery")?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(
        minimum.as_deref(),
        Some("20000"),
        "amounts are stored tidied"
    );
    assert_eq!(cash.as_deref(), Some("oui"));
    let page = app.page("/admin/parametres", 200).await;
    assert!(
        page.contains("Misy garantie 6 volana ny fitaovana."),
        "{page}"
    );

    // The assistant states the owner's fee, in the customer's language.
    for (question, expected) in [
        ("vous livrez à Isotry ?", "3 500 Ar"),
        ("misy garantie ve ny entanareo?", "garantie 6 volana"),
    ] {
        let res = app
            .post_form("/admin/simulateur", &[("csrf", &csrf), ("text", question)])
            .await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains(expected), "{question}: {html}");
    }
}
