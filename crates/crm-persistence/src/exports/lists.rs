//! Every list that exports, in one table: its name (the URL's, so `GET /customers/export`
//! and `POST /exports {"list": "customers"}` say the same), the permission an export of it
//! needs, and how its query is built. The download routes and the background job both
//! start their files here, so a list exports the same rows and columns whichever way
//! it is asked.

use crm_domain::permissions::{perms, Perm};
use crm_domain::DomainResult;
use futures_util::future::LocalBoxFuture;
use futures_util::FutureExt;
use sea_orm::EntityTrait;

use crate::kit::{self, Resource};
use crate::listing::ListParams;
use crate::table_export::{self, Export, ExportFormat, Reader, TableExport};
use crate::{Ctx, Db};

/// An export whose query is built — the caller's scope applied, the list's parameters
/// checked — and not yet run.
pub type Prepared = Box<dyn FnOnce(ExportFormat, Reader) -> LocalBoxFuture<'static, DomainResult<Export>>>;

type Prepare = for<'a> fn(&'a Db, &'a Ctx, ListParams) -> LocalBoxFuture<'a, DomainResult<Prepared>>;

/// One list that exports.
pub struct Exportable {
    /// As in its URL: `customers`, `payment-plans`.
    pub list: &'static str,
    /// What an export of it needs besides signing in (`customers:export`).
    pub permission: Perm,
    prepare: Prepare,
}

impl Exportable {
    /// Builds the query: a bad filter or sort is an error now (400 naming it), before a
    /// byte is sent or a job queued.
    pub async fn prepare(&self, db: &Db, ctx: &Ctx, params: ListParams) -> DomainResult<Prepared> {
        (self.prepare)(db, ctx, params).await
    }

    /// The whole list for `ctx` as a file.
    pub async fn start(&self, db: &Db, ctx: &Ctx, params: ListParams, format: ExportFormat, reader: Reader) -> DomainResult<Export> {
        let run = self.prepare(db, ctx, params).await?;
        run(format, reader).await
    }
}

fn ready<X>(db: &Db, select: sea_orm::Select<X::Entity>) -> Prepared
where
    X: TableExport,
    <X::Entity as EntityTrait>::Model: Send + Sync,
{
    let db = db.clone();
    Box::new(move |format, reader| table_export::run::<X>(db, select, format, reader).boxed_local())
}

/// A list of the kit: `kit::list_select` (visible rows, the module's `narrow`, the spec).
fn of_kit<'a, R, X>(db: &'a Db, ctx: &'a Ctx, params: ListParams) -> LocalBoxFuture<'a, DomainResult<Prepared>>
where
    R: Resource,
    X: TableExport<Entity = R::Entity>,
    <R::Entity as EntityTrait>::Model: Send + Sync,
{
    async move { Ok(ready::<X>(db, kit::list_select::<R>(db, ctx, params).await?)) }.boxed_local()
}

/// Customers list themselves (pools, search walk), so their export starts from that query.
fn customers<'a>(db: &'a Db, ctx: &'a Ctx, params: ListParams) -> LocalBoxFuture<'a, DomainResult<Prepared>> {
    async move { Ok(ready::<crate::customers::export::CustomerExport>(db, crate::customers::list::list_select(db, ctx, params).await?)) }.boxed_local()
}

/// Follow-ups across every customer the caller sees.
fn interactions<'a>(db: &'a Db, ctx: &'a Ctx, params: ListParams) -> LocalBoxFuture<'a, DomainResult<Prepared>> {
    async move { Ok(ready::<crate::customers::interactions::InteractionExport>(db, crate::customers::interactions::export_select(db, ctx, params).await?)) }.boxed_local()
}

macro_rules! kit_list {
    ($name:ident, $list:literal, $perm:expr, $resource:ty, $export:ty) => {
        pub const $name: Exportable = Exportable { list: $list, permission: $perm, prepare: of_kit::<$resource, $export> };
    };
}

