use crm_domain::permissions::{perms, Access};
use crm_persistence::customer_groups::CustomerGroups;
use crm_persistence::kit;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::CUSTOMER_GROUPS_READ), list_groups, __path_list_groups)
        .sorted_by(kit::sort_names::<CustomerGroups>)
        .op(P(perms::CUSTOMER_GROUPS_EXPORT), export_groups, __path_export_groups)
        .sorted_by(kit::sort_names::<CustomerGroups>)
        .op(P(perms::CUSTOMER_GROUPS_CREATE), create_group, __path_create_group)
        .op(P(perms::CUSTOMER_GROUPS_CREATE), batch_groups, __path_batch_groups)
        .op(P(perms::CUSTOMER_GROUPS_READ), get_group, __path_get_group)
        .op(P(perms::CUSTOMER_GROUPS_UPDATE), update_group, __path_update_group)
        .op(P(perms::CUSTOMER_GROUPS_DELETE), delete_group, __path_delete_group)
        .op(P(perms::CUSTOMER_GROUPS_UPDATE), put_members, __path_put_members)
        .op(P(perms::CUSTOMER_GROUPS_UPDATE), add_members, __path_add_members)
        .op(P(perms::CUSTOMER_GROUPS_UPDATE), remove_members, __path_remove_members);
}
