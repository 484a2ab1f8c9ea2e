use crm_domain::permissions::Access;

use super::handlers::*;
use crate::guard::Routes;

/// Every signed-in user keeps their own views; the service only ever touches the caller's.
pub fn mount(r: &mut Routes) {
    r.op(Access::Session, list_views, __path_list_views)
        .op(Access::Session, create_view, __path_create_view)
        .op(Access::Session, update_view, __path_update_view)
        .op(Access::Session, delete_view, __path_delete_view);
}
