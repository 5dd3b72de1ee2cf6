//! `/setup`: the first-run wizard's door. While no login account exists, `/admin`
//! leads here; the page only opens with a one-time code that `serve` prints at start
//! (and `varotra setup-link` prints afresh), so a box reachable from the internet
//! cannot be claimed by a stranger. Without a code, with a used, expired or unknown
//! one, or once an account exists, it answers 403.
//!
//! The first step makes the owner's account and the shop in one transaction, spends
//! every open code, and logs the owner in; the remaining steps (`steps`) are admin
//! pages behind that session. The code travels in the form and is checked again on
//! submit: being secret and single-use, it is also the form's CSRF token.

pub mod messages;
pub mod steps;

use crate::crypto::passwords;
use crate::crypto::tokens::hash_token;
use crate::db::{setup_codes, shops, DbError};
use crate::web::admin::session;
use crate::web::{AdminError, AppState};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/setup", web::get().to(form))
        .route("/setup", web::post().to(submit));
    steps::configure(cfg);
    messages::configure(cfg);
}

#[derive(Template)]
#[template(path = "setup_account.html")]
struct AccountPage {
    code: String,
    email: String,
    shop_name: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "setup_closed.html")]
struct ClosedPage {
    claimed: bool,
}

#[derive(Deserialize)]
struct CodeQuery {
    #[serde(default)]
    code: String,
}

fn page(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        // The code is in the address: never send it on to another site.
        .insert_header(("Referrer-Policy", "no-referrer"))
        .body(body)
}

/// The 403 page: how to get a link, or that the install is already claimed.
async fn closed(state: &AppState) -> Result<HttpResponse, AdminError> {
    let claimed = state.db.read(setup_codes::any_account).await?;
    Ok(page(
        StatusCode::FORBIDDEN,
        ClosedPage { claimed }.render()?,
    ))
}

async fn is_open(state: &AppState, code: &str) -> Result<bool, AdminError> {
    if code.is_empty() {
        return Ok(false);
    }
    let hash = hash_token(code);
    Ok(state
        .db
        .read(move |c| setup_codes::is_open(c, &hash, &crate::db::now_text()))
        .await?)
}

async fn form(
    state: web::Data<AppState>,
    q: web::Query<CodeQuery>,
) -> Result<HttpResponse, AdminError> {
    if !is_open(&state, &q.code).await? {
        tracing::warn!("setup page refused: no open setup code");
        return closed(&state).await;
    }
    let body = AccountPage {
        code: q.code.clone(),
        email: String::new(),
        shop_name: String::new(),
        error: None,
    }
    .render()?;
    Ok(page(StatusCode::OK, body))
}

#[derive(Deserialize)]
struct AccountForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirmation: String,
    #[serde(default)]
    shop_name: String,
}

impl AccountForm {
    /// What is wrong with the form, in French, before any hashing.
    fn problem(&self) -> Option<String> {
        if self.shop_name.trim().is_empty() {
            return Some("Nom de la boutique : obligatoire.".into());
        }
        if !self.email.contains('@') {
            return Some(format!(
                "Email « {} » : adresse invalide.",
                self.email.trim()
            ));
        }
        if self.password.chars().count() < passwords::MIN_LEN {
            return Some(format!(
                "Mot de passe trop court : {} caractères au moins.",
                passwords::MIN_LEN
            ));
        }
        if self.password != self.confirmation {
            return Some("La confirmation ne correspond pas au mot de passe.".into());
        }
        None
    }
}

/// A slug for the shop's name: lowercase ASCII letters and digits joined by dashes.
pub fn slug_of(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let slug = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "boutique".into()
    } else {
        slug.chars()
            .take(40)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string()
    }
}

async fn submit(
    state: web::Data<AppState>,
    form: web::Form<AccountForm>,
) -> Result<HttpResponse, AdminError> {
    let form = form.into_inner();
    if !is_open(&state, &form.code).await? {
        tracing::warn!("setup form refused: no open setup code");
        return closed(&state).await;
    }
    let again = |error: String| -> Result<HttpResponse, AdminError> {
        let body = AccountPage {
            code: form.code.clone(),
            email: form.email.trim().to_string(),
            shop_name: form.shop_name.trim().to_string(),
            error: Some(error),
        }
        .render()?;
        Ok(page(StatusCode::BAD_REQUEST, body))
    };
    if let Some(problem) = form.problem() {
        return again(problem);
    }
    // argon2 runs before the writer is taken.
    let password = form.password.clone();
    let hash = web::block(move || passwords::hash(&password))
        .await
        .map_err(AdminError::internal)?
        .map_err(|e| AdminError::BadRequest(e.to_string()))?;
    let (email, name) = (
        form.email.trim().to_string(),
        form.shop_name.trim().to_string(),
    );
    let code_hash = hash_token(&form.code);
    let hours = state.settings.server.session_hours;
    let claimed = state
        .db
        .write(move |c| {
            let shop = shops::NewShop {
                slug: slug_of(&name),
                company_name: name,
                email: Some(email.clone()),
                vat_rate_bp: Some(2000),
                ..Default::default()
            };
            match setup_codes::claim(c, &code_hash, &shop, &email, &hash)? {
                Some((_, account)) => session::create(c, account, hours).map(Some),
                None => Ok(None),
            }
        })
        .await;
    let token = match claimed {
        Ok(Some(token)) => token,
        // Another tab claimed the install between the check and the write.
        Ok(None) => return closed(&state).await,
        Err(DbError::Invalid(e) | DbError::Conflict(e)) => return again(e),
        Err(e) => return Err(e.into()),
    };
    tracing::info!("install claimed through the setup wizard");
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", steps::START))
        .cookie(session::session_cookie(
            &token,
            crate::web::admin::secure_cookies(&state),
        ))
        .finish())
}

#[cfg(test)]
mod tests {
    use super::slug_of;

    #[test]
    fn a_shop_name_becomes_a_plain_slug() {
        assert_eq!(slug_of("Épicerie Rivo & Fils"), "epicerie-rivo-fils");
        assert_eq!(slug_of("  !! "), "boutique");
    }
}
