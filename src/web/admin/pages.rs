//! The admin shell: the [`Layout`] every page passes to `base.html` (title,
//! navigation with the unread badge, shop switcher, CSRF token, the "WhatsApp
//! injoignable" banner) and [`html`], which sends a rendered page.

use super::fmt::local_time;
use super::session::AdminSession;
use super::NAV;
use crate::web::AdminError;
use actix_web::HttpResponse;

/// What every page passes to `base.html`.
pub struct Layout {
    pub title: String,
    pub current: String,
    pub shop_name: String,
    pub email: String,
    pub csrf: String,
    pub nav: &'static [super::NavItem],
    /// The shops the account may switch to (more than one only for agencies).
    pub shops: Vec<(i64, String)>,
    pub shop_id: i64,
    pub is_agency: bool,
    /// Owners and agencies (the header links to the team page).
    pub can_manage: bool,
    /// Conversations with unread customer messages (menu badge, tab title).
    pub unread: i64,
    /// Conversations where a person must act.
    pub needs_human: i64,
    /// Why the shop's messages do not leave, when they do not.
    pub banner: Option<String>,
}

impl Layout {
    /// Whether `shop` is the session's current shop (for the shop switcher).
    pub fn is_current(&self, shop: &i64) -> bool {
        *shop == self.shop_id
    }

    /// The badge of a menu entry (the inbox's unread count), if any.
    pub fn badge(&self, href: &str) -> Option<i64> {
        (href == "/admin/conversations" && self.unread > 0).then_some(self.unread)
    }

    pub fn new(session: &AdminSession, title: &str, current: &str) -> Self {
        Self {
            title: title.to_string(),
            current: current.to_string(),
            shop_name: session.shop_name.clone(),
            email: session.account.email.clone(),
            csrf: session.csrf.clone(),
            nav: NAV,
            shops: session
                .shops
                .iter()
                .map(|(id, n)| (id.0, n.clone()))
                .collect(),
            shop_id: session.shop.0,
            is_agency: session.account.role == crate::db::accounts::Role::Agency,
            can_manage: session.account.role.can_manage(),
            unread: session.inbox.unread_conversations,
            needs_human: session.inbox.needs_human,
            banner: banner(&session.outbox, session.tz),
        }
    }
}

/// "WhatsApp injoignable depuis 25/11 14:02 : 12 messages en attente (dernière
/// erreur : …)" when the provider keeps failing.
fn banner(h: &crate::db::outbox_health::Health, tz: chrono_tz::Tz) -> Option<String> {
    let since = h.failing_since.as_deref()?;
    let when = local_time(since, tz);
    let waiting = match h.backlog {
        1 => "1 message attend d'être envoyé".to_string(),
        n => format!("{n} messages attendent d'être envoyés"),
    };
    let error = h
        .last_error
        .as_deref()
        .map(|e| format!(" Dernière erreur : {}.", e.trim_end_matches('.')))
        .unwrap_or_default();
    Some(format!(
        "WhatsApp ne répond pas depuis {when} : {waiting}. Ils partiront d'eux-mêmes dès que la connexion revient.{error}"
    ))
}

/// Runs blocking work (Tantivy, sealed files, CSV imports) off the async threads.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AdminError> + Send + 'static,
) -> Result<T, AdminError> {
    actix_web::web::block(f)
        .await
        .map_err(AdminError::internal)?
}

pub fn html(body: Result<String, askama::Error>) -> Result<HttpResponse, AdminError> {
    let body = body.map_err(|e| AdminError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body))
}
