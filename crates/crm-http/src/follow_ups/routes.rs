use crm_domain::permissions::{perms, Access};
use crm_persistence::customers::follow_ups;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::FOLLOW_UPS_READ), list_follow_ups, __path_list_follow_ups)
        .sorted_by(follow_ups::sort_names)
        .op(P(perms::FOLLOW_UPS_CREATE), create_follow_up, __path_create_follow_up)
        .op(P(perms::FOLLOW_UPS_CREATE), batch_follow_ups, __path_batch_follow_ups)
        .op(P(perms::FOLLOW_UPS_READ), get_follow_up, __path_get_follow_up)
        .op(P(perms::FOLLOW_UPS_UPDATE), update_follow_up, __path_update_follow_up)
        .op(P(perms::FOLLOW_UPS_DELETE), delete_follow_up, __path_delete_follow_up)
        .op(P(perms::FOLLOW_UPS_READ), list_interactions, __path_list_interactions)
        .sorted_by(follow_ups::sort_names)
        .op(P(perms::FOLLOW_UPS_EXPORT), export_interactions, __path_export_interactions)
        .sorted_by(follow_ups::sort_names);
}
