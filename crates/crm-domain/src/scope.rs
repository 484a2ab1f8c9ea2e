//! Data scope: which owners' records a role lets its holder see.

use serde::{Deserialize, Serialize};

/// Which owners' records a role sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = DataScopeDto)]
pub enum DataScope {
    #[serde(rename = "self")]
    Own,
    SelfAndSubordinates,
    Department,
    DepartmentTree,
    All,
}

impl DataScope {
    pub const ALL_VALUES: [DataScope; 5] = [
        DataScope::Own,
        DataScope::SelfAndSubordinates,
        DataScope::Department,
        DataScope::DepartmentTree,
        DataScope::All,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DataScope::Own => "self",
            DataScope::SelfAndSubordinates => "self_and_subordinates",
            DataScope::Department => "department",
            DataScope::DepartmentTree => "department_tree",
            DataScope::All => "all",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL_VALUES.into_iter().find(|v| v.as_str() == s)
    }
}

/// The scopes a user holds through all their roles. Rights are the union of the roles,
/// so visibility is the union of what each scope reveals, not the "widest" scope alone:
/// `self_and_subordinates` and `department` are not nested in one another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EffectiveScope {
    scopes: Vec<DataScope>,
}

impl EffectiveScope {
    pub fn new(mut scopes: Vec<DataScope>) -> Self {
        scopes.sort();
        scopes.dedup();
        if scopes.contains(&DataScope::All) {
            scopes = vec![DataScope::All];
        }
        if scopes.contains(&DataScope::DepartmentTree) {
            scopes.retain(|s| *s != DataScope::Department);
        }
        if scopes.contains(&DataScope::SelfAndSubordinates) {
            scopes.retain(|s| *s != DataScope::Own);
        }
        Self { scopes }
    }
    pub fn is_all(&self) -> bool {
        self.scopes.contains(&DataScope::All)
    }
    pub fn scopes(&self) -> &[DataScope] {
        &self.scopes
    }
    /// The widest single scope, for display. A user without roles sees only their own records.
    pub fn widest(&self) -> DataScope {
        self.scopes.iter().copied().max().unwrap_or(DataScope::Own)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_drops_nested_scopes() {
        let s = EffectiveScope::new(vec![DataScope::Own, DataScope::Department, DataScope::SelfAndSubordinates]);
        assert_eq!(s.scopes(), &[DataScope::SelfAndSubordinates, DataScope::Department]);
        assert_eq!(s.widest(), DataScope::Department);
        assert!(EffectiveScope::new(vec![DataScope::Own, DataScope::All]).is_all());
        assert_eq!(EffectiveScope::new(vec![]).widest(), DataScope::Own);
    }

    #[test]
    fn parses_wire_names() {
        for s in DataScope::ALL_VALUES {
            assert_eq!(DataScope::parse(s.as_str()), Some(s));
        }
        assert_eq!(DataScope::parse("everything"), None);
    }
}
