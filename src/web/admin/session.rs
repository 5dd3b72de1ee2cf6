//! Admin sessions: a random token in an HttpOnly, SameSite=Lax cookie, its sha256 in
//! the `sessions` table with the account, the current shop and the CSRF token. Loading
//! a session also reads what every page's shell shows: the inbox counts and whether
//! WhatsApp messages leave.

use crate::db::accounts::{self, Account};
use crate::db::sessions::{self, NewSession};
use crate::db::{AccountId, DbError, ShopId};
use crate::web::{AdminError, AppState};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::{web, FromRequest, HttpRequest};
use std::future::Future;
use std::pin::Pin;

// The CLI still takes its webhook tokens from here; they now live in `crypto::tokens`.
pub use crate::crypto::tokens::{constant_eq, hash_token, random_token};

pub const SESSION_COOKIE: &str = "varotra_session";

/// The logged-in account and the shop it is working on.
#[derive(Debug, Clone)]
pub struct AdminSession {
    pub account: Account,
    pub shop: ShopId,
    pub shop_name: String,
    pub shops: Vec<(ShopId, String)>,
    pub csrf: String,
    pub token_hash: String,
    /// Unread and waiting conversations of the current shop, for the menu and the title.
    pub inbox: crate::db::inbox::Counts,
    /// Whether the shop's WhatsApp messages leave, for the banner.
    pub outbox: crate::db::outbox_health::Health,
    /// The current shop's time zone: every date is shown in it.
    pub tz: chrono_tz::Tz,
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

    /// The same check for a form read as pairs (repeated fields: editor lines, weekdays).
    pub fn check_csrf_in(&self, form: &[(String, String)]) -> Result<(), AdminError> {
        let submitted = form
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str());
        self.check_csrf(submitted.unwrap_or(""))
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

/// Creates a session for `account` on its first shop; returns the cookie token.
pub fn create(
    conn: &rusqlite::Connection,
    account: AccountId,
    hours: u64,
) -> Result<String, DbError> {
    let shop = accounts::shops_of(conn, account)?
        .first()
        .map(|(id, _)| *id);
    let token = random_token();
    let expires = (chrono::Utc::now() + chrono::Duration::hours(hours as i64))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    sessions::insert(
        conn,
        &NewSession {
            token_hash: &hash_token(&token),
            account,
            shop,
            csrf: &random_token(),
            expires_at: &expires,
        },
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
    let Some(row) = sessions::find(conn, token_hash, &crate::db::now_text())? else {
        return Ok(None);
    };
    let account = match accounts::get(conn, row.account) {
        Ok(a) => a,
        Err(DbError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let shops = accounts::shops_of(conn, account.id)?;
    // The session's shop must still be one of the account's shops.
    let current = row
        .shop
        .and_then(|s| shops.iter().find(|(id, _)| *id == s))
        .or_else(|| shops.first())
        .cloned();
    let Some((shop, shop_name)) = current else {
        return Ok(None);
    };
    Ok(Some(AdminSession {
        account,
        inbox: crate::db::inbox::counts(conn, shop)?,
        outbox: crate::db::outbox_health::of_shop(conn, shop)?,
        tz: crate::db::stats::shop_tz(conn, shop)?,
        shop,
        shop_name,
        shops,
        csrf: row.csrf,
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
            let Some(state) = state else {
                return Err(AdminError::LoginRequired);
            };
            let hash = token.map(|t| hash_token(&t));
            state
                .db
                .read(move |c| match hash {
                    Some(hash) => load(c, &hash).map(|s| s.ok_or(AdminError::LoginRequired)),
                    // A fresh install has nobody to log in: its first visit goes to setup.
                    None if !crate::db::setup_codes::any_account(c)? => {
                        Ok(Err(AdminError::SetupRequired))
                    }
                    None => Ok(Err(AdminError::LoginRequired)),
                })
                .await?
        })
    }
}
