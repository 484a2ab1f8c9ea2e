//! Amendments of active contracts [合同变更] (CON-3): an active contract changes only through
//! an approved amendment. `propose` checks the amended contract by the rules of a draft's
//! edit, keeps it with what changes, and submits it in the same transaction (through the
//! `contract_amendment` flow, or the contract flow when there is none); approval writes it
//! to the contract in the approving action's transaction; a rejection or a withdrawal leaves
//! the contract as it was. One amendment of a contract waits at a time, and a contract
//! with one waiting is neither completed nor terminated (409 `approval.pending`).

use chrono::{DateTime, Utc};
use crm_domain::approvals::{DocFields, FieldKind};
use crm_domain::contracts::{AmendmentInput, AmendmentStatus, CheckedContract, ContractInput, ContractStatus};
use crm_domain::error::{ErrorKind, FieldError};
use crm_domain::money::from_minor;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::contracts::{check_refs, fill, input_of, Contracts};
use super::entities::amendment::{self, Column as A};
use super::entities::{contract, line};
use super::lines;
use crate::approvals::docs::{ApprovalDoc, Decision, DocFuture, DocSnapshot};
use crate::approvals::entities::instance;
use crate::db::db_err;
use crate::kit;
use crate::receivables::ledger;
use crate::tx::Tx;
use crate::{Ctx, Db};

pub const DOC_TYPE: &str = "contract_amendment";

/// The contract's fields an amendment may change, as `ContractInput` names them (besides
/// `amount` and `lines`, compared by their figures).
const AMENDABLE: [&str; 10] = ["name", "opportunity_id", "customer_signer_id", "signer_id", "sign_date", "start_date", "end_date", "category", "payment_terms", "remark"];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ContractAmendment, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f31", "contract_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0",
    "seq": 1, "status": "pending", "reason": "客户追加两台设备，合同金额与期限相应调整",
    "before": {"amount": "150000.00", "end_date": "2027-12-31"}, "after": {"amount": "180000.00", "end_date": "2028-03-31"},
    "applicant_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "applicant_name": "王伟", "approval_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f32",
    "created_at": "2027-03-01T08:00:00Z", "decided_at": null}))]
