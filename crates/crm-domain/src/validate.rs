//! Field validation that collects every problem at once, so a form can show them all.

use crate::error::{DomainError, FieldError};

/// Fields whose text may span lines (tab and line breaks allowed); every other text
/// field holds one line. The OpenAPI document states each field's rule from this list, so
/// `required_text` and `optional_text` serve only these names.
pub const MULTILINE_FIELDS: &[&str] = &["remark", "content", "description", "reason", "summary", "next_week_plan", "comment", "terms", "payment_terms"];

#[derive(Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many problems so far: a caller compares before and after a part's checks.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn add(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.errors.push(FieldError { field: field.into(), code: code.into(), message: message.into() });
    }

    /// Trims and checks a required one-line text; returns the trimmed value.
    pub fn required(&mut self, field: &str, value: &str, max: usize) -> String {
        self.required_lines(field, value, max, false)
    }

    /// Like `required`, for a text that may span lines (a follow-up's content, a reason).
    pub fn required_text(&mut self, field: &str, value: &str, max: usize) -> String {
        self.required_lines(field, value, max, true)
    }

    fn required_lines(&mut self, field: &str, value: &str, max: usize, multiline: bool) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.add(field, "required", "must not be empty");
        } else {
            self.text(field, value, max, multiline);
        }
        v.to_string()
    }

    /// Trims an optional one-line text; empty becomes `None`.
    pub fn optional(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
        let raw = value?;
        let v = raw.trim();
        if v.is_empty() {
            // Blank clears the field, but not past its length, which counts as sent.
            self.max_len(field, raw, max);
            return None;
        }
        self.text(field, raw, max, false);
        Some(v.to_string())
    }

    /// Like `optional`, for a text that may span lines (remarks, descriptions).
    pub fn optional_text(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
        let raw = value?;
        let v = raw.trim();
        if v.is_empty() {
            self.max_len(field, raw, max);
            return None;
        }
        self.text(field, raw, max, true);
        Some(v.to_string())
    }

    /// Length as sent (spaces around count, as the OpenAPI document's `maxLength` counts
    /// them), and no control characters: tab and line breaks only where the field may
    /// span lines (the HTTP layer has refused the others already; this holds for every
    /// other caller, such as imports).
    fn text(&mut self, field: &str, v: &str, max: usize, multiline: bool) {
        debug_assert!(!multiline || MULTILINE_FIELDS.iter().any(|m| field == *m || field.ends_with(&format!(".{m}"))), "{field} is not in MULTILINE_FIELDS");
        if let Some(c) = v.chars().find(|c| c.is_control() && !(multiline && matches!(c, '\t' | '\n' | '\r'))) {
            if matches!(c, '\t' | '\n' | '\r') {
                self.add(field, "single_line", "must be one line (no line breaks or tabs)");
            } else {
                self.add(field, "control_character", "must not contain control characters (such as NUL)");
            }
            return;
        }
        self.max_len(field, v, max);
    }

    pub fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.add(field, "too_long", format!("must be at most {max} characters"));
        }
    }

    /// An e-mail address, stored folded (`text_keys::fold`) and lowercased: it is its own
    /// duplicate key, so an invisible character must not make a second one.
    pub fn email(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let v = self.optional(field, value, 254)?;
        let v = crate::text_keys::fold(&v);
        if !is_email(&v) {
            self.add(field, "invalid", "is not a valid e-mail address");
        }
        Some(v.to_lowercase())
    }

    /// A phone number as typed, folded (`text_keys::fold`: full-width digits become ASCII,
    /// invisible characters go).
    pub fn phone(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let v = crate::text_keys::fold(&self.optional(field, value, 32)?);
        if !is_phone(&v) {
            self.add(field, "invalid", "is not a valid phone number");
        }
        Some(v)
    }

    pub fn password(&mut self, field: &str, value: &str) {
        let n = value.chars().count();
        if n < 8 {
            self.add(field, "too_short", "must be at least 8 characters");
        } else if n > 128 {
            self.add(field, "too_long", "must be at most 128 characters");
        }
    }

    pub fn finish(self) -> Result<(), DomainError> {
        if self.errors.is_empty() { Ok(()) } else { Err(DomainError::validation(self.errors)) }
    }
}

pub fn is_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !v.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
        && !domain.contains('@')
}

/// Phone numbers as people type them: digits with optional `+`, spaces, dashes and
/// parentheses, 5 to 20 digits (short extensions to international numbers).
pub fn is_phone(v: &str) -> bool {
    let digits = v.chars().filter(char::is_ascii_digit).count();
    (5..=20).contains(&digits)
        && v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
        && v.chars().skip(1).all(|c| c != '+')
}

/// Usernames: letters, digits, `.`, `_`, `-`, 2 to 64 characters.
pub fn is_username(v: &str) -> bool {
    (2..=64).contains(&v.chars().count())
        && v.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_phones() {
        assert!(is_email("a.b@example.com"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a b@example.com"));
        assert!(is_phone("+86 138-0013-8000"));
        assert!(is_phone("(010) 6552 9988"));
        assert!(!is_phone("12ab5678"));
        assert!(!is_phone("1+2345678"));
        assert!(is_username("zhang.san"));
        assert!(!is_username("张三"));
    }

    #[test]
    fn collects_all_errors() {
        let mut v = Validator::new();
        v.required("name", "  ", 10);
        v.email("email", Some("x"));
        v.password("password", "short");
        let e = v.finish().unwrap_err();
        assert_eq!(e.errors.len(), 3);
    }

    #[test]
    fn one_line_and_multi_line_texts() {
        let mut v = Validator::new();
        assert_eq!(v.required("name", " a\tb ", 10), "a\tb");
        assert_eq!(v.optional_text("remark", Some("line 1\nline 2\tx"), 100).as_deref(), Some("line 1\nline 2\tx"));
        v.optional("city", Some("a\u{0}b"), 10);
        v.optional_text("remark", Some("a\u{7f}"), 10);
        let e = v.finish().unwrap_err();
        let codes: Vec<_> = e.errors.iter().map(|f| (f.field.as_str(), f.code.as_str())).collect();
        assert_eq!(codes, [("name", "single_line"), ("city", "control_character"), ("remark", "control_character")]);
    }
}
