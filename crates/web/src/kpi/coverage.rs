//! What an upload's attendance covers (shown on the preview before anything is
//! confirmed), the fiscal year it is most about (preselected), and the words for
//! months with and without data on the KPI page. A month without rows is 「データなし」,
//! never 0 h.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use kpi::{AttendanceSpan, YearMonth};

use crate::i18n::Tr;

/// The preview's summary of an attendance file.
pub struct CoverageView {
    /// First and last date in words, "—" without rows.
    pub dates: String,
    /// The months with rows, as ranges in words (「2026年4月〜9月」).
    pub months: String,
    pub employees: usize,
    pub rows_outside_year: u64,
    pub rows_after_today: u64,
    /// Fiscal years with rows, ascending.
    pub fiscal_years: Vec<i64>,
    /// The fiscal year the data is most about.
    pub main_year: Option<i64>,
    /// The job's fiscal year has rows.
    pub in_year: bool,
    /// Months of the job's fiscal year with rows (0–12).
    pub months_in_year: usize,
}

/// Reads `bytes` through `profile` and records what the rows cover; stops at the
/// first unreadable row (the preview lists the errors, and nothing is confirmed
/// then).
pub fn scan(bytes: &[u8], profile: &ingest::Profile) -> AttendanceSpan {
    let mut span = AttendanceSpan::new()
        .counting_employees()
        .with_cutoff(crate::today_jst());
    let Ok(mut reader) = ingest::AttendanceReader::with_profile(
        ingest::ATTENDANCE_CSV,
        std::io::Cursor::new(bytes.to_vec()),
        profile,
    ) else {
        return span;
    };
    let mut row = kpi::AttendanceDay::new(String::new(), jiff::civil::date(2000, 1, 1));
    while let Ok(true) = reader.read_row(&mut row) {
        span.record(&row);
    }
    span
}

/// The fiscal year the data is most about, when it is one the form offers.
pub fn main_year(span: &AttendanceSpan) -> Option<i64> {
    span.main_fiscal_year(&kpi::Settings::default())
        .map(i64::from)
        .filter(|y| super::years().contains(y))
}

pub fn view(t: &Tr, span: &AttendanceSpan, fiscal_year: i64) -> CoverageView {
    let settings = kpi::Settings::default();
    let fiscal_years: Vec<i64> = span
        .fiscal_years(&settings)
        .into_iter()
        .map(|(y, _)| i64::from(y))
        .collect();
    let (rows_outside_year, months_in_year) = match i16::try_from(fiscal_year)
        .ok()
        .and_then(|fy| kpi::fiscal_period(&settings, fy).ok())
    {
        Some(period) => {
            let c = span.coverage(period);
            (c.rows_outside_period, c.months.len())
        }
        None => (span.rows(), 0),
    };
    let months: Vec<YearMonth> = span.months().iter().map(|(m, _)| *m).collect();
    CoverageView {
        dates: match (span.first_date(), span.last_date()) {
            (Some(f), Some(l)) => t.f2(
                "kpi.coverage.dates_value",
                "from",
                t.date(&f.to_string()),
                "to",
                t.date(&l.to_string()),
            ),
            _ => "—".to_string(),
        },
        months: month_ranges(t, &months),
        employees: span.employees().unwrap_or(0),
        rows_outside_year,
        rows_after_today: span.rows_after_cutoff(),
        in_year: fiscal_years.contains(&fiscal_year),
        main_year: main_year(span),
        fiscal_years,
        months_in_year,
    }
}

/// The refusal of a year without rows, naming the years the rows cover.
pub fn no_rows_message(t: &Tr, fiscal_year: i64, covered: &[i64]) -> String {
    let year = crate::declarations::plain_fiscal_year_label(t, fiscal_year);
    if covered.is_empty() {
        return t.f1("kpi.coverage.no_rows_at_all", "year", year);
    }
    let sep = t.t("kpi.coverage.list_separator");
    let years = covered
        .iter()
        .map(|y| crate::declarations::plain_fiscal_year_label(t, *y))
        .collect::<Vec<_>>()
        .join(sep);
    t.f2("kpi.coverage.no_rows_in_year", "year", year, "years", years)
}

