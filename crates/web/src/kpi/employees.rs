//! Who is over a limit (issue 8, "Who sees what"): the year's breaches counted by
//! rule for everyone who may see the page, and — for the employer's org admins
//! alone — one line per employee and rule, the months grouped into ranges
//! ("2026年7月〜12月"), breaches before warnings, then by annual overtime, each
//! employee named by the code in the employer's own files.

use std::collections::{BTreeMap, HashMap};

use store::employee_codes::StoredCode;

use super::view::{self, OvertimeEmployee, StoredReport};
use crate::i18n::Tr;

/// The violation rules in the order the page lists them (worst first).
const RULES: [&str; 6] = [
    "monthly_100h",
    "average_80h",
    "annual_720h",
    "months_over_limit",
    "monthly_limit",
    "annual_limit",
];

/// The i18n key of a violation rule's name (without a month).
pub fn rule_name_key(rule: &str) -> &'static str {
    match rule {
        "monthly_100h" => "kpi.rule_name.monthly_100h",
        "average_80h" => "kpi.rule_name.average_80h",
        "annual_720h" => "kpi.rule_name.annual_720h",
        "months_over_limit" => "kpi.rule_name.months_over_limit",
        "monthly_limit" => "kpi.rule_name.monthly_limit",
        "annual_limit" => "kpi.rule_name.annual_limit",
        _ => "kpi.rule_name.other",
    }
}

/// The i18n key of an early warning's name, from `view::heading_over`'s key.
fn warning_name_key(key: &str) -> &'static str {
    match key {
        "kpi.heading.month_80h" => "kpi.warning_name.month_80h",
        "kpi.heading.average_70h" => "kpi.warning_name.average_70h",
        "kpi.heading.annual_600h" => "kpi.heading.annual_600h",
        _ => "kpi.rule.heading_sixth",
    }
}

/// How an employee is named on the page: the employer's own code, or — when the
/// code cannot be read (key file changed, or an import older than stored codes) —
/// the pseudonym with a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeName {
    pub text: String,
    pub code_unavailable: bool,
}

/// Turns pseudonyms into the employer's codes.
pub struct Names(pub HashMap<String, StoredCode>);

impl Names {
    pub fn of(&self, pseudonym: &str) -> EmployeeName {
        match self.0.get(pseudonym) {
            Some(StoredCode::Code(code)) => EmployeeName {
                text: code.clone(),
                code_unavailable: false,
            },
            _ => EmployeeName {
                text: pseudonym.to_string(),
                code_unavailable: true,
            },
        }
    }
}

/// The year's breaches, counted: employees in breach of any rule, and per rule.
pub struct BreachSummary {
    pub employees: usize,
    /// (rule name, employees in breach of it), in the order of [`RULES`].
    pub by_rule: Vec<(String, usize)>,
    /// Employees not in breach but heading over a limit.
    pub warned: usize,
}

pub fn breach_summary(t: &Tr, r: &StoredReport) -> BreachSummary {
    let employees: &[OvertimeEmployee] = r
        .overtime
        .as_ref()
        .map(|o| o.employees.as_slice())
        .unwrap_or_default();
    let mut by_rule: BTreeMap<usize, usize> = BTreeMap::new();
    let mut in_breach = 0;
    for e in employees {
        if !e.violations.is_empty() {
            in_breach += 1;
        }
        let mut rules: Vec<usize> = e
            .violations
            .iter()
            .map(|v| {
                RULES
                    .iter()
                    .position(|r| *r == v.rule)
                    .unwrap_or(RULES.len())
            })
            .collect();
        rules.sort_unstable();
        rules.dedup();
        for r in rules {
            *by_rule.entry(r).or_default() += 1;
        }
    }
    BreachSummary {
        employees: in_breach,
        by_rule: by_rule
            .into_iter()
            .map(|(i, n)| {
                let rule = RULES.get(i).copied().unwrap_or("other");
                (t.t(rule_name_key(rule)).to_string(), n)
            })
            .collect(),
        warned: warned_employees(r),
    }
}

/// One line of the per-employee table: an employee and one rule or warning.
pub struct EmployeeRuleRow {
    pub employee: EmployeeName,
    pub breach: bool,
    pub rule: String,
    /// The months concerned, grouped ("2026年7月〜12月、2027年2月"); empty for
    /// rules about the whole year.
    pub months: String,
    pub annual_hours: String,
    annual_minutes: i64,
    order: usize,
}

