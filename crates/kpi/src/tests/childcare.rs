//! 育児休業等取得率 (LABOR_RULES §3; issue: childcare_leave).

use jiff::civil::date;

use super::*;
use crate::{
    Employee, FamilyEvent, FamilyEventKind, Gender, Leave, LeaveKind, childcare_rates,
    school_entry_date,
};

fn person(id: &str, gender: Gender) -> Employee {
    Employee::new(id, gender, date(2015, 4, 1))
}

fn birth(id: &str, d: Date) -> FamilyEvent {
    FamilyEvent {
        employee_id: id.to_string(),
        kind: FamilyEventKind::Birth,
        date: d,
    }
}

fn leave(id: &str, kind: LeaveKind, start: Date, child: Option<Date>) -> Leave {
    Leave {
        employee_id: id.to_string(),
        kind,
        start_date: start,
        end_date: None,
        child_birth_date: child,
    }
}

const FROM: Date = Date::constant(2026, 4, 1);
const TO: Date = Date::constant(2027, 3, 31);

#[test]
fn worked_example_for_fy_2026() {
    use LeaveKind::*;
    let employees = vec![
        person("M1", Gender::Male),
        person("M2", Gender::Male),
        person("M3", Gender::Male),
        person("M4", Gender::Male),
        person("M5", Gender::Male),
        person("F1", Gender::Female),
        person("F2", Gender::Female),
        person("O1", Gender::Other),
    ];
    let events = vec![
        birth("M1", date(2026, 5, 10)),
        birth("M2", date(2026, 6, 1)),
        birth("M3", date(2026, 9, 1)),
        birth("M4", date(2025, 12, 20)), // previous fiscal year
        birth("F1", date(2026, 7, 1)),
        birth("F2", date(2026, 8, 1)),
        birth("O1", date(2026, 5, 1)),
        birth("X9", date(2026, 5, 1)), // not in the roster
    ];
    let leaves = vec![
        // M1: 産後パパ育休 then 育児休業 for the same child (his latest birth
        // on or before the start, 2026-05-10): one person, once.
        leave("M1", PostnatalPaternityLeave, date(2026, 5, 11), None),
        leave("M1", ChildcareLeave, date(2026, 8, 1), None),
        // M2: only 育児目的休暇 -> method 2 only.
        leave("M2", ChildcarePurposeLeave, date(2026, 6, 5), None),
        // M4: 育児休業 started 2026-04-10 for the child born 2025-12-20: its
        // first leave started in FY 2026 -> a taker in FY 2026, though his
        // birth is not in FY 2026's denominator.
        leave("M4", ChildcareLeave, date(2026, 4, 10), None),
        // M5: a split leave for a child born 2026-01-15 that first started
        // 2026-02-01 (FY 2025): the second part in FY 2026 does not count.
        leave(
            "M5",
            ChildcareLeave,
            date(2026, 2, 1),
            Some(date(2026, 1, 15)),
        ),
        leave(
            "M5",
            ChildcareLeave,
            date(2026, 5, 1),
            Some(date(2026, 1, 15)),
        ),
        // F1: 育児休業 -> a taker. F2: only 介護休業 -> not.
        leave("F1", ChildcareLeave, date(2026, 8, 27), None),
        leave("F2", CaregivingLeave, date(2026, 9, 1), None),
        // O1 (other) and X9 (not in the roster) are in no figure.
        leave("O1", ChildcareLeave, date(2026, 5, 2), None),
        leave("X9", ChildcareLeave, date(2026, 5, 2), None),
    ];
    let s = childcare_rates(&employees, &events, &leaves, FROM, TO);
    // Men: births M1, M2, M3 = 3.
    // Method 1 takers: M1, M4 = 2 -> 2/3 = 66.66.. % -> 66 (truncated).
    // Method 2 takers: M1, M4 + M2 = 3 -> 3/3 = 100 %.
    assert_eq!(s.male.births, 3);
    assert_eq!(s.male.method1_takers, 2);
    assert_eq!(s.male.method1_rate_percent, Some(66));
    assert_eq!(s.male.method2_takers, 3);
    assert_eq!(s.male.method2_rate_percent, Some(100));
    // Women: births F1, F2 = 2; taker F1 = 1 -> 50 %.
    assert_eq!(s.female.births, 2);
    assert_eq!(s.female.takers, 1);
    assert_eq!(s.female.rate_percent, Some(50));
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "male": {"births": 3, "method1_takers": 2, "method1_rate_percent": 66,
                     "method2_takers": 3, "method2_rate_percent": 100},
            "female": {"births": 2, "takers": 1, "rate_percent": 50}
        })
    );
}

