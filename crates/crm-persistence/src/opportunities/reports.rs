//! Sales analysis (SAL-6, SAL-10) over the opportunities the caller sees, under the
//! list's filters: the funnel, the forecast by expected close period, and counts and
//! amounts by stage, owner, month, province or product. Each is a few grouped queries.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use crm_domain::opportunities::StageKind;
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, Expr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use uuid::Uuid;

use super::entities::opportunity::{Column as C, Entity as Opportunity};
use super::entities::{line, stage};
use super::records::Opportunities;
use super::stages::{view_of, StageView};
use super::sums::{grouped, kept_by_stage, kept_totals_answer, period, Measure, Sums};
use crate::customers::entities::customer;
use crate::db::db_err;
use crate::kit::{self, policy};
use crate::listing::ListParams;
use crate::{Ctx, Db};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FunnelStage {
    pub stage: StageView,
    /// Open opportunities in the stage now.
    pub count: u64,
    #[schema(value_type = String, example = "120000.00")]
    pub amount: Decimal,
    #[schema(value_type = String, example = "60000.00")]
    pub weighted_amount: Decimal,
    /// Opportunities that got this far: in this stage, a later open one, or won.
    pub reached: u64,
    /// Of those, the share that got to the next stage (or won, after the last open
    /// stage), to four places; null when none got this far.
    #[schema(value_type = Option<String>, example = "0.6667")]
    pub conversion_rate: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Outcome {
    pub count: u64,
    #[schema(value_type = String, example = "50000.00")]
    pub amount: Decimal,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Funnel {
    /// The open stages in board order.
    pub stages: Vec<FunnelStage>,
    pub won: Outcome,
    pub lost: Outcome,
    /// won / (won + lost), to four places; null before any closed.
    #[schema(value_type = Option<String>, example = "0.4000")]
    pub win_rate: Option<Decimal>,
}

fn rate(part: u64, whole: u64) -> Option<Decimal> {
    (whole > 0).then(|| {
        let mut r = (Decimal::from(part) / Decimal::from(whole)).round_dp(4);
        r.rescale(4);
        r
    })
}

/// `from`/`to` (dates) as bounds of `column`, a range filter of the list.
fn dated(params: &mut ListParams, column: &str) {
    for (given, bound) in [("from", "from"), ("to", "to")] {
        if let Some(v) = params.take_filter(given) {
            params.filters.push((format!("{column}_{bound}"), v));
        }
    }
}

async fn live_stages(db: &Db) -> DomainResult<Vec<stage::Model>> {
    policy::live::<stage::Entity>().order_by_asc(stage::Column::SortOrder).order_by_asc(stage::Column::Id).all(db).await.map_err(db_err)
}

fn stage_key() -> sea_orm::sea_query::SimpleExpr {
    Expr::col((Alias::new("opportunities"), C::StageId)).into()
}

/// The funnel: per open stage what is in it and how many got that far; `from`/`to`
/// bound when the opportunities were created.
pub async fn funnel(db: &Db, ctx: &Ctx, mut params: ListParams) -> DomainResult<Funnel> {
    dated(&mut params, "created_at");
    params.sort = Vec::new();
    let sums: HashMap<Uuid, Sums> = match kept_totals_answer(db, ctx, &params).await? {
        Some(scope) => kept_by_stage(db, &scope).await?,
        None => grouped::<Uuid>(db, kit::list_select::<Opportunities>(db, ctx, params).await?, stage_key(), Measure::Opportunity).await?,
    }
    .into_iter()
    .collect();
    let stages = live_stages(db).await?;
    let of_kind = |k: StageKind| stages.iter().filter(move |s| s.kind == k.as_str());
    let total = |k: StageKind| of_kind(k).fold(Sums::default(), |acc, s| {
        let g = sums.get(&s.id).cloned().unwrap_or_default();
        Sums { count: acc.count + g.count, amount: acc.amount + g.amount, weighted: acc.weighted + g.weighted }
    });
    let (won, lost) = (total(StageKind::Won), total(StageKind::Lost));
    let open: Vec<&stage::Model> = of_kind(StageKind::Open).collect();
    let counts: Vec<u64> = open.iter().map(|s| sums.get(&s.id).map_or(0, |g| g.count)).collect();
    // Reached stage i: in it or any later open stage, or won.
    let reached: Vec<u64> = (0..open.len()).map(|i| counts.iter().skip(i).sum::<u64>() + won.count).collect();
    let stages = open
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let g = sums.get(&s.id).cloned().unwrap_or_default();
            let here = reached.get(i).copied().unwrap_or(0);
            let next = reached.get(i + 1).copied().unwrap_or(won.count);
            FunnelStage { stage: view_of((*s).clone()), count: g.count, amount: g.amount(), weighted_amount: g.weighted_amount(), reached: here, conversion_rate: rate(next, here) }
        })
        .collect();
    Ok(Funnel {
        stages,
        win_rate: rate(won.count, won.count + lost.count),
        won: Outcome { count: won.count, amount: won.amount() },
        lost: Outcome { count: lost.count, amount: lost.amount() },
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Month,
    Quarter,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ForecastRow {
    /// `2026-12` or `2026-Q4` (UTC).
    pub period: String,
    /// Open opportunities expected to close in the period.
    pub open_count: u64,
    #[schema(value_type = String, example = "80000.00")]
    pub amount: Decimal,
    /// Σ amount × probability: what the period is expected to bring.
    #[schema(value_type = String, example = "40000.00")]
    pub weighted_amount: Decimal,
    /// Won in the period (by when they were closed).
    pub won_count: u64,
    #[schema(value_type = String, example = "25000.00")]
    pub won_amount: Decimal,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Forecast {
    pub period: Period,
    /// Oldest period first; periods with neither open nor won ones are left out.
    pub rows: Vec<ForecastRow>,
}

fn date_bound(params: &mut ListParams, name: &str) -> DomainResult<Option<NaiveDate>> {
    params
        .take_filter(name)
        .map(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").map_err(|_| DomainError::bad_request("query.invalid", format!("{name} is a date such as 2026-12-31"))))
        .transpose()
}

/// The forecast (SAL-10): open opportunities by expected close period with their
/// weighted amount, beside what was won in each period. `from`/`to` bound the periods.
pub async fn forecast(db: &Db, ctx: &Ctx, mut params: ListParams) -> DomainResult<Forecast> {
    let by = match params.take_filter("period").as_deref() {
        None | Some("month") => Period::Month,
        Some("quarter") => Period::Quarter,
        Some(_) => return Err(DomainError::bad_request("query.invalid", "period is month or quarter")),
    };
    let (from, to) = (date_bound(&mut params, "from")?, date_bound(&mut params, "to")?);
    params.sort = Vec::new();
    let backend = db.get_database_backend();
    let quarter = by == Period::Quarter;
    let mut open = kit::list_select::<Opportunities>(db, ctx, params.clone()).await?.filter(C::Status.eq(StageKind::Open.as_str())).filter(C::ExpectedCloseDate.is_not_null());
    let mut won = kit::list_select::<Opportunities>(db, ctx, params).await?.filter(C::Status.eq(StageKind::Won.as_str())).filter(C::ClosedAt.is_not_null());
    if let Some(f) = from {
        open = open.filter(C::ExpectedCloseDate.gte(f));
        won = won.filter(C::ClosedAt.gte(f.and_hms_opt(0, 0, 0).map(|t| t.and_utc())));
    }
    if let Some(t) = to {
        open = open.filter(C::ExpectedCloseDate.lte(t));
        won = won.filter(C::ClosedAt.lt(t.succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc())));
    }
    let mut rows: BTreeMap<String, ForecastRow> = BTreeMap::new();
    // Money reads with its cents even when nothing is in it ("0.00", as the sums give it).
    let zero = Decimal::new(0, 2);
    let blank = |p: &str| ForecastRow { period: p.to_string(), open_count: 0, amount: zero, weighted_amount: zero, won_count: 0, won_amount: zero };
    for (p, g) in grouped::<String>(db, open, period(backend, "expected_close_date", quarter), Measure::Opportunity).await? {
        let row = rows.entry(p.clone()).or_insert_with(|| blank(&p));
        (row.open_count, row.amount, row.weighted_amount) = (g.count, g.amount(), g.weighted_amount());
    }
    for (p, g) in grouped::<String>(db, won, period(backend, "closed_at", quarter), Measure::Opportunity).await? {
        let row = rows.entry(p.clone()).or_insert_with(|| blank(&p));
        (row.won_count, row.won_amount) = (g.count, g.amount());
    }
    Ok(Forecast { period: by, rows: rows.into_values().collect() })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Stage,
    Owner,
    /// The month the opportunity was created in.
    Month,
    /// The customer's province.
    Province,
    /// Each product's lines (an opportunity counts under every product it has).
    Product,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupRow {
    /// The stage's, owner's or product's id, the month (`2026-12`), or the province;
    /// null for opportunities without one (a customer with no province).
    pub key: Option<String>,
    /// The stage's Chinese name, the owner's or product's name, the month or province.
    pub name: Option<String>,
    /// The stage's English name.
    pub name_en: Option<String>,
    pub count: u64,
    /// With `group_by=product`, the product's lines' subtotals.
    #[schema(value_type = String, example = "120000.00")]
    pub amount: Decimal,
    #[schema(value_type = String, example = "60000.00")]
    pub weighted_amount: Decimal,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupReport {
    pub group_by: GroupBy,
    /// The largest amount first.
    pub rows: Vec<GroupRow>,
}

/// Counts and amounts by `group_by` (SAL-6); `from`/`to` bound when the opportunities
/// were created.
pub async fn by_group(db: &Db, ctx: &Ctx, mut params: ListParams) -> DomainResult<GroupReport> {
    let by = match params.take_filter("group_by").as_deref() {
        Some("stage") => GroupBy::Stage,
        Some("owner") => GroupBy::Owner,
        Some("month") => GroupBy::Month,
        Some("province") => GroupBy::Province,
        Some("product") => GroupBy::Product,
        _ => return Err(DomainError::bad_request("query.invalid", "group_by is stage, owner, month, province or product")),
    };
    dated(&mut params, "created_at");
    params.sort = Vec::new();
    let select = kit::list_select::<Opportunities>(db, ctx, params).await?;
    let row = |key: Option<String>, name: Option<String>, name_en: Option<String>, g: &Sums| GroupRow { key, name, name_en, count: g.count, amount: g.amount(), weighted_amount: g.weighted_amount() };
    let mut rows: Vec<GroupRow> = match by {
        GroupBy::Stage => {
            let sums = grouped::<Uuid>(db, select, stage_key(), Measure::Opportunity).await?;
            let stages: HashMap<Uuid, stage::Model> = stage::Entity::find().all(db).await.map_err(db_err)?.into_iter().map(|s| (s.id, s)).collect();
            sums.iter().map(|(id, g)| row(Some(id.to_string()), stages.get(id).map(|s| s.name_zh.clone()), stages.get(id).map(|s| s.name_en.clone()), g)).collect()
        }
        GroupBy::Owner => {
            let sums = grouped::<Uuid>(db, select, Expr::col((Alias::new("opportunities"), C::OwnerId)).into(), Measure::Opportunity).await?;
            let names = crate::system::user_names::display_names(db, sums.iter().map(|(id, _)| *id)).await?;
            sums.iter().map(|(id, g)| row(Some(id.to_string()), names.get(id).cloned(), None, g)).collect()
        }
        GroupBy::Month => {
            let sums = grouped::<String>(db, select, period(db.get_database_backend(), "created_at", false), Measure::Opportunity).await?;
            sums.iter().map(|(m, g)| row(Some(m.clone()), Some(m.clone()), None, g)).collect()
        }
        GroupBy::Province => {
            let joined = select.join(JoinType::InnerJoin, Opportunity::belongs_to(customer::Entity).from(C::CustomerId).to(customer::Column::Id).into());
            let sums = grouped::<Option<String>>(db, joined, Expr::col((Alias::new("customers"), customer::Column::Province)).into(), Measure::Opportunity).await?;
            sums.iter().map(|(p, g)| row(p.clone(), p.clone(), None, g)).collect()
        }
        GroupBy::Product => {
            let joined = select.join_rev(JoinType::InnerJoin, line::Entity::belongs_to(Opportunity).from(line::Column::OpportunityId).to(C::Id).into());
            let key = Expr::col((Alias::new("opportunity_lines"), line::Column::ProductId)).into();
            let sums = grouped::<Uuid>(db, joined, key, Measure::Lines).await?;
            use crate::products::entities::product;
            let names = super::records::names::<product::Entity>(db, product::Column::Id, product::Column::Name, sums.iter().map(|(id, _)| *id).collect()).await?;
            sums.iter().map(|(id, g)| row(Some(id.to_string()), names.get(id).cloned(), None, g)).collect()
        }
    };
    rows.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.key.cmp(&b.key)));
    Ok(GroupReport { group_by: by, rows })
}
