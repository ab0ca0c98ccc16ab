//! The 47 prefectures (都道府県) with their JIS X 0401 codes.

use crate::text::{clean, i18n_error, string_type};

/// One of the 47 prefectures, identified by its JIS X 0401 code 01–47.
/// Its string form is the two-digit code (`"07"`).
///
/// ```
/// use domain::Prefecture;
/// let p = Prefecture::parse("福島県").unwrap();
/// assert_eq!((p.as_str(), p.name_ja(), p.name_en()), ("07", "福島県", "Fukushima"));
/// assert_eq!(Prefecture::parse("7"), Ok(p));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Prefecture(u8);

/// Why a string is not a [`Prefecture`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PrefectureError {
    #[error("no prefecture given")]
    Empty,
    #[error("unknown prefecture")]
    Unknown,
}

impl PrefectureError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Empty => "error.required",
            Self::Unknown => "error.prefecture.unknown",
        }
    }
}
i18n_error!(PrefectureError);

/// (code, Japanese name, English name), indexed by code - 1.
const TABLE: [(&str, &str, &str); 47] = [
    ("01", "北海道", "Hokkaido"),
    ("02", "青森県", "Aomori"),
    ("03", "岩手県", "Iwate"),
    ("04", "宮城県", "Miyagi"),
    ("05", "秋田県", "Akita"),
    ("06", "山形県", "Yamagata"),
    ("07", "福島県", "Fukushima"),
    ("08", "茨城県", "Ibaraki"),
    ("09", "栃木県", "Tochigi"),
    ("10", "群馬県", "Gunma"),
    ("11", "埼玉県", "Saitama"),
    ("12", "千葉県", "Chiba"),
    ("13", "東京都", "Tokyo"),
    ("14", "神奈川県", "Kanagawa"),
    ("15", "新潟県", "Niigata"),
    ("16", "富山県", "Toyama"),
    ("17", "石川県", "Ishikawa"),
    ("18", "福井県", "Fukui"),
    ("19", "山梨県", "Yamanashi"),
    ("20", "長野県", "Nagano"),
    ("21", "岐阜県", "Gifu"),
    ("22", "静岡県", "Shizuoka"),
    ("23", "愛知県", "Aichi"),
    ("24", "三重県", "Mie"),
    ("25", "滋賀県", "Shiga"),
    ("26", "京都府", "Kyoto"),
    ("27", "大阪府", "Osaka"),
    ("28", "兵庫県", "Hyogo"),
    ("29", "奈良県", "Nara"),
    ("30", "和歌山県", "Wakayama"),
    ("31", "鳥取県", "Tottori"),
    ("32", "島根県", "Shimane"),
    ("33", "岡山県", "Okayama"),
    ("34", "広島県", "Hiroshima"),
    ("35", "山口県", "Yamaguchi"),
    ("36", "徳島県", "Tokushima"),
    ("37", "香川県", "Kagawa"),
    ("38", "愛媛県", "Ehime"),
    ("39", "高知県", "Kochi"),
    ("40", "福岡県", "Fukuoka"),
    ("41", "佐賀県", "Saga"),
    ("42", "長崎県", "Nagasaki"),
    ("43", "熊本県", "Kumamoto"),
    ("44", "大分県", "Oita"),
    ("45", "宮崎県", "Miyazaki"),
    ("46", "鹿児島県", "Kagoshima"),
    ("47", "沖縄県", "Okinawa"),
];

impl Prefecture {
    /// 福島県, the prefecture of the first region.
    pub const FUKUSHIMA: Prefecture = Prefecture(7);

    /// The prefecture with JIS code `code` (1–47).
    pub const fn from_code(code: u8) -> Option<Self> {
        if code >= 1 && code <= 47 {
            Some(Self(code))
        } else {
            None
        }
    }

    /// All 47, in code order (北海道 first, 沖縄県 last).
    pub fn all() -> impl Iterator<Item = Prefecture> {
        (1..=47).map(Prefecture)
    }

    /// Parses a JIS code (`"07"`, `"7"`, `"０７"`), a Japanese name with or
    /// without its suffix (`"福島県"`, `"福島"`, `"東京都"`, `"北海道"`) or an
    /// English name, case-insensitive (`"Fukushima"`).
    pub fn parse(input: &str) -> Result<Self, PrefectureError> {
        let s = clean(input);
        if s.is_empty() {
            return Err(PrefectureError::Empty);
        }
        if s.bytes().all(|b| b.is_ascii_digit()) {
            return match s.len() {
                1 | 2 => s
                    .parse()
                    .ok()
                    .and_then(Self::from_code)
                    .ok_or(PrefectureError::Unknown),
                _ => Err(PrefectureError::Unknown),
            };
        }
        Self::all()
            .find(|p| {
                p.name_ja() == s || p.short_name_ja() == s || p.name_en().eq_ignore_ascii_case(&s)
            })
            .ok_or(PrefectureError::Unknown)
    }

