//! Opening a CSV file: encoding detection (UTF-8 with or without BOM, CP932,
//! UTF-16 with BOM), streaming decoding into the `csv` crate, and mapping the
//! header row (canonical names and Japanese aliases) to column indices.

use std::io::{Cursor, Read};

use csv::StringRecord;
use encoding_rs_io::DecodeReaderBytesBuilder;

use crate::error::{IngestError, ValueError};
use crate::value::clean;

/// How many bytes are looked at to choose the encoding.
pub const SNIFF_BYTES: usize = 256 * 1024;

/// The longest record a CSV file may have, in bytes of decoded (UTF-8) text
/// without its final `\n`.
/// A real row is a few hundred bytes; without a cap the `csv` crate buffers a
/// record whole, so one giant line (a broken export, a file that is not CSV)
/// would take as much memory as the file. Counted on the decoded stream so
/// the cap means the same for UTF-8, CP932 and UTF-16 files.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

/// What [`RecordGuard`] refused, carried through `csv` inside an `io::Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// The record starting at this line is longer than [`MAX_RECORD_BYTES`].
    TooLong { line: u64 },
    /// A NUL byte on this line: binary data or UTF-16 without a BOM.
    Nul { line: u64 },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::TooLong { line } => write!(f, "record at line {line} is too long"),
            Refusal::Nul { line } => write!(f, "NUL byte at line {line}"),
        }
    }
}

impl std::error::Error for Refusal {}

/// Where the guard is in the CSV grammar: a quoted field may hold newlines,
/// so a record ends only at a newline outside quotes (as the `csv` crate
/// reads it: a quote opens a quoted field only at the start of a field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuoteState {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the end of it, or the first of `""`.
    QuoteInQuoted,
}

/// Sits between the decoder and the `csv` reader: counts the bytes of the
/// current record and fails once it passes [`MAX_RECORD_BYTES`], and fails
/// on a NUL byte (never valid in the text files read here), so neither a
/// giant line nor a binary file reaches the record buffer.
struct RecordGuard<R> {
    inner: R,
    /// Physical line of the current byte (1-based).
    line: u64,
    /// Line where the current record started.
    record_line: u64,
    record_bytes: usize,
    state: QuoteState,
    failed: Option<Refusal>,
    /// Bytes handed on so far.
    offset: u64,
    /// Runs of empty lines at record starts not yet passed by the reader:
    /// (offset of the first, how many). `csv` skips empty lines but gives the
    /// next record the position where they began; these put it right.
    blanks: std::collections::VecDeque<(u64, u64)>,
}

impl<R: Read> RecordGuard<R> {
    fn new(inner: R) -> RecordGuard<R> {
        RecordGuard {
            inner,
            line: 1,
            record_line: 1,
            record_bytes: 0,
            state: QuoteState::FieldStart,
            failed: None,
            offset: 0,
            blanks: std::collections::VecDeque::new(),
        }
    }

    /// The line a record really starts on, from the position `csv` gives it
    /// (before the empty lines it skipped), forgetting runs before it.
    fn record_start_line(&mut self, byte: u64, line: u64) -> u64 {
        while let Some(&(start, count)) = self.blanks.front() {
            if start > byte {
                break;
            }
            self.blanks.pop_front();
            if start == byte {
                return line + count;
            }
        }
        line
    }

    /// Follows `bytes`; on a refusal, the offset of the byte refused.
    ///
    /// Outside a quoted field only NUL, `"` and newline change more than the
    /// byte count, so runs of other bytes are skipped with `memchr` (this
    /// guard sees every byte of a 10 M-row file; byte by byte it was an eighth
    /// of the import's time). The state after a run is decided by its last
    /// byte, exactly as [`RecordGuard::step`] would have.
    fn scan(&mut self, bytes: &[u8]) -> Result<(), (usize, Refusal)> {
        let mut i = 0;
        while i < bytes.len() {
            if matches!(self.state, QuoteState::FieldStart | QuoteState::Unquoted) {
                let rest = &bytes[i..];
                let run = memchr::memchr3(b'\n', b'"', 0, rest).unwrap_or(rest.len());
                if run > 0 {
                    let room = MAX_RECORD_BYTES.saturating_sub(self.record_bytes);
                    if run > room {
                        let line = self.record_line;
                        return Err((i + room, Refusal::TooLong { line }));
                    }
                    self.record_bytes += run;
                    self.state = if rest[run - 1] == b',' {
                        QuoteState::FieldStart
                    } else {
                        QuoteState::Unquoted
                    };
                    i += run;
                    continue;
                }
            }
            let blank =
                bytes[i] == b'\n' && self.record_bytes == 0 && self.state == QuoteState::FieldStart;
            self.step(bytes[i]).map_err(|r| (i, r))?;
            if blank {
                let at = self.offset + i as u64;
                match self.blanks.back_mut() {
                    Some((start, count)) if *start + *count == at => *count += 1,
                    _ => self.blanks.push_back((at, 1)),
                }
            }
            i += 1;
        }
        self.offset += bytes.len() as u64;
        Ok(())
    }

