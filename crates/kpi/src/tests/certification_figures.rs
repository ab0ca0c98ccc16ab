//! Certification figures from the roster and attendance
//! (`FiscalYearReport::certification`), `assemble`, the facts by id and the
//! serde round trips. FY 2026 = 2026-04-01 .. 2027-03-31; 2026-04-01 is a
//! Wednesday, 2026-04-04 a Saturday, 2026-04-05 a Sunday.

use jiff::civil::date;

use super::*;
use crate::certification::*;
use crate::extras::{
    ByGender, CareerEvent, CareerRow, CategoryRecruitment, IndustryAverages, YearExtras,
};
use crate::{
    CertificationFigures, Employee, EmploymentType, FamilyEvent, FamilyEventKind, FiscalYearReport,
    Gender, HalfDays, Inputs, Leave, LeaveKind, OneDecimal, Position, ReportBuilder, YearChildcare,
    YearMonth, childcare_counts, fiscal_year_report,
};

fn ym(y: i32, m: i8) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

fn person(id: &str, gender: Gender, kind: EmploymentType) -> Employee {
    let mut e = Employee::new(id, gender, date(2020, 4, 1));
    e.employment_type = kind;
    e.birth_date = Some(date(1990, 6, 15));
    e
}

/// 9:00 to `end_h`:00 with a 60-minute break: (end_h − 10) h over 8 h.
fn until(id: &str, d: Date, end_h: u16) -> AttendanceDay {
    clock(id, d, hm(9, 0), hm(end_h, 0), 60)
}

fn report(employees: Vec<Employee>, attendance: Option<Vec<AttendanceDay>>) -> FiscalYearReport {
    fiscal_year_report(
        Settings::default(),
        2026,
        Inputs {
            employees: Some(employees),
            attendance,
            ..Inputs::default()
        },
    )
    .unwrap()
}

fn figures(employees: Vec<Employee>, attendance: Vec<AttendanceDay>) -> CertificationFigures {
    report(employees, Some(attendance)).certification.unwrap()
}

/// (total minutes, workers) of `month` in `months`.
fn at(months: &[MonthHours], month: YearMonth) -> (u64, u64) {
    let m = months.iter().find(|m| m.month == month).unwrap();
    (m.total_minutes, m.workers)
}

// --- month figures ------------------------------------------------------------

#[test]
fn full_time_months_leave_out_part_timers_and_count_joiners_from_their_month() {
    let mut a = person("A", Gender::Male, EmploymentType::Regular);
    a.category = Some("総合職".to_string());
    let b = person("B", Gender::Female, EmploymentType::FixedTerm);
    let mut c = person("C", Gender::Female, EmploymentType::PartTime);
    c.category = Some("パート".to_string());
    c.birth_date = None; // a part-timer's missing birth date does not matter
    // D joins on 2026-06-01 and works under 事業場外みなし.
    let mut d = Employee::new("D", Gender::Male, date(2026, 6, 1));
    d.birth_date = Some(date(1995, 1, 1));
    d.category = Some("総合職".to_string());
    d.deemed_hours = true;
    let rows = vec![
        until("A", date(2026, 4, 1), 20), // 600 worked: 120 over 8 h
        until("A", date(2026, 5, 7), 20), // 120
        until("B", date(2026, 4, 2), 19), // 60
        // Sunday marked 法定休日: 4 h of 法定休日労働 (240 min).
        with_type(
            clock("B", date(2026, 4, 5), hm(9, 0), hm(13, 0), 0),
            DayType::LegalHoliday,
        ),
        until("C", date(2026, 4, 1), 21), // 180, but a part-timer
        until("D", date(2026, 6, 1), 19), // 60
    ];
    let f = figures(vec![a, b, c, d], rows);
    let full = f.full_time_months.as_ref().unwrap();
    assert_eq!(full.len(), 12);
    // April: A 120 + B (60 + 240) = 420 minutes of 2 workers (C excluded).
    assert_eq!(at(full, ym(2026, 4)), (420, 2));
    // May: A alone. June: D, who joined that month (deemed hours included).
    assert_eq!(at(full, ym(2026, 5)), (120, 1));
    assert_eq!(at(full, ym(2026, 6)), (60, 1));
    // Months without rows have no workers (judged 判定できません, not 0 h).
    assert_eq!(at(full, ym(2026, 7)), (0, 0));
    assert_eq!(full[11].month, ym(2027, 3));

    // 60 h rule: every worker with rows, 法定休日 work left out.
    let w = f.worker_overtime.as_ref().unwrap();
    let got: Vec<(&str, u64, u64)> = w
        .iter()
        .map(|w| (w.employee_id.as_str(), w.legal_overtime_minutes, w.months))
        .collect();
    assert_eq!(
        got,
        vec![("A", 240, 2), ("B", 60, 1), ("C", 180, 1), ("D", 60, 1)]
    );

    // 雇用管理区分: everyone with rows but D (deemed), sorted by name; B has
    // no category ("" = 区分なし).
    let cats = f.category_months.as_ref().unwrap();
    let names: Vec<&str> = cats.iter().map(|c| c.category.as_str()).collect();
    assert_eq!(names, vec!["", "パート", "総合職"]);
    assert_eq!(at(&cats[0].months, ym(2026, 4)), (300, 1));
    assert_eq!(at(&cats[1].months, ym(2026, 4)), (180, 1));
    assert_eq!(at(&cats[2].months, ym(2026, 4)), (120, 1));
    assert_eq!(at(&cats[2].months, ym(2026, 6)), (0, 0));

    // Everyone's birth date is in 1990/1995: 30–36, all in 25–39.
    assert_eq!(f.age_band, (25, 39));
    assert_eq!(f.age_band_months.as_ref().unwrap(), full);
}

