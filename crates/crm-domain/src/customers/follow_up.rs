//! Follow-ups (CUS-9, SAL-1): what happened with a customer or a lead, and when to get back
//! to them.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::error::DomainResult;
use crate::validate::Validator;

#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "kind": "phone", "content": "电话沟通报价", "next_follow_up_at": "2026-12-01T02:00:00Z"}))]
pub struct NewFollowUp {
    /// The customer it was with. Exactly one of `customer_id` and `lead_id`.
    pub customer_id: Option<Uuid>,
    /// The lead it was with: one the caller may change, not converted. Such a follow-up
    /// names no contact or opportunity; it joins the customer the lead converts to.
    pub lead_id: Option<Uuid>,
    /// One of the customer's contacts.
    pub contact_id: Option<Uuid>,
    /// One of the customer's opportunities, when the follow-up works one (SAL-4).
    pub opportunity_id: Option<Uuid>,
    pub kind: String,
    pub content: String,
    /// Default: now. Not in the future.
    pub occurred_at: Option<DateTime<Utc>>,
    /// After `occurred_at`; becomes the customer's next follow-up time.
    pub next_follow_up_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub participant_ids: Vec<Uuid>,
}

crate::patch!(
    /// Fields to correct; absent fields stay, `null` clears. The customer's follow-up times
    /// are recomputed.
    #[schema(example = json!({"content": "电话沟通了新版报价，客户周五回复。", "next_follow_up_at": "2026-12-04T02:00:00Z"}))]
    pub struct FollowUpPatch for NewFollowUp {
        kind: String, content: String, occurred_at: Option<DateTime<Utc>>, participant_ids: Vec<Uuid>;
        contact_id: Uuid, opportunity_id: Uuid, next_follow_up_at: DateTime<Utc>
    }
);

impl NewFollowUp {
    /// Checks a new follow-up: what `validate` checks, and that it is with exactly one
    /// customer or lead (a stored one may be with both: a converted lead's).
    pub fn validate_new(self, now: DateTime<Utc>) -> DomainResult<Self> {
        let mut v = Validator::new();
        match (self.customer_id, self.lead_id) {
            (None, None) => v.add("customer_id", "required", "a follow-up is with a customer (customer_id) or a lead (lead_id)"),
            (Some(_), Some(_)) => v.add("lead_id", "with_customer", "give customer_id or lead_id, not both"),
            _ => {}
        }
        v.finish()?;
        self.validate(now)
    }

    /// Checks the follow-up; `occurred_at` is set afterwards (now, when not given).
    pub fn validate(mut self, now: DateTime<Utc>) -> DomainResult<Self> {
        let mut v = Validator::new();
        if self.customer_id.is_none() {
            // A lead has neither contacts nor opportunities; they come with its customer.
            if self.contact_id.is_some() {
                v.add("contact_id", "not_with_lead", "a lead's follow-up names no contact");
            }
            if self.opportunity_id.is_some() {
                v.add("opportunity_id", "not_with_lead", "a lead's follow-up names no opportunity");
            }
        }
        self.kind = v.required("kind", &self.kind, 64);
        self.content = v.required_text("content", &self.content, 5000);
        let occurred_at = *self.occurred_at.get_or_insert(now);
        // A little slack for clocks that run ahead; a follow-up is something that happened.
        if occurred_at > now + Duration::minutes(5) {
            v.add("occurred_at", "in_future", "a follow-up records what happened; it cannot be in the future");
        }
        if self.next_follow_up_at.is_some_and(|n| n <= occurred_at) {
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
            customer_id: Some(Uuid::nil()),
            lead_id: None,
            contact_id: None,
            opportunity_id: None,
            kind: "phone".into(),
            content: "called".into(),
            occurred_at: Some(t(occurred)),
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

    #[test]
    fn a_new_follow_up_is_with_one_customer_or_lead() {
        let now = DateTime::<Utc>::from_timestamp(100 * 3600, 0).unwrap();
        let field = |r: DomainResult<NewFollowUp>| r.err().map(|e| (e.errors[0].field.clone(), e.errors[0].code.clone()));
        assert_eq!(field(NewFollowUp { customer_id: None, ..f(10, None) }.validate_new(now)), Some(("customer_id".into(), "required".into())));
        assert_eq!(field(NewFollowUp { lead_id: Some(Uuid::nil()), ..f(10, None) }.validate_new(now)), Some(("lead_id".into(), "with_customer".into())));
        let lead = NewFollowUp { customer_id: None, lead_id: Some(Uuid::nil()), ..f(10, None) };
        assert!(lead.clone().validate_new(now).is_ok());
        assert_eq!(field(NewFollowUp { contact_id: Some(Uuid::nil()), ..lead.clone() }.validate_new(now)), Some(("contact_id".into(), "not_with_lead".into())));
        assert_eq!(field(NewFollowUp { opportunity_id: Some(Uuid::nil()), ..lead }.validate_new(now)), Some(("opportunity_id".into(), "not_with_lead".into())));
        // A converted lead's follow-up is with both, and stays editable.
        assert!(NewFollowUp { lead_id: Some(Uuid::nil()), ..f(10, None) }.validate(now).is_ok());
    }
}
