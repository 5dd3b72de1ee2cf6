//! Prometheus over HTTP: the middleware that records every request under its route
//! pattern, and `GET /metrics` (text format) from [`crate::telemetry::Metrics`].

use super::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};
use std::time::Instant;

/// Middleware recording every request under its route pattern (not its raw path, so
/// ids and tokens never become labels).
pub async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let start = Instant::now();
    let method = req.method().to_string();
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());
    let res = next.call(req).await?;
    if let Some(metrics) = metrics {
        let route = res
            .request()
            .match_pattern()
            .map(|p| without_constraints(&p))
            .unwrap_or_else(|| "unmatched".into());
        metrics.observe_request(
            &method,
            &route,
            res.status().as_u16(),
            start.elapsed().as_secs_f64(),
        );
    }
    Ok(res)
}

/// `/admin/devis/{id:\d+}` → `/admin/devis/{id}`: the label names the route, and a
/// backslash would need escaping in Prometheus' text format.
fn without_constraints(pattern: &str) -> String {
    pattern.replace(r":\d+}", "}")
}

pub async fn render(state: web::Data<AppState>) -> HttpResponse {
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
}