pub const CUSTOMERS: Exportable = Exportable { list: "customers", permission: perms::CUSTOMERS_EXPORT, prepare: customers };
pub const INTERACTIONS: Exportable = Exportable { list: "interactions", permission: perms::FOLLOW_UPS_EXPORT, prepare: interactions };
kit_list!(CONTACTS, "contacts", perms::CONTACTS_EXPORT, crate::customers::contacts::Contacts, crate::customers::contacts::ContactExport);
kit_list!(CUSTOMER_GROUPS, "customer-groups", perms::CUSTOMER_GROUPS_EXPORT, crate::customer_groups::CustomerGroups, crate::customer_groups::GroupExport);
kit_list!(LEADS, "leads", perms::LEADS_EXPORT, crate::leads::records::Leads, crate::leads::export::LeadExport);
kit_list!(OPPORTUNITIES, "opportunities", perms::OPPORTUNITIES_EXPORT, crate::opportunities::records::Opportunities, crate::opportunities::export::OpportunityExport);
kit_list!(QUOTES, "quotes", perms::QUOTES_EXPORT, crate::sales_docs::quotes::Quotes, crate::sales_docs::export::QuoteExport);
kit_list!(ORDERS, "orders", perms::ORDERS_EXPORT, crate::sales_docs::orders::Orders, crate::sales_docs::export::OrderExport);
kit_list!(CONTRACTS, "contracts", perms::CONTRACTS_EXPORT, crate::sales_docs::contracts::Contracts, crate::sales_docs::export::ContractExport);
kit_list!(PAYMENT_PLANS, "payment-plans", perms::PAYMENTS_EXPORT, crate::receivables::plans::PaymentPlans, crate::receivables::export::PaymentPlanExport);
kit_list!(PAYMENTS, "payments", perms::PAYMENTS_EXPORT, crate::receivables::payments::Payments, crate::receivables::export::PaymentExport);
kit_list!(INVOICES, "invoices", perms::INVOICES_EXPORT, crate::receivables::invoices::Invoices, crate::receivables::export::InvoiceExport);
kit_list!(PRODUCTS, "products", perms::PRODUCTS_EXPORT, crate::products::service::Products, crate::products::service::ProductExport);
kit_list!(PRODUCT_CATEGORIES, "product-categories", perms::PRODUCT_CATEGORIES_EXPORT, crate::products::categories::Categories, crate::products::categories::CategoryExport);
kit_list!(SUPPLIERS, "suppliers", perms::SUPPLIERS_EXPORT, crate::products::suppliers::Suppliers, crate::products::suppliers::SupplierExport);
kit_list!(SALES_PLANS, "sales-plans", perms::SALES_PLANS_EXPORT, crate::plans::sales_plans::SalesPlans, crate::plans::sales_plans::SalesPlanExport);
kit_list!(WEEKLY_REPORTS, "weekly-reports", perms::SALES_PLANS_EXPORT, crate::plans::weekly_reports::WeeklyReports, crate::plans::weekly_reports::WeeklyReportExport);
kit_list!(USERS, "users", perms::USERS_EXPORT, crate::system::users::Users, crate::system::users::UserExport);
kit_list!(DEPARTMENTS, "departments", perms::DEPARTMENTS_EXPORT, crate::system::departments::Departments, crate::system::departments::DepartmentExport);
kit_list!(ROLES, "roles", perms::ROLES_EXPORT, crate::system::roles::Roles, crate::system::roles::RoleExport);

/// Every list that exports. Reports (`/reports/…/export`) are not here: they are a few
/// grouped rows made in memory, never a large file.
pub const LISTS: &[&Exportable] = &[
    &CUSTOMERS, &CONTACTS, &CUSTOMER_GROUPS, &INTERACTIONS, &LEADS, &OPPORTUNITIES, &QUOTES, &ORDERS, &CONTRACTS, &PAYMENT_PLANS, &PAYMENTS, &INVOICES,
    &PRODUCTS, &PRODUCT_CATEGORIES, &SUPPLIERS, &SALES_PLANS, &WEEKLY_REPORTS, &USERS, &DEPARTMENTS, &ROLES,
];

/// The list named `list`.
pub fn find(list: &str) -> Option<&'static Exportable> {
    LISTS.iter().copied().find(|l| l.list == list)
}

/// The names, for an error that lists them.
pub fn names() -> Vec<&'static str> {
    LISTS.iter().map(|l| l.list).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut names = names();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n);
    }
}
