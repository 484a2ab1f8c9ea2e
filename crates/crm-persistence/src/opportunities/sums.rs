//! Counting and adding up opportunities by a key (a stage, an owner, a month, a
//! province, a product) in the database, exactly: sums travel as text, since
//! PostgreSQL's SUM of a bigint is a numeric and SQLite's an integer.

use crm_domain::DomainResult;
use rust_decimal::{Decimal, RoundingStrategy};
use std::sync::Arc;

use crm_domain::actor::Owners;
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select, TryGetable};
use uuid::Uuid;

use super::entities::opportunity::Entity as Opportunity;
use crate::db::db_err;
use crate::scope::in_list;

/// What a group adds up to, in minor units.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sums {
    pub count: u64,
    /// Σ amount, minor units.
    pub amount: Decimal,
    /// Σ amount × probability, minor units × percent.
    pub weighted: Decimal,
}

impl Sums {
    pub fn amount(&self) -> Decimal {
        cents(self.amount)
    }
    pub fn weighted_amount(&self) -> Decimal {
        cents(self.weighted / Decimal::ONE_HUNDRED)
    }
}

/// Minor units as a decimal with two places, half up.
pub fn cents(minor: Decimal) -> Decimal {
    let mut d = (minor / Decimal::ONE_HUNDRED).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    d.rescale(2);
    d
}

/// The opportunities' amounts (`amount_minor`), or their lines' (`opportunity_lines.subtotal_minor`)
/// when grouped by product.
pub enum Measure {
    Opportunity,
    Lines,
}

/// `select` (the scoped, filtered opportunities, maybe joined) grouped by `key`.
pub async fn grouped<K: TryGetable>(db: &impl sea_orm::ConnectionTrait, select: Select<Opportunity>, key: SimpleExpr, measure: Measure) -> DomainResult<Vec<(K, Sums)>> {
    // A product's opportunities are counted once however many of its lines they have;
    // otherwise every row is one opportunity, and COUNT(*) lets the covering indexes
    // (owner, stage, amount, probability) answer without reading the table.
    let (amount, count) = match measure {
        Measure::Opportunity => ("\"opportunities\".\"amount_minor\"", "COUNT(*)"),
        Measure::Lines => ("\"opportunity_lines\".\"subtotal_minor\"", "COUNT(DISTINCT \"opportunities\".\"id\")"),
    };
    let mut q = select
        .select_only()
        .column_as(key.clone(), "k")
        .column_as(Expr::cust(count), "n")
        .column_as(Expr::cust(format!("CAST(SUM({amount}) AS TEXT)")), "amount")
        .column_as(Expr::cust(format!("CAST(SUM({amount} * \"opportunities\".\"probability\") AS TEXT)")), "weighted")
        .group_by(key);
    QueryTrait::query(&mut q).clear_order_by();
    let number = |t: Option<String>| t.and_then(|t| t.parse::<Decimal>().ok()).unwrap_or_default();
    Ok(q.into_tuple::<(K, i64, Option<String>, Option<String>)>()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(k, n, a, w)| (k, Sums { count: u64::try_from(n).unwrap_or(0), amount: number(a), weighted: number(w) }))
        .collect())
}

/// A period of a date or time column of opportunities as text: `2026-12` or `2026-Q4`, in UTC.
pub fn period(backend: DbBackend, column: &str, quarter: bool) -> SimpleExpr {
    period_of(backend, "opportunities", column, quarter)
}

/// The month (`2026-12`, UTC) of a date or time column of `table`.
pub fn month_of(backend: DbBackend, table: &str, column: &str) -> SimpleExpr {
    period_of(backend, table, column, false)
}

fn period_of(backend: DbBackend, table: &str, column: &str, quarter: bool) -> SimpleExpr {
    let c = format!("\"{table}\".\"{column}\"");
    Expr::cust(match (backend, quarter) {
        (DbBackend::Postgres, false) => format!("to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM')"),
        (DbBackend::Postgres, true) => format!("to_char({c} AT TIME ZONE 'UTC', 'YYYY-\"Q\"Q')"),
        // SQLite keeps dates and times as ISO text, UTC: the year and month lead it.
        (_, false) => format!("substr({c}, 1, 7)"),
        (_, true) => format!("substr({c}, 1, 4) || '-Q' || ((CAST(substr({c}, 6, 2) AS INTEGER) + 2) / 3)"),
    })
}

