//! The admin site under `/admin`: login, sessions, CSRF, and the page shell that the
//! catalogue, conversations, devis and settings pages fill.

mod agency;
pub mod conversations;
pub mod dashboard;
mod limiter;
mod login;
pub mod pages;
pub mod session;
mod settings;
pub mod simulator;

pub use limiter::RateLimiter;
pub use login::CsrfForm;
pub use session::{AdminError, AdminSession};

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    login::configure(cfg);
    dashboard::configure(cfg);
    conversations::configure(cfg);
    settings::configure(cfg);
    agency::configure(cfg);
    simulator::configure(cfg);
    // Last: its `/admin/{page}` placeholder must not shadow the pages above.
    pages::configure(cfg);
}

/// One navigation entry of the admin layout.
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
}

/// The admin navigation, in the order shown.
pub const NAV: &[NavItem] = &[
    NavItem {
        href: "/admin",
        label: "Tableau de bord",
    },
    NavItem {
        href: "/admin/conversations",
        label: "Conversations",
    },
    NavItem {
        href: "/admin/catalogue",
        label: "Catalogue",
    },
    NavItem {
        href: "/admin/faq",
        label: "FAQ",
    },
    NavItem {
        href: "/admin/devis",
        label: "Devis",
    },
    NavItem {
        href: "/admin/prospects",
        label: "Prospects",
    },
    NavItem {
        href: "/admin/simulateur",
        label: "Simulateur",
    },
    NavItem {
        href: "/admin/parametres",
        label: "Paramètres",
    },
];
