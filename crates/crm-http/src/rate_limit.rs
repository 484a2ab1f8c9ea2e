//! Request rate limits (API.md "Limits and headers"), kept in memory per server with
//! governor's GCRA: one budget per client IP for every API request, then one per API
//! token or per signed-in user. A request over a budget is answered 429 with
//! `Retry-After`; every API answer says where the caller stands with `RateLimit-Limit`,
//! `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the budget is full again).

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use uuid::Uuid;

/// Requests per second each budget refills by; bursts of twice that pass. 0 turns a
/// budget off.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    pub per_ip: u32,
    pub per_user: u32,
    pub per_token: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self { per_ip: 100, per_user: 30, per_token: 50 }
    }
}

impl RateLimits {
    pub fn off() -> Self {
        Self { per_ip: 0, per_user: 0, per_token: 0 }
    }
}

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock, StateInformationMiddleware>;

/// One budget per key.
struct Budget<K: std::hash::Hash + Eq + Clone> {
    limiter: Keyed<K>,
    burst: u32,
    /// Time to earn one request back.
    per_request: Duration,
    checks: AtomicU64,
}

/// Where a caller stands after a request was let through, or how long it must wait.
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    pub limit: u32,
    pub remaining: u32,
    pub reset_secs: u64,
}

#[derive(Debug, Clone, Copy)]
pub struct Refused {
    pub standing: Standing,
    pub retry_after_secs: u64,
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

impl<K: std::hash::Hash + Eq + Clone> Budget<K> {
    fn new(per_second: u32) -> Option<Self> {
        let rate = NonZeroU32::new(per_second)?;
        let burst = rate.saturating_mul(NonZeroU32::new(2)?);
        Some(Self {
            limiter: RateLimiter::keyed(Quota::per_second(rate).allow_burst(burst)).with_middleware::<StateInformationMiddleware>(),
            burst: burst.get(),
            per_request: Duration::from_secs(1) / per_second,
            checks: AtomicU64::new(0),
        })
    }

    fn check(&self, key: &K) -> Result<Standing, Refused> {
        // Keys whose budget is full again are forgotten now and then, so memory follows
        // the callers of the last seconds, not every caller ever.
        if self.checks.fetch_add(1, Ordering::Relaxed) % 50_000 == 49_999 {
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        match self.limiter.check_key(key) {
            Ok(s) => {
                let remaining = s.remaining_burst_capacity();
                Ok(Standing { limit: self.burst, remaining, reset_secs: ceil_secs(self.per_request * (self.burst - remaining)) })
            }
            Err(not_until) => {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                let standing = Standing { limit: self.burst, remaining: 0, reset_secs: ceil_secs(self.per_request * self.burst) };
                Err(Refused { standing, retry_after_secs: ceil_secs(wait).max(1) })
            }
        }
    }
}

/// Who a budget belongs to once the caller is known.
pub enum Caller {
    Token(Uuid),
    User(Uuid),
}

pub struct Limiter {
    ip: Option<Budget<IpAddr>>,
    user: Option<Budget<Uuid>>,
    token: Option<Budget<Uuid>>,
}

impl Limiter {
    pub fn new(limits: RateLimits) -> Self {
        Self { ip: Budget::new(limits.per_ip), user: Budget::new(limits.per_user), token: Budget::new(limits.per_token) }
    }

    pub fn check_ip(&self, ip: Option<IpAddr>) -> Result<Option<Standing>, Refused> {
        match (&self.ip, ip) {
            (Some(b), Some(ip)) => b.check(&ip).map(Some),
            _ => Ok(None),
        }
    }

    pub fn check_caller(&self, caller: Caller) -> Result<Option<Standing>, Refused> {
        match caller {
            Caller::Token(id) => self.token.as_ref().map(|b| b.check(&id)).transpose(),
            Caller::User(id) => self.user.as_ref().map(|b| b.check(&id)).transpose(),
        }
    }
}

pub const LIMIT: HeaderName = HeaderName::from_static("ratelimit-limit");
pub const REMAINING: HeaderName = HeaderName::from_static("ratelimit-remaining");
pub const RESET: HeaderName = HeaderName::from_static("ratelimit-reset");

/// The `RateLimit-*` headers of a standing.
pub fn write_headers(headers: &mut HeaderMap, s: Standing) {
    headers.insert(LIMIT, HeaderValue::from(s.limit));
    headers.insert(REMAINING, HeaderValue::from(s.remaining));
    headers.insert(RESET, HeaderValue::from(s.reset_secs));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_caller_waits() {
        let l = Limiter::new(RateLimits { per_ip: 5, per_user: 0, per_token: 0 });
        let ip = Some("10.0.0.1".parse().unwrap());
        let first = l.check_ip(ip).unwrap().unwrap();
        assert_eq!((first.limit, first.remaining), (10, 9));
        for _ in 0..9 {
            l.check_ip(ip).unwrap();
        }
        let refused = l.check_ip(ip).unwrap_err();
        assert_eq!(refused.retry_after_secs, 1);
        assert_eq!(refused.standing.remaining, 0);
        assert!(l.check_ip(Some("10.0.0.2".parse().unwrap())).is_ok(), "another address has its own budget");
        assert!(l.check_caller(Caller::User(Uuid::nil())).unwrap().is_none(), "a budget set to 0 is off");
    }
}
