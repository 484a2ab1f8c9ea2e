use actix_web::{web, HttpResponse};
use crm_domain::permissions::{action_label, MODULES};
use crm_persistence::kit;
use crm_persistence::system::departments::{self, Departments};
use crm_persistence::system::roles::{self, Roles};
use crm_persistence::system::users::{self, Users};
use utoipa::IntoParams;
use uuid::Uuid;

use super::dto::*;
use crate::auth::ReqCtx;
use crate::export::ExportFormat;
use crate::etag::{created, ok, IfMatch};
use crate::json::ValidJson;
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

/// Filters of `GET /users`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct UserFilters {
    department_id: Option<Uuid>,
    supervisor_id: Option<Uuid>,
    role_id: Option<Uuid>,
    enabled: Option<bool>,
    /// RFC 3339 or YYYY-MM-DD.
    created_at_from: Option<String>,
    created_at_to: Option<String>,
}

#[derive(serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LookupParams {
    /// A fragment of the username or display name.
    q: Option<String>,
    /// At most 50; 20 by default.
    #[param(minimum = 1, maximum = 50)]
    limit: Option<u64>,
}

/// Colleagues for pickers (owner, collaborator, participant): enabled users by display
/// name, with only what a picker shows. Open to every signed-in user, since picking a
/// colleague needs no right to manage users.
#[utoipa::path(get, path = "/api/v1/users/lookup", tag = "users", security(("bearer" = [])), params(LookupParams),
    responses((status = 200, body = UserRefList), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn lookup_users(state: web::Data<AppState>, q: web::Query<LookupParams>) -> ApiResult<HttpResponse> {
    let limit = q.limit.unwrap_or(20);
    if !(1..=50).contains(&limit) {
        return Err(crate::problem::bad_request("query.invalid", format!("limit must be from 1 to 50, not {limit}"), Some("limit")));
    }
    let items = users::lookup(&state.db, q.q.as_deref(), limit).await?;
    let items = items.into_iter().map(|u| UserRef { id: u.id, username: u.username, display_name: u.display_name, department_id: u.department_id }).collect();
    Ok(ok(&UserRefList { items }, None))
}

/// Users; `q` matches username, display name, e-mail and phone. Sort: `username`,
/// `display_name`, `created_at`, `last_login_at`.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])), params(PageParams, UserFilters),
    responses((status = 200, body = PageOf<User>), (status = 400, description = "unknown filter or sort field, bad page", body = Problem)))]
pub async fn list_users(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Users>(&state.db, &ctx.0, q.0).await?), None))
}

#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = User, headers(("ETag" = String)))))]
pub async fn get_user(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let u = kit::get::<Users>(&state.db, &ctx.0, *id).await?;
    let v = u.version;
    Ok(ok(&u, Some(v)))
}

#[utoipa::path(post, path = "/api/v1/users", tag = "users", security(("bearer" = [])), request_body = NewUser,
    params(("Idempotency-Key" = Option<String>, Header, description = "replays the first answer for 24 h")),
    responses((status = 201, body = User, headers(("Location" = String), ("ETag" = String))),
        (status = 409, description = "username or e-mail taken", body = Problem), (status = 413, body = Problem), (status = 415, body = Problem)))]
