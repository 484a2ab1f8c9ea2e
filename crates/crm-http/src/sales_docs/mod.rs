//! Quotes and sales orders (SAL-6, SAL-7), with a quote's PDF; read models and inputs are
//! the kit's (`crm_persistence::sales_docs`, `crm_domain::sales_docs`).
pub mod handlers;
pub mod pdf;
pub mod printed;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module {
    name: "sales_docs",
    tags: &[("quotes", "报价 Quotes, their PDF, and orders made from them"), ("orders", "订单 Sales orders and their status")],
    mount: routes::mount,
};
