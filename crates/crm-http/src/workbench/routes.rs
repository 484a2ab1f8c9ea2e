use crm_domain::permissions::Access;

use super::handlers::*;
use crate::guard::Routes;

/// The home page of a person: each card checks its own permission and the data scope, so
/// the route needs only a session.
pub fn mount(r: &mut Routes) {
    r.op(Access::Session, get_workbench, __path_get_workbench);
}
