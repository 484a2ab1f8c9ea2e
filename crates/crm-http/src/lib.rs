//! The HTTP layer: actix-web routes, extractors, the permission guard, problem+json,
//! OpenAPI and the embedded SPA.
//!
//! Invariant: the only crate that knows HTTP and JSON. A handler extracts, calls one
//! service and maps the result to a DTO: no SQL, no business rule, no hand-made
//! permission check (the guard does that for every route).

pub mod admin;
pub mod approvals;
pub mod allowed_methods;
pub mod sessions;
pub mod auth;
pub mod batch;
pub mod contacts;
pub mod contracts;
pub mod receivables;
pub mod customer_groups;
pub mod customers;
pub mod drive;
pub mod follow_ups;
pub mod etag;
pub mod export;
pub mod guard;
pub mod idempotency;
pub mod jobs;
pub mod imports;
pub mod exports;
pub mod json;
pub mod leads;
pub mod list_query;
pub mod login_guard;
pub mod modules;
pub mod notifications;
pub mod opportunities;
/// Money amounts on the wire, with the domain's inputs that carry them.
pub use crm_domain::amount as money;
pub mod openapi;
pub mod openapi_rules;
pub mod plans;
/// PATCH fields that tell absent from null.
pub use crm_domain::patch;
pub mod products;
pub mod problem;
pub mod rate_limit;
pub mod regions;
pub mod reports;
pub mod request_log;
pub mod sales_docs;
pub mod saved_views;
pub mod security_headers;
pub mod settings;
pub mod spa;
pub mod state;
pub mod strict_json;
pub mod suppliers;
pub mod system;
pub mod text_input;
pub mod webhooks;
pub mod workbench;

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::http::Method;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{error, web, App, HttpServer};
use crm_domain::permissions::Access;
use crm_persistence::Db;

pub use guard::{RouteInfo, Routes};
pub use state::AppState;

use crate::problem::bad_request;

/// Every route of the product, in one place.
pub fn mount_all(r: &mut Routes) {
    for m in modules::MODULES {
        (m.mount)(r);
    }
    r.add(Method::GET, "/api/openapi.json", Access::Public, openapi::serve)
        .add(Method::GET, "/api/docs", Access::Public, spa::docs);
}

/// The route table, for tests that check every route has a permission and documentation.
pub fn route_table() -> Vec<RouteInfo> {
    let mut r = Routes::record_only();
    mount_all(&mut r);
    r.table
}

pub fn app_state(db: Db, secret: &[u8], settings: state::Settings) -> AppState {
    AppState::new(db, secret, settings)
}

/// Configures one App; used by the server and by nothing else, so tests drive the same
/// stack over real HTTP.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let mut routes = Routes::new(cfg);
    mount_all(&mut routes);
    routes.finish();
}

pub fn server(state: AppState, listener: TcpListener, workers: usize) -> std::io::Result<Server> {
    let workers = workers.max(1);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(state.for_worker(workers)))
            .app_data(web::PathConfig::default().error_handler(|e, _| bad_request("path.invalid", format!("bad path parameter: {e}"), Some("path")).into()))
            .app_data(web::QueryConfig::default().error_handler(|e, _| bad_request("query.invalid", format!("bad query: {e}"), None).into()))
            .app_data(web::PayloadConfig::new(json::BODY_LIMIT))
            .app_data(web::JsonConfig::default().limit(json::BODY_LIMIT).error_handler(|e, _| match e {
                error::JsonPayloadError::Overflow { .. } | error::JsonPayloadError::OverflowKnownLength { .. } => json::too_large().into(),
                other => bad_request("body.invalid", other.to_string(), Some("body")).into(),
            }))
            .wrap(Compress::default())
            .wrap(from_fn(security_headers::security_headers))
            .wrap(from_fn(request_log::request_log))
            .configure(configure)
            .default_service(web::to(spa::fallback))
    })
    .workers(workers)
    .shutdown_timeout(10)
    .listen(listener)?
    .run();
    Ok(server)
}
