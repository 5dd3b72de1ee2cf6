use crate::helpers::{extract_csrf, spawn_app, spawn_app_with, PASSWORD};
use varotra::db::accounts::Role;

#[tokio::test]
async fn admin_pages_redirect_to_login_without_a_session() {
    let app = spawn_app().await;
    // Once an account exists; before, the admin leads to the setup wizard.
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    for path in ["/admin", "/admin/conversations", "/admin/parametres"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 303, "{path}");
        assert_eq!(res.headers()["location"], "/admin/login", "{path}");
    }
}

#[tokio::test]
async fn an_owner_logs_in_sees_the_dashboard_and_logs_out() {
    let app = spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;

    let res = app.login("rivo@example.mg", PASSWORD).await;
    assert_eq!(res.status(), 303);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("varotra_session="))
        .expect("session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");

    let page = app.client.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Epicerie Rivo"));
    assert!(html.contains("Tableau de bord"));

    let csrf = extract_csrf(&html).unwrap();
    let out = app
        .client
        .post(app.url("/admin/logout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    let after = app.client.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(after.status(), 303);
}

#[tokio::test]
async fn a_wrong_password_is_refused() {
    let app = spawn_app().await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("o@example.mg", Role::Owner, shop).await;
    let res = app.login("o@example.mg", "wrong password!").await;
    assert_eq!(res.status(), 401);
    assert!(res.text().await.unwrap().contains("incorrect"));
    let page = app.client.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(page.status(), 303);
}

#[tokio::test]
async fn a_login_without_csrf_token_is_forbidden() {
    let app = spawn_app().await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("o@example.mg", Role::Owner, shop).await;
    let res = app
        .client
        .post(app.url("/admin/login"))
        .form(&[("email", "o@example.mg"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // A token that does not match the cookie is refused too.
    app.login_form_csrf().await;
    let res = app
        .client
        .post(app.url("/admin/login"))
        .form(&[
            ("email", "o@example.mg"),
            ("password", PASSWORD),
            ("csrf", "forged"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn logout_without_csrf_token_is_forbidden() {
    let app = spawn_app().await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("o@example.mg", Role::Owner, shop).await;
    app.login("o@example.mg", PASSWORD).await;
    let res = app
        .client
        .post(app.url("/admin/logout"))
        .form(&[("csrf", "nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.client
            .get(app.url("/admin"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn repeated_failed_logins_are_rate_limited() {
    let app = spawn_app_with(|s| s.server.login_attempts = 3).await;
    let shop = app.create_shop("s", "S").await;
    app.create_user("o@example.mg", Role::Owner, shop).await;
    for _ in 0..3 {
        assert_eq!(
            app.login("o@example.mg", "bad password").await.status(),
            401
        );
    }
    // Even the right password waits once the limit is reached.
    assert_eq!(app.login("o@example.mg", PASSWORD).await.status(), 429);
}
