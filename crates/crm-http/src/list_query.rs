//! `page`, `page_size`, `q` and `sort` from the query string; every other parameter is a
//! filter for the resource's `ListSpec` to accept or reject by name.

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use crm_persistence::listing::ListParams;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use crate::problem::{bad_request, ApiError};

/// The paging parameters every list takes (documentation; parsing is `ListQuery`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PageParams {
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 1000000, example = 1)]
    page: Option<u64>,
    /// Rows per page, 1 to 200 (default 10).
    #[param(minimum = 1, maximum = 200, example = 10)]
    page_size: Option<u64>,
    /// Fuzzy text, matched case-insensitively anywhere in the searchable fields; with
    /// several words (split at spaces, at most 10) every word must match, each in any field.
    q: Option<String>,
    /// Comma-separated sort fields; `-` for descending, e.g. `-created_at,name`.
    sort: Option<String>,
}

/// Paging only, for lists with a fixed order and no free-text search.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PagingParams {
    #[param(minimum = 1, maximum = 1000000, example = 1)]
    page: Option<u64>,
    #[param(minimum = 1, maximum = 200, example = 10)]
    page_size: Option<u64>,
}

pub struct ListQuery(pub ListParams);

pub fn parse(query: &str) -> Result<ListParams, ApiError> {
    Ok(crm_persistence::listing::parse_query(query)?)
}

/// For lists in a fixed order and without filters: anything but `page` and `page_size`
/// is a 400 naming it.
pub fn paging_only(p: &ListParams) -> Result<(), ApiError> {
    match p.filters.first().map(|(n, _)| n.as_str()).or(p.q.as_ref().map(|_| "q")).or((!p.sort.is_empty()).then_some("sort")) {
        Some(name) => Err(bad_request("query.invalid", format!("this list takes only page and page_size, not '{name}'"), Some(name))),
        None => Ok(()),
    }
}

impl FromRequest for ListQuery {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(parse(req.query_string()).map(ListQuery))
    }
}

/// The envelope of every list.
#[derive(Serialize, ToSchema)]
pub struct PageOf<T: ToSchema> {
    pub items: Vec<T>,
    /// Rows matching the filters, across all pages, counted up to 10,000, or up to 1,000
    /// when the list searches text (`q`): above that it is the cap and `total_exact` is
    /// false.
    #[schema(example = 1234)]
    pub total: u64,
    /// False when more rows match than `total` says (narrow the filters, or export).
    #[schema(example = true)]
    pub total_exact: bool,
    #[schema(example = 1)]
    pub page: u64,
    #[schema(example = 10)]
    pub page_size: u64,
}

impl<T: ToSchema> PageOf<T> {
    pub fn from_page<S>(p: crm_persistence::Page<S>, f: impl FnMut(S) -> T) -> Self {
        let p = p.map(f);
        Self { items: p.items, total: p.total, total_exact: p.total_exact, page: p.page, page_size: p.page_size }
    }
}

/// A page of read models that are their own wire shape (resources of the kit).
impl<T: ToSchema> From<crm_persistence::Page<T>> for PageOf<T> {
    fn from(p: crm_persistence::Page<T>) -> Self {
        Self { items: p.items, total: p.total, total_exact: p.total_exact, page: p.page, page_size: p.page_size }
    }
}
