//! A known path asked with a method it does not serve is a 405 naming the methods it does
//! (`Allow`), not a 404: the router sends such requests to the default service, which asks
//! here first.

use std::sync::OnceLock;

use actix_web::dev::ResourceDef;
use actix_web::http::{header, Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse};

use crate::problem::problem_response;

/// Each route pattern with its methods, most specific first (more literal segments win,
/// as `/customers/export` does over `/customers/{id}`).
fn patterns() -> &'static [(ResourceDef, usize, Vec<Method>)] {
    static PATTERNS: OnceLock<Vec<(ResourceDef, usize, Vec<Method>)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let mut out: Vec<(String, usize, Vec<Method>)> = Vec::new();
        for r in crate::route_table() {
            match out.iter_mut().find(|(p, _, _)| *p == r.path) {
                Some((_, _, methods)) => methods.push(r.method),
                None => {
                    let literal = r.path.split('/').filter(|s| !s.starts_with('{')).count();
                    out.push((r.path.clone(), literal, vec![r.method]));
                }
            }
        }
        out.sort_by_key(|p| std::cmp::Reverse(p.1));
        out.into_iter().map(|(p, literal, methods)| (ResourceDef::new(p), literal, methods)).collect()
    })
}

/// The 405 for a path some route serves under other methods.
pub fn not_allowed(req: &HttpRequest) -> Option<HttpResponse> {
    let path = req.path();
    let (_, _, methods) = patterns().iter().find(|(def, _, _)| def.is_match(path))?;
    if methods.contains(req.method()) {
        return None;
    }
    let allow = methods.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
    let mut res = problem_response(StatusCode::METHOD_NOT_ALLOWED, "method.not_allowed", &format!("{} {path} is not served; use {allow}", req.method()), &[], None);
    if let Ok(v) = header::HeaderValue::from_str(&allow) {
        res.headers_mut().insert(header::ALLOW, v);
    }
    Some(res)
}

/// Whether `path` is one some route names literally (no parameters). A request for it that
/// the router gave to a route with parameters (`PATCH /departments/tree` to
/// `/departments/{id}`) asks the literal path for a method it does not serve.
pub fn is_literal_route(path: &str) -> bool {
    static LITERAL: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    LITERAL.get_or_init(|| crate::route_table().into_iter().map(|r| r.path).filter(|p| !p.contains('{')).collect()).contains(path)
}
