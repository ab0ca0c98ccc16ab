//! Kinds and sizes of organizations.

use crate::text::{clean, i18n_error, string_type};

/// What kind of body an organization is. The registry counts declarers
/// within each type (“自治体で6番目”).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OrgType {
    /// 企業 — companies and other employers run as businesses.
    Company,
    /// 自治体 — municipalities and prefectures.
    Municipality,
    /// その他 — associations, co-operatives, schools, NPOs, …
    Other,
}

/// Why a string is not an [`OrgType`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OrgTypeError {
    #[error("no organization type given")]
    Empty,
    #[error("unknown organization type")]
    Unknown,
}

impl OrgTypeError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Empty => "error.required",
            Self::Unknown => "error.org_type.unknown",
        }
    }
}
i18n_error!(OrgTypeError);

impl OrgType {
    pub const ALL: [OrgType; 3] = [Self::Company, Self::Municipality, Self::Other];

    /// Parses the stable id: `company`, `municipality` or `other`.
    pub fn parse(input: &str) -> Result<Self, OrgTypeError> {
        let s = clean(input);
        if s.is_empty() {
            return Err(OrgTypeError::Empty);
        }
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or(OrgTypeError::Unknown)
    }

    /// The stable id stored in the database and used in URLs.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Company => "company",
            Self::Municipality => "municipality",
            Self::Other => "other",
        }
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            Self::Company => "企業",
            Self::Municipality => "自治体",
            Self::Other => "その他",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            Self::Company => "Company",
            Self::Municipality => "Municipality",
            Self::Other => "Other",
        }
    }
}
string_type!(OrgType, OrgTypeError);

/// How many people an organization employs (常時雇用する労働者), in bands whose
/// edges are the head counts at which Japanese labour law adds duties, so
/// that a band alone tells which rules apply:
///
/// | band | from this size on |
/// |---|---|
/// | `1-9` | basic duties of every employer |
/// | `10-100` | 就業規則 must be written and filed (労働基準法 89条, 常時10人以上) |
/// | `101-300` | 一般事業主行動計画 must be made and filed under 次世代育成支援対策推進法 and 女性活躍推進法 (101人以上; since 2025-04 with numeric targets for men's childcare leave and working hours) |
/// | `301-1000` | 女性活躍推進法: publish the gender pay gap and more items (301人以上, since 2022-07); 育児・介護休業法: publish men's childcare-leave take-up every year (300人超, since 2025-04) |
/// | `1001+` | men's take-up publication was already required from 2023-04 (1,000人超); the largest employers |
///
/// Thresholds that do not matter to this programme (40+ 障害者雇用, 50+ 産業医
/// and ストレスチェック) are deliberately not band edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EmployeeBand {
    /// 1–9
    UpTo9,
    /// 10–100
    From10To100,
    /// 101–300
    From101To300,
    /// 301–1,000
    From301To1000,
    /// 1,001 and more
    Over1000,
}

/// Why a string is not an [`EmployeeBand`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmployeeBandError {
    #[error("no employee band given")]
    Empty,
    #[error("unknown employee band")]
    Unknown,
}

impl EmployeeBandError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Empty => "error.required",
            Self::Unknown => "error.employee_band.unknown",
        }
    }
}
i18n_error!(EmployeeBandError);

impl EmployeeBand {
    pub const ALL: [EmployeeBand; 5] = [
        Self::UpTo9,
        Self::From10To100,
        Self::From101To300,
        Self::From301To1000,
        Self::Over1000,
    ];

    /// Parses the stable id: `1-9`, `10-100`, `101-300`, `301-1000`, `1001+`.
    /// For the last, `1001` and `1001-` are also accepted (a `+` in a
    /// hand-typed URL query arrives as a space, which is trimmed).
    pub fn parse(input: &str) -> Result<Self, EmployeeBandError> {
        let s = clean(input);
        if s.is_empty() {
            return Err(EmployeeBandError::Empty);
        }
        if s == "1001" || s == "1001-" {
            return Ok(Self::Over1000);
        }
        Self::ALL
            .into_iter()
            .find(|b| b.as_str() == s)
            .ok_or(EmployeeBandError::Unknown)
    }

