//! Sign-in throttling this server keeps in memory, in front of the per-name counters in
//! the database (`crm_persistence::login_throttle`):
//! - per client IP: after `ip_failures` failed sign-ins within 15 minutes, the IP waits
//!   30 s before its next try, then twice as long after each further failure, up to
//!   15 minutes; a flood from one address is answered 429 without hashing a password;
//! - a global budget of failed sign-ins per minute: when a flood from many addresses has
//!   spent it, sign-ins are refused until it refills.
//!
//! Clients that have proven themselves (a device cookie of the name they sign in with)
//! pass both, so an attacker cannot use either to keep a user out.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(15 * 60);
const FIRST_BLOCK: Duration = Duration::from_secs(30);
const MAX_BLOCK: Duration = Duration::from_secs(15 * 60);
/// Above this many tracked addresses, expired ones are dropped.
const TRACKED: usize = 100_000;

#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    /// Failed sign-ins an IP may make within 15 minutes before it backs off; 0 turns the
    /// per-IP back-off off.
    pub ip_failures: u32,
    /// Failed sign-ins the whole server accepts per minute; 0 turns the budget off.
    pub global_failures_per_minute: u32,
}

impl Default for LoginLimits {
    fn default() -> Self {
        Self { ip_failures: 10, global_failures_per_minute: 300 }
    }
}

struct IpState {
    failures: u32,
    window_start: Instant,
    blocked_until: Option<Instant>,
    blocks: u32,
}

/// A token bucket of failures: `capacity` per minute.
struct Budget {
    tokens: f64,
    at: Instant,
}

pub struct LoginGuard {
    limits: LoginLimits,
    ips: Mutex<HashMap<IpAddr, IpState>>,
    budget: Mutex<Budget>,
}

/// Why an attempt was refused and for how long, in whole seconds.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Ip(u64),
    Busy(u64),
}

fn secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

impl LoginGuard {
    pub fn new(limits: LoginLimits) -> Self {
        let guard = Self { limits, ips: Mutex::default(), budget: Mutex::new(Budget { tokens: 0.0, at: Instant::now() }) };
        if let Ok(mut b) = guard.budget.lock() {
            b.tokens = guard.capacity();
        }
        guard
    }

    /// The budget holds ten seconds' worth (at least ten): a flood spends it at once, and
    /// then passes no faster than the rate.
    fn capacity(&self) -> f64 {
        (f64::from(self.limits.global_failures_per_minute) / 6.0).max(10.0)
    }

    fn refill(&self, b: &mut Budget, now: Instant) {
        let per_minute = f64::from(self.limits.global_failures_per_minute);
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * per_minute / 60.0).min(self.capacity());
        b.at = now;
    }

    /// Whether an attempt from `ip` may be checked at all.
    pub fn admit(&self, ip: Option<IpAddr>, proven: bool) -> Result<(), Refusal> {
        if proven {
            return Ok(());
        }
        let now = Instant::now();
        if let (Some(ip), true) = (ip, self.limits.ip_failures > 0) {
            let ips = self.ips.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(until) = ips.get(&ip).and_then(|s| s.blocked_until).filter(|u| *u > now) {
                return Err(Refusal::Ip(secs(until - now)));
            }
        }
        if self.limits.global_failures_per_minute > 0 {
            let mut b = self.budget.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            self.refill(&mut b, now);
            if b.tokens < 1.0 {
                let per_token = 60.0 / f64::from(self.limits.global_failures_per_minute);
                return Err(Refusal::Busy(secs(Duration::from_secs_f64((1.0 - b.tokens) * per_token))));
            }
        }
        Ok(())
    }

    /// A failed attempt from `ip` (a wrong password, an unknown or locked name).
    pub fn failed(&self, ip: Option<IpAddr>) {
        let now = Instant::now();
        if self.limits.global_failures_per_minute > 0 {
            let mut b = self.budget.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            self.refill(&mut b, now);
            b.tokens = (b.tokens - 1.0).max(0.0);
        }
        let (Some(ip), true) = (ip, self.limits.ip_failures > 0) else { return };
        let mut ips = self.ips.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if ips.len() > TRACKED {
            ips.retain(|_, s| now.duration_since(s.window_start) < WINDOW || s.blocked_until.is_some_and(|u| u > now));
        }
        let s = ips.entry(ip).or_insert(IpState { failures: 0, window_start: now, blocked_until: None, blocks: 0 });
        if now.duration_since(s.window_start) >= WINDOW && s.blocked_until.is_none_or(|u| u <= now) {
            *s = IpState { failures: 0, window_start: now, blocked_until: None, blocks: 0 };
        }
        s.failures += 1;
        if s.failures >= self.limits.ip_failures {
            let block = FIRST_BLOCK.saturating_mul(1 << s.blocks.min(10)).min(MAX_BLOCK);
            s.blocked_until = Some(now + block);
            s.blocks += 1;
            s.window_start = now;
        }
    }

    /// A successful sign-in from `ip` ends its back-off.
    pub fn succeeded(&self, ip: Option<IpAddr>) {
        if let Some(ip) = ip {
            self.ips.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&ip);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ip_backs_off_after_its_free_failures_and_proven_clients_pass() {
        let g = LoginGuard::new(LoginLimits { ip_failures: 3, global_failures_per_minute: 0 });
        let ip = Some("10.0.0.1".parse().unwrap());
        let other = Some("10.0.0.2".parse().unwrap());
        for _ in 0..2 {
            assert_eq!(g.admit(ip, false), Ok(()));
            g.failed(ip);
        }
        assert_eq!(g.admit(ip, false), Ok(()));
        g.failed(ip);
        assert!(matches!(g.admit(ip, false), Err(Refusal::Ip(s)) if (29..=30).contains(&s)));
        assert_eq!(g.admit(ip, true), Ok(()), "a proven client passes");
        assert_eq!(g.admit(other, false), Ok(()), "other addresses are unaffected");
        // The next failure doubles the wait.
        g.failed(ip);
        assert!(matches!(g.admit(ip, false), Err(Refusal::Ip(s)) if (59..=60).contains(&s)));
        g.succeeded(ip);
        assert_eq!(g.admit(ip, false), Ok(()));
    }

    #[test]
    fn the_global_budget_runs_out_for_unproven_clients() {
        let g = LoginGuard::new(LoginLimits { ip_failures: 0, global_failures_per_minute: 60 });
        for n in 0..10 {
            g.failed(Some(IpAddr::from([10, 1, 0, n])));
        }
        assert!(matches!(g.admit(Some("10.2.0.1".parse().unwrap()), false), Err(Refusal::Busy(s)) if s == 1), "ten seconds' worth is spent; one more per second");
        assert_eq!(g.admit(Some("10.2.0.1".parse().unwrap()), true), Ok(()));
    }
}
