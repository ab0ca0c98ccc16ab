//! A deterministic generator of realistic canonical files
//! (`erabareru demo generate`), for demos, tests and the benchmark.
//!
//! The same `(employees, fiscal_year)` always gives byte-identical files: a
//! fixed-seed splitmix64 generator, no clock, no randomness from the OS.
//!
//! What the files hold:
//! - employees.csv: ~55 % men, ~44 % women, ~1 % other; 70 % regular, 10 %
//!   fixed-term, 20 % part-time (2–4 days, 10–24 h a week, so 比例付与);
//!   hire dates over 35 years, ~8 % hired in the year (most on April 1),
//!   ~6 % leaving in the year; positions staff / chief / manager /
//!   executive; a few `deemed_hours` workers.
//! - attendance.csv: sorted by employee, then date. One row per scheduled
//!   working day (Monday–Friday except national holidays and 12/29–1/3 for
//!   full-time workers; fixed weekdays for part-timers), from the hire date
//!   to the leave date, except during leaves. Overtime by profile (light,
//!   moderate, heavy, extreme: the last breach the 80 h / 100 h rules);
//!   busier in December and March; work on Saturdays (`holiday`) and
//!   Sundays (`legal_holiday`) for the heavier profiles; paid leave as full
//!   days, half days (`0.5`) and hours; occasional absences (a row with no
//!   times).
//! - family_events.csv: births in the year (~6 % of men 25–45, ~5 % of women
//!   24–42).
//! - leaves.csv: women's maternity (`maternity_leave`) and childcare leave;
//!   men's 産後パパ育休, childcare leave and 育児目的休暇 in realistic
//!   proportions; a few caregiving leaves.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday, date};

/// The fixed seed.
pub const SEED: u64 = 0x00E7_ABA7_E7B0_2026;

/// splitmix64: small, fast, good enough for synthetic data.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator with `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the tiny modulo bias does not matter here).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenerateSummary {
    /// Rows of employees.csv.
    pub employees: usize,
    /// Rows of attendance.csv.
    pub attendance_rows: u64,
    /// Size of attendance.csv in bytes.
    pub attendance_bytes: u64,
    /// Rows of family_events.csv.
    pub family_events: usize,
    /// Rows of leaves.csv.
    pub leaves: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DayKind {
    /// Monday–Friday, 0 = Monday.
    Weekday(u8),
    /// Saturday or a national / year-end holiday: 所定休日.
    Holiday,
    /// Sunday: 法定休日.
    Sunday,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Regular,
    FixedTerm,
    PartTime,
}

struct Person {
    id: String,
    male: bool,
    female: bool,
    gender: &'static str,
    hire: Date,
    leave: Option<Date>,
    kind: Kind,
    weekly_days: u8,
    daily_minutes: u32,
    position: &'static str,
    birth: Date,
    category: &'static str,
    deemed: bool,
    /// 0 light, 1 moderate, 2 heavy, 3 extreme.
    profile: u8,
    leave_target_days: u32,
    hourly_leave: bool,
    /// Days without rows (leaves), as inclusive ranges.
    away: Vec<(Date, Date)>,
    /// First weekday (0 = Monday) of a part-timer's fixed days.
    first_weekday: u8,
}

fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(n.days()).unwrap_or(d)
}

fn days_between(a: Date, b: Date) -> i64 {
    let mut n = 0;
    let mut d = a;
    // Only used on spans of at most a few years: cheap enough.
    while d < b {
        d = add_days(d, 1);
        n += 1;
    }
    n
}

fn fy_days(fy: i16) -> Vec<(Date, DayKind)> {
    let from = date(fy, 4, 1);
    let to = date(fy + 1, 3, 31);
    let mut out = Vec::with_capacity(366);
    let mut d = from;
    while d <= to {
        let year_end = (d.month() == 12 && d.day() >= 29) || (d.month() == 1 && d.day() <= 3);
        let kind = match d.weekday() {
            Weekday::Sunday => DayKind::Sunday,
            Weekday::Saturday => DayKind::Holiday,
            _ if year_end || domain::is_national_holiday(d) => DayKind::Holiday,
            w => DayKind::Weekday(w.to_monday_zero_offset() as u8),
        };
        out.push((d, kind));
        d = add_days(d, 1);
    }
    out
}

