//! Add-ons switched by plan: a plan without multi-number refuses a second WhatsApp
//! number naming the plan; without payments the MVola merchant settings are refused
//! in Paramètres and a configured MVola is left unused (manual instructions instead).

use crate::assistant_eval::epicerie;
use crate::helpers::{extract_csrf, spawn_app, TestApp, PASSWORD};
use crate::orders_chat::{only_order, order_to_pay, with_number};
use crate::orders_mvola::fake_mvola;
use varotra::db::accounts::Role;
use varotra::db::{usage, ShopId};
use varotra::payments::start::{self, Ask, Started};
use varotra::payments::Tokens;

fn add_number(app: &TestApp, slug: &str, id: &str) -> std::process::Output {
    app.command()
        .args(["number", "add", "--shop", slug, "--provider", "meta"])
        .args(["--phone-number-id", id, "--display-phone", "+261320000009"])
        .args(["--token", "EAAGsecret", "--no-check"])
        .output()
        .unwrap()
}

async fn plan(app: &TestApp, shop: ShopId, plan: &'static str) {
    app.db
        .write(move |c| usage::set_plan(c, shop, plan))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_plan_without_multi_number_refuses_a_second_number_naming_the_plan() {
    let app = spawn_app().await;
    let shop = app.create_shop("un-numero", "Un Numéro").await;
    plan(&app, shop, "starter").await;
    assert!(add_number(&app, "un-numero", "111").status.success());
    let second = add_number(&app, "un-numero", "222");
    assert!(!second.status.success());
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains("l'offre Starter permet un seul numéro WhatsApp"),
        "{err}"
    );
    assert_eq!(
        app.db.read(move |c| usage::numbers(c, shop)).await.unwrap(),
        1
    );
    // Pro has the add-on: the second number is accepted.
    plan(&app, shop, "pro").await;
    let ok = add_number(&app, "un-numero", "222");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[tokio::test]
async fn a_free_shop_cannot_set_mvola_merchant_pay_and_its_customers_get_manual_instructions() {
    let (app, shop) = epicerie().await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    plan(&app, shop, "free").await;

    // Paramètres refuses new MVola merchant settings with the plan named.
    app.login("rivo@example.mg", PASSWORD).await;
    let page = app.page("/admin/parametres", 200).await;
    let csrf = extract_csrf(&page).unwrap();
    let res = app
        .client
        .post(app.url("/admin/parametres"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("company_name", "Epicerie Rivo"),
            ("timezone", "Indian/Antananarivo"),
            ("mvola.consumer_key", "key-123"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap();
    assert!(body.contains("offre Gratuit n"), "{body}");
    assert!(body.contains("MVola marchand"), "{body}");

    // Configured anyway (set before a downgrade): the request never leaves.
    let server = fake_mvola(&app, shop).await;
    with_number(&app, shop).await;
    order_to_pay(&app, shop, "261341112266").await;
    let order = only_order(&app, shop).await;
    let ask = Ask {
        order: order.id,
        number: None,
        said: None,
    };
    let (http, tokens) = (reqwest::Client::new(), Tokens::default());
    let plans = &app.settings.plans;
    let done = start::start(&app.db, &http, &tokens, shop, ask, &app.address, plans)
        .await
        .unwrap();
    assert_eq!(done, Started::Manual);
    assert!(server.received_requests().await.unwrap().is_empty());

    // On Starter the same order goes through MVola.
    plan(&app, shop, "starter").await;
    let done = start::start(&app.db, &http, &tokens, shop, ask, &app.address, plans)
        .await
        .unwrap();
    assert!(matches!(done, Started::Requested { .. }), "{done:?}");
}
