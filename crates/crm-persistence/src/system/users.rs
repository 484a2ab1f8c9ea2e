//! Users (SYS-2).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crm_domain::system::{NewUser, UserPatch};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QuerySelect, Select,
};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::{department, role, user, user_role};
use crate::db::db_err;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListParams, ListSpec};
use crate::tx::Tx;
use crate::version::update_versioned;
use crate::{audit, passwords, Ctx, Db};

#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct RoleRef {
    pub id: Uuid,
    #[schema(example = "sales_rep")]
    pub name: String,
}

/// A user. Never carries a password or its hash.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = User, example = json!({
    "id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "username": "zhang.san", "display_name": "张三",
    "email": "zhang.san@example.com", "phone": "+86 138 0013 8000", "department_id": null, "department_name": null,
    "supervisor_id": null, "role_ids": [], "roles": [], "enabled": true, "description": null, "locale": "zh-CN",
    "last_login_at": null, "last_login_ip": null, "version": 1,
    "created_at": "2026-11-24T09:30:00Z", "updated_at": "2026-11-24T09:30:00Z"
}))]
pub struct UserView {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub department_id: Option<Uuid>,
    pub department_name: Option<String>,
    pub supervisor_id: Option<Uuid>,
    pub role_ids: Vec<Uuid>,
    pub roles: Vec<RoleRef>,
    pub enabled: bool,
    pub description: Option<String>,
    /// Interface language chosen by the user: `zh-CN` or `en`.
    pub locale: Option<String>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub last_login_ip: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

crate::soft_delete!(user::Entity, "users", Username);

pub struct Users;

/// Users are a catalogue: every holder of `users:read` sees them all.
impl Resource for Users {
    type Entity = user::Entity;
    type View = UserView;
    const WHAT: &'static str = "user";
    const POLICY: Policy = Policy::Catalogue;

    fn spec() -> ListSpec<user::Entity> {
        use user::Column as C;
        ListSpec {
            filters: vec![
                Filter { name: "department_id", column: C::DepartmentId, kind: FieldKind::Uuid, range: false },
                Filter { name: "supervisor_id", column: C::SupervisorId, kind: FieldKind::Uuid, range: false },
                Filter { name: "enabled", column: C::Enabled, kind: FieldKind::Bool, range: false },
                Filter { name: "created_at", column: C::CreatedAt, kind: FieldKind::Timestamp, range: true },
            ],
            sorts: vec![
                ("username", C::Username),
                ("display_name", C::DisplayName),
                ("created_at", C::CreatedAt),
                ("last_login_at", C::LastLoginAt),
            ],
            search: vec![C::Username, C::DisplayName, C::Email, C::Phone],
            search_index: None,
            default_sort: vec![(C::CreatedAt, Order::Desc)],
            tie_breaker: C::Id,
        }
    }

    fn unversioned_columns() -> Vec<user::Column> {
        vec![user::Column::LastLoginAt, user::Column::LastLoginIp, user::Column::PasswordHash]
    }

    async fn views(db: &impl ConnectionTrait, _: &Ctx, rows: Vec<user::Model>) -> DomainResult<Vec<UserView>> {
        views(db, rows).await
    }

    /// `role_id`: holders of the role.
    async fn narrow(_: &impl ConnectionTrait, _: &Ctx, select: Select<user::Entity>, params: &mut ListParams) -> DomainResult<Select<user::Entity>> {
        let Some(raw) = params.take_filter("role_id") else { return Ok(select) };
        let rid = Uuid::parse_str(raw.trim()).map_err(|_| DomainError::bad_request("query.invalid", format!("'{raw}' is not a valid id for 'role_id'")))?;
        let holders = Query::select().column(user_role::Column::UserId).from(user_role::Entity).and_where(Expr::col(user_role::Column::RoleId).eq(rid)).to_owned();
        Ok(select.filter(user::Column::Id.in_subquery(holders)))
    }
}

/// The fields the user list sorts by.
pub fn sort_names() -> Vec<&'static str> {
    kit::sort_names::<Users>()
}