#[test]
fn the_age_band_is_judged_on_the_months_first_day() {
    let born = |id: &str, birth: Date| {
        let mut e = person(id, Gender::Male, EmploymentType::Regular);
        e.birth_date = Some(birth);
        e
    };
    let roster = vec![
        born("P", date(2001, 4, 1)), // 25 on 2026-04-01: in from April
        born("Q", date(2001, 4, 2)), // 24 on 04-01, 25 on 05-01: in from May
        born("R", date(1986, 4, 2)), // 39 on 04-01, 40 on 05-01: in April only
        born("S", date(1986, 4, 1)), // 40 on 04-01: never in
    ];
    let mut rows = Vec::new();
    for id in ["P", "Q", "R", "S"] {
        rows.push(until(id, date(2026, 4, 1), 19)); // 60 each
        rows.push(until(id, date(2026, 5, 1), 19)); // 60 each
    }
    let f = figures(roster.clone(), rows.clone());
    let band = f.age_band_months.unwrap();
    // April: P + R = 120 of 2; May: P + Q = 120 of 2.
    assert_eq!(at(&band, ym(2026, 4)), (120, 2));
    assert_eq!(at(&band, ym(2026, 5)), (120, 2));
    assert_eq!(at(&f.full_time_months.unwrap(), ym(2026, 4)), (240, 4));

    // A full-time worker with rows but no birth date: the band is unknown.
    let mut t = person("T", Gender::Female, EmploymentType::FixedTerm);
    t.birth_date = None;
    let mut roster2 = roster;
    roster2.push(t);
    rows.push(until("T", date(2026, 4, 1), 18));
    let f = figures(roster2, rows);
    assert_eq!(f.age_band_months, None);
    assert_eq!(at(&f.full_time_months.unwrap(), ym(2026, 4)), (240, 5));
}

// --- 60 h ---------------------------------------------------------------------

#[test]
fn a_worker_averaging_exactly_60_hours_is_over_the_60h_rule() {
    let roster = vec![
        person("X", Gender::Male, EmploymentType::Regular),
        person("Y", Gender::Male, EmploymentType::Regular),
    ];
    let rows = vec![
        // X: 3,600 + 3,600 = 7,200 minutes in 2 months = 60.0 h a month.
        precomputed("X", date(2026, 4, 10), 3600, 0),
        precomputed("X", date(2026, 5, 10), 3600, 0),
        // Y: 3,600 + 3,599 = 7,199 < 7,200: just under.
        precomputed("Y", date(2026, 4, 10), 3600, 0),
        precomputed("Y", date(2026, 5, 10), 3599, 0),
        // Legal-holiday work does not count toward the 60 h rule.
        with_type(
            precomputed("Y", date(2026, 5, 17), 0, 600),
            DayType::LegalHoliday,
        ),
    ];
    let f = figures(roster, rows);
    let input = assemble(&args(&f));
    let rs = assess(&input, date(2027, 4, 1));
    let kurumin = rs.iter().find(|r| r.mark == Mark::Kurumin).unwrap();
    let c = kurumin
        .criteria
        .iter()
        .find(|c| c.id == "no_worker_60h")
        .unwrap();
    assert_eq!(c.met, Some(false));
    assert_eq!(
        c.gap,
        Some(Gap::WorkersOver {
            employee_ids: vec!["X".to_string()],
            limit_hours: 60,
        })
    );
}

// --- 所定外 (ユースエール) ----------------------------------------------------------

#[test]
fn scheduled_overtime_of_regular_workers_with_a_7_5_hour_day() {
    // R: 37.5 h over 5 days = 2,250 ÷ 5 = 450 minutes (7.5 h) a day.
    let mut r = person("R", Gender::Female, EmploymentType::Regular);
    r.weekly_minutes = 2250;
    // Z: weekly_days 0 → an 8 h day.
    let mut z = person("Z", Gender::Male, EmploymentType::Regular);
    z.weekly_days = 0;
    let f = person("F", Gender::Male, EmploymentType::FixedTerm);
    let rows = vec![
        // A regular worker's precomputed row BEFORE the year does not matter.
        precomputed("R", date(2026, 3, 31), 60, 0),
        // 8 h on a workday: 480 − 450 = 30 所定外 (0 legal overtime).
        until("R", date(2026, 4, 1), 18),
        // Two rows on one day: 240 + 270 = 510 → 60 (all in the second row).
        clock("R", date(2026, 4, 2), hm(9, 0), hm(13, 0), 0),
        clock("R", date(2026, 4, 2), hm(14, 0), hm(18, 30), 0),
        // 所定休日 (Saturday): every minute, 180.
        with_type(
            clock("R", date(2026, 4, 4), hm(9, 0), hm(12, 0), 0),
            DayType::Holiday,
        ),
        // 法定休日 (Sunday): every minute, 120.
        with_type(
            clock("R", date(2026, 4, 5), hm(10, 0), hm(12, 0), 0),
            DayType::LegalHoliday,
        ),
        // A day of paid leave in May: the month counts, with 0 minutes.
        paid_leave("R", date(2026, 5, 1), 2),
        // Z: 540 worked − 480 = 60.
        until("Z", date(2026, 4, 1), 19),
        // F is fixed-term: not 正社員, not counted; precomputed is fine.
        until("F", date(2026, 4, 1), 21),
        precomputed("F", date(2026, 4, 2), 120, 0),
    ];
    let fig = figures(vec![r.clone(), z.clone(), f.clone()], rows.clone());
    // 30 + 60 + 180 + 120 + 60 = 450 minutes over R's 2 months + Z's 1.
    assert_eq!(
        fig.regular_overtime,
        Some(YearMinutes {
            total_minutes: 450,
            worker_months: 3,
        })
    );
    // 450 ÷ 60 ÷ 3 = 2.5 h a month (rounded up for "≤ 20 h": 2.5).
    let input = assemble(&args(&fig));
    let youth = assess(&input, date(2027, 4, 1))
        .into_iter()
        .find(|r| r.mark == Mark::YouthYell)
        .unwrap();
    let c = youth
        .criteria
        .iter()
        .find(|c| c.id == "regular_monthly_overtime")
        .unwrap();
    assert_eq!(c.met, Some(true));
    assert_eq!(c.value, Some(Value::Decimal(OneDecimal { tenths: 25 })));

    // A precomputed row of a regular worker in the year: 所定外 unknown.
    let mut rows2 = rows;
    rows2.push(precomputed("Z", date(2026, 6, 1), 30, 0));
    let fig = figures(vec![r, z, f], rows2);
    assert_eq!(fig.regular_overtime, None);
}

