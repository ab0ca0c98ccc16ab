//! The figures of a consultant engagement's report (伴走支援): the same catalog
//! definition over two windows of the same length — the N months before the
//! engagement starts and the last N months of the engagement — and the change
//! between them; goals' progress; the productivity figures from the yearly
//! finances the organization typed in. Pure: no I/O.

use jiff::civil::Date;

use crate::YearMonth;

/// At most this many months in each window of the before/after comparison.
pub const WINDOW_MONTHS: i32 = 3;

/// One employee-month of imported attendance (what `kpi_employee_months` keeps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeMonth {
    pub employee: String,
    pub month: YearMonth,
    pub legal_overtime_minutes: i64,
    pub legal_holiday_minutes: i64,
}

/// The two windows compared: `before` ends the month before the start, `after`
/// ends with the engagement's last month (or `until`, the current month for an
/// interim report, when that comes earlier). Both have the same length: the
/// engagement's months, at most [`WINDOW_MONTHS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Windows {
    pub before: Vec<YearMonth>,
    pub after: Vec<YearMonth>,
}

pub fn windows(start: Date, end: Date, until: Date) -> Windows {
    let first = YearMonth::of_calendar(start);
    let last = YearMonth::of_calendar(end.min(until));
    let months = (last.index_of() - first.index_of() + 1).clamp(0, WINDOW_MONTHS);
    let after = (0..months).map(|i| last.plus(i - months + 1)).collect();
    let before = (0..months).map(|i| first.plus(i - months)).collect();
    Windows { before, after }
}

/// 月別の平均時間外・休日労働時間 over a window: the legal overtime plus
/// legal-holiday work of every employee-month in it ÷ the employee-months with
/// rows, in hours. Months without rows count for nothing (never as 0 h).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OvertimeWindow {
    /// Months of the window that have any row.
    pub months_with_data: usize,
    pub employee_months: usize,
    pub minutes: i64,
    /// None without any employee-month.
    pub hours_per_employee_month: Option<f64>,
}

pub fn overtime_over(facts: &[EmployeeMonth], months: &[YearMonth]) -> OvertimeWindow {
    let inside: Vec<&EmployeeMonth> = facts.iter().filter(|f| months.contains(&f.month)).collect();
    let minutes: i64 = inside
        .iter()
        .map(|f| f.legal_overtime_minutes + f.legal_holiday_minutes)
        .sum();
    let mut with_data: Vec<YearMonth> = inside.iter().map(|f| f.month).collect();
    with_data.sort();
    with_data.dedup();
    OvertimeWindow {
        months_with_data: with_data.len(),
        employee_months: inside.len(),
        minutes,
        hours_per_employee_month: (!inside.is_empty())
            .then(|| minutes as f64 / 60.0 / inside.len() as f64),
    }
}

/// Whether a window has every one of its months covered.
pub fn is_complete(w: &OvertimeWindow, months: &[YearMonth]) -> bool {
    !months.is_empty() && w.months_with_data == months.len()
}

/// (after − before) ÷ before × 100; None when there is no before to divide by.
pub fn change_percent(before: f64, after: f64) -> Option<f64> {
    (before != 0.0).then(|| (after - before) / before * 100.0)
}

/// How far a goal has come from its baseline toward its target, in percent
/// (0 at the baseline, 100 at the target; may go past either end). None when
/// baseline and target are the same.
pub fn goal_progress(baseline: f64, target: f64, current: f64) -> Option<f64> {
    (target != baseline).then(|| (current - baseline) / (target - baseline) * 100.0)
}

/// A fiscal year's finances typed in by the organization, in yen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearFinances {
    pub fiscal_year: i64,
    pub sales: i64,
    pub operating_profit: i64,
    pub labor_cost: i64,
}

impl YearFinances {
    /// 付加価値 (控除法を簡略化した加算法): 営業利益 + 人件費.
    pub fn value_added(&self) -> i64 {
        self.operating_profit + self.labor_cost
    }
}

/// Yen per hour worked; None without hours.
pub fn per_hour(yen: i64, hours: f64) -> Option<f64> {
    (hours > 0.0).then(|| yen as f64 / hours)
}

