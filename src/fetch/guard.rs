//! Which addresses a fetch may reach. Private, loopback, link-local (where cloud
//! metadata services live) and other special ranges are refused unless allowed,
//! so a source URL cannot be used to read the newsroom's own network.

use std::net::{IpAddr, Ipv4Addr};

/// Why an address may not be fetched from, or `None` when it is public.
pub(crate) fn forbidden(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return forbidden_v4(v4);
            }
            let seg = v6.segments();
            // IPv4-compatible `::a.b.c.d` (deprecated, still routed by some stacks).
            if seg[..6].iter().all(|s| *s == 0) && !v6.is_loopback() && !v6.is_unspecified() {
                let v4 = Ipv4Addr::new(
                    (seg[6] >> 8) as u8,
                    seg[6] as u8,
                    (seg[7] >> 8) as u8,
                    seg[7] as u8,
                );
                return forbidden_v4(v4).or(Some("IPv4-compatible"));
            }
            if v6.is_loopback() {
                Some("loopback")
            } else if v6.is_unspecified() {
                Some("unspecified")
            } else if seg[0] & 0xfe00 == 0xfc00 {
                Some("private (unique local)")
            } else if seg[0] & 0xffc0 == 0xfe80 {
                Some("link-local")
            } else if v6.is_multicast() {
                Some("multicast")
            } else if seg[0] == 0x0064 && seg[1] == 0xff9b {
                // NAT64 can reach private IPv4 space.
                Some("NAT64")
            } else if seg[0] == 0x2002 {
                // 6to4 embeds an IPv4 address, private ones included.
                Some("6to4")
            } else if seg[0] == 0x2001 && seg[1] == 0 {
                Some("Teredo")
            } else if seg[0] & 0xffc0 == 0xfec0 {
                Some("site-local")
            } else if seg[0] == 0x2001 && seg[1] == 0x0db8 {
                Some("documentation")
            } else {
                None
            }
        }
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let o = ip.octets();
    if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_private() {
        Some("private")
    } else if ip.is_link_local() {
        Some("link-local (cloud metadata services live here)")
    } else if ip.is_unspecified() || o[0] == 0 {
        Some("unspecified")
    } else if o[0] == 100 && (64..128).contains(&o[1]) {
        Some("shared (carrier-grade NAT)")
    } else if ip.is_broadcast() || ip.is_multicast() || o[0] >= 240 {
        Some("broadcast, multicast or reserved")
    } else if o[0] == 198 && (o[1] == 18 || o[1] == 19) {
        Some("benchmarking")
    } else if o[0] == 192 && o[1] == 0 && o[2] == 0 {
        Some("IETF protocol assignments")
    } else if matches!((o[0], o[1], o[2]), (192, 0, 2) | (198, 51, 100) | (203, 0, 113)) {
        // Documentation ranges are never public, and some hosts use them inside.
        Some("documentation")
    } else {
        None
    }
}

/// Whether a base URL's host is this machine or its private network
/// (`localhost`, `*.local`, or an address that is not public): a server there
/// is one's own, its tokens cost nothing, and a refused connection will not
/// start answering between two retries. A name that merely starts like an
/// address (`127.example.com`) is public.
pub(crate) fn nearby(url: &str) -> bool {
    let Ok(url) = reqwest::Url::parse(url) else {
        return false;
    };
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => forbidden(ip).is_some(),
        Err(_) => bare == "localhost" || bare.ends_with(".local"),
    }
}

/// Why an address is refused: its range, or that it is one of this host's own
/// (a server bound to a public interface address is still this machine).
pub(crate) fn refused(ip: IpAddr) -> Option<&'static str> {
    forbidden(ip).or_else(|| own_address(ip).then_some("this host's own"))
}

/// Whether `ip` belongs to one of this host's interfaces: the address the
/// kernel would send from, to reach it, is itself. A UDP `connect` only consults
/// the routing table; no packet leaves.
pub(crate) fn own_address(ip: IpAddr) -> bool {
    let unspecified: IpAddr = match ip {
        IpAddr::V4(_) => Ipv4Addr::UNSPECIFIED.into(),
        IpAddr::V6(_) => std::net::Ipv6Addr::UNSPECIFIED.into(),
    };
    let Ok(socket) = std::net::UdpSocket::bind((unspecified, 0)) else {
        return false;
    };
    socket.connect((ip, 9)).is_ok() && socket.local_addr().is_ok_and(|a| a.ip() == ip)
}

/// Hosts a user allowed explicitly (`host` or `host:port`), checked before the
/// address rules.
pub(crate) fn allowed(allow: &[String], host: &str, port: u16) -> bool {
    allow.iter().any(|a| a == host || *a == format!("{host}:{port}"))
}

#[cfg(test)]
mod tests;
