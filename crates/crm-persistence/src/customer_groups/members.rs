//! A group's members: replaced as a set within the caller's data scope (`kit::links`),
//! and the filter that narrows the customer list to one or more groups.

use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{ActiveValue::Set, ColumnTrait};
use serde_json::json;
use uuid::Uuid;

use super::entities::{group, member};
use super::CustomerGroups;
use crate::customers::entities::customer;
use crate::db::db_err;
use crate::kit::links::LinkTable;
use crate::kit::{self, policy};
use crate::{audit, Ctx, Db};

const MEMBERS: LinkTable<member::Entity> =
    LinkTable { from: member::Column::GroupId, to: member::Column::CustomerId, field: "customer_ids", what: "customer" };

/// How a request changes a group's members.
pub enum MemberChange {
    /// The members the caller can see become exactly these; members outside their scope stay.
    Replace(Vec<Uuid>),
    /// These join (those already in stay).
    Add(Vec<Uuid>),
    /// These leave.
    Remove(Vec<Uuid>),
}

/// Changes the group's members within the caller's data scope: every named customer must
/// be one they can see (404 naming the others, and nothing changes). The caller must be
/// able to change the group, whose row stays locked to the commit, so concurrent changes
/// of one group apply one after another and none is lost.
pub async fn change(db: &Db, ctx: &Ctx, group_id: Uuid, how: MemberChange) -> DomainResult<super::CustomerGroupView> {
    let tx = crate::tx::begin(db).await?;
    let g = kit::load_locked::<CustomerGroups>(&tx, ctx, group_id).await?;
    let by = ctx.actor.user_id;
    let new_link = |c| member::ActiveModel { group_id: Set(group_id), customer_id: Set(c), added_by: Set(Some(by)), created_at: Set(ctx.now) };
    let change = match how {
        MemberChange::Replace(ids) => MEMBERS.replace_visible::<customer::Entity>(&tx, ctx, group_id, ids, new_link).await?,
        MemberChange::Add(ids) => MEMBERS.add_visible::<customer::Entity>(&tx, ctx, group_id, ids, new_link).await?,
        MemberChange::Remove(ids) => MEMBERS.remove_visible::<customer::Entity>(&tx, ctx, group_id, ids).await?,
    };
    if !change.is_empty() {
        let before = json!({"members_added": null, "members_removed": null});
        let after = json!({"members_added": change.added, "members_removed": change.removed});
        audit::record(&tx, ctx, "customer_groups", group_id, "update", &before, &after).await?;
    }
    let v = kit::view::<CustomerGroups>(&tx, ctx, g).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// `customers.id IN (members of these groups that the caller may see)`: the customer
/// list's `group_id` filter (comma-separated ids match any). A group the caller cannot
/// see matches nothing, so the filter reveals nothing of others' groups.
pub async fn customer_filter(db: &impl sea_orm::ConnectionTrait, ctx: &Ctx, raw: &str) -> DomainResult<SimpleExpr> {
    let ids = raw
        .split(',')
        .map(|s| {
            Uuid::parse_str(s).map_err(|_| {
                DomainError::bad_request("query.invalid", format!("group_id: '{s}' is not a UUID"))
                    .with_extra(json!({"errors": [{"field": "group_id", "code": "invalid", "message": "not a UUID"}]}))
            })
        })
        .collect::<DomainResult<Vec<Uuid>>>()?;
    let visible = policy::visible_ids::<group::Entity>(db, ctx, false).await?;
    let members = Query::select()
        .column(member::Column::CustomerId)
        .from(member::Entity)
        .and_where(member::Column::GroupId.is_in(ids))
        .and_where(member::Column::GroupId.in_subquery(visible))
        .to_owned();
    Ok(customer::Column::Id.in_subquery(members))
}
