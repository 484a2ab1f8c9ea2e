//! Reading approvals: the inbox's three boxes (waiting on me, mine, acted on by me), a
//! document's approvals, and one approval with its steps and timeline. A page costs a
//! fixed number of queries whatever its size.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crm_domain::approvals::{InstanceStatus, StepMode, StepState};
use crm_domain::permissions::perms;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::docs;
use super::engine::{rules_of, steps_of, TASK_PENDING};
use super::entities::instance::{self, Column as C, Entity as Instance};
use super::entities::{event, task};
use crate::db::db_err;
use crate::listing::{fetch_page, FieldKind, Filter, ListParams, ListSpec, Page};
use crate::system::user_names::display_names;
use crate::{Ctx, Db};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ApprovalApprover)]
pub struct ApproverView {
    pub user_id: Uuid,
    pub name: Option<String>,
    /// `not_started` (the step is not open yet), `waiting` (a sequential step's later
    /// turn), `pending`, `approved`, `rejected`, `cancelled` or `transferred`.
    pub state: String,
    pub comment: Option<String>,
    pub acted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ApprovalStepState)]
pub struct StepView {
    pub index: usize,
    pub name: String,
    pub mode: StepMode,
    pub state: StepState,
    pub approvers: Vec<ApproverView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Approval, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f10", "doc_type": "quote", "doc_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ec0",
    "doc_label": "QT-2026-000123", "summary": {"number": "QT-2026-000123", "customer_name": "杭州明远科技有限公司", "total": "150000.00", "currency": "CNY"},
    "status": "pending", "applicant_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "applicant_name": "王伟", "round": 1, "flow_name": "报价审批", "flow_version": 3,
    "current_step": 0, "steps": [{"index": 0, "name": "主管审批", "mode": "any", "state": "active",
        "approvers": [{"user_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e02", "name": "李娜", "state": "pending", "comment": null, "acted_at": null}]}],
    "can_act": true, "can_withdraw": false, "version": 2, "created_at": "2026-12-07T02:00:00Z", "updated_at": "2026-12-07T02:00:00Z", "finished_at": null}))]
pub struct ApprovalView {
    pub id: Uuid,
    /// `quote`, and the document types built later.
    pub doc_type: String,
    pub doc_id: Uuid,
    /// The document's number.
    pub doc_label: String,
    /// What the document was when submitted (number, customer, amount…).
    #[schema(value_type = Object)]
    pub summary: Value,
    pub status: InstanceStatus,
    pub applicant_id: Uuid,
    pub applicant_name: Option<String>,
    /// 1 for the first submission, one more per resubmission.
    pub round: i32,
    pub flow_name: Option<String>,
    /// The flow's version it runs on; null when no flow applied (approved at once).
    pub flow_version: Option<i32>,
    pub current_step: Option<i32>,
    pub steps: Vec<StepView>,
    /// Whether the caller may approve, reject or transfer now.
    pub can_act: bool,
    /// Whether the caller may withdraw it.
    pub can_withdraw: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ApprovalEvent)]
pub struct ApprovalEventView {
    pub id: Uuid,
    /// submit, skip, auto_pass, approve, reject, transfer, comment, withdraw, approved,
    /// rejected.
    pub action: String,
    pub step_index: Option<i32>,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub comment: Option<String>,
    #[schema(value_type = Object)]
    pub data: Value,
    pub at: DateTime<Utc>,
}

/// One approval with its timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApprovalDetail {
    #[serde(flatten)]
    pub approval: ApprovalView,
    pub events: Vec<ApprovalEventView>,
}

fn spec() -> ListSpec<Instance> {
    let f = |name, column, kind, range| Filter { name, column, kind, range };
    ListSpec {
        filters: vec![
            f("doc_type", C::DocType, FieldKind::Text, false),
            f("doc_id", C::DocId, FieldKind::Uuid, false),
            f("status", C::Status, FieldKind::Text, false),
            f("applicant_id", C::ApplicantId, FieldKind::Uuid, false),
            f("created_at", C::CreatedAt, FieldKind::Timestamp, true),
        ],
        sorts: vec![("created_at", C::CreatedAt), ("updated_at", C::UpdatedAt)],
        search: vec![C::DocLabel],
        search_index: None,
        default_sort: vec![(C::CreatedAt, Order::Desc)],
        tie_breaker: C::Id,
    }
}

