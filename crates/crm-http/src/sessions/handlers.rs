use actix_web::{web, HttpRequest, HttpResponse, HttpResponseBuilder};
use chrono::Utc;
use crm_domain::{DomainError, ErrorKind};
use crm_persistence::auth as store;
use crm_persistence::system::users;
use uuid::Uuid;

use super::cookies;
use super::dto::*;
use crate::auth::{bearer, client_ip, issue_access_token, verify_access_token, Principal, ReqCtx, ACCESS_TOKEN_SECONDS};
use crate::etag::{created, ok};
use crate::json::{OptionalJson, ValidJson};
use crate::list_query::{ListQuery, PageOf};
use crate::login_guard::Refusal;
use crate::problem::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// An access token for the session, with the refresh token in the body (scripts) or in
/// the session cookie (browsers).
/// `res` may carry cookies of its own (the device cookie of a sign-in).
async fn pair(state: &AppState, req: &HttpRequest, mut res: HttpResponseBuilder, user_id: Uuid, refresh_token: String, session: Uuid, cookie: bool) -> ApiResult<HttpResponse> {
    let user = users::get(&state.db, user_id).await?;
    let body = TokenPair {
        access_token: issue_access_token(&state.jwt, user_id, session)?,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_SECONDS,
        refresh_token: (!cookie).then(|| refresh_token.clone()),
        user,
    };
    if cookie {
        cookies::set_session(&mut res, req, refresh_token);
    }
    Ok(res.json(body))
}

fn refused(r: Refusal) -> ApiError {
    let (secs, code, message) = match r {
        Refusal::Ip(s) => (s, "auth.throttled", "too many failed sign-ins from this address; wait before trying again"),
        Refusal::Busy(s) => (s, "auth.busy", "too many failed sign-ins on this server just now; wait before trying again"),
    };
    ApiError(DomainError::new(ErrorKind::TooManyRequests { retry_after_secs: secs }, code, message))
}

/// Sign in with a username or e-mail and a password.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, description = "signed in; with `refresh_cookie`, the refresh token is set as the `crm_refresh` cookie (with `crm_csrf`) instead of returned",
            body = TokenPair, headers(("Set-Cookie" = String, description = "`crm_device` (always), `crm_refresh` and `crm_csrf` (with `refresh_cookie`)"))),
        (status = 401, description = "`auth.invalid_credentials`: wrong username or password, an unknown name or a disabled account (the same answer and time for each)", body = Problem),
        (status = 429, description = "`auth.locked`: too many failures with this name (known or not; a browser that signed in with it before passes); `auth.throttled`: too many from this address; `auth.busy`: too many on the server", body = Problem,
            headers(("Retry-After" = u64, description = "seconds to wait")))))]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, body: ValidJson<LoginRequest>) -> ApiResult<HttpResponse> {
    let b = body.0;
    let now = Utc::now();
    let ip = state.client_addr(&req);
    let device = cookies::device(&req, &state.secret, &b.username);
    state.login_guard.admit(ip, device.is_some()).map_err(refused)?;
    let attempt = store::LoginAttempt { login: &b.username, password: &b.password, ip: client_ip(&req), device, now };
    let user = match store::login(&state.db, attempt).await {
        Ok(u) => u,
        Err(e) => {
            if matches!(e.code.as_str(), "auth.invalid_credentials" | "auth.locked") {
                state.login_guard.failed(ip);
            }
            return Err(e.into());
        }
    };
    state.login_guard.succeeded(ip);
    let (refresh, session) = store::issue_refresh_token(&state.db, user.id, None, now).await?;
    let mut res = HttpResponse::Ok();
    cookies::set_device(&mut res, &req, &state.secret, &b.username, device);
    pair(&state, &req, res, user.id, refresh, session, b.refresh_cookie).await
}

/// Trade a refresh token for a new pair; the old refresh token stops working. Send it in
/// the body, or send no body and let the browser send the `crm_refresh` cookie, with the
/// `crm_csrf` cookie's value in `X-CSRF-Token`.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body(content = Option<RefreshRequest>, description = "the refresh token; leave the body out to use the session cookie"),
    params(("X-CSRF-Token" = Option<String>, Header, description = "the `crm_csrf` cookie's value, when refreshing by cookie")),
    responses((status = 200, description = "a new pair; by cookie, the new refresh token is set as the cookie instead of returned", body = TokenPair),
        (status = 401, description = "invalid, expired or revoked; reuse of a rotated token revokes its whole family", body = Problem),
        (status = 403, description = "`auth.csrf`: the cookie was sent without the matching X-CSRF-Token", body = Problem)))]
pub async fn refresh(state: web::Data<AppState>, req: HttpRequest, body: OptionalJson<RefreshRequest>) -> ApiResult<HttpResponse> {
    let (secret, by_cookie) = match body.0 {
        Some(b) => (b.refresh_token, false),
        None => match cookies::refresh_token(&req)? {
            Some(t) => (t, true),
            None => return Err(DomainError::unauthorized("auth.invalid_refresh_token", "send a refresh token in the body, or the session cookie").into()),
        },
    };
    let (user_id, token, session) = store::rotate_refresh_token(&state.db, &secret, Utc::now()).await?;
    if store::load_actor(&state.db, user_id).await?.is_none() {
        return Err(DomainError::unauthorized("auth.user_inactive", "the account is disabled or deleted").into());
    }
    pair(&state, &req, HttpResponse::Ok(), user_id, token, session, by_cookie).await
}

