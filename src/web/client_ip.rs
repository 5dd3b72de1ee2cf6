//! The client's address as the rate limits and `/metrics` see it: the TCP peer, or,
//! when the peer is one of `server.trusted_proxies`, the address that proxy put in
//! `X-Forwarded-For` (the right-most hop that is not itself a trusted proxy). A
//! header from anyone else is ignored: it is only a claim.

use actix_web::HttpRequest;
use std::net::IpAddr;

/// The address of the client behind `req`, or `None` when the peer is unknown.
pub fn client_ip(req: &HttpRequest, trusted: &[ipnet::IpNet]) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    Some(from_chain(peer, forwarded_for(req).as_deref(), trusted))
}

/// True when the request comes straight from this machine: a loopback peer and no
/// forwarding header (a reverse proxy on the same box relays strangers).
pub fn is_local(req: &HttpRequest) -> bool {
    let loopback = req.peer_addr().is_some_and(|a| a.ip().is_loopback());
    let relayed = req.headers().contains_key("x-forwarded-for")
        || req.headers().contains_key("forwarded")
        || req.headers().contains_key("x-real-ip");
    loopback && !relayed
}

fn forwarded_for(req: &HttpRequest) -> Option<String> {
    let all: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect();
    (!all.is_empty()).then(|| all.join(","))
}

fn from_chain(peer: IpAddr, header: Option<&str>, trusted: &[ipnet::IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let Some(header) = header else {
        return peer;
    };
    // Walk from the nearest hop outwards; the first one we do not trust is the client.
    let mut client = peer;
    for hop in header.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) if is_trusted(&ip) => client = ip,
            Ok(ip) => return ip,
            Err(_) => return client,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<ipnet::IpNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let proxy = nets(&["127.0.0.1/32", "10.0.0.0/8"]);
        // A stranger's claim is ignored.
        assert_eq!(
            from_chain(ip("203.0.113.9"), Some("1.2.3.4"), &proxy),
            ip("203.0.113.9")
        );
        // Through the proxy: the hop it saw, not what the client wrote before it.
        assert_eq!(
            from_chain(ip("127.0.0.1"), Some("6.6.6.6, 198.51.100.7"), &proxy),
            ip("198.51.100.7")
        );
        // Two trusted hops, then the client.
        assert_eq!(
            from_chain(ip("127.0.0.1"), Some("198.51.100.7, 10.1.2.3"), &proxy),
            ip("198.51.100.7")
        );
        assert_eq!(
            from_chain(ip("127.0.0.1"), Some("garbage"), &proxy),
            ip("127.0.0.1")
        );
        assert_eq!(
            from_chain(ip("127.0.0.1"), Some("1.2.3.4"), &[]),
            ip("127.0.0.1")
        );
    }
}
