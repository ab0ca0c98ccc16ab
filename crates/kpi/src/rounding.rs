//! Rounding with integers only, so a figure never depends on how a float
//! happened to round (e.g. 0.15 * 100 = 15.000000000000002).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A non-negative number with exactly one decimal, stored as tenths.
///
/// Serialized as a JSON number (`103` tenths -> `10.3`); the f64 conversion
/// happens only at output and `tenths / 10` is correctly rounded, so the
/// printed value is the intended decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OneDecimal {
    /// The value times ten.
    pub tenths: u64,
}

impl OneDecimal {
    /// The value as f64 (for output only).
    pub fn as_f64(self) -> f64 {
        self.tenths as f64 / 10.0
    }
}

impl fmt::Display for OneDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.tenths / 10, self.tenths % 10)
    }
}

impl Serialize for OneDecimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for OneDecimal {
    /// From a JSON number: `10.3` -> 103 tenths (rounded to the nearest
    /// tenth, halves away from zero); negative or non-finite numbers are
    /// rejected.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ScaledVisitor {
                scale: 10,
                what: "a non-negative number with at most one decimal",
            })
            .map(|tenths| OneDecimal { tenths })
    }
}

/// Reads a non-negative JSON number `x` as `round(x * scale)`.
struct ScaledVisitor {
    scale: u64,
    what: &'static str,
}

impl Visitor<'_> for ScaledVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        v.checked_mul(self.scale)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        let scaled = (v * self.scale as f64).round();
        // 2^64 as f64 is exact; anything at or above it does not fit.
        if !(v.is_finite() && v >= 0.0 && scaled < 18_446_744_073_709_551_616.0) {
            return Err(E::invalid_value(de::Unexpected::Float(v), &self));
        }
        // In range and integral after `round`, so the cast is exact.
        Ok(scaled as u64)
    }
}

/// `numerator / denominator` rounded half up to one decimal (四捨五入,
/// 小数第2位を四捨五入). `None` when the denominator is zero.
///
/// floor(n / d * 10 + 1/2) = floor((20 n + d) / (2 d)).
pub fn half_up_one_decimal(numerator: u64, denominator: u64) -> Option<OneDecimal> {
    if denominator == 0 {
        return None;
    }
    let n = u128::from(numerator);
    let d = u128::from(denominator);
    let tenths = (20 * n + d) / (2 * d);
    Some(OneDecimal {
        tenths: u64::try_from(tenths).unwrap_or(u64::MAX),
    })
}

/// `numerator / denominator * 100` as a percentage with one decimal, half up.
/// `None` when the denominator is zero.
pub fn percent_half_up_one_decimal(numerator: u64, denominator: u64) -> Option<OneDecimal> {
    half_up_one_decimal(numerator.saturating_mul(100), denominator)
}

/// `numerator / denominator * 100` truncated to a whole percent (小数第1位以下
/// 切り捨て). `None` when the denominator is zero ("—", never 0 % or 100 %).
pub fn percent_truncated(numerator: u64, denominator: u64) -> Option<u64> {
    if denominator == 0 {
        return None;
    }
    let p = u128::from(numerator) * 100 / u128::from(denominator);
    Some(u64::try_from(p).unwrap_or(u64::MAX))
}

/// `numerator / denominator * 100` rounded up to a whole percent (小数点以下
/// 切り上げ): the value shown for a "≤ L %" criterion, on the side of the
/// threshold the exact rate is on (20.01 % shows as 21 %, over 20 %).
/// `None` when the denominator is zero.
pub fn percent_rounded_up(numerator: u64, denominator: u64) -> Option<u64> {
    if denominator == 0 {
        return None;
    }
    let p = (u128::from(numerator) * 100).div_ceil(u128::from(denominator));
    Some(u64::try_from(p).unwrap_or(u64::MAX))
}

/// A count of half days (paid leave is taken in whole or half days), shown as
/// days: 7 half days serialize as `3.5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct HalfDays(pub u64);

impl HalfDays {
    /// The number of days as f64 (exact: a multiple of 0.5).
    pub fn as_days_f64(self) -> f64 {
        self.0 as f64 / 2.0
    }
}

impl fmt::Display for HalfDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_multiple_of(2) {
            write!(f, "{}", self.0 / 2)
        } else {
            write!(f, "{}.5", self.0 / 2)
        }
    }
}

impl Serialize for HalfDays {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(2) {
            serializer.serialize_u64(self.0 / 2)
        } else {
            serializer.serialize_f64(self.as_days_f64())
        }
    }
}

