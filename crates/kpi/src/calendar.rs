//! Calendar arithmetic the rules need: epoch days (for week grouping without
//! allocating), month indexes, "same day N months later, clamped to the month's
//! last day", and the `YYYY-MM` month label.
//!
//! Everything is integer arithmetic so the streaming overtime pass costs a few
//! additions per row.

use std::fmt;

use jiff::civil::Date;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use crate::settings::WeekStart;

/// Days since 1970-01-01 (a Thursday), proleptic Gregorian.
///
/// Howard Hinnant's `days_from_civil`; exact for every date jiff can hold.
pub(crate) fn epoch_day(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12; // March = 0, so the leap day is the year's last day
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Index of the calendar week holding `epoch_day`, for weeks starting on
/// `start`. Two dates share a week exactly when their indexes are equal.
pub(crate) fn week_index(epoch_day: i64, start: WeekStart) -> i64 {
    // 1970-01-01 is a Thursday: 4 days after the Sunday before it, 3 after
    // the Monday before it.
    let shift = match start {
        WeekStart::Sunday => 4,
        WeekStart::Monday => 3,
    };
    (epoch_day + shift).div_euclid(7)
}

/// The last day of the given month, or `None` outside jiff's range.
pub(crate) fn month_end(year: i16, month: i8) -> Option<Date> {
    Date::new(year, month, 1).ok().map(Date::last_of_month)
}

/// `date` plus `months` months: the same day of month, or the month's last day
/// when that day does not exist (Aug 31 + 6 months = Feb 28/29).
///
/// Returns the date and whether it was clamped.
pub(crate) fn add_months_clamped(date: Date, months: i32) -> Option<(Date, bool)> {
    let target = YearMonth::of_calendar(date).index.checked_add(months)?;
    let ym = YearMonth { index: target };
    let year = i16::try_from(ym.year()).ok()?;
    let last = month_end(year, ym.month())?;
    if date.day() > last.day() {
        Some((last, true))
    } else {
        Some((Date::new(year, ym.month(), date.day()).ok()?, false))
    }
}

/// A month, shown as `YYYY-MM`.
///
/// For the 36協定 it is an agreement month: with an agreement start day of 21,
/// `2026-04` is 2026-04-21 to 2026-05-20 (the month is named after the month
/// in which it starts). With the default start day 1 it is the calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// `year * 12 + (month - 1)`, so consecutive months differ by one.
    index: i32,
}

impl YearMonth {
    /// The month `year`-`month` (1–12). `None` when `month` is out of range.
    pub fn new(year: i32, month: i8) -> Option<YearMonth> {
        if (1..=12).contains(&month) {
            Some(YearMonth {
                index: year * 12 + i32::from(month) - 1,
            })
        } else {
            None
        }
    }

    /// The calendar month holding `date`.
    pub fn of_calendar(date: Date) -> YearMonth {
        YearMonth {
            index: i32::from(date.year()) * 12 + i32::from(date.month()) - 1,
        }
    }

