//! Roles with action permissions and a data scope (SYS-4).

use chrono::{DateTime, Utc};
use crm_domain::system::{NewRole, RolePatch};
use crm_domain::{DataScope, DomainError, DomainResult};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::{role, user_role};
use crate::db::db_err;
use crate::listing::{fetch_page, FieldKind, Filter, ListParams, ListSpec, Page};
use crate::recycle;
use crate::version::{check_if_match, update_versioned};
use crate::{audit, Ctx, Db};

#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub permissions: Vec<String>,
    pub data_scope: DataScope,
    pub builtin: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<role::Model> for RoleView {
    fn from(m: role::Model) -> Self {
        Self {
            id: m.id,
            permissions: m.permission_codes(),
            data_scope: DataScope::parse(&m.data_scope).unwrap_or(DataScope::Own),
            name: m.name,
            description: m.description,
            builtin: m.builtin,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

crate::soft_delete!(role::Entity, "roles", Name);

pub fn spec() -> ListSpec<role::Entity> {
    use role::Column as C;
    ListSpec {
        filters: vec![
            Filter { name: "builtin", column: C::Builtin, kind: FieldKind::Bool, range: false },
            Filter { name: "data_scope", column: C::DataScope, kind: FieldKind::Text, range: false },
        ],
        sorts: vec![("name", C::Name), ("created_at", C::CreatedAt)],
        search: vec![C::Name, C::Description],
        search_index: None,
        default_sort: vec![(C::Builtin, Order::Desc), (C::Name, Order::Asc)],
        tie_breaker: C::Id,
    }
}

async fn find_live(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<role::Model> {
    role::Entity::find_by_id(id)
        .filter(role::Column::DeletedAt.is_null())
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found("role"))
}

pub async fn list(db: &Db, params: ListParams) -> DomainResult<Page<RoleView>> {
    let select = spec().apply(role::Entity::find().filter(role::Column::DeletedAt.is_null()), &params, db.get_database_backend())?;
    Ok(fetch_page(db, select, &params).await?.map(Into::into))
}

pub async fn get(db: &Db, id: Uuid) -> DomainResult<RoleView> {
    Ok(find_live(db, id).await?.into())
}

async fn check_name(db: &impl ConnectionTrait, name: &str, except: Option<Uuid>) -> DomainResult<()> {
    let mut q = role::Entity::find().filter(role::Column::Name.eq(name));
    if let Some(id) = except {
        q = q.filter(role::Column::Id.ne(id));
    }
    if q.one(db).await.map_err(db_err)?.is_some() {
        return Err(DomainError::conflict("role.duplicate_name", format!("a role named '{name}' exists"))
            .with_extra(json!({"errors": [{"field": "name", "code": "duplicate", "message": "is taken"}]})));
    }
    Ok(())
}

pub async fn create(db: &Db, ctx: &Ctx, input: NewRole) -> DomainResult<RoleView> {
    let input = input.validate()?;
    let tx = crate::tx::begin(db).await?;
    check_name(&tx, &input.name, None).await?;
    let model = role::Model {
        id: Uuid::now_v7(),
        name: input.name,
        description: input.description,
        permissions: json!(input.permissions),
        data_scope: input.data_scope.as_str().into(),
        builtin: false,
        version: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
        deleted_at: None,
        deleted_by: None,
    };
    role::Entity::insert(role::ActiveModel::from(model.clone())).exec_without_returning(&tx).await.map_err(db_err)?;
    let v = RoleView::from(model);
    audit::record(&tx, ctx, "roles", v.id, "create", &serde_json::Value::Null, &json!(v)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(v)
}

/// The built-in `admin` role is the way back in after a mistake, so it stays whole;
/// other built-in roles may be tuned but not renamed.
pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: RolePatch, if_match: Option<i32>) -> DomainResult<RoleView> {
    let patch = patch.validate()?;
    let tx = crate::tx::begin(db).await?;
    let current = find_live(&tx, id).await?;
    check_if_match(if_match, current.version)?;
    if current.builtin && current.name == "admin" && (patch.permissions.is_some() || patch.data_scope.is_some() || patch.name.is_some()) {
        return Err(DomainError::conflict("role.builtin", "the admin role's name, permissions and scope cannot change"));
    }
    if current.builtin && patch.name.as_ref().is_some_and(|n| *n != current.name) {
        return Err(DomainError::conflict("role.builtin", "built-in roles cannot be renamed"));
    }
    let mut next = current.clone();
    if let Some(n) = patch.name {
        check_name(&tx, &n, Some(id)).await?;
        next.name = n;
    }
    if let Some(d) = patch.description {
        next.description = d;
    }
    if let Some(p) = patch.permissions {
        next.permissions = json!(p);
    }
    if let Some(s) = patch.data_scope {
        next.data_scope = s.as_str().into();
    }
    next.updated_at = ctx.now;
    let changes = role::ActiveModel {
        name: Set(next.name.clone()),
        description: Set(next.description.clone()),
        permissions: Set(next.permissions.clone()),
        data_scope: Set(next.data_scope.clone()),
        updated_at: Set(next.updated_at),
        ..Default::default()
    };
    update_versioned(&tx, changes, role::Column::Id, id, role::Column::Version, current.version).await?;
    next.version = current.version + 1;
    let before = RoleView::from(current);
    let after = RoleView::from(next);
    audit::record(&tx, ctx, "roles", id, "update", &json!(before), &json!(after)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok(after)
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    let tx = crate::tx::begin(db).await?;
    let current = find_live(&tx, id).await?;
    check_if_match(if_match, current.version)?;
    if current.builtin {
        return Err(DomainError::conflict("role.builtin", "built-in roles cannot be deleted"));
    }
    let holders = user_role::Entity::find().filter(user_role::Column::RoleId.eq(id)).count(&tx).await.map_err(db_err)?;
    if holders > 0 {
        return Err(DomainError::conflict("role.in_use", format!("{holders} user(s) hold this role; take it from them first")));
    }
    recycle::soft_delete::<role::Entity>(&tx, ctx, id, current.version).await?;
    tx.commit().await.map_err(db_err)
}

/// The live roles of a user.
pub async fn of_user(db: &impl ConnectionTrait, user_id: Uuid) -> DomainResult<Vec<role::Model>> {
    let ids: Vec<Uuid> = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::RoleId)
        .filter(user_role::Column::UserId.eq(user_id))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    role::Entity::find()
        .filter(role::Column::Id.is_in(ids))
        .filter(role::Column::DeletedAt.is_null())
        .all(db)
        .await
        .map_err(db_err)
}
