//! Legal overtime from clock times (LABOR_RULES §1, Decision).

use jiff::civil::date;

use super::*;
use crate::{KpiError, WeekStart, monthly_overtime};

#[test]
fn minutes_beyond_eight_hours_are_daily_overtime() {
    // 9:00-19:00, break 60: 600 - 60 = 540 worked; 540 - 480 = 60 overtime.
    let (days, ems) = run(
        &Settings::default(),
        &[clock("E1", date(2026, 4, 6), hm(9, 0), hm(19, 0), 60)],
    );
    assert_eq!(days[0].worked_minutes, 540);
    assert_eq!(days[0].daily_overtime_minutes, 60);
    assert_eq!(days[0].weekly_overtime_minutes, 0);
    assert_eq!(month(&ems, "E1", "2026-04"), Some((60, 0)));
}

#[test]
fn exactly_eight_hours_is_not_overtime() {
    // 9:00-18:00, break 60 = 480: not beyond 480.
    let (days, _) = run(&Settings::default(), &[eight_hours("E1", date(2026, 4, 6))]);
    assert_eq!(days[0].worked_minutes, 480);
    assert_eq!(days[0].legal_overtime_minutes, 0);
}

#[test]
fn work_on_a_company_holiday_counts_toward_the_40_hour_week() {
    // Week Sun 04-05 .. Sat 04-11. Mon-Fri 04-06..04-10: 5 x 480 = 2,400
    // (not past 2,400, no overtime). Sat 04-11 is a 所定休日 (holiday, not
    // legal): 9:00-13:00 = 240; running sum 2,400 + 240 = 2,640, so all 240
    // minutes are weekly overtime on Saturday.
    let mut rows: Vec<_> = (6..=10)
        .map(|d| eight_hours("E1", date(2026, 4, d)))
        .collect();
    rows.push(with_type(
        clock("E1", date(2026, 4, 11), hm(9, 0), hm(13, 0), 0),
        DayType::Holiday,
    ));
    let (days, ems) = run(&Settings::default(), &rows);
    assert!(days[..5].iter().all(|d| d.legal_overtime_minutes == 0));
    assert_eq!(days[5].weekly_overtime_minutes, 240);
    assert_eq!(days[5].daily_overtime_minutes, 0);
    assert_eq!(month(&ems, "E1", "2026-04"), Some((240, 0)));
}

#[test]
fn legal_holiday_work_is_apart_from_daily_and_weekly_counts() {
    // Sun 04-05 is the 法定休日: 8:00-19:00, break 60 = 600 minutes, all
    // 法定休日労働; no daily overtime although 600 > 480, and nothing added
    // to the week. Mon-Fri 5 x 480 = 2,400: not past 2,400. Had the
    // Sunday counted toward the week, Monday alone would already be over.
    let mut rows = vec![with_type(
        clock("E1", date(2026, 4, 5), hm(8, 0), hm(19, 0), 60),
        DayType::LegalHoliday,
    )];
    rows.extend((6..=10).map(|d| eight_hours("E1", date(2026, 4, d))));
    let (days, ems) = run(&Settings::default(), &rows);
    assert_eq!(days[0].legal_holiday_minutes, 600);
    assert_eq!(days[0].legal_overtime_minutes, 0);
    assert!(days[1..].iter().all(|d| d.legal_overtime_minutes == 0));
    assert_eq!(month(&ems, "E1", "2026-04"), Some((0, 600)));
}

/// The week Sun 2026-03-29 .. Sat 04-04 straddles March and April.
fn week_across_month_boundary() -> Vec<AttendanceDay> {
    vec![
        // Sun 03-29, 所定休日: 9:00-13:00 = 240.
        with_type(
            clock("E1", date(2026, 3, 29), hm(9, 0), hm(13, 0), 0),
            DayType::Holiday,
        ),
        // Mon 03-30, Tue 03-31: 9:00-20:00, break 60 = 600 -> 120 daily OT,
        // 480 regular each.
        clock("E1", date(2026, 3, 30), hm(9, 0), hm(20, 0), 60),
        clock("E1", date(2026, 3, 31), hm(9, 0), hm(20, 0), 60),
        // Wed 04-01 .. Fri 04-03: 480 each.
        eight_hours("E1", date(2026, 4, 1)),
        eight_hours("E1", date(2026, 4, 2)),
        eight_hours("E1", date(2026, 4, 3)),
    ]
}

#[test]
fn a_week_across_a_month_boundary_is_one_week() {
    // Sunday weeks: running regular sum 240 (Sun), 720 (Mon), 1,200 (Tue),
    // 1,680 (Wed), 2,160 (Thu), 2,640 (Fri) -> Friday's last 240 minutes
    // are weekly overtime, in April.
    // March: 120 + 120 daily = 240. April: 240 weekly.
    // (Judging April's days alone, 3 x 480 = 1,440 < 2,400, there would be
    // no April overtime.)
    let (days, ems) = run(&Settings::default(), &week_across_month_boundary());
    assert_eq!(days[5].weekly_overtime_minutes, 240);
    assert_eq!(month(&ems, "E1", "2026-03"), Some((240, 0)));
    assert_eq!(month(&ems, "E1", "2026-04"), Some((240, 0)));
}

