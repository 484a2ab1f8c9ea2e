//! The permission guard. Routes are added only through `Routes::op` (documented routes:
//! method and path come from the handler's `#[utoipa::path]`, so they are written once)
//! or `Routes::add` (the few undocumented ones), each with the route's `Access`; the
//! guard authenticates, checks the permission (403) and handles `Idempotency-Key`. The
//! builder also records every route with its OpenAPI operation, from which `openapi.rs`
//! builds the document, so a route cannot be served undocumented or documented unserved.

use actix_web::body::BoxBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::{from_fn, Next};
use actix_web::{guard as aguard, web, Error, FromRequest, Handler, HttpMessage, Responder};
use crm_domain::permissions::Access;
use crm_domain::{DomainError, ErrorKind};

use crate::auth::{authenticate, Principal};
use crate::idempotency;
use crate::rate_limit::{self, Caller, Refused, Standing};
use crate::problem::ApiError;
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct RouteInfo {
    pub method: Method,
    pub path: String,
    pub access: Access,
    /// Adds the route's operation and the schemas it names to the document.
    pub document: Option<fn(&mut utoipa::openapi::OpenApi)>,
    /// A list's (or export's) sort fields, from its resource's `ListSpec`: the document
    /// states them as the `sort` parameter's pattern.
    pub sorts: Option<fn() -> Vec<&'static str>>,
}

/// What `#[utoipa::path]` generates for a handler: its operation, tags and schemas.
pub trait Documented: utoipa::Path + utoipa::__dev::SchemaReferences + utoipa::__dev::Tags<'static> {}
impl<P: utoipa::Path + utoipa::__dev::SchemaReferences + utoipa::__dev::Tags<'static>> Documented for P {}

/// `document` of a route whose handler carries `#[utoipa::path]`.
/// (What `#[derive(OpenApi)]` does for each handler it lists, through the same traits.)
fn document<P: Documented>(doc: &mut utoipa::openapi::OpenApi) {
    let mut operation = P::operation();
    operation.tags.get_or_insert_with(Vec::new).extend(P::tags().into_iter().map(String::from));
    doc.paths.add_path_operation(P::path(), P::methods(), operation);
    let mut schemas = Vec::new();
    P::schemas(&mut schemas);
    doc.components.get_or_insert_with(Default::default).schemas.extend(schemas);
}

pub struct Routes<'a> {
    cfg: Option<&'a mut web::ServiceConfig>,
    pub table: Vec<RouteInfo>,
    /// One scope per path prefix (`/api/v1/customers`), in the order first seen: the
    /// router compares a scope's static prefix as a string and then tries only that
    /// scope's routes, where one resource per route tried every route's pattern in turn
    /// (about 4% of the machine in a profile of reads by id).
    scopes: Vec<(String, actix_web::Scope)>,
}

impl<'a> Routes<'a> {
    pub fn new(cfg: &'a mut web::ServiceConfig) -> Self {
        Self { cfg: Some(cfg), table: Vec::new(), scopes: Vec::new() }
    }

    /// Records routes without serving them, for the route table test.
    pub fn record_only() -> Self {
        Self { cfg: None, table: Vec::new(), scopes: Vec::new() }
    }

    /// A documented route: `r.op(Access::Perm(..), list_things, __path_list_things)`; the
    /// method and path are those of the handler's `#[utoipa::path]`.
    pub fn op<F, Args, P>(&mut self, access: Access, handler: F, _doc: P) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
        P: Documented,
    {
        use utoipa::openapi::path::HttpMethod as H;
        for m in P::methods() {
            let method = match m {
                H::Get => Method::GET,
                H::Post => Method::POST,
                H::Put => Method::PUT,
                H::Delete => Method::DELETE,
                H::Options => Method::OPTIONS,
                H::Head => Method::HEAD,
                H::Patch => Method::PATCH,
                H::Trace => Method::TRACE,
            };
            self.route(method, &P::path(), access, handler.clone(), Some(document::<P>));
        }
        self
    }

    /// The route just added lists records sorted by `sorts` (`kit::sort_names::<R>`).
    pub fn sorted_by(&mut self, sorts: fn() -> Vec<&'static str>) -> &mut Self {
        if let Some(last) = self.table.last_mut() {
            last.sorts = Some(sorts);
        }
        self
    }

    /// An undocumented route (the document itself, the docs page).
    pub fn add<F, Args>(&mut self, method: Method, path: &str, access: Access, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.route(method, path, access, handler, None)
    }

    fn route<F, Args>(&mut self, method: Method, path: &str, access: Access, handler: F, document: Option<fn(&mut utoipa::openapi::OpenApi)>) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.table.push(RouteInfo { method: method.clone(), path: path.to_string(), access, document, sorts: None });
        if self.cfg.is_some() {
            let (prefix, rest) = split_prefix(path);
            // A file of a list or report: counts against the caller's exports under way.
            let export = method == Method::GET && path.ends_with("/export");
            let resource = web::resource(rest)
                .guard(aguard::Method(method))
                .wrap(from_fn(move |req: ServiceRequest, next: Next<BoxBody>| guard(access, export, req, next)))
                .to(handler);
            match self.scopes.iter_mut().find(|(p, _)| p == prefix) {
                Some((_, scope)) => {
                    // A scope takes its services by value; the placeholder lives for one statement.
                    let taken = std::mem::replace(scope, web::scope(""));
                    *scope = taken.service(resource);
                }
                None => self.scopes.push((prefix.to_string(), web::scope(prefix).service(resource))),
            }
        }
        self
    }

    /// Serves the routes added. A request under a prefix that no route of it matches
    /// falls through to the App's default service, as it did without scopes.
    pub fn finish(self) {
        if let Some(cfg) = self.cfg {
            for (_, scope) in self.scopes {
                cfg.service(scope);
            }
        }
    }
}

