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

use jiff::civil::Date;
use kpi::{AttendanceDay, DayType, KpiError, ReportBuilder, Work};

use crate::error::IngestError;
use crate::files::AttendanceReader;
use crate::kpi_error;

/// How the external sort spills.
#[derive(Debug, Clone)]
pub struct SortOptions {
    /// Rows held in memory before a sorted run is written to disk (each row
    /// takes [`RECORD_BYTES`] bytes there).
    pub spill_rows: usize,
    /// Where the runs go; the system's temporary directory by default.
    pub temp_dir: Option<PathBuf>,
}

impl Default for SortOptions {
    fn default() -> SortOptions {
        // 1 M rows ≈ 32 MB of buffer: a 10 M-row file spills about ten runs.
        SortOptions {
            spill_rows: 1 << 20,
            temp_dir: None,
        }
    }
}

/// How the rows were streamed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streamed {
    /// Attendance rows read.
    pub rows: u64,
    /// The file was not in per-employee date order and went through the sort.
    pub sorted: bool,
    /// Sorted runs written to disk (0 when everything fitted in memory).
    pub spilled_runs: usize,
}

/// Streams the attendance that `open` yields into a builder from
/// `new_builder`, in any row order (see the module docs). `open` and
/// `new_builder` are called again when the file has to be sorted; the
/// returned builder has seen every row exactly once.
pub fn stream_any_order(
    mut open: impl FnMut() -> Result<AttendanceReader, IngestError>,
    mut new_builder: impl FnMut() -> Result<ReportBuilder, IngestError>,
    options: &SortOptions,
) -> Result<(ReportBuilder, AttendanceReader, Streamed), IngestError> {
    let mut builder = new_builder()?;
    builder.mark_attendance_present();
    let mut reader = open()?;
    match stream_pipelined(&mut reader, &mut builder)? {
        FastPath::Done(rows) => {
            let streamed = Streamed {
                rows,
                ..Streamed::default()
            };
            return Ok((builder, reader, streamed));
        }
        FastPath::OutOfOrder => {}
    }
    // Out of order: nothing of the first pass is kept.
    drop(builder);
    let mut builder = new_builder()?;
    builder.mark_attendance_present();
    let mut reader = open()?;
    let (rows, spilled_runs) = sorted_into(&mut reader, &mut builder, options)?;
    Ok((
        builder,
        reader,
        Streamed {
            rows,
            sorted: true,
            spilled_runs,
        },
    ))
}

/// What the sorted fast path came to.
enum FastPath {
    /// Every row streamed in order: the rows read.
    Done(u64),
    /// A row went back in time for its employee.
    OutOfOrder,
}

/// Rows per batch handed from the parsing thread to the computing one.
const BATCH_ROWS: usize = 4096;
/// Batches in flight: with [`BATCH_ROWS`], memory stays a few MB whatever the
/// file's length.
const BATCHES_IN_FLIGHT: usize = 4;

/// A batch of parsed rows, and how reading ended after them (if it did).
struct Batch {
    rows: Vec<AttendanceDay>,
    len: usize,
    end: Option<Result<(), IngestError>>,
}

/// Streams `reader` into `builder` with parsing on one thread and the report
/// on another (the two halves take about the same time). Batches go through
/// a bounded channel and come back empty to be refilled, so nothing allocates
/// per row and memory does not grow with the file. Rows reach the builder in
/// file order, and a read error only after the rows before it, exactly as a
/// single loop would.
fn stream_pipelined(
    reader: &mut AttendanceReader,
    builder: &mut ReportBuilder,
) -> Result<FastPath, IngestError> {
    use std::sync::mpsc::sync_channel;
    let (full_tx, full_rx) = sync_channel::<Batch>(BATCHES_IN_FLIGHT);
    let (empty_tx, empty_rx) = sync_channel::<Batch>(BATCHES_IN_FLIGHT + 1);
    for _ in 0..BATCHES_IN_FLIGHT {
        let rows = (0..BATCH_ROWS)
            .map(|_| AttendanceDay::new(String::with_capacity(32), jiff::civil::date(2000, 1, 1)))
            .collect();
        let _ = empty_tx.send(Batch {
            rows,
            len: 0,
            end: None,
        });
    }
    std::thread::scope(|scope| {
        scope.spawn(move || {
            // Stops when the consumer hangs up (out of order or an error).
            while let Ok(mut batch) = empty_rx.recv() {
                batch.len = 0;
                while batch.len < BATCH_ROWS {
                    match reader.read_row(&mut batch.rows[batch.len]) {
                        Ok(true) => batch.len += 1,
                        Ok(false) => {
                            batch.end = Some(Ok(()));
                            break;
                        }
                        Err(e) => {
                            batch.end = Some(Err(e));
                            break;
                        }
                    }
                }
                let last = batch.end.is_some();
                if full_tx.send(batch).is_err() || last {
                    return;
                }
            }
        });
        // The consumer owns its channel ends: returning early hangs up, and the
        // parsing thread stops instead of waiting for a batch.
        consume(full_rx, empty_tx, builder)
    })
}

