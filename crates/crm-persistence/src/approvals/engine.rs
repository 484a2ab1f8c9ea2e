//! Running an approval: submission (conditions evaluated once on the document as
//! submitted, approvers resolved, the first step opened), and the actions of approvers and
//! applicant. Each action is one transaction that writes its tasks and event and then the
//! instance under the version it read: of two approvers acting at once on an `any` step,
//! exactly one moves it and the other gets a 409 (their task is cancelled by then).

use crm_domain::approvals::{applies, step_outcome, EmptyApprover, FlowStep, InstanceStatus, InstanceStep, ResubmitMode, SelfApproval, StepMode, StepProgress, StepState};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use uuid::Uuid;

use super::docs::{self, ApprovalDoc, Decision};
use super::entities::{event, instance, task};
use super::flows;
use crate::db::db_err;
use crate::notifications::{self, Notice};
use crate::tx::{self, Tx};
use crate::{audit, Ctx, Db};

/// The flow's rules an instance keeps from the version it started on.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FlowRules {
    pub name: Option<String>,
    pub resubmit_mode: ResubmitMode,
    pub allow_withdraw: bool,
    pub require_comment_on_reject: bool,
}

pub(crate) fn steps_of(i: &instance::Model) -> Vec<InstanceStep> {
    serde_json::from_value(i.steps.clone()).unwrap_or_default()
}

pub(crate) fn rules_of(i: &instance::Model) -> FlowRules {
    serde_json::from_value(i.flow.clone()).unwrap_or_default()
}

fn status_of(i: &instance::Model) -> InstanceStatus {
    InstanceStatus::parse(&i.status).unwrap_or(InstanceStatus::Pending)
}

pub(crate) const TASK_WAITING: &str = "waiting";
pub(crate) const TASK_PENDING: &str = "pending";
const TASK_APPROVED: &str = "approved";
const TASK_REJECTED: &str = "rejected";
const TASK_CANCELLED: &str = "cancelled";
const TASK_TRANSFERRED: &str = "transferred";

async fn add_event(tx: &Tx, ctx: &Ctx, instance_id: Uuid, step: Option<usize>, action: &str, comment: Option<String>, data: Value) -> DomainResult<()> {
    let row = event::ActiveModel {
        id: Set(Uuid::now_v7()),
        instance_id: Set(instance_id),
        step_index: Set(step.and_then(|s| i32::try_from(s).ok())),
        actor_id: Set((!ctx.actor.user_id.is_nil()).then_some(ctx.actor.user_id)),
        action: Set(action.into()),
        comment: Set(comment),
        data: Set(data),
        at: Set(ctx.now),
    };
    event::Entity::insert(row).exec_without_returning(tx).await.map_err(db_err)?;
    Ok(())
}

async fn notify(tx: &Tx, ctx: &Ctx, user_id: Uuid, kind: &'static str, i: &instance::Model) -> DomainResult<()> {
    notifications::notify(
        tx,
        ctx,
        Notice {
            user_id,
            kind,
            entity: Some("approvals"),
            record_id: Some(i.id),
            record_label: Some(i.doc_label.clone()),
            data: json!({"doc_type": i.doc_type, "doc_id": i.doc_id}),
            dedupe_key: None,
        },
    )
    .await
}

