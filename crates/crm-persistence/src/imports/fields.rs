//! What each importable record takes from a file: its fields with their headers in both
//! languages, how a cell becomes the create input's value (a dictionary or choice by its
//! code or either language's label, a reference by its name), and the matching of a
//! file's headers to fields (as mapped, else by the field's name, either header, or the
//! export's header for it, so an export is an import's template).

use std::collections::HashMap;

use crm_domain::imports::header_key;
use crm_domain::locale::Lang;
use crm_domain::permissions::{perms, Perm};
use crm_domain::{DomainError, DomainResult};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::table_export::{Column, TableExport};

/// How a cell is read.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text,
    /// Several values separated by `,` `，` `;` `；` or `、`.
    List,
    /// A decimal; `¥`, `￥`, thousands separators and spaces are dropped.
    Number,
    /// A whole number (a percentage may end with `%`).
    Integer,
    /// 是/否, yes/no, true/false, 1/0.
    Bool,
    /// `2026-12-07`, `2026/12/7`, `2026年12月7日`, or a spreadsheet's date cell.
    Date,
    /// A code of a dictionary kind, or its label in either language.
    Dict(&'static str),
    /// One of fixed codes: (code, zh, en), by code or either label.
    Choice(&'static [(&'static str, &'static str, &'static str)]),
    /// A record named by its name (or code, or a user's login): its id.
    Ref(Ref),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ref {
    /// An enabled user, by login or display name.
    User,
    /// A product category, by name.
    Category,
    /// A customer, by name or code (the create checks the caller may see it).
    Customer,
    /// A live pipeline stage, by its name in either language.
    Stage,
    /// A contract, by number (the create checks the caller may change it).
    Contract,
}

impl Ref {
    /// Looked up for each chunk by the names it holds (a big table), rather than read
    /// whole once per import.
    pub fn per_chunk(self) -> bool {
        matches!(self, Ref::Customer | Ref::Contract)
    }
}

pub struct Field {
    /// The create input's field.
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// The export's column for the same field, when its key differs (`owner` for `owner_id`).
    pub export_key: Option<&'static str>,
    pub example_zh: &'static str,
    pub example_en: &'static str,
}

const fn f(key: &'static str, zh: &'static str, en: &'static str, kind: Kind, example_zh: &'static str, example_en: &'static str) -> Field {
    Field { key, zh, en, kind, required: false, export_key: None, example_zh, example_en }
}

const fn req(mut field: Field) -> Field {
    field.required = true;
    field
}

const fn exported_as(mut field: Field, key: &'static str) -> Field {
    field.export_key = Some(key);
    field
}

/// A record type a file can be imported into.
pub struct Importer {
    pub entity: &'static str,
    /// What the caller needs besides `imports:create`: the module's `:import` and the
    /// `:create` a single create of such a record needs.
    pub permissions: &'static [Perm],
    pub fields: &'static [Field],
    /// The export's columns, whose headers are matched too.
    pub export: &'static [Column],
    /// How `on_duplicate: update` changes the record a row duplicates; `None`: not offered
    /// (the record has no duplicate rule, so no row names a record to change).
    pub update: Option<Update>,
}

/// `on_duplicate: update` of a record type: a row refused as a duplicate changes the
/// record it collides with through that record's own update (its PATCH), with only the
/// row's non-empty cells.
pub struct Update {
    /// What the caller needs besides the import's permission, checked per row.
    pub permission: Perm,
    /// Fields the update leaves as they are whatever the row holds: a PATCH does not
    /// change them either (a customer's owner changes by a transfer).
    pub kept: &'static [&'static str],
}

const KIND: &[(&str, &str, &str)] = &[("company", "企业", "Company"), ("person", "个人", "Person")];
const LEAD_STATUS: &[(&str, &str, &str)] = &[("new", "新线索", "New"), ("contacted", "已联系", "Contacted"), ("qualified", "有效", "Qualified"), ("unqualified", "无效", "Unqualified")];

