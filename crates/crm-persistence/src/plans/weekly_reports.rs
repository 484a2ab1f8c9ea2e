//! Weekly reports [周报] on the resource kit: one per person and ISO week, with the week's
//! figures counted by the server (new customers, follow-ups, new opportunities, won
//! amount) each time it is written; managers whose scope covers the author comment.

use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::money::from_minor;
use crm_domain::opportunities::StageKind;
use crm_domain::plans::{WeeklyReportInput, WeeklyReportPatch};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, Order, PaginatorTrait, QueryFilter, Select};
use serde::Serialize;
use uuid::Uuid;

use super::entities::report::{self, Column as C, Entity as Report};
use crate::customers::entities::{customer, follow_up};
use crate::db::db_err;
use crate::kit::restore::Restorable;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::opportunities::entities::opportunity;
use crate::scope::ScopedEntity;
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(Report, "weekly_reports", Week);

pub const RESTORABLE: Restorable = Restorable::plain::<Report>();

impl ScopedEntity for Report {
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
#[schema(as = WeeklyReport, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ee0", "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "owner_name": "王伟",
    "week": "2026-W49", "week_start": "2026-11-30", "summary": "拜访客户 6 家，新增商机 2 个。", "next_week_plan": "跟进海通物流报价",
    "new_customers": 3, "follow_ups": 12, "new_opportunities": 2, "won_amount": "50000.00", "comment": null, "commented_by": null, "commented_by_name": null,
    "commented_at": null, "version": 1, "created_at": "2026-12-04T09:00:00Z", "updated_at": "2026-12-04T09:00:00Z"}))]
pub struct WeeklyReportView {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub owner_name: Option<String>,
    pub week: String,
    /// The week's Monday.
    pub week_start: NaiveDate,
    pub summary: String,
    pub next_week_plan: Option<String>,
    /// The author's customers created that week (UTC), counted when the report was last written.
    pub new_customers: i64,
    /// Follow-ups they recorded that week.
    pub follow_ups: i64,
    /// Opportunities of theirs created that week.
    pub new_opportunities: i64,
    /// What they won that week.
    #[schema(value_type = String, example = "50000.00")]
    pub won_amount: Decimal,
    /// A manager's comment.
    pub comment: Option<String>,
    pub commented_by: Option<Uuid>,
    pub commented_by_name: Option<String>,
    pub commented_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct WeeklyReports;

impl Resource for WeeklyReports {
    type Entity = Report;
    type View = WeeklyReportView;
    const WHAT: &'static str = "weekly report";
    const POLICY: Policy = Policy::Owned;

