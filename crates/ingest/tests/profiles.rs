//! Mapping profiles: each preset reads its vendor layout (CP932 made with
//! encoding_rs for the CP932 ones) into exactly the figures of the
//! equivalent canonical file; the time formats; header suggestion; user
//! profiles and their errors.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use ingest::profile::{self, parse_profile, preset, presets, suggest};
use ingest::{AttendanceReader, IngestError, Profile, TimeFormat};
use jiff::civil::date;
use kpi::{AttendanceDay, DayType, Settings, Work};
use serde_json::{Value, json};

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ingest-profile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn cp932(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "fixture not encodable in CP932");
    bytes.into_owned()
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn read_rows(profile: &Profile, bytes: Vec<u8>) -> Result<Vec<AttendanceDay>, IngestError> {
    let mut r = AttendanceReader::with_profile("attendance.csv", Cursor::new(bytes), profile)?;
    let mut row = AttendanceDay::new("", date(2000, 1, 1));
    let mut out = Vec::new();
    while r.read_row(&mut row)? {
        out.push(row.clone());
    }
    Ok(out)
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The report of files read through `profile`, as JSON.
fn report(
    attendance: &Path,
    employees: Option<&Path>,
    profile: &Profile,
) -> Result<Value, IngestError> {
    let (r, _) = ingest::compute_files_with_profile(
        Some(attendance),
        employees,
        None,
        None,
        2026,
        Settings::default(),
        profile,
    )?;
    Ok(serde_json::to_value(&r).unwrap())
}

/// The canonical roster of the daily fixtures: E001 (man, hired
/// 2020-04-01: 20 days on 2026-10-01), E002 (woman, hired 2026-04-01: 10
/// days on 2026-10-01).
const EMPLOYEES: &str =
    "employee_id,gender,hire_date\nE001,male,2020-04-01\nE002,female,2026-04-01\n";

/// The daily fixture in the canonical format. By hand:
///
/// E001: Wed 04-01 9:00–20:00 − 60 = 600 → 120 daily overtime. Week Sun
/// 04-05 … Sat 04-11: Mon–Fri 9:00–18:00 − 60 = 480 each (2,400 = 40 h),
/// Sat 所定休日 9:00–13:00 = 240, all past 40 h → 240 weekly overtime. Sun
/// 04-12 法定休日 10:00–15:00 − 60 = 240 legal-holiday work. Mon 04-13 a day
/// of paid leave; Tue 04-14 9:00–18:15 − 75 (the 1 h 15 min break of every
/// time format) = 480, no overtime; Wed 04-15 half a day of leave and
/// 14:00–18:00; Thu 04-16 9:00–16:00 − 60 and 2 h of hourly leave.
/// April: overtime 360, holiday 240; leave 1.5 days and 120 min.
///
/// E002: Thu 05-07 8:30–22:00 − 90 = 720 → 240 overtime.
///
/// Average monthly overtime (360 + 240 + 240) ÷ 60 ÷ 12 ÷ 2 = 0.583… → 0.6
/// h. Paid leave: 1.5 days taken of 30 granted in the year → 5.0 %.
const CANONICAL_DAILY: &str = "\
employee_id,date,day_type,start,end,break_minutes,paid_leave_days,paid_leave_hours
E001,2026-04-01,workday,9:00,20:00,60,,
E001,2026-04-06,workday,9:00,18:00,60,,
E001,2026-04-07,workday,9:00,18:00,60,,
E001,2026-04-08,workday,9:00,18:00,60,,
E001,2026-04-09,workday,9:00,18:00,60,,
E001,2026-04-10,workday,9:00,18:00,60,,
E001,2026-04-11,holiday,9:00,13:00,0,,
E001,2026-04-12,legal_holiday,10:00,15:00,60,,
E001,2026-04-13,workday,,,,1,
E001,2026-04-14,workday,9:00,18:15,75,,
E001,2026-04-15,workday,14:00,18:00,0,0.5,
E001,2026-04-16,workday,9:00,16:00,60,,2
E002,2026-05-07,workday,8:30,22:00,90,,
";

/// The same days as a KING OF TIME-style export (durations H:MM).
const KOT_DAILY: &str = "\
従業員コード,従業員名,所属名,日付,曜日,勤務日種別,出勤時刻,退勤時刻,休憩時間,労働時間,残業時間,有休,時間有休
E001,山田太郎,営業部,2026/04/01,水,平日,09:00,20:00,1:00,10:00,2:00,0,0:00
E001,山田太郎,営業部,2026/04/06,月,平日,09:00,18:00,1:00,8:00,0:00,0,0:00
E001,山田太郎,営業部,2026/04/07,火,平日,09:00,18:00,1:00,8:00,0:00,0,0:00
E001,山田太郎,営業部,2026/04/08,水,平日,09:00,18:00,1:00,8:00,0:00,0,0:00
E001,山田太郎,営業部,2026/04/09,木,平日,09:00,18:00,1:00,8:00,0:00,0,0:00
E001,山田太郎,営業部,2026/04/10,金,平日,09:00,18:00,1:00,8:00,0:00,0,0:00
E001,山田太郎,営業部,2026/04/11,土,所定休日,09:00,13:00,0:00,4:00,0:00,0,0:00
E001,山田太郎,営業部,2026/04/12,日,法定休日,10:00,15:00,1:00,4:00,0:00,0,0:00
E001,山田太郎,営業部,2026/04/13,月,平日,,,0:00,0:00,0:00,1,0:00
E001,山田太郎,営業部,2026/04/14,火,平日,09:00,18:15,1:15,8:00,0:00,0,0:00
E001,山田太郎,営業部,2026/04/15,水,平日,14:00,18:00,0:00,4:00,0:00,0.5,0:00
E001,山田太郎,営業部,2026/04/16,木,平日,09:00,16:00,1:00,6:00,0:00,0,2:00
E002,佐藤花子,総務部,2026/05/07,木,平日,08:30,22:00,1:30,12:00,4:00,0,0:00
";

/// The same days as a ジョブカン-style export (durations in decimal hours).
const JOBCAN_DAILY: &str = "\
スタッフID,姓,名,日付,休日区分,出勤,退勤,休憩,労働時間,有給休暇,時間有給
E001,山田,太郎,2026/04/01,平日,9:00,20:00,1.00,10.00,0,0
E001,山田,太郎,2026/04/06,平日,9:00,18:00,1,8.00,0,0
E001,山田,太郎,2026/04/07,平日,9:00,18:00,1,8.00,0,0
E001,山田,太郎,2026/04/08,平日,9:00,18:00,1,8.00,0,0
E001,山田,太郎,2026/04/09,平日,9:00,18:00,1,8.00,0,0
E001,山田,太郎,2026/04/10,平日,9:00,18:00,1,8.00,0,0
E001,山田,太郎,2026/04/11,法定外休日,9:00,13:00,0,4.00,0,0
E001,山田,太郎,2026/04/12,法定休日,10:00,15:00,1.0,4.00,0,0
E001,山田,太郎,2026/04/13,平日,,,,0,1,0
E001,山田,太郎,2026/04/14,平日,9:00,18:15,1.25,8.00,0,0
E001,山田,太郎,2026/04/15,平日,14:00,18:00,0,4.00,0.5,0
E001,山田,太郎,2026/04/16,平日,9:00,16:00,1,6.00,0,2
E002,佐藤,花子,2026/05/07,平日,8:30,22:00,1.5,12.00,0,0
";

fn check_daily_figures(v: &Value) {
    let emps = v["overtime"]["employees"].as_array().unwrap();
    assert_eq!(emps.len(), 2);
    assert_eq!(
        emps[0]["months"],
        json!([{"month": "2026-04", "legal_overtime_minutes": 360, "legal_holiday_minutes": 240}])
    );
    assert_eq!(
        emps[1]["months"],
        json!([{"month": "2026-05", "legal_overtime_minutes": 240, "legal_holiday_minutes": 0}])
    );
    assert_eq!(v["overtime"]["average_monthly_overtime_hours"], 0.6);
    assert_eq!(v["paid_leave"]["utilization_rate_percent"], 5.0);
    assert_eq!(v["paid_leave"]["hourly_leave_minutes"], 120);
}

fn canonical_report(dir: &Path) -> Value {
    let att = write(dir, "canonical.csv", CANONICAL_DAILY);
    let emp = write(dir, "employees.csv", EMPLOYEES);
    let v = report(&att, Some(&emp), &preset("canonical").unwrap()).unwrap();
    check_daily_figures(&v);
    v
}

#[test]
fn presets_are_listed_in_display_order_and_parse() {
    let names: Vec<String> = presets().into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["canonical", "kingoftime", "jobcan", "freee"]);
    let kot = preset("kingoftime").unwrap();
    assert_eq!(kot.label_ja, "KING OF TIME形式（日次）");
    assert_eq!(kot.encoding.as_deref(), Some("cp932"));
    assert_eq!(kot.time_format, TimeFormat::HMm);
    assert_eq!(preset("jobcan").unwrap().time_format, TimeFormat::Decimal);
    let freee = preset("freee").unwrap();
    assert_eq!(freee.time_format, TimeFormat::Base60);
    assert!(freee.monthly_summary);
    assert_eq!(freee.encoding.as_deref(), Some("utf-8"));
    assert!(preset("nope").is_none());
}