#[test]
fn worker_months_make_the_youth_average_exact() {
    // 2 workers, one all year (12 months), one from October (6 months): 18
    // worker-months. 20 h × 60 × 18 = 21,600 minutes is exactly 20.0 h.
    let mut input = CertificationInput::new(2026);
    input.regular_overtime = Some(YearMinutes {
        total_minutes: 21_600,
        worker_months: 18,
    });
    let youth = |input: &CertificationInput| {
        assess(input, date(2027, 4, 1))
            .into_iter()
            .find(|r| r.mark == Mark::YouthYell)
            .unwrap()
            .criteria
            .into_iter()
            .find(|c| c.id == "regular_monthly_overtime")
            .unwrap()
    };
    let c = youth(&input);
    assert_eq!(c.met, Some(true));
    assert_eq!(c.value, Some(Value::Decimal(OneDecimal { tenths: 200 })));
    // 21,601 minutes: 20.0009 h > 20 h, shown 20.1 (rounded up).
    input.regular_overtime = Some(YearMinutes {
        total_minutes: 21_601,
        worker_months: 18,
    });
    let c = youth(&input);
    assert_eq!(c.met, Some(false));
    assert_eq!(c.value, Some(Value::Decimal(OneDecimal { tenths: 201 })));
    // No worker-months: undecidable.
    input.regular_overtime = Some(YearMinutes {
        total_minutes: 0,
        worker_months: 0,
    });
    assert_eq!(youth(&input).met, None);
}

// --- paid leave -----------------------------------------------------------------

#[test]
fn paid_leave_of_regular_employees_counts_the_days_taken_in_the_year() {
    // R1 hired 2025-10-01: 10 days on 2026-04-01.
    let r1 = Employee::new("R1", Gender::Female, date(2025, 10, 1));
    // R2 hired 2020-04-01: the 7th 基準日 (6.5 years) 2026-10-01, 20 days.
    let r2 = Employee::new("R2", Gender::Male, date(2020, 4, 1));
    // R3 hired 2026-01-01: 10 days on 2026-07-01, none taken.
    let r3 = Employee::new("R3", Gender::Male, date(2026, 1, 1));
    // R4 hired 2026-12-01: first 基準日 2027-06-01, after the year; holds no
    // leave, but took a day (granted early by the employer): in the
    // numerator as on the KPI page, so also a worker of the average.
    let r4 = Employee::new("R4", Gender::Male, date(2026, 12, 1));
    // F: fixed-term, 10 days on 2026-04-01, all taken → not 正社員.
    let mut f = Employee::new("F", Gender::Female, date(2025, 10, 1));
    f.employment_type = EmploymentType::FixedTerm;
    let mut rows = vec![
        paid_leave("R1", date(2026, 3, 30), 2), // before the year
        paid_leave("R1", date(2026, 4, 10), 2),
        paid_leave("R1", date(2026, 4, 13), 2),
        paid_leave("R1", date(2026, 4, 14), 2),
        paid_leave("R1", date(2027, 3, 31), 1), // half a day
        paid_leave("R4", date(2027, 1, 5), 2),
    ];
    for day in 2..=6 {
        rows.push(paid_leave("R2", date(2026, 11, day), 2));
    }
    for day in 1..=10 {
        rows.push(paid_leave("F", date(2026, 6, day), 2));
    }
    let roster = vec![r1, r2, r3, r4, f];
    let fig = figures(roster.clone(), rows);
    // Granted 10 + 20 + 10 = 40 days; taken in the year 3.5 + 5 + 0 + 1 =
    // 9.5 days (19 half days); 4 workers (R1, R2, R3 hold leave; R4 took).
    assert_eq!(
        fig.paid_leave,
        Some(PaidLeaveFigures {
            taken: HalfDays(19),
            granted_days: 40,
            workers: 4,
        })
    );
    // Without attendance nothing was taken as far as we know: unknown, not 0.
    let no_attendance = report(roster, None).certification.unwrap();
    assert_eq!(no_attendance.paid_leave, None);
    assert_eq!(no_attendance.full_time_months, None);
    assert_eq!(no_attendance.worker_overtime, None);
    assert_eq!(no_attendance.regular_overtime, None);
}

/// Ten days of paid leave on the weekdays 2026-05-11 .. 05-22.
fn ten_days_in_may(id: &str) -> Vec<AttendanceDay> {
    [11, 12, 13, 14, 15, 18, 19, 20, 21, 22]
        .into_iter()
        .map(|d| paid_leave(id, date(2026, 5, d), 2))
        .collect()
}

fn youth_paid_leave(input: &CertificationInput) -> Criterion {
    let r = assess(input, date(2027, 6, 1))
        .into_iter()
        .find(|r| r.mark == Mark::YouthYell)
        .unwrap();
    r.criteria
        .into_iter()
        .find(|c| c.id == "paid_leave")
        .unwrap()
}

