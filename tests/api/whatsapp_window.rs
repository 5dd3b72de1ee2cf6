//! The 24-hour customer-service window: outside it, messages leave as the approved
//! templates the shop mapped to their purpose, an agent's free text is refused with
//! the template offered, templates are synced from the provider and kept current by
//! their status webhooks, and statuses' pricing adds up to the month's billed messages.

use crate::helpers::{TestApp, PASSWORD};
use crate::whatsapp_outbound::{app_against, mount_messages};
use crate::whatsapp_support::*;
use varotra::db::accounts::Role;
use varotra::db::templates::{self, Synced};
use varotra::db::{ConversationId, ShopId};
use varotra::kinds::Purpose;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn synced(name: &str, params: &[&str], body: &str) -> Synced {
    Synced {
        provider_id: None,
        name: name.into(),
        language: "fr".into(),
        category: "UTILITY".into(),
        status: "APPROVED".into(),
        parameter_format: "POSITIONAL".into(),
        params: params.iter().map(|p| p.to_string()).collect(),
        body: body.into(),
    }
}

/// The shop's number knows three approved templates, mapped to their purposes.
async fn with_templates(app: &TestApp, shop: ShopId) {
    app.db
        .write(move |c| {
            let list = [
                synced("alerte_proprietaire", &["1"], "Varotra : {{1}}"),
                synced(
                    "relance_devis",
                    &["1", "2", "3"],
                    "Bonjour {{1}}, votre devis {{2}} ({{3}}) vous attend.",
                ),
                synced(
                    "reprise_contact",
                    &["1"],
                    "Bonjour {{1}}, nous avons une réponse pour vous : répondez à ce message.",
                ),
            ];
            templates::replace_synced(c, shop, 1, &list)?;
            templates::set_mapping(
                c,
                shop,
                Purpose::OwnerAlert,
                Some(("alerte_proprietaire", "fr")),
            )?;
            templates::set_mapping(
                c,
                shop,
                Purpose::DevisFollowUp,
                Some(("relance_devis", "fr")),
            )?;
            templates::set_mapping(
                c,
                shop,
                Purpose::HumanReply,
                Some(("reprise_contact", "fr")),
            )?;
            Ok(())
        })
        .await
        .unwrap();
}

async fn bodies(server: &MockServer) -> Vec<serde_json::Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().ends_with("/messages"))
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

