use crm_domain::permissions::Access;

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    r.op(Access::Public, login, __path_login)
        .op(Access::Public, refresh, __path_refresh)
        .op(Access::Public, logout, __path_logout)
        .op(Access::Authenticated, get_me, __path_get_me)
        .op(Access::Session, patch_me, __path_patch_me)
        .op(Access::Session, change_password, __path_change_password)
        .op(Access::Session, list_api_tokens, __path_list_api_tokens)
        .op(Access::Session, create_api_token, __path_create_api_token)
        .op(Access::Session, get_api_token, __path_get_api_token)
        .op(Access::Session, revoke_api_token, __path_revoke_api_token);
}