/// The two fiscal years a yearly figure (an import's `FiscalYearReport`, the
/// employer's recruitment totals) is compared over: `baseline`, the fiscal
/// year before the one the engagement starts in, and `during`, the last
/// fiscal year the engagement ran in that has ended (else the first one it
/// ran in, still in progress).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearPair {
    pub baseline: i64,
    pub during: i64,
}

/// `start_fy` / `end_fy`: the fiscal years of the engagement's first and last
/// day; `last_ended`: the latest fiscal year that has ended today.
pub fn year_pair(start_fy: i64, end_fy: i64, last_ended: i64) -> YearPair {
    let during = if end_fy <= last_ended {
        end_fy
    } else if start_fy <= last_ended {
        last_ended
    } else {
        start_fy
    };
    YearPair {
        baseline: start_fy - 1,
        during,
    }
}

/// A yearly figure before and during the engagement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YearComparison {
    /// A year of the pair has not ended: a year in progress is never a result.
    YearInProgress,
    /// One of the years has no value (no import, no denominator).
    TooLittleData,
    /// Both values; `difference` = after − before (points for a percentage),
    /// `ratio` = after ÷ before (None when before is 0).
    Compared {
        before: f64,
        after: f64,
        difference: f64,
        ratio: Option<f64>,
    },
}

/// Compares the values of the pair's years (as the catalog rounds them).
pub fn compare_years(
    pair: YearPair,
    last_ended: i64,
    before: Option<f64>,
    after: Option<f64>,
) -> YearComparison {
    if pair.during > last_ended || pair.baseline > last_ended {
        return YearComparison::YearInProgress;
    }
    match (before, after) {
        (Some(b), Some(a)) => YearComparison::Compared {
            before: b,
            after: a,
            difference: a - b,
            ratio: (b != 0.0).then(|| a / b),
        },
        _ => YearComparison::TooLittleData,
    }
}

/// Applicants and hires of a year by gender, over every 雇用管理区分, for the
/// catalog's 競争倍率 (`women_db::competition_ratio`, by gender); None when no
/// recruitment was given for the year.
pub fn recruitment_totals(
    rows: &[crate::extras::CategoryRecruitment],
) -> Option<(crate::extras::ByGender, crate::extras::ByGender)> {
    (!rows.is_empty()).then(|| {
        let mut applicants = crate::extras::ByGender::default();
        let mut hires = crate::extras::ByGender::default();
        for r in rows {
            applicants.add(r.applicants);
            hires.add(r.hires);
        }
        (applicants, hires)
    })
}

/// 採用力 of one fiscal year: every applicant and hire against the openings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpeningsTotals {
    pub applicants: u64,
    pub hires: u64,
    pub openings: u64,
}

impl OpeningsTotals {
    /// 募集人数あたりの応募者数 (catalog `applicants_per_opening`).
    pub fn applicants_per_opening(&self) -> Option<crate::OneDecimal> {
        crate::rounding::half_up_one_decimal(self.applicants, self.openings)
    }

    /// 募集の充足率 (catalog `opening_fill_rate`).
    pub fn fill_rate_percent(&self) -> Option<crate::OneDecimal> {
        crate::rounding::percent_half_up_one_decimal(self.hires, self.openings)
    }
}

/// The year's applicants and hires (all genders) and openings, when every
/// category gives its openings: a category without them would put its
/// applicants over someone else's openings.
pub fn openings_totals(rows: &[crate::extras::CategoryRecruitment]) -> Option<OpeningsTotals> {
    if rows.is_empty() || rows.iter().any(|r| r.openings.is_none()) {
        return None;
    }
    let all = |g: crate::extras::ByGender| g.women + g.men + g.other;
    Some(OpeningsTotals {
        applicants: rows.iter().map(|r| all(r.applicants)).sum(),
        hires: rows.iter().map(|r| all(r.hires)).sum(),
        openings: rows.iter().filter_map(|r| r.openings).sum(),
    })
}

