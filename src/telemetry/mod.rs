//! Structured logs with `tracing` (human text by default, JSON for log collectors;
//! `RUST_LOG` filters, default `info`) and the metrics registry. Message text never goes
//! to the log, and phone numbers go through [`mask_phone`].

mod metrics;

pub use metrics::Metrics;

use tracing_subscriber::{fmt, EnvFilter};

/// What `serve` logs when `RUST_LOG` is unset: its own events, not its libraries'
/// chatter (migrations applied, index segments merged).
pub const SERVE_FILTER: &str = "info,refinery=warn,refinery_core=warn,tantivy=warn";
/// What the other commands log when `RUST_LOG` is unset: only what went wrong, so a
/// command's own message is the first thing the operator reads.
pub const QUIET_FILTER: &str = "warn";

/// Installs the global subscriber once; later calls are ignored (tests call it often).
pub fn init(format: &str) {
    init_with(format, SERVE_FILTER)
}

/// [`init`] with another default filter (`RUST_LOG` still wins).
pub fn init_with(format: &str, default_filter: &str) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// `261341234233` → `26134•••233`: enough to tell customers apart, not to call them.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() <= 6 {
        return "•••".into();
    }
    let head: String = chars[..5].iter().collect();
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{head}•••{tail}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_masked_phone_keeps_only_its_ends() {
        assert_eq!(super::mask_phone("261341234233"), "26134•••233");
        assert_eq!(super::mask_phone("1234"), "•••");
    }
}