    /// Follows one byte.
    fn step(&mut self, b: u8) -> Result<(), Refusal> {
        if b == 0 {
            return Err(Refusal::Nul { line: self.line });
        }
        let ends_record = b == b'\n' && self.state != QuoteState::Quoted;
        self.state = match (self.state, b) {
            (QuoteState::Quoted, b'"') => QuoteState::QuoteInQuoted,
            (QuoteState::Quoted, _) => QuoteState::Quoted,
            (QuoteState::QuoteInQuoted, b'"') => QuoteState::Quoted,
            (QuoteState::FieldStart, b'"') => QuoteState::Quoted,
            (_, b',' | b'\n') => QuoteState::FieldStart,
            _ => QuoteState::Unquoted,
        };
        if b == b'\n' {
            self.line += 1;
        }
        if ends_record {
            self.record_line = self.line;
            self.record_bytes = 0;
            return Ok(());
        }
        self.record_bytes += 1;
        if self.record_bytes > MAX_RECORD_BYTES {
            let line = self.record_line;
            return Err(Refusal::TooLong { line });
        }
        Ok(())
    }
}

impl<R: Read> Read for RecordGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Some(r) = self.failed {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, r));
        }
        let n = self.inner.read(buf)?;
        match self.scan(&buf[..n]) {
            Ok(()) => Ok(n),
            Err((at, r)) => {
                self.failed = Some(r);
                // Hand on the bytes before the refused one, so the rows
                // before it are read (and reported) as usual.
                if at > 0 {
                    Ok(at)
                } else {
                    Err(std::io::Error::new(std::io::ErrorKind::InvalidData, r))
                }
            }
        }
    }
}

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetectedEncoding {
    /// UTF-8 without BOM (also plain ASCII).
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's 「CSV UTF-8」).
    Utf8Bom,
    /// CP932 / Windows-31J (Shift_JIS with the NEC and IBM extensions), what
    /// Japanese Excel and most 勤怠 systems write by default.
    Cp932,
    /// UTF-16 with a byte-order mark.
    Utf16,
}

impl DetectedEncoding {
    /// Name for messages.
    pub fn name(self) -> &'static str {
        match self {
            DetectedEncoding::Utf8 => "UTF-8",
            DetectedEncoding::Utf8Bom => "UTF-8 (BOM)",
            DetectedEncoding::Cp932 => "CP932",
            DetectedEncoding::Utf16 => "UTF-16",
        }
    }
}

/// Chooses the encoding from the first bytes of a file: a BOM decides;
/// otherwise bytes that are valid UTF-8 (a character cut at the end of the
/// sample is allowed) are UTF-8, anything else is CP932. (CP932 text that
/// is not plain ASCII is practically never valid UTF-8.)
pub fn detect_encoding(sample: &[u8], complete: bool) -> DetectedEncoding {
    if sample.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return DetectedEncoding::Utf8Bom;
    }
    if sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]) {
        return DetectedEncoding::Utf16;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => DetectedEncoding::Utf8,
        Err(e) if !complete && e.error_len().is_none() => DetectedEncoding::Utf8,
        Err(_) => DetectedEncoding::Cp932,
    }
}

/// One column a file may have.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// Canonical name.
    pub name: &'static str,
    /// Other accepted header names (compared after normalisation: full-width
    /// to ASCII, ASCII lower case, spaces and `-` as `_`, a trailing
    /// parenthesised unit such as `（分）` dropped).
    pub aliases: &'static [&'static str],
    /// Whether the header must have it.
    pub required: bool,
}