pub struct AmendmentView {
    pub id: Uuid,
    pub contract_id: Uuid,
    /// 1 for the contract's first amendment, then one more each.
    pub seq: i32,
    pub status: AmendmentStatus,
    pub reason: String,
    /// The fields that change, as they were: `amount` a decimal string, `lines` the lines as
    /// a contract shows them.
    #[schema(value_type = Object)]
    pub before: Value,
    /// The same fields as amended.
    #[schema(value_type = Object)]
    pub after: Value,
    pub applicant_id: Uuid,
    pub applicant_name: Option<String>,
    /// Its approval (`GET /approvals/{id}`).
    pub approval_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// The amendments of contracts, newest first, with their approvals.
async fn views(db: &impl ConnectionTrait, rows: Vec<amendment::Model>) -> DomainResult<Vec<AmendmentView>> {
    let ids: Vec<Uuid> = rows.iter().map(|a| a.id).collect();
    let approvals = if ids.is_empty() {
        Vec::new()
    } else {
        instance::Entity::find()
            .filter(instance::Column::DocType.eq(DOC_TYPE))
            .filter(instance::Column::DocId.is_in(ids))
            .order_by_asc(instance::Column::Round)
            .all(db)
            .await
            .map_err(db_err)?
    };
    let names = crate::system::user_names::display_names(db, rows.iter().map(|a| a.applicant_id)).await?;
    Ok(rows
        .into_iter()
        .map(|a| AmendmentView {
            approval_id: approvals.iter().rev().find(|i| i.doc_id == a.id).map(|i| i.id),
            applicant_name: names.get(&a.applicant_id).cloned(),
            status: AmendmentStatus::parse(&a.status).unwrap_or(AmendmentStatus::Pending),
            id: a.id,
            contract_id: a.contract_id,
            seq: a.seq,
            reason: a.reason,
            before: a.before,
            after: a.after,
            applicant_id: a.applicant_id,
            created_at: a.created_at,
            decided_at: a.decided_at,
        })
        .collect())
}

/// `GET /contracts/{id}/amendments`: a contract the caller sees, its amendments newest first.
pub async fn of_contract(db: &Db, ctx: &Ctx, contract_id: Uuid) -> DomainResult<Vec<AmendmentView>> {
    kit::load::<Contracts>(db, ctx, contract_id, false).await?;
    let rows = amendment::Entity::find().filter(A::ContractId.eq(contract_id)).order_by_desc(A::Seq).all(db).await.map_err(db_err)?;
    views(db, rows).await
}

fn must_be_active(c: &contract::Model) -> DomainResult<()> {
    if c.status == ContractStatus::Active.as_str() {
        return Ok(());
    }
    Err(DomainError::conflict("contract.not_active", format!("an amendment changes an active contract; this one is {} (a draft is edited)", c.status)))
}

/// Whether the contract has an amendment waiting for approval.
pub(crate) async fn has_pending(db: &impl ConnectionTrait, contract_id: Uuid) -> DomainResult<bool> {
    let found = amendment::Entity::find().filter(A::ContractId.eq(contract_id)).filter(A::Status.eq(AmendmentStatus::Pending.as_str())).one(db).await.map_err(db_err)?;
    Ok(found.is_some())
}

/// The amended contract's errors name the body's `changes` member they come from.
fn in_changes(mut e: DomainError) -> DomainError {
    for f in &mut e.errors {
        f.field = format!("changes.{}", f.field);
    }
    e
}

/// The amended contract checked as a draft's edit would be, plus what is particular to an
/// active one: the currency stays, and the amount does not go below what its plans,
/// payments and invoices already hold. Answers the lines it would have.
async fn check(tx: &Tx, c: &contract::Model, amended: ContractInput) -> DomainResult<(ContractInput, CheckedContract, Vec<line::Model>)> {
    let (amended, checked) = amended.validate().map_err(in_changes)?;
    check_refs(tx, &amended).await.map_err(in_changes)?;
    if checked.doc.currency != c.currency {
        return Err(DomainError::invalid_field("changes.currency", "not_amendable", format!("the currency of an active contract stays {}", c.currency)));
    }
    let rows = lines::rows(tx, c.id, &checked.doc.lines).await.map_err(in_changes)?;
    if checked.amount < c.amount_minor {
        let plans = ledger::plans_total(tx, c.id, None).await?;
        let paid = c.amount_minor - ledger::payment_room(tx, c, None).await?;
        let invoiced = c.amount_minor - ledger::invoice_room(tx, c, None).await?;
        let floor = plans.max(paid).max(invoiced);
        if checked.amount < floor {
            let minimum = from_minor(floor);
            let mut e = DomainError::new(
                ErrorKind::Validation,
                "contract.amount_below_commitments",
                format!("the contract's plans, payments and invoices already hold {minimum}; the amount cannot go below it"),
            );
            e.errors.push(FieldError { field: "changes.amount".into(), code: "below_commitments".into(), message: format!("at least {minimum}") });
            return Err(e.with_extra(json!({"minimum": minimum, "plans_total": from_minor(plans), "paid": from_minor(paid), "invoiced": from_minor(invoiced)})));
        }
    }
    Ok((amended, checked, rows))
}

/// The fields that change, as they were and as they will be.
fn diff(c: &contract::Model, stored: &[line::Model], amended: &ContractInput, checked: &CheckedContract, rows: &[line::Model]) -> DomainResult<(Map<String, Value>, Map<String, Value>)> {
    let to_json = |v: &ContractInput| serde_json::to_value(v).map_err(|e| DomainError::internal(format!("contract as JSON: {e}")));
    let (was, will) = (to_json(&input_of(c, stored))?, to_json(amended)?);
    let (mut before, mut after) = (Map::new(), Map::new());
    for key in AMENDABLE {
        let (old, new) = (was.get(key).cloned().unwrap_or(Value::Null), will.get(key).cloned().unwrap_or(Value::Null));
        if old != new {
            before.insert(key.into(), old);
            after.insert(key.into(), new);
        }
    }
    if checked.amount != c.amount_minor {
        before.insert("amount".into(), json!(from_minor(c.amount_minor)));
        after.insert("amount".into(), json!(from_minor(checked.amount)));
    }
    let shown = |rows: &[line::Model]| json!(rows.iter().map(lines::view).collect::<Vec<_>>());
    let (old_lines, new_lines) = (shown(stored), shown(rows));
    if old_lines != new_lines {
        before.insert("lines".into(), old_lines);
        after.insert("lines".into(), new_lines);
    }
    Ok((before, after))
}

/// `POST /contracts/{id}/amendments`: an active contract the caller may change, amended as
/// `input` says once approved (at once when no flow applies).
pub async fn propose(db: &Db, ctx: &Ctx, contract_id: Uuid, mut input: AmendmentInput) -> DomainResult<AmendmentView> {
    input.validate_reason()?;
    let tx = crate::tx::begin(db).await?;
    // Locked: of two amendments asked for at once, the second sees the first waiting.
    let c = kit::load_locked::<Contracts>(&tx, ctx, contract_id).await?;
    must_be_active(&c)?;
    if has_pending(&tx, contract_id).await? {
        return Err(crate::approvals::pending());
    }
    let stored = lines::of(&tx, vec![contract_id]).await?.remove(&contract_id).unwrap_or_default();
    let mut base = input_of(&c, &stored);
    if input.changes.lines.is_some() {
        base.amount = None;
    }
    let (amended, checked, rows) = check(&tx, &c, input.changes.apply(base)).await?;
    lines::check_parties(&tx, ctx, c.customer_id, amended.opportunity_id, amended.customer_signer_id).await.map_err(in_changes)?;
    let (before, after) = diff(&c, &stored, &amended, &checked, &rows)?;
    if after.is_empty() {
        return Err(DomainError::invalid_field("changes", "no_change", "the changes leave the contract as it is"));
    }
    let last = amendment::Entity::find().filter(A::ContractId.eq(contract_id)).order_by_desc(A::Seq).one(&tx).await.map_err(db_err)?;
    let row = amendment::Model {
        id: Uuid::now_v7(),
        contract_id,
        seq: last.map_or(1, |a| a.seq + 1),
        status: AmendmentStatus::Pending.as_str().into(),
        reason: input.reason,
        amended: serde_json::to_value(&amended).map_err(|e| DomainError::internal(format!("contract as JSON: {e}")))?,
        before: Value::Object(before),
        after: Value::Object(after),
        applicant_id: ctx.actor.user_id,
        version: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
        decided_at: None,
    };
    amendment::Entity::insert(row.clone().into_active_model()).exec_without_returning(&tx).await.map_err(db_err)?;
    crate::audit::record(&tx, ctx, "contracts", contract_id, "amendment", &Value::Null, &json!({"seq": row.seq, "reason": row.reason, "before": row.before, "after": row.after})).await?;
    crate::approvals::submit_in(&tx, ctx, &AmendmentApproval, row.id).await?;
    let written = amendment::Entity::find_by_id(row.id).one(&tx).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("contract amendment"))?;
    let view = views(&tx, vec![written]).await?.remove(0);
    tx.commit().await.map_err(db_err)?;
    Ok(view)
}

