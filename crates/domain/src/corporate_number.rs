//! 法人番号 (corporate number).

use crate::text::{clean, digits, i18n_error, string_type};

/// A 法人番号: 13 digits, the first one a check digit over the other twelve.
///
/// Check digit (国税庁 「法人番号の指定等に関する省令」 第2条): number the twelve
/// base digits from the right starting at 1; multiply a digit by 1 at an odd
/// position and by 2 at an even one; the check digit is
/// `9 - (sum mod 9)`, always 1–9.
///
/// ```
/// let nta = domain::CorporateNumber::parse("７００００１２０５０００２").unwrap(); // 国税庁
/// assert_eq!(nta.as_str(), "7000012050002");
/// assert!(domain::CorporateNumber::parse("8000012050002").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CorporateNumber(String);

/// Why a string is not a [`CorporateNumber`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CorporateNumberError {
    #[error("the corporate number is empty")]
    Empty,
    #[error("the corporate number must consist of digits only")]
    NotDigits,
    #[error("the corporate number must be 13 digits")]
    Length,
    #[error("the check digit of the corporate number does not match")]
    CheckDigit,
}

impl CorporateNumberError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Empty => "error.required",
            Self::NotDigits => "error.corporate_number.not_digits",
            Self::Length => "error.corporate_number.length",
            Self::CheckDigit => "error.corporate_number.check_digit",
        }
    }
}
i18n_error!(CorporateNumberError);

impl CorporateNumber {
    /// Parses 13 digits; full-width digits and surrounding spaces are
    /// accepted, separators inside are not.
    pub fn parse(input: &str) -> Result<Self, CorporateNumberError> {
        let s = clean(input);
        if s.is_empty() {
            return Err(CorporateNumberError::Empty);
        }
        let d = digits(&s).ok_or(CorporateNumberError::NotDigits)?;
        if d.len() != 13 {
            return Err(CorporateNumberError::Length);
        }
        if check_digit(&d[1..]) != d[0] {
            return Err(CorporateNumberError::CheckDigit);
        }
        Ok(Self(s))
    }

    /// Builds the number from its twelve base digits by prefixing the
    /// check digit.
    pub fn from_base(base: &str) -> Result<Self, CorporateNumberError> {
        let s = clean(base);
        if s.is_empty() {
            return Err(CorporateNumberError::Empty);
        }
        let d = digits(&s).ok_or(CorporateNumberError::NotDigits)?;
        if d.len() != 12 {
            return Err(CorporateNumberError::Length);
        }
        Self::parse(&format!("{}{s}", check_digit(&d)))
    }

    /// The check digit for twelve base digits, or `None` unless `base` is
    /// exactly twelve ASCII digits.
    pub fn check_digit_for(base: &str) -> Option<u8> {
        let d = digits(base).filter(|d| d.len() == 12)?;
        Some(check_digit(&d) as u8)
    }

    /// The 13 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
string_type!(CorporateNumber, CorporateNumberError);

fn check_digit(base: &[u32]) -> u32 {
    let sum: u32 = base
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { *d } else { d * 2 })
        .sum();
    9 - sum % 9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_published_numbers() {
        for (number, body) in [
            ("7000012050002", "国税庁"),
            ("2000012010019", "内閣府"),
            ("4000012090001", "法務省"),
            ("1000012160153", "デジタル庁"),
            ("7000020072095", "相馬市"),
            ("2000020072125", "南相馬市"),
        ] {
            assert!(CorporateNumber::parse(number).is_ok(), "{body} {number}");
        }
    }

    #[test]
    fn rejects_every_wrong_check_digit() {
        for first in 0..10 {
            let number = format!("{first}000012050002");
            let result = CorporateNumber::parse(&number);
            if first == 7 {
                assert!(result.is_ok());
            } else {
                assert_eq!(result, Err(CorporateNumberError::CheckDigit), "{number}");
            }
        }
        // A changed base digit is caught too.
        assert_eq!(
            CorporateNumber::parse("7000012050003"),
            Err(CorporateNumberError::CheckDigit)
        );
    }

    #[test]
    fn accepts_full_width_and_spaces() {
        let n = CorporateNumber::parse(" ７００００１２０５０００２\u{3000}").unwrap();
        assert_eq!(n.as_str(), "7000012050002");
    }

    #[test]
    fn rejects_malformed_input() {
        assert_eq!(CorporateNumber::parse(""), Err(CorporateNumberError::Empty));
        assert_eq!(
            CorporateNumber::parse("700001205000"),
            Err(CorporateNumberError::Length)
        );
        assert_eq!(
            CorporateNumber::parse("70000120500021"),
            Err(CorporateNumberError::Length)
        );
        assert_eq!(
            CorporateNumber::parse("7-0000-1205-0002"),
            Err(CorporateNumberError::NotDigits)
        );
        assert_eq!(
            CorporateNumber::parse("7000O12050002"),
            Err(CorporateNumberError::NotDigits)
        );
    }

    #[test]
    fn from_base_prefixes_check_digit() {
        assert_eq!(
            CorporateNumber::from_base("000012050002").unwrap().as_str(),
            "7000012050002"
        );
        assert_eq!(
            CorporateNumber::from_base("00001205000"),
            Err(CorporateNumberError::Length)
        );
        assert_eq!(CorporateNumber::check_digit_for("000012050002"), Some(7));
        assert_eq!(CorporateNumber::check_digit_for("7000012050002"), None);
        // The check digit is never 0: sum mod 9 is 0..=8.
        assert_eq!(CorporateNumber::check_digit_for("000000000000"), Some(9));
    }

    /// The fictional numbers used by crates/web/src/demo/soma.toml.
    #[test]
    fn demo_numbers_are_valid() {
        for number in DEMO_NUMBERS {
            assert!(CorporateNumber::parse(number).is_ok(), "{number}");
        }
    }

    const DEMO_NUMBERS: &[&str] = &[
        "7000020072095",
        "1999901000114",
        "1999901000122",
        "9999901000131",
        "8999901000149",
        "8999901000157",
        "8999901000165",
        "8999901000173",
        "8999901000181",
        "9999902000015",
        "2999901000220",
        "1999905000028",
        "1999905000036",
        "7999901000190",
        "3999901000203",
        "3999901000211",
        "1999905000044",
        "1999901000238",
        "1999905000052",
        "1999901000246",
        "1999901000254",
        "1999901000262",
        "9999902000023",
    ];

    #[test]
    fn serde_round_trip_validates() {
        let n: CorporateNumber = serde_json::from_str("\"7000012050002\"").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"7000012050002\"");
        assert!(serde_json::from_str::<CorporateNumber>("\"1000012050002\"").is_err());
    }
}
