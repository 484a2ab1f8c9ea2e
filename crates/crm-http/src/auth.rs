//! Who is calling: JWT access tokens or `crm_` API tokens in `Authorization: Bearer`.

use std::collections::BTreeSet;
use std::future::{ready, Ready};
use std::sync::Arc;

use actix_web::dev::{Payload, ServiceRequest};
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use chrono::Utc;
use crm_domain::{Actor, DomainError};
use crm_persistence::{auth as auth_store, passwords::sha256_hex, Ctx};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::problem::ApiError;
use crate::request_log::RequestId;
use crate::state::AppState;

pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl JwtKeys {
    pub fn new(secret: &[u8]) -> Self {
        Self { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret) }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    /// The session (refresh-token family): the token dies with it.
    sid: Uuid,
    iat: i64,
    exp: i64,
    typ: String,
}

pub fn issue_access_token(keys: &JwtKeys, user_id: Uuid, session: Uuid) -> Result<String, ApiError> {
    let now = Utc::now().timestamp();
    let claims = Claims { sub: user_id, sid: session, iat: now, exp: now + ACCESS_TOKEN_SECONDS, typ: "access".into() };
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding)
        .map_err(|e| ApiError(DomainError::internal(format!("token signing failed: {e}"))))
}

/// The user, session and expiry of a valid access token.
pub fn verify_access_token(keys: &JwtKeys, token: &str) -> Result<(Uuid, Uuid, i64), ApiError> {
    let mut v = Validation::new(Algorithm::HS256);
    v.leeway = 0;
    v.set_required_spec_claims(&["exp", "sub"]);
    let data = jsonwebtoken::decode::<Claims>(token, &keys.decoding, &v).map_err(|e| {
        let code = match e.kind() {
            jsonwebtoken::errors::ErrorKind::ExpiredSignature => "auth.token_expired",
            _ => "auth.invalid_token",
        };
        ApiError(DomainError::unauthorized(code, "the access token is invalid or expired"))
    })?;
    if data.claims.typ != "access" {
        return Err(ApiError(DomainError::unauthorized("auth.invalid_token", "not an access token")));
    }
    Ok((data.claims.sub, data.claims.sid, data.claims.exp))
}

/// The authenticated caller, put into the request by the guard.
#[derive(Clone, Debug)]
pub struct Principal {
    pub actor: Arc<Actor>,
    pub api_token_id: Option<Uuid>,
    /// The session of a signed-in person (none for API tokens).
    pub session_id: Option<Uuid>,
}

fn missing() -> ApiError {
    ApiError(DomainError::unauthorized("auth.missing_token", "sign in: send Authorization: Bearer <token>"))
}

/// The bearer token of a request, if it sent one.
pub fn bearer(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer "))?.trim();
    (!token.is_empty()).then_some(token)
}

/// Resolves the bearer token into a principal. Principals are cached briefly, keyed by
/// the token's hash, so a burst of calls costs one database round trip; an access token
/// is accepted only while its session is live, so a logout or a password change ends it
/// at once in this process, and within `AUTH_CACHE_TTL` in others.
pub async fn authenticate(state: &AppState, req: &ServiceRequest) -> Result<Principal, ApiError> {
    let token = bearer(req.request()).ok_or_else(missing)?;
    let key = sha256_hex(token);
    if let Some(principal) = state.auth_cache.get(&key) {
        return Ok(principal);
    }
    let gone = || ApiError(DomainError::unauthorized("auth.user_inactive", "the account is disabled or deleted"));
    let now = Utc::now();
    let (principal, expires) = if token.starts_with(auth_store::API_TOKEN_PREFIX) {
        let t = auth_store::verify_api_token(&state.db, token, now).await?;
        let mut actor = auth_store::load_actor(&state.db, t.user_id).await?.ok_or_else(gone)?;
        actor.token_scopes = Some(t.scopes.into_iter().collect::<BTreeSet<_>>());
        (Principal { actor: Arc::new(actor), api_token_id: Some(t.token_id), session_id: None }, t.expires_at)
    } else {
        let (user_id, session, exp) = verify_access_token(&state.jwt, token)?;
        if !auth_store::session_live(&state.db, session, now).await? {
            return Err(ApiError(DomainError::unauthorized("auth.session_ended", "this session has ended (signed out, or the password changed); sign in again")));
        }
        let actor = auth_store::load_actor(&state.db, user_id).await?.ok_or_else(gone)?;
        (Principal { actor: Arc::new(actor), api_token_id: None, session_id: Some(session) }, chrono::DateTime::from_timestamp(exp, 0))
    };
    state.auth_cache.put(key, principal.clone(), expires);
    Ok(principal)
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // Only the guard puts a principal here; a handler asking for one on a public
        // route is a programming error, answered as such.
        ready(req.extensions().get::<Principal>().cloned().ok_or_else(|| ApiError(DomainError::internal("route has no authenticated principal"))))
    }
}

/// The service context of a request: actor, request id, client IP, time.
pub struct ReqCtx(pub Ctx);

pub fn client_ip(req: &HttpRequest) -> Option<String> {
    req.connection_info().realip_remote_addr().map(|s| s.to_string())
}

impl FromRequest for ReqCtx {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, p: &mut Payload) -> Self::Future {
        let principal = match Principal::from_request(req, p).into_inner() {
            Ok(p) => p,
            Err(e) => return ready(Err(e)),
        };
        let id = req.extensions().get::<RequestId>().map(|r| r.0.clone()).unwrap_or_default();
        ready(Ok(ReqCtx(Ctx::new(principal.actor, id, client_ip(req)))))
    }
}