/// A conversation whose customer last wrote two days ago.
async fn silent_customer(app: &TestApp, shop: ShopId) -> ConversationId {
    app.db
        .write(move |c| {
            c.execute(
                "INSERT INTO conversations (shop_id, wa_account_id, customer_key, customer_phone, customer_name, language, last_inbound_at)
                 VALUES (?1, 1, '261341234567', '261341234567', 'Rasoa', 'fr', strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-2 days'))",
                [shop],
            )?;
            let conv = c.last_insert_rowid();
            c.execute(
                "INSERT INTO messages (shop_id, conversation_id, wa_account_id, direction, kind, body, status, author, created_at)
                 VALUES (?1, ?2, 1, 'in', 'text', 'Ohatrinona ny vary?', 'received', 'customer', strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-2 days'))",
                rusqlite::params![shop, conv],
            )?;
            Ok(ConversationId(conv))
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn outside_the_window_an_owner_alert_and_a_devis_follow_up_go_as_the_mapped_templates() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let app = app_against(&server).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    with_templates(&app, shop).await;
    let conv = silent_customer(&app, shop).await;

    // The owner never wrote to the shop number: their alert cannot be free text.
    app.db
        .write(move |c| {
            varotra::db::shops::set_setting(c, shop, "notify.whatsapp", "261320000009")?;
            varotra::crm::notify::notify(
                c,
                shop,
                "handover",
                "Conversation #1 : le client demande une personne",
            )?;
            Ok(())
        })
        .await
        .unwrap();
    eventually("the alert", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
    let alert = &bodies(&server).await[0];
    assert_eq!(alert["to"], "261320000009");
    assert_eq!(alert["type"], "template");
    assert_eq!(alert["template"]["name"], "alerte_proprietaire");
    let param = alert["template"]["components"][0]["parameters"][0]["text"]
        .as_str()
        .unwrap();
    assert!(param.contains("le client demande une personne"), "{param}");

    // A devis sent yesterday and left unanswered gets its reminder, as the template.
    app.db
        .write(move |c| {
            c.execute(
                "INSERT INTO products (shop_id, sku, title, price) VALUES (?1, 'RIZ-MAK-25', 'Riz makalioka 25 kg', 95000)",
                [shop],
            )?;
            let new = varotra::quotes::NewDevis {
                conversation_id: Some(conv),
                items: vec![("RIZ-MAK-25".into(), 2)],
                ..Default::default()
            };
            let d = varotra::quotes::create(c, shop, &new).unwrap();
            c.execute(
                "UPDATE devis SET status = 'sent', sent_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-25 hours') WHERE id = ?1",
                [d.id],
            )?;
            assert_eq!(varotra::jobs::follow_up::queue_due(c)?, 1);
            assert_eq!(varotra::jobs::follow_up::queue_due(c)?, 0, "one reminder only");
            Ok(())
        })
        .await
        .unwrap();
    eventually("the follow-up", || async {
        (fake.accepted() == 2).then_some(())
    })
    .await;
    let follow_up = &bodies(&server).await[1];
    assert_eq!(follow_up["to"], "261341234567");
    assert_eq!(follow_up["template"]["name"], "relance_devis");
    let params: Vec<&str> = follow_up["template"]["components"][0]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(params[0], "Rasoa");
    assert!(params[1].starts_with("DEV-"), "{params:?}");
    assert_eq!(
        params[2], "190 000 Ar",
        "2 × 95 000 Ar, the test shop charges no VAT"
    );
    let shown = text(&app.db, "SELECT body FROM messages WHERE kind = 'template'")
        .await
        .unwrap();
    assert!(
        shown.starts_with("[modèle relance_devis]"),
        "the thread shows what went: {shown}"
    );
    // Both templates and the devis count in the month's usage (issue 21).
    let month = varotra::db::usage::month_of(chrono::Utc::now());
    let used = app
        .db
        .read(move |c| varotra::db::usage::get(c, shop, &month))
        .await
        .unwrap();
    assert_eq!((used.templates, used.devis, used.bot_replies), (2, 1, 0));
}

#[tokio::test]
async fn without_a_mapped_template_a_message_outside_the_window_fails_with_the_reason() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let app = app_against(&server).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    app.db
        .write(move |c| {
            varotra::db::shops::set_setting(c, shop, "notify.whatsapp", "261320000009")?;
            varotra::crm::notify::notify(c, shop, "handover", "Conversation #1")?;
            Ok(())
        })
        .await
        .unwrap();
    let reason = eventually("the alert to fail", || async {
        text(
            &app.db,
            "SELECT last_error FROM outbox WHERE status = 'failed'",
        )
        .await
    })
    .await;
    assert!(reason.contains("Alerte au propriétaire"), "{reason}");
    assert_eq!(fake.calls(), 0, "nothing WhatsApp would refuse is sent");
}

#[tokio::test]
async fn an_agents_free_text_outside_the_window_is_refused_and_the_template_offered() {
    let server = MockServer::start().await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let app = app_against(&server).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    with_templates(&app, shop).await;
    let conv = silent_customer(&app, shop).await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.login("rivo@example.mg", PASSWORD).await;
    let page = app.page(&format!("/admin/conversations/{conv}"), 200).await;
    assert!(page.contains("Fenêtre WhatsApp fermée depuis le"), "{page}");

    let csrf = crate::helpers::extract_csrf(&page).unwrap();
    let res = app
        .client
        .post(app.url(&format!("/admin/conversations/{conv}/reply")))
        .form(&[("csrf", csrf.as_str()), ("text", "Oui, il en reste.")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("done=window_closed"), "{to}");
    assert_eq!(count(&app.db, "SELECT count(*) FROM outbox").await, 0);
    let page = app.page(&to, 200).await;
    assert!(
        page.contains("WhatsApp n&#x27;accepte plus de message libre")
            || page.contains("WhatsApp n'accepte plus de message libre"),
        "{page}"
    );
    assert!(
        page.contains("Envoyer le modèle « reprise_contact »"),
        "{page}"
    );

    let res = app
        .client
        .post(app.url(&format!("/admin/conversations/{conv}/template")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    eventually("the template", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
    let sent = &bodies(&server).await[0];
    assert_eq!(sent["template"]["name"], "reprise_contact");
    assert_eq!(
        sent["template"]["components"][0]["parameters"][0]["text"],
        "Rasoa"
    );
}

#[tokio::test]
async fn templates_sync_from_the_provider_and_their_reviews_apply() {
    let server = MockServer::start().await;
    let page2 = format!("{}/page-2", server.uri());
    Mock::given(method("GET"))
        .and(path("/102290129340398/message_templates"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "data": [
                {"name": "relance_devis", "parameter_format": "POSITIONAL", "language": "fr", "status": "PENDING",
                 "category": "UTILITY", "id": "1689556908129832",
                 "components": [{"type": "BODY", "text": "Bonjour {{1}}, votre devis {{2}} ({{3}}) vous attend.",
                                 "example": {"body_text": [["Rasoa", "DEV-2026-0001", "95 000 Ar"]]}}]},
                {"name": "promo_noel", "parameter_format": "NAMED", "language": "fr", "status": "APPROVED",
                 "category": "MARKETING", "id": "1689556908129835",
                 "components": [{"type": "BODY", "text": "Joyeux Noël {{customer_name}} ! -10 % avec {{coupon}}"}]}
            ],
            "paging": {"cursors": {"before": "QVFIU", "after": "QVFIZ"}, "next": page2}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/page-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "data": [{"name": "alerte_proprietaire", "language": "mg", "status": "APPROVED", "category": "UTILITY",
                      "components": [{"type": "BODY", "text": "Varotra : {{1}}"}]}],
            "paging": {"cursors": {"before": "a", "after": "b"}}
        })))
        .mount(&server)
        .await;
    let app = app_against(&server).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    // Any delivery names the WhatsApp Business Account of the number.
    post_signed(&app, &fixture("status-read.json")).await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.login("rivo@example.mg", PASSWORD).await;
    let page = app.page("/admin/whatsapp", 200).await;
    assert!(
        page.contains("102290129340398"),
        "the WABA id is known: {page}"
    );
    let csrf = crate::helpers::extract_csrf(&page).unwrap();
    let res = app
        .client
        .post(app.url("/admin/whatsapp/sync"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = app.page("/admin/whatsapp?done=sync", 200).await;
    for shown in [
        "relance_devis",
        "promo_noel",
        "alerte_proprietaire",
        "MARKETING",
        "customer_name, coupon",
    ] {
        assert!(page.contains(shown), "{shown} in {page}");
    }

    // Not approved yet: it cannot serve a purpose.
    let map = |choice: &'static str| {
        let (app, csrf) = (&app, csrf.clone());
        async move {
            app.client
                .post(app.url("/admin/whatsapp/modeles"))
                .form(&[("csrf", csrf.as_str()), ("devis_follow_up", choice)])
                .send()
                .await
                .unwrap()
        }
    };
    let refused = map("relance_devis|fr").await.text().await.unwrap();
    assert!(
        refused.contains("n&#x27;est pas approuvé") || refused.contains("n'est pas approuvé"),
        "{refused}"
    );
    // Its review comes: approved, now it can.
    assert_eq!(
        post_signed(&app, &fixture("template-approved.json"))
            .await
            .status(),
        200
    );
    assert_eq!(map("relance_devis|fr").await.status(), 303);
    let mapped = app
        .db
        .read(move |c| templates::mapping(c, shop, Purpose::DevisFollowUp))
        .await
        .unwrap();
    assert_eq!(mapped, Some(("relance_devis".into(), "fr".into())));
    // A named parameter Varotra cannot fill is refused with its name.
    let odd = map("promo_noel|fr").await.text().await.unwrap();
    assert!(odd.contains("« coupon »"), "{odd}");

    post_signed(&app, &fixture("template-rejected.json")).await;
    let (status, reason) = app
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT status, reason FROM wa_templates WHERE name = 'promo_noel'",
                [],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(
        (status.as_str(), reason.as_str()),
        ("REJECTED", "INVALID_FORMAT")
    );
}

#[tokio::test]
async fn a_status_confirms_its_row_by_callback_and_its_price_adds_to_the_months_bill() {
    let server = MockServer::start().await;
    let down = FakeSend::failing(usize::MAX, 503, "");
    mount_messages(&server, &down).await;
    let app = app_against(&server).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-fr.json")).await;
    // The reply (outbox row 1) never got an answer from the provider...
    eventually("the reply to be tried", || async {
        (down.calls() > 0).then_some(())
    })
    .await;
    // ...but Meta had it: its status names our row.
    assert_eq!(
        post_signed(&app, &fixture("status-sent-callback.json"))
            .await
            .status(),
        200
    );
    eventually("the row to be confirmed", || async {
        (text(&app.db, "SELECT status FROM outbox WHERE id = 1")
            .await
            .as_deref()
            == Some("sent"))
        .then_some(())
    })
    .await;
    let (wamid, status, category, billable): (String, String, String, i64) = app
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT wamid, status, pricing_category, billable FROM messages WHERE direction = 'out'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?)
        })
        .await
        .unwrap();
    assert!(wamid.contains("Q0FMTEJBQ0s"), "{wamid}");
    assert_eq!(
        (status.as_str(), category.as_str(), billable),
        ("sent", "utility", 1)
    );
    // Later statuses move it forward; the row stays sent, never queued again.
    post_signed(&app, &fixture("status-delivered-user-id.json")).await;
    assert_eq!(
        text(
            &app.db,
            "SELECT status FROM messages WHERE direction = 'out'"
        )
        .await
        .as_deref(),
        Some("delivered")
    );
    assert_eq!(
        count(
            &app.db,
            "SELECT billable FROM messages WHERE direction = 'out'"
        )
        .await,
        0,
        "the free service category"
    );
    assert_eq!(
        text(&app.db, "SELECT status FROM outbox WHERE id = 1")
            .await
            .as_deref(),
        Some("sent")
    );

    app.db
        .write(|c| {
            Ok(c.execute(
                "UPDATE messages SET billable = 1 WHERE direction = 'out'",
                [],
            )?)
        })
        .await
        .unwrap();
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.login("rivo@example.mg", PASSWORD).await;
    let page = app.page("/admin/whatsapp", 200).await;
    assert!(page.contains("Messages facturés ce mois-ci"));
    assert!(
        page.contains("<td>service</td><td>1</td><td>1</td>"),
        "{page}"
    );
}
