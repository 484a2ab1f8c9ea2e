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
}
