//! A devis accepted in the chat becomes an order: stock held on acceptance, taken on
//! payment, released on cancel; the payment numbers with the devis number as
//! reference; each step told to the customer in their language through the outbox,
//! with the `order_update` purpose for outside the 24-hour window.

use crate::assistant_eval::{conversation, epicerie, say};
use crate::helpers::TestApp;
use varotra::assistant::Assistant;
use varotra::db::{orders as order_rows, ConversationId, OrderId, ShopId};
use varotra::kinds::{OrderStatus, PaidBy};
use varotra::orders::{self, Actor};

/// The shop's WhatsApp number, so the steps can be queued to the customer.
pub(crate) async fn with_number(app: &TestApp, shop: ShopId) {
    app.db
        .write(move |c| {
            c.execute(
                "INSERT INTO whatsapp_accounts (shop_id, wa_number, provider, webhook_token, phone_number_id, token)
                 VALUES (?1, '+261320000001', 'meta', 'hook-' || ?1, 'pnid-' || ?1, 'tok')",
                [shop],
            )?;
            Ok(())
        })
        .await
        .unwrap();
}

/// A conversation of `phone` with a devis for two 1 L oils accepted in the chat: the
/// order to pay that most order tests start from.
pub(crate) async fn order_to_pay(app: &TestApp, shop: ShopId, phone: &str) -> ConversationId {
    let conv = conversation(&app.db, shop, phone);
    accept_in_chat(
        app,
        shop,
        conv,
        "Je voudrais un devis pour 2 huiles 1 L",
        "OK",
    )
    .await;
    conv
}

/// The chat from question to "OK" on the devis: returns the acceptance's reply.
pub(crate) async fn accept_in_chat(
    app: &TestApp,
    shop: ShopId,
    conv: ConversationId,
    ask: &'static str,
    accept: &'static str,
) -> String {
    let db = app.db.clone();
    let files = varotra::crypto::FileStore::new(app.dir.path().join("files"), None);
    tokio::task::spawn_blocking(move || {
        let a = Assistant::without_model();
        let f = Some(&files);
        say(&a, &db, f, shop, conv, ask, None);
        say(&a, &db, f, shop, conv, "ok", None);
        let (d, _) = say(&a, &db, f, shop, conv, accept, None);
        d.reply
    })
    .await
    .unwrap()
}

pub(crate) async fn stock(app: &TestApp, shop: ShopId, sku: &'static str) -> (i64, i64) {
    app.db
        .read(move |c| {
            let p = varotra::db::products::get_by_sku(c, shop, sku)?.unwrap();
            Ok((p.stock.unwrap(), p.available().unwrap()))
        })
        .await
        .unwrap()
}

pub(crate) async fn only_order(app: &TestApp, shop: ShopId) -> order_rows::Order {
    let (items, total) = app
        .db
        .read(move |c| order_rows::list(c, shop, None, None, 10, 0))
        .await
        .unwrap();
    assert_eq!(total, 1, "{items:?}");
    items.into_iter().next().unwrap()
}