    /// The agreement month holding `date` when agreement months start on day
    /// `start_day` (1–28) of each month.
    pub fn of_agreement(date: Date, start_day: i8) -> YearMonth {
        let calendar = YearMonth::of_calendar(date);
        if date.day() < start_day {
            calendar.plus(-1)
        } else {
            calendar
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.index.div_euclid(12)
    }

    /// The month, 1–12.
    pub fn month(self) -> i8 {
        // rem_euclid(12) is 0..=11, so the cast cannot truncate.
        (self.index.rem_euclid(12) + 1) as i8
    }

    /// The month `n` months later (earlier when negative).
    pub fn plus(self, n: i32) -> YearMonth {
        YearMonth {
            index: self.index + n,
        }
    }

    /// Parses `YYYY-MM` (four-digit year, two-digit month 01–12).
    pub fn parse(text: &str) -> Option<YearMonth> {
        let b = text.as_bytes();
        if b.len() != 7
            || b[4] != b'-'
            || !b
                .iter()
                .enumerate()
                .all(|(i, c)| i == 4 || c.is_ascii_digit())
        {
            return None;
        }
        let year: i32 = text[..4].parse().ok()?;
        let month: i8 = text[5..].parse().ok()?;
        YearMonth::new(year, month)
    }

    /// How many months `self` is after `earlier`.
    pub fn months_since(self, earlier: YearMonth) -> i32 {
        self.index - earlier.index
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    /// From `"YYYY-MM"`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        YearMonth::parse(&text).ok_or_else(|| {
            de::Error::invalid_value(de::Unexpected::Str(&text), &"a month as YYYY-MM")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn epoch_day_matches_jiff_over_several_years() {
        // Compare with jiff's own day count over 1999-01-01 .. 2031-12-31,
        // which crosses the 2000 (divisible by 400) and several leap years.
        let origin = date(1970, 1, 1);
        let mut d = date(1999, 1, 1);
        while d <= date(2031, 12, 31) {
            let span = origin.until((jiff::Unit::Day, d)).unwrap();
            assert_eq!(epoch_day(d), i64::from(span.get_days()), "{d}");
            d = d.tomorrow().unwrap();
        }
        assert_eq!(epoch_day(date(1970, 1, 1)), 0);
        assert_eq!(epoch_day(date(1969, 12, 31)), -1);
    }

    #[test]
    fn week_index_groups_sunday_or_monday_weeks() {
        // 2026-03-29 is a Sunday, 2026-03-30 a Monday, 2026-04-04 a Saturday,
        // 2026-04-05 a Sunday.
        let sun = epoch_day(date(2026, 3, 29));
        let mon = epoch_day(date(2026, 3, 30));
        let sat = epoch_day(date(2026, 4, 4));
        let next_sun = epoch_day(date(2026, 4, 5));
        // Sunday weeks: Sun 29 .. Sat 4 together, Sun 5 starts a new week.
        assert_eq!(
            week_index(sun, WeekStart::Sunday),
            week_index(sat, WeekStart::Sunday)
        );
        assert_ne!(
            week_index(sat, WeekStart::Sunday),
            week_index(next_sun, WeekStart::Sunday)
        );
        // Monday weeks: Sun 29 ends the previous week; Mon 30 .. Sun 5 together.
        assert_ne!(
            week_index(sun, WeekStart::Monday),
            week_index(mon, WeekStart::Monday)
        );
        assert_eq!(
            week_index(mon, WeekStart::Monday),
            week_index(next_sun, WeekStart::Monday)
        );
    }

    #[test]
    fn add_months_clamps_to_month_end() {
        // Aug 31 + 6 months: February has no 31st -> Feb 28 (2027, common year).
        assert_eq!(
            add_months_clamped(date(2026, 8, 31), 6),
            Some((date(2027, 2, 28), true))
        );
        // + 18 months lands in February 2028, a leap year -> Feb 29.
        assert_eq!(
            add_months_clamped(date(2026, 8, 31), 18),
            Some((date(2028, 2, 29), true))
        );
        // A day that exists is kept.
        assert_eq!(
            add_months_clamped(date(2026, 4, 15), 6),
            Some((date(2026, 10, 15), false))
        );
    }

    #[test]
    fn agreement_months_with_a_later_start_day() {
        // Start day 21: 2026-05-20 still belongs to the month that started on
        // 2026-04-21, labelled 2026-04; 2026-05-21 starts 2026-05.
        assert_eq!(
            YearMonth::of_agreement(date(2026, 5, 20), 21).to_string(),
            "2026-04"
        );
        assert_eq!(
            YearMonth::of_agreement(date(2026, 5, 21), 21).to_string(),
            "2026-05"
        );
        // January 5th with start day 21 belongs to the previous December.
        assert_eq!(
            YearMonth::of_agreement(date(2027, 1, 5), 21).to_string(),
            "2026-12"
        );
        assert_eq!(
            YearMonth::of_agreement(date(2027, 1, 5), 1).to_string(),
            "2027-01"
        );
    }

    #[test]
    fn year_month_parses_and_round_trips() {
        assert_eq!(YearMonth::parse("2026-04"), YearMonth::new(2026, 4));
        assert_eq!(YearMonth::parse("1999-12"), YearMonth::new(1999, 12));
        for bad in [
            "2026-4",
            "2026-13",
            "2026-00",
            "26-04",
            "2026/04",
            "2026-04-01",
            "２０２６-04",
        ] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        let m = YearMonth::new(2027, 3).unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "\"2027-03\"");
        assert_eq!(serde_json::from_str::<YearMonth>(&json).unwrap(), m);
        assert!(serde_json::from_str::<YearMonth>("\"2027-3\"").is_err());
        assert!(serde_json::from_str::<YearMonth>("202703").is_err());
    }
}
