//! Reading the canonical files: encodings, aliases, full-width digits, and
//! the exact error messages.

use std::io::Cursor;
use std::path::PathBuf;

use ingest::{AttendanceReader, DetectedEncoding, IngestError};
use jiff::civil::date;
use kpi::{AttendanceDay, DayType, EmploymentType, Gender, LeaveKind, Position, Settings, Work};

fn read_all(
    file: &str,
    bytes: Vec<u8>,
) -> Result<(Vec<AttendanceDay>, DetectedEncoding), IngestError> {
    let mut r = AttendanceReader::new(file, Cursor::new(bytes))?;
    let mut row = AttendanceDay::new("", date(2000, 1, 1));
    let mut out = Vec::new();
    while r.read_row(&mut row)? {
        out.push(row.clone());
    }
    Ok((out, r.encoding()))
}

fn attendance_err(text: &str) -> IngestError {
    read_all("attendance.csv", text.as_bytes().to_vec()).unwrap_err()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ingest-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn utf8_with_bom_japanese_aliases_and_full_width_digits() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(
        "社員番号,性別,入社日,退職日,雇用形態,週所定労働日数,週所定労働時間,役職,事業場外みなし\n\
         Ｅ００１, 女性 ,２０２０／０４／０１,,正社員,,,係長級,はい\n\
         E002,M,2019/4/1,2026/3/31,part_time,３,２９．５,,\n"
            .as_bytes(),
    );
    let emps = ingest::read_employees("employees.csv", Cursor::new(bytes)).unwrap();
    assert_eq!(emps.len(), 2);
    let a = &emps[0];
    assert_eq!(a.employee_id, "E001");
    assert_eq!(a.gender, Gender::Female);
    assert_eq!(a.hire_date, date(2020, 4, 1));
    assert_eq!(a.leave_date, None);
    assert_eq!(a.employment_type, EmploymentType::Regular);
    assert_eq!(a.weekly_days, 5);
    assert_eq!(a.weekly_minutes, 2400);
    assert_eq!(a.position, Position::Chief);
    assert!(a.deemed_hours);
    let b = &emps[1];
    assert_eq!(b.gender, Gender::Male);
    assert_eq!(b.leave_date, Some(date(2026, 3, 31)));
    assert_eq!(b.employment_type, EmploymentType::PartTime);
    assert_eq!(b.weekly_days, 3);
    assert_eq!(b.weekly_minutes, 1770);
    assert_eq!(b.position, Position::Staff);
}

#[test]
fn cp932_attendance_with_japanese_header_is_detected_and_decoded() {
    let text = "従業員番号,日付,勤務区分,出勤,退勤,休憩（分）,有給,備考\r\n\
                E001,2026/04/01,平日,9:00,19:30,60,,残業あり①\r\n\
                E001,2026/04/05,法定休日,10:00,15:00,60,,髙橋さんと交代\r\n\
                E001,2026/04/06,,,,,１,有給休暇\r\n\
                E001,2026/04/07,,14:00,18:00,0,0.5,午前半休\r\n";
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable);
    // CP932 bytes are not UTF-8: that is what detection relies on.
    assert!(std::str::from_utf8(&bytes).is_err());
    let (rows, enc) = read_all("attendance.csv", bytes.into_owned()).unwrap();
    assert_eq!(enc, DetectedEncoding::Cp932);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].employee_id, "E001");
    assert_eq!(rows[0].date, date(2026, 4, 1));
    assert_eq!(rows[0].day_type, DayType::Workday);
    assert_eq!(
        rows[0].work,
        Work::Clock {
            start_minute: 540,
            end_minute: 1170,
            break_minutes: 60
        }
    );
    assert_eq!(rows[1].day_type, DayType::LegalHoliday);
    assert_eq!(rows[2].work, Work::None);
    assert_eq!(rows[2].paid_leave_half_days, 2);
    assert_eq!(rows[3].paid_leave_half_days, 1);
}

#[test]
fn cp932_error_messages_name_the_alias_column() {
    let text = "社員番号,日付,出勤,退勤\r\nE001,2026/02/30,9:00,18:00\r\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let e = read_all("attendance.csv", bytes.into_owned()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "attendance.csv 2行目 date（日付）: 2026/02/30 は存在しない日付です"
    );
}