/// Months as ranges of consecutive months: 「2026年4月〜9月、2026年12月」 / "Apr 2026 –
/// Sep 2026, Dec 2026".
pub fn month_ranges(t: &Tr, months: &[YearMonth]) -> String {
    let mut ranges: Vec<(YearMonth, YearMonth)> = Vec::new();
    for &m in months {
        match ranges.last_mut() {
            Some((_, last)) if last.plus(1) == m => *last = m,
            _ => ranges.push((m, m)),
        }
    }
    let words = |key: &str, m: YearMonth| {
        let mm = format!("{:02}", m.month());
        t.f(
            key,
            &[("year", &m.year()), ("month", &m.month()), ("mm", &mm)],
        )
    };
    let label = |m: YearMonth| words("kpi.coverage.month", m);
    ranges
        .into_iter()
        .map(|(a, b)| {
            if a == b {
                label(a)
            } else {
                let to = if a.year() == b.year() {
                    words("kpi.coverage.month_same_year", b)
                } else {
                    label(b)
                };
                t.f2("kpi.coverage.range", "from", label(a), "to", to)
            }
        })
        .collect::<Vec<_>>()
        .join(t.t("kpi.coverage.list_separator"))
}

/// A `Read` over shared bytes that adds what passes through it to `count` (the
/// progress bar's bytes); reopened for the sort, it starts the count again. It ends
/// the reading when `stop` is set (the job was cancelled or its lease lost).
struct SharedBytes {
    bytes: Arc<[u8]>,
    pos: usize,
    count: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

impl Read for SharedBytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("the import job was stopped"));
        }
        let rest = self.bytes.get(self.pos..).unwrap_or(&[]);
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Streams an uploaded attendance file into a report builder in any row order
/// (`ingest::order`: as it is when each employee's rows are in date order, else
/// through the external sort), and refuses a file with no row in `fy`.
pub fn stream_upload(
    bytes: Vec<u8>,
    profile: &ingest::Profile,
    count: &Arc<AtomicU64>,
    stop: &Arc<AtomicBool>,
    settings: &kpi::Settings,
    fy: i16,
    mut new_builder: impl FnMut() -> Result<kpi::ReportBuilder, ingest::IngestError>,
) -> Result<(kpi::ReportBuilder, u64), ingest::IngestError> {
    let bytes: Arc<[u8]> = bytes.into();
    let open = || {
        count.store(0, Ordering::Relaxed);
        ingest::AttendanceReader::with_profile(
            ingest::ATTENDANCE_CSV,
            SharedBytes {
                bytes: bytes.clone(),
                pos: 0,
                count: count.clone(),
                stop: stop.clone(),
            },
            profile,
        )
    };
    let (builder, streamed) = ingest::order::stream_any_order(
        open,
        &mut new_builder,
        &ingest::order::SortOptions::default(),
    )?;
    ingest::require_rows_in_year(builder.span(), settings, fy)?;
    Ok((builder, streamed.rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn months_read_as_ranges() {
        let m = |s: &str| YearMonth::parse(s).unwrap();
        let months = [
            m("2026-04"),
            m("2026-05"),
            m("2026-06"),
            m("2026-09"),
            m("2026-12"),
            m("2027-01"),
        ];
        assert_eq!(
            month_ranges(&Tr::new(Lang::Ja), &months),
            "2026年4月〜6月、2026年9月、2026年12月〜2027年1月"
        );
        assert_eq!(
            month_ranges(&Tr::new(Lang::En), &months),
            "2026-04 to 2026-06, 2026-09, 2026-12 to 2027-01"
        );
        assert_eq!(month_ranges(&Tr::new(Lang::Ja), &[]), "");
    }
}
