//! `/admin/login` and `/admin/logout`.
//!
//! The login form carries a CSRF token that must match a cookie set with the form
//! (double submit), since there is no session yet. Failed attempts are limited per
//! email and per client address.

use super::session::{self, AdminSession};
use crate::crypto::tokens::{constant_eq, random_token};
use crate::db::accounts;
use crate::web::{AdminError, AppState};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

const LOGIN_CSRF_COOKIE: &str = "varotra_login_csrf";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/login", web::get().to(form))
        .route("/admin/login", web::post().to(submit))
        .route("/admin/logout", web::post().to(logout));
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    csrf: String,
    error: Option<String>,
    email: String,
}

fn render(
    csrf: String,
    error: Option<String>,
    email: String,
    status: actix_web::http::StatusCode,
    secure: bool,
) -> HttpResponse {
    let page = LoginPage {
        csrf: csrf.clone(),
        error,
        email,
    };
    let cookie = Cookie::build(LOGIN_CSRF_COOKIE, csrf)
        .path("/admin")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .finish();
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .cookie(cookie)
        .body(page.render().unwrap_or_default())
}

fn secure(state: &AppState) -> bool {
    state.settings.server.public_url.starts_with("https://")
}

async fn form(state: web::Data<AppState>) -> HttpResponse {
    render(
        random_token(),
        None,
        String::new(),
        actix_web::http::StatusCode::OK,
        secure(&state),
    )
}

#[derive(Deserialize)]
struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    csrf: String,
}

async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AdminError> {
    let form = form.into_inner();
    let cookie = req.cookie(LOGIN_CSRF_COOKIE).map(|c| c.value().to_string());
    match cookie {
        Some(c) if !form.csrf.is_empty() && constant_eq(c.as_bytes(), form.csrf.as_bytes()) => {}
        _ => return Err(AdminError::Csrf),
    }
    let ip = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let email_key = format!("email:{}", form.email.trim().to_lowercase());
    let ip_key = format!("ip:{ip}");
    let limiter = &state.login_limiter;
    if limiter.is_blocked(&email_key) || limiter.is_blocked(&ip_key) {
        tracing::warn!("login rate limit reached");
        return Ok(render(
            random_token(),
            Some("Trop de tentatives. Réessayez dans 15 minutes.".into()),
            form.email,
            actix_web::http::StatusCode::TOO_MANY_REQUESTS,
            secure(&state),
        ));
    }
    let (email, password) = (form.email.clone(), form.password);
    let hours = state.settings.server.session_hours;
    let token = state
        .db
        .write(move |c| match accounts::verify(c, &email, &password)? {
            Some(account) => session::create(c, account.id, hours).map(Some),
            None => Ok(None),
        })
        .await?;
    match token {
        Some(token) => {
            limiter.clear(&email_key);
            tracing::info!("admin login");
            Ok(HttpResponse::SeeOther()
                .insert_header(("Location", "/admin"))
                .cookie(session::session_cookie(&token, secure(&state)))
                .finish())
        }
        None => {
            limiter.record_failure(&email_key);
            limiter.record_failure(&ip_key);
            tracing::info!("admin login refused");
            Ok(render(
                random_token(),
                Some("Email ou mot de passe incorrect.".into()),
                form.email,
                actix_web::http::StatusCode::UNAUTHORIZED,
                secure(&state),
            ))
        }
    }
}

/// A form that carries only its CSRF token (logout, delete, take over...).
#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

async fn logout(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let hash = session.token_hash.clone();
    state
        .db
        .write(move |c| crate::db::sessions::delete(c, &hash))
        .await?;
    let mut gone = session::session_cookie("", secure(&state));
    gone.make_removal();
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", "/admin/login"))
        .cookie(gone)
        .finish())
}
