//! Authentication state (SYS-1, SYS-5): password login with lockout, rotating refresh
//! tokens with reuse detection, API tokens, and the actor a user acts as. Access tokens
//! (JWT) are minted by the HTTP crate; everything stored lives here.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use crm_domain::permissions::is_known_code;
use crm_domain::scope::EffectiveScope;
use crm_domain::validate::Validator;
use crm_domain::{Actor, DataScope, DomainError, DomainResult, ErrorKind};
use sea_orm::sea_query::{CaseStatement, Expr};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::db::db_err;
use crate::listing::{fetch_page, ListParams, Page};
use crate::passwords::{self, random_secret, sha256_hex};
use crate::system::entities::{api_token, refresh_token, user};
use crate::system::roles;
use crate::{audit, Ctx, Db};

pub const MAX_FAILURES: i32 = 5;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
pub const LOCK_MINUTES: i64 = 15;
pub const REFRESH_TOKEN_DAYS: i64 = 30;
pub const API_TOKEN_PREFIX: &str = "crm_";

fn invalid_credentials() -> DomainError {
    DomainError::unauthorized("auth.invalid_credentials", "wrong username or password")
}

fn locked(until: DateTime<Utc>, now: DateTime<Utc>) -> DomainError {
    let secs = u64::try_from((until - now).num_seconds().max(1)).unwrap_or(1);
    DomainError::new(
        ErrorKind::TooManyRequests { retry_after_secs: secs },
        "auth.locked",
        format!("too many failed logins; the account is locked for {} more minute(s)", secs.div_ceil(60)),
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
    }))
}

/// Checks a password login. Unknown users and wrong passwords get the same answer and
/// cost the same time; failures are counted in one statement so parallel guesses cannot
/// slip past the limit.
pub async fn login(db: &Db, login: &str, password: &str, ip: Option<String>, now: DateTime<Utc>) -> DomainResult<user::Model> {
    let login = login.trim().to_lowercase();
    let found = user::Entity::find()
        .filter(user::Column::DeletedAt.is_null())
        .filter(Condition::any().add(user::Column::Username.eq(login.clone())).add(user::Column::Email.eq(login)))
        .one(db)
        .await
        .map_err(db_err)?;
    let Some(u) = found else {
        let _ = passwords::verify(password.to_string(), passwords::dummy_hash().await).await;
        return Err(invalid_credentials());
    };
    if let Some(until) = u.locked_until.filter(|t| *t > now) {
        return Err(locked(until, now));
    }
    if !passwords::verify(password.to_string(), u.password_hash.clone()).await {
        let cutoff = now - Duration::minutes(FAILURE_WINDOW_MINUTES);
        let fresh_window = Condition::any().add(user::Column::FailedWindowStart.is_null()).add(user::Column::FailedWindowStart.lt(cutoff));
        user::Entity::update_many()
            .col_expr(
                user::Column::FailedLogins,
                CaseStatement::new().case(fresh_window.clone(), Expr::value(1)).finally(Expr::col(user::Column::FailedLogins).add(1)).into(),
            )
            .col_expr(
                user::Column::FailedWindowStart,
                CaseStatement::new().case(fresh_window, Expr::value(now)).finally(Expr::col(user::Column::FailedWindowStart)).into(),
            )
            .filter(user::Column::Id.eq(u.id))
            .exec(db)
            .await
            .map_err(db_err)?;
        let until = now + Duration::minutes(LOCK_MINUTES);
        let locked_now = user::Entity::update_many()
            .col_expr(user::Column::LockedUntil, Expr::value(until))
            .filter(user::Column::Id.eq(u.id))
            .filter(user::Column::FailedLogins.gte(MAX_FAILURES))
            .exec(db)
            .await
            .map_err(db_err)?;
        if locked_now.rows_affected > 0 {
            log::warn!("account {} locked after {MAX_FAILURES} failed logins", u.username);
            return Err(locked(until, now));
        }
        return Err(invalid_credentials());
    }
    if !u.enabled {
        return Err(DomainError::unauthorized("auth.disabled", "this account is disabled"));
    }
    user::Entity::update_many()
        .set(user::ActiveModel {
            failed_logins: Set(0),
            failed_window_start: Set(None),
            locked_until: Set(None),
            last_login_at: Set(Some(now)),
            last_login_ip: Set(ip),
            ..Default::default()
        })
        .filter(user::Column::Id.eq(u.id))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(u)
}

/// Stores a new refresh token of `family` (a new family at login) and returns its secret.
pub async fn issue_refresh_token(db: &impl ConnectionTrait, user_id: Uuid, family: Option<Uuid>, now: DateTime<Utc>) -> DomainResult<String> {
    let secret = random_secret(48);
    refresh_token::Entity::insert(refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        family_id: Set(family.unwrap_or_else(Uuid::now_v7)),
        token_hash: Set(sha256_hex(&secret)),
        expires_at: Set(now + Duration::days(REFRESH_TOKEN_DAYS)),
        created_at: Set(now),
        rotated_at: Set(None),
        revoked_at: Set(None),
    })
    .exec_without_returning(db)
    .await
    .map_err(db_err)?;
    Ok(secret)
}

fn bad_refresh() -> DomainError {
    DomainError::unauthorized("auth.invalid_refresh_token", "the refresh token is invalid, expired or revoked")
}

/// Rotation: the presented token is spent and a new one of the same family returned.
/// Presenting a spent token means it was stolen or replayed, so the whole family dies.
/// The spend is a conditional update, so two parallel refreshes cannot both succeed.
pub async fn rotate_refresh_token(db: &Db, secret: &str, now: DateTime<Utc>) -> DomainResult<(Uuid, String)> {
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
    let new_secret = issue_refresh_token(&tx, t.user_id, Some(t.family_id), now).await?;
    tx.commit().await.map_err(db_err)?;
    Ok((t.user_id, new_secret))
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

/// Logout: the token's whole family (this sign-in) ends.
pub async fn logout(db: &Db, secret: &str, now: DateTime<Utc>) -> DomainResult<()> {
    if let Some(t) = refresh_token::Entity::find().filter(refresh_token::Column::TokenHash.eq(sha256_hex(secret))).one(db).await.map_err(db_err)? {
        revoke_family(db, t.family_id, now).await?;
    }
    Ok(())
}

pub async fn revoke_all_refresh_tokens(db: &impl ConnectionTrait, user_id: Uuid, now: DateTime<Utc>) -> DomainResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

pub async fn change_password(db: &Db, ctx: &Ctx, current: &str, new: &str) -> DomainResult<()> {
    let mut v = Validator::new();
    v.password("new_password", new);
    v.finish()?;
    let u = crate::system::users::find_live(db, ctx.actor.user_id).await?;
    if !passwords::verify(current.to_string(), u.password_hash.clone()).await {
        return Err(DomainError::invalid_field("current_password", "wrong", "the current password is wrong"));
    }
    let hash = passwords::hash(new.to_string()).await?;
    let tx = crate::tx::begin(db).await?;
    crate::system::users::set_password(&tx, &u, hash, ctx.now).await?;
    audit::record(&tx, ctx, "users", u.id, "change_password", &json!({"password": "old"}), &json!({"password": "new"})).await?;
    tx.commit().await.map_err(db_err)
}

#[derive(Debug, Clone, Serialize)]
pub struct ApiTokenView {
    pub id: Uuid,
    pub name: String,
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