pub fn sort_names() -> Vec<&'static str> {
    spec().sort_names()
}

/// Which approvals a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalBox {
    /// 待我审批: waiting on the caller now.
    Pending,
    /// 我发起的: submitted by the caller.
    Submitted,
    /// 已处理: the caller approved, rejected or handed on.
    Done,
    /// Every approval (holders of `approvals:manage`).
    All,
}

fn tasks_of(user: Uuid, states: &[&str]) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(task::Column::InstanceId)
        .from(task::Entity)
        .and_where(task::Column::ApproverId.eq(user))
        .and_where(task::Column::State.is_in(states.iter().copied()))
        .to_owned()
}

/// A page of approvals: a box of the caller's, or (with `doc_id` and no box) the approvals
/// of a document the caller may read; with neither, the caller's pending box.
pub async fn list(db: &Db, ctx: &Ctx, the_box: Option<ApprovalBox>, mut params: ListParams) -> DomainResult<Page<ApprovalView>> {
    let me = ctx.actor.user_id;
    let mut select = Instance::find();
    match the_box {
        Some(ApprovalBox::Pending) => select = select.filter(C::Id.in_subquery(tasks_of(me, &[TASK_PENDING]))),
        Some(ApprovalBox::Submitted) => select = select.filter(C::ApplicantId.eq(me)),
        Some(ApprovalBox::Done) => select = select.filter(C::Id.in_subquery(tasks_of(me, &["approved", "rejected", "transferred"]))),
        Some(ApprovalBox::All) if ctx.actor.has(perms::APPROVALS_MANAGE) => {}
        Some(ApprovalBox::All) => return Err(DomainError::forbidden("every approval is for holders of approvals:manage")),
        None => {
            // A document's approvals, for whoever may read the document (ids are UUIDs,
            // so without a type each type is asked); no document: the caller's pending box.
            let doc_id = params.filters.iter().find(|(k, _)| k == "doc_id").and_then(|(_, v)| Uuid::parse_str(v).ok());
            match doc_id {
                Some(id) => {
                    let named = params.filters.iter().find(|(k, _)| k == "doc_type").map(|(_, v)| v.clone());
                    let types: Vec<&dyn docs::ApprovalDoc> = match &named {
                        Some(t) => docs::doc(t).into_iter().collect(),
                        None => docs::DOCS.to_vec(),
                    };
                    let mut readable = ctx.actor.has(perms::APPROVALS_MANAGE);
                    for doc in types {
                        if readable {
                            break;
                        }
                        readable = doc.visible(db, ctx, id).await?;
                    }
                    if !readable {
                        return Err(DomainError::not_found("document"));
                    }
                }
                None => select = select.filter(C::Id.in_subquery(tasks_of(me, &[TASK_PENDING]))),
            }
        }
    }
    params.filters.retain(|(k, _)| k != "box");
    let select = spec().apply(select, &params, db.get_database_backend())?;
    let mut page = fetch_page(db, select, &params).await?;
    let rows = std::mem::take(&mut page.items);
    Ok(page.with_items(views(db, ctx, rows).await?))
}

/// Whether the caller may read the approval: the applicant, an approver of it, a holder
/// of `approvals:manage`, or someone who may read the document.
pub async fn may_read(db: &Db, ctx: &Ctx, i: &instance::Model) -> DomainResult<bool> {
    if i.applicant_id == ctx.actor.user_id || ctx.actor.has(perms::APPROVALS_MANAGE) {
        return Ok(true);
    }
    let mine = task::Entity::find().filter(task::Column::InstanceId.eq(i.id)).filter(task::Column::ApproverId.eq(ctx.actor.user_id)).one(db).await.map_err(db_err)?;
    if mine.is_some() {
        return Ok(true);
    }
    match docs::doc(&i.doc_type) {
        Some(doc) => doc.visible(db, ctx, i.doc_id).await,
        None => Ok(false),
    }
}

