//! The approvals' card on the workbench: what waits for the caller's decision, oldest
//! first (whatever the reach: a decision is the caller's own).

use crm_domain::permissions::perms::APPROVALS_APPROVE;
use crm_domain::DomainResult;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::engine::TASK_PENDING;
use super::entities::{instance, task};
use crate::db::db_err;
use crate::system::user_names::display_names;
use crate::workbench::{Card, CardItem, CardSpec, Frame};
use crate::{Ctx, Db};

pub const CARDS: &[CardSpec] = &[CardSpec { key: "approvals.waiting_for_me", needs: Some(APPROVALS_APPROVE), build: |db, ctx, f| Box::pin(waiting_for_me(db, ctx, f)) }];

async fn waiting_for_me(db: &Db, ctx: &Ctx, frame: &Frame) -> DomainResult<Card> {
    let mine = task::Entity::find().filter(task::Column::ApproverId.eq(ctx.actor.user_id)).filter(task::Column::State.eq(TASK_PENDING));
    let total = mine.clone().count(db).await.map_err(db_err)?;
    let tasks = mine.order_by_asc(task::Column::CreatedAt).order_by_asc(task::Column::Id).limit(frame.limit).all(db).await.map_err(db_err)?;
    let instances = instance::Entity::find().filter(instance::Column::Id.is_in(tasks.iter().map(|t| t.instance_id))).all(db).await.map_err(db_err)?;
    let names = display_names(db, instances.iter().map(|i| i.applicant_id)).await?;
    let items = tasks
        .iter()
        .filter_map(|t| {
            let i = instances.iter().find(|i| i.id == t.instance_id)?;
            Some(CardItem { entity: "approvals".into(), id: i.id, name: i.doc_label.clone(), at: Some(t.created_at), owner_id: Some(i.applicant_id), owner_name: names.get(&i.applicant_id).cloned() })
        })
        .collect();
    Ok(Card { key: String::new(), total, items, by_owner: Vec::new(), amount: None, weighted_amount: None, target_amount: None })
}
