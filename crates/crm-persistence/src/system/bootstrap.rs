//! First start: built-in roles, seeded dictionaries and the `admin` user.

use chrono::Utc;
use crm_domain::permissions::BUILTIN_ROLES;
use crm_domain::DomainResult;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use serde_json::json;
use uuid::Uuid;

use super::entities::{builtin_role_grant, role, user, user_role};
use crate::db::db_err;
use crate::tx::Tx;
use crate::{dictionaries, passwords, Db};

/// Adds to a built-in role the default permissions it has never been granted (a module an
/// upgrade brought), and records them; a default an administrator removed after it was
/// granted is not granted again.
async fn grant_new_defaults(tx: &Tx, r: &role::Model, defaults: &[String], now: chrono::DateTime<Utc>) -> DomainResult<()> {
    let granted: Vec<String> = builtin_role_grant::Entity::find()
        .select_only()
        .column(builtin_role_grant::Column::Code)
        .filter(builtin_role_grant::Column::RoleName.eq(r.name.as_str()))
        .into_tuple()
        .all(tx)
        .await
        .map_err(db_err)?;
    let new: Vec<String> = defaults.iter().filter(|c| !granted.contains(c)).cloned().collect();
    if new.is_empty() {
        return Ok(());
    }
    let mut held = r.permission_codes();
    let missing: Vec<String> = new.iter().filter(|c| !held.contains(c)).cloned().collect();
    if !missing.is_empty() {
        held.extend(missing.iter().cloned());
        held.sort();
        role::Entity::update_many()
            .set(role::ActiveModel { permissions: Set(json!(held)), version: Set(r.version + 1), updated_at: Set(now), ..Default::default() })
            .filter(role::Column::Id.eq(r.id))
            .exec(tx)
            .await
            .map_err(db_err)?;
        log::info!("granted the built-in role {} its new default permissions: {}", r.name, missing.join(", "));
    }
    record_grants(tx, &r.name, &new).await
}

async fn record_grants(tx: &Tx, role_name: &str, codes: &[String]) -> DomainResult<()> {
    if codes.is_empty() {
        return Ok(());
    }
    let rows = codes.iter().map(|c| builtin_role_grant::ActiveModel { role_name: Set(role_name.to_string()), code: Set(c.clone()) });
    builtin_role_grant::Entity::insert_many(rows).exec_without_returning(tx).await.map_err(db_err)?;
    Ok(())
}

/// What bootstrap did, so `crm serve` can print a generated password exactly once.
pub struct Bootstrap {
    pub admin_created: bool,
    pub generated_password: Option<String>,
}

/// Idempotent: creates what is missing and leaves the rest alone. The admin role's
/// permissions are refreshed so that modules added by an upgrade are granted to it; the
/// other built-in roles get each default permission once (`grant_new_defaults`).
pub async fn run(db: &Db, admin_password: Option<String>) -> DomainResult<Bootstrap> {
    let now = Utc::now();
    let tx = crate::tx::begin(db).await?;
    for b in BUILTIN_ROLES {
        let defaults = (b.permissions)();
        let existing = role::Entity::find().filter(role::Column::Name.eq(b.name)).one(&tx).await.map_err(db_err)?;
        match existing {
            None => {
                role::Entity::insert(role::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    name: Set(b.name.into()),
                    description: Set(Some(b.description.into())),
                    permissions: Set(json!(defaults)),
                    data_scope: Set(b.scope.as_str().into()),
                    builtin: Set(true),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    deleted_at: Set(None),
                    deleted_by: Set(None),
                })
                .exec_without_returning(&tx)
                .await
                .map_err(db_err)?;
                record_grants(&tx, b.name, &defaults).await?;
            }
            Some(r) if b.name == "admin" => {
                if r.permissions != json!(defaults) {
                    role::Entity::update_many()
                        .set(role::ActiveModel { permissions: Set(json!(defaults)), version: Set(r.version + 1), updated_at: Set(now), ..Default::default() })
                        .filter(role::Column::Id.eq(r.id))
                        .exec(&tx)
                        .await
                        .map_err(db_err)?;
                }
            }
            Some(r) => grant_new_defaults(&tx, &r, &defaults, now).await?,
        }
    }
    dictionaries::seed(&tx).await?;
    crate::opportunities::stages::seed(&tx, now).await?;
    let users = user::Entity::find().count(&tx).await.map_err(db_err)?;
    let mut out = Bootstrap { admin_created: false, generated_password: None };
    if users == 0 {
        let (password, generated) = match admin_password.filter(|p| !p.is_empty()) {
            Some(p) => (p, false),
            None => (passwords::random_secret(16), true),
        };
        let admin_role = role::Entity::find()
            .filter(role::Column::Name.eq("admin"))
            .one(&tx)
            .await
            .map_err(db_err)?
            .ok_or_else(|| crm_domain::DomainError::internal("admin role missing"))?;
        let id = Uuid::now_v7();
        user::Entity::insert(user::ActiveModel {
            id: Set(id),
            username: Set("admin".into()),
            display_name: Set("Administrator".into()),
            email: Set(None),
            phone: Set(None),
            password_hash: Set(passwords::hash(password.clone()).await?),
            department_id: Set(None),
            supervisor_id: Set(None),
            enabled: Set(true),
            description: Set(None),
            locale: Set(None),
            last_login_at: Set(None),
            last_login_ip: Set(None),
            failed_logins: Set(0),
            failed_window_start: Set(None),
            locked_until: Set(None),
            version: Set(1),
            created_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            deleted_at: Set(None),
            deleted_by: Set(None),
        })
        .exec_without_returning(&tx)
        .await
        .map_err(db_err)?;
        user_role::Entity::insert(user_role::ActiveModel { user_id: Set(id), role_id: Set(admin_role.id) })
            .exec_without_returning(&tx)
            .await
            .map_err(db_err)?;
        out = Bootstrap { admin_created: true, generated_password: generated.then_some(password) };
    }
    tx.commit().await.map_err(db_err)?;
    Ok(out)
}

/// `crm admin reset-password <user>`: sets a new password (generated when none is given)
/// and clears any lockout.
pub async fn reset_password(db: &Db, username: &str, password: Option<String>) -> DomainResult<String> {
    let password = password.unwrap_or_else(|| passwords::random_secret(16));
    let mut v = crm_domain::validate::Validator::new();
    v.password("password", &password);
    v.finish()?;
    let u = user::Entity::find()
        .filter(user::Column::Username.eq(username.to_lowercase()))
        .filter(user::Column::DeletedAt.is_null())
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| crm_domain::DomainError::not_found("user"))?;
    let hash = passwords::hash(password.clone()).await?;
    super::users::set_password(db, &u, hash, Utc::now()).await?;
    Ok(password)
}
