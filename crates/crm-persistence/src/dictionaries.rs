//! Dictionaries (SYS-7): admin-editable code lists with zh-CN and English labels.
//! Services validate codes through `check_code`, so a module never stores a code that the
//! dictionary does not know.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use chrono::Utc;
use crm_domain::validate::Validator;
use crm_domain::{DomainError, DomainResult};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::db::db_err;
use crate::shared_entities::dictionary_item::{self, Column as C, Entity as Item};
use crate::version::{check_if_match, update_versioned};
use crate::db::Source;
use crate::kept::Kept;
use crate::{audit, Ctx, Db};

/// A seeded entry: (code, zh-CN label, English label).
type SeedEntry = (&'static str, &'static str, &'static str);

/// The dictionary kinds and their seeded entries.
pub const SEED: &[(&str, &[SeedEntry])] = &[
    ("industry", &[
        ("it", "信息技术", "Information technology"), ("manufacturing", "制造业", "Manufacturing"),
        ("finance", "金融", "Finance"), ("retail", "零售", "Retail"), ("education", "教育", "Education"),
        ("healthcare", "医疗健康", "Healthcare"), ("real_estate", "房地产", "Real estate"),
        ("logistics", "物流", "Logistics"), ("energy", "能源", "Energy"), ("government", "政府机构", "Government"),
        ("other", "其他", "Other"),
    ]),
    ("customer_source", &[
        ("referral", "客户介绍", "Referral"), ("website", "官网", "Website"), ("exhibition", "展会", "Exhibition"),
        ("cold_call", "电话营销", "Cold call"), ("advertising", "广告", "Advertising"), ("partner", "合作伙伴", "Partner"),
        ("campaign", "市场活动", "Campaign"), ("other", "其他", "Other"),
    ]),
    ("customer_level", &[
        ("a", "A（重点客户）", "A (key)"), ("b", "B（普通客户）", "B (regular)"), ("c", "C（一般客户）", "C (minor)"),
    ]),
    ("follow_up_type", &[
        ("phone", "电话", "Phone"), ("visit", "拜访", "Visit"), ("meeting", "会议", "Meeting"),
        ("email", "邮件", "E-mail"), ("wechat", "微信", "WeChat"), ("other", "其他", "Other"),
    ]),
    ("contract_category", &[
        ("sales", "销售合同", "Sales"), ("service", "服务合同", "Service"), ("framework", "框架协议", "Framework agreement"),
        ("purchase", "采购合同", "Purchase"), ("other", "其他", "Other"),
    ]),
    ("payment_method", &[
        ("bank_transfer", "银行转账", "Bank transfer"), ("cash", "现金", "Cash"), ("cheque", "支票", "Cheque"),
        ("acceptance_bill", "承兑汇票", "Bank acceptance bill"), ("alipay", "支付宝", "Alipay"), ("wechat_pay", "微信支付", "WeChat Pay"),
        ("other", "其他", "Other"),
    ]),
    ("lost_reason", &[
        ("price", "价格因素", "Price"), ("competitor", "竞争对手", "Competitor"), ("no_budget", "无预算", "No budget"),
        ("no_need", "无需求", "No need"), ("timing", "时机不成熟", "Timing"), ("other", "其他", "Other"),
    ]),
];

pub fn is_known_kind(kind: &str) -> bool {
    SEED.iter().any(|(k, _)| *k == kind)
}

fn known_kind(kind: &str) -> DomainResult<()> {
    if is_known_kind(kind) {
        Ok(())
    } else {
        Err(DomainError::not_found("dictionary"))
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = DictionaryItem, example = json!({"code": "it", "label_zh": "信息技术", "label_en": "Information technology", "sort_order": 0, "enabled": true, "version": 1}))]
pub struct DictionaryEntry {
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    pub sort_order: i32,
    pub enabled: bool,
    pub version: i32,
}

impl From<dictionary_item::Model> for DictionaryEntry {
    fn from(m: dictionary_item::Model) -> Self {
        Self { code: m.code, label_zh: m.label_zh, label_en: m.label_en, sort_order: m.sort_order, enabled: m.enabled, version: m.version }
    }
}

/// Inserts the seeded entries of every kind that has none yet.
pub async fn seed(db: &impl ConnectionTrait) -> DomainResult<()> {
    let now = Utc::now();
    for (kind, entries) in SEED {
        let exists = Item::find().filter(C::Kind.eq(*kind)).one(db).await.map_err(db_err)?.is_some();
        if exists {
            continue;
        }
        let rows = entries.iter().enumerate().map(|(i, (code, zh, en))| dictionary_item::ActiveModel {
            id: Set(Uuid::now_v7()),
            kind: Set(kind.to_string()),
            code: Set(code.to_string()),
            label_zh: Set(zh.to_string()),
            label_en: Set(en.to_string()),
            sort_order: Set(i32::try_from(i).unwrap_or(0) * 10),
            enabled: Set(true),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        });
        Item::insert_many(rows).exec_without_returning(db).await.map_err(db_err)?;
    }
    Ok(())
}

pub async fn list(db: &impl ConnectionTrait, kind: &str) -> DomainResult<Vec<DictionaryEntry>> {
    known_kind(kind)?;
    let rows = Item::find()
        .filter(C::Kind.eq(kind))
        .order_by_asc(C::SortOrder)
        .order_by_asc(C::Code)
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// A module's check that `code` is an enabled entry of `kind`; the error names `field`.
pub async fn check_code(tx: &impl Source, kind: &str, field: &str, code: &str) -> DomainResult<()> {
    if enabled_codes(tx).await?.get(kind).is_some_and(|codes| codes.contains(code)) {
        Ok(())
    } else {
        Err(DomainError::invalid_field(field, "unknown_code", format!("'{code}' is not an entry of the {kind} dictionary")))
    }
}

/// Enabled codes by kind, kept per database. A customer create checks up to three codes
/// and dictionaries change a few times a year, so they are read in one query and kept
/// until a dictionary write of this process commits, or for 5 s (another process's write).
type Codes = Arc<HashMap<String, HashSet<String>>>;
static CODES: LazyLock<Kept<Codes>> = LazyLock::new(|| Kept::new(Duration::from_secs(5), 1_000));

async fn enabled_codes(tx: &impl Source) -> DomainResult<Codes> {
    CODES
        .get_or_read(tx.source_key(), || async {
            let rows: Vec<(String, String)> =
                Item::find().select_only().column(C::Kind).column(C::Code).filter(C::Enabled.eq(true)).into_tuple().all(tx).await.map_err(db_err)?;
            let mut by_kind: HashMap<String, HashSet<String>> = HashMap::new();
            for (kind, code) in rows {
                by_kind.entry(kind).or_default().insert(code);
            }
            Ok(Arc::new(by_kind))
        })
        .await
}

/// After a dictionary write has committed.
fn forget_codes() {
    CODES.note_write();
}

/// Which of `codes` are enabled entries of `kind`, in one query (bulk imports).
pub async fn existing_codes(db: &impl ConnectionTrait, kind: &str, codes: HashSet<String>) -> DomainResult<HashSet<String>> {
    if codes.is_empty() {
        return Ok(HashSet::new());
    }
    let found: Vec<String> = Item::find()
        .select_only()
        .column(C::Code)
        .filter(C::Kind.eq(kind))
        .filter(C::Code.is_in(codes))
        .filter(C::Enabled.eq(true))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(found.into_iter().collect())
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewDictionaryItem, example = json!({"code": "agriculture", "label_zh": "农业", "label_en": "Agriculture", "sort_order": 120}))]
pub struct NewEntry {
    /// Lowercase letters, digits and `_`; unique within the kind.
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    pub sort_order: Option<i32>,
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DictionaryItemPatch, example = json!({"label_zh": "互联网/信息技术", "enabled": false}))]
pub struct EntryPatch {
    pub label_zh: Option<String>,
    pub label_en: Option<String>,
    pub sort_order: Option<i32>,
    /// Disabled entries stay on old records but cannot be chosen for new ones.
    pub enabled: Option<bool>,
}

