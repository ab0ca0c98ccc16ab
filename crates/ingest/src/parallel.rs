//! Parsing attendance on several threads, rows handed on in file order
//! (並列読み込み).
//!
//! Parsing (CSV grammar, value clean-up, numbers and dates) is two thirds of
//! the work of a streaming pass, so one parsing thread cannot keep up with
//! the report. Here a reader thread reads the decoded text in chunks of
//! [`CHUNK_BYTES`] and cuts each at its last record end (a newline outside
//! quotes, by the grammar the record guard follows), [`PARSERS`] threads
//! parse chunks into rows, and the caller's thread takes the rows strictly in
//! file order (chunks carry sequence numbers). A fixed pool of [`CHUNKS`]
//! buffers and [`BATCHES`] row batches is recycled, so memory does not grow
//! with the file.
//!
//! Each chunk is parsed by the same code as a sequential read (its own
//! `csv` reader and record guard), with lines counted from the chunk's
//! start; the caller adds the lines of the chunks before it (the line map),
//! so an error names the same line as a sequential read would, and the first
//! error in file order wins.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use kpi::AttendanceDay;

use crate::error::IngestError;
use crate::files::AttendanceReader;
use crate::source::{MAX_RECORD_BYTES, QuoteState, io_error, record_too_long};

/// Bytes a chunk is read in (it grows only when one record does not fit,
/// which then is too long anyway).
pub const CHUNK_BYTES: usize = 256 * 1024;
/// Chunk buffers in the pool.
const CHUNKS: usize = 8;
/// Parsing threads.
pub const PARSERS: usize = 2;
/// Row batches in the pool (one per chunk in flight).
const BATCHES: usize = 6;

/// What [`for_each_row`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parsed {
    /// Rows handed to the callback.
    pub rows: u64,
    /// Decoded bytes read (the header included); all of the file unless
    /// stopped.
    pub bytes: u64,
    /// The callback asked to stop.
    pub stopped: bool,
}

/// How a chunk ends the reading, if it does.
enum ChunkEnd {
    /// More chunks follow.
    More,
    /// The file ends with this chunk.
    Last,
    /// The chunk is one record with no end in sight: too long.
    Overlong,
    /// Reading failed after this chunk's bytes.
    Failed(IngestError),
}

struct Chunk {
    seq: u64,
    buf: Vec<u8>,
    len: usize,
    end: ChunkEnd,
}

/// The rows of one chunk, and how reading ends after them (if it does).
struct Batch {
    seq: u64,
    rows: Vec<AttendanceDay>,
    len: usize,
    /// Newlines in the chunk: the line map's step to the next chunk.
    newlines: u64,
    bytes: u64,
    /// `Ok` after the last chunk; an error with its line counted from the
    /// chunk's start.
    end: Option<Result<(), IngestError>>,
}

/// Hands every row of `reader` (just opened) to `f`, in file order; `f`
/// returns `false` to stop. The first error in file order is returned, after
/// the rows before it were handed on.
pub(crate) fn for_each_row(
    reader: AttendanceReader,
    f: impl FnMut(&AttendanceDay) -> Result<bool, IngestError>,
) -> Result<Parsed, IngestError> {
    for_each_row_in(reader, CHUNK_BYTES, f)
}

/// [`for_each_row`] with chunks of `chunk_bytes` (tests cut small ones).
pub(crate) fn for_each_row_in(
    reader: AttendanceReader,
    chunk_bytes: usize,
    f: impl FnMut(&AttendanceDay) -> Result<bool, IngestError>,
) -> Result<Parsed, IngestError> {
    let file = reader.file().to_string();
    let parsers: Vec<AttendanceReader> = (0..PARSERS).map(|_| reader.chunk_reader()).collect();
    let Some(rest) = reader.into_rest() else {
        return Err(IngestError::file(
            file,
            "読み始めた後では並列に読めません".to_string(),
            "cannot be read in parallel once rows were read".to_string(),
        ));
    };
    let stop = AtomicBool::new(false);
    let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(CHUNKS);
    let chunk_rx = Mutex::new(chunk_rx);
    let (free_tx, free_rx) = sync_channel::<Vec<u8>>(CHUNKS);
    for _ in 0..CHUNKS {
        let _ = free_tx.send(vec![0; chunk_bytes.max(1)]);
    }
    let (empty_tx, empty_rx) = sync_channel::<Batch>(BATCHES);
    let empty_rx = Mutex::new(empty_rx);
    for _ in 0..BATCHES {
        let _ = empty_tx.send(Batch {
            seq: 0,
            rows: Vec::new(),
            len: 0,
            newlines: 0,
            bytes: 0,
            end: None,
        });
    }
    let (full_tx, full_rx) = sync_channel::<Batch>(BATCHES);
    let (first_line, header_bytes) = (rest.first_line, rest.header_bytes);
    std::thread::scope(|scope| {
        let (stop, file) = (&stop, file.as_str());
        scope.spawn(move || read_chunks(rest, file, free_rx, chunk_tx, stop));
        for parser in parsers {
            let (chunk_rx, empty_rx) = (&chunk_rx, &empty_rx);
            let (free_tx, full_tx) = (free_tx.clone(), full_tx.clone());
            scope.spawn(move || parse_chunks(parser, chunk_rx, empty_rx, free_tx, full_tx));
        }
        drop((free_tx, full_tx));
        // The consumer owns its channel ends: returning hangs up, and every
        // other thread stops at its next send or receive.
        let got = consume(full_rx, empty_tx, first_line, header_bytes, f);
        stop.store(true, Ordering::Relaxed);
        got
    })
}

