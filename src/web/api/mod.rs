//! The REST API under `/api/v1`: JSON in and out, bearer tokens from
//! `POST /api/v1/login`, every handler scoped to the token's shop.

mod auth;
pub mod conversations;
pub mod openapi;

pub use auth::ApiAuth;

use actix_web::web;

/// Registers `/api/v1` routes. Each concern adds its own under the same scope through
/// its `configure_api` function, called here.
pub fn configure(cfg: &mut web::ServiceConfig) {
    auth::configure(cfg);
    openapi::configure_routes(cfg);
}