/// The texts queued to the customer for the order's steps, oldest first.
async fn order_updates(app: &TestApp, shop: ShopId) -> Vec<String> {
    app.db
        .read(move |c| {
            let mut s = c.prepare(
                "SELECT m.body FROM outbox o JOIN messages m ON m.id = o.message_id
                 WHERE o.shop_id = ?1 AND o.purpose = 'order_update' ORDER BY o.id",
            )?;
            let rows = s
                .query_map([shop], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(rows)
        })
        .await
        .unwrap()
}

async fn step(app: &TestApp, shop: ShopId, id: OrderId, to: OrderStatus) -> Result<(), String> {
    app.db
        .write(move |c| {
            let tx = c.transaction()?;
            let r = orders::advance(&tx, shop, id, to, Actor::Owner("test"));
            tx.commit()?;
            Ok(r.map(|_| ()).map_err(|e| e.to_string()))
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_devis_accepted_in_chat_becomes_an_order_that_holds_then_takes_its_stock() {
    let (app, shop) = epicerie().await;
    with_number(&app, shop).await;
    let conv = conversation(&app.db, shop, "261341112266");
    assert_eq!(stock(&app, shop, "HUILE-1L").await, (80, 80));
    let reply = accept_in_chat(
        &app,
        shop,
        conv,
        "Je voudrais un devis pour 2 huiles 1 L",
        "Oui je valide",
    )
    .await;
    let order = only_order(&app, shop).await;
    assert_eq!(order.status, OrderStatus::ToPay);
    assert!(order.number.starts_with("DEV-"), "{order:?}");
    assert_eq!(order.conversation_id, Some(conv));
    // The payment numbers, with the devis number as the reference.
    assert!(reply.contains("034 12 345 67"), "{reply}");
    assert!(reply.contains("032 12 345 67"), "{reply}");
    assert!(
        reply.contains(&format!("Référence : {}", order.number)),
        "{reply}"
    );
    // Held on acceptance: the shelf is unchanged, the bot may promise 78.
    assert_eq!(stock(&app, shop, "HUILE-1L").await, (80, 78));

    // Paid: the goods leave the shelf, the hold is gone; paid twice changes nothing.
    let id = order.id;
    let paid = app
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let first = orders::mark_paid(&tx, shop, id, PaidBy::Mvola, Some("123"), Actor::System);
            let second =
                orders::mark_paid(&tx, shop, id, PaidBy::Mvola, Some("123"), Actor::System);
            tx.commit()?;
            Ok((first.unwrap().1, second.unwrap().1))
        })
        .await
        .unwrap();
    assert_eq!(paid, (true, false));
    assert_eq!(stock(&app, shop, "HUILE-1L").await, (78, 78));

    // Forward one step at a time; backwards or skipping is refused.
    assert!(step(&app, shop, id, OrderStatus::Delivered).await.is_err());
    step(&app, shop, id, OrderStatus::Preparing).await.unwrap();
    step(&app, shop, id, OrderStatus::Shipping).await.unwrap();
    let refused = step(&app, shop, id, OrderStatus::Cancelled)
        .await
        .unwrap_err();
    assert!(refused.contains("en livraison"), "{refused}");
    step(&app, shop, id, OrderStatus::Delivered).await.unwrap();
    assert!(step(&app, shop, id, OrderStatus::Preparing).await.is_err());

    // The customer was told each step once, in French.
    let told = order_updates(&app, shop).await;
    assert_eq!(told.len(), 4, "{told:?}");
    assert!(
        told[0].starts_with("Paiement reçu") && told[0].contains("réf 123"),
        "{told:?}"
    );
    assert!(told[1].contains("en préparation"), "{told:?}");
    assert!(told[2].contains("en route"), "{told:?}");
    assert!(told[3].contains("livrée"), "{told:?}");
}

#[tokio::test]
async fn a_cancelled_order_gives_its_stock_back_and_the_customer_is_told_in_malagasy() {
    let (app, shop) = epicerie().await;
    with_number(&app, shop).await;
    let conv = conversation(&app.db, shop, "261341112277");
    let reply = accept_in_chat(
        &app,
        shop,
        conv,
        "Mila devis aho: vary makalioka 50 kilao sy menaka 5 litatra roa",
        "Eny, ekeko ilay devis",
    )
    .await;
    let order = only_order(&app, shop).await;
    assert!(reply.contains("Handoavana"), "{reply}");
    assert_eq!(stock(&app, shop, "HUILE-5L").await, (25, 23));
    assert_eq!(stock(&app, shop, "RIZ-MAK-1K").await, (250, 200));
    step(&app, shop, order.id, OrderStatus::Cancelled)
        .await
        .unwrap();
    assert_eq!(stock(&app, shop, "HUILE-5L").await, (25, 25));
    assert_eq!(stock(&app, shop, "RIZ-MAK-1K").await, (250, 250));
    let told = order_updates(&app, shop).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("Nofoanana"), "{told:?}");
    // A cancelled order cannot be paid any more.
    let id = order.id;
    let paid = app
        .db
        .write(move |c| {
            Ok(orders::mark_paid(c, shop, id, PaidBy::Cash, None, Actor::System).is_err())
        })
        .await
        .unwrap();
    assert!(paid);
}

#[tokio::test]
async fn an_order_left_unpaid_past_the_shops_delay_expires_and_frees_its_stock() {
    let (app, shop) = epicerie().await;
    with_number(&app, shop).await;
    order_to_pay(&app, shop, "261341112233").await;
    assert_eq!(stock(&app, shop, "HUILE-1L").await, (80, 78));
    crate::quotes_devis::set(&app, shop, "orders.expiry_days", "3").await;
    let expire = || {
        app.db.write(|c| {
            let tx = c.transaction()?;
            let n = orders::expire_all(&tx).unwrap();
            tx.commit()?;
            Ok(n)
        })
    };
    assert_eq!(expire().await.unwrap(), 0, "two days are not three");
    app.db
        .write(|c| {
            c.execute(
                "UPDATE orders SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-4 days')",
                [],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(expire().await.unwrap(), 1);
    assert_eq!(only_order(&app, shop).await.status, OrderStatus::Cancelled);
    assert_eq!(stock(&app, shop, "HUILE-1L").await, (80, 80));
    assert_eq!(expire().await.unwrap(), 0, "once");
}

#[tokio::test]
async fn the_bot_says_out_of_stock_when_unpaid_orders_hold_the_last_units() {
    let (app, shop) = epicerie().await;
    with_number(&app, shop).await;
    let conv = conversation(&app.db, shop, "261341112244");
    accept_in_chat(
        &app,
        shop,
        conv,
        "Je voudrais un devis pour 25 bidons d'huile 5 L",
        "OK",
    )
    .await;
    assert_eq!(stock(&app, shop, "HUILE-5L").await, (25, 0));
    let other = conversation(&app.db, shop, "261341112255");
    let db = app.db.clone();
    let reply = tokio::task::spawn_blocking(move || {
        let a = Assistant::without_model();
        crate::assistant_eval::say(
            &a,
            &db,
            None,
            shop,
            other,
            "Vous avez l'huile 5 L en stock ?",
            None,
        )
        .0
        .reply
    })
    .await
    .unwrap();
    assert!(reply.contains("rupture"), "{reply}");
}
