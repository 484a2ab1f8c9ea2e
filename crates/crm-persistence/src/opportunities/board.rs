//! The kanban board (SAL-3): per stage, in board order, how many opportunities the caller
//! sees under the list's filters, their amount and weighted amount, and the first cards
//! in card order. A column pages on its own through the list (`stage_id=…&sort=position`).

use std::collections::HashMap;

use crm_domain::DomainResult;
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait};
use serde::Serialize;
use uuid::Uuid;

use super::entities::opportunity::Column as C;
use super::entities::stage::{self, Entity as Stage};
use super::records::{Opportunities, OpportunityView};
use super::stages::{view_of, StageView};
use crate::db::db_err;
use crate::kit::{self, policy, Resource};
use crate::listing::ListParams;
use crate::{Ctx, Db};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = BoardColumn)]
pub struct Column {
    pub stage: StageView,
    /// Opportunities in the stage under the filters.
    pub count: u64,
    /// Their amounts added up, whatever their currency.
    #[schema(value_type = String, example = "125000.00")]
    pub amount: Decimal,
    /// Σ amount × probability, half up to the cent.
    #[schema(value_type = String, example = "62500.00")]
    pub weighted_amount: Decimal,
    /// The first `page_size` cards, lower `position` first.
    pub items: Vec<OpportunityView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Board)]
pub struct Board {
    /// Every live stage, in `sort_order`.
    pub columns: Vec<Column>,
}

/// Minor units with two places, half up.
fn cents(minor: Decimal) -> Decimal {
    let mut d = (minor / Decimal::ONE_HUNDRED).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    d.rescale(2);
    d
}

pub async fn board(db: &Db, ctx: &Ctx, mut params: ListParams) -> DomainResult<Board> {
    let per_column = params.page_size;
    params.sort = Vec::new();
    let filtered = kit::list_select::<Opportunities>(db, ctx, params).await?;
    let stages: Vec<stage::Model> = policy::live::<Stage>().order_by_asc(stage::Column::SortOrder).order_by_asc(stage::Column::Id).all(db).await.map_err(db_err)?;

    let mut sums = filtered
        .clone()
        .select_only()
        .column(C::StageId)
        .column_as(Expr::col(C::Id).count(), "n")
        // As text: PostgreSQL's sum is a numeric, SQLite's an integer; both print exactly.
        .column_as(Expr::cust("CAST(SUM(amount_minor) AS TEXT)"), "amount")
        .column_as(Expr::cust("CAST(SUM(amount_minor * probability) AS TEXT)"), "weighted")
        .group_by(C::StageId);
    QueryTrait::query(&mut sums).clear_order_by();
    let number = |t: Option<String>| t.and_then(|t| t.parse::<Decimal>().ok());
    let sums: HashMap<Uuid, (i64, Option<Decimal>, Option<Decimal>)> = sums
        .into_tuple::<(Uuid, i64, Option<String>, Option<String>)>()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(s, n, a, w)| (s, (n, number(a), number(w))))
        .collect();

    let mut rows = Vec::new();
    for s in &stages {
        if sums.get(&s.id).is_none_or(|(n, _, _)| *n == 0) {
            continue;
        }
        let mut cards = filtered.clone().filter(C::StageId.eq(s.id));
        QueryTrait::query(&mut cards).clear_order_by();
        rows.extend(cards.order_by_asc(C::Position).order_by_asc(C::Id).limit(per_column).all(db).await.map_err(db_err)?);
    }
    let mut by_stage: HashMap<Uuid, Vec<OpportunityView>> = HashMap::new();
    for v in Opportunities::views(db, ctx, rows).await? {
        by_stage.entry(v.stage_id).or_default().push(v);
    }
    let columns = stages
        .into_iter()
        .map(|s| {
            let (n, amount, weighted) = sums.get(&s.id).cloned().unwrap_or((0, None, None));
            Column {
                count: u64::try_from(n).unwrap_or(0),
                amount: cents(amount.unwrap_or_default()),
                weighted_amount: cents(weighted.unwrap_or_default() / Decimal::ONE_HUNDRED),
                items: by_stage.remove(&s.id).unwrap_or_default(),
                stage: view_of(s),
            }
        })
        .collect();
    Ok(Board { columns })
}
