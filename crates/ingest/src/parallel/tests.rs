//! The parallel parser against the sequential one: same rows, same errors
//! at the same lines, whatever the chunk boundaries.

use std::io::Cursor;

use kpi::AttendanceDay;

use super::*;
use crate::source::DetectedEncoding;

const HEADER: &str =
    "employee_id,date,day_type,start,end,break_minutes,paid_leave_days,paid_leave_hours,memo\n";

fn open(bytes: &[u8]) -> Result<AttendanceReader, IngestError> {
    AttendanceReader::new("attendance.csv", Cursor::new(bytes.to_vec()))
}

/// Every row a sequential read gives, the first error, and the bytes read.
fn sequential(bytes: &[u8]) -> (Vec<AttendanceDay>, Option<IngestError>, u64) {
    let mut reader = match open(bytes) {
        Ok(r) => r,
        Err(e) => return (Vec::new(), Some(e), 0),
    };
    let mut rows = Vec::new();
    let mut row = AttendanceDay::new(String::new(), jiff::civil::date(2000, 1, 1));
    loop {
        match reader.read_row(&mut row) {
            Ok(true) => rows.push(row.clone()),
            Ok(false) => return (rows, None, reader.bytes_read()),
            Err(e) => return (rows, Some(e), reader.bytes_read()),
        }
    }
}

/// The same through the parallel parser with chunks of `chunk` bytes.
fn parallel(bytes: &[u8], chunk: usize) -> (Vec<AttendanceDay>, Option<IngestError>, u64) {
    let reader = match open(bytes) {
        Ok(r) => r,
        Err(e) => return (Vec::new(), Some(e), 0),
    };
    let mut rows = Vec::new();
    let got = for_each_row_in(reader, chunk, |row| {
        rows.push(row.clone());
        Ok(true)
    });
    match got {
        Ok(parsed) => {
            assert_eq!(parsed.rows, rows.len() as u64);
            assert!(!parsed.stopped);
            (rows, None, parsed.bytes)
        }
        Err(e) => (rows, Some(e), 0),
    }
}

/// Asserts the parallel read equals the sequential one.
fn same(bytes: &[u8], chunk: usize) -> (Vec<AttendanceDay>, Option<IngestError>) {
    let (rows, err, read) = sequential(bytes);
    let (p_rows, p_err, p_read) = parallel(bytes, chunk);
    assert_eq!(p_err, err, "chunk {chunk}");
    assert_eq!(p_rows.len(), rows.len(), "chunk {chunk}");
    assert_eq!(p_rows, rows, "chunk {chunk}");
    if err.is_none() {
        assert_eq!(p_read, read, "bytes read, chunk {chunk}");
    }
    (rows, err)
}

fn row(i: usize) -> String {
    let day = 1 + i % 28;
    format!(
        "E{:03},2026-04-{day:02},workday,9:00,18:{:02},60,,,\n",
        i / 28,
        i % 60
    )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Rows with quoted memos holding newlines, commas and `""`, blank
    /// lines, CRLF, stray quotes, bad values, NUL and invalid UTF-8, cut into
    /// chunks of any size: the same rows and the same first error (file,
    /// line, column, reason) as a sequential read.
    #[test]
    fn any_chunk_size_gives_the_sequential_rows_and_errors(
        kinds in proptest::collection::vec(0u8..40, 0..120),
        chunk in 1usize..400,
    ) {
        let mut text = HEADER.as_bytes().to_vec();
        for (i, k) in kinds.iter().enumerate() {
            let line = match k {
                0 => "E900,2026-04-01,workday,9:00,18:00,60,,,\"a\nb, \"\"c\"\"\n\"\n".to_string(),
                1 => "\n".to_string(),
                2 => "E901,2026-04-02,workday,9:00,18:00,60,,,x\r\n".to_string(),
                3 => "E902,2026-02-30,workday,9:00,18:00,60,,,\n".to_string(),
                4 => "E903,2026-04-03,workday,9:00,8:00,0,,,\n".to_string(),
                5 => "\"E904\",\"2026-04-04\",holiday,\"9:00\",\"19:00\",60,,,\"\"\n".to_string(),
                6 => "E905,2026-04-05,work\"day,9:00,18:00,60,,,\n".to_string(),
                7 => "E906,2026-04-06,workday,9:00,18:00,60,,,\"unclosed\n".to_string(),
                8 if i % 3 == 0 => "E907,2026-04-07,workday,9:00\0,18:00,60,,,\n".to_string(),
                9 if i % 3 == 0 => "E908,2026-04-08,workday,9:00,18:00,60,,,\u{fffd}\n".to_string(),
                10 => "E909,2026-04-09,workday,9:00,18:00,60,1,2,\"q\"x\n".to_string(),
                _ => row(i),
            };
            text.extend_from_slice(line.as_bytes());
            if *k == 9 && i % 3 == 0 {
                // Not UTF-8: the whole (small) file is then read as CP932.
                text.extend_from_slice(b"E910,2026-04-10,workday,9:00,18:00,60,,,\xff\n");
            }
        }
        let (rows, err, read) = sequential(&text);
        let (p_rows, p_err, p_read) = parallel(&text, chunk);
        proptest::prop_assert_eq!(&p_err, &err);
        proptest::prop_assert_eq!(p_rows, rows);
        if err.is_none() {
            proptest::prop_assert_eq!(p_read, read);
        }
    }

    /// The record end the reader cuts at is the one the record guard finds,
    /// byte by byte.
    #[test]
    fn the_cut_is_the_guards_record_end(
        bytes in proptest::collection::vec(proptest::sample::select(vec![b'a', b',', b'"', b'\n', b'\r']), 0..200),
    ) {
        let mut state = QuoteState::FieldStart;
        let mut end = None;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' && state != QuoteState::Quoted {
                end = Some(i + 1);
            }
            state = match (state, b) {
                (QuoteState::Quoted, b'"') => QuoteState::QuoteInQuoted,
                (QuoteState::Quoted, _) => QuoteState::Quoted,
                (QuoteState::QuoteInQuoted, b'"') => QuoteState::Quoted,
                (QuoteState::FieldStart, b'"') => QuoteState::Quoted,
                (_, b',' | b'\n') => QuoteState::FieldStart,
                _ => QuoteState::Unquoted,
            };
        }
        proptest::prop_assert_eq!(last_record_end(&bytes), end);
    }
}