pub static IMPORTERS: &[Importer] = &[
    Importer {
        entity: "customers",
        permissions: &[perms::CUSTOMERS_IMPORT, perms::CUSTOMERS_CREATE],
        fields: &[
            req(f("name", "客户名称", "Name", Kind::Text, "杭州云栖科技有限公司", "Yunqi Technology Ltd.")),
            f("kind", "客户类型", "Type", Kind::Choice(KIND), "企业", "Company"),
            f("industry", "行业", "Industry", Kind::Dict("industry"), "信息技术", "Information technology"),
            f("source", "客户来源", "Source", Kind::Dict("customer_source"), "展会", "Exhibition"),
            f("level", "客户等级", "Level", Kind::Dict("customer_level"), "", ""),
            f("province", "省份", "Province", Kind::Text, "浙江省", "Zhejiang"),
            f("city", "城市", "City", Kind::Text, "杭州市", "Hangzhou"),
            f("district", "区县", "District", Kind::Text, "西湖区", "Xihu"),
            f("address", "详细地址", "Address", Kind::Text, "文三路 90 号", "90 Wensan Road"),
            f("phone", "电话", "Phone", Kind::Text, "0571-88886666", "0571-88886666"),
            f("email", "邮箱", "E-mail", Kind::Text, "info@yunqi.example.com", "info@yunqi.example.com"),
            f("website", "网址", "Website", Kind::Text, "", ""),
            f("tags", "标签", "Tags", Kind::List, "重点,华东", "key,east"),
            f("remark", "备注", "Remark", Kind::Text, "", ""),
            exported_as(f("owner_id", "负责人", "Owner", Kind::Ref(Ref::User), "", ""), "owner"),
        ],
        export: crate::customers::export::CustomerExport::COLUMNS,
        update: Some(Update { permission: perms::CUSTOMERS_UPDATE, kept: &["owner_id"] }),
    },
    Importer {
        entity: "contacts",
        permissions: &[perms::CONTACTS_IMPORT, perms::CONTACTS_CREATE],
        fields: &[
            req(exported_as(f("customer_id", "客户名称", "Customer", Kind::Ref(Ref::Customer), "杭州云栖科技有限公司", "Yunqi Technology Ltd."), "customer")),
            req(f("name", "姓名", "Name", Kind::Text, "李明", "Li Ming")),
            f("title", "职务", "Title", Kind::Text, "采购经理", "Purchasing manager"),
            f("phone", "电话", "Phone", Kind::Text, "", ""),
            f("mobile", "手机", "Mobile", Kind::Text, "13800138000", "13800138000"),
            f("email", "邮箱", "E-mail", Kind::Text, "liming@yunqi.example.com", "liming@yunqi.example.com"),
            f("wechat", "微信", "WeChat", Kind::Text, "", ""),
            f("is_primary", "首要联系人", "Primary", Kind::Bool, "是", "Yes"),
            f("birthday", "生日", "Birthday", Kind::Date, "", ""),
            f("remark", "备注", "Remark", Kind::Text, "", ""),
        ],
        export: crate::customers::contacts::ContactExport::COLUMNS,
        update: None,
    },
    Importer {
        entity: "leads",
        permissions: &[perms::LEADS_IMPORT, perms::LEADS_CREATE],
        fields: &[
            req(f("name", "姓名", "Name", Kind::Text, "王芳", "Wang Fang")),
            f("company", "公司", "Company", Kind::Text, "苏州星河电子有限公司", "Xinghe Electronics"),
            f("title", "职务", "Title", Kind::Text, "总经理", "General manager"),
            f("phone", "电话", "Phone", Kind::Text, "", ""),
            f("mobile", "手机", "Mobile", Kind::Text, "13900139000", "13900139000"),
            f("email", "邮箱", "E-mail", Kind::Text, "", ""),
            f("source", "来源", "Source", Kind::Dict("customer_source"), "官网", "Website"),
            f("status", "状态", "Status", Kind::Choice(LEAD_STATUS), "新线索", "New"),
            exported_as(f("owner_id", "负责人", "Owner", Kind::Ref(Ref::User), "", ""), "owner"),
            f("province", "省份", "Province", Kind::Text, "江苏省", "Jiangsu"),
            f("city", "城市", "City", Kind::Text, "苏州市", "Suzhou"),
            f("address", "地址", "Address", Kind::Text, "", ""),
            f("remark", "备注", "Remark", Kind::Text, "", ""),
        ],
        export: crate::leads::export::LeadExport::COLUMNS,
        update: None,
    },
    Importer {
        entity: "products",
        permissions: &[perms::PRODUCTS_IMPORT, perms::PRODUCTS_CREATE],
        fields: &[
            req(f("name", "产品名称", "Name", Kind::Text, "智能会议平板 65 寸", "Smart meeting display 65\"")),
            req(exported_as(f("category_id", "产品分类", "Category", Kind::Ref(Ref::Category), "会议设备", "Meeting devices"), "category")),
            f("unit", "单位", "Unit", Kind::Text, "台", "unit"),
            req(f("price", "标准价格", "Price", Kind::Number, "12800.00", "12800.00")),
            f("currency", "币种", "Currency", Kind::Text, "CNY", "CNY"),
            f("on_sale", "是否上架", "On sale", Kind::Bool, "是", "Yes"),
            f("description", "描述", "Description", Kind::Text, "", ""),
        ],
        export: crate::products::service::ProductExport::COLUMNS,
        update: Some(Update { permission: perms::PRODUCTS_UPDATE, kept: &[] }),
    },
    Importer {
        entity: "suppliers",
        permissions: &[perms::SUPPLIERS_IMPORT, perms::SUPPLIERS_CREATE],
        fields: &[
            req(f("name", "供应商名称", "Name", Kind::Text, "宁波甬江电子有限公司", "Yongjiang Electronics")),
            f("contact", "联系人", "Contact", Kind::Text, "陈强", "Chen Qiang"),
            f("phone", "电话", "Phone", Kind::Text, "0574-87654321", "0574-87654321"),
            f("province", "省份", "Province", Kind::Text, "浙江省", "Zhejiang"),
            f("city", "城市", "City", Kind::Text, "宁波市", "Ningbo"),
            f("address", "地址", "Address", Kind::Text, "", ""),
            f("remark", "备注", "Remark", Kind::Text, "", ""),
        ],
        export: crate::products::suppliers::SupplierExport::COLUMNS,
        update: Some(Update { permission: perms::SUPPLIERS_UPDATE, kept: &[] }),
    },
    Importer {
        entity: "opportunities",
        permissions: &[perms::OPPORTUNITIES_IMPORT, perms::OPPORTUNITIES_CREATE],
        fields: &[
            req(f("name", "商机名称", "Name", Kind::Text, "华东区办公家具采购", "Office furniture for the east region")),
            req(exported_as(f("customer_id", "客户", "Customer", Kind::Ref(Ref::Customer), "杭州云栖科技有限公司", "Yunqi Technology Ltd."), "customer")),
            exported_as(f("stage_id", "销售阶段", "Stage", Kind::Ref(Ref::Stage), "方案报价", "Proposal"), "stage"),
            f("amount", "金额", "Amount", Kind::Number, "120000.00", "120000.00"),
            f("currency", "币种", "Currency", Kind::Text, "CNY", "CNY"),
            f("expected_close_date", "预计成交日期", "Expected close", Kind::Date, "2027-03-31", "2027-03-31"),
            f("probability", "赢率(%)", "Probability (%)", Kind::Integer, "50", "50"),
            exported_as(f("owner_id", "负责人", "Owner", Kind::Ref(Ref::User), "", ""), "owner"),
            f("source", "来源", "Source", Kind::Dict("customer_source"), "展会", "Exhibition"),
            f("description", "描述", "Description", Kind::Text, "", ""),
        ],
        export: crate::opportunities::export::OpportunityExport::COLUMNS,
        update: None,
    },
    Importer {
        entity: "payments",
        permissions: &[perms::PAYMENTS_IMPORT, perms::PAYMENTS_CREATE],
        fields: &[
            req(exported_as(f("contract_id", "合同编号", "Contract", Kind::Ref(Ref::Contract), "HT-2026-0001", "HT-2026-0001"), "contract_number")),
            req(f("amount", "回款金额", "Amount", Kind::Number, "50000.00", "50000.00")),
            req(f("received_date", "回款日期", "Received on", Kind::Date, "2027-01-20", "2027-01-20")),
            f("method", "回款方式", "Method", Kind::Dict("payment_method"), "银行转账", "Bank transfer"),
            f("reference", "流水号", "Reference", Kind::Text, "HX20270120001", "HX20270120001"),
            f("remark", "备注", "Remark", Kind::Text, "", ""),
        ],
        export: crate::receivables::export::PaymentExport::COLUMNS,
        update: None,
    },
];

