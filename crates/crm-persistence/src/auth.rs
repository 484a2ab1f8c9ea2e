//! Authentication state (SYS-1, SYS-5): password login with lockout, rotating refresh
//! tokens with reuse detection, API tokens, and the actor a user acts as. Access tokens
//! (JWT) are minted by the HTTP crate; everything stored lives here.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use crm_domain::permissions::is_known_code;
use crm_domain::scope::EffectiveScope;
use crm_domain::validate::Validator;
use crm_domain::{Actor, DataScope, DomainError, DomainResult, ErrorKind};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::db::db_err;
use crate::listing::{fetch_page, ListParams, Page};
use crate::passwords::{self, random_secret, sha256_hex};
use crate::system::entities::{api_token, refresh_token, user};
use crate::system::roles;
use crate::{audit, login_throttle, Ctx, Db};

pub const REFRESH_TOKEN_DAYS: i64 = 30;
pub const API_TOKEN_PREFIX: &str = "crm_";

pub fn invalid_credentials() -> DomainError {
    DomainError::unauthorized("auth.invalid_credentials", "wrong username or password")
}

/// The answer while a login name (or a device) is locked: the same whether the name
/// exists or not.
pub fn locked(until: DateTime<Utc>, now: DateTime<Utc>) -> DomainError {
    let secs = u64::try_from((until - now).num_seconds().max(1)).unwrap_or(1);
    DomainError::new(
        ErrorKind::TooManyRequests { retry_after_secs: secs },
        "auth.locked",
        format!("too many failed sign-ins with this name; try again in {secs} s, or from a device you signed in from before"),
    )
}

/// The user and roles behind a user id, or `None` when the user is gone or disabled.
pub async fn load_actor(db: &impl ConnectionTrait, user_id: Uuid) -> DomainResult<Option<Actor>> {
    let Some(u) = user::Entity::find_by_id(user_id)
        .filter(user::Column::DeletedAt.is_null())
        .filter(user::Column::Enabled.eq(true))
        .one(db)
        .await
        .map_err(db_err)?
    else {
        return Ok(None);
    };
    let roles = roles::of_user(db, user_id).await?;
    let mut permissions = BTreeSet::new();
    let mut scopes = Vec::new();
    for r in &roles {
        permissions.extend(r.permission_codes());
        scopes.push(DataScope::parse(&r.data_scope).unwrap_or(DataScope::Own));
    }
    Ok(Some(Actor {
        user_id: u.id,
        username: u.username,
        department_id: u.department_id,
        permissions,
        scope: EffectiveScope::new(scopes),
        token_scopes: None,
        visible_owners: Default::default(),
            shared: Default::default(),
    }))
}

/// One password sign-in attempt.
pub struct LoginAttempt<'a> {
    /// Username or e-mail, as typed.
    pub login: &'a str,
    pub password: &'a str,
    pub ip: Option<String>,
    /// A device this login name signed in from before (verified by the caller): its own
    /// failures count, and the name's lock does not hold for it.
    pub device: Option<Uuid>,
    pub now: DateTime<Utc>,
}

/// Checks a password sign-in (`login_throttle` says how failures are counted). Unknown
/// names, wrong passwords and disabled accounts get the same answer and cost the same
/// time; a locked name is answered at once, known or not.
pub async fn login(db: &Db, a: LoginAttempt<'_>) -> DomainResult<user::Model> {
    let key = match a.device {
        Some(d) => login_throttle::device_key(d),
        None => login_throttle::name_key(a.login),
    };
    if let Some(until) = login_throttle::locked_until(db, &key, a.now).await? {
        return Err(locked(until, a.now));
    }
    let login = a.login.trim().to_lowercase();
    let found = user::Entity::find()
        .filter(user::Column::DeletedAt.is_null())
        .filter(Condition::any().add(user::Column::Username.eq(login.clone())).add(user::Column::Email.eq(login)))
        .one(db)
        .await
        .map_err(db_err)?;
    let hash = match &found {
        Some(u) => u.password_hash.clone(),
        None => passwords::dummy_hash().await,
    };
    let right = passwords::verify(a.password.to_string(), hash).await;
    let Some(u) = found.filter(|u| right && u.enabled) else {
        return Err(match login_throttle::fail(db, &key, a.now).await? {
            Some(until) => locked(until, a.now),
            None => invalid_credentials(),
        });
    };
    login_throttle::clear(db, &[key]).await?;
    user::Entity::update_many()
        .set(user::ActiveModel { last_login_at: Set(Some(a.now)), last_login_ip: Set(a.ip), ..Default::default() })
        .filter(user::Column::Id.eq(u.id))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(u)
}