/// Normalises a header cell for comparison.
pub fn normalize_header(raw: &str) -> String {
    let c = clean(raw.trim_start_matches('\u{feff}'));
    let mut s: String = c
        .chars()
        .map(|ch| match ch {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    if let Some(i) = s.find(['(', '[', '【']) {
        s.truncate(i);
    }
    s.trim_matches('_').to_string()
}

/// The header of a file mapped to the specs.
#[derive(Debug, Clone)]
pub struct Columns {
    indices: Vec<Option<usize>>,
    labels: Vec<String>,
}

impl Columns {
    /// The column index of spec `i` in the file, if present.
    pub fn index(&self, i: usize) -> Option<usize> {
        self.indices[i]
    }

    /// Whether spec `i` is present.
    pub fn has(&self, i: usize) -> bool {
        self.indices[i].is_some()
    }

    /// The label of spec `i` for messages.
    pub fn label(&self, i: usize) -> &str {
        &self.labels[i]
    }
}

/// A column as the header mapping sees it: the canonical name and the
/// header names that mean it, either from a static [`ColumnSpec`] (the
/// canonical name and its aliases) or from a mapping profile (only the
/// names the profile gives).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderSpec {
    /// Canonical name (used in messages and labels).
    pub name: &'static str,
    /// Accepted header names: (as written, for messages; normalised, for
    /// comparison).
    pub headers: Vec<(String, String)>,
    /// Whether the canonical name itself is accepted as a header.
    pub match_name: bool,
    /// Whether the header must have it.
    pub required: bool,
}

impl HeaderSpec {
    /// From a static spec: the canonical name and its aliases.
    pub fn from_static(spec: &ColumnSpec) -> HeaderSpec {
        HeaderSpec {
            name: spec.name,
            headers: spec
                .aliases
                .iter()
                .map(|a| (a.to_string(), a.to_ascii_lowercase()))
                .collect(),
            match_name: true,
            required: spec.required,
        }
    }

    /// From header names given by a profile (compared after
    /// [`normalize_header`]).
    pub fn from_names(name: &'static str, names: &[String], required: bool) -> HeaderSpec {
        HeaderSpec {
            name,
            headers: names
                .iter()
                .map(|n| (n.trim().to_string(), normalize_header(n)))
                .filter(|(_, n)| !n.is_empty())
                .collect(),
            match_name: false,
            required,
        }
    }

    /// Whether the normalised header cell `n` means this column.
    pub fn matches(&self, n: &str) -> bool {
        (self.match_name && self.name == n) || self.headers.iter().any(|(_, h)| h == n)
    }

    fn display_ja(&self) -> String {
        match self.headers.iter().find(|(a, _)| !a.is_ascii()) {
            Some((a, _)) => format!("{}（{a}）", self.name),
            None if !self.match_name => match self.headers.first() {
                Some((a, _)) => format!("{}（{a}）", self.name),
                None => self.name.to_string(),
            },
            None => self.name.to_string(),
        }
    }

    fn display_en(&self) -> String {
        if self.match_name {
            return self.name.to_string();
        }
        match self.headers.first() {
            Some((a, _)) => format!("{} ({a})", self.name),
            None => self.name.to_string(),
        }
    }
}

/// The static specs as [`HeaderSpec`]s.
pub fn header_specs(specs: &[ColumnSpec]) -> Vec<HeaderSpec> {
    specs.iter().map(HeaderSpec::from_static).collect()
}

fn describe(specs: &[HeaderSpec], only_required: bool) -> (String, String) {
    let pick = specs
        .iter()
        .filter(|s| !only_required || s.required)
        .filter(|s| s.match_name || !s.headers.is_empty());
    let ja = pick
        .clone()
        .map(HeaderSpec::display_ja)
        .collect::<Vec<_>>()
        .join(", ");
    let en = pick
        .map(HeaderSpec::display_en)
        .collect::<Vec<_>>()
        .join(", ");
    (ja, en)
}

/// Maps a header row to the specs.
pub fn map_header(
    file: &str,
    header: &StringRecord,
    specs: &[ColumnSpec],
) -> Result<Columns, IngestError> {
    map_header_specs(file, header, &header_specs(specs))
}

/// Maps a header row to [`HeaderSpec`]s.
pub fn map_header_specs(
    file: &str,
    header: &StringRecord,
    specs: &[HeaderSpec],
) -> Result<Columns, IngestError> {
    let mut indices = vec![None; specs.len()];
    let mut labels: Vec<String> = specs.iter().map(|s| s.name.to_string()).collect();
    for (pos, raw) in header.iter().enumerate() {
        let n = normalize_header(raw);
        if n.is_empty() {
            continue;
        }
        let Some(i) = specs.iter().position(|s| s.matches(&n)) else {
            continue; // unknown columns are ignored (vendors add many)
        };
        if let Some(first) = indices[i] {
            return Err(IngestError {
                file: file.to_string(),
                line: Some(1),
                column: Some(specs[i].name.to_string()),
                reason_ja: format!(
                    "見出しの {}列目と {}列目がどちらも {} を表しています",
                    first + 1,
                    pos + 1,
                    specs[i].name
                ),
                reason_en: format!(
                    "header columns {} and {} both mean {}",
                    first + 1,
                    pos + 1,
                    specs[i].name
                ),
            });
        }
        indices[i] = Some(pos);
        let written = raw.trim().trim_start_matches('\u{feff}');
        if written != specs[i].name {
            labels[i] = format!("{}（{written}）", specs[i].name);
        }
    }
    let missing: Vec<&HeaderSpec> = specs
        .iter()
        .zip(&indices)
        .filter(|(s, i)| s.required && i.is_none())
        .map(|(s, _)| s)
        .collect();
    if !missing.is_empty() {
        let (need_ja, need_en) = describe(specs, true);
        let (all_ja, all_en) = describe(specs, false);
        let missing_names = missing
            .iter()
            .map(|s| s.name)
            .collect::<Vec<_>>()
            .join(", ");
        let seen = header
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}'))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(IngestError {
            file: file.to_string(),
            line: Some(1),
            column: None,
            reason_ja: format!(
                "見出し行に必要な列 {missing_names} がありません（1行目は見出し行です）。必要な列: {need_ja}。使える列: {all_ja}。この行の見出し: {seen}"
            ),
            reason_en: format!(
                "the header row lacks the required column(s) {missing_names} (line 1 is the header). Required: {need_en}. Known columns: {all_en}. This header: {seen}"
            ),
        });
    }
    Ok(Columns { indices, labels })
}

