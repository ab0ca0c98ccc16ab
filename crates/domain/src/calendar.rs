//! Fiscal years (年度, April–March) and the Japanese era calendar (和暦).

use jiff::civil::Date;

use crate::text::{clean, i18n_error};

/// A Japanese era (元号) of the modern calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Era {
    Meiji,
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    /// Newest first, for lookup.
    const NEWEST_FIRST: [Era; 5] = [
        Self::Reiwa,
        Self::Heisei,
        Self::Showa,
        Self::Taisho,
        Self::Meiji,
    ];

    /// The first day counted in this era for [`wareki`]. For 明治 this is
    /// 1873-01-01 (明治6年), when Japan adopted the Gregorian calendar:
    /// earlier dates were lunisolar and are not converted.
    pub fn start(&self) -> Date {
        match self {
            Self::Meiji => jiff::civil::date(1873, 1, 1),
            Self::Taisho => jiff::civil::date(1912, 7, 30),
            Self::Showa => jiff::civil::date(1926, 12, 25),
            Self::Heisei => jiff::civil::date(1989, 1, 8),
            Self::Reiwa => jiff::civil::date(2019, 5, 1),
        }
    }

    /// The Gregorian year in which the era's first year (元年) falls.
    pub fn first_year(&self) -> i32 {
        match self {
            Self::Meiji => 1868,
            Self::Taisho => 1912,
            Self::Showa => 1926,
            Self::Heisei => 1989,
            Self::Reiwa => 2019,
        }
    }

    /// 令和
    pub fn name_ja(&self) -> &'static str {
        match self {
            Self::Meiji => "明治",
            Self::Taisho => "大正",
            Self::Showa => "昭和",
            Self::Heisei => "平成",
            Self::Reiwa => "令和",
        }
    }

    /// Reiwa
    pub fn name_en(&self) -> &'static str {
        match self {
            Self::Meiji => "Meiji",
            Self::Taisho => "Taisho",
            Self::Showa => "Showa",
            Self::Heisei => "Heisei",
            Self::Reiwa => "Reiwa",
        }
    }

    /// The era of `date` and the year within it (1 = 元年), or `None` before
    /// 1873-01-01.
    pub fn of(date: Date) -> Option<(Era, i32)> {
        Self::NEWEST_FIRST
            .into_iter()
            .find(|e| date >= e.start())
            .map(|e| (e, i32::from(date.year()) - e.first_year() + 1))
    }
}

/// 「令和8年」, 「令和元年」
fn era_year_ja(era: Era, year: i32) -> String {
    if year == 1 {
        format!("{}元年", era.name_ja())
    } else {
        format!("{}{year}年", era.name_ja())
    }
}

/// A date in the Japanese era calendar: 「令和8年11月23日」, 「令和元年5月1日」.
/// Dates before 1873-01-01 (the lunisolar calendar) are written in the
/// Western calendar, 「1872年12月31日」.
pub fn wareki(date: Date) -> String {
    match Era::of(date) {
        Some((era, year)) => format!(
            "{}{}月{}日",
            era_year_ja(era, year),
            date.month(),
            date.day()
        ),
        None => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

/// A fiscal year (年度) from April 1 to March 31; `FiscalYear(2026)` is
/// 2026-04-01 – 2027-03-31.
///
/// ```
/// use domain::FiscalYear;
/// let fy = FiscalYear::containing(jiff::civil::date(2027, 3, 31));
/// assert_eq!((fy.label_ja(), fy.label_wareki(), fy.label_en()),
///            ("2026年度".to_string(), "令和8年度".to_string(), "FY2026".to_string()));
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "i32", into = "i32")]
pub struct FiscalYear(i32);

/// Why a value is not a [`FiscalYear`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FiscalYearError {
    #[error("no fiscal year given")]
    Empty,
    #[error("the fiscal year must be a year such as 2026")]
    Invalid,
    #[error("the fiscal year is out of range")]
    OutOfRange,
}

impl FiscalYearError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Empty => "error.required",
            Self::Invalid => "error.fiscal_year.invalid",
            Self::OutOfRange => "error.fiscal_year.out_of_range",
        }
    }
}
i18n_error!(FiscalYearError);

impl FiscalYear {
    /// The smallest year [`FiscalYear::new`] accepts (明治6年, first Gregorian year).
    pub const MIN: i32 = 1873;
    /// The largest year [`FiscalYear::new`] accepts (its end must be a valid date).
    pub const MAX: i32 = 9998;

    /// The fiscal year starting in April of `year`, checked to lie in
    /// [`FiscalYear::MIN`]..=[`FiscalYear::MAX`].
    pub fn new(year: i32) -> Result<Self, FiscalYearError> {
        if (Self::MIN..=Self::MAX).contains(&year) {
            Ok(Self(year))
        } else {
            Err(FiscalYearError::OutOfRange)
        }
    }

