//! Throughput of the pure streaming core, without any parsing:
//! `cargo run --release -p kpi --example synthetic_stream -- 10000000`.
//!
//! Feeds N synthetic attendance rows (employee-major, one reused row buffer)
//! through `ReportBuilder` and prints rows per second. Deterministic: the
//! clock times come from a small linear congruential generator.

use std::time::Instant;

use jiff::civil::date;
use kpi::{AttendanceDay, Employee, Gender, ReportBuilder, Settings, Work};

fn main() {
    let rows: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let days_per_employee: u64 = 365;
    let employees = rows.div_ceil(days_per_employee);
    let roster: Vec<Employee> = (0..employees)
        .map(|i| Employee::new(format!("E{i:07}"), Gender::Female, date(2020, 4, 1)))
        .collect();
    let mut builder = ReportBuilder::new(Settings::default(), 2026, Some(roster)).unwrap();
    let start = Instant::now();
    let mut row = AttendanceDay::new("", date(2026, 4, 1));
    let mut seed: u64 = 42;
    let mut fed = 0u64;
    'outer: for e in 0..employees {
        row.employee_id.clear();
        row.employee_id.push_str(&format!("E{e:07}"));
        let mut d = date(2026, 4, 1);
        for _ in 0..days_per_employee {
            if fed == rows {
                break 'outer;
            }
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let extra = ((seed >> 33) % 180) as u16;
            row.date = d;
            row.work = Work::Clock {
                start_minute: 540,
                end_minute: 1080 + extra,
                break_minutes: 60,
            };
            row.paid_leave_half_days = u8::from((seed >> 20).is_multiple_of(40)) * 2;
            builder.push_attendance(&row).unwrap();
            fed += 1;
            d = d.tomorrow().unwrap();
        }
    }
    let report = builder.finish(None, None);
    let secs = start.elapsed().as_secs_f64();
    let ot = report.overtime.unwrap();
    println!(
        "{fed} rows, {employees} employees in {secs:.2} s = {:.0} rows/s; average monthly overtime {:?} h",
        fed as f64 / secs,
        ot.average_monthly_overtime_hours.map(|v| v.to_string())
    );
}
