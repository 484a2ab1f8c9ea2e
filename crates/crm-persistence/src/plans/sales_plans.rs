//! Sales plans [销售计划] on the resource kit: a target per person and period (a month, a
//! quarter or a year), seen and kept by the owner's data scope; one per person and period.

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::money::from_minor;
use crm_domain::plans::{check_plan, CheckedPlan, SalesPlanInput, SalesPlanPatch};
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, Order, QueryFilter, Select};
use serde::Serialize;
use uuid::Uuid;

use super::entities::plan::{self, Column as C, Entity as Plan};
use crate::db::db_err;
use crate::kit::restore::Restorable;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::scope::ScopedEntity;
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(Plan, "sales_plans", Period);

pub const RESTORABLE: Restorable = Restorable::plain::<Plan>();

impl ScopedEntity for Plan {
    fn id_column() -> C {
        C::Id
    }
    fn owner_column() -> C {
        C::OwnerId
    }
    fn deleted_at_column() -> C {
        C::DeletedAt
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = SalesPlan, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ed0", "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "owner_name": "王伟",
    "period": "2026-12", "period_start": "2026-12-01", "period_end": "2027-01-01", "target_amount": "500000.00", "planned_customers": 20,
    "achieved_amount": "125000.00", "new_customers": 6,
    "content": "重点推进华东区三家制造企业", "version": 1, "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z"}))]
pub struct SalesPlanView {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub owner_name: Option<String>,
    pub period: String,
    pub period_start: NaiveDate,
    /// The day after the period.
    pub period_end: NaiveDate,
    #[schema(value_type = String, example = "500000.00")]
    pub target_amount: Decimal,
    pub planned_customers: Option<i32>,
    /// What the owner won in the period: the amount of their opportunities that closed
    /// won in it (UTC), read now.
    #[schema(value_type = String, example = "125000.00")]
    pub achieved_amount: Decimal,
    /// The customers they own that were created in the period, against
    /// `planned_customers`.
    pub new_customers: i64,
    pub content: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct SalesPlans;

impl Resource for SalesPlans {
    type Entity = Plan;
    type View = SalesPlanView;
    const WHAT: &'static str = "sales plan";
    const POLICY: Policy = Policy::Owned;

