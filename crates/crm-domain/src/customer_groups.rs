//! Customer groups [客户分组] (CUS-3): a named set of customers a user keeps for
//! themselves, or shares with everyone who may read groups. Membership is managed within
//! the caller's data scope; a customer may be in any number of groups.

use crate::validate::Validator;
use crate::DomainResult;

// A new group; also what a patch applies to.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewCustomerGroup, example = json!({"name": "华东重点客户", "description": "本季度重点跟进", "shared": true}))]
pub struct CustomerGroupInput {
    /// Unique among the owner's live groups (case and spacing ignored); at most 100.
    pub name: String,
    /// At most 500 characters; line breaks allowed.
    pub description: Option<String>,
    /// Visible to everyone who may read groups; otherwise to the owner and those whose
    /// data scope covers the owner. False when absent.
    #[serde(default)]
    pub shared: bool,
}

crate::patch!(
    /// Fields to change; absent fields stay, `null` clears the description.
    #[schema(example = json!({"shared": false}))]
    pub struct CustomerGroupPatch for CustomerGroupInput { name: String, shared: bool; description: String }
);

impl CustomerGroupInput {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, 100);
        self.description = v.optional_text("description", self.description.as_deref(), 500);
        v.finish()?;
        Ok(self)
    }
}

/// At most this many customers in one membership change.
pub const MAX_MEMBERS_PER_CHANGE: usize = 1000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let current = CustomerGroupInput { name: "A".into(), description: Some("d".into()), shared: true };
        let p: CustomerGroupPatch = serde_json::from_str(r#"{"description": null}"#).unwrap();
        let next = p.apply(current);
        assert_eq!((next.name.as_str(), next.description, next.shared), ("A", None, true));
        assert!(serde_json::from_str::<CustomerGroupPatch>(r#"{"owner_id": "x"}"#).is_err());
    }

    #[test]
    fn names_are_required_and_bounded() {
        let bad = CustomerGroupInput { name: " ".into(), description: None, shared: false }.validate().unwrap_err();
        assert_eq!(bad.errors[0].field, "name");
        assert!(CustomerGroupInput { name: "x".repeat(101), description: None, shared: false }.validate().is_err());
    }
}
