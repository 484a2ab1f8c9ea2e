use chrono::{DateTime, NaiveDate, Utc};
use crm_domain::customers::contact as d;
use crm_persistence::customers::contacts::ContactView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e61", "customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "李经理",
    "title": "采购经理", "phone": "021-5080 1234", "mobile": "13800138000", "email": "li@hd-precision.cn", "wechat": "li_hd",
    "is_primary": true, "birthday": "1985-06-01", "remark": null, "version": 1, "created_at": "2026-11-24T09:30:00Z", "updated_at": "2026-11-24T09:30:00Z"}))]
pub struct Contact {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
    /// One primary contact per customer; setting one unsets the other.
    pub is_primary: bool,
    pub birthday: Option<NaiveDate>,
    pub remark: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ContactView> for Contact {
    fn from(v: ContactView) -> Self {
        Self {
            id: v.id,
            customer_id: v.customer_id,
            name: v.name,
            title: v.title,
            phone: v.phone,
            mobile: v.mobile,
            email: v.email,
            wechat: v.wechat,
            is_primary: v.is_primary,
            birthday: v.birthday,
            remark: v.remark,
            version: v.version,
            created_at: v.created_at,
            updated_at: v.updated_at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"customer_id": "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4e5f", "name": "李经理", "title": "采购经理", "mobile": "13800138000", "is_primary": true}))]
pub struct NewContact {
    pub customer_id: Uuid,
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
    #[serde(default)]
    pub is_primary: bool,
    pub birthday: Option<NaiveDate>,
    pub remark: Option<String>,
}

impl From<NewContact> for d::NewContact {
    fn from(c: NewContact) -> Self {
        Self {
            customer_id: c.customer_id,
            name: c.name,
            title: c.title,
            phone: c.phone,
            mobile: c.mobile,
            email: c.email,
            wechat: c.wechat,
            is_primary: c.is_primary,
            birthday: c.birthday,
            remark: c.remark,
        }
    }
}

/// Fields to change; absent fields stay, `null` clears.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"is_primary": true, "title": "总经理"}))]
pub struct ContactPatch {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub title: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub mobile: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub wechat: Option<Option<String>>,
    pub is_primary: Option<bool>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<NaiveDate>)]
    pub birthday: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub remark: Option<Option<String>>,
}

impl From<ContactPatch> for d::ContactPatch {
    fn from(p: ContactPatch) -> Self {
        Self {
            name: p.name,
            title: p.title,
            phone: p.phone,
            mobile: p.mobile,
            email: p.email,
            wechat: p.wechat,
            is_primary: p.is_primary,
            birthday: p.birthday,
            remark: p.remark,
        }
    }
}
