//! Who is the client, for rate limits: the peer of the TCP connection, or,
//! when that peer is a proxy the operator runs, the right-most address in
//! `X-Forwarded-For` that is not one of those proxies. Entries to the left of
//! it were written by the client itself and prove nothing.

use std::net::IpAddr;

/// One trusted proxy: an address, or a network in CIDR notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    base: IpAddr,
    prefix: u8,
}

impl Network {
    /// `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let base: IpAddr = addr.parse().map_err(|_| format!("{text:?} is not an IP address or a CIDR network"))?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => match p.parse::<u8>() {
                Ok(n) if n <= max => n,
                _ => return Err(format!("{text:?} has a prefix length that is not 0 to {max}")),
            },
        };
        Ok(Self { base, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.base, canonical(ip)) {
            (IpAddr::V4(b), IpAddr::V4(a)) => mask_eq(u128::from(u32::from(b)), u128::from(u32::from(a)), self.prefix, 32),
            (IpAddr::V6(b), IpAddr::V6(a)) => mask_eq(u128::from(b), u128::from(a), self.prefix, 128),
            _ => false,
        }
    }
}

fn mask_eq(a: u128, b: u128, prefix: u8, bits: u8) -> bool {
    let shift = u32::from(bits - prefix);
    if shift >= 128 {
        return true;
    }
    (a >> shift) == (b >> shift)
}

/// An IPv4 peer seen on a dual-stack socket (`::ffff:1.2.3.4`) is that IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// The client of a request. `forwarded_for` is every `X-Forwarded-For`
/// header, in order.
pub fn client(peer: IpAddr, forwarded_for: &[&str], trusted: &[Network]) -> IpAddr {
    let peer = canonical(peer);
    if !trusted.iter().any(|n| n.contains(peer)) {
        return peer;
    }
    let hops = forwarded_for.iter().flat_map(|h| h.split(',')).map(str::trim).collect::<Vec<_>>();
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        // A garbled entry ends the trust chain: the last good address stands.
        let Ok(ip) = hop.parse::<IpAddr>().map(canonical) else { break };
        client = ip;
        if !trusted.iter().any(|n| n.contains(ip)) {
            break;
        }
    }
    client
}

/// The key rate limits count a client under: the address itself for IPv4,
/// the /64 network for IPv6 (one household or phone gets a whole /64, so
/// counting single IPv6 addresses would be no limit at all).
pub fn limit_key(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn networks_parse_and_match() {
        let n = Network::parse("10.0.0.0/8").unwrap();
        assert!(n.contains(ip("10.1.2.3")));
        assert!(!n.contains(ip("11.0.0.1")));
        assert!(Network::parse("127.0.0.1").unwrap().contains(ip("::ffff:127.0.0.1")));
        assert!(Network::parse("fd00::/8").unwrap().contains(ip("fd12::1")));
        assert!(Network::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        assert!(Network::parse("10.0.0.0/33").is_err());
        assert!(Network::parse("proxy.local").is_err());
    }

    #[test]
    fn without_a_trusted_proxy_the_header_is_ignored() {
        assert_eq!(client(ip("203.0.113.9"), &["1.2.3.4"], &[]), ip("203.0.113.9"));
        let proxies = [Network::parse("10.0.0.0/8").unwrap()];
        assert_eq!(client(ip("203.0.113.9"), &["1.2.3.4"], &proxies), ip("203.0.113.9"), "the peer is not a proxy");
    }

    #[test]
    fn the_right_most_untrusted_entry_is_the_client() {
        let proxies = [Network::parse("10.0.0.0/8").unwrap()];
        // The client wrote "1.2.3.4" itself; the proxy appended the real peer.
        assert_eq!(client(ip("10.0.0.5"), &["1.2.3.4, 198.51.100.7"], &proxies), ip("198.51.100.7"));
        // Two proxies of ours in a row.
        assert_eq!(client(ip("10.0.0.5"), &["1.2.3.4, 198.51.100.7, 10.0.0.9"], &proxies), ip("198.51.100.7"));
        // Several headers count as one list.
        assert_eq!(client(ip("10.0.0.5"), &["1.2.3.4", "198.51.100.7"], &proxies), ip("198.51.100.7"));
        // Garbage stops the walk at the last good hop.
        assert_eq!(client(ip("10.0.0.5"), &["1.2.3.4, nonsense, 10.0.0.9"], &proxies), ip("10.0.0.9"));
        // Nothing forwarded: the proxy itself.
        assert_eq!(client(ip("10.0.0.5"), &[], &proxies), ip("10.0.0.5"));
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        assert_eq!(limit_key(ip("2001:db8:1:2:aaaa::1")), limit_key(ip("2001:db8:1:2:bbbb::2")));
        assert_ne!(limit_key(ip("2001:db8:1:2::1")), limit_key(ip("2001:db8:1:3::1")));
        assert_eq!(limit_key(ip("::ffff:192.0.2.1")), "192.0.2.1");
    }
}
