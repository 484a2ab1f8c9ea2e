//! Approval flows on the resource kit (administrators write them): which one applies to an
//! applicant's document, and who its steps' approvers are.

use chrono::{DateTime, Utc};
use crm_domain::approvals::{Approver, EmptyApprover, FlowInput, FlowPatch, FlowStep, ResubmitMode, SelfApproval};
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::docs;
use super::entities::flow::{self, Column as C, Entity as Flow};
use crate::db::db_err;
use crate::kit::restore::Restorable;
use crate::kit::{self, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::system::entities::{department, role, user, user_role};
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(Flow, "approval_flows", Name);

pub const RESTORABLE: Restorable = Restorable::plain::<Flow>();

fn text<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn parse<T: for<'de> Deserialize<'de> + Default>(s: &str) -> T {
    serde_json::from_value(json!(s)).unwrap_or_default()
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ApprovalFlow, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f01", "doc_type": "quote", "name": "报价审批", "enabled": true, "department_id": null,
    "resubmit_mode": "restart", "allow_withdraw": true, "require_comment_on_reject": true, "self_approval": "skip", "empty_approver": "auto_pass",
    "steps": [{"name": "主管审批", "condition": [], "approver": {"kind": "supervisor", "levels": 1}, "mode": "any"},
        {"name": "总经理审批", "condition": [{"field": "total", "op": "gt", "value": "100000"}], "approver": {"kind": "role", "role_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e10"}, "mode": "any"}],
    "version": 3, "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-03T10:00:00Z"}))]
