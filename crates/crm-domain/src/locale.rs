//! The language a person reads: what the server writes for people (an export's headers and
//! labels) follows the caller's `Accept-Language`; codes, field names and messages for
//! programs stay as they are.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    Zh,
    #[default]
    En,
}

impl Lang {
    /// The first language of an `Accept-Language` header that the server writes (Chinese
    /// or English, in the caller's order of preference); English otherwise.
    pub fn from_accept_language(header: Option<&str>) -> Self {
        let mut ranked: Vec<(f32, usize, &str)> = header
            .unwrap_or_default()
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut it = part.split(';');
                let tag = it.next()?.trim();
                let q = it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.trim().parse::<f32>().ok()).unwrap_or(1.0);
                (!tag.is_empty() && q > 0.0).then_some((q, i, tag))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, _, tag) in ranked {
            let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
            match primary.as_str() {
                "zh" => return Lang::Zh,
                "en" => return Lang::En,
                _ => {}
            }
        }
        Lang::En
    }

    /// One of a pair of texts.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preferred_known_language_wins() {
        assert_eq!(Lang::from_accept_language(Some("zh-CN,zh;q=0.9,en;q=0.8")), Lang::Zh);
        assert_eq!(Lang::from_accept_language(Some("en-US,en;q=0.9,zh-CN;q=0.8")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("fr-FR, zh-Hans;q=0.5")), Lang::Zh);
        assert_eq!(Lang::from_accept_language(Some("en;q=0.1, zh-TW;q=0.7")), Lang::Zh);
        assert_eq!(Lang::from_accept_language(Some("zh;q=0, en")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some(";;,")), Lang::En);
        assert_eq!(Lang::from_accept_language(None), Lang::En);
    }
}
