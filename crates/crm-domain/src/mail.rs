//! Outgoing e-mail: the SMTP settings an administrator gives, checked, and the messages
//! notifications become, in the recipient's language.

use serde::{Deserialize, Serialize};

use crate::error::DomainResult;
use crate::locale::Lang;
use crate::validate::Validator;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain text (a relay on the same host or network only).
    None,
    /// Plain connect, then STARTTLS; refused when the server does not offer it.
    Starttls,
    /// TLS from the first byte (SMTPS, usually port 465).
    Tls,
}

/// `PUT /settings/smtp`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"host": "smtp.example.com", "port": 587, "security": "starttls", "username": "crm@example.com", "password": "app-password", "from": "crm@example.com", "from_name": "CRM"}))]
pub struct SmtpInput {
    /// A host name or IP address.
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// Sign-in name; none for a relay that takes mail without one.
    pub username: Option<String>,
    /// Write-only. Absent keeps the one stored, `null` removes it. Stored sealed
    /// (AES-256-GCM under the server's secret); `CRM_SMTP_PASSWORD` in the server's
    /// environment takes its place when set.
    #[serde(default, deserialize_with = "crate::patch::field")]
    #[schema(value_type = Option<String>)]
    pub password: Option<Option<String>>,
    /// The sender's address.
    pub from: String,
    /// The sender's name people see (e.g. the company's).
    pub from_name: Option<String>,
}

impl SmtpInput {
    pub fn validate(mut self) -> DomainResult<Self> {
        let mut v = Validator::new();
        self.host = v.required("host", &self.host, 253);
        if !self.host.is_empty() && !self.host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')) {
            v.add("host", "invalid", "a host name or IP address");
        }
        if self.port == 0 {
            v.add("port", "invalid", "a port from 1 to 65535");
        }
        self.username = v.optional("username", self.username.as_deref(), 254);
        if let Some(Some(p)) = &self.password {
            if p.is_empty() || p.chars().count() > 512 {
                v.add("password", "invalid", "1 to 512 bytes; null removes it");
            }
        }
        self.from = v.email("from", Some(&self.from)).unwrap_or_default();
        if self.from.is_empty() {
            v.add("from", "required", "the sender's address");
        }
        self.from_name = v.optional("from_name", self.from_name.as_deref(), 100);
        v.finish()?;
        Ok(self)
    }
}

/// An e-mail for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub body: String,
}

/// What a notification says by e-mail, in `lang`. `label` is the record's name, `actor`
/// who acted, `link` the page to open. Kinds without their own words get a general one.
pub fn notification_letter(lang: Lang, kind: &str, label: &str, actor: Option<&str>, due: Option<&str>, link: &str) -> Letter {
    let who = actor.unwrap_or(match lang {
        Lang::Zh => "系统",
        Lang::En => "The system",
    });
    let (subject, line) = match (lang, kind) {
        (Lang::Zh, "customer.assigned") => (format!("客户「{label}」已分配给您"), format!("{who} 把客户「{label}」分配给了您。")),
        (Lang::Zh, "customer.transferred") => (format!("客户「{label}」已转移给您"), format!("{who} 把客户「{label}」转移给了您。")),
        (Lang::Zh, "customer.returned") => (format!("客户「{label}」已退回公海"), format!("客户「{label}」长期未跟进，已按公海规则退回公海。")),
        (Lang::Zh, "customer.shared") => (format!("{who} 与您共享了客户「{label}」"), format!("{who} 把您加为客户「{label}」的协作人。")),
        (Lang::Zh, "follow_up.due") => (format!("跟进提醒：{label}"), format!("客户「{label}」的下次跟进时间已到（{}）。", due.unwrap_or("现在"))),
        (Lang::Zh, "drive.shared") => (format!("{who} 与您共享了「{label}」"), format!("{who} 在企业云盘中与您共享了「{label}」，可在“共享给我”中找到。")),
        (Lang::Zh, "contract.ending") => (format!("合同即将到期：{label}"), format!("合同「{label}」将于 {} 到期。", due.unwrap_or("近期"))),
        (Lang::Zh, "payment_plan.due") => (format!("回款即将到期：{label}"), format!("回款计划「{label}」将于 {} 到期，请跟进回款。", due.unwrap_or("近期"))),
        (Lang::Zh, "payment_plan.overdue") => (format!("回款已逾期：{label}"), format!("回款计划「{label}」已于 {} 到期，尚未收齐。", due.unwrap_or("此前"))),
        (Lang::Zh, "export.ready") => (format!("导出完成：{label}"), format!("您在后台导出的文件「{label}」已保存到个人云盘的“导出”文件夹。")),
        (Lang::Zh, "export.failed") => (format!("导出失败：{label}"), format!("您在后台导出的「{label}」列表未能完成，可在“我的导出”中查看原因。")),
        (Lang::Zh, _) => (format!("新通知：{label}"), format!("「{label}」有新的动态。")),
        (Lang::En, "customer.assigned") => (format!("Customer {label} was assigned to you"), format!("{who} assigned the customer {label} to you.")),
        (Lang::En, "customer.transferred") => (format!("Customer {label} was transferred to you"), format!("{who} transferred the customer {label} to you.")),
        (Lang::En, "customer.returned") => (format!("Customer {label} went back to the public pool"), format!("The customer {label} had no follow-up for too long and the pool rules returned it to the public pool.")),
        (Lang::En, "customer.shared") => (format!("{who} shared the customer {label} with you"), format!("{who} made you a collaborator on the customer {label}.")),
        (Lang::En, "follow_up.due") => (format!("Follow-up due: {label}"), format!("The next follow-up of the customer {label} is due ({}).", due.unwrap_or("now"))),
        (Lang::En, "drive.shared") => (format!("{who} shared {label} with you"), format!("{who} shared {label} with you in the drive; find it under Shared with me.")),
        (Lang::En, "contract.ending") => (format!("Contract ending: {label}"), format!("The contract {label} ends on {}.", due.unwrap_or("soon"))),
        (Lang::En, "payment_plan.due") => (format!("Payment due: {label}"), format!("The instalment {label} falls due on {}; follow up on the payment.", due.unwrap_or("soon"))),
        (Lang::En, "payment_plan.overdue") => (format!("Payment overdue: {label}"), format!("The instalment {label} fell due on {} and is not fully paid.", due.unwrap_or("recently"))),
        (Lang::En, "export.ready") => (format!("Export ready: {label}"), format!("The file {label} you exported in the background is in the Exports folder (导出) of your personal drive.")),
        (Lang::En, "export.failed") => (format!("Export failed: {label}"), format!("The background export of the list {label} did not finish; My exports says why.")),
        (Lang::En, _) => (format!("New notification: {label}"), format!("There is news about {label}.")),
    };
    let (open, footer) = match lang {
        Lang::Zh => ("打开", "您收到这封邮件，是因为在通知设置中开启了邮件提醒。"),
        Lang::En => ("Open", "You get this e-mail because e-mail is on in your notification settings."),
    };
    Letter { subject, body: format!("{line}\n\n{open}: {link}\n\n--\n{footer}\n") }
}

