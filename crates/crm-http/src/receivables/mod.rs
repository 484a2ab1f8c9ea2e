//! Money owed on contracts (CON-2, CON-5): payment plans, payments received, invoices.
pub mod handlers;
pub mod reports;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module {
    name: "receivables",
    tags: &[
        ("payment_plans", "回款计划 Payment plans: a contract's instalments, their due dates and what they received"),
        ("payments", "回款 Payments received: drafts, approval, confirmation counted on the contract"),
        ("invoices", "发票 Invoices: drafts, approval, issue, void; a customer's remembered invoice titles"),
    ],
    mount: routes::mount,
};
