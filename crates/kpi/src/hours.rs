//! 総実労働時間 (total hours worked) of a fiscal year, from the clock rows of
//! 勤怠, and what the yearly finances are worth per hour of it (生産性).
//!
//! Worked time is end − start − break of every clock row dated in the year,
//! on any kind of day (法定休日 work is worked time too). Paid leave is not
//! worked time. A precomputed row carries overtime but no worked time, so a
//! year with any such row has no total: the hours would be too few and every
//! per-hour figure too high.

use jiff::civil::Date;
use serde::Serialize;

use crate::records::{AttendanceDay, Work};
use crate::rounding::{OneDecimal, half_up_one_decimal};

/// The year's worked time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HoursWorkedSection {
    /// Minutes worked on the clock rows dated in the year.
    pub worked_minutes: u64,
    /// Clock rows dated in the year.
    pub clock_rows: u64,
    /// Rows dated in the year with precomputed figures and no clock times.
    pub rows_without_clock_times: u64,
    /// worked_minutes ÷ 60, one decimal, half up; `None` without clock rows
    /// or when any row of the year lacks clock times.
    pub total_hours: Option<OneDecimal>,
}

/// Streaming sum of the year's worked time; rows may come in any order.
#[derive(Debug, Clone)]
pub struct HoursTracker {
    from: Date,
    to: Date,
    worked_minutes: u64,
    clock_rows: u64,
    rows_without_clock_times: u64,
}

impl HoursTracker {
    /// A tracker for the days `from ..= to`.
    pub fn new(from: Date, to: Date) -> HoursTracker {
        HoursTracker {
            from,
            to,
            worked_minutes: 0,
            clock_rows: 0,
            rows_without_clock_times: 0,
        }
    }

    pub fn record(&mut self, row: &AttendanceDay) {
        if row.date < self.from || row.date > self.to {
            return;
        }
        match row.work {
            Work::Clock {
                start_minute,
                end_minute,
                break_minutes,
            } => {
                let shift = end_minute.saturating_sub(start_minute);
                self.worked_minutes += u64::from(shift.saturating_sub(break_minutes));
                self.clock_rows += 1;
            }
            Work::Precomputed { .. } => self.rows_without_clock_times += 1,
            Work::None => {}
        }
    }

    pub fn finish(self) -> HoursWorkedSection {
        let known = self.clock_rows > 0 && self.rows_without_clock_times == 0;
        HoursWorkedSection {
            worked_minutes: self.worked_minutes,
            clock_rows: self.clock_rows,
            rows_without_clock_times: self.rows_without_clock_times,
            total_hours: known
                .then(|| half_up_one_decimal(self.worked_minutes, 60))
                .flatten(),
        }
    }
}

/// Yen per hour worked: `yen` × 60 ÷ `worked_minutes`, rounded half away
/// from zero to a whole yen (operating profit may be negative). `None`
/// without worked time.
pub fn yen_per_hour(yen: i64, worked_minutes: u64) -> Option<i64> {
    if worked_minutes == 0 {
        return None;
    }
    let n = i128::from(yen) * 60;
    let d = i128::from(worked_minutes);
    let q = (n.abs() * 2 + d) / (d * 2);
    i64::try_from(if n < 0 { -q } else { q }).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DayType;
    use jiff::civil::date;

    fn clock(d: Date, start: u16, end: u16, brk: u16) -> AttendanceDay {
        let mut r = AttendanceDay::new("E1", d);
        r.work = Work::Clock {
            start_minute: start,
            end_minute: end,
            break_minutes: brk,
        };
        r
    }

    #[test]
    fn sums_clock_rows_of_the_year_only() {
        let mut t = HoursTracker::new(date(2026, 4, 1), date(2027, 3, 31));
        // 9:00–18:00 with 60 min break: 480 min.
        t.record(&clock(date(2026, 4, 1), 540, 1080, 60));
        // 9:00–25:30 with 60 min: 930 min (past midnight belongs to the day).
        t.record(&clock(date(2026, 4, 2), 540, 1530, 60));
        // 法定休日 10:00–15:00 with 60 min: 240 min, worked time too.
        let mut h = clock(date(2026, 4, 5), 600, 900, 60);
        h.day_type = DayType::LegalHoliday;
        t.record(&h);
        // A day of paid leave: nothing.
        let mut leave = AttendanceDay::new("E1", date(2026, 4, 3));
        leave.paid_leave_half_days = 2;
        t.record(&leave);
        // Outside the year on both sides: nothing.
        t.record(&clock(date(2026, 3, 31), 540, 1080, 60));
        t.record(&clock(date(2027, 4, 1), 540, 1080, 60));
        // Last day of the year: 9:00–12:00, no break: 180 min.
        t.record(&clock(date(2027, 3, 31), 540, 720, 0));
        let s = t.finish();
        // 480 + 930 + 240 + 180 = 1,830 min = 30.5 h.
        assert_eq!((s.worked_minutes, s.clock_rows), (1830, 4));
        assert_eq!(s.rows_without_clock_times, 0);
        assert_eq!(s.total_hours.unwrap().to_string(), "30.5");
    }

    #[test]
    fn a_precomputed_row_leaves_the_year_without_a_total() {
        let mut t = HoursTracker::new(date(2026, 4, 1), date(2027, 3, 31));
        t.record(&clock(date(2026, 4, 1), 540, 1080, 60));
        let mut p = AttendanceDay::new("E2", date(2026, 4, 1));
        p.work = Work::Precomputed {
            legal_overtime_minutes: 45,
            legal_holiday_minutes: 0,
        };
        t.record(&p);
        let s = t.finish();
        assert_eq!((s.worked_minutes, s.rows_without_clock_times), (480, 1));
        assert_eq!(s.total_hours, None);
        // No rows at all: no total either.
        let s = HoursTracker::new(date(2026, 4, 1), date(2027, 3, 31)).finish();
        assert_eq!(s.total_hours, None);
    }

    #[test]
    fn yen_per_hour_rounds_half_away_from_zero() {
        // 付加価値 12,000,000 yen over 6,000 h (360,000 min): 2,000 yen/h.
        assert_eq!(yen_per_hour(12_000_000, 360_000), Some(2000));
        // 10,000 yen over 90 min: 6,666.67 -> 6,667.
        assert_eq!(yen_per_hour(10_000, 90), Some(6667));
        // 5 yen over 120 min: 2.5 -> 3; a loss of 5 yen: −2.5 -> −3.
        assert_eq!(yen_per_hour(5, 120), Some(3));
        assert_eq!(yen_per_hour(-5, 120), Some(-3));
        // 1 yen over 180 min: 0.333… -> 0.
        assert_eq!(yen_per_hour(1, 180), Some(0));
        assert_eq!(yen_per_hour(1_000, 0), None);
    }
}
