//! Paging, sorting and filtering from query parameters, checked against a per-resource
//! allow-list. An unknown field is a 400 naming it, so a typo never silently returns
//! everything.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::DomainError;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, Expr, Func, Query, SimpleExpr, WindowStatement};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select, Value};
use serde::Serialize;
use uuid::Uuid;
use crate::Db;

pub const DEFAULT_PAGE_SIZE: u64 = 10;
pub const MAX_PAGE_SIZE: u64 = 200;
/// Lists count at most this many rows past the filters: an exact `COUNT(*)` of a million
/// rows costs a scan on every page, and nobody pages that far. Above it `total` is the cap
/// and `total_exact` is false, which the UI shows as "10,000+".
pub const COUNT_CAP: u64 = 10_000;
/// A text search (`q`) on its first pages counts at most this many matches. Filters are
/// counted from index entries alone, but a trigram index only narrows the candidates:
/// every text match is a table row read to recheck it. Counting a thousand of a
/// fragment's 3,300 matches among a million customers read a thousand table pages, 15 ms
/// from the OS cache, where its page took 1 to 2 ms; two hundred take a fifth of that.
/// Past a few hundred matches one finds a customer by typing more, not by paging.
pub const SEARCH_COUNT_CAP: u64 = 200;
/// How many pages past the one shown a search's count reaches, so the pager always
/// offers the next ones: the cap grows as the user pages on (up to `COUNT_CAP`).
const SEARCH_PAGES_AHEAD: u64 = 10;

/// List parameters as parsed from the query string, not yet checked against a spec.
#[derive(Debug, Clone, Default)]
pub struct ListParams {
    pub page: u64,
    pub page_size: u64,
    pub q: Option<String>,
    /// Sort keys as given: `-created_at` is descending.
    pub sort: Vec<String>,
    pub filters: Vec<(String, String)>,
}

impl ListParams {
    pub fn offset(&self) -> u64 {
        (self.page.saturating_sub(1)).saturating_mul(self.page_size)
    }
    pub fn first_page() -> Self {
        Self { page: 1, page_size: DEFAULT_PAGE_SIZE, ..Default::default() }
    }
    /// Whether the list searches text: a `q` with more than blanks.
    pub fn searches(&self) -> bool {
        self.q.as_deref().is_some_and(|q| !q.trim().is_empty())
    }
    /// How far this list's total is counted: for a text search `SEARCH_COUNT_CAP`, or ten
    /// pages past this one when that is more; else `COUNT_CAP`.
    pub fn count_cap(&self) -> u64 {
        if self.searches() {
            self.offset().saturating_add(SEARCH_PAGES_AHEAD.saturating_mul(self.page_size)).clamp(SEARCH_COUNT_CAP, COUNT_CAP)
        } else {
            COUNT_CAP
        }
    }
    /// Removes and returns a filter the service handles itself (not a plain column).
    /// A filter's value, left in place for the spec.
    pub fn filter(&self, name: &str) -> Option<&str> {
        self.filters.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn take_filter(&mut self, name: &str) -> Option<String> {
        let pos = self.filters.iter().position(|(k, _)| k == name)?;
        Some(self.filters.remove(pos).1)
    }
}

/// A 400 `query.invalid` naming the parameter at fault.
fn bad_param(message: String, field: Option<&str>) -> DomainError {
    let mut e = DomainError::bad_request("query.invalid", message.clone());
    if let Some(f) = field {
        e.errors.push(crm_domain::error::FieldError { field: f.into(), code: "invalid".into(), message });
    }
    e
}

/// A list's query string as `ListParams`: `page`, `page_size`, `q` and `sort` by name,
/// every other parameter a filter for the list's spec to take or refuse by name. The
/// routes read their URL's query with it, and a background export the query it was given.
pub fn parse_query(query: &str) -> Result<ListParams, DomainError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|_| bad_param("the query string is malformed".into(), None))?;
    let mut p = ListParams { page: 1, page_size: DEFAULT_PAGE_SIZE, ..Default::default() };
    for (k, v) in pairs {
        match k.as_str() {
            "page" => {
                p.page = v.parse::<u64>().ok().filter(|n| *n >= 1 && *n <= 1_000_000).ok_or_else(|| bad_param(format!("page must be a whole number from 1, not '{v}'"), Some("page")))?;
            }
            "page_size" => {
                p.page_size = v
                    .parse::<u64>()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                    .ok_or_else(|| bad_param(format!("page_size must be from 1 to {MAX_PAGE_SIZE}, not '{v}'"), Some("page_size")))?;
            }
            "q" => p.q = Some(v),
            // Field names joined by commas, exactly: an empty `sort=` is no sort.
            "sort" if v.is_empty() => {}
            "sort" => p.sort.extend(v.split(',').map(String::from)),
            _ => p.filters.push((k, v)),
        }
    }
    Ok(p)
}