#[test]
fn monday_week_start_changes_the_weeks() {
    // Monday weeks: Sun 03-29 (240) closes the previous week. The week Mon
    // 03-30 .. Sun 04-05 holds 480 x 5 = 2,400 regular minutes: reaching
    // 2,400 is not passing it, so no weekly overtime.
    // March: 120 + 120 = 240 daily. April: 0.
    let settings = Settings {
        week_start: WeekStart::Monday,
        ..Settings::default()
    };
    let (days, ems) = run(&settings, &week_across_month_boundary());
    assert!(days.iter().all(|d| d.weekly_overtime_minutes == 0));
    assert_eq!(month(&ems, "E1", "2026-03"), Some((240, 0)));
    assert_eq!(month(&ems, "E1", "2026-04"), Some((0, 0)));
}

#[test]
fn a_special_workplace_has_a_44_hour_week() {
    // Mon-Fri 04-06..04-10: 5 x 480 = 2,400; Sat 04-11 (所定休日)
    // 9:00-14:00 = 300 -> week sum 2,700.
    // 40 h: 2,700 - 2,400 = 300 overtime. 44 h: 2,700 - 2,640 = 60.
    let mut rows: Vec<_> = (6..=10)
        .map(|d| eight_hours("E1", date(2026, 4, d)))
        .collect();
    rows.push(with_type(
        clock("E1", date(2026, 4, 11), hm(9, 0), hm(14, 0), 0),
        DayType::Holiday,
    ));
    let (_, normal) = run(&Settings::default(), &rows);
    assert_eq!(month(&normal, "E1", "2026-04"), Some((300, 0)));
    let special = Settings {
        special_workplace: true,
        ..Settings::default()
    };
    let (_, special) = run(&special, &rows);
    assert_eq!(month(&special, "E1", "2026-04"), Some((60, 0)));
}

#[test]
fn a_shift_past_midnight_belongs_to_the_day_it_started() {
    // Thu 2026-04-30 15:00 to 25:30 (01:30 on May 1), break 30:
    // 1,530 - 900 - 30 = 600 worked -> 120 daily overtime, all in April.
    let (days, ems) = run(
        &Settings::default(),
        &[clock("E1", date(2026, 4, 30), hm(15, 0), hm(25, 30), 30)],
    );
    assert_eq!(days[0].worked_minutes, 600);
    assert_eq!(days[0].daily_overtime_minutes, 120);
    assert_eq!(month(&ems, "E1", "2026-04"), Some((120, 0)));
    assert_eq!(month(&ems, "E1", "2026-05"), None);
}

#[test]
fn precomputed_rows_are_used_as_given_and_add_nothing_to_the_week() {
    // Mon-Thu 04-06..04-09 precomputed: 30 overtime each (120 in all).
    // Fri 04-10 and Sat 04-11 (所定休日) clock rows of 480 each: the week's
    // clock sum is 960, no weekly overtime. (Had each precomputed day
    // counted as 8 h, the sum would be 6 x 480 = 2,880, i.e. 480 weekly
    // overtime.) Sun 04-12 (next week) precomputed 300 legal-holiday minutes.
    let mut rows: Vec<_> = (6..=9)
        .map(|d| precomputed("E1", date(2026, 4, d), 30, 0))
        .collect();
    rows.push(eight_hours("E1", date(2026, 4, 10)));
    rows.push(with_type(
        eight_hours("E1", date(2026, 4, 11)),
        DayType::Holiday,
    ));
    rows.push(precomputed("E1", date(2026, 4, 12), 0, 300));
    let (days, ems) = run(&Settings::default(), &rows);
    assert_eq!(days[5].weekly_overtime_minutes, 0);
    assert_eq!(month(&ems, "E1", "2026-04"), Some((120, 300)));
}

#[test]
fn paid_leave_is_not_worked_time() {
    // Mon-Thu 04-06..04-09: 4 x 480 = 1,920. Fri 04-10: a day of paid leave,
    // no work. Sat 04-11 (所定休日) 480: sum 2,400, not past 2,400 -> 0.
    // (Counting the leave day as 8 h would make Saturday 480 overtime.)
    let mut rows: Vec<_> = (6..=9)
        .map(|d| eight_hours("E1", date(2026, 4, d)))
        .collect();
    rows.push(paid_leave("E1", date(2026, 4, 10), 2));
    rows.push(with_type(
        eight_hours("E1", date(2026, 4, 11)),
        DayType::Holiday,
    ));
    let (_, ems) = run(&Settings::default(), &rows);
    assert_eq!(month(&ems, "E1", "2026-04"), Some((0, 0)));
}

