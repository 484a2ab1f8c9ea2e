//! The sales reports as files (`/reports/<report>/export?format=csv|xlsx`): the same
//! figures as the JSON reports, one row per stage, period or group. For people the headers
//! and the stage names are in their language; scripts (`raw=true`) get field names and the
//! stages' Chinese names, as the opportunities export gives them.

use crm_domain::DomainResult;
use rust_decimal::Decimal;

use super::reports::{self, GroupBy};
use super::stages::StageView;
use crate::listing::ListParams;
use crate::table_export::{col, table, Cell, Column, Export, ExportFormat, Reader};
use crate::{Ctx, Db};

fn stage_name(s: &StageView, reader: Reader) -> String {
    match reader {
        Reader::Person { lang, .. } => lang.pick(&s.name_zh, &s.name_en).to_string(),
        Reader::Script => s.name_zh.clone(),
    }
}

fn said(reader: Reader, zh: &str, en: &str) -> String {
    match reader {
        Reader::Person { lang, .. } => lang.pick(zh, en).to_string(),
        Reader::Script => en.to_lowercase(),
    }
}

fn dec(d: Decimal) -> String {
    d.to_string()
}

const FUNNEL: &[Column] = &[
    col("stage", "阶段", "Stage", Cell::Text),
    col("count", "商机数", "Opportunities", Cell::Number),
    col("amount", "金额", "Amount", Cell::Number),
    col("weighted_amount", "加权金额", "Weighted amount", Cell::Number),
    col("reached", "到达数", "Reached", Cell::Number),
    col("conversion_rate", "转化率", "Conversion rate", Cell::Number),
];

/// The funnel's open stages, then the won and lost totals, then the win rate (in the
/// conversion rate's column).
pub async fn funnel(db: &Db, ctx: &Ctx, params: ListParams, format: ExportFormat, reader: Reader) -> DomainResult<Export> {
    let f = reports::funnel(db, ctx, params).await?;
    let mut rows: Vec<Vec<String>> = f
        .stages
        .iter()
        .map(|s| {
            let rate = s.conversion_rate.map(dec).unwrap_or_default();
            vec![stage_name(&s.stage, reader), s.count.to_string(), dec(s.amount), dec(s.weighted_amount), s.reached.to_string(), rate]
        })
        .collect();
    for (zh, en, o) in [("赢单", "Won", &f.won), ("输单", "Lost", &f.lost)] {
        rows.push(vec![said(reader, zh, en), o.count.to_string(), dec(o.amount), String::new(), String::new(), String::new()]);
    }
    let win_rate = f.win_rate.map(dec).unwrap_or_default();
    rows.push(vec![said(reader, "赢率", "Win rate"), String::new(), String::new(), String::new(), String::new(), win_rate]);
    table(FUNNEL, rows, format, reader).await
}

const FORECAST: &[Column] = &[
    col("period", "期间", "Period", Cell::Text),
    col("open_count", "未结商机数", "Open opportunities", Cell::Number),
    col("amount", "未结金额", "Open amount", Cell::Number),
    col("weighted_amount", "加权金额", "Weighted amount", Cell::Number),
    col("won_count", "赢单数", "Won", Cell::Number),
    col("won_amount", "赢单金额", "Won amount", Cell::Number),
];

/// The forecast's periods, oldest first.
pub async fn forecast(db: &Db, ctx: &Ctx, params: ListParams, format: ExportFormat, reader: Reader) -> DomainResult<Export> {
    let f = reports::forecast(db, ctx, params).await?;
    let rows = f
        .rows
        .into_iter()
        .map(|r| vec![r.period, r.open_count.to_string(), dec(r.amount), dec(r.weighted_amount), r.won_count.to_string(), dec(r.won_amount)])
        .collect();
    table(FORECAST, rows, format, reader).await
}

/// The group column's header: what the rows are grouped by.
fn group_column(by: GroupBy) -> Column {
    match by {
        GroupBy::Stage => col("stage", "阶段", "Stage", Cell::Text),
        GroupBy::Owner => col("owner", "负责人", "Owner", Cell::Text),
        GroupBy::Month => col("month", "月份", "Month", Cell::Text),
        GroupBy::Province => col("province", "省份", "Province", Cell::Text),
        GroupBy::Product => col("product", "产品", "Product", Cell::Text),
    }
}

/// Opportunities by group, the largest amount first; the group's name (a stage's in the
/// reader's language), count, amount and weighted amount.
pub async fn by_group(db: &Db, ctx: &Ctx, params: ListParams, format: ExportFormat, reader: Reader) -> DomainResult<Export> {
    let g = reports::by_group(db, ctx, params).await?;
    let columns = [
        group_column(g.group_by),
        col("count", "商机数", "Opportunities", Cell::Number),
        col("amount", "金额", "Amount", Cell::Number),
        col("weighted_amount", "加权金额", "Weighted amount", Cell::Number),
    ];
    let rows = g
        .rows
        .into_iter()
        .map(|r| {
            let name = match (reader, r.name, r.name_en) {
                (Reader::Person { lang, .. }, Some(zh), Some(en)) => lang.pick(&zh, &en).to_string(),
                // Opportunities of customers with no province, say.
                (Reader::Person { lang, .. }, None, _) => lang.pick("（未填写）", "(not set)").to_string(),
                (_, name, _) => name.unwrap_or_default(),
            };
            vec![name, r.count.to_string(), dec(r.amount), dec(r.weighted_amount)]
        })
        .collect();
    table(&columns, rows, format, reader).await
}
