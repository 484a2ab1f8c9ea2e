//! Follow-ups (CUS-9): what happened with a customer, and when to get back to them.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::error::DomainResult;
use crate::validate::Validator;

#[derive(Debug, Clone)]
pub struct NewFollowUp {
    pub customer_id: Uuid,
    pub contact_id: Option<Uuid>,
    /// Code of the `follow_up_type` dictionary.
    pub kind: String,
    pub content: String,
    pub occurred_at: DateTime<Utc>,
    pub next_follow_up_at: Option<DateTime<Utc>>,
    pub participant_ids: Vec<Uuid>,
}

impl NewFollowUp {
    pub fn validate(mut self, now: DateTime<Utc>) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.kind = v.required("kind", &self.kind, 64);
        self.content = v.required_text("content", &self.content, 5000);
        // A little slack for clocks that run ahead; a follow-up is something that happened.
        if self.occurred_at > now + Duration::minutes(5) {
            v.add("occurred_at", "in_future", "a follow-up records what happened; it cannot be in the future");
        }
        if self.next_follow_up_at.is_some_and(|n| n <= self.occurred_at) {
            v.add("next_follow_up_at", "before_occurred", "must be after occurred_at");
        }
        self.participant_ids.sort();
        self.participant_ids.dedup();
        if self.participant_ids.len() > 50 {
            v.add("participant_ids", "too_many", "at most 50 participants");
        }
        v.finish()?;
        Ok(self)
    }
}

/// The customer's follow-up times from its live follow-ups: `last` is the latest contact;
/// `next` is the plan made at the latest follow-up that made one, while it is still ahead
/// of that contact (a plan already overtaken by a later contact is dropped).
pub fn customer_times(latest_contact: Option<DateTime<Utc>>, latest_plan: Option<DateTime<Utc>>) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    (latest_contact, latest_plan.filter(|n| latest_contact.is_none_or(|l| *n > l)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(occurred: i64, next: Option<i64>) -> NewFollowUp {
        let t = |h: i64| DateTime::<Utc>::from_timestamp(h * 3600, 0).unwrap();
        NewFollowUp {
            customer_id: Uuid::nil(),
            contact_id: None,
            kind: "phone".into(),
            content: "called".into(),
            occurred_at: t(occurred),
            next_follow_up_at: next.map(t),
            participant_ids: vec![],
        }
    }

    #[test]
    fn times_come_from_the_latest_contact_and_plan() {
        let t = |h: i64| DateTime::<Utc>::from_timestamp(h * 3600, 0).unwrap();
        assert_eq!(customer_times(Some(t(10)), Some(t(20))), (Some(t(10)), Some(t(20))));
        assert_eq!(customer_times(None, None), (None, None));
        // A plan already overtaken by a later contact is dropped.
        assert_eq!(customer_times(Some(t(10)), Some(t(8))), (Some(t(10)), None));
        assert!(f(10, Some(5)).validate(t(100)).is_err());
        assert!(f(200, None).validate(t(100)).is_err());
    }
}