    /// The band a head count falls in; `None` for 0.
    pub fn for_count(employees: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|b| {
            b.min_employees() <= employees && b.max_employees().is_none_or(|m| employees <= m)
        })
    }

    /// The stable id stored in the database and used in URLs.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::UpTo9 => "1-9",
            Self::From10To100 => "10-100",
            Self::From101To300 => "101-300",
            Self::From301To1000 => "301-1000",
            Self::Over1000 => "1001+",
        }
    }

    /// Smallest head count in the band.
    pub fn min_employees(&self) -> u32 {
        match self {
            Self::UpTo9 => 1,
            Self::From10To100 => 10,
            Self::From101To300 => 101,
            Self::From301To1000 => 301,
            Self::Over1000 => 1001,
        }
    }

    /// Largest head count in the band; `None` for the open top band.
    pub fn max_employees(&self) -> Option<u32> {
        match self {
            Self::UpTo9 => Some(9),
            Self::From10To100 => Some(100),
            Self::From101To300 => Some(300),
            Self::From301To1000 => Some(1000),
            Self::Over1000 => None,
        }
    }

    /// 「10〜100人」
    pub fn name_ja(&self) -> &'static str {
        match self {
            Self::UpTo9 => "1〜9人",
            Self::From10To100 => "10〜100人",
            Self::From101To300 => "101〜300人",
            Self::From301To1000 => "301〜1,000人",
            Self::Over1000 => "1,001人以上",
        }
    }

    /// "10–100 employees"
    pub fn name_en(&self) -> &'static str {
        match self {
            Self::UpTo9 => "1–9 employees",
            Self::From10To100 => "10–100 employees",
            Self::From101To300 => "101–300 employees",
            Self::From301To1000 => "301–1,000 employees",
            Self::Over1000 => "1,001 or more employees",
        }
    }
}
string_type!(EmployeeBand, EmployeeBandError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_type_ids() {
        for t in OrgType::ALL {
            assert_eq!(OrgType::parse(t.as_str()), Ok(t));
        }
        assert_eq!(OrgType::parse(" municipality "), Ok(OrgType::Municipality));
        assert_eq!(OrgType::Municipality.name_ja(), "自治体");
        assert_eq!(OrgType::parse("Company"), Err(OrgTypeError::Unknown));
        assert_eq!(OrgType::parse("企業"), Err(OrgTypeError::Unknown));
        assert_eq!(OrgType::parse(""), Err(OrgTypeError::Empty));
        assert_eq!(serde_json::to_string(&OrgType::Other).unwrap(), "\"other\"");
    }

    #[test]
    fn band_ids_round_trip() {
        for b in EmployeeBand::ALL {
            assert_eq!(EmployeeBand::parse(b.as_str()), Ok(b));
            assert_eq!(b.to_string(), b.as_str());
        }
        assert_eq!(EmployeeBand::parse("1001"), Ok(EmployeeBand::Over1000));
        assert_eq!(EmployeeBand::parse("1001 "), Ok(EmployeeBand::Over1000));
        assert_eq!(
            EmployeeBand::parse("１０１－３００"),
            Ok(EmployeeBand::From101To300)
        );
        assert_eq!(EmployeeBand::parse("1-10"), Err(EmployeeBandError::Unknown));
        assert_eq!(EmployeeBand::parse("300"), Err(EmployeeBandError::Unknown));
        assert_eq!(EmployeeBand::parse(""), Err(EmployeeBandError::Empty));
        assert_eq!(
            serde_json::from_str::<EmployeeBand>("\"301-1000\"").unwrap(),
            EmployeeBand::From301To1000
        );
    }

    #[test]
    fn bands_cover_every_count_once_at_legal_edges() {
        use EmployeeBand::*;
        assert_eq!(EmployeeBand::for_count(0), None);
        for (n, band) in [
            (1, UpTo9),
            (9, UpTo9),
            (10, From10To100),
            (100, From10To100),
            (101, From101To300),
            (300, From101To300),
            (301, From301To1000),
            (1000, From301To1000),
            (1001, Over1000),
            (u32::MAX, Over1000),
        ] {
            assert_eq!(EmployeeBand::for_count(n), Some(band), "{n}");
        }
        for w in EmployeeBand::ALL.windows(2) {
            assert_eq!(w[0].max_employees().unwrap() + 1, w[1].min_employees());
        }
    }
}