/// Turns rows into views with their roles and department names in two queries, whatever
/// the number of rows.
async fn views(db: &impl ConnectionTrait, rows: Vec<user::Model>) -> DomainResult<Vec<UserView>> {
    let ids: Vec<Uuid> = rows.iter().map(|u| u.id).collect();
    let links: Vec<(Uuid, Uuid, String)> = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::UserId)
        .column(user_role::Column::RoleId)
        .column_as(role::Column::Name, "name")
        .join_rev(
            sea_orm::JoinType::InnerJoin,
            role::Entity::belongs_to(user_role::Entity).from(role::Column::Id).to(user_role::Column::RoleId).into(),
        )
        .filter(user_role::Column::UserId.is_in(ids))
        .filter(role::Column::DeletedAt.is_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let mut roles: HashMap<Uuid, Vec<RoleRef>> = HashMap::new();
    for (uid, rid, name) in links {
        roles.entry(uid).or_default().push(RoleRef { id: rid, name });
    }
    let dept_ids: Vec<Uuid> = rows.iter().filter_map(|u| u.department_id).collect();
    let depts: HashMap<Uuid, String> = department::Entity::find()
        .select_only()
        .column(department::Column::Id)
        .column(department::Column::Name)
        .filter(department::Column::Id.is_in(dept_ids))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|u| {
            let mut r = roles.remove(&u.id).unwrap_or_default();
            r.sort_by(|a, b| a.name.cmp(&b.name));
            UserView {
                id: u.id,
                role_ids: r.iter().map(|x| x.id).collect(),
                roles: r,
                department_name: u.department_id.and_then(|d| depts.get(&d).cloned()),
                username: u.username,
                display_name: u.display_name,
                email: u.email,
                phone: u.phone,
                department_id: u.department_id,
                supervisor_id: u.supervisor_id,
                enabled: u.enabled,
                description: u.description,
                locale: u.locale,
                last_login_at: u.last_login_at,
                last_login_ip: u.last_login_ip,
                version: u.version,
                created_at: u.created_at,
                updated_at: u.updated_at,
            }
        })
        .collect())
}

pub async fn find_live(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<user::Model> {
    policy::live::<user::Entity>().filter(user::Column::Id.eq(id)).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::not_found("user"))
}

/// A live user as readers see them; for the session's own record, outside any request's
/// context (a sign-in).
pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<UserView> {
    views(db, vec![find_live(db, id).await?]).await?.pop().ok_or_else(|| DomainError::not_found("user"))
}

/// Checks that referenced rows exist and are live; errors name the field.
async fn check_refs(
    db: &impl ConnectionTrait,
    department_id: Option<Uuid>,
    supervisor_id: Option<Uuid>,
    role_ids: Option<&[Uuid]>,
    this_user: Option<Uuid>,
) -> DomainResult<()> {
    let mut v = Validator::new();
    if let Some(d) = department_id {
        let found = department::Entity::find_by_id(d).filter(department::Column::DeletedAt.is_null()).one(db).await.map_err(db_err)?;
        if found.is_none() {
            v.add("department_id", "not_found", "no such department");
        }
    }
    if let Some(s) = supervisor_id {
        if Some(s) == this_user {
            v.add("supervisor_id", "invalid", "a user cannot be their own supervisor");
        } else if find_live(db, s).await.is_err() {
            v.add("supervisor_id", "not_found", "no such user");
        } else if let Some(me) = this_user {
            // Walking up from the new supervisor must not reach this user.
            let mut cur = Some(s);
            let mut hops = 0;
            while let Some(c) = cur {
                if c == me {
                    v.add("supervisor_id", "cycle", "the supervisor chain would form a loop");
                    break;
                }
                hops += 1;
                if hops > 1000 {
                    break;
                }
                cur = user::Entity::find_by_id(c).one(db).await.map_err(db_err)?.and_then(|u| u.supervisor_id);
            }
        }
    }
    if let Some(ids) = role_ids {
        let n = role::Entity::find()
            .filter(role::Column::Id.is_in(ids.to_vec()))
            .filter(role::Column::DeletedAt.is_null())
            .count(db)
            .await
            .map_err(db_err)?;
        if usize::try_from(n).unwrap_or(0) != ids.len() {
            v.add("role_ids", "not_found", "one or more roles do not exist");
        }
    }
    v.finish()
}

