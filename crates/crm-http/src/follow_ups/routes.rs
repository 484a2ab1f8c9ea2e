use actix_web::http::Method;
use crm_domain::permissions::{perms, Access};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.add(Method::GET, "/api/v1/follow-ups", P(perms::FOLLOW_UPS_READ), list_follow_ups)
        .add(Method::POST, "/api/v1/follow-ups", P(perms::FOLLOW_UPS_CREATE), create_follow_up)
        .add(Method::GET, "/api/v1/follow-ups/{id}", P(perms::FOLLOW_UPS_READ), get_follow_up)
        .add(Method::PATCH, "/api/v1/follow-ups/{id}", P(perms::FOLLOW_UPS_UPDATE), update_follow_up)
        .add(Method::DELETE, "/api/v1/follow-ups/{id}", P(perms::FOLLOW_UPS_DELETE), delete_follow_up)
        .add(Method::GET, "/api/v1/interactions", P(perms::FOLLOW_UPS_READ), list_interactions)
        .add(Method::GET, "/api/v1/interactions/export", P(perms::FOLLOW_UPS_EXPORT), export_interactions);
}
