//! Worked examples with hand-computed results. Each test states the
//! arithmetic in comments; the calendar facts used are: 2026-03-29, 04-05,
//! 04-12 are Sundays; 2026-04-01 is a Wednesday; FY 2026 is 2026-04-01 ..
//! 2027-03-31.

mod certification;
mod certification_figures;
mod childcare;
mod limits;
mod overtime;
mod paid_leave;
mod report;
mod workforce;

use jiff::civil::Date;

use crate::{
    AttendanceDay, DayOvertime, DayType, EmployeeMonths, OvertimeAccumulator, Settings, Work,
};

/// Minutes after 0:00 of `h:m` (h may exceed 23 for work past midnight).
fn hm(h: u16, m: u16) -> u16 {
    h * 60 + m
}

/// A workday row with clock times.
fn clock(id: &str, d: Date, start: u16, end: u16, break_minutes: u16) -> AttendanceDay {
    let mut row = AttendanceDay::new(id, d);
    row.work = Work::Clock {
        start_minute: start,
        end_minute: end,
        break_minutes,
    };
    row
}

/// 9:00–18:00 with a 60-minute break: exactly 8 h (480 min).
fn eight_hours(id: &str, d: Date) -> AttendanceDay {
    clock(id, d, hm(9, 0), hm(18, 0), 60)
}

fn with_type(mut row: AttendanceDay, day_type: DayType) -> AttendanceDay {
    row.day_type = day_type;
    row
}

fn precomputed(id: &str, d: Date, overtime: u32, holiday: u32) -> AttendanceDay {
    let mut row = AttendanceDay::new(id, d);
    row.work = Work::Precomputed {
        legal_overtime_minutes: overtime,
        legal_holiday_minutes: holiday,
    };
    row
}

fn paid_leave(id: &str, d: Date, half_days: u8) -> AttendanceDay {
    let mut row = AttendanceDay::new(id, d);
    row.paid_leave_half_days = half_days;
    row
}

/// Feeds the rows in the order given; returns each row's result and the
/// monthly totals.
fn run(settings: &Settings, rows: &[AttendanceDay]) -> (Vec<DayOvertime>, Vec<EmployeeMonths>) {
    let mut acc = OvertimeAccumulator::new(settings);
    let days = rows.iter().map(|r| acc.push(r).unwrap()).collect();
    (days, acc.finish())
}

/// (legal overtime, legal-holiday) minutes of `id` in month `ym` ("YYYY-MM").
fn month(ems: &[EmployeeMonths], id: &str, ym: &str) -> Option<(u64, u64)> {
    ems.iter()
        .find(|e| e.employee_id == id)?
        .months
        .iter()
        .find(|m| m.month.to_string() == ym)
        .map(|m| (m.legal_overtime_minutes, m.legal_holiday_minutes))
}
