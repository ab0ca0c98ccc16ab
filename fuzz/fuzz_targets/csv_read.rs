//! Every public CSV reader of the ingest crate on arbitrary bytes: errors are
//! fine, a panic is a bug.
#![no_main]

use std::io::Cursor;

use ingest::{AttendanceReader, ExtrasKind};
use kpi::AttendanceDay;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
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
    for mut reader in readers.into_iter().flatten() {
        while let Ok(true) = reader.read_row(&mut row) {}
    }
});