#[test]
fn the_canonical_preset_reads_exactly_like_the_canonical_reader() {
    let text = "社員番号,日付,勤務区分,出勤,退勤,休憩,法定時間外,法定休日労働,有給,時間単位年休\n\
                Ｅ００１,2026/04/01,平日,9:00,20:00,1:00,,,,1.5\n\
                E001,2026-04-02,workday,,,,45,,0.5,\n\
                E001,2026-04-05,法定休日,,,,,300,,\n";
    let canonical = preset("canonical").unwrap();
    let via_profile = read_rows(&canonical, cp932(text)).unwrap();
    let mut r = AttendanceReader::new("attendance.csv", Cursor::new(cp932(text))).unwrap();
    let mut row = AttendanceDay::new("", date(2000, 1, 1));
    let mut direct = Vec::new();
    while r.read_row(&mut row).unwrap() {
        direct.push(row.clone());
    }
    assert_eq!(via_profile, direct);
    assert_eq!(via_profile[0].paid_leave_hourly_minutes, 90);
    // The same error, word for word.
    let bad = "employee_id,date\nE001,2026-02-30\n";
    let e1 = read_rows(&canonical, bad.as_bytes().to_vec()).unwrap_err();
    let e2 = AttendanceReader::new("attendance.csv", Cursor::new(bad.as_bytes().to_vec()))
        .and_then(|mut r| r.read_row(&mut row))
        .unwrap_err();
    assert_eq!(e1, e2);
    assert_eq!(
        e1.to_string(),
        "attendance.csv 2行目 date: 2026-02-30 は存在しない日付です"
    );
    // And the missing-header message.
    let e1 = read_rows(&canonical, b"a,b\n".to_vec()).unwrap_err();
    let e2 = AttendanceReader::new("attendance.csv", Cursor::new(b"a,b\n".to_vec())).unwrap_err();
    assert_eq!(e1, e2);
}

