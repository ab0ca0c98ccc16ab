//! `erabareru certify` as a user runs it: a small folder of canonical files
//! and certification inputs in, the verdicts out (checked against
//! hand-computed values); bad input exits with status 2, the error naming
//! the file and line on stderr and nothing on stdout.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_erabareru"))
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("certify-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `certify --data DIR --fy 2025`, applying on 2026-06-01 unless `extra`
/// gives `--date`.
fn certify(dir: &Path, extra: &[&str]) -> Output {
    let mut c = bin();
    c.args(["certify", "--data"])
        .arg(dir)
        .args(["--fy", "2025"]);
    if !extra.contains(&"--date") {
        c.args(["--date", "2026-06-01"]);
    }
    c.args(extra).output().unwrap()
}

/// The fixture (FY2025 = 2025-04-01 … 2026-03-31), figures by hand:
///
/// Roster: five men M1–M5 and the woman W1, regular; the woman W2,
/// fixed-term; all hired 2015-04-01, born 1990 (35–36: in the 25–39 band).
/// 7 employees (< 101: the 2025 plan-targets fact is not asked).
///
/// Attendance: M1 works 9:00–19:00 with 60 min break on the 10th of every
/// month: 540 min, 60 beyond 8 h. Every month has one full-time worker with
/// rows, averaging 1.0 h (< 30 h and < 45 h); M1 averages 1 h of 法定時間外
/// (< 60 h).
///
/// Childcare: the spouses of M1–M5 gave birth in the year; M1 and M2 took
/// 育児休業: method 1 = method 2 = 2 ÷ 5 = 40 %. W1 (regular) and W2
/// (fixed-term) gave birth and took 育児休業: all women 2 ÷ 2 = 100 %,
/// fixed-term women 1 ÷ 1 = 100 %.
///
/// Application 2026-06-01: both criteria versions apply.
/// - くるみん 2025: men 40 % ≥ 30 % → met; every other criterion met, facts
///   yes → eligible.
/// - プラチナくるみん 2025: 40 % < 50 % and < 70 % → not met → not eligible.
/// - くるみん 2022 (10 % / 20 %): eligible.
/// - えるぼし: women_plan_filed is blank → 判定できません (`eligible` null).
///   採用: women among regular employees 1 ÷ 6 = 16.6 % ≥ the industry
///   average 10.0 % (manufacturing, FY2024: the latest year ≤ 2025) → met.
fn fixture(dir: &Path) {
    let mut employees = String::from("employee_id,gender,hire_date,employment_type,birth_date\n");
    for m in 1..=5 {
        employees.push_str(&format!("M{m},male,2015-04-01,regular,1990-01-15\n"));
    }
    employees.push_str("W1,female,2015-04-01,regular,1990-01-15\n");
    employees.push_str("W2,female,2015-04-01,fixed_term,1990-01-15\n");
    std::fs::write(dir.join("employees.csv"), employees).unwrap();

    let mut attendance = String::from("employee_id,date,day_type,start,end,break_minutes\n");
    for (y, m) in (4..=12)
        .map(|m| (2025, m))
        .chain((1..=3).map(|m| (2026, m)))
    {
        attendance.push_str(&format!("M1,{y}-{m:02}-10,workday,9:00,19:00,60\n"));
    }
    std::fs::write(dir.join("attendance.csv"), attendance).unwrap();

    std::fs::write(
        dir.join("family_events.csv"),
        "employee_id,event,date\n\
         M1,birth,2025-06-01\nM2,birth,2025-07-01\nM3,birth,2025-08-01\n\
         M4,birth,2025-09-01\nM5,birth,2025-10-01\n\
         W1,birth,2025-05-01\nW2,birth,2025-07-01\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("leaves.csv"),
        "employee_id,kind,start_date,end_date\n\
         M1,childcare_leave,2025-06-02,2025-07-01\n\
         M2,childcare_leave,2025-07-02,2025-08-01\n\
         W1,childcare_leave,2025-06-26,2026-04-30\n\
         W2,childcare_leave,2025-08-26,2026-06-30\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("facts.csv"),
        "fact,answer,note\n\
         next_gen_plan_filed,yes,\n\
         next_gen_plan_published,はい,\n\
         next_gen_plan_period_ok,○,\n\
         next_gen_plan_targets_met,true,\n\
         men_rate_published,1,\n\
         working_conditions_measures,yes,\n\
         holds_kurumin,no,\n\
         women_plan_filed,,確認中\n\
         women_data_published,yes,\n\
         no_serious_violations,yes,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("industry_averages.csv"),
        "年度,産業,正社員に占める女性割合,管理職に占める女性割合\n\
         2024,製造業,10.0,5.0\n\
         2026,E,40.0,20.0\n\
         2025,情報通信業,50.0,30.0\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("recruitment.csv"),
        "fiscal_year,gender,applicants,hires,new_graduate_hires,new_graduate_leavers\n\
         2025,female,10,1,1,0\n\
         2025,male,20,2,2,0\n",
    )
    .unwrap();
}

fn mark<'a>(v: &'a Value, id: &str, version: Option<&str>) -> &'a Value {
    v["marks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mark"] == id && m["criteria_version"] == json!(version))
        .unwrap_or_else(|| panic!("no {id} {version:?} in {v:#}"))
}

