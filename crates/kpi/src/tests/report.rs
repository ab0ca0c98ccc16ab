//! The fiscal-year report and its JSON shape (issue: "The command").

use jiff::civil::date;
use serde_json::json;

use super::*;
use crate::{
    Employee, FamilyEvent, FamilyEventKind, Gender, Inputs, KpiError, ReportBuilder,
    agreement_period, fiscal_period, fiscal_year_report,
};

/// E1: male, hired 2025-10-01 -> 10 days on 2026-04-01 (deadline 2027-03-31).
/// E2: female, deemed hours, hired 2020-04-01 -> 6.5 years on 2026-10-01: 20
/// days (deadline 2027-09-30).
/// E3: male, hired 2026-03-01 -> 10 days on 2026-09-01 (deadline 2027-08-31).
fn roster() -> Vec<Employee> {
    let mut e2 = Employee::new("E2", Gender::Female, date(2020, 4, 1));
    e2.deemed_hours = true;
    vec![
        Employee::new("E1", Gender::Male, date(2025, 10, 1)),
        e2,
        Employee::new("E3", Gender::Male, date(2026, 3, 1)),
    ]
}

fn attendance() -> Vec<AttendanceDay> {
    vec![
        // E1: April 672 overtime; May 120 legal-holiday minutes.
        precomputed("E1", date(2026, 4, 10), 672, 0),
        with_type(
            precomputed("E1", date(2026, 5, 10), 0, 120),
            DayType::LegalHoliday,
        ),
        // E2: April 6,000 = 100 h -> monthly_100h.
        precomputed("E2", date(2026, 4, 10), 6000, 0),
        // E3: a day of paid leave in June; a plain day on 2027-03-31 (the last
        // date of the data).
        paid_leave("E3", date(2026, 6, 1), 2),
        eight_hours("E3", date(2027, 3, 31)),
    ]
}