pub fn importer(entity: &str) -> Option<&'static Importer> {
    IMPORTERS.iter().find(|i| i.entity == entity)
}

pub fn entities() -> Vec<&'static str> {
    IMPORTERS.iter().map(|i| i.entity).collect()
}

/// Which field each of a file's columns fills (`None`: left out), from the mapping first,
/// then by name. A mapping to a field that does not exist, a field two columns fill, or a
/// required field no column fills is a 422 naming the mapping or the header.
pub fn plan(imp: &Importer, headers: &[String], mapping: &std::collections::BTreeMap<String, String>) -> DomainResult<Vec<Option<usize>>> {
    let mut v = crm_domain::validate::Validator::new();
    let by_key: HashMap<&str, usize> = imp.fields.iter().enumerate().map(|(i, f)| (f.key, i)).collect();
    let mut names: HashMap<String, usize> = HashMap::new();
    for (i, field) in imp.fields.iter().enumerate() {
        for name in [field.key, field.zh, field.en] {
            names.entry(header_key(name)).or_insert(i);
        }
        let export_key = field.export_key.unwrap_or(field.key);
        for c in imp.export.iter().filter(|c| c.key == export_key) {
            for name in [c.key, c.zh, c.en] {
                names.entry(header_key(name)).or_insert(i);
            }
        }
    }
    for (header, target) in mapping {
        if !target.is_empty() && !by_key.contains_key(target.as_str()) {
            v.add(&format!("mapping.{header}"), "unknown_field", format!("'{target}' is not a field of {}: {}", imp.entity, imp.fields.iter().map(|f| f.key).collect::<Vec<_>>().join(", ")));
        }
        if !headers.iter().any(|h| h.trim() == header.trim()) {
            v.add(&format!("mapping.{header}"), "unknown_column", "the file has no column with this header");
        }
    }
    let mut out = Vec::with_capacity(headers.len());
    let mut filled: HashMap<usize, &str> = HashMap::new();
    for h in headers {
        let field = match mapping.iter().find(|(k, _)| k.trim() == h.trim()) {
            Some((_, t)) if t.is_empty() => None,
            Some((_, t)) => by_key.get(t.as_str()).copied(),
            None => names.get(&header_key(h)).copied(),
        };
        if let Some(i) = field {
            if let Some(first) = filled.insert(i, h) {
                v.add(&format!("columns.{h}"), "duplicate", format!("'{first}' and '{h}' both fill {}", imp.fields.get(i).map_or("", |f| f.key)));
            }
        }
        out.push(field);
    }
    for (i, field) in imp.fields.iter().enumerate() {
        if field.required && !filled.contains_key(&i) {
            v.add(&format!("columns.{}", field.key), "missing", format!("no column fills {} ({} / {})", field.key, field.zh, field.en));
        }
    }
    v.finish()?;
    Ok(out)
}