#[test]
fn utf8_without_bom_precomputed_and_clock_rows() {
    let text = "employee_id,date,day_type,start,end,break_minutes,legal_overtime_minutes,legal_holiday_minutes,paid_leave_days,paid_leave_hours\n\
                E001,2026-04-01,workday,9:00,25:30,60,,,,\n\
                \n\
                E001,2026-04-02,workday,9:00,18:00,60,30,,,\n\
                \"E001\" , 2026-04-03 ,holiday,,,,,,,2\n";
    let (rows, enc) = read_all("attendance.csv", text.as_bytes().to_vec()).unwrap();
    assert_eq!(enc, DetectedEncoding::Utf8);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0].work,
        Work::Clock {
            start_minute: 540,
            end_minute: 1530,
            break_minutes: 60
        }
    );
    // A row with a precomputed value uses it, not the clock times.
    assert_eq!(
        rows[1].work,
        Work::Precomputed {
            legal_overtime_minutes: 30,
            legal_holiday_minutes: 0
        }
    );
    assert_eq!(rows[2].day_type, DayType::Holiday);
    assert_eq!(rows[2].paid_leave_hourly_minutes, 120);
}

#[test]
fn crlf_line_endings_keep_line_numbers_right() {
    let text = "employee_id,date,start,end\r\n\
                E001,2026-04-01,9:00,18:00\r\n\
                \"E001\",\"2026-04-02\",\"9:00\",\"18:00\"\r\n\
                E001,2026-04-31,9:00,18:00\r\n";
    let e = attendance_err(text);
    assert_eq!(
        e.to_string(),
        "attendance.csv 4行目 date: 2026-04-31 は存在しない日付です"
    );
}

#[test]
fn cp932_text_after_a_long_ascii_start_is_an_error_at_its_line() {
    let mut bytes = b"employee_id,date,note\n".to_vec();
    for i in 0..15_000 {
        bytes.extend_from_slice(format!("E{i:05},2026-04-01,ok ok ok\n").as_bytes());
    }
    assert!(bytes.len() > ingest::source::SNIFF_BYTES);
    let (note, _, _) = encoding_rs::SHIFT_JIS.encode("備考");
    bytes.extend_from_slice(b"E99999,2026-04-01,");
    bytes.extend_from_slice(&note);
    bytes.push(b'\n');
    let e = read_all("attendance.csv", bytes).unwrap_err();
    assert_eq!(e.line, Some(15_002));
    assert!(
        e.reason_ja
            .starts_with("UTF-8 として読めない文字があります"),
        "{e}"
    );
}

#[test]
fn utf16_with_bom_is_read() {
    let text = "employee_id,date,start,end\nE001,2026-04-01,9:00,18:00\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let (rows, enc) = read_all("attendance.csv", bytes).unwrap();
    assert_eq!(enc, DetectedEncoding::Utf16);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].date, date(2026, 4, 1));
}

#[test]
fn a_bad_date_names_file_line_and_column() {
    let mut text = String::from("employee_id,date,start,end,break_minutes\n");
    for d in 1..=55 {
        text.push_str(&format!("E001,2026-01-{:02},9:00,18:00,60\n", (d % 28) + 1));
    }
    text.push_str("E001,2026-02-30,9:00,18:00,60\n"); // line 57
    let e = attendance_err(&text);
    assert_eq!(e.line, Some(57));
    assert_eq!(e.column.as_deref(), Some("date"));
    assert_eq!(
        e.to_string(),
        "attendance.csv 57行目 date: 2026-02-30 は存在しない日付です"
    );
    assert_eq!(
        e.message_en(),
        "attendance.csv line 57, column date: 2026-02-30 is not a date that exists"
    );
}

#[test]
fn other_bad_values() {
    let h = "employee_id,date,start,end,break_minutes,paid_leave_days\n";
    let e = attendance_err(&format!("{h}E001,2026-04-01,9:00,8:00,0,\n"));
    assert_eq!(
        e.to_string(),
        "attendance.csv 2行目 end: 退勤 8:00 が出勤 9:00 より前です（日をまたぐ場合は 25:30 のように書いてください）"
    );
    let e = attendance_err(&format!("{h}E001,2026-04-01,9:00,,0,\n"));
    assert_eq!(e.column.as_deref(), Some("end"));
    let e = attendance_err(&format!("{h}E001,2026-04-01,9時,18:00,0,\n"));
    assert_eq!(e.column.as_deref(), Some("start"));
    assert!(e.reason_ja.contains("時刻として読めません"));
    let e = attendance_err(&format!("{h}E001,2026-04-01,,,,2\n"));
    assert_eq!(
        e.to_string(),
        "attendance.csv 2行目 paid_leave_days: 2 は有給休暇の日数として読めません（0、0.5、1 のいずれか）"
    );
    let e = attendance_err(&format!("{h},2026-04-01,,,,\n"));
    assert_eq!(
        e.to_string(),
        "attendance.csv 2行目 employee_id: 社員番号が空です"
    );
    let e = attendance_err(&format!("{h}E001,2026-04-01,9:00,10:00,90,\n"));
    assert_eq!(e.column.as_deref(), Some("break_minutes"));
    let e = attendance_err(&format!("{h}E001,04/01/2026,,,,\n"));
    assert!(
        e.to_string()
            .starts_with("attendance.csv 2行目 date: 04/01/2026 は日付として読めません")
    );
}