pub async fn get(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<ApprovalDetail> {
    let Some(i) = Instance::find_by_id(id).one(db).await.map_err(db_err)? else { return Err(DomainError::not_found("approval")) };
    if !may_read(db, ctx, &i).await? {
        return Err(DomainError::not_found("approval"));
    }
    let events = event::Entity::find().filter(event::Column::InstanceId.eq(id)).order_by_asc(event::Column::At).order_by_asc(event::Column::Id).all(db).await.map_err(db_err)?;
    let names = display_names(db, events.iter().filter_map(|e| e.actor_id)).await?;
    let approval = views(db, ctx, vec![i]).await?.pop().ok_or_else(|| DomainError::not_found("approval"))?;
    let events = events
        .into_iter()
        .map(|e| ApprovalEventView {
            id: e.id,
            actor_name: e.actor_id.and_then(|a| names.get(&a).cloned()),
            action: e.action,
            step_index: e.step_index,
            actor_id: e.actor_id,
            comment: e.comment,
            data: e.data,
            at: e.at,
        })
        .collect();
    Ok(ApprovalDetail { approval, events })
}

/// Views of a page of instances: their tasks and people's names in two queries.
async fn views(db: &Db, ctx: &Ctx, rows: Vec<instance::Model>) -> DomainResult<Vec<ApprovalView>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let tasks = if ids.is_empty() {
        Vec::new()
    } else {
        task::Entity::find().filter(task::Column::InstanceId.is_in(ids)).order_by_asc(task::Column::StepIndex).order_by_asc(task::Column::Position).order_by_asc(task::Column::CreatedAt).all(db).await.map_err(db_err)?
    };
    let mut people: Vec<Uuid> = rows.iter().map(|r| r.applicant_id).collect();
    people.extend(tasks.iter().map(|t| t.approver_id));
    for r in &rows {
        people.extend(steps_of(r).into_iter().flat_map(|s| s.approver_ids));
    }
    let names = display_names(db, people).await?;
    let mut by_instance: HashMap<Uuid, Vec<task::Model>> = HashMap::new();
    for t in tasks {
        by_instance.entry(t.instance_id).or_default().push(t);
    }
    let me = ctx.actor.user_id;
    Ok(rows
        .into_iter()
        .map(|r| {
            let tasks = by_instance.remove(&r.id).unwrap_or_default();
            let steps = steps_of(&r)
                .into_iter()
                .enumerate()
                .map(|(index, s)| {
                    let of_step: Vec<&task::Model> = tasks.iter().filter(|t| usize::try_from(t.step_index).ok() == Some(index)).collect();
                    let approvers = if of_step.is_empty() {
                        s.approver_ids.iter().map(|a| ApproverView { user_id: *a, name: names.get(a).cloned(), state: "not_started".into(), comment: None, acted_at: None }).collect()
                    } else {
                        of_step
                            .iter()
                            .map(|t| ApproverView { user_id: t.approver_id, name: names.get(&t.approver_id).cloned(), state: t.state.clone(), comment: t.comment.clone(), acted_at: t.acted_at })
                            .collect()
                    };
                    StepView { index, name: s.name, mode: s.mode, state: s.state, approvers }
                })
                .collect();
            let pending = r.status == InstanceStatus::Pending.as_str();
            let rules = rules_of(&r);
            ApprovalView {
                can_act: pending && tasks.iter().any(|t| t.approver_id == me && t.state == TASK_PENDING && Some(t.step_index) == r.current_step),
                can_withdraw: pending && r.applicant_id == me && rules.allow_withdraw,
                id: r.id,
                doc_type: r.doc_type,
                doc_id: r.doc_id,
                doc_label: r.doc_label,
                summary: r.summary,
                status: InstanceStatus::parse(&r.status).unwrap_or(InstanceStatus::Pending),
                applicant_name: names.get(&r.applicant_id).cloned(),
                applicant_id: r.applicant_id,
                round: r.round,
                flow_name: rules.name,
                flow_version: r.flow_version,
                current_step: r.current_step,
                steps,
                version: r.version,
                created_at: r.created_at,
                updated_at: r.updated_at,
                finished_at: r.finished_at,
            }
        })
        .collect())
}
