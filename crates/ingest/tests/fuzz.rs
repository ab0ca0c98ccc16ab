//! Bounded fuzzing of every public CSV reader (the uploads of the web app and the
//! CLI's files): arbitrary bytes and near-valid files (real headers, random cells,
//! NUL, CP932, long lines, many columns) must give a clean `Result`, never a panic.
//! The open-ended version of these targets is in fuzz/ (docs/fuzzing.md); the case
//! counts here keep the whole file to a few seconds.

use std::io::Cursor;

use ingest::{AttendanceReader, ExtrasKind};
use kpi::AttendanceDay;
use proptest::prelude::*;

/// Feed `bytes` to every reader, as each kind of upload and through each preset
/// profile. Errors are fine; a panic fails the test.
fn read_with_every_reader(bytes: &[u8]) {
    let input = || Cursor::new(bytes.to_vec());
    let _ = ingest::read_employees("employees.csv", input());
    let _ = ingest::read_family_events("family_events.csv", input());
    let _ = ingest::read_leaves("leaves.csv", input());
    let _ = ingest::read_industry_averages("industry_averages.csv", input());
    let _ = ingest::read_facts("facts.csv", input());
    for kind in [
        ExtrasKind::Recruitment,
        ExtrasKind::Wages,
        ExtrasKind::Career,
    ] {
        let _ = ingest::read_extras_file(kind, kind.file_name(), bytes);
    }
    let _ = ingest::profile::suggest(bytes);
    let mut readers = vec![AttendanceReader::new("attendance.csv", input())];
    for profile in ingest::profile::presets() {
        let _ = ingest::read_employees_with_profile("employees.csv", input(), &profile);
        readers.push(AttendanceReader::with_profile(
            "attendance.csv",
            input(),
            &profile,
        ));
    }
    let mut row = AttendanceDay::new(String::new(), jiff::civil::date(2000, 1, 1));
    for reader in readers.into_iter().flatten() {
        let mut reader = reader;
        while let Ok(true) = reader.read_row(&mut row) {}
    }
}

/// Header lines the readers recognise, canonical and Japanese.
const HEADERS: &[&str] = &[
    "employee_id,gender,hire_date,leave_date,employment_type,weekly_days,weekly_hours,annual_days,position,birth_date,category,deemed_hours",
    "employee_id,date,day_type,start,end,break_minutes,legal_overtime_minutes",
    "employee_id,event,date",
    "employee_id,kind,start_date,end_date,child_birth_date",
    "fiscal_year,category,gender,applicants,hires,new_graduate_hires,new_graduate_leavers,mid_career_hires,rehires",
    "fiscal_year,group,gender,total_wages,headcount",
    "fiscal_year,event,gender,count,candidates",
    "fiscal_year,industry,regular_women_percent,women_managers_percent",
    "fact,answer,note",
    "社員番号,日付,出勤,退勤,休憩",
    "社員番号,性別,入社日,退職日,雇用形態",
    "従業員コード,日付,出勤時刻,退勤時刻,休憩時間",
];

/// Cell values near the valid ones, and some that are not.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("E001".to_string()),
        Just("2026-04-01".to_string()),
        Just("2026/4/1".to_string()),
        Just("２０２６－０４－０１".to_string()),
        Just("2026-02-30".to_string()),
        Just("R8.4.1".to_string()),
        Just("09:00".to_string()),
        Just("25:30".to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999999".to_string()),
        Just("0.5".to_string()),
        Just("男".to_string()),
        Just("female".to_string()),
        Just("yes".to_string()),
        Just("○".to_string()),
        Just("\0".to_string()),
        Just("\"".to_string()),
        Just("\u{feff}".to_string()),
        "[0-9]{1,6}",
        "\\PC{0,12}",
    ]
}

/// One near-valid file: a known header (maybe with extra columns), rows of random
/// cells (maybe very many columns or one very long cell), UTF-8 or CP932, LF or CRLF.
fn near_valid_file() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(HEADERS),
        0usize..3,
        prop::collection::vec(prop::collection::vec(cell(), 0..14), 0..12),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(0usize), Just(2_000usize), Just(70_000usize)],
    )
        .prop_map(|(header, extra, rows, cp932, crlf, long)| {
            let newline = if crlf { "\r\n" } else { "\n" };
            let mut text = header.to_string();
            for i in 0..extra * 500 {
                text.push_str(&format!(",extra{i}"));
            }
            text.push_str(newline);
            for row in rows {
                text.push_str(&row.join(","));
                text.push_str(newline);
            }
            if long > 0 {
                text.push_str(&"x".repeat(long));
                text.push_str(newline);
            }
            if cp932 {
                encoding_rs::SHIFT_JIS.encode(&text).0.into_owned()
            } else {
                text.into_bytes()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        read_with_every_reader(&bytes);
    }

    #[test]
    fn near_valid_files_never_panic(bytes in near_valid_file()) {
        read_with_every_reader(&bytes);
    }

    #[test]
    fn mutated_near_valid_files_never_panic(
        bytes in near_valid_file(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut bytes = bytes;
        for (at, byte) in edits {
            if bytes.is_empty() {
                bytes.push(byte);
            } else {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
        }
        read_with_every_reader(&bytes);
    }
}
