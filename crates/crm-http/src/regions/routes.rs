use crm_domain::permissions::Access;

use super::handlers::*;
use crate::guard::Routes;

/// Every picker needs it and it reveals nothing a scope guards.
pub fn mount(r: &mut Routes) {
    r.op(Access::Authenticated, list_regions, __path_list_regions);
}