/// Every employee-and-rule line of the year, worst first: breaches before
/// warnings, then by annual overtime, then by employee and rule.
pub fn employee_rule_rows(t: &Tr, r: &StoredReport, names: &Names) -> Vec<EmployeeRuleRow> {
    let Some(ot) = &r.overtime else {
        return Vec::new();
    };
    let monthly_limit = if r.settings.variable_hours {
        42 * 60
    } else {
        45 * 60
    };
    let mut rows = Vec::new();
    for e in &ot.employees {
        let name = names.of(&e.employee_id);
        let annual_hours = view::hours(e.annual_legal_overtime_minutes);
        let mut push = |breach: bool, order: usize, rule: String, months: Vec<String>| {
            rows.push(EmployeeRuleRow {
                employee: name.clone(),
                breach,
                rule,
                months: month_ranges_text(t, &months),
                annual_hours: annual_hours.clone(),
                annual_minutes: e.annual_legal_overtime_minutes,
                order,
            })
        };
        if !e.violations.is_empty() {
            let mut by_rule: BTreeMap<usize, (String, Vec<String>)> = BTreeMap::new();
            for v in &e.violations {
                let i = RULES
                    .iter()
                    .position(|x| *x == v.rule)
                    .unwrap_or(RULES.len());
                by_rule
                    .entry(i)
                    .or_insert_with(|| (v.rule.clone(), Vec::new()))
                    .1
                    .push(v.month.clone());
            }
            for (order, (rule, months)) in by_rule {
                push(true, order, t.t(rule_name_key(&rule)).to_string(), months);
            }
        } else {
            // Early warnings, for people not yet in breach (for the others the
            // violations already say more).
            let mut by_key: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
            for (key, month) in view::heading_over(e, &r.period.from, monthly_limit) {
                let months = by_key.entry(key).or_default();
                if !month.is_empty() {
                    months.push(month);
                }
            }
            for (order, (key, months)) in by_key.into_iter().enumerate() {
                push(
                    false,
                    RULES.len() + 1 + order,
                    t.t(warning_name_key(key)).to_string(),
                    months,
                );
            }
        }
    }
    rows.sort_by(|a, b| {
        b.breach
            .cmp(&a.breach)
            .then(b.annual_minutes.cmp(&a.annual_minutes))
            .then(a.employee.text.cmp(&b.employee.text))
            .then(a.order.cmp(&b.order))
    });
    rows
}

/// How many employees are not in breach but get an early warning.
fn warned_employees(r: &StoredReport) -> usize {
    let Some(ot) = &r.overtime else {
        return 0;
    };
    let monthly_limit = if r.settings.variable_hours {
        42 * 60
    } else {
        45 * 60
    };
    ot.employees
        .iter()
        .filter(|e| {
            e.violations.is_empty()
                && !view::heading_over(e, &r.period.from, monthly_limit).is_empty()
        })
        .count()
}

/// A month as (year, month) from "YYYY-MM".
fn parse_month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.split_once('-')?;
    let (y, m) = (y.parse().ok()?, m.get(..2).unwrap_or(m).parse().ok()?);
    (1..=12).contains(&m).then_some((y, m))
}

/// Months grouped into runs of consecutive calendar months (December → January
/// included), in order, duplicates merged: each run as (first, last).
pub fn month_ranges(months: &[String]) -> Vec<((i32, u32), (i32, u32))> {
    let mut ms: Vec<(i32, u32)> = months.iter().filter_map(|m| parse_month(m)).collect();
    ms.sort_unstable();
    ms.dedup();
    let index = |(y, m): (i32, u32)| i64::from(y) * 12 + i64::from(m);
    let mut out: Vec<((i32, u32), (i32, u32))> = Vec::new();
    for m in ms {
        match out.last_mut() {
            Some((_, last)) if index(m) == index(*last) + 1 => *last = m,
            _ => out.push((m, m)),
        }
    }
    out
}

/// The ranges in words: 「2026年7月〜12月」, 「2026年12月〜2027年1月」, runs
/// separated by 「、」.
pub fn month_ranges_text(t: &Tr, months: &[String]) -> String {
    let month = |(y, m): (i32, u32)| t.f2("kpi.months.month", "year", y, "month", m);
    month_ranges(months)
        .into_iter()
        .map(|(from, to)| {
            if from == to {
                month(from)
            } else if from.0 == to.0 {
                t.f2(
                    "kpi.months.range",
                    "from",
                    month(from),
                    "to",
                    t.f2("kpi.months.month_same_year", "year", to.0, "month", to.1),
                )
            } else {
                t.f2("kpi.months.range", "from", month(from), "to", month(to))
            }
        })
        .collect::<Vec<_>>()
        .join(t.t("kpi.months.separator"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn ms(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn consecutive_months_make_one_range() {
        let t = Tr::new(Lang::Ja);
        let m = ms(&[
            "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12",
        ]);
        assert_eq!(month_ranges(&m), vec![((2026, 7), (2026, 12))]);
        assert_eq!(month_ranges_text(&t, &m), "2026年7月〜12月");
    }

    #[test]
    fn gaps_split_ranges_joined_with_a_comma() {
        let t = Tr::new(Lang::Ja);
        // Unordered and with a duplicate, as violations of several windows may come.
        let m = ms(&[
            "2026-09", "2026-04", "2026-05", "2026-09", "2026-11", "2026-12",
        ]);
        assert_eq!(
            month_ranges_text(&t, &m),
            "2026年4月〜5月、2026年9月、2026年11月〜12月"
        );
    }

    #[test]
    fn a_range_crosses_the_year_boundary() {
        let t = Tr::new(Lang::Ja);
        let m = ms(&["2026-12", "2027-01", "2027-02"]);
        assert_eq!(month_ranges(&m), vec![((2026, 12), (2027, 2))]);
        assert_eq!(month_ranges_text(&t, &m), "2026年12月〜2027年2月");
        // December and February are not adjacent.
        assert_eq!(
            month_ranges_text(&t, &ms(&["2026-12", "2027-02"])),
            "2026年12月、2027年2月"
        );
    }

    #[test]
    fn a_single_month_and_none() {
        let t = Tr::new(Lang::Ja);
        assert_eq!(month_ranges_text(&t, &ms(&["2026-07"])), "2026年7月");
        assert_eq!(month_ranges_text(&t, &[]), "");
        let en = Tr::new(Lang::En);
        assert_eq!(
            month_ranges_text(&en, &ms(&["2026-07", "2026-08", "2026-10"])),
            "7/2026 – 8/2026, 10/2026"
        );
    }
}
