//! Bearer tokens: `POST /api/v1/login` trades an email and password (and, for an
//! agency, a shop slug) for a random token valid 30 days; its sha256 is stored.
//! `POST /api/v1/logout` revokes it. [`ApiAuth`] extracts and checks it.

use crate::crypto::tokens::{hash_token, random_token};
use crate::db::accounts::{self, Role};
use crate::db::{api_tokens, shops, AccountId, DbError, ShopId};
use crate::web::limits::check_login;
use crate::web::{ApiError, AppState};
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;
use utoipa::ToSchema;

const TOKEN_DAYS: i64 = 30;

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

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    email: String,
    password: String,
    /// Shop slug to act for (agencies with several shops); default: the first.
    shop: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    token: String,
    /// Always `Bearer`.
    token_type: &'static str,
    #[schema(format = DateTime)]
    expires_at: String,
    #[schema(value_type = i64)]
    shop_id: ShopId,
    /// `owner`, `agent` or `agency`.
    #[schema(value_type = String)]
    role: Role,
}

/// Trade an email and password for a bearer token (30 days)
#[utoipa::path(
    post,
    path = "/api/v1/login",
    tag = "auth",
    operation_id = "post_login",
    request_body = LoginBody,
    responses(
        (status = 200, description = "A token", body = LoginResponse),
        (status = 400, description = "Invalid parameters or body", body = ErrorBody),
        (status = 401, description = "Wrong email or password", body = ErrorBody),
        (status = 429, description = "Too many failed logins", body = ErrorBody),
    ),
    security(),
)]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<LoginBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let Some(account) = check_login(&state, &req, &body.email, body.password).await? else {
        return Err(ApiError::Unauthorized("wrong email or password".into()));
    };
    let token = random_token();
    let hash = hash_token(&token);
    let outcome = state
        .db
        .write(move |c| {
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
            api_tokens::insert(c, &hash, account.id, shop, &expires)?;
            Ok((account, shop, expires))
        })
        .await?;
    let (account, shop, expires) = outcome;
    Ok(HttpResponse::Ok().json(LoginResponse {
        token,
        token_type: "Bearer",
        expires_at: expires,
        shop_id: shop,
        role: account.role,
    }))
}

/// Revoke the bearer token
#[utoipa::path(
    post,
    path = "/api/v1/logout",
    tag = "auth",
    operation_id = "post_logout",
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Missing, expired or revoked token", body = ErrorBody),
    ),
)]
pub async fn logout(state: web::Data<AppState>, auth: ApiAuth) -> Result<HttpResponse, ApiError> {
    let hash = auth.token_hash.clone();
    state
        .db
        .write(move |c| api_tokens::revoke(c, &hash))
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
                    let owner = api_tokens::owner(c, &hash, &crate::db::now_text())?;
                    Ok(owner.map(|o| (o, hash)))
                })
                .await?;
            if let Some((owner, _)) = &row {
                // Every request of a shop's tokens counts toward its per-minute cap.
                state
                    .limits
                    .api_request(owner.shop)
                    .map_err(ApiError::RateLimited)?;
            }
            match row {
                Some((owner, token_hash)) => Ok(ApiAuth {
                    account: owner.account,
                    role: Role::parse(&owner.role).unwrap_or(Role::Agent),
                    shop: owner.shop,
                    token_hash,
                }),
                None => Err(ApiError::Unauthorized(
                    "invalid, expired or revoked token".into(),
                )),
            }
        })
    }
}