#[test]
fn a_quoted_newline_across_a_chunk_boundary_stays_in_its_record() {
    let mut text = HEADER.to_string();
    for i in 0..3 {
        text.push_str(&row(i));
    }
    // The memo's newlines fall around byte 256 for every chunk size below.
    text.push_str("E500,2026-04-01,workday,9:00,18:00,60,,,\"one\ntwo\nthree, \"\"four\"\"\n\"\n");
    for i in 3..6 {
        text.push_str(&row(i));
    }
    // Line 12: after 1 header, 3 rows, the 4-line record and 3 rows.
    text.push_str("E501,2026-13-01,workday,9:00,18:00,60,,,\n");
    let quoted_at = text.find("\"one").unwrap();
    for chunk in [
        quoted_at - 3,
        quoted_at + 2,
        quoted_at + 6,
        quoted_at + 12,
        64,
        300,
    ] {
        let (rows, err) = same(text.as_bytes(), chunk);
        assert_eq!(rows.len(), 7, "chunk {chunk}");
        assert_eq!(rows[3].employee_id, "E500");
        let err = err.expect("the bad month");
        assert_eq!(err.line, Some(12), "chunk {chunk}: {err}");
        assert_eq!(err.column.as_deref(), Some("date"));
    }
}

#[test]
fn an_error_in_a_later_chunk_names_its_line() {
    let mut text = HEADER.to_string();
    let mut n = 0;
    while text.len() < 3 * CHUNK_BYTES {
        text.push_str(&row(n));
        n += 1;
    }
    // Line n + 2: the header and n rows before it, in the fourth chunk.
    text.push_str("E999,2026-04-31,workday,9:00,18:00,60,,,\n");
    text.push_str(&row(0));
    let (rows, err) = same(text.as_bytes(), CHUNK_BYTES);
    assert_eq!(rows.len(), n);
    let err = err.unwrap();
    assert_eq!(err.line, Some(n as u64 + 2), "{err}");
    assert_eq!(err.file, "attendance.csv");
    // And once as the public stream does it.
    let reader = open(text.as_bytes()).unwrap();
    let err = for_each_row(reader, |_| Ok(true)).unwrap_err();
    assert_eq!(err.line, Some(n as u64 + 2), "{err}");
}

#[test]
fn the_first_error_in_file_order_wins() {
    let mut text = HEADER.to_string();
    for i in 0..20_000 {
        text.push_str(&row(i));
    }
    let mut lines: Vec<String> = text.lines().map(|l| format!("{l}\n")).collect();
    lines[15_000] = "E1,2026-04-01,workday,9:00,8:00,0,,,\n".to_string();
    lines[6_000] = "E1,2026-04-99,workday,9:00,18:00,0,,,\n".to_string();
    let text = lines.concat();
    let (_, err) = same(text.as_bytes(), 4096);
    let err = err.unwrap();
    assert_eq!(err.line, Some(6_001), "{err}");
    assert_eq!(err.column.as_deref(), Some("date"));
}

