//! Attendance rows in any order: employees interleaved, dates unsorted, files
//! concatenated.
//!
//! The streaming pass ([`kpi::ReportBuilder`]) needs each employee's rows in
//! date order. [`stream_any_order`] first streams the file as it is (the fast
//! path: 勤怠 exports are sorted by employee or by date). When a row goes back
//! in time for its employee, the half-built report is thrown away and the
//! file is read again from the start through an external sort by (employee,
//! date) that spills sorted runs of at most [`SortOptions::spill_rows`] rows
//! to temporary files and merges them, so memory stays bounded by that buffer
//! and the employees, never by the file's length. Figures do not depend on
//! the order of one employee's rows within a day, so the sorted stream gives
//! exactly the figures of the file sorted by hand.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use jiff::civil::Date;
use kpi::{AttendanceDay, DayType, KpiError, ReportBuilder, Work};

use crate::error::IngestError;
use crate::files::AttendanceReader;
use crate::source::DetectedEncoding;
use crate::{kpi_error, parallel};

/// How the external sort spills.
#[derive(Debug, Clone)]
pub struct SortOptions {
    /// Rows held in memory before a sorted run is written to disk (each row
    /// takes [`RECORD_BYTES`] bytes there). Two buffers of this size exist
    /// while one is written and the next fills.
    pub spill_rows: usize,
    /// Where the runs go; the system's temporary directory by default.
    pub temp_dir: Option<PathBuf>,
}

impl Default for SortOptions {
    fn default() -> SortOptions {
        // 512 Ki rows ≈ 14 MB per buffer, two buffers: a 10 M-row file spills
        // about twenty runs.
        SortOptions {
            spill_rows: 1 << 19,
            temp_dir: None,
        }
    }
}

/// How the rows were streamed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streamed {
    /// Attendance rows read.
    pub rows: u64,
    /// Decoded bytes of the attendance file read (the header included).
    pub bytes: u64,
    /// The file's encoding.
    pub encoding: Option<DetectedEncoding>,
    /// The file was not in per-employee date order and went through the sort.
    pub sorted: bool,
    /// Sorted runs written to disk (0 when everything fitted in memory).
    pub spilled_runs: usize,
}

/// Streams the attendance that `open` yields into a builder from
/// `new_builder`, in any row order (see the module docs), parsing on
/// [`crate::parallel::PARSERS`] threads. `open` and `new_builder` are called
/// again when the file has to be sorted; the returned builder has seen every
/// row exactly once.
pub fn stream_any_order(
    mut open: impl FnMut() -> Result<AttendanceReader, IngestError>,
    mut new_builder: impl FnMut() -> Result<ReportBuilder, IngestError>,
    options: &SortOptions,
) -> Result<(ReportBuilder, Streamed), IngestError> {
    let mut builder = new_builder()?;
    builder.mark_attendance_present();
    let reader = open()?;
    let encoding = Some(reader.encoding());
    let parsed = parallel::for_each_row(reader, |row| match builder.push_attendance(row) {
        Ok(()) => Ok(true),
        Err(KpiError::OutOfOrder { .. }) => Ok(false),
        Err(other) => Err(kpi_error(other)),
    })?;
    if !parsed.stopped {
        let streamed = Streamed {
            rows: parsed.rows,
            bytes: parsed.bytes,
            encoding,
            ..Streamed::default()
        };
        return Ok((builder, streamed));
    }
    // Out of order: nothing of the first pass is kept.
    drop(builder);
    let mut builder = new_builder()?;
    builder.mark_attendance_present();
    let reader = open()?;
    let mut streamed = sorted_into(reader, &mut builder, options)?;
    streamed.encoding = encoding;
    Ok((builder, streamed))
}

/// Reads every row of `reader` (just opened), sorts them by (employee,
/// date) on disk, and feeds them to `builder`.
///
/// Three stages overlap: rows are parsed (in parallel) into a run buffer
/// while the previous full buffer is sorted and written on another thread;
/// then the runs are merged on one thread while the report takes the merged
/// rows on this one.
pub fn sorted_into(
    reader: AttendanceReader,
    builder: &mut ReportBuilder,
    options: &SortOptions,
) -> Result<Streamed, IngestError> {
    let (ids, runs, rest, parsed) = spill_runs(reader, options)?;
    let spilled_runs = runs.len();
    let rows = merge_into(runs, rest, &ids, builder)?;
    Ok(Streamed {
        rows,
        bytes: parsed.bytes,
        encoding: None,
        sorted: true,
        spilled_runs,
    })
}

