//! Field-level diffs for the operation log.

use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FieldChange {
    #[schema(example = "display_name")]
    pub field: String,
    /// Any JSON value; null when the field was not set.
    #[schema(example = "张三")]
    pub before: Value,
    #[schema(example = "张三丰")]
    pub after: Value,
}

/// Bookkeeping fields change on every write and say nothing a reader needs.
const IGNORED: &[&str] = &["version", "updated_at", "created_at", "password_hash"];

/// The fields whose values differ between two JSON objects. A create is a diff from
/// `Null`, a delete a diff to `Null`.
pub fn diff(before: &Value, after: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !IGNORED.contains(&k.as_str()))
        .filter_map(|k| {
            let bv = b.get(k).cloned().unwrap_or(Value::Null);
            let av = a.get(k).cloned().unwrap_or(Value::Null);
            (bv != av).then(|| FieldChange { field: k.clone(), before: bv, after: av })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_lists_changed_fields_only() {
        let d = diff(&json!({"name": "a", "x": 1, "version": 1}), &json!({"name": "b", "x": 1, "version": 2, "y": true}));
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].field, "name");
        assert_eq!(d[1], FieldChange { field: "y".into(), before: Value::Null, after: json!(true) });
    }
}
