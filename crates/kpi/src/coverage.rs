//! What attendance data covers: its first and last date, the calendar months
//! that have rows, and so which fiscal years it can speak about. A month
//! without rows is "no data", never zero hours: the pages and the CLI read
//! [`Coverage`] before they say that nobody is over a limit.
//!
//! [`AttendanceSpan`] is fed row by row (in any order); its memory grows with
//! the months (and, when counted, the employees) it sees, never with rows.

use std::collections::HashSet;

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::YearMonth;
use crate::records::AttendanceDay;
use crate::report::Period;
use crate::settings::Settings;

/// The `coverage` section of the report: what the attendance rows cover,
/// measured against the fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The earliest date of any attendance row (`None` without rows).
    pub first_date: Option<Date>,
    /// The latest date of any attendance row.
    pub last_date: Option<Date>,
    /// The calendar months of the fiscal year with at least one row, in
    /// order.
    pub months: Vec<YearMonth>,
    /// Rows dated outside the fiscal year (such as the months before it that
    /// the 2–6-month averages read).
    pub rows_outside_period: u64,
    /// Every month of the fiscal year has rows.
    pub complete: bool,
}

impl Coverage {
    /// Whether `month` has rows.
    pub fn has_month(&self, month: YearMonth) -> bool {
        self.months.binary_search(&month).is_ok()
    }
}

/// Running totals of what attendance rows cover (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttendanceSpan {
    rows: u64,
    first: Option<Date>,
    last: Option<Date>,
    /// Rows per calendar month, ascending by month.
    months: Vec<(YearMonth, u64)>,
    /// Index in `months` of the previous row's month (rows come in runs).
    last_month: usize,
    /// Rows dated after this day are counted apart (e.g. after today).
    cutoff: Option<Date>,
    rows_after_cutoff: u64,
    /// Distinct employee ids, when counted.
    employees: Option<HashSet<String>>,
    last_employee: String,
}

impl AttendanceSpan {
    /// An empty span that counts neither employees nor rows after a day.
    pub fn new() -> AttendanceSpan {
        AttendanceSpan::default()
    }

    /// Also counts distinct employees.
    pub fn counting_employees(mut self) -> AttendanceSpan {
        self.employees = Some(HashSet::new());
        self
    }

    /// Also counts rows dated after `day` (e.g. today: rows in the future).
    pub fn with_cutoff(mut self, day: Date) -> AttendanceSpan {
        self.cutoff = Some(day);
        self
    }

    /// Records one row.
    pub fn record(&mut self, row: &AttendanceDay) {
        self.rows += 1;
        let date = row.date;
        if self.first.is_none_or(|f| date < f) {
            self.first = Some(date);
        }
        if self.last.is_none_or(|l| date > l) {
            self.last = Some(date);
        }
        let month = YearMonth::of_calendar(date);
        match self.months.get_mut(self.last_month) {
            Some((m, n)) if *m == month => *n += 1,
            _ => {
                let i = match self.months.binary_search_by(|(m, _)| m.cmp(&month)) {
                    Ok(i) => i,
                    Err(i) => {
                        self.months.insert(i, (month, 0));
                        i
                    }
                };
                self.months[i].1 += 1;
                self.last_month = i;
            }
        }
        if self.cutoff.is_some_and(|c| date > c) {
            self.rows_after_cutoff += 1;
        }
        if let Some(set) = &mut self.employees
            && self.last_employee != row.employee_id
        {
            if !set.contains(row.employee_id.as_str()) {
                set.insert(row.employee_id.clone());
            }
            self.last_employee.clear();
            self.last_employee.push_str(&row.employee_id);
        }
    }

    /// Rows recorded.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The earliest date.
    pub fn first_date(&self) -> Option<Date> {
        self.first
    }

    /// The latest date.
    pub fn last_date(&self) -> Option<Date> {
        self.last
    }

    /// Rows per calendar month with rows, ascending.
    pub fn months(&self) -> &[(YearMonth, u64)] {
        &self.months
    }

    /// Distinct employees, when counted ([`AttendanceSpan::counting_employees`]).
    pub fn employees(&self) -> Option<usize> {
        self.employees.as_ref().map(HashSet::len)
    }

    /// Rows dated after the cut-off day ([`AttendanceSpan::with_cutoff`]).
    pub fn rows_after_cutoff(&self) -> u64 {
        self.rows_after_cutoff
    }

