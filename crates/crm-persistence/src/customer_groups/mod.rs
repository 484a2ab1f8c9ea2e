//! Customer groups [客户分组] (CUS-3) on the resource kit: an owned record (visible by the
//! owner's data scope, or to everyone when shared) whose members are customers, managed
//! within the caller's scope. The customer list filters by group (`group_id`).

pub mod entities;
pub mod members;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crm_domain::customer_groups::{CustomerGroupInput, CustomerGroupPatch};
use crm_domain::products::name_key;
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QuerySelect, Select};
use serde::Serialize;
use uuid::Uuid;

use self::entities::group::{self, Column as C, Entity as Group};
use self::entities::member;
use crate::db::db_err;
use crate::kit::restore::Restorable;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::scope::ScopedEntity;
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(Group, "customer_groups", Name);

pub const RESTORABLE: &[Restorable] = &[Restorable::plain::<Group>()];

impl ScopedEntity for Group {
    fn id_column() -> C {
        C::Id
    }
    fn owner_column() -> C {
        C::OwnerId
    }
    fn deleted_at_column() -> C {
        C::DeletedAt
    }
    /// Shared groups are read by everyone who may read groups; only their owner's scope
    /// may change them.
    fn visible_to_all() -> Option<Condition> {
        Some(Condition::all().add(C::Shared.eq(true)))
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = CustomerGroup, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4ec0", "name": "华东重点客户", "description": "本季度重点跟进", "shared": true,
    "owner_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "owner_name": "王伟", "member_count": 12, "version": 1,
    "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z"}))]
pub struct CustomerGroupView {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub shared: bool,
    /// Who keeps the group: its creator.
    pub owner_id: Uuid,
    pub owner_name: Option<String>,
    /// All members, including customers outside the caller's data scope.
    pub member_count: u64,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct CustomerGroups;

impl Resource for CustomerGroups {
    type Entity = Group;
    type View = CustomerGroupView;
    const WHAT: &'static str = "customer group";
    const POLICY: Policy = Policy::Owned;

    fn spec() -> ListSpec<Group> {
        ListSpec {
            filters: vec![
                Filter { name: "owner_id", column: C::OwnerId, kind: FieldKind::Uuid, range: false },
                Filter { name: "shared", column: C::Shared, kind: FieldKind::Bool, range: false },
            ],
            sorts: vec![("name", C::Name), ("created_at", C::CreatedAt), ("updated_at", C::UpdatedAt)],
            search: vec![C::Name],
            search_index: None,
            default_sort: vec![(C::UpdatedAt, Order::Desc)],
            tie_breaker: C::Id,
        }
    }


    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<group::Model>) -> DomainResult<Vec<CustomerGroupView>> {
        let names = crate::system::user_names::display_names(db, rows.iter().map(|g| g.owner_id)).await?;
        let counts: HashMap<Uuid, i64> = member::Entity::find()
            .select_only()
            .column(member::Column::GroupId)
            .column_as(member::Column::CustomerId.count(), "n")
            .filter(member::Column::GroupId.is_in(rows.iter().map(|g| g.id)))
            .group_by(member::Column::GroupId)
            .into_tuple::<(Uuid, i64)>()
            .all(db)
            .await
            .map_err(db_err)?
            .into_iter()
            .collect();
        Ok(rows
            .into_iter()
            .map(|g| CustomerGroupView {
                owner_name: names.get(&g.owner_id).cloned(),
                member_count: counts.get(&g.id).map_or(0, |n| u64::try_from(*n).unwrap_or(0)),
                id: g.id,
                name: g.name,
                description: g.description,
                shared: g.shared,
                owner_id: g.owner_id,
                version: g.version,
                created_at: g.created_at,
                updated_at: g.updated_at,
            })
            .collect())
    }

    async fn visible(db: &impl ConnectionTrait, ctx: &Ctx, for_edit: bool) -> DomainResult<Select<Group>> {
        policy::owned::<Group>(db, ctx, for_edit).await
    }
}

/// 409 when the owner already keeps a live group of this name.
async fn check_name(db: &impl ConnectionTrait, owner: Uuid, name: &str, except: Option<Uuid>) -> DomainResult<()> {
    let mut q = policy::live::<Group>().filter(C::OwnerId.eq(owner)).filter(C::NameNorm.eq(name_key(name)));
    if let Some(id) = except {
        q = q.filter(C::Id.ne(id));
    }
    if let Some(other) = q.one(db).await.map_err(db_err)? {
        let message = format!("a group named {} exists", other.name);
        return Err(DomainError::duplicate("customer_group.duplicate", message, "name", "the owner has a group of this name".into(), other.id, &other.name));
    }
    Ok(())
}

fn fill(row: group::Model, g: CustomerGroupInput) -> group::Model {
    group::Model { name_norm: name_key(&g.name), name: g.name, description: g.description, shared: g.shared, ..row }
}

pub async fn create(db: &Db, ctx: &Ctx, input: CustomerGroupInput) -> DomainResult<CustomerGroupView> {
    kit::create::<CustomerGroups, _>(db, ctx, async |tx| build(tx, ctx, input).await).await
}

/// Up to 1000 groups of the caller's, each checked as `create` checks one.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<CustomerGroupInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<CustomerGroups, _, _>(db, ctx, items, atomic, async |tx, input| build(tx, ctx, input).await).await
}

async fn build(tx: &Tx, ctx: &Ctx, input: CustomerGroupInput) -> DomainResult<group::Model> {
    let g = input.validate()?;
    let owner = ctx.actor.user_id;
    check_name(tx, owner, &g.name, None).await?;
    let blank = group::Model { id: Uuid::now_v7(), owner_id: owner, ..Default::default() };
    Ok(fill(blank, g))
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: CustomerGroupPatch, if_match: Option<i32>) -> DomainResult<CustomerGroupView> {
    kit::update::<CustomerGroups, _>(db, ctx, id, if_match, async |tx, current| {
        let input = CustomerGroupInput { name: current.name.clone(), description: current.description.clone(), shared: current.shared };
        let g = patch.apply(input).validate()?;
        check_name(tx, current.owner_id, &g.name, Some(id)).await?;
        Ok(fill(current, g))
    })
    .await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<CustomerGroups, _>(db, ctx, id, if_match, kit::no_rule).await
}

/// The group list as a file, with the list's filters and scope.
pub struct GroupExport;

#[async_trait::async_trait]
impl crate::table_export::TableExport for GroupExport {
    type Entity = Group;
    const COLUMNS: &'static [crate::table_export::Column] = {
        use crate::table_export::{col, Cell};
        &[
            col("name", "分组名称", "Name", Cell::Text),
            col("description", "描述", "Description", Cell::Text),
            col("shared", "共享", "Shared", Cell::Bool),
            col("owner", "负责人", "Owner", Cell::Text),
            col("member_count", "客户数", "Customers", Cell::Number),
            col("created_at", "创建时间", "Created", Cell::Time),
            col("updated_at", "更新时间", "Updated", Cell::Time),
        ]
    };

    async fn rows(db: &Db, batch: Vec<group::Model>) -> DomainResult<Vec<Vec<String>>> {
        let t = |t| crate::table_export::time(Some(t));
        // The view's names and counts do not depend on who asks.
        Ok(CustomerGroups::views(db, &Ctx::system("export"), batch)
            .await?
            .into_iter()
            .map(|g| vec![g.name, g.description.unwrap_or_default(), g.shared.to_string(), g.owner_name.unwrap_or_default(), g.member_count.to_string(), t(g.created_at), t(g.updated_at)])
            .collect())
    }
}
