//! Prometheus over HTTP: the middleware that records every request under its route
//! pattern, and `GET /metrics` (text format) from [`crate::telemetry::Metrics`].
//!
//! Labels stay a small fixed set whatever clients send: a method outside the standard
//! ones is `other`, a path no route matches is `other`. `/metrics` answers a request
//! from this machine only, unless `server.metrics_token` (a bearer token, required
//! then from everyone) or `server.metrics_public` says otherwise.

use super::client_ip::is_local;
use super::AppState;
use crate::crypto::tokens::constant_eq;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, HttpResponse};
use std::time::Instant;

/// Middleware recording every request under its route pattern (not its raw path, so
/// ids and tokens never become labels).
pub async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let start = Instant::now();
    let method = method_label(req.method());
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());
    let res = next.call(req).await?;
    if let Some(metrics) = metrics {
        let route = res
            .request()
            .match_pattern()
            .map(|p| without_constraints(&p))
            .unwrap_or_else(|| "other".into());
        metrics.observe_request(
            method,
            &route,
            res.status().as_u16(),
            start.elapsed().as_secs_f64(),
        );
    }
    Ok(res)
}

/// The method as a label: one of the standard nine, or `other`.
fn method_label(m: &Method) -> &'static str {
    const KNOWN: [(Method, &str); 9] = [
        (Method::GET, "GET"),
        (Method::POST, "POST"),
        (Method::PUT, "PUT"),
        (Method::DELETE, "DELETE"),
        (Method::PATCH, "PATCH"),
        (Method::HEAD, "HEAD"),
        (Method::OPTIONS, "OPTIONS"),
        (Method::CONNECT, "CONNECT"),
        (Method::TRACE, "TRACE"),
    ];
    KNOWN
        .iter()
        .find(|(k, _)| k == m)
        .map(|(_, l)| *l)
        .unwrap_or("other")
}

/// `/admin/devis/{id:\d+}` → `/admin/devis/{id}`: the label names the route, and a
/// backslash would need escaping in Prometheus' text format.
fn without_constraints(pattern: &str) -> String {
    pattern.replace(r":\d+}", "}")
}

fn allowed(state: &AppState, req: &HttpRequest) -> bool {
    let server = &state.settings.server;
    if server.metrics_public {
        return true;
    }
    let token = server.metrics_token.expose();
    if token.is_empty() {
        return is_local(req);
    }
    req.headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|given| constant_eq(given.trim().as_bytes(), token.as_bytes()))
}

pub async fn render(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    if !allowed(&state, &req) {
        return HttpResponse::Forbidden()
            .content_type("text/plain; charset=utf-8")
            .body("metrics: local requests only, or set server.metrics_token\n");
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(state.metrics.render())
}

#[cfg(test)]
mod tests {
    #[test]
    fn route_labels_drop_the_digit_constraints_of_their_ids() {
        assert_eq!(
            super::without_constraints(r"/admin/devis/{id:\d+}/pdf"),
            "/admin/devis/{id}/pdf"
        );
        assert_eq!(super::without_constraints("/healthz"), "/healthz");
    }

    #[test]
    fn an_unknown_method_is_labelled_other() {
        use actix_web::http::Method;
        assert_eq!(super::method_label(&Method::GET), "GET");
        let odd = Method::from_bytes(b"XYZZYAAAAAAAAAAAAAA").unwrap();
        assert_eq!(super::method_label(&odd), "other");
    }
}