fn idx(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

/// Submits the document for approval (or, with no enabled flow for its type, approves it
/// at once). Answers the instance's id.
pub async fn submit(db: &Db, ctx: &Ctx, doc: &dyn ApprovalDoc, doc_id: Uuid) -> DomainResult<Uuid> {
    let tx = tx::begin(db).await?;
    let id = submit_in(&tx, ctx, doc, doc_id).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(id)
}

/// `submit` inside the caller's transaction, for a document made in the same one (an
/// amendment is written and submitted at once).
pub async fn submit_in(tx: &Tx, ctx: &Ctx, doc: &dyn ApprovalDoc, doc_id: Uuid) -> DomainResult<Uuid> {
    let applicant = ctx.actor.user_id;
    let snapshot = doc.submit(tx, ctx, doc_id).await?;
    let flow = flow_for(tx, doc, applicant).await?;
    let previous = instance::Entity::find()
        .filter(instance::Column::DocType.eq(doc.doc_type()))
        .filter(instance::Column::DocId.eq(doc_id))
        .order_by_desc(instance::Column::Round)
        .one(tx)
        .await
        .map_err(db_err)?;
    let round = previous.as_ref().map_or(1, |p| p.round + 1);
    let mut steps = Vec::new();
    let mut rules = FlowRules::default();
    let mut skipped = Vec::new();
    if let Some(f) = &flow {
        let view = flows::FlowView::from(f.clone());
        rules = FlowRules { name: Some(view.name.clone()), resubmit_mode: view.resubmit_mode, allow_withdraw: view.allow_withdraw, require_comment_on_reject: view.require_comment_on_reject };
        // A resubmission after a rejection may pick up at the rejected step, when the flow
        // is still the version that rejected it.
        let resume_at = previous
            .as_ref()
            .filter(|p| view.resubmit_mode == ResubmitMode::FromRejectedStep && p.status == InstanceStatus::Rejected.as_str())
            .filter(|p| p.flow_id == Some(f.id) && p.flow_version == Some(f.version))
            .and_then(|p| steps_of(p).iter().position(|s| s.state == StepState::Rejected));
        for (i, step) in view.steps.iter().enumerate() {
            let (state, approvers) = plan_step(tx, step, &view, doc.fields(), &snapshot.fields, applicant, resume_at.is_some_and(|r| i < r)).await?;
            if matches!(state, StepState::Skipped | StepState::AutoPassed) {
                skipped.push((i, state));
            }
            steps.push(InstanceStep { name: step.name.clone(), mode: step.mode, state, approver_ids: approvers });
        }
    }
    let row = instance::Model {
        id: Uuid::now_v7(),
        doc_type: doc.doc_type().into(),
        doc_id,
        doc_label: snapshot.label.chars().take(255).collect(),
        summary: snapshot.summary,
        fields: Value::Object(snapshot.fields),
        flow_id: flow.as_ref().map(|f| f.id),
        flow_version: flow.as_ref().map(|f| f.version),
        flow: json!(rules),
        steps: json!(steps),
        current_step: None,
        status: InstanceStatus::Pending.as_str().into(),
        applicant_id: applicant,
        round,
        version: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
        finished_at: None,
    };
    instance::Entity::insert(instance::ActiveModel::from(row.clone())).exec_without_returning(tx).await.map_err(db_err)?;
    add_event(tx, ctx, row.id, None, "submit", None, json!({"round": round, "flow_version": row.flow_version})).await?;
    for (i, state) in skipped {
        let action = if state == StepState::Skipped { "skip" } else { "auto_pass" };
        add_event(tx, ctx, row.id, Some(i), action, None, json!({})).await?;
    }
    audit::record(tx, ctx, "approvals", row.id, "submit", &Value::Null, &json!({"doc_type": row.doc_type, "doc_id": doc_id, "round": round})).await?;
    let mut current = row;
    open_next(tx, ctx, doc, &mut current, 0).await?;
    save(tx, &current, 1).await?;
    Ok(current.id)
}

/// The flow the applicant's document goes through: its type's, else the one its type
/// falls back to (an amendment goes through its contract's flow when it has none).
async fn flow_for(tx: &Tx, doc: &dyn ApprovalDoc, applicant: Uuid) -> DomainResult<Option<crate::approvals::entities::flow::Model>> {
    if let Some(f) = flows::applicable(tx, doc.doc_type(), applicant).await? {
        return Ok(Some(f));
    }
    match doc.fallback_flow() {
        Some(other) => flows::applicable(tx, other, applicant).await,
        None => Ok(None),
    }
}

/// A step's state and approvers at submission.
async fn plan_step(
    tx: &Tx,
    step: &FlowStep,
    flow: &flows::FlowView,
    doc_fields: crm_domain::approvals::DocFields,
    fields: &serde_json::Map<String, Value>,
    applicant: Uuid,
    carried: bool,
) -> DomainResult<(StepState, Vec<Uuid>)> {
    if carried {
        return Ok((StepState::Approved, Vec::new()));
    }
    if !applies(&step.condition, doc_fields, fields) {
        return Ok((StepState::Skipped, Vec::new()));
    }
    let mut approvers = flows::resolve(tx, &step.approver, applicant).await?;
    let had_applicant = approvers.contains(&applicant);
    if flow.self_approval == SelfApproval::Skip {
        approvers.retain(|a| *a != applicant);
    }
    if approvers.is_empty() {
        if had_applicant {
            return Ok((StepState::AutoPassed, Vec::new()));
        }
        if flow.empty_approver == EmptyApprover::ToAdmin {
            approvers = flows::administrators(tx).await?;
            if flow.self_approval == SelfApproval::Skip {
                approvers.retain(|a| *a != applicant);
            }
        }
        if approvers.is_empty() {
            return Ok((StepState::AutoPassed, Vec::new()));
        }
    }
    Ok((StepState::Waiting, approvers))
}

/// Opens the first waiting step from `from` (its tasks, its approvers told), or, with none
/// left, approves the instance and the document.
async fn open_next(tx: &Tx, ctx: &Ctx, doc: &dyn ApprovalDoc, i: &mut instance::Model, from: usize) -> DomainResult<()> {
    let mut steps = steps_of(i);
    let Some(at) = steps.iter().enumerate().skip(from).find(|(_, s)| s.state == StepState::Waiting).map(|(n, _)| n) else {
        i.steps = json!(steps);
        i.current_step = None;
        return finish(tx, ctx, doc, i, InstanceStatus::Approved).await;
    };
    let Some(step) = steps.get_mut(at) else { return Err(DomainError::internal("approval step out of range")) };
    step.state = StepState::Active;
    for (pos, approver) in step.approver_ids.iter().enumerate() {
        let first = pos == 0 || step.mode != StepMode::Sequential;
        let row = task::ActiveModel {
            id: Set(Uuid::now_v7()),
            instance_id: Set(i.id),
            step_index: Set(idx(at)),
            position: Set(idx(pos)),
            approver_id: Set(*approver),
            state: Set(if first { TASK_PENDING } else { TASK_WAITING }.into()),
            comment: Set(None),
            created_at: Set(ctx.now),
            acted_at: Set(None),
        };
        task::Entity::insert(row).exec_without_returning(tx).await.map_err(db_err)?;
    }
    let told: Vec<Uuid> = if step.mode == StepMode::Sequential { step.approver_ids.iter().take(1).copied().collect() } else { step.approver_ids.clone() };
    i.steps = json!(steps);
    i.current_step = Some(idx(at));
    for user in told {
        notify(tx, ctx, user, "approval.requested", i).await?;
    }
    Ok(())
}

/// Ends the instance: the document takes the decision, the applicant is told.
async fn finish(tx: &Tx, ctx: &Ctx, doc: &dyn ApprovalDoc, i: &mut instance::Model, status: InstanceStatus) -> DomainResult<()> {
    i.status = status.as_str().into();
    i.finished_at = Some(ctx.now);
    i.current_step = None;
    let decision = match status {
        InstanceStatus::Approved => Decision::Approved,
        InstanceStatus::Rejected => Decision::Rejected,
        _ => Decision::Withdrawn,
    };
    doc.decided(tx, ctx, i.doc_id, decision).await?;
    // Whatever is still open is cancelled.
    task::Entity::update_many()
        .col_expr(task::Column::State, Expr::value(TASK_CANCELLED))
        .filter(task::Column::InstanceId.eq(i.id))
        .filter(task::Column::State.is_in([TASK_PENDING, TASK_WAITING]))
        .exec(tx)
        .await
        .map_err(db_err)?;
    let mut steps = steps_of(i);
    for s in &mut steps {
        if matches!(s.state, StepState::Waiting | StepState::Active) {
            s.state = StepState::Cancelled;
        }
    }
    i.steps = json!(steps);
    if status != InstanceStatus::Withdrawn {
        add_event(tx, ctx, i.id, None, status.as_str(), None, json!({})).await?;
        let kind = if status == InstanceStatus::Approved { "approval.approved" } else { "approval.rejected" };
        notify(tx, ctx, i.applicant_id, kind, i).await?;
    }
    Ok(())
}

/// Writes the instance under the version it was read at; a concurrent action got there
/// first otherwise.
async fn save(tx: &Tx, i: &instance::Model, read_version: i32) -> DomainResult<()> {
    let res = instance::Entity::update_many()
        .col_expr(instance::Column::Steps, Expr::value(i.steps.clone()))
        .col_expr(instance::Column::CurrentStep, Expr::value(i.current_step))
        .col_expr(instance::Column::Status, Expr::value(i.status.clone()))
        .col_expr(instance::Column::FinishedAt, Expr::value(i.finished_at))
        .col_expr(instance::Column::UpdatedAt, Expr::value(i.updated_at))
        .col_expr(instance::Column::Version, Expr::value(read_version + 1))
        .filter(instance::Column::Id.eq(i.id))
        .filter(instance::Column::Version.eq(read_version))
        .exec(tx)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::conflict("approval.changed", "someone acted on this approval at the same moment; reload it"));
    }
    Ok(())
}