#[test]
fn the_report_has_the_issue_json_shape() {
    let mut b = ReportBuilder::new(Settings::default(), 2026, Some(roster())).unwrap();
    for row in attendance() {
        b.push_attendance(&row).unwrap();
    }
    let report = b.finish(None, None);
    let v = serde_json::to_value(&report).unwrap();

    assert_eq!(v["fiscal_year"], json!(2026));
    assert_eq!(
        v["period"],
        json!({"from": "2026-04-01", "to": "2027-03-31"})
    );

    // Average monthly overtime (女活DB): E2 is deemed-hours -> excluded.
    // E1: 672 + 120 = 792; E3: 0. 792 / 60 / 12 / 2 = 0.55 h -> 0.6 (half
    // up). (Including E2 would give 6,792 / 2,160 = 3.1.)
    let ot = &v["overtime"];
    assert_eq!(ot["average_monthly_overtime_hours"], json!(0.6));
    assert_eq!(
        ot["average_monthly_overtime"],
        json!({"total_minutes": 792, "employees": 2, "excluded_deemed_hours": 1})
    );
    let e1 = &ot["employees"][0];
    assert_eq!(e1["employee_id"], json!("E1"));
    assert_eq!(
        e1["months"],
        json!([
            {"month": "2026-04", "legal_overtime_minutes": 672, "legal_holiday_minutes": 0},
            {"month": "2026-05", "legal_overtime_minutes": 0, "legal_holiday_minutes": 120}
        ])
    );
    assert_eq!(e1["annual_legal_overtime_minutes"], json!(672));
    assert_eq!(e1["months_over_limit"], json!(0));
    assert_eq!(e1["violations"], json!([]));
    let e2 = &ot["employees"][1];
    assert_eq!(e2["months_over_limit"], json!(1));
    assert_eq!(
        e2["violations"],
        json!([{"rule": "monthly_100h", "month": "2026-04"}])
    );
    let e3 = &ot["employees"][2];
    let months: Vec<&str> = e3["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_str().unwrap())
        .collect();
    assert_eq!(months, vec!["2026-06", "2027-03"]);

    // Paid leave: granted 10 + 20 + 10 = 40; taken in the year 1 day (E3,
    // before his own grant) -> 1 / 40 = 2.5 %.
    let pl = &v["paid_leave"];
    assert_eq!(pl["utilization_rate_percent"], json!(2.5));
    assert_eq!(
        pl["employees"][0],
        json!({"employee_id": "E1", "grants": [{
            "grant_date": "2026-04-01", "days": 10, "taken_days": 0,
            "obligation": true, "deadline": "2027-03-31", "status": "not_met"}],
            "taken_in_year": 0})
    );
    assert_eq!(pl["employees"][1]["grants"][0]["days"], json!(20));
    assert_eq!(
        pl["employees"][1]["grants"][0]["status"],
        json!("in_progress")
    );
    assert_eq!(
        pl["employees"][2]["grants"][0]["grant_date"],
        json!("2026-09-01")
    );
    assert_eq!(pl["employees"][2]["grants"][0]["taken_days"], json!(0));

    // No family events or leaves -> childcare is null.
    assert_eq!(v["childcare_leave"], json!(null));
    assert!(v["workforce"].is_object());
}

#[test]
fn absent_inputs_give_null_sections() {
    let report = ReportBuilder::new(Settings::default(), 2026, None)
        .unwrap()
        .finish(None, None);
    let v = serde_json::to_value(&report).unwrap();
    for key in ["overtime", "paid_leave", "childcare_leave", "workforce"] {
        assert_eq!(v[key], json!(null), "{key}");
    }
    // An attendance file with no rows is present: an empty section with no
    // average (zero employees), not null.
    let mut b = ReportBuilder::new(Settings::default(), 2026, None).unwrap();
    b.mark_attendance_present();
    let v = serde_json::to_value(b.finish(None, None)).unwrap();
    assert_eq!(v["overtime"]["employees"], json!([]));
    assert_eq!(v["overtime"]["average_monthly_overtime_hours"], json!(null));
    // A roster and births: childcare present with zero takers.
    let events = vec![FamilyEvent {
        employee_id: "E1".into(),
        kind: FamilyEventKind::Birth,
        date: date(2026, 7, 1),
    }];
    let b = ReportBuilder::new(Settings::default(), 2026, Some(roster())).unwrap();
    let v = serde_json::to_value(b.finish(Some(&events), None)).unwrap();
    assert_eq!(
        v["childcare_leave"]["male"],
        json!({"births": 1, "method1_takers": 0, "method1_rate_percent": 0,
               "method2_takers": 0, "method2_rate_percent": 0})
    );
    assert_eq!(v["childcare_leave"]["female"]["rate_percent"], json!(null));
    assert_eq!(v["overtime"], json!(null));
}

#[test]
fn the_builder_keeps_months_before_the_year_for_80h_windows() {
    // E4: 2026-03-30 (FY 2025) 5,500 overtime, 2026-04-06 4,200: the window
    // Mar-Apr is 9,700 > 9,600 -> average_80h in 2026-04, window 2.
    // E5: rows only in March 2026 -> not listed for FY 2026.
    let rows = vec![
        precomputed("E4", date(2026, 3, 30), 5500, 0),
        precomputed("E4", date(2026, 4, 6), 4200, 0),
        precomputed("E5", date(2026, 3, 30), 100, 0),
    ];
    let mut b = ReportBuilder::new(Settings::default(), 2026, None).unwrap();
    for r in &rows {
        b.push_attendance(r).unwrap();
    }
    let ot = b.finish(None, None).overtime.unwrap();
    assert_eq!(ot.employees.len(), 1);
    let v = serde_json::to_value(&ot.employees[0]).unwrap();
    assert_eq!(
        v["violations"],
        json!([{"rule": "average_80h", "month": "2026-04", "window_months": 2}])
    );
    assert_eq!(v["annual_legal_overtime_minutes"], json!(4200));
}

#[test]
fn the_builder_rejects_rows_out_of_date_order() {
    let mut b = ReportBuilder::new(Settings::default(), 2026, None).unwrap();
    b.push_attendance(&eight_hours("E1", date(2026, 4, 7)))
        .unwrap();
    let err = b
        .push_attendance(&eight_hours("E1", date(2026, 4, 6)))
        .unwrap_err();
    assert_eq!(
        err,
        KpiError::OutOfOrder {
            employee_id: "E1".into(),
            date: date(2026, 4, 6),
            previous: date(2026, 4, 7)
        }
    );
}

#[test]
fn unsorted_in_memory_inputs_give_the_same_report() {
    let mut rows = attendance();
    rows.reverse(); // E3's 2027-03-31 comes before its 2026-06-01: unsorted
    let report = fiscal_year_report(
        Settings::default(),
        2026,
        Inputs {
            employees: Some(roster()),
            attendance: Some(rows),
            family_events: None,
            leaves: None,
        },
    )
    .unwrap();
    let mut b = ReportBuilder::new(Settings::default(), 2026, Some(roster())).unwrap();
    for row in attendance() {
        b.push_attendance(&row).unwrap();
    }
    assert_eq!(report, b.finish(None, None));
}

#[test]
fn periods_follow_the_settings() {
    let s = Settings::default();
    let p = fiscal_period(&s, 2026).unwrap();
    assert_eq!((p.from, p.to), (date(2026, 4, 1), date(2027, 3, 31)));
    // 起算日 the 21st: agreement year 2026-04-21 .. 2027-04-20; the fiscal
    // period is unchanged.
    let s21 = Settings {
        agreement_start_day: 21,
        ..Settings::default()
    };
    let a = agreement_period(&s21, 2026).unwrap();
    assert_eq!((a.from, a.to), (date(2026, 4, 21), date(2027, 4, 20)));
    assert_eq!(fiscal_period(&s21, 2026).unwrap(), p);
    // A calendar-year company: FY 2026 = 2026-01-01 .. 2026-12-31.
    let jan = Settings {
        fiscal_year_start_month: 1,
        ..Settings::default()
    };
    let p = fiscal_period(&jan, 2026).unwrap();
    assert_eq!((p.from, p.to), (date(2026, 1, 1), date(2026, 12, 31)));
    // Invalid settings are refused by the builder.
    let bad = Settings {
        agreement_start_day: 31,
        ..Settings::default()
    };
    assert!(ReportBuilder::new(bad, 2026, None).is_err());
}

#[test]
fn with_a_start_day_of_21_rows_before_it_belong_to_the_previous_year() {
    // Agreement year 2026-04-21 .. 2027-04-20. A row on 2026-04-10 is in the
    // agreement month 2026-03 (03-21 .. 04-20), before the year; a row on
    // 2027-04-15 is in 2027-03, the year's last month.
    let s21 = Settings {
        agreement_start_day: 21,
        ..Settings::default()
    };
    let mut b = ReportBuilder::new(s21, 2026, None).unwrap();
    b.push_attendance(&precomputed("E1", date(2026, 4, 10), 100, 0))
        .unwrap();
    b.push_attendance(&precomputed("E1", date(2027, 4, 15), 30, 0))
        .unwrap();
    let ot = b.finish(None, None).overtime.unwrap();
    let e = &ot.employees[0];
    assert_eq!(e.months.len(), 1);
    assert_eq!(e.months[0].month.to_string(), "2027-03");
    assert_eq!(e.annual_legal_overtime_minutes, 30);
}
