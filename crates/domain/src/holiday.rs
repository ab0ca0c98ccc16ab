//! Japanese national holidays (国民の祝日 and the 休日 of the 祝日法),
//! 1970–2050, from the embedded `data/holidays.yml` of holiday-jp/holiday_jp
//! (MIT, see `data/HOLIDAYS_LICENSE`; upstream commit f9d2e3c5, 2024-02-09).
//! Lines are `YYYY-MM-DD: name`; the table is parsed once, on first use.

use std::sync::LazyLock;

use jiff::civil::Date;

const SOURCE: &str = include_str!("../data/holidays.yml");

/// Sorted by date, one entry per day.
static TABLE: LazyLock<Vec<(Date, &'static str)>> = LazyLock::new(|| {
    let mut table: Vec<_> = SOURCE.lines().filter_map(parse_line).collect();
    table.sort_by_key(|(d, _)| *d);
    table.dedup_by_key(|(d, _)| *d);
    table
});

/// Reads a `YYYY-MM-DD: name` line; the `---` header, comments and blank
/// lines give `None`.
fn parse_line(line: &'static str) -> Option<(Date, &'static str)> {
    let (date, name) = line.trim().split_once(": ")?;
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let date = Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?;
    let name = name.trim().trim_matches(['"', '\'']);
    (!name.is_empty()).then_some((date, name))
}

/// The holiday's name, e.g. 「勤労感謝の日」, 「こどもの日 振替休日」
/// (substitute holiday) or 「休日」 (a 国民の休日 between two holidays);
/// `None` on other days and outside [`holiday_years`].
pub fn holiday_name(date: Date) -> Option<&'static str> {
    TABLE
        .binary_search_by_key(&date, |(d, _)| *d)
        .ok()
        .map(|i| TABLE[i].1)
}

/// Whether `date` is a day off under the 祝日法: a 国民の祝日, a 振替休日 or
/// a 国民の休日. Weekends are not included.
pub fn is_national_holiday(date: Date) -> bool {
    holiday_name(date).is_some()
}

/// The holidays from `from` to `to`, both included, in date order.
pub fn holidays_between(from: Date, to: Date) -> impl Iterator<Item = (Date, &'static str)> {
    let start = TABLE.partition_point(|(d, _)| *d < from);
    TABLE[start..]
        .iter()
        .copied()
        .take_while(move |(d, _)| *d <= to)
}

/// The first and last calendar year the table covers (1970, 2050). Outside
/// it [`holiday_name`] knows nothing.
pub fn holiday_years() -> (i16, i16) {
    match (TABLE.first(), TABLE.last()) {
        (Some((first, _)), Some((last, _))) => (first.year(), last.year()),
        _ => (0, -1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn every_data_line_is_read() {
        let data_lines = SOURCE
            .lines()
            .filter(|l| l.as_bytes().first().is_some_and(u8::is_ascii_digit))
            .count();
        assert_eq!(TABLE.len(), data_lines);
        assert!(TABLE.len() > 1300);
        assert_eq!(holiday_years(), (1970, 2050));
    }

    #[test]
    fn known_holidays() {
        assert_eq!(holiday_name(date(2026, 11, 23)), Some("勤労感謝の日"));
        assert_eq!(holiday_name(date(2026, 1, 1)), Some("元日"));
        assert_eq!(holiday_name(date(2026, 5, 6)), Some("こどもの日 振替休日"));
        assert_eq!(holiday_name(date(2026, 9, 22)), Some("休日"));
        assert_eq!(holiday_name(date(2019, 5, 1)), Some("休日（祝日扱い）"));
        assert_eq!(holiday_name(date(2020, 7, 24)), Some("スポーツの日"));
        assert_eq!(holiday_name(date(2026, 10, 12)), Some("スポーツの日"));
        assert!(is_national_holiday(date(2025, 11, 24)));
    }

    #[test]
    fn ordinary_days_and_out_of_range() {
        assert_eq!(holiday_name(date(2026, 11, 24)), None);
        assert!(!is_national_holiday(date(2026, 12, 25)));
        // A Sunday is not a holiday by itself.
        assert!(!is_national_holiday(date(2026, 11, 22)));
        assert_eq!(holiday_name(date(1969, 1, 1)), None);
        assert_eq!(holiday_name(date(2051, 1, 1)), None);
    }

    #[test]
    fn between() {
        let golden_week: Vec<_> = holidays_between(date(2026, 4, 29), date(2026, 5, 6))
            .map(|(d, _)| d.day())
            .collect();
        assert_eq!(golden_week, [29, 3, 4, 5, 6]);
        assert_eq!(
            holidays_between(date(2026, 5, 7), date(2026, 7, 19)).count(),
            0
        );
        assert_eq!(
            holidays_between(date(2026, 5, 6), date(2026, 5, 1)).count(),
            0
        );
        // 2026 has 18 days off: 16 祝日, one 振替休日 (5/6) and one 国民の休日 (9/22).
        assert_eq!(
            holidays_between(date(2026, 1, 1), date(2026, 12, 31)).count(),
            18
        );
    }

    #[test]
    fn line_parser() {
        assert_eq!(
            parse_line("2026-11-23: 勤労感謝の日"),
            Some((date(2026, 11, 23), "勤労感謝の日"))
        );
        assert_eq!(parse_line("---"), None);
        assert_eq!(parse_line("# comment"), None);
        assert_eq!(parse_line("2026-02-30: x"), None);
        assert_eq!(parse_line("2026-1-3: x"), None);
        assert_eq!(parse_line("2026-01-03: "), None);
    }
}
