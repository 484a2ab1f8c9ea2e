//! The numbers of quotes, orders, contracts, payments and invoices: each kind's pattern
//! (`GET/PUT /settings/numbering`, `crm_domain::numbering`), its running number a gap-free
//! counter per kind and period (`sequences::next`, locked until the document commits). A
//! number a changed pattern would repeat is skipped, so a document's number stays unique
//! whatever the administrator sets.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use crm_domain::numbering;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::db::db_err;
use crate::tx::Tx;
use crate::{Ctx, Db};

/// One kind of numbered document.
pub struct Series {
    /// Its name in the setting (`contract`).
    pub kind: &'static str,
    /// The default pattern's letters, and its counters' names (`ht:2026`).
    pub prefix: &'static str,
    /// The table whose `number` column holds it.
    pub table: &'static str,
}

pub const QUOTE: Series = Series { kind: "quote", prefix: "QT", table: "quotes" };
pub const ORDER: Series = Series { kind: "order", prefix: "SO", table: "orders" };
pub const CONTRACT: Series = Series { kind: "contract", prefix: "HT", table: "contracts" };
pub const PAYMENT: Series = Series { kind: "payment", prefix: "HK", table: "payments" };
pub const INVOICE: Series = Series { kind: "invoice", prefix: "FP", table: "invoices" };
pub const ALL: [&Series; 5] = [&QUOTE, &ORDER, &CONTRACT, &PAYMENT, &INVOICE];

const SETTING: &str = "numbering";

impl Series {
    fn default_pattern(&self) -> String {
        format!("{}-{{yyyy}}-{{seq}}", self.prefix)
    }
}

/// `GET /settings/numbering`: every kind's pattern, the default where none was set.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = NumberingSettings, example = json!({"patterns": {"quote": "QT-{yyyy}-{seq}", "order": "SO-{yyyy}-{seq}", "contract": "HT{yyyy}{mm}-{seq:4}",
    "payment": "HK-{yyyy}-{seq}", "invoice": "FP-{yyyy}-{seq}"}, "version": 2}))]
pub struct NumberingView {
    pub patterns: BTreeMap<String, String>,
    /// For If-Match on `PUT`; 0 before the first save.
    pub version: i32,
}

/// `PUT /settings/numbering`: the patterns to set by kind (`quote`, `order`, `contract`,
/// `payment`, `invoice`); a kind left out keeps its pattern, `null` restores the default.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NumberingInput, example = json!({"patterns": {"contract": "HT{yyyy}{mm}-{seq:4}"}}))]
pub struct NumberingInput {
    /// Literal letters, digits and `- _ / .` with the tokens `{yyyy}` `{yy}` `{mm}` `{dd}` and
    /// exactly one `{seq}` or `{seq:N}` (N digits, 3 to 10); at most 30 characters made.
    pub patterns: BTreeMap<String, Option<String>>,
}

async fn stored(db: &impl ConnectionTrait) -> DomainResult<(BTreeMap<String, String>, i32)> {
    Ok(crate::settings::get::<BTreeMap<String, String>>(db, SETTING).await?.unwrap_or_default())
}

pub async fn view(db: &Db) -> DomainResult<NumberingView> {
    let (set, version) = stored(db).await?;
    let patterns = ALL.iter().map(|s| (s.kind.to_string(), set.get(s.kind).cloned().unwrap_or_else(|| s.default_pattern()))).collect();
    Ok(NumberingView { patterns, version })
}

pub async fn put(db: &Db, ctx: &Ctx, input: NumberingInput, if_match: Option<i32>) -> DomainResult<NumberingView> {
    let mut v = crm_domain::validate::Validator::new();
    for (kind, pattern) in &input.patterns {
        let field = format!("patterns.{kind}");
        if !ALL.iter().any(|s| s.kind == kind) {
            v.add(&field, "unknown", "quote, order, contract, payment or invoice");
        } else if let Some(p) = pattern {
            numbering::Pattern::parse(&mut v, &field, p);
        }
    }
    v.finish()?;
    crate::settings::save(db, ctx, SETTING, if_match, |m: &BTreeMap<String, String>| json!(m), |current| {
        let mut next = current.unwrap_or_default();
        for (kind, pattern) in input.patterns {
            match pattern {
                Some(p) => next.insert(kind, p.trim().to_string()),
                None => next.remove(&kind),
            };
        }
        Ok(next)
    })
    .await?;
    view(db).await
}

/// The next number of `series` for a document made at `now`, inside its transaction.
pub async fn next(tx: &Tx, series: &Series, now: DateTime<Utc>) -> DomainResult<String> {
    let (set, _) = stored(tx).await?;
    let text = set.get(series.kind).cloned().unwrap_or_else(|| series.default_pattern());
    // Stored patterns were checked when saved; one that no longer reads falls back.
    let pattern = numbering::check("pattern", &text).or_else(|_| numbering::check("pattern", &series.default_pattern()))?;
    let day = now.date_naive();
    let counter = format!("{}:{}", series.prefix.to_lowercase(), pattern.period(day));
    for _ in 0..1000 {
        let n = crate::sequences::next(tx, &counter).await?;
        let number = pattern.render(day, n);
        if !taken(tx, series, &number).await? {
            return Ok(number);
        }
    }
    Err(DomainError::conflict("numbering.exhausted", format!("the {} number pattern keeps repeating numbers in use; change it", series.kind)))
}

async fn taken(tx: &Tx, series: &Series, number: &str) -> DomainResult<bool> {
    let q = Query::select().expr(Expr::val(1)).from(Alias::new(series.table)).and_where(Expr::col(Alias::new("number")).eq(number)).limit(1).to_owned();
    Ok(tx.query_one(tx.get_database_backend().build(&q)).await.map_err(db_err)?.is_some())
}
