//! E-mail addresses (sign-in names).

use crate::text::{clean, i18n_error, string_type};

/// An e-mail address, trimmed, with its domain lower-cased.
///
/// The check is deliberately basic (the real test is a mail that arrives):
/// exactly one `@`, a non-empty local part of at most 64 bytes, a domain of
/// dot-separated labels with at least one dot, at most 254 bytes in all, no
/// whitespace, control characters or `<>()[]\,;:"`. Dots at the start or end
/// of the local part or doubled (`taro..@…`) are accepted because older
/// Japanese mobile addresses use them. Full-width input (`ｔａｒｏ＠…`) is
/// converted to ASCII first. The local part keeps its case; compare
/// addresses case-insensitively where that matters (sign-in).
///
/// ```
/// let e = domain::Email::parse("  Taro.Soma@City.Example.JP ").unwrap();
/// assert_eq!(e.as_str(), "Taro.Soma@city.example.jp");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

/// Why a string is not an [`Email`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the e-mail address is empty")]
    Empty,
    #[error("the e-mail address is too long")]
    TooLong,
    #[error("the e-mail address contains a space or a character not allowed")]
    InvalidCharacter,
    #[error("the e-mail address must contain exactly one @")]
    At,
    #[error("the part before @ is empty")]
    EmptyLocalPart,
    #[error("the domain after @ is not valid")]
    InvalidDomain,
}

impl EmailError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Empty => "error.required",
            Self::TooLong => "error.email.too_long",
            Self::InvalidCharacter => "error.email.invalid_character",
            Self::At => "error.email.at",
            Self::EmptyLocalPart => "error.email.local_part",
            Self::InvalidDomain => "error.email.domain",
        }
    }
}
i18n_error!(EmailError);

const FORBIDDEN: &[char] = &['<', '>', '(', ')', '[', ']', '\\', ',', ';', ':', '"'];

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = clean(input);
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.len() > 254 {
            return Err(EmailError::TooLong);
        }
        if s.chars()
            .any(|c| c.is_whitespace() || c.is_control() || FORBIDDEN.contains(&c))
        {
            return Err(EmailError::InvalidCharacter);
        }
        let (local, domain) = s.split_once('@').ok_or(EmailError::At)?;
        if domain.contains('@') {
            return Err(EmailError::At);
        }
        if local.is_empty() {
            return Err(EmailError::EmptyLocalPart);
        }
        if local.len() > 64 {
            return Err(EmailError::TooLong);
        }
        let domain = domain.to_lowercase();
        let labels_ok = domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
        if !domain.contains('.') || !labels_ok {
            return Err(EmailError::InvalidDomain);
        }
        let address = format!("{local}@{domain}");
        if address.len() > 254 {
            return Err(EmailError::TooLong);
        }
        Ok(Self(address))
    }

    /// The whole address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before `@`.
    pub fn local_part(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(l, _)| l)
    }

    /// The lower-cased part after `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }
}
string_type!(Email, EmailError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises() {
        let e = Email::parse(" Hanako.Soma@Example.JP\t").unwrap();
        assert_eq!(e.as_str(), "Hanako.Soma@example.jp");
        assert_eq!(e.local_part(), "Hanako.Soma");
        assert_eq!(e.domain(), "example.jp");
        assert_eq!(
            Email::parse("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ")
                .unwrap()
                .as_str(),
            "taro@example.jp"
        );
        assert!(Email::parse("a+tag@mail.city.example.jp").is_ok());
        assert!(Email::parse("taro..@docomo.example.jp").is_ok());
        assert!(Email::parse("x@a-b.example").is_ok());
        assert!(Email::parse("info@相馬.example.jp").is_ok());
    }

    #[test]
    fn rejects_invalid() {
        use EmailError::*;
        for (input, err) in [
            ("", Empty),
            ("   ", Empty),
            ("taro", At),
            ("taro@@example.jp", At),
            ("taro@soma@example.jp", At),
            ("@example.jp", EmptyLocalPart),
            ("taro@", InvalidDomain),
            ("taro@localhost", InvalidDomain),
            ("taro@.example.jp", InvalidDomain),
            ("taro@example.jp.", InvalidDomain),
            ("taro@example..jp", InvalidDomain),
            ("taro@-example.jp", InvalidDomain),
            ("taro@exa_mple.jp", InvalidDomain),
            ("ta ro@example.jp", InvalidCharacter),
            ("taro@exa mple.jp", InvalidCharacter),
            ("taro\u{3000}x@example.jp", InvalidCharacter),
            ("<taro@example.jp>", InvalidCharacter),
            ("taro,jiro@example.jp", InvalidCharacter),
            ("taro\n@example.jp", InvalidCharacter),
        ] {
            assert_eq!(Email::parse(input), Err(err), "{input:?}");
        }
    }

    #[test]
    fn length_limits() {
        let local = "a".repeat(64);
        assert!(Email::parse(&format!("{local}@example.jp")).is_ok());
        assert_eq!(
            Email::parse(&format!("a{local}@example.jp")),
            Err(EmailError::TooLong)
        );
        // 254 bytes in all is the limit.
        let domain = format!(
            "{}.{}.{}.{}.jp",
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(63),
            "e".repeat(57)
        );
        let ok = format!("a@{domain}");
        assert_eq!(ok.len(), 254);
        assert!(Email::parse(&ok).is_ok());
        assert_eq!(
            Email::parse(&format!("aa@{domain}")),
            Err(EmailError::TooLong)
        );
    }

    #[test]
    fn serde_round_trip_validates() {
        let e: Email = serde_json::from_str("\"a@Example.jp\"").unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"a@example.jp\"");
        assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
    }
}
