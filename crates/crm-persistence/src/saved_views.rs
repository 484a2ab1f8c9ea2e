//! Saved list views: each user's own named filters, sort and columns per list page, one
//! of them the default the page opens with. A user sees and changes only their own.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use crm_domain::saved_views::{ViewInput, MAX_VIEWS};
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::db::db_err;
use crate::shared_entities::saved_view::{self, Column as C, Entity as SavedView};
use crate::version::{check_if_match, update_versioned};
use crate::{audit, recycle, Ctx, Db};

crate::soft_delete!(SavedView, "saved_views", Name);

#[derive(Debug, Clone, Serialize)]
pub struct ViewView {
    pub id: Uuid,
    pub resource: String,
    pub name: String,
    pub query: BTreeMap<String, String>,
    pub columns: Vec<String>,
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
    SavedView::find().filter(C::UserId.eq(ctx.actor.user_id)).filter(C::DeletedAt.is_null())
}

async fn find_mine(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> DomainResult<saved_view::Model> {
    mine(ctx).filter(C::Id.eq(id)).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("saved view"))
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
async fn clear_default(db: &impl ConnectionTrait, ctx: &Ctx, resource: &str, except: Uuid) -> DomainResult<()> {
    SavedView::update_many()
        .col_expr(C::IsDefault, Expr::value(false))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .filter(C::UserId.eq(ctx.actor.user_id))
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
    let tx = crate::tx::begin(db).await?;
    if mine(ctx).filter(C::Resource.eq(v.resource.as_str())).count(&tx).await.map_err(db_err)? >= MAX_VIEWS {
        return Err(DomainError::invalid_field("name", "too_many", format!("at most {MAX_VIEWS} views per list")));
    }
    check_name(&tx, ctx, &v.resource, &v.name, None).await?;
    let model = saved_view::Model {
        id: Uuid::now_v7(),
        user_id: ctx.actor.user_id,
        resource: v.resource,
        name: v.name,
        query: json!(v.query),
        columns: json!(v.columns),
        is_default: v.is_default,
        version: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
        deleted_at: None,
        deleted_by: None,
    };
    SavedView::insert(saved_view::ActiveModel::from(model.clone())).exec_without_returning(&tx).await.map_err(db_err)?;
    if model.is_default {
        clear_default(&tx, ctx, &model.resource, model.id).await?;
    }
    let out = ViewView::from(model);
    audit::record(&tx, ctx, "saved_views", out.id, "create", &Value::Null, &json!(out)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(out)
}

#[derive(Debug, Default)]
pub struct ViewPatch {
    pub name: Option<String>,
    pub query: Option<BTreeMap<String, String>>,
    pub columns: Option<Vec<String>>,
    pub is_default: Option<bool>,
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: ViewPatch, if_match: Option<i32>) -> DomainResult<ViewView> {
    let tx = crate::tx::begin(db).await?;
    let current = find_mine(&tx, ctx, id).await?;
    let before = ViewView::from(current.clone());
    // Bad input is refused as such (422) before the version is compared (412).
    let v = ViewInput {
        resource: current.resource.clone(),
        name: patch.name.unwrap_or_else(|| before.name.clone()),
        query: patch.query.unwrap_or_else(|| before.query.clone()),
        columns: patch.columns.unwrap_or_else(|| before.columns.clone()),
        is_default: patch.is_default.unwrap_or(before.is_default),
    }
    .validate()?;
    check_if_match(if_match, current.version)?;
    check_name(&tx, ctx, &v.resource, &v.name, Some(id)).await?;
    let changes = saved_view::ActiveModel {
        name: Set(v.name.clone()),
        query: Set(json!(v.query)),
        columns: Set(json!(v.columns)),
        is_default: Set(v.is_default),
        updated_at: Set(ctx.now),
        ..Default::default()
    };
    update_versioned(&tx, changes, C::Id, id, C::Version, current.version).await?;
    if v.is_default {
        clear_default(&tx, ctx, &v.resource, id).await?;
    }
    let after = ViewView { name: v.name, query: v.query, columns: v.columns, is_default: v.is_default, version: current.version + 1, updated_at: ctx.now, ..before.clone() };
    audit::record(&tx, ctx, "saved_views", id, "update", &json!(before), &json!(after)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(after)
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    let tx = crate::tx::begin(db).await?;
    let current = find_mine(&tx, ctx, id).await?;
    check_if_match(if_match, current.version)?;
    recycle::soft_delete::<SavedView>(&tx, ctx, id, current.version).await?;
    tx.commit().await.map_err(db_err)
}

pub const RESTORABLE: &[crate::kit::restore::Restorable] = &[crate::kit::restore::Restorable::plain::<SavedView>()];
