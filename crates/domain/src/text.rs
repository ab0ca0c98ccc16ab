//! Text normalisation shared by the parsers.

/// Converts full-width ASCII variants (U+FF01–U+FF5E: digits `０`–`９`, letters
/// `Ａ`–`Ｚ` / `ａ`–`ｚ` and symbols such as `＠`, `－`, `．`) to their ASCII
/// counterparts and the ideographic space (U+3000) to an ASCII space.
/// Every other character is kept as it is.
///
/// Japanese users often type codes with the IME still in full-width mode;
/// the parsers in this crate call this before validating.
///
/// ```
/// assert_eq!(domain::normalize_digits("０７２０９５"), "072095");
/// assert_eq!(domain::normalize_digits("ＦＹ２０２６　年度"), "FY2026 年度");
/// ```
pub fn normalize_digits(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Normalises and trims `input`, the first step of every parser.
pub(crate) fn clean(input: &str) -> String {
    normalize_digits(input).trim().to_owned()
}

/// Digit values of an all-ASCII-digit string, or `None` when any other
/// character is present.
pub(crate) fn digits(s: &str) -> Option<Vec<u32>> {
    s.chars()
        .map(|c| c.to_digit(10).filter(|_| c.is_ascii_digit()))
        .collect()
}

/// Implements `Display`, `FromStr`, `TryFrom<String>`, `TryFrom<&str>`,
/// `Serialize` and `Deserialize` for a type through its `parse` and `as_str`
/// methods, so that every way into the type goes through validation.
macro_rules! string_type {
    ($t:ty, $err:ty) => {
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $t {
            type Err = $err;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$t>::parse(s)
            }
        }
        impl ::std::convert::TryFrom<&str> for $t {
            type Error = $err;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                <$t>::parse(s)
            }
        }
        impl ::std::convert::TryFrom<String> for $t {
            type Error = $err;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                <$t>::parse(&s)
            }
        }
        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as ::serde::Deserialize>::deserialize(d)?;
                <$t>::parse(&s).map_err(::serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use string_type;

/// Implements the crate's [`crate::I18nError`] trait by delegating to the
/// error type's inherent `i18n_key` method.
macro_rules! i18n_error {
    ($err:ty) => {
        impl $crate::I18nError for $err {
            fn i18n_key(&self) -> &'static str {
                <$err>::i18n_key(self)
            }
        }
    };
}
pub(crate) use i18n_error;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_full_width_digits_letters_and_space() {
        assert_eq!(normalize_digits("０１２３４５６７８９"), "0123456789");
        assert_eq!(normalize_digits("ＡＢＣｘｙｚ"), "ABCxyz");
        assert_eq!(normalize_digits("　a　"), " a ");
        assert_eq!(
            normalize_digits("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"),
            "taro@example.jp"
        );
    }

    #[test]
    fn keeps_everything_else() {
        assert_eq!(normalize_digits(""), "");
        assert_eq!(normalize_digits("相馬市 072095"), "相馬市 072095");
        // Half-width katakana and other CJK punctuation are not touched.
        assert_eq!(normalize_digits("ｿｳﾏ、。"), "ｿｳﾏ、。");
    }

    #[test]
    fn clean_trims_after_normalising() {
        assert_eq!(clean("\u{3000} ０７ \t"), "07");
    }

    #[test]
    fn digits_rejects_non_ascii_digits() {
        assert_eq!(digits("072"), Some(vec![0, 7, 2]));
        assert_eq!(digits("07a"), None);
        assert_eq!(digits("٣"), None); // Arabic-Indic three
        assert_eq!(digits(""), Some(vec![]));
    }
}
