//! The HTTP surface: health and metrics, static assets, the admin site and the API.
//! Each concern registers its routes through a `configure` function called here.

pub mod admin;
pub mod api;
pub mod assets;
pub mod error;
pub mod health;
pub mod metrics;

pub use error::{json_error_handler, ApiError};

use actix_web::web::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    health::configure(cfg);
    assets::configure(cfg);
    crate::catalog::configure(cfg); // before admin: its /admin/{page} placeholder
                                    // Before admin: its `/admin/{page}` placeholder would shadow these pages.
    crate::quotes::configure(cfg);
    crate::crm::configure(cfg);
    admin::configure(cfg);
    api::configure(cfg);
    crate::whatsapp::configure(cfg);
}
