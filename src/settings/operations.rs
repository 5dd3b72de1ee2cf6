//! Settings of running a shop's server safely: who may read `/metrics`, which
//! reverse proxies are believed, login and API limits, scheduled backups and the
//! retention of customer messages. Validated here, called from `Settings::validate`.

use super::{invalid, Settings, SettingsError};

pub(super) fn validate(s: &mut Settings) -> Result<(), SettingsError> {
    for (key, n) in [
        ("server.login_attempts", s.server.login_attempts),
        (
            "server.login_attempts_per_ip",
            s.server.login_attempts_per_ip,
        ),
        (
            "server.api_requests_per_minute",
            s.server.api_requests_per_minute,
        ),
    ] {
        if n == 0 || n > 1_000_000 {
            return Err(invalid(key, "must be between 1 and 1000000"));
        }
    }
    if !(1..=8760).contains(&s.storage.backup_every_hours) {
        return Err(invalid(
            "storage.backup_every_hours",
            "must be between 1 and 8760 (a year)",
        ));
    }
    if !(1..=1000).contains(&s.storage.backup_keep) {
        return Err(invalid("storage.backup_keep", "must be between 1 and 1000"));
    }
    if s.storage.retention_months > 1200 {
        return Err(invalid(
            "storage.retention_months",
            "must be between 0 (keep forever) and 1200",
        ));
    }
    s.server.trusted_proxy_nets = parse_proxies(&s.server.trusted_proxies)?;
    Ok(())
}

/// `127.0.0.1, 10.0.0.0/8, ::1` → networks (a bare address is a /32 or /128).
fn parse_proxies(list: &str) -> Result<Vec<ipnet::IpNet>, SettingsError> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    invalid(
                        "server.trusted_proxies",
                        format!("`{s}` is not an IP address or CIDR range"),
                    )
                })
        })
        .collect()
}