    /// The JIS code as a number (7 for 福島県).
    pub const fn code(self) -> u8 {
        self.0
    }

    /// The two-digit JIS code (`"07"`), also the string form.
    pub fn as_str(&self) -> &'static str {
        self.row().0
    }

    /// 福島県
    pub fn name_ja(&self) -> &'static str {
        self.row().1
    }

    /// The Japanese name without 都, 府 or 県 (`"福島"`); 北海道 stays 北海道.
    pub fn short_name_ja(&self) -> &'static str {
        let name = self.name_ja();
        if self.0 == 1 {
            return name;
        }
        name.strip_suffix(['都', '府', '県']).unwrap_or(name)
    }

    /// Fukushima
    pub fn name_en(&self) -> &'static str {
        self.row().2
    }

    fn row(&self) -> (&'static str, &'static str, &'static str) {
        TABLE[usize::from(self.0 - 1)]
    }
}
string_type!(Prefecture, PrefectureError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_code_order() {
        for (i, (code, _, _)) in TABLE.iter().enumerate() {
            assert_eq!(code.parse::<usize>().unwrap(), i + 1);
        }
        assert_eq!(Prefecture::all().count(), 47);
    }

    #[test]
    fn parses_codes() {
        assert_eq!(Prefecture::parse("07"), Ok(Prefecture::FUKUSHIMA));
        assert_eq!(Prefecture::parse("7"), Ok(Prefecture::FUKUSHIMA));
        assert_eq!(Prefecture::parse(" ０７ "), Ok(Prefecture::FUKUSHIMA));
        assert_eq!(Prefecture::parse("01").unwrap().name_ja(), "北海道");
        assert_eq!(Prefecture::parse("47").unwrap().name_en(), "Okinawa");
        assert_eq!(Prefecture::parse("00"), Err(PrefectureError::Unknown));
        assert_eq!(Prefecture::parse("48"), Err(PrefectureError::Unknown));
        assert_eq!(Prefecture::parse("007"), Err(PrefectureError::Unknown));
        assert_eq!(Prefecture::parse(""), Err(PrefectureError::Empty));
    }

    #[test]
    fn parses_names() {
        assert_eq!(Prefecture::parse("福島県"), Ok(Prefecture::FUKUSHIMA));
        assert_eq!(Prefecture::parse("福島"), Ok(Prefecture::FUKUSHIMA));
        assert_eq!(Prefecture::parse("fukushima"), Ok(Prefecture::FUKUSHIMA));
        assert_eq!(Prefecture::parse("東京都").unwrap().code(), 13);
        assert_eq!(Prefecture::parse("東京").unwrap().code(), 13);
        assert_eq!(Prefecture::parse("京都").unwrap().code(), 26);
        assert_eq!(Prefecture::parse("大阪府").unwrap().code(), 27);
        assert_eq!(Prefecture::parse("北海道").unwrap().code(), 1);
        assert_eq!(Prefecture::parse("鹿児島県").unwrap().code(), 46);
        assert_eq!(Prefecture::parse("相馬市"), Err(PrefectureError::Unknown));
        assert_eq!(Prefecture::parse("福島市"), Err(PrefectureError::Unknown));
    }

    #[test]
    fn names() {
        let p = Prefecture::from_code(14).unwrap();
        assert_eq!(
            (p.as_str(), p.name_ja(), p.short_name_ja(), p.name_en()),
            ("14", "神奈川県", "神奈川", "Kanagawa")
        );
        assert_eq!(Prefecture::from_code(1).unwrap().short_name_ja(), "北海道");
        assert_eq!(Prefecture::from_code(0), None);
        assert_eq!(Prefecture::from_code(48), None);
    }

    #[test]
    fn serde_uses_code() {
        assert_eq!(
            serde_json::to_string(&Prefecture::FUKUSHIMA).unwrap(),
            "\"07\""
        );
        assert_eq!(
            serde_json::from_str::<Prefecture>("\"07\"").unwrap(),
            Prefecture::FUKUSHIMA
        );
        assert!(serde_json::from_str::<Prefecture>("\"99\"").is_err());
    }
}