async fn check_unique(db: &impl ConnectionTrait, username: Option<&str>, email: Option<&str>, except: Option<Uuid>) -> DomainResult<()> {
    if let Some(u) = username {
        let mut q = user::Entity::find().filter(user::Column::Username.eq(u.to_lowercase()));
        if let Some(id) = except {
            q = q.filter(user::Column::Id.ne(id));
        }
        if q.one(db).await.map_err(db_err)?.is_some() {
            return Err(DomainError::conflict("user.duplicate_username", format!("the username '{u}' is taken"))
                .with_extra(json!({"errors": [{"field": "username", "code": "duplicate", "message": "is taken"}]})));
        }
    }
    if let Some(e) = email {
        let mut q = user::Entity::find().filter(user::Column::Email.eq(e.to_lowercase()));
        if let Some(id) = except {
            q = q.filter(user::Column::Id.ne(id));
        }
        if q.one(db).await.map_err(db_err)?.is_some() {
            return Err(DomainError::conflict("user.duplicate_email", format!("the e-mail '{e}' is taken"))
                .with_extra(json!({"errors": [{"field": "email", "code": "duplicate", "message": "is taken"}]})));
        }
    }
    Ok(())
}

async fn set_roles(db: &impl ConnectionTrait, user_id: Uuid, role_ids: &[Uuid]) -> DomainResult<()> {
    user_role::Entity::delete_many().filter(user_role::Column::UserId.eq(user_id)).exec(db).await.map_err(db_err)?;
    if !role_ids.is_empty() {
        let rows = role_ids.iter().map(|r| user_role::ActiveModel { user_id: Set(user_id), role_id: Set(*r) });
        user_role::Entity::insert_many(rows).exec_without_returning(db).await.map_err(db_err)?;
    }
    Ok(())
}

pub async fn create(db: &Db, ctx: &Ctx, input: NewUser) -> DomainResult<UserView> {
    let ready = prepare(input).await?;
    kit::create_linked::<Users, _, _, _>(db, ctx, async |tx| build(tx, ready).await, link).await
}

/// Creates up to 1000 users, each checked and answered as `create` would (a username and
/// e-mail unique among the stored users and the items before it, roles and department that
/// exist), their roles with them. Passwords are hashed before the transaction, as
/// `create`'s is.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<NewUser>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::check_batch_size(items.len())?;
    let mut ready = Vec::with_capacity(items.len());
    for input in items {
        ready.push(prepare(input).await);
    }
    kit::batch_linked::<Users, _, _, _, _>(db, ctx, ready, atomic, async |tx, r: DomainResult<Ready>| build(tx, r?).await, link).await
}

/// A new user's input, checked, with its password's hash (slow on purpose, so outside any
/// transaction).
struct Ready {
    input: NewUser,
    password_hash: String,
}

async fn prepare(input: NewUser) -> DomainResult<Ready> {
    let input = input.validate()?;
    let password_hash = passwords::hash(input.password.clone()).await?;
    Ok(Ready { input, password_hash })
}

/// A new user's row and roles, checked against the stored users.
async fn build(tx: &Tx, ready: Ready) -> DomainResult<(user::Model, Vec<Uuid>)> {
    let Ready { input, password_hash } = ready;
    check_refs(tx, input.department_id, input.supervisor_id, Some(&input.role_ids), None).await?;
    check_unique(tx, Some(&input.username), input.email.as_deref(), None).await?;
    let row = user::Model {
        id: Uuid::now_v7(),
        username: input.username.to_lowercase(),
        display_name: input.display_name,
        email: input.email,
        phone: input.phone,
        password_hash,
        department_id: input.department_id,
        supervisor_id: input.supervisor_id,
        enabled: input.enabled,
        description: input.description,
        locale: None,
        last_login_at: None,
        last_login_ip: None,
        failed_logins: 0,
        failed_window_start: None,
        locked_until: None,
        ..Default::default()
    };
    Ok((row, input.role_ids))
}

