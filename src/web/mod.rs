//! The HTTP surface, and the only folder that knows actix: health and metrics, static
//! assets, the WhatsApp webhooks, the customer's public devis link, the admin site
//! under `/admin` and the REST API under `/api/v1`.
//!
//! Handlers read like recipes: extract, call a domain function or a `db` query, map
//! the outcome through [`error`]. No route pattern overlaps another (ids that share a
//! folder with fixed pages only match digits), so registration order does not matter.

pub mod admin;
pub mod api;
pub mod assets;
pub mod client_ip;
pub mod error;
pub mod headers;
pub mod health;
pub mod limits;
pub mod media;
pub mod metrics;
pub mod multipart;
pub mod paging;
pub mod payments;
pub mod public;
pub mod setup;
pub mod state;
pub mod webhooks;

pub use error::{json_error_handler, AdminError, ApiError};
pub use state::AppState;

use actix_web::web::{self as aw, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};

pub fn configure(cfg: &mut ServiceConfig) {
    health::configure(cfg);
    assets::configure(cfg);
    webhooks::configure(cfg);
    public::configure(cfg);
    api::configure(cfg);
    payments::configure(cfg);
    admin::configure(cfg);
    setup::configure(cfg);
    cfg.default_service(aw::to(not_found));
}

/// No route matched: the admin's own 404 under `/admin`, an empty 404 elsewhere.
async fn not_found(req: HttpRequest) -> Result<HttpResponse, AdminError> {
    let path = req.path();
    if path == "/admin" || path.starts_with("/admin/") {
        return admin::not_found(req).await;
    }
    Ok(HttpResponse::NotFound().finish())
}
