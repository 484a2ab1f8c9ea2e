//! Interactions (CUS-10): follow-ups across the customers the caller may see, by time
//! range, keyword, kind and owner, with the customer's and recorder's names; browsed in
//! pages or exported whole.

use std::collections::HashMap;

use crm_domain::DomainResult;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use uuid::Uuid;

use super::entities::{customer, follow_up};
use super::follow_ups::{customers_visible, spec, FollowUpView};
use crate::table_export::{col, time, Cell, Column, TableExport};
use crate::db::db_err;
use crate::listing::{fetch_page, ListParams, Page};
use crate::{Ctx, Db};

/// A follow-up with the names people read in a cross-customer list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Interaction)]
pub struct InteractionView {
    #[serde(flatten)]
    pub follow_up: FollowUpView,
    pub customer_name: String,
    /// Who recorded it.
    pub owner_name: Option<String>,
}

async fn names<E, C>(db: &impl ConnectionTrait, id_col: C, name_col: C, ids: Vec<Uuid>) -> DomainResult<HashMap<Uuid, String>>
where
    E: EntityTrait<Column = C>,
    C: ColumnTrait,
{
    Ok(E::find().select_only().column(id_col).column(name_col).filter(id_col.is_in(ids)).into_tuple::<(Uuid, String)>().all(db).await.map_err(db_err)?.into_iter().collect())
}

/// Names for a batch of rows in two queries, whatever its size.
async fn views(db: &impl ConnectionTrait, rows: Vec<follow_up::Model>) -> DomainResult<Vec<InteractionView>> {
    let customers = names::<customer::Entity, _>(db, customer::Column::Id, customer::Column::Name, rows.iter().filter_map(|r| r.customer_id).collect()).await?;
    let owners = crate::system::user_names::display_names(db, rows.iter().map(|r| r.owner_id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| InteractionView {
            customer_name: r.customer_id.and_then(|c| customers.get(&c).cloned()).unwrap_or_default(),
            owner_name: owners.get(&r.owner_id).cloned(),
            follow_up: r.into(),
        })
        .collect())
}

pub async fn list(db: &Db, ctx: &Ctx, params: ListParams) -> DomainResult<Page<InteractionView>> {
    let select = spec().apply(customers_visible(db, ctx).await?, &params, db.get_database_backend())?;
    let mut page = fetch_page(db, select, &params).await?;
    let rows = std::mem::take(&mut page.items);
    Ok(page.with_items(views(db, rows).await?))
}

pub struct InteractionExport;

#[async_trait::async_trait]
impl TableExport for InteractionExport {
    type Entity = follow_up::Entity;
    const COLUMNS: &'static [Column] = &[
        col("occurred_at", "跟进时间", "Time", Cell::Time),
        col("customer", "客户", "Customer", Cell::Text),
        col("kind", "跟进方式", "Kind", Cell::Dict("follow_up_type")),
        col("content", "跟进内容", "Content", Cell::Text),
        col("recorded_by", "记录人", "Recorded by", Cell::Text),
        col("next_follow_up_at", "下次跟进", "Next follow-up", Cell::Time),
    ];

    async fn rows(db: &Db, batch: Vec<follow_up::Model>) -> DomainResult<Vec<Vec<String>>> {
        Ok(views(db, batch)
            .await?
            .into_iter()
            .map(|i| {
                let f = i.follow_up;
                vec![time(Some(f.occurred_at)), i.customer_name, f.kind, f.content, i.owner_name.unwrap_or_default(), time(f.next_follow_up_at)]
            })
            .collect())
    }
}

/// The query an export of interactions runs (`exports::lists::INTERACTIONS`).
pub async fn export_select(db: &Db, ctx: &Ctx, params: ListParams) -> DomainResult<sea_orm::Select<follow_up::Entity>> {
    spec().apply(customers_visible(db, ctx).await?, &params, db.get_database_backend())
}
