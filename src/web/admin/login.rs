//! `/admin/login` and `/admin/logout`.
//!
//! The login form carries a CSRF token that must match a cookie set with the form
//! (double submit), since there is no session yet. Attempts are counted before the
//! password is checked, per account and per client address (`web::limits`).

use super::session::{self, AdminSession};
use crate::crypto::tokens::{constant_eq, random_token};
use crate::web::limits::{check_login, Refused};
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
    let cookie = csrf_cookie(csrf, secure);
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .cookie(cookie)
        .body(page.render().unwrap_or_default())
}

/// The double-submit cookie of a form shown before any session (login, password
/// pages): the same random value goes in the cookie and in the form.
pub fn csrf_cookie(csrf: String, secure: bool) -> Cookie<'static> {
    Cookie::build(LOGIN_CSRF_COOKIE, csrf)
        .path("/admin")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .finish()
}

/// Refuses a session-less form whose token is not the one of its cookie.
pub fn check_form_csrf(req: &HttpRequest, submitted: &str) -> Result<(), AdminError> {
    match req.cookie(LOGIN_CSRF_COOKIE) {
        Some(c)
            if !submitted.is_empty() && constant_eq(c.value().as_bytes(), submitted.as_bytes()) =>
        {
            Ok(())
        }
        _ => Err(AdminError::Csrf),
    }
}

/// Cookies are `Secure` when the server is reached over https.
pub fn secure(state: &AppState) -> bool {
    state.settings.server.public_url.starts_with("https://")
}

async fn form(state: web::Data<AppState>) -> Result<HttpResponse, AdminError> {
    if !state.db.read(crate::db::setup_codes::any_account).await? {
        return Err(AdminError::SetupRequired);
    }
    Ok(render(
        random_token(),
        None,
        String::new(),
        actix_web::http::StatusCode::OK,
        secure(&state),
    ))
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
    check_form_csrf(&req, &form.csrf)?;
    let account = match check_login(&state, &req, &form.email, form.password).await {
        Ok(account) => account,
        Err(refused @ (Refused::Wait(_) | Refused::Busy)) => {
            tracing::warn!("login refused by the rate limit");
            let message = AdminError::from(refused).to_string();
            return Ok(render(
                random_token(),
                Some(message),
                form.email,
                actix_web::http::StatusCode::TOO_MANY_REQUESTS,
                secure(&state),
            ));
        }
        Err(other) => return Err(other.into()),
    };
    let hours = state.settings.server.session_hours;
    let token = match account {
        // Only the short session write holds the writer; argon2 ran before it.
        Some(account) => Some(
            state
                .db
                .write(move |c| session::create(c, account.id, hours))
                .await?,
        ),
        None => None,
    };
    match token {
        Some(token) => {
            tracing::info!("admin login");
            Ok(HttpResponse::SeeOther()
                .insert_header(("Location", "/admin"))
                .cookie(session::session_cookie(&token, secure(&state)))
                .finish())
        }
        None => {
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