/// The reader thread: fills buffers from the pool and cuts them at their
/// last record end; the bytes after the cut start the next chunk.
fn read_chunks(
    rest: crate::source::Rest,
    file: &str,
    free_rx: Receiver<Vec<u8>>,
    chunk_tx: SyncSender<Chunk>,
    stop: &AtomicBool,
) {
    let mut stream = Cursor::new(rest.read_ahead).chain(rest.stream);
    let mut tail: Vec<u8> = Vec::new();
    let mut seq = 0u64;
    loop {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let Ok(mut buf) = free_rx.recv() else {
            return;
        };
        if buf.len() < tail.len() {
            buf.resize(tail.len(), 0);
        }
        buf[..tail.len()].copy_from_slice(&tail);
        let mut len = tail.len();
        let (cut, end) = loop {
            match fill(&mut stream, &mut buf[len..]) {
                Ok((n, false)) => len += n,
                Ok((n, true)) => break (len + n, ChunkEnd::Last),
                Err(e) => {
                    let cut = last_record_end(&buf[..len]).unwrap_or(0);
                    break (cut, ChunkEnd::Failed(io_error(file, &e)));
                }
            }
            match last_record_end(&buf[..len]) {
                Some(cut) => break (cut, ChunkEnd::More),
                // One record fills the buffer: past the cap it is refused
                // (by the chunk's parser, at its line), else it may still end.
                None if len > MAX_RECORD_BYTES => break (len, ChunkEnd::Overlong),
                None => {
                    let bigger = (buf.len() * 2).max(MAX_RECORD_BYTES + 2);
                    buf.resize(bigger, 0);
                }
            }
        };
        tail.clear();
        if matches!(end, ChunkEnd::More) {
            tail.extend_from_slice(&buf[cut..len]);
        }
        let last = !matches!(end, ChunkEnd::More);
        let chunk = Chunk {
            seq,
            buf,
            len: cut,
            end,
        };
        if chunk_tx.send(chunk).is_err() || last {
            return;
        }
        seq += 1;
    }
}