/// erabareru経由の問い合わせ・応募 of one fiscal year (catalog
/// `portal_inquiries`): the inquiries and applications job seekers sent
/// through the portal, counted by the day they were sent in Japan time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PortalInquiries {
    pub inquiries: u64,
    pub applications: u64,
}

impl PortalInquiries {
    pub fn total(&self) -> u64 {
        self.inquiries + self.applications
    }
}

/// The fiscal year (April to March) of the day `at` falls on in Japan.
pub fn fiscal_year_in_japan(at: jiff::Timestamp) -> i32 {
    let day = jiff::tz::Offset::constant(9).to_datetime(at).date();
    i32::from(day.year()) - i32::from(day.month() < 4)
}

/// Count the inquiries sent in fiscal year `fy` (April to March): each is
/// `(sent at, is an application)`. A message sent at 2027-03-31T16:00Z is
/// 2027-04-01 01:00 in Japan, so it counts in the next year.
pub fn portal_inquiries(
    sent: impl IntoIterator<Item = (jiff::Timestamp, bool)>,
    fy: i32,
) -> PortalInquiries {
    let mut n = PortalInquiries::default();
    for (at, application) in sent {
        if fiscal_year_in_japan(at) == fy {
            if application {
                n.applications += 1;
            } else {
                n.inquiries += 1;
            }
        }
    }
    n
}

trait Index {
    fn index_of(self) -> i32;
}

