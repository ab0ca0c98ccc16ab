//! 36協定 limits (LABOR_RULES §1 "Limits"; issue: violations).

use super::*;
use crate::{EmployeeOvertime, MonthTotals, Rule, YearMonth, check_employee};

/// Month `n` after 2026-04 (n = 0 is April 2026, n = -1 March 2026).
fn fy_month(n: i32) -> YearMonth {
    YearMonth::new(2026, 4).unwrap().plus(n)
}

/// Monthly totals: (month offset from 2026-04, overtime, holiday) minutes.
fn months(list: &[(i32, u64, u64)]) -> Vec<MonthTotals> {
    list.iter()
        .map(|&(n, ot, hol)| MonthTotals {
            month: fy_month(n),
            legal_overtime_minutes: ot,
            legal_holiday_minutes: hol,
        })
        .collect()
}

fn check(settings: &Settings, list: &[(i32, u64, u64)]) -> EmployeeOvertime {
    check_employee("E1", &months(list), fy_month(0), settings).unwrap()
}

/// The breaches of one rule as ("YYYY-MM", window).
fn breaches(r: &EmployeeOvertime, rule: Rule) -> Vec<(String, Option<u8>)> {
    r.violations
        .iter()
        .filter(|v| v.rule == rule)
        .map(|v| (v.month.to_string(), v.window_months))
        .collect()
}

#[test]
fn exactly_100_hours_with_holiday_work_is_a_breach() {
    // Apr: 5,400 overtime + 600 holiday = 6,000 = 100 h exactly -> breach.
    // Jul: 5,999 + 0 = 99 h 59 min -> no breach. (Months apart so the 80 h
    // windows do not mix them: May, Jun, Aug have no rows.)
    // Without the holiday minutes April would be 90 h, no breach.
    let r = check(&Settings::default(), &[(0, 5400, 600), (3, 5999, 0)]);
    assert_eq!(
        breaches(&r, Rule::Monthly100h),
        vec![("2026-04".into(), None)]
    );
    // Annual legal overtime excludes holiday work: 5,400 + 5,999 = 11,399.
    assert_eq!(r.annual_legal_overtime_minutes, 11_399);
}

#[test]
fn an_average_of_exactly_80_hours_is_allowed() {
    // Apr 5,000 + May 4,600 = 9,600 = 2 x 4,800: average exactly 80 h -> ok.
    // Jun 4,801: May-Jun 9,401 <= 9,600 ok; Apr-Jun 14,401 > 14,400 = 3 x 4,800
    // -> breach for the 3-month window ending in June. No 4-6 month windows
    // (no data before April).
    let r = check(
        &Settings::default(),
        &[(0, 5000, 0), (1, 4600, 0), (2, 4801, 0)],
    );
    assert_eq!(
        breaches(&r, Rule::Average80h),
        vec![("2026-06".into(), Some(3))]
    );
}

#[test]
fn average_80h_counts_holiday_work() {
    // Apr 4,000 + 900 holiday = 4,900; May 4,000 + 900 = 4,900: sum 9,800 >
    // 9,600 -> breach (2-month window ending May). Overtime alone, 8,000,
    // would not breach.
    let r = check(&Settings::default(), &[(0, 4000, 900), (1, 4000, 900)]);
    assert_eq!(
        breaches(&r, Rule::Average80h),
        vec![("2026-05".into(), Some(2))]
    );
}

#[test]
fn an_80h_window_may_reach_back_before_the_fiscal_year() {
    // Mar 2026 (FY 2025) 5,500; Apr 2026 4,200: 9,700 > 9,600 -> breach in
    // April, window 2. March itself is not reported (not in the year) and is
    // not in the months list.
    let r = check(&Settings::default(), &[(-1, 5500, 0), (0, 4200, 0)]);
    assert_eq!(
        breaches(&r, Rule::Average80h),
        vec![("2026-04".into(), Some(2))]
    );
    assert_eq!(r.months.len(), 1);
    assert_eq!(r.annual_legal_overtime_minutes, 4200);
}