#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    /// False when `total` is the list's cap (`ListParams::count_cap`) and more rows match.
    pub total_exact: bool,
    pub page: u64,
    pub page_size: u64,
}

impl<T> Page<T> {
    /// A page whose total was counted exactly.
    pub fn exact(items: Vec<T>, total: u64, params: &ListParams) -> Self {
        Page { items, total, total_exact: true, page: params.page, page_size: params.page_size }
    }
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), total: self.total, total_exact: self.total_exact, page: self.page, page_size: self.page_size }
    }
    /// The same page holding `items`, e.g. views built from its rows (taken with `mem::take`).
    pub fn with_items<U>(self, items: Vec<U>) -> Page<U> {
        Page { items, total: self.total, total_exact: self.total_exact, page: self.page, page_size: self.page_size }
    }
}

/// The rows matching `select`, up to `cap + 1`, counted without reading more: the inner
/// query has no ORDER BY so the database stops at the limit. Totals are reused until the
/// next write (`count_cache`).
pub async fn count_capped<E: EntityTrait>(db: &Db, select: Select<E>, cap: u64) -> Result<(u64, bool), DomainError> {
    let mut inner = select.select_only().expr(Expr::val(1)).limit(cap + 1).into_query();
    inner.clear_order_by();
    let stmt = Query::select().expr(Expr::cust("COUNT(*)")).from_subquery(inner, Alias::new("capped")).to_owned();
    let stmt = db.get_database_backend().build(&stmt);
    let n = crate::count_cache::total(db, stmt).await?;
    let n = u64::try_from(n).unwrap_or(0);
    Ok(if n > cap { (cap, false) } else { (n, true) })
}

/// Like `fetch_page`, for pages whose rows match in many places and are sorted outside
/// any index (a text search). One query numbers up to `COUNT_CAP + 1` matches in `order`
/// (the select's own ORDER BY) and returns only the page's ids, each with the total,
/// reported up to the list's own cap: the database sorts narrow index entries instead of
/// whole rows, the count does not repeat the search, and only a page of ids leaves the
/// database (SQLite hands each row to the server across threads). Then the page's rows
/// are read. Pages past `COUNT_CAP` fall back to a count and an offset.
///
/// The numbering stops at `COUNT_CAP` even when the list reports less (a search's
/// 1,000): that limit also steers PostgreSQL's plan. A trigram match is often estimated
/// at several times its real count, and under a limit of 1,001 the planner then walked
/// the sort's index testing every row for the text, 1.7 s for a fragment with 3,300
/// matches among a million customers, instead of collecting the matches and sorting them.
pub async fn fetch_page_by_ids<E: EntityTrait>(
    db: &Db,
    select: Select<E>,
    params: &ListParams,
    order: &[(E::Column, Order)],
    id: E::Column,
    id_of: fn(&E::Model) -> uuid::Uuid,
) -> Result<Page<E::Model>, DomainError> {
    let cap = params.count_cap();
    let (ids, counted) = if params.offset().saturating_add(params.page_size) <= COUNT_CAP {
        let mut numbered = WindowStatement::new();
        for (c, o) in order {
            numbered.order_by(c.as_column_ref(), o.clone());
        }
        let mut matches = select.clone().select_only().column(id).into_query();
        matches.expr_window_as(Expr::cust("ROW_NUMBER()"), numbered, Alias::new("rn")).limit(COUNT_CAP + 1);
        let page = Query::select()
            .column((Alias::new("m"), Alias::new(sea_orm::IdenStatic::as_str(&id))))
            .expr_window_as(Expr::cust("COUNT(*)"), WindowStatement::new(), Alias::new("total"))
            .from_subquery(matches, Alias::new("m"))
            .order_by((Alias::new("m"), Alias::new("rn")), Order::Asc)
            .limit(params.page_size)
            .offset(params.offset())
            .to_owned();
        let rows = db.query_all(db.get_database_backend().build(&page)).await.map_err(crate::db::db_err)?;
        let mut ids = Vec::with_capacity(rows.len());
        let mut matched = None;
        for r in rows {
            ids.push(r.try_get_by_index::<uuid::Uuid>(0).map_err(crate::db::db_err)?);
            matched = Some(r.try_get_by_index::<i64>(1).map_err(crate::db::db_err)?);
        }
        let counted = match matched {
            Some(n) => {
                let n = u64::try_from(n).unwrap_or(0);
                (n.min(cap), n <= cap)
            }
            // A page past the last match carries no total; count them.
            None if params.offset() > 0 => count_capped(db, select, cap).await?,
            None => (0, true),
        };
        (ids, counted)
    } else {
        let counted = count_capped(db, select.clone(), cap).await?;
        let mut stmt = db.get_database_backend().build(&select.select_only().column(id).into_query());
        // Written into the SQL for the reason `fetch_page` gives.
        stmt.sql.push_str(&format!(" LIMIT {} OFFSET {}", params.page_size, params.offset()));
        (ids_of(db, stmt).await?, counted)
    };
    page_from_ids::<E>(db, ids, counted, params, id, id_of).await
}

