//! What every operation shares, written into the OpenAPI document from the route table
//! rather than by hand on each handler, so the document states every rule the shared
//! mechanisms enforce and every status they can answer:
//! - errors are `application/problem+json`;
//! - the guard: 400 (control characters in the query or path, a malformed parameter),
//!   401 for signed-in routes, 403 for routes with a permission or for people only
//!   (`Access::Session`), 429 (rate limits, with `Retry-After` and `RateLimit-*`), 503
//!   (database unavailable, with `Retry-After`);
//! - a JSON body: 400, 413, 415, 422; no control characters in its strings, and line
//!   breaks only in the fields that may span lines;
//! - query and path parameters: one line, not empty (but for `q` and `sort`);
//! - `Idempotency-Key` on every POST (its format, and 409 / 422 for a key in use or reused
//!   with another body); `If-Match` where a handler takes it (its format, and 412).

use serde_json::{json, Map, Value};

use crate::guard::RouteInfo;
use crm_domain::permissions::Access;

/// The format `etag::IfMatch` accepts.
pub const IF_MATCH_PATTERN: &str = r#"^(\*|(W/)?"[0-9]{1,9}")?$"#;
/// The format `idempotency` accepts: 1 to 255 visible ASCII characters.
pub const IDEMPOTENCY_KEY_PATTERN: &str = "^[!-~]{1,255}$";

/// `object[key] = value`, for a value that is an object (every schema and parameter is).
fn set(object: &mut Value, key: &str, value: Value) {
    if let Some(o) = object.as_object_mut() {
        o.insert(key.to_string(), value);
    }
}

fn problem(description: &str) -> Value {
    json!({"description": description, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})
}

fn with_headers(mut response: Value, headers: Value) -> Value {
    if let Some(r) = response.as_object_mut() {
        r.insert("headers".into(), headers);
    }
    response
}

fn retry_after() -> Value {
    json!({"description": "seconds to wait before trying again", "schema": {"type": "integer", "minimum": 1}})
}

fn rate_limit_headers() -> Value {
    json!({
        "Retry-After": retry_after(),
        "RateLimit-Limit": {"description": "requests the caller's budget holds", "schema": {"type": "integer"}},
        "RateLimit-Remaining": {"description": "requests left in it now", "schema": {"type": "integer"}},
        "RateLimit-Reset": {"description": "seconds until it is full again", "schema": {"type": "integer"}},
    })
}

/// Adds `status` unless the handler documented it itself.
fn add(responses: &mut Map<String, Value>, status: &str, response: Value) {
    responses.entry(status.to_string()).or_insert(response);
}

/// No control characters (`text_input`, the domain's validator): one line...
pub const ONE_LINE: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";
/// ...or several, with tabs (`crm_domain::validate::MULTILINE_FIELDS`).
pub const MULTI_LINE: &str = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";

/// A plain string schema: no format, enum or pattern of its own to respect.
fn plain_string(schema: &Value) -> bool {
    let ty = schema.get("type");
    let is_string = ty == Some(&json!("string")) || ty.and_then(Value::as_array).is_some_and(|t| t.contains(&json!("string")));
    is_string && schema.get("format").is_none() && schema.get("enum").is_none() && schema.get("pattern").is_none()
}

/// States the text rule on every plain string of a request body schema, nested ones too.
fn text_rule(schema: &mut Value, field: Option<&str>) {
    if plain_string(schema) {
        let multi = field.is_some_and(|f| crm_domain::validate::MULTILINE_FIELDS.contains(&f));
        set(schema, "pattern", json!(if multi { MULTI_LINE } else { ONE_LINE }));
    }
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        for (name, p) in props.iter_mut() {
            text_rule(p, Some(name));
        }
    }
    if let Some(items) = schema.get_mut("items") {
        text_rule(items, field);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(list) = schema.get_mut(key).and_then(Value::as_array_mut) {
            for s in list {
                text_rule(s, field);
            }
        }
    }
}