/// The computing half of [`stream_pipelined`].
fn consume(
    full_rx: std::sync::mpsc::Receiver<Batch>,
    empty_tx: std::sync::mpsc::SyncSender<Batch>,
    builder: &mut ReportBuilder,
) -> Result<FastPath, IngestError> {
    let mut rows = 0u64;
    while let Ok(mut batch) = full_rx.recv() {
        for row in &batch.rows[..batch.len] {
            rows += 1;
            match builder.push_attendance(row) {
                Ok(()) => {}
                Err(KpiError::OutOfOrder { .. }) => return Ok(FastPath::OutOfOrder),
                Err(other) => return Err(kpi_error(other)),
            }
        }
        match batch.end.take() {
            Some(Ok(())) => return Ok(FastPath::Done(rows)),
            Some(Err(e)) => return Err(e),
            None => {
                let _ = empty_tx.send(batch);
            }
        }
    }
    // The parsing thread ended without saying how; std::thread::scope
    // re-raises its panic once it is joined.
    Ok(FastPath::Done(rows))
}

/// Reads every row of `reader`, sorts them by (employee, date) on disk, and
/// feeds them to `builder`. Returns the rows and the runs spilled.
pub fn sorted_into(
    reader: &mut AttendanceReader,
    builder: &mut ReportBuilder,
    options: &SortOptions,
) -> Result<(u64, usize), IngestError> {
    let mut sorter = RunSorter::new(options);
    // Employee ids are interned: a run holds fixed-size records, and the sort
    // key is two integers. The table grows with employees, not rows.
    let mut ids: Vec<String> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut last: Option<u32> = None;
    let mut row = AttendanceDay::new(String::with_capacity(32), jiff::civil::date(2000, 1, 1));
    while reader.read_row(&mut row)? {
        let employee = match last {
            Some(i) if ids[i as usize] == row.employee_id => i,
            _ => match index.get(row.employee_id.as_str()) {
                Some(&i) => i,
                None => {
                    let i = u32::try_from(ids.len()).map_err(|_| too_many(reader))?;
                    ids.push(row.employee_id.clone());
                    index.insert(row.employee_id.clone(), i);
                    i
                }
            },
        };
        last = Some(employee);
        sorter
            .push(Record::of(employee, &row))
            .map_err(|e| spill_error(&e))?;
    }
    drop(index);
    let runs = sorter.runs();
    let mut rows = 0u64;
    sorter.merge(|record| {
        record.fill(&ids, &mut row).map_err(|e| spill_error(&e))?;
        rows += 1;
        builder.push_attendance(&row).map_err(kpi_error)
    })?;
    Ok((rows, runs))
}

/// Sorts records by [`Record::key`]: a buffer sorted in memory, spilled as a
/// sorted run to an unnamed temporary file when full; the runs are merged at
/// the end with a heap of their heads.
struct RunSorter {
    buffer: Vec<Record>,
    capacity: usize,
    dir: Option<PathBuf>,
    runs: Vec<File>,
}

impl RunSorter {
    fn new(options: &SortOptions) -> RunSorter {
        let capacity = options.spill_rows.max(1);
        RunSorter {
            buffer: Vec::with_capacity(capacity.min(1 << 16)),
            capacity,
            dir: options.temp_dir.clone(),
            runs: Vec::new(),
        }
    }

    fn push(&mut self, record: Record) -> std::io::Result<()> {
        self.buffer.push(record);
        if self.buffer.len() >= self.capacity {
            self.spill()?;
        }
        Ok(())
    }

    fn spill(&mut self) -> std::io::Result<()> {
        self.buffer.sort_unstable_by_key(Record::key);
        // Unnamed: the file disappears when closed, whatever happens.
        let file = match &self.dir {
            Some(dir) => tempfile::tempfile_in(dir)?,
            None => tempfile::tempfile()?,
        };
        let mut w = BufWriter::with_capacity(1 << 16, file);
        for r in self.buffer.drain(..) {
            w.write_all(&r.encode())?;
        }
        let mut file = w.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        self.runs.push(file);
        Ok(())
    }

    /// Runs on disk so far, counting the buffer if it will be spilled.
    fn runs(&self) -> usize {
        if self.runs.is_empty() {
            0
        } else {
            self.runs.len() + usize::from(!self.buffer.is_empty())
        }
    }

    /// Hands every record to `f` in key order.
    fn merge(
        mut self,
        mut f: impl FnMut(&Record) -> Result<(), IngestError>,
    ) -> Result<(), IngestError> {
        if self.runs.is_empty() {
            self.buffer.sort_unstable_by_key(Record::key);
            return self.buffer.iter().try_for_each(f);
        }
        if !self.buffer.is_empty() {
            self.spill().map_err(|e| spill_error(&e))?;
        }
        let mut readers: Vec<BufReader<File>> = self
            .runs
            .drain(..)
            .map(|file| BufReader::with_capacity(1 << 16, file))
            .collect();
        let mut heads: Vec<Option<Record>> = Vec::with_capacity(readers.len());
        let mut heap = BinaryHeap::with_capacity(readers.len());
        for (i, r) in readers.iter_mut().enumerate() {
            let head = Record::decode(r).map_err(|e| spill_error(&e))?;
            if let Some(h) = &head {
                heap.push(Reverse((h.key(), i)));
            }
            heads.push(head);
        }
        while let Some(Reverse((_, i))) = heap.pop() {
            let Some(record) = heads[i].take() else {
                continue;
            };
            f(&record)?;
            let next = Record::decode(&mut readers[i]).map_err(|e| spill_error(&e))?;
            if let Some(n) = &next {
                heap.push(Reverse((n.key(), i)));
            }
            heads[i] = next;
        }
        Ok(())
    }
}

fn too_many(reader: &AttendanceReader) -> IngestError {
    reader.date_error(
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