#[test]
fn a_window_with_a_month_without_rows_does_not_count() {
    // Apr 5,000, May no rows, Jun 5,000. Apr+Jun = 10,000 would exceed
    // 9,600 if the two were taken as "the last two months", but no window
    // ending in June is complete (May missing), and Apr has no earlier data.
    let r = check(&Settings::default(), &[(0, 5000, 0), (2, 5000, 0)]);
    assert!(breaches(&r, Rule::Average80h).is_empty());
    // With May present (even at 0) the windows exist but stay below:
    // May-Jun 5,000 <= 9,600; Apr-Jun 10,000 <= 14,400.
    let r = check(
        &Settings::default(),
        &[(0, 5000, 0), (1, 0, 0), (2, 5000, 0)],
    );
    assert!(breaches(&r, Rule::Average80h).is_empty());
}

#[test]
fn six_month_window_is_the_longest() {
    // Oct 2025 .. Mar 2026 (offsets -6 .. -1) 4,800 each (exactly 80 h, no
    // breach), Apr 2026 4,900. Windows ending April: 2: 9,700 > 9,600;
    // 3: 14,500 > 14,400; 4: 19,300 > 19,200; 5: 24,100 > 24,000;
    // 6: 28,900 > 28,800 -> five breaches. A 7-month window is not checked.
    let mut list: Vec<_> = (-6..=-1).map(|n| (n, 4800, 0)).collect();
    list.push((0, 4900, 0));
    let r = check(&Settings::default(), &list);
    let windows: Vec<_> = breaches(&r, Rule::Average80h)
        .into_iter()
        .map(|(_, w)| w.unwrap())
        .collect();
    assert_eq!(windows, vec![2, 3, 4, 5, 6]);
}

#[test]
fn exactly_45_hours_is_not_over_the_limit() {
    // Apr 2,700 = 45 h exactly: not over. May 2,701: over. Count 1.
    let r = check(&Settings::default(), &[(0, 2700, 0), (1, 2701, 0)]);
    assert_eq!(r.months_over_limit, 1);
    // With 特別条項 one month over is allowed: no violation.
    assert!(r.violations.is_empty());
}

#[test]
fn with_special_clause_the_seventh_month_over_45h_is_a_breach() {
    // Apr .. Nov (8 months) 2,760 each (46 h): over 45 h in all 8; the 7th
    // (Oct) and 8th (Nov) are breaches. Annual 8 x 2,760 = 22,080 <= 43,200.
    // Average 46 h <= 80 h, each month < 100 h.
    let list: Vec<_> = (0..8).map(|n| (n, 2760, 0)).collect();
    let r = check(&Settings::default(), &list);
    assert_eq!(r.months_over_limit, 8);
    assert_eq!(
        breaches(&r, Rule::MonthsOverLimit),
        vec![("2026-10".into(), None), ("2026-11".into(), None)]
    );
    assert_eq!(r.violations.len(), 2);
}

#[test]
fn with_special_clause_the_year_may_not_exceed_720h() {
    // 12 months x 4,000: cumulative 4,000 k > 43,200 first at k = 11
    // (44,000; k = 10 gives 40,000) -> the 11th month, 2027-02.
    let list: Vec<_> = (0..12).map(|n| (n, 4000, 0)).collect();
    let r = check(&Settings::default(), &list);
    assert_eq!(
        breaches(&r, Rule::Annual720h),
        vec![("2027-02".into(), None)]
    );
    assert_eq!(r.annual_legal_overtime_minutes, 48_000);
    // Every month is over 45 h: the 7th .. 12th are months_over_limit.
    assert_eq!(breaches(&r, Rule::MonthsOverLimit).len(), 6);

    // Exactly 720 h (12 x 3,600 = 43,200) is not "exceeding".
    let list: Vec<_> = (0..12).map(|n| (n, 3600, 0)).collect();
    let r = check(&Settings::default(), &list);
    assert!(breaches(&r, Rule::Annual720h).is_empty());
}

