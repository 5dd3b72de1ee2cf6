//! The first-run wizard: `/setup` opens only with the one-time code, claims the install
//! once, and its steps resume and can be skipped.

use crate::helpers::{extract_csrf, spawn_app, TestApp};

/// A fresh setup code from `varotra setup-link`, as the installer would copy it.
fn setup_code(app: &TestApp) -> String {
    let out = app.command().arg("setup-link").output().unwrap();
    assert!(out.status.success(), "setup-link: {out:?}");
    let link = String::from_utf8(out.stdout).unwrap();
    let link = link.trim();
    assert!(link.contains("/setup?code="), "printed link: {link}");
    link.rsplit("code=").next().unwrap().to_string()
}

async fn claim(app: &TestApp, code: &str, password: &str, confirmation: &str) -> reqwest::Response {
    app.client
        .post(app.url("/setup"))
        .form(&[
            ("code", code),
            ("shop_name", "Épicerie Rivo"),
            ("email", "rivo@example.mg"),
            ("password", password),
            ("confirmation", confirmation),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_fresh_install_sends_the_admin_to_setup_which_refuses_without_the_code() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/setup");
    let res = app
        .client
        .get(app.url("/admin/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/setup");
    let body = app.page("/setup", 403).await;
    assert!(body.contains("varotra setup-link"), "{body}");
    app.page("/setup?code=0123456789abcdef", 403).await;
}

#[tokio::test]
async fn the_code_claims_the_install_once_and_a_used_code_is_refused() {
    let app = spawn_app().await;
    let code = setup_code(&app);
    let form = app.page(&format!("/setup?code={code}"), 200).await;
    assert!(form.contains("Étape 1 sur 6"), "{form}");

    let res = claim(
        &app,
        &code,
        "un mot de passe solide",
        "un mot de passe solide",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/admin/demarrage");

    // The owner is logged in and sees the remaining steps.
    let steps = app.page("/admin/demarrage", 200).await;
    assert!(steps.contains("Étape 2 sur 6"), "{steps}");
    assert!(steps.contains("Le catalogue"), "{steps}");

    // The code is spent: neither the page nor the form opens again.
    let anonymous = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = anonymous
        .get(app.url(&format!("/setup?code={code}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("déjà configurée"));
    let again = claim(
        &app,
        &code,
        "un autre mot de passe",
        "un autre mot de passe",
    )
    .await;
    assert_eq!(again.status(), 403);

    // No fresh link either, and the one-shot login page is the way in.
    let out = app.command().arg("setup-link").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("un compte existe déjà"));
    let res = anonymous.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(res.headers()["location"], "/admin/login");
}

#[tokio::test]
async fn a_mistyped_confirmation_is_named_and_leaves_the_code_usable() {
    let app = spawn_app().await;
    let code = setup_code(&app);
    let res = claim(
        &app,
        &code,
        "un mot de passe solide",
        "un mot de passe solidE",
    )
    .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap();
    assert!(body.contains("La confirmation ne correspond pas"), "{body}");
    let res = claim(&app, &code, "court", "court").await;
    assert!(res.text().await.unwrap().contains("8 caractères au moins"));
    app.page(&format!("/setup?code={code}"), 200).await;
}

#[tokio::test]
async fn a_skipped_step_counts_as_progress_and_can_be_taken_up_again() {
    let app = spawn_app().await;
    let code = setup_code(&app);
    claim(
        &app,
        &code,
        "un mot de passe solide",
        "un mot de passe solide",
    )
    .await;
    let page = app.page("/admin/demarrage", 200).await;
    assert!(
        page.contains("1 étape(s) faites ou passées sur 6"),
        "{page}"
    );
    let csrf = extract_csrf(&page).unwrap();
    let skip = |path: &'static str, step: &'static str| {
        let csrf = csrf.clone();
        let app = &app;
        async move {
            let res = app
                .client
                .post(app.url(path))
                .form(&[("csrf", csrf.as_str()), ("step", step)])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "{path} {step}");
        }
    };
    skip("/admin/demarrage/passer", "boutique").await;
    skip("/admin/demarrage/passer", "whatsapp").await;
    let page = app.page("/admin/demarrage", 200).await;
    assert!(
        page.contains("3 étape(s) faites ou passées sur 6"),
        "{page}"
    );
    // "Continuer" resumes at the first step neither done nor skipped.
    assert!(
        page.contains(r#"<a class="button" href="/admin/catalogue">Continuer</a>"#),
        "{page}"
    );
    skip("/admin/demarrage/reprendre", "whatsapp").await;
    let page = app.page("/admin/demarrage", 200).await;
    assert!(
        page.contains(r#"<a class="button" href="/admin/numeros">Continuer</a>"#),
        "{page}"
    );

    let res = app
        .client
        .post(app.url("/admin/demarrage/passer"))
        .form(&[("csrf", csrf.as_str()), ("step", "nimporte")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}
