//! The kanban board (SAL-3): per stage, in board order, how many opportunities the caller
//! sees under the list's filters, their amount and weighted amount, and the first cards
//! in card order. A column pages on its own through the list (`stage_id=…&sort=position`).

use std::collections::HashMap;

use crm_domain::DomainResult;
use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait};
use serde::Serialize;
use uuid::Uuid;

use super::entities::opportunity::Column as C;
use super::entities::stage::{self, Entity as Stage};
use super::records::{Opportunities, OpportunityView};
use super::stages::{view_of, StageView};
use super::sums::{grouped, kept_by_stage, kept_totals_answer, Measure, Sums};
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

fn stage_table() -> sea_orm::sea_query::Alias {
    sea_orm::sea_query::Alias::new("opportunities")
}

pub async fn board(db: &Db, ctx: &Ctx, mut params: ListParams) -> DomainResult<Board> {
    let per_column = params.page_size;
    params.sort = Vec::new();
    let kept = kept_totals_answer(db, ctx, &params).await?;
    let filtered = kit::list_select::<Opportunities>(db, ctx, params).await?;
    let stages: Vec<stage::Model> = policy::live::<Stage>().order_by_asc(stage::Column::SortOrder).order_by_asc(stage::Column::Id).all(db).await.map_err(db_err)?;

    let sums: HashMap<Uuid, Sums> = match kept {
        Some(scope) => kept_by_stage(db, &scope).await?,
        None => grouped::<Uuid>(db, filtered.clone(), Expr::col((stage_table(), C::StageId)).into(), Measure::Opportunity).await?,
    }
    .into_iter()
    .collect();

    let mut rows = Vec::new();
    for s in &stages {
        if sums.get(&s.id).is_none_or(|g| g.count == 0) {
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
            let g = sums.get(&s.id).cloned().unwrap_or_default();
            Column {
                count: g.count,
                amount: g.amount(),
                weighted_amount: g.weighted_amount(),
                items: by_stage.remove(&s.id).unwrap_or_default(),
                stage: view_of(s),
            }
        })
        .collect();
    Ok(Board { columns })
}
