//! Contract and receivables reports (CON-2, RPT): what was signed, received and is still
//! outstanding, grouped by month, owner, category or customer; and what is owed by how long
//! it is overdue [应收账款账龄], per customer or owner. Both count only what the caller
//! sees (the contracts list's scope and filters) and are a few grouped queries each: sums
//! in SQL, names looked up once per report.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate};
use crm_domain::money::from_minor;
use crm_domain::DomainResult;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, Expr, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, JoinType, QueryFilter, QuerySelect, QueryTrait};
use serde::Serialize;
use uuid::Uuid;

use super::entities::payment_plan::{self, Column as P};
use crate::customers::entities::customer;
use crate::db::db_err;
use crate::kit;
use crate::listing::ListParams;
use crate::table_export::{col, table, Cell, Export, ExportFormat, Reader};
use crate::opportunities::records::names;
use crate::sales_docs::contracts::Contracts;
use crate::sales_docs::entities::contract::{self, Column as C};
use crate::{Ctx, Db};

const TOOK_EFFECT: [&str; 3] = ["active", "completed", "terminated"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ContractGroup {
    /// The month signed (`2026-12`).
    Month,
    Owner,
    /// The `contract_category` code.
    Category,
    Customer,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContractGroupRow {
    /// The owner's, customer's id, the category's code or the month; null for contracts
    /// without one (no sign date, no category).
    pub key: Option<String>,
    /// The owner's or customer's name, the category's Chinese label, the month.
    pub name: Option<String>,
    /// The category's English label.
    pub name_en: Option<String>,
    pub count: u64,
    /// What the contracts were signed for.
    #[schema(value_type = String, example = "1500000.00")]
    pub signed_amount: Decimal,
    /// What they have received (confirmed payments).
    #[schema(value_type = String, example = "900000.00")]
    pub received_amount: Decimal,
    /// Signed less received, per contract (an overpaid one adds nothing).
    #[schema(value_type = String, example = "600000.00")]
    pub outstanding_amount: Decimal,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContractReport {
    pub group_by: ContractGroup,
    /// The largest signed amount first.
    pub rows: Vec<ContractGroupRow>,
    pub total: ContractGroupRow,
}

fn month_of(backend: DbBackend, column: &str) -> SimpleExpr {
    let c = format!("\"contracts\".\"{column}\"");
    Expr::cust(match backend {
        DbBackend::Postgres => format!("to_char({c}, 'YYYY-MM')"),
        _ => format!("substr({c}, 1, 7)"),
    })
}

/// Contracts that took effect, signed within `from`..`to` (by `sign_date`), by group.
pub async fn contracts(db: &Db, ctx: &Ctx, mut params: ListParams) -> DomainResult<ContractReport> {
    let by = match params.take_filter("group_by").as_deref() {
        Some("month") | None => ContractGroup::Month,
        Some("owner") => ContractGroup::Owner,
        Some("category") => ContractGroup::Category,
        Some("customer") => ContractGroup::Customer,
        Some(other) => return Err(super::bad_query("group_by", format!("'{other}' is not month, owner, category or customer"))),
    };
    for bound in ["from", "to"] {
        if let Some(v) = params.take_filter(bound) {
            params.filters.push((format!("sign_date_{bound}"), v));
        }
    }
    if params.filters.iter().any(|(k, _)| k == "status") {
        return Err(super::bad_query("status", "the report counts the contracts that took effect; it takes no status".into()));
    }
    params.sort = Vec::new();
    params.q = params.q.filter(|q| !q.trim().is_empty());
    let backend = db.get_database_backend();
    let key: SimpleExpr = match by {
        ContractGroup::Month => month_of(backend, "sign_date"),
        ContractGroup::Owner => Expr::col((Alias::new("contracts"), C::OwnerId)).into(),
        ContractGroup::Category => Expr::col((Alias::new("contracts"), C::Category)).into(),
        ContractGroup::Customer => Expr::col((Alias::new("contracts"), C::CustomerId)).into(),
    };
    let mut q = kit::list_select::<Contracts>(db, ctx, params)
        .await?
        .filter(C::Status.is_in(TOOK_EFFECT))
        .select_only()
        .column_as(key.clone(), "k")
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(Expr::cust("CAST(SUM(\"contracts\".\"amount_minor\") AS BIGINT)"), "signed")
        .column_as(Expr::cust("CAST(SUM(\"contracts\".\"received_minor\") AS BIGINT)"), "received")
        .column_as(Expr::cust("CAST(SUM(CASE WHEN \"contracts\".\"amount_minor\" > \"contracts\".\"received_minor\" THEN \"contracts\".\"amount_minor\" - \"contracts\".\"received_minor\" ELSE 0 END) AS BIGINT)"), "outstanding")
        .group_by(key);
    QueryTrait::query(&mut q).clear_order_by();
    type Sums<K> = Vec<(K, i64, Option<i64>, Option<i64>, Option<i64>)>;
    let sums: Sums<Option<String>> = match by {
        ContractGroup::Owner | ContractGroup::Customer => {
            let by_id: Sums<Uuid> = q.into_tuple().all(db).await.map_err(db_err)?;
            by_id.into_iter().map(|(k, n, a, b, c)| (Some(k.to_string()), n, a, b, c)).collect()
        }
        _ => q.into_tuple().all(db).await.map_err(db_err)?,
    };
    let (names, names_en) = group_names(db, by, sums.iter().filter_map(|s| s.0.clone()).collect()).await?;
    let mut total = ContractGroupRow { key: None, name: None, name_en: None, count: 0, signed_amount: Decimal::ZERO, received_amount: Decimal::ZERO, outstanding_amount: Decimal::ZERO };
    let mut rows: Vec<ContractGroupRow> = sums
        .into_iter()
        .map(|(k, n, signed, received, outstanding)| {
            let row = ContractGroupRow {
                name: match by {
                    ContractGroup::Month => k.clone(),
                    _ => k.as_ref().and_then(|k| names.get(k).cloned()),
                },
                name_en: k.as_ref().and_then(|k| names_en.get(k).cloned()),
                key: k,
                count: u64::try_from(n).unwrap_or(0),
                signed_amount: from_minor(signed.unwrap_or(0)),
                received_amount: from_minor(received.unwrap_or(0)),
                outstanding_amount: from_minor(outstanding.unwrap_or(0)),
            };
            total.count += row.count;
            total.signed_amount += row.signed_amount;
            total.received_amount += row.received_amount;
            total.outstanding_amount += row.outstanding_amount;
            row
        })
        .collect();
    rows.sort_by(|a, b| match by {
        ContractGroup::Month => a.key.cmp(&b.key),
        _ => b.signed_amount.cmp(&a.signed_amount).then_with(|| a.key.cmp(&b.key)),
    });
    Ok(ContractReport { group_by: by, rows, total })
}

/// Names of the groups' keys: people's and customers' names, categories' labels (zh, en).
async fn group_names(db: &impl ConnectionTrait, by: ContractGroup, keys: Vec<String>) -> DomainResult<(HashMap<String, String>, HashMap<String, String>)> {
    let ids = || keys.iter().filter_map(|k| Uuid::parse_str(k).ok()).collect::<Vec<_>>();
    let by_id = |m: HashMap<Uuid, String>| m.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<HashMap<_, _>>();
    Ok(match by {
        ContractGroup::Month => Default::default(),
        ContractGroup::Owner => (by_id(crate::system::user_names::display_names(db, ids()).await?), HashMap::new()),
        ContractGroup::Customer => (by_id(names::<customer::Entity>(db, customer::Column::Id, customer::Column::Name, ids()).await?), HashMap::new()),
        ContractGroup::Category => {
            let entries = crate::dictionaries::list(db, "contract_category").await?;
            (entries.iter().map(|e| (e.code.clone(), e.label_zh.clone())).collect(), entries.into_iter().map(|e| (e.code, e.label_en)).collect())
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AgeingGroup {
    Customer,
    Owner,
}

/// What is owed, by how long it is overdue on `as_of`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgeingRow {
    /// The customer's or owner's id; null in the total.
    pub key: Option<Uuid>,
    pub name: Option<String>,
    /// Instalments not yet due.
    #[schema(value_type = String, example = "50000.00")]
    pub not_due: Decimal,
    /// 1 to 30 days overdue.
    #[schema(value_type = String, example = "20000.00")]
    pub days_0_30: Decimal,
    #[schema(value_type = String, example = "0.00")]
    pub days_31_60: Decimal,
    #[schema(value_type = String, example = "0.00")]
    pub days_61_90: Decimal,
    /// More than 90 days overdue.
    #[schema(value_type = String, example = "5000.00")]
    pub days_over_90: Decimal,
    /// Every overdue bucket.
    #[schema(value_type = String, example = "25000.00")]
    pub overdue: Decimal,
    /// Overdue and not yet due.
    #[schema(value_type = String, example = "75000.00")]
    pub outstanding: Decimal,
}

impl AgeingRow {
    /// A row of zeros, written with two decimals as every amount is.
    fn empty(key: Option<Uuid>, name: Option<String>) -> Self {
        let zero = from_minor(0);
        AgeingRow { key, name, not_due: zero, days_0_30: zero, days_31_60: zero, days_61_90: zero, days_over_90: zero, overdue: zero, outstanding: zero }
    }

    fn add(&mut self, bucket: i32, amount: Decimal) {
        match bucket {
            0 => self.not_due += amount,
            1 => self.days_0_30 += amount,
            2 => self.days_31_60 += amount,
            3 => self.days_61_90 += amount,
            _ => self.days_over_90 += amount,
        }
        if bucket > 0 {
            self.overdue += amount;
        }
        self.outstanding += amount;
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgeingReport {
    pub group_by: AgeingGroup,
    pub as_of: NaiveDate,
    /// The most overdue first.
    pub rows: Vec<AgeingRow>,
    pub total: AgeingRow,
}

/// The open instalments of contracts that took effect and the caller sees, by customer or
/// owner, in buckets of days overdue on `as_of` (today when absent).
pub async fn ageing(db: &Db, ctx: &Ctx, mut params: ListParams) -> DomainResult<AgeingReport> {
    let by = match params.take_filter("group_by").as_deref() {
        Some("customer") | None => AgeingGroup::Customer,
        Some("owner") => AgeingGroup::Owner,
        Some(other) => return Err(super::bad_query("group_by", format!("'{other}' is not customer or owner"))),
    };
    let as_of = match params.take_filter("as_of") {
        None => ctx.now.date_naive(),
        Some(raw) => NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| super::bad_query("as_of", format!("'{raw}' is not a date (YYYY-MM-DD)")))?,
    };
    let owner = take_id(&mut params, "owner_id")?;
    let customer_id = take_id(&mut params, "customer_id")?;
    if let Some((k, _)) = params.filters.first() {
        return Err(super::bad_query(k, format!("the ageing report has no filter '{k}'")));
    }
    // Dates compare as ISO text on SQLite and as dates on PostgreSQL; these are formatted
    // here, never taken from the request as text.
    let day = |d: i64| format!("'{}'", as_of - Duration::days(d));
    let owed = "\"payment_plans\".\"amount_minor\" - \"payment_plans\".\"received_minor\"";
    let due = "\"payment_plans\".\"due_date\"";
    // One row per group with a sum per bucket: the groups are as many as the customers or
    // owners, which the planner knows, so it aggregates by hash in memory (grouping by
    // bucket too, it expected 200 buckets a group and sorted 400,000 rows through disk).
    let bucket_sums = [
        format!("{due} >= {}", day(0)),
        format!("{due} < {} AND {due} >= {}", day(0), day(30)),
        format!("{due} < {} AND {due} >= {}", day(30), day(60)),
        format!("{due} < {} AND {due} >= {}", day(60), day(90)),
        format!("{due} < {}", day(90)),
    ]
    .map(|when| format!("CAST(SUM(CASE WHEN {when} THEN {owed} ELSE 0 END) AS BIGINT)"));
    let key: SimpleExpr = match by {
        AgeingGroup::Customer => Expr::col((Alias::new("payment_plans"), P::CustomerId)).into(),
        AgeingGroup::Owner => Expr::col((Alias::new("contracts"), C::OwnerId)).into(),
    };
    // Contracts are joined only to group by their owner: everyone's ageing by customer reads
    // the instalments alone (with anti-joins on the few contracts deleted or not in force).
    let mut q = kit::policy::all_children_of::<payment_plan::Entity, contract::Entity>(db, ctx, P::ContractId)
        .await?
        .filter(super::plans::of_contracts_in_force())
        .filter(Expr::col((Alias::new("payment_plans"), P::ReceivedMinor)).lt(Expr::col((Alias::new("payment_plans"), P::AmountMinor))));
    if by == AgeingGroup::Owner {
        q = q.join(JoinType::InnerJoin, payment_plan::Entity::belongs_to(contract::Entity).from(P::ContractId).to(C::Id).into());
    }
    if let Some(o) = owner {
        let mut theirs = sea_orm::sea_query::Query::select();
        theirs.column(C::Id).from(contract::Entity).and_where(C::OwnerId.eq(o));
        q = q.filter(P::ContractId.in_subquery(theirs));
    }
    if let Some(c) = customer_id {
        q = q.filter(P::CustomerId.eq(c));
    }
    let mut q = q.select_only().column_as(key.clone(), "k");
    for (i, sum) in bucket_sums.iter().enumerate() {
        q = q.column_as(Expr::cust(sum), format!("b{i}"));
    }
    let mut q = q.group_by(key);
    QueryTrait::query(&mut q).clear_order_by();
    type Sums = (Uuid, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>);
    let sums: Vec<Sums> = q.into_tuple().all(db).await.map_err(db_err)?;
    let ids: Vec<Uuid> = sums.iter().map(|s| s.0).collect();
    let names = match by {
        AgeingGroup::Customer => names::<customer::Entity>(db, customer::Column::Id, customer::Column::Name, ids).await?,
        AgeingGroup::Owner => crate::system::user_names::display_names(db, ids).await?,
    };
    let mut groups: BTreeMap<Uuid, AgeingRow> = BTreeMap::new();
    let mut total = AgeingRow::empty(None, None);
    for (k, b0, b1, b2, b3, b4) in sums {
        let row = groups.entry(k).or_insert_with(|| AgeingRow::empty(Some(k), names.get(&k).cloned()));
        for (b, owed) in [b0, b1, b2, b3, b4].into_iter().enumerate() {
            let amount = from_minor(owed.unwrap_or(0));
            let b = i32::try_from(b).unwrap_or(4);
            row.add(b, amount);
            total.add(b, amount);
        }
    }
    let mut rows: Vec<AgeingRow> = groups.into_values().collect();
    rows.sort_by(|a, b| b.days_over_90.cmp(&a.days_over_90).then(b.overdue.cmp(&a.overdue)).then(b.outstanding.cmp(&a.outstanding)).then(a.key.cmp(&b.key)));
    Ok(AgeingReport { group_by: by, as_of, rows, total })
}

fn take_id(params: &mut ListParams, name: &str) -> DomainResult<Option<Uuid>> {
    params.take_filter(name).map(|raw| Uuid::parse_str(raw.trim()).map_err(|_| super::bad_query(name, format!("'{raw}' is not a valid id for '{name}'")))).transpose()
}

fn said(reader: Reader, zh: &str, en: &str) -> String {
    match reader {
        Reader::Person { lang, .. } => lang.pick(zh, en).to_string(),
        Reader::Script => String::new(),
    }
}

/// The contracts report as a file: a row per group (its name, count, signed, received,
/// outstanding), then the total.
pub async fn contracts_file(db: &Db, ctx: &Ctx, params: ListParams, format: ExportFormat, reader: Reader) -> DomainResult<Export> {
    let r = contracts(db, ctx, params).await?;
    let group = match r.group_by {
        ContractGroup::Month => col("month", "签约月份", "Month signed", Cell::Text),
        ContractGroup::Owner => col("owner", "负责人", "Owner", Cell::Text),
        ContractGroup::Category => col("category", "合同类型", "Category", Cell::Text),
        ContractGroup::Customer => col("customer", "客户", "Customer", Cell::Text),
    };
    let columns = [
        group,
        col("count", "合同数", "Contracts", Cell::Number),
        col("signed_amount", "签约金额", "Signed", Cell::Number),
        col("received_amount", "已回款", "Received", Cell::Number),
        col("outstanding_amount", "未回款", "Outstanding", Cell::Number),
    ];
    let name = |row: &ContractGroupRow| match (reader, &row.name, &row.name_en) {
        (Reader::Person { lang, .. }, Some(zh), Some(en)) => lang.pick(zh, en).to_string(),
        (Reader::Person { lang, .. }, None, _) => lang.pick("（未填写）", "(not set)").to_string(),
        (_, Some(n), _) => n.clone(),
        (Reader::Script, None, _) => row.key.clone().unwrap_or_default(),
    };
    let line = |label: String, r: &ContractGroupRow| vec![label, r.count.to_string(), r.signed_amount.to_string(), r.received_amount.to_string(), r.outstanding_amount.to_string()];
    let mut rows: Vec<Vec<String>> = r.rows.iter().map(|row| line(name(row), row)).collect();
    rows.push(line(said(reader, "合计", "Total"), &r.total));
    table(&columns, rows, format, reader).await
}

/// The ageing report as a file: a row per customer or owner, then the total.
pub async fn ageing_file(db: &Db, ctx: &Ctx, params: ListParams, format: ExportFormat, reader: Reader) -> DomainResult<Export> {
    let r = ageing(db, ctx, params).await?;
    let group = match r.group_by {
        AgeingGroup::Customer => col("customer", "客户", "Customer", Cell::Text),
        AgeingGroup::Owner => col("owner", "负责人", "Owner", Cell::Text),
    };
    let columns = [
        group,
        col("not_due", "未到期", "Not yet due", Cell::Number),
        col("days_0_30", "逾期 0-30 天", "0-30 days overdue", Cell::Number),
        col("days_31_60", "逾期 31-60 天", "31-60 days overdue", Cell::Number),
        col("days_61_90", "逾期 61-90 天", "61-90 days overdue", Cell::Number),
        col("days_over_90", "逾期 90 天以上", "Over 90 days overdue", Cell::Number),
        col("overdue", "逾期合计", "Overdue", Cell::Number),
        col("outstanding", "应收合计", "Outstanding", Cell::Number),
    ];
    let line = |label: String, r: &AgeingRow| {
        let figures = [r.not_due, r.days_0_30, r.days_31_60, r.days_61_90, r.days_over_90, r.overdue, r.outstanding];
        std::iter::once(label).chain(figures.iter().map(|d| d.to_string())).collect::<Vec<_>>()
    };
    let mut rows: Vec<Vec<String>> = r.rows.iter().map(|row| line(row.name.clone().unwrap_or_default(), row)).collect();
    rows.push(line(said(reader, "合计", "Total"), &r.total));
    table(&columns, rows, format, reader).await
}
