//! Approval flows (OFF-2): which steps a document of a type goes through, who approves each
//! and how, and the small, safe condition language that decides whether a step applies.
//! The engine that runs them is the persistence layer's `approvals`; a document type plugs
//! in there. Conditions reuse the list filters' vocabulary (`eq`, `gt`, …) and are data,
//! never code.

use std::cmp::Ordering;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::error::DomainResult;
use crate::validate::Validator;

/// How the approvers of one step decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepMode {
    /// 或签: the first approval closes the step; the others' tasks are cancelled.
    Any,
    /// 会签: every approver must approve.
    All,
    /// One after another, in the order resolved.
    Sequential,
}

/// Where a resubmitted document starts after a rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResubmitMode {
    #[default]
    Restart,
    FromRejectedStep,
}

/// What happens to the applicant's own task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SelfApproval {
    /// The applicant is left out of the approvers; a step they alone would approve passes.
    #[default]
    Skip,
    /// The applicant approves like anyone else.
    Allow,
}

/// A step whose approvers resolve to no one (no supervisor, an empty role).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmptyApprover {
    /// The step passes, and says so on the timeline.
    #[default]
    AutoPass,
    /// The administrators approve it.
    ToAdmin,
}

/// Who approves a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Approver {
    /// These people, in this order for a sequential step.
    User {
        #[schema(min_items = 1, max_items = 50)]
        user_ids: Vec<Uuid>,
    },
    /// The enabled holders of a role.
    Role { role_id: Uuid },
    /// The applicant's supervisor `levels` up (1: their own supervisor).
    Supervisor {
        #[schema(minimum = 1, maximum = 10)]
        levels: u8,
    },
    /// The head of the applicant's department. (A struct variant, so that an unknown key
    /// beside `kind` is refused as it is for the others: serde ignores keys a unit variant
    /// of an internally tagged enum is given.)
    DepartmentHead {},
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConditionOp {
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
    /// One of the comma-separated values.
    In,
}

/// `field op value` on the document as submitted; the conditions of a step all hold (AND)
/// for it to apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ApprovalCondition, example = json!({"field": "total", "op": "gt", "value": "100000"}))]
pub struct Condition {
    pub field: String,
    pub op: ConditionOp,
    /// A decimal for money and numbers, `YYYY-MM-DD` for dates, text otherwise; for `in`,
    /// comma-separated.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ApprovalStep)]
pub struct FlowStep {
    pub name: String,
    /// Empty: the step always applies.
    #[serde(default)]
    pub condition: Vec<Condition>,
    pub approver: Approver,
    pub mode: StepMode,
}

fn yes() -> bool {
    true
}

/// An approval flow as written: what `POST /approval-flows` takes.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewApprovalFlow, example = json!({"doc_type": "quote", "name": "报价审批", "enabled": true, "steps": [
    {"name": "主管审批", "approver": {"kind": "supervisor", "levels": 1}, "mode": "any"},
    {"name": "总经理审批", "condition": [{"field": "total", "op": "gt", "value": "100000"}], "approver": {"kind": "role", "role_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e10"}, "mode": "any"}]}))]
pub struct FlowInput {
    /// A document type that goes through approval: `quote` or `contract` today; `payment`,
    /// `invoice`, `order` as they are built.
    pub doc_type: String,
    pub name: String,
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Applies to applicants of this department (and its sub-departments); null: everyone.
    /// The most specific enabled flow of a type wins.
    pub department_id: Option<Uuid>,
    #[serde(default)]
    pub resubmit_mode: ResubmitMode,
    #[serde(default = "yes")]
    pub allow_withdraw: bool,
    #[serde(default)]
    pub require_comment_on_reject: bool,
    #[serde(default)]
    pub self_approval: SelfApproval,
    #[serde(default)]
    pub empty_approver: EmptyApprover,
    pub steps: Vec<FlowStep>,
}

crate::patch!(
    /// Fields to change; a change makes a new version of the flow, and running approvals
    /// keep the version they started on. The document type stays.
    #[schema(as = ApprovalFlowPatch, example = json!({"enabled": false}))]
    pub struct FlowPatch for FlowInput {
        name: String, enabled: bool, resubmit_mode: ResubmitMode, allow_withdraw: bool, require_comment_on_reject: bool,
        self_approval: SelfApproval, empty_approver: EmptyApprover, steps: Vec<FlowStep>;
        department_id: Uuid
    }
);

