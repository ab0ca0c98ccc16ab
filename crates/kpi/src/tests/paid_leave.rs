//! 年次有給休暇 (LABOR_RULES §2; issue: paid_leave).

use jiff::civil::date;

use super::*;
use crate::{
    DutyStatus, Employee, Gender, HalfDays, PaidLeaveTracker, deadline, grant_date, grant_days,
    grants_between, is_proportional,
};

fn full_time(id: &str, hire: Date) -> Employee {
    Employee::new(id, Gender::Female, hire)
}

fn part_time(id: &str, hire: Date, days: u8, minutes: u32) -> Employee {
    let mut e = Employee::new(id, Gender::Female, hire);
    e.employment_type = crate::EmploymentType::PartTime;
    e.weekly_days = days;
    e.weekly_minutes = minutes;
    e
}

#[test]
fn full_time_table() {
    // 0.5, 1.5, ... 6.5 years: 10, 11, 12, 14, 16, 18, 20; then 20 forever.
    let e = full_time("E1", date(2020, 4, 1));
    let days: Vec<u8> = (0..9).map(|k| grant_days(&e, k)).collect();
    assert_eq!(days, vec![10, 11, 12, 14, 16, 18, 20, 20, 20]);
}

#[test]
fn a_part_timer_at_3_5_years_on_4_days_gets_10_days_and_the_duty() {
    // 4 days x 6 h = 24 h a week (< 30 h) -> 比例付与, row "4 days".
    // Hired 2023-04-01: 基準日 are hire + 6, 18, 30, 42 months =
    // 2023-10-01 (0.5 y: 7), 2024-10-01 (1.5 y: 8), 2025-10-01 (2.5 y: 9),
    // 2026-10-01 (3.5 y: 10). FY 2026 holds only 2026-10-01: 10 days, so the
    // 5-day duty applies.
    let e = part_time("P1", date(2023, 4, 1), 4, 24 * 60);
    assert!(is_proportional(&e));
    let grants = grants_between(&e, date(2026, 4, 1), date(2027, 3, 31));
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].grant_date, date(2026, 10, 1));
    assert_eq!(grants[0].days, 10);
    assert!(grants[0].obligation());
    // The year before: 9 days, no duty.
    let before = grants_between(&e, date(2025, 4, 1), date(2026, 3, 31));
    assert_eq!((before[0].days, before[0].obligation()), (9, false));
}

#[test]
fn proportional_rows_and_the_30_hour_test() {
    let hire = date(2020, 4, 1);
    // 3 days, 18 h: row 3 -> 5, 6, 6, 8, 9, 10, 11.
    let three = part_time("P", hire, 3, 18 * 60);
    let row: Vec<u8> = (0..7).map(|k| grant_days(&three, k)).collect();
    assert_eq!(row, vec![5, 6, 6, 8, 9, 10, 11]);
    // 1 day, 5 h at 6.5+ years: 3.
    assert_eq!(grant_days(&part_time("P", hire, 1, 300), 6), 3);
    // 2 days at 2.5 years: 4.
    assert_eq!(grant_days(&part_time("P", hire, 2, 600), 2), 4);
    // 4 days but 30 h exactly: not under 30 h -> full-time table (3.5 y: 14).
    let thirty = part_time("P", hire, 4, 30 * 60);
    assert!(!is_proportional(&thirty));
    assert_eq!(grant_days(&thirty, 3), 14);
    // 29.5 h (1,770 min) on 4 days: proportional (3.5 y: 10).
    assert_eq!(grant_days(&part_time("P", hire, 4, 1770), 3), 10);
    // 5 days, 29 h, 200 days a year (<= 216): row "4 days" by the annual band.
    let mut annual = part_time("P", hire, 5, 29 * 60);
    annual.annual_days = Some(200);
    assert_eq!(grant_days(&annual, 0), 7);
    // ... 217 days a year: full-time table.
    annual.annual_days = Some(217);
    assert_eq!(grant_days(&annual, 0), 10);
}

