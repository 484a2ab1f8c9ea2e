//! Moving an opportunity through the pipeline (SAL-3): `POST /opportunities/{id}/stage`
//! and its history. Entering a won or lost stage sets `closed_at`, leaving it clears it;
//! a lost stage takes a reason; every move is one versioned write with its history row.

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use crm_domain::opportunities::{StageKind, StageMove};
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use serde::Serialize;
use uuid::Uuid;

use super::entities::history::{self, Column as H};
use super::entities::opportunity;
use super::records::{next_position, stage_names, Opportunities, OpportunityView};
use super::stages;
use crate::db::db_err;
use crate::kit;
use crate::tx::Tx;
use crate::{dictionaries, Ctx, Db};

/// Writes one row of an opportunity's stage history.
pub(crate) async fn record(tx: &Tx, ctx: &Ctx, opportunity_id: Uuid, from: Option<Uuid>, to: Uuid, stayed_seconds: Option<i64>, note: Option<String>) -> DomainResult<()> {
    let row = history::Model { id: Uuid::now_v7(), opportunity_id, from_stage_id: from, to_stage_id: to, by_id: Some(ctx.actor.user_id), at: ctx.now, stayed_seconds, note };
    history::Entity::insert(row.into_active_model()).exec_without_returning(tx).await.map_err(db_err)?;
    Ok(())
}

/// Moves an opportunity to a stage (or to another place in its column: no history then).
pub async fn move_stage(db: &Db, ctx: &Ctx, id: Uuid, m: StageMove, if_match: Option<i32>) -> DomainResult<OpportunityView> {
    let mut v = Validator::new();
    let note = v.optional("note", m.note.as_deref(), 500);
    let lost_reason = v.optional("lost_reason", m.lost_reason.as_deref(), 50);
    let lost_note = v.optional("lost_note", m.lost_note.as_deref(), 500);
    if let Some(p) = m.probability {
        if !(0..=100).contains(&p) {
            v.add("probability", "out_of_range", "between 0 and 100");
        }
    }
    v.finish()?;
    let moved: Mutex<Option<(Uuid, i64)>> = Mutex::new(None);
    let change = async |tx: &Tx, current: opportunity::Model| {
        let stage = stages::live(tx, m.stage_id, "stage_id").await?;
        let kind = StageKind::parse(&stage.kind).unwrap_or(StageKind::Open);
        let was = StageKind::parse(&current.status).unwrap_or(StageKind::Open);
        let same = stage.id == current.stage_id;
        if kind == StageKind::Lost {
            match &lost_reason {
                None if !(same && current.lost_reason.is_some()) => return Err(DomainError::invalid_field("lost_reason", "required", "say why it was lost (a code of the lost_reason dictionary)")),
                Some(code) => dictionaries::check_code(tx, "lost_reason", "lost_reason", code).await?,
                None => {}
            }
        }
        let position = match m.position {
            Some(p) => p,
            None if same => current.position,
            None => next_position(tx, stage.id).await?,
        };
        if !same {
            let stayed = (ctx.now - current.stage_entered_at).num_seconds().max(0);
            *moved.lock().map_err(|_| DomainError::internal("move lock"))? = Some((current.stage_id, stayed));
        }
        let closed_at: Option<DateTime<Utc>> = match (kind.closes(), was == kind) {
            (false, _) => None,
            (true, true) => current.closed_at.or(Some(ctx.now)),
            (true, false) => Some(ctx.now),
        };
        let (lost_reason, lost_note) = if kind == StageKind::Lost { (lost_reason.clone().or(current.lost_reason.clone()), lost_note.clone().or(current.lost_note.clone())) } else { (None, None) };
        Ok(opportunity::Model {
            stage_id: stage.id,
            status: kind.as_str().into(),
            probability: m.probability.unwrap_or(if same { current.probability } else { stage.probability }),
            closed_at,
            lost_reason,
            lost_note,
            position,
            stage_entered_at: if same { current.stage_entered_at } else { ctx.now },
            ..current
        })
    };
    let link = async |tx: &Tx, row: &opportunity::Model| {
        let moved = moved.lock().map_err(|_| DomainError::internal("move lock"))?.take();
        match moved {
            Some((from, stayed)) => record(tx, ctx, row.id, Some(from), row.stage_id, Some(stayed), note.clone()).await,
            None => Ok(()),
        }
    };
    kit::update_linked::<Opportunities, _, _>(db, ctx, id, if_match, change, link).await
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = StageHistoryEntry, example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4eb0", "from_stage_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e90",
    "from_stage_name_zh": "方案报价", "from_stage_name_en": "Proposal", "to_stage_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e91", "to_stage_name_zh": "谈判审核",
    "to_stage_name_en": "Negotiation", "by": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e01", "by_name": "王伟", "at": "2026-12-03T10:00:00Z", "stayed_seconds": 172800, "note": "客户确认预算"}))]
pub struct HistoryEntry {
    pub id: Uuid,
    /// Null for the stage it was created in.
    pub from_stage_id: Option<Uuid>,
    pub from_stage_name_zh: Option<String>,
    pub from_stage_name_en: Option<String>,
    pub to_stage_id: Uuid,
    pub to_stage_name_zh: Option<String>,
    pub to_stage_name_en: Option<String>,
    pub by: Option<Uuid>,
    pub by_name: Option<String>,
    pub at: DateTime<Utc>,
    /// How long it stayed in the stage it left, in seconds.
    pub stayed_seconds: Option<i64>,
    pub note: Option<String>,
}

/// At most this many moves are answered, oldest first.
pub const MAX_HISTORY: u64 = 1000;

/// The stage history of an opportunity the caller may read, oldest first.
pub async fn history(db: &Db, ctx: &Ctx, id: Uuid) -> DomainResult<Vec<HistoryEntry>> {
    kit::load::<Opportunities>(db, ctx, id, false).await?;
    let rows = sea_orm::QuerySelect::limit(history::Entity::find().filter(H::OpportunityId.eq(id)).order_by_asc(H::At).order_by_asc(H::Id), MAX_HISTORY).all(db).await.map_err(db_err)?;
    entries(db, rows).await
}

async fn entries(db: &impl ConnectionTrait, rows: Vec<history::Model>) -> DomainResult<Vec<HistoryEntry>> {
    let stages = stage_names(db, rows.iter().flat_map(|r| [Some(r.to_stage_id), r.from_stage_id]).flatten().collect()).await?;
    let people = crate::system::user_names::display_names(db, rows.iter().filter_map(|r| r.by_id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let from = r.from_stage_id.and_then(|s| stages.get(&s));
            let to = stages.get(&r.to_stage_id);
            HistoryEntry {
                id: r.id,
                from_stage_id: r.from_stage_id,
                from_stage_name_zh: from.map(|s| s.name_zh.clone()),
                from_stage_name_en: from.map(|s| s.name_en.clone()),
                to_stage_id: r.to_stage_id,
                to_stage_name_zh: to.map(|s| s.name_zh.clone()),
                to_stage_name_en: to.map(|s| s.name_en.clone()),
                by: r.by_id,
                by_name: r.by_id.and_then(|b| people.get(&b).cloned()),
                at: r.at,
                stayed_seconds: r.stayed_seconds,
                note: r.note,
            }
        })
        .collect())
}
