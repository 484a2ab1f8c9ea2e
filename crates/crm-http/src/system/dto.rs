pub use crm_domain::system::{DepartmentPatch, NewDepartment, NewRole, NewUser, RolePatch, UserPatch};
pub use crm_persistence::system::departments::{DepartmentNode, DepartmentView as Department};
pub use crm_persistence::system::roles::RoleView as Role;
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