/// The ids a statement returns in its first column.
pub async fn ids_of(db: &Db, stmt: sea_orm::Statement) -> Result<Vec<uuid::Uuid>, DomainError> {
    db.query_all(stmt)
        .await
        .map_err(crate::db::db_err)?
        .iter()
        .map(|r| r.try_get_by_index::<uuid::Uuid>(0))
        .collect::<Result<_, _>>()
        .map_err(crate::db::db_err)
}

/// `E::find()` asking for `"table".*` instead of naming every column: rows are read by
/// column name either way, and writing out thirty quoted, table-qualified names was the
/// larger part of building a read by id (17% of the server's CPU in a profile of reads).
pub fn whole_rows<E: EntityTrait>() -> Select<E> {
    let table = E::default().table_name().to_owned();
    E::find().select_only().expr(Expr::cust(format!("\"{table}\".*")))
}

/// The page made of the rows of `ids`, in their order, and an already counted total.
pub async fn page_from_ids<E: EntityTrait>(
    db: &Db,
    ids: Vec<uuid::Uuid>,
    (total, total_exact): (u64, bool),
    params: &ListParams,
    id: E::Column,
    id_of: fn(&E::Model) -> uuid::Uuid,
) -> Result<Page<E::Model>, DomainError> {
    let items = if ids.is_empty() {
        Vec::new()
    } else {
        let mut rows: std::collections::HashMap<uuid::Uuid, E::Model> =
            whole_rows::<E>().filter(id.is_in(ids.clone())).all(db).await.map_err(crate::db::db_err)?.into_iter().map(|m| (id_of(&m), m)).collect();
        ids.iter().filter_map(|i| rows.remove(i)).collect()
    };
    Ok(Page { items, total, total_exact, page: params.page, page_size: params.page_size })
}

/// One page of `select` (already filtered and sorted) with its capped total.
pub async fn fetch_page<E: EntityTrait>(db: &Db, select: Select<E>, params: &ListParams) -> Result<Page<E::Model>, DomainError> {
    let (total, total_exact) = count_capped(db, select.clone(), params.count_cap()).await?;
    // The page's bounds are written into the SQL, not bound as parameters: PostgreSQL
    // plans a prepared statement with a parameter LIMIT as if it returned a tenth of the
    // rows, so it never settled on a cached plan and planned every page anew, which cost
    // more than running it. Both are integers, so nothing else can get into the SQL.
    let mut stmt = db.get_database_backend().build(&select.into_query());
    stmt.sql.push_str(&format!(" LIMIT {} OFFSET {}", params.page_size, params.offset()));
    let items = E::find().from_raw_sql(stmt).all(db).await.map_err(crate::db::db_err)?;
    Ok(Page { items, total, total_exact, page: params.page, page_size: params.page_size })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Uuid,
    Bool,
    Int,
    Decimal,
    Timestamp,
    Date,
    /// A GB/T 2260 region code (`crm_domain::regions`, six digits): matches the rows whose
    /// code is that region or lies inside it (浙江省 `330000` matches 杭州市's districts); a
    /// code the data set does not have matches nothing.
    Region,
}