/// The instance for an action, and its document type. Locked until the action commits
/// (PostgreSQL; SQLite's writers take turns): concurrent actions on one approval read it
/// one after another, so the second sees what the first did.
async fn load(tx: &Tx, id: Uuid) -> DomainResult<(instance::Model, &'static dyn ApprovalDoc)> {
    let found = instance::Entity::find_by_id(id).lock_exclusive().one(tx).await.map_err(db_err)?;
    let Some(i) = found else { return Err(DomainError::not_found("approval")) };
    let doc = docs::doc(&i.doc_type).ok_or_else(|| DomainError::internal(format!("no approval document type {}", i.doc_type)))?;
    Ok((i, doc))
}

fn must_be_pending(i: &instance::Model) -> DomainResult<()> {
    if status_of(i) != InstanceStatus::Pending {
        return Err(DomainError::conflict("approval.closed", format!("this approval is {}; nothing is waiting", i.status)));
    }
    Ok(())
}

/// The caller's pending task on the current step; what they may not do otherwise says why.
async fn my_task(tx: &Tx, db: &Db, ctx: &Ctx, i: &instance::Model) -> DomainResult<task::Model> {
    let mine = task::Entity::find()
        .filter(task::Column::InstanceId.eq(i.id))
        .filter(task::Column::ApproverId.eq(ctx.actor.user_id))
        .filter(task::Column::StepIndex.eq(i.current_step.unwrap_or(-1)))
        .all(tx)
        .await
        .map_err(db_err)?;
    if let Some(t) = mine.iter().find(|t| t.state == TASK_PENDING) {
        return Ok(t.clone());
    }
    if mine.iter().any(|t| t.state == TASK_APPROVED || t.state == TASK_REJECTED) {
        return Err(DomainError::conflict("approval.already_acted", "you have acted on this step already"));
    }
    if mine.iter().any(|t| t.state == TASK_WAITING) {
        return Err(DomainError::conflict("approval.not_your_turn", "this step goes one approver after another; it is not your turn yet"));
    }
    if mine.iter().any(|t| t.state == TASK_CANCELLED) {
        return Err(DomainError::conflict("approval.already_decided", "another approver decided this step"));
    }
    if !super::views::may_read(db, ctx, i).await? {
        return Err(DomainError::not_found("approval"));
    }
    Err(DomainError::forbidden_code("approval.not_approver", "you are not an approver of the current step"))
}

