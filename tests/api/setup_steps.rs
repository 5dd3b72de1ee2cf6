//! Wizard steps 4 to 6: a starter catalogue per trade loaded in one click (through the
//! ordinary import), the French and Malagasy messages and FAQ offered pre-filled and
//! saved as edited, and the simulator's suggested questions built from the shop's own
//! products, answered by the real assistant with the catalogue's price.

use crate::helpers::{extract_csrf, spawn_app, TestApp, PASSWORD};
use varotra::catalog::starters::{self, TRADES};
use varotra::db::accounts::Role;
use varotra::db::{faq, products, shops, ShopId};
use varotra::money::format_amount;

async fn owner(app: &TestApp, slug: &str, name: &str) -> ShopId {
    let shop = app.create_shop(slug, name).await;
    let email = format!("{slug}@example.mg");
    app.create_user(&email, Role::Owner, shop).await;
    assert_eq!(app.login(&email, PASSWORD).await.status(), 303);
    shop
}

async fn post(app: &TestApp, path: &str, from: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let csrf = extract_csrf(&app.page(from, 200).await).unwrap();
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    app.client
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// The simulator's suggested questions, in the page's order.
fn suggestions(html: &str) -> Vec<String> {
    html.split("<button type=\"submit\" class=\"secondary suggestion\">")
        .skip(1)
        .map(|s| s[..s.find("</button>").unwrap()].replace("&#x27;", "'"))
        .collect()
}

#[tokio::test]
async fn each_trades_starter_loads_in_one_click_and_a_suggested_question_gets_its_price() {
    let app = spawn_app().await;
    let shop = owner(&app, "quincaillerie-fara", "Quincaillerie Fara").await;
    let list = app.page("/admin/catalogue", 200).await;
    for (key, label) in TRADES {
        assert!(
            list.contains(&format!("<option value=\"{key}\">{label}</option>")),
            "{key}"
        );
    }
    let res = post(
        &app,
        "/admin/catalogue/depart",
        "/admin/catalogue",
        &[("trade", "quincaillerie")],
    )
    .await;
    assert_eq!(res.status(), 200);
    let report = res.text().await.unwrap();
    let expected = varotra::catalog::csv::parse_catalog(&starters::csv("quincaillerie").unwrap())
        .rows
        .len();
    assert!(
        report.contains(&format!("<strong>{expected}</strong> produit(s)")),
        "{report}"
    );
    let stored = app
        .db
        .read(move |c| products::list(c, shop, "", 100, 0))
        .await
        .unwrap();
    assert_eq!(stored.len(), expected);

    // The simulator suggests a price question on a real product, and answers it
    // with that product's price.
    let page = app.page("/admin/simulateur", 200).await;
    let asked = suggestions(&page);
    let question = asked
        .iter()
        .find(|q| q.starts_with("Combien coûte "))
        .expect("a price question");
    let named = question
        .trim_start_matches("Combien coûte ")
        .trim_end_matches(" ?");
    let product = stored
        .iter()
        .find(|p| p.title.eq_ignore_ascii_case(named))
        .unwrap_or_else(|| panic!("{question} names no product"));
    assert!(asked.iter().any(|q| q.contains("devis")), "{asked:?}");
    assert!(asked.iter().any(|q| q.contains("livr")), "{asked:?}");
    let price = format_amount(product.price.0, &product.currency);
    let malagasy = asked
        .iter()
        .find(|q| q.starts_with("Ohatrinona ny "))
        .unwrap();
    for q in [question, malagasy] {
        let res = post(
            &app,
            "/admin/simulateur",
            "/admin/simulateur",
            &[("text", q)],
        )
        .await;
        let answered = res.text().await.unwrap();
        let last = answered.rsplit("<div class=\"msg out\">").next().unwrap();
        assert!(
            last.contains(&price),
            "« {q} » should be answered with {price}: {last}"
        );
    }

    // A wrong trade is a 400 naming it, and nothing changes.
    let res = post(
        &app,
        "/admin/catalogue/depart",
        "/admin/catalogue",
        &[("trade", "boulangerie")],
    )
    .await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("boulangerie"));
}

#[tokio::test]
async fn the_messages_step_offers_french_and_malagasy_defaults_and_saves_what_was_edited() {
    let app = spawn_app().await;
    let shop = owner(&app, "beaute-nirina", "Beauté Nirina").await;
    let page = app.page("/admin/demarrage/messages", 200).await;
    assert!(
        page.contains("Bonjour et bienvenue chez Beauté Nirina"),
        "{page}"
    );
    assert!(
        page.contains("Salama tompoko, tonga soa eto amin&#x27;ny Beauté Nirina"),
        "{page}"
    );
    assert!(
        page.contains("Mikatona ny fivarotana"),
        "out-of-hours in Malagasy"
    );
    let offered = varotra::catalog::faq::parse_faq(&starters::faq_csv()).0;
    assert!(
        offered.len() >= 5
            && offered
                .iter()
                .all(|f| f.answer_mg.as_deref().is_some_and(|a| !a.is_empty()))
    );
    assert!(page.contains(&offered[0].question));

    let greeting = "Bonjour ! Ici Nirina, que puis-je faire pour vous ?";
    let default_mg =
        "Salama tompoko, tonga soa eto amin'ny Beauté Nirina! Inona no azo hanampiana anao?";
    let res = post(
        &app,
        "/admin/demarrage/messages",
        "/admin/demarrage/messages",
        &[
            ("greeting_fr", greeting),
            ("greeting_mg", default_mg),
            ("out_of_hours_fr", ""),
            ("out_of_hours_mg", ""),
            ("faq_0_keep", "1"),
            ("faq_0_q", &offered[0].question),
            ("faq_0_a", "Écrivez-nous, tout simplement."),
            ("faq_0_mg", offered[0].answer_mg.as_deref().unwrap()),
            ("faq_1_q", &offered[1].question),
            ("faq_1_a", &offered[1].answer),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (fr, mg, entries) = app
        .db
        .read(move |c| {
            Ok((
                shops::setting(c, shop, "greeting_fr")?,
                shops::setting(c, shop, "greeting_mg")?,
                faq::list(c, shop)?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(
        fr.as_deref(),
        Some(greeting),
        "the edited greeting is stored"
    );
    assert_eq!(
        mg, None,
        "a default left as is stays the default, following the shop's name"
    );
    assert_eq!(entries.len(), 1, "only the ticked suggestion: {entries:?}");
    assert_eq!(entries[0].answer, "Écrivez-nous, tout simplement.");
    assert_eq!(
        entries[0].answer_mg.as_deref(),
        offered[0].answer_mg.as_deref()
    );

    // The bot greets with the edited text, and the FAQ step is done.
    let answered = post(
        &app,
        "/admin/simulateur",
        "/admin/simulateur",
        &[("text", "Bonjour")],
    )
    .await;
    assert!(
        answered.text().await.unwrap().contains("Ici Nirina"),
        "the bot uses the edited greeting"
    );
    let steps = app.page("/admin/demarrage", 200).await;
    let faq_step = &steps[steps.find("id=\"etape-faq\"").unwrap()..];
    assert!(
        faq_step.starts_with("id=\"etape-faq\" class=\"done"),
        "{faq_step}"
    );
}
