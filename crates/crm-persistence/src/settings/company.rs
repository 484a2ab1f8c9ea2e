//! The company's own details (`GET/PUT /settings/company`): the header of the documents
//! the CRM prints (a quote's PDF), in each language the documents are printed in.

use crm_domain::validate::Validator;
use crm_domain::DomainResult;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::{Ctx, Db};

const KEY: &str = "company";

/// The header a document prints; every field may be empty.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CompanyProfile, example = json!({"name": "杭州云帆信息技术有限公司", "address": "杭州市滨江区网商路 699 号", "phone": "0571-88886666",
    "email": "sales@yunfan.example.com", "website": "https://yunfan.example.com", "tax_number": "91330108MA2B3C4D5E", "bank_name": "招商银行杭州分行", "bank_account": "5719 0123 4567 890"}))]
pub struct CompanyProfile {
    /// At most 200 characters.
    pub name: Option<String>,
    /// At most 500 characters.
    pub address: Option<String>,
    /// At most 50 characters.
    pub phone: Option<String>,
    /// At most 254 characters.
    pub email: Option<String>,
    /// At most 200 characters.
    pub website: Option<String>,
    /// The unified social credit code [统一社会信用代码], at most 50 characters.
    pub tax_number: Option<String>,
    /// At most 100 characters.
    pub bank_name: Option<String>,
    /// At most 50 characters.
    pub bank_account: Option<String>,
}

impl CompanyProfile {
    fn validate(self) -> DomainResult<Self> {
        let mut v = Validator::new();
        let out = CompanyProfile {
            name: v.optional("name", self.name.as_deref(), 200),
            address: v.optional("address", self.address.as_deref(), 500),
            phone: v.optional("phone", self.phone.as_deref(), 50),
            email: v.email("email", self.email.as_deref()),
            website: v.optional("website", self.website.as_deref(), 200),
            tax_number: v.optional("tax_number", self.tax_number.as_deref(), 50),
            bank_name: v.optional("bank_name", self.bank_name.as_deref(), 100),
            bank_account: v.optional("bank_account", self.bank_account.as_deref(), 50),
        };
        v.finish()?;
        Ok(out)
    }
}

/// `GET /settings/company`.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = CompanySettings)]
pub struct CompanyView {
    pub profile: CompanyProfile,
    /// For If-Match on `PUT`; 0 before the first save.
    pub version: i32,
}

/// The stored profile, empty before the first save.
pub async fn get(db: &impl sea_orm::ConnectionTrait) -> DomainResult<CompanyProfile> {
    Ok(super::get::<CompanyProfile>(db, KEY).await?.map(|(p, _)| p).unwrap_or_default())
}

pub async fn view(db: &Db) -> DomainResult<CompanyView> {
    let stored = super::get::<CompanyProfile>(db, KEY).await?;
    let version = stored.as_ref().map_or(0, |(_, v)| *v);
    Ok(CompanyView { profile: stored.map(|(p, _)| p).unwrap_or_default(), version })
}

pub async fn put(db: &Db, ctx: &Ctx, input: CompanyProfile, if_match: Option<i32>) -> DomainResult<CompanyView> {
    let input = input.validate()?;
    let (profile, version) = super::save(db, ctx, KEY, if_match, |p: &CompanyProfile| json!(p), |_| Ok(input)).await?;
    Ok(CompanyView { profile, version })
}
