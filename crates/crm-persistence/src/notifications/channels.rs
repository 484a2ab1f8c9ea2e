//! Which channels a person hears each kind of notification on (`GET/PUT
//! /me/notification-settings`). In the app always; by e-mail unless they turned it off
//! (and they have an address); by text message only when they turned it on (and they
//! have a phone number): messages cost the company money. A row exists only for a choice
//! that differs from the default, so a new kind reaches everyone by its default.

use crm_domain::{DomainError, DomainResult};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::db_err;
use crate::{tx, Ctx, Db};

/// The kinds of notification there are, in the order the settings page lists them.
/// Later modules add theirs here.
pub const KINDS: &[&str] = &[
    "follow_up.due",
    "customer.assigned",
    "customer.transferred",
    "customer.returned",
    "customer.shared",
    "drive.shared",
    "approval.requested",
    "approval.approved",
    "approval.rejected",
    "contract.ending",
    "payment_plan.due",
    "payment_plan.overdue",
    "export.ready",
    "export.failed",
];

/// Channels besides the app, which cannot be turned off.
pub const EMAIL: &str = "email";
pub const SMS: &str = "sms";

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "notification_channels")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub kind: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub channel: String,
        pub enabled: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{Column as C, Entity as Choice};

/// One kind's channels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KindChannels {
    /// `follow_up.due`, `customer.assigned`, `customer.transferred`, `customer.returned`, `customer.shared`, `drive.shared`,
    /// `approval.requested`, `approval.approved`, `approval.rejected`, `contract.ending`, `payment_plan.due`, `payment_plan.overdue`,
    /// `export.ready`, `export.failed`.
    pub kind: String,
    /// Always true: the app shows every notification.
    #[serde(default = "yes")]
    pub in_app: bool,
    pub email: bool,
    /// By text message (off unless turned on). Left out of a `PUT`, it stays as it was.
    #[serde(default)]
    #[schema(required = false)]
    pub sms: Option<bool>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NotificationSettings, example = json!({"items": [{"kind": "follow_up.due", "in_app": true, "email": true, "sms": true}, {"kind": "customer.returned", "in_app": true, "email": false, "sms": false}]}))]
pub struct Settings {
    pub items: Vec<KindChannels>,
}

/// Whether `user` hears `kind` by e-mail.
pub async fn email_on(db: &impl ConnectionTrait, user: Uuid, kind: &str) -> DomainResult<bool> {
    let choice = Choice::find_by_id((user, kind.to_string(), EMAIL.to_string())).one(db).await.map_err(db_err)?;
    Ok(choice.is_none_or(|c| c.enabled))
}

/// Whether `user` hears `kind` by text message.
pub async fn sms_on(db: &impl ConnectionTrait, user: Uuid, kind: &str) -> DomainResult<bool> {
    let choice = Choice::find_by_id((user, kind.to_string(), SMS.to_string())).one(db).await.map_err(db_err)?;
    Ok(choice.is_some_and(|c| c.enabled))
}

pub async fn get(db: &Db, ctx: &Ctx) -> DomainResult<Settings> {
    let choices = Choice::find().filter(C::UserId.eq(ctx.actor.user_id)).all(db).await.map_err(db_err)?;
    let choice = |kind: &str, channel: &str| choices.iter().find(|c| c.kind == kind && c.channel == channel).map(|c| c.enabled);
    Ok(Settings {
        items: KINDS
            .iter()
            .map(|k| KindChannels { kind: (*k).into(), in_app: true, email: choice(k, EMAIL).unwrap_or(true), sms: Some(choice(k, SMS).unwrap_or(false)) })
            .collect(),
    })
}

/// Saves the caller's choices for the kinds given; kinds left out keep theirs.
pub async fn put(db: &Db, ctx: &Ctx, settings: Settings) -> DomainResult<Settings> {
    let mut v = crm_domain::validate::Validator::new();
    for (i, item) in settings.items.iter().enumerate() {
        if !KINDS.contains(&item.kind.as_str()) {
            v.add(&format!("items[{i}].kind"), "unknown", format!("one of {}", KINDS.join(", ")));
        }
        if !item.in_app {
            v.add(&format!("items[{i}].in_app"), "required", "the app shows every notification");
        }
        if settings.items.iter().take(i).any(|o| o.kind == item.kind) {
            v.add(&format!("items[{i}].kind"), "duplicate", "each kind once");
        }
    }
    v.finish()?;
    let tx = tx::begin(db).await?;
    for item in &settings.items {
        let chosen = [(EMAIL, Some(item.email)), (SMS, item.sms)];
        for (channel, enabled) in chosen.into_iter().filter_map(|(c, e)| e.map(|e| (c, e))) {
            let row = entity::ActiveModel { user_id: Set(ctx.actor.user_id), kind: Set(item.kind.clone()), channel: Set(channel.into()), enabled: Set(enabled) };
            Choice::insert(row)
                .on_conflict(OnConflict::columns([C::UserId, C::Kind, C::Channel]).update_column(C::Enabled).to_owned())
                .exec_without_returning(&tx)
                .await
                .map_err(db_err)?;
        }
    }
    tx.commit().await.map_err(db_err)?;
    get(db, ctx).await.map_err(|e: DomainError| e)
}
