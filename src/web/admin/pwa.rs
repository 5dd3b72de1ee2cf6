//! What makes the admin an app on the owner's phone: `/` leads to it, the inbox
//! counts that `assets/admin.js` polls (menu badge, tab title, notifications), the
//! service worker (served under `/admin/` so its scope is the admin) and the page it
//! shows when the phone has no connection. The manifest and icons are static assets.

use super::AdminSession;
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(root))
        .route("/admin/inbox.json", web::get().to(inbox))
        .route("/admin/sw.js", web::get().to(service_worker))
        .route("/admin/hors-ligne", web::get().to(offline));
}

async fn root() -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", "/admin"))
        .finish()
}

/// The counts of the session's shop, read with the session itself.
async fn inbox(session: AdminSession) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(session.inbox)
}

fn asset(path: &str, content_type: &str) -> HttpResponse {
    match crate::embedded::get(path) {
        Some(body) => HttpResponse::Ok()
            .content_type(content_type)
            // A new binary brings a new worker: browsers must ask each time.
            .insert_header(("Cache-Control", "no-cache"))
            .body(body),
        None => HttpResponse::NotFound().finish(),
    }
}

async fn service_worker() -> HttpResponse {
    let mut res = asset("sw.js", "text/javascript; charset=utf-8");
    // The dashboard is `/admin` itself, one level above the worker's own folder.
    res.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("service-worker-allowed"),
        actix_web::http::header::HeaderValue::from_static("/admin"),
    );
    res
}

async fn offline() -> HttpResponse {
    asset("offline.html", "text/html; charset=utf-8")
}