/// The approved amendment written to its contract, checked again on the contract as it is now.
async fn apply(tx: &Tx, ctx: &Ctx, a: &amendment::Model) -> DomainResult<()> {
    let c = ledger::lock_contract(tx, a.contract_id).await?;
    must_be_active(&c)?;
    let amended: ContractInput = serde_json::from_value(a.amended.clone()).map_err(|e| DomainError::internal(format!("stored amendment: {e}")))?;
    let (amended, checked, rows) = check(tx, &c, amended).await?;
    let next = fill(c.clone(), amended, checked);
    let replaces = a.after.get("lines").is_some();
    let link = async |tx: &Tx, _: &contract::Model| if replaces { lines::replace(tx, a.contract_id, rows).await } else { Ok(()) };
    kit::rewrite_in::<Contracts, _>(tx, ctx, c, next, "amend", link).await?;
    Ok(())
}

/// Closes the waiting amendment as decided.
async fn close(tx: &Tx, ctx: &Ctx, a: &amendment::Model, to: AmendmentStatus) -> DomainResult<()> {
    let res = amendment::Entity::update_many()
        .col_expr(A::Status, Expr::value(to.as_str()))
        .col_expr(A::DecidedAt, Expr::value(ctx.now))
        .col_expr(A::UpdatedAt, Expr::value(ctx.now))
        .col_expr(A::Version, Expr::value(a.version + 1))
        .filter(A::Id.eq(a.id))
        .filter(A::Version.eq(a.version))
        .exec(tx)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::conflict("contract_amendment.changed", "the amendment changed meanwhile; reload it"));
    }
    Ok(())
}

