//! Saved list views: each user's own named filters, sort and columns per list page, one
//! of them the default the page opens with. A user sees and changes only their own.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use crm_domain::saved_views::{SavedViewPatch, ViewInput, MAX_VIEWS};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, Select};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::db::db_err;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::shared_entities::saved_view::{self, Column as C, Entity as SavedView};
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(SavedView, "saved_views", Name);

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = SavedView, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4eb0", "resource": "customers", "name": "我的潜在客户",
    "query": {"pool": "potential", "level": "a", "sort": "-next_follow_up_at"}, "columns": ["code", "name", "level", "next_follow_up_at"],
    "is_default": true, "version": 1, "created_at": "2026-11-25T09:00:00Z", "updated_at": "2026-11-25T09:00:00Z"}))]
pub struct ViewView {
    pub id: Uuid,
    /// The list page: customers, interactions, products or suppliers.
    pub resource: String,
    pub name: String,
    /// The list's query parameters (filters, `q`, `sort`, `page_size`), as strings.
    pub query: BTreeMap<String, String>,
    /// The visible columns, in order.
    pub columns: Vec<String>,
    /// The view the page opens with; one per page.
    pub is_default: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
impl From<saved_view::Model> for ViewView {
    fn from(m: saved_view::Model) -> Self {
        Self {
            id: m.id,
            resource: m.resource,
            name: m.name,
            query: serde_json::from_value(m.query).unwrap_or_default(),
            columns: serde_json::from_value(m.columns).unwrap_or_default(),
            is_default: m.is_default,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

fn mine(ctx: &Ctx) -> sea_orm::Select<SavedView> {
    policy::live::<SavedView>().filter(C::UserId.eq(ctx.actor.user_id))
}

/// Saved views on the kit: each user's own (`Policy::Personal`); their list is the
/// caller's views of one page, whole, not paged.
pub struct SavedViews;

impl Resource for SavedViews {
    type Entity = SavedView;
    type View = ViewView;
    const WHAT: &'static str = "saved view";
    const POLICY: Policy = Policy::Personal;

    fn spec() -> ListSpec<SavedView> {
        ListSpec {
            filters: vec![Filter { name: "resource", column: C::Resource, kind: FieldKind::Text, range: false }],
            sorts: vec![("name", C::Name), ("created_at", C::CreatedAt)],
            search: vec![C::Name],
            search_index: None,
            default_sort: vec![(C::Resource, Order::Asc), (C::Name, Order::Asc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(_: &impl ConnectionTrait, _: &Ctx, rows: Vec<saved_view::Model>) -> DomainResult<Vec<ViewView>> {
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn visible(_: &impl ConnectionTrait, ctx: &Ctx, _: bool) -> DomainResult<Select<SavedView>> {
        Ok(mine(ctx))
    }
}

/// The caller's views of one list page (all pages when `resource` is none), by name.
pub async fn list(db: &Db, ctx: &Ctx, resource: Option<&str>) -> DomainResult<Vec<ViewView>> {
    let mut q = mine(ctx);
    if let Some(r) = resource {
        q = q.filter(C::Resource.eq(r));
    }
    Ok(q.order_by_asc(C::Resource).order_by_asc(C::Name).all(db).await.map_err(db_err)?.into_iter().map(Into::into).collect())
}

async fn check_name(db: &impl ConnectionTrait, ctx: &Ctx, resource: &str, name: &str, except: Option<Uuid>) -> DomainResult<()> {
    let mut q = mine(ctx).filter(C::Resource.eq(resource)).filter(C::Name.eq(name));
    if let Some(id) = except {
        q = q.filter(C::Id.ne(id));
    }
    if q.count(db).await.map_err(db_err)? > 0 {
        return Err(DomainError::conflict("saved_view.duplicate", format!("you already have a view named {name} here"))
            .with_extra(json!({"errors": [{"field": "name", "code": "duplicate", "message": "the same name exists"}]})));
    }
    Ok(())
}

/// Only one default per user and page: setting one clears the others.
async fn clear_default(db: &impl ConnectionTrait, user_id: Uuid, resource: &str, except: Uuid) -> DomainResult<()> {
    SavedView::update_many()
        .col_expr(C::IsDefault, Expr::value(false))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .filter(C::UserId.eq(user_id))
        .filter(C::Resource.eq(resource))
        .filter(C::IsDefault.eq(true))
        .filter(C::Id.ne(except))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

pub async fn create(db: &Db, ctx: &Ctx, input: ViewInput) -> DomainResult<ViewView> {
    let v = input.validate()?;
    let build = async |tx: &Tx| -> DomainResult<(saved_view::Model, ())> {
        if mine(ctx).filter(C::Resource.eq(v.resource.as_str())).count(tx).await.map_err(db_err)? >= MAX_VIEWS {
            return Err(DomainError::invalid_field("name", "too_many", format!("at most {MAX_VIEWS} views per list")));
        }
        check_name(tx, ctx, &v.resource, &v.name, None).await?;
        Ok((saved_view::Model {
            id: Uuid::now_v7(),
            user_id: ctx.actor.user_id,
            resource: v.resource,
            name: v.name,
            query: json!(v.query),
            columns: json!(v.columns),
            is_default: v.is_default,
            ..Default::default()
        }, ()))
    };
    kit::create_linked::<SavedViews, _, _, _>(db, ctx, build, async |tx, row: &saved_view::Model, ()| clear_other_defaults(tx, row).await).await
}

/// A new default clears the page's other defaults.
async fn clear_other_defaults(tx: &Tx, row: &saved_view::Model) -> DomainResult<()> {
    if row.is_default {
        clear_default(tx, row.user_id, &row.resource, row.id).await?;
    }
    Ok(())
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: SavedViewPatch, if_match: Option<i32>) -> DomainResult<ViewView> {
    let change = async |tx: &Tx, current: saved_view::Model| {
        let was = ViewView::from(current.clone());
        let input = ViewInput { resource: was.resource, name: was.name, query: was.query, columns: was.columns, is_default: was.is_default };
        let v = patch.apply(input).validate()?;
        check_name(tx, ctx, &v.resource, &v.name, Some(id)).await?;
        Ok(saved_view::Model { name: v.name, query: json!(v.query), columns: json!(v.columns), is_default: v.is_default, ..current })
    };
    kit::update_linked::<SavedViews, _, _>(db, ctx, id, if_match, change, clear_other_defaults).await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<SavedViews, _>(db, ctx, id, if_match, kit::no_rule).await
}

pub const RESTORABLE: &[crate::kit::restore::Restorable] = &[crate::kit::restore::Restorable::plain::<SavedView>()];