/// Sign out: the session ends at once, its access tokens with it. Name the session by its
/// refresh token in the body, by the session cookie (with `X-CSRF-Token`), or by the access
/// token in `Authorization`; the session cookies are removed.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body(content = Option<RefreshRequest>, description = "the refresh token; may be left out"),
    params(("X-CSRF-Token" = Option<String>, Header, description = "the `crm_csrf` cookie's value, when signing out by cookie")),
    responses((status = 204, description = "signed out"), (status = 403, description = "`auth.csrf`: the cookie was sent without the matching X-CSRF-Token", body = Problem)))]
pub async fn logout(state: web::Data<AppState>, req: HttpRequest, body: OptionalJson<RefreshRequest>) -> ApiResult<HttpResponse> {
    let now = Utc::now();
    let secret = match body.0 {
        Some(b) => Some(b.refresh_token),
        None => cookies::refresh_token(&req)?,
    };
    if let Some(secret) = secret {
        store::logout(&state.db, &secret, now).await?;
    }
    if let Some(Ok((_, session, _))) = bearer(&req).map(|t| verify_access_token(&state.jwt, t)) {
        store::end_session(&state.db, session, now).await?;
    }
    state.auth_cache.clear();
    let mut res = HttpResponse::NoContent();
    cookies::clear_session(&mut res, &req);
    Ok(res.finish())
}

async fn me_view(state: &AppState, ctx: &ReqCtx) -> ApiResult<Me> {
    let user = users::get(&state.db, ctx.0.actor.user_id).await?;
    let a = &ctx.0.actor;
    let permissions = match &a.token_scopes {
        Some(scopes) => a.permissions.intersection(scopes).cloned().collect(),
        None => a.permissions.iter().cloned().collect(),
    };
    Ok(Me {
        user,
        permissions,
        data_scope: a.scope.widest(),
        data_scopes: a.scope.scopes().to_vec(),
    })
}

/// The current user with effective permissions and data scope.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me)))]
pub async fn get_me(state: web::Data<AppState>, ctx: ReqCtx) -> ApiResult<HttpResponse> {
    Ok(ok(&me_view(&state, &ctx).await?, None))
}

/// Change one's own display name, e-mail, phone or interface language.
#[utoipa::path(patch, path = "/api/v1/me", tag = "auth", security(("bearer" = [])), request_body = MePatch,
    responses((status = 200, body = Me), (status = 409, body = Problem)))]
pub async fn patch_me(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<MePatch>) -> ApiResult<HttpResponse> {
    let b = body.0;
    users::update_me(&state.db, &ctx.0, users::MePatch { display_name: b.display_name, email: b.email, phone: b.phone, locale: b.locale }).await?;
    state.auth_cache.clear();
    Ok(ok(&me_view(&state, &ctx).await?, None))
}

/// Change one's own password. The user's other sessions end at once (their access
/// tokens with them); this one stays. `revoke_api_tokens` revokes every API token too.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", security(("bearer" = [])), request_body = PasswordChange,
    responses((status = 204, description = "changed"), (status = 422, description = "too short, or the current password is wrong", body = Problem)))]
pub async fn change_password(state: web::Data<AppState>, ctx: ReqCtx, principal: Principal, body: ValidJson<PasswordChange>) -> ApiResult<HttpResponse> {
    let b = body.0;
    store::change_password(&state.db, &ctx.0, &b.current_password, &b.new_password, principal.session_id, b.revoke_api_tokens).await?;
    state.auth_cache.clear();
    Ok(HttpResponse::NoContent().finish())
}

/// Create an API token for scripts. The secret is in this answer only.
#[utoipa::path(post, path = "/api/v1/api-tokens", tag = "auth", security(("bearer" = [])), request_body = NewApiToken,
    responses((status = 201, body = CreatedApiToken)))]
pub async fn create_api_token(state: web::Data<AppState>, ctx: ReqCtx, body: ValidJson<NewApiToken>) -> ApiResult<HttpResponse> {
    let b = body.0;
    let (view, token) = store::create_api_token(&state.db, &ctx.0, &b.name, b.scopes, b.expires_at).await?;
    let id = view.id;
    Ok(created(&CreatedApiToken { meta: view, token }, format!("/api/v1/api-tokens/{id}"), None))
}

/// The caller's API tokens, newest first.
#[utoipa::path(get, path = "/api/v1/api-tokens", tag = "auth", security(("bearer" = [])), params(crate::list_query::PagingParams),
    responses((status = 200, body = PageOf<ApiToken>)))]
pub async fn list_api_tokens(state: web::Data<AppState>, ctx: ReqCtx, q: ListQuery) -> ApiResult<HttpResponse> {
    crate::list_query::paging_only(&q.0)?;
    let page = store::list_api_tokens(&state.db, &ctx.0, &q.0).await?;
    Ok(ok(&PageOf::from(page), None))
}

/// One of the caller's API tokens.
#[utoipa::path(get, path = "/api/v1/api-tokens/{id}", tag = "auth", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ApiToken)))]
pub async fn get_api_token(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&store::get_api_token(&state.db, &ctx.0, *id).await?, None))
}

/// Revoke an API token; it stops working at once.
#[utoipa::path(delete, path = "/api/v1/api-tokens/{id}", tag = "auth", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204, description = "revoked")))]
pub async fn revoke_api_token(state: web::Data<AppState>, ctx: ReqCtx, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    store::revoke_api_token(&state.db, &ctx.0, *id).await?;
    state.auth_cache.clear();
    Ok(HttpResponse::NoContent().finish())
}