#[test]
fn two_rows_on_one_day_share_the_eight_hours() {
    // 04-06: 9:00-13:00 (240) and 14:00-20:00 (360): 600 in the day ->
    // the second row carries 600 - 480 = 120 daily overtime.
    let rows = [
        clock("E1", date(2026, 4, 6), hm(9, 0), hm(13, 0), 0),
        clock("E1", date(2026, 4, 6), hm(14, 0), hm(20, 0), 0),
    ];
    let (days, ems) = run(&Settings::default(), &rows);
    assert_eq!(days[0].daily_overtime_minutes, 0);
    assert_eq!(days[1].daily_overtime_minutes, 120);
    assert_eq!(month(&ems, "E1", "2026-04"), Some((120, 0)));
}

#[test]
fn daily_and_weekly_overtime_are_not_counted_twice() {
    // Mon-Thu 04-06..04-09: 4 x 480 = 1,920. Fri 04-10: 9:00-21:00 break 60
    // = 660 -> 180 daily, 480 regular -> sum 2,400, no weekly.
    // Sat 04-11 (所定休日): 9:00-19:00 break 60 = 540 -> 60 daily, 480
    // regular -> sum 2,880 -> 480 weekly. Total 180 + 60 + 480 = 720.
    let mut rows: Vec<_> = (6..=9)
        .map(|d| eight_hours("E1", date(2026, 4, d)))
        .collect();
    rows.push(clock("E1", date(2026, 4, 10), hm(9, 0), hm(21, 0), 60));
    rows.push(with_type(
        clock("E1", date(2026, 4, 11), hm(9, 0), hm(19, 0), 60),
        DayType::Holiday,
    ));
    let (days, ems) = run(&Settings::default(), &rows);
    assert_eq!(
        (
            days[4].daily_overtime_minutes,
            days[4].weekly_overtime_minutes
        ),
        (180, 0)
    );
    assert_eq!(
        (
            days[5].daily_overtime_minutes,
            days[5].weekly_overtime_minutes
        ),
        (60, 480)
    );
    assert_eq!(month(&ems, "E1", "2026-04"), Some((720, 0)));
}

#[test]
fn employees_may_interleave_but_each_must_be_in_date_order() {
    // Date-major order (all employees on day 1, then day 2, ...) gives the
    // same totals as employee-major order.
    let mut by_date = Vec::new();
    for d in 6..=11 {
        for id in ["A", "B"] {
            let row = clock(id, date(2026, 4, d), hm(9, 0), hm(19, 0), 60); // 540
            by_date.push(if d == 11 {
                with_type(row, DayType::Holiday)
            } else {
                row
            });
        }
    }
    // Each: 6 days x 60 daily = 360; regular 6 x 480 = 2,880 -> 480 weekly
    // on Saturday. Total 840.
    let (_, ems) = run(&Settings::default(), &by_date);
    assert_eq!(month(&ems, "A", "2026-04"), Some((840, 0)));
    assert_eq!(month(&ems, "B", "2026-04"), Some((840, 0)));
    // finish() sorts by id.
    assert_eq!(ems[0].employee_id, "A");

    // Going back in time for one employee is an error.
    let mut acc = OvertimeAccumulator::new(&Settings::default());
    acc.push(&eight_hours("A", date(2026, 4, 7))).unwrap();
    acc.push(&eight_hours("B", date(2026, 4, 1))).unwrap();
    let err = acc.push(&eight_hours("A", date(2026, 4, 6))).unwrap_err();
    assert!(matches!(err, KpiError::OutOfOrder { .. }));

    // The sorting helper accepts any order.
    let mut reversed = by_date.clone();
    reversed.reverse();
    let sorted = monthly_overtime(&Settings::default(), &mut reversed).unwrap();
    assert_eq!(sorted, ems);
}

#[test]
fn months_with_rows_but_no_overtime_are_listed() {
    // A paid-leave-only row in May still makes May a month "with rows".
    let rows = [
        eight_hours("E1", date(2026, 4, 6)),
        paid_leave("E1", date(2026, 5, 7), 2),
    ];
    let (_, ems) = run(&Settings::default(), &rows);
    assert_eq!(month(&ems, "E1", "2026-04"), Some((0, 0)));
    assert_eq!(month(&ems, "E1", "2026-05"), Some((0, 0)));
    assert_eq!(month(&ems, "E1", "2026-06"), None);
}

#[test]
fn agreement_months_follow_the_start_day() {
    // 起算日 day 21: 2026-05-20 belongs to the month labelled 2026-04
    // (04-21..05-20), 05-21 to 2026-05. 60 minutes each day.
    let settings = Settings {
        agreement_start_day: 21,
        ..Settings::default()
    };
    let rows = [
        clock("E1", date(2026, 5, 20), hm(9, 0), hm(19, 0), 60),
        clock("E1", date(2026, 5, 21), hm(9, 0), hm(19, 0), 60),
    ];
    let (_, ems) = run(&settings, &rows);
    assert_eq!(month(&ems, "E1", "2026-04"), Some((60, 0)));
    assert_eq!(month(&ems, "E1", "2026-05"), Some((60, 0)));
}
