//! Roles with action permissions and a data scope (SYS-4), a catalogue resource of the kit.

use chrono::{DateTime, Utc};
use crm_domain::system::{NewRole, RolePatch};
use crm_domain::{DataScope, DomainError, DomainResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::{role, user_role};
use crate::db::db_err;
use crate::kit::{self, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::{Ctx, Db};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Role, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "sales_rep", "description": "Sales representative", "permissions": ["customers:read"], "data_scope": "self", "builtin": true, "version": 1, "created_at": "2026-11-24T09:30:00Z", "updated_at": "2026-11-24T09:30:00Z"}))]
pub struct RoleView {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub permissions: Vec<String>,
    pub data_scope: DataScope,
    /// Built-in roles (`admin`, `sales_manager`, `sales_rep`) cannot be deleted or renamed.
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

pub struct Roles;

impl Resource for Roles {
    type Entity = role::Entity;
    type View = RoleView;
    const WHAT: &'static str = "role";
    const POLICY: Policy = Policy::Catalogue;

    fn spec() -> ListSpec<role::Entity> {
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

    async fn views(_: &impl ConnectionTrait, _: &Ctx, rows: Vec<role::Model>) -> DomainResult<Vec<RoleView>> {
        Ok(rows.into_iter().map(Into::into).collect())
    }
}

/// Role names are unique among all rows, deleted ones included, so a restore cannot clash.
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

fn fill(row: role::Model, r: NewRole) -> role::Model {
    role::Model { name: r.name, description: r.description, permissions: json!(r.permissions), data_scope: r.data_scope.as_str().into(), ..row }
}

pub async fn create(db: &Db, ctx: &Ctx, input: NewRole) -> DomainResult<RoleView> {
    kit::create::<Roles, _>(db, ctx, async |tx| build(tx, input).await).await
}

/// Creates up to 1000 roles, each checked and answered as `create` would (a name unique
/// among the stored roles and the items before it, permissions of the catalogue).
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<NewRole>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<Roles, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, input).await).await
}

async fn build(tx: &crate::tx::Tx, input: NewRole) -> DomainResult<role::Model> {
    let r = input.validate()?;
    check_name(tx, &r.name, None).await?;
    Ok(fill(role::Model { id: Uuid::now_v7(), ..Default::default() }, r))
}

/// The built-in `admin` role is the way back in after a mistake, so it stays whole;
/// other built-in roles may be tuned but not renamed.
pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: RolePatch, if_match: Option<i32>) -> DomainResult<RoleView> {
    kit::update::<Roles, _>(db, ctx, id, if_match, async |tx, current| {
        if current.builtin && current.name == "admin" && (patch.permissions.is_some() || patch.data_scope.is_some() || patch.name.is_some()) {
            return Err(DomainError::conflict("role.builtin", "the admin role's name, permissions and scope cannot change"));
        }
        if current.builtin && patch.name.as_ref().is_some_and(|n| *n != current.name) {
            return Err(DomainError::conflict("role.builtin", "built-in roles cannot be renamed"));
        }
        let view = RoleView::from(current.clone());
        let input = NewRole { name: view.name, description: view.description, permissions: view.permissions, data_scope: view.data_scope };
        let r = patch.apply(input).validate()?;
        if r.name != current.name {
            check_name(tx, &r.name, Some(id)).await?;
        }
        Ok(fill(current, r))
    })
    .await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Roles, _>(db, ctx, id, if_match, async |tx, current| {
        if current.builtin {
            return Err(DomainError::conflict("role.builtin", "built-in roles cannot be deleted"));
        }
        let holders = user_role::Entity::find().filter(user_role::Column::RoleId.eq(id)).count(tx).await.map_err(db_err)?;
        if holders > 0 {
            return Err(DomainError::conflict("role.in_use", format!("{holders} user(s) hold this role; take it from them first")));
        }
        Ok(())
    })
    .await
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

/// The SPA's words for the scopes (`common.json` `dataScope`).
const SCOPES: &[(&str, &str, &str)] = &[
    ("self", "本人", "Own records"),
    ("self_and_subordinates", "本人及下属", "Own and subordinates' records"),
    ("department", "本部门", "Own department"),
    ("department_tree", "本部门及下级部门", "Department and sub-departments"),
    ("all", "全部", "All records"),
];

/// The role list as a file: the permissions as their codes.
pub struct RoleExport;

#[async_trait::async_trait]
impl crate::table_export::TableExport for RoleExport {
    type Entity = role::Entity;
    const COLUMNS: &'static [crate::table_export::Column] = {
        use crate::table_export::{col, Cell};
        &[
            col("name", "角色名称", "Name", Cell::Text),
            col("description", "描述", "Description", Cell::Text),
            col("data_scope", "数据范围", "Data scope", Cell::Choice(SCOPES)),
            col("builtin", "内置", "Built-in", Cell::Bool),
            col("permissions", "权限", "Permissions", Cell::Text),
            col("created_at", "创建时间", "Created", Cell::Time),
            col("updated_at", "更新时间", "Updated", Cell::Time),
        ]
    };

    async fn rows(_: &Db, batch: Vec<role::Model>) -> DomainResult<Vec<Vec<String>>> {
        let t = |t| crate::table_export::time(Some(t));
        Ok(batch
            .into_iter()
            .map(|r| {
                let permissions = r.permission_codes().join(", ");
                vec![r.name, r.description.unwrap_or_default(), r.data_scope, r.builtin.to_string(), permissions, t(r.created_at), t(r.updated_at)]
            })
            .collect())
    }
}