#[test]
fn annual_720h_ignores_holiday_work() {
    // 11 months x 3,900 = 42,900 overtime (<= 43,200) plus 600 holiday each:
    // with holiday work it would be 49,500, but 720 h counts overtime only.
    let list: Vec<_> = (0..11).map(|n| (n, 3900, 600)).collect();
    let r = check(&Settings::default(), &list);
    assert!(breaches(&r, Rule::Annual720h).is_empty());
}

#[test]
fn without_special_clause_45h_and_360h_are_hard_limits() {
    // Apr 2,701, May .. Mar 2,000 each. Cumulative after k months:
    // 2,701 + 2,000 (k - 1). > 21,600 first at k = 11: 2,701 + 20,000 =
    // 22,701 (k = 10: 20,701) -> 2027-02. Monthly: only April is over 45 h.
    let settings = Settings {
        special_clause: false,
        ..Settings::default()
    };
    let mut list = vec![(0, 2701, 0)];
    list.extend((1..12).map(|n| (n, 2000, 0)));
    let r = check(&settings, &list);
    assert_eq!(
        breaches(&r, Rule::MonthlyLimit),
        vec![("2026-04".into(), None)]
    );
    assert_eq!(
        breaches(&r, Rule::AnnualLimit),
        vec![("2027-02".into(), None)]
    );
    assert!(breaches(&r, Rule::Annual720h).is_empty());
    assert!(breaches(&r, Rule::MonthsOverLimit).is_empty());
    assert_eq!(r.months_over_limit, 1);
}

#[test]
fn variable_hours_use_42h_and_320h() {
    // Without 特別条項, 1年単位の変形 (> 3 months): 42 h = 2,520, 320 h =
    // 19,200. Apr 2,600 (> 2,520 but < 2,700), May .. Mar 2,000.
    // Cumulative 2,600 + 2,000 (k - 1) > 19,200 first at k = 10: 20,600
    // (k = 9: 18,600) -> 2027-01.
    let settings = Settings {
        special_clause: false,
        variable_hours: true,
        ..Settings::default()
    };
    let mut list = vec![(0, 2600, 0)];
    list.extend((1..12).map(|n| (n, 2000, 0)));
    let r = check(&settings, &list);
    assert_eq!(
        breaches(&r, Rule::MonthlyLimit),
        vec![("2026-04".into(), None)]
    );
    assert_eq!(
        breaches(&r, Rule::AnnualLimit),
        vec![("2027-01".into(), None)]
    );
    assert_eq!(r.months_over_limit, 1);
    // Under the plain 45 h / 360 h the same data has no monthly breach and
    // crosses 360 h only at k = 11 (2,600 + 20,000 = 22,600) -> 2027-02.
    let plain = Settings {
        special_clause: false,
        ..Settings::default()
    };
    let r = check(&plain, &list);
    assert!(breaches(&r, Rule::MonthlyLimit).is_empty());
    assert_eq!(
        breaches(&r, Rule::AnnualLimit),
        vec![("2027-02".into(), None)]
    );
}

#[test]
fn an_employee_without_rows_in_the_year_has_no_result() {
    let only_before = months(&[(-2, 100, 0), (-1, 100, 0)]);
    assert!(check_employee("E1", &only_before, fy_month(0), &Settings::default()).is_none());
}

#[test]
fn violations_serialize_as_in_the_issue() {
    // Apr 6,000 (100 h) and May 3,700: sum 9,700 > 9,600.
    let r = check(&Settings::default(), &[(0, 6000, 0), (1, 3700, 0)]);
    let json = serde_json::to_value(&r.violations).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"rule": "monthly_100h", "month": "2026-04"},
            {"rule": "average_80h", "month": "2026-05", "window_months": 2}
        ])
    );
}
