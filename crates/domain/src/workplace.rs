//! 選ばれる職場: the public profile of a member organization (issue 12) — what
//! it does, and the work-style measures it offers in one controlled vocabulary,
//! so a job seeker can compare employers and filter by what they need.

/// A work-style measure an employer offers (働き方の制度). The vocabulary is
/// fixed so the same words mean the same thing on every profile and filter;
/// 年間休日数 is a number of its own ([`parse_annual_holidays`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// テレワーク・在宅勤務
    Telework,
    /// フレックス
    Flextime,
    /// 時短勤務
    ShortHours,
    /// 時間単位年休
    HourlyLeave,
    /// 勤務間インターバル
    RestInterval,
    /// 再雇用制度
    Rehiring,
    /// ブランクOK
    CareerBreakWelcome,
    /// 利用可能な託児施設
    Childcare,
    /// 子育て・介護との両立支援
    FamilySupport,
    /// 転勤なし
    NoRelocation,
    /// 副業可
    SideJobs,
    /// UIJターン歓迎
    UijTurn,
    /// 正社員登用あり
    RegularConversion,
    /// マイカー通勤可
    CarCommute,
    /// 週休二日
    TwoDaysOff,
}

impl Measure {
    pub const ALL: [Measure; 15] = [
        Measure::Telework,
        Measure::Flextime,
        Measure::ShortHours,
        Measure::HourlyLeave,
        Measure::RestInterval,
        Measure::Rehiring,
        Measure::CareerBreakWelcome,
        Measure::Childcare,
        Measure::FamilySupport,
        Measure::NoRelocation,
        Measure::SideJobs,
        Measure::UijTurn,
        Measure::RegularConversion,
        Measure::CarCommute,
        Measure::TwoDaysOff,
    ];

    /// The stored and posted form.
    pub fn as_str(&self) -> &'static str {
        match self {
            Measure::Telework => "telework",
            Measure::Flextime => "flextime",
            Measure::ShortHours => "short_hours",
            Measure::HourlyLeave => "hourly_leave",
            Measure::RestInterval => "rest_interval",
            Measure::Rehiring => "rehiring",
            Measure::CareerBreakWelcome => "career_break_welcome",
            Measure::Childcare => "childcare",
            Measure::FamilySupport => "family_support",
            Measure::NoRelocation => "no_relocation",
            Measure::SideJobs => "side_jobs",
            Measure::UijTurn => "uij_turn",
            Measure::RegularConversion => "regular_conversion",
            Measure::CarCommute => "car_commute",
            Measure::TwoDaysOff => "two_days_off",
        }
    }

    /// None for anything but the stored words.
    pub fn parse(input: &str) -> Option<Measure> {
        Measure::ALL
            .into_iter()
            .find(|m| m.as_str() == input.trim())
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            Measure::Telework => "テレワーク・在宅勤務",
            Measure::Flextime => "フレックス",
            Measure::ShortHours => "時短勤務",
            Measure::HourlyLeave => "時間単位年休",
            Measure::RestInterval => "勤務間インターバル",
            Measure::Rehiring => "再雇用制度",
            Measure::CareerBreakWelcome => "ブランクOK",
            Measure::Childcare => "利用可能な託児施設",
            Measure::FamilySupport => "子育て・介護との両立支援",
            Measure::NoRelocation => "転勤なし",
            Measure::SideJobs => "副業可",
            Measure::UijTurn => "UIJターン歓迎",
            Measure::RegularConversion => "正社員登用あり",
            Measure::CarCommute => "マイカー通勤可",
            Measure::TwoDaysOff => "週休二日",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            Measure::Telework => "Telework / working from home",
            Measure::Flextime => "Flextime",
            Measure::ShortHours => "Shorter working hours",
            Measure::HourlyLeave => "Paid leave by the hour",
            Measure::RestInterval => "Minimum rest between shifts",
            Measure::Rehiring => "Rehiring of former employees",
            Measure::CareerBreakWelcome => "Career breaks welcome",
            Measure::Childcare => "Childcare available",
            Measure::FamilySupport => "Support for childcare and caregiving",
            Measure::NoRelocation => "No relocation",
            Measure::SideJobs => "Side jobs allowed",
            Measure::UijTurn => "U/I/J-turn movers welcome",
            Measure::RegularConversion => "Path to regular employment",
            Measure::CarCommute => "Commuting by car",
            Measure::TwoDaysOff => "Two days off a week",
        }
    }

    /// The stored list (codes separated by spaces), in vocabulary order,
    /// each once.
    pub fn join(measures: &[Measure]) -> String {
        join_codes(measures, Measure::as_str)
    }

    /// The stored list back; None when it holds a word outside the vocabulary.
    pub fn split(stored: &str) -> Option<Vec<Measure>> {
        stored.split_whitespace().map(Measure::parse).collect()
    }
}