fn rate_and_days(c: &Criterion) -> (Option<Value>, Option<Value>) {
    let Some(Value::Parts(parts)) = &c.value else {
        panic!("{c:?}")
    };
    (parts[0].value.clone(), parts[1].value.clone())
}

fn tenths(t: u64) -> Option<Value> {
    Some(Value::Decimal(OneDecimal { tenths: t }))
}

#[test]
fn leave_taken_before_the_years_grant_counts_as_on_the_kpi_page() {
    // Issue 11: one 正社員 hired 2015-04-01 (基準日 every 1 October), 20
    // days on 2026-10-01, 10 days taken in May 2026 out of the 2025-10-01
    // grant. KPI utilization: 10 ÷ 20 = 50.0 %. ユースエール: the same
    // quotient for the 正社員, and 10 days ÷ 1 worker = 10.0 days (≥ 10:
    // met). Before the fix the May days were lost: 0 ÷ 20.
    let mut e = person("E1", Gender::Female, EmploymentType::Regular);
    e.hire_date = date(2015, 4, 1);
    let rep = report(vec![e], Some(ten_days_in_may("E1")));
    let pl = rep.paid_leave.as_ref().unwrap();
    assert_eq!(
        pl.utilization_rate_percent,
        Some(OneDecimal { tenths: 500 })
    );
    let fig = rep.certification.unwrap();
    assert_eq!(
        fig.paid_leave,
        Some(PaidLeaveFigures {
            taken: HalfDays(20),
            granted_days: 20,
            workers: 1,
        })
    );
    let mut input = CertificationInput::new(2026);
    input.paid_leave = fig.paid_leave;
    let c = youth_paid_leave(&input);
    assert_eq!(rate_and_days(&c), (tenths(500), tenths(100)));
    assert_eq!(c.met, Some(true));
    assert_eq!(c.period.as_deref(), Some("2026-04..2027-03"));
}

#[test]
fn leave_spanning_two_grant_years_counts_once_in_the_fiscal_year() {
    // Hired 2020-04-01: 18 days on 2025-10-01, 20 on 2026-10-01.
    // 3 days in September 2026 (the 2025 grant's year), 4 in October 2026
    // (the 2026 grant's), 2 in April 2027 (after FY 2026).
    // FY 2026: taken 3 + 4 = 7 days ÷ 20 granted = 35.0 % on both pages;
    // the 2026-10-01 grant's own count (the 5-day duty) is 4 + 2 = 6.
    let e = person("E1", Gender::Male, EmploymentType::Regular);
    let mut rows: Vec<AttendanceDay> = [1, 2, 3]
        .into_iter()
        .map(|d| paid_leave("E1", date(2026, 9, d), 2))
        .collect();
    rows.extend([5, 6, 7, 8].map(|d| paid_leave("E1", date(2026, 10, d), 2)));
    rows.extend([5, 6].map(|d| paid_leave("E1", date(2027, 4, d), 2)));
    let rep = report(vec![e], Some(rows));
    let pl = rep.paid_leave.as_ref().unwrap();
    assert_eq!(
        pl.utilization_rate_percent,
        Some(OneDecimal { tenths: 350 })
    );
    assert_eq!(pl.employees[0].grants[0].taken_days, HalfDays(12));
    assert_eq!(pl.employees[0].taken_in_year, HalfDays(14));
    let fig = rep.certification.unwrap().paid_leave.unwrap();
    assert_eq!(
        (fig.taken, fig.granted_days, fig.workers),
        (HalfDays(14), 20, 1)
    );
    let mut input = CertificationInput::new(2026);
    input.paid_leave = Some(fig);
    let c = youth_paid_leave(&input);
    // 35.0 % < 70 % and 7.0 days < 10: not met; 14 − 7 = 7 days short of
    // the average, 0.7 × 20 − 7 = 7 days short of the rate.
    assert_eq!(rate_and_days(&c), (tenths(350), tenths(70)));
    assert_eq!(c.met, Some(false));
}

#[test]
fn a_regular_hired_in_the_year_counts_and_a_part_timer_does_not() {
    // A: hired 2015-04-01, 20 days on 2026-10-01, 10 days in May 2026.
    // B: 正社員 hired 2026-06-01: 10 days on 2026-12-01, 2 days in January.
    // C: 正社員 hired 2026-11-01: first 基準日 2027-05-01, after the year;
    //    holds no leave in it and took none: not a worker of the average.
    // P: part-timer hired 2020-04-01, 4 days × 6 h: 15 days (6.5 years) on
    //    2026-10-01, 5 days taken in November — in the KPI utilization only.
    let mut a = person("A", Gender::Female, EmploymentType::Regular);
    a.hire_date = date(2015, 4, 1);
    let mut b = person("B", Gender::Male, EmploymentType::Regular);
    b.hire_date = date(2026, 6, 1);
    let mut c = person("C", Gender::Male, EmploymentType::Regular);
    c.hire_date = date(2026, 11, 1);
    let mut p = person("P", Gender::Female, EmploymentType::PartTime);
    p.weekly_days = 4;
    p.weekly_minutes = 24 * 60;
    let mut rows = ten_days_in_may("A");
    rows.extend([5, 6].map(|d| paid_leave("B", date(2027, 1, d), 2)));
    rows.extend([2, 4, 5, 6, 9].map(|d| paid_leave("P", date(2026, 11, d), 2)));
    let rep = report(vec![a, b, c, p], Some(rows));
    // KPI: (10 + 2 + 5) ÷ (20 + 10 + 15) = 17 ÷ 45 = 37.77.. → 37.8 %.
    let pl = rep.paid_leave.as_ref().unwrap();
    assert_eq!(
        pl.utilization_rate_percent,
        Some(OneDecimal { tenths: 378 })
    );
    // ユースエール: 正社員 only, 12 ÷ 30 = 40.0 %; 12 days ÷ 2 workers = 6.0.
    let fig = rep.certification.unwrap().paid_leave.unwrap();
    assert_eq!(
        (fig.taken, fig.granted_days, fig.workers),
        (HalfDays(24), 30, 2)
    );
    let mut input = CertificationInput::new(2026);
    input.paid_leave = Some(fig);
    assert_eq!(
        rate_and_days(&youth_paid_leave(&input)),
        (tenths(400), tenths(60))
    );
}