fn person(i: usize, fy: i16, days: &[(Date, DayKind)], rng: &mut SplitMix64) -> Person {
    let from = days[0].0;
    let n_days = days.len() as i64;
    let g = rng.below(100);
    let (male, female, gender) = match g {
        0..=54 => (true, false, "male"),
        55..=98 => (false, true, "female"),
        _ => (false, false, "other"),
    };
    let k = rng.below(100);
    let kind = match k {
        0..=69 => Kind::Regular,
        70..=79 => Kind::FixedTerm,
        _ => Kind::PartTime,
    };
    let age = match kind {
        Kind::PartTime => rng.range(18, 70),
        _ => rng.range(22, 64),
    };
    let birth = add_days(from, -(age * 365 + rng.range(0, 364)));
    let hire = if rng.chance(80) {
        if rng.chance(600) {
            from
        } else {
            days[rng.range(0, n_days - 1) as usize].0
        }
    } else {
        add_days(from, -rng.range(30, ((age - 18) * 365).max(31)))
    };
    let leave = if rng.chance(60) {
        let d = days[rng.range(0, n_days - 1) as usize].0;
        (d > hire).then_some(d)
    } else {
        None
    };
    let (weekly_days, daily_minutes) = match kind {
        Kind::PartTime => (
            rng.range(2, 4) as u8,
            if rng.chance(500) { 300 } else { 360 },
        ),
        _ => (5, 480),
    };
    let years = days_between(hire, from) / 365;
    let position = match kind {
        Kind::PartTime => "staff",
        _ => match rng.below(1000) {
            0..=9 if years >= 15 => "executive",
            0..=129 if years >= 10 => "manager",
            0..=279 if years >= 5 => "chief",
            _ => "staff",
        },
    };
    let category = match kind {
        Kind::PartTime => "パート",
        Kind::FixedTerm => "契約社員",
        Kind::Regular if rng.chance(700) => "総合職",
        Kind::Regular => "一般職",
    };
    let deemed = kind == Kind::Regular && rng.chance(30);
    let profile = match kind {
        Kind::PartTime => 0,
        _ => match rng.below(100) {
            0..=54 => 0,
            55..=84 => 1,
            85..=96 => 2,
            _ => 3,
        },
    };
    let leave_target_days = match kind {
        Kind::PartTime => rng.range(1, 8) as u32,
        _ if rng.chance(100) => rng.range(0, 4) as u32,
        _ => rng.range(5, 18) as u32,
    };
    let _ = fy;
    Person {
        id: format!("E{:06}", i + 1),
        male,
        female,
        gender,
        hire,
        leave,
        kind,
        weekly_days,
        daily_minutes,
        position,
        birth,
        category,
        deemed,
        profile,
        leave_target_days,
        hourly_leave: rng.chance(150),
        away: Vec::new(),
        first_weekday: rng.below(5) as u8,
    }
}

struct LeaveRow {
    id: String,
    kind: &'static str,
    start: Date,
    end: Date,
    child: Option<Date>,
}

fn age_on(birth: Date, d: Date) -> i64 {
    let mut a = i64::from(d.year() - birth.year());
    if (d.month(), d.day()) < (birth.month(), birth.day()) {
        a -= 1;
    }
    a
}