pub async fn create_user(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewUser>) -> ApiResult<HttpResponse> {
    let u = users::create(&state.db, &ctx.0, body.0).await?;
    // Managers' cached actors hold the owners they see; the new user may be one of them.
    state.auth_cache.clear();
    let (id, v) = (u.id, u.version);
    Ok(created(&u, format!("/api/v1/users/{id}"), Some(v)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 users, each checked and answered as a single create (409 for a
    /// username or e-mail taken, by a stored user or an item before it; roles, department
    /// and supervisor that exist), with their roles, in one transaction: the refused ones
    /// are left out, or with `atomic=true` nothing is written.
    batch_users, UserBatch, NewUser, "/api/v1/users/batch", "users", users::batch,
    json!({"items": [{"username": "zhang.san", "display_name": "张三", "email": "zhang.san@example.com", "password": "initial-pass-1", "role_ids": []},
        {"username": "li.si", "display_name": "李四", "password": "initial-pass-2", "role_ids": []}]})
);

#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), request_body = UserPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "the ETag last read; a stale one answers 412")),
    responses((status = 200, body = User),
        (status = 409, body = Problem)))]
pub async fn update_user(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<UserPatch>) -> ApiResult<HttpResponse> {
    let u = users::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    state.auth_cache.clear();
    let v = u.version;
    Ok(ok(&u, Some(v)))
}

#[utoipa::path(delete, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, body = Problem)))]
pub async fn delete_user(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    users::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    state.auth_cache.clear();
    Ok(HttpResponse::NoContent().finish())
}

/// An administrator sets a new password; the user's sessions end and any lockout clears.
#[utoipa::path(post, path = "/api/v1/users/{id}/reset-password", tag = "users", security(("bearer" = [])), request_body = ResetPassword,
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "reset")))]
pub async fn reset_password(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, body: ValidJson<ResetPassword>) -> ApiResult<HttpResponse> {
    users::reset_password(&state.db, &ctx.0, *id, body.0.new_password).await?;
    // The user's sessions ended; their cached access tokens go now.
    state.auth_cache.clear();
    Ok(HttpResponse::NoContent().finish())
}

/// Departments, flat, in pages, by sort order then name; `q` matches name and remark.
/// Sort: name, sort_order, created_at. `/departments/tree` gives the whole tree at once.
#[utoipa::path(get, path = "/api/v1/departments", tag = "departments", security(("bearer" = [])), params(PageParams, DepartmentFilters),
    responses((status = 200, body = PageOf<Department>)))]
pub async fn list_departments(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Departments>(&state.db, &ctx.0, q.0).await?), None))
}

/// Filters of `GET /departments`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct DepartmentFilters {
    /// Children of this department.
    parent_id: Option<Uuid>,
    head_id: Option<Uuid>,
}

#[utoipa::path(get, path = "/api/v1/departments/tree", tag = "departments", security(("bearer" = [])),
    responses((status = 200, body = Vec<DepartmentNode>)))]
pub async fn department_tree(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let items: Vec<DepartmentNode> = departments::tree(&state.db).await?;
    Ok(ok(&items, None))
}

#[utoipa::path(get, path = "/api/v1/departments/{id}", tag = "departments", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Department, headers(("ETag" = String)))))]
pub async fn get_department(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let d = kit::get::<Departments>(&state.db, &ctx.0, *id).await?;
    let v = d.version;
    Ok(ok(&d, Some(v)))
}

