//! Taking access away and giving it back: `varotra user ...` offline, the owner's
//! "Équipe" page, one-time password links (shown, and emailed when SMTP is set), and
//! every session and API token of an account ending when it is disabled or its
//! password changes.

use crate::helpers::{extract_csrf, spawn_app, TestApp, PASSWORD};
use crate::quotes_crm::{app_with_smtp, fake_smtp};
use std::io::Write;
use std::process::{Output, Stdio};
use varotra::db::accounts::Role;

/// A separate browser (its own cookie jar) that does not follow redirects.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap()
}

async fn login_in(app: &TestApp, b: &reqwest::Client, email: &str, password: &str) -> u16 {
    let html = b.get(app.url("/admin/login")).send().await.unwrap();
    let csrf = extract_csrf(&html.text().await.unwrap()).unwrap();
    let res = b
        .post(app.url("/admin/login"))
        .form(&[("email", email), ("password", password), ("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

async fn status_of(b: &reqwest::Client, url: String) -> u16 {
    b.get(url).send().await.unwrap().status().as_u16()
}

fn cli(app: &TestApp, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = app
        .command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

async fn api_status(app: &TestApp, token: &str) -> u16 {
    reqwest::Client::new()
        .get(app.url("/api/v1/products"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn the_cli_disables_enables_resets_and_revokes_offline() {
    let app = spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("vola@example.mg", Role::Agent, shop).await;
    let b = browser();
    assert_eq!(login_in(&app, &b, "vola@example.mg", PASSWORD).await, 303);
    let token = app.api_token("vola@example.mg").await;

    let out = cli(&app, &["user", "list", "--shop", "epicerie-rivo"], None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("vola@example.mg\tagent\tactif\tepicerie-rivo"),
        "{}",
        text(&out)
    );

    let out = cli(
        &app,
        &["user", "disable", "--email", "vola@example.mg"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("1 session(s) et 1 jeton(s)"),
        "{}",
        text(&out)
    );
    assert_eq!(status_of(&b, app.url("/admin")).await, 303, "session ended");
    assert_eq!(api_status(&app, &token).await, 401, "token revoked");
    assert_eq!(
        login_in(&app, &browser(), "vola@example.mg", PASSWORD).await,
        401
    );

    let out = cli(
        &app,
        &["user", "enable", "--email", "vola@example.mg"],
        None,
    );
    assert!(out.status.success());
    assert_eq!(login_in(&app, &b, "vola@example.mg", PASSWORD).await, 303);

    let out = cli(
        &app,
        &["user", "passwd", "--email", "vola@example.mg"],
        Some("un-tout-nouveau-secret\n"),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        status_of(&b, app.url("/admin")).await,
        303,
        "old session ended"
    );
    assert_eq!(
        login_in(&app, &browser(), "vola@example.mg", PASSWORD).await,
        401
    );
    let fresh = browser();
    let status = login_in(&app, &fresh, "vola@example.mg", "un-tout-nouveau-secret").await;
    assert_eq!(status, 303);

    let out = cli(
        &app,
        &["user", "revoke-tokens", "--email", "vola@example.mg"],
        None,
    );
    assert!(out.status.success());
    assert_eq!(status_of(&fresh, app.url("/admin")).await, 303);

    let out = cli(
        &app,
        &["user", "disable", "--email", "nobody@example.mg"],
        None,
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("aucun compte pour nobody@example.mg"));
    let out = cli(
        &app,
        &["user", "passwd", "--email", "vola@example.mg"],
        Some("court\n"),
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("trop court"), "{}", text(&out));
}

#[tokio::test]
async fn adding_an_agency_with_an_owner_email_is_refused_and_says_so() {
    let app = spawn_app().await;
    let a = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_shop("quincaillerie-fara", "Quincaillerie Fara")
        .await;
    app.create_user("rivo@example.mg", Role::Owner, a).await;
    let args = [
        "user",
        "add",
        "--email",
        "rivo@example.mg",
        "--shop",
        "quincaillerie-fara",
        "--role",
        "agency",
    ];
    let out = cli(&app, &args, Some("un autre mot de passe\n"));
    assert!(!out.status.success());
    let said = text(&out);
    assert!(
        said.contains("un compte propriétaire existe déjà") && said.contains("rien n'a été changé"),
        "{said}"
    );
    assert!(!said.contains("Compte créé"), "{said}");
    let shops = app
        .db
        .read(|c| {
            let a = varotra::db::accounts::by_email(c, "rivo@example.mg")?.unwrap();
            Ok(a.shops)
        })
        .await
        .unwrap();
    assert_eq!(shops, ["epicerie-rivo"]);
    assert_eq!(
        login_in(&app, &browser(), "rivo@example.mg", PASSWORD).await,
        303
    );

    // An agency given a second shop keeps its password, and is told so.
    app.create_user("agence@example.mg", Role::Agency, a).await;
    let mut args = args;
    args[3] = "agence@example.mg";
    let out = cli(&app, &args, None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("ajouté à la boutique quincaillerie-fara")
            && text(&out).contains("mot de passe n'a pas changé"),
        "{}",
        text(&out)
    );
}

/// The one-time link shown on a team page after an action, on this test's server
/// (the link itself carries `server.public_url`).
fn link_in(app: &TestApp, html: &str) -> String {
    let at = html.find("<code class=\"url\">").expect("a link is shown") + 18;
    let link = &html[at..at + html[at..].find('<').unwrap()];
    let path = &link[link.find("/admin/").unwrap()..];
    app.url(path)
}

async fn set_password(app: &TestApp, link: &str, password: &str) -> (u16, String) {
    let b = browser();
    let page = b.get(link).send().await.unwrap();
    let status = page.status().as_u16();
    let html = page.text().await.unwrap();
    if status != 200 {
        return (status, html);
    }
    let csrf = extract_csrf(&html).unwrap();
    let res = b
        .post(link)
        .form(&[
            ("csrf", csrf.as_str()),
            ("password", password),
            ("password2", password),
        ])
        .send()
        .await
        .unwrap();
    let _ = app;
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn team_post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let html = app.page("/admin/equipe", 200).await;
    let csrf = extract_csrf(&html).unwrap();
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf)];
    form.extend_from_slice(fields);
    let res = app
        .client
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn the_team_page_invites_resets_and_disables_agents_of_its_own_shop() {
    let app = spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    let other = app
        .create_shop("quincaillerie-fara", "Quincaillerie Fara")
        .await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.create_user("fara@example.mg", Role::Owner, other).await;
    app.login("rivo@example.mg", PASSWORD).await;

    let (status, html) = team_post(
        &app,
        "/admin/equipe/inviter",
        &[("email", "vola@example.mg")],
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Transmettez-lui ce lien"), "{html}");
    let (status, html) = set_password(&app, &link_in(&app, &html), "mot-de-passe-de-vola").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Mot de passe enregistré"));
    let agent = browser();
    assert_eq!(
        login_in(&app, &agent, "vola@example.mg", "mot-de-passe-de-vola").await,
        303
    );
    assert_eq!(
        status_of(&agent, app.url("/admin/equipe")).await,
        403,
        "agents have no team page"
    );

    let id = app
        .db
        .read(|c| {
            Ok(varotra::db::accounts::by_email(c, "vola@example.mg")?
                .unwrap()
                .id)
        })
        .await
        .unwrap();
    let (status, html) = team_post(&app, &format!("/admin/equipe/{id}/lien"), &[]).await;
    assert_eq!(status, 200);
    assert_eq!(
        status_of(&agent, app.url("/admin")).await,
        303,
        "a reset ends the sessions"
    );
    let link = link_in(&app, &html);
    set_password(&app, &link, "encore-un-autre-secret").await;
    assert_eq!(
        set_password(&app, &link, "troisieme-secret").await.0,
        404,
        "a link works once"
    );
    assert_eq!(
        login_in(&app, &agent, "vola@example.mg", "encore-un-autre-secret").await,
        303
    );

    let (status, _) = team_post(&app, &format!("/admin/equipe/{id}/desactiver"), &[]).await;
    assert_eq!(status, 200);
    assert_eq!(status_of(&agent, app.url("/admin")).await, 303);
    assert_eq!(
        login_in(
            &app,
            &browser(),
            "vola@example.mg",
            "encore-un-autre-secret"
        )
        .await,
        401
    );

    // Another shop's owner is not a member here, and an owner cannot act on owners.
    let fara = app
        .db
        .read(|c| {
            Ok(varotra::db::accounts::by_email(c, "fara@example.mg")?
                .unwrap()
                .id)
        })
        .await
        .unwrap();
    let (status, _) = team_post(&app, &format!("/admin/equipe/{fara}/desactiver"), &[]).await;
    assert_eq!(status, 404);
    let me = app
        .db
        .read(|c| {
            Ok(varotra::db::accounts::by_email(c, "rivo@example.mg")?
                .unwrap()
                .id)
        })
        .await
        .unwrap();
    let (status, _) = team_post(&app, &format!("/admin/equipe/{me}/desactiver"), &[]).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_an_emailed_one_time_link() {
    let (port, mut inbox) = fake_smtp().await;
    let app = app_with_smtp(port).await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    let b = browser();
    let form = b
        .get(app.url("/admin/mot-de-passe-oublie"))
        .send()
        .await
        .unwrap();
    let mut csrf = extract_csrf(&form.text().await.unwrap()).unwrap();
    for email in ["nobody@example.mg", "rivo@example.mg"] {
        let res = b
            .post(app.url("/admin/mot-de-passe-oublie"))
            .form(&[("csrf", csrf.as_str()), ("email", email)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("Si un compte existe"), "{html}");
        csrf = extract_csrf(&html).unwrap_or_default();
    }
    let mail = tokio::time::timeout(std::time::Duration::from_secs(20), inbox.recv())
        .await
        .expect("the reset email is sent")
        .unwrap()
        .replace("=\n", "");
    assert!(mail.contains("To: rivo@example.mg"), "{mail}");
    let at = mail.find("/admin/mot-de-passe/").unwrap();
    let token: String = mail[at + 20..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    let link = app.url(&format!("/admin/mot-de-passe/{token}"));
    let (status, _) = set_password(&app, &link, "nouveau-secret-rivo").await;
    assert_eq!(status, 200);
    assert_eq!(
        login_in(&app, &browser(), "rivo@example.mg", PASSWORD).await,
        401
    );
    assert_eq!(
        login_in(&app, &browser(), "rivo@example.mg", "nouveau-secret-rivo").await,
        303
    );
    assert!(inbox.try_recv().is_err(), "no email for an unknown address");
}

#[tokio::test]
async fn without_smtp_the_forgotten_password_page_says_how_to_reset_offline() {
    let app = spawn_app().await;
    let html = app.page("/admin/mot-de-passe-oublie", 200).await;
    assert!(html.contains("varotra user passwd"), "{html}");
}
