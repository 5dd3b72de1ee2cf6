//! The pages reached without a session: `/admin/mot-de-passe/{token}` (choose a
//! password from a one-time link: an invitation or a reset) and
//! `/admin/mot-de-passe-oublie` (ask for a reset link by email, when SMTP is set).
//!
//! The forgotten-password form answers the same whether the email exists or not, and
//! counts toward the login limits (it sends email, it must not become a mail cannon).
//! Without SMTP it says how the installer resets a password offline (`varotra user
//! passwd`).

use super::login::{check_form_csrf, csrf_cookie, secure};
use super::team::RESET_HOURS;
use crate::crypto::passwords::MIN_LEN;
use crate::crypto::tokens::{hash_token, random_token};
use crate::db::accounts;
use crate::db::password_links::{self, Purpose};
use crate::web::client_ip::client_ip;
use crate::web::{AdminError, AppState};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/mot-de-passe-oublie", web::get().to(forgot_form))
        .route("/admin/mot-de-passe-oublie", web::post().to(forgot))
        .route("/admin/mot-de-passe/{token}", web::get().to(set_form))
        .route("/admin/mot-de-passe/{token}", web::post().to(set));
}

/// Emails a password link; `false` when SMTP is not set or the send failed (the
/// caller shows the link instead).
pub async fn mail_link(
    state: &AppState,
    to: &str,
    link: &str,
    purpose: Purpose,
    valid: &str,
) -> bool {
    let (subject, intro) = match purpose {
        Purpose::Invite => (
            "[Varotra] Invitation : choisissez votre mot de passe",
            "Vous êtes invité à rejoindre l'équipe de la boutique sur Varotra.",
        ),
        Purpose::Reset => (
            "[Varotra] Nouveau mot de passe",
            "Un nouveau mot de passe a été demandé pour votre compte Varotra.",
        ),
    };
    let body = format!(
        "{intro}\n\nOuvrez ce lien pour choisir votre mot de passe (valable {valid}, une seule fois) :\n{link}\n\nSi vous n'avez rien demandé, ignorez ce message."
    );
    match crate::jobs::mailer::send_now(&state.settings.smtp, to, subject, &body).await {
        Ok(sent) => sent,
        Err(e) => {
            tracing::warn!(error = %e, "password link email not sent");
            false
        }
    }
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    csrf: String,
    title: &'static str,
    /// The account's email when the page shows the "choose" form.
    email: Option<String>,
    /// Show the "forgotten password" form.
    ask_email: bool,
    notice: Option<String>,
    error: Option<String>,
}

fn page(
    mut p: PasswordPage,
    status: StatusCode,
    state: &AppState,
) -> Result<HttpResponse, AdminError> {
    p.csrf = random_token();
    let body = p.render()?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .cookie(csrf_cookie(p.csrf, secure(state)))
        .body(body))
}

fn blank(title: &'static str) -> PasswordPage {
    PasswordPage {
        csrf: String::new(),
        title,
        email: None,
        ask_email: false,
        notice: None,
        error: None,
    }
}

const GONE: &str = "Ce lien n'est plus valable (déjà utilisé, ou expiré). Demandez-en un nouveau.";

