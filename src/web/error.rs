//! The one place where errors become HTTP responses.
//!
//! [`ApiError`] answers the API and the webhooks with JSON `{"error": {"code",
//! "message"}}` ([`ErrorBody`], also the schema of the OpenAPI document); [`AdminError`]
//! answers the admin site with a short French page (or the login redirect). Every
//! domain error that reaches a handler is converted here, once: storage
//! ([`DbError`]), devis ([`QuoteError`]), catalogue ([`CatalogError`]) and multipart
//! uploads ([`FormError`]). The full cause chain goes to the log; the client sees a
//! short message.

mod branding;
mod payments;

use super::limits::Refused;
use super::multipart::FormError;
use super::paging::PagingError;
use crate::catalog::CatalogError;
use crate::db::DbError;
use crate::quotes::QuoteError;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    TooManyRequests(String),
    #[error("too many requests; retry in {} s", .0.as_secs().max(1))]
    RateLimited(std::time::Duration),
    #[error("server busy checking passwords; retry in a few seconds")]
    Busy,
    #[error("{0}")]
    Unprocessable(String),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

/// The body of every API error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code: `bad_request`, `unauthorized`, `not_found`, ...
    pub code: String,
    /// A short human-readable reason.
    pub message: String,
}

impl ApiError {
    pub fn internal(e: impl Into<anyhow::Error>) -> Self {
        ApiError::Internal(e.into())
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound(_) => "not_found",
            ApiError::Conflict(_) => "conflict",
            ApiError::PayloadTooLarge(_) => "payload_too_large",
            ApiError::TooManyRequests(_) | ApiError::RateLimited(_) => "too_many_requests",
            ApiError::Busy => "busy",
            ApiError::Unprocessable(_) => "unprocessable",
            ApiError::Internal(_) => "internal",
        }
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => ApiError::NotFound("not found".into()),
            DbError::Conflict(m) => ApiError::Conflict(m),
            DbError::Invalid(m) => ApiError::BadRequest(m),
            other => ApiError::Internal(other.into()),
        }
    }
}

impl From<QuoteError> for ApiError {
    fn from(e: QuoteError) -> Self {
        match e {
            QuoteError::Db(db) => db.into(),
            QuoteError::Expired(_) | QuoteError::Closed { .. } | QuoteError::NumberTaken(_) => {
                ApiError::Conflict(e.to_string())
            }
            QuoteError::Pdf(_) | QuoteError::File(_) => ApiError::internal(e),
            other => ApiError::Unprocessable(other.to_string()),
        }
    }
}

impl From<crate::orders::OrderError> for ApiError {
    fn from(e: crate::orders::OrderError) -> Self {
        use crate::orders::OrderError;
        match e {
            OrderError::Quote(q) => q.into(),
            OrderError::Db(db) => db.into(),
            OrderError::Refused { .. } => ApiError::Conflict(e.to_string()),
        }
    }
}

impl From<FormError> for ApiError {
    fn from(e: FormError) -> Self {
        match e {
            FormError::TooLarge => ApiError::PayloadTooLarge(e.to_string()),
            _ => ApiError::BadRequest(e.to_string()),
        }
    }
}

/// Seconds a client should wait before trying again, for the `Retry-After` header.
fn retry_after(e: &ApiError) -> Option<u64> {
    match e {
        ApiError::RateLimited(d) => Some(d.as_secs().max(1)),
        ApiError::Busy => Some(5),
        _ => None,
    }
}

impl From<Refused> for ApiError {
    fn from(r: Refused) -> Self {
        match r {
            Refused::Wait(d) => ApiError::RateLimited(d),
            Refused::Busy => ApiError::Busy,
            Refused::Db(e) => e.into(),
        }
    }
}

impl From<Refused> for AdminError {
    fn from(r: Refused) -> Self {
        match r {
            Refused::Wait(d) => AdminError::TooManyRequests(format!(
                "Trop de tentatives. Réessayez dans {}.",
                super::limits::french_wait(d)
            )),
            Refused::Busy => AdminError::TooManyRequests(
                "Le serveur est très occupé : réessayez dans quelques secondes.".into(),
            ),
            Refused::Db(e) => e.into(),
        }
    }
}

impl From<PagingError> for ApiError {
    fn from(e: PagingError) -> Self {
        ApiError::BadRequest(e.to_string())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyRequests(_) | ApiError::RateLimited(_) => {
                StatusCode::TOO_MANY_REQUESTS
            }
            ApiError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(e) = self {
            tracing::error!(error = format!("{e:#}"), "request failed");
        }
        let mut res = HttpResponse::build(self.status_code());
        if let Some(secs) = retry_after(self) {
            res.insert_header(("Retry-After", secs.to_string()));
        }
        res.json(ErrorBody {
            error: ErrorDetail {
                code: self.code().to_string(),
                message: self.to_string(),
            },
        })
    }
}

/// Turns actix's JSON extractor failures into our JSON error shape, naming the field.
pub fn json_error_handler(
    err: actix_web::error::JsonPayloadError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as E;
    let api = match &err {
        E::OverflowKnownLength { .. } | E::Overflow { .. } => {
            ApiError::PayloadTooLarge("request body too large".into())
        }
        E::ContentType => ApiError::BadRequest("expected Content-Type: application/json".into()),
        E::Deserialize(e) => ApiError::BadRequest(format!("invalid JSON: {e}")),
        other => ApiError::BadRequest(format!("invalid request body: {other}")),
    };
    api.into()
}