/// A list of vocabulary words as stored: sorted, each once, separated by spaces.
fn join_codes<T: Copy + Ord>(items: &[T], code: fn(&T) -> &'static str) -> String {
    let mut sorted = items.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.iter().map(code).collect::<Vec<_>>().join(" ")
}

/// A certification the employer holds (取得している認定), as it states it on
/// its profile: the national marks a job seeker may know. The readiness check
/// (`kpi::certification::Mark`) covers the marks the employer's own figures
/// can qualify for; these are the ones it says it already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HeldCertification {
    /// トライくるみん (次世代育成支援対策推進法)
    TryKurumin,
    /// くるみん
    Kurumin,
    /// プラチナくるみん
    PlatinumKurumin,
    /// えるぼし 1段階目 (女性活躍推進法)
    Eruboshi1,
    /// えるぼし 2段階目
    Eruboshi2,
    /// えるぼし 3段階目
    Eruboshi3,
    /// プラチナえるぼし
    PlatinumEruboshi,
    /// ユースエール (若者雇用促進法)
    YouthYell,
    /// もにす (障害者雇用優良中小事業主)
    Monisu,
    /// 安全衛生優良企業 (労働安全衛生法)
    SafetyHealth,
    /// 健康経営優良法人 (経済産業省)
    HealthManagement,
}

impl HeldCertification {
    pub const ALL: [HeldCertification; 11] = [
        HeldCertification::TryKurumin,
        HeldCertification::Kurumin,
        HeldCertification::PlatinumKurumin,
        HeldCertification::Eruboshi1,
        HeldCertification::Eruboshi2,
        HeldCertification::Eruboshi3,
        HeldCertification::PlatinumEruboshi,
        HeldCertification::YouthYell,
        HeldCertification::Monisu,
        HeldCertification::SafetyHealth,
        HeldCertification::HealthManagement,
    ];

    /// The stored and posted form.
    pub fn as_str(&self) -> &'static str {
        match self {
            HeldCertification::TryKurumin => "try_kurumin",
            HeldCertification::Kurumin => "kurumin",
            HeldCertification::PlatinumKurumin => "platinum_kurumin",
            HeldCertification::Eruboshi1 => "eruboshi_1",
            HeldCertification::Eruboshi2 => "eruboshi_2",
            HeldCertification::Eruboshi3 => "eruboshi_3",
            HeldCertification::PlatinumEruboshi => "platinum_eruboshi",
            HeldCertification::YouthYell => "youth_yell",
            HeldCertification::Monisu => "monisu",
            HeldCertification::SafetyHealth => "safety_health",
            HeldCertification::HealthManagement => "health_management",
        }
    }

    /// None for anything but the stored words.
    pub fn parse(input: &str) -> Option<HeldCertification> {
        HeldCertification::ALL
            .into_iter()
            .find(|c| c.as_str() == input.trim())
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            HeldCertification::TryKurumin => "トライくるみん",
            HeldCertification::Kurumin => "くるみん",
            HeldCertification::PlatinumKurumin => "プラチナくるみん",
            HeldCertification::Eruboshi1 => "えるぼし（1段階目）",
            HeldCertification::Eruboshi2 => "えるぼし（2段階目）",
            HeldCertification::Eruboshi3 => "えるぼし（3段階目）",
            HeldCertification::PlatinumEruboshi => "プラチナえるぼし",
            HeldCertification::YouthYell => "ユースエール",
            HeldCertification::Monisu => "もにす（障害者雇用優良中小事業主）",
            HeldCertification::SafetyHealth => "安全衛生優良企業",
            HeldCertification::HealthManagement => "健康経営優良法人",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            HeldCertification::TryKurumin => "Try Kurumin (childcare support)",
            HeldCertification::Kurumin => "Kurumin (childcare support)",
            HeldCertification::PlatinumKurumin => "Platinum Kurumin (childcare support)",
            HeldCertification::Eruboshi1 => "Eruboshi, level 1 (women's advancement)",
            HeldCertification::Eruboshi2 => "Eruboshi, level 2 (women's advancement)",
            HeldCertification::Eruboshi3 => "Eruboshi, level 3 (women's advancement)",
            HeldCertification::PlatinumEruboshi => "Platinum Eruboshi (women's advancement)",
            HeldCertification::YouthYell => "Youth Yell (hiring and training young people)",
            HeldCertification::Monisu => "Monisu (employing people with disabilities)",
            HeldCertification::SafetyHealth => "Excellent occupational safety and health",
            HeldCertification::HealthManagement => "Health and Productivity Management",
        }
    }

    /// The stored list, like [`Measure::join`].
    pub fn join(held: &[HeldCertification]) -> String {
        join_codes(held, HeldCertification::as_str)
    }

    /// The stored list back; None when it holds a word outside the vocabulary.
    pub fn split(stored: &str) -> Option<Vec<HeldCertification>> {
        stored
            .split_whitespace()
            .map(HeldCertification::parse)
            .collect()
    }
}