/// One problem with one cell or row, as the report and the errors file show it.
#[derive(Debug, Clone, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = ImportRowError, example = json!({"column": "行业", "field": "industry", "code": "unknown_choice", "message": "'芯片' is not an industry; use a code or label of the dictionary"}))]
pub struct CellError {
    /// The file's header, when one column is at fault.
    pub column: Option<String>,
    /// The record's field, when one is at fault.
    pub field: Option<String>,
    /// The cell's problem (`required`, `invalid_number`, `invalid_bool`, `invalid_date`,
    /// `unknown_choice`, `not_found`, `too_long`, `invalid`, …), `duplicate`,
    /// `not_written` (all or nothing: another row failed), or under `on_duplicate:
    /// update` `duplicate_ambiguous` (the row duplicates more than one record; one error
    /// per field) and `duplicate_forbidden` (the record it duplicates is not the
    /// importer's to change); a refusal of the whole row has the record's problem code.
    pub code: String,
    pub message: String,
}

/// Lookups a chunk's cells need: dictionaries and small tables read once per import,
/// customers per chunk.
#[derive(Default)]
pub struct Lookups {
    pub dicts: HashMap<&'static str, HashMap<String, String>>,
    pub refs: HashMap<Ref, HashMap<String, uuid::Uuid>>,
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

impl Lookups {
    pub async fn load(db: &crate::Db, imp: &Importer) -> DomainResult<Self> {
        let mut l = Lookups::default();
        for field in imp.fields {
            match field.kind {
                Kind::Dict(kind) if !l.dicts.contains_key(kind) => {
                    let mut m = HashMap::new();
                    for e in crate::dictionaries::list(db, kind).await?.into_iter().filter(|e| e.enabled) {
                        for name in [&e.code, &e.label_zh, &e.label_en] {
                            m.entry(fold(name)).or_insert_with(|| e.code.clone());
                        }
                    }
                    l.dicts.insert(kind, m);
                }
                Kind::Ref(r) if !r.per_chunk() && !l.refs.contains_key(&r) => {
                    l.refs.insert(r, super::refs::all(db, r).await?);
                }
                _ => {}
            }
        }
        Ok(l)
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match fold(s).as_str() {
        "是" | "y" | "yes" | "true" | "1" | "对" | "上架" => Some(true),
        "否" | "n" | "no" | "false" | "0" | "不" | "下架" => Some(false),
        _ => None,
    }
}

fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    let day = s.split([' ', 'T']).next().unwrap_or(s);
    for pattern in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"] {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(day, pattern) {
            return Some(d);
        }
    }
    None
}