fn criterion<'a>(m: &'a Value, id: &str) -> &'a Value {
    m["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no criterion {id} in {m:#}"))
}

#[test]
fn json_matches_the_hand_computed_verdicts() {
    let dir = temp_dir("json");
    fixture(&dir);
    let out = certify(&dir, &["--format", "json", "--industry", "E"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["fiscal_year"], 2025);
    assert_eq!(v["application_date"], "2026-06-01");

    // Both versions apply on 2026-06-01.
    for id in ["try_kurumin", "kurumin", "platinum_kurumin"] {
        for version in ["2022", "2025"] {
            mark(&v, id, Some(version));
        }
    }

    let k25 = mark(&v, "kurumin", Some("2025"));
    let men = criterion(k25, "male_childcare_leave");
    assert_eq!(men["met"], true);
    assert_eq!(men["required"], true);
    assert_eq!(men["period"], "2025-04..2026-03");
    assert_eq!(
        men["value"][0]["value"],
        json!({"numerator": 2, "denominator": 5, "percent": 40})
    );
    assert_eq!(
        criterion(k25, "female_childcare_leave")["value"],
        json!({"numerator": 2, "denominator": 2, "percent": 100})
    );
    let fixed = criterion(k25, "fixed_term_female_childcare_leave");
    assert_eq!(
        fixed["value"],
        json!({"numerator": 1, "denominator": 1, "percent": 100})
    );
    assert_eq!(fixed["met"], true);
    assert_eq!(criterion(k25, "full_time_monthly_hours")["met"], true);
    assert_eq!(criterion(k25, "no_worker_60h")["value"], 0);
    assert_eq!(criterion(k25, "next_gen_plan_filed")["value"], true);
    assert!(
        k25["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != "next_gen_plan_has_required_targets"),
        "7 employees: the plan-targets fact is not asked"
    );
    assert_eq!(k25["eligible"], true, "{k25:#}");
    assert_eq!(k25["stage"], Value::Null);

    let p25 = mark(&v, "platinum_kurumin", Some("2025"));
    let men = criterion(p25, "male_childcare_leave");
    assert_eq!(men["met"], false);
    assert_eq!(men["gap"]["kind"], "one_of");
    assert_eq!(p25["eligible"], false);

    assert_eq!(mark(&v, "kurumin", Some("2022"))["eligible"], true);
    assert_eq!(mark(&v, "try_kurumin", Some("2025"))["eligible"], true);

    // A blank fact: えるぼし cannot be decided.
    let e = mark(&v, "eruboshi", None);
    assert_eq!(criterion(e, "women_plan_filed")["met"], Value::Null);
    assert_eq!(criterion(e, "women_plan_filed")["value"], Value::Null);
    assert_eq!(criterion(e, "eruboshi_hiring")["met"], true, "{e:#}");
    assert_eq!(criterion(e, "eruboshi_hiring")["required"], false);
    assert_eq!(e["eligible"], Value::Null);
}

#[test]
fn the_date_decides_the_criteria_versions() {
    let dir = temp_dir("versions");
    fixture(&dir);
    let versions = |date: &str| -> Vec<Value> {
        let out = certify(
            &dir,
            &["--format", "json", "--industry", "製造業", "--date", date],
        );
        assert!(out.status.success());
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["marks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["mark"] == "kurumin")
            .map(|m| m["criteria_version"].clone())
            .collect()
    };
    assert_eq!(versions("2025-03-31"), vec![json!("2022")]);
    assert_eq!(versions("2027-03-31"), vec![json!("2022"), json!("2025")]);
    assert_eq!(versions("2027-04-01"), vec![json!("2025")]);
}

#[test]
fn table_is_japanese_with_one_block_per_mark() {
    let dir = temp_dir("table");
    fixture(&dir);
    let out = certify(&dir, &["--industry", "E"]);
    assert!(out.status.success());
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("申請日 2026-06-01"), "{t}");
    assert!(t.contains("■ くるみん（2025年4月の基準）: 取得可能"), "{t}");
    assert!(
        t.contains("■ プラチナくるみん（2025年4月の基準）: 未達"),
        "{t}"
    );
    // 2 of 5 = 40 %; プラチナ 2025 needs 50 %: (2 + k) × 100 ≥ 50 × 5 gives k = 1.
    assert!(
        t.contains("この期間にあと1人の男性が育児休業等を取得すれば50%に達します（現在 取得2人／配偶者が出産した男性5人）。"),
        "{t}"
    );
    assert!(t.contains("■ えるぼし: 判定できません"), "{t}");
    assert!(
        t.contains("  ○ 男性の育児休業等取得率: 育児休業等: 40%（2/5） / 育児休業等＋育児目的休暇: 40%（2/5）"),
        "{t}"
    );
    // The figure's catalog name and rounding follow the criterion.
    assert!(
        t.contains("      定義: 認定基準の男性の育児休業等取得率（計画期間）（小数点以下を切り捨て、整数の%で示します。）"),
        "{t}"
    );
    assert!(
        t.contains("  ？ 一般事業主行動計画（女性活躍推進法）の策定・届出: —"),
        "{t}"
    );
    assert!(
        t.contains("未回答です。facts.csv で回答してください。"),
        "an unanswered fact points to facts.csv: {t}"
    );
}

#[test]
fn several_industries_without_a_choice_is_bad_input() {
    let dir = temp_dir("industry");
    fixture(&dir);
    let out = certify(&dir, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("industry_averages.csv"), "{err}");
    assert!(err.contains("--industry"), "{err}");
}

#[test]
fn a_bad_file_exits_2_naming_file_and_line() {
    let dir = temp_dir("bad");
    fixture(&dir);
    std::fs::write(
        dir.join("recruitment.csv"),
        "fiscal_year,gender,applicants,hires,new_graduate_hires,mid_career_hires\n\
         2025,female,10,2,1,1\n\
         2025,male,10,2,2,1\n",
    )
    .unwrap();
    let out = certify(&dir, &["--format", "json", "--industry", "E"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("recruitment.csv 3行目 hires: 新卒採用者数 2 と中途採用者数 1 の合計が採用者数 2 を超えています"),
        "{err}"
    );
    assert!(
        err.contains("recruitment.csv line 3, column hires:"),
        "{err}"
    );

    std::fs::write(
        dir.join("recruitment.csv"),
        "fiscal_year,gender,hires\n2025,female,1\n",
    )
    .unwrap();
    std::fs::write(dir.join("facts.csv"), "fact,answer\nholds_platinum,yes\n").unwrap();
    let out = certify(&dir, &["--industry", "E"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("facts.csv 2行目 fact:"), "{err}");

    let out = certify(&dir, &["--industry", "E", "--date", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_inputs_are_undecidable_not_errors() {
    let dir = temp_dir("empty");
    std::fs::write(
        dir.join("facts.csv"),
        "fact,answer\nno_serious_violations,no\n",
    )
    .unwrap();
    let out = certify(&dir, &["--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let k = mark(&v, "kurumin", Some("2025"));
    assert_eq!(criterion(k, "male_childcare_leave")["met"], Value::Null);
    assert_eq!(
        criterion(k, "no_serious_violations")["met"],
        false,
        "answered no"
    );
    assert_eq!(k["eligible"], false);
}

fn run_json(args: &[&str]) -> Value {
    let out = bin().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Issue 11, as reported: one 正社員 hired 2015-04-01 (基準日 every
/// 1 October), 20 days granted on 2026-10-01, 10 days of paid leave taken in
/// May 2026 (out of the 2025-10-01 grant). `kpi --fy 2026` says 10 ÷ 20 =
/// 50.0 %; `certify --fy 2026` must say the same for the 正社員 (the only
/// employee), and 10 days ÷ 1 worker = 10.0 days on average (≥ 10: met).
/// Before the fix certify printed 0.0 % and 0.0 days, not met.
#[test]
fn youth_yell_paid_leave_agrees_with_the_kpi_utilization() {
    let dir = temp_dir("paid-leave");
    std::fs::write(
        dir.join("employees.csv"),
        "employee_id,gender,hire_date,employment_type\nE1,female,2015-04-01,regular\n",
    )
    .unwrap();
    let mut attendance = String::from("employee_id,date,paid_leave_days\n");
    for d in [11, 12, 13, 14, 15, 18, 19, 20, 21, 22] {
        attendance.push_str(&format!("E1,2026-05-{d},1\n"));
    }
    std::fs::write(dir.join("attendance.csv"), attendance).unwrap();
    let data = dir.to_str().unwrap();

    let kpi = run_json(&["kpi", "--data", data, "--fy", "2026", "--format", "json"]);
    assert_eq!(kpi["paid_leave"]["utilization_rate_percent"], 50.0);
    assert_eq!(kpi["paid_leave"]["granted_days"], 20);
    assert_eq!(kpi["paid_leave"]["employees"][0]["taken_in_year"], 10.0);

    let args = [
        "certify",
        "--data",
        data,
        "--fy",
        "2026",
        "--date",
        "2027-06-01",
    ];
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let v = run_json(&json_args);
    let pl = criterion(mark(&v, "youth_yell", None), "paid_leave");
    assert_eq!(
        pl["value"],
        json!([
            {"what": "rate_percent", "value": 50.0},
            {"what": "average_days", "value": 10.0}
        ]),
        "{pl:#}"
    );
    assert_eq!(pl["met"], true);
    assert_eq!(pl["period"], "2026-04..2027-03");

    let out = bin().args(args).output().unwrap();
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(
        t.contains("取得率: 50.0% / 平均取得日数: 10.0日"),
        "the table prints the same figure: {t}"
    );
}

/// The readings of the 2025 くるみん criteria, end to end (FY2025, applying
/// 2026-06-01: both versions). One 正社員 M1, born 1960 (66: outside 25–39),
/// with 40 h of legal overtime every month; his spouse gave birth, he took
/// no leave (0 of 1); 1 employee, and facts.csv says the ≤ 300 special
/// provision for men applies.
/// - Hours: 40.0 h ≥ 30 h, and nobody is in the age band: くるみん 2025 is
///   判定できません with the reason; トライくるみん 2025 is judged on < 45 h:
///   met. 40 h < 60 h: the 60 h rule is met.
/// - Men: 0 % fails every rate; the special provision meets it for
///   トライくるみん and くるみん, not for プラチナくるみん.
#[test]
fn the_2025_readings_through_the_binary() {
    let dir = temp_dir("readings");
    std::fs::write(
        dir.join("employees.csv"),
        "employee_id,gender,hire_date,employment_type,birth_date\n\
         M1,male,2015-04-01,regular,1960-01-15\n",
    )
    .unwrap();
    let mut attendance = String::from("employee_id,date,legal_overtime_minutes\n");
    for (y, m) in (4..=12)
        .map(|m| (2025, m))
        .chain((1..=3).map(|m| (2026, m)))
    {
        attendance.push_str(&format!("M1,{y}-{m:02}-10,2400\n"));
    }
    std::fs::write(dir.join("attendance.csv"), attendance).unwrap();
    std::fs::write(
        dir.join("family_events.csv"),
        "employee_id,event,date\nM1,birth,2025-06-01\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("leaves.csv"),
        "employee_id,kind,start_date,end_date\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("facts.csv"),
        "fact,answer\nsmall_employer_male_special,yes\n",
    )
    .unwrap();

    let out = certify(&dir, &["--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let k25 = mark(&v, "kurumin", Some("2025"));
    let hours = criterion(k25, "full_time_monthly_hours");
    assert_eq!(hours["met"], Value::Null, "{hours:#}");
    assert_eq!(hours["gap"]["options"][0]["kind"], "nobody_in_group");
    assert_eq!(
        hours["gap"]["options"][0]["months"]
            .as_array()
            .unwrap()
            .len(),
        12
    );
    assert_eq!(criterion(k25, "no_worker_60h")["met"], true);
    let t25 = mark(&v, "try_kurumin", Some("2025"));
    assert_eq!(criterion(t25, "full_time_monthly_hours")["met"], true);
    assert_eq!(criterion(t25, "full_time_monthly_hours")["value"], 40.0);
    assert_eq!(criterion(t25, "no_worker_60h")["met"], true);

    for (id, met) in [
        ("try_kurumin", true),
        ("kurumin", true),
        ("platinum_kurumin", false),
    ] {
        let m = mark(&v, id, Some("2025"));
        assert_eq!(criterion(m, "male_childcare_leave")["met"], met, "{id}");
    }

    let out = certify(&dir, &[]);
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(
        t.contains("と3月には25〜39歳のフルタイム労働者がいないため、この方法では判定できません（平均が存在しません）。"),
        "{t}"
    );
}
