//! Where a webhook may send: `http`/`https` only, and never to loopback, link-local,
//! private or other non-public addresses unless an administrator allowed them
//! (`PUT /settings/webhooks`). The check runs on the URL as written, on every address its
//! host resolves to (the client's own resolver, so the address connected to is the one
//! checked: a name that resolves to a public address when saved and a private one later
//! is still refused), and on every redirect's target.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crm_domain::webhooks::WebhookSettings;
use crm_domain::DomainResult;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::Url;

use crate::{Ctx, Db};

const KEY: &str = "webhooks";

/// How long one delivery may take in all.
pub const TIMEOUT: Duration = Duration::from_secs(10);
const MAX_REDIRECTS: usize = 3;

/// An address anyone on the internet could reach: not loopback, private, link-local,
/// shared (CGNAT), documentation, benchmarking, multicast, reserved or unspecified, and
/// the same for an IPv4 address inside an IPv6 one.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let s = v6.segments();
            let first = s.first().copied().unwrap_or(0);
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (first & 0xffc0) == 0xfec0 // site-local, deprecated
                || (first == 0x2001 && s.get(1).copied().unwrap_or(0) == 0x0db8) // documentation
                || (first == 0x0064 && s.get(1).copied().unwrap_or(0) == 0xff9b) // NAT64 to anything
                || (first == 0 && s.get(1..6).is_some_and(|r| r.iter().all(|x| *x == 0)))) // ::/80, IPv4-compatible
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || a >= 240) // reserved
}

pub async fn settings(db: &impl sea_orm::ConnectionTrait) -> DomainResult<(WebhookSettings, i32)> {
    Ok(crate::settings::get::<WebhookSettings>(db, KEY).await?.unwrap_or_default())
}

pub async fn put_settings(db: &Db, ctx: &Ctx, input: WebhookSettings, if_match: Option<i32>) -> DomainResult<(WebhookSettings, i32)> {
    crate::settings::save(db, ctx, KEY, if_match, |s: &WebhookSettings| serde_json::json!(s), |_| Ok(input)).await
}

/// Why `url` may not be called, or none. Resolves the host: a name that does not resolve
/// (yet) is not refused here; delivery checks again.
pub async fn refusal(url: &str, allow_private: bool) -> Option<String> {
    let parsed = match Url::parse(url) {
        Ok(u) => u,
        Err(e) => return Some(format!("not a URL: {e}")),
    };
    if let Some(why) = literal_refusal(&parsed, allow_private) {
        return Some(why);
    }
    if allow_private {
        return None;
    }
    let host = parsed.host_str()?.to_string();
    let port = parsed.port_or_known_default().unwrap_or(443);
    let found = tokio::time::timeout(Duration::from_secs(3), tokio::net::lookup_host((host.as_str(), port))).await;
    match found {
        Ok(Ok(addrs)) => addrs.map(|a| a.ip()).find(|ip| !is_public(*ip)).map(|ip| format!("{host} resolves to {ip}, which is not a public address")),
        _ => None,
    }
}

/// Why `url` may not be called, from the URL alone (a name's addresses are checked by
/// the client's resolver when it connects).
pub fn refusal_as_written(url: &str, allow_private: bool) -> Option<String> {
    match Url::parse(url) {
        Ok(u) => literal_refusal(&u, allow_private),
        Err(e) => Some(format!("not a URL: {e}")),
    }
}

/// The checks that need no lookup: the scheme, and a host written as an address.
fn literal_refusal(url: &Url, allow_private: bool) -> Option<String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Some(format!("{}: only http and https are called", url.scheme()));
    }
    let ip = match url.host()? {
        url::Host::Ipv4(ip) => IpAddr::V4(ip),
        url::Host::Ipv6(ip) => IpAddr::V6(ip),
        url::Host::Domain(d) if !allow_private && (d.eq_ignore_ascii_case("localhost") || d.to_ascii_lowercase().ends_with(".localhost")) => {
            return Some(format!("{d} is this machine"));
        }
        url::Host::Domain(_) => return None,
    };
    (!allow_private && !is_public(ip)).then(|| format!("{ip} is not a public address"))
}

/// Resolves through the system and refuses names with any non-public address.
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let host = name.as_str().to_string();
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some(bad) = addrs.iter().find(|a| !is_public(a.ip())) {
                return Err(format!("{host} resolves to {}, which is not a public address", bad.ip()).into());
            }
            let it: Addrs = Box::new(addrs.into_iter());
            Ok(it)
        })
    }
}

/// The HTTP client deliveries use: with the guard, or (private targets allowed) without.
/// Redirects are followed up to three times, each target checked like the first.
pub fn client(allow_private: bool) -> reqwest::Client {
    static GUARDED: OnceLock<reqwest::Client> = OnceLock::new();
    static OPEN: OnceLock<reqwest::Client> = OnceLock::new();
    let cell = if allow_private { &OPEN } else { &GUARDED };
    cell.get_or_init(|| {
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > MAX_REDIRECTS {
                return attempt.error("too many redirects");
            }
            match literal_refusal(attempt.url(), allow_private) {
                Some(why) => attempt.error(why),
                None => attempt.follow(),
            }
        });
        let mut b = reqwest::Client::builder().timeout(TIMEOUT).connect_timeout(Duration::from_secs(5)).redirect(policy).no_proxy().user_agent("CRM-Webhooks/1");
        if !allow_private {
            b = b.dns_resolver(Arc::new(PublicOnly));
        }
        b.build().unwrap_or_default()
    })
    .clone()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn only_public_addresses_pass() {
        for bad in ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe", "224.0.0.1", "255.255.255.255"] {
            assert!(!is_public(bad.parse().unwrap()), "{bad}");
        }
        for good in ["8.8.8.8", "203.119.1.1", "2001:4860:4860::8888"] {
            assert!(is_public(good.parse().unwrap()), "{good}");
        }
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(literal_refusal(&u("http://127.0.0.1:9000/x"), false).is_some());
        assert!(literal_refusal(&u("http://127.0.0.1:9000/x"), true).is_none());
        assert!(literal_refusal(&u("http://[::1]/"), false).is_some());
        assert!(literal_refusal(&u("http://localhost/"), false).is_some());
        assert!(literal_refusal(&u("http://2130706433/"), false).is_some(), "a decimal IPv4 is still 127.0.0.1");
        assert!(literal_refusal(&u("https://example.com/"), false).is_none());
    }
}