#[test]
fn a_missing_header_lists_the_expected_columns() {
    let e = attendance_err("E001,2026-04-01,9:00,18:00,60\nE001,2026-04-02,9:00,18:00,60\n");
    assert_eq!(e.line, Some(1));
    assert_eq!(
        e.to_string(),
        "attendance.csv 1行目: 見出し行に必要な列 employee_id, date がありません（1行目は見出し行です）。必要な列: employee_id（社員番号）, date（日付）。使える列: employee_id（社員番号）, date（日付）, day_type（勤務区分）, start（出勤）, end（退勤）, break_minutes（休憩）, legal_overtime_minutes（法定時間外）, legal_holiday_minutes（法定休日労働）, paid_leave_days（有給）, paid_leave_hours（時間単位年休）。この行の見出し: E001, 2026-04-01, 9:00, 18:00, 60"
    );
    assert!(e.message_en().contains("Required: employee_id, date."));

    let e = ingest::read_employees(
        "employees.csv",
        Cursor::new(b"employee_id,gender\nE1,male\n".to_vec()),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("employees.csv 1行目: 見出し行に必要な列 hire_date がありません"),
        "{e}"
    );

    let e = ingest::read_leaves("leaves.csv", Cursor::new(Vec::new())).unwrap_err();
    assert_eq!(
        e.to_string(),
        "leaves.csv 1行目: ファイルが空です。1行目に見出し行が必要です（必要な列: employee_id（社員番号）, kind（種別）, start_date（開始日））"
    );
}

#[test]
fn duplicate_ids_and_reversed_dates_in_small_files() {
    let e = ingest::read_employees(
        "employees.csv",
        Cursor::new(
            b"employee_id,gender,hire_date\nE1,male,2020-04-01\nE1,female,2021-04-01\n".to_vec(),
        ),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "employees.csv 3行目 employee_id: 社員番号 E1 が重複しています（2行目にもあります）"
    );
    let e = ingest::read_leaves(
        "leaves.csv",
        Cursor::new(
            "社員番号,種別,開始日,終了日\nE1,育児休業,2026-05-01,2026-04-01\n"
                .as_bytes()
                .to_vec(),
        ),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "leaves.csv 2行目 end_date（終了日）: 終了日 2026-04-01 が開始日 2026-05-01 より前です"
    );
    let leaves = ingest::read_leaves(
        "leaves.csv",
        Cursor::new(
            "社員番号,種別,開始日,終了日,子の生年月日\nE1,産後パパ育休,2026-05-01,,2026-04-28\n"
                .as_bytes()
                .to_vec(),
        ),
    )
    .unwrap();
    assert_eq!(leaves[0].kind, LeaveKind::PostnatalPaternityLeave);
    assert_eq!(leaves[0].end_date, None);
    assert_eq!(leaves[0].child_birth_date, Some(date(2026, 4, 28)));
}