    fn spec() -> ListSpec<Report> {
        ListSpec {
            filters: vec![
                Filter { name: "owner_id", column: C::OwnerId, kind: FieldKind::Uuid, range: false },
                Filter { name: "week", column: C::Week, kind: FieldKind::Text, range: false },
                Filter { name: "week_start", column: C::WeekStart, kind: FieldKind::Date, range: true },
            ],
            sorts: vec![("week_start", C::WeekStart), ("updated_at", C::UpdatedAt)],
            search: vec![C::Summary],
            search_index: None,
            default_sort: vec![(C::WeekStart, Order::Desc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<report::Model>) -> DomainResult<Vec<WeeklyReportView>> {
        // Collected first: a borrowing iterator held across the await would keep the
        // future from being `Send` (the export's rows need it to be).
        let people: Vec<Uuid> = rows.iter().flat_map(|r| [Some(r.owner_id), r.commented_by]).flatten().collect();
        let names = crate::system::user_names::display_names(db, people).await?;
        Ok(rows
            .into_iter()
            .map(|r| WeeklyReportView {
                owner_name: names.get(&r.owner_id).cloned(),
                commented_by_name: r.commented_by.and_then(|c| names.get(&c).cloned()),
                won_amount: from_minor(r.won_minor),
                id: r.id,
                owner_id: r.owner_id,
                week: r.week,
                week_start: r.week_start,
                summary: r.summary,
                next_week_plan: r.next_week_plan,
                new_customers: r.new_customers,
                follow_ups: r.follow_ups,
                new_opportunities: r.new_opportunities,
                comment: r.comment,
                commented_by: r.commented_by,
                commented_at: r.commented_at,
                version: r.version,
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Report>> {
        policy::owned::<Report>(db, ctx, for_edit).await
    }
}

/// The author's week in figures. Their own records, counted whatever the reader's scope:
/// the report is theirs.
async fn figures(db: &impl ConnectionTrait, owner: Uuid, monday: NaiveDate, next: NaiveDate) -> DomainResult<(i64, i64, i64, i64)> {
    let (from, to) = (monday.and_time(chrono::NaiveTime::MIN).and_utc(), next.and_time(chrono::NaiveTime::MIN).and_utc());
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let customers = policy::live::<customer::Entity>().filter(customer::Column::OwnerId.eq(owner)).filter(customer::Column::CreatedAt.gte(from)).filter(customer::Column::CreatedAt.lt(to)).count(db).await.map_err(db_err)?;
    let follow_ups = policy::live::<follow_up::Entity>().filter(follow_up::Column::OwnerId.eq(owner)).filter(follow_up::Column::OccurredAt.gte(from)).filter(follow_up::Column::OccurredAt.lt(to)).count(db).await.map_err(db_err)?;
    let mine = || policy::live::<opportunity::Entity>().filter(opportunity::Column::OwnerId.eq(owner));
    let opportunities = mine().filter(opportunity::Column::CreatedAt.gte(from)).filter(opportunity::Column::CreatedAt.lt(to)).count(db).await.map_err(db_err)?;
    let won = crate::opportunities::sums::total(db, mine().filter(opportunity::Column::Status.eq(StageKind::Won.as_str())).filter(opportunity::Column::ClosedAt.gte(from)).filter(opportunity::Column::ClosedAt.lt(to))).await?;
    let won = i64::try_from(won.amount.trunc().mantissa()).unwrap_or(i64::MAX);
    Ok((count(customers), count(follow_ups), count(opportunities), won))
}

async fn counted(db: &impl ConnectionTrait, row: report::Model) -> DomainResult<report::Model> {
    let next = row.week_start + chrono::Days::new(7);
    let (new_customers, follow_ups, new_opportunities, won_minor) = figures(db, row.owner_id, row.week_start, next).await?;
    Ok(report::Model { new_customers, follow_ups, new_opportunities, won_minor, ..row })
}

pub async fn create(db: &Db, ctx: &Ctx, input: WeeklyReportInput) -> DomainResult<WeeklyReportView> {
    kit::create::<WeeklyReports, _>(db, ctx, async |tx: &Tx| build(tx, ctx, input).await).await
}

/// Up to 1000 of the caller's own reports (weeks carried over from another system), each
/// checked and counted as `create` does one, the items before it included.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<WeeklyReportInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<WeeklyReports, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

async fn build(tx: &Tx, ctx: &Ctx, input: WeeklyReportInput) -> DomainResult<report::Model> {
    let (input, monday, _) = input.validate()?;
    let owner = ctx.actor.user_id;
    if let Some(other) = policy::live::<Report>().filter(C::OwnerId.eq(owner)).filter(C::Week.eq(input.week.clone())).one(tx).await.map_err(db_err)? {
        return Err(DomainError::conflict("weekly_report.duplicate", format!("you wrote the report of {} already", input.week)).with_extra(serde_json::json!({"existing_id": other.id})));
    }
    let row = report::Model { id: Uuid::now_v7(), owner_id: owner, week: input.week, week_start: monday, summary: input.summary, next_week_plan: input.next_week_plan, ..Default::default() };
    counted(tx, row).await
}

/// The author changes the text; the figures are counted again.
pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: WeeklyReportPatch, if_match: Option<i32>) -> DomainResult<WeeklyReportView> {
    kit::update::<WeeklyReports, _>(db, ctx, id, if_match, async |tx: &Tx, current: report::Model| {
        if current.owner_id != ctx.actor.user_id {
            return Err(DomainError::conflict("weekly_report.not_yours", "only its author changes a report; managers comment"));
        }
        let was = WeeklyReportInput { week: current.week.clone(), summary: current.summary.clone(), next_week_plan: current.next_week_plan.clone() };
        let (input, _, _) = patch.apply(was).validate()?;
        counted(tx, report::Model { summary: input.summary, next_week_plan: input.next_week_plan, ..current }).await
    })
    .await
}

/// A manager whose scope covers the author comments (the latest comment stands).
pub async fn comment(db: &Db, ctx: &Ctx, id: Uuid, text: &str, if_match: Option<i32>) -> DomainResult<WeeklyReportView> {
    let mut v = Validator::new();
    let text = v.required_text("comment", text, 2000);
    v.finish()?;
    kit::update::<WeeklyReports, _>(db, ctx, id, if_match, async |_: &Tx, current: report::Model| {
        if current.owner_id == ctx.actor.user_id {
            return Err(DomainError::conflict("weekly_report.own_report", "a report is commented by a manager, not its author"));
        }
        Ok(report::Model { comment: Some(text), commented_by: Some(ctx.actor.user_id), commented_at: Some(ctx.now), ..current })
    })
    .await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<WeeklyReports, _>(db, ctx, id, if_match, kit::no_rule).await
}

/// The weekly report list as a file, with the week's counts and the comment.
pub struct WeeklyReportExport;

#[async_trait::async_trait]
impl crate::table_export::TableExport for WeeklyReportExport {
    type Entity = Report;
    const COLUMNS: &'static [crate::table_export::Column] = {
        use crate::table_export::{col, Cell};
        &[
            col("owner", "负责人", "Owner", Cell::Text),
            col("week", "周次", "Week", Cell::Text),
            col("week_start", "开始日期", "Starts", Cell::Text),
            col("summary", "本周总结", "Summary", Cell::Text),
            col("next_week_plan", "下周计划", "Next week", Cell::Text),
            col("new_customers", "新增客户", "New customers", Cell::Number),
            col("follow_ups", "跟进次数", "Follow-ups", Cell::Number),
            col("new_opportunities", "新增商机", "New opportunities", Cell::Number),
            col("won_amount", "赢单金额", "Won", Cell::Number),
            col("comment", "批注", "Comment", Cell::Text),
            col("commented_by", "批注人", "Commented by", Cell::Text),
            col("created_at", "创建时间", "Created", Cell::Time),
            col("updated_at", "更新时间", "Updated", Cell::Time),
        ]
    };

    async fn rows(db: &Db, batch: Vec<report::Model>) -> DomainResult<Vec<Vec<String>>> {
        let o = |s: Option<String>| s.unwrap_or_default();
        let t = |t| crate::table_export::time(Some(t));
        // The view's names do not depend on who asks.
        Ok(WeeklyReports::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|r| {
                vec![
                    o(r.owner_name), r.week, r.week_start.to_string(), r.summary, o(r.next_week_plan), r.new_customers.to_string(), r.follow_ups.to_string(),
                    r.new_opportunities.to_string(), r.won_amount.to_string(), o(r.comment), o(r.commented_by_name), t(r.created_at), t(r.updated_at),
                ]
            })
            .collect())
    }
}
