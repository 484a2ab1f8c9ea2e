use actix_web::http::Method;
use crm_domain::permissions::Access;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    r.add(Method::POST, "/api/v1/auth/login", Access::Public, login)
        .add(Method::POST, "/api/v1/auth/refresh", Access::Public, refresh)
        .add(Method::POST, "/api/v1/auth/logout", Access::Public, logout)
        .add(Method::GET, "/api/v1/me", Access::Authenticated, get_me)
        .add(Method::PATCH, "/api/v1/me", Access::Session, patch_me)
        .add(Method::POST, "/api/v1/me/password", Access::Session, change_password)
        .add(Method::GET, "/api/v1/api-tokens", Access::Session, list_api_tokens)
        .add(Method::POST, "/api/v1/api-tokens", Access::Session, create_api_token)
        .add(Method::GET, "/api/v1/api-tokens/{id}", Access::Session, get_api_token)
        .add(Method::DELETE, "/api/v1/api-tokens/{id}", Access::Session, revoke_api_token);
}
