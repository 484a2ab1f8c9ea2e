//! Customer input and the normalisation behind duplicate checks (CUS-6).

use serde::{Deserialize, Serialize};

use crate::error::DomainResult;
use crate::validate::Validator;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    Company,
    Person,
}

impl CustomerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerKind::Company => "company",
            CustomerKind::Person => "person",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "company" => Some(Self::Company),
            "person" => Some(Self::Person),
            _ => None,
        }
    }
}

pub const NAME_MAX: usize = 200;

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "上海华东精密机械有限公司", "kind": "company", "industry": "manufacturing", "source": "exhibition", "level": "a",
    "province": "上海", "city": "上海", "phone": "+86 21 5080 1234", "email": "info@hd-precision.cn", "tags": ["重点"]}))]
pub struct NewCustomer {
    /// At most 200 characters; duplicates (by normalised name) are refused.
    pub name: String,
    #[serde(default = "company")]
    pub kind: CustomerKind,
    pub industry: Option<String>,
    pub source: Option<String>,
    pub level: Option<String>,
    /// The region by its GB/T 2260 code (`regions`, the deepest level chosen): its names
    /// fill `province`, `city` and `district`. Without it, names that are a region of the
    /// data set get its code; other names are kept as written, with no code.
    #[schema(example = "310115")]
    pub region_code: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub remark: Option<String>,
}

fn company() -> CustomerKind {
    CustomerKind::Company
}

fn tags(v: &mut Validator, tags: &mut Vec<String>) {
    for t in tags.iter_mut() {
        *t = t.trim().to_string();
    }
    tags.retain(|t| !t.is_empty());
    tags.sort();
    tags.dedup();
    if tags.len() > 20 {
        v.add("tags", "too_many", "at most 20 tags");
    }
    if tags.iter().any(|t| t.chars().count() > 32) {
        v.add("tags", "too_long", "each tag at most 32 characters");
    }
}

impl NewCustomer {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, NAME_MAX);
        self.province = v.optional("province", self.province.as_deref(), 50);
        self.city = v.optional("city", self.city.as_deref(), 50);
        self.district = v.optional("district", self.district.as_deref(), 50);
        self.region_code = crate::regions::settle(&mut v, self.region_code.as_deref(), &mut [&mut self.province, &mut self.city, &mut self.district]);
        self.address = v.optional("address", self.address.as_deref(), 300);
        self.phone = v.phone("phone", self.phone.as_deref());
        self.email = v.email("email", self.email.as_deref());
        self.website = v.optional("website", self.website.as_deref(), 200);
        self.remark = v.optional_text("remark", self.remark.as_deref(), 2000);
        self.industry = v.optional("industry", self.industry.as_deref(), 64);
        self.source = v.optional("source", self.source.as_deref(), 64);
        self.level = v.optional("level", self.level.as_deref(), 64);
        tags(&mut v, &mut self.tags);
        v.finish()?;
        Ok(self)
    }
}

crate::patch!(
    /// Fields to change; absent fields stay, `null` clears.
    #[schema(example = json!({"level": "b", "phone": null, "tags": ["华东"]}))]
    pub struct CustomerPatch for NewCustomer {
        name: String, kind: CustomerKind, tags: Vec<String>;
        region_code: String, industry: String, source: String, level: String, province: String, city: String, district: String,
        address: String, phone: String, email: String, website: String, remark: String
    }
);

/// The key two names are duplicates under: case, width, spacing, invisible characters and
/// Unicode spelling (`text_keys::fold`) ignored, and the company suffixes people add or
/// drop (有限公司, Co., Ltd.) removed.
pub fn normalise_name(name: &str) -> String {
    let lower: String = crate::text_keys::fold(name)
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !"（）()·.,，。-_&'\"".contains(*c))
        .collect();
    let mut s = lower;
    for suffix in ["股份有限公司", "有限责任公司", "有限公司", "公司", "coltd", "co", "ltd", "limited", "inc", "corporation", "corp", "llc", "gmbh"] {
        if s.len() > suffix.len() {
            if let Some(stripped) = s.strip_suffix(suffix) {
                s = stripped.to_string();
            }
        }
    }
    s
}

/// The key two phone numbers are duplicates under: E.164 (`text_keys::phone_key`).
pub fn normalise_phone(phone: &str) -> String {
    crate::text_keys::phone_key(phone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_across_suffixes_case_and_width() {
        assert_eq!(normalise_name("华为技术有限公司"), normalise_name(" 华为技术 "));
        assert_eq!(normalise_name("ACME Co., Ltd."), normalise_name("acme"));
        assert_eq!(normalise_name("ＡＢＣ 科技"), normalise_name("abc科技"));
        assert_ne!(normalise_name("华为"), normalise_name("华三"));
    }

    #[test]
    fn names_with_invisible_characters_or_decomposed_accents_are_the_same() {
        let plain = normalise_name("Café Ltd");
        for same in ["Caf\u{200B}é Ltd", "Ca\u{00AD}fé", "\u{FEFF}Café", "Cafe\u{0301} Ltd", "\u{200F}Café\u{202A}"] {
            assert_eq!(normalise_name(same), plain, "{same:?}");
        }
    }

    #[test]
    fn phones_normalise() {
        assert_eq!(normalise_phone("+86 138-0013-8000"), "+8613800138000");
        assert_eq!(normalise_phone("0086 13800138000"), normalise_phone("13800138000"));
        assert_eq!(normalise_phone("(010) 6552 9988"), "+861065529988");
    }
}

/// The text `q` searches for a customer: its own keys and its contacts' names and phones,
/// lowercased (the search lowercases `q` the same way) and joined by spaces.
pub fn search_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod search_text_tests {
    #[test]
    fn joins_lowercased_non_empty_parts() {
        assert_eq!(super::search_text(["上海ABC有限公司", "", " C0000001 ", "Li@X.cn"]), "上海abc有限公司 c0000001 li@x.cn");
    }
}