/// Stores a new refresh token of `family` (a new family at login) and returns its secret.
/// A family is one session: the access tokens minted with it name it (`sid`).
pub async fn issue_refresh_token(db: &impl ConnectionTrait, user_id: Uuid, family: Option<Uuid>, now: DateTime<Utc>) -> DomainResult<(String, Uuid)> {
    let secret = random_secret(48);
    let family = family.unwrap_or_else(Uuid::now_v7);
    refresh_token::Entity::insert(refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        family_id: Set(family),
        token_hash: Set(sha256_hex(&secret)),
        expires_at: Set(now + Duration::days(REFRESH_TOKEN_DAYS)),
        created_at: Set(now),
        rotated_at: Set(None),
        revoked_at: Set(None),
    })
    .exec_without_returning(db)
    .await
    .map_err(db_err)?;
    Ok((secret, family))
}

fn bad_refresh() -> DomainError {
    DomainError::unauthorized("auth.invalid_refresh_token", "the refresh token is invalid, expired or revoked")
}

/// Rotation: the presented token is spent and a new one of the same family returned.
/// Presenting a spent token means it was stolen or replayed, so the whole family dies.
/// The spend is a conditional update, so two parallel refreshes cannot both succeed.
/// Returns the user, the new secret and the session (family).
pub async fn rotate_refresh_token(db: &Db, secret: &str, now: DateTime<Utc>) -> DomainResult<(Uuid, String, Uuid)> {
    let tx = crate::tx::begin(db).await?;
    let Some(t) = refresh_token::Entity::find().filter(refresh_token::Column::TokenHash.eq(sha256_hex(secret))).one(&tx).await.map_err(db_err)? else {
        return Err(bad_refresh());
    };
    if t.rotated_at.is_some() {
        revoke_family(&tx, t.family_id, now).await?;
        tx.commit().await.map_err(db_err)?;
        log::warn!("refresh token reuse for user {}: family {} revoked", t.user_id, t.family_id);
        return Err(DomainError::unauthorized("auth.refresh_token_reused", "this refresh token was already used; every session of it is signed out"));
    }
    if t.revoked_at.is_some() || t.expires_at <= now {
        return Err(bad_refresh());
    }
    let spent = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RotatedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(t.id))
        .filter(refresh_token::Column::RotatedAt.is_null())
        .exec(&tx)
        .await
        .map_err(db_err)?;
    if spent.rows_affected == 0 {
        return Err(bad_refresh());
    }
    let (new_secret, family) = issue_refresh_token(&tx, t.user_id, Some(t.family_id), now).await?;
    tx.commit().await.map_err(db_err)?;
    Ok((t.user_id, new_secret, family))
}

async fn revoke_family(db: &impl ConnectionTrait, family: Uuid, now: DateTime<Utc>) -> DomainResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// Logout by refresh token: the token's whole family (this sign-in) ends. Returns it.
pub async fn logout(db: &Db, secret: &str, now: DateTime<Utc>) -> DomainResult<Option<Uuid>> {
    let found = refresh_token::Entity::find().filter(refresh_token::Column::TokenHash.eq(sha256_hex(secret))).one(db).await.map_err(db_err)?;
    if let Some(t) = &found {
        revoke_family(db, t.family_id, now).await?;
    }
    Ok(found.map(|t| t.family_id))
}

/// Ends one session (logout by access token).
pub async fn end_session(db: &Db, family: Uuid, now: DateTime<Utc>) -> DomainResult<()> {
    revoke_family(db, family, now).await
}