/// What a document type's fields are, for conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Money,
    Number,
    Text,
    Date,
    Id,
}

/// A document type's condition fields: name and kind.
pub type DocFields = &'static [(&'static str, FieldKind)];

pub const MAX_STEPS: usize = 20;
pub const MAX_USERS: usize = 50;
pub const MAX_CONDITIONS: usize = 10;

impl FlowInput {
    /// Checks the flow against its document type's fields (`None`: a type that does not
    /// go through approval).
    pub fn validate(mut self, fields: Option<DocFields>) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, 100);
        let Some(fields) = fields else {
            v.add("doc_type", "unknown", format!("'{}' is not a document type that goes through approval", self.doc_type));
            v.finish()?;
            return Ok(self);
        };
        if self.steps.is_empty() {
            v.add("steps", "required", "a flow has at least one step");
        }
        if self.steps.len() > MAX_STEPS {
            v.add("steps", "too_many", format!("at most {MAX_STEPS} steps"));
        }
        for (i, step) in self.steps.iter_mut().enumerate() {
            let at = |f: &str| format!("steps[{i}].{f}");
            step.name = v.required(&at("name"), &step.name, 100);
            match &mut step.approver {
                Approver::User { user_ids } => {
                    let before = user_ids.len();
                    let mut seen = std::collections::HashSet::new();
                    user_ids.retain(|u| seen.insert(*u));
                    if user_ids.is_empty() {
                        v.add(&at("approver.user_ids"), "required", "name at least one approver");
                    } else if before > MAX_USERS {
                        v.add(&at("approver.user_ids"), "too_many", format!("at most {MAX_USERS} approvers"));
                    }
                }
                Approver::Supervisor { levels } if *levels == 0 || *levels > 10 => v.add(&at("approver.levels"), "out_of_range", "1 to 10 levels up"),
                _ => {}
            }
            if step.condition.len() > MAX_CONDITIONS {
                v.add(&at("condition"), "too_many", format!("at most {MAX_CONDITIONS} conditions"));
            }
            for (j, c) in step.condition.iter_mut().enumerate() {
                let at = |f: &str| format!("steps[{i}].condition[{j}].{f}");
                c.value = c.value.trim().to_string();
                let Some(kind) = fields.iter().find(|(name, _)| *name == c.field).map(|(_, k)| *k) else {
                    let known: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
                    v.add(&at("field"), "unknown_field", format!("'{}' is not a field of the document; one of {}", c.field, known.join(", ")));
                    continue;
                };
                let ordered = matches!(c.op, ConditionOp::Gt | ConditionOp::Gte | ConditionOp::Lt | ConditionOp::Lte);
                if ordered && matches!(kind, FieldKind::Text | FieldKind::Id) {
                    v.add(&at("op"), "not_ordered", "a text or reference field is compared with eq, ne or in");
                }
                let values: Vec<&str> = if c.op == ConditionOp::In { c.value.split(',').map(str::trim).collect() } else { vec![c.value.as_str()] };
                if c.value.is_empty() || c.value.chars().count() > 500 || values.iter().any(|x| parse(kind, x).is_none()) {
                    v.add(&at("value"), "invalid", value_hint(kind));
                }
            }
        }
        v.finish()?;
        Ok(self)
    }
}

fn value_hint(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Money | FieldKind::Number => "a decimal number, like 100000 or 0.5",
        FieldKind::Date => "a date, YYYY-MM-DD",
        FieldKind::Id => "an id (UUID)",
        FieldKind::Text => "text of at most 500 characters",
    }
}

/// A condition's or a document's value, comparable within its kind.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Val {
    Num(Decimal),
    Date(NaiveDate),
    Text(String),
}

fn parse(kind: FieldKind, raw: &str) -> Option<Val> {
    match kind {
        FieldKind::Money | FieldKind::Number => Decimal::from_str(raw).ok().map(Val::Num),
        FieldKind::Date => NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok().map(Val::Date),
        FieldKind::Id => Uuid::parse_str(raw).ok().map(|u| Val::Text(u.to_string())),
        FieldKind::Text => Some(Val::Text(raw.to_string())),
    }
}

/// The document's value of a field from its snapshot (strings, numbers, or null).
fn doc_value(kind: FieldKind, v: Option<&Value>) -> Option<Val> {
    match v? {
        Value::String(s) => parse(kind, s),
        Value::Number(n) => parse(kind, &n.to_string()),
        Value::Bool(b) => parse(kind, if *b { "true" } else { "false" }),
        _ => None,
    }
}

