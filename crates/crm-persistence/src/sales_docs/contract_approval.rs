//! Contracts through approval (CON-3): a draft is submitted and waits read-only as
//! `pending`; approved, it is active and its customer won (CON-4), in the approving
//! action's transaction; rejected or withdrawn, it is a draft again.

use crm_domain::approvals::{DocFields, FieldKind};
use crm_domain::contracts::ContractStatus;
use crm_domain::money::from_minor;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::EntityTrait;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::contracts::{must_be_draft, Contracts};
use super::entities::contract::{self, Column as C};
use crate::approvals::docs::{set_status, ApprovalDoc, Decision, DocFuture, DocSnapshot};
use crate::db::db_err;
use crate::kit;
use crate::tx::Tx;
use crate::{Ctx, Db};

pub const DOC_TYPE: &str = "contract";

pub struct ContractApproval;

pub(super) const FIELDS: DocFields = &[
    ("amount", FieldKind::Money),
    ("currency", FieldKind::Text),
    ("category", FieldKind::Text),
    ("sign_date", FieldKind::Date),
    ("end_date", FieldKind::Date),
    ("customer_id", FieldKind::Id),
    ("owner_id", FieldKind::Id),
];

/// Moves the contract to `status` under the version read, with its audit entry
/// (`docs::set_status`); activation stamps `activated_at`.
async fn set(tx: &Tx, ctx: &Ctx, before: &contract::Model, status: ContractStatus, action: &str) -> DomainResult<()> {
    let also = if status == ContractStatus::Active { vec![(C::ActivatedAt, Expr::value(ctx.now))] } else { Vec::new() };
    set_status::<contract::Entity>(tx, ctx, before.id, before.version, (C::Status, &before.status, status.as_str()), also, action).await
}

impl ApprovalDoc for ContractApproval {
    fn doc_type(&self) -> &'static str {
        DOC_TYPE
    }

    fn fields(&self) -> DocFields {
        FIELDS
    }

    fn submit<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, DocSnapshot> {
        Box::pin(async move {
            let c = kit::load::<Contracts>(tx, ctx, id, true).await?;
            must_be_draft(&c)?;
            let view = kit::view::<Contracts>(tx, ctx, c.clone()).await?;
            let mut fields = Map::new();
            fields.insert("amount".into(), Value::String(from_minor(c.amount_minor).to_string()));
            fields.insert("currency".into(), json!(c.currency));
            fields.insert("category".into(), json!(c.category));
            fields.insert("sign_date".into(), json!(c.sign_date));
            fields.insert("end_date".into(), json!(c.end_date));
            fields.insert("customer_id".into(), json!(c.customer_id));
            fields.insert("owner_id".into(), json!(c.owner_id));
            let summary = json!({"number": c.number, "name": c.name, "customer_name": view.customer_name, "owner_name": view.owner_name,
                "amount": view.amount, "currency": c.currency, "sign_date": c.sign_date, "start_date": c.start_date, "end_date": c.end_date});
            set(tx, ctx, &c, ContractStatus::Pending, "submit").await?;
            Ok(DocSnapshot { label: c.number.clone(), summary, fields })
        })
    }

    fn decided<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid, decision: Decision) -> DocFuture<'a, ()> {
        Box::pin(async move {
            // scope-bypass: the approver decides a document they need not otherwise see.
            let Some(c) = contract::Entity::find_by_id(id).one(tx).await.map_err(db_err)? else { return Err(DomainError::not_found("contract")) };
            if c.status != ContractStatus::Pending.as_str() {
                return Err(DomainError::conflict("contract.changed", "the contract is no longer waiting for approval"));
            }
            match decision {
                Decision::Approved => {
                    set(tx, ctx, &c, ContractStatus::Active, "approved").await?;
                    crate::customers::pools::mark_won(tx, ctx, c.customer_id).await
                }
                Decision::Rejected => set(tx, ctx, &c, ContractStatus::Draft, "rejected").await,
                Decision::Withdrawn => set(tx, ctx, &c, ContractStatus::Draft, "withdrawn").await,
            }
        })
    }

    fn visible<'a>(&'a self, db: &'a Db, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, bool> {
        crate::approvals::docs::readable::<Contracts>(db, ctx, id)
    }
}