/// Whether a session can still be refreshed: an access token of an ended session is
/// refused at once, not when it expires.
pub async fn session_live(db: &Db, family: Uuid, now: DateTime<Utc>) -> DomainResult<bool> {
    let live = refresh_token::Entity::find()
        .select_only()
        .column(refresh_token::Column::Id)
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .filter(refresh_token::Column::ExpiresAt.gt(now))
        .into_tuple::<Uuid>()
        .one(db)
        .await
        .map_err(db_err)?;
    Ok(live.is_some())
}

/// Ends every session of a user but `keep` (the one changing the password).
pub async fn revoke_all_refresh_tokens(db: &impl ConnectionTrait, user_id: Uuid, now: DateTime<Utc>, keep: Option<Uuid>) -> DomainResult<()> {
    let mut q = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null());
    if let Some(k) = keep {
        q = q.filter(refresh_token::Column::FamilyId.ne(k));
    }
    q.exec(db).await.map_err(db_err)?;
    Ok(())
}

async fn revoke_api_tokens_of(db: &impl ConnectionTrait, user_id: Uuid, now: DateTime<Utc>) -> DomainResult<u64> {
    let res = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(res.rows_affected)
}

/// A password change by its owner: the other sessions end (their access tokens with
/// them), the current one (`session`) stays; the API tokens too, when asked.
pub async fn change_password(db: &Db, ctx: &Ctx, current: &str, new: &str, session: Option<Uuid>, revoke_api_tokens: bool) -> DomainResult<()> {
    let mut v = Validator::new();
    v.password("new_password", new);
    v.finish()?;
    let u = crate::system::users::find_live(db, ctx.actor.user_id).await?;
    if !passwords::verify(current.to_string(), u.password_hash.clone()).await {
        return Err(DomainError::invalid_field("current_password", "wrong", "the current password is wrong"));
    }
    let hash = passwords::hash(new.to_string()).await?;
    let tx = crate::tx::begin(db).await?;
    crate::system::users::store_password(&tx, &u, hash, ctx.now).await?;
    revoke_all_refresh_tokens(&tx, u.id, ctx.now, session).await?;
    let revoked = if revoke_api_tokens { revoke_api_tokens_of(&tx, u.id, ctx.now).await? } else { 0 };
    let after = json!({"password": "new", "other_sessions": "ended", "api_tokens_revoked": revoked});
    audit::record(&tx, ctx, "users", u.id, "change_password", &json!({"password": "old"}), &after).await?;
    tx.commit().await.map_err(db_err)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ApiToken)]
