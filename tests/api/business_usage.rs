//! The "Abonnement" page and `GET /api/v1/usage` read the same statement: plan,
//! period, bot replies against the quota, templates, devis, numbers, the overage in
//! Ariary and the trial's days left.

use crate::helpers::{spawn_app_with, PASSWORD};
use crate::orders_chat::with_number;
use varotra::db::accounts::Role;
use varotra::db::usage;

#[tokio::test]
async fn the_subscription_page_shows_plan_quota_templates_devis_numbers_and_overage_in_ariary() {
    let app = spawn_app_with(|s| {
        s.plans.free_ai_messages = 3;
        s.plans.overage_price_mga = 75;
    })
    .await;
    let shop = app.create_shop("abonnement", "Boutique Abonnement").await;
    app.create_user("owner@abonnement.mg", Role::Owner, shop)
        .await;
    with_number(&app, shop).await;

    // A shop put on its trial today: 14 days left.
    app.db
        .write(move |c| usage::set_plan(c, shop, "trial"))
        .await
        .unwrap();
    app.login("owner@abonnement.mg", PASSWORD).await;
    let trial = app.page("/admin/abonnement", 200).await;
    assert!(trial.contains("Offre Essai"), "{trial}");
    assert!(trial.contains("14 jours restants"), "{trial}");

    // On free with 5 replies (2 past the quota of 3), 2 templates and 1 devis.
    let month = usage::month_of(chrono::Utc::now());
    app.db
        .write(move |c| {
            usage::set_plan(c, shop, "free")?;
            for i in 0..5 {
                usage::add_reply(c, shop, &month, i >= 3)?;
            }
            usage::add_template(c, shop, &month)?;
            usage::add_template(c, shop, &month)?;
            usage::add_devis(c, shop, &month)
        })
        .await
        .unwrap();
    let page = app.page("/admin/abonnement", 200).await;
    for expected in [
        "Offre Gratuit",
        "Réponses du bot : 5 sur 3 incluses",
        "Quota du mois atteint",
        "<b>2</b><small>hors fenêtre de 24 h",
        "<b>1</b><small>émis ce mois",
        "<b>1</b><small>un seul permis",
        "<b>150 Ar</b><small>2 réponse(s) à 75 Ar",
    ] {
        assert!(page.contains(expected), "{expected}: {page}");
    }
    assert!(!page.contains("restant"), "no trial any more");

    let token = app.api_token("owner@abonnement.mg").await;
    let api: serde_json::Value = app
        .client
        .get(app.url("/api/v1/usage"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["plan"], "free");
    assert_eq!(api["templates"], 2);
    assert_eq!(api["devis"], 1);
    assert_eq!(api["overage_mga"], 150);
    assert_eq!(api["model_allowed"], false);
    assert!(api["trial_days_left"].is_null());
}