/// Employee ids by their interned number.
type Ids = Vec<String>;

/// Parses every row into sorted runs on disk; the last, partial buffer stays
/// in memory (unsorted).
fn spill_runs(
    reader: AttendanceReader,
    options: &SortOptions,
) -> Result<(Ids, Vec<File>, Vec<Record>, parallel::Parsed), IngestError> {
    let capacity = options.spill_rows.max(1);
    let dir = options.temp_dir.clone();
    // Employee ids are interned: a run holds fixed-size records, and the sort
    // key is two integers. The table grows with employees, not rows.
    let mut ids: Ids = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut last: Option<u32> = None;
    let mut buffer: Vec<Record> = Vec::with_capacity(capacity.min(1 << 16));
    let (full_tx, full_rx) = sync_channel::<Vec<Record>>(1);
    let (spare_tx, spare_rx) = sync_channel::<Vec<Record>>(1);
    let lost = || spill_error(&std::io::Error::other("the sort's writing thread stopped"));
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> std::io::Result<Vec<File>> {
            let mut runs = Vec::new();
            while let Ok(mut run) = full_rx.recv() {
                runs.push(write_run(&mut run, dir.as_deref())?);
                if spare_tx.send(run).is_err() {
                    break;
                }
            }
            Ok(runs)
        });
        // The second buffer exists only once a first run is written.
        let mut first_spill = true;
        let parsed = parallel::for_each_row(reader, |row| {
            let employee = match last {
                Some(i) if ids[i as usize] == row.employee_id => i,
                _ => match index.get(row.employee_id.as_str()) {
                    Some(&i) => i,
                    None => {
                        let i = u32::try_from(ids.len()).map_err(|_| too_many())?;
                        ids.push(row.employee_id.clone());
                        index.insert(row.employee_id.clone(), i);
                        i
                    }
                },
            };
            last = Some(employee);
            buffer.push(Record::of(employee, row));
            if buffer.len() >= capacity {
                // Waits while the previous run is still being written: two
                // buffers, whatever the file's length.
                let next = if first_spill {
                    Vec::with_capacity(capacity)
                } else {
                    spare_rx.recv().map_err(|_| lost())?
                };
                first_spill = false;
                let full = std::mem::replace(&mut buffer, next);
                full_tx.send(full).map_err(|_| lost())?;
            }
            Ok(true)
        });
        drop(full_tx);
        drop(spare_rx);
        let runs = match writer.join() {
            Ok(Ok(runs)) => runs,
            Ok(Err(e)) => return Err(spill_error(&e)),
            Err(panic) => std::panic::resume_unwind(panic),
        };
        Ok((runs, parsed?))
    })
    .map(|(runs, parsed)| (ids, runs, buffer, parsed))
}

/// Sorts `run` and writes it to an unnamed temporary file (it disappears
/// when closed, whatever happens); leaves `run` empty.
fn write_run(run: &mut Vec<Record>, dir: Option<&std::path::Path>) -> std::io::Result<File> {
    run.sort_unstable_by_key(Record::key);
    let file = match dir {
        Some(dir) => tempfile::tempfile_in(dir)?,
        None => tempfile::tempfile()?,
    };
    let mut w = BufWriter::with_capacity(1 << 16, file);
    for r in run.drain(..) {
        w.write_all(&r.encode())?;
    }
    let mut file = w.into_inner().map_err(|e| e.into_error())?;
    file.seek(SeekFrom::Start(0))?;
    Ok(file)
}

/// Records merged per batch handed from the merging thread to the report.
const MERGE_BATCH: usize = 8192;

