//! Bearer tokens: `POST /api/v1/login` trades an email and password (and, for an
//! agency, a shop slug) for a random token valid 30 days; its sha256 is stored.
//! `POST /api/v1/logout` revokes it. [`ApiAuth`] extracts and checks it.

use crate::db::accounts::{self, Role};
use crate::db::{shops, AccountId, DbError, ShopId};
use crate::startup::AppState;
use crate::web::admin::session::{hash_token, random_token};
use crate::web::ApiError;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use serde_json::json;
use std::future::Future;
use std::pin::Pin;

const TOKEN_DAYS: i64 = 30;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/login", web::post().to(login))
        .route("/api/v1/logout", web::post().to(logout));
}

/// The caller of an API request: its account, role and the shop the token is for.
#[derive(Debug, Clone)]
pub struct ApiAuth {
    pub account: AccountId,
    pub role: Role,
    pub shop: ShopId,
    token_hash: String,
}

impl ApiAuth {
    /// Refuses agents where shop settings change.
    pub fn require_manager(&self) -> Result<(), ApiError> {
        if self.role.can_manage() {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "this account cannot change shop settings".into(),
            ))
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoginBody {
    email: String,
    password: String,
    /// Which shop to act for (agencies with several shops); default: the first.
    shop: Option<String>,
}

async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<LoginBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let ip = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let (email_key, ip_key) = (
        format!("email:{}", body.email.trim().to_lowercase()),
        format!("ip:{ip}"),
    );
    let limiter = state.login_limiter.clone();
    if limiter.is_blocked(&email_key) || limiter.is_blocked(&ip_key) {
        return Err(ApiError::TooManyRequests(
            "too many failed logins; retry in 15 minutes".into(),
        ));
    }
    let token = random_token();
    let hash = hash_token(&token);
    let outcome = state
        .db
        .write(move |c| {
            let Some(account) = accounts::verify(c, &body.email, &body.password)? else {
                return Ok(None);
            };
            let shops = accounts::shops_of(c, account.id)?;
            let shop = match &body.shop {
                Some(slug) => {
                    let s = shops::by_slug(c, slug)?;
                    if !shops.iter().any(|(id, _)| *id == s.id) {
                        return Err(DbError::Invalid(format!("no access to shop `{slug}`")));
                    }
                    s.id
                }
                None => match shops.first() {
                    Some((id, _)) => *id,
                    None => return Err(DbError::Invalid("this account has no shop".into())),
                },
            };
            let expires = (chrono::Utc::now() + chrono::Duration::days(TOKEN_DAYS))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            c.execute(
                "INSERT INTO api_tokens (token_hash, account_id, shop_id, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![hash, account.id, shop, expires],
            )?;
            Ok(Some((account, shop, expires)))
        })
        .await?;
    match outcome {
        Some((account, shop, expires)) => {
            limiter.clear(&email_key);
            Ok(HttpResponse::Ok().json(json!({
                "token": token,
                "token_type": "Bearer",
                "expires_at": expires,
                "shop_id": shop,
                "role": account.role,
            })))
        }
        None => {
            limiter.record_failure(&email_key);
            limiter.record_failure(&ip_key);
            Err(ApiError::Unauthorized("wrong email or password".into()))
        }
    }
}

async fn logout(state: web::Data<AppState>, auth: ApiAuth) -> Result<HttpResponse, ApiError> {
    let hash = auth.token_hash.clone();
    state
        .db
        .write(move |c| {
            c.execute(
                "UPDATE api_tokens SET revoked = 1 WHERE token_hash = ?1",
                [hash],
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get("Authorization")?.to_str().ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?;
    Some(token.trim().to_string())
}

impl FromRequest for ApiAuth {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let token = bearer(req);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let Some(token) = token else {
                return Err(ApiError::Unauthorized(
                    "missing bearer token (POST /api/v1/login)".into(),
                ));
            };
            let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("no app state")))?;
            let hash = hash_token(&token);
            let row = state
                .db
                .read(move |c| {
                    let row: Option<(i64, i64, String)> = c
                        .query_row(
                            "SELECT t.account_id, t.shop_id, a.role FROM api_tokens t
                             JOIN accounts a ON a.id = t.account_id
                             JOIN memberships m ON m.account_id = t.account_id AND m.shop_id = t.shop_id
                             WHERE t.token_hash = ?1 AND t.revoked = 0 AND t.expires_at > ?2 AND a.disabled = 0",
                            params![hash, crate::db::now_text()],
                            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                        )
                        .optional()?;
                    Ok(row.map(|r| (r, hash)))
                })
                .await?;
            match row {
                Some(((account, shop, role), token_hash)) => Ok(ApiAuth {
                    account: AccountId(account),
                    role: Role::parse(&role).unwrap_or(Role::Agent),
                    shop: ShopId(shop),
                    token_hash,
                }),
                None => Err(ApiError::Unauthorized(
                    "invalid, expired or revoked token".into(),
                )),
            }
        })
    }
}