/// Phone numbers as `validate::is_phone` takes them: digits with an optional leading `+`,
/// spaces, dashes and parentheses; 5 to 20 digits.
const PHONE_PATTERN: &str = "^ *(\\+?[ ()-]*([0-9][ ()-]*){5,20})?$";
/// A money amount as `money::amount` and `money::to_minor` take it: a decimal string of at
/// most 12 digits and 2 decimals, or a whole number.
fn amount() -> Value {
    json!({"anyOf": [
        {"type": "string", "pattern": "^[0-9]{1,12}(\\.[0-9]{1,2})?$", "example": "1234.56"},
        {"type": "integer", "minimum": 0, "maximum": 999_999_999_999_i64},
    ], "description": "a decimal string such as \"1234.56\" (≥ 0, at most two decimals), or a whole number"})
}

/// `amount()` above zero: what a payment plan, a payment and an invoice take.
fn positive_amount() -> Value {
    json!({"anyOf": [
        {"type": "string", "pattern": "^(?=[0-9.]*[1-9])[0-9]{1,12}(\\.[0-9]{1,2})?$", "example": "1234.56"},
        {"type": "integer", "minimum": 1, "maximum": 999_999_999_999_i64},
    ], "description": "a decimal string such as \"1234.56\" (> 0, at most two decimals), or a whole number"})
}

/// An e-mail address as `validate::is_email` takes it (one `@`, a dot inside the domain, no
/// spaces, commas, semicolons or control characters), or nothing; spaces around are
/// trimmed.
/// `EMAIL_PATTERN` where the address may not be left out.
fn required_email() -> String {
    EMAIL_PATTERN.replacen("^ *(", "^ *", 1).replacen(")? *$", " *$", 1)
}

const EMAIL_PATTERN: &str = "^ *([^\\s,;@\\u0000-\\u001F\\u007F-\\u009F]+@[^\\s,;@\\u0000-\\u001F\\u007F-\\u009F.][^\\s,;@\\u0000-\\u001F\\u007F-\\u009F]*\\.[^\\s,;@\\u0000-\\u001F\\u007F-\\u009F]*[^\\s,;@\\u0000-\\u001F\\u007F-\\u009F.])? *$";

/// A download's `Range` header as the server takes it (`drive::content`): one or more of
/// `from-to`, `from-`, `-last`.
const RANGE_PATTERN: &str = "^bytes=([0-9]+-[0-9]*|-[0-9]+)(, ?([0-9]+-[0-9]*|-[0-9]+))*$";

/// A drive name (`crm_domain::drive::clean_name`): not blank, no `/`, `\` or control
/// characters.
const DRIVE_NAME: &str = "^[^/\\\\\\u0000-\\u001F\\u007F-\\u009F]*[^\\s/\\\\\\u0000-\\u001F\\u007F-\\u009F][^/\\\\\\u0000-\\u001F\\u007F-\\u009F]*$";

/// One line with at least one character that is not a space (`Validator::required`).
const NON_BLANK: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F][^\\u0000-\\u001F\\u007F-\\u009F]*$";
/// The same for text that may span lines (`Validator::required_text`).
const NON_BLANK_TEXT: &str = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F][^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";

/// Every field a flow's condition may name, across the document types.
fn approval_fields() -> Vec<&'static str> {
    let mut fields: Vec<&str> = crm_persistence::approvals::docs::DOCS.iter().flat_map(|d| d.fields().iter().map(|(f, _)| *f)).collect();
    fields.sort_unstable();
    fields.dedup();
    fields
}