/// One filterable field. Range fields also accept `<name>_from`/`_to` (times, dates) or
/// `<name>_min`/`_max` (numbers). A comma-separated value matches any of its parts.
pub struct Filter<C> {
    pub name: &'static str,
    pub column: C,
    pub kind: FieldKind,
    pub range: bool,
}

impl<E: EntityTrait> ListSpec<E> {
    /// The fields `sort` takes, for the OpenAPI document.
    pub fn sort_names(&self) -> Vec<&'static str> {
        self.sorts.iter().map(|(n, _)| *n).collect()
    }
}

pub struct ListSpec<E: EntityTrait> {
    pub filters: Vec<Filter<E::Column>>,
    pub sorts: Vec<(&'static str, E::Column)>,
    /// Columns `q` matches, case-insensitively, anywhere in the text.
    pub search: Vec<E::Column>,
    /// A trigram-indexed search column, for resources too large for a LIKE scan
    /// (customers: see the customer search migration).
    pub search_index: Option<TextIndex<E::Column>>,
    pub default_sort: Vec<(E::Column, Order)>,
    /// Appended to every sort so pages are stable.
    pub tie_breaker: E::Column,
}

/// A denormalised lowercase text column, indexed by pg_trgm on PostgreSQL and by an
/// external-content FTS5 trigram table (rowid = `key`) on SQLite.
pub struct TextIndex<C> {
    pub column: C,
    pub key: C,
    pub fts_table: &'static str,
}

impl<C: ColumnTrait> TextIndex<C> {
    /// Rows whose text contains `q`. FTS5 trigrams need three characters; shorter text
    /// (two Chinese characters are common) falls back to a LIKE over the column.
    pub fn matches(&self, backend: DbBackend, q: &str) -> SimpleExpr {
        let q = q.to_lowercase();
        let like = || Expr::col(self.column.as_column_ref()).like(sea_orm::sea_query::LikeExpr::new(like_pattern(&q)).escape('\\'));
        match backend {
            DbBackend::Sqlite if q.chars().count() >= 3 => {
                let phrase = format!("\"{}\"", q.replace('"', "\"\""));
                let ids = Query::select()
                    .expr(Expr::cust("rowid"))
                    .from(Alias::new(self.fts_table))
                    .and_where(Expr::cust_with_values(format!("{} MATCH ?", self.fts_table), [phrase]))
                    .to_owned();
                self.key.in_subquery(ids)
            }
            _ => like(),
        }
    }
}

/// At most this many words in a search.
pub const MAX_SEARCH_WORDS: usize = 10;

/// The words of a search text (split at any white space), each of which must match.
pub fn search_words(q: &str) -> Result<Vec<&str>, DomainError> {
    let words: Vec<&str> = q.split_whitespace().collect();
    if words.len() > MAX_SEARCH_WORDS {
        return Err(bad_field("q", format!("search for at most {MAX_SEARCH_WORDS} words at once")));
    }
    Ok(words)
}

pub(crate) fn bad_field(field: &str, message: String) -> DomainError {
    DomainError::bad_request("query.invalid", message.clone()).with_extra(serde_json::json!({ "errors": [{ "field": field, "code": "invalid", "message": message }] }))
}

/// A filter value, read exactly in the form the OpenAPI document gives for its kind (no
/// surrounding spaces, `true`/`false`, plain decimals), so what the document refuses the
/// server refuses too.
pub(crate) fn parse_value(field: &str, kind: FieldKind, raw: &str) -> Result<Value, DomainError> {
    let err = |what: &str| bad_field(field, format!("'{raw}' is not a valid {what} for '{field}'"));
    Ok(match kind {
        FieldKind::Text => Value::from(raw.to_string()),
        FieldKind::Uuid => Value::from(Uuid::parse_str(raw).ok().filter(|_| raw.len() == 36).ok_or_else(|| err("id"))?),
        FieldKind::Bool => Value::from(match raw {
            "true" => true,
            "false" => false,
            _ => return Err(err("boolean")),
        }),
        FieldKind::Int => Value::from(plain_number(raw, false).then(|| raw.parse::<i64>().ok()).flatten().ok_or_else(|| err("integer"))?),
        FieldKind::Decimal => Value::from(plain_number(raw, true).then(|| Decimal::from_str(raw).ok()).flatten().ok_or_else(|| err("decimal number"))?),
        FieldKind::Timestamp => Value::from(parse_time(raw).ok_or_else(|| err("RFC 3339 time or date"))?),
        FieldKind::Date => Value::from(parse_date(raw).ok_or_else(|| err("date (YYYY-MM-DD)"))?),
        FieldKind::Region => Value::from(Some(raw).filter(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_digit())).map(str::to_string).ok_or_else(|| err("region code (six digits)"))?),
    })
}