pub struct FlowView {
    pub id: Uuid,
    pub doc_type: String,
    pub name: String,
    pub enabled: bool,
    pub department_id: Option<Uuid>,
    pub resubmit_mode: ResubmitMode,
    pub allow_withdraw: bool,
    pub require_comment_on_reject: bool,
    pub self_approval: SelfApproval,
    pub empty_approver: EmptyApprover,
    pub steps: Vec<FlowStep>,
    /// Each change makes a new version; approvals keep the version they started on.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<flow::Model> for FlowView {
    fn from(m: flow::Model) -> Self {
        Self {
            id: m.id,
            doc_type: m.doc_type,
            name: m.name,
            enabled: m.enabled,
            department_id: m.department_id,
            resubmit_mode: parse(&m.resubmit_mode),
            allow_withdraw: m.allow_withdraw,
            require_comment_on_reject: m.require_comment_on_reject,
            self_approval: parse(&m.self_approval),
            empty_approver: parse(&m.empty_approver),
            steps: serde_json::from_value(m.steps).unwrap_or_default(),
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

pub struct Flows;

impl Resource for Flows {
    type Entity = Flow;
    type View = FlowView;
    const WHAT: &'static str = "approval_flow";
    const POLICY: Policy = Policy::Catalogue;

    fn spec() -> ListSpec<Flow> {
        let f = |name, column, kind| Filter { name, column, kind, range: false };
        ListSpec {
            filters: vec![f("doc_type", C::DocType, FieldKind::Text), f("enabled", C::Enabled, FieldKind::Bool), f("department_id", C::DepartmentId, FieldKind::Uuid)],
            sorts: vec![("name", C::Name), ("created_at", C::CreatedAt), ("updated_at", C::UpdatedAt)],
            search: vec![C::Name],
            search_index: None,
            default_sort: vec![(C::DocType, Order::Asc), (C::CreatedAt, Order::Asc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(_: &impl ConnectionTrait, _: &Ctx, rows: Vec<flow::Model>) -> DomainResult<Vec<FlowView>> {
        Ok(rows.into_iter().map(FlowView::from).collect())
    }
}

pub fn sort_names() -> Vec<&'static str> {
    Flows::spec().sort_names()
}

fn input_of(m: &flow::Model) -> FlowInput {
    let v = FlowView::from(m.clone());
    FlowInput {
        doc_type: v.doc_type,
        name: v.name,
        enabled: v.enabled,
        department_id: v.department_id,
        resubmit_mode: v.resubmit_mode,
        allow_withdraw: v.allow_withdraw,
        require_comment_on_reject: v.require_comment_on_reject,
        self_approval: v.self_approval,
        empty_approver: v.empty_approver,
        steps: v.steps,
    }
}

/// The references a flow makes: its department, the users and roles its steps name.
async fn check_refs(tx: &Tx, f: &FlowInput) -> DomainResult<()> {
    let mut v = crm_domain::validate::Validator::new();
    if let Some(d) = f.department_id {
        if department::Entity::find_by_id(d).filter(department::Column::DeletedAt.is_null()).one(tx).await.map_err(db_err)?.is_none() {
            v.add("department_id", "not_found", "no such department");
        }
    }
    for (i, step) in f.steps.iter().enumerate() {
        match &step.approver {
            Approver::User { user_ids } => {
                let n = user::Entity::find().filter(user::Column::Id.is_in(user_ids.clone())).filter(user::Column::DeletedAt.is_null()).count(tx).await.map_err(db_err)?;
                if usize::try_from(n).unwrap_or(0) != user_ids.len() {
                    v.add(&format!("steps[{i}].approver.user_ids"), "not_found", "one or more approvers are not users");
                }
            }
            Approver::Role { role_id } if role::Entity::find_by_id(*role_id).filter(role::Column::DeletedAt.is_null()).one(tx).await.map_err(db_err)?.is_none() => {
                v.add(&format!("steps[{i}].approver.role_id"), "not_found", "no such role");
            }
            _ => {}
        }
    }
    v.finish()
}

fn fill(row: flow::Model, f: FlowInput) -> flow::Model {
    flow::Model {
        doc_type: f.doc_type,
        name: f.name,
        enabled: f.enabled,
        department_id: f.department_id,
        resubmit_mode: text(f.resubmit_mode),
        allow_withdraw: f.allow_withdraw,
        require_comment_on_reject: f.require_comment_on_reject,
        self_approval: text(f.self_approval),
        empty_approver: text(f.empty_approver),
        steps: json!(f.steps),
        ..row
    }
}

pub async fn create(db: &Db, ctx: &Ctx, input: FlowInput) -> DomainResult<FlowView> {
    kit::create::<Flows, _>(db, ctx, async |tx| build(tx, ctx, input).await).await
}

/// Many flows at once (`POST /approval-flows/batch`), each checked as a single create.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<FlowInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<Flows, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

async fn build(tx: &Tx, ctx: &Ctx, input: FlowInput) -> DomainResult<flow::Model> {
    let fields = docs::fields_of(&input.doc_type);
    let f = input.validate(fields)?;
    check_refs(tx, &f).await?;
    Ok(fill(flow::Model { id: Uuid::now_v7(), created_by: Some(ctx.actor.user_id), ..Default::default() }, f))
}

/// A new version of the flow; approvals under way keep the one they started on.
pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: FlowPatch, if_match: Option<i32>) -> DomainResult<FlowView> {
    kit::update::<Flows, _>(db, ctx, id, if_match, async |tx, current| {
        let f = patch.apply(input_of(&current)).validate(docs::fields_of(&current.doc_type))?;
        check_refs(tx, &f).await?;
        Ok(fill(current, f))
    })
    .await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Flows, _>(db, ctx, id, if_match, kit::no_rule).await
}

/// The applicant's department and those above it, nearest first.
async fn department_chain(db: &impl ConnectionTrait, user_id: Uuid) -> DomainResult<Vec<department::Model>> {
    let Some(u) = user::Entity::find_by_id(user_id).one(db).await.map_err(db_err)? else { return Ok(Vec::new()) };
    let mut chain = Vec::new();
    let mut next = u.department_id;
    while let Some(id) = next.filter(|id| chain.iter().all(|d: &department::Model| d.id != *id)).filter(|_| chain.len() < 32) {
        let Some(d) = department::Entity::find_by_id(id).filter(department::Column::DeletedAt.is_null()).one(db).await.map_err(db_err)? else { break };
        next = d.parent_id;
        chain.push(d);
    }
    Ok(chain)
}

/// The enabled flow of `doc_type` for the applicant: one for their department or the
/// nearest above it, else one for everyone; the oldest of equals.
pub async fn applicable(db: &impl ConnectionTrait, doc_type: &str, applicant: Uuid) -> DomainResult<Option<flow::Model>> {
    let flows = kit::policy::live::<Flow>().filter(C::DocType.eq(doc_type)).filter(C::Enabled.eq(true)).order_by_asc(C::CreatedAt).order_by_asc(C::Id).all(db).await.map_err(db_err)?;
    if flows.is_empty() {
        return Ok(None);
    }
    if flows.iter().any(|f| f.department_id.is_some()) {
        for d in department_chain(db, applicant).await? {
            if let Some(f) = flows.iter().find(|f| f.department_id == Some(d.id)) {
                return Ok(Some(f.clone()));
            }
        }
    }
    Ok(flows.into_iter().find(|f| f.department_id.is_none()))
}

/// Who approves a step for `applicant`, in order: enabled users only.
pub async fn resolve(db: &impl ConnectionTrait, approver: &Approver, applicant: Uuid) -> DomainResult<Vec<Uuid>> {
    let enabled = |ids: Vec<Uuid>| async move {
        let found: Vec<Uuid> = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::Id.is_in(ids.clone()))
            .filter(user::Column::Enabled.eq(true))
            .filter(user::Column::DeletedAt.is_null())
            .into_tuple()
            .all(db)
            .await
            .map_err(db_err)?;
        Ok::<_, DomainError>(ids.into_iter().filter(|i| found.contains(i)).collect::<Vec<_>>())
    };
    match approver {
        Approver::User { user_ids } => enabled(user_ids.clone()).await,
        Approver::Role { role_id } => role_holders(db, *role_id).await,
        Approver::Supervisor { levels } => {
            let mut at = applicant;
            for _ in 0..*levels {
                let sup = user::Entity::find_by_id(at).one(db).await.map_err(db_err)?.and_then(|u| u.supervisor_id);
                match sup {
                    Some(s) => at = s,
                    None => return Ok(Vec::new()),
                }
            }
            enabled(vec![at]).await
        }
        Approver::DepartmentHead {} => {
            for d in department_chain(db, applicant).await? {
                if let Some(head) = d.head_id {
                    return enabled(vec![head]).await;
                }
            }
            Ok(Vec::new())
        }
    }
}

async fn role_holders(db: &impl ConnectionTrait, role_id: Uuid) -> DomainResult<Vec<Uuid>> {
    let holders = sea_orm::sea_query::Query::select().column(user_role::Column::UserId).from(user_role::Entity).and_where(user_role::Column::RoleId.eq(role_id)).to_owned();
    user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Id.in_subquery(holders))
        .filter(user::Column::Enabled.eq(true))
        .filter(user::Column::DeletedAt.is_null())
        .order_by_asc(user::Column::Username)
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)
}

/// The administrators: who approves a step nobody else would (`empty_approver: to_admin`).
pub async fn administrators(db: &impl ConnectionTrait) -> DomainResult<Vec<Uuid>> {
    let admin = role::Entity::find().filter(role::Column::Name.eq("admin")).filter(role::Column::Builtin.eq(true)).filter(role::Column::DeletedAt.is_null()).one(db).await.map_err(db_err)?;
    match admin {
        Some(r) => role_holders(db, r.id).await,
        None => Ok(Vec::new()),
    }
}