pub async fn create(db: &Db, ctx: &Ctx, kind: &str, input: NewEntry) -> DomainResult<DictionaryEntry> {
    known_kind(kind)?;
    let mut v = Validator::new();
    let code = v.required("code", &input.code, 64);
    if !code.is_empty() && !code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        v.add("code", "invalid", "use lowercase letters, digits and '_'");
    }
    let label_zh = v.required("label_zh", &input.label_zh, 100);
    let label_en = v.required("label_en", &input.label_en, 100);
    v.finish()?;
    let tx = crate::tx::begin(db).await?;
    let exists = Item::find().filter(C::Kind.eq(kind)).filter(C::Code.eq(&code)).one(&tx).await.map_err(db_err)?;
    if exists.is_some() {
        return Err(DomainError::conflict("dictionary.duplicate", format!("'{code}' already exists in {kind}")));
    }
    let model = dictionary_item::Model {
        id: Uuid::now_v7(),
        kind: kind.into(),
        code,
        label_zh,
        label_en,
        sort_order: input.sort_order.unwrap_or(1000),
        enabled: true,
        version: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
    };
    Item::insert(dictionary_item::ActiveModel::from(model.clone())).exec_without_returning(&tx).await.map_err(db_err)?;
    let entry = DictionaryEntry::from(model.clone());
    audit::record(&tx, ctx, "dictionaries", model.id, "create", &serde_json::Value::Null, &json!(entry)).await?;
    tx.commit().await.map_err(db_err)?;
    forget_codes();
    Ok(entry)
}

pub async fn update(db: &Db, ctx: &Ctx, kind: &str, code: &str, patch: EntryPatch, if_match: Option<i32>) -> DomainResult<DictionaryEntry> {
    known_kind(kind)?;
    let mut v = Validator::new();
    let label_zh = patch.label_zh.as_deref().map(|l| v.required("label_zh", l, 100));
    let label_en = patch.label_en.as_deref().map(|l| v.required("label_en", l, 100));
    v.finish()?;
    let tx = crate::tx::begin(db).await?;
    let current = Item::find()
        .filter(C::Kind.eq(kind))
        .filter(C::Code.eq(code))
        .one(&tx)
        .await
        .map_err(db_err)?
        .ok_or_else(|| DomainError::not_found("dictionary"))?;
    check_if_match(if_match, current.version)?;
    let mut next = current.clone();
    if let Some(l) = label_zh {
        next.label_zh = l;
    }
    if let Some(l) = label_en {
        next.label_en = l;
    }
    if let Some(s) = patch.sort_order {
        next.sort_order = s;
    }
    if let Some(e) = patch.enabled {
        next.enabled = e;
    }
    next.updated_at = ctx.now;
    let changes = dictionary_item::ActiveModel {
        label_zh: Set(next.label_zh.clone()),
        label_en: Set(next.label_en.clone()),
        sort_order: Set(next.sort_order),
        enabled: Set(next.enabled),
        updated_at: Set(next.updated_at),
        ..Default::default()
    };
    update_versioned(&tx, changes, C::Id, current.id, C::Version, current.version).await?;
    next.version = current.version + 1;
    let before = DictionaryEntry::from(current.clone());
    let after = DictionaryEntry::from(next);
    audit::record(&tx, ctx, "dictionaries", current.id, "update", &json!(before), &json!(after)).await?;
    tx.commit().await.map_err(db_err)?;
    forget_codes();
    Ok(after)
}
