//! Organisation: users, departments, roles and the permission catalogue.
pub mod dto;
pub mod handlers;
pub mod routes;

pub const MODULE: crate::modules::Module = crate::modules::Module { name: "system", tags: &[("users", "用户 Users"), ("departments", "部门 Departments"), ("roles", "角色与权限 Roles and permissions")], mount: routes::mount };