/// What the `csv` reader of a [`CsvSource`] reads: a whole decoded file, or
/// one chunk of records of it (parsed on another thread, [`crate::parallel`]).
pub(crate) enum Input {
    /// The decoded file. The bytes read through it are kept until the header
    /// is read, so that what `csv` read ahead can be handed on
    /// ([`CsvSource::into_rest`]).
    Stream {
        inner: Box<dyn Read + Send>,
        kept: Vec<u8>,
        keeping: bool,
    },
    /// Whole records: `buf[pos..len]` is still to be read.
    Chunk {
        buf: Vec<u8>,
        pos: usize,
        len: usize,
    },
}

impl Read for Input {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Input::Stream {
                inner,
                kept,
                keeping,
            } => {
                let n = inner.read(out)?;
                if *keeping {
                    kept.extend_from_slice(&out[..n]);
                }
                Ok(n)
            }
            Input::Chunk { buf, pos, len } => {
                let n = (*len - *pos).min(out.len());
                out[..n].copy_from_slice(&buf[*pos..*pos + n]);
                *pos += n;
                Ok(n)
            }
        }
    }
}

/// The rest of a file after its header, for the parallel parser: the decoded
/// stream, preceded by the bytes `csv` had read ahead.
pub(crate) struct Rest {
    /// Decoded bytes after the header that were already read.
    pub read_ahead: Vec<u8>,
    /// The decoded stream from there on.
    pub stream: Box<dyn Read + Send>,
    /// Line number of the first byte after the header.
    pub first_line: u64,
    /// Decoded bytes of the header (and blank lines after it).
    pub header_bytes: u64,
}

/// A CSV file opened for reading: decoded, header mapped.
pub struct CsvSource {
    file: String,
    reader: csv::Reader<RecordGuard<Input>>,
    encoding: DetectedEncoding,
    columns: Columns,
    record: StringRecord,
    line: u64,
}

impl std::fmt::Debug for CsvSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvSource")
            .field("file", &self.file)
            .field("encoding", &self.encoding)
            .field("line", &self.line)
            .finish()
    }
}

/// The error for a record longer than [`MAX_RECORD_BYTES`] starting at `line`.
pub fn record_too_long(file: &str, line: u64) -> IngestError {
    let kib = MAX_RECORD_BYTES / 1024;
    IngestError {
        file: file.to_string(),
        line: Some(line),
        column: None,
        reason_ja: format!(
            "行が長すぎます（1行 {kib} KiB まで）。改行のないファイルか、CSV ではないファイルのようです"
        ),
        reason_en: format!(
            "the line is too long (at most {kib} KiB per line); the file has no line breaks or is not CSV"
        ),
    }
}

