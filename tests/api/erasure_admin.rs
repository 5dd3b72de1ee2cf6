//! The customer's data rights from the admin's contact page: an owner downloads
//! everything the shop holds on a customer, then erases them after typing their number
//! again (a wrong number erases nothing); an agent can do neither.

use crate::encryption_at_rest::{
    customer_with_devis_and_photo, files_under, NAME, PHONE, SENTENCE,
};
use crate::helpers::{TestApp, PASSWORD};
use crate::whatsapp_support::count;
use base64::Engine;
use varotra::db::accounts::Role;

async fn contact_id(app: &TestApp) -> i64 {
    count(&app.db, "SELECT id FROM conversations").await
}

#[tokio::test]
async fn the_owner_exports_then_erases_a_customer_after_typing_their_number_again() {
    let (_server, app) = customer_with_devis_and_photo().await;
    assert_eq!(app.login("owner@example.mg", PASSWORD).await.status(), 303);
    let id = contact_id(&app).await;
    let page = app.page(&format!("/admin/contacts/{id}"), 200).await;
    assert!(
        page.contains("Effacer ce client") && page.contains(PHONE),
        "{page}"
    );

    let export = app
        .client
        .get(app.url(&format!("/admin/contacts/{id}/export")))
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), 200);
    assert!(export.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let data: serde_json::Value = export.json().await.unwrap();
    let text = data.to_string();
    assert!(text.contains(SENTENCE) && text.contains(NAME), "{text}");
    let photo = base64::engine::general_purpose::STANDARD
        .decode(data["fichiers"][0]["contenu_base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(photo, format!("JPEG photo of {NAME}").into_bytes());

    let csrf = app.csrf().await;
    let path = format!("/admin/contacts/{id}/effacer");
    let wrong = app
        .post_form(&path, &[("csrf", &csrf), ("confirm", "034 00 000 00")])
        .await;
    assert_eq!(wrong.status(), 400);
    let said = wrong.text().await.unwrap();
    assert!(
        said.contains("retapez son numéro") && said.contains(PHONE),
        "{said}"
    );
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM conversations").await,
        1
    );

    let typed = format!("+{PHONE}");
    let erased = app
        .post_form(&path, &[("csrf", &csrf), ("confirm", &typed)])
        .await;
    assert_eq!(erased.status(), 303);
    let to = erased.headers()["location"].to_str().unwrap().to_string();
    assert!(app
        .page(&to, 200)
        .await
        .contains("Client effacé (1 conversation(s))"));
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM conversations").await,
        0
    );
    assert_eq!(count(&app.db, "SELECT count(*) FROM messages").await, 0);
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM devis").await,
        1,
        "the accounts keep the devis, anonymised"
    );
    let media = files_under(&app.data_dir().join("files").join("media"));
    assert!(media.is_empty(), "{media:?}");
}

#[tokio::test]
async fn an_agent_can_neither_export_nor_erase_a_customer() {
    let (_server, app) = customer_with_devis_and_photo().await;
    let shop = varotra::db::ShopId(count(&app.db, "SELECT id FROM shops").await);
    app.create_user("agent@example.mg", Role::Agent, shop).await;
    assert_eq!(app.login("agent@example.mg", PASSWORD).await.status(), 303);
    let id = contact_id(&app).await;
    let page = app.page(&format!("/admin/contacts/{id}"), 200).await;
    assert!(!page.contains("Effacer ce client"));
    let export = app
        .client
        .get(app.url(&format!("/admin/contacts/{id}/export")))
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), 403);
    let csrf = app.csrf().await;
    let typed = format!("+{PHONE}");
    let refused = app
        .post_form(
            &format!("/admin/contacts/{id}/effacer"),
            &[("csrf", &csrf), ("confirm", &typed)],
        )
        .await;
    assert_eq!(refused.status(), 403);
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM conversations").await,
        1
    );
}