/// Whether every condition holds on the document `snapshot`. A field the document leaves
/// empty satisfies only `ne`.
pub fn applies(conditions: &[Condition], fields: DocFields, snapshot: &Map<String, Value>) -> bool {
    conditions.iter().all(|c| {
        let Some(kind) = fields.iter().find(|(n, _)| *n == c.field).map(|(_, k)| *k) else { return false };
        let Some(have) = doc_value(kind, snapshot.get(&c.field)) else { return c.op == ConditionOp::Ne };
        let cmp = |raw: &str| parse(kind, raw).and_then(|want| have.partial_cmp(&want));
        match c.op {
            ConditionOp::Eq => cmp(&c.value) == Some(Ordering::Equal),
            ConditionOp::Ne => cmp(&c.value) != Some(Ordering::Equal),
            ConditionOp::Gt => cmp(&c.value) == Some(Ordering::Greater),
            ConditionOp::Gte => matches!(cmp(&c.value), Some(Ordering::Greater | Ordering::Equal)),
            ConditionOp::Lt => cmp(&c.value) == Some(Ordering::Less),
            ConditionOp::Lte => matches!(cmp(&c.value), Some(Ordering::Less | Ordering::Equal)),
            ConditionOp::In => c.value.split(',').any(|x| cmp(x.trim()) == Some(Ordering::Equal)),
        }
    })
}

/// The state of an approval instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InstanceStatus {
    Pending,
    Approved,
    Rejected,
    Withdrawn,
}

impl InstanceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceStatus::Pending => "pending",
            InstanceStatus::Approved => "approved",
            InstanceStatus::Rejected => "rejected",
            InstanceStatus::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [InstanceStatus::Pending, InstanceStatus::Approved, InstanceStatus::Rejected, InstanceStatus::Withdrawn].into_iter().find(|x| x.as_str() == s)
    }
}

/// The state of one step of an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Not reached yet.
    Waiting,
    /// Its approvers are deciding.
    Active,
    Approved,
    Rejected,
    /// Its condition did not hold on the document as submitted.
    Skipped,
    /// Nobody to approve it, or only the applicant (`self_approval: skip`): it passed.
    AutoPassed,
    /// The instance ended (withdrawn, or rejected at an earlier step) before it was reached.
    Cancelled,
}

/// A step of a running instance: the flow's step as it was, its state and approvers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InstanceStep {
    pub name: String,
    pub mode: StepMode,
    pub state: StepState,
    /// Who decides it, in order (a sequential step's order).
    pub approver_ids: Vec<Uuid>,
}

