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
    iat: i64,
    exp: i64,
    typ: String,
}

pub fn issue_access_token(keys: &JwtKeys, user_id: Uuid) -> Result<String, ApiError> {
    let now = Utc::now().timestamp();
    let claims = Claims { sub: user_id, iat: now, exp: now + ACCESS_TOKEN_SECONDS, typ: "access".into() };
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding)
        .map_err(|e| ApiError(DomainError::internal(format!("token signing failed: {e}"))))
}

fn verify_access_token(keys: &JwtKeys, token: &str) -> Result<(Uuid, i64), ApiError> {
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
    Ok((data.claims.sub, data.claims.exp))
}

/// The authenticated caller, put into the request by the guard.
#[derive(Clone, Debug)]
pub struct Principal {
    pub actor: Arc<Actor>,
    pub api_token_id: Option<Uuid>,
}

fn missing() -> ApiError {
    ApiError(DomainError::unauthorized("auth.missing_token", "sign in: send Authorization: Bearer <token>"))
}

/// Resolves the bearer token into a principal. Actors are cached briefly, keyed by the
/// token's hash, so a burst of calls costs one database round trip.
pub async fn authenticate(state: &AppState, req: &ServiceRequest) -> Result<Principal, ApiError> {
    let value = req.headers().get(header::AUTHORIZATION).ok_or_else(missing)?;
    let value = value.to_str().map_err(|_| missing())?;
    let token = value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")).ok_or_else(missing)?.trim();
    if token.is_empty() {
        return Err(missing());
    }
    let key = sha256_hex(token);
    let is_api_token = token.starts_with(auth_store::API_TOKEN_PREFIX);
    if let Some(actor) = state.auth_cache.get(&key) {
        let api_token_id = actor.token_scopes.as_ref().map(|_| Uuid::nil());
        return Ok(Principal { actor, api_token_id });
    }
    let gone = || ApiError(DomainError::unauthorized("auth.user_inactive", "the account is disabled or deleted"));
    let (actor, api_token_id, expires) = if is_api_token {
        let t = auth_store::verify_api_token(&state.db, token, Utc::now()).await?;
        let mut actor = auth_store::load_actor(&state.db, t.user_id).await?.ok_or_else(gone)?;
        actor.token_scopes = Some(t.scopes.into_iter().collect::<BTreeSet<_>>());
        (actor, Some(t.token_id), t.expires_at)
    } else {
        let (user_id, exp) = verify_access_token(&state.jwt, token)?;
        (auth_store::load_actor(&state.db, user_id).await?.ok_or_else(gone)?, None, chrono::DateTime::from_timestamp(exp, 0))
    };
    let actor = Arc::new(actor);
    state.auth_cache.put(key, actor.clone(), expires);
    Ok(Principal { actor, api_token_id })
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
