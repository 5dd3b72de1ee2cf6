//! The admin site under `/admin`: login, sessions, CSRF, and the page shell that the
//! catalogue, conversations, devis and settings pages fill.

mod limiter;
mod login;
pub mod pages;
pub mod session;

pub use limiter::RateLimiter;
pub use session::{AdminError, AdminSession};

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    login::configure(cfg);
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
