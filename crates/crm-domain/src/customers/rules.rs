//! Pool rules an administrator sets (CUS-7): when owned customers go back to the public
//! pool, how many one person may own, and how soon one may re-claim what one released.

use chrono::{DateTime, Duration, Utc};

use crate::error::{DomainError, DomainResult};
use crate::validate::Validator;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolRules {
    pub enabled: bool,
    pub return_after_days_without_follow_up: Option<i32>,
    pub return_after_days_without_deal: Option<i32>,
    pub max_customers_per_owner: Option<i32>,
    pub reclaim_cooldown_days: Option<i32>,
    /// Won customers never go back to the pool and do not count towards the cap.
    pub exempt_won: bool,
}

impl Default for PoolRules {
    fn default() -> Self {
        Self {
            enabled: false,
            return_after_days_without_follow_up: None,
            return_after_days_without_deal: None,
            max_customers_per_owner: None,
            reclaim_cooldown_days: None,
            exempt_won: true,
        }
    }
}

impl PoolRules {
    pub fn validate(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        for (field, value, max) in [
            ("return_after_days_without_follow_up", self.return_after_days_without_follow_up, 3650),
            ("return_after_days_without_deal", self.return_after_days_without_deal, 3650),
            ("max_customers_per_owner", self.max_customers_per_owner, 1_000_000),
            ("reclaim_cooldown_days", self.reclaim_cooldown_days, 3650),
        ] {
            if let Some(n) = value {
                if n < 1 || n > max {
                    v.add(field, "out_of_range", format!("must be from 1 to {max}, or null for no limit"));
                }
            }
        }
        v.finish()?;
        Ok(self)
    }

    /// The cap check for giving `adding` more customers to someone who owns `owned`.
    pub fn check_cap(&self, owned: u64, adding: u64) -> DomainResult<()> {
        match self.max_customers_per_owner.filter(|_| self.enabled) {
            Some(cap) if owned + adding > u64::try_from(cap).unwrap_or(0) => Err(DomainError::new(
                crate::ErrorKind::Validation,
                "customer.owner_cap_reached",
                format!("the owner would have {} customers; the limit is {cap}", owned + adding),
            )
            .with_extra(serde_json::json!({ "limit": cap, "owned": owned }))),
            _ => Ok(()),
        }
    }

    /// Whether claims and assignments must look up who released a customer when.
    pub fn has_cooldown(&self) -> bool {
        self.enabled && self.reclaim_cooldown_days.is_some()
    }

    /// Whether one who released a customer at `released_at` must still wait to take it back.
    pub fn check_cooldown(&self, released_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> DomainResult<()> {
        let (Some(days), Some(at)) = (self.reclaim_cooldown_days.filter(|_| self.enabled), released_at) else {
            return Ok(());
        };
        let until = at + Duration::days(i64::from(days));
        if until > now {
            return Err(DomainError::conflict(
                "customer.reclaim_cooldown",
                format!("you released this customer recently; you may take it back after {}", until.format("%Y-%m-%d %H:%M UTC")),
            )
            .with_extra(serde_json::json!({ "available_at": until })));
        }
        Ok(())
    }

    /// When the rules return an owned customer to the public pool, given its last
    /// follow-up, the start of its ownership and whether it is won; the same rule as
    /// `cutoffs`, seen from the customer.
    pub fn returns_at(&self, last_contact: DateTime<Utc>, owned_since: DateTime<Utc>, won: bool) -> Option<DateTime<Utc>> {
        if !self.enabled || (won && self.exempt_won) {
            return None;
        }
        let after = |start: DateTime<Utc>, d: Option<i32>| d.map(|d| start + Duration::days(i64::from(d)));
        let by_contact = after(last_contact, self.return_after_days_without_follow_up);
        let by_deal = if won { None } else { after(owned_since, self.return_after_days_without_deal) };
        by_contact.into_iter().chain(by_deal).min()
    }

    /// Cut-off times: a customer owned since before the first without a follow-up since
    /// before it, or without a deal since before the second, goes back.
    pub fn cutoffs(&self, now: DateTime<Utc>) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        if !self.enabled {
            return (None, None);
        }
        let ago = |d: Option<i32>| d.map(|d| now - Duration::days(i64::from(d)));
        (ago(self.return_after_days_without_follow_up), ago(self.return_after_days_without_deal))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on() -> PoolRules {
        PoolRules { enabled: true, max_customers_per_owner: Some(2), reclaim_cooldown_days: Some(7), ..Default::default() }
    }

    #[test]
    fn a_customer_returns_at_its_earliest_rule() {
        let t = |d: i64| DateTime::<Utc>::from_timestamp(1_000_000_000 + d * 86_400, 0).unwrap();
        let rules = PoolRules { enabled: true, return_after_days_without_follow_up: Some(30), return_after_days_without_deal: Some(90), exempt_won: false, ..Default::default() };
        assert_eq!(rules.returns_at(t(10), t(0), false), Some(t(40)));
        assert_eq!(rules.returns_at(t(80), t(0), false), Some(t(90)));
        assert_eq!(rules.returns_at(t(80), t(0), true), Some(t(110)), "a won customer has its deal");
        assert_eq!(PoolRules { exempt_won: true, ..rules.clone() }.returns_at(t(80), t(0), true), None);
        assert_eq!(PoolRules { enabled: false, ..rules }.returns_at(t(10), t(0), false), None);
    }

    #[test]
    fn cap_and_cooldown_bite_only_when_enabled() {
        assert!(on().check_cap(1, 1).is_ok());
        assert_eq!(on().check_cap(2, 1).unwrap_err().code, "customer.owner_cap_reached");
        assert!(PoolRules { enabled: false, ..on() }.check_cap(9, 9).is_ok());
        let now = DateTime::<Utc>::from_timestamp(1_000_000_000, 0).unwrap();
        assert!(on().check_cooldown(Some(now - Duration::days(3)), now).is_err());
        assert!(on().check_cooldown(Some(now - Duration::days(8)), now).is_ok());
        assert!(on().check_cooldown(None, now).is_ok());
        assert!(PoolRules { return_after_days_without_deal: Some(0), ..on() }.validate().is_err());
    }
}