pub struct ApiTokenView {
    pub id: Uuid,
    pub name: String,
    /// The first characters of the secret, to tell tokens apart.
    #[schema(example = "crm_AbCd")]
    pub prefix: String,
    pub scopes: Vec<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<api_token::Model> for ApiTokenView {
    fn from(m: api_token::Model) -> Self {
        Self {
            id: m.id,
            scopes: m.scope_codes(),
            name: m.name,
            prefix: m.prefix,
            expires_at: m.expires_at,
            last_used_at: m.last_used_at,
            created_at: m.created_at,
            revoked_at: m.revoked_at,
        }
    }
}

/// Creates a token for the caller. Scopes must be permissions the caller holds: a token
/// can narrow a user's rights, never widen them.
pub async fn create_api_token(
    db: &Db,
    ctx: &Ctx,
    name: &str,
    mut scopes: Vec<String>,
    expires_at: Option<DateTime<Utc>>,
) -> DomainResult<(ApiTokenView, String)> {
    let mut v = Validator::new();
    let name = v.required("name", name, 100);
    scopes.sort();
    scopes.dedup();
    if scopes.is_empty() {
        v.add("scopes", "required", "name at least one scope");
    }
    for s in &scopes {
        if !is_known_code(s) {
            v.add("scopes", "unknown", format!("unknown scope '{s}'"));
        } else if !ctx.actor.has_code(s) {
            v.add("scopes", "not_held", format!("you do not hold '{s}' yourself"));
        }
    }
    if expires_at.is_some_and(|e| e <= ctx.now) {
        v.add("expires_at", "in_past", "must be in the future");
    }
    v.finish()?;
    let secret = format!("{API_TOKEN_PREFIX}{}", random_secret(40));
    let model = api_token::Model {
        id: Uuid::now_v7(),
        user_id: ctx.actor.user_id,
        name,
        token_hash: sha256_hex(&secret),
        prefix: secret.chars().take(8).collect(),
        scopes: json!(scopes),
        expires_at,
        last_used_at: None,
        created_at: ctx.now,
        revoked_at: None,
    };
    let tx = crate::tx::begin(db).await?;
    api_token::Entity::insert(api_token::ActiveModel::from(model.clone())).exec_without_returning(&tx).await.map_err(db_err)?;
    let view = ApiTokenView::from(model);
    audit::record(&tx, ctx, "api_tokens", view.id, "create", &serde_json::Value::Null, &json!(view)).await?;
    tx.commit().await.map_err(db_err)?;
    Ok((view, secret))
}

pub async fn list_api_tokens(db: &Db, ctx: &Ctx, params: &ListParams) -> DomainResult<Page<ApiTokenView>> {
    let select = api_token::Entity::find().filter(api_token::Column::UserId.eq(ctx.actor.user_id));
    let select = select.order_by_desc(api_token::Column::CreatedAt).order_by_desc(api_token::Column::Id);
    Ok(fetch_page(db, select, params).await?.map(Into::into))
}

/// Tokens are private to their owner: someone else's token id is simply not found.
pub async fn get_api_token(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<ApiTokenView> {
    api_token::Entity::find_by_id(id)
        .filter(api_token::Column::UserId.eq(ctx.actor.user_id))
        .one(db)
        .await
        .map_err(db_err)?
        .map(Into::into)
        .ok_or_else(|| DomainError::not_found("api_token"))
}

pub async fn revoke_api_token(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<ApiTokenView> {
    let tx = crate::tx::begin(db).await?;
    let t = api_token::Entity::find_by_id(id)
        .filter(api_token::Column::UserId.eq(ctx.actor.user_id))
        .one(&tx)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found("api_token"))?;
    if t.revoked_at.is_none() {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::RevokedAt, Expr::value(ctx.now))
            .filter(api_token::Column::Id.eq(id))
            .exec(&tx)
            .await
            .map_err(db_err)?;
        audit::record(&tx, ctx, "api_tokens", id, "revoke", &json!({"revoked": false}), &json!({"revoked": true})).await?;
    }
    tx.commit().await.map_err(db_err)?;
    let mut v = ApiTokenView::from(t);
    v.revoked_at = v.revoked_at.or(Some(ctx.now));
    Ok(v)
}

/// A live API token: its id, owner and scopes.
pub struct VerifiedToken {
    pub token_id: Uuid,
    pub user_id: Uuid,
    pub scopes: BTreeSet<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

pub async fn verify_api_token(db: &Db, secret: &str, now: DateTime<Utc>) -> DomainResult<VerifiedToken> {
    let bad = || DomainError::unauthorized("auth.invalid_token", "the API token is invalid, expired or revoked");
    let t = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(sha256_hex(secret)))
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(bad)?;
    if t.revoked_at.is_some() || t.expires_at.is_some_and(|e| e <= now) {
        return Err(bad());
    }
    // Last use is informative; once a minute is precise enough and spares a write per call.
    if t.last_used_at.is_none_or(|l| now - l > Duration::minutes(1)) {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(t.id))
            .exec(db)
            .await
            .map_err(db_err)?;
    }
    Ok(VerifiedToken { token_id: t.id, user_id: t.user_id, scopes: t.scope_codes().into_iter().collect(), expires_at: t.expires_at })
}

/// Whether a token id is still live (used by caches to notice revocation quickly).
pub async fn api_token_live(db: &Db, id: Uuid, now: DateTime<Utc>) -> DomainResult<bool> {
    let t = api_token::Entity::find_by_id(id).select_only().column(api_token::Column::RevokedAt).column(api_token::Column::ExpiresAt)
        .into_tuple::<(Option<DateTime<Utc>>, Option<DateTime<Utc>>)>().one(db).await.map_err(db_err)?;
    Ok(matches!(t, Some((None, e)) if e.is_none_or(|e| e > now)))
}