/// Reads until `buf` is full or the stream ends: (bytes read, at the end).
fn fill(stream: &mut impl Read, buf: &mut [u8]) -> std::io::Result<(usize, bool)> {
    let mut n = 0;
    while n < buf.len() {
        match stream.read(&mut buf[n..]) {
            Ok(0) => return Ok((n, true)),
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((n, false))
}

/// The offset just after the last record end of `buf`, which starts at a
/// record start: a newline outside quotes, as the record guard and the `csv`
/// crate read it (a quote opens a quoted field only at a field's start).
pub(crate) fn last_record_end(buf: &[u8]) -> Option<usize> {
    if memchr::memchr(b'"', buf).is_none() {
        return memchr::memrchr(b'\n', buf).map(|i| i + 1);
    }
    let mut state = QuoteState::FieldStart;
    let mut end = None;
    let mut i = 0;
    while i < buf.len() {
        match state {
            QuoteState::FieldStart | QuoteState::Unquoted => {
                let Some(k) = memchr::memchr2(b'\n', b'"', &buf[i..]) else {
                    break;
                };
                if k > 0 {
                    state = if buf[i + k - 1] == b',' {
                        QuoteState::FieldStart
                    } else {
                        QuoteState::Unquoted
                    };
                }
                i += k;
                if buf[i] == b'\n' {
                    end = Some(i + 1);
                    state = QuoteState::FieldStart;
                } else if state == QuoteState::FieldStart {
                    state = QuoteState::Quoted;
                }
                i += 1;
            }
            QuoteState::Quoted => {
                let Some(k) = memchr::memchr(b'"', &buf[i..]) else {
                    break;
                };
                i += k + 1;
                state = QuoteState::QuoteInQuoted;
            }
            QuoteState::QuoteInQuoted => {
                state = match buf[i] {
                    b'"' => QuoteState::Quoted,
                    b',' => QuoteState::FieldStart,
                    b'\n' => {
                        end = Some(i + 1);
                        QuoteState::FieldStart
                    }
                    _ => QuoteState::Unquoted,
                };
                i += 1;
            }
        }
    }
    end
}

/// A parsing thread: takes an empty batch, then the next chunk (in that
/// order, so whoever holds the chunk the consumer waits for can finish it),
/// parses it, gives the buffer back and sends the rows on.
fn parse_chunks(
    mut parser: AttendanceReader,
    chunk_rx: &Mutex<Receiver<Chunk>>,
    empty_rx: &Mutex<Receiver<Batch>>,
    free_tx: SyncSender<Vec<u8>>,
    full_tx: SyncSender<Batch>,
) {
    loop {
        let batch = empty_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(mut batch) = batch else {
            return;
        };
        let chunk = chunk_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(chunk) = chunk else {
            return;
        };
        let last = !matches!(chunk.end, ChunkEnd::More);
        let buf = parse_chunk(&mut parser, chunk, &mut batch);
        let _ = free_tx.send(buf);
        if full_tx.send(batch).is_err() || last {
            return;
        }
    }
}

fn parse_chunk(parser: &mut AttendanceReader, chunk: Chunk, batch: &mut Batch) -> Vec<u8> {
    let old = parser.load_chunk(chunk.buf, chunk.len);
    drop(old);
    batch.seq = chunk.seq;
    batch.len = 0;
    batch.bytes = chunk.len as u64;
    batch.end = None;
    loop {
        if batch.len == batch.rows.len() {
            let fresh =
                AttendanceDay::new(String::with_capacity(32), jiff::civil::date(2000, 1, 1));
            batch.rows.push(fresh);
        }
        match parser.read_row(&mut batch.rows[batch.len]) {
            Ok(true) => batch.len += 1,
            Ok(false) => break,
            Err(e) => {
                batch.end = Some(Err(e));
                break;
            }
        }
    }
    batch.newlines = parser.chunk_newlines();
    if batch.end.is_none() {
        batch.end = match chunk.end {
            ChunkEnd::More => None,
            ChunkEnd::Last => Some(Ok(())),
            // The guard refuses such a chunk; should it not, the chunk is
            // still one record longer than the cap, starting on its line 1.
            ChunkEnd::Overlong => Some(Err(record_too_long(parser.file(), 1))),
            ChunkEnd::Failed(e) => Some(Err(e)),
        };
    }
    parser.load_chunk(Vec::new(), 0)
}

/// The caller's half: batches in sequence order, lines made absolute.
fn consume(
    full_rx: Receiver<Batch>,
    empty_tx: SyncSender<Batch>,
    first_line: u64,
    header_bytes: u64,
    mut f: impl FnMut(&AttendanceDay) -> Result<bool, IngestError>,
) -> Result<Parsed, IngestError> {
    let mut pending: BTreeMap<u64, Batch> = BTreeMap::new();
    let mut next = 0u64;
    // Added to a chunk's own line numbers: the lines before it.
    let mut line_base = first_line - 1;
    let mut parsed = Parsed {
        rows: 0,
        bytes: header_bytes,
        stopped: false,
    };
    loop {
        let mut batch = match pending.remove(&next) {
            Some(b) => b,
            None => match full_rx.recv() {
                Ok(b) if b.seq == next => b,
                Ok(b) => {
                    pending.insert(b.seq, b);
                    continue;
                }
                Err(_) => {
                    // Parsing threads ended without the last chunk: one
                    // panicked (std::thread::scope re-raises it).
                    return Err(IngestError::file(
                        crate::ATTENDANCE_CSV,
                        "読み込みが途中で止まりました".to_string(),
                        "reading stopped midway".to_string(),
                    ));
                }
            },
        };
        next += 1;
        for row in &batch.rows[..batch.len] {
            parsed.rows += 1;
            if !f(row)? {
                parsed.stopped = true;
                return Ok(parsed);
            }
        }
        parsed.bytes += batch.bytes;
        match batch.end.take() {
            Some(Ok(())) => return Ok(parsed),
            Some(Err(mut e)) => {
                if let Some(line) = &mut e.line {
                    *line += line_base;
                }
                return Err(e);
            }
            None => {}
        }
        line_base += batch.newlines;
        let _ = empty_tx.send(batch);
    }
}

#[cfg(test)]
mod tests;
