//! 全国地方公共団体コード (local government code).

use crate::Prefecture;
use crate::text::{clean, digits, i18n_error, string_type};

/// A 全国地方公共団体コード: six digits, the first two the prefecture's JIS
/// code, the next three the body within it (`000` for the prefecture
/// itself), the sixth a check digit.
///
/// Check digit (総務省 「全国地方公共団体コード」 仕様): multiply the first five
/// digits by 6, 5, 4, 3, 2, add the products, divide by 11; the check digit is
/// the ones digit of `11 - remainder` (so remainder 0 gives 1 and remainder
/// 1 gives 0).
///
/// ```
/// let soma = domain::LocalGovCode::parse("０７２０９５").unwrap();
/// assert_eq!(soma.as_str(), "072095");
/// assert_eq!(soma.prefecture_code(), "07");
/// assert!(domain::LocalGovCode::parse("072096").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalGovCode(String);

/// Why a string is not a [`LocalGovCode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LocalGovCodeError {
    #[error("the local government code is empty")]
    Empty,
    #[error("the local government code must consist of digits only")]
    NotDigits,
    #[error("the local government code must be 6 digits")]
    Length,
    #[error("the local government code does not start with a prefecture code 01-47")]
    UnknownPrefecture,
    #[error("the check digit of the local government code does not match")]
    CheckDigit,
}

impl LocalGovCodeError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Empty => "error.required",
            Self::NotDigits => "error.local_gov_code.not_digits",
            Self::Length => "error.local_gov_code.length",
            Self::UnknownPrefecture => "error.local_gov_code.prefecture",
            Self::CheckDigit => "error.local_gov_code.check_digit",
        }
    }
}
i18n_error!(LocalGovCodeError);

impl LocalGovCode {
    /// Parses a six-digit code. Full-width digits and surrounding spaces are
    /// accepted; anything else (hyphens, five-digit codes) is rejected.
    pub fn parse(input: &str) -> Result<Self, LocalGovCodeError> {
        let s = clean(input);
        if s.is_empty() {
            return Err(LocalGovCodeError::Empty);
        }
        let d = digits(&s).ok_or(LocalGovCodeError::NotDigits)?;
        if d.len() != 6 {
            return Err(LocalGovCodeError::Length);
        }
        if Prefecture::from_code((d[0] * 10 + d[1]) as u8).is_none() {
            return Err(LocalGovCodeError::UnknownPrefecture);
        }
        if check_digit(&d[..5]) != d[5] {
            return Err(LocalGovCodeError::CheckDigit);
        }
        Ok(Self(s))
    }

    /// Builds a code from the five-digit 団体コード without check digit
    /// (the form used by some statistics tables), appending the check digit.
    pub fn from_first_five(input: &str) -> Result<Self, LocalGovCodeError> {
        let s = clean(input);
        if s.is_empty() {
            return Err(LocalGovCodeError::Empty);
        }
        let d = digits(&s).ok_or(LocalGovCodeError::NotDigits)?;
        if d.len() != 5 {
            return Err(LocalGovCodeError::Length);
        }
        Self::parse(&format!("{s}{}", check_digit(&d)))
    }

    /// The check digit for the five leading digits, or `None` unless `first_five`
    /// is exactly five ASCII digits.
    pub fn check_digit_for(first_five: &str) -> Option<u8> {
        let d = digits(first_five).filter(|d| d.len() == 5)?;
        Some(check_digit(&d) as u8)
    }

    /// The six digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first two digits, the prefecture's JIS code (`"07"` for 相馬市).
    pub fn prefecture_code(&self) -> &str {
        &self.0[..2]
    }

    /// The prefecture the body belongs to.
    pub fn prefecture(&self) -> Prefecture {
        // parse() guarantees a known prefecture code.
        Prefecture::parse(self.prefecture_code()).unwrap_or(Prefecture::FUKUSHIMA)
    }

    /// True for a prefecture's own code (`XX000c`, e.g. 福島県 070009).
    pub fn is_prefecture(&self) -> bool {
        &self.0[2..5] == "000"
    }
}
string_type!(LocalGovCode, LocalGovCodeError);

