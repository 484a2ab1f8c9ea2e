use crm_domain::permissions::{perms, Access};
use crm_persistence::kit;
use crm_persistence::system::{departments::Departments, roles::Roles, users};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::USERS_READ), list_users, __path_list_users)
        .sorted_by(users::sort_names)
        .op(P(perms::USERS_EXPORT), export_users, __path_export_users)
        .sorted_by(users::sort_names)
        .op(P(perms::USERS_CREATE), create_user, __path_create_user)
        .op(P(perms::USERS_CREATE), batch_users, __path_batch_users)
        .op(Access::Authenticated, lookup_users, __path_lookup_users)
        .op(P(perms::USERS_READ), get_user, __path_get_user)
        .op(P(perms::USERS_UPDATE), update_user, __path_update_user)
        .op(P(perms::USERS_DELETE), delete_user, __path_delete_user)
        .op(P(perms::USERS_RESET_PASSWORD), reset_password, __path_reset_password)
        .op(P(perms::DEPARTMENTS_READ), list_departments, __path_list_departments)
        .sorted_by(kit::sort_names::<Departments>)
        .op(P(perms::DEPARTMENTS_EXPORT), export_departments, __path_export_departments)
        .sorted_by(kit::sort_names::<Departments>)
        .op(P(perms::DEPARTMENTS_CREATE), create_department, __path_create_department)
        .op(P(perms::DEPARTMENTS_CREATE), batch_departments, __path_batch_departments)
        .op(P(perms::DEPARTMENTS_READ), department_tree, __path_department_tree)
        .op(P(perms::DEPARTMENTS_READ), get_department, __path_get_department)
        .op(P(perms::DEPARTMENTS_UPDATE), update_department, __path_update_department)
        .op(P(perms::DEPARTMENTS_DELETE), delete_department, __path_delete_department)
        .op(P(perms::ROLES_READ), list_roles, __path_list_roles)
        .sorted_by(kit::sort_names::<Roles>)
        .op(P(perms::ROLES_EXPORT), export_roles, __path_export_roles)
        .sorted_by(kit::sort_names::<Roles>)
        .op(P(perms::ROLES_CREATE), create_role, __path_create_role)
        .op(P(perms::ROLES_CREATE), batch_roles, __path_batch_roles)
        .op(P(perms::ROLES_READ), get_role, __path_get_role)
        .op(P(perms::ROLES_UPDATE), update_role, __path_update_role)
        .op(P(perms::ROLES_DELETE), delete_role, __path_delete_role)
        .op(Access::Authenticated, list_permissions, __path_list_permissions);
}
