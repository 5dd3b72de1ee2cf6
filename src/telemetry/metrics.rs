//! The Prometheus registry, through the `metrics` facade and
//! `metrics-exporter-prometheus`: request counts and latency histograms per route, plus
//! named counters the workers bump (`whatsapp_messages_sent_total`, ...), rendered in
//! the text format. The HTTP middleware and the `GET /metrics` route live in
//! `web::metrics`; this registry knows nothing of HTTP.
//!
//! Each [`Metrics`] owns its recorder (no global one), so tests that run many servers
//! in one process each read their own figures. Label values are bounded by
//! construction: counter names and HTTP methods are `&'static str` chosen by the code,
//! routes are the server's own patterns, statuses are three digits. Nothing a client
//! sends becomes a series of its own.

use metrics::{Key, Label, Metadata, Recorder};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::Arc;

/// Latency buckets, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];
const REQUESTS: &str = "http_requests_total";
const LATENCY: &str = "http_request_duration_seconds";

/// Where `metrics` wants the caller's module for its metadata (unused by Prometheus).
static METADATA: Metadata<'static> =
    Metadata::new(module_path!(), metrics::Level::INFO, Some(module_path!()));

#[derive(Clone)]
pub struct Metrics {
    recorder: Arc<metrics_exporter_prometheus::PrometheusRecorder>,
    handle: PrometheusHandle,
}

impl Default for Metrics {
    fn default() -> Self {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(LATENCY.into()), &BUCKETS)
            .expect("the latency buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        recorder.describe_counter(
            REQUESTS.into(),
            None,
            "HTTP requests by method, route and status.".into(),
        );
        recorder.describe_histogram(LATENCY.into(), None, "Request latency by route.".into());
        Self {
            recorder: Arc::new(recorder),
            handle,
        }
    }
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Metrics {
    /// One request: `method` from a fixed list (the caller maps the rest to `other`),
    /// `route` a route pattern of the server (or `other`).
    pub fn observe_request(&self, method: &'static str, route: &str, status: u16, seconds: f64) {
        let labels = vec![
            Label::from_static_parts("method", method),
            Label::new("route", route.to_string()),
            Label::new("status", status.to_string()),
        ];
        self.recorder
            .register_counter(&Key::from_parts(REQUESTS, labels), &METADATA)
            .increment(1);
        let key = Key::from_parts(LATENCY, vec![Label::new("route", route.to_string())]);
        self.recorder
            .register_histogram(&key, &METADATA)
            .record(seconds);
    }

    /// Adds `n` to the counter `name` (a Prometheus metric name, `_total` suffix).
    pub fn incr(&self, name: &'static str, n: u64) {
        self.recorder
            .register_counter(&Key::from_static_name(name), &METADATA)
            .increment(n);
    }

    pub fn render(&self) -> String {
        self.handle.render()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counters_and_histograms_render_in_the_prometheus_text_format() {
        let m = super::Metrics::default();
        m.incr("webhooks_received_total", 2);
        m.observe_request("GET", "/healthz", 200, 0.002);
        let text = m.render();
        assert!(text.contains("webhooks_received_total 2"), "{text}");
        assert!(
            text.contains(
                "http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.0025\"} 1"
            ),
            "{text}"
        );
        assert!(text.contains("# TYPE http_request_duration_seconds histogram"));
        // Another registry is another set of figures.
        assert!(!super::Metrics::default()
            .render()
            .contains("webhooks_received_total"));
    }
}
