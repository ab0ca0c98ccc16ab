//! `erabareru kpi` and `erabareru demo generate` as a user runs them: a folder
//! of canonical files in, the JSON (checked against hand-computed
//! values) or the Japanese table out; bad input gives a non-zero exit, the
//! error on stderr and nothing on stdout.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_erabareru"))
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kpi-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn kpi(dir: &Path, extra: &[&str]) -> Output {
    bin()
        .args(["kpi", "--data"])
        .arg(dir)
        .args(["--fy", "2026"])
        .args(extra)
        .output()
        .unwrap()
}

/// The fixture, with every figure computed by hand:
///
/// E001 (man, hired 2020-04-01): 2026-04-01 (Wed) 9:00–20:00 − 60 = 600 min
/// worked → 120 min over 8 h. The week Sun 04-05 … Sat 04-11: Mon–Fri 8 h
/// each (2,400 min, exactly 40 h) and Saturday (所定休日) 9:00–13:00 = 240
/// min, all beyond 40 h → 240 weekly overtime. Sunday 04-12 (法定休日)
/// 10:00–15:00 − 60 = 240 min of legal-holiday work. April: overtime 360,
/// holiday 240. October: a day of paid leave and a half day (14:00–18:00)
/// → 1.5 days taken, no overtime.
///
/// E002 (woman, hired 2026-04-01): 2026-05-01 precomputed 100 min; October
/// one day of paid leave.
///
/// E003 (man, hired 2010-04-01): precomputed June 6,000 min (exactly 100 h:
/// a breach), July 3,600 min (the June–July average is exactly 80 h:
/// allowed). Both months over 45 h → months_over_limit 2; annual 9,600.
///
/// Average monthly overtime: (600 + 100 + 9,600) min ÷ 60 ÷ 12 ÷ 3 =
/// 4.768… → 4.8 h.
///
/// Paid leave, 基準日 2026-10-01 for everyone: E001 6.5 years → 20 days,
/// E002 0.5 years → 10 days, E003 16.5 years → 20 days; 50 days granted,
/// 2.5 taken → 5.0 %. Deadlines 2027-09-30 are after the data's last date
/// (2026-10-07): in_progress.
///
/// Childcare: E001's spouse gave birth on 06-10 and he took 産後パパ育休;
/// E003's spouse on 07-01 and he took only 育児目的休暇; E002 gave birth on
/// 08-01 and took 育児休業. Men: births 2, method 1: 1 (50 %), method 2: 2
/// (100 %). Women: 1 of 1 (100 %).
fn fixture(dir: &Path) {
    std::fs::write(
        dir.join("employees.csv"),
        "employee_id,gender,hire_date,leave_date,employment_type\n\
         E001,male,2020-04-01,,regular\n\
         E002,female,2026-04-01,,regular\n\
         E003,男性,2010/04/01,,正社員\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("attendance.csv"),
        "employee_id,date,day_type,start,end,break_minutes,legal_overtime_minutes,legal_holiday_minutes,paid_leave_days\n\
         E001,2026-04-01,workday,9:00,20:00,60,,,\n\
         E001,2026-04-06,workday,9:00,18:00,60,,,\n\
         E001,2026-04-07,workday,9:00,18:00,60,,,\n\
         E001,2026-04-08,workday,9:00,18:00,60,,,\n\
         E001,2026-04-09,workday,9:00,18:00,60,,,\n\
         E001,2026-04-10,workday,9:00,18:00,60,,,\n\
         E001,2026-04-11,holiday,9:00,13:00,0,,,\n\
         E001,2026-04-12,legal_holiday,10:00,15:00,60,,,\n\
         E002,2026-05-01,workday,,,,100,,\n\
         E003,2026-06-30,workday,,,,6000,,\n\
         E003,2026-07-31,workday,,,,3600,,\n\
         E001,2026-10-05,workday,,,,,,1\n\
         E001,2026-10-06,workday,14:00,18:00,0,,,0.5\n\
         E002,2026-10-07,workday,,,,,,1\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("family_events.csv"),
        "employee_id,event,date\nE001,birth,2026-06-10\nE003,birth,2026-07-01\nE002,birth,2026-08-01\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("leaves.csv"),
        "employee_id,kind,start_date,end_date,child_birth_date\n\
         E001,postnatal_paternity_leave,2026-06-10,2026-06-20,\n\
         E003,childcare_purpose_leave,2026-07-02,2026-07-03,\n\
         E002,childcare_leave,2026-09-26,2027-06-30,2026-08-01\n",
    )
    .unwrap();
}

