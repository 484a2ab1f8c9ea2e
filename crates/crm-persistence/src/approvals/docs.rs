//! How a document type plugs into approvals: one small trait (its condition fields, what
//! submitting shows the approvers, what a decision does to it) and one line in `DOCS`.

use std::future::Future;
use std::pin::Pin;

use crm_domain::approvals::DocFields;
use crm_domain::DomainResult;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::tx::Tx;
use crate::{Ctx, Db};

pub type DocFuture<'a, T> = Pin<Box<dyn Future<Output = DomainResult<T>> + 'a>>;

/// The document as it was submitted.
pub struct DocSnapshot {
    /// How people name it: its number.
    pub label: String,
    /// What approvers read in their inbox (number, customer, amount…), shown as it was.
    pub summary: Value,
    /// The values of its condition fields (`fields()`), decimals as strings.
    pub fields: Map<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approved,
    Rejected,
    Withdrawn,
}

/// A document type that goes through approval.
pub trait ApprovalDoc: Sync {
    fn doc_type(&self) -> &'static str;
    /// The fields a step's condition may name.
    fn fields(&self) -> DocFields;
    /// The type whose flow applies when this type has no enabled flow of its own.
    fn fallback_flow(&self) -> Option<&'static str> {
        None
    }
    /// Checks that the caller may submit the document now (theirs to change, in a state
    /// that is submitted), marks it pending (read-only until decided) and returns it as
    /// submitted. In the submission's transaction.
    fn submit<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, DocSnapshot>;
    /// What the decision does to the document, in the deciding action's transaction; `ctx`
    /// is the approver's (or the applicant's, for a withdrawal), who need not otherwise
    /// see the document.
    fn decided<'a>(&'a self, tx: &'a Tx, ctx: &'a Ctx, id: Uuid, decision: Decision) -> DocFuture<'a, ()>;
    /// Whether the caller may read the document (and so its approvals).
    fn visible<'a>(&'a self, db: &'a Db, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, bool>;
}

/// Every document type that goes through approval.
pub const DOCS: &[&dyn ApprovalDoc] = &[
    &crate::sales_docs::approval::QuoteApproval,
    &crate::sales_docs::contract_approval::ContractApproval,
    &crate::sales_docs::amendments::AmendmentApproval,
    &crate::receivables::payments::PaymentApproval,
    &crate::receivables::invoices::InvoiceApproval,
];

/// `ApprovalDoc::visible` for a document on the resource kit: whether the caller may read it.
pub fn readable<'a, R: crate::kit::Resource>(db: &'a Db, ctx: &'a Ctx, id: Uuid) -> DocFuture<'a, bool> {
    Box::pin(async move {
        match crate::kit::load::<R>(db, ctx, id, false).await {
            Ok(_) => Ok(true),
            Err(e) if e.kind == crm_domain::error::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    })
}

pub fn doc(doc_type: &str) -> Option<&'static dyn ApprovalDoc> {
    DOCS.iter().copied().find(|d| d.doc_type() == doc_type)
}

pub fn fields_of(doc_type: &str) -> Option<DocFields> {
    doc(doc_type).map(|d| d.fields())
}

/// A document's move between statuses by approval: `status` (and `also`) written under the
/// version read, with the move in the operation log; a document that changed meanwhile is
/// a 409 `<table's thing>.changed`.
pub async fn set_status<E: crate::recycle::SoftDelete>(
    tx: &Tx,
    ctx: &Ctx,
    id: Uuid,
    read: i32,
    status: (E::Column, &str, &str),
    also: Vec<(E::Column, sea_orm::sea_query::SimpleExpr)>,
    action: &str,
) -> DomainResult<()> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, QueryFilter};
    let (column, from, to) = status;
    let mut update = E::update_many()
        .col_expr(column, Expr::value(to))
        .col_expr(E::version_col(), Expr::value(read + 1))
        .col_expr(E::updated_at_col(), Expr::value(ctx.now));
    for (c, v) in also {
        update = update.col_expr(c, v);
    }
    let res = update.filter(E::id_col().eq(id)).filter(E::version_col().eq(read)).filter(E::deleted_at_col().is_null()).exec(tx).await.map_err(crate::db::db_err)?;
    if res.rows_affected == 0 {
        let thing = E::NAME.trim_end_matches('s');
        return Err(crm_domain::DomainError::conflict(format!("{thing}.changed"), format!("the {thing} changed meanwhile; reload it")));
    }
    crate::audit::record(tx, ctx, E::NAME, id, action, &serde_json::json!({"status": from}), &serde_json::json!({"status": to})).await
}