#[test]
fn a_record_past_the_cap_is_refused_at_its_line_in_any_chunk() {
    let mut text = HEADER.to_string();
    for i in 0..10_000 {
        text.push_str(&row(i));
    }
    let long = "9".repeat(MAX_RECORD_BYTES + 1);
    text.push_str(&format!("E1,2026-04-01,workday,9:00,18:00,60,,,{long}\n"));
    text.push_str(&row(0));
    for chunk in [CHUNK_BYTES, 1000, 70_000] {
        let (rows, err) = same(text.as_bytes(), chunk);
        assert_eq!(rows.len(), 10_000);
        let err = err.unwrap();
        assert_eq!(err.line, Some(10_002), "chunk {chunk}: {err}");
        assert!(err.reason_en.contains("too long"), "{err}");
    }
    // A record of exactly the cap passes, even longer than the chunks.
    let mut text = HEADER.to_string();
    let memo = "7".repeat(MAX_RECORD_BYTES - "E1,2026-04-01,workday,9:00,18:00,60,,,".len());
    text.push_str(&format!("E1,2026-04-01,workday,9:00,18:00,60,,,{memo}\n"));
    text.push_str(&row(1));
    for chunk in [CHUNK_BYTES, 1000] {
        let (rows, err) = same(text.as_bytes(), chunk);
        assert_eq!((rows.len(), err), (2, None), "chunk {chunk}");
    }
}

#[test]
fn a_nul_in_a_later_chunk_is_refused_at_its_line() {
    let mut text = HEADER.to_string();
    for i in 0..20_000 {
        text.push_str(&row(i));
    }
    text.push_str("E1,2026-04-01,work\0day,9:00,18:00,60,,,\n");
    let (rows, err) = same(text.as_bytes(), CHUNK_BYTES);
    assert_eq!(rows.len(), 20_000);
    let err = err.unwrap();
    assert_eq!(err.line, Some(20_002), "{err}");
    assert!(err.reason_en.contains("NUL"), "{err}");
}

#[test]
fn cp932_files_are_decoded_before_they_are_cut() {
    let mut text = "社員番号,日付,勤務区分,出勤,退勤,休憩,有給,時間単位年休,備考\n".to_string();
    for i in 0..30_000 {
        text.push_str(&format!(
            "社員{:04},2026/04/{:02},平日,９:００,18:30,60,,,\"残業\n申請済み\"\n",
            i / 28,
            1 + i % 28
        ));
    }
    text.push_str("社員9999,2026/04/32,平日,9:00,18:00,60,,,\n");
    let bytes = encoding_rs::SHIFT_JIS.encode(&text).0.into_owned();
    assert!(std::str::from_utf8(&bytes).is_err(), "really CP932");
    assert_eq!(open(&bytes).unwrap().encoding(), DetectedEncoding::Cp932);
    for chunk in [CHUNK_BYTES, 777] {
        let (rows, err) = same(&bytes, chunk);
        assert_eq!(rows.len(), 30_000);
        assert_eq!(rows[29].employee_id, "社員0001");
        let err = err.unwrap();
        // Each row takes two lines (the memo's newline).
        assert_eq!(err.line, Some(60_002), "{err}");
    }
}

#[test]
fn a_bom_is_dropped_and_utf8_files_read_alike() {
    let mut text = HEADER.to_string();
    for i in 0..20_000 {
        text.push_str(&row(i));
    }
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(open(&bom).unwrap().encoding(), DetectedEncoding::Utf8Bom);
    let (with, err) = same(&bom, CHUNK_BYTES);
    assert_eq!(err, None);
    let (without, _) = same(text.as_bytes(), CHUNK_BYTES);
    assert_eq!(with, without);
    assert_eq!(with.len(), 20_000);
}

#[test]
fn stopping_early_hands_on_no_more_rows() {
    let mut text = HEADER.to_string();
    for i in 0..50_000 {
        text.push_str(&row(i));
    }
    let mut seen = 0;
    let parsed = for_each_row_in(open(text.as_bytes()).unwrap(), 1000, |_| {
        seen += 1;
        Ok(seen < 12_345)
    })
    .unwrap();
    assert!(parsed.stopped);
    assert_eq!((parsed.rows, seen), (12_345, 12_345));
}

#[test]
fn lines_after_empty_lines_are_counted() {
    // `csv` skips empty lines; the error still names the line it is on.
    for (text, line) in [
        ("employee_id,date\nE1,2026-04-01\n\nE1,2026-02-30\n", 4),
        ("employee_id,date\nE1,2026-04-01\n\n\n\nE1,2026-02-30\n", 6),
        ("employee_id,date\n\nE1,2026-02-30", 3),
        (
            "employee_id,date,memo\nE1,2026-04-01,\"a\nb\"\n\nE1,2026-02-30\n",
            5,
        ),
    ] {
        for chunk in [CHUNK_BYTES, 1, 7, 20] {
            let (_, err) = same(text.as_bytes(), chunk);
            assert_eq!(err.unwrap().line, Some(line), "{text:?}, chunk {chunk}");
        }
    }
}