/// A run of raw bytes without a `\n` this long decodes, in any supported
/// encoding, to a record longer than [`MAX_RECORD_BYTES`] (UTF-16 halves the
/// bytes at most): an upload can be refused while it streams in, before it is
/// stored, on the raw bytes.
pub const MAX_RAW_LINE_BYTES: usize = 4 * MAX_RECORD_BYTES;

pub(crate) fn io_error(file: &str, e: &std::io::Error) -> IngestError {
    match e.get_ref().and_then(|r| r.downcast_ref::<Refusal>()) {
        Some(Refusal::TooLong { line }) => return record_too_long(file, *line),
        Some(Refusal::Nul { line }) => {
            return IngestError {
                file: file.to_string(),
                line: Some(*line),
                column: None,
                reason_ja: "NUL 文字（0x00）があります。CSV のテキストではないようです（Excel ブック・zip などのバイナリ、または BOM のない UTF-16）。CSV（UTF-8 か CP932）で保存してください".to_string(),
                reason_en: "contains a NUL byte (0x00): this is not CSV text (a binary file such as a workbook or zip, or UTF-16 without a BOM); save it as CSV (UTF-8 or CP932)".to_string(),
            };
        }
        None => {}
    }
    IngestError::file(
        file,
        format!("読み込めません（{e}）"),
        format!("cannot be read ({e})"),
    )
}

impl CsvSource {
    /// Opens `input` (named `file` in messages) and reads its header.
    pub fn new(
        file: &str,
        input: impl Read + Send + 'static,
        specs: &[ColumnSpec],
    ) -> Result<CsvSource, IngestError> {
        CsvSource::with_specs(file, input, &header_specs(specs), None)
    }

