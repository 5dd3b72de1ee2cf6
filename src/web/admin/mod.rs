//! The admin site under `/admin`: login, sessions, CSRF, the page shell, and one
//! module per page: dashboard, conversations, contacts, catalogue (products, FAQ),
//! devis, prospects, quick replies, simulator, settings, the team, WhatsApp
//! (templates, coexistence, catalogue) and the agencies' shops; the installable
//! web app ([`pwa`]) and the inbox counts its script polls.

mod agency;
mod branding;
mod catalogue;
mod contact_data;
mod contacts;
pub mod conversations;
pub mod dashboard;
mod devis;
mod diagnostic;
mod exports;
mod faq;
pub mod fmt;
pub mod hours;
mod login;
mod numbers;
mod orders;
pub mod pages;
mod passwords;
mod products;
mod prospects;
mod pwa;
mod quick_replies;
pub mod session;
mod settings;
pub mod simulator;
mod subscription;
mod team;
mod whatsapp;

pub use crate::web::AdminError;
pub use login::secure as secure_cookies;
pub use login::CsrfForm;
pub use session::AdminSession;

use actix_web::{web, FromRequest, HttpRequest, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    login::configure(cfg);
    dashboard::configure(cfg);
    conversations::configure(cfg);
    catalogue::configure(cfg);
    products::configure(cfg);
    faq::configure(cfg);
    devis::configure(cfg);
    prospects::configure(cfg);
    simulator::configure(cfg);
    settings::configure(cfg);
    branding::configure(cfg);
    subscription::configure(cfg);
    agency::configure(cfg);
    team::configure(cfg);
    passwords::configure(cfg);
    whatsapp::configure(cfg);
    numbers::configure(cfg);
    contacts::configure(cfg);
    contact_data::configure(cfg);
    exports::configure(cfg);
    hours::configure(cfg);
    pwa::configure(cfg);
    quick_replies::configure(cfg);
    diagnostic::configure(cfg);
    orders::configure(cfg);
}

/// An admin address that no page serves: the login first, then a French 404 page.
pub async fn not_found(req: HttpRequest) -> Result<HttpResponse, AdminError> {
    AdminSession::extract(&req).await?;
    Err(AdminError::NotFound)
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
        href: "/admin/contacts",
        label: "Contacts",
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
        href: "/admin/commandes",
        label: "Commandes",
    },
    NavItem {
        href: "/admin/prospects",
        label: "Prospects",
    },
    NavItem {
        href: "/admin/reponses-rapides",
        label: "Réponses rapides",
    },
    NavItem {
        href: "/admin/simulateur",
        label: "Simulateur",
    },
    NavItem {
        href: "/admin/parametres",
        label: "Paramètres",
    },
    NavItem {
        href: "/admin/whatsapp",
        label: "WhatsApp",
    },
];