/// A new user's roles.
async fn link(tx: &Tx, row: &user::Model, role_ids: Vec<Uuid>) -> DomainResult<()> {
    set_roles(tx, row.id, &role_ids).await
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: UserPatch, if_match: Option<i32>) -> DomainResult<UserView> {
    let patch = patch.validate()?;
    let role_ids = patch.role_ids.clone();
    let change = async |tx: &Tx, current: user::Model| {
        let mut next = current.clone();
        if let Some(n) = patch.display_name {
            next.display_name = n;
        }
        if let Some(e) = patch.email {
            next.email = e;
        }
        if let Some(p) = patch.phone {
            next.phone = p;
        }
        if let Some(d) = patch.department_id {
            next.department_id = d;
        }
        if let Some(s) = patch.supervisor_id {
            next.supervisor_id = s;
        }
        if let Some(e) = patch.enabled {
            if !e && id == ctx.actor.user_id {
                return Err(DomainError::conflict("user.disable_self", "you cannot disable your own account"));
            }
            next.enabled = e;
        }
        if let (Some(asked), true) = (&patch.role_ids, id == ctx.actor.user_id) {
            // Another administrator changes one's roles, so no one drops their own rights
            // (or the last admin's) by a slip. (`validate` sorted and deduplicated them.)
            let held = views(tx, vec![current.clone()]).await?.pop().map(|u| u.role_ids).unwrap_or_default();
            let mut held = held;
            held.sort();
            if held != *asked {
                return Err(DomainError::conflict("user.roles_self", "you cannot change your own roles; ask another administrator"));
            }
        }
        if let Some(d) = patch.description {
            next.description = d;
        }
        if let Some(l) = patch.locale {
            next.locale = l;
        }
        check_refs(
            tx,
            next.department_id.filter(|d| Some(*d) != current.department_id),
            next.supervisor_id.filter(|s| Some(*s) != current.supervisor_id),
            patch.role_ids.as_deref(),
            Some(id),
        )
        .await?;
        if next.email != current.email {
            check_unique(tx, None, next.email.as_deref(), Some(id)).await?;
        }
        Ok(next)
    };
    let link = async |tx: &Tx, _: &user::Model| match &role_ids {
        Some(r) => set_roles(tx, id, r).await,
        None => Ok(()),
    };
    let after = kit::update_linked::<Users, _, _>(db, ctx, id, if_match, change, link).await?;
    super::user_names::forget(id);
    Ok(after)
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    if id == ctx.actor.user_id {
        return Err(DomainError::conflict("user.delete_self", "you cannot delete your own account"));
    }
    kit::delete::<Users, _>(db, ctx, id, if_match, kit::no_rule).await
}

pub async fn reset_password(db: &Db, ctx: &Ctx, id: Uuid, new_password: String) -> DomainResult<()> {
    // A reset ends every session of the user, the caller's own too; one's own password
    // changes with the current one (`/me/password`), which keeps this session.
    if id == ctx.actor.user_id {
        return Err(DomainError::conflict("user.reset_self", "change your own password under your profile (it asks for the current one)"));
    }
    let mut v = Validator::new();
    v.password("new_password", &new_password);
    v.finish()?;
    let hash = passwords::hash(new_password).await?;
    let tx = crate::tx::begin(db).await?;
    let current = find_live(&tx, id).await?;
    set_password(&tx, &current, hash, ctx.now).await?;
    audit::record(&tx, ctx, "users", id, "reset_password", &json!({"password": "old"}), &json!({"password": "new"})).await?;
    tx.commit().await.map_err(db_err)
}

/// A password set for the user by someone else (an administrator, `crm admin`): every
/// session ends and any lock on the user's login names is lifted.
pub async fn set_password(db: &impl ConnectionTrait, user: &user::Model, hash: String, now: DateTime<Utc>) -> DomainResult<()> {
    store_password(db, user, hash, now).await?;
    crate::auth::revoke_all_refresh_tokens(db, user.id, now, None).await?;
    let mut keys = vec![crate::login_throttle::name_key(&user.username)];
    keys.extend(user.email.as_deref().map(crate::login_throttle::name_key));
    crate::login_throttle::clear(db, &keys).await
}

