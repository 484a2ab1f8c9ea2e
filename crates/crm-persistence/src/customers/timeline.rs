//! The customer timeline (CUS-10, CUS-11): follow-ups and the customer's own history
//! (creation, field changes, pool moves, owner changes) merged, newest first.

use chrono::{DateTime, Utc};
use crm_domain::audit::FieldChange;
use crm_domain::DomainResult;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use uuid::Uuid;

use super::entities::follow_up::{Column as F, Entity as FollowUp};
use super::follow_ups::FollowUpView;
use crate::audit::AuditEntry;
use crate::db::db_err;
use crate::listing::{ListParams, Page};
use crate::shared_entities::audit_log::{Column as A, Entity as AuditLog};
use crate::{Ctx, Db};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TimelineItem {
    /// `follow_up`, or the logged action: `create`, `update`, `claim`, `release`, `assign`,
    /// `transfer`, `invalidate`, `revalidate`, `return`, `won`, `delete`, `restore`.
    #[schema(example = "release")]
    pub kind: String,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    /// Field-level before/after for logged actions.
    pub changes: Vec<FieldChange>,
    /// Set when `kind` is `follow_up`.
    pub follow_up: Option<FollowUpView>,
}

/// One page of the merged timeline. Each source is read newest first up to the end of the
/// requested page and the two are merged, so a page costs two indexed queries.
pub async fn page(db: &Db, ctx: &Ctx, id: Uuid, params: &ListParams) -> DomainResult<Page<TimelineItem>> {
    // The customer must be visible: this answers 404 otherwise.
    super::records::get(db, ctx, id).await?;
    let want = params.offset() + params.page_size;
    // The operation's own record of a follow-up is the follow-up itself on the timeline.
    let events = AuditLog::find().filter(A::Entity.eq("customers")).filter(A::EntityId.eq(id)).filter(A::Action.ne("follow_up"));
    let follow_ups = FollowUp::find().filter(F::CustomerId.eq(id)).filter(F::DeletedAt.is_null());
    let total = events.clone().count(db).await.map_err(db_err)? + follow_ups.clone().count(db).await.map_err(db_err)?;
    let ev = events.order_by_desc(A::CreatedAt).order_by_desc(A::Id).limit(want).all(db).await.map_err(db_err)?;
    let fu = follow_ups.order_by_desc(F::OccurredAt).order_by_desc(F::Id).limit(want).all(db).await.map_err(db_err)?;
    let mut items: Vec<TimelineItem> = ev
        .into_iter()
        .map(AuditEntry::from)
        .map(|e| TimelineItem { kind: e.action, at: e.created_at, actor_id: e.actor_id, actor_name: e.actor_name, changes: e.changes, follow_up: None })
        .chain(fu.into_iter().map(|f| {
            let v = FollowUpView::from(f);
            TimelineItem { kind: "follow_up".into(), at: v.occurred_at, actor_id: Some(v.owner_id), actor_name: None, changes: Vec::new(), follow_up: Some(v) }
        }))
        .collect();
    items.sort_by_key(|i| std::cmp::Reverse(i.at));
    let mut items: Vec<TimelineItem> = items.into_iter().skip(usize::try_from(params.offset()).unwrap_or(usize::MAX)).take(usize::try_from(params.page_size).unwrap_or(0)).collect();
    // People by their display names (the log keeps the login name it saw; a follow-up only
    // its owner's id), one query for the page; a name that is gone keeps what was logged.
    let names = crate::system::user_names::display_names(db, items.iter().filter_map(|i| i.actor_id)).await?;
    for item in &mut items {
        if let Some(name) = item.actor_id.and_then(|id| names.get(&id)) {
            item.actor_name = Some(name.clone());
        }
    }
    Ok(Page::exact(items, total, params))
}