/// Feeds `builder` every record of the runs and of `rest`, in key order;
/// returns the rows fed. With runs on disk the merge runs on its own thread.
fn merge_into(
    runs: Vec<File>,
    mut rest: Vec<Record>,
    ids: &[String],
    builder: &mut ReportBuilder,
) -> Result<u64, IngestError> {
    rest.sort_unstable_by_key(Record::key);
    let mut row = AttendanceDay::new(String::with_capacity(32), jiff::civil::date(2000, 1, 1));
    let mut feed = |record: &Record| -> Result<(), IngestError> {
        record.fill(ids, &mut row).map_err(|e| spill_error(&e))?;
        builder.push_attendance(&row).map_err(kpi_error)
    };
    if runs.is_empty() {
        rest.iter().try_for_each(&mut feed)?;
        return Ok(rest.len() as u64);
    }
    let (full_tx, full_rx) = sync_channel::<std::io::Result<Vec<Record>>>(2);
    let (empty_tx, empty_rx) = sync_channel::<Vec<Record>>(4);
    for _ in 0..3 {
        let _ = empty_tx.send(Vec::with_capacity(MERGE_BATCH));
    }
    std::thread::scope(|scope| {
        // Owned here: returning early hangs up, and the merging thread stops
        // at its next send or receive.
        let (full_rx, empty_tx) = (full_rx, empty_tx);
        scope.spawn(move || {
            if let Err(e) = merge_runs(runs, rest, &full_tx, &empty_rx) {
                let _ = full_tx.send(Err(e));
            }
        });
        let mut rows = 0u64;
        while let Ok(batch) = full_rx.recv() {
            let batch = batch.map_err(|e| spill_error(&e))?;
            for record in &batch {
                feed(record)?;
            }
            rows += batch.len() as u64;
            let _ = empty_tx.send(batch);
        }
        Ok(rows)
    })
}

/// The merging thread: a heap of the runs' heads, records sent on in
/// batches (an empty channel end means the report stopped).
fn merge_runs(
    runs: Vec<File>,
    rest: Vec<Record>,
    full_tx: &SyncSender<std::io::Result<Vec<Record>>>,
    empty_rx: &Receiver<Vec<Record>>,
) -> std::io::Result<()> {
    let mut readers: Vec<BufReader<File>> = runs
        .into_iter()
        .map(|file| BufReader::with_capacity(1 << 16, file))
        .collect();
    let mut rest = rest.into_iter();
    // Source `readers.len()` is the sorted buffer that was never written.
    let memory = readers.len();
    let mut next =
        |i: usize, readers: &mut Vec<BufReader<File>>| -> std::io::Result<Option<Record>> {
            if i == memory {
                Ok(rest.next())
            } else {
                Record::decode(&mut readers[i])
            }
        };
    let mut heap = BinaryHeap::with_capacity(memory + 1);
    for i in 0..=memory {
        if let Some(h) = next(i, &mut readers)? {
            heap.push(Reverse((h.key(), i, HeapRecord(h))));
        }
    }
    let Ok(mut batch) = empty_rx.recv() else {
        return Ok(());
    };
    while let Some(Reverse((_, i, HeapRecord(record)))) = heap.pop() {
        batch.push(record);
        if let Some(n) = next(i, &mut readers)? {
            heap.push(Reverse((n.key(), i, HeapRecord(n))));
        }
        if batch.len() == MERGE_BATCH {
            if full_tx.send(Ok(batch)).is_err() {
                return Ok(());
            }
            let Ok(b) = empty_rx.recv() else {
                return Ok(());
            };
            batch = b;
            batch.clear();
        }
    }
    let _ = full_tx.send(Ok(batch));
    Ok(())
}

/// A record in the merge heap, ordered by nothing (the key and source before
/// it decide).
struct HeapRecord(Record);