// --- roster figures -------------------------------------------------------------

#[test]
fn retention_counts_hires_of_fiscal_years_2015_to_2017() {
    let hired = |id: &str, g: Gender, d: Date, left: Option<Date>| {
        let mut e = Employee::new(id, g, d);
        e.leave_date = left;
        e
    };
    let mut manager = hired("W4", Gender::Female, date(2010, 4, 1), None);
    manager.position = Position::Manager;
    let mut part = hired("W5", Gender::Female, date(2022, 4, 1), None);
    part.employment_type = EmploymentType::PartTime;
    let roster = vec![
        // FY 2015 starts 2015-04-01: in; still employed.
        hired("W1", Gender::Female, date(2015, 4, 1), None),
        // FY 2017 ends 2018-03-31: in; left in 2020.
        hired(
            "W2",
            Gender::Female,
            date(2018, 3, 31),
            Some(date(2020, 1, 1)),
        ),
        // The day before FY 2015: out.
        hired("W3", Gender::Female, date(2015, 3, 31), None),
        // The day after FY 2017: out.
        hired("M1", Gender::Male, date(2018, 4, 1), None),
        // Leaves on the year's last day: still employed that day → remaining.
        hired(
            "M2",
            Gender::Male,
            date(2016, 6, 1),
            Some(date(2027, 3, 31)),
        ),
        // Leaves the day before: not remaining.
        hired(
            "M3",
            Gender::Male,
            date(2017, 1, 10),
            Some(date(2027, 3, 30)),
        ),
        // Gender other: in neither figure.
        hired("O1", Gender::Other, date(2016, 5, 1), None),
        manager,
        part,
    ];
    let f = report(roster, None).certification.unwrap();
    assert_eq!(
        f.retention,
        Some(Retention {
            women_hired: 2,
            women_remaining: 1,
            men_hired: 2,
            men_remaining: 1,
        })
    );
    // Employed on 2027-03-31: W1, W3, M1, M2, O1, W4, W5 = 7.
    assert_eq!(f.employees, Some(7));
    // Regular among them: all but the part-timer W5 (6); women W1, W3, W4.
    assert_eq!(f.regular_women, Some(Share { women: 3, total: 6 }));
    assert_eq!(f.managers, Some(Share { women: 1, total: 1 }));
    // Service on 2027-03-31 (completed months to 2027-04-01): women W1 144,
    // W3 144 (2015-03-31 → 2027-03-31 = 144), W4 204, W5 60; men M1 108,
    // M2 130 (2016-06-01 → 2027-04-01), other O1 not counted.
    assert_eq!(
        f.service,
        Some(ServiceByGender {
            women: 4,
            women_total_months: 144 + 144 + 204 + 60,
            men: 2,
            men_total_months: 108 + 130,
        })
    );
    assert_eq!(f.male_childcare, None);
}

// --- childcare ------------------------------------------------------------------

fn birth(id: &str, d: Date) -> FamilyEvent {
    FamilyEvent {
        employee_id: id.to_string(),
        kind: FamilyEventKind::Birth,
        date: d,
    }
}

fn leave(id: &str, kind: LeaveKind, start: Date) -> Leave {
    Leave {
        employee_id: id.to_string(),
        kind,
        start_date: start,
        end_date: None,
        child_birth_date: None,
    }
}

fn childcare_data() -> (Vec<Employee>, Vec<FamilyEvent>, Vec<Leave>) {
    let roster = vec![
        person("F1", Gender::Female, EmploymentType::Regular),
        person("F2", Gender::Female, EmploymentType::FixedTerm),
        person("F3", Gender::Female, EmploymentType::FixedTerm),
        person("M1", Gender::Male, EmploymentType::Regular),
        person("M2", Gender::Male, EmploymentType::FixedTerm),
    ];
    let events = vec![
        birth("F1", date(2026, 5, 1)),
        birth("F2", date(2026, 6, 1)),
        birth("F3", date(2026, 8, 1)),
        birth("M1", date(2026, 9, 1)),
        birth("M2", date(2026, 11, 1)),
        // FY 2025: F1 had an earlier child.
        birth("F1", date(2025, 5, 1)),
    ];
    let leaves = vec![
        leave("F1", LeaveKind::ChildcareLeave, date(2026, 7, 1)),
        leave("F3", LeaveKind::ChildcareLeave, date(2026, 10, 1)),
        leave("M1", LeaveKind::PostnatalPaternityLeave, date(2026, 9, 5)),
        leave("M2", LeaveKind::ChildcarePurposeLeave, date(2026, 11, 10)),
        leave("F1", LeaveKind::ChildcareLeave, date(2025, 6, 1)),
    ];
    (roster, events, leaves)
}