#[test]
fn zero_births_give_no_rate_but_keep_the_takers() {
    // M4-like case alone: a leave in the year for last year's child, no
    // birth in the year -> 1 taker, 0 births, rate "—" (None), not 0 or 100.
    let employees = vec![person("M1", Gender::Male)];
    let events = vec![birth("M1", date(2026, 2, 1))];
    let leaves = vec![leave(
        "M1",
        LeaveKind::ChildcareLeave,
        date(2026, 4, 1),
        None,
    )];
    let s = childcare_rates(&employees, &events, &leaves, FROM, TO);
    assert_eq!((s.male.births, s.male.method1_takers), (0, 1));
    assert_eq!(s.male.method1_rate_percent, None);
    assert_eq!(s.male.method2_rate_percent, None);
    assert_eq!(s.female.rate_percent, None);
}

#[test]
fn a_person_counts_once_and_rates_may_exceed_100() {
    // M1 has two children in the year and takes leave for each: still one
    // person in both numerator and denominator. M2 takes leave for a child
    // born the previous year. Births 1 (M1), takers 2 -> 200 %.
    let employees = vec![person("M1", Gender::Male), person("M2", Gender::Male)];
    let events = vec![
        birth("M1", date(2026, 4, 10)),
        birth("M1", date(2027, 3, 1)),
        birth("M2", date(2026, 1, 10)),
    ];
    let leaves = vec![
        leave("M1", LeaveKind::ChildcareLeave, date(2026, 4, 20), None),
        leave("M1", LeaveKind::ChildcareLeave, date(2027, 3, 5), None),
        leave("M2", LeaveKind::ChildcareLeave, date(2026, 4, 1), None),
    ];
    let s = childcare_rates(&employees, &events, &leaves, FROM, TO);
    assert_eq!(s.male.births, 1);
    assert_eq!(s.male.method1_takers, 2);
    assert_eq!(s.male.method1_rate_percent, Some(200));
}

#[test]
fn the_child_is_the_latest_birth_on_or_before_the_leave() {
    // M1: births 2025-06-01 and 2026-06-01. Leaves: 2025-07-01 (child
    // 2025-06-01) and 2026-06-10 (latest birth on or before = 2026-06-01, a
    // new child) -> the second child's first leave starts in FY 2026.
    // If the 2026 leave were attributed to the 2025 child, its first leave
    // would be in FY 2025 and M1 would not count.
    let employees = vec![person("M1", Gender::Male)];
    let events = vec![birth("M1", date(2025, 6, 1)), birth("M1", date(2026, 6, 1))];
    let leaves = vec![
        leave("M1", LeaveKind::ChildcareLeave, date(2025, 7, 1), None),
        leave("M1", LeaveKind::ChildcareLeave, date(2026, 6, 10), None),
    ];
    let s = childcare_rates(&employees, &events, &leaves, FROM, TO);
    assert_eq!(s.male.method1_takers, 1);
    // An explicit child_birth_date pointing at the 2025 child overrides it:
    // that child's first leave is 2025-07-01 -> no taker in FY 2026.
    let leaves = vec![
        leave("M1", LeaveKind::ChildcareLeave, date(2025, 7, 1), None),
        leave(
            "M1",
            LeaveKind::ChildcareLeave,
            date(2026, 6, 10),
            Some(date(2025, 6, 1)),
        ),
    ];
    let s = childcare_rates(&employees, &events, &leaves, FROM, TO);
    assert_eq!(s.male.method1_takers, 0);
}

#[test]
fn purpose_leave_counts_only_before_school_age() {
    // Born 2019-04-01 -> enters school 2025-04-01 (a child born on April 1
    // is in the earlier school year). Born 2019-04-02 -> 2026-04-01.
    assert_eq!(school_entry_date(date(2019, 4, 1)), Some(date(2025, 4, 1)));
    assert_eq!(school_entry_date(date(2019, 4, 2)), Some(date(2026, 4, 1)));
    // A 育児目的休暇 on 2026-05-01 for a child born 2020-05-01 (school from
    // 2027-04-01) counts for method 2; for one born 2019-05-01 (at school
    // since 2026-04-01) it does not.
    let employees = vec![person("M1", Gender::Male), person("M2", Gender::Male)];
    let leaves = vec![
        leave(
            "M1",
            LeaveKind::ChildcarePurposeLeave,
            date(2026, 5, 1),
            Some(date(2020, 5, 1)),
        ),
        leave(
            "M2",
            LeaveKind::ChildcarePurposeLeave,
            date(2026, 5, 1),
            Some(date(2019, 5, 1)),
        ),
    ];
    let s = childcare_rates(&employees, &[], &leaves, FROM, TO);
    assert_eq!(s.male.method1_takers, 0);
    assert_eq!(s.male.method2_takers, 1);
}