#[test]
fn rows_out_of_date_order_for_an_employee_give_the_figures_of_sorted_rows() {
    let rows = [
        "E001,2026-04-01,9:00,20:00,60",
        "E002,2026-04-01,9:00,18:00,60",
        "E002,2026-04-02,9:00,21:00,60",
        "E001,2026-04-03,9:00,19:00,60",
        "E001,2026-04-02,9:00,18:30,60",
    ];
    let header = "employee_id,date,start,end,break_minutes\n";
    let dir = temp_dir("order");
    std::fs::write(
        dir.join("attendance.csv"),
        format!("{header}{}\n", rows.join("\n")),
    )
    .unwrap();
    let (unsorted, stats) = ingest::compute_with_stats(&dir, 2026, Settings::default()).unwrap();
    assert!(stats.attendance_order.sorted, "went through the sort");
    let mut sorted_rows = rows.to_vec();
    sorted_rows.sort();
    std::fs::write(
        dir.join("attendance.csv"),
        format!("{header}{}\n", sorted_rows.join("\n")),
    )
    .unwrap();
    let (sorted, stats) = ingest::compute_with_stats(&dir, 2026, Settings::default()).unwrap();
    assert!(!stats.attendance_order.sorted, "streamed as it is");
    assert_eq!(unsorted, sorted);
    let e001 = &sorted.overtime.as_ref().unwrap().employees[0];
    assert_eq!(e001.annual_legal_overtime_minutes, 120 + 60 + 30);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_empty_folder_and_a_missing_folder_are_errors() {
    let dir = temp_dir("empty");
    let e = ingest::compute(&dir, 2026, Settings::default()).unwrap_err();
    assert!(e.reason_ja.contains("のどれもありません"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
    let e = ingest::compute(&dir, 2026, Settings::default()).unwrap_err();
    assert_eq!(e.reason_ja, "フォルダが見つかりません");
}

#[test]
fn any_subset_of_files_gives_null_sections() {
    let dir = temp_dir("subset");
    std::fs::write(
        dir.join("employees.csv"),
        "employee_id,gender,hire_date\nE001,female,2026-04-01\n",
    )
    .unwrap();
    let r = ingest::compute(&dir, 2026, Settings::default()).unwrap();
    assert!(r.overtime.is_none());
    assert!(r.childcare_leave.is_none());
    let pl = r.paid_leave.unwrap();
    assert_eq!(pl.granted_days, 10);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_year_in_progress_is_generated_up_to_its_last_day_only() {
    let dir = temp_dir("gen-until");
    let last = jiff::civil::date(2026, 11, 30);
    ingest::generate::generate_until(&dir, 40, 2026, Some(last)).unwrap();
    let text = std::fs::read_to_string(dir.join("attendance.csv")).unwrap();
    let mut months = std::collections::BTreeSet::new();
    for line in text.lines().skip(1) {
        let d = line.split(',').nth(1).unwrap();
        assert!(("2026-04-01"..="2026-11-30").contains(&d), "{line}");
        months.insert(d[..7].to_string());
    }
    // April to November: eight months, December onwards not yet.
    assert_eq!(months.len(), 8, "{months:?}");
    let births = std::fs::read_to_string(dir.join("family_events.csv")).unwrap();
    assert!(
        births
            .lines()
            .skip(1)
            .all(|l| l.split(',').nth(2).unwrap() <= "2026-11-30")
    );
    // A last day before the year is an error, not an empty file set.
    let before = temp_dir("gen-before");
    assert!(
        ingest::generate::generate_until(&before, 5, 2026, Some(jiff::civil::date(2026, 3, 31)))
            .is_err()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_generator_is_deterministic_and_its_files_compute() {
    let a = temp_dir("gen-a");
    let b = temp_dir("gen-b");
    let sa = ingest::generate::generate(&a, 800, 2026).unwrap();
    let sb = ingest::generate::generate(&b, 800, 2026).unwrap();
    assert_eq!(sa, sb);
    for f in [
        "employees.csv",
        "attendance.csv",
        "family_events.csv",
        "leaves.csv",
    ] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f} differs"
        );
    }
    assert!(sa.attendance_rows > 800 * 150, "{sa:?}");
    let (r, stats) = ingest::compute_with_stats(&a, 2026, Settings::default()).unwrap();
    assert_eq!(stats.attendance_rows, sa.attendance_rows);
    assert_eq!(stats.attendance_bytes, sa.attendance_bytes);
    let ot = r.overtime.unwrap();
    assert!(ot.employees.len() > 700);
    // The heavy profiles produce breaches; the light ones do not.
    assert!(ot.employees.iter().any(|e| !e.violations.is_empty()));
    assert!(
        ot.employees
            .iter()
            .filter(|e| e.violations.is_empty())
            .count()
            > 600
    );
    let pl = r.paid_leave.unwrap();
    assert!(pl.utilization_rate_percent.is_some());
    let cc = r.childcare_leave.unwrap();
    assert!(cc.male.births > 0 && cc.female.births > 0, "{cc:?}");
    std::fs::remove_dir_all(&a).unwrap();
    std::fs::remove_dir_all(&b).unwrap();
}