/// Marks the task under its state: of two requests by the same approver, one acts.
async fn close_task(tx: &Tx, ctx: &Ctx, t: &task::Model, state: &str, comment: Option<String>) -> DomainResult<()> {
    let res = task::Entity::update_many()
        .col_expr(task::Column::State, Expr::value(state))
        .col_expr(task::Column::Comment, Expr::value(comment))
        .col_expr(task::Column::ActedAt, Expr::value(ctx.now))
        .filter(task::Column::Id.eq(t.id))
        .filter(task::Column::State.eq(TASK_PENDING))
        .exec(tx)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::conflict("approval.already_acted", "this task was acted on meanwhile"));
    }
    Ok(())
}

fn comment_of(comment: Option<String>, required: bool) -> DomainResult<Option<String>> {
    let mut v = Validator::new();
    let c = v.optional_text("comment", comment.as_deref(), 2000);
    if required && c.is_none() {
        v.add("comment", "required", "this flow asks for a reason when rejecting");
    }
    v.finish()?;
    Ok(c)
}

/// What an approver does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Approve,
    Reject,
}

pub async fn decide(db: &Db, ctx: &Ctx, id: Uuid, verdict: Verdict, comment: Option<String>) -> DomainResult<()> {
    let tx = tx::begin(db).await?;
    let (mut i, doc) = load(&tx, id).await?;
    must_be_pending(&i)?;
    let read = i.version;
    let t = my_task(&tx, db, ctx, &i).await?;
    let comment = comment_of(comment, verdict == Verdict::Reject && rules_of(&i).require_comment_on_reject)?;
    let at = usize::try_from(t.step_index).unwrap_or(0);
    i.updated_at = ctx.now;
    match verdict {
        Verdict::Reject => {
            close_task(&tx, ctx, &t, TASK_REJECTED, comment.clone()).await?;
            add_event(&tx, ctx, i.id, Some(at), "reject", comment, json!({})).await?;
            let mut steps = steps_of(&i);
            if let Some(s) = steps.get_mut(at) {
                s.state = StepState::Rejected;
            }
            i.steps = json!(steps);
            finish(&tx, ctx, doc, &mut i, InstanceStatus::Rejected).await?;
        }
        Verdict::Approve => {
            close_task(&tx, ctx, &t, TASK_APPROVED, comment.clone()).await?;
            add_event(&tx, ctx, i.id, Some(at), "approve", comment, json!({})).await?;
            let approved: Vec<Uuid> = task::Entity::find()
                .filter(task::Column::InstanceId.eq(i.id))
                .filter(task::Column::StepIndex.eq(t.step_index))
                .filter(task::Column::State.eq(TASK_APPROVED))
                .all(&tx)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(|t| t.approver_id)
                .collect();
            let mut steps = steps_of(&i);
            let Some(step) = steps.get_mut(at) else { return Err(DomainError::internal("approval step out of range")) };
            match step_outcome(step, &approved) {
                StepProgress::Waiting => {}
                StepProgress::Next(next) => {
                    task::Entity::update_many()
                        .col_expr(task::Column::State, Expr::value(TASK_PENDING))
                        .filter(task::Column::InstanceId.eq(i.id))
                        .filter(task::Column::StepIndex.eq(t.step_index))
                        .filter(task::Column::ApproverId.eq(next))
                        .filter(task::Column::State.eq(TASK_WAITING))
                        .exec(&tx)
                        .await
                        .map_err(db_err)?;
                    notify(&tx, ctx, next, "approval.requested", &i).await?;
                }
                StepProgress::Done => {
                    step.state = StepState::Approved;
                    i.steps = json!(steps);
                    // The others of an `any` step have nothing left to decide.
                    task::Entity::update_many()
                        .col_expr(task::Column::State, Expr::value(TASK_CANCELLED))
                        .filter(task::Column::InstanceId.eq(i.id))
                        .filter(task::Column::StepIndex.eq(t.step_index))
                        .filter(task::Column::State.is_in([TASK_PENDING, TASK_WAITING]))
                        .exec(&tx)
                        .await
                        .map_err(db_err)?;
                    open_next(&tx, ctx, doc, &mut i, at + 1).await?;
                }
            }
        }
    }
    let action = if verdict == Verdict::Approve { "approve" } else { "reject" };
    audit::record(&tx, ctx, "approvals", i.id, action, &json!({"status": InstanceStatus::Pending.as_str()}), &json!({"status": i.status, "step": at})).await?;
    save(&tx, &i, read).await?;
    tx.commit().await.map_err(db_err)
}

