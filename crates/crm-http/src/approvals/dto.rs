use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

pub use crm_domain::approvals::{FlowInput as NewApprovalFlow, FlowPatch as ApprovalFlowPatch};
pub use crm_persistence::approvals::flows::FlowView as ApprovalFlow;
pub use crm_persistence::approvals::views::{ApprovalDetail, ApprovalView as Approval};

/// An approver's decision, with a comment (required to reject when the flow says so).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"comment": "价格在授权范围内，同意。"}))]
pub struct ApprovalComment {
    pub comment: Option<String>,
}

/// A remark on the approval's timeline.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"comment": "请补充客户的付款条件。"}))]
pub struct ApprovalRemark {
    pub comment: String,
}

/// Hands the caller's task on the current step to someone else.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"user_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e03", "comment": "出差期间请李经理代批"}))]
pub struct ApprovalTransfer {
    pub user_id: Uuid,
    pub comment: Option<String>,
}