fn events(
    p: &mut Person,
    days: &[(Date, DayKind)],
    rng: &mut SplitMix64,
    births: &mut Vec<(String, Date)>,
    leaves: &mut Vec<LeaveRow>,
) {
    let from = days[0].0;
    let to = days[days.len() - 1].0;
    let age = age_on(p.birth, from);
    let employed_all_year = p.hire <= from && p.leave.is_none();
    if employed_all_year && p.kind != Kind::PartTime {
        let n = days.len() as i64;
        if p.male && (25..=45).contains(&age) && rng.chance(60) {
            let b = days[rng.range(0, n - 1) as usize].0;
            births.push((p.id.clone(), b));
            let r = rng.below(100);
            let mut push = |p: &mut Person, kind: &'static str, s: Date, e: Date| {
                leaves.push(LeaveRow {
                    id: p.id.clone(),
                    kind,
                    start: s,
                    end: e,
                    child: Some(b),
                });
                p.away.push((s, e));
            };
            match r {
                0..=19 => {
                    let e = add_days(b, rng.range(4, 27));
                    push(p, "postnatal_paternity_leave", b, e);
                    if rng.chance(500) {
                        let s = add_days(b, rng.range(60, 120));
                        push(p, "childcare_leave", s, add_days(s, rng.range(30, 180)));
                    }
                }
                20..=44 => {
                    let s = add_days(b, rng.range(0, 90));
                    push(p, "childcare_leave", s, add_days(s, rng.range(14, 180)));
                }
                45..=54 => {
                    let s = add_days(b, rng.range(0, 30));
                    push(
                        p,
                        "childcare_purpose_leave",
                        s,
                        add_days(s, rng.range(0, 2)),
                    );
                }
                _ => {}
            }
        } else if p.female && (24..=42).contains(&age) && rng.chance(50) {
            let b = days[rng.range(0, n - 1) as usize].0;
            births.push((p.id.clone(), b));
            let ms = add_days(b, -42);
            let me = add_days(b, 56);
            leaves.push(LeaveRow {
                id: p.id.clone(),
                kind: "maternity_leave",
                start: ms,
                end: me,
                child: Some(b),
            });
            let mut away_end = me;
            if rng.chance(950) {
                let s = add_days(b, 57);
                let e = add_days(b, rng.range(300, 540));
                leaves.push(LeaveRow {
                    id: p.id.clone(),
                    kind: "childcare_leave",
                    start: s,
                    end: e,
                    child: Some(b),
                });
                away_end = e;
            }
            p.away.push((ms, away_end));
        }
    }
    if employed_all_year && rng.chance(5) {
        let s = days[rng.range(0, days.len() as i64 - 1) as usize].0;
        let e = add_days(s, rng.range(13, 92)).min(to);
        leaves.push(LeaveRow {
            id: p.id.clone(),
            kind: "caregiving_leave",
            start: s,
            end: e,
            child: None,
        });
        p.away.push((s, e));
    }
}

fn clock(w: &mut impl Write, minutes: u32) -> io::Result<()> {
    write!(w, "{}:{:02}", minutes / 60, minutes % 60)
}

/// Writes one attendance row; returns nothing but counts via the caller.
#[allow(clippy::too_many_arguments)]
fn row(
    w: &mut impl Write,
    id: &str,
    d: Date,
    day_type: &str,
    times: Option<(u32, u32, u32)>,
    leave_days: &str,
    leave_hours: u32,
) -> io::Result<()> {
    write!(
        w,
        "{id},{:04}-{:02}-{:02},{day_type},",
        d.year(),
        d.month(),
        d.day()
    )?;
    match times {
        Some((s, e, b)) => {
            clock(w, s)?;
            w.write_all(b",")?;
            clock(w, e)?;
            write!(w, ",{b},")?;
        }
        None => w.write_all(b",,,")?,
    }
    w.write_all(leave_days.as_bytes())?;
    if leave_hours > 0 {
        writeln!(w, ",{leave_hours}")
    } else {
        w.write_all(b",\n")
    }
}