/// A route's path split after its first three segments, `/api/v1/customers` and
/// `/{id}/claim`; shorter paths are all prefix. Prefixes must be static text.
fn split_prefix(path: &str) -> (&str, &str) {
    let cut = path.match_indices('/').nth(3).map_or(path.len(), |(i, _)| i);
    let (prefix, rest) = path.split_at(cut);
    assert!(!prefix.contains('{'), "route {path}: its first three segments must be static to group it by prefix");
    (prefix, rest)
}

async fn guard(access: Access, export: bool, req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(req.error_response(ApiError(DomainError::internal("no app state"))));
    };
    if req.match_info().iter().next().is_some() && crate::allowed_methods::is_literal_route(req.path()) {
        if let Some(res) = crate::allowed_methods::not_allowed(req.request()) {
            return Ok(req.into_response(res));
        }
    }
    // The address's budget first: a flood is turned away before any other work.
    let mut standing = match state.limiter.check_ip(state.client_addr(req.request())) {
        Ok(s) => s,
        Err(refused) => return Ok(rate_limited(req, refused)),
    };
    let principal_key = match check(&state, access, &req).await {
        Ok(key) => key,
        Err(e) => return Ok(with_standing(req.error_response(e), standing)),
    };
    let caller = req.extensions().get::<Principal>().map(|p| match (p.api_token_id, p.actor.user_id) {
        (Some(token), _) => Caller::Token(token),
        (None, user) => Caller::User(user),
    });
    if let Some(caller) = caller {
        match state.limiter.check_caller(caller) {
            Ok(Some(s)) => standing = Some(s),
            Ok(None) => {}
            Err(refused) => return Ok(rate_limited(req, refused)),
        }
    }
    // An export holds its place until its body is done (sent, or the client gone).
    let user = req.extensions().get::<Principal>().map(|p| p.actor.user_id);
    let held = match user {
        Some(user) if export => match crate::export::claim(&state, user) {
            Ok(h) => Some(h),
            Err(e) => return Ok(with_standing(req.error_response(e), standing)),
        },
        _ => None,
    };
    // An upload (multipart) is streamed, never buffered to be hashed and replayed.
    let streamed = req.headers().get(actix_web::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/"));
    let keyed = req.method() == Method::POST && req.headers().contains_key(idempotency::HEADER);
    if keyed && streamed {
        if let Err(e) = idempotency::key_of(&req) {
            return Ok(req.error_response(e));
        }
    }
    let res = if keyed && !streamed {
        idempotency::run(req, next, principal_key).await?
    } else {
        next.call(req).await?
    };
    let res = match held {
        Some(held) => res.map_body(|_, body| BoxBody::new(crate::export::HeldBody { body, held })),
        None => res,
    };
    Ok(with_standing(res, standing))
}

fn with_standing(mut res: ServiceResponse<BoxBody>, standing: Option<Standing>) -> ServiceResponse<BoxBody> {
    if let Some(s) = standing {
        rate_limit::write_headers(res.headers_mut(), s);
    }
    res
}

fn rate_limited(req: ServiceRequest, r: Refused) -> ServiceResponse<BoxBody> {
    let e = DomainError::new(
        ErrorKind::TooManyRequests { retry_after_secs: r.retry_after_secs },
        "rate_limited",
        format!("too many requests; wait {} s (RateLimit-* headers say how many are allowed)", r.retry_after_secs),
    );
    with_standing(req.error_response(ApiError(e)), Some(r.standing))
}

/// Authenticates and authorises; returns the key idempotency records are kept under.
async fn check(state: &AppState, access: Access, req: &ServiceRequest) -> Result<String, ApiError> {
    crate::text_input::check_request(req)?;
    let mut principal_key = "anonymous".to_string();
    if access != Access::Public {
        let principal: Principal = authenticate(state, req).await?;
        if access == Access::Session && principal.api_token_id.is_some() {
            return Err(ApiError(DomainError::forbidden_code(
                "auth.session_required",
                "this needs a person signed in with a password; API tokens cannot call it",
            )));
        }
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

#[cfg(test)]
mod tests {
    use super::split_prefix;

    #[test]
    fn routes_group_by_their_first_three_segments() {
        assert_eq!(split_prefix("/api/v1/customers/{id}/claim"), ("/api/v1/customers", "/{id}/claim"));
        assert_eq!(split_prefix("/api/v1/customers"), ("/api/v1/customers", ""));
        assert_eq!(split_prefix("/api/openapi.json"), ("/api/openapi.json", ""));
        assert_eq!(split_prefix("/healthz"), ("/healthz", ""));
    }

    #[test]
    #[should_panic(expected = "must be static")]
    fn a_dynamic_prefix_is_refused() {
        split_prefix("/api/v1/{thing}/x");
    }
}