/// What an approver's action does to their step: whether the step is decided, and for a
/// sequential one, whose turn is next. `decided` is the approvers who have approved so far
/// (this one included), in the step's order.
pub fn step_outcome(step: &InstanceStep, approved: &[Uuid]) -> StepProgress {
    match step.mode {
        StepMode::Any => StepProgress::Done,
        StepMode::All => {
            if step.approver_ids.iter().all(|a| approved.contains(a)) {
                StepProgress::Done
            } else {
                StepProgress::Waiting
            }
        }
        StepMode::Sequential => match step.approver_ids.iter().find(|a| !approved.contains(a)) {
            Some(next) => StepProgress::Next(*next),
            None => StepProgress::Done,
        },
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepProgress {
    /// The step is approved.
    Done,
    /// Others of an `all` step have yet to approve.
    Waiting,
    /// A sequential step's next approver.
    Next(Uuid),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FIELDS: DocFields = &[("total", FieldKind::Money), ("currency", FieldKind::Text), ("valid_until", FieldKind::Date), ("customer_id", FieldKind::Id)];

    #[test]
    fn every_approver_refuses_a_key_it_does_not_have() {
        assert_eq!(serde_json::from_value::<Approver>(json!({"kind": "department_head"})).unwrap(), Approver::DepartmentHead {});
        assert_eq!(serde_json::to_value(Approver::DepartmentHead {}).unwrap(), json!({"kind": "department_head"}));
        for extra in [json!({"kind": "department_head", "levels": 2}), json!({"kind": "supervisor", "levels": 1, "role_id": null})] {
            assert!(serde_json::from_value::<Approver>(extra.clone()).is_err(), "{extra}");
        }
    }

    fn cond(field: &str, op: ConditionOp, value: &str) -> Condition {
        Condition { field: field.into(), op, value: value.into() }
    }

    fn snap(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn conditions_compare_by_the_fields_kind() {
        let doc = snap(json!({"total": "150000.00", "currency": "CNY", "valid_until": "2027-01-31", "customer_id": null}));
        assert!(applies(&[cond("total", ConditionOp::Gt, "100000")], FIELDS, &doc));
        assert!(!applies(&[cond("total", ConditionOp::Gt, "150000")], FIELDS, &doc));
        assert!(applies(&[cond("total", ConditionOp::Gte, "150000.000")], FIELDS, &doc), "decimals compare by value, not text");
        assert!(applies(&[cond("currency", ConditionOp::In, "USD, CNY")], FIELDS, &doc));
        assert!(applies(&[cond("valid_until", ConditionOp::Lt, "2027-02-01"), cond("total", ConditionOp::Lte, "150000")], FIELDS, &doc));
        assert!(!applies(&[cond("valid_until", ConditionOp::Lt, "2027-02-01"), cond("currency", ConditionOp::Eq, "USD")], FIELDS, &doc), "AND");
        // An empty field satisfies only `ne`.
        assert!(applies(&[cond("customer_id", ConditionOp::Ne, "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f")], FIELDS, &doc));
        assert!(!applies(&[cond("customer_id", ConditionOp::Eq, "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f")], FIELDS, &doc));
        assert!(applies(&[], FIELDS, &doc), "no condition: always");
    }

    fn flow(steps: Vec<FlowStep>) -> FlowInput {
        FlowInput {
            doc_type: "quote".into(),
            name: "报价审批".into(),
            enabled: true,
            department_id: None,
            resubmit_mode: ResubmitMode::Restart,
            allow_withdraw: true,
            require_comment_on_reject: false,
            self_approval: SelfApproval::Skip,
            empty_approver: EmptyApprover::AutoPass,
            steps,
        }
    }

    fn step(condition: Vec<Condition>, approver: Approver) -> FlowStep {
        FlowStep { name: "主管".into(), condition, approver, mode: StepMode::Any }
    }

    fn fields_of(r: DomainResult<FlowInput>) -> Vec<(String, String)> {
        r.err().map(|e| e.errors.into_iter().map(|f| (f.field, f.code)).collect()).unwrap_or_default()
    }

    #[test]
    fn a_flow_names_known_fields_sensible_values_and_someone_to_approve() {
        assert!(flow(vec![step(vec![cond("total", ConditionOp::Gt, "100000")], Approver::Supervisor { levels: 1 })]).validate(Some(FIELDS)).is_ok());
        assert_eq!(fields_of(flow(vec![]).validate(Some(FIELDS))), vec![("steps".into(), "required".into())]);
        assert_eq!(fields_of(flow(vec![]).validate(None)), vec![("doc_type".into(), "unknown".into())]);
        let bad = flow(vec![
            step(vec![cond("amount", ConditionOp::Gt, "1")], Approver::User { user_ids: vec![] }),
            step(vec![cond("total", ConditionOp::Gt, "lots"), cond("currency", ConditionOp::Gt, "CNY")], Approver::Supervisor { levels: 0 }),
        ]);
        assert_eq!(
            fields_of(bad.validate(Some(FIELDS))),
            vec![
                ("steps[0].approver.user_ids".into(), "required".into()),
                ("steps[0].condition[0].field".into(), "unknown_field".into()),
                ("steps[1].approver.levels".into(), "out_of_range".into()),
                ("steps[1].condition[0].value".into(), "invalid".into()),
                ("steps[1].condition[1].op".into(), "not_ordered".into()),
            ]
        );
    }

    #[test]
    fn steps_finish_by_their_mode() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let s = |mode| InstanceStep { name: "s".into(), mode, state: StepState::Active, approver_ids: vec![a, b] };
        assert_eq!(step_outcome(&s(StepMode::Any), &[b]), StepProgress::Done);
        assert_eq!(step_outcome(&s(StepMode::All), &[b]), StepProgress::Waiting);
        assert_eq!(step_outcome(&s(StepMode::All), &[b, a]), StepProgress::Done);
        assert_eq!(step_outcome(&s(StepMode::Sequential), &[a]), StepProgress::Next(b));
        assert_eq!(step_outcome(&s(StepMode::Sequential), &[a, b]), StepProgress::Done);
    }
}