/// The applicant takes the document back while it waits (when the flow allows it).
pub async fn withdraw(db: &Db, ctx: &Ctx, id: Uuid, comment: Option<String>) -> DomainResult<()> {
    let tx = tx::begin(db).await?;
    let (mut i, doc) = load(&tx, id).await?;
    if i.applicant_id != ctx.actor.user_id {
        if !super::views::may_read(db, ctx, &i).await? {
            return Err(DomainError::not_found("approval"));
        }
        return Err(DomainError::forbidden_code("approval.not_applicant", "only the applicant withdraws an approval"));
    }
    must_be_pending(&i)?;
    if !rules_of(&i).allow_withdraw {
        return Err(DomainError::conflict("approval.withdraw_not_allowed", "this flow does not let an applicant withdraw"));
    }
    let comment = comment_of(comment, false)?;
    let read = i.version;
    i.updated_at = ctx.now;
    add_event(&tx, ctx, i.id, i.current_step.and_then(|s| usize::try_from(s).ok()), "withdraw", comment, json!({})).await?;
    finish(&tx, ctx, doc, &mut i, InstanceStatus::Withdrawn).await?;
    audit::record(&tx, ctx, "approvals", i.id, "withdraw", &json!({"status": InstanceStatus::Pending.as_str()}), &json!({"status": i.status})).await?;
    save(&tx, &i, read).await?;
    tx.commit().await.map_err(db_err)
}