/// The time or day a notice is about, as its letter says it: a moment (`due_at`) in UTC, or
/// a day (`due_date`, `end_date`) as it is.
pub fn due_of(data: &serde_json::Value) -> Option<String> {
    if let Some(t) = data.get("due_at").and_then(serde_json::Value::as_str).and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()) {
        return Some(t.format("%Y-%m-%d %H:%M UTC").to_string());
    }
    ["due_date", "end_date"].iter().find_map(|k| data.get(*k).and_then(serde_json::Value::as_str)).map(str::to_string)
}

/// The test message of `POST /settings/smtp/test`.
pub fn test_letter(lang: Lang) -> Letter {
    match lang {
        Lang::Zh => Letter { subject: "CRM 邮件设置测试".into(), body: "这是一封测试邮件：CRM 的 SMTP 设置可以发出邮件。\n".into() },
        Lang::En => Letter { subject: "CRM e-mail settings test".into(), body: "This is a test: the CRM's SMTP settings can send e-mail.\n".into() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn letters_speak_the_recipient_language() {
        let zh = notification_letter(Lang::Zh, "customer.assigned", "华为", Some("manager"), None, "http://crm/customers/1");
        assert_eq!(zh.subject, "客户「华为」已分配给您");
        assert!(zh.body.contains("manager 把客户「华为」分配给了您。") && zh.body.contains("http://crm/customers/1"));
        let en = notification_letter(Lang::En, "follow_up.due", "Huawei", None, Some("2026-12-06 10:00"), "l");
        assert_eq!(en.subject, "Follow-up due: Huawei");
        assert!(en.body.contains("(2026-12-06 10:00)"));
        assert!(notification_letter(Lang::En, "contract.expiring", "X", None, None, "l").subject.contains('X'));
    }

    #[test]
    fn settings_are_checked() {
        let ok: SmtpInput = serde_json::from_value(json!({"host": "smtp.example.com", "port": 465, "security": "tls", "from": "CRM@Example.com"})).unwrap();
        let ok = ok.validate().unwrap();
        assert_eq!((ok.from.as_str(), ok.password), ("crm@example.com", None));
        let bad: SmtpInput = serde_json::from_value(json!({"host": "smtp example", "port": 0, "security": "none", "from": "x", "password": ""})).unwrap();
        let fields: Vec<String> = bad.validate().unwrap_err().errors.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["host", "port", "password", "from"]);
    }
}