#[test]
fn childcare_counts_split_out_fixed_term_women() {
    let (roster, events, leaves) = childcare_data();
    let cc = childcare_counts(
        &roster,
        &events,
        &leaves,
        date(2026, 4, 1),
        date(2027, 3, 31),
    );
    // Men: 2 births; 育休等 M1 (1); + 育児目的休暇 M2 (2).
    // Women: 3 births, takers F1, F3 (2); fixed-term F2, F3: 2 births, 1.
    let expected = YearChildcare {
        male: MaleCounts {
            births: 2,
            method1_takers: 1,
            method2_takers: 2,
        },
        female: BirthCounts {
            births: 3,
            takers: 2,
        },
        fixed_term_female: BirthCounts {
            births: 2,
            takers: 1,
        },
    };
    assert_eq!(cc, expected);
    // FY 2025: F1 only (a regular woman): 1 of 1; no fixed-term births.
    let earlier = childcare_counts(
        &roster,
        &events,
        &leaves,
        date(2025, 4, 1),
        date(2026, 3, 31),
    );
    assert_eq!(
        earlier.female,
        BirthCounts {
            births: 1,
            takers: 1
        }
    );
    assert_eq!(earlier.fixed_term_female, BirthCounts::default());

    // The report's figures hold the same counts.
    let mut b = ReportBuilder::new(Settings::default(), 2026, Some(roster)).unwrap();
    b.mark_attendance_present();
    let f = b
        .finish(Some(&events), Some(&leaves))
        .certification
        .unwrap();
    assert_eq!(f.male_childcare, Some(expected.male));
    assert_eq!(f.female_childcare, Some(expected.female));
    assert_eq!(
        f.fixed_term_female_childcare,
        Some(expected.fixed_term_female)
    );
}

// --- assemble -------------------------------------------------------------------

fn args(base: &CertificationFigures) -> AssembleArgs<'_> {
    AssembleArgs {
        base,
        earlier_childcare: &[],
        extras: &[],
        facts: Facts::default(),
        industry: None,
        plan_first_fiscal_year: None,
        fiscal_year_start_month: 4,
    }
}

fn by_gender(women: u64, men: u64) -> ByGender {
    ByGender {
        women,
        men,
        other: 0,
    }
}

fn category(name: &str, applicants: (u64, u64), hires: (u64, u64)) -> CategoryRecruitment {
    CategoryRecruitment {
        category: name.to_string(),
        applicants: by_gender(applicants.0, applicants.1),
        hires: by_gender(hires.0, hires.1),
        new_graduate_hires: by_gender(1, 1),
        new_graduate_leavers: by_gender(0, 1),
        ..CategoryRecruitment::default()
    }
}

fn career(event: CareerEvent, women: u64, men: u64) -> CareerRow {
    CareerRow {
        event,
        count: by_gender(women, men),
        candidates: None,
    }
}

fn base_2026() -> CertificationFigures {
    let (roster, events, leaves) = childcare_data();
    let mut b = ReportBuilder::new(Settings::default(), 2026, Some(roster)).unwrap();
    b.mark_attendance_present();
    b.finish(Some(&events), Some(&leaves))
        .certification
        .unwrap()
}

#[test]
fn assemble_leaves_missing_years_unknown() {
    let base = base_2026();
    let earlier = [(
        2025,
        YearChildcare {
            male: MaleCounts {
                births: 1,
                method1_takers: 1,
                method2_takers: 1,
            },
            ..YearChildcare::default()
        },
    )];
    let extras = [YearExtras {
        fiscal_year: 2026,
        recruitment: vec![
            category("総合職", (30, 20), (3, 4)),
            category("一般職", (12, 2), (2, 1)),
        ],
        wages: Vec::new(),
        career: vec![career(CareerEvent::PromotionManager, 1, 2)], // no candidates
    }];
    let industry = IndustryAverages {
        fiscal_year: 2026,
        industry: "E".to_string(),
        regular_women_tenths: Some(254),
        women_managers_tenths: None,
    };
    let mut a = args(&base);
    a.earlier_childcare = &earlier;
    a.extras = &extras;
    a.industry = Some(&industry);
    a.plan_first_fiscal_year = Some(2024);
    let input = assemble(&a);

    assert_eq!(input.fiscal_year, 2026);
    assert_eq!(input.plan_first_fiscal_year, Some(2024));
    assert_eq!(input.employees, base.employees);
    // Base year: childcare from the base figures; extras summed over the
    // two categories: women 30 + 12 applicants, 3 + 2 hires; men 20 + 2, 4
    // + 1; new graduates 2 + 2 hires, 1 + 1 leavers.
    let y = input.year(2026).unwrap();
    assert_eq!(y.male_childcare, base.male_childcare);
    assert_eq!(
        y.recruitment,
        Some(Recruitment {
            women_applicants: 42,
            women_hires: 5,
            men_applicants: 22,
            men_hires: 5,
        })
    );
    assert_eq!(
        y.new_graduates,
        Some(NewGraduates {
            hires: 4,
            leavers: 2
        })
    );
    // Promotions without candidates: unknown.
    assert_eq!(y.promotions, None);
    // 2025: childcare only; no extras → recruitment unknown, never zero.
    let y25 = input.year(2025).unwrap();
    assert_eq!(y25.male_childcare.unwrap().births, 1);
    assert_eq!(y25.female_childcare, Some(BirthCounts::default()));
    assert_eq!(y25.recruitment, None);
    assert_eq!(y25.new_graduates, None);
    // 2024: nothing at all.
    assert!(input.year(2024).is_none());
    assert_eq!(input.career_course_kinds, None);
    assert_eq!(
        input.industry_regular_women_percent,
        Some(OneDecimal { tenths: 254 })
    );
    assert_eq!(input.industry_women_managers_percent, None);

    // The くるみん men's rate over the plan 2024..=2026 is unknown (2024
    // missing), so the mark cannot be judged — not refused.
    let rs = assess(&input, date(2027, 4, 1));
    let k = rs.iter().find(|r| r.mark == Mark::Kurumin).unwrap();
    let c = k
        .criteria
        .iter()
        .find(|c| c.id == "male_childcare_leave")
        .unwrap();
    assert_eq!(c.met, None);
    assert_eq!(
        c.gap,
        Some(Gap::Unknown {
            what: "male_childcare"
        })
    );
}

