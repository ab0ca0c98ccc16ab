//! 日本標準産業分類 (Japan Standard Industrial Classification), 大分類.

use crate::text::{clean, i18n_error, string_type};

/// A division (大分類) of the Japan Standard Industrial Classification
/// (rev. 14, 2023), A–T. Its string form is the letter.
///
/// ```
/// let i = domain::Industry::parse("ｅ").unwrap();
/// assert_eq!((i.as_str(), i.name_ja(), i.name_en()), ("E", "製造業", "Manufacturing"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Industry {
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
    K,
    L,
    M,
    N,
    O,
    P,
    Q,
    R,
    S,
    T,
}

/// Why a string is not an [`Industry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IndustryError {
    #[error("no industry given")]
    Empty,
    #[error("unknown industry division (expected a letter A-T)")]
    Unknown,
}

impl IndustryError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Empty => "error.required",
            Self::Unknown => "error.industry.unknown",
        }
    }
}
i18n_error!(IndustryError);

impl Industry {
    /// All twenty divisions, A to T.
    pub const ALL: [Industry; 20] = [
        Self::A,
        Self::B,
        Self::C,
        Self::D,
        Self::E,
        Self::F,
        Self::G,
        Self::H,
        Self::I,
        Self::J,
        Self::K,
        Self::L,
        Self::M,
        Self::N,
        Self::O,
        Self::P,
        Self::Q,
        Self::R,
        Self::S,
        Self::T,
    ];

    /// Parses the division letter, either case, half- or full-width.
    pub fn parse(input: &str) -> Result<Self, IndustryError> {
        let s = clean(input);
        if s.is_empty() {
            return Err(IndustryError::Empty);
        }
        Self::ALL
            .into_iter()
            .find(|i| i.as_str().eq_ignore_ascii_case(&s))
            .ok_or(IndustryError::Unknown)
    }

    /// The division letter as a string (`"E"`).
    pub fn as_str(&self) -> &'static str {
        self.row().0
    }

    /// The division letter.
    pub fn letter(&self) -> char {
        (b'A' + *self as u8) as char
    }

    /// 製造業
    pub fn name_ja(&self) -> &'static str {
        self.row().1
    }

    /// Manufacturing
    pub fn name_en(&self) -> &'static str {
        self.row().2
    }

    fn row(&self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::A => ("A", "農業，林業", "Agriculture and forestry"),
            Self::B => ("B", "漁業", "Fisheries"),
            Self::C => (
                "C",
                "鉱業，採石業，砂利採取業",
                "Mining and quarrying of stone and gravel",
            ),
            Self::D => ("D", "建設業", "Construction"),
            Self::E => ("E", "製造業", "Manufacturing"),
            Self::F => (
                "F",
                "電気・ガス・熱供給・水道業",
                "Electricity, gas, heat supply and water",
            ),
            Self::G => ("G", "情報通信業", "Information and communications"),
            Self::H => ("H", "運輸業，郵便業", "Transport and postal activities"),
            Self::I => ("I", "卸売業，小売業", "Wholesale and retail trade"),
            Self::J => ("J", "金融業，保険業", "Finance and insurance"),
            Self::K => (
                "K",
                "不動産業，物品賃貸業",
                "Real estate and goods rental and leasing",
            ),
            Self::L => (
                "L",
                "学術研究，専門・技術サービス業",
                "Scientific research, professional and technical services",
            ),
            Self::M => (
                "M",
                "宿泊業，飲食サービス業",
                "Accommodations, eating and drinking services",
            ),
            Self::N => (
                "N",
                "生活関連サービス業，娯楽業",
                "Living-related and personal services and amusement services",
            ),
            Self::O => ("O", "教育，学習支援業", "Education, learning support"),
            Self::P => ("P", "医療，福祉", "Medical, health care and welfare"),
            Self::Q => ("Q", "複合サービス事業", "Compound services"),
            Self::R => (
                "R",
                "サービス業（他に分類されないもの）",
                "Services, N.E.C.",
            ),
            Self::S => (
                "S",
                "公務（他に分類されるものを除く）",
                "Government, except elsewhere classified",
            ),
            Self::T => ("T", "分類不能の産業", "Industries unable to classify"),
        }
    }
}
string_type!(Industry, IndustryError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_match_variants() {
        for (i, ind) in Industry::ALL.iter().enumerate() {
            assert_eq!(ind.letter(), (b'A' + i as u8) as char);
            assert_eq!(ind.as_str(), ind.letter().to_string());
            assert_eq!(Industry::parse(ind.as_str()), Ok(*ind));
        }
    }

    #[test]
    fn parses() {
        assert_eq!(Industry::parse("e"), Ok(Industry::E));
        assert_eq!(Industry::parse(" Ｐ "), Ok(Industry::P));
        assert_eq!(Industry::parse("T").unwrap().name_ja(), "分類不能の産業");
        assert_eq!(Industry::A.name_ja(), "農業，林業");
        assert_eq!(Industry::parse("U"), Err(IndustryError::Unknown));
        assert_eq!(Industry::parse("EE"), Err(IndustryError::Unknown));
        assert_eq!(Industry::parse("製造業"), Err(IndustryError::Unknown));
        assert_eq!(Industry::parse(""), Err(IndustryError::Empty));
    }

    #[test]
    fn serde_uses_letter() {
        assert_eq!(serde_json::to_string(&Industry::E).unwrap(), "\"E\"");
        assert_eq!(
            serde_json::from_str::<Industry>("\"S\"").unwrap(),
            Industry::S
        );
    }
}