/// `-12`, `12.50`: digits with an optional sign and (for decimals) a fraction, nothing
/// else; at most 15 digits before the point and 6 after (decimals) or 18 (integers).
pub fn plain_number(raw: &str, fraction: bool) -> bool {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) if fraction => (w, Some(f)),
        Some(_) => return false,
        None => (digits, None),
    };
    let all_digits = |s: &str, max: usize| (1..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole, if fraction { 15 } else { 18 }) && frac.is_none_or(|f| all_digits(f, 6))
}

/// `YYYY-MM-DD`, exactly.
fn parse_date(raw: &str) -> Option<NaiveDate> {
    (raw.len() == 10).then(|| NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()).flatten()
}

/// RFC 3339 (`T` between date and time), or a bare date meaning its midnight UTC.
pub fn parse_time(raw: &str) -> Option<DateTime<Utc>> {
    if raw.len() > 10 {
        // chrono also takes a space between date and time, which RFC 3339 does not.
        if !matches!(raw.as_bytes().get(10), Some(b'T' | b't')) {
            return None;
        }
        return DateTime::parse_from_rfc3339(raw).ok().map(|t| t.with_timezone(&Utc));
    }
    parse_date(raw).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc())
}

/// Escapes LIKE wildcards so a user's `%` or `_` is matched literally.
pub fn like_pattern(q: &str) -> String {
    let mut s = String::with_capacity(q.len() + 2);
    s.push('%');
    for c in q.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('%');
    s
}

/// `lower(col) LIKE '%q%'`, which behaves the same on SQLite and PostgreSQL.
pub fn contains_ci<C: ColumnTrait>(col: C, q: &str) -> SimpleExpr {
    Expr::expr(Func::lower(Expr::col(col.as_column_ref()))).like(sea_orm::sea_query::LikeExpr::new(like_pattern(q)).escape('\\'))
}

