//! The one error type of ingest: which file, which line, which column, and
//! why, in Japanese and in English.

use std::fmt;

/// Why a file could not be read. Displays in Japanese as
/// 「attendance.csv 57行目 date: 2026-02-30 は存在しない日付です」;
/// [`IngestError::message_en`] gives the English variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// The file's name (e.g. `attendance.csv`), or the folder for errors about
    /// the folder as a whole.
    pub file: String,
    /// 1-based line number (line 1 is the header); `None` for errors about the
    /// whole file.
    pub line: Option<u64>,
    /// The column: its canonical name, followed by the header as written in
    /// the file when that differs (`date（日付）`).
    pub column: Option<String>,
    /// The reason, in Japanese.
    pub reason_ja: String,
    /// The reason, in English.
    pub reason_en: String,
}

impl IngestError {
    /// An error about a whole file.
    pub fn file(file: impl Into<String>, reason_ja: String, reason_en: String) -> IngestError {
        IngestError {
            file: file.into(),
            line: None,
            column: None,
            reason_ja,
            reason_en,
        }
    }

    /// The Japanese message (the same as `Display`).
    pub fn message_ja(&self) -> String {
        self.to_string()
    }

    /// The English message: `attendance.csv line 57, column date: …`.
    pub fn message_en(&self) -> String {
        let mut s = self.file.clone();
        if let Some(line) = self.line {
            s.push_str(&format!(" line {line}"));
        }
        if let Some(col) = &self.column {
            if self.line.is_some() {
                s.push(',');
            }
            s.push_str(&format!(" column {col}"));
        }
        s.push_str(": ");
        s.push_str(&self.reason_en);
        s
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, " {line}行目")?;
        }
        if let Some(col) = &self.column {
            write!(f, " {col}")?;
        }
        write!(f, ": {}", self.reason_ja)
    }
}

impl std::error::Error for IngestError {}

/// Why one value could not be read (before the file, line and column are
/// known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// Japanese reason.
    pub ja: String,
    /// English reason.
    pub en: String,
}

impl ValueError {
    /// A reason in both languages.
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> ValueError {
        ValueError {
            ja: ja.into(),
            en: en.into(),
        }
    }
}
