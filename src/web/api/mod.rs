//! The REST API under `/api/v1`: JSON in and out, bearer tokens from
//! `POST /api/v1/login`, every handler scoped to the token's shop. Each handler
//! carries its `#[utoipa::path]`; [`openapi`] gathers them into the document.

mod auth;
pub mod conversations;
pub mod devis;
pub mod openapi;
pub mod orders;
pub mod products;
pub mod prospects;
pub mod usage;
pub mod wa;

pub use auth::ApiAuth;

use actix_web::web;

/// Registers every `/api/v1` route; [`openapi::ApiDoc`] lists the same handlers, and
/// `tests/api/api_routes_documented.rs` checks that the two agree.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/login", web::post().to(auth::login))
        .route("/api/v1/logout", web::post().to(auth::logout))
        .route("/api/v1/products", web::get().to(products::list))
        .route("/api/v1/products/upload", web::post().to(products::upload))
        .route("/api/v1/devis", web::post().to(devis::create))
        .route("/api/v1/devis", web::get().to(devis::list))
        .route("/api/v1/devis/{id}", web::get().to(devis::show))
        .route("/api/v1/devis/{id}/pdf", web::get().to(devis::pdf))
        .route("/api/v1/prospects", web::get().to(prospects::list))
        .route("/api/v1/conversations", web::get().to(conversations::list))
        .route(
            "/api/v1/conversations/{id}/messages",
            web::get().to(conversations::messages),
        )
        .route("/api/v1/wa/send", web::post().to(wa::send))
        .route("/api/v1/usage", web::get().to(usage::show))
        .route("/api/v1/openapi.json", web::get().to(openapi::openapi_json))
        .route("/api/v1/orders", web::get().to(orders::list))
        .route("/api/v1/orders/{id}", web::get().to(orders::show))
        .route("/api/v1/orders/{id}", web::patch().to(orders::patch));
}
