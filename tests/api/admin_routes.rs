//! The admin's routes do not depend on the order they are registered in: fixed pages
//! beside an `{id}` are reached, and an address no page serves asks for the login
//! first, then answers the admin's own 404 page.

use crate::helpers::{spawn_app, PASSWORD};
use varotra::db::accounts::Role;

#[tokio::test]
async fn an_admin_address_no_page_serves_asks_for_the_login_then_answers_404() {
    let app = spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    for path in ["/admin/nulle-part", "/admin/catalogue/pas-un-id"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 303, "{path}");
        assert_eq!(res.headers()["location"], "/admin/login", "{path}");
    }
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    for path in ["/admin/nulle-part", "/admin/catalogue/pas-un-id"] {
        let html = app.page(path, 404).await;
        assert!(html.contains("introuvable"), "{path}: {html}");
    }
    // Outside the admin, an unknown address stays a bare 404.
    let res = app.client.get(app.url("/nulle-part")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().is_empty());
}

#[tokio::test]
async fn fixed_pages_beside_an_id_are_reached_whatever_the_registration_order() {
    let app = spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    assert!(app
        .page("/admin/catalogue/nouveau", 200)
        .await
        .contains("Nouveau produit"));
    assert!(app
        .page("/admin/devis/nouveau", 200)
        .await
        .contains("Nouveau devis"));
    let csv = app.page("/admin/catalogue/modele.csv", 200).await;
    assert!(csv.contains("sku;title;price"));
    app.page("/admin/catalogue/synonymes", 200).await;
    app.page("/admin/catalogue/999", 404).await;
}