fn attendance(
    w: &mut impl Write,
    p: &Person,
    days: &[(Date, DayKind)],
    rng: &mut SplitMix64,
) -> io::Result<u64> {
    let mut rows = 0u64;
    let (ot_chance, ot_lo, ot_hi, sat_chance, sun_chance) = match p.profile {
        0 => (300, 10, 60, 10, 0),
        1 => (600, 20, 120, 60, 0),
        2 => (850, 60, 200, 350, 20),
        _ => (950, 120, 300, 600, 200),
    };
    let scheduled_days: u64 = match p.kind {
        Kind::PartTime => u64::from(p.weekly_days) * 48,
        _ => 240,
    };
    let leave_per_mille = (u64::from(p.leave_target_days) * 1000 / scheduled_days).min(1000);
    for &(d, kind) in days {
        if d < p.hire || p.leave.is_some_and(|l| d > l) {
            continue;
        }
        if p.away.iter().any(|&(s, e)| s <= d && d <= e) {
            continue;
        }
        let busy = matches!(d.month(), 12 | 3);
        match kind {
            DayKind::Weekday(wd) => {
                if p.kind == Kind::PartTime {
                    let offset = (wd + 5 - p.first_weekday) % 5;
                    if offset >= p.weekly_days {
                        continue;
                    }
                }
                rows += 1;
                if rng.chance(leave_per_mille) {
                    if rng.chance(250) {
                        // 午前半休: work the afternoon.
                        let end = 18 * 60 + rng.range(0, 6) as u32 * 10;
                        row(w, &p.id, d, "workday", Some((14 * 60, end, 0)), "0.5", 0)?;
                    } else {
                        row(w, &p.id, d, "workday", None, "1", 0)?;
                    }
                    continue;
                }
                if rng.chance(5) {
                    row(w, &p.id, d, "workday", None, "", 0)?; // 欠勤
                    continue;
                }
                let start = match p.kind {
                    Kind::PartTime => 10 * 60,
                    _ => 9 * 60 - 15 + rng.range(0, 5) as u32 * 5,
                };
                let brk = if p.daily_minutes > 360 { 60 } else { 0 };
                let mut end = start + p.daily_minutes + brk;
                let hourly = if p.hourly_leave && rng.chance(15) {
                    end -= 120;
                    2
                } else {
                    0
                };
                let chance = if busy {
                    (ot_chance + 100).min(1000)
                } else {
                    ot_chance
                };
                if hourly == 0 && rng.chance(chance) {
                    let mut ot = rng.range(ot_lo, ot_hi) as u32;
                    if busy {
                        ot = ot * 13 / 10;
                    }
                    if p.kind == Kind::PartTime {
                        ot = ot.min(60);
                    }
                    end += ot / 5 * 5;
                }
                row(w, &p.id, d, "workday", Some((start, end, brk)), "", hourly)?;
            }
            DayKind::Holiday if p.kind != Kind::PartTime && rng.chance(sat_chance) => {
                rows += 1;
                let end = 17 * 60 + rng.range(0, 12) as u32 * 10;
                row(w, &p.id, d, "holiday", Some((9 * 60, end, 60)), "", 0)?;
            }
            DayKind::Sunday if p.kind != Kind::PartTime && rng.chance(sun_chance) => {
                rows += 1;
                let end = 15 * 60 + rng.range(0, 12) as u32 * 10;
                row(
                    w,
                    &p.id,
                    d,
                    "legal_holiday",
                    Some((10 * 60, end, 60)),
                    "",
                    0,
                )?;
            }
            _ => {}
        }
    }
    Ok(rows)
}

fn ymd(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Writes employees.csv, attendance.csv, family_events.csv and leaves.csv
/// for `employees` people and fiscal year `fy` into `dir` (created if
/// needed; existing files are replaced).
pub fn generate(dir: &Path, employees: usize, fy: i16) -> io::Result<GenerateSummary> {
    generate_until(dir, employees, fy, None)
}

/// How the generated workplace works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Culture {
    /// A mix of light and heavy overtime, and leave taken unevenly.
    #[default]
    Typical,
    /// Everyone on the light overtime profile, and full-time staff planning at
    /// least 16 days of leave: an employer whose reform has taken hold.
    Balanced,
}