/// Stores a new password hash.
pub async fn store_password(db: &impl ConnectionTrait, user: &user::Model, hash: String, now: DateTime<Utc>) -> DomainResult<()> {
    let changes = user::ActiveModel {
        password_hash: Set(hash),
        failed_logins: Set(0),
        failed_window_start: Set(None),
        locked_until: Set(None),
        updated_at: Set(now),
        ..Default::default()
    };
    update_versioned(db, changes, user::Column::Id, user.id, user::Column::Version, user.version).await
}

pub struct MePatch {
    pub display_name: Option<String>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub locale: Option<Option<String>>,
}

/// What a user may change of their own record, without the users:update permission.
pub async fn update_me(db: &Db, ctx: &Ctx, p: MePatch) -> DomainResult<UserView> {
    let patch = UserPatch { display_name: p.display_name, email: p.email, phone: p.phone, locale: p.locale, ..Default::default() };
    update(db, ctx, ctx.actor.user_id, patch, None).await
}

#[derive(Debug, Clone, Serialize)]
pub struct UserRef {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub department_id: Option<Uuid>,
}

/// Colleagues to pick (an owner, a collaborator, a participant): enabled users whose
/// username or display name contains `q`, by display name, at most `limit`. Only what a
/// picker shows leaves here, so every signed-in user may ask.
pub async fn lookup(db: &Db, q: Option<&str>, limit: u64) -> DomainResult<Vec<UserRef>> {
    let mut select = user::Entity::find().filter(user::Column::DeletedAt.is_null()).filter(user::Column::Enabled.eq(true));
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        if q.chars().count() > 100 {
            return Err(DomainError::invalid_field("q", "too_long", "at most 100 characters"));
        }
        select = select.filter(
            sea_orm::Condition::any().add(crate::listing::contains_ci(user::Column::Username, q)).add(crate::listing::contains_ci(user::Column::DisplayName, q)),
        );
    }
    use sea_orm::QueryOrder;
    let rows = select
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id)
        .limit(limit.clamp(1, 50))
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows.into_iter().map(|u| UserRef { id: u.id, username: u.username, display_name: u.display_name, department_id: u.department_id }).collect())
}

/// The user list as a file: the roles and department by name, never a password.
pub struct UserExport;

#[async_trait::async_trait]
impl crate::table_export::TableExport for UserExport {
    type Entity = user::Entity;
    const COLUMNS: &'static [crate::table_export::Column] = {
        use crate::table_export::{col, Cell};
        &[
            col("username", "用户名", "Username", Cell::Text),
            col("display_name", "姓名", "Name", Cell::Text),
            col("email", "邮箱", "E-mail", Cell::Text),
            col("phone", "电话", "Phone", Cell::Text),
            col("department", "部门", "Department", Cell::Text),
            col("supervisor", "上级", "Supervisor", Cell::Text),
            col("roles", "角色", "Roles", Cell::Text),
            col("enabled", "启用", "Enabled", Cell::Bool),
            col("description", "描述", "Description", Cell::Text),
            col("last_login_at", "最近登录", "Last sign-in", Cell::Time),
            col("created_at", "创建时间", "Created", Cell::Time),
            col("updated_at", "更新时间", "Updated", Cell::Time),
        ]
    };

    async fn rows(db: &Db, batch: Vec<user::Model>) -> DomainResult<Vec<Vec<String>>> {
        let supervisors = crate::system::user_names::display_names(db, batch.iter().filter_map(|u| u.supervisor_id)).await?;
        let o = |s: Option<String>| s.unwrap_or_default();
        let t = |t| crate::table_export::time(Some(t));
        Ok(views(db, batch)
            .await?
            .into_iter()
            .map(|u| {
                let roles = u.roles.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ");
                let supervisor = u.supervisor_id.and_then(|s| supervisors.get(&s).cloned()).unwrap_or_default();
                vec![
                    u.username, u.display_name, o(u.email), o(u.phone), o(u.department_name), supervisor, roles, u.enabled.to_string(), o(u.description),
                    crate::table_export::time(u.last_login_at), t(u.created_at), t(u.updated_at),
                ]
            })
            .collect())
    }
}
