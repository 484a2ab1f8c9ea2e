use actix_web::http::Method;
use crm_domain::permissions::{perms, Access};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.add(Method::GET, "/healthz", Access::Public, healthz)
        .add(Method::GET, "/readyz", Access::Public, readyz)
        .add(Method::GET, "/api/v1/audit-logs", P(perms::AUDIT_LOGS_READ), list_audit_logs)
        .add(Method::GET, "/api/v1/dictionaries/{kind}", Access::Authenticated, list_dictionary)
        .add(Method::POST, "/api/v1/dictionaries/{kind}", P(perms::DICTIONARIES_UPDATE), create_dictionary_item)
        .add(Method::PATCH, "/api/v1/dictionaries/{kind}/{code}", P(perms::DICTIONARIES_UPDATE), update_dictionary_item)
        .add(Method::GET, "/api/v1/recycle-bin", P(perms::RECYCLE_BIN_READ), list_recycle_bin)
        .add(Method::POST, "/api/v1/recycle-bin/{entity}/{id}/restore", P(perms::RECYCLE_BIN_RESTORE), restore);
}