fn parse_number(s: &str) -> Option<Decimal> {
    let cleaned: String = s.chars().filter(|c| !matches!(c, '¥' | '￥' | ',' | '，' | ' ' | '\u{a0}')).collect();
    cleaned.parse::<Decimal>().ok().or_else(|| Decimal::from_scientific(&cleaned).ok())
}

/// One row's cells as the create input's JSON, or what is wrong with them. `lookups` holds
/// the names of this chunk's records of a big table (`Ref::per_chunk`).
pub fn to_input(imp: &Importer, plan: &[Option<usize>], headers: &[String], cells: &[String], lookups: &Lookups, lang: Lang) -> Result<Map<String, Value>, Vec<CellError>> {
    let mut out = Map::new();
    let mut errors = Vec::new();
    for (col, slot) in plan.iter().enumerate() {
        let Some(field) = slot.and_then(|i| imp.fields.get(i)) else { continue };
        let raw = cells.get(col).map(|s| s.trim()).unwrap_or_default();
        // The export's guard against formulas (`table_export`): `'=…` reads back as `=…`.
        let raw = match raw.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
            _ => raw,
        };
        // The header is copied only into an error: this runs for every cell of a million rows.
        let mut fail = |code: &str, message: String| errors.push(CellError { column: headers.get(col).cloned(), field: Some(field.key.to_string()), code: code.into(), message });
        if raw.is_empty() {
            if field.required {
                fail("required", format!("{} is required", label(field, lang)));
            }
            continue;
        }
        let value = match field.kind {
            Kind::Text => json!(raw),
            Kind::List => json!(raw.split([',', '，', ';', '；', '、']).map(str::trim).filter(|t| !t.is_empty()).collect::<Vec<_>>()),
            Kind::Number => match parse_number(raw) {
                Some(d) => json!(d.normalize().to_string()),
                None => {
                    fail("invalid_number", format!("'{raw}' is not a number"));
                    continue;
                }
            },
            Kind::Integer => match parse_number(raw.trim_end_matches(['%', '％'])).filter(|d| d.fract().is_zero()).and_then(|d| i64::try_from(d).ok()) {
                Some(n) => json!(n),
                None => {
                    fail("invalid_number", format!("'{raw}' is not a whole number"));
                    continue;
                }
            },
            Kind::Bool => match parse_bool(raw) {
                Some(b) => json!(b),
                None => {
                    fail("invalid_bool", format!("'{raw}' is not yes/no (是/否)"));
                    continue;
                }
            },
            Kind::Date => match parse_date(raw) {
                Some(d) => json!(d.format("%Y-%m-%d").to_string()),
                None => {
                    fail("invalid_date", format!("'{raw}' is not a date such as 2026-12-07"));
                    continue;
                }
            },
            Kind::Dict(kind) => match lookups.dicts.get(kind).and_then(|m| m.get(&fold(raw))) {
                Some(code) => json!(code),
                None => {
                    fail("unknown_choice", format!("'{raw}' is not in the {kind} dictionary; use a code or label of it"));
                    continue;
                }
            },
            Kind::Choice(choices) => match choices.iter().find(|(c, zh, en)| [c, zh, en].iter().any(|n| fold(n) == fold(raw))) {
                Some((code, _, _)) => json!(code),
                None => {
                    fail("unknown_choice", format!("'{raw}' is not one of: {}", choices.iter().map(|(_, zh, en)| if lang == Lang::Zh { *zh } else { *en }).collect::<Vec<_>>().join(", ")));
                    continue;
                }
            },
            Kind::Ref(r) => match lookups.refs.get(&r).and_then(|m| m.get(&fold(raw))) {
                Some(id) => json!(id),
                None => {
                    fail("not_found", format!("'{raw}': no such {}", super::refs::what(r)));
                    continue;
                }
            },
        };
        out.insert(field.key.to_string(), value);
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

fn label(field: &Field, lang: Lang) -> &'static str {
    if lang == Lang::Zh { field.zh } else { field.en }
}

