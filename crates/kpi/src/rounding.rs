//! Rounding with integers only, so a figure never depends on how a float
//! happened to round (e.g. 0.15 * 100 = 15.000000000000002).

use std::fmt;

use serde::{Serialize, Serializer};

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
    fn one_decimal_and_half_days_serialize_as_numbers() {
        let v = OneDecimal { tenths: 103 };
        assert_eq!(serde_json::to_string(&v).unwrap(), "10.3");
        assert_eq!(serde_json::to_string(&HalfDays(7)).unwrap(), "3.5");
        assert_eq!(serde_json::to_string(&HalfDays(10)).unwrap(), "5");
    }
}
