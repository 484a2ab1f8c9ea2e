use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, Default, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "customers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub code: String,
    /// The sequence number behind `code`: a stable integer key for SQLite's FTS5 table.
    pub seq: i64,
    pub name: String,
    /// `normalise_name(name)`, the duplicate-check key.
    pub name_norm: String,
    pub kind: String,
    pub industry: Option<String>,
    pub source: Option<String>,
    pub level: Option<String>,
    /// GB/T 2260 code of the deepest region level (`crm_domain::regions`), when the
    /// names are a region of the data set.
    pub region_code: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub phone_norm: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub tags: Json,
    pub remark: Option<String>,
    pub owner_id: Option<Uuid>,
    pub pool: String,
    pub deal_status: String,
    pub last_follow_up_at: Option<DateTimeUtc>,
    pub next_follow_up_at: Option<DateTimeUtc>,
    /// Why it was last released or invalidated.
    pub pool_reason: Option<String>,
    pub released_by: Option<Uuid>,
    pub released_at: Option<DateTimeUtc>,
    /// When the current owner got it; the pool rules measure from here.
    pub owned_since: Option<DateTimeUtc>,
    pub version: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
    pub deleted_by: Option<Uuid>,
    /// Lowercase name, code, phone, e-mail and contacts' names and phones, for `q`.
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
