use crm_domain::permissions::{perms, Access};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(Access::Public, healthz, __path_healthz)
        .op(Access::Public, readyz, __path_readyz)
        .op(P(perms::AUDIT_LOGS_READ), list_audit_logs, __path_list_audit_logs)
        .op(Access::Authenticated, list_dictionary, __path_list_dictionary)
        .op(P(perms::DICTIONARIES_UPDATE), create_dictionary_item, __path_create_dictionary_item)
        .op(P(perms::DICTIONARIES_UPDATE), update_dictionary_item, __path_update_dictionary_item)
        .op(P(perms::RECYCLE_BIN_READ), list_recycle_bin, __path_list_recycle_bin)
        .op(P(perms::RECYCLE_BIN_RESTORE), restore, __path_restore);
}