#[test]
fn json_matches_the_hand_computed_figures() {
    let dir = temp_dir("json");
    fixture(&dir);
    let out = kpi(&dir, &["--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["fiscal_year"], 2026);
    assert_eq!(
        v["period"],
        json!({"from": "2026-04-01", "to": "2027-03-31"})
    );

    let ot = &v["overtime"];
    let emps = ot["employees"].as_array().unwrap();
    assert_eq!(emps.len(), 3);
    assert_eq!(emps[0]["employee_id"], "E001");
    assert_eq!(
        emps[0]["months"],
        json!([
            {"month": "2026-04", "legal_overtime_minutes": 360, "legal_holiday_minutes": 240},
            {"month": "2026-10", "legal_overtime_minutes": 0, "legal_holiday_minutes": 0}
        ])
    );
    assert_eq!(emps[0]["annual_legal_overtime_minutes"], 360);
    assert_eq!(emps[0]["months_over_limit"], 0);
    assert_eq!(emps[0]["violations"], json!([]));
    assert_eq!(
        emps[1]["months"],
        json!([
            {"month": "2026-05", "legal_overtime_minutes": 100, "legal_holiday_minutes": 0},
            {"month": "2026-10", "legal_overtime_minutes": 0, "legal_holiday_minutes": 0}
        ])
    );
    assert_eq!(emps[2]["employee_id"], "E003");
    assert_eq!(emps[2]["annual_legal_overtime_minutes"], 9600);
    assert_eq!(emps[2]["months_over_limit"], 2);
    assert_eq!(
        emps[2]["violations"],
        json!([{"rule": "monthly_100h", "month": "2026-06"}])
    );
    assert_eq!(ot["average_monthly_overtime_hours"], 4.8);

    let pl = &v["paid_leave"];
    assert_eq!(pl["utilization_rate_percent"], 5.0);
    let grants: Vec<&Value> = pl["employees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["grants"][0])
        .collect();
    assert_eq!(
        *grants[0],
        json!({"grant_date": "2026-10-01", "days": 20, "taken_days": 1.5, "obligation": true,
               "deadline": "2027-09-30", "status": "in_progress"})
    );
    assert_eq!(grants[1]["days"], 10);
    assert_eq!(grants[1]["taken_days"], 1);
    assert_eq!(grants[2]["days"], 20);
    assert_eq!(grants[2]["taken_days"], 0);

    assert_eq!(
        v["childcare_leave"],
        json!({
            "male": {"births": 2, "method1_takers": 1, "method1_rate_percent": 50,
                     "method2_takers": 2, "method2_rate_percent": 100},
            "female": {"births": 1, "takers": 1, "rate_percent": 100}
        })
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn settings_flags_change_the_limits() {
    let dir = temp_dir("flags");
    fixture(&dir);
    // Without 特別条項, June and July are each over 45 h: monthly_limit
    // twice (the year's 160 h stays under 360 h).
    let out = kpi(&dir, &["--format", "json", "--no-special-clause"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<(String, String)> = v["overtime"]["employees"][2]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["rule"].as_str().unwrap().to_string(),
                x["month"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(rules.contains(&("monthly_100h".into(), "2026-06".into())));
    assert!(rules.contains(&("monthly_limit".into(), "2026-06".into())));
    assert!(rules.contains(&("monthly_limit".into(), "2026-07".into())));
    assert_eq!(v["settings"]["special_clause"], false);

    // A Monday-start week (Mon 04-06 … Sun 04-12) with the 44 h week of a
    // 特例事業場: Mon–Sat = 2,640 min is not over 44 h (Sunday's legal-holiday
    // work never counts), so only the 120 min of 04-01 remain.
    let out = kpi(
        &dir,
        &[
            "--format",
            "json",
            "--week-start",
            "monday",
            "--special-workplace",
        ],
    );
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["overtime"]["employees"][0]["months"][0]["legal_overtime_minutes"],
        120
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn table_is_a_japanese_summary() {
    let dir = temp_dir("table");
    fixture(&dir);
    let out = kpi(&dir, &["--format", "table"]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("2026年度（令和8年度） 2026-04-01 〜 2027-03-31\n"),
        "{s}"
    );
    assert!(
        s.contains("一月当たりの労働者の平均残業時間（女活DB）: 4.8時間"),
        "{s}"
    );
    assert!(
        s.contains("年次有給休暇の取得率: 5.0%（取得 2.5日 ÷ 年度内に付与 50日）"),
        "{s}"
    );
    assert!(
        s.contains("男性の育児休業等取得率（方法1）: 50%（1人 ÷ 配偶者が出産 2人）"),
        "{s}"
    );
    assert!(s.contains("E003"), "{s}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_exits_non_zero_with_the_message_and_prints_nothing() {
    let dir = temp_dir("bad");
    fixture(&dir);
    let mut att = std::fs::read_to_string(dir.join("attendance.csv")).unwrap();
    att.push_str("E002,2026-02-30,workday,9:00,18:00,60,,,\n"); // line 16
    std::fs::write(dir.join("attendance.csv"), att).unwrap();
    let out = kpi(&dir, &["--format", "json"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("attendance.csv 16行目 date: 2026-02-30 は存在しない日付です"),
        "{err}"
    );
    assert!(
        err.contains("attendance.csv line 16, column date: 2026-02-30 is not a date that exists"),
        "{err}"
    );

    std::fs::write(dir.join("attendance.csv"), "E001,2026-04-01\n").unwrap();
    let out = kpi(&dir, &[]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("必要な列: employee_id（社員番号）, date（日付）"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn demo_generate_writes_files_that_kpi_reads() {
    let dir = temp_dir("generate");
    let out = bin()
        .args([
            "demo",
            "generate",
            "--employees",
            "50",
            "--fy",
            "2026",
            "--out",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "employees.csv",
        "attendance.csv",
        "family_events.csv",
        "leaves.csv",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    let out = kpi(&dir, &["--format", "json"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["overtime"]["employees"].as_array().unwrap().len() > 40);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn cp932(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// A KING OF TIME-style daily export (CP932, CRLF, durations H:MM), by hand:
/// 1001 works Wed 2026-04-01 9:00–20:00 with a 1:00 break = 600 min → 120
/// over 8 h; Sun 04-12 (法定休日) 10:00–15:00 − 1:00 = 240 of legal-holiday
/// work; Mon 04-13 a day of 有休. 1002: Thu 05-07 8:30–22:00 − 1:30 = 720 →
/// 240 over 8 h. Average monthly overtime (120 + 240 + 240) ÷ 60 ÷ 12 ÷ 2 =
/// 0.416… → 0.4 h. Line 3 of the bad file has the break `1:0`.
const KOT: &str = "従業員コード,従業員名,所属名,日付,曜日,勤務日種別,出勤時刻,退勤時刻,休憩時間,有休\r\n\
1001,山田太郎,営業部,2026/04/01,水,平日,09:00,20:00,1:00,0\r\n\
1001,山田太郎,営業部,2026/04/12,日,法定休日,10:00,15:00,BREAK,0\r\n\
1001,山田太郎,営業部,2026/04/13,月,平日,,,0:00,1\r\n\
1002,佐藤花子,総務部,2026/05/07,木,平日,08:30,22:00,1:30,0\r\n";

#[test]
fn a_kingoftime_export_is_read_through_its_profile() {
    let dir = temp_dir("kot");
    let file = dir.join("kot.csv");
    let run = |extra: &[&str]| {
        bin()
            .args(["kpi", "--profile", "kingoftime", "--attendance"])
            .arg(&file)
            .args(["--fy", "2026", "--format", "json"])
            .args(extra)
            .output()
            .unwrap()
    };

    std::fs::write(&file, cp932(&KOT.replace("BREAK", "1:0"))).unwrap();
    let out = run(&[]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "kot.csv 3行目 break_minutes（休憩時間）: 1:0 は時間（H:MM）として読めません（例 1:15 は 1時間15分）"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "kot.csv line 3, column break_minutes（休憩時間）: 1:0 is not a duration in H:MM"
        ),
        "{err}"
    );

    std::fs::write(&file, cp932(&KOT.replace("BREAK", "1:00"))).unwrap();
    let out = run(&[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ot = &v["overtime"];
    assert_eq!(
        ot["employees"][0]["months"],
        json!([{"month": "2026-04", "legal_overtime_minutes": 120, "legal_holiday_minutes": 240}])
    );
    assert_eq!(
        ot["employees"][1]["months"],
        json!([{"month": "2026-05", "legal_overtime_minutes": 240, "legal_holiday_minutes": 0}])
    );
    assert_eq!(ot["average_monthly_overtime_hours"], 0.4);
    assert_eq!(v["paid_leave"], Value::Null);

    // With a roster: paid leave is computed (1001 hired 2020-04-01 → 20
    // days on 2026-10-01, 1002 hired 2026-04-01 → 10; 1 day taken in the
    // year → 1 ÷ 30 = 3.3 %).
    let roster = dir.join("employees.csv");
    std::fs::write(
        &roster,
        cp932("従業員コード,性別,入社日\r\n1001,男性,2020/04/01\r\n1002,女性,2026/04/01\r\n"),
    )
    .unwrap();
    let out = run(&["--employees", roster.to_str().unwrap()]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["paid_leave"]["utilization_rate_percent"], 3.3);

    // The same file as the folder's attendance.csv, with --data.
    let data = temp_dir("kot-data");
    std::fs::copy(&file, data.join("attendance.csv")).unwrap();
    let out = bin()
        .args(["kpi", "--profile", "kingoftime", "--data"])
        .arg(&data)
        .args(["--fy", "2026", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let w: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(w["overtime"], v["overtime"]);

    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn profiles_are_listed_and_user_profiles_and_bad_names_are_handled() {
    let out = bin().args(["kpi", "--list-profiles"]).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = s
        .lines()
        .filter(|l| !l.starts_with('\t'))
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(names, ["canonical", "kingoftime", "jobcan", "freee"]);
    assert!(s.contains("KING OF TIME形式（日次）"));

    let dir = temp_dir("user-profile");
    let profile = dir.join("ours.toml");
    std::fs::write(
        &profile,
        "name = \"ours\"\nlabel_ja = \"自社\"\nlabel_en = \"Ours\"\ntime_format = \"base60\"\nmonthly_summary = true\n\
         [attendance]\nemployee_id = \"社員\"\ndate = \"月\"\nlegal_overtime = \"残業\"\n",
    )
    .unwrap();
    let att = dir.join("monthly.csv");
    std::fs::write(&att, "社員,月,残業\nA,2026/06,100.00\n").unwrap();
    let out = bin()
        .args(["kpi", "--profile"])
        .arg(&profile)
        .arg("--attendance")
        .arg(&att)
        .args(["--fy", "2026", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["overtime"]["employees"][0]["violations"],
        json!([{"rule": "monthly_100h", "month": "2026-06"}])
    );

    // A bad profile file: its name and the problem.
    std::fs::write(&profile, "name = \"ours\"\n").unwrap();
    let out = bin()
        .args(["kpi", "--profile"])
        .arg(&profile)
        .arg("--attendance")
        .arg(&att)
        .args(["--fy", "2026"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ours.toml: マッピングプロファイルとして読めません"),
        "{err}"
    );

    // An unknown preset.
    let out = bin()
        .args(["kpi", "--profile", "nope", "--attendance"])
        .arg(&att)
        .args(["--fy", "2026"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("presets: canonical, kingoftime, jobcan, freee")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Attendance for the coverage tests: two rows before FY2026 (FY2025), four
/// in it (April, May, September, March 2027). Out of date order for E1.
const COVERAGE_ROWS: &str = "employee_id,date,start,end,break_minutes\n\
    E1,2026-05-15,9:00,18:00,60\n\
    E1,2026-02-27,9:00,18:00,60\n\
    E2,2026-04-01,9:00,20:00,60\n\
    E1,2026-03-02,9:00,18:00,60\n\
    E2,2026-09-30,9:00,18:00,60\n\
    E2,2027-03-31,9:00,18:00,60\n";

#[test]
fn json_has_the_coverage_of_the_attendance() {
    let dir = temp_dir("coverage");
    std::fs::write(dir.join("attendance.csv"), COVERAGE_ROWS).unwrap();
    let out = kpi(&dir, &["--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["coverage"],
        json!({
            "first_date": "2026-02-27",
            "last_date": "2027-03-31",
            "months": ["2026-04", "2026-05", "2026-09", "2027-03"],
            "rows_outside_period": 2,
            "complete": false
        })
    );
    // The table says the all-clear only of the months with data.
    let out = kpi(&dir, &[]);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("年度内 4/12か月"), "{table}");
    assert!(
        table.contains("上限規制の違反: データのある4か月にはなし"),
        "{table}"
    );

    // One row in each month of the year and one after it: complete.
    let mut full = String::from("employee_id,date,start,end,break_minutes\n");
    for (y, m) in (4..=12)
        .map(|m| (2026, m))
        .chain((1..=4).map(|m| (2027, m)))
    {
        full.push_str(&format!("E1,{y}-{m:02}-01,9:00,18:00,60\n"));
    }
    std::fs::write(dir.join("attendance.csv"), full).unwrap();
    let out = kpi(&dir, &["--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["coverage"]["complete"], true);
    assert_eq!(v["coverage"]["months"].as_array().unwrap().len(), 12);
    assert_eq!(v["coverage"]["rows_outside_period"], 1);
    assert_eq!(v["coverage"]["first_date"], "2026-04-01");
    assert_eq!(v["coverage"]["last_date"], "2027-04-01");

    // Without attendance there is no coverage to speak of.
    std::fs::remove_file(dir.join("attendance.csv")).unwrap();
    std::fs::write(
        dir.join("employees.csv"),
        "employee_id,gender,hire_date\nE1,male,2020-04-01\n",
    )
    .unwrap();
    let out = kpi(&dir, &["--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["coverage"], Value::Null);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_year_without_attendance_rows_exits_2_naming_the_years_covered() {
    let dir = temp_dir("no-rows-in-year");
    std::fs::write(dir.join("attendance.csv"), COVERAGE_ROWS).unwrap();
    let out = bin()
        .args(["kpi", "--data"])
        .arg(&dir)
        .args(["--fy", "2024", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("2024年度の行がありません。行があるのは 2025年度、2026年度 です"),
        "{err}"
    );
    assert!(err.contains("its rows cover FY2025, FY2026"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unsorted_attendance_gives_the_figures_of_sorted_attendance() {
    let dir = temp_dir("unsorted");
    fixture(&dir);
    let sorted = kpi(&dir, &["--format", "json"]);
    assert!(sorted.status.success());
    let text = std::fs::read_to_string(dir.join("attendance.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    std::fs::write(
        dir.join("attendance.csv"),
        format!("{header}\n{}\n", lines.join("\n")),
    )
    .unwrap();
    let unsorted = kpi(&dir, &["--format", "json"]);
    assert!(
        unsorted.status.success(),
        "{}",
        String::from_utf8_lossy(&unsorted.stderr)
    );
    let a: Value = serde_json::from_slice(&sorted.stdout).unwrap();
    let b: Value = serde_json::from_slice(&unsorted.stdout).unwrap();
    assert_eq!(a, b);
    std::fs::remove_dir_all(&dir).unwrap();
}