    /// What the rows cover of `period` (a fiscal year of whole calendar
    /// months, as [`crate::fiscal_period`] gives).
    pub fn coverage(&self, period: Period) -> Coverage {
        let (from, to) = (
            YearMonth::of_calendar(period.from),
            YearMonth::of_calendar(period.to),
        );
        let mut months = Vec::new();
        let mut inside = 0;
        for &(m, n) in &self.months {
            if from <= m && m <= to {
                months.push(m);
                inside += n;
            }
        }
        let expected = usize::try_from(to.months_since(from) + 1).unwrap_or(0);
        Coverage {
            first_date: self.first,
            last_date: self.last,
            complete: months.len() == expected,
            months,
            rows_outside_period: self.rows - inside,
        }
    }

    /// The fiscal years (the year they start in) that have rows, ascending,
    /// with their row counts.
    pub fn fiscal_years(&self, settings: &Settings) -> Vec<(i16, u64)> {
        let mut out: Vec<(i16, u64)> = Vec::new();
        for &(m, n) in &self.months {
            let start = i32::from(settings.fiscal_year_start_month);
            let year = if i32::from(m.month()) >= start {
                m.year()
            } else {
                m.year() - 1
            };
            let Ok(year) = i16::try_from(year) else {
                continue;
            };
            match out.last_mut() {
                Some((y, c)) if *y == year => *c += n,
                _ => out.push((year, n)),
            }
        }
        out
    }

    /// The fiscal year the data is most about: the one with the most rows,
    /// the later one on a tie (a file that also holds the months before a
    /// year, for the 2–6-month averages, is about that year).
    pub fn main_fiscal_year(&self, settings: &Settings) -> Option<i16> {
        self.fiscal_years(settings)
            .into_iter()
            .max_by_key(|&(y, n)| (n, y))
            .map(|(y, _)| y)
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::report::fiscal_period;

    fn span(rows: &[(&str, Date)]) -> AttendanceSpan {
        let mut s = AttendanceSpan::new()
            .counting_employees()
            .with_cutoff(date(2026, 9, 30));
        for (id, d) in rows {
            s.record(&AttendanceDay::new(*id, *d));
        }
        s
    }

    #[test]
    fn coverage_of_a_fiscal_year() {
        // Rows in 2026-02 (before FY2026), 2026-04, 2026-05 (twice), 2026-10
        // (after the cut-off), out of order, two employees.
        let s = span(&[
            ("B", date(2026, 5, 20)),
            ("A", date(2026, 4, 1)),
            ("A", date(2026, 2, 27)),
            ("B", date(2026, 10, 1)),
            ("A", date(2026, 5, 2)),
        ]);
        let period = fiscal_period(&Settings::default(), 2026).unwrap();
        let c = s.coverage(period);
        assert_eq!(c.first_date, Some(date(2026, 2, 27)));
        assert_eq!(c.last_date, Some(date(2026, 10, 1)));
        let months: Vec<String> = c.months.iter().map(ToString::to_string).collect();
        assert_eq!(months, ["2026-04", "2026-05", "2026-10"]);
        assert_eq!(c.rows_outside_period, 1);
        assert!(!c.complete);
        assert_eq!(s.employees(), Some(2));
        assert_eq!(s.rows_after_cutoff(), 1);
        assert_eq!(
            s.fiscal_years(&Settings::default()),
            vec![(2025, 1), (2026, 4)]
        );
        assert_eq!(s.main_fiscal_year(&Settings::default()), Some(2026));
    }

    #[test]
    fn a_full_year_is_complete_and_no_rows_cover_nothing() {
        let mut s = AttendanceSpan::new();
        let mut d = date(2026, 4, 15);
        for _ in 0..12 {
            s.record(&AttendanceDay::new("A", d));
            d = d.checked_add(jiff::Span::new().months(1)).unwrap();
        }
        let period = fiscal_period(&Settings::default(), 2026).unwrap();
        let c = s.coverage(period);
        assert!(c.complete);
        assert_eq!(c.months.len(), 12);
        assert_eq!(c.rows_outside_period, 0);
        let empty = AttendanceSpan::new().coverage(period);
        assert!(!empty.complete && empty.months.is_empty());
        assert_eq!(empty.first_date, None);
        assert_eq!(
            AttendanceSpan::new().main_fiscal_year(&Settings::default()),
            None
        );
        // Ties go to the later year: 1 row in FY2025, 1 in FY2026.
        let s = span(&[("A", date(2026, 3, 31)), ("A", date(2026, 4, 1))]);
        assert_eq!(s.main_fiscal_year(&Settings::default()), Some(2026));
    }
}
