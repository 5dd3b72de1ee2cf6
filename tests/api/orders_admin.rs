//! The owner's side of orders: the admin list (filters) and detail with the one-click
//! steps, and `GET/PATCH /api/v1/orders` with JSON errors naming what is wrong.

use crate::assistant_eval::{conversation, epicerie};
use crate::helpers::{extract_csrf, PASSWORD};
use crate::orders_chat::{accept_in_chat, only_order, order_to_pay, with_number};
use serde_json::{json, Value};
use varotra::db::accounts::Role;
use varotra::kinds::OrderStatus;

#[tokio::test]
async fn the_owner_confirms_a_payment_and_moves_the_order_from_the_admin() {
    let (app, shop) = epicerie().await;
    with_number(&app, shop).await;
    order_to_pay(&app, shop, "261341112288").await;
    let order = only_order(&app, shop).await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);

    let list = app.page("/admin/commandes?statut=a_payer", 200).await;
    assert!(
        list.contains(&order.number) && list.contains("à payer"),
        "{list}"
    );
    let none = app.page("/admin/commandes?statut=livre", 200).await;
    assert!(!none.contains(&order.number));
    let searched = app.page("/admin/commandes?q=261341112288", 200).await;
    assert!(searched.contains(&order.number));
    let bad = app.page("/admin/commandes?statut=perdu", 400).await;
    assert!(bad.contains("statut inconnu"), "{bad}");

    let path = format!("/admin/commandes/{}", order.id);
    let html = app.page(&path, 200).await;
    assert!(html.contains("Paiement reçu"), "{html}");
    let csrf = extract_csrf(&html).unwrap();
    let post = |form: Vec<(&'static str, String)>| {
        let (client, url) = (app.client.clone(), app.url(&format!("{path}/etape")));
        async move { client.post(url).form(&form).send().await.unwrap() }
    };
    let forged = post(vec![("csrf", "forged".into()), ("to", "paye".into())]).await;
    assert_eq!(forged.status(), 403);
    let res = post(vec![
        ("csrf", csrf.clone()),
        ("to", "paye".into()),
        ("paid_by", "mvola".into()),
        ("reference", "1234567890".into()),
    ])
    .await;
    assert_eq!(res.status(), 303);
    let html = app.page(&path, 200).await;
    assert!(
        html.contains("payée") && html.contains("réf 1234567890"),
        "{html}"
    );
    assert!(html.contains("Passer à « en préparation »"), "{html}");
    let res = post(vec![("csrf", csrf.clone()), ("to", "livre".into())]).await;
    assert_eq!(res.status(), 400, "a skipped step is refused");

    // The API sees the same order and moves it one step; a refused step is 409.
    let token = app.api_token("rivo@example.mg").await;
    let api = |method: reqwest::Method, url: String, body: Option<Value>| {
        let mut req = app
            .client
            .request(method, app.url(&url))
            .bearer_auth(&token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        async move {
            let res = req.send().await.unwrap();
            (res.status().as_u16(), res.json::<Value>().await.unwrap())
        }
    };
    let (status, page) = api(
        reqwest::Method::GET,
        "/api/v1/orders?status=paye".into(),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(page["total"], 1, "{page}");
    assert_eq!(page["items"][0]["paid_ref"], "1234567890");
    assert_eq!(page["items"][0]["paid_by"], "mvola");
    let (status, body) = api(
        reqwest::Method::GET,
        "/api/v1/orders?status=perdu".into(),
        None,
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("status `perdu`"),
        "{body}"
    );
    let one = format!("/api/v1/orders/{}", order.id);
    let (status, body) = api(
        reqwest::Method::PATCH,
        one.clone(),
        Some(json!({"status": "livre"})),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "conflict");
    let (status, body) = api(
        reqwest::Method::PATCH,
        one.clone(),
        Some(json!({"statut": "livre"})),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = api(
        reqwest::Method::PATCH,
        one.clone(),
        Some(json!({"status": "en_preparation"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], OrderStatus::Preparing.as_str());
    let (status, _) = api(reqwest::Method::GET, "/api/v1/orders/999999".into(), None).await;
    assert_eq!(status, 404);

    // The facture: its own number, the devis's legal mentions, how it was paid.
    let pdf = app
        .client
        .get(app.url(&format!("{path}/facture.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), 200);
    let text = crate::admin_devis_editor::pdf_text(&pdf.bytes().await.unwrap());
    let year = chrono::Utc::now().format("%Y").to_string();
    assert!(
        text.contains("FACTURE") && text.contains(&format!("FAC-{year}-0001")),
        "{text}"
    );
    assert!(
        text.contains("NIF") && text.contains(&order.number),
        "{text}"
    );
    assert!(text.contains("par MVola, réf 1234567890"), "{text}");
    assert!(text.contains("Payée le"), "{text}");

    // A second paid order takes the next number, with no gap.
    let conv2 = conversation(&app.db, shop, "261341112289");
    accept_in_chat(
        &app,
        shop,
        conv2,
        "Je voudrais un devis pour 2 huiles 1 L",
        "OK",
    )
    .await;
    let (_, page) = api(
        reqwest::Method::GET,
        "/api/v1/orders?status=a_payer".into(),
        None,
    )
    .await;
    let second = page["items"][0]["id"].as_i64().unwrap();
    let (status, body) = api(
        reqwest::Method::PATCH,
        format!("/api/v1/orders/{second}"),
        Some(json!({"status": "paye", "paid_by": "orange_money", "reference": "PP251202.1015.A12345"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["invoice_number"], format!("FAC-{year}-0002"));
    let unpaid = app
        .client
        .get(app.url("/admin/commandes/999999/facture.pdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(unpaid.status(), 404);
}

#[tokio::test]
async fn a_pasted_mvola_sms_reaches_the_owners_one_click_confirmation() {
    let (app, shop) = epicerie().await;
    with_number(&app, shop).await;
    let conv = order_to_pay(&app, shop, "261341112299").await;
    let order = only_order(&app, shop).await;
    let sms = format!(
        "1/2 Vous avez envoye 22 800 Ar a EPICERIE RIVO (0341234567) le 02/12/26 a 10:15. Raison: {}. Solde: 1 200 Ar. Ref: 1234567890",
        order.number
    );
    let db = app.db.clone();
    let reply = tokio::task::spawn_blocking(move || {
        let a = varotra::assistant::Assistant::without_model();
        crate::assistant_eval::say(&a, &db, None, shop, conv, &sms, None).0
    })
    .await
    .unwrap();
    assert_eq!(reply.intent, varotra::kinds::Intent::Payment);
    assert!(
        reply.reply.contains("Bien reçu") && reply.reply.contains("Vérification en cours"),
        "{}",
        reply.reply
    );
    let claimed = only_order(&app, shop).await;
    assert_eq!(
        claimed.status,
        OrderStatus::ToPay,
        "a claim is not a payment"
    );
    assert_eq!(claimed.claimed_ref.as_deref(), Some("1234567890"));
    let note: String = app
        .db
        .read(move |c| {
            Ok(c.query_row(
                "SELECT body FROM notifications WHERE shop_id = ?1 AND kind = 'paiement_signale'",
                [shop],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    let link = format!("/admin/commandes/{}", order.id);
    assert!(
        note.contains("MVola réf 1234567890") && note.contains(&link),
        "{note}"
    );

    // The owner opens the link: the reference is shown and filled in; one click pays.
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    let html = app.page(&link, 200).await;
    assert!(html.contains("MVola réf 1234567890"), "{html}");
    assert!(html.contains("value=\"1234567890\""), "{html}");
    assert!(html.contains("<option value=\"mvola\" selected>"), "{html}");
    let res = app
        .client
        .post(app.url(&format!("{link}/etape")))
        .form(&[
            ("csrf", extract_csrf(&html).unwrap().as_str()),
            ("to", "paye"),
            ("paid_by", "mvola"),
            ("reference", "1234567890"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let paid = only_order(&app, shop).await;
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(paid.paid_ref.as_deref(), Some("1234567890"));
}

/// The text of the dashboard element with this id, tags dropped.
fn kpi(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("{id} in {html}"));
    let end = html[at..]
        .find("</a>")
        .into_iter()
        .chain(html[at..].find("</div>"))
        .min()
        .unwrap();
    let mut out = String::new();
    let mut tag = false;
    for c in html[at..at + end].chars().skip_while(|c| *c != '>').skip(1) {
        match c {
            '<' => {
                tag = true;
                out.push(' ');
            }
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_dashboard_figures_move_with_the_orders_and_an_old_unpaid_one_can_be_reminded() {
    let (app, shop) = epicerie().await;
    with_number(&app, shop).await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    let html = app.page("/admin", 200).await;
    assert!(
        kpi(&html, "kpi-to-pay").starts_with("À payer 0"),
        "{}",
        kpi(&html, "kpi-to-pay")
    );
    assert!(kpi(&html, "kpi-devis-paid").contains("—"));

    order_to_pay(&app, shop, "261341112211").await;
    let order = only_order(&app, shop).await;
    let html = app.page("/admin", 200).await;
    assert_eq!(kpi(&html, "kpi-to-pay"), "À payer 1 22 800 Ar");
    assert_eq!(
        kpi(&html, "kpi-devis-paid"),
        "Devis → payé 0 % 0 sur 1 devis (30 j)"
    );
    assert!(!html.contains("Relancer le client"), "not old enough");

    // Three days old and unpaid: listed with a reminder button.
    app.db
        .write(|c| {
            c.execute(
                "UPDATE orders SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-3 days')",
                [],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let html = app.page("/admin", 200).await;
    assert!(
        html.contains("Impayées depuis plus de 2 jours") && html.contains(&order.number),
        "{html}"
    );
    let res = app
        .client
        .post(app.url(&format!("/admin/commandes/{}/relance", order.id)))
        .form(&[("csrf", extract_csrf(&html).unwrap())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let reminder: String = app
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT m.body FROM outbox o JOIN messages m ON m.id = o.message_id WHERE o.purpose = 'order_update'",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    assert!(
        reminder.contains(&order.number) && reminder.contains("034 12 345 67"),
        "{reminder}"
    );

    let res = app
        .client
        .post(app.url(&format!("/admin/commandes/{}/etape", order.id)))
        .form(&[
            ("csrf", extract_csrf(&html).unwrap().as_str()),
            ("to", "paye"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = app.page("/admin", 200).await;
    assert!(kpi(&html, "kpi-to-pay").starts_with("À payer 0"));
    assert_eq!(
        kpi(&html, "kpi-paid-today"),
        "Payées aujourd'hui 1 22 800 Ar"
    );
    assert!(
        kpi(&html, "kpi-revenue").contains("22 800 Ar"),
        "{}",
        kpi(&html, "kpi-revenue")
    );
    assert_eq!(
        kpi(&html, "kpi-devis-paid"),
        "Devis → payé 100 % 1 sur 1 devis (30 j)"
    );
    assert!(!html.contains("Relancer le client"));
}
