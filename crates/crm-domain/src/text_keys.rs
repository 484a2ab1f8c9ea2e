//! Comparison keys of text people type: two spellings that look the same on screen get
//! the same key. NFKC folds compatibility forms (full-width ＡＢＣ, ligatures, composed
//! and decomposed accents) into one; invisible characters (zero-width spaces, soft
//! hyphens, bidi marks, BOMs, variation selectors) are dropped, since a copy from a web
//! page or a chat carries them without anyone seeing.

use phonenumber::country::Id as Country;
use phonenumber::Mode;
use unicode_normalization::UnicodeNormalization;

/// Unicode's Default_Ignorable_Code_Point property together with the format characters
/// (general category Cf), from DerivedCoreProperties.txt and UnicodeData.txt (15.1).
const INVISIBLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
];

pub fn is_invisible(c: char) -> bool {
    let n = u32::from(c);
    INVISIBLE.iter().any(|(lo, hi)| (*lo..=*hi).contains(&n))
}

/// NFKC without invisible characters: the form every comparison key starts from.
pub fn fold(s: &str) -> String {
    s.chars().filter(|c| !is_invisible(*c)).nfkc().filter(|c| !is_invisible(*c)).collect()
}

/// A phone number as E.164 (`+8613800138000`), read as a Chinese number unless it says
/// otherwise: `+86 138…`, `0086 138…`, `86 138…` and `138…` are one number, and so are
/// `(010) 6552 9988` and `+86 10 6552 9988`. Text that is no valid number keeps its digits.
pub fn phone_key(phone: &str) -> String {
    let folded = fold(phone);
    let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
    let international = folded.trim_start().starts_with('+');
    let mut candidates = vec![folded.clone()];
    // `86…` without a plus: the country code typed without its prefix.
    if !international && digits.starts_with("86") && digits.len() > 10 {
        candidates.push(format!("+{digits}"));
    }
    for text in candidates {
        if let Ok(n) = phonenumber::parse(Some(Country::CN), &text) {
            if phonenumber::is_valid(&n) {
                return n.format().mode(Mode::E164).to_string();
            }
        }
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_and_compatibility_forms_fold_away() {
        assert_eq!(fold("华\u{200B}为"), "华为");
        assert_eq!(fold("A\u{00AD}CME\u{FEFF}"), "ACME");
        assert_eq!(fold("\u{202E}ACME\u{202C}\u{200F}"), "ACME");
        assert_eq!(fold("Cafe\u{0301}"), fold("Café"));
        assert_eq!(fold("ＡＢＣ１２３"), "ABC123");
        assert_eq!(fold("ﬁne"), "fine");
        assert_eq!(fold("\u{E0041}tag"), "tag");
    }

    #[test]
    fn phones_are_one_number_however_written() {
        let mobile = phone_key("13800138000");
        assert_eq!(mobile, "+8613800138000");
        for same in ["+86 138-0013-8000", "0086 138 0013 8000", "86 13800138000", "8613800138000", "+86\u{200B}13800138000", "１３８００１３８０００"] {
            assert_eq!(phone_key(same), mobile, "{same}");
        }
        let landline = phone_key("(010) 6552 9988");
        assert_eq!(landline, "+861065529988");
        for same in ["010-65529988", "+86 10 6552 9988", "0086-10-65529988"] {
            assert_eq!(phone_key(same), landline, "{same}");
        }
        assert_eq!(phone_key("+1 650-253-0000"), "+16502530000");
        assert_ne!(phone_key("13800138001"), mobile);
        // Not a valid number: its digits.
        assert_eq!(phone_key("12345"), "12345");
    }
}