/// [`generate`] for a fiscal year still in progress: no attendance row, birth or
/// hire after `last_day` (the records an employer has up to that day). `None`
/// is the whole year.
pub fn generate_until(
    dir: &Path,
    employees: usize,
    fy: i16,
    last_day: Option<Date>,
) -> io::Result<GenerateSummary> {
    generate_with(dir, employees, fy, last_day, Culture::Typical)
}

/// [`generate_until`] for a workplace of `culture`.
pub fn generate_with(
    dir: &Path,
    employees: usize,
    fy: i16,
    last_day: Option<Date>,
    culture: Culture,
) -> io::Result<GenerateSummary> {
    if !(1990..=2100).contains(&fy) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the fiscal year must be between 1990 and 2100",
        ));
    }
    let mut days = fy_days(fy);
    if let Some(last) = last_day {
        days.retain(|(d, _)| *d <= last);
    }
    if days.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the last day is before the fiscal year starts",
        ));
    }
    std::fs::create_dir_all(dir)?;
    let mut births = Vec::new();
    let mut leaves = Vec::new();
    let mut people = Vec::with_capacity(employees);
    for i in 0..employees {
        let mut rng = SplitMix64::new(SEED ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut p = person(i, fy, &days, &mut rng);
        if culture == Culture::Balanced {
            p.profile = 0;
            if p.kind != Kind::PartTime {
                p.leave_target_days = p.leave_target_days.max(16);
            }
        }
        events(&mut p, &days, &mut rng, &mut births, &mut leaves);
        people.push(p);
    }

    let mut w = BufWriter::with_capacity(1 << 20, File::create(dir.join("employees.csv"))?);
    writeln!(
        w,
        "employee_id,gender,hire_date,leave_date,employment_type,weekly_days,weekly_hours,position,birth_date,category,deemed_hours"
    )?;
    for p in &people {
        let kind = match p.kind {
            Kind::Regular => "regular",
            Kind::FixedTerm => "fixed_term",
            Kind::PartTime => "part_time",
        };
        let weekly_minutes = u32::from(p.weekly_days) * p.daily_minutes;
        writeln!(
            w,
            "{},{},{},{},{kind},{},{},{},{},{},{}",
            p.id,
            p.gender,
            ymd(p.hire),
            p.leave.map(ymd).unwrap_or_default(),
            p.weekly_days,
            weekly_minutes / 60,
            p.position,
            ymd(p.birth),
            p.category,
            p.deemed,
        )?;
    }
    w.flush()?;

    let mut summary = GenerateSummary {
        employees,
        family_events: births.len(),
        leaves: leaves.len(),
        ..GenerateSummary::default()
    };
    let path = dir.join("attendance.csv");
    let mut w = BufWriter::with_capacity(1 << 20, File::create(&path)?);
    writeln!(
        w,
        "employee_id,date,day_type,start,end,break_minutes,paid_leave_days,paid_leave_hours"
    )?;
    for (i, p) in people.iter().enumerate() {
        let mut rng =
            SplitMix64::new(SEED.rotate_left(17) ^ (i as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
        summary.attendance_rows += attendance(&mut w, p, &days, &mut rng)?;
    }
    w.flush()?;
    drop(w);
    summary.attendance_bytes = std::fs::metadata(&path)?.len();

    let mut w = BufWriter::new(File::create(dir.join("family_events.csv"))?);
    writeln!(w, "employee_id,event,date")?;
    for (id, d) in &births {
        writeln!(w, "{id},birth,{}", ymd(*d))?;
    }
    w.flush()?;

    let mut w = BufWriter::new(File::create(dir.join("leaves.csv"))?);
    writeln!(w, "employee_id,kind,start_date,end_date,child_birth_date")?;
    for l in &leaves {
        writeln!(
            w,
            "{},{},{},{},{}",
            l.id,
            l.kind,
            ymd(l.start),
            ymd(l.end),
            l.child.map(ymd).unwrap_or_default()
        )?;
    }
    w.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_the_reference_sequence() {
        // First outputs of splitmix64 seeded with 0 (reference values).
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }
}
