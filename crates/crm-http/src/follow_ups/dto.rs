use chrono::{DateTime, Utc};
use crm_domain::customers::follow_up as d;
use crm_persistence::customers::follow_ups::FollowUpView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e62", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "contact_id": null,
    "kind": "visit", "content": "上门拜访，演示了新版设备，客户计划下月采购。", "occurred_at": "2026-11-24T09:30:00Z",
    "next_follow_up_at": "2026-12-01T02:00:00Z", "participant_ids": [], "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "version": 1, "created_at": "2026-11-24T09:31:00Z"}))]
pub struct FollowUp {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub contact_id: Option<Uuid>,
    /// Code of the `follow_up_type` dictionary.
    pub kind: String,
    pub content: String,
    pub occurred_at: DateTime<Utc>,
    pub next_follow_up_at: Option<DateTime<Utc>>,
    pub participant_ids: Vec<Uuid>,
    /// Who recorded it.
    pub owner_id: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

impl From<FollowUpView> for FollowUp {
    fn from(v: FollowUpView) -> Self {
        Self {
            id: v.id,
            customer_id: v.customer_id,
            contact_id: v.contact_id,
            kind: v.kind,
            content: v.content,
            occurred_at: v.occurred_at,
            next_follow_up_at: v.next_follow_up_at,
            participant_ids: v.participant_ids,
            owner_id: v.owner_id,
            version: v.version,
            created_at: v.created_at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "kind": "phone", "content": "电话沟通报价", "next_follow_up_at": "2026-12-01T02:00:00Z"}))]
pub struct NewFollowUp {
    pub customer_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub kind: String,
    pub content: String,
    /// Default: now. Not in the future.
    pub occurred_at: Option<DateTime<Utc>>,
    /// After `occurred_at`; becomes the customer's next follow-up time.
    pub next_follow_up_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub participant_ids: Vec<Uuid>,
}

impl NewFollowUp {
    pub fn into_domain(self, now: DateTime<Utc>) -> d::NewFollowUp {
        d::NewFollowUp {
            customer_id: self.customer_id,
            contact_id: self.contact_id,
            kind: self.kind,
            content: self.content,
            occurred_at: self.occurred_at.unwrap_or(now),
            next_follow_up_at: self.next_follow_up_at,
            participant_ids: self.participant_ids,
        }
    }
}

/// A follow-up with the names people read in a cross-customer list.
#[derive(Serialize, ToSchema)]
pub struct Interaction {
    #[serde(flatten)]
    pub follow_up: FollowUp,
    pub customer_name: String,
    /// Who recorded it.
    pub owner_name: Option<String>,
}

impl From<crm_persistence::customers::interactions::InteractionView> for Interaction {
    fn from(v: crm_persistence::customers::interactions::InteractionView) -> Self {
        Self { follow_up: v.follow_up.into(), customer_name: v.customer_name, owner_name: v.owner_name }
    }
}

/// Fields to correct; absent fields stay, `null` clears. The customer's follow-up times
/// are recomputed.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"content": "电话沟通了新版报价，客户周五回复。", "next_follow_up_at": "2026-12-04T02:00:00Z"}))]
pub struct FollowUpPatch {
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<Uuid>)]
    pub contact_id: Option<Option<Uuid>>,
    pub kind: Option<String>,
    pub content: Option<String>,
    pub occurred_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub next_follow_up_at: Option<Option<DateTime<Utc>>>,
    pub participant_ids: Option<Vec<Uuid>>,
}

impl From<FollowUpPatch> for crm_persistence::customers::follow_ups::FollowUpPatch {
    fn from(p: FollowUpPatch) -> Self {
        Self { contact_id: p.contact_id, kind: p.kind, content: p.content, occurred_at: p.occurred_at, next_follow_up_at: p.next_follow_up_at, participant_ids: p.participant_ids }
    }
}
