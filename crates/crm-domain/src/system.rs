//! Organisation inputs (SYS-2 to SYS-4): users, departments and roles, validated.

use uuid::Uuid;

use crate::error::DomainResult;
use crate::permissions::is_known_code;
use crate::scope::DataScope;
use crate::validate::{is_username, Validator};

/// A field a PATCH may leave alone, clear or set.
pub type Patch<T> = Option<Option<T>>;

#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"username": "zhang.san", "display_name": "张三", "email": "zhang.san@example.com", "password": "initial-pass-1", "role_ids": []}))]
pub struct NewUser {
    /// 2-64 letters, digits, `.`, `_` or `-`; stored in lower case.
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// At least 8 characters.
    pub password: String,
    pub department_id: Option<Uuid>,
    pub supervisor_id: Option<Uuid>,
    #[serde(default)]
    pub role_ids: Vec<Uuid>,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    pub description: Option<String>,
}

fn enabled_by_default() -> bool {
    true
}

impl NewUser {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.username = v.required("username", &self.username, 64);
        if !self.username.is_empty() && !is_username(&self.username) {
            v.add("username", "invalid", "use 2-64 letters, digits, '.', '_' or '-'");
        }
        self.display_name = v.required("display_name", &self.display_name, 100);
        self.email = v.email("email", self.email.as_deref());
        self.phone = v.phone("phone", self.phone.as_deref());
        v.password("password", &self.password);
        self.description = v.optional_text("description", self.description.as_deref(), 500);
        self.role_ids.sort();
        self.role_ids.dedup();
        v.finish()?;
        Ok(self)
    }
}

/// Fields to change; absent fields stay, `null` clears.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"display_name": "张三丰", "role_ids": ["01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f"]}))]
pub struct UserPatch {
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub email: Patch<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub phone: Patch<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<Uuid>)]
    pub department_id: Patch<Uuid>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<Uuid>)]
    pub supervisor_id: Patch<Uuid>,
    pub role_ids: Option<Vec<Uuid>>,
    pub enabled: Option<bool>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub description: Patch<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub locale: Patch<String>,
}

pub const LOCALES: &[&str] = &["zh-CN", "en"];

impl UserPatch {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        if let Some(n) = &self.display_name {
            self.display_name = Some(v.required("display_name", n, 100));
        }
        if let Some(e) = &self.email {
            self.email = Some(v.email("email", e.as_deref()));
        }
        if let Some(p) = &self.phone {
            self.phone = Some(v.phone("phone", p.as_deref()));
        }
        if let Some(d) = &self.description {
            self.description = Some(v.optional_text("description", d.as_deref(), 500));
        }
        if let Some(Some(l)) = &self.locale {
            if !LOCALES.contains(&l.as_str()) {
                v.add("locale", "invalid", "must be zh-CN or en");
            }
        }
        if let Some(ids) = &mut self.role_ids {
            ids.sort();
            ids.dedup();
        }
        v.finish()?;
        Ok(self)
    }
}

#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
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

impl NewDepartment {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, 100);
        self.remark = v.optional_text("remark", self.remark.as_deref(), 500);
        v.finish()?;
        Ok(self)
    }
}

crate::patch!(
    #[schema(example = json!({"name": "华东大区", "parent_id": null}))]
    pub struct DepartmentPatch for NewDepartment { name: String, sort_order: i32; parent_id: Uuid, head_id: Uuid, remark: String }
);

/// A department may not become its own ancestor. `ancestors_of_new_parent` walks up from
/// the proposed parent; the move is a cycle when it reaches the department itself.
pub fn is_cycle(department: Uuid, new_parent: Uuid, ancestors_of_new_parent: &[Uuid]) -> bool {
    department == new_parent || ancestors_of_new_parent.contains(&department)
}

#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "service_desk", "description": "客服", "permissions": ["customers:read", "tickets:read", "tickets:update"], "data_scope": "department"}))]
pub struct NewRole {
    pub name: String,
    pub description: Option<String>,
    #[serde(default)]
    pub permissions: Vec<String>,
    pub data_scope: DataScope,
}

impl NewRole {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, 64);
        self.description = v.optional_text("description", self.description.as_deref(), 500);
        for p in &self.permissions {
            if !is_known_code(p) {
                v.add("permissions", "unknown", format!("unknown permission '{p}'"));
            }
        }
        self.permissions.sort();
        self.permissions.dedup();
        v.finish()?;
        Ok(self)
    }
}

crate::patch!(
    #[schema(example = json!({"permissions": ["customers:read", "customers:create"], "data_scope": "department_tree"}))]
    pub struct RolePatch for NewRole { name: String, permissions: Vec<String>, data_scope: DataScope; description: String }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle_detection() {
        let a = Uuid::from_u128(1);
        let b = Uuid::from_u128(2);
        assert!(is_cycle(a, a, &[]));
        assert!(is_cycle(a, b, &[a]));
        assert!(!is_cycle(a, b, &[]));
    }

    #[test]
    fn role_rejects_unknown_permission() {
        let r = NewRole { name: "x".into(), description: None, permissions: vec!["users:fly".into()], data_scope: DataScope::Own };
        assert_eq!(r.validate().unwrap_err().errors[0].field, "permissions");
    }
}