/// The template's header row and example row, in `lang`; required headers end with `*`.
pub fn template(imp: &Importer, lang: Lang) -> (Vec<String>, Vec<String>) {
    let headers = imp.fields.iter().map(|f| format!("{}{}", label(f, lang), if f.required { "*" } else { "" })).collect();
    let example = imp.fields.iter().map(|f| if lang == Lang::Zh { f.example_zh } else { f.example_en }.to_string()).collect();
    (headers, example)
}

/// A refusal of the row as a whole (a duplicate, a rule of the record), as errors.
pub fn row_errors(e: &DomainError, headers_of: &HashMap<&str, String>) -> Vec<CellError> {
    if e.errors.is_empty() {
        return vec![CellError { column: None, field: None, code: e.code.clone(), message: e.message.clone() }];
    }
    e.errors
        .iter()
        .map(|fe| {
            let field = fe.field.split(['.', '[']).next().unwrap_or(&fe.field);
            CellError { column: headers_of.get(field).cloned(), field: Some(fe.field.clone()), code: fe.code.clone(), message: fe.message.clone() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_importable_record_has_an_importer() {
        let names: Vec<&str> = crm_domain::imports::ImportEntity::ALL.iter().map(|e| e.as_str()).collect();
        assert_eq!(entities(), names);
    }

    #[test]
    fn cells_read_as_people_write_them() {
        assert_eq!(parse_number("¥12,800.50"), Some(Decimal::new(1_280_050, 2)));
        assert_eq!(parse_bool("是"), Some(true));
        assert_eq!(parse_bool("No"), Some(false));
        assert_eq!(parse_date("2026/12/7"), chrono::NaiveDate::from_ymd_opt(2026, 12, 7));
        assert_eq!(parse_date("2026年12月07日"), chrono::NaiveDate::from_ymd_opt(2026, 12, 7));
        assert_eq!(parse_date("2026-12-07 10:00:00"), chrono::NaiveDate::from_ymd_opt(2026, 12, 7));
    }

    #[test]
    fn headers_are_matched_by_any_name_and_mapping_is_checked() {
        let imp = importer("customers").unwrap();
        let headers: Vec<String> = ["客户名称*", "Phone", "负责人", "无关列"].iter().map(|s| s.to_string()).collect();
        let p = plan(imp, &headers, &Default::default()).unwrap();
        let keys: Vec<Option<&str>> = p.iter().map(|i| i.map(|i| imp.fields[i].key)).collect();
        assert_eq!(keys, vec![Some("name"), Some("phone"), Some("owner_id"), None]);
        let mapping = [("无关列".to_string(), "colour".to_string())].into_iter().collect();
        let e = plan(imp, &headers, &mapping).unwrap_err();
        assert_eq!(e.errors[0].field, "mapping.无关列");
        let e = plan(imp, &["电话".to_string(), "Tel".to_string()], &[("Tel".to_string(), "phone".to_string())].into_iter().collect()).unwrap_err();
        let fields: Vec<&str> = e.errors.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, vec!["columns.Tel", "columns.name"]);
    }
}
