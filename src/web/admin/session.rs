//! Admin sessions: a random token in an HttpOnly, SameSite=Lax cookie, its sha256 in
//! the `sessions` table with the account, the current shop and the CSRF token.

use crate::db::accounts::{self, Account};
use crate::db::{AccountId, DbError, ShopId};
use crate::startup::AppState;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse, ResponseError};
use rand::RngCore;
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};
use std::future::Future;
use std::pin::Pin;

pub const SESSION_COOKIE: &str = "varotra_session";

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("connexion requise")]
    LoginRequired,
    #[error("jeton CSRF manquant ou invalide : rechargez la page et recommencez")]
    Csrf,
    #[error("accès refusé")]
    Forbidden,
    #[error("introuvable")]
    NotFound,
    #[error("{0}")]
    BadRequest(String),
    #[error("erreur interne")]
    Internal(#[source] anyhow::Error),
}

impl From<DbError> for AdminError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => AdminError::NotFound,
            DbError::Invalid(m) | DbError::Conflict(m) => AdminError::BadRequest(m),
            other => AdminError::Internal(other.into()),
        }
    }
}

impl ResponseError for AdminError {
    fn status_code(&self) -> StatusCode {
        match self {
            AdminError::LoginRequired => StatusCode::SEE_OTHER,
            AdminError::Csrf | AdminError::Forbidden => StatusCode::FORBIDDEN,
            AdminError::NotFound => StatusCode::NOT_FOUND,
            AdminError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AdminError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AdminError::LoginRequired => HttpResponse::SeeOther()
                .insert_header(("Location", "/admin/login"))
                .finish(),
            other => {
                if let AdminError::Internal(e) = other {
                    tracing::error!(error = format!("{e:#}"), "admin request failed");
                }
                let page = super::pages::ErrorPage {
                    message: other.to_string(),
                };
                HttpResponse::build(other.status_code())
                    .content_type("text/html; charset=utf-8")
                    .body(askama::Template::render(&page).unwrap_or_else(|_| other.to_string()))
            }
        }
    }
}

/// The logged-in account and the shop it is working on.
#[derive(Debug, Clone)]
pub struct AdminSession {
    pub account: Account,
    pub shop: ShopId,
    pub shop_name: String,
    pub shops: Vec<(ShopId, String)>,
    pub csrf: String,
    pub token_hash: String,
}

impl AdminSession {
    /// Refuses the request unless `submitted` is this session's CSRF token.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), AdminError> {
        if constant_eq(submitted.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(AdminError::Csrf)
        }
    }

    /// Refuses agents where settings change.
    pub fn require_manager(&self) -> Result<(), AdminError> {
        if self.account.role.can_manage() {
            Ok(())
        } else {
            Err(AdminError::Forbidden)
        }
    }
}

pub fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a session for `account` on its first shop; returns the cookie token.
pub fn create(
    conn: &rusqlite::Connection,
    account: AccountId,
    hours: u64,
) -> Result<String, DbError> {
    let shop: Option<i64> = conn
        .query_row(
            "SELECT m.shop_id FROM memberships m JOIN shops s ON s.id = m.shop_id
             WHERE m.account_id = ?1 ORDER BY s.company_name LIMIT 1",
            [account],
            |r| r.get(0),
        )
        .optional()?;
    let token = random_token();
    let expires = (chrono::Utc::now() + chrono::Duration::hours(hours as i64))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    conn.execute(
        "INSERT INTO sessions (token_hash, account_id, shop_id, csrf_token, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![hash_token(&token), account, shop, random_token(), expires],
    )?;
    Ok(token)
}

pub fn session_cookie(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token.to_string())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .finish()
}

fn load(conn: &rusqlite::Connection, token_hash: &str) -> Result<Option<AdminSession>, DbError> {
    let row: Option<(i64, Option<i64>, String)> = conn
        .query_row(
            "SELECT account_id, shop_id, csrf_token FROM sessions
             WHERE token_hash = ?1 AND expires_at > ?2",
            params![token_hash, crate::db::now_text()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((account_id, shop, csrf)) = row else {
        return Ok(None);
    };
    let account = match accounts::get(conn, AccountId(account_id)) {
        Ok(a) => a,
        Err(DbError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let shops = accounts::shops_of(conn, account.id)?;
    // The session's shop must still be one of the account's shops.
    let current = shop
        .and_then(|s| shops.iter().find(|(id, _)| id.0 == s))
        .or_else(|| shops.first())
        .cloned();
    let Some((shop, shop_name)) = current else {
        return Ok(None);
    };
    Ok(Some(AdminSession {
        account,
        shop,
        shop_name,
        shops,
        csrf,
        token_hash: token_hash.to_string(),
    }))
}

impl FromRequest for AdminSession {
    type Error = AdminError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let token = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string());
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let (Some(token), Some(state)) = (token, state) else {
                return Err(AdminError::LoginRequired);
            };
            let hash = hash_token(&token);
            state
                .db
                .read(move |c| load(c, &hash))
                .await?
                .ok_or(AdminError::LoginRequired)
        })
    }
}
