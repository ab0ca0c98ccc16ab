//! The stored fiscal-year report (the kpi crate's JSON, pseudonymised) read back
//! for display, and the aggregations the page shows.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct StoredReport {
    pub fiscal_year: i64,
    pub period: Period,
    pub overtime: Option<Overtime>,
    pub paid_leave: Option<PaidLeave>,
    pub childcare_leave: Option<Childcare>,
    pub workforce: Option<Workforce>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Period {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Overtime {
    pub employees: Vec<OvertimeEmployee>,
    pub average_monthly_overtime_hours: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OvertimeEmployee {
    pub employee_id: String,
    pub months: Vec<OvertimeMonth>,
    pub annual_legal_overtime_minutes: i64,
    pub months_over_limit: i64,
    pub violations: Vec<Violation>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OvertimeMonth {
    pub month: String,
    pub legal_overtime_minutes: i64,
    pub legal_holiday_minutes: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    pub rule: String,
    pub month: String,
    pub window_months: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PaidLeave {
    pub employees: Vec<PaidLeaveEmployee>,
    pub utilization_rate_percent: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PaidLeaveEmployee {
    pub employee_id: String,
    pub grants: Vec<Grant>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Grant {
    pub grant_date: String,
    pub days: i64,
    pub taken_days: f64,
    pub obligation: bool,
    pub deadline: String,
    pub status: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Childcare {
    pub male: MaleChildcare,
    pub female: FemaleChildcare,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MaleChildcare {
    pub births: i64,
    pub method1_takers: i64,
    pub method1_rate_percent: Option<i64>,
    pub method2_takers: i64,
    pub method2_rate_percent: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FemaleChildcare {
    pub births: i64,
    pub takers: i64,
    pub rate_percent: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Workforce {
    pub reference_date: String,
    pub hires: Share,
    pub employees: Share,
    pub chiefs: Share,
    pub managers: Share,
    pub executives: Share,
    pub male_service: Service,
    pub female_service: Service,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Share {
    pub total: i64,
    pub women: i64,
    pub women_percent: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Service {
    pub employees: i64,
    pub average_years: Option<f64>,
}

/// One month of the organization: average legal overtime + legal-holiday work per
/// employee with attendance rows that month (the 女活DB / くるみん way of averaging).
#[derive(Debug, Clone, PartialEq)]
pub struct MonthAverage {
    pub month: String,
    pub employees: i64,
    pub total_minutes: i64,
    /// Hours, one decimal, half up.
    pub average_hours: f64,
}

/// Monthly averages over the fiscal year's months that have rows, in order.
pub fn monthly_averages(employees: &[OvertimeEmployee], period_from: &str) -> Vec<MonthAverage> {
    let mut months: Vec<MonthAverage> = Vec::new();
    for e in employees {
        for m in e
            .months
            .iter()
            .filter(|m| m.month.as_str() >= &period_from[..7])
        {
            let minutes = m.legal_overtime_minutes + m.legal_holiday_minutes;
            match months.iter_mut().find(|x| x.month == m.month) {
                Some(x) => {
                    x.employees += 1;
                    x.total_minutes += minutes;
                }
                None => months.push(MonthAverage {
                    month: m.month.clone(),
                    employees: 1,
                    total_minutes: minutes,
                    average_hours: 0.0,
                }),
            }
        }
    }
    months.sort_by(|a, b| a.month.cmp(&b.month));
    for m in &mut months {
        // Tenths of an hour, half up, in integers: minutes × 10 / 60 per employee.
        let tenths = (m.total_minutes * 10 * 2 + 60 * m.employees) / (60 * m.employees * 2);
        m.average_hours = tenths as f64 / 10.0;
    }
    months
}

/// Upper bounds (exclusive, hours) of the distribution's bands; the last band is open.
pub const DISTRIBUTION_BANDS: [i64; 6] = [10, 20, 30, 45, 60, 80];

/// How many employees fall in each band of their average monthly overtime + holiday
/// work over the months of the year in which they have rows (7 bands: <10 h … ≥80 h).
pub fn distribution(employees: &[OvertimeEmployee], period_from: &str) -> [i64; 7] {
    let mut counts = [0i64; 7];
    for e in employees {
        let months: Vec<&OvertimeMonth> = e
            .months
            .iter()
            .filter(|m| m.month.as_str() >= &period_from[..7])
            .collect();
        if months.is_empty() {
            continue;
        }
        let minutes: i64 = months
            .iter()
            .map(|m| m.legal_overtime_minutes + m.legal_holiday_minutes)
            .sum();
        // Compare in minutes to avoid rounding at a band's edge: avg < bound ⇔ total < bound·60·n.
        let n = months.len() as i64;
        let band = DISTRIBUTION_BANDS
            .iter()
            .position(|b| minutes < b * 60 * n)
            .unwrap_or(DISTRIBUTION_BANDS.len());
        counts[band] += 1;
    }
    counts
}

/// Hours with one decimal, for display.
pub fn hours(minutes: i64) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emp(id: &str, months: &[(&str, i64, i64)]) -> OvertimeEmployee {
        OvertimeEmployee {
            employee_id: id.into(),
            months: months
                .iter()
                .map(|(m, o, h)| OvertimeMonth {
                    month: m.to_string(),
                    legal_overtime_minutes: *o,
                    legal_holiday_minutes: *h,
                })
                .collect(),
            annual_legal_overtime_minutes: 0,
            months_over_limit: 0,
            violations: Vec::new(),
        }
    }

    #[test]
    fn distribution_bands_are_half_open() {
        // A: 600 min in one month = exactly 10 h → the 10–20 band, not below 10.
        // B: 599 min = 9.98 h → below 10. C: two months, 45 h and 45 h → 45–60.
        // D: 80 h exactly → the open band "80 h or more". E: only March, outside the year.
        let e = vec![
            emp("A", &[("2026-04", 600, 0)]),
            emp("B", &[("2026-04", 599, 0)]),
            emp("C", &[("2026-04", 2000, 700), ("2026-05", 2700, 0)]),
            emp("D", &[("2026-06", 4800, 0)]),
            emp("E", &[("2026-03", 9000, 0)]),
        ];
        assert_eq!(distribution(&e, "2026-04-01"), [1, 1, 0, 0, 1, 0, 1]);
    }

    #[test]
    fn averages_per_employee_with_rows_half_up() {
        // April: (600 + 60) + 0 = 660 min over 2 employees = 330 min = 5.5 h.
        // May: 100 min, only A has rows = 1.666… h → 1.7.
        // March 2026 is before the year and is left out.
        let e = vec![
            emp(
                "A",
                &[
                    ("2026-03", 9999, 0),
                    ("2026-04", 600, 60),
                    ("2026-05", 100, 0),
                ],
            ),
            emp("B", &[("2026-04", 0, 0)]),
        ];
        let m = monthly_averages(&e, "2026-04-01");
        assert_eq!(m.len(), 2);
        assert_eq!(
            (
                m[0].month.as_str(),
                m[0].employees,
                m[0].total_minutes,
                m[0].average_hours
            ),
            ("2026-04", 2, 660, 5.5)
        );
        assert_eq!((m[1].month.as_str(), m[1].average_hours), ("2026-05", 1.7));
        // Exactly .x5 rounds up: 3 min per employee = 0.05 h → 0.1.
        let m = monthly_averages(&[emp("A", &[("2026-04", 3, 0)])], "2026-04-01");
        assert_eq!(m[0].average_hours, 0.1);
        assert!(monthly_averages(&[], "2026-04-01").is_empty());
    }
}