impl Index for YearMonth {
    fn index_of(self) -> i32 {
        self.year() * 12 + i32::from(self.month()) - 1
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn portal_inquiries_count_by_the_japanese_day() {
        let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
        let sent = [
            (at("2026-03-31T14:59:59Z"), false), // 23:59:59 on 3/31 in Japan: FY2025
            (at("2026-03-31T15:00:00Z"), true),  // 00:00 on 4/1 in Japan: FY2026
            (at("2026-12-03T02:00:00Z"), false),
            (at("2027-03-31T14:59:59Z"), true), // the last second of FY2026
            (at("2027-03-31T15:00:00Z"), true), // FY2027
        ];
        let fy = |y: i32| y;
        let n = super::portal_inquiries(sent, fy(2026));
        assert_eq!((n.inquiries, n.applications, n.total()), (1, 2, 3));
        assert_eq!(super::portal_inquiries(sent, fy(2025)).total(), 1);
        assert_eq!(super::portal_inquiries(sent, fy(2027)).total(), 1);
        assert_eq!(super::portal_inquiries([], fy(2026)).total(), 0);
    }

    use super::*;
    use jiff::civil::date;

    fn ym(y: i32, m: i8) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn fact(e: &str, month: YearMonth, ot: i64, hol: i64) -> EmployeeMonth {
        EmployeeMonth {
            employee: e.into(),
            month,
            legal_overtime_minutes: ot,
            legal_holiday_minutes: hol,
        }
    }

    #[test]
    fn windows_have_the_same_length() {
        // 2026-06-01..2026-10-31, final: Mar–May before, Aug–Oct after.
        let w = windows(date(2026, 6, 1), date(2026, 10, 31), date(2026, 12, 1));
        assert_eq!(w.before, vec![ym(2026, 3), ym(2026, 4), ym(2026, 5)]);
        assert_eq!(w.after, vec![ym(2026, 8), ym(2026, 9), ym(2026, 10)]);
        // Interim in the second month: two months each.
        let w = windows(date(2026, 10, 1), date(2027, 2, 28), date(2026, 11, 15));
        assert_eq!(w.before, vec![ym(2026, 8), ym(2026, 9)]);
        assert_eq!(w.after, vec![ym(2026, 10), ym(2026, 11)]);
        // One month; and not started yet: nothing to compare.
        let w = windows(date(2026, 10, 1), date(2026, 10, 31), date(2026, 12, 1));
        assert_eq!((w.before, w.after), (vec![ym(2026, 9)], vec![ym(2026, 10)]));
        let w = windows(date(2027, 1, 1), date(2027, 5, 31), date(2026, 12, 1));
        assert!(w.before.is_empty() && w.after.is_empty());
    }

    #[test]
    fn overtime_per_employee_month_by_hand() {
        let facts = vec![
            // March: A 30 h + 2 h holiday, B 10 h.
            fact("A", ym(2026, 3), 1800, 120),
            fact("B", ym(2026, 3), 600, 0),
            // April: A 20 h. May: no rows.
            fact("A", ym(2026, 4), 1200, 0),
            // Outside the window.
            fact("A", ym(2026, 8), 6000, 0),
        ];
        let months = [ym(2026, 3), ym(2026, 4), ym(2026, 5)];
        let w = overtime_over(&facts, &months);
        // (1920 + 600 + 1200) min = 62 h over 3 employee-months.
        assert_eq!(w.employee_months, 3);
        assert_eq!(w.minutes, 3720);
        assert_eq!(w.months_with_data, 2);
        assert!((w.hours_per_employee_month.unwrap() - 62.0 / 3.0).abs() < 1e-9);
        assert!(!is_complete(&w, &months), "May has no rows");
        // No data; zero employees: no figure, not 0 h.
        let none = overtime_over(&[], &months);
        assert_eq!(none.hours_per_employee_month, None);
        assert_eq!(none.employee_months, 0);
        // One month.
        let one = overtime_over(&facts, &[ym(2026, 4)]);
        assert_eq!(one.hours_per_employee_month, Some(20.0));
        assert!(is_complete(&one, &[ym(2026, 4)]));
    }

    #[test]
    fn changes_and_progress() {
        assert!((change_percent(20.0, 14.0).unwrap() + 30.0).abs() < 1e-9);
        assert_eq!(change_percent(0.0, 5.0), None);
        assert!((goal_progress(30.0, 20.0, 25.0).unwrap() - 50.0).abs() < 1e-9);
        assert!((goal_progress(30.0, 20.0, 18.0).unwrap() - 120.0).abs() < 1e-9);
        assert_eq!(goal_progress(20.0, 20.0, 18.0), None);
        let f = YearFinances {
            fiscal_year: 2026,
            sales: 500_000_000,
            operating_profit: 30_000_000,
            labor_cost: 120_000_000,
        };
        assert_eq!(f.value_added(), 150_000_000);
        assert_eq!(per_hour(150_000_000, 60_000.0), Some(2500.0));
        assert_eq!(per_hour(1, 0.0), None);
    }
    #[test]
    fn fiscal_years_compared() {
        // Starts in FY2025 and ends in it; today in FY2026 (FY2025 ended).
        let p = year_pair(2025, 2025, 2025);
        assert_eq!(
            p,
            YearPair {
                baseline: 2024,
                during: 2025
            }
        );
        // Paid leave 40.0 % → 55.5 %: +15.5 points, ×1.39.
        match compare_years(p, 2025, Some(40.0), Some(55.5)) {
            YearComparison::Compared {
                before,
                after,
                difference,
                ratio,
            } => {
                assert_eq!((before, after), (40.0, 55.5));
                assert!((difference - 15.5).abs() < 1e-9);
                assert!((ratio.unwrap() - 1.3875).abs() < 1e-9);
            }
            other => panic!("{other:?}"),
        }
        // Zero before: a difference, no ratio.
        assert_eq!(
            compare_years(p, 2025, Some(0.0), Some(25.0)),
            YearComparison::Compared {
                before: 0.0,
                after: 25.0,
                difference: 25.0,
                ratio: None
            }
        );
        // No data on either side (no import, or no births: no rate).
        assert_eq!(
            compare_years(p, 2025, None, Some(25.0)),
            YearComparison::TooLittleData
        );
        assert_eq!(
            compare_years(p, 2025, Some(1.0), None),
            YearComparison::TooLittleData
        );
        // The year in progress: never a result, even with a value.
        let p = year_pair(2026, 2026, 2025);
        assert_eq!(
            p,
            YearPair {
                baseline: 2025,
                during: 2026
            }
        );
        assert_eq!(
            compare_years(p, 2025, Some(40.0), Some(50.0)),
            YearComparison::YearInProgress
        );
        // Across two years with the second still running: the ended one.
        assert_eq!(
            year_pair(2025, 2026, 2025),
            YearPair {
                baseline: 2024,
                during: 2025
            }
        );
        // Starting next year: the baseline itself is in progress.
        let p = year_pair(2027, 2027, 2025);
        assert_eq!(
            compare_years(p, 2025, Some(1.0), Some(1.0)),
            YearComparison::YearInProgress
        );
    }

    #[test]
    fn openings_totals_by_hand() {
        use crate::extras::{ByGender, CategoryRecruitment};
        let row =
            |cat: &str, applicants: ByGender, hires: ByGender, openings| CategoryRecruitment {
                category: cat.into(),
                applicants,
                hires,
                openings,
                ..CategoryRecruitment::default()
            };
        let g = |women, men, other| ByGender { women, men, other };
        let rows = [
            row("総合職", g(12, 18, 0), g(2, 3, 0), Some(5)),
            row("一般職", g(6, 2, 1), g(1, 1, 0), Some(2)),
        ];
        // Applicants 12 + 18 + 6 + 2 + 1 = 39, hires 7, openings 7:
        // 39 ÷ 7 = 5.571… -> 5.6 倍; 7 ÷ 7 = 100.0 %.
        let t = openings_totals(&rows).unwrap();
        assert_eq!((t.applicants, t.hires, t.openings), (39, 7, 7));
        assert_eq!(t.applicants_per_opening().unwrap().to_string(), "5.6");
        assert_eq!(t.fill_rate_percent().unwrap().to_string(), "100.0");
        // 2 hires for 3 openings: 66.666… -> 66.7 %.
        let t = openings_totals(&[row("", g(4, 0, 0), g(1, 1, 0), Some(3))]).unwrap();
        assert_eq!(t.fill_rate_percent().unwrap().to_string(), "66.7");
        assert_eq!(t.applicants_per_opening().unwrap().to_string(), "1.3");
        // A category without openings: no totals; openings 0: no ratios.
        let mut partial = rows.clone();
        partial[1].openings = None;
        assert_eq!(openings_totals(&partial), None);
        assert_eq!(openings_totals(&[]), None);
        let t = openings_totals(&[row("", g(4, 0, 0), g(0, 0, 0), Some(0))]).unwrap();
        assert_eq!(
            (t.applicants_per_opening(), t.fill_rate_percent()),
            (None, None)
        );
    }

    #[test]
    fn recruitment_totals_by_hand() {
        use crate::extras::{ByGender, CategoryRecruitment};
        let g = |women, men| ByGender {
            women,
            men,
            other: 0,
        };
        assert_eq!(recruitment_totals(&[]), None);
        let rows = [
            CategoryRecruitment {
                category: "総合職".into(),
                applicants: g(30, 50),
                hires: g(4, 6),
                ..CategoryRecruitment::default()
            },
            CategoryRecruitment {
                category: "一般職".into(),
                applicants: ByGender {
                    women: 10,
                    men: 0,
                    other: 2,
                },
                hires: g(2, 0),
                ..CategoryRecruitment::default()
            },
        ];
        // Women 40 applicants for 6 hires: 6.7 (half up); men 50 for 6: 8.3.
        // The 2 of 性別「その他」 stay in the totals but in neither ratio.
        let (applicants, hires) = recruitment_totals(&rows).unwrap();
        assert_eq!(
            (applicants.women, applicants.men, applicants.other),
            (40, 50, 2)
        );
        assert_eq!((hires.women, hires.men), (6, 6));
        let r = |a, h| crate::women_db::competition_ratio(a, h).map(|r| r.to_string());
        assert_eq!(r(applicants.women, hires.women), Some("6.7".to_string()));
        assert_eq!(r(applicants.men, hires.men), Some("8.3".to_string()));
        // No hires: no ratio.
        let none = [CategoryRecruitment {
            applicants: g(3, 0),
            ..CategoryRecruitment::default()
        }];
        let (a, h) = recruitment_totals(&none).unwrap();
        assert_eq!((a.women, h.women), (3, 0));
        assert_eq!(crate::women_db::competition_ratio(a.women, h.women), None);
    }
}