#[utoipa::path(post, path = "/api/v1/departments", tag = "departments", security(("bearer" = [])), request_body = NewDepartment,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Department)))]
pub async fn create_department(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewDepartment>) -> ApiResult<HttpResponse> {
    let d = departments::create(&state.db, &ctx.0, body.0).await?;
    // A department tree's scope takes in the new department (`Actor::visible_owners`).
    state.auth_cache.clear();
    let (id, v) = (d.id, d.version);
    Ok(created(&d, format!("/api/v1/departments/{id}"), Some(v)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 departments, each checked and answered as a single create (a
    /// parent that exists, an item before it included; a name unique under it), in one
    /// transaction: the refused ones are left out, or with `atomic=true` nothing is written.
    batch_departments, DepartmentBatch, NewDepartment, "/api/v1/departments/batch", "departments", departments::batch,
    json!({"items": [{"name": "华东销售部", "remark": "上海、杭州、南京"}, {"name": "华南销售部"}]})
);

#[utoipa::path(patch, path = "/api/v1/departments/{id}", tag = "departments", security(("bearer" = [])), request_body = DepartmentPatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = Department), (status = 422, description = "bad field, or a move below itself", body = Problem)))]
pub async fn update_department(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<DepartmentPatch>) -> ApiResult<HttpResponse> {
    let d = departments::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    state.auth_cache.clear();
    let v = d.version;
    Ok(ok(&d, Some(v)))
}

#[utoipa::path(delete, path = "/api/v1/departments/{id}", tag = "departments", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, description = "has sub-departments or members", body = Problem)))]
pub async fn delete_department(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    departments::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    state.auth_cache.clear();
    Ok(HttpResponse::NoContent().finish())
}

/// Roles; built-in ones first. Sort: `name`, `created_at`.
#[utoipa::path(get, path = "/api/v1/roles", tag = "roles", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = PageOf<Role>)))]
pub async fn list_roles(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    Ok(ok(&PageOf::from(kit::list::<Roles>(&state.db, &ctx.0, q.0).await?), None))
}

#[utoipa::path(get, path = "/api/v1/roles/{id}", tag = "roles", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Role, headers(("ETag" = String)))))]
pub async fn get_role(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let r = kit::get::<Roles>(&state.db, &ctx.0, *id).await?;
    let v = r.version;
    Ok(ok(&r, Some(v)))
}

#[utoipa::path(post, path = "/api/v1/roles", tag = "roles", security(("bearer" = [])), request_body = NewRole,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Role), (status = 409, description = "name taken", body = Problem), (status = 422, description = "unknown permission code", body = Problem)))]
pub async fn create_role(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewRole>) -> ApiResult<HttpResponse> {
    let r = roles::create(&state.db, &ctx.0, body.0).await?;
    let (id, v) = (r.id, r.version);
    Ok(created(&r, format!("/api/v1/roles/{id}"), Some(v)))
}

crate::batch_endpoint!(
    /// Creates up to 1000 roles, each checked and answered as a single create (a name not
    /// taken, by a stored role or an item before it; permissions of the catalogue), in one
    /// transaction: the refused ones are left out, or with `atomic=true` nothing is written.
    batch_roles, RoleBatch, NewRole, "/api/v1/roles/batch", "roles", roles::batch,
    json!({"items": [{"name": "销售助理", "permissions": ["customers:read", "leads:read"], "data_scope": "department"}]})
);

#[utoipa::path(patch, path = "/api/v1/roles/{id}", tag = "roles", security(("bearer" = [])), request_body = RolePatch,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 200, body = Role), (status = 409, description = "built-in role rule", body = Problem)))]
pub async fn update_role(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch, body: ValidJson<RolePatch>) -> ApiResult<HttpResponse> {
    let r = roles::update(&state.db, &ctx.0, *id, body.0, if_match.0).await?;
    state.auth_cache.clear();
    let v = r.version;
    Ok(ok(&r, Some(v)))
}

#[utoipa::path(delete, path = "/api/v1/roles/{id}", tag = "roles", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204, description = "moved to the recycle bin"), (status = 409, description = "built-in or still assigned", body = Problem)))]
pub async fn delete_role(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    roles::delete(&state.db, &ctx.0, *id, if_match.0).await?;
    state.auth_cache.clear();
    Ok(HttpResponse::NoContent().finish())
}

/// The permission catalogue: every module of the CRM and its actions, including modules
/// not built yet. API token scopes use the same codes.
#[utoipa::path(get, path = "/api/v1/permissions", tag = "roles", security(("bearer" = [])),
    responses((status = 200, body = PermissionList)))]
pub async fn list_permissions() -> ApiResult<HttpResponse> {
    let items = MODULES
        .iter()
        .flat_map(|m| {
            m.actions.iter().map(move |a| {
                let (en, zh) = action_label(a);
                Permission {
                    code: format!("{}:{}", m.module, a),
                    module: m.module.into(),
                    action: (*a).into(),
                    label: format!("{}: {en}", m.label),
                    label_zh: format!("{}：{zh}", m.label_zh),
                    module_label: m.label.into(),
                    module_label_zh: m.label_zh.into(),
                }
            })
        })
        .collect();
    Ok(ok(&PermissionList { items }, None))
}

/// The users as a file: roles and department by name, never a password. Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/users/export", tag = "users", security(("bearer" = [])), params(ExportFormat, UserFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_users(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::USERS, q.0, &req).await
}

/// The departments as a file, with their parent's and head's names. Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/departments/export", tag = "departments", security(("bearer" = [])), params(ExportFormat, DepartmentFilters),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_departments(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::DEPARTMENTS, q.0, &req).await
}

/// The roles as a file, with their data scope and permission codes. Takes the list's filters, `q` and `sort`.
#[utoipa::path(get, path = "/api/v1/roles/export", tag = "roles", security(("bearer" = [])), params(ExportFormat),
    responses((status = 200, description = "CSV streamed as it is made, or an XLSX file", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
pub async fn export_roles(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    crate::export::download(&state, &ctx.0, &crm_persistence::exports::lists::ROLES, q.0, &req).await
}
