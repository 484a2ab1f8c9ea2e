use actix_web::http::Method;
use crm_domain::permissions::{perms, Access};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.add(Method::GET, "/api/v1/users", P(perms::USERS_READ), list_users)
        .add(Method::POST, "/api/v1/users", P(perms::USERS_CREATE), create_user)
        .add(Method::GET, "/api/v1/users/lookup", Access::Authenticated, lookup_users)
        .add(Method::GET, "/api/v1/users/{id}", P(perms::USERS_READ), get_user)
        .add(Method::PATCH, "/api/v1/users/{id}", P(perms::USERS_UPDATE), update_user)
        .add(Method::DELETE, "/api/v1/users/{id}", P(perms::USERS_DELETE), delete_user)
        .add(Method::POST, "/api/v1/users/{id}/reset-password", P(perms::USERS_RESET_PASSWORD), reset_password)
        .add(Method::GET, "/api/v1/departments", P(perms::DEPARTMENTS_READ), list_departments)
        .add(Method::POST, "/api/v1/departments", P(perms::DEPARTMENTS_CREATE), create_department)
        .add(Method::GET, "/api/v1/departments/tree", P(perms::DEPARTMENTS_READ), department_tree)
        .add(Method::GET, "/api/v1/departments/{id}", P(perms::DEPARTMENTS_READ), get_department)
        .add(Method::PATCH, "/api/v1/departments/{id}", P(perms::DEPARTMENTS_UPDATE), update_department)
        .add(Method::DELETE, "/api/v1/departments/{id}", P(perms::DEPARTMENTS_DELETE), delete_department)
        .add(Method::GET, "/api/v1/roles", P(perms::ROLES_READ), list_roles)
        .add(Method::POST, "/api/v1/roles", P(perms::ROLES_CREATE), create_role)
        .add(Method::GET, "/api/v1/roles/{id}", P(perms::ROLES_READ), get_role)
        .add(Method::PATCH, "/api/v1/roles/{id}", P(perms::ROLES_UPDATE), update_role)
        .add(Method::DELETE, "/api/v1/roles/{id}", P(perms::ROLES_DELETE), delete_role)
        .add(Method::GET, "/api/v1/permissions", Access::Authenticated, list_permissions);
}
