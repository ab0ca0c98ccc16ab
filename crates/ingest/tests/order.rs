//! Attendance rows in any order give exactly the figures of sorted rows
//! (ingest::order): shuffled, interleaved, concatenated, sorted by date.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use ingest::generate::{SplitMix64, generate};
use ingest::order::{SortOptions, Streamed, stream_any_order};
use ingest::{AttendanceReader, load_employees, load_family_events, load_leaves};
use kpi::{ReportBuilder, Settings};

const FY: i16 = 2026;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("erabareru-order-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A realistic set (the deterministic generator) and its attendance lines.
fn generated(name: &str) -> (PathBuf, String, Vec<String>) {
    let dir = temp_dir(name);
    generate(&dir, 120, FY).unwrap();
    let text = std::fs::read_to_string(dir.join("attendance.csv")).unwrap();
    let mut lines = text.lines().map(str::to_string);
    let header = lines.next().unwrap();
    (dir, header, lines.collect())
}

/// The whole report JSON of the generated set with `attendance` (header +
/// `lines`) as its attendance file, and how it was streamed.
fn report(
    dir: &Path,
    header: &str,
    lines: &[String],
    options: &SortOptions,
) -> (serde_json::Value, Streamed) {
    let mut text = String::with_capacity(lines.len() * 48);
    text.push_str(header);
    text.push('\n');
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    let bytes = text.into_bytes();
    let employees = load_employees(&dir.join("employees.csv")).unwrap();
    let events = load_family_events(&dir.join("family_events.csv")).unwrap();
    let leaves = load_leaves(&dir.join("leaves.csv")).unwrap();
    let (builder, streamed) = stream_any_order(
        || AttendanceReader::new("attendance.csv", Cursor::new(bytes.clone())),
        || Ok(ReportBuilder::new(Settings::default(), FY, Some(employees.clone())).unwrap()),
        options,
    )
    .unwrap();
    let r = builder.finish(Some(&events), Some(&leaves));
    (serde_json::to_value(&r).unwrap(), streamed)
}

fn shuffle(lines: &mut [String], seed: u64) {
    let mut rng = SplitMix64::new(seed);
    for i in (1..lines.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        lines.swap(i, j);
    }
}

fn tiny_spill(dir: &Path) -> SortOptions {
    let tmp = dir.join("runs");
    std::fs::create_dir_all(&tmp).unwrap();
    SortOptions {
        spill_rows: 1_000,
        temp_dir: Some(tmp),
    }
}

#[test]
fn shuffled_rows_give_the_figures_of_sorted_rows_and_spill() {
    let (dir, header, lines) = generated("shuffled");
    let (sorted, how) = report(&dir, &header, &lines, &SortOptions::default());
    assert!(
        !how.sorted,
        "the generator writes sorted rows: the fast path"
    );
    assert!(
        lines.len() > 20_000,
        "a realistic set: {} rows",
        lines.len()
    );
    assert!(sorted["overtime"]["employees"].as_array().unwrap().len() > 100);
    assert!(sorted["coverage"]["complete"].as_bool().unwrap());

    let mut shuffled = lines.clone();
    shuffle(&mut shuffled, 0x5EED);
    let options = tiny_spill(&dir);
    let (got, how) = report(&dir, &header, &shuffled, &options);
    assert!(how.sorted, "shuffled rows go through the sort");
    assert!(how.spilled_runs > 10, "the sort spilled: {how:?}");
    assert_eq!(how.rows, lines.len() as u64);
    assert_eq!(got, sorted, "shuffled rows, same report");
    // The runs were temporary.
    assert_eq!(
        std::fs::read_dir(options.temp_dir.as_ref().unwrap())
            .unwrap()
            .count(),
        0
    );
    // Another seed, everything in memory: the same again.
    shuffle(&mut shuffled, 42);
    let (got, how) = report(&dir, &header, &shuffled, &SortOptions::default());
    assert!(how.sorted && how.spilled_runs == 0);
    assert_eq!(got, sorted);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn interleaved_concatenated_and_date_sorted_rows_give_the_same_figures() {
    let (dir, header, lines) = generated("concatenated");
    let (sorted, _) = report(&dir, &header, &lines, &SortOptions::default());
    let options = tiny_spill(&dir);
    let employee = |l: &String| l.split(',').next().unwrap().to_string();
    let date = |l: &String| l.split(',').nth(1).unwrap().to_string();

    // Sorted by date then employee (a by-day export): each employee's rows
    // are still in date order, so the fast path takes it.
    let mut by_date = lines.clone();
    by_date.sort_by_key(|l| (date(l), employee(l)));
    let (got, how) = report(&dir, &header, &by_date, &options);
    assert!(!how.sorted);
    assert_eq!(got, sorted, "by date");

    // Employees interleaved round-robin, each in date order: fast path.
    let mut per_employee: Vec<Vec<String>> = Vec::new();
    for l in &lines {
        match per_employee.last_mut() {
            Some(v) if employee(&v[0]) == employee(l) => v.push(l.clone()),
            _ => per_employee.push(vec![l.clone()]),
        }
    }
    let mut interleaved = Vec::new();
    let longest = per_employee.iter().map(Vec::len).max().unwrap();
    for i in 0..longest {
        for v in &per_employee {
            if let Some(l) = v.get(i) {
                interleaved.push(l.clone());
            }
        }
    }
    let (got, how) = report(&dir, &header, &interleaved, &options);
    assert!(!how.sorted);
    assert_eq!(got, sorted, "interleaved");

    // Monthly exports concatenated newest first: dates go back in time.
    let mut months: Vec<String> = lines.iter().map(|l| date(l)[..7].to_string()).collect();
    months.sort();
    months.dedup();
    let mut concatenated = Vec::new();
    for m in months.iter().rev() {
        concatenated.extend(
            lines
                .iter()
                .filter(|l| date(l).starts_with(m.as_str()))
                .cloned(),
        );
    }
    let (got, how) = report(&dir, &header, &concatenated, &options);
    assert!(how.sorted && how.spilled_runs > 0);
    assert_eq!(got, sorted, "months concatenated newest first");

    // Two halves of the employees concatenated the other way round: fast path.
    let half = lines.len() / 2;
    let cut = (half..lines.len())
        .find(|&i| employee(&lines[i]) != employee(&lines[i - 1]))
        .unwrap();
    let mut swapped = lines[cut..].to_vec();
    swapped.extend_from_slice(&lines[..cut]);
    let (got, how) = report(&dir, &header, &swapped, &options);
    assert!(!how.sorted);
    assert_eq!(got, sorted, "halves concatenated");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Split shifts, a precomputed row and leave on one day, in every order of
/// the day's rows and of the days: the same figures.
#[test]
fn several_rows_of_one_day_in_any_order() {
    let rows = [
        "E1,2026-04-06,workday,9:00,13:00,0,,",
        "E1,2026-04-06,workday,14:00,21:30,30,,",
        "E1,2026-04-07,workday,9:00,20:00,60,0.5,",
        "E1,2026-04-08,holiday,9:00,19:00,60,,",
        "E1,2026-04-09,legal_holiday,9:00,12:00,0,,",
        "E1,2026-04-09,workday,13:00,23:00,60,,1",
        "E2,2026-04-06,workday,9:00,22:00,60,,",
        "E1,2026-04-10,workday,8:00,22:00,60,,",
        "E1,2026-04-11,workday,8:00,22:00,60,,",
        "E1,2026-05-01,workday,8:00,26:00,60,,",
    ];
    let header =
        "employee_id,date,day_type,start,end,break_minutes,paid_leave_days,paid_leave_hours";
    let dir = temp_dir("split");
    std::fs::write(
        dir.join("employees.csv"),
        "employee_id,gender,hire_date\nE1,male,2020-04-01\nE2,female,2021-04-01\n",
    )
    .unwrap();
    std::fs::write(dir.join("family_events.csv"), "employee_id,event,date\n").unwrap();
    std::fs::write(
        dir.join("leaves.csv"),
        "employee_id,kind,start_date,end_date\n",
    )
    .unwrap();
    let lines: Vec<String> = rows.iter().map(|s| s.to_string()).collect();
    let (sorted, how) = report(&dir, header, &lines, &SortOptions::default());
    assert!(!how.sorted);
    let options = SortOptions {
        spill_rows: 2,
        temp_dir: None,
    };
    for seed in 0..20 {
        let mut shuffled = lines.clone();
        shuffle(&mut shuffled, seed);
        let (got, _) = report(&dir, header, &shuffled, &options);
        assert_eq!(got, sorted, "seed {seed}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_row_after_the_first_out_of_order_row_is_reported_with_its_line() {
    let text = "employee_id,date,start,end\nE1,2026-04-02,9:00,18:00\nE1,2026-04-01,9:00,18:00\nE1,2026-04-31,9:00,18:00\n";
    let bytes = text.as_bytes().to_vec();
    let err = stream_any_order(
        || AttendanceReader::new("attendance.csv", Cursor::new(bytes.clone())),
        || Ok(ReportBuilder::new(Settings::default(), FY, None).unwrap()),
        &SortOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.line, Some(4), "{err}");
}

/// Rows parsed on one thread reach the report on another in batches: an error
/// or a row out of order deep in a sorted file (many batches in) is still
/// found at its own line, and the rows before it are all counted.
#[test]
fn errors_and_disorder_many_batches_in_are_found_at_their_line() {
    let mut text = String::from("employee_id,date,start,end\n");
    let first = jiff::civil::date(2026, 4, 1);
    let mut n = 0;
    for e in 0..40 {
        for d in 0..300 {
            let day = first.checked_add(jiff::Span::new().days(d)).unwrap();
            text.push_str(&format!("E{e:03},{day},9:00,18:00\n"));
            n += 1;
        }
    }
    assert!(n > 10_000);
    let run = |text: String| {
        let bytes = text.into_bytes();
        stream_any_order(
            || AttendanceReader::new("attendance.csv", Cursor::new(bytes.clone())),
            || Ok(ReportBuilder::new(Settings::default(), FY, None).unwrap()),
            &SortOptions::default(),
        )
        .map(|(_, streamed)| streamed)
    };
    let sorted = run(text.clone()).unwrap();
    assert_eq!(sorted.rows, n);
    assert!(!sorted.sorted);

    // A bad date on line 9,002 (row 9,001): reported there.
    let mut lines: Vec<&str> = text.lines().collect();
    lines[9001] = "E030,2026-02-30,9:00,18:00";
    let err = run(lines.join("\n") + "\n").unwrap_err();
    assert_eq!(err.line, Some(9002), "{err}");

    // One row moved to the end (a leave row appended): sorted, same count.
    let mut lines: Vec<&str> = text.lines().collect();
    let moved = lines.remove(5000);
    lines.push(moved);
    let resorted = run(lines.join("\n") + "\n").unwrap();
    assert!(resorted.sorted);
    assert_eq!(resorted.rows, n);
}