/// What the domain's validators demand of each input field, stated in the document: the
/// field's name, the schemas it has that rule in (empty: every input schema), and the rule.
/// A string's pattern given here replaces the plain text rule. The fuzzer
/// (`tests/fuzz/run.sh`) checks each against the server, both ways.
fn field_rules() -> Vec<(&'static str, &'static [&'static str], Value)> {
    let nb = |max: u32| json!({"maxLength": max, "minLength": 1, "pattern": NON_BLANK});
    let len = |max: u32| json!({"maxLength": max});
    let codes = crm_domain::permissions::all_codes();
    vec![
        // Schema-specific rows first: the first row that fits a field is its rule.
        // Quotes and orders (`crm_domain::sales_docs`) and the company's header.
        ("name", &["NewDocumentLine"], len(200)),
        ("tax_rate_percent", &[], json!({"anyOf": [
            {"type": "string", "pattern": "^[0-9]{1,3}(\\.[0-9]{1,2})?$", "example": "13"},
            {"type": "integer", "minimum": 0, "maximum": 100},
        ], "description": "a percentage 0-100 as a decimal string such as \"13\", or a whole number"})),
        ("terms", &[], len(5000)),
        ("shipping_address", &[], len(500)),
        ("note", &["QuoteTransition", "OrderTransition"], len(500)),
        ("name", &["CompanyProfile"], len(200)),
        ("address", &["CompanyProfile"], len(500)),
        ("phone", &["CompanyProfile"], len(50)),
        // Payment plans, payments, invoices (`crm_domain::receivables`).
        ("amount", &["NewPaymentPlan", "PaymentPlanPatch", "NewPayment", "PaymentPatch", "NewInvoice", "InvoicePatch"], positive_amount()),
        ("instalment", &["NewPaymentPlan"], json!({"minimum": 1, "maximum": 999})),
        ("remark", &["NewPaymentPlan", "PaymentPlanPatch", "NewPayment", "PaymentPatch", "NewInvoice", "InvoicePatch"], len(500)),
        ("method", &["NewPayment", "PaymentPatch"], len(64)),
        ("reference", &["NewPayment", "PaymentPatch"], len(100)),
        ("title", &["NewInvoice", "InvoicePatch"], nb(200)),
        ("tax_number", &["NewInvoice", "InvoicePatch"], json!({"pattern": "^ *([0-9A-Za-z]{15,20})? *$"})),
        ("bank", &["NewInvoice", "InvoicePatch"], len(100)),
        ("address_phone", &["NewInvoice", "InvoicePatch"], len(200)),
        ("contract_end_days", &["ContractReminderSettings"], json!({"minimum": 0, "maximum": 365})),
        ("payment_due_days", &["ContractReminderSettings"], json!({"minimum": 0, "maximum": 90})),
        ("reason", &["VoidInvoice"], json!({"maxLength": 500, "minLength": 1, "pattern": NON_BLANK_TEXT})),
        ("tax_number", &[], len(50)),
        ("bank_name", &[], len(100)),
        ("bank_account", &[], len(50)),
        // Contracts (`crm_domain::contracts`).
        ("name", &["NewContract", "ContractPatch"], nb(200)),
        ("name", &["ContractFromQuote"], len(200)),
        ("payment_terms", &[], len(2000)),
        ("category", &["NewContract", "ContractPatch", "ContractFromQuote"], len(64)),
        ("reason", &["ContractTransition"], len(500)),
        ("reason", &["NewContractAmendment"], json!({"maxLength": 500, "minLength": 1, "pattern": NON_BLANK_TEXT})),
        // Background exports: the lists `exports::lists::LISTS` makes files of.
        ("list", &["NewExport"], json!({"enum": crm_persistence::exports::lists::names()})),
        // Approval flows (`crm_domain::approvals`) and approvals.
        ("name", &["NewApprovalFlow", "ApprovalFlowPatch", "ApprovalStep"], nb(100)),
        ("doc_type", &["NewApprovalFlow"], json!({"enum": crm_persistence::approvals::docs::DOCS.iter().map(|d| d.doc_type()).collect::<Vec<_>>()})),
        ("steps", &["NewApprovalFlow", "ApprovalFlowPatch"], json!({"minItems": 1, "maxItems": crm_domain::approvals::MAX_STEPS})),
        ("condition", &["ApprovalStep"], json!({"maxItems": crm_domain::approvals::MAX_CONDITIONS})),
        ("field", &["ApprovalCondition"], json!({"enum": approval_fields()})),
        ("value", &["ApprovalCondition"], json!({"maxLength": 500, "minLength": 1, "pattern": NON_BLANK})),
        ("comment", &["ApprovalRemark"], json!({"maxLength": 2000, "minLength": 1, "pattern": NON_BLANK_TEXT})),
        ("comment", &["ApprovalComment", "ApprovalTransfer"], len(2000)),
        // Webhooks (`crm_domain::webhooks`).
        ("name", &["NewWebhook", "WebhookPatch"], nb(100)),
        // Around the URL only what the door lets through (`text_input`: every control
        // character but tab, line feed and carriage return is refused), and none inside.
        ("url", &["NewWebhook", "WebhookPatch"], json!({"maxLength": 2000, "pattern": "^[ \\t\\n\\r]*[Hh][Tt][Tt][Pp][Ss]?://[^\\s@/?#\\x00-\\x1f\\x7f-\\x9f]+([/?#][^\\s\\x00-\\x1f\\x7f-\\x9f]*)?[ \\t\\n\\r]*$"})),
        ("events", &["NewWebhook", "WebhookPatch"], json!({"minItems": 1, "maxItems": crm_domain::webhooks::MAX_EVENTS, "uniqueItems": true, "items": {"type": "string", "enum": crm_domain::webhooks::catalogue()}})),
        ("secret", &["NewWebhook", "WebhookPatch"], json!({"minLength": 16, "maxLength": 200, "pattern": "^[^\\x00-\\x1f\\x7f-\\x9f]*$"})),
        // The sales pipeline (`crm_domain::opportunities`, `crm_domain::leads`).
        ("name", &["NewOpportunity", "ConvertOpportunity"], nb(200)),
        ("name", &["NewLead", "LeadPatch"], nb(100)),
        ("name_zh", &[], nb(50)),
        ("name_en", &[], nb(50)),
        ("description", &["NewOpportunity", "OpportunityPatch"], len(2000)),
        ("source", &["NewLead", "LeadPatch", "NewOpportunity", "OpportunityPatch"], len(50)),
        ("lost_reason", &[], len(50)),
        ("lost_note", &[], len(500)),
        ("competitors", &[], len(500)),
        ("note", &["StageMove"], len(500)),
        ("company", &[], len(200)),
        ("probability", &[], json!({"minimum": 0, "maximum": 100})),
        ("sort_order", &["NewPipelineStage", "StagePatch"], json!({"minimum": 0, "maximum": 9999})),
        ("amount", &[], amount()),
        ("unit_price", &[], amount()),
        ("quantity", &[], json!({"anyOf": [
            {"type": "string", "pattern": "^[0-9]{1,10}(\\.[0-9]{1,4})?$", "example": "2.5"},
            {"type": "integer", "minimum": 1, "maximum": 1_000_000_000},
        ], "description": "a decimal string such as \"2.5\" (more than 0, at most four decimals), or a whole number"})),
        ("discount_percent", &[], json!({"anyOf": [
            {"type": "string", "pattern": "^[0-9]{1,3}(\\.[0-9]{1,2})?$", "example": "10"},
            {"type": "integer", "minimum": 0, "maximum": 100},
        ], "description": "a percentage 0-100 as a decimal string such as \"12.5\", or a whole number"})),
        ("lines", &[], json!({"maxItems": 200})),
        ("summary", &[], json!({"maxLength": 5000, "minLength": 1, "pattern": NON_BLANK_TEXT})),
        ("next_week_plan", &[], len(5000)),
        ("comment", &["ReportComment"], json!({"maxLength": 2000, "minLength": 1, "pattern": NON_BLANK_TEXT})),
        ("period", &["NewSalesPlan"], json!({"pattern": "^ *[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]))? *$"})),
        ("week", &["NewWeeklyReport"], json!({"pattern": "^ *[0-9]{4}-W[0-9]{2} *$"})),
        ("target_amount", &[], amount()),
        ("planned_customers", &[], json!({"minimum": 0, "maximum": 100000})),
        ("lead_ids", &[], json!({"minItems": 1, "maxItems": 1000})),
        ("items", &["LeadBatch"], json!({"maxItems": 1000})),
        // The SMTP settings (`crm_domain::mail::SmtpInput`) and their test.
        ("host", &["SmtpInput"], json!({"maxLength": 253, "pattern": "^ *[A-Za-z0-9.:\\[\\]-]+ *$"})),
        ("port", &["SmtpInput"], json!({"minimum": 1, "maximum": 65535})),
        ("username", &["SmtpInput"], len(254)),
        ("password", &["SmtpInput"], json!({"minLength": 1, "maxLength": 512, "description": "write-only: absent keeps the stored one, null removes it"})),
        ("from", &["SmtpInput"], json!({"maxLength": 254, "pattern": required_email()})),
        ("from_name", &["SmtpInput"], len(100)),
        // The SMS gateway (`crm_domain::sms::SmsInput`).
        ("url", &["SmsInput"], json!({"maxLength": 2000, "pattern": "^\\s*[Hh][Tt][Tt][Pp][Ss]?://"})),
        ("headers", &["SmsInput"], json!({"maxProperties": 20, "additionalProperties": {"type": "string", "maxLength": 1000}})),
        ("body_template", &["SmsInput"], len(4000)),
        ("secret", &["SmsInput"], json!({"minLength": 1, "maxLength": 512, "description": "write-only: absent keeps the stored one, null removes it"})),
        ("to", &["SmsTest"], json!({"maxLength": 32, "pattern": PHONE_PATTERN})),
        ("to", &["SmtpTest"], json!({"maxLength": 254, "pattern": required_email()})),
        ("in_app", &["KindChannels"], json!({"enum": [true]})),
        ("name", &["NewCustomer", "CustomerPatch", "NewProduct", "ProductPatch", "NewSupplier", "SupplierPatch"], nb(200)),
        ("name", &["NewContact", "ContactPatch", "NewCategory", "CategoryPatch", "NewDepartment", "DepartmentPatch", "NewApiToken", "NewCustomerGroup", "CustomerGroupPatch"], nb(100)),
        ("name", &["NewRole", "RolePatch"], nb(64)),
        ("name", &["NewSavedView", "SavedViewPatch"], nb(50)),
        // Drive names: at most 255 bytes of UTF-8 (a Chinese name of 86 characters is a 422
        // the schema cannot count), no path separators or control characters.
        ("name", &["NewFolder", "DriveItemPatch", "FileUpload"], json!({"maxLength": 255, "minLength": 1, "pattern": DRIVE_NAME})),
        ("user_quota_bytes", &[], json!({"minimum": 1, "maximum": 1_i64 << 50})),
        ("company_quota_bytes", &[], json!({"minimum": 1, "maximum": 1_i64 << 50})),
        ("max_file_bytes", &[], json!({"minimum": 1, "maximum": 1_i64 << 50})),
        ("shares", &["SharesInput"], json!({"maxItems": 100})),
        ("display_name", &[], nb(100)),
        ("label_zh", &[], nb(100)),
        ("label_en", &[], nb(100)),
        ("code", &["NewDictionaryItem"], json!({"maxLength": 64, "pattern": "^[a-z0-9_]+$"})),
        ("username", &[], json!({"pattern": "^[A-Za-z0-9._-]{2,64}$"})),
        ("password", &[], json!({"minLength": 8, "maxLength": 128})),
        ("new_password", &[], json!({"minLength": 8, "maxLength": 128})),
        ("content", &[], json!({"maxLength": 5000, "minLength": 1, "pattern": NON_BLANK_TEXT})),
        ("reason", &[], json!({"maxLength": 500, "minLength": 1, "pattern": NON_BLANK_TEXT})),
        ("kind", &["NewFollowUp", "FollowUpPatch"], nb(64)),
        ("remark", &["NewCategory", "CategoryPatch", "NewDepartment", "DepartmentPatch", "PriceItem"], len(500)),
        ("remark", &[], len(2000)),
        ("description", &["NewProduct", "ProductPatch"], len(5000)),
        ("description", &[], len(500)),
        ("phone", &[], json!({"maxLength": 32, "pattern": PHONE_PATTERN})),
        ("mobile", &[], json!({"maxLength": 32, "pattern": PHONE_PATTERN})),
        ("email", &[], json!({"maxLength": 254, "pattern": EMAIL_PATTERN, "description": "an e-mail address; empty clears it"})),
        ("region_code", &[], json!({"pattern": "^[0-9]{6}$"})),
        ("province", &[], len(50)),
        ("city", &[], len(50)),
        ("district", &[], len(50)),
        ("contact", &[], len(50)),
        ("address", &[], len(300)),
        ("website", &[], len(200)),
        ("wechat", &[], len(64)),
        ("title", &[], len(100)),
        ("unit", &[], len(20)),
        ("industry", &[], len(64)),
        ("source", &[], len(64)),
        ("level", &[], len(64)),
        ("currency", &[], json!({"pattern": "^([A-Za-z]{3})?$"})),
        ("locale", &[], json!({"enum": ["zh-CN", "en", null]})),
        ("access", &[], json!({"enum": ["read", "edit"]})),
        ("resource", &["NewSavedView"], json!({"enum": crm_domain::saved_views::RESOURCES})),
        ("tags", &[], json!({"maxItems": 20, "items": {"type": "string", "maxLength": 32, "pattern": ONE_LINE}})),
        ("query", &["NewSavedView", "SavedViewPatch"], json!({
            "maxProperties": 30,
            "propertyNames": {"pattern": "^(?!page$)[A-Za-z0-9_]{1,64}$"},
            "additionalProperties": {"type": "string", "maxLength": 500, "pattern": ONE_LINE},
        })),
        ("columns", &["NewSavedView", "SavedViewPatch"], json!({"maxItems": 60, "items": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": ONE_LINE}})),
        ("scopes", &[], json!({"minItems": 1, "items": {"type": "string", "enum": codes}})),
        ("permissions", &[], json!({"items": {"type": "string", "enum": codes}})),
        ("participant_ids", &[], json!({"maxItems": 50})),
        ("customer_ids", &["AssignRequest", "TransferRequest"], json!({"minItems": 1, "maxItems": 1000})),
        ("customer_ids", &["MembersPut", "ServedCustomersPut"], json!({"maxItems": 1000})),
        ("customer_ids", &["MembersChange"], json!({"minItems": 1, "maxItems": 1000})),
        ("items", &["CustomerBatch"], json!({"maxItems": 1000})),
        ("items", &["PriceListPut"], json!({"maxItems": 500})),
        ("sort_order", &["NewCategory", "CategoryPatch"], json!({"minimum": 0, "maximum": 9999})),
        ("return_after_days_without_follow_up", &[], json!({"minimum": 1, "maximum": 3650})),
        ("return_after_days_without_deal", &[], json!({"minimum": 1, "maximum": 3650})),
        ("reclaim_cooldown_days", &[], json!({"minimum": 1, "maximum": 3650})),
        ("max_customers_per_owner", &[], json!({"minimum": 1, "maximum": 1_000_000})),
        ("price", &[], amount()),
    ]
}

/// Merges the field rules into the properties of input schema `name`.
fn apply_field_rules(name: &str, schema: &mut Value, rules: &[(&'static str, &'static [&'static str], Value)]) {
    let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) else { return };
    for (field, prop) in props.iter_mut() {
        let Some((_, _, rule)) = rules.iter().find(|(f, only, _)| f == field && (only.is_empty() || only.contains(&name))) else { continue };
        // A text rule does not fit a field of another type that shares its name (a
        // notification setting's `email` switch), which keeps its own schema.
        let types = prop.get("type").map(|t| t.as_array().cloned().unwrap_or_else(|| vec![t.clone()])).unwrap_or_default();
        let textual = ["pattern", "maxLength", "minLength"].iter().any(|k| rule.get(*k).is_some());
        if textual && !types.is_empty() && !types.iter().any(|t| t == "string" || t == "array") {
            continue;
        }
        if rule.get("anyOf").is_some() {
            // A rule that is a whole schema of its own (money) replaces the field's.
            let nullable = prop.get("type").and_then(Value::as_array).is_some_and(|t| t.contains(&json!("null")));
            *prop = rule.clone();
            if nullable {
                if let Some(list) = prop.get_mut("anyOf").and_then(Value::as_array_mut) {
                    list.push(json!({"type": "null"}));
                }
            }
            continue;
        }
        if let (Some(p), Some(r)) = (prop.as_object_mut(), rule.as_object()) {
            for (k, v) in r {
                p.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Names of the component schemas request bodies use, with those they refer to.
fn input_schemas(doc: &Value) -> Vec<String> {
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(name) = m.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/schemas/")) {
                    out.push(name.to_string());
                }
                m.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for op in paths.values().filter_map(Value::as_object).flat_map(|p| p.values()) {
            if let Some(body) = op.get("requestBody") {
                refs(body, &mut found);
            }
        }
    }
    let mut i = 0;
    while let Some(name) = found.get(i).cloned() {
        if let Some(s) = doc.pointer(&format!("/components/schemas/{name}")) {
            let mut more = Vec::new();
            refs(s, &mut more);
            found.extend(more.into_iter().filter(|m| !found.contains(m)).collect::<Vec<_>>());
        }
        i += 1;
    }
    found.sort();
    found.dedup();
    found
}

/// `name`, `-name`, joined by commas, of `fields`; or nothing.
fn sort_pattern(fields: &[&str]) -> String {
    let one = format!("-?({})", fields.join("|"));
    format!("^$|^{one}(,{one})*$")
}

/// The schema of a query or path parameter by what the shared parsers make of it
/// (`crm_persistence::listing`, `text_input`), when the handler gave a plain string.
fn parameter_rule(route: &RouteInfo, place: &str, name: &str) -> Option<Value> {
    let path = route.path.as_str();
    let comma_list = |values: &[&str]| json!({"type": "string", "pattern": format!("^({0})(,({0}))*$", values.join("|"))});
    Some(match (place, name) {
        ("query", "sort") => json!({"type": "string", "pattern": sort_pattern(&(route.sorts?)())}),
        ("query", "format") => json!({"type": "string", "enum": ["csv", "xlsx"]}),
        ("query", "pool") => comma_list(&["public", "potential", "won", "invalid"]),
        ("query", "region_code") => comma_list(&["[0-9]{6}"]),
        ("query", "id") => comma_list(&["[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"]),
        ("query", "entity") | ("path", "entity") if path.contains("recycle-bin") => json!({"type": "string", "enum": crm_persistence::registry::restorable_names()}),
        ("path", "kind") if path.contains("dictionaries") => {
            json!({"type": "string", "enum": crm_persistence::dictionaries::SEED.iter().map(|(k, _)| *k).collect::<Vec<_>>()})
        }
        // The zones chrono-tz knows, stated once as a component.
        ("query", "tz") => json!({"$ref": "#/components/schemas/TimeZone"}),
        ("query", n) if n == "from" || n == "to" || n.ends_with("_from") || n.ends_with("_to") || n.ends_with("_since") => json!({
            "description": "an RFC 3339 time, or a date (as an upper bound: the end of that day)",
            "anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}],
        }),
        ("query", n) if n.ends_with("_min") || n.ends_with("_max") => json!({"type": "string", "pattern": DECIMAL_PATTERN}),
        _ => return None,
    })
}

/// A decimal amount as the list filters and money fields read it.
pub const DECIMAL_PATTERN: &str = "^-?[0-9]{1,15}(\\.[0-9]{1,6})?$";

/// Applies the shared rules to `doc` (the document as JSON).
pub fn apply(doc: &mut Value, routes: &[RouteInfo]) {
    if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        let zones: Vec<&str> = crm_domain::calendar::Calendar::zone_names().collect();
        schemas.insert("TimeZone".into(), json!({"type": "string", "description": "an IANA time zone name, e.g. Asia/Shanghai", "enum": zones}));
        // utoipa states `deny_unknown_fields` for structs but not for the variants of an
        // internally tagged enum, which refuse unknown keys all the same (400).
        for variant in schemas.get_mut("Approver").and_then(|a| a.get_mut("oneOf")).and_then(Value::as_array_mut).into_iter().flatten() {
            if let Some(v) = variant.as_object_mut() {
                v.insert("additionalProperties".into(), json!(false));
            }
        }
    }
    let rules = field_rules();
    for name in input_schemas(doc) {
        if let Some(s) = doc.pointer_mut(&format!("/components/schemas/{name}")) {
            apply_field_rules(&name, s, &rules);
            text_rule(s, None);
        }
    }
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for op in paths.values_mut().filter_map(Value::as_object_mut).flat_map(|p| p.values_mut()) {
            if let Some(body) = op.pointer_mut("/requestBody/content/application~1json/schema") {
                text_rule(body, None);
            }
        }
    }
    for r in routes {
        let method = r.method.as_str().to_ascii_lowercase();
        let Some(op) = doc.pointer_mut(&format!("/paths/{}/{method}", r.path.replace('~', "~0").replace('/', "~1"))).and_then(Value::as_object_mut) else {
            continue;
        };
        apply_to_operation(op, r, &method);
    }
}

fn apply_to_operation(op: &mut Map<String, Value>, r: &RouteInfo, method: &str) {
    let has_body = op.contains_key("requestBody");
    let params = op.entry("parameters").or_insert_with(|| json!([]));
    let mut takes_if_match = false;
    if let Some(list) = params.as_array_mut() {
        for p in list.iter_mut() {
            let (place, name) = (p.get("in").cloned().unwrap_or_default(), p.get("name").and_then(Value::as_str).unwrap_or_default().to_string());
            if p.get("schema").is_some_and(plain_string) {
                if let Some(rule) = parameter_rule(r, place.as_str().unwrap_or_default(), &name) {
                    set(p, "schema", rule);
                }
            }
            if (place == json!("query") || place == json!("path")) && p.get("schema").is_some_and(plain_string) {
                // `text_input`: one line, and not empty unless an empty search or sort.
                if let Some(schema) = p.get_mut("schema") {
                    set(schema, "pattern", json!(ONE_LINE));
                }
                if place == json!("path") || !matches!(name.as_str(), "q" | "sort") {
                    if let Some(schema) = p.get_mut("schema") {
                        set(schema, "minLength", json!(1));
                    }
                }
            }
            if p.get("in") == Some(&json!("header")) && p.get("name") == Some(&json!("Range")) {
                set(p, "schema", json!({"type": "string", "pattern": RANGE_PATTERN, "example": "bytes=0-1023"}));
            }
            if p.get("in") == Some(&json!("header")) && p.get("name") == Some(&json!("If-Match")) {
                takes_if_match = true;
                set(p, "schema", json!({"type": "string", "pattern": IF_MATCH_PATTERN, "example": "\"3\""}));
                set(p, "description", json!("the record's version from its ETag: stale → 412 and nothing changes"));
            }
        }
        list.retain(|p| !(p.get("in") == Some(&json!("header")) && p.get("name") == Some(&json!("Idempotency-Key"))));
        if method == "post" {
            list.push(json!({
                "name": "Idempotency-Key", "in": "header", "required": false,
                "description": "a key of the client's making, new for each request (a UUID, say): a retry with the same key and body within 24 h gets the first answer and does nothing again",
                "schema": {"type": "string", "pattern": IDEMPOTENCY_KEY_PATTERN},
            }));
        }
        if list.is_empty() {
            op.remove("parameters");
        }
    }
    let responses = op.entry("responses").or_insert_with(|| json!({}));
    let Some(responses) = responses.as_object_mut() else { return };
    for (status, response) in responses.iter_mut() {
        if status.starts_with('4') || status.starts_with('5') {
            if let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) {
                if let Some(body) = content.remove("application/json") {
                    content.insert("application/problem+json".into(), body);
                }
            }
        }
    }
    add(responses, "400", problem("`query.invalid` / `path.invalid` / `body.invalid`: a malformed or out-of-range parameter or body, or text with control characters"));
    if r.access != Access::Public {
        add(responses, "401", problem("no token, or an invalid or expired one, or a session that has ended"));
    }
    match r.access {
        Access::Perm(p) => add(responses, "403", problem(&format!("the caller's roles (or the API token's scopes) lack `{}`", p.code()))),
        Access::Session => add(responses, "403", problem("`auth.session_required`: API tokens cannot call this; sign in as a person")),
        _ => {}
    }
    if r.path.contains('{') && r.access != Access::Public {
        add(responses, "404", problem("`*.not_found`: no such record, or one outside the caller's data scope (the two are not told apart)"));
    }
    if has_body {
        add(responses, "413", problem("`body.too_large`: the body is larger than 1 MiB"));
        add(responses, "415", problem("`body.unsupported_media_type`: send Content-Type: application/json"));
        add(responses, "422", problem("`validation.failed`: a field breaks a rule; `errors` names each"));
    }
    if method == "post" {
        add(responses, "409", problem("`idempotency.in_progress`: a request with this Idempotency-Key is still running"));
        add(responses, "422", problem("`idempotency.key_reused`: the Idempotency-Key was used with another body"));
    }
    if takes_if_match {
        add(responses, "412", problem("`version.stale`: the record changed since the version in If-Match"));
    }
    if method == "get" && r.path.ends_with("/export") {
        add(
            responses,
            "429",
            with_headers(problem("`export.too_many_running`: the caller is streaming as many exports as one person may at once (`--user-jobs`); or `rate_limited`"), rate_limit_headers()),
        );
    }
    add(responses, "429", with_headers(problem("`rate_limited`: the caller's request budget is spent (or a sign-in throttle holds)"), rate_limit_headers()));
    add(responses, "503", with_headers(problem("`database.unavailable`: the database cannot be reached right now"), json!({"Retry-After": retry_after()})));
}