    /// Parses `2026`, `２０２６`, `2026年度` or `FY2026` (any case).
    pub fn parse(input: &str) -> Result<Self, FiscalYearError> {
        let s = clean(input);
        if s.is_empty() {
            return Err(FiscalYearError::Empty);
        }
        let digits = s.strip_suffix("年度").unwrap_or(&s);
        let digits = match digits.get(..2) {
            Some(p) if p.eq_ignore_ascii_case("FY") => digits[2..].trim_start(),
            _ => digits,
        };
        if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FiscalYearError::Invalid);
        }
        Self::new(digits.parse().map_err(|_| FiscalYearError::Invalid)?)
    }

    /// The fiscal year a date falls in: January–March belong to the
    /// previous year's 年度.
    pub fn containing(date: Date) -> Self {
        let y = i32::from(date.year());
        Self(if date.month() >= 4 { y } else { y - 1 })
    }

    /// The calendar year in which the fiscal year starts.
    pub fn year(&self) -> i32 {
        self.0
    }

    /// April 1.
    pub fn start(&self) -> Date {
        ymd(self.0, 4, 1)
    }

    /// March 31 of the following year.
    pub fn end(&self) -> Date {
        ymd(self.0 + 1, 3, 31)
    }

    /// Whether `date` lies in this fiscal year.
    pub fn contains(&self, date: Date) -> bool {
        Self::containing(date) == *self
    }

    /// Whether the year is over on `today`: only then are its figures final,
    /// and only then may they be published.
    pub fn has_ended(&self, today: Date) -> bool {
        today > self.end()
    }

    /// For a year in progress on `today`, the month its figures reach: the last
    /// month with data when known (clamped to the year), otherwise today's month.
    /// `None` once the year has ended or before it starts. Shown as
    /// 「年度途中（N月まで）」.
    pub fn in_progress_month(&self, today: Date, last_month_with_data: Option<i8>) -> Option<i8> {
        if !self.contains(today) {
            return None;
        }
        Some(match last_month_with_data {
            Some(m) if (1..=12).contains(&m) => m,
            _ => today.month(),
        })
    }

    pub fn next(&self) -> Self {
        Self(self.0 + 1)
    }

    pub fn previous(&self) -> Self {
        Self(self.0 - 1)
    }

    /// 「2026年度」
    pub fn label_ja(&self) -> String {
        format!("{}年度", self.0)
    }

    /// 「令和8年度」. The era is the one in force at the end of the
    /// calendar year the fiscal year starts in, as government documents
    /// write it: FY2018 is 平成30年度, FY2019 (which started under 平成)
    /// is 令和元年度, FY1989 is 平成元年度. Before 1873 the Western year is used.
    pub fn label_wareki(&self) -> String {
        let Some((era, year)) = Era::of(ymd(self.0, 12, 31)) else {
            return self.label_ja();
        };
        if year == 1 {
            format!("{}元年度", era.name_ja())
        } else {
            format!("{}{year}年度", era.name_ja())
        }
    }

    /// "FY2026"
    pub fn label_en(&self) -> String {
        format!("FY{}", self.0)
    }
}