#[test]
fn hired_on_the_31st_the_grant_falls_on_the_last_day_of_february() {
    // Hired 2026-08-31: + 6 months -> 2027-02-31 does not exist -> 2027-02-28.
    // + 18 months -> 2028-02 (leap) -> 2028-02-29. + 30 -> 2029-02-28.
    let hire = date(2026, 8, 31);
    assert_eq!(grant_date(hire, 0), Some(date(2027, 2, 28)));
    assert_eq!(grant_date(hire, 1), Some(date(2028, 2, 29)));
    assert_eq!(grant_date(hire, 2), Some(date(2029, 2, 28)));
    // Deadline: the day before the same day a year later:
    // 2027-02-28 -> 2028-02-28 - 1 = 2028-02-27. From 2028-02-29 the day a
    // year later does not exist -> the month's last day, 2029-02-28.
    assert_eq!(deadline(date(2027, 2, 28)), Some(date(2028, 2, 27)));
    assert_eq!(deadline(date(2028, 2, 29)), Some(date(2029, 2, 28)));
    // An ordinary grant: 2026-10-01 -> 2027-09-30.
    assert_eq!(deadline(date(2026, 10, 1)), Some(date(2027, 9, 30)));
    let e = full_time("E1", hire);
    let fy = grants_between(&e, date(2026, 4, 1), date(2027, 3, 31));
    assert_eq!(fy.len(), 1);
    assert_eq!((fy[0].grant_date, fy[0].days), (date(2027, 2, 28), 10));
}

#[test]
fn no_grant_after_the_leave_date() {
    // Hired 2025-10-01: first 基準日 2026-04-01.
    let mut e = full_time("E1", date(2025, 10, 1));
    // Left 2026-03-31: the 基準日 is after it -> nothing in FY 2026.
    e.leave_date = Some(date(2026, 3, 31));
    assert!(grants_between(&e, date(2026, 4, 1), date(2027, 3, 31)).is_empty());
    // Last day 2026-04-01: employed on the 基準日 -> granted.
    e.leave_date = Some(date(2026, 4, 1));
    assert_eq!(
        grants_between(&e, date(2026, 4, 1), date(2027, 3, 31)).len(),
        1
    );
    // Left 2026-09-30: 2026-04-01 granted, 2027-04-01 (next year) not.
    e.leave_date = Some(date(2026, 9, 30));
    assert!(grants_between(&e, date(2027, 4, 1), date(2028, 3, 31)).is_empty());
}

/// P1, P2: full time, hired 2025-10-01 -> 10 days on 2026-04-01, deadline
/// 2027-03-31. P3: 1 day a week, 5 h -> 1 day on 2026-04-01 (no duty).
fn roster() -> Vec<Employee> {
    vec![
        full_time("P1", date(2025, 10, 1)),
        full_time("P2", date(2025, 10, 1)),
        part_time("P3", date(2025, 10, 1), 1, 300),
    ]
}

/// P1 takes 4 full days and 2 half days = 5 days. P2 takes 4 full days,
/// 1 half day and 8 hours of hourly leave = 4.5 days (hours never count).
/// P3 takes a half day. X9 (not in the roster) takes a day.
fn leave_rows(last: Date) -> Vec<AttendanceDay> {
    let mut rows = vec![
        paid_leave("P1", date(2026, 5, 1), 2),
        paid_leave("P1", date(2026, 6, 1), 2),
        paid_leave("P1", date(2026, 7, 1), 2),
        paid_leave("P1", date(2026, 8, 3), 2),
        paid_leave("P1", date(2026, 9, 1), 1),
        paid_leave("P1", date(2026, 10, 1), 1),
        paid_leave("P2", date(2026, 5, 1), 2),
        paid_leave("P2", date(2026, 6, 1), 2),
        paid_leave("P2", date(2026, 7, 1), 2),
        paid_leave("P2", date(2026, 8, 3), 2),
        paid_leave("P2", date(2026, 9, 1), 1),
        paid_leave("P3", date(2026, 9, 2), 1),
        paid_leave("X9", date(2026, 9, 2), 2),
    ];
    let mut hourly = AttendanceDay::new("P2", date(2026, 11, 2));
    hourly.paid_leave_hourly_minutes = 480;
    rows.push(hourly);
    rows.push(eight_hours("P1", last));
    rows
}

