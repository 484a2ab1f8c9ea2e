//! Quotes through approval: a draft is submitted (checked as sending checks it) and waits
//! read-only as `pending`; approved, it is sent (frozen for its PDF); rejected or
//! withdrawn, it is a draft again.

use crm_domain::approvals::{DocFields, FieldKind};
use crm_domain::money::from_minor;
use crm_domain::sales_docs::QuoteStatus;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::entities::quote::{self, Column as C};
use super::quotes::{self, Quotes};
use crate::approvals::docs::{ApprovalDoc, Decision, DocFuture, DocSnapshot};
use crate::db::db_err;
use crate::kit;
use crate::tx::Tx;
use crate::{audit, Ctx, Db};

pub const DOC_TYPE: &str = "quote";

pub struct QuoteApproval;

const FIELDS: DocFields = &[
    ("total", FieldKind::Money),
    ("subtotal", FieldKind::Money),
    ("discount_total", FieldKind::Money),
    ("currency", FieldKind::Text),
    ("valid_until", FieldKind::Date),
    ("customer_id", FieldKind::Id),
    ("owner_id", FieldKind::Id),
];

/// Moves the quote to `after`'s status (and sent state) under its version, with its audit
/// entry.
async fn set(tx: &Tx, ctx: &Ctx, before: &quote::Model, after: &quote::Model, action: &str) -> DomainResult<()> {
    let res = quote::Entity::update_many()
        .col_expr(C::Status, Expr::value(after.status.clone()))
        .col_expr(C::SentAt, Expr::value(after.sent_at))
        .col_expr(C::SentSnapshot, Expr::value(after.sent_snapshot.clone()))
        .col_expr(C::Version, Expr::value(before.version + 1))
        .col_expr(C::UpdatedAt, Expr::value(ctx.now))
        .filter(C::Id.eq(before.id))
        .filter(C::Version.eq(before.version))
        .filter(C::DeletedAt.is_null())
        .exec(tx)
        .await
        .map_err(db_err)?;
    if res.rows_affected == 0 {
        return Err(DomainError::conflict("quote.changed", "the quote changed meanwhile; reload it"));
    }
    audit::record(tx, ctx, "quotes", before.id, action, &json!({"status": before.status}), &json!({"status": after.status})).await
}

impl ApprovalDoc for QuoteApproval {
    fn doc_type(&self) -> &'static str {
        DOC_TYPE
    }

    fn fields(&self) -> DocFields {
        FIELDS
    }

    fn submit<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, DocSnapshot> {
        Box::pin(async move {
            let q = kit::load::<Quotes>(tx, ctx, id, true).await?;
            if q.status == QuoteStatus::Pending.as_str() {
                return Err(crate::approvals::pending());
            }
            if q.status != QuoteStatus::Draft.as_str() {
                return Err(DomainError::conflict("quote.not_draft", format!("a draft is submitted for approval; this one is {}", q.status)));
            }
            quotes::check_sendable(tx, &q, ctx.now.date_naive()).await?;
            let view = kit::view::<Quotes>(tx, ctx, q.clone()).await?;
            let money = |minor: i64| Value::String(from_minor(minor).to_string());
            let mut fields = Map::new();
            fields.insert("total".into(), money(q.total_minor));
            fields.insert("subtotal".into(), money(q.subtotal_minor));
            fields.insert("discount_total".into(), money(q.discount_minor));
            fields.insert("currency".into(), json!(q.currency));
            fields.insert("valid_until".into(), json!(q.valid_until));
            fields.insert("customer_id".into(), json!(q.customer_id));
            fields.insert("owner_id".into(), json!(q.owner_id));
            let summary = json!({"number": q.number, "customer_name": view.customer_name, "owner_name": view.owner_name, "total": view.total,
                "currency": q.currency, "valid_until": q.valid_until, "lines": view.lines.len()});
            let label = q.number.clone();
            set(tx, ctx, &q, &quote::Model { status: QuoteStatus::Pending.as_str().into(), ..q.clone() }, "submit").await?;
            Ok(DocSnapshot { label, summary, fields })
        })
    }

    fn decided<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid, decision: Decision) -> DocFuture<'a, ()> {
        Box::pin(async move {
            // scope-bypass: the approver decides a document they need not otherwise see.
            let Some(q) = quote::Entity::find_by_id(id).one(tx).await.map_err(db_err)? else { return Err(DomainError::not_found("quote")) };
            if q.status != QuoteStatus::Pending.as_str() {
                return Err(DomainError::conflict("quote.changed", "the quote is no longer waiting for approval"));
            }
            match decision {
                Decision::Approved => {
                    let next = quotes::sent(tx, ctx, q.clone()).await?;
                    set(tx, ctx, &q, &next, "approved").await
                }
                Decision::Rejected | Decision::Withdrawn => {
                    let action = if decision == Decision::Rejected { "rejected" } else { "withdrawn" };
                    set(tx, ctx, &q, &quote::Model { status: QuoteStatus::Draft.as_str().into(), ..q.clone() }, action).await
                }
            }
        })
    }

    fn visible<'a>(&'a self, db: &'a Db, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, bool> {
        crate::approvals::docs::readable::<Quotes>(db, ctx, id)
    }
}

