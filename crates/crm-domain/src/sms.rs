//! Text messages through an HTTP gateway: the administrator describes the gateway's
//! request (URL, method, headers, a body template with `{{to}}` and `{{text}}`), and each
//! message is that request with the recipient and the text filled in, escaped for the
//! body's declared type.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::DomainResult;
use crate::locale::Lang;
use crate::validate::Validator;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum SmsMethod {
    Post,
    Put,
    /// No body: `{{to}}` and `{{text}}` go into the URL's query.
    Get,
}

/// `PUT /settings/sms`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"url": "https://sms.example.com/api/send", "method": "POST",
    "headers": {"Content-Type": "application/json", "X-Api-Key": "key-from-the-gateway"},
    "body_template": "{\"phone\": \"{{to}}\", \"content\": \"{{text}}\"}", "secret": "shared-hmac-secret"}))]
pub struct SmsInput {
    /// `http://` or `https://`; may hold `{{to}}` and `{{text}}` (URL-encoded when filled in).
    pub url: String,
    pub method: SmsMethod,
    /// Sent with every message (an API key, the body's `Content-Type`).
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The body with `{{to}}` (the number, E.164) and `{{text}}` (the message), filled in
    /// JSON-escaped when `Content-Type` names JSON, form-encoded for
    /// `application/x-www-form-urlencoded`, as they are otherwise.
    #[serde(default)]
    pub body_template: String,
    /// Write-only. When set, each request carries `X-CRM-Signature: t=<unix seconds>,v1=<hex
    /// HMAC-SHA256 of "<t>.<body>" under this secret>`. Absent keeps the stored one, `null`
    /// removes it; stored sealed.
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub secret: Option<Option<String>>,
}

pub const MAX_HEADERS: usize = 20;

impl SmsInput {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.url = self.url.trim().to_string();
        let lower = self.url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) || self.url.len() > 2000 || self.url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            v.add("url", "invalid", "an http:// or https:// address of at most 2000 characters");
        }
        if self.headers.len() > MAX_HEADERS {
            v.add("headers", "too_many", format!("at most {MAX_HEADERS} headers"));
        }
        for (name, value) in &self.headers {
            let token = !name.is_empty() && name.len() <= 64 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !token || name.eq_ignore_ascii_case("content-length") || name.eq_ignore_ascii_case("host") {
                v.add("headers", "invalid", format!("'{name}' is not a header a message may set"));
            }
            if value.len() > 1000 || value.chars().any(|c| c.is_control()) {
                v.add("headers", "invalid", format!("the value of '{name}' must be one line of at most 1000 bytes"));
            }
        }
        if self.body_template.chars().count() > 4000 {
            v.add("body_template", "too_long", "at most 4000 characters");
        }
        if self.method == SmsMethod::Get && !self.body_template.is_empty() {
            v.add("body_template", "invalid", "a GET request has no body; put {{to}} and {{text}} in the URL");
        }
        if !self.url.contains("{{to}}") && !self.body_template.contains("{{to}}") {
            v.add("body_template", "required", "the URL or the body must say where {{to}} goes");
        }
        if let Some(Some(s)) = &self.secret {
            if s.is_empty() || s.len() > 512 {
                v.add("secret", "invalid", "1 to 512 bytes; null removes it");
            }
        }
        v.finish()?;
        Ok(self)
    }
}

/// How filled-in values are written into the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    Json,
    Form,
    Raw,
}

impl Escape {
    /// From the configured `Content-Type` header.
    pub fn for_headers(headers: &BTreeMap<String, String>) -> Self {
        let ct = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.to_ascii_lowercase()).unwrap_or_default();
        if ct.contains("json") {
            Escape::Json
        } else if ct.contains("x-www-form-urlencoded") {
            Escape::Form
        } else {
            Escape::Raw
        }
    }

    fn apply(self, s: &str) -> String {
        match self {
            Escape::Json => {
                let quoted = serde_json::Value::String(s.to_string()).to_string();
                quoted.get(1..quoted.len() - 1).unwrap_or_default().to_string()
            }
            Escape::Form => form_urlencoded::byte_serialize(s.as_bytes()).collect(),
            Escape::Raw => s.to_string(),
        }
    }
}

/// `template` with `{{to}}` and `{{text}}` filled in, escaped as `escape` says.
pub fn fill(template: &str, to: &str, text: &str, escape: Escape) -> String {
    template.replace("{{to}}", &escape.apply(to)).replace("{{text}}", &escape.apply(text))
}

/// The test message of `POST /settings/sms/test`.
pub fn test_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "【CRM】短信设置测试：这条短信说明 CRM 可以通过短信网关发出短信。",
        Lang::En => "[CRM] SMS settings test: the CRM can send text messages through the gateway.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_escaped_for_the_body_they_go_into() {
        let text = "客户「华为」\"到期\"\n & more";
        let json_body = fill(r#"{"to":"{{to}}","msg":"{{text}}"}"#, "+8613800138000", text, Escape::Json);
        let parsed: serde_json::Value = serde_json::from_str(&json_body).unwrap();
        assert_eq!(parsed["msg"], text);
        assert_eq!(fill("to={{to}}&msg={{text}}", "+86 138", "a&b=c", Escape::Form), "to=%2B86+138&msg=a%26b%3Dc");
        assert_eq!(fill("{{text}}", "", "x&y", Escape::Raw), "x&y");
    }

    #[test]
    fn settings_are_checked() {
        let ok: SmsInput = serde_json::from_value(json!({"url": "https://sms.example.com/send", "method": "POST", "headers": {"Content-Type": "application/json"}, "body_template": "{\"p\":\"{{to}}\"}"})).unwrap();
        assert!(ok.validate().is_ok());
        let bad: SmsInput = serde_json::from_value(json!({"url": "ftp://x", "method": "GET", "headers": {"Bad Header": "x", "X-Ok": "a\nb"}, "body_template": "x", "secret": ""})).unwrap();
        let fields: Vec<String> = bad.validate().unwrap_err().errors.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["url", "headers", "headers", "body_template", "body_template", "secret"]);
    }
}
