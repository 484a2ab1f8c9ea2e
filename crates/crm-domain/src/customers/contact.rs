//! Contacts of a customer (CUS-2).

use chrono::NaiveDate;
use uuid::Uuid;

use crate::error::DomainResult;
use crate::system::Patch;
use crate::validate::Validator;

#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
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

impl NewContact {
    pub fn validate(mut self, today: NaiveDate) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.name = v.required("name", &self.name, 100);
        self.title = v.optional("title", self.title.as_deref(), 100);
        self.phone = v.phone("phone", self.phone.as_deref());
        self.mobile = v.phone("mobile", self.mobile.as_deref());
        self.email = v.email("email", self.email.as_deref());
        self.wechat = v.optional("wechat", self.wechat.as_deref(), 64);
        self.remark = v.optional_text("remark", self.remark.as_deref(), 2000);
        if self.birthday.is_some_and(|b| b > today) {
            v.add("birthday", "in_future", "cannot be in the future");
        }
        v.finish()?;
        Ok(self)
    }
}

/// Fields to change; absent fields stay, `null` clears.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"is_primary": true, "title": "总经理"}))]
pub struct ContactPatch {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub title: Patch<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub phone: Patch<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub mobile: Patch<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub email: Patch<String>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub wechat: Patch<String>,
    pub is_primary: Option<bool>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<NaiveDate>)]
    pub birthday: Patch<NaiveDate>,
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub remark: Patch<String>,
}

impl ContactPatch {
    pub fn validate(mut self, today: NaiveDate) -> DomainResult<Self> {
        let mut v = Validator::new();
        if let Some(n) = &self.name {
            self.name = Some(v.required("name", n, 100));
        }
        if let Some(t) = &self.title {
            self.title = Some(v.optional("title", t.as_deref(), 100));
        }
        if let Some(p) = &self.phone {
            self.phone = Some(v.phone("phone", p.as_deref()));
        }
        if let Some(m) = &self.mobile {
            self.mobile = Some(v.phone("mobile", m.as_deref()));
        }
        if let Some(e) = &self.email {
            self.email = Some(v.email("email", e.as_deref()));
        }
        if let Some(w) = &self.wechat {
            self.wechat = Some(v.optional("wechat", w.as_deref(), 64));
        }
        if let Some(r) = &self.remark {
            self.remark = Some(v.optional_text("remark", r.as_deref(), 2000));
        }
        if let Some(Some(b)) = self.birthday {
            if b > today {
                v.add("birthday", "in_future", "cannot be in the future");
            }
        }
        v.finish()?;
        Ok(self)
    }
}