pub struct AmendmentApproval;

/// The contract's condition fields, read on the contract as amended, and how much its amount
/// moves (negative when it goes down).
static FIELDS: std::sync::LazyLock<Vec<(&'static str, FieldKind)>> =
    std::sync::LazyLock::new(|| super::contract_approval::FIELDS.iter().copied().chain([("amount_change", FieldKind::Money)]).collect());

async fn find(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<amendment::Model> {
    amendment::Entity::find_by_id(id).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("contract amendment"))
}

impl ApprovalDoc for AmendmentApproval {
    fn doc_type(&self) -> &'static str {
        DOC_TYPE
    }

    fn fields(&self) -> DocFields {
        FIELDS.as_slice()
    }

    fn fallback_flow(&self) -> Option<&'static str> {
        Some(super::contract_approval::DOC_TYPE)
    }

    /// `propose` has written the amendment as pending in this transaction; this reads it
    /// with its contract for the approvers.
    fn submit<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, DocSnapshot> {
        Box::pin(async move {
            let a = find(tx, id).await?;
            if a.status != AmendmentStatus::Pending.as_str() {
                return Err(DomainError::conflict("contract_amendment.changed", "the amendment is no longer waiting"));
            }
            let c = kit::load::<Contracts>(tx, ctx, a.contract_id, false).await?;
            let view = kit::view::<Contracts>(tx, ctx, c.clone()).await?;
            let amended: ContractInput = serde_json::from_value(a.amended.clone()).map_err(|e| DomainError::internal(format!("stored amendment: {e}")))?;
            let amount = a.after.get("amount").and_then(Value::as_str).and_then(|s| s.parse().ok()).unwrap_or(view.amount);
            let mut fields = Map::new();
            fields.insert("amount".into(), Value::String(amount.to_string()));
            fields.insert("amount_change".into(), Value::String((amount - view.amount).to_string()));
            fields.insert("currency".into(), json!(c.currency));
            fields.insert("category".into(), json!(amended.category));
            fields.insert("sign_date".into(), json!(amended.sign_date));
            fields.insert("end_date".into(), json!(amended.end_date));
            fields.insert("customer_id".into(), json!(c.customer_id));
            fields.insert("owner_id".into(), json!(c.owner_id));
            let summary = json!({"contract_id": c.id, "contract_number": c.number, "name": amended.name, "customer_name": view.customer_name,
                "owner_name": view.owner_name, "amount": amount, "amount_before": view.amount, "currency": c.currency, "seq": a.seq,
                "reason": a.reason, "before": a.before, "after": a.after});
            Ok(DocSnapshot { label: format!("{} #{}", c.number, a.seq), summary, fields })
        })
    }

    fn decided<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid, decision: Decision) -> DocFuture<'a, ()> {
        Box::pin(async move {
            let a = find(tx, id).await?;
            if a.status != AmendmentStatus::Pending.as_str() {
                return Err(DomainError::conflict("contract_amendment.changed", "the amendment is no longer waiting for approval"));
            }
            let to = match decision {
                Decision::Approved => {
                    apply(tx, ctx, &a).await?;
                    AmendmentStatus::Approved
                }
                Decision::Rejected => AmendmentStatus::Rejected,
                Decision::Withdrawn => AmendmentStatus::Withdrawn,
            };
            close(tx, ctx, &a, to).await
        })
    }

    fn visible<'a>(&'a self, db: &'a Db, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, bool> {
        Box::pin(async move {
            let a = find(db, id).await?;
            crate::approvals::docs::readable::<Contracts>(db, ctx, a.contract_id).await
        })
    }
}