/// A current approver hands their task to someone else.
pub async fn transfer(db: &Db, ctx: &Ctx, id: Uuid, to: Uuid, comment: Option<String>) -> DomainResult<()> {
    let tx = tx::begin(db).await?;
    let (mut i, _) = load(&tx, id).await?;
    must_be_pending(&i)?;
    let read = i.version;
    let t = my_task(&tx, db, ctx, &i).await?;
    let comment = comment_of(comment, false)?;
    if flows::resolve(&tx, &crm_domain::approvals::Approver::User { user_ids: vec![to] }, i.applicant_id).await?.is_empty() {
        return Err(DomainError::invalid_field("user_id", "not_found", "no such enabled user"));
    }
    let already = task::Entity::find()
        .filter(task::Column::InstanceId.eq(i.id))
        .filter(task::Column::StepIndex.eq(t.step_index))
        .filter(task::Column::ApproverId.eq(to))
        .filter(task::Column::State.ne(TASK_TRANSFERRED))
        .one(&tx)
        .await
        .map_err(db_err)?;
    if already.is_some() {
        return Err(DomainError::invalid_field("user_id", "already_approver", "that person approves this step already"));
    }
    close_task(&tx, ctx, &t, TASK_TRANSFERRED, comment.clone()).await?;
    let row = task::ActiveModel {
        id: Set(Uuid::now_v7()),
        instance_id: Set(i.id),
        step_index: Set(t.step_index),
        position: Set(t.position),
        approver_id: Set(to),
        state: Set(TASK_PENDING.into()),
        comment: Set(None),
        created_at: Set(ctx.now),
        acted_at: Set(None),
    };
    task::Entity::insert(row).exec_without_returning(&tx).await.map_err(db_err)?;
    let at = usize::try_from(t.step_index).unwrap_or(0);
    let mut steps = steps_of(&i);
    if let Some(s) = steps.get_mut(at) {
        for a in &mut s.approver_ids {
            if *a == ctx.actor.user_id {
                *a = to;
            }
        }
    }
    i.steps = json!(steps);
    i.updated_at = ctx.now;
    add_event(&tx, ctx, i.id, Some(at), "transfer", comment, json!({"to": to})).await?;
    audit::record(&tx, ctx, "approvals", i.id, "transfer", &json!({"approver_id": ctx.actor.user_id}), &json!({"approver_id": to, "step": at})).await?;
    notify(&tx, ctx, to, "approval.requested", &i).await?;
    save(&tx, &i, read).await?;
    tx.commit().await.map_err(db_err)
}

/// A remark on the timeline by anyone who may read the approval.
pub async fn comment(db: &Db, ctx: &Ctx, id: Uuid, comment: String) -> DomainResult<()> {
    let tx = tx::begin(db).await?;
    let (i, _) = load(&tx, id).await?;
    if !super::views::may_read(db, ctx, &i).await? {
        return Err(DomainError::not_found("approval"));
    }
    let mut v = Validator::new();
    let c = v.required_text("comment", &comment, 2000);
    v.finish()?;
    add_event(&tx, ctx, i.id, i.current_step.and_then(|s| usize::try_from(s).ok()), "comment", Some(c.clone()), json!({})).await?;
    audit::record(&tx, ctx, "approvals", i.id, "comment", &Value::Null, &json!({"comment": c})).await?;
    tx.commit().await.map_err(db_err)
}

/// Whether documents of the type go through a flow for the caller (else they are decided
/// without one).
pub async fn flow_applies(db: &impl ConnectionTrait, ctx: &Ctx, doc_type: &str) -> DomainResult<bool> {
    Ok(flows::applicable(db, doc_type, ctx.actor.user_id).await?.is_some())
}

/// The refusal to change a document while it waits for approval.
pub fn pending() -> DomainError {
    DomainError::conflict("approval.pending", "the document is waiting for approval; it changes once decided or withdrawn")
}
