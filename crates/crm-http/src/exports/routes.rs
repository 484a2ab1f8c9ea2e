use crm_domain::permissions::{perms, Access};
use crm_persistence::exports;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::EXPORTS_CREATE), create_export, __path_create_export)
        .op(P(perms::EXPORTS_READ), list_exports, __path_list_exports)
        .sorted_by(exports::sort_names)
        .op(P(perms::EXPORTS_READ), get_export, __path_get_export);
}