async fn set_form(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AdminError> {
    let hash = hash_token(&token);
    let link = state
        .db
        .read(move |c| password_links::find(c, &hash, &crate::db::now_text()))
        .await?;
    match link {
        Some(l) => page(
            PasswordPage {
                email: Some(l.email),
                ..blank("Choisir un mot de passe")
            },
            StatusCode::OK,
            &state,
        ),
        None => page(
            PasswordPage {
                error: Some(GONE.into()),
                ..blank("Lien expiré")
            },
            StatusCode::NOT_FOUND,
            &state,
        ),
    }
}

#[derive(Deserialize)]
struct SetForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

async fn set(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    form: web::Form<SetForm>,
) -> Result<HttpResponse, AdminError> {
    check_form_csrf(&req, &form.csrf)?;
    let form = form.into_inner();
    let hash = hash_token(&token);
    let retry = |error: String, email: Option<String>| PasswordPage {
        email,
        error: Some(error),
        ..blank("Choisir un mot de passe")
    };
    let h2 = hash.clone();
    let Some(link) = state
        .db
        .read(move |c| password_links::find(c, &h2, &crate::db::now_text()))
        .await?
    else {
        let p = PasswordPage {
            error: Some(GONE.into()),
            ..blank("Lien expiré")
        };
        return page(p, StatusCode::NOT_FOUND, &state);
    };
    if form.password.chars().count() < MIN_LEN {
        let e = format!("Mot de passe trop court : {MIN_LEN} caractères au moins.");
        return page(retry(e, Some(link.email)), StatusCode::BAD_REQUEST, &state);
    }
    if form.password != form.password2 {
        let e = "Les deux mots de passe diffèrent.".to_string();
        return page(retry(e, Some(link.email)), StatusCode::BAD_REQUEST, &state);
    }
    let new_hash = state.limits.hash_password(form.password).await?;
    let done = state
        .db
        .write(move |c| password_links::redeem(c, &hash, &crate::db::now_text(), &new_hash))
        .await?;
    match done {
        Some(l) => {
            tracing::info!(account = l.account.0, "password set from a link");
            page(
                PasswordPage {
                    notice: Some(format!(
                        "Mot de passe enregistré pour {}. Vous pouvez vous connecter.",
                        l.email
                    )),
                    ..blank("Mot de passe enregistré")
                },
                StatusCode::OK,
                &state,
            )
        }
        None => {
            let p = PasswordPage {
                error: Some(GONE.into()),
                ..blank("Lien expiré")
            };
            page(p, StatusCode::NOT_FOUND, &state)
        }
    }
}

async fn forgot_form(state: web::Data<AppState>) -> Result<HttpResponse, AdminError> {
    let mut p = blank("Mot de passe oublié");
    p.ask_email = true;
    if state.settings.smtp.host.trim().is_empty() {
        p.ask_email = false;
        p.notice = Some(OFFLINE.into());
    }
    page(p, StatusCode::OK, &state)
}

const OFFLINE: &str = "L'envoi d'emails n'est pas configuré sur ce serveur. Demandez à la personne qui l'a installé de lancer, sur la machine : varotra user passwd --email VOTRE-EMAIL (ou, pour un agent, au propriétaire de la boutique : page Équipe).";

#[derive(Deserialize)]
struct ForgotForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

async fn forgot(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<ForgotForm>,
) -> Result<HttpResponse, AdminError> {
    check_form_csrf(&req, &form.csrf)?;
    if state.settings.smtp.host.trim().is_empty() {
        return forgot_form(state).await;
    }
    let email = form.email.trim().to_string();
    let ip = client_ip(&req, &state.settings.server.trusted_proxy_nets);
    if let Err(wait) = state.limits.login_attempt(&email, ip) {
        return Err(crate::web::limits::Refused::Wait(wait).into());
    }
    let e2 = email.clone();
    let found = state
        .db
        .read(move |c| accounts::credentials(c, &e2))
        .await?;
    if let Some((account, _)) = found {
        let token = random_token();
        let (token_hash, id) = (hash_token(&token), account.id);
        let expires = (chrono::Utc::now() + chrono::Duration::hours(RESET_HOURS))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        state
            .db
            .write(move |c| password_links::insert(c, &token_hash, id, Purpose::Reset, &expires))
            .await?;
        let link = format!(
            "{}/admin/mot-de-passe/{token}",
            state.settings.server.public_url
        );
        let state = state.clone();
        // Sent in the background: the answer must not tell, by its delay, whether
        // the account exists.
        tokio::spawn(async move {
            mail_link(&state, &account.email, &link, Purpose::Reset, "1 heure").await;
        });
    }
    let mut p = blank("Mot de passe oublié");
    p.ask_email = true;
    p.notice = Some(format!(
        "Si un compte existe pour {email}, un email vient de lui être envoyé avec un lien valable 1 heure."
    ));
    page(p, StatusCode::OK, &state)
}
