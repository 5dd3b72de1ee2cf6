//! The agency's shop list shows each of its shops' health: last webhook per number,
//! outbox backlog, usage against the plan, and what needs a look; a shop the agency
//! does not manage is not listed.

use crate::helpers::{spawn_app, TestApp, PASSWORD};
use crate::orders_chat::with_number;
use varotra::db::accounts::Role;
use varotra::db::{usage, ShopId};

/// A customer message received `ago` (SQLite modifier) on the shop's only number.
async fn inbound(app: &TestApp, shop: ShopId, ago: &'static str) {
    app.db
        .write(move |c| {
            let account: i64 = c.query_row(
                "SELECT id FROM whatsapp_accounts WHERE shop_id = ?1",
                [shop],
                |r| r.get(0),
            )?;
            c.execute(
                "INSERT INTO conversations (shop_id, wa_account_id, customer_key, customer_phone, language, last_inbound_at)
                 VALUES (?1, ?2, '261341234567', '261341234567', 'fr', strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?3))",
                rusqlite::params![shop, account, ago],
            )?;
            let conv = c.last_insert_rowid();
            c.execute(
                "INSERT INTO messages (shop_id, conversation_id, wa_account_id, direction, kind, body, status, author, created_at)
                 VALUES (?1, ?2, ?3, 'in', 'text', 'Bonjour', 'received', 'customer', strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?4))",
                rusqlite::params![shop, conv, account, ago],
            )?;
            Ok(())
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn the_agency_page_lists_its_shops_with_last_webhook_backlog_and_usage_against_plan() {
    let app = spawn_app().await;
    let healthy = app.create_shop("agence-saine", "Boutique Saine").await;
    let sick = app.create_shop("agence-malade", "Boutique Malade").await;
    let other = app
        .create_shop("autre-agence", "Boutique d'une autre agence")
        .await;
    for shop in [healthy, sick] {
        app.create_user("agence@example.mg", Role::Agency, shop)
            .await;
        with_number(&app, shop).await;
    }
    app.create_user("autre@example.mg", Role::Owner, other)
        .await;
    inbound(&app, healthy, "-2 hours").await;
    inbound(&app, sick, "-3 days").await;
    let month = usage::month_of(chrono::Utc::now());
    app.db
        .write(move |c| {
            usage::set_plan(c, healthy, "pro")?;
            usage::set_plan(c, sick, "free")?;
            for _ in 0..10 {
                usage::add_reply(c, healthy, &month, false)?;
            }
            for i in 0..100 {
                usage::add_reply(c, sick, &month, i >= 100)?;
            }
            // Two messages stuck for an hour (held for later so the sender leaves them).
            let account: i64 = c.query_row(
                "SELECT id FROM whatsapp_accounts WHERE shop_id = ?1",
                [sick],
                |r| r.get(0),
            )?;
            for _ in 0..2 {
                c.execute(
                    "INSERT INTO outbox (shop_id, wa_account_id, to_phone, kind, payload, next_attempt_at, created_at)
                     VALUES (?1, ?2, '261341234567', 'text', '{}', '2999-01-01T00:00:00Z',
                             strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 hours'))",
                    rusqlite::params![sick, account],
                )?;
            }
            Ok(())
        })
        .await
        .unwrap();

    assert_eq!(app.login("agence@example.mg", PASSWORD).await.status(), 303);
    let page = app.page("/admin/boutiques", 200).await;
    // Each shop's block runs from its name in the list to the next block (or the end).
    let at = |name: &str| {
        let key = format!("class=\"who\">{name}");
        page.find(&key).unwrap_or_else(|| panic!("{name}: {page}"))
    };
    let (a, b) = (at("Boutique Saine"), at("Boutique Malade"));
    let (healthy_block, sick_block) = if a < b {
        (&page[a..b], &page[b..])
    } else {
        (&page[a..], &page[b..a])
    };

    assert!(
        healthy_block.contains("Offre Pro · réponses du bot 10 / 5000"),
        "{healthy_block}"
    );
    assert!(
        healthy_block.contains("+261320000001 : dernier webhook"),
        "{healthy_block}"
    );
    assert!(
        healthy_block.contains("File d'envoi : vide"),
        "{healthy_block}"
    );
    assert!(healthy_block.contains("Tout va bien"), "{healthy_block}");

    assert!(
        sick_block.contains("Offre Gratuit · réponses du bot 100 / 100 (100 %)"),
        "{sick_block}"
    );
    assert!(
        sick_block.contains("aucun webhook depuis plus de 24 h"),
        "{sick_block}"
    );
    assert!(
        sick_block.contains("2 message(s) en attente depuis"),
        "{sick_block}"
    );
    assert!(sick_block.contains("quota du mois atteint"), "{sick_block}");
    assert!(!sick_block.contains("Tout va bien"));

    assert!(!page.contains("Boutique d&#x27;une autre agence") && !page.contains("autre agence"));
}
