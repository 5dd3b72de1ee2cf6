//! The owner's side of Orange Money and Airtel Money: their settings saved in the
//! admin with secrets that are never shown back nor exported with the shop, and the
//! order page's "Demander le paiement" queueing the Orange Money button for an Orange
//! customer.

use crate::assistant_eval::epicerie;
use crate::helpers::{extract_csrf, spawn_app, PASSWORD};
use crate::orders_chat::{only_order, order_to_pay, with_number};
use crate::orders_orange::{fake_orange, PAYMENT_URL};
use crate::orders_pay_request::queued;
use varotra::db::accounts::Role;
use varotra::db::shops;

#[tokio::test]
async fn operator_secrets_are_saved_but_never_shown_back_nor_exported() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let save = |orange_secret: &'static str| {
        let app = &app;
        async move {
            let csrf = app.csrf().await;
            app.post_form(
                "/admin/parametres",
                &[
                    ("csrf", &csrf),
                    ("company_name", "Boutique rivo"),
                    ("timezone", "Indian/Antananarivo"),
                    ("orange.client_id", "om-client"),
                    ("orange.merchant_key", "mk-42af"),
                    ("orange.client_secret", orange_secret),
                    ("airtel.client_id", "am-client"),
                    ("airtel.client_secret", "am-secret-9931"),
                ],
            )
            .await
            .status()
        }
    };
    assert_eq!(save("om-secret-5521").await, 303);
    // Saved again with the secret left empty: the stored one stays.
    assert_eq!(save("").await, 303);
    let shop = s.shop;
    let (orange, airtel) = app
        .db
        .read(move |c| {
            Ok((
                shops::setting(c, shop, "orange.client_secret")?,
                shops::setting(c, shop, "airtel.client_secret")?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(orange.as_deref(), Some("om-secret-5521"));
    assert_eq!(airtel.as_deref(), Some("am-secret-9931"));

    let html = app.page("/admin/parametres", 200).await;
    assert!(html.contains("om-client") && html.contains("am-client"));
    assert!(html.contains("name=\"orange.client_secret\" value=\"\""));
    assert!(
        !html.contains("om-secret-5521") && !html.contains("am-secret-9931"),
        "a secret shown back"
    );

    let file = app.dir.path().join("rivo.json");
    let out = app
        .command()
        .args(["shop", "export", "--shop", "rivo", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let exported = std::fs::read_to_string(&file).unwrap();
    assert!(exported.contains("om-client"), "the settings travel");
    assert!(
        !exported.contains("om-secret-5521") && !exported.contains("am-secret-9931"),
        "{exported}"
    );
}

#[tokio::test]
async fn the_request_button_sends_an_orange_customer_the_pay_now_button() {
    let (app, shop) = epicerie().await;
    let orange = fake_orange(&app, shop).await;
    with_number(&app, shop).await;
    order_to_pay(&app, shop, "261321112266").await;
    let order = only_order(&app, shop).await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    let path = format!("/admin/commandes/{}", order.id);
    let csrf = extract_csrf(&app.page(&path, 200).await).unwrap();
    let res = app
        .client
        .post(app.url(&format!("{path}/paiement")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = app.page(&path, 200).await;
    assert!(
        html.contains("lien de paiement Orange Money envoyé"),
        "{html}"
    );
    let last = queued(&app, shop).await.pop().unwrap();
    assert!(
        last.contains("cta_url") && last.contains(PAYMENT_URL) && last.contains("Payer maintenant"),
        "{last}"
    );
    let calls = orange.received_requests().await.unwrap().len();
    assert_eq!(calls, 2, "one token, one web payment");
}