#[test]
fn kingoftime_cp932_gives_the_canonical_figures() {
    let dir = temp_dir("kot");
    let expected = canonical_report(&dir);
    let kot = preset("kingoftime").unwrap();
    let att = write(&dir, "kot.csv", cp932(&crlf(KOT_DAILY)));
    // The roster in the profile's [employees] names, CP932 too.
    let emp = write(
        &dir,
        "kot_employees.csv",
        cp932(
            "従業員コード,氏名,性別,入社日,退職日,雇用区分\r\nE001,山田太郎,男性,2020/04/01,,正社員\r\nE002,佐藤花子,女性,2026/04/01,,正社員\r\n",
        ),
    );
    let v = report(&att, Some(&emp), &kot).unwrap();
    check_daily_figures(&v);
    assert_eq!(v, expected);

    let rows = read_rows(&kot, cp932(KOT_DAILY)).unwrap();
    assert_eq!(rows[6].day_type, DayType::Holiday);
    assert_eq!(rows[7].day_type, DayType::LegalHoliday);
    assert_eq!(rows[8].work, Work::None);
    assert_eq!(rows[8].paid_leave_half_days, 2);
    assert_eq!(
        rows[9].work,
        Work::Clock {
            start_minute: 540,
            end_minute: 1095,
            break_minutes: 75
        }
    );
    assert_eq!(rows[11].paid_leave_hourly_minutes, 120);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn jobcan_cp932_gives_the_canonical_figures() {
    let dir = temp_dir("jobcan");
    let expected = canonical_report(&dir);
    let att = write(&dir, "jobcan.csv", cp932(&crlf(JOBCAN_DAILY)));
    let emp = dir.join("employees.csv");
    let v = report(&att, Some(&emp), &preset("jobcan").unwrap()).unwrap();
    check_daily_figures(&v);
    assert_eq!(v, expected);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A freee-style monthly summary (UTF-8, base-60 hours). By hand:
///
/// E001 April: 法定外残業 12.30 = 750 min, 法定休日労働 4.00 = 240, 2.5 days
/// of leave and 1.30 = 90 min of hourly leave; May: 100.00 = 6,000 min,
/// exactly 100 h: a `monthly_100h` breach, and over 45 h: months_over_limit
/// 1; April–May average (990 + 6,000) ÷ 2 = 3,495 min, under 80 h.
/// E002: April 0.45 = 45 min, May 1.05 = 65 min.
/// Average monthly overtime (6,750 + 240 + 110) ÷ 60 ÷ 12 ÷ 2 = 4.93… → 4.9 h.
/// Paid leave: 2.5 days of 30 granted → 8.3 %.
const FREEE_MONTHLY: &str = "\
従業員番号,氏名,対象年月,出勤日数,総労働時間,法定外残業,法定休日労働,有給取得日数,時間単位有給
E001,山田太郎,2026/04,19,170.30,12.30,4.00,2.5,1.30
E001,山田太郎,2026/05,21,268.00,100.00,0.00,0,0
E002,佐藤花子,2026/04,21,168.45,0.45,0.00,0,0
E002,佐藤花子,2026-05,20,161.05,1.05,,0,
";

/// The same as canonical precomputed rows on the 1st of each month (the
/// 2.5 days split into rows of at most one day).
const FREEE_CANONICAL: &str = "\
employee_id,date,legal_overtime_minutes,legal_holiday_minutes,paid_leave_days,paid_leave_hours
E001,2026-04-01,750,240,1,1.5
E001,2026-04-01,,,1,
E001,2026-04-01,,,0.5,
E001,2026-05-01,6000,0,,
E002,2026-04-01,45,0,,
E002,2026-05-01,65,,,
";

#[test]
fn freee_monthly_summary_gives_the_canonical_figures() {
    let dir = temp_dir("freee");
    let emp = write(&dir, "employees.csv", EMPLOYEES);
    let canonical = write(&dir, "canonical.csv", FREEE_CANONICAL);
    let expected = report(&canonical, Some(&emp), &preset("canonical").unwrap()).unwrap();
    let att = write(&dir, "freee.csv", FREEE_MONTHLY);
    let v = report(&att, Some(&emp), &preset("freee").unwrap()).unwrap();
    assert_eq!(v, expected);
    let e1 = &v["overtime"]["employees"][0];
    assert_eq!(
        e1["months"],
        json!([
            {"month": "2026-04", "legal_overtime_minutes": 750, "legal_holiday_minutes": 240},
            {"month": "2026-05", "legal_overtime_minutes": 6000, "legal_holiday_minutes": 0}
        ])
    );
    assert_eq!(e1["annual_legal_overtime_minutes"], 6750);
    assert_eq!(e1["months_over_limit"], 1);
    assert_eq!(
        e1["violations"],
        json!([{"rule": "monthly_100h", "month": "2026-05"}])
    );
    assert_eq!(
        v["overtime"]["employees"][1]["annual_legal_overtime_minutes"],
        110
    );
    assert_eq!(v["overtime"]["average_monthly_overtime_hours"], 4.9);
    assert_eq!(v["paid_leave"]["utilization_rate_percent"], 8.3);
    assert_eq!(v["paid_leave"]["hourly_leave_minutes"], 90);

    let rows = read_rows(&preset("freee").unwrap(), FREEE_MONTHLY.as_bytes().to_vec()).unwrap();
    assert_eq!(rows[0].date, date(2026, 4, 1));
    assert_eq!(rows[0].paid_leave_half_days, 5);
    assert_eq!(
        rows[0].work,
        Work::Precomputed {
            legal_overtime_minutes: 750,
            legal_holiday_minutes: 240
        }
    );
    assert_eq!(rows[3].date, date(2026, 5, 1));

    // A month that does not exist, and leave that is not in half days.
    let bad = FREEE_MONTHLY.replace("2026-05,20", "2026-13,20");
    let e = read_rows(&preset("freee").unwrap(), bad.into_bytes()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "attendance.csv 5行目 date（対象年月）: 2026-13 は存在しない年月です"
    );
    let bad = FREEE_MONTHLY.replace("4.00,2.5,", "4.00,2.3,");
    let e = read_rows(&preset("freee").unwrap(), bad.into_bytes()).unwrap_err();
    assert_eq!(e.line, Some(2));
    assert_eq!(e.column.as_deref(), Some("paid_leave_days（有給取得日数）"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn each_time_format_parses_its_examples_and_rejects_bad_input() {
    use TimeFormat::*;
    // 75 minutes in every format.
    assert_eq!(Decimal.parse("1.25").unwrap(), 75);
    assert_eq!(Base60.parse("1.15").unwrap(), 75);
    assert_eq!(Minutes.parse("75").unwrap(), 75);
    assert_eq!(HMm.parse("1:15").unwrap(), 75);
    // H:MM is accepted by all (a colon is unambiguous).
    for f in [Decimal, Base60, Minutes, HMm] {
        assert_eq!(f.parse("1:15").unwrap(), 75, "{f:?}");
    }
    assert_eq!(Decimal.parse("0.5").unwrap(), 30);
    assert_eq!(Decimal.parse("8").unwrap(), 480);
    assert_eq!(Base60.parse("12.30").unwrap(), 750);
    assert_eq!(Base60.parse("8").unwrap(), 480);
    assert_eq!(Base60.parse("0.05").unwrap(), 5);
    assert_eq!(Minutes.parse("0").unwrap(), 0);
    assert_eq!(HMm.parse("120:30").unwrap(), 7230);
    assert_eq!(HMm.parse("0:00").unwrap(), 0);

    for (f, bad) in [
        (Decimal, "0.01"), // 0.6 minutes
        (Decimal, "abc"),
        (Decimal, "-1"),
        (Base60, "1.75"), // 75 is not a minute
        (Base60, "1.5"),  // ambiguous: two digits after the dot
        (Base60, "1.150"),
        (Minutes, "1.25"),
        (Minutes, "-5"),
        (HMm, "75"),
        (HMm, "1.15"),
        (HMm, "1:5"),
        (HMm, "1:60"),
    ] {
        assert!(f.parse(bad).is_err(), "{f:?} accepted {bad}");
    }

    // In a file: the error names the file, the line and the column.
    for (format, good, bad, reason) in [
        (
            "decimal",
            "1.25",
            "1.3.0",
            "1.3.0 は時間数として読めません（例 40、29.5、1:30）",
        ),
        (
            "base60",
            "1.15",
            "1.75",
            "1.75 は時間数（時.分）として読めません（例 1.15 は 1時間15分、12.30 は 12時間30分）",
        ),
        (
            "minutes",
            "75",
            "1.25",
            "1.25 は分数として読めません（0 以上の整数の分、または H:MM）",
        ),
        (
            "h_mm",
            "1:15",
            "75",
            "75 は時間（H:MM）として読めません（例 1:15 は 1時間15分）",
        ),
    ] {
        let p = parse_profile(
            "test.toml",
            &format!(
                "name = \"t\"\nlabel_ja = \"t\"\nlabel_en = \"t\"\ntime_format = \"{format}\"\n\
                 [attendance]\nemployee_id = \"ID\"\ndate = \"日付\"\nstart = \"出勤\"\nend = \"退勤\"\nbreak = \"休憩\"\n"
            ),
        )
        .unwrap();
        let text = format!(
            "ID,日付,出勤,退勤,休憩\nE1,2026-04-01,9:00,18:15,{good}\nE1,2026-04-02,9:00,18:00,{bad}\n"
        );
        let err = read_rows(&p, text.clone().into_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("attendance.csv 3行目 break_minutes（休憩）: {reason}"),
            "{format}"
        );
        assert!(
            err.message_en()
                .starts_with("attendance.csv line 3, column break_minutes（休憩）: ")
        );
        let text = text.lines().take(2).collect::<Vec<_>>().join("\n");
        let rows = read_rows(&p, text.into_bytes()).unwrap();
        assert_eq!(
            rows[0].work,
            Work::Clock {
                start_minute: 540,
                end_minute: 1095,
                break_minutes: 75
            },
            "{format}"
        );
    }
}

fn preset_header(name: &str) -> String {
    match name {
        "canonical" => CANONICAL_DAILY,
        "kingoftime" => KOT_DAILY,
        "jobcan" => JOBCAN_DAILY,
        "freee" => FREEE_MONTHLY,
        _ => unreachable!(),
    }
    .to_string()
}

#[test]
fn suggest_picks_the_preset_of_each_header_in_utf8_and_cp932() {
    for name in ["canonical", "kingoftime", "jobcan", "freee"] {
        let text = preset_header(name);
        assert_eq!(suggest(text.as_bytes()), Some(name), "{name} UTF-8");
        assert_eq!(suggest(&cp932(&crlf(&text))), Some(name), "{name} CP932");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(suggest(&bom), Some(name), "{name} UTF-8 BOM");
        // Only the first bytes (a cut in the middle of a line or character).
        let bytes = cp932(&text);
        assert_eq!(
            suggest(&bytes[..bytes.len().min(300)]),
            Some(name),
            "{name} cut"
        );
    }
    // A canonical file with Japanese aliases is canonical.
    assert_eq!(
        suggest(&cp932(
            "社員番号,日付,出勤,退勤,休憩\r\nE001,2026/04/01,9:00,18:00,60\r\n"
        )),
        Some("canonical")
    );
    // The KOT header with only some of its columns is still KOT.
    assert_eq!(
        suggest("従業員コード,日付,出勤時刻,退勤時刻,休憩時間\n".as_bytes()),
        Some("kingoftime")
    );
    // Unknown headers.
    assert_eq!(suggest(b"foo,bar,baz\n1,2,3\n"), None);
    assert_eq!(suggest(&cp932("氏名,部署,電話番号\n")), None);
    assert_eq!(suggest(b""), None);
    // Data without a header is not a header.
    assert_eq!(suggest(b"E001,2026-04-01,9:00,18:00,60\n"), None);
}

const USER_PROFILE: &str = r#"
# 自社の勤怠システムの出力
name = "our-system"
label_ja = "自社システム"
label_en = "Our system"
encoding = "cp932"
time_format = "minutes"
paid_leave_hours_format = "h_mm"

[attendance]
employee_id = ["社員No", "社員No."]
date = "勤務日"
day_type = "区分"
start = "始業"
end = "終業"
break = "休憩(分)"
paid_leave_days = "年休"
paid_leave_hours = "時間年休"

[day_types]
"出勤" = "workday"
"公休" = "holiday"
"法休" = "legal_holiday"
"日祝" = "legal_holiday"
"#;

#[test]
fn a_user_defined_profile_loads_and_reads_its_layout() {
    let dir = temp_dir("user");
    let path = write(&dir, "our.toml", USER_PROFILE);
    let p = profile::load_profile(&path).unwrap();
    assert_eq!(p.name, "our-system");
    assert_eq!(p.paid_leave_hours_format, Some(TimeFormat::HMm));
    let rows = read_rows(
        &p,
        cp932("社員No.,勤務日,区分,始業,終業,休憩（分）,年休,時間年休\r\n１０１,2026/04/05,日祝,10:00,12:00,0,,\r\n101,2026/04/06,出勤,9:00,18:00,60,0.5,1:30\r\n"),
    )
    .unwrap();
    assert_eq!(rows[0].employee_id, "101");
    assert_eq!(rows[0].day_type, DayType::LegalHoliday);
    assert_eq!(rows[1].day_type, DayType::Workday);
    assert_eq!(rows[1].paid_leave_half_days, 1);
    assert_eq!(rows[1].paid_leave_hourly_minutes, 90);
    // A missing column is named with the profile's header.
    let e = read_rows(&p, cp932("社員No,日付\r\n")).unwrap_err();
    assert!(
        e.to_string().contains("必要な列 date がありません")
            && e.to_string().contains("date（勤務日）"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_profile_gives_a_clear_error() {
    let cases: &[(&str, &str, Option<u64>, &str)] = &[
        // TOML syntax
        (
            "name = \"x\"\nlabel_ja = \n",
            "bad.toml",
            Some(2),
            "マッピングプロファイルとして読めません",
        ),
        // unknown key (a typo)
        (
            "name = \"x\"\nlabel_ja = \"x\"\nlabel_en = \"x\"\ntime_format = \"minutes\"\n[attendence]\nemployee_id = \"ID\"\n",
            "bad.toml",
            Some(5),
            "attendence",
        ),
        // bad time format
        (
            "name = \"x\"\nlabel_ja = \"x\"\nlabel_en = \"x\"\ntime_format = \"hours\"\n",
            "bad.toml",
            Some(4),
            "hours",
        ),
        // missing key
        (
            "name = \"x\"\nlabel_ja = \"x\"\nlabel_en = \"x\"\n",
            "bad.toml",
            None,
            "time_format",
        ),
        // required field not mapped
        (
            "name = \"x\"\nlabel_ja = \"x\"\nlabel_en = \"x\"\ntime_format = \"minutes\"\n[attendance]\nemployee_id = \"ID\"\n",
            "bad.toml",
            None,
            "[attendance] に date の見出しがありません",
        ),
        // clock times in a monthly summary
        (
            "name = \"x\"\nlabel_ja = \"x\"\nlabel_en = \"x\"\ntime_format = \"base60\"\nmonthly_summary = true\n[attendance]\nemployee_id = \"ID\"\ndate = \"年月\"\nstart = \"出勤\"\nend = \"退勤\"\n",
            "bad.toml",
            None,
            "start, end を指定できません",
        ),
        // start without end
        (
            "name = \"x\"\nlabel_ja = \"x\"\nlabel_en = \"x\"\ntime_format = \"minutes\"\n[attendance]\nemployee_id = \"ID\"\ndate = \"日\"\nstart = \"出勤\"\n",
            "bad.toml",
            None,
            "start と end は両方",
        ),
        // encoding
        (
            "name = \"x\"\nlabel_ja = \"x\"\nlabel_en = \"x\"\ntime_format = \"minutes\"\nencoding = \"latin1\"\n",
            "bad.toml",
            None,
            "encoding = \"latin1\" は使えません",
        ),
        // the same header for two fields
        (
            "name = \"x\"\nlabel_ja = \"x\"\nlabel_en = \"x\"\ntime_format = \"minutes\"\n[attendance]\nemployee_id = \"ID\"\ndate = \"日\"\npaid_leave_days = \"有休\"\npaid_leave_hours = \"有休\"\n",
            "bad.toml",
            None,
            "「有休」が paid_leave_days と paid_leave_hours の両方",
        ),
        // name
        (
            "name = \"My Profile\"\nlabel_ja = \"x\"\nlabel_en = \"x\"\ntime_format = \"minutes\"\n",
            "bad.toml",
            None,
            "英小文字",
        ),
    ];
    for (text, file, line, needle) in cases {
        let e = parse_profile(file, text).unwrap_err();
        assert_eq!(e.file, *file);
        assert_eq!(e.line, *line, "{text}: {e} / {:?}", e.reason_en);
        assert!(e.to_string().contains(needle), "{text}: {e}");
        assert!(e.to_string().starts_with("bad.toml"), "{e}");
        assert!(!e.message_en().is_empty());
    }
    // A file that does not exist.
    let e = profile::load_profile(Path::new("/nonexistent/p.toml")).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("/nonexistent/p.toml: プロファイルを読めません"),
        "{e}"
    );
}

#[test]
fn the_profile_encoding_decides_only_when_the_bytes_cannot() {
    let kot = preset("kingoftime").unwrap();
    // UTF-8 (Japanese header, no BOM) is read as UTF-8 even though the
    // profile says CP932.
    let rows = read_rows(&kot, KOT_DAILY.as_bytes().to_vec()).unwrap();
    assert_eq!(rows.len(), 13);
    let mut r =
        AttendanceReader::with_profile("a.csv", Cursor::new(KOT_DAILY.as_bytes().to_vec()), &kot)
            .unwrap();
    assert_eq!(r.encoding(), ingest::DetectedEncoding::Utf8);
    let mut row = AttendanceDay::new("", date(2000, 1, 1));
    assert!(r.read_row(&mut row).unwrap());
    // An ASCII-only start followed by CP932 text: the profile's CP932 reads
    // it where detection alone would have stopped at the first Japanese
    // byte.
    let p = parse_profile(
        "p.toml",
        "name = \"p\"\nlabel_ja = \"p\"\nlabel_en = \"p\"\nencoding = \"cp932\"\ntime_format = \"minutes\"\n\
         [attendance]\nemployee_id = \"id\"\ndate = \"date\"\nday_type = \"type\"\n",
    )
    .unwrap();
    let mut text = String::from("id,date,type\n");
    for d in 1..=30 {
        text.push_str(&format!("E1,2026-04-{d:02},workday\n"));
    }
    text.push_str("E1,2026-05-01,法定休日\n");
    let mut bytes = cp932(&text);
    // Pad the ASCII part past the sniffing window.
    let pad = "E0,2026-03-31,workday\n".repeat(ingest::source::SNIFF_BYTES / 20);
    let header_len = "id,date,type\n".len();
    bytes.splice(header_len..header_len, pad.bytes());
    let mut r = AttendanceReader::with_profile("a.csv", Cursor::new(bytes.clone()), &p).unwrap();
    assert_eq!(r.encoding(), ingest::DetectedEncoding::Cp932);
    let mut last = None;
    while r.read_row(&mut row).unwrap() {
        last = Some(row.day_type);
    }
    assert_eq!(last, Some(DayType::LegalHoliday));
    // Detected alone (canonical): an error at that line.
    assert!(read_rows(&preset("canonical").unwrap(), bytes).is_err());
}

#[test]
fn the_presets_in_docs_formats_md_are_the_shipped_ones() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/formats.md"
    ))
    .unwrap();
    let start = doc.find("### The presets").unwrap();
    let end = doc[start..].find("\n### ").unwrap() + start;
    let section = &doc[start..end];
    let mut found = Vec::new();
    for block in section.split("```toml\n").skip(1) {
        let text = &block[..block.find("```").unwrap()];
        let p = parse_profile("docs/formats.md", text).unwrap();
        assert_eq!(Some(&p), preset(&p.name).as_ref(), "{}", p.name);
        found.push(p.name);
    }
    assert_eq!(found, ["kingoftime", "jobcan", "freee"]);
    // The example of every key parses too.
    let start = doc.find("### The TOML format").unwrap();
    let block = &doc[start..];
    let block = &block[block.find("```toml\n").unwrap() + 8..];
    let p = parse_profile("docs/formats.md", &block[..block.find("```").unwrap()]).unwrap();
    assert_eq!(p.name, "our-system");
}
