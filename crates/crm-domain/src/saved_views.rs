//! Saved list views (a user's named filters, sort and columns for one list page).

use std::collections::BTreeMap;

use crate::validate::Validator;
use crate::DomainResult;

/// The list pages that have saved views.
pub const RESOURCES: &[&str] = &["customers", "interactions", "products", "suppliers"];
/// Views per user and list page.
pub const MAX_VIEWS: u64 = 50;

#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewSavedView, example = json!({"resource": "customers", "name": "我的潜在客户", "query": {"pool": "potential", "level": "a"}, "columns": ["code", "name", "level"], "is_default": true}))]
pub struct ViewInput {
    pub resource: String,
    pub name: String,
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub is_default: bool,
}

crate::patch!(
    #[schema(example = json!({"is_default": true}))]
    pub struct SavedViewPatch for ViewInput { name: String, query: BTreeMap<String, String>, columns: Vec<String>, is_default: bool; }
);

impl ViewInput {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        if !RESOURCES.contains(&self.resource.as_str()) {
            v.add("resource", "unknown", format!("one of: {}", RESOURCES.join(", ")));
        }
        self.name = v.required("name", &self.name, 50);
        if self.query.len() > 30 {
            v.add("query", "too_many", "at most 30 parameters");
        }
        for (k, val) in &self.query {
            if k.is_empty() || k.len() > 64 || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                v.add("query", "invalid", format!("'{k}' is not a query parameter name"));
            }
            if val.chars().count() > 500 {
                v.add("query", "too_long", format!("the value of '{k}' is longer than 500 characters"));
            }
            if k == "page" {
                v.add("query", "invalid", "a view does not keep the page number");
            }
        }
        self.columns.dedup();
        if self.columns.len() > 60 || self.columns.iter().any(|c| c.is_empty() || c.chars().count() > 64) {
            v.add("columns", "invalid", "at most 60 column names of up to 64 characters");
        }
        v.finish()?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(resource: &str, query: &[(&str, &str)]) -> ViewInput {
        ViewInput {
            resource: resource.into(),
            name: "我的潜在客户".into(),
            query: query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            columns: vec!["name".into(), "owner".into()],
            is_default: false,
        }
    }

    #[test]
    fn views_name_a_known_list_and_plain_parameters() {
        assert!(view("customers", &[("pool", "potential"), ("sort", "-updated_at")]).validate().is_ok());
        assert!(view("orders_of_mars", &[]).validate().is_err());
        assert!(view("customers", &[("page", "3")]).validate().is_err());
        assert!(view("customers", &[("bad key", "x")]).validate().is_err());
    }
}
