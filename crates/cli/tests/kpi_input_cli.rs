//! `erabareru kpi` on input it must refuse (issue 9): a line longer than the
//! reader's cap and a header-only attendance file exit 2 with the message on
//! stderr and nothing on stdout.

use std::path::PathBuf;
use std::process::{Command, Output};

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kpi-input-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let f = d.join("attendance.csv");
    std::fs::write(&f, bytes).unwrap();
    f
}

fn kpi_on(file: &PathBuf) -> Output {
    Command::new(env!("CARGO_BIN_EXE_erabareru"))
        .args(["kpi", "--fy", "2026", "--attendance"])
        .arg(file)
        .output()
        .unwrap()
}

#[test]
fn a_long_line_exits_2_naming_file_and_line() {
    let mut bytes = b"employee_id,date\nE001,2026-04-06\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 1024 * 1024));
    let f = temp_file("long", &bytes);
    let out = kpi_on(&f);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("attendance.csv 3行目: 行が長すぎます"),
        "{err}"
    );
    assert!(
        err.contains("attendance.csv line 3: the line is too long"),
        "{err}"
    );
}

#[test]
fn a_header_only_attendance_file_exits_2() {
    let f = temp_file("header", b"employee_id,date\n");
    let out = kpi_on(&f);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("attendance.csv: 見出し行のほかにデータ行がありません"),
        "{err}"
    );
    assert!(err.contains("no data rows"), "{err}");
}
