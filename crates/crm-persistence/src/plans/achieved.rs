//! What each plan's owner achieved in the plan's period, for a page of plans in two
//! grouped queries rather than a query per plan: the amount of the opportunities they won
//! (by when each closed) and the customers they own that were created in the period. Both
//! are counted by UTC month, the unit every period (month, quarter, year) is made of.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use crm_domain::opportunities::StageKind;
use crm_domain::DomainResult;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select};
use uuid::Uuid;

use super::entities::plan;
use crate::customers::entities::customer;
use crate::db::db_err;
use crate::kit::policy;
use crate::opportunities::entities::opportunity;
use crate::opportunities::sums::{cents, month_of};

/// A plan's achievement.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Achieved {
    pub won_amount: Decimal,
    pub new_customers: i64,
}

/// The months of `[start, end)` as `2026-12`.
fn months(start: NaiveDate, end: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let mut m = start.with_day(1).unwrap_or(start);
    while m < end {
        out.push(m.format("%Y-%m").to_string());
        match m.checked_add_months(Months::new(1)) {
            Some(next) => m = next,
            None => break,
        }
    }
    out
}

/// `select` grouped by owner and month, with `value` added up as text (exact on both
/// databases).
async fn by_owner_month<E: EntityTrait>(db: &impl ConnectionTrait, select: Select<E>, owner: SimpleExpr, month: SimpleExpr, value: &str) -> DomainResult<HashMap<(Uuid, String), Decimal>> {
    let mut q = select
        .select_only()
        .column_as(owner.clone(), "o")
        .column_as(month.clone(), "m")
        .column_as(Expr::cust(format!("CAST({value} AS TEXT)")), "v")
        .group_by(owner)
        .group_by(month);
    QueryTrait::query(&mut q).clear_order_by();
    let rows = q.into_tuple::<(Uuid, String, Option<String>)>().all(db).await.map_err(db_err)?;
    Ok(rows.into_iter().map(|(o, m, v)| ((o, m), v.and_then(|v| v.parse().ok()).unwrap_or_default())).collect())
}

/// Each plan's achievement, by plan id.
pub async fn for_plans(db: &impl ConnectionTrait, plans: &[plan::Model]) -> DomainResult<HashMap<Uuid, Achieved>> {
    let (Some(start), Some(end)) = (plans.iter().map(|p| p.period_start).min(), plans.iter().map(|p| p.period_end).max()) else {
        return Ok(HashMap::new());
    };
    let owners: Vec<Uuid> = plans.iter().map(|p| p.owner_id).collect();
    let (from, to) = (start.and_hms_opt(0, 0, 0).map(|t| t.and_utc()), end.and_hms_opt(0, 0, 0).map(|t| t.and_utc()));
    let backend = db.get_database_backend();
    use opportunity::Column as O;
    let won = policy::live::<opportunity::Entity>()
        .filter(O::Status.eq(StageKind::Won.as_str()))
        .filter(O::OwnerId.is_in(owners.clone()))
        .filter(O::ClosedAt.gte(from))
        .filter(O::ClosedAt.lt(to));
    let won = by_owner_month(db, won, Expr::col((opportunity::Entity, O::OwnerId)).into(), month_of(backend, "opportunities", "closed_at"), "SUM(\"opportunities\".\"amount_minor\")").await?;
    use customer::Column as K;
    let created = policy::live::<customer::Entity>().filter(K::OwnerId.is_in(owners)).filter(K::CreatedAt.gte(from)).filter(K::CreatedAt.lt(to));
    let created = by_owner_month(db, created, Expr::col((customer::Entity, K::OwnerId)).into(), month_of(backend, "customers", "created_at"), "COUNT(*)").await?;
    Ok(plans
        .iter()
        .map(|p| {
            let mut won_minor = Decimal::ZERO;
            let mut new_customers = Decimal::ZERO;
            for m in months(p.period_start, p.period_end) {
                let key = (p.owner_id, m);
                won_minor += won.get(&key).copied().unwrap_or_default();
                new_customers += created.get(&key).copied().unwrap_or_default();
            }
            let count = i64::try_from(new_customers.trunc().mantissa()).unwrap_or(i64::MAX);
            (p.id, Achieved { won_amount: cents(won_minor), new_customers: count })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_its_months() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert_eq!(months(d(2026, 10, 1), d(2027, 1, 1)), ["2026-10", "2026-11", "2026-12"]);
        assert_eq!(months(d(2026, 12, 1), d(2027, 1, 1)), ["2026-12"]);
        assert_eq!(months(d(2026, 1, 1), d(2027, 1, 1)).len(), 12);
    }
}