fn statuses(last: Date) -> (Vec<(String, HalfDays, DutyStatus)>, crate::PaidLeaveSection) {
    let mut t = PaidLeaveTracker::new(&roster(), date(2026, 4, 1), date(2027, 3, 31));
    for row in leave_rows(last) {
        t.record(&row);
    }
    let section = t.finish();
    let s = section
        .employees
        .iter()
        .map(|e| {
            let g = &e.grants[0];
            (e.employee_id.clone(), g.taken_days, g.status)
        })
        .collect();
    (s, section)
}

#[test]
fn five_day_duty_counts_half_days_but_not_hours() {
    // Data up to the deadline 2027-03-31: P2's year is over in the data.
    let (s, _) = statuses(date(2027, 3, 31));
    assert_eq!(
        s,
        vec![
            ("P1".to_string(), HalfDays(10), DutyStatus::Met),
            ("P2".to_string(), HalfDays(9), DutyStatus::NotMet),
            ("P3".to_string(), HalfDays(1), DutyStatus::NotApplicable),
        ]
    );
    // Data only up to 2027-03-30: P2 still has a day -> in progress.
    let (s, _) = statuses(date(2027, 3, 30));
    assert_eq!(s[1].2, DutyStatus::InProgress);
    assert_eq!(s[0].2, DutyStatus::Met);
}

#[test]
fn utilization_rate_is_taken_over_granted_half_up() {
    // Granted with a 基準日 in FY 2026: 10 + 10 + 1 = 21 days.
    // Taken in FY 2026 by roster employees: 5 + 4.5 + 0.5 = 10 days (X9's day
    // and P2's hours are not counted). 10 / 21 = 47.619.. % -> 47.6.
    let (_, section) = statuses(date(2027, 3, 31));
    assert_eq!(section.granted_days, 21);
    assert_eq!(section.taken_days, HalfDays(20));
    assert_eq!(
        section.utilization_rate_percent.unwrap().to_string(),
        "47.6"
    );
    assert_eq!(section.hourly_leave_minutes, 480);
    let json = serde_json::to_value(&section.employees[1]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"employee_id": "P2", "grants": [{
            "grant_date": "2026-04-01", "days": 10, "taken_days": 4.5,
            "obligation": true, "deadline": "2027-03-31", "status": "not_met"}],
            "taken_in_year": 4.5})
    );
}

#[test]
fn taken_days_follow_the_grant_year_not_the_fiscal_year() {
    // Hired 2026-04-01: 基準日 2026-10-01, deadline 2027-09-30.
    // Day on 2026-06-01: before the grant -> not in its taken_days, but in
    // FY 2026 -> in the rate. Day on 2027-05-10: in the grant's year ->
    // taken_days 1, but after FY 2026 -> not in the rate.
    // Rate: 1 day / 10 granted = 10.0 %.
    let roster = vec![full_time("N1", date(2026, 4, 1))];
    let mut t = PaidLeaveTracker::new(&roster, date(2026, 4, 1), date(2027, 3, 31));
    t.record(&paid_leave("N1", date(2026, 6, 1), 2));
    t.record(&paid_leave("N1", date(2027, 5, 10), 2));
    let s = t.finish();
    let g = &s.employees[0].grants[0];
    assert_eq!(g.grant_date, date(2026, 10, 1));
    assert_eq!(g.taken_days, HalfDays(2));
    assert_eq!(g.status, DutyStatus::InProgress);
    assert_eq!(s.taken_days, HalfDays(2));
    assert_eq!(s.utilization_rate_percent.unwrap().to_string(), "10.0");
}

#[test]
fn nothing_granted_gives_no_rate() {
    // Hired 2026-12-01: first 基準日 2027-06-01, after FY 2026. Denominator 0
    // -> no rate (not 0 %), even though a day was taken.
    let roster = vec![full_time("N1", date(2026, 12, 1))];
    let mut t = PaidLeaveTracker::new(&roster, date(2026, 4, 1), date(2027, 3, 31));
    t.record(&paid_leave("N1", date(2027, 1, 5), 2));
    let s = t.finish();
    assert_eq!(s.granted_days, 0);
    assert_eq!(s.utilization_rate_percent, None);
    assert!(s.employees[0].grants.is_empty());
}
