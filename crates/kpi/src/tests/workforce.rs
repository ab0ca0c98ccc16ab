//! 女活DB roster items (LABOR_RULES §4).

use jiff::civil::date;

use super::*;
use crate::workforce::completed_months;
use crate::{Employee, Gender, Position, workforce};

fn emp(id: &str, g: Gender, hire: Date, p: Position) -> Employee {
    let mut e = Employee::new(id, g, hire);
    e.position = p;
    e
}

#[test]
fn completed_months_count_whole_months() {
    // Jan 15 -> Mar 14: one whole month (Jan 15 - Feb 14) and some days.
    assert_eq!(completed_months(date(2026, 1, 15), date(2026, 3, 14)), 1);
    assert_eq!(completed_months(date(2026, 1, 15), date(2026, 3, 15)), 2);
    assert_eq!(completed_months(date(2026, 3, 15), date(2026, 1, 15)), 0);
}

#[test]
fn shares_and_service_for_fy_2026() {
    // Reference date 2027-03-31 (FY 2026's last day); service is counted to
    // the end of that day (i.e. up to 2027-04-01).
    let mut d = emp("D", Gender::Male, date(2026, 5, 15), Position::Staff);
    d.leave_date = Some(date(2026, 12, 31));
    let mut h = emp("H", Gender::Male, date(2022, 4, 1), Position::Staff);
    h.leave_date = Some(date(2027, 3, 31));
    let employees = vec![
        // A: 2020-04-01 .. 2027-04-01 = 84 months.
        emp("A", Gender::Male, date(2020, 4, 1), Position::Manager),
        // B: 2023-10-01 .. 2027-04-01 = 42 months.
        emp("B", Gender::Female, date(2023, 10, 1), Position::Chief),
        // C: hired in the year, 2026-06-01 .. 2027-04-01 = 10 months.
        emp("C", Gender::Female, date(2026, 6, 1), Position::Staff),
        // D: hired in the year, left 2026-12-31 -> not employed on the
        // reference date.
        d,
        // E: 2010-04-01 .. 2027-04-01 = 204 months.
        emp("E", Gender::Female, date(2010, 4, 1), Position::Executive),
        // F: hired after the year.
        emp("F", Gender::Male, date(2027, 4, 1), Position::Staff),
        // G: other gender, employed: in the totals, in no gender average.
        emp("G", Gender::Other, date(2024, 4, 1), Position::Staff),
        // H: leaves on the reference date itself, so is still employed on it:
        // 2022-04-01 .. 2027-04-01 = 60 months.
        h,
    ];
    let w = workforce(&employees, date(2026, 4, 1), date(2027, 3, 31));
    assert_eq!(w.reference_date, date(2027, 3, 31));
    // Hires: C, D -> 1 woman of 2 = 50.0 %.
    assert_eq!((w.hires.total, w.hires.women), (2, 1));
    assert_eq!(w.hires.women_percent.unwrap().to_string(), "50.0");
    // Employed on 2027-03-31: A, B, C, E, G, H -> 3 women of 6 = 50.0 %.
    assert_eq!((w.employees.total, w.employees.women), (6, 3));
    assert_eq!(w.employees.women_percent.unwrap().to_string(), "50.0");
    // 係長級: B -> 1 of 1 = 100.0; managers: A -> 0 of 1 = 0.0;
    // executives: E -> 1 of 1 = 100.0.
    assert_eq!(w.chiefs.women_percent.unwrap().to_string(), "100.0");
    assert_eq!((w.managers.total, w.managers.women), (1, 0));
    assert_eq!(w.managers.women_percent.unwrap().to_string(), "0.0");
    assert_eq!(w.executives.women_percent.unwrap().to_string(), "100.0");
    // Men: A and H, (84 + 60) / 2 / 12 = 6.0 years.
    assert_eq!(w.male_service.employees, 2);
    assert_eq!(w.male_service.total_months, 144);
    assert_eq!(w.male_service.average_years.unwrap().to_string(), "6.0");
    // Women: 42 + 10 + 204 = 256 months / 3 / 12 = 7.11.. -> 7.1 years.
    assert_eq!(w.female_service.total_months, 256);
    assert_eq!(w.female_service.average_years.unwrap().to_string(), "7.1");
}

#[test]
fn empty_groups_give_no_share() {
    // Nobody hired in the year and no managers -> None, not 0 %.
    let employees = vec![emp("A", Gender::Female, date(2020, 4, 1), Position::Staff)];
    let w = workforce(&employees, date(2026, 4, 1), date(2027, 3, 31));
    assert_eq!(w.hires.total, 0);
    assert_eq!(w.hires.women_percent, None);
    assert_eq!(w.managers.women_percent, None);
    assert_eq!(w.male_service.average_years, None);
}

#[test]
fn turnover_counts_leavers_of_the_year_against_the_first_day() {
    use crate::workforce::turnover;
    let left = |id: &str, hire: Date, last_day: Date| {
        let mut e = emp(id, Gender::Female, hire, Position::Staff);
        e.leave_date = Some(last_day);
        e
    };
    let employees = vec![
        // Employed on 2026-04-01 and still there: in the base only.
        emp("A", Gender::Male, date(2015, 4, 1), Position::Staff),
        emp("B", Gender::Male, date(2020, 4, 1), Position::Staff),
        emp("C", Gender::Female, date(2021, 4, 1), Position::Staff),
        // Left on 2026-03-31, the day before the year: in neither.
        left("D", date(2010, 4, 1), date(2026, 3, 31)),
        // Last day 2026-04-01, the first day itself: in the base and a leaver.
        left("E", date(2018, 4, 1), date(2026, 4, 1)),
        // 定年退職 on the year's last day 2027-03-31: a leaver of this year.
        left("F", date(1990, 4, 1), date(2027, 3, 31)),
        // Hired in the year and left in it: a leaver, not in the base
        // (as 雇用動向調査 counts).
        left("G", date(2026, 6, 1), date(2026, 9, 30)),
        // Hired in the year, still there: in neither.
        emp("H", Gender::Male, date(2026, 10, 1), Position::Staff),
        // Leaves after the year (2027-04-30): in the base, not a leaver.
        left("I", date(2022, 4, 1), date(2027, 4, 30)),
    ];
    let t = turnover(&employees, date(2026, 4, 1), date(2027, 3, 31));
    // Base: A, B, C, E, F, I = 6. Leavers: E, F, G = 3. 3 ÷ 6 = 50.0 %.
    assert_eq!((t.employed_at_start, t.leavers), (6, 3));
    assert_eq!(t.rate_percent.unwrap().to_string(), "50.0");

    // 1 of 7: 14.2857… -> 14.3 (half up at the second decimal).
    let mut seven: Vec<Employee> = (0..6)
        .map(|i| {
            emp(
                &format!("S{i}"),
                Gender::Male,
                date(2020, 4, 1),
                Position::Staff,
            )
        })
        .collect();
    seven.push(left("L", date(2020, 4, 1), date(2026, 8, 31)));
    let t = turnover(&seven, date(2026, 4, 1), date(2027, 3, 31));
    assert_eq!((t.employed_at_start, t.leavers), (7, 1));
    assert_eq!(t.rate_percent.unwrap().to_string(), "14.3");

    // Nobody on the first day: no rate, even with a leaver hired later.
    let t = turnover(
        &[left("G", date(2026, 6, 1), date(2026, 9, 30))],
        date(2026, 4, 1),
        date(2027, 3, 31),
    );
    assert_eq!(
        (t.employed_at_start, t.leavers, t.rate_percent),
        (0, 1, None)
    );
}