    fn spec() -> ListSpec<Plan> {
        ListSpec {
            filters: vec![
                Filter { name: "owner_id", column: C::OwnerId, kind: FieldKind::Uuid, range: false },
                Filter { name: "period", column: C::Period, kind: FieldKind::Text, range: false },
                Filter { name: "period_start", column: C::PeriodStart, kind: FieldKind::Date, range: true },
            ],
            sorts: vec![("period_start", C::PeriodStart), ("updated_at", C::UpdatedAt)],
            search: vec![C::Content],
            search_index: None,
            default_sort: vec![(C::PeriodStart, Order::Desc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<plan::Model>) -> DomainResult<Vec<SalesPlanView>> {
        let names = crate::system::user_names::display_names(db, rows.iter().map(|p| p.owner_id)).await?;
        let achieved = super::achieved::for_plans(db, &rows).await?;
        Ok(rows
            .into_iter()
            .map(|p| SalesPlanView {
                owner_name: names.get(&p.owner_id).cloned(),
                achieved_amount: achieved.get(&p.id).map_or(Decimal::new(0, 2), |a| a.won_amount),
                new_customers: achieved.get(&p.id).map_or(0, |a| a.new_customers),
                target_amount: from_minor(p.target_minor),
                id: p.id,
                owner_id: p.owner_id,
                period: p.period,
                period_start: p.period_start,
                period_end: p.period_end,
                planned_customers: p.planned_customers,
                content: p.content,
                version: p.version,
                created_at: p.created_at,
                updated_at: p.updated_at,
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Plan>> {
        policy::owned::<Plan>(db, ctx, for_edit).await
    }
}

/// 409 when the owner has a live plan for the period.
async fn check_unique(db: &impl ConnectionTrait, owner: Uuid, period: &str) -> DomainResult<()> {
    if let Some(other) = policy::live::<Plan>().filter(C::OwnerId.eq(owner)).filter(C::Period.eq(period)).one(db).await.map_err(db_err)? {
        return Err(DomainError::conflict("sales_plan.duplicate", format!("there is a plan for {period} already")).with_extra(serde_json::json!({"existing_id": other.id})));
    }
    Ok(())
}

fn fill(row: plan::Model, p: CheckedPlan) -> plan::Model {
    plan::Model { period: p.period, period_start: p.start, period_end: p.end, target_minor: p.target, planned_customers: p.planned_customers, content: p.content, ..row }
}

pub async fn create(db: &Db, ctx: &Ctx, input: SalesPlanInput) -> DomainResult<SalesPlanView> {
    kit::create::<SalesPlans, _>(db, ctx, async |tx: &Tx| build(tx, ctx, input).await).await
}

/// Up to 1000 plans (a manager's targets for each rep of the team, a year of months),
/// each checked as `create` checks one, the items before it included.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<SalesPlanInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<SalesPlans, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

async fn build(tx: &Tx, ctx: &Ctx, input: SalesPlanInput) -> DomainResult<plan::Model> {
    let checked = check_plan(&input.period, input.target_amount, input.planned_customers, input.content.as_deref())?;
    let owner = input.owner_id.unwrap_or(ctx.actor.user_id);
    crate::scope::assignable_owner(tx, ctx, owner, "owner_id").await?;
    check_unique(tx, owner, &checked.period).await?;
    Ok(fill(plan::Model { id: Uuid::now_v7(), owner_id: owner, ..Default::default() }, checked))
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: SalesPlanPatch, if_match: Option<i32>) -> DomainResult<SalesPlanView> {
    kit::update::<SalesPlans, _>(db, ctx, id, if_match, async |_: &Tx, current: plan::Model| {
        let target = patch.target_amount.unwrap_or_else(|| from_minor(current.target_minor));
        let planned = patch.planned_customers.unwrap_or(current.planned_customers);
        let content = patch.content.clone().unwrap_or_else(|| current.content.clone());
        let checked = check_plan(&current.period, target, planned, content.as_deref())?;
        Ok(fill(current, checked))
    })
    .await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<SalesPlans, _>(db, ctx, id, if_match, kit::no_rule).await
}

/// The owner's target for `period` (`2026-12`: a month's plan for the workbench), if they
/// have one.
pub async fn target_for(db: &impl ConnectionTrait, owner: Uuid, period: &str) -> DomainResult<Option<Decimal>> {
    Ok(policy::live::<Plan>().filter(C::OwnerId.eq(owner)).filter(C::Period.eq(period)).one(db).await.map_err(db_err)?.map(|p| from_minor(p.target_minor)))
}

/// The plan list as a file, with what each achieved so far.
pub struct SalesPlanExport;

#[async_trait::async_trait]
impl crate::table_export::TableExport for SalesPlanExport {
    type Entity = Plan;
    const COLUMNS: &'static [crate::table_export::Column] = {
        use crate::table_export::{col, Cell};
        &[
            col("owner", "负责人", "Owner", Cell::Text),
            col("period", "计划周期", "Period", Cell::Text),
            col("period_start", "开始日期", "Starts", Cell::Text),
            col("target_amount", "目标金额", "Target", Cell::Number),
            col("achieved_amount", "完成金额", "Achieved", Cell::Number),
            col("planned_customers", "计划新客户", "Planned customers", Cell::Number),
            col("new_customers", "新增客户", "New customers", Cell::Number),
            col("content", "计划内容", "Plan", Cell::Text),
            col("created_at", "创建时间", "Created", Cell::Time),
            col("updated_at", "更新时间", "Updated", Cell::Time),
        ]
    };

    async fn rows(db: &Db, batch: Vec<plan::Model>) -> DomainResult<Vec<Vec<String>>> {
        let t = |t| crate::table_export::time(Some(t));
        // The view's names and sums do not depend on who asks.
        Ok(SalesPlans::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|p| {
                vec![
                    p.owner_name.unwrap_or_default(), p.period, p.period_start.to_string(), p.target_amount.to_string(), p.achieved_amount.to_string(),
                    p.planned_customers.map(|n| n.to_string()).unwrap_or_default(), p.new_customers.to_string(), p.content.unwrap_or_default(), t(p.created_at), t(p.updated_at),
                ]
            })
            .collect())
    }
}