#[test]
fn assemble_counts_career_kinds_over_three_years_of_extras() {
    let base = base_2026();
    let mut promotion = career(CareerEvent::PromotionManager, 1, 2);
    promotion.candidates = Some(by_gender(5, 8));
    let mut rehired = category("", (1, 1), (1, 1));
    rehired.rehires = by_gender(1, 0);
    let extras = vec![
        YearExtras {
            fiscal_year: 2024,
            recruitment: vec![category("", (1, 1), (1, 1))],
            wages: Vec::new(),
            career: vec![career(CareerEvent::ToRegular, 1, 0)],
        },
        YearExtras {
            fiscal_year: 2025,
            recruitment: vec![category("", (1, 1), (1, 1))],
            wages: Vec::new(),
            career: vec![
                // Men only: not a kind (the criterion is about women).
                career(CareerEvent::CategoryChange, 0, 3),
                career(CareerEvent::Hire30PlusRegular, 2, 0),
                // 係長級 promotions are not a career-course kind.
                career(CareerEvent::PromotionChief, 4, 0),
            ],
        },
        YearExtras {
            fiscal_year: 2026,
            recruitment: vec![rehired],
            wages: Vec::new(),
            career: vec![promotion],
        },
    ];
    let mut a = args(&base);
    a.extras = &extras;
    let input = assemble(&a);
    // ToRegular (2024), Hire30PlusRegular (2025), rehire (2026): 3 kinds.
    assert_eq!(input.career_course_kinds, Some(3));
    assert_eq!(
        input.year(2026).unwrap().promotions,
        Some(Promotions {
            women_candidates: 5,
            women_promoted: 1,
            men_candidates: 8,
            men_promoted: 2,
        })
    );
    // Years come out in order.
    let years: Vec<i16> = input.years.iter().map(|y| y.fiscal_year).collect();
    assert_eq!(years, vec![2024, 2025, 2026]);

    // 2025 without its career file: the kinds are unknown.
    let mut partial = extras.clone();
    partial[1].career.clear();
    a.extras = &partial;
    assert_eq!(assemble(&a).career_course_kinds, None);
    // A later entry for a year replaces only its non-empty parts.
    let mut merged = partial.clone();
    merged.push(YearExtras {
        fiscal_year: 2025,
        career: extras[1].career.clone(),
        ..YearExtras::default()
    });
    a.extras = &merged;
    let input = assemble(&a);
    assert_eq!(input.career_course_kinds, Some(3));
    assert!(input.year(2025).unwrap().recruitment.is_some());
}

// --- end to end -----------------------------------------------------------------

#[test]
fn roster_and_attendance_through_the_report_to_a_kurumin_verdict() {
    // Two full-time workers (A regular, B fixed-term) and a part-timer C.
    // Each full-time worker works one 10 h day a month (60 min over 8 h);
    // C works 50 h over in July, which must not count in the full-time
    // months (with C, July would average (60 + 60 + 3,000) ÷ 60 ÷ 3 = 17.3 h)
    // but is under the 60 h rule, which covers every worker.
    let roster = vec![
        person("A", Gender::Male, EmploymentType::Regular),
        person("B", Gender::Female, EmploymentType::FixedTerm),
        person("C", Gender::Female, EmploymentType::PartTime),
        person("M", Gender::Male, EmploymentType::Regular),
        person("N", Gender::Male, EmploymentType::Regular),
    ];
    let run = |october_extra: u32| {
        let mut b = ReportBuilder::new(Settings::default(), 2026, Some(roster.clone())).unwrap();
        for id in ["A", "B"] {
            for i in 0..12 {
                let m = ym(2026, 4).plus(i);
                let d = Date::new(m.year() as i16, m.month(), 6).unwrap();
                b.push_attendance(&until(id, d, 19)).unwrap();
                if id == "A" && m == ym(2026, 10) {
                    b.push_attendance(&precomputed(id, date(2026, 10, 20), october_extra, 0))
                        .unwrap();
                }
            }
        }
        b.push_attendance(&precomputed("C", date(2026, 7, 1), 3000, 0))
            .unwrap();
        // Men: M and N became fathers; M took 育休.
        let events = [birth("M", date(2026, 6, 1)), birth("N", date(2026, 8, 1))];
        let leaves = [leave("M", LeaveKind::ChildcareLeave, date(2026, 6, 10))];
        let report = b.finish(Some(&events), Some(&leaves));
        let figures = report.certification.unwrap();
        let input = assemble(&args(&figures));
        assess(&input, date(2026, 4, 1)) // both criteria versions apply
    };
    let criterion = |rs: &[MarkResult], v: CriteriaVersion, id: &str| {
        rs.iter()
            .find(|r| r.mark == Mark::Kurumin && r.criteria_version == Some(v))
            .unwrap()
            .criteria
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .clone()
    };

    // Every month: (60 + 60) ÷ 60 ÷ 2 = 1.0 h < 45 h (2022) and < 30 h (2025).
    let rs = run(0);
    let hours = criterion(&rs, CriteriaVersion::Y2022, "full_time_monthly_hours");
    assert_eq!(hours.met, Some(true));
    assert_eq!(hours.value, Some(Value::Decimal(OneDecimal { tenths: 10 })));
    assert_eq!(
        criterion(&rs, CriteriaVersion::Y2025, "full_time_monthly_hours").met,
        Some(true)
    );
    // Men: 1 of 2 = 50 % ≥ 10 % (2022 くるみん) and ≥ 30 % (2025).
    assert_eq!(
        criterion(&rs, CriteriaVersion::Y2022, "male_childcare_leave").met,
        Some(true)
    );
    assert_eq!(
        criterion(&rs, CriteriaVersion::Y2025, "male_childcare_leave").met,
        Some(true)
    );
    // Facts unanswered: the mark itself stays 判定できません.
    let k = rs
        .iter()
        .find(|r| r.mark == Mark::Kurumin && r.criteria_version == Some(CriteriaVersion::Y2022))
        .unwrap();
    let failing: Vec<&str> = k
        .criteria
        .iter()
        .filter(|c| c.met == Some(false))
        .map(|c| c.id)
        .collect();
    assert_eq!(failing, Vec::<&str>::new());
    assert_eq!(k.eligible, None);

    // A works 5,340 more minutes in October: (60 + 5,340 + 60) ÷ 60 ÷ 2 =
    // 45.5 h ≥ 45 h: the month fails under both versions (2025: ≥ 30 h for
    // all, and the age band — everyone is 36 — also ≥ 45 h).
    let rs = run(5340);
    let hours = criterion(&rs, CriteriaVersion::Y2022, "full_time_monthly_hours");
    assert_eq!(hours.met, Some(false));
    assert_eq!(
        hours.gap,
        Some(Gap::MonthsOver {
            group: "full_time".to_string(),
            months: vec!["2026-10".to_string()],
            limit_hours: 45,
        })
    );
    assert_eq!(
        hours.value,
        Some(Value::Decimal(OneDecimal { tenths: 455 }))
    );
    assert_eq!(
        criterion(&rs, CriteriaVersion::Y2025, "full_time_monthly_hours").met,
        Some(false)
    );
    let k = rs
        .iter()
        .find(|r| r.mark == Mark::Kurumin && r.criteria_version == Some(CriteriaVersion::Y2022))
        .unwrap();
    assert_eq!(k.eligible, Some(false));
}

