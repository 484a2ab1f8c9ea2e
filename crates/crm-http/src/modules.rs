//! The one list of modules. A module is its folders in each layer plus one line here:
//! its routes (each with its permission and OpenAPI operation), its OpenAPI tags. The
//! server mounts, `openapi.rs` documents and the contract tests check what this list
//! names, so nothing is registered in two places.

use crate::guard::Routes;
use crate::{admin, approvals, contacts, contracts, receivables, drive, jobs, leads, notifications, opportunities, plans, reports, sales_docs, customer_groups, customers, follow_ups, products, regions, saved_views, sessions, settings, suppliers, system, imports, exports, webhooks, workbench};

pub struct Module {
    pub name: &'static str,
    /// OpenAPI tags (name, description), in the order the docs show them.
    pub tags: &'static [(&'static str, &'static str)],
    pub mount: fn(&mut Routes),
}

/// In the order the API documentation shows them. Routes mount in this order too, and a
/// literal path (`/users/lookup`) must come before a module's `{id}` routes that would
/// shadow it; each module's `routes.rs` keeps that order within itself.
pub const MODULES: &[Module] = &[
    sessions::MODULE,
    workbench::MODULE,
    notifications::MODULE,
    system::MODULE,
    customers::MODULE,
    customer_groups::MODULE,
    contacts::MODULE,
    follow_ups::MODULE,
    products::MODULE,
    suppliers::MODULE,
    drive::MODULE,
    leads::MODULE,
    opportunities::MODULE,
    sales_docs::MODULE,
    contracts::MODULE,
    receivables::MODULE,
    approvals::MODULE,
    reports::MODULE,
    plans::MODULE,
    saved_views::MODULE,
    regions::MODULE,
    admin::MODULE,
    jobs::MODULE,
    settings::MODULE,
    imports::MODULE,
    exports::MODULE,
    webhooks::MODULE,
];
