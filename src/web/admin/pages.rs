//! The admin shell: the [`Layout`] every page passes to `base.html` (title,
//! navigation, shop switcher, CSRF token) and [`html`], which sends a rendered page.

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
}

impl Layout {
    /// Whether `shop` is the session's current shop (for the shop switcher).
    pub fn is_current(&self, shop: &i64) -> bool {
        *shop == self.shop_id
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
        }
    }
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