// --- facts ----------------------------------------------------------------------

#[test]
fn facts_by_id_cover_every_field() {
    let mut f = Facts::default();
    for id in Facts::IDS {
        assert_eq!(f.get(id), Some(None), "{id}");
        f.set(id, Some(true)).unwrap();
        assert_eq!(f.get(id), Some(Some(true)));
    }
    // Every field was reached: serialized, nothing is null any more, and the
    // JSON keys are exactly the ids.
    let v = serde_json::to_value(f).unwrap();
    let obj = v.as_object().unwrap();
    assert_eq!(obj.len(), Facts::IDS.len());
    for id in Facts::IDS {
        assert_eq!(obj[id], serde_json::json!(true), "{id}");
    }
    f.set("holds_kurumin", None).unwrap();
    assert_eq!(f.holds_kurumin, None);
    f.set("no_serious_violations", Some(false)).unwrap();
    assert_eq!(f.no_serious_violations, Some(false));

    assert_eq!(f.get("nope"), None);
    let err = f.set("nope", Some(true)).unwrap_err();
    assert_eq!(err, UnknownFact("nope".to_string()));
    assert!(err.to_string().contains("next_gen_plan_filed"));
}

#[test]
fn every_fact_has_a_question_in_both_languages() {
    for id in Facts::IDS {
        let ja = fact_label_ja(id).unwrap();
        let en = fact_label_en(id).unwrap();
        assert!(ja.question.ends_with('か'), "{id}: {}", ja.question);
        assert!(en.question.ends_with('?'), "{id}: {}", en.question);
        assert!(!ja.note.is_empty() && !en.note.is_empty(), "{id}");
    }
    assert_eq!(
        fact_label_ja("next_gen_plan_filed").unwrap().question,
        "次世代法に基づく一般事業主行動計画を策定し、都道府県労働局に届け出ましたか"
    );
    assert_eq!(fact_label_ja("nope"), None);
    assert_eq!(fact_label_en("nope"), None);
}

// --- serde round trips ----------------------------------------------------------

fn round_trip<T>(value: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "{json}");
}

#[test]
fn inputs_and_figures_round_trip_through_json() {
    let (roster, events, leaves) = childcare_data();
    let mut b = ReportBuilder::new(Settings::default(), 2026, Some(roster)).unwrap();
    for id in ["F1", "M1"] {
        b.push_attendance(&until(id, date(2026, 4, 1), 20)).unwrap();
        b.push_attendance(&paid_leave(id, date(2026, 4, 2), 1))
            .unwrap();
    }
    let figures = b
        .finish(Some(&events), Some(&leaves))
        .certification
        .unwrap();
    assert!(figures.full_time_months.is_some() && figures.male_childcare.is_some());
    round_trip(&figures);

    let extras = [YearExtras {
        fiscal_year: 2026,
        recruitment: vec![category("", (3, 4), (1, 1))],
        wages: Vec::new(),
        career: vec![career(CareerEvent::ToRegular, 1, 0)],
    }];
    let industry = IndustryAverages {
        fiscal_year: 2026,
        industry: "E".to_string(),
        regular_women_tenths: Some(301),
        women_managers_tenths: Some(95),
    };
    let mut facts = Facts::default();
    facts.set("men_rate_published", Some(false)).unwrap();
    facts.set("holds_kurumin", Some(true)).unwrap();
    let mut a = args(&figures);
    a.extras = &extras;
    a.industry = Some(&industry);
    a.facts = facts;
    a.plan_first_fiscal_year = Some(2025);
    let mut input = assemble(&a);
    input.regular_overtime = Some(YearMinutes {
        total_minutes: 12_345,
        worker_months: 7,
    });
    input.paid_leave = Some(PaidLeaveFigures {
        taken: HalfDays(7),
        granted_days: 20,
        workers: 2,
    });
    input.year_mut(2026).promotions = Some(Promotions {
        women_candidates: 3,
        women_promoted: 1,
        men_candidates: 4,
        men_promoted: 1,
    });
    input.career_course_kinds = Some(2);
    round_trip(&input);
    round_trip(&facts);
    round_trip(&YearChildcare::default());
    // Absent facts deserialize as unanswered.
    let empty: Facts = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, Facts::default());
}