/// Turns a query string that does not parse (`?page=abc`, `?offset=-1` into an
/// unsigned field, a number past 2^63) into a 400: JSON under `/api/`, the French
/// error page elsewhere. Never actix's plain-text default.
pub fn query_error_handler(
    err: actix_web::error::QueryPayloadError,
    req: &actix_web::HttpRequest,
) -> actix_web::Error {
    let detail = match &err {
        actix_web::error::QueryPayloadError::Deserialize(e) => e.to_string(),
        other => other.to_string(),
    };
    if req.path().starts_with("/api/") {
        ApiError::BadRequest(format!("invalid query string: {detail}")).into()
    } else {
        AdminError::BadRequest(format!("adresse invalide (paramètres) : {detail}")).into()
    }
}

/// The same for urlencoded admin forms that do not parse (a missing field, a number
/// that is not one): a French 400, or JSON under `/api/`.
pub fn form_error_handler(
    err: actix_web::error::UrlencodedError,
    req: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::UrlencodedError as E;
    let too_large = matches!(err, E::Overflow { .. });
    match (req.path().starts_with("/api/"), too_large) {
        (true, true) => ApiError::PayloadTooLarge("form too large".into()).into(),
        (true, false) => ApiError::BadRequest(format!("invalid form: {err}")).into(),
        (false, true) => AdminError::TooLarge.into(),
        (false, false) => AdminError::BadRequest(format!("formulaire invalide : {err}")).into(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("connexion requise")]
    LoginRequired,
    /// No account exists yet: the install is claimed through `/setup` first.
    #[error("installation à terminer")]
    SetupRequired,
    #[error("jeton CSRF manquant ou invalide : rechargez la page et recommencez")]
    Csrf,
    #[error("accès refusé")]
    Forbidden,
    #[error("introuvable")]
    NotFound,
    #[error("{0}")]
    BadRequest(String),
    #[error("formulaire ou fichier trop gros")]
    TooLarge,
    #[error("{0}")]
    TooManyRequests(String),
    #[error("erreur interne")]
    Internal(#[source] anyhow::Error),
}

impl AdminError {
    pub fn internal(e: impl Into<anyhow::Error>) -> Self {
        AdminError::Internal(e.into())
    }
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

impl From<crate::orders::OrderError> for AdminError {
    fn from(e: crate::orders::OrderError) -> Self {
        use crate::orders::OrderError;
        match e {
            OrderError::Quote(q) => q.into(),
            OrderError::Db(db) => db.into(),
            OrderError::Refused { .. } => AdminError::BadRequest(e.to_string()),
        }
    }
}

impl From<QuoteError> for AdminError {
    fn from(e: QuoteError) -> Self {
        match e {
            QuoteError::Db(db) => db.into(),
            QuoteError::Pdf(_) | QuoteError::File(_) => AdminError::Internal(e.into()),
            other => AdminError::BadRequest(other.to_string()),
        }
    }
}

impl From<CatalogError> for AdminError {
    fn from(e: CatalogError) -> Self {
        match e {
            CatalogError::Db(d) => d.into(),
            other => AdminError::internal(other),
        }
    }
}

impl From<FormError> for AdminError {
    fn from(e: FormError) -> Self {
        match e {
            FormError::TooLarge => AdminError::TooLarge,
            other => AdminError::BadRequest(other.to_string()),
        }
    }
}

impl From<PagingError> for AdminError {
    fn from(e: PagingError) -> Self {
        AdminError::BadRequest(e.french())
    }
}

impl From<askama::Error> for AdminError {
    fn from(e: askama::Error) -> Self {
        AdminError::internal(e)
    }
}

/// The admin's error page: the short French reason, with the menu so the owner is
/// one tap from anywhere else.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    message: String,
    title: &'static str,
    nav: &'static [super::admin::NavItem],
}

impl ResponseError for AdminError {
    fn status_code(&self) -> StatusCode {
        match self {
            AdminError::LoginRequired | AdminError::SetupRequired => StatusCode::SEE_OTHER,
            AdminError::Csrf | AdminError::Forbidden => StatusCode::FORBIDDEN,
            AdminError::NotFound => StatusCode::NOT_FOUND,
            AdminError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AdminError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AdminError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AdminError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AdminError::LoginRequired => HttpResponse::SeeOther()
                .insert_header(("Location", "/admin/login"))
                .finish(),
            AdminError::SetupRequired => HttpResponse::SeeOther()
                .insert_header(("Location", "/setup"))
                .finish(),
            other => {
                if let AdminError::Internal(e) = other {
                    tracing::error!(error = format!("{e:#}"), "admin request failed");
                }
                let page = ErrorPage {
                    message: other.to_string(),
                    title: match other {
                        AdminError::NotFound => "Page introuvable",
                        AdminError::Forbidden | AdminError::Csrf => "Accès refusé",
                        AdminError::BadRequest(_) => "Impossible de faire cela",
                        _ => "Erreur",
                    },
                    nav: super::admin::NAV,
                };
                HttpResponse::build(other.status_code())
                    .content_type("text/html; charset=utf-8")
                    .body(page.render().unwrap_or_else(|_| other.to_string()))
            }
        }
    }
}
