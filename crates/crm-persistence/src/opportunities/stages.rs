//! Pipeline stages [销售阶段] (SAL-3) on the resource kit: a catalogue every seller reads
//! and administrators keep (`pipeline_stages:update`). Seeded on first start with the
//! client's six; a stage in use is neither deleted nor changed in kind (409).

use chrono::{DateTime, Utc};
use crm_domain::opportunities::{StageInput, StageKind, StagePatch};
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use uuid::Uuid;

use super::entities::opportunity::{self, Entity as Opportunity};
use super::entities::stage::{self, Column as C, Entity as Stage};
use crate::db::db_err;
use crate::kit::restore::Restorable;
use crate::kit::{self, policy, Policy, Resource};
use crate::listing::{FieldKind, Filter, ListSpec};
use crate::tx::Tx;
use crate::{Ctx, Db};

crate::soft_delete!(Stage, "pipeline_stages", NameZh);

pub const RESTORABLE: &[Restorable] = &[Restorable::plain::<Stage>()];

/// The client's pipeline (zh, en, probability, kind).
const SEED: &[(&str, &str, i32, StageKind)] = &[
    ("初步接洽", "Initial contact", 10, StageKind::Open),
    ("需求确认", "Needs confirmed", 30, StageKind::Open),
    ("方案报价", "Proposal", 50, StageKind::Open),
    ("谈判审核", "Negotiation", 70, StageKind::Open),
    ("赢单", "Won", 100, StageKind::Won),
    ("输单", "Lost", 0, StageKind::Lost),
];

/// Writes the seeded stages when the table has never held one.
pub async fn seed(db: &impl ConnectionTrait, now: DateTime<Utc>) -> DomainResult<()> {
    if Stage::find().count(db).await.map_err(db_err)? > 0 {
        return Ok(());
    }
    let rows = SEED.iter().enumerate().map(|(i, (zh, en, p, kind))| {
        let order = i32::try_from(i + 1).unwrap_or(0) * 10;
        sea_orm::IntoActiveModel::into_active_model(stage::Model {
            id: Uuid::now_v7(),
            name_zh: (*zh).into(),
            name_en: (*en).into(),
            probability: *p,
            sort_order: order,
            kind: kind.as_str().into(),
            version: 1,
            created_at: now,
            updated_at: now,
            ..Default::default()
        })
    });
    Stage::insert_many(rows).exec_without_returning(db).await.map_err(db_err)?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = PipelineStage, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e90", "name_zh": "方案报价", "name_en": "Proposal", "probability": 50,
    "sort_order": 30, "kind": "open", "version": 1, "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z"}))]
pub struct StageView {
    pub id: Uuid,
    pub name_zh: String,
    pub name_en: String,
    pub probability: i32,
    pub sort_order: i32,
    pub kind: StageKind,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn view_of(s: stage::Model) -> StageView {
    StageView {
        kind: StageKind::parse(&s.kind).unwrap_or(StageKind::Open),
        id: s.id,
        name_zh: s.name_zh,
        name_en: s.name_en,
        probability: s.probability,
        sort_order: s.sort_order,
        version: s.version,
        created_at: s.created_at,
        updated_at: s.updated_at,
    }
}

pub struct PipelineStages;

impl Resource for PipelineStages {
    type Entity = Stage;
    type View = StageView;
    const WHAT: &'static str = "pipeline stage";
    const POLICY: Policy = Policy::Catalogue;

    fn spec() -> ListSpec<Stage> {
        ListSpec {
            filters: vec![Filter { name: "kind", column: C::Kind, kind: FieldKind::Text, range: false }],
            sorts: vec![("sort_order", C::SortOrder), ("name_zh", C::NameZh), ("created_at", C::CreatedAt), ("updated_at", C::UpdatedAt)],
            search: vec![C::NameZh, C::NameEn],
            search_index: None,
            default_sort: vec![(C::SortOrder, Order::Asc)],
            tie_breaker: C::Id,
        }
    }

    async fn views(_: &impl ConnectionTrait, _: &Ctx, rows: Vec<stage::Model>) -> DomainResult<Vec<StageView>> {
        Ok(rows.into_iter().map(view_of).collect())
    }
}

/// A live stage, or a 422 naming `field`.
pub(crate) async fn live(db: &impl ConnectionTrait, id: Uuid, field: &str) -> DomainResult<stage::Model> {
    policy::live::<Stage>().filter(C::Id.eq(id)).one(db).await.map_err(db_err)?.ok_or_else(|| DomainError::invalid_field(field, "not_found", "no such pipeline stage"))
}

/// The first open stage in board order: where a new opportunity starts by default.
pub(crate) async fn first_open(db: &impl ConnectionTrait) -> DomainResult<stage::Model> {
    policy::live::<Stage>()
        .filter(C::Kind.eq(StageKind::Open.as_str()))
        .order_by_asc(C::SortOrder)
        .order_by_asc(C::Id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::invalid_field("stage_id", "required", "there is no open pipeline stage; name one"))
}

async fn in_use(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<u64> {
    policy::live::<Opportunity>().filter(opportunity::Column::StageId.eq(id)).count(db).await.map_err(db_err)
}

fn fill(row: stage::Model, s: StageInput) -> stage::Model {
    stage::Model { name_zh: s.name_zh, name_en: s.name_en, probability: s.probability, sort_order: s.sort_order, kind: s.kind.as_str().into(), ..row }
}

pub async fn create(db: &Db, ctx: &Ctx, input: StageInput) -> DomainResult<StageView> {
    kit::create::<PipelineStages, _>(db, ctx, async |_: &Tx| build(input)).await
}

/// Creates up to 1000 stages, each checked and answered as `create` would.
pub async fn batch(db: &Db, ctx: &Ctx, items: Vec<StageInput>, atomic: bool) -> DomainResult<Vec<kit::BatchItem>> {
    kit::batch::<PipelineStages, _, _>(db, ctx, items, atomic, async |_: &Tx, input| build(input)).await
}

fn build(input: StageInput) -> DomainResult<stage::Model> {
    let s = input.validate()?;
    Ok(fill(stage::Model { id: Uuid::now_v7(), ..Default::default() }, s))
}

pub async fn update(db: &Db, ctx: &Ctx, id: Uuid, patch: StagePatch, if_match: Option<i32>) -> DomainResult<StageView> {
    kit::update::<PipelineStages, _>(db, ctx, id, if_match, async |tx, current| {
        let kind = StageKind::parse(&current.kind).unwrap_or(StageKind::Open);
        let input = StageInput { name_zh: current.name_zh.clone(), name_en: current.name_en.clone(), probability: current.probability, sort_order: current.sort_order, kind };
        let s = patch.apply(input).validate()?;
        if s.kind != kind {
            let n = in_use(tx, id).await?;
            if n > 0 {
                return Err(DomainError::conflict("pipeline_stage.in_use", format!("{n} opportunities are in this stage; its kind stays while they are")).with_extra(serde_json::json!({"opportunities": n})));
            }
        }
        Ok(fill(current, s))
    })
    .await
}

pub async fn delete(db: &Db, ctx: &Ctx, id: Uuid, if_match: Option<i32>) -> DomainResult<()> {
    kit::delete::<PipelineStages, _>(db, ctx, id, if_match, async |tx, _| {
        let n = in_use(tx, id).await?;
        if n > 0 {
            return Err(DomainError::conflict("pipeline_stage.in_use", format!("{n} opportunities are in this stage; move them first")).with_extra(serde_json::json!({"opportunities": n})));
        }
        Ok(())
    })
    .await
}