impl<'de> Deserialize<'de> for HalfDays {
    /// From a number of days: `3.5` -> 7 half days (rounded to the nearest
    /// half day); negative or non-finite numbers are rejected.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ScaledVisitor {
                scale: 2,
                what: "a non-negative number of days (whole or half)",
            })
            .map(HalfDays)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_up_rounds_the_half_away_from_zero() {
        // 1/8 = 0.125 -> 0.1 ; 3/20 = 0.15 -> 0.2 (half up, and a float would
        // risk 0.1499999); 1/3 = 0.333 -> 0.3 ; 2/3 = 0.667 -> 0.7.
        assert_eq!(half_up_one_decimal(1, 8).unwrap().tenths, 1);
        assert_eq!(half_up_one_decimal(3, 20).unwrap().tenths, 2);
        assert_eq!(half_up_one_decimal(1, 3).unwrap().tenths, 3);
        assert_eq!(half_up_one_decimal(2, 3).unwrap().tenths, 7);
        // 0.05 exactly -> 0.1; 0.0499.. -> 0.0
        assert_eq!(half_up_one_decimal(1, 20).unwrap().tenths, 1);
        assert_eq!(half_up_one_decimal(499, 10_000).unwrap().tenths, 0);
        assert_eq!(half_up_one_decimal(5, 0), None);
    }

    #[test]
    fn percent_with_one_decimal() {
        // 7 of 12 = 58.333.. % -> 58.3 ; 7 of 8 = 87.5 % -> 87.5 ;
        // 1 of 6 = 16.666.. % -> 16.7
        assert_eq!(
            percent_half_up_one_decimal(7, 12).unwrap().to_string(),
            "58.3"
        );
        assert_eq!(
            percent_half_up_one_decimal(7, 8).unwrap().to_string(),
            "87.5"
        );
        assert_eq!(
            percent_half_up_one_decimal(1, 6).unwrap().to_string(),
            "16.7"
        );
        assert_eq!(
            percent_half_up_one_decimal(0, 6).unwrap().to_string(),
            "0.0"
        );
        assert_eq!(percent_half_up_one_decimal(1, 0), None);
    }

    #[test]
    fn truncated_percent() {
        // 2 of 3 = 66.66.. -> 66 (not 67); 1 of 3 -> 33; 5 of 4 -> 125 (the
        // numerator and denominator are different people, so > 100 is valid).
        assert_eq!(percent_truncated(2, 3), Some(66));
        assert_eq!(percent_truncated(1, 3), Some(33));
        assert_eq!(percent_truncated(5, 4), Some(125));
        assert_eq!(percent_truncated(0, 4), Some(0));
        assert_eq!(percent_truncated(0, 0), None);
    }

    #[test]
    fn rounded_up_percent() {
        // 1 of 3 = 33.33.. -> 34; 2 of 10 = 20 exactly stays 20; 1 of 16 =
        // 6.25 -> 7; 0 of 4 -> 0.
        assert_eq!(percent_rounded_up(1, 3), Some(34));
        assert_eq!(percent_rounded_up(2, 10), Some(20));
        assert_eq!(percent_rounded_up(1, 16), Some(7));
        assert_eq!(percent_rounded_up(0, 4), Some(0));
        assert_eq!(percent_rounded_up(1, 0), None);
    }

    #[test]
    fn one_decimal_and_half_days_serialize_as_numbers() {
        let v = OneDecimal { tenths: 103 };
        assert_eq!(serde_json::to_string(&v).unwrap(), "10.3");
        assert_eq!(serde_json::to_string(&HalfDays(7)).unwrap(), "3.5");
        assert_eq!(serde_json::to_string(&HalfDays(10)).unwrap(), "5");
    }

    #[test]
    fn one_decimal_and_half_days_deserialize_from_numbers() {
        let one = |j: &str| serde_json::from_str::<OneDecimal>(j).map(|v| v.tenths);
        // 10.3 × 10 = 103.00000000000001 in f64 -> rounds to 103.
        assert_eq!(one("10.3").unwrap(), 103);
        assert_eq!(one("7").unwrap(), 70);
        assert_eq!(one("0").unwrap(), 0);
        // More decimals are rounded to the nearest tenth: 0.25 -> 3 (half
        // away from zero), 0.24 -> 2.
        assert_eq!(one("0.25").unwrap(), 3);
        assert_eq!(one("0.24").unwrap(), 2);
        assert!(one("-0.1").is_err());
        assert!(one("-1").is_err());
        assert!(one("\"1.0\"").is_err());
        assert!(one("1e300").is_err());

        let half = |j: &str| serde_json::from_str::<HalfDays>(j).map(|v| v.0);
        assert_eq!(half("3.5").unwrap(), 7);
        assert_eq!(half("5").unwrap(), 10);
        assert_eq!(half("0.5").unwrap(), 1);
        assert!(half("-0.5").is_err());
    }

    #[test]
    fn one_decimal_and_half_days_round_trip() {
        for tenths in [0, 1, 9, 10, 103, 449, 1_000_001] {
            let v = OneDecimal { tenths };
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(serde_json::from_str::<OneDecimal>(&json).unwrap(), v);
        }
        for n in [0, 1, 7, 10, 81] {
            let v = HalfDays(n);
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(serde_json::from_str::<HalfDays>(&json).unwrap(), v);
        }
    }
}