impl PartialEq for HeapRecord {
    fn eq(&self, _: &HeapRecord) -> bool {
        true
    }
}
impl Eq for HeapRecord {}
impl PartialOrd for HeapRecord {
    fn partial_cmp(&self, other: &HeapRecord) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for HeapRecord {
    fn cmp(&self, _: &HeapRecord) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

fn too_many() -> IngestError {
    IngestError::file(
        crate::ATTENDANCE_CSV,
        "社員番号の種類が多すぎます".to_string(),
        "too many distinct employee ids".to_string(),
    )
}

fn spill_error(e: &std::io::Error) -> IngestError {
    IngestError::file(
        crate::ATTENDANCE_CSV,
        format!("並べ替えの一時ファイルを読み書きできません（{e}）"),
        format!("cannot write or read the sort's temporary files ({e})"),
    )
}

/// Bytes of one row in a sorted run on disk.
pub const RECORD_BYTES: usize = 28;

/// One attendance row with its employee interned, as the sort holds it.
#[derive(Debug, Clone, Copy)]
struct Record {
    employee: u32,
    year: i16,
    month: i8,
    day: i8,
    day_type: u8,
    /// 0 none, 1 clock, 2 precomputed.
    work: u8,
    paid_leave_half_days: u8,
    /// Clock: start, end; precomputed: overtime, holiday minutes.
    a: u32,
    b: u32,
    break_minutes: u16,
    paid_leave_hourly_minutes: u32,
}

impl Record {
    fn of(employee: u32, row: &AttendanceDay) -> Record {
        let (work, a, b, break_minutes) = match row.work {
            Work::None => (0, 0, 0, 0),
            Work::Clock {
                start_minute,
                end_minute,
                break_minutes,
            } => (
                1,
                u32::from(start_minute),
                u32::from(end_minute),
                break_minutes,
            ),
            Work::Precomputed {
                legal_overtime_minutes,
                legal_holiday_minutes,
            } => (2, legal_overtime_minutes, legal_holiday_minutes, 0),
        };
        Record {
            employee,
            year: row.date.year(),
            month: row.date.month(),
            day: row.date.day(),
            day_type: match row.day_type {
                DayType::Workday => 0,
                DayType::Holiday => 1,
                DayType::LegalHoliday => 2,
            },
            work,
            paid_leave_half_days: row.paid_leave_half_days,
            a,
            b,
            break_minutes,
            paid_leave_hourly_minutes: row.paid_leave_hourly_minutes,
        }
    }

    /// (employee, date) as one integer: the order the streaming pass needs.
    fn key(&self) -> u64 {
        // Years are at most four digits: shifted they are never negative.
        let date = (i64::from(self.year) + 10_000) * 512
            + i64::from(self.month) * 32
            + i64::from(self.day);
        (u64::from(self.employee) << 32) | (date as u64 & 0xFFFF_FFFF)
    }

    fn fill(&self, ids: &[String], row: &mut AttendanceDay) -> std::io::Result<()> {
        let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "corrupt sort run");
        let id = ids.get(self.employee as usize).ok_or_else(bad)?;
        if row.employee_id != *id {
            row.employee_id.clear();
            row.employee_id.push_str(id);
        }
        row.date = Date::new(self.year, self.month, self.day).map_err(|_| bad())?;
        row.day_type = match self.day_type {
            0 => DayType::Workday,
            1 => DayType::Holiday,
            2 => DayType::LegalHoliday,
            _ => return Err(bad()),
        };
        row.work = match self.work {
            0 => Work::None,
            1 => Work::Clock {
                start_minute: u16::try_from(self.a).map_err(|_| bad())?,
                end_minute: u16::try_from(self.b).map_err(|_| bad())?,
                break_minutes: self.break_minutes,
            },
            2 => Work::Precomputed {
                legal_overtime_minutes: self.a,
                legal_holiday_minutes: self.b,
            },
            _ => return Err(bad()),
        };
        row.paid_leave_half_days = self.paid_leave_half_days;
        row.paid_leave_hourly_minutes = self.paid_leave_hourly_minutes;
        Ok(())
    }
}

impl Record {
    fn encode(&self) -> [u8; RECORD_BYTES] {
        let mut b = [0u8; RECORD_BYTES];
        b[0..4].copy_from_slice(&self.employee.to_le_bytes());
        b[4..6].copy_from_slice(&self.year.to_le_bytes());
        b[6] = self.month as u8;
        b[7] = self.day as u8;
        b[8] = self.day_type;
        b[9] = self.work;
        b[10] = self.paid_leave_half_days;
        b[12..16].copy_from_slice(&self.a.to_le_bytes());
        b[16..20].copy_from_slice(&self.b.to_le_bytes());
        b[20..22].copy_from_slice(&self.break_minutes.to_le_bytes());
        b[24..28].copy_from_slice(&self.paid_leave_hourly_minutes.to_le_bytes());
        b
    }

    /// The next record of a run; `None` at its end.
    fn decode(r: &mut impl Read) -> std::io::Result<Option<Record>> {
        let mut b = [0u8; RECORD_BYTES];
        match r.read_exact(&mut b) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e),
        }
        let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        Ok(Some(Record {
            employee: u32_at(0),
            year: i16::from_le_bytes([b[4], b[5]]),
            month: b[6] as i8,
            day: b[7] as i8,
            day_type: b[8],
            work: b[9],
            paid_leave_half_days: b[10],
            a: u32_at(12),
            b: u32_at(16),
            break_minutes: u16::from_le_bytes([b[20], b[21]]),
            paid_leave_hourly_minutes: u32_at(24),
        }))
    }
}
