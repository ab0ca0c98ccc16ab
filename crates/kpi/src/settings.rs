//! The choices the law leaves to the employer (the **Decision** lines of
//! LABOR_RULES.md), as settings with erabareru's defaults.

use serde::Serialize;

use crate::KpiError;

/// First day of the calendar week used for the 40 h (44 h) weekly limit.
///
/// 労働基準法 does not fix it; 就業規則 may. Without a rule the week is
/// Sunday–Saturday (行政解釈 昭63.1.1 基発1号), hence the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WeekStart {
    /// Sunday–Saturday (default).
    #[default]
    Sunday,
    /// Monday–Sunday.
    Monday,
}

/// Settings of one computation. `Settings::default()` is erabareru's default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// 週の起算日: first day of the week for the weekly limit.
    pub week_start: WeekStart,
    /// 特例事業場 (retail, hospitality, healthcare, entertainment with < 10
    /// workers): the weekly limit is 44 h instead of 40 h. Default false.
    pub special_workplace: bool,
    /// The 36協定 has a 特別条項 (default true): limits become 720 h a year and
    /// at most 6 months over 45 h; without it, 45 h a month and 360 h a year
    /// are hard limits.
    pub special_clause: bool,
    /// 1年単位の変形労働時間制 with a period over 3 months: 限度時間 42 h a
    /// month and 320 h a year. Default false. (Only the limits change; legal
    /// overtime of such workers should be supplied precomputed, because the
    /// clock-time rule here uses the plain 8 h / 40 h definition.)
    pub variable_hours: bool,
    /// First month (1–12) of the 事業年度 and of the 36協定's agreement year.
    /// Default 4 (April): `--fy 2026` is 2026-04-01 .. 2027-03-31.
    pub fiscal_year_start_month: i8,
    /// 起算日 day of month (1–28) of the 36協定: agreement months run from this
    /// day to the day before it in the next month. Default 1 (calendar
    /// months); e.g. 21 for a company that closes on the 20th.
    pub agreement_start_day: i8,
    /// Age band (inclusive) of full-time workers for the 2025 くるみん working-
    /// hours criterion; one source says 25–39, another 20–39. Default 25–39.
    /// Used by `CertificationFigures::age_band_months` (age on the month's
    /// first day).
    pub kurumin_age_band: (u8, u8),
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            week_start: WeekStart::Sunday,
            special_workplace: false,
            special_clause: true,
            variable_hours: false,
            fiscal_year_start_month: 4,
            agreement_start_day: 1,
            kurumin_age_band: (25, 39),
        }
    }
}

/// 法定労働時間 per day: 8 h.
pub const DAILY_LIMIT_MINUTES: u32 = 8 * 60;
/// 100 h: a month with this much legal overtime + legal-holiday work or more
/// breaks the law (100 h exactly is a breach).
pub const MONTHLY_100H_MINUTES: u64 = 100 * 60;
/// 80 h: the 2–6 month average of legal overtime + legal-holiday work must not
/// exceed this (80 h exactly is allowed).
pub const AVERAGE_80H_MINUTES: u64 = 80 * 60;
/// With 特別条項: legal overtime per agreement year must not exceed 720 h.
pub const ANNUAL_720H_MINUTES: u64 = 720 * 60;
/// With 特別条項: at most this many months over the monthly 限度時間.
pub const MAX_MONTHS_OVER_LIMIT: u32 = 6;

impl Settings {
    /// Checks the ranges of the numeric settings.
    pub fn validate(&self) -> Result<(), KpiError> {
        if !(1..=12).contains(&self.fiscal_year_start_month) {
            return Err(KpiError::InvalidSettings(format!(
                "fiscal_year_start_month must be 1..=12, got {}",
                self.fiscal_year_start_month
            )));
        }
        // Days 29–31 do not exist in every month, so an agreement month could
        // not start on them every month.
        if !(1..=28).contains(&self.agreement_start_day) {
            return Err(KpiError::InvalidSettings(format!(
                "agreement_start_day must be 1..=28, got {}",
                self.agreement_start_day
            )));
        }
        if self.kurumin_age_band.0 > self.kurumin_age_band.1 {
            return Err(KpiError::InvalidSettings(
                "kurumin_age_band must be (low, high) with low <= high".to_string(),
            ));
        }
        Ok(())
    }

    /// 法定労働時間 per week in minutes: 2,400 (40 h) or 2,640 (44 h).
    pub fn weekly_limit_minutes(&self) -> u32 {
        if self.special_workplace {
            44 * 60
        } else {
            40 * 60
        }
    }

    /// 限度時間 per month in minutes: 2,700 (45 h) or 2,520 (42 h).
    pub fn monthly_limit_minutes(&self) -> u64 {
        if self.variable_hours {
            42 * 60
        } else {
            45 * 60
        }
    }

    /// 限度時間 per year in minutes: 21,600 (360 h) or 19,200 (320 h).
    pub fn annual_limit_minutes(&self) -> u64 {
        if self.variable_hours {
            320 * 60
        } else {
            360 * 60
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_decisions() {
        let s = Settings::default();
        assert_eq!(s.week_start, WeekStart::Sunday);
        assert!(s.special_clause);
        assert!(!s.special_workplace);
        assert!(!s.variable_hours);
        assert_eq!(s.fiscal_year_start_month, 4);
        assert_eq!(s.agreement_start_day, 1);
        assert_eq!(s.weekly_limit_minutes(), 2400);
        assert_eq!(s.monthly_limit_minutes(), 2700);
        assert_eq!(s.annual_limit_minutes(), 21_600);
        assert!(s.validate().is_ok());
    }

    #[test]
    fn variants_change_the_limits() {
        let s = Settings {
            special_workplace: true,
            variable_hours: true,
            ..Settings::default()
        };
        assert_eq!(s.weekly_limit_minutes(), 2640); // 44 h * 60
        assert_eq!(s.monthly_limit_minutes(), 2520); // 42 h * 60
        assert_eq!(s.annual_limit_minutes(), 19_200); // 320 h * 60
    }

    #[test]
    fn out_of_range_settings_are_rejected() {
        let bad_day = Settings {
            agreement_start_day: 29,
            ..Settings::default()
        };
        assert!(bad_day.validate().is_err());
        let bad_month = Settings {
            fiscal_year_start_month: 13,
            ..Settings::default()
        };
        assert!(bad_month.validate().is_err());
    }
}
