//! Money: `rust_decimal` at the edges (a decimal string on the wire), integer minor units
//! (分) in storage, so no database ever rounds a price through a float.

use rust_decimal::Decimal;

use crate::validate::Validator;

/// The largest amount accepted, in minor units: 999,999,999,999.99, twelve digits before
/// the point (the OpenAPI document's pattern); it fits i64 minor units many times over.
pub const MAX_AMOUNT: i64 = 99_999_999_999_999;

/// Checks an amount (≥ 0, at most two decimals, within range) and returns it in minor units.
pub fn to_minor(v: &mut Validator, field: &str, amount: Decimal) -> i64 {
    if amount.is_sign_negative() && !amount.is_zero() {
        v.add(field, "negative", "must not be negative");
        return 0;
    }
    // As written: "12.500" has three decimals, as the OpenAPI document counts them.
    if amount.scale() > 2 {
        v.add(field, "too_precise", "at most two decimals");
        return 0;
    }
    let minor = (amount * Decimal::ONE_HUNDRED).trunc();
    match i64::try_from(minor) {
        Ok(m) if m <= MAX_AMOUNT => m,
        _ => {
            v.add(field, "too_large", "the amount is too large");
            0
        }
    }
}

/// Minor units back to a decimal with two places ("12.50").
pub fn from_minor(minor: i64) -> Decimal {
    Decimal::new(minor, 2)
}

/// An ISO 4217 code: three capital letters (CNY, USD, EUR, …).
pub fn currency(v: &mut Validator, field: &str, code: Option<&str>) -> String {
    let c = code.map(str::trim).filter(|c| !c.is_empty()).unwrap_or("CNY").to_uppercase();
    if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
        v.add(field, "invalid", "a three-letter ISO 4217 currency code such as CNY");
    }
    c
}

/// An amount in Chinese capital numerals as written on financial documents [人民币大写]:
/// 1234.56 → 壹仟贰佰叁拾肆元伍角陆分, 100 → 壹佰元整, 1005.07 → 壹仟零伍元零柒分.
/// Zeros inside a group or between groups read as one 零; whole amounts end in 整.
pub fn capitals(amount: Decimal) -> String {
    const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    const IN_GROUP: [&str; 4] = ["", "拾", "佰", "仟"];
    const GROUPS: [&str; 4] = ["", "万", "亿", "万亿"];
    let cents = (amount.abs() * Decimal::ONE_HUNDRED).round();
    let cents = u128::try_from(cents.mantissa()).unwrap_or(0) / 10u128.pow(cents.scale());
    let (yuan, jiao, fen) = (cents / 100, (cents / 10 % 10) as usize, (cents % 10) as usize);
    let digit = |d: usize| DIGITS.get(d).copied().unwrap_or('零');
    let mut out = String::new();
    if amount.is_sign_negative() && cents > 0 {
        out.push('负');
    }
    if yuan > 0 {
        // Groups of four digits, most significant first.
        let mut groups = Vec::new();
        let mut rest = yuan;
        while rest > 0 {
            groups.push((rest % 10_000) as usize);
            rest /= 10_000;
        }
        let mut pending_zero = false;
        for (gi, g) in groups.iter().enumerate().rev() {
            if *g == 0 {
                pending_zero = !out.is_empty() && !out.ends_with('负');
                continue;
            }
            if (pending_zero || *g < 1000) && !out.is_empty() && !out.ends_with('负') {
                out.push('零');
            }
            pending_zero = false;
            let digits = [g / 1000, g / 100 % 10, g / 10 % 10, g % 10];
            let mut zero = false;
            let mut started = false;
            for (di, d) in digits.iter().enumerate() {
                if *d == 0 {
                    zero = started;
                    continue;
                }
                if zero {
                    out.push('零');
                    zero = false;
                }
                started = true;
                out.push(digit(*d));
                out.push_str(IN_GROUP.get(3 - di).copied().unwrap_or_default());
            }
            out.push_str(GROUPS.get(gi).copied().unwrap_or("万亿"));
        }
        out.push('元');
    }
    match (jiao, fen) {
        (0, 0) if yuan == 0 => out.push_str("零元整"),
        (0, 0) => out.push('整'),
        (j, 0) => {
            out.push(digit(j));
            out.push_str("角整");
        }
        (j, f) => {
            if j > 0 {
                out.push(digit(j));
                out.push('角');
            } else if yuan > 0 {
                out.push('零');
            }
            out.push(digit(f));
            out.push('分');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn minor(s: &str) -> Result<i64, crate::DomainError> {
        let mut v = Validator::new();
        let m = to_minor(&mut v, "price", Decimal::from_str(s).unwrap());
        v.finish().map(|_| m)
    }

    #[test]
    fn amounts_are_exact_and_checked() {
        assert_eq!(minor("1234.56").unwrap(), 123_456);
        assert_eq!(minor("0.10").unwrap(), 10);
        assert!(minor("12.500").is_err(), "three decimals as written, though the third is 0");
        assert_eq!(minor("0").unwrap(), 0);
        assert!(minor("-1").is_err());
        assert!(minor("0.001").is_err());
        assert!(minor("99999999999999999").is_err());
        assert_eq!(from_minor(123_456).to_string(), "1234.56");
        assert_eq!(from_minor(1250).to_string(), "12.50");
    }

    #[test]
    fn currency_defaults_and_checks() {
        let mut v = Validator::new();
        assert_eq!(currency(&mut v, "currency", None), "CNY");
        assert_eq!(currency(&mut v, "currency", Some("usd")), "USD");
        assert!(v.finish().is_ok());
        let mut v = Validator::new();
        currency(&mut v, "currency", Some("yuan"));
        assert!(v.finish().is_err());
    }

    #[test]
    fn capitals_read_as_on_a_cheque() {
        let c = |s: &str| capitals(Decimal::from_str(s).unwrap());
        assert_eq!(c("1234.56"), "壹仟贰佰叁拾肆元伍角陆分");
        assert_eq!(c("100"), "壹佰元整");
        assert_eq!(c("1005.07"), "壹仟零伍元零柒分");
        assert_eq!(c("0.5"), "伍角整");
        assert_eq!(c("0.05"), "伍分");
        assert_eq!(c("0"), "零元整");
        assert_eq!(c("10"), "壹拾元整");
        assert_eq!(c("100000"), "壹拾万元整");
        assert_eq!(c("100010"), "壹拾万零壹拾元整");
        assert_eq!(c("1010000"), "壹佰零壹万元整");
        assert_eq!(c("100000001"), "壹亿零壹元整");
        assert_eq!(c("120030004.5"), "壹亿贰仟零叁万零肆元伍角整");
        assert_eq!(c("376664.00"), "叁拾柒万陆仟陆佰陆拾肆元整");
        assert_eq!(c("999999999999.99"), "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
    }
}
