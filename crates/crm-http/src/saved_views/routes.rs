use actix_web::http::Method;
use crm_domain::permissions::Access;

use super::handlers::*;
use crate::guard::Routes;

/// Every signed-in user keeps their own views; the service only ever touches the caller's.
pub fn mount(r: &mut Routes) {
    r.add(Method::GET, "/api/v1/saved-views", Access::Session, list_views)
        .add(Method::POST, "/api/v1/saved-views", Access::Session, create_view)
        .add(Method::PATCH, "/api/v1/saved-views/{id}", Access::Session, update_view)
        .add(Method::DELETE, "/api/v1/saved-views/{id}", Access::Session, delete_view);
}
