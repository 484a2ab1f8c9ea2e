use chrono::{DateTime, Utc};
use crm_domain::system as d;
use crm_domain::DataScope;
pub use crm_persistence::system::departments::DepartmentView as Department;
use crm_persistence::system::departments::DepartmentNode as NodeView;
use crm_persistence::system::roles::RoleView;
pub use crm_domain::system::{NewUser, UserPatch};
pub use crm_persistence::system::users::{RoleRef, UserView as User};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"new_password": "temporary-pass-1"}))]
pub struct ResetPassword {
    pub new_password: String,
}

#[derive(Serialize, ToSchema)]
pub struct DepartmentNode {
    #[serde(flatten)]
    pub department: Department,
    #[schema(no_recursion)]
    pub children: Vec<DepartmentNode>,
}

impl From<NodeView> for DepartmentNode {
    fn from(n: NodeView) -> Self {
        Self { department: n.department, children: n.children.into_iter().map(Into::into).collect() }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "华东销售部", "parent_id": null, "remark": "上海、杭州、南京"}))]
pub struct NewDepartment {
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub head_id: Option<Uuid>,
    pub remark: Option<String>,
    #[serde(default)]
    pub sort_order: i32,
}

impl From<NewDepartment> for d::NewDepartment {
    fn from(n: NewDepartment) -> Self {
        Self { name: n.name, parent_id: n.parent_id, head_id: n.head_id, remark: n.remark, sort_order: n.sort_order }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "华东大区", "parent_id": null}))]
pub struct DepartmentPatch {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<Uuid>)]
    pub parent_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<Uuid>)]
    pub head_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub remark: Option<Option<String>>,
    pub sort_order: Option<i32>,
}

impl From<DepartmentPatch> for d::DepartmentPatch {
    fn from(p: DepartmentPatch) -> Self {
        Self { name: p.name, parent_id: p.parent_id, head_id: p.head_id, remark: p.remark, sort_order: p.sort_order }
    }
}

/// Which owners' records a role sees.
#[derive(Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum DataScopeDto {
    #[serde(rename = "self")]
    Own,
    SelfAndSubordinates,
    Department,
    DepartmentTree,
    All,
}

impl From<DataScopeDto> for DataScope {
    fn from(d: DataScopeDto) -> Self {
        match d {
            DataScopeDto::Own => DataScope::Own,
            DataScopeDto::SelfAndSubordinates => DataScope::SelfAndSubordinates,
            DataScopeDto::Department => DataScope::Department,
            DataScopeDto::DepartmentTree => DataScope::DepartmentTree,
            DataScopeDto::All => DataScope::All,
        }
    }
}

impl From<DataScope> for DataScopeDto {
    fn from(d: DataScope) -> Self {
        match d {
            DataScope::Own => DataScopeDto::Own,
            DataScope::SelfAndSubordinates => DataScopeDto::SelfAndSubordinates,
            DataScope::Department => DataScopeDto::Department,
            DataScope::DepartmentTree => DataScopeDto::DepartmentTree,
            DataScope::All => DataScopeDto::All,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "sales_rep", "description": "Sales representative", "permissions": ["customers:read"], "data_scope": "self", "builtin": true, "version": 1, "created_at": "2026-11-24T09:30:00Z", "updated_at": "2026-11-24T09:30:00Z"}))]
pub struct Role {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub permissions: Vec<String>,
    pub data_scope: DataScopeDto,
    /// Built-in roles (`admin`, `sales_manager`, `sales_rep`) cannot be deleted or renamed.
    pub builtin: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<RoleView> for Role {
    fn from(r: RoleView) -> Self {
        Self { id: r.id, name: r.name, description: r.description, permissions: r.permissions, data_scope: r.data_scope.into(), builtin: r.builtin, version: r.version, created_at: r.created_at, updated_at: r.updated_at }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "service_desk", "description": "客服", "permissions": ["customers:read", "tickets:read", "tickets:update"], "data_scope": "department"}))]
pub struct NewRole {
    pub name: String,
    pub description: Option<String>,
    #[serde(default)]
    pub permissions: Vec<String>,
    pub data_scope: DataScopeDto,
}

impl From<NewRole> for d::NewRole {
    fn from(r: NewRole) -> Self {
        Self { name: r.name, description: r.description, permissions: r.permissions, data_scope: r.data_scope.into() }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"permissions": ["customers:read", "customers:create"], "data_scope": "department_tree"}))]
pub struct RolePatch {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    pub permissions: Option<Vec<String>>,
    pub data_scope: Option<DataScopeDto>,
}

impl From<RolePatch> for d::RolePatch {
    fn from(r: RolePatch) -> Self {
        Self { name: r.name, description: r.description, permissions: r.permissions, data_scope: r.data_scope.map(Into::into) }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"code": "customers:read", "module": "customers", "action": "read", "label": "Customers: View", "label_zh": "客户：查看", "module_label": "Customers", "module_label_zh": "客户"}))]
pub struct Permission {
    pub code: String,
    pub module: String,
    pub action: String,
    pub label: String,
    pub label_zh: String,
    pub module_label: String,
    pub module_label_zh: String,
}

#[derive(Serialize, ToSchema)]
pub struct PermissionList {
    pub items: Vec<Permission>,
}

/// A colleague as a picker shows them.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e60", "username": "lisi", "display_name": "李四", "department_id": null}))]
pub struct UserRef {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub department_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct UserRefList {
    pub items: Vec<UserRef>,
}