impl std::fmt::Display for FiscalYear {
    /// The bare year, `2026`, which [`FiscalYear::parse`] reads back.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::str::FromStr for FiscalYear {
    type Err = FiscalYearError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<i32> for FiscalYear {
    type Error = FiscalYearError;
    fn try_from(year: i32) -> Result<Self, Self::Error> {
        Self::new(year)
    }
}

impl From<FiscalYear> for i32 {
    fn from(fy: FiscalYear) -> i32 {
        fy.0
    }
}

/// A date, clamped into jiff's supported range so that no year panics.
fn ymd(year: i32, month: i8, day: i8) -> Date {
    let y = year.clamp(i32::from(Date::MIN.year()), i32::from(Date::MAX.year()));
    Date::new(y as i16, month, day).unwrap_or(if year < 0 { Date::MIN } else { Date::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn wareki_dates() {
        assert_eq!(wareki(date(2026, 11, 23)), "令和8年11月23日");
        assert_eq!(wareki(date(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(wareki(date(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(wareki(date(2020, 1, 1)), "令和2年1月1日");
        assert_eq!(wareki(date(1989, 1, 7)), "昭和64年1月7日");
        assert_eq!(wareki(date(1989, 1, 8)), "平成元年1月8日");
        assert_eq!(wareki(date(1926, 12, 24)), "大正15年12月24日");
        assert_eq!(wareki(date(1926, 12, 25)), "昭和元年12月25日");
        assert_eq!(wareki(date(1912, 7, 29)), "明治45年7月29日");
        assert_eq!(wareki(date(1912, 7, 30)), "大正元年7月30日");
        assert_eq!(wareki(date(1873, 1, 1)), "明治6年1月1日");
        assert_eq!(wareki(date(1872, 12, 31)), "1872年12月31日");
    }

    #[test]
    fn eras() {
        assert_eq!(Era::of(date(2026, 4, 1)), Some((Era::Reiwa, 8)));
        assert_eq!(Era::of(date(1800, 1, 1)), None);
        assert_eq!(Era::Reiwa.name_en(), "Reiwa");
    }

    #[test]
    fn a_year_ends_after_march_31_and_is_in_progress_until_then() {
        let fy = FiscalYear::new(2026).unwrap();
        assert!(
            !fy.has_ended(date(2027, 3, 31)),
            "the last day is still in it"
        );
        assert!(fy.has_ended(date(2027, 4, 1)));
        assert!(!fy.has_ended(date(2026, 3, 1)), "not started is not ended");
        assert_eq!(fy.in_progress_month(date(2026, 7, 15), None), Some(7));
        assert_eq!(
            fy.in_progress_month(date(2026, 7, 15), Some(5)),
            Some(5),
            "the last month with data wins"
        );
        assert_eq!(fy.in_progress_month(date(2027, 2, 1), Some(13)), Some(2));
        assert_eq!(fy.in_progress_month(date(2027, 4, 1), Some(3)), None);
        assert_eq!(fy.in_progress_month(date(2026, 3, 31), None), None);
    }

    #[test]
    fn containing_splits_at_april() {
        assert_eq!(FiscalYear::containing(date(2026, 3, 31)).year(), 2025);
        assert_eq!(FiscalYear::containing(date(2026, 4, 1)).year(), 2026);
        assert_eq!(FiscalYear::containing(date(2026, 12, 31)).year(), 2026);
        assert_eq!(FiscalYear::containing(date(2027, 1, 1)).year(), 2026);
    }

    #[test]
    fn start_end_contains() {
        let fy = FiscalYear::new(2026).unwrap();
        assert_eq!(fy.start(), date(2026, 4, 1));
        assert_eq!(fy.end(), date(2027, 3, 31));
        assert!(fy.contains(date(2026, 4, 1)));
        assert!(fy.contains(date(2027, 3, 31)));
        assert!(!fy.contains(date(2026, 3, 31)));
        assert!(!fy.contains(date(2027, 4, 1)));
        assert_eq!(fy.next().year(), 2027);
        assert_eq!(fy.previous().year(), 2025);
        // Never panics, even for years jiff cannot represent.
        let odd = FiscalYear::containing(Date::MIN);
        let _ = (odd.start(), odd.end(), odd.label_wareki());
        let top = FiscalYear::containing(Date::MAX);
        let _ = (top.start(), top.end(), top.label_wareki());
    }

    #[test]
    fn labels() {
        let fy = |y| FiscalYear::new(y).unwrap();
        assert_eq!(fy(2026).label_ja(), "2026年度");
        assert_eq!(fy(2026).label_wareki(), "令和8年度");
        assert_eq!(fy(2026).label_en(), "FY2026");
        assert_eq!(fy(2018).label_wareki(), "平成30年度");
        assert_eq!(fy(2019).label_wareki(), "令和元年度");
        assert_eq!(fy(2020).label_wareki(), "令和2年度");
        assert_eq!(fy(1988).label_wareki(), "昭和63年度");
        assert_eq!(fy(1989).label_wareki(), "平成元年度");
        assert_eq!(fy(2026).to_string(), "2026");
    }

    #[test]
    fn parse() {
        for input in [
            "2026",
            " ２０２６ ",
            "2026年度",
            "FY2026",
            "fy2026",
            "FY 2026",
            "ＦＹ２０２６",
        ] {
            assert_eq!(
                FiscalYear::parse(input).map(|f| f.year()),
                Ok(2026),
                "{input}"
            );
        }
        assert_eq!(FiscalYear::parse(""), Err(FiscalYearError::Empty));
        assert_eq!(
            FiscalYear::parse("令和8年度"),
            Err(FiscalYearError::Invalid)
        );
        assert_eq!(FiscalYear::parse("2026.5"), Err(FiscalYearError::Invalid));
        assert_eq!(FiscalYear::parse("-2026"), Err(FiscalYearError::Invalid));
        assert_eq!(FiscalYear::parse("FY"), Err(FiscalYearError::Invalid));
        assert_eq!(
            FiscalYear::parse("99999999999999"),
            Err(FiscalYearError::Invalid)
        );
        assert_eq!(FiscalYear::parse("20265"), Err(FiscalYearError::OutOfRange));
        assert_eq!(FiscalYear::parse("1872"), Err(FiscalYearError::OutOfRange));
        assert_eq!(FiscalYear::new(9999), Err(FiscalYearError::OutOfRange));
        assert!(FiscalYear::new(9998).is_ok());
    }

    #[test]
    fn serde_is_a_checked_number() {
        let fy: FiscalYear = serde_json::from_str("2025").unwrap();
        assert_eq!(fy.year(), 2025);
        assert_eq!(serde_json::to_string(&fy).unwrap(), "2025");
        assert!(serde_json::from_str::<FiscalYear>("20250").is_err());
    }
}
