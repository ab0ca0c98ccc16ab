//! 女性の活躍推進企業データベース items that the roster alone supports:
//! women's share of hires, of employees, of 係長級, of managers and of
//! executives, and average years of service by gender; and the year's
//! 離職率 (leaver rate).
//!
//! (The average monthly overtime is in the overtime section; the paid-leave
//! rate and the childcare-leave rates in theirs.)

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::YearMonth;
use crate::records::{Employee, Gender, Position};
use crate::rounding::{OneDecimal, half_up_one_decimal, percent_half_up_one_decimal};

/// Women among a group of people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WomenShare {
    /// Everybody in the group (any gender).
    pub total: u64,
    /// Women in the group.
    pub women: u64,
    /// women ÷ total × 100, one decimal, half up; `None` when total is 0.
    pub women_percent: Option<OneDecimal>,
}

impl WomenShare {
    fn of<'a>(group: impl Iterator<Item = &'a Employee>) -> WomenShare {
        let (mut total, mut women) = (0u64, 0u64);
        for e in group {
            total += 1;
            if e.gender == Gender::Female {
                women += 1;
            }
        }
        WomenShare {
            total,
            women,
            women_percent: percent_half_up_one_decimal(women, total),
        }
    }
}

/// Average years of service of one gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ServiceYears {
    /// Employees of that gender employed on the reference date.
    pub employees: u64,
    /// Their completed months of service, summed.
    pub total_months: u64,
    /// total_months ÷ 12 ÷ employees, one decimal, half up; `None` when there
    /// is nobody.
    pub average_years: Option<OneDecimal>,
}

/// 離職率 of the fiscal year, as 雇用動向調査 defines it (離職者数 ÷ 期首の
/// 常用労働者数 × 100), taken over the business year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Turnover {
    /// Employed on the year's first day (期首の在籍者数).
    pub employed_at_start: u64,
    /// Whose last day of employment falls in the year, including people hired
    /// during it (年度内の離職者数).
    pub leavers: u64,
    /// leavers ÷ employed_at_start × 100, one decimal, half up; `None` when
    /// nobody was employed on the first day.
    pub rate_percent: Option<OneDecimal>,
}

/// Leavers of `from ..= to` against the roster on `from`.
pub fn turnover(employees: &[Employee], from: Date, to: Date) -> Turnover {
    let employed_at_start = employees.iter().filter(|e| employed_on(e, from)).count() as u64;
    let leavers = employees
        .iter()
        .filter(|e| e.leave_date.is_some_and(|l| from <= l && l <= to))
        .count() as u64;
    Turnover {
        employed_at_start,
        leavers,
        rate_percent: percent_half_up_one_decimal(leavers, employed_at_start),
    }
}

/// The 女活DB items of the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkforceSection {
    /// The day the headcounts and service are taken on: the fiscal year's
    /// last day.
    pub reference_date: Date,
    /// Hired in the fiscal year (採用者に占める女性割合).
    pub hires: WomenShare,
    /// Employed on the reference date (労働者に占める女性割合).
    pub employees: WomenShare,
    /// 係長級 employed on the reference date.
    pub chiefs: WomenShare,
    /// 管理職 (課長級以上, without 役員) employed on the reference date.
    pub managers: WomenShare,
    /// 役員 on the reference date.
    pub executives: WomenShare,
    /// 平均継続勤務年数, men.
    pub male_service: ServiceYears,
    /// 平均継続勤務年数, women.
    pub female_service: ServiceYears,
    /// 離職率 of the year.
    pub turnover: Turnover,
}

/// Whether the employee is employed on `date` (hired on or before it, and
/// not yet left: the leave date is the last day of employment).
pub fn employed_on(employee: &Employee, date: Date) -> bool {
    employee.hire_date <= date && employee.leave_date.is_none_or(|l| l >= date)
}

/// Completed months from `from` to `to` (0 when `to` is earlier): Jan 15 to
/// Mar 14 is 1 month, to Mar 15 is 2.
pub fn completed_months(from: Date, to: Date) -> u64 {
    if to < from {
        return 0;
    }
    let mut months = YearMonth::of_calendar(to).months_since(YearMonth::of_calendar(from));
    if to.day() < from.day() {
        months -= 1;
    }
    u64::try_from(months).unwrap_or(0)
}

fn service(employees: &[&Employee], gender: Gender, reference: Date) -> ServiceYears {
    // Service includes the reference day itself: hired 2020-04-01 and counted
    // on 2027-03-31 is 7 full years (84 months), not 83 months.
    let end = reference.tomorrow().unwrap_or(reference);
    let (mut n, mut months) = (0u64, 0u64);
    for e in employees.iter().filter(|e| e.gender == gender) {
        n += 1;
        months += completed_months(e.hire_date, end);
    }
    ServiceYears {
        employees: n,
        total_months: months,
        average_years: half_up_one_decimal(months, n.saturating_mul(12)),
    }
}

/// The items for the fiscal year `from ..= to`; headcounts on `to`.
pub fn workforce(employees: &[Employee], from: Date, to: Date) -> WorkforceSection {
    let hires = WomenShare::of(
        employees
            .iter()
            .filter(|e| from <= e.hire_date && e.hire_date <= to),
    );
    let employed: Vec<&Employee> = employees.iter().filter(|e| employed_on(e, to)).collect();
    let with =
        |p: Position| WomenShare::of(employed.iter().copied().filter(move |e| e.position == p));
    WorkforceSection {
        reference_date: to,
        hires,
        employees: WomenShare::of(employed.iter().copied()),
        chiefs: with(Position::Chief),
        managers: with(Position::Manager),
        executives: with(Position::Executive),
        male_service: service(&employed, Gender::Male, to),
        female_service: service(&employed, Gender::Female, to),
        turnover: turnover(employees, from, to),
    }
}