/// Why a number of 年間休日 was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AnnualHolidaysError {
    #[error("annual holidays are not a whole number")]
    NotANumber,
    #[error("annual holidays are more than the days of a year")]
    TooMany,
}

impl AnnualHolidaysError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            AnnualHolidaysError::NotANumber => "workplace.error.holidays_number",
            AnnualHolidaysError::TooMany => "workplace.error.holidays_range",
        }
    }
}

/// 年間休日数: empty is "not stated"; full-width digits and a trailing 日 are
/// accepted (「１２０日」); at most 366.
pub fn parse_annual_holidays(input: &str) -> Result<Option<u16>, AnnualHolidaysError> {
    let v = crate::normalize_digits(input);
    let v = v.trim().trim_end_matches('日').trim();
    if v.is_empty() {
        return Ok(None);
    }
    if !v.bytes().all(|b| b.is_ascii_digit()) || v.len() > 4 {
        return Err(AnnualHolidaysError::NotANumber);
    }
    let n: u16 = v.parse().map_err(|_| AnnualHolidaysError::NotANumber)?;
    if n > 366 {
        return Err(AnnualHolidaysError::TooMany);
    }
    Ok(Some(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_measure_round_trips_and_nothing_else_parses() {
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.as_str()), Some(m));
        }
        assert_eq!(Measure::parse("Telework"), None);
        assert_eq!(Measure::parse("テレワーク"), None);
        assert_eq!(Measure::parse(""), None);
    }

    #[test]
    fn every_certification_round_trips_and_the_list_is_stored_in_order() {
        for c in HeldCertification::ALL {
            assert_eq!(HeldCertification::parse(c.as_str()), Some(c));
        }
        assert_eq!(HeldCertification::parse("くるみん"), None);
        let stored = HeldCertification::join(&[
            HeldCertification::YouthYell,
            HeldCertification::Kurumin,
            HeldCertification::YouthYell,
        ]);
        assert_eq!(stored, "kurumin youth_yell");
        assert_eq!(
            HeldCertification::split(&stored),
            Some(vec![
                HeldCertification::Kurumin,
                HeldCertification::YouthYell
            ])
        );
        assert_eq!(HeldCertification::split(""), Some(vec![]));
        assert_eq!(HeldCertification::split("kurumin gold"), None);
    }

    #[test]
    fn the_stored_list_is_sorted_once_each_and_refuses_strangers() {
        let stored = Measure::join(&[Measure::TwoDaysOff, Measure::Telework, Measure::Telework]);
        assert_eq!(stored, "telework two_days_off");
        assert_eq!(
            Measure::split(&stored),
            Some(vec![Measure::Telework, Measure::TwoDaysOff])
        );
        assert_eq!(Measure::split(""), Some(vec![]));
        assert_eq!(Measure::split("telework beer_friday"), None);
    }

    #[test]
    fn annual_holidays_take_full_width_digits_and_stop_at_a_year() {
        assert_eq!(parse_annual_holidays("１２０日"), Ok(Some(120)));
        assert_eq!(parse_annual_holidays(" 105 "), Ok(Some(105)));
        assert_eq!(parse_annual_holidays(""), Ok(None));
        assert_eq!(parse_annual_holidays("366"), Ok(Some(366)));
        assert_eq!(
            parse_annual_holidays("367"),
            Err(AnnualHolidaysError::TooMany)
        );
        assert_eq!(
            parse_annual_holidays("120.5"),
            Err(AnnualHolidaysError::NotANumber)
        );
        assert_eq!(
            parse_annual_holidays("-1"),
            Err(AnnualHolidaysError::NotANumber)
        );
        assert_eq!(
            parse_annual_holidays("99999999999"),
            Err(AnnualHolidaysError::NotANumber)
        );
    }
}
