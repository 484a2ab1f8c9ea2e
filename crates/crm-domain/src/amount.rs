//! Money on the wire: a decimal string ("12.50"), or an integer. A JSON number with a
//! fraction is refused (400 naming the field): parsers on the way read it as a float,
//! which cannot carry cents exactly. Inputs name these in `deserialize_with`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::Deserializer;

struct AmountVisitor;

impl Visitor<'_> for AmountVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal string such as \"12.50\", or an integer")
    }
    /// Digits, an optional sign and fraction, nothing else (no spaces, exponents or `_`);
    /// range and precision are the domain's to check (422 naming the rule).
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        let bad = || E::custom(format!("'{v}' is not a decimal amount such as \"12.50\""));
        let digits = v.strip_prefix('-').unwrap_or(v);
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, "0"));
        let plain = |s: &str| !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit());
        if !plain(whole) || !plain(frac) {
            return Err(bad());
        }
        Decimal::from_str(v).map_err(|_| bad())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Decimal, E> {
        Err(E::custom("send amounts with a fraction as a string such as \"12.50\"; a JSON number with a fraction may lose precision"))
    }
}

pub fn amount<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(AmountVisitor)
}

struct OptionalAmount;

impl<'de> Visitor<'de> for OptionalAmount {
    type Value = Option<Decimal>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal string such as \"12.50\", an integer, or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<Decimal>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<Decimal>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Decimal>, D::Error> {
        amount(d).map(Some)
    }
}

/// For PATCH bodies: absent or `null` leaves the amount as it is (an amount is never
/// cleared).
pub fn opt_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    d.deserialize_option(OptionalAmount)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[derive(serde::Deserialize)]
    struct P {
        #[serde(deserialize_with = "amount")]
        price: Decimal,
    }

    fn parse(json: &str) -> Result<Decimal, serde_json::Error> {
        serde_json::from_str::<P>(json).map(|p| p.price)
    }

    #[test]
    fn strings_and_integers_only() {
        assert_eq!(parse(r#"{"price": "1234.56"}"#).unwrap().to_string(), "1234.56");
        assert_eq!(parse(r#"{"price": 12}"#).unwrap().to_string(), "12");
        assert!(parse(r#"{"price": 12.5}"#).is_err());
        assert!(parse(r#"{"price": "1e3"}"#).is_err());
        assert!(parse(r#"{"price": "abc"}"#).is_err());
        assert!(parse(r#"{"price": null}"#).is_err());
    }
}