    /// Opens `input` with [`HeaderSpec`]s. `forced` (`Utf8` or `Cp932`) is
    /// the encoding to use when detection cannot tell: no BOM and a plain
    /// ASCII sample. A file whose bytes show its encoding is read in it.
    pub fn with_specs(
        file: &str,
        mut input: impl Read + Send + 'static,
        specs: &[HeaderSpec],
        forced: Option<DetectedEncoding>,
    ) -> Result<CsvSource, IngestError> {
        let mut sample = Vec::with_capacity(SNIFF_BYTES.min(64 * 1024));
        (&mut input)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut sample)
            .map_err(|e| io_error(file, &e))?;
        let complete = sample.len() < SNIFF_BYTES;
        if sample.starts_with(b"PK\x03\x04") {
            return Err(IngestError::file(
                file,
                "Excel ブック（.xlsx）や zip ファイルは読めません。CSV（UTF-8 か CP932）で保存してください".to_string(),
                "is an Excel workbook (.xlsx) or a zip archive, not CSV; save it as CSV (UTF-8 or CP932)".to_string(),
            ));
        }
        let detected = detect_encoding(&sample, complete);
        // A profile's encoding decides only what the bytes cannot: a sample
        // that is plain ASCII (no BOM) could be either.
        let encoding = match (detected, forced) {
            (DetectedEncoding::Utf8, Some(f)) if sample.is_ascii() => f,
            _ => detected,
        };
        let stream: Box<dyn Read + Send> = match encoding {
            DetectedEncoding::Utf8 => Box::new(Cursor::new(sample).chain(input)),
            DetectedEncoding::Utf8Bom => {
                let mut c = Cursor::new(sample);
                c.set_position(3);
                Box::new(c.chain(input))
            }
            DetectedEncoding::Cp932 => Box::new(
                DecodeReaderBytesBuilder::new()
                    .encoding(Some(encoding_rs::SHIFT_JIS))
                    .bom_override(false)
                    .build(Cursor::new(sample).chain(input)),
            ),
            DetectedEncoding::Utf16 => Box::new(
                DecodeReaderBytesBuilder::new()
                    .bom_sniffing(true)
                    .build(Cursor::new(sample).chain(input)),
            ),
        };
        let stream = Input::Stream {
            inner: stream,
            kept: Vec::new(),
            keeping: true,
        };
        let mut reader = csv_reader(stream, 256 * 1024);
        let mut header = StringRecord::new();
        let got = reader
            .read_record(&mut header)
            .map_err(|e| csv_error(file, &e, None))?;
        if let Input::Stream { keeping, .. } = &mut reader.get_mut().inner {
            *keeping = false;
        }
        if !got {
            let (need_ja, need_en) = describe(specs, true);
            return Err(IngestError {
                file: file.to_string(),
                line: Some(1),
                column: None,
                reason_ja: format!(
                    "ファイルが空です。1行目に見出し行が必要です（必要な列: {need_ja}）"
                ),
                reason_en: format!(
                    "the file is empty; line 1 must be a header row (required columns: {need_en})"
                ),
            });
        }
        let columns = map_header_specs(file, &header, specs)?;
        Ok(CsvSource {
            file: file.to_string(),
            reader,
            encoding,
            columns,
            record: StringRecord::new(),
            line: 1,
        })
    }

    /// The file's name.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The detected encoding.
    pub fn encoding(&self) -> DetectedEncoding {
        self.encoding
    }

    /// The mapped columns.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// Line number of the current record.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Bytes of decoded text read so far.
    pub fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The rest of the file after the header, when no record was read yet.
    pub(crate) fn into_rest(self) -> Option<Rest> {
        if self.line != 1 {
            return None;
        }
        let header_end = self.reader.position().byte() as usize;
        let Input::Stream { inner, kept, .. } = self.reader.into_inner().inner else {
            return None;
        };
        let header = kept.get(..header_end)?;
        Some(Rest {
            first_line: 1 + memchr::memchr_iter(b'\n', header).count() as u64,
            header_bytes: header_end as u64,
            read_ahead: kept[header_end..].to_vec(),
            stream: inner,
        })
    }

    /// A source with the same file name, encoding and columns that reads
    /// chunks of records ([`CsvSource::load_chunk`]), its lines counted
    /// from 1 at the start of each chunk.
    pub(crate) fn chunk_source(&self) -> CsvSource {
        CsvSource {
            file: self.file.clone(),
            reader: csv_reader(empty_chunk(Vec::new()), 64 * 1024),
            encoding: self.encoding,
            columns: self.columns.clone(),
            record: StringRecord::new(),
            line: 0,
        }
    }

    /// Starts reading `buf[..len]` (whole records); gives back the buffer
    /// of the previous chunk.
    pub(crate) fn load_chunk(&mut self, buf: Vec<u8>, len: usize) -> Vec<u8> {
        let chunk = Input::Chunk { buf, pos: 0, len };
        let old = std::mem::replace(&mut self.reader, csv_reader(chunk, 64 * 1024));
        self.line = 0;
        match old.into_inner().inner {
            Input::Chunk { buf, .. } => buf,
            Input::Stream { .. } => Vec::new(),
        }
    }

    /// Newlines the chunk being read had up to where it was read (all of it
    /// once [`CsvSource::next_record`] said `false`).
    pub(crate) fn chunk_newlines(&self) -> u64 {
        self.reader.get_ref().line - 1
    }

    /// Reads the next record; `false` at the end. Blank lines are skipped.
    pub fn next_record(&mut self) -> Result<bool, IngestError> {
        if let Input::Stream { kept, .. } = &mut self.reader.get_mut().inner
            && kept.capacity() > 0
        {
            // Read sequentially: the bytes kept for the parallel parser go.
            *kept = Vec::new();
        }
        loop {
            let got = self
                .reader
                .read_record(&mut self.record)
                .map_err(|e| csv_error(&self.file, &e, Some(&self.columns)))?;
            if !got {
                return Ok(false);
            }
            self.line = match self.record.position() {
                Some(p) => self.reader.get_mut().record_start_line(p.byte(), p.line()),
                None => self.line + 1,
            };
            if self.record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            return Ok(true);
        }
    }

    /// The cleaned (trimmed, full-width to ASCII) value of spec `i` in the
    /// current record; empty when the column is absent or the row short.
    pub fn get(&self, i: usize) -> std::borrow::Cow<'_, str> {
        match self.columns.index(i).and_then(|c| self.record.get(c)) {
            Some(v) => clean(v),
            None => std::borrow::Cow::Borrowed(""),
        }
    }

    /// An error about spec `i` in the current record.
    pub fn error(&self, i: usize, e: ValueError) -> IngestError {
        IngestError {
            file: self.file.clone(),
            line: Some(self.line),
            column: Some(self.columns.label(i).to_string()),
            reason_ja: e.ja,
            reason_en: e.en,
        }
    }

    /// An error about the current record as a whole.
    pub fn row_error(&self, ja: String, en: String) -> IngestError {
        IngestError {
            file: self.file.clone(),
            line: Some(self.line),
            column: None,
            reason_ja: ja,
            reason_en: en,
        }
    }

    /// Parses spec `i` with `parse` when non-empty.
    pub fn parse_opt<T>(
        &self,
        i: usize,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Result<Option<T>, IngestError> {
        let v = self.get(i);
        if v.is_empty() {
            return Ok(None);
        }
        parse(&v).map(Some).map_err(|e| self.error(i, e))
    }

    /// Parses spec `i`, which must not be empty.
    pub fn parse_req<T>(
        &self,
        i: usize,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Result<T, IngestError> {
        match self.parse_opt(i, parse)? {
            Some(v) => Ok(v),
            None => Err(self.error(i, ValueError::new("値が空です", "the value is empty"))),
        }
    }
}

fn empty_chunk(buf: Vec<u8>) -> Input {
    Input::Chunk {
        buf,
        pos: 0,
        len: 0,
    }
}

/// The `csv` reader every source uses, over the record guard.
fn csv_reader(input: Input, capacity: usize) -> csv::Reader<RecordGuard<Input>> {
    // Records end at `\n` only (a `\r` before it is trimmed with the
    // field): with the default CRLF terminator, csv counts the `\n` of a
    // CRLF line into the next record and reports line numbers one short.
    csv::ReaderBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(capacity)
        .from_reader(RecordGuard::new(input))
}

fn csv_error(file: &str, e: &csv::Error, columns: Option<&Columns>) -> IngestError {
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, err } => IngestError {
            file: file.to_string(),
            line: pos.as_ref().map(|p| p.line()),
            column: columns
                .and_then(|c| c.indices.iter().position(|&i| i == Some(err.field())))
                .map(|i| columns.map(|c| c.label(i).to_string()).unwrap_or_default())
                .or_else(|| Some(format!("{}列目", err.field() + 1))),
            reason_ja: "UTF-8 として読めない文字があります。ファイル全体を UTF-8 か CP932（Shift_JIS）で保存してください".to_string(),
            reason_en: "has bytes that are not UTF-8; save the whole file as UTF-8 or CP932 (Shift_JIS)".to_string(),
        },
        csv::ErrorKind::Io(io) => io_error(file, io),
        _ => IngestError {
            file: file.to_string(),
            line: e.position().map(|p| p.line()),
            column: None,
            reason_ja: format!("CSV として読めません（{e}）"),
            reason_en: format!("is not valid CSV ({e})"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guard byte by byte: what [`RecordGuard::scan`] must equal.
    fn scan_bytewise<R: Read>(
        g: &mut RecordGuard<R>,
        bytes: &[u8],
    ) -> Result<(), (usize, Refusal)> {
        for (i, &b) in bytes.iter().enumerate() {
            g.step(b).map_err(|r| (i, r))?;
        }
        Ok(())
    }

    proptest::proptest! {
        /// Runs of field bytes, commas, quotes, newlines, CR and NUL, some runs
        /// longer than a record may be, fed in chunks: the fast scan refuses the
        /// same byte for the same reason and ends in the same state.
        #[test]
        fn the_fast_scan_is_the_bytewise_scan(
            runs in proptest::collection::vec(
                (proptest::sample::select(vec![b'a', b',', b'"', b'\n', b'\r', 0u8]),
                 proptest::prop_oneof![8 => 1usize..4, 1 => 60_000usize..70_000]),
                0..40),
            chunk in 1usize..5000,
        ) {
            let bytes: Vec<u8> = runs.iter().flat_map(|&(b, n)| std::iter::repeat_n(b, n)).collect();
            let mut fast = RecordGuard::new(std::io::empty());
            let mut slow = RecordGuard::new(std::io::empty());
            let mut base = 0;
            for part in bytes.chunks(chunk) {
                let a = fast.scan(part).map_err(|(i, r)| (base + i, r));
                let b = scan_bytewise(&mut slow, part).map_err(|(i, r)| (base + i, r));
                proptest::prop_assert_eq!(a, b);
                if a.is_err() {
                    // A refusal ends the stream: nothing after it is read.
                    return Ok(());
                }
                base += part.len();
            }
            proptest::prop_assert_eq!(fast.state, slow.state);
            proptest::prop_assert_eq!(fast.line, slow.line);
            proptest::prop_assert_eq!(fast.record_bytes, slow.record_bytes);
        }
    }

    const SPECS: &[ColumnSpec] = &[ColumnSpec {
        name: "a",
        aliases: &[],
        required: true,
    }];

    /// Reads every record; the first error.
    fn read_all(bytes: Vec<u8>) -> Result<u64, IngestError> {
        let mut src = CsvSource::new("x.csv", Cursor::new(bytes), SPECS)?;
        let mut n = 0;
        while src.next_record()? {
            n += 1;
        }
        Ok(n)
    }

    #[test]
    fn a_line_longer_than_the_cap_is_refused_naming_its_line() {
        let mut f = b"a\n1\n2\n".to_vec();
        f.extend(std::iter::repeat_n(b'9', MAX_RECORD_BYTES + 1));
        f.extend(b"\n3\n");
        let e = read_all(f).unwrap_err();
        assert_eq!(e.file, "x.csv");
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.reason_ja.contains("行が長すぎます"), "{e}");
        assert!(e.message_en().contains("line 4"), "{}", e.message_en());
        assert!(e.message_en().contains("64 KiB"), "{}", e.message_en());
    }

    #[test]
    fn a_single_line_file_is_refused_at_line_one() {
        let f = vec![b'a'; 3 * MAX_RECORD_BYTES];
        let e = read_all(f).unwrap_err();
        assert_eq!(e.line, Some(1), "{e}");
        assert!(e.reason_en.contains("too long"), "{e}");
    }

    #[test]
    fn a_line_of_exactly_the_cap_passes() {
        for end in ["\n", ""] {
            let mut f = b"a\n".to_vec();
            f.extend(std::iter::repeat_n(b'7', MAX_RECORD_BYTES));
            f.extend(end.as_bytes());
            assert_eq!(read_all(f).unwrap(), 1, "line end {end:?}");
        }
        // In CP932 the cap is on the decoded text: 2-byte characters become 3
        // bytes of UTF-8, so fewer of them fit.
        let cp932 = |chars: usize| {
            let text = format!("a\n{}", "日".repeat(chars));
            encoding_rs::SHIFT_JIS.encode(&text).0.into_owned()
        };
        assert_eq!(read_all(cp932(MAX_RECORD_BYTES / 3)).unwrap(), 1);
        let e = read_all(cp932(MAX_RECORD_BYTES / 3 + 1)).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }

    #[test]
    fn newlines_inside_quotes_do_not_end_a_record_for_the_cap() {
        // Short physical lines, but one record longer than the cap.
        let mut f = b"a\n\"".to_vec();
        for _ in 0..(MAX_RECORD_BYTES / 10 + 1) {
            f.extend(b"123456789\n");
        }
        f.extend(b"\"\n");
        let e = read_all(f).unwrap_err();
        assert_eq!(e.line, Some(2), "the record starts on line 2: {e}");
        // Quotes that close, `""` escapes and a stray quote inside an
        // unquoted field keep records short.
        let mut f = b"a\n".to_vec();
        for _ in 0..20_000 {
            f.extend(b"\"x\"\"y\",5\"3,\"z\"\n");
        }
        assert_eq!(read_all(f).unwrap(), 20_000);
    }

    #[test]
    fn nul_bytes_are_refused_naming_their_line() {
        let e = read_all(b"a\n1\n2\x003\n".to_vec()).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.reason_ja.contains("NUL"), "{e}");
        // UTF-16LE without a BOM: ASCII with a NUL after every byte.
        let utf16: Vec<u8> = "a\n1\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let e = read_all(utf16).unwrap_err();
        assert!(e.reason_en.contains("NUL"), "{e}");
        // UTF-16 with a BOM is decoded and read.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("a\n1\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read_all(utf16).unwrap(), 1);
    }

    #[test]
    fn records_after_empty_lines_are_on_their_own_line() {
        let text = "a\n1\n\n\n2\n\n\"x\ny\"\n\n3\n \n4";
        let mut src =
            CsvSource::new("x.csv", Cursor::new(text.as_bytes().to_vec()), SPECS).unwrap();
        let mut lines = Vec::new();
        while src.next_record().unwrap() {
            lines.push(src.line());
        }
        assert_eq!(lines, [2, 5, 7, 10, 12]);
    }

    #[test]
    fn a_zip_or_workbook_is_refused() {
        let e = read_all(b"PK\x03\x04\x14\x00\x06\x00rest".to_vec()).unwrap_err();
        assert_eq!(e.line, None);
        assert!(e.reason_ja.contains("xlsx"), "{e}");
    }
}