fn check_digit(first_five: &[u32]) -> u32 {
    let sum: u32 = first_five
        .iter()
        .zip([6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    (11 - sum % 11) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_known_codes() {
        for (code, body) in [
            ("072095", "相馬市"),
            ("070009", "福島県"),
            ("011002", "札幌市"),
            ("131016", "千代田区"),
            ("072125", "南相馬市"),
            ("072010", "福島市"), // remainder 1 → check digit 0
            ("131041", "新宿区"), // remainder 0 → check digit 1
            ("130001", "東京都"), // remainder 10 → check digit 1
            ("131059", "文京区"),
            ("472018", "那覇市"),
            ("010006", "北海道"),
        ] {
            let parsed = LocalGovCode::parse(code).unwrap_or_else(|e| panic!("{body} {code}: {e}"));
            assert_eq!(parsed.as_str(), code);
        }
    }

    #[test]
    fn rejects_every_wrong_check_digit() {
        for wrong in 0..10 {
            let code = format!("07209{wrong}");
            let result = LocalGovCode::parse(&code);
            if wrong == 5 {
                assert!(result.is_ok());
            } else {
                assert_eq!(result, Err(LocalGovCodeError::CheckDigit), "{code}");
            }
        }
    }

    #[test]
    fn detects_swapped_digits() {
        assert_eq!(
            LocalGovCode::parse("070295"),
            Err(LocalGovCodeError::CheckDigit)
        );
    }

    #[test]
    fn accepts_full_width_and_spaces() {
        assert_eq!(
            LocalGovCode::parse(" ０７２０９５\u{3000}")
                .unwrap()
                .as_str(),
            "072095"
        );
    }

    #[test]
    fn rejects_malformed_input() {
        assert_eq!(LocalGovCode::parse(""), Err(LocalGovCodeError::Empty));
        assert_eq!(LocalGovCode::parse("   "), Err(LocalGovCodeError::Empty));
        assert_eq!(LocalGovCode::parse("07209"), Err(LocalGovCodeError::Length));
        assert_eq!(
            LocalGovCode::parse("0720950"),
            Err(LocalGovCodeError::Length)
        );
        assert_eq!(
            LocalGovCode::parse("07209-5"),
            Err(LocalGovCodeError::NotDigits)
        );
        assert_eq!(
            LocalGovCode::parse("0720 95"),
            Err(LocalGovCodeError::NotDigits)
        );
        assert_eq!(
            LocalGovCode::parse("相馬市"),
            Err(LocalGovCodeError::NotDigits)
        );
        assert_eq!(
            LocalGovCode::parse("-72095"),
            Err(LocalGovCodeError::NotDigits)
        );
        // 00 and 48+ are not prefectures (even with a correct check digit).
        let c = LocalGovCode::check_digit_for("00100").unwrap();
        assert_eq!(
            LocalGovCode::parse(&format!("00100{c}")),
            Err(LocalGovCodeError::UnknownPrefecture)
        );
        let c = LocalGovCode::check_digit_for("48100").unwrap();
        assert_eq!(
            LocalGovCode::parse(&format!("48100{c}")),
            Err(LocalGovCodeError::UnknownPrefecture)
        );
    }

    #[test]
    fn parts() {
        let soma = LocalGovCode::parse("072095").unwrap();
        assert_eq!(soma.prefecture_code(), "07");
        assert_eq!(soma.prefecture().name_ja(), "福島県");
        assert!(!soma.is_prefecture());
        assert!(LocalGovCode::parse("070009").unwrap().is_prefecture());
    }

    #[test]
    fn from_first_five_appends_check_digit() {
        assert_eq!(
            LocalGovCode::from_first_five("07209").unwrap().as_str(),
            "072095"
        );
        assert_eq!(
            LocalGovCode::from_first_five("13104").unwrap().as_str(),
            "131041"
        );
        assert_eq!(
            LocalGovCode::from_first_five("072095"),
            Err(LocalGovCodeError::Length)
        );
        assert_eq!(LocalGovCode::check_digit_for("07201"), Some(0));
        assert_eq!(LocalGovCode::check_digit_for("0720"), None);
        assert_eq!(LocalGovCode::check_digit_for("0720x"), None);
    }

    #[test]
    fn i18n_keys() {
        assert_eq!(
            LocalGovCodeError::CheckDigit.i18n_key(),
            "error.local_gov_code.check_digit"
        );
        assert_eq!(LocalGovCodeError::Empty.i18n_key(), "error.required");
    }

    #[test]
    fn serde_round_trip_validates() {
        let code: LocalGovCode = serde_json::from_str("\"072095\"").unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"072095\"");
        assert!(serde_json::from_str::<LocalGovCode>("\"072096\"").is_err());
        assert_eq!(
            "072095".parse::<LocalGovCode>().unwrap().to_string(),
            "072095"
        );
    }
}
