use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use crm_persistence::auth as store;
use crm_persistence::system::users;
use uuid::Uuid;

use super::dto::*;
use crate::auth::{client_ip, issue_access_token, ReqCtx, ACCESS_TOKEN_SECONDS};
use crate::etag::{created, ok};
use crate::json::ValidJson;
use crate::list_query::{ListQuery, PageOf, PageParams};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;
use crate::system::dto::User;

async fn pair(state: &AppState, user_id: Uuid, refresh_token: String) -> ApiResult<TokenPair> {
    let user = users::get(&state.db, user_id).await?;
    Ok(TokenPair {
        access_token: issue_access_token(&state.jwt, user_id)?,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_SECONDS,
        refresh_token,
        user: User::from(user),
    })
}

/// Sign in with a username or e-mail and a password.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenPair), (status = 400, body = Problem), (status = 401, description = "wrong credentials (the same answer whether the user exists or not)", body = Problem),
        (status = 429, description = "too many failures: the account is locked; see Retry-After", body = Problem, headers(("Retry-After" = u64, description = "seconds until the lock ends")))))]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, body: ValidJson<LoginRequest>) -> ApiResult<HttpResponse> {
    let now = Utc::now();
    let user = store::login(&state.db, &body.0.username, &body.0.password, client_ip(&req), now).await?;
    let refresh = store::issue_refresh_token(&state.db, user.id, None, now).await?;
    Ok(ok(&pair(&state, user.id, refresh).await?, None))
}

/// Trade a refresh token for a new pair; the old refresh token stops working.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenPair), (status = 400, body = Problem), (status = 401, description = "invalid, expired or revoked; reuse of a rotated token revokes its whole family", body = Problem)))]
pub async fn refresh(state: web::Data<AppState>, body: ValidJson<RefreshRequest>) -> ApiResult<HttpResponse> {
    let (user_id, token) = store::rotate_refresh_token(&state.db, &body.0.refresh_token, Utc::now()).await?;
    if store::load_actor(&state.db, user_id).await?.is_none() {
        return Err(crm_domain::DomainError::unauthorized("auth.user_inactive", "the account is disabled or deleted").into());
    }
    Ok(ok(&pair(&state, user_id, token).await?, None))
}

/// Sign out: revokes the refresh token (and its rotations).
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body = RefreshRequest,
    responses((status = 204, description = "signed out"), (status = 400, body = Problem)))]
pub async fn logout(state: web::Data<AppState>, body: ValidJson<RefreshRequest>) -> ApiResult<HttpResponse> {
    store::logout(&state.db, &body.0.refresh_token, Utc::now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn me_view(state: &AppState, ctx: &ReqCtx) -> ApiResult<Me> {
    let user = users::get(&state.db, ctx.0.actor.user_id).await?;
    let a = &ctx.0.actor;
    let permissions = match &a.token_scopes {
        Some(scopes) => a.permissions.intersection(scopes).cloned().collect(),
        None => a.permissions.iter().cloned().collect(),
    };
    Ok(Me {
        user: User::from(user),
        permissions,
        data_scope: a.scope.widest().into(),
        data_scopes: a.scope.scopes().iter().map(|s| (*s).into()).collect(),
    })
}

/// The current user with effective permissions and data scope.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = Problem)))]
pub async fn get_me(state: web::Data<AppState>, ctx: ReqCtx) -> ApiResult<HttpResponse> {
    Ok(ok(&me_view(&state, &ctx).await?, None))
}

/// Change one's own display name, e-mail, phone or interface language.
#[utoipa::path(patch, path = "/api/v1/me", tag = "auth", security(("bearer" = [])), request_body = MePatch,
    responses((status = 200, body = Me), (status = 400, body = Problem), (status = 401, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn patch_me(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<MePatch>) -> ApiResult<HttpResponse> {
    let b = body.0;
    users::update_me(&state.db, &ctx.0, users::MePatch { display_name: b.display_name, email: b.email, phone: b.phone, locale: b.locale }).await?;
    state.auth_cache.clear();
    Ok(ok(&me_view(&state, &ctx).await?, None))
}

/// Change one's own password; every refresh token of the user is revoked.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", security(("bearer" = [])), request_body = PasswordChange,
    responses((status = 204, description = "changed"), (status = 400, body = Problem), (status = 401, body = Problem), (status = 422, description = "too short, or the current password is wrong", body = Problem)))]
pub async fn change_password(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<PasswordChange>) -> ApiResult<HttpResponse> {
    store::change_password(&state.db, &ctx.0, &body.0.current_password, &body.0.new_password).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Create an API token for scripts. The secret is in this answer only.
#[utoipa::path(post, path = "/api/v1/api-tokens", tag = "auth", security(("bearer" = [])), request_body = NewApiToken,
    responses((status = 201, body = CreatedApiToken), (status = 400, body = Problem), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn create_api_token(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewApiToken>) -> ApiResult<HttpResponse> {
    let b = body.0;
    let (view, token) = store::create_api_token(&state.db, &ctx.0, &b.name, b.scopes, b.expires_at).await?;
    let id = view.id;
    Ok(created(&CreatedApiToken { meta: view.into(), token }, format!("/api/v1/api-tokens/{id}"), None))
}

/// The caller's API tokens, newest first.
#[utoipa::path(get, path = "/api/v1/api-tokens", tag = "auth", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = PageOf<ApiToken>), (status = 400, body = Problem), (status = 401, body = Problem)))]
pub async fn list_api_tokens(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    let page = store::list_api_tokens(&state.db, &ctx.0, &q.0).await?;
    Ok(ok(&PageOf::from_page(page, ApiToken::from), None))
}

/// One of the caller's API tokens.
#[utoipa::path(get, path = "/api/v1/api-tokens/{id}", tag = "auth", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ApiToken), (status = 400, body = Problem), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get_api_token(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&ApiToken::from(store::get_api_token(&state.db, &ctx.0, *id).await?), None))
}

/// Revoke an API token; it stops working at once.
#[utoipa::path(delete, path = "/api/v1/api-tokens/{id}", tag = "auth", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204, description = "revoked"), (status = 400, body = Problem), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn revoke_api_token(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    store::revoke_api_token(&state.db, &ctx.0, *id).await?;
    state.auth_cache.clear();
    Ok(HttpResponse::NoContent().finish())
}