/// `select` (the scoped, filtered opportunities) added up as a whole.
pub async fn total(db: &impl sea_orm::ConnectionTrait, select: Select<Opportunity>) -> DomainResult<Sums> {
    let mut q = select
        .select_only()
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(Expr::cust("CAST(SUM(\"opportunities\".\"amount_minor\") AS TEXT)"), "amount")
        .column_as(Expr::cust("CAST(SUM(\"opportunities\".\"amount_minor\" * \"opportunities\".\"probability\") AS TEXT)"), "weighted");
    QueryTrait::query(&mut q).clear_order_by();
    let number = |t: Option<String>| t.and_then(|t| t.parse::<Decimal>().ok()).unwrap_or_default();
    let row = q.into_tuple::<(i64, Option<String>, Option<String>)>().one(db).await.map_err(db_err)?;
    Ok(row.map(|(n, a, w)| Sums { count: u64::try_from(n).unwrap_or(0), amount: number(a), weighted: number(w) }).unwrap_or_default())
}

/// Whose opportunities a by-stage sum covers, when the kept totals can answer it.
pub enum KeptScope {
    Everyone,
    /// The owners of the caller's data scope (a manager's team).
    Owners(Arc<Owners>),
    /// One owner the caller sees (`owner_id=`).
    One(Uuid),
}

/// Per stage, the live opportunities of `scope` as the database keeps them in
/// `opportunity_stage_totals` (its triggers follow every write): what `grouped` by stage
/// adds up over the same rows, from a few rows per owner instead of one per opportunity.
pub async fn kept_by_stage(db: &impl sea_orm::ConnectionTrait, scope: &KeptScope) -> DomainResult<Vec<(Uuid, Sums)>> {
    use super::entities::stage_total::{Column as T, Entity as Totals};
    let text = |c: &str| Expr::cust(format!("CAST(SUM(\"opportunity_stage_totals\".\"{c}\") AS TEXT)"));
    let mut q = Totals::find().select_only().column(T::StageId).column_as(text("opportunities"), "n").column_as(text("amount_minor"), "a").column_as(text("weighted"), "w").group_by(T::StageId);
    q = match scope {
        KeptScope::Everyone => q,
        KeptScope::One(owner) => q.filter(T::OwnerId.eq(*owner)),
        KeptScope::Owners(o) => q.filter(in_list::<Totals>(db.get_database_backend(), T::OwnerId, &o.ids, Some(&o.listed))),
    };
    let number = |t: Option<String>| t.and_then(|t| t.parse::<Decimal>().ok()).unwrap_or_default();
    Ok(q.into_tuple::<(Uuid, Option<String>, Option<String>, Option<String>)>()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(stage, n, a, w)| (stage, Sums { count: u64::try_from(number(n).trunc().mantissa()).unwrap_or(0), amount: number(a), weighted: number(w) }))
        .filter(|(_, s)| s.count > 0)
        .collect())
}

/// When the kept totals answer a by-stage sum of the opportunities list `params` asks for:
/// the caller reads whole owners' opportunities (everyone's, or their scope's with nothing
/// shared with them from outside it) and the list is filtered by nothing but, at most, one
/// of those owners. `None` when the opportunities have to be added up.
pub async fn kept_totals_answer(db: &impl sea_orm::ConnectionTrait, ctx: &crate::Ctx, params: &crate::listing::ListParams) -> DomainResult<Option<KeptScope>> {
    if params.q.as_deref().is_some_and(|q| !q.trim().is_empty()) {
        return Ok(None);
    }
    let owner = match params.filters.as_slice() {
        [] => None,
        [(name, value)] if name == "owner_id" => match value.parse::<Uuid>() {
            Ok(id) => Some(id),
            Err(_) => return Ok(None),
        },
        _ => return Ok(None),
    };
    Ok(match (crate::scope::Scoped::<Opportunity>::read_by_owners_only(db, ctx).await?, owner) {
        (None, _) => None,
        (Some(None), None) => Some(KeptScope::Everyone),
        (Some(None), Some(one)) => Some(KeptScope::One(one)),
        (Some(Some(team)), None) => Some(KeptScope::Owners(team)),
        (Some(Some(team)), Some(one)) => team.contains(&one).then_some(KeptScope::One(one)),
    })
}
