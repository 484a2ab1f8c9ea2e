//! Webhooks on the resource kit: administrators add, change and delete them (versioned,
//! in the recycle bin). The signing secret is sealed and never read back out.

use chrono::{DateTime, Utc};
use crm_domain::webhooks::{WebhookInput, WebhookPatch};
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ConnectionTrait, Order};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::entities::webhook::{self, Column as C, Entity as Webhook};
use crate::kit::restore::Restorable;
use crate::kit::{self, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::secret_box::SecretBox;
use crate::{Ctx, Db};

crate::soft_delete!(Webhook, "webhooks", Name);

pub const RESTORABLE: Restorable = Restorable::plain::<Webhook>();

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Webhook, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f31", "name": "ERP 同步", "url": "https://erp.example.com/crm/events",
    "events": ["customer.created", "customer.updated", "contract.activated"], "enabled": true, "version": 2,
    "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-03T10:00:00Z"}))]
pub struct WebhookView {
    pub id: Uuid,
    pub name: String,
    pub url: String,
    pub events: Vec<String>,
    pub enabled: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub fn events_of(m: &webhook::Model) -> Vec<String> {
    serde_json::from_value(m.events.clone()).unwrap_or_default()
}

impl From<webhook::Model> for WebhookView {
    fn from(m: webhook::Model) -> Self {
        Self { id: m.id, events: events_of(&m), name: m.name, url: m.url, enabled: m.enabled, version: m.version, created_at: m.created_at, updated_at: m.updated_at }
    }
}

pub struct Webhooks;

impl Resource for Webhooks {
    type Entity = Webhook;
    type View = WebhookView;
    const WHAT: &'static str = "webhook";
    const POLICY: Policy = Policy::Catalogue;

    fn spec() -> ListSpec<Webhook> {
        ListSpec {
            filters: vec![Filter { name: "enabled", column: C::Enabled, kind: FieldKind::Bool, range: false }],
            sorts: vec![("name", C::Name), ("created_at", C::CreatedAt), ("updated_at", C::UpdatedAt)],
            search: vec![C::Name, C::Url],
            search_index: None,
            default_sort: vec![(C::CreatedAt, Order::Asc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(_: &impl ConnectionTrait, _: &Ctx, rows: Vec<webhook::Model>) -> DomainResult<Vec<WebhookView>> {
        Ok(rows.into_iter().map(WebhookView::from).collect())
    }
}

fn input_of(m: &webhook::Model) -> WebhookInput {
    WebhookInput { name: m.name.clone(), url: m.url.clone(), events: events_of(m), secret: None, enabled: m.enabled }
}

/// The URL may be called under the installation's settings (422 `url` `private_target`).
async fn check_target(db: &impl ConnectionTrait, url: &str) -> DomainResult<()> {
    let (settings, _) = super::target::settings(db).await?;
    match super::target::refusal(url, settings.allow_private_targets).await {
        Some(why) => Err(DomainError::invalid_field("url", "private_target", format!("{why}; an administrator may allow private targets in PUT /settings/webhooks"))),
        None => Ok(()),
    }
}

fn seal(secrets: &SecretBox, secret: &str) -> DomainResult<String> {
    secrets.seal(secret).ok_or_else(|| DomainError::internal("cannot seal the webhook secret"))
}

pub async fn create(db: &Db, ctx: &Ctx, secrets: &SecretBox, input: WebhookInput) -> DomainResult<WebhookView> {
    let row = checked(db, secrets, input).await?;
    kit::create::<Webhooks, _>(db, ctx, async |_| Ok(row)).await
}

/// Many webhooks at once (`POST /webhooks/batch`), each checked as a single create. The
/// targets are checked (and their names resolved) before the transaction opens, so a slow
/// DNS answer holds no lock.
pub async fn batch(db: &Db, ctx: &Ctx, secrets: &SecretBox, items: Vec<WebhookInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::check_batch_size(items.len())?;
    let mut rows = Vec::with_capacity(items.len());
    for input in items {
        rows.push(checked(db, secrets, input).await);
    }
    kit::batch::<Webhooks, _, _>(db, ctx, rows, atomic, async |_, row| row).await
}

/// A new webhook's row: its fields valid, its target allowed, its secret sealed.
async fn checked(db: &Db, secrets: &SecretBox, input: WebhookInput) -> DomainResult<webhook::Model> {
    let w = input.validate(true)?;
    check_target(db, &w.url).await?;
    let sealed = seal(secrets, w.secret.as_deref().unwrap_or_default())?;
    Ok(webhook::Model { id: Uuid::now_v7(), name: w.name, url: w.url, events: json!(w.events), secret_sealed: sealed, enabled: w.enabled, ..Default::default() })
}

pub async fn update(db: &Db, ctx: &Ctx, secrets: &SecretBox, id: Uuid, patch: WebhookPatch, if_match: Option<i32>) -> DomainResult<WebhookView> {
    let new_url = patch.url.clone();
    if let Some(url) = new_url.as_deref().filter(|u| crm_domain::webhooks::check_url_shape(u.trim()).is_ok()) {
        check_target(db, url.trim()).await?;
    }
    kit::update::<Webhooks, _>(db, ctx, id, if_match, async |_, current| {
        let w = patch.apply(input_of(&current)).validate(false)?;
        let secret_sealed = match w.secret.as_deref() {
            Some(s) => seal(secrets, s)?,
            None => current.secret_sealed.clone(),
        };
        Ok(webhook::Model { name: w.name, url: w.url, events: json!(w.events), enabled: w.enabled, secret_sealed, ..current })
    })
    .await
}

/// Deletes the webhook; its undelivered events are cancelled when their turn comes.
pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<Webhooks, _>(db, ctx, id, if_match, kit::no_rule).await
}
