//! 育児休業等取得率 (育児・介護休業法 第22条の2, 施行規則 第71条の4) for men
//! by both methods, and the same count for women.
//!
//! Counting rules: persons, not episodes; a leave split into parts for the
//! same child counts once, in the year in which its first part started;
//! numerator and denominator are different groups, so a rate may exceed
//! 100 %; rates truncate to a whole percent; a zero denominator gives no
//! value.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use serde::Serialize;

use crate::records::{Employee, FamilyEvent, FamilyEventKind, Gender, Leave, LeaveKind};
use crate::rounding::percent_truncated;

/// The men's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaleChildcare {
    /// Men whose spouse gave birth in the year (persons).
    pub births: u64,
    /// Men whose first 育児休業等 (育児休業 or 産後パパ育休) for a child
    /// started in the year.
    pub method1_takers: u64,
    /// method1_takers ÷ births × 100, truncated; `None` when births is 0.
    pub method1_rate_percent: Option<u64>,
    /// Method-1 takers plus men whose first 育児目的休暇 for a child (before
    /// school age) started in the year, each person once.
    pub method2_takers: u64,
    /// method2_takers ÷ births × 100, truncated; `None` when births is 0.
    pub method2_rate_percent: Option<u64>,
}

/// The women's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FemaleChildcare {
    /// Women who gave birth in the year (persons).
    pub births: u64,
    /// Women whose first 育児休業 for a child started in the year.
    pub takers: u64,
    /// takers ÷ births × 100, truncated; `None` when births is 0.
    pub rate_percent: Option<u64>,
}

/// The `childcare_leave` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChildcareSection {
    /// Men.
    pub male: MaleChildcare,
    /// Women.
    pub female: FemaleChildcare,
}

/// 小学校就学の始期: a child enters school on the April 1 after turning 6,
/// where a child born on April 1 turns 6 on March 31 (年齢計算ニ関スル法律)
/// and so belongs to the earlier school year.
pub fn school_entry_date(birth: Date) -> Option<Date> {
    let born_by_april_first = (birth.month(), birth.day()) <= (4, 1);
    let year = birth
        .year()
        .checked_add(if born_by_april_first { 6 } else { 7 })?;
    Date::new(year, 4, 1).ok()
}

/// The child a leave is for: its `child_birth_date`, else the employee's
/// latest birth on or before the leave's start; `None` when unknown.
fn child_of(leave: &Leave, births: Option<&Vec<Date>>) -> Option<Date> {
    leave
        .child_birth_date
        .or_else(|| births.and_then(|b| b.iter().copied().filter(|&d| d <= leave.start_date).max()))
}

/// Persons whose first leave (of the kinds `counts`) for some child started
/// in `from ..= to`. Leaves whose child cannot be identified are grouped as
/// one "unknown child" per person.
fn takers<'a>(
    leaves: &'a [Leave],
    births: &HashMap<&str, Vec<Date>>,
    include: impl Fn(&Leave, &Employee, Option<Date>) -> bool,
    roster: &HashMap<&str, &Employee>,
    from: Date,
    to: Date,
) -> HashSet<&'a str> {
    let mut first: HashMap<(&str, Option<Date>), Date> = HashMap::new();
    for leave in leaves {
        let Some(employee) = roster.get(leave.employee_id.as_str()) else {
            continue;
        };
        let child = child_of(leave, births.get(leave.employee_id.as_str()));
        if !include(leave, employee, child) {
            continue;
        }
        first
            .entry((leave.employee_id.as_str(), child))
            .and_modify(|d| *d = (*d).min(leave.start_date))
            .or_insert(leave.start_date);
    }
    first
        .into_iter()
        .filter(|(_, start)| from <= *start && *start <= to)
        .map(|((id, _), _)| id)
        .collect()
}

/// The section for the year `from ..= to`. Only employees in the roster are
/// counted, by their roster gender (`Other` is in neither figure).
/// `family_events` or `leaves` may be empty.
pub fn childcare_rates(
    employees: &[Employee],
    family_events: &[FamilyEvent],
    leaves: &[Leave],
    from: Date,
    to: Date,
) -> ChildcareSection {
    let mut roster: HashMap<&str, &Employee> = HashMap::with_capacity(employees.len());
    for e in employees {
        roster.entry(e.employee_id.as_str()).or_insert(e);
    }
    let mut births: HashMap<&str, Vec<Date>> = HashMap::new();
    for ev in family_events {
        if ev.kind == FamilyEventKind::Birth {
            births
                .entry(ev.employee_id.as_str())
                .or_default()
                .push(ev.date);
        }
    }
    let births_in_year = |gender: Gender| -> u64 {
        births
            .iter()
            .filter(|(id, dates)| {
                roster.get(**id).is_some_and(|e| e.gender == gender)
                    && dates.iter().any(|d| from <= *d && *d <= to)
            })
            .count() as u64
    };
    let male_births = births_in_year(Gender::Male);
    let female_births = births_in_year(Gender::Female);

    let method1 = takers(
        leaves,
        &births,
        |l, e, _| e.gender == Gender::Male && l.kind.is_childcare_leave_etc(),
        &roster,
        from,
        to,
    );
    let purpose = takers(
        leaves,
        &births,
        |l, e, child| {
            e.gender == Gender::Male
                && l.kind == LeaveKind::ChildcarePurposeLeave
                // Only for a child before school age; when the child is
                // unknown the leave is taken at its word.
                && child
                    .and_then(school_entry_date)
                    .is_none_or(|entry| l.start_date < entry)
        },
        &roster,
        from,
        to,
    );
    let method2: HashSet<&str> = method1.union(&purpose).copied().collect();
    let female = takers(
        leaves,
        &births,
        |l, e, _| e.gender == Gender::Female && l.kind == LeaveKind::ChildcareLeave,
        &roster,
        from,
        to,
    );

    let m1 = method1.len() as u64;
    let m2 = method2.len() as u64;
    let f = female.len() as u64;
    ChildcareSection {
        male: MaleChildcare {
            births: male_births,
            method1_takers: m1,
            method1_rate_percent: percent_truncated(m1, male_births),
            method2_takers: m2,
            method2_rate_percent: percent_truncated(m2, male_births),
        },
        female: FemaleChildcare {
            births: female_births,
            takers: f,
            rate_percent: percent_truncated(f, female_births),
        },
    }
}
