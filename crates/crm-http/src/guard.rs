//! The permission guard. Routes are added only through `Routes::add`, which takes the
//! route's `Access`; the guard authenticates, checks the permission (403) and handles
//! `Idempotency-Key`. The builder also records every route, so a test can check each one
//! has a permission and an OpenAPI entry.

use actix_web::body::BoxBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::{from_fn, Next};
use actix_web::{guard as aguard, web, Error, FromRequest, Handler, HttpMessage, Responder};
use crm_domain::permissions::Access;
use crm_domain::DomainError;

use crate::auth::authenticate;
use crate::idempotency;
use crate::problem::ApiError;
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct RouteInfo {
    pub method: Method,
    pub path: String,
    pub access: Access,
}

pub struct Routes<'a> {
    cfg: Option<&'a mut web::ServiceConfig>,
    pub table: Vec<RouteInfo>,
}

impl<'a> Routes<'a> {
    pub fn new(cfg: &'a mut web::ServiceConfig) -> Self {
        Self { cfg: Some(cfg), table: Vec::new() }
    }

    /// Records routes without serving them, for the route table test.
    pub fn record_only() -> Self {
        Self { cfg: None, table: Vec::new() }
    }

    pub fn add<F, Args>(&mut self, method: Method, path: &str, access: Access, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.table.push(RouteInfo { method: method.clone(), path: path.to_string(), access });
        if let Some(cfg) = self.cfg.as_deref_mut() {
            cfg.service(
                web::resource(path)
                    .guard(aguard::Method(method))
                    .wrap(from_fn(move |req: ServiceRequest, next: Next<BoxBody>| guard(access, req, next)))
                    .to(handler),
            );
        }
        self
    }
}

async fn guard(access: Access, req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
    match check(access, &req).await {
        Ok(principal_key) => {
            if req.method() == Method::POST && req.headers().contains_key(idempotency::HEADER) {
                return idempotency::run(req, next, principal_key).await;
            }
            next.call(req).await
        }
        Err(e) => Ok(req.error_response(e)),
    }
}

/// Authenticates and authorises; returns the key idempotency records are kept under.
async fn check(access: Access, req: &ServiceRequest) -> Result<String, ApiError> {
    let mut principal_key = "anonymous".to_string();
    if access != Access::Public {
        let state = req
            .app_data::<web::Data<AppState>>()
            .ok_or_else(|| ApiError(DomainError::internal("no app state")))?
            .clone();
        let principal = authenticate(&state, req).await?;
        if let Access::Perm(p) = access {
            if !principal.actor.has(p) {
                let held_by_user = principal.actor.permissions.contains(&p.code());
                let why = if held_by_user { "the API token's scopes do not include" } else { "your roles do not grant" };
                return Err(ApiError(DomainError::forbidden(format!("{why} '{}'", p.code()))));
            }
        }
        principal_key = principal.actor.user_id.to_string();
        req.extensions_mut().insert(principal);
    }
    Ok(principal_key)
}
