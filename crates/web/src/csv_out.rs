//! The one way the application writes CSV: UTF-8 with a BOM (so Excel reads it as
//! UTF-8, not CP932) and no cell that a spreadsheet would run as a formula.
//!
//! Every exported cell may hold text someone else typed (an organization's name, a
//! message, an employee id from an upload). A spreadsheet treats a cell starting
//! with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula
//! (`=HYPERLINK("http://evil.example","x")`); such cells get a leading `'`, as
//! OWASP's "CSV Injection" advice says. Plain numbers (`-3`, `-0.5`) and the
//! women-DB's lone `-` for "no value" are left alone: they are not formulas and
//! must stay what the file format says they are.

use std::borrow::Cow;

/// A CSV document being written in memory.
pub struct CsvOut {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for CsvOut {
    fn default() -> Self {
        CsvOut::new()
    }
}

impl CsvOut {
    /// An empty document that starts with the UTF-8 BOM.
    pub fn new() -> CsvOut {
        CsvOut {
            writer: csv::Writer::from_writer("\u{feff}".as_bytes().to_vec()),
        }
    }

    /// Write one record, each cell through [`neutralize_cell`].
    pub fn record<I, T>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.writer.write_record(
            cells
                .into_iter()
                .map(|c| neutralize_cell(c.as_ref()).into_owned()),
        )
    }

    /// The finished bytes.
    pub fn into_bytes(self) -> Result<Vec<u8>, csv::Error> {
        self.writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
}

/// A cell as it can safely go into a spreadsheet: prefixed with `'` when it would
/// otherwise start a formula, unchanged when not (see the module documentation).
pub fn neutralize_cell(cell: &str) -> Cow<'_, str> {
    let starts_formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_formula && !is_plain_number(cell) && cell != "-" {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `^-?[0-9]+(\.[0-9]+)?$`: the numbers the application itself writes.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && fraction.is_none_or(all_digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_a_quote() {
        for (cell, safe) in [
            ("=1+1", "'=1+1"),
            ("+81 3 1234", "'+81 3 1234"),
            ("-2+3", "'-2+3"),
            ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            (
                "=HYPERLINK(\"http://evil.example\",\"x\")",
                "'=HYPERLINK(\"http://evil.example\",\"x\")",
            ),
            ("-.5", "'-.5"),
            ("-1.", "'-1."),
            ("--1", "'--1"),
        ] {
            assert_eq!(neutralize_cell(cell), safe, "{cell:?}");
        }
    }

    #[test]
    fn numbers_and_ordinary_text_stay() {
        for cell in [
            "-3",
            "-0.5",
            "12",
            "3.25",
            "-",
            "",
            "株式会社=テスト",
            "a=b",
            "—",
            " =1",
        ] {
            assert!(
                matches!(neutralize_cell(cell), Cow::Borrowed(c) if c == cell),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn document_has_a_bom_and_quoted_cells() {
        let mut out = CsvOut::new();
        out.record(["name", "n"]).unwrap();
        out.record(["=A1,\"x\"", "-3"]).unwrap();
        let bytes = out.into_bytes().unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}name,n\n\"'=A1,\"\"x\"\"\",-3\n"
        );
    }
}
