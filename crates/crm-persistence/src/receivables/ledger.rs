//! What a contract is owed and has been paid, kept exact and race-free: every change that
//! counts against a contract's amount (a plan, a submitted or confirmed payment, an issued
//! invoice) first locks the contract's row, so two of them cannot both fit into the same
//! room; the contract's `received_minor` and `invoiced_minor` move by an increment in the
//! same transaction as the payment or invoice that moves them.

use std::collections::HashMap;

use chrono::NaiveDate;
use crm_domain::contracts::ContractStatus;
use crm_domain::money::from_minor;
use crm_domain::receivables::{InvoiceStatus, PaymentStatus};
use crm_domain::error::{ErrorKind, FieldError};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::entities::{invoice, payment, payment_plan};
use crate::db::db_err;
use crate::sales_docs::entities::contract;
use crate::tx::Tx;

/// The contract's row, locked until the transaction ends (`FOR UPDATE` on PostgreSQL;
/// SQLite's writers take turns). The caller has already checked that its user may see it.
pub async fn lock_contract(tx: &Tx, id: Uuid) -> DomainResult<contract::Model> {
    contract::Entity::find_by_id(id)
        .filter(contract::Column::DeletedAt.is_null())
        .lock_exclusive()
        .one(tx)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found("contract"))
}

/// Whether the contract took effect: approved, whether still running or finished since.
pub fn took_effect(status: &str) -> bool {
    matches!(ContractStatus::parse(status), Some(ContractStatus::Active | ContractStatus::Completed | ContractStatus::Terminated))
}

/// Payments and invoices belong to a contract that took effect (409 `contract.not_in_force`).
pub fn must_have_taken_effect(c: &contract::Model) -> DomainResult<()> {
    if took_effect(&c.status) {
        return Ok(());
    }
    Err(DomainError::conflict("contract.not_in_force", format!("payments and invoices belong to a contract that took effect; this one is {}", c.status)))
}

#[derive(FromQueryResult)]
struct Sum {
    total: Option<i64>,
}

async fn sum<E: EntityTrait>(tx: &impl ConnectionTrait, select: sea_orm::Select<E>, amount: impl sea_orm::ColumnTrait) -> DomainResult<i64> {
    let row = select
        .select_only()
        .column_as(Expr::col(amount).sum().cast_as(sea_orm::sea_query::Alias::new("bigint")), "total")
        .into_model::<Sum>()
        .one(tx)
        .await
        .map_err(db_err)?;
    Ok(row.and_then(|r| r.total).unwrap_or(0))
}

/// The contract's live plans' total, leaving out `except` (the plan being changed).
pub async fn plans_total(tx: &Tx, contract_id: Uuid, except: Option<Uuid>) -> DomainResult<i64> {
    use payment_plan::Column as P;
    let mut q = payment_plan::Entity::find().filter(P::ContractId.eq(contract_id)).filter(P::DeletedAt.is_null());
    if let Some(e) = except {
        q = q.filter(P::Id.ne(e));
    }
    sum(tx, q, P::AmountMinor).await
}

/// What the contract still has room for beyond its confirmed payments and its pending ones
/// (other than `except`).
pub async fn payment_room(tx: &Tx, c: &contract::Model, except: Option<Uuid>) -> DomainResult<i64> {
    use payment::Column as Y;
    let mut q = payment::Entity::find().filter(Y::ContractId.eq(c.id)).filter(Y::DeletedAt.is_null()).filter(Y::Status.eq(PaymentStatus::Pending.as_str()));
    if let Some(e) = except {
        q = q.filter(Y::Id.ne(e));
    }
    Ok(c.amount_minor - c.received_minor - sum(tx, q, Y::AmountMinor).await?)
}

/// What the contract still has room for beyond its issued invoices and its pending ones
/// (other than `except`).
pub async fn invoice_room(tx: &Tx, c: &contract::Model, except: Option<Uuid>) -> DomainResult<i64> {
    use invoice::Column as I;
    let mut q = invoice::Entity::find().filter(I::ContractId.eq(c.id)).filter(I::DeletedAt.is_null()).filter(I::Status.eq(InvoiceStatus::Pending.as_str()));
    if let Some(e) = except {
        q = q.filter(I::Id.ne(e));
    }
    Ok(c.amount_minor - c.invoiced_minor - sum(tx, q, I::AmountMinor).await?)
}

/// 422 `code` unless `amount` fits `room` or the caller may exceed it; answers whether it
/// was exceeded (by permission).
pub fn fits(amount: i64, room: i64, may_exceed: bool, code: &str, what: &str) -> DomainResult<bool> {
    if amount <= room {
        return Ok(false);
    }
    if may_exceed {
        return Ok(true);
    }
    let room = from_minor(room.max(0));
    let mut e = DomainError::new(ErrorKind::Validation, code, format!("{what} exceeds what the contract has left: at most {room}"));
    e.errors.push(FieldError { field: "amount".into(), code: "over_contract".into(), message: format!("at most {room}") });
    Err(e.with_extra(serde_json::json!({"available": room})))
}

/// A confirmed payment counts: on its contract and on its plan.
pub async fn receive(tx: &Tx, p: &payment::Model) -> DomainResult<()> {
    contract::Entity::update_many()
        .col_expr(contract::Column::ReceivedMinor, Expr::col(contract::Column::ReceivedMinor).add(p.amount_minor))
        .filter(contract::Column::Id.eq(p.contract_id))
        .exec(tx)
        .await
        .map_err(db_err)?;
    if let Some(plan) = p.plan_id {
        payment_plan::Entity::update_many()
            .col_expr(payment_plan::Column::ReceivedMinor, Expr::col(payment_plan::Column::ReceivedMinor).add(p.amount_minor))
            .filter(payment_plan::Column::Id.eq(plan))
            .exec(tx)
            .await
            .map_err(db_err)?;
    }
    Ok(())
}

/// An invoice issued (`delta` > 0) or voided after issue (`delta` < 0).
pub async fn invoiced(tx: &Tx, contract_id: Uuid, delta: i64) -> DomainResult<()> {
    contract::Entity::update_many()
        .col_expr(contract::Column::InvoicedMinor, Expr::col(contract::Column::InvoicedMinor).add(delta))
        .filter(contract::Column::Id.eq(contract_id))
        .exec(tx)
        .await
        .map_err(db_err)?;
    Ok(())
}

#[derive(FromQueryResult)]
struct Owed {
    contract_id: Uuid,
    total: Option<i64>,
}

/// For each contract among `ids` that took effect, what its instalments due before `today`
/// still owe (one query for a page of contracts).
pub async fn overdue(db: &impl ConnectionTrait, ids: Vec<Uuid>, today: NaiveDate) -> DomainResult<HashMap<Uuid, i64>> {
    use payment_plan::Column as P;
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = payment_plan::Entity::find()
        .select_only()
        .column(P::ContractId)
        .column_as(Expr::expr(Func::sum(Expr::col(P::AmountMinor).sub(Expr::col(P::ReceivedMinor)))).cast_as(sea_orm::sea_query::Alias::new("bigint")), "total")
        .filter(P::ContractId.is_in(ids))
        .filter(P::DeletedAt.is_null())
        .filter(P::DueDate.lt(today))
        .filter(Expr::col(P::ReceivedMinor).lt(Expr::col(P::AmountMinor)))
        .group_by(P::ContractId)
        .into_model::<Owed>()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows.into_iter().map(|r| (r.contract_id, r.total.unwrap_or(0))).collect())
}
