//! The admin shell: the dashboard and the pages later capabilities fill. Every page
//! here takes an [`AdminSession`], so it redirects to the login without one.

use super::session::{AdminError, AdminSession};
use super::NAV;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/{page}", web::get().to(placeholder));
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub message: String,
}

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
        }
    }
}

#[derive(Template)]
#[template(path = "placeholder.html")]
struct PlaceholderPage {
    layout: Layout,
}

pub fn html(body: Result<String, askama::Error>) -> Result<HttpResponse, AdminError> {
    let body = body.map_err(|e| AdminError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body))
}

async fn placeholder(req: HttpRequest, session: AdminSession) -> Result<HttpResponse, AdminError> {
    let path = req.path().trim_end_matches('/').to_string();
    let Some(item) = NAV.iter().find(|n| n.href == path) else {
        return Err(AdminError::NotFound);
    };
    let page = PlaceholderPage {
        layout: Layout::new(&session, item.label, item.href),
    };
    html(page.render())
}