impl<E: EntityTrait> ListSpec<E> {
    /// Adds the filters, search and sort of `params` to `select`.
    pub fn apply(&self, mut select: Select<E>, params: &ListParams, backend: DbBackend) -> Result<Select<E>, DomainError> {
        for (name, raw) in &params.filters {
            let (filter, op) = self.lookup(name)?;
            let mut any = Condition::any();
            // Equality takes several values, comma-separated; a bound takes one.
            let parts: Vec<&str> = if op == "eq" { raw.split(',').collect() } else { vec![raw.as_str()] };
            for part in parts {
                // An empty text matches only empty text; an empty id, number or time is no value.
                if part.is_empty() && filter.kind != FieldKind::Text {
                    return Err(bad_field(name, format!("'{raw}' has an empty value for '{name}'")));
                }
                let v = parse_value(name, filter.kind, part)?;
                let v = match (op, filter.kind, v) {
                    // A bare date as an upper bound means the whole of that day.
                    ("to", FieldKind::Timestamp, Value::ChronoDateTimeUtc(Some(t))) if part.len() == 10 => {
                        Value::from(*t + chrono::Duration::days(1) - chrono::Duration::microseconds(1))
                    }
                    (_, _, v) => v,
                };
                any = any.add(match op {
                    "eq" if filter.kind == FieldKind::Region => match crm_domain::regions::filter_range(part) {
                        Some((low, high)) => filter.column.between(low, high),
                        // A code the data set does not have is no region: nothing lies in it.
                        None => Expr::val(1).eq(0),
                    },
                    "eq" => filter.column.eq(v),
                    "from" | "min" => filter.column.gte(v),
                    _ => filter.column.lte(v),
                });
                if op != "eq" {
                    break;
                }
            }
            select = select.filter(any);
        }
        if let Some(q) = params.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            if q.chars().count() > 100 {
                return Err(bad_field("q", "the search text must be at most 100 characters".into()));
            }
            // Every word must match, each in any of the searched fields: `金陵 机械` finds
            // 金陵机械制造 and 南京金陵精密机械, not 金陵饭店.
            let words = search_words(q)?;
            let mut all = Condition::all();
            for w in words {
                let mut any = Condition::any();
                if let Some(index) = &self.search_index {
                    any = any.add(index.matches(backend, w));
                }
                for c in &self.search {
                    any = any.add(contains_ci(*c, w));
                }
                all = all.add(any);
            }
            select = select.filter(all);
        }
        for (c, o) in self.full_order(&params.sort)? {
            select = select.order_by(c, o);
        }
        Ok(select)
    }

    /// The ORDER BY of `sort`, ending in the tie-breaker. The tie-breaker runs the way the
    /// last key does, so an index on (key, id) serves the whole ORDER BY in either
    /// direction without a sort.
    pub fn full_order(&self, sort: &[String]) -> Result<Vec<(E::Column, Order)>, DomainError> {
        let mut order = self.order(sort)?;
        let tie = order.last().map_or(Order::Desc, |(_, o)| o.clone());
        order.push((self.tie_breaker, tie));
        Ok(order)
    }

    fn lookup(&self, name: &str) -> Result<(&Filter<E::Column>, &'static str), DomainError> {
        if let Some(f) = self.filters.iter().find(|f| f.name == name) {
            return Ok((f, "eq"));
        }
        for (suffix, op) in [("_from", "from"), ("_to", "to"), ("_min", "min"), ("_max", "max")] {
            if let Some(base) = name.strip_suffix(suffix) {
                if let Some(f) = self.filters.iter().find(|f| f.name == base && f.range) {
                    let numeric = matches!(f.kind, FieldKind::Int | FieldKind::Decimal);
                    if numeric == (op == "min" || op == "max") {
                        return Ok((f, op));
                    }
                }
            }
        }
        Err(bad_field(name, format!("unknown filter field '{name}'")))
    }

    pub fn order(&self, sort: &[String]) -> Result<Vec<(E::Column, Order)>, DomainError> {
        if sort.is_empty() {
            return Ok(self.default_sort.clone());
        }
        sort.iter()
            .map(|key| {
                let (name, order) = match key.strip_prefix('-') {
                    Some(n) => (n, Order::Desc),
                    None => (key.trim_start_matches('+'), Order::Asc),
                };
                self.sorts
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, c)| (*c, order))
                    .ok_or_else(|| bad_field("sort", format!("unknown sort field '{name}'")))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_counts_ten_pages_ahead_within_the_caps() {
        let search = |page, page_size| ListParams { page, page_size, q: Some("云帆".into()), ..Default::default() }.count_cap();
        assert_eq!(search(1, 20), SEARCH_COUNT_CAP);
        assert_eq!(search(20, 20), 380 + 200);
        assert_eq!(search(10_000, 200), COUNT_CAP);
        assert_eq!(ListParams { q: Some(" ".into()), ..ListParams::first_page() }.count_cap(), COUNT_CAP);
    }

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern("A%b_"), "%a\\%b\\_%");
        assert_eq!(like_pattern("华为"), "%华为%");
    }

    #[test]
    fn time_accepts_dates() {
        assert!(parse_time("2026-11-24").is_some());
        assert!(parse_time("2026-11-24T09:30:00Z").is_some());
        assert!(parse_time("yesterday").is_none());
    }
}
