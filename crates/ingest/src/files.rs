//! Readers of the four canonical files. The roster, family events and leaves
//! are small and read whole; attendance is read one row at a time
//! ([`AttendanceReader`]) and never held in memory.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use kpi::{AttendanceDay, DayType, Employee, EmploymentType, FamilyEvent, Leave, Position, Work};

use crate::error::{IngestError, ValueError};
use crate::profile::{Profile, TimeFormat};
use crate::source::{ColumnSpec, CsvSource, DetectedEncoding, HeaderSpec, header_specs};
use crate::value::*;

/// Canonical file names.
pub const EMPLOYEES_CSV: &str = "employees.csv";
/// Canonical file names.
pub const ATTENDANCE_CSV: &str = "attendance.csv";
/// Canonical file names.
pub const FAMILY_EVENTS_CSV: &str = "family_events.csv";
/// Canonical file names.
pub const LEAVES_CSV: &str = "leaves.csv";

const ID_ALIASES: &[&str] = &[
    "社員番号",
    "従業員番号",
    "社員コード",
    "従業員コード",
    "職員番号",
    "社員id",
    "従業員id",
    "個人コード",
    "id",
];

macro_rules! col {
    ($name:literal, req, [$($a:literal),*]) => {
        ColumnSpec { name: $name, aliases: &[$($a),*], required: true }
    };
    ($name:literal, [$($a:literal),*]) => {
        ColumnSpec { name: $name, aliases: &[$($a),*], required: false }
    };
}

const fn id_col() -> ColumnSpec {
    ColumnSpec {
        name: "employee_id",
        aliases: ID_ALIASES,
        required: true,
    }
}

// ---------------------------------------------------------------- employees

/// Columns of employees.csv.
pub const EMPLOYEE_COLUMNS: &[ColumnSpec] = &[
    id_col(),
    col!("gender", req, ["性別"]),
    col!(
        "hire_date",
        req,
        ["入社日", "雇入日", "雇入れ日", "入社年月日"]
    ),
    col!("leave_date", ["退職日", "退社日", "退職年月日"]),
    col!("employment_type", ["雇用形態", "雇用区分"]),
    col!(
        "weekly_days",
        ["週所定労働日数", "所定労働日数", "週労働日数"]
    ),
    col!(
        "weekly_hours",
        ["週所定労働時間", "所定労働時間", "週労働時間"]
    ),
    col!("annual_days", ["年間所定労働日数"]),
    col!("position", ["役職", "職位"]),
    col!("birth_date", ["生年月日", "誕生日"]),
    col!("category", ["雇用管理区分"]),
    col!("deemed_hours", ["事業場外みなし", "みなし労働", "みなし"]),
];

mod ec {
    pub const ID: usize = 0;
    pub const GENDER: usize = 1;
    pub const HIRE: usize = 2;
    pub const LEAVE: usize = 3;
    pub const TYPE: usize = 4;
    pub const DAYS: usize = 5;
    pub const HOURS: usize = 6;
    pub const ANNUAL: usize = 7;
    pub const POSITION: usize = 8;
    pub const BIRTH: usize = 9;
    pub const CATEGORY: usize = 10;
    pub const DEEMED: usize = 11;
}

fn required_id(src: &CsvSource, i: usize) -> Result<String, IngestError> {
    let id = src.get(i);
    if id.is_empty() {
        return Err(src.error(
            i,
            ValueError::new("社員番号が空です", "the employee id is empty"),
        ));
    }
    Ok(id.into_owned())
}

/// Reads employees.csv (any `Read`; `file` names it in messages). Ids must
/// be unique.
pub fn read_employees(
    file: &str,
    input: impl Read + Send + 'static,
) -> Result<Vec<Employee>, IngestError> {
    read_employees_with(CsvSource::new(file, input, EMPLOYEE_COLUMNS)?)
}

/// Reads an employees file through `profile`: its `[employees]` columns
/// when it maps them, else the canonical names and aliases; in the
/// profile's encoding.
pub fn read_employees_with_profile(
    file: &str,
    input: impl Read + Send + 'static,
    profile: &Profile,
) -> Result<Vec<Employee>, IngestError> {
    let specs = match &profile.employees {
        Some(m) => m.header_specs(),
        None => header_specs(EMPLOYEE_COLUMNS),
    };
    let src = CsvSource::with_specs(file, input, &specs, profile.forced_encoding())?;
    read_employees_with(src)
}

fn read_employees_with(mut src: CsvSource) -> Result<Vec<Employee>, IngestError> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    while src.next_record()? {
        let id = required_id(&src, ec::ID)?;
        if let Some(first) = seen.get(&id) {
            return Err(src.error(
                ec::ID,
                ValueError::new(
                    format!("社員番号 {id} が重複しています（{first}行目にもあります）"),
                    format!("employee id {id} appears twice (also on line {first})"),
                ),
            ));
        }
        seen.insert(id.clone(), src.line());
        let gender = src.parse_req(ec::GENDER, parse_gender)?;
        let hire_date = src.parse_req(ec::HIRE, parse_date)?;
        let mut e = Employee::new(id, gender, hire_date);
        e.leave_date = src.parse_opt(ec::LEAVE, parse_date)?;
        if let Some(l) = e.leave_date
            && l < hire_date
        {
            return Err(src.error(
                ec::LEAVE,
                ValueError::new(
                    format!("退職日 {l} が入社日 {hire_date} より前です"),
                    format!("leave date {l} is before the hire date {hire_date}"),
                ),
            ));
        }
        e.employment_type = src
            .parse_opt(ec::TYPE, parse_employment_type)?
            .unwrap_or(EmploymentType::Regular);
        if let Some(d) = src.parse_opt(ec::DAYS, |s| parse_count(s, 7))? {
            e.weekly_days = d as u8;
        }
        if let Some(m) = src.parse_opt(ec::HOURS, parse_hours)? {
            if m > 7 * 24 * 60 {
                return Err(src.error(
                    ec::HOURS,
                    ValueError::new(
                        "週所定労働時間が 168 時間を超えています",
                        "weekly hours exceed 168",
                    ),
                ));
            }
            e.weekly_minutes = m;
        }
        e.annual_days = src
            .parse_opt(ec::ANNUAL, |s| parse_count(s, 366))?
            .map(|d| d as u16);
        e.position = src
            .parse_opt(ec::POSITION, parse_position)?
            .unwrap_or(Position::Staff);
        e.birth_date = src.parse_opt(ec::BIRTH, parse_date)?;
        let cat = src.get(ec::CATEGORY);
        e.category = (!cat.is_empty()).then(|| cat.into_owned());
        e.deemed_hours = src.parse_opt(ec::DEEMED, parse_bool)?.unwrap_or(false);
        out.push(e);
    }
    Ok(out)
}

// ---------------------------------------------------------------- attendance

/// Columns of attendance.csv.
pub const ATTENDANCE_COLUMNS: &[ColumnSpec] = &[
    id_col(),
    col!("date", req, ["日付", "勤務日", "年月日"]),
    col!(
        "day_type",
        ["勤務区分", "日区分", "休日区分", "勤務日区分", "勤務日種別"]
    ),
    col!(
        "start",
        ["出勤", "始業", "出勤時刻", "始業時刻", "出社", "開始時刻"]
    ),
    col!(
        "end",
        ["退勤", "終業", "退勤時刻", "終業時刻", "退社", "終了時刻"]
    ),
    col!("break_minutes", ["休憩", "休憩時間", "休憩分", "break"]),
    col!(
        "legal_overtime_minutes",
        [
            "法定時間外",
            "法定時間外労働",
            "法定外残業",
            "法定時間外労働時間"
        ]
    ),
    col!(
        "legal_holiday_minutes",
        ["法定休日労働", "法定休日労働時間", "法定休日出勤"]
    ),
    col!(
        "paid_leave_days",
        ["有給", "有休", "有給休暇", "有給日数", "有休日数", "年休"]
    ),
    col!(
        "paid_leave_hours",
        ["時間単位年休", "時間有給", "時間有休", "時間休", "有給時間"]
    ),
];

mod ac {
    pub const ID: usize = 0;
    pub const DATE: usize = 1;
    pub const DAY_TYPE: usize = 2;
    pub const START: usize = 3;
    pub const END: usize = 4;
    pub const BREAK: usize = 5;
    pub const OVERTIME: usize = 6;
    pub const HOLIDAY: usize = 7;
    pub const LEAVE_DAYS: usize = 8;
    pub const LEAVE_HOURS: usize = 9;
}

/// How an attendance file is read: its columns (in the order of
/// [`ATTENDANCE_COLUMNS`]), encoding, duration formats, row kind and
/// day-type values. The canonical layout is [`Layout::canonical`].
#[derive(Debug, Clone)]
struct Layout {
    specs: Vec<HeaderSpec>,
    encoding: Option<DetectedEncoding>,
    duration: TimeFormat,
    leave_hours: TimeFormat,
    monthly: bool,
    day_types: Vec<(String, DayType)>,
}

impl Layout {
    fn canonical() -> Layout {
        Layout {
            specs: header_specs(ATTENDANCE_COLUMNS),
            encoding: None,
            duration: TimeFormat::Minutes,
            leave_hours: TimeFormat::Decimal,
            monthly: false,
            day_types: Vec::new(),
        }
    }

    fn of(profile: &Profile) -> Layout {
        Layout {
            specs: match &profile.attendance {
                Some(m) => m.header_specs(),
                None => header_specs(ATTENDANCE_COLUMNS),
            },
            encoding: profile.forced_encoding(),
            duration: profile.time_format,
            leave_hours: profile
                .paid_leave_hours_format
                .unwrap_or(profile.time_format),
            monthly: profile.monthly_summary,
            day_types: profile
                .day_types
                .iter()
                .map(|(k, v)| (clean(k).into_owned(), v.day_type()))
                .collect(),
        }
    }
}

/// Streams attendance.csv one row at a time.
///
/// Rules beyond single values: `start` and `end` go together; `end` is not
/// before `start`; the break is not longer than the span; when a row has
/// `legal_overtime_minutes` or `legal_holiday_minutes`, the precomputed
/// values are used and the clock times are not.
///
/// Read through a mapping profile ([`AttendanceReader::with_profile`]), the
/// columns, encoding, duration format and day-type values are the
/// profile's; a monthly-summary profile turns each row into a precomputed
/// row on the 1st of its month.
#[derive(Debug)]
pub struct AttendanceReader {
    src: CsvSource,
    precomputed: bool,
    layout: Layout,
}

impl AttendanceReader {
    /// Opens attendance data from any `Read` (`file` names it in messages).
    pub fn new(
        file: &str,
        input: impl Read + Send + 'static,
    ) -> Result<AttendanceReader, IngestError> {
        AttendanceReader::with_layout(file, input, Layout::canonical())
    }

    /// Opens attendance data read through a mapping profile.
    pub fn with_profile(
        file: &str,
        input: impl Read + Send + 'static,
        profile: &Profile,
    ) -> Result<AttendanceReader, IngestError> {
        AttendanceReader::with_layout(file, input, Layout::of(profile))
    }

    /// Opens a file through a mapping profile.
    pub fn open_with_profile(
        path: &Path,
        profile: &Profile,
    ) -> Result<AttendanceReader, IngestError> {
        let name = file_name(path);
        let f = File::open(path).map_err(|e| open_error(&name, &e))?;
        AttendanceReader::with_profile(&name, f, profile)
    }

    fn with_layout(
        file: &str,
        input: impl Read + Send + 'static,
        layout: Layout,
    ) -> Result<AttendanceReader, IngestError> {
        let src = CsvSource::with_specs(file, input, &layout.specs, layout.encoding)?;
        let precomputed = src.columns().has(ac::OVERTIME) || src.columns().has(ac::HOLIDAY);
        Ok(AttendanceReader {
            src,
            precomputed,
            layout,
        })
    }

    /// Opens a file.
    pub fn open(path: &Path) -> Result<AttendanceReader, IngestError> {
        let name = file_name(path);
        let f = File::open(path).map_err(|e| open_error(&name, &e))?;
        AttendanceReader::new(&name, f)
    }

    /// The detected encoding.
    pub fn encoding(&self) -> DetectedEncoding {
        self.src.encoding()
    }

    /// The file's name, as messages give it.
    pub fn file(&self) -> &str {
        self.src.file()
    }

    /// A reader of the same file's chunks of records, for a parsing thread
    /// ([`crate::parallel`]): same columns, layout and messages.
    pub(crate) fn chunk_reader(&self) -> AttendanceReader {
        AttendanceReader {
            src: self.src.chunk_source(),
            precomputed: self.precomputed,
            layout: self.layout.clone(),
        }
    }

    /// Starts reading `buf[..len]`, whole records whose lines are counted
    /// from 1; gives back the previous chunk's buffer.
    pub(crate) fn load_chunk(&mut self, buf: Vec<u8>, len: usize) -> Vec<u8> {
        self.src.load_chunk(buf, len)
    }

    /// Newlines in the chunk read so far.
    pub(crate) fn chunk_newlines(&self) -> u64 {
        self.src.chunk_newlines()
    }

    /// The rest of the file after its header (before any row was read).
    pub(crate) fn into_rest(self) -> Option<crate::source::Rest> {
        self.src.into_rest()
    }

    /// Line number of the last row read.
    pub fn line(&self) -> u64 {
        self.src.line()
    }

    /// Decoded bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.src.bytes_read()
    }

    /// An error about the last row read, at the `date` column (used for rows
    /// out of order).
    pub fn date_error(&self, ja: String, en: String) -> IngestError {
        self.src.error(ac::DATE, ValueError::new(ja, en))
    }

    /// Reads the next row into `row` (reusing its `employee_id` string);
    /// `false` at the end of the file.
    pub fn read_row(&mut self, row: &mut AttendanceDay) -> Result<bool, IngestError> {
        if !self.src.next_record()? {
            return Ok(false);
        }
        let src = &self.src;
        {
            let id = src.get(ac::ID);
            if id.is_empty() {
                return Err(src.error(
                    ac::ID,
                    ValueError::new("社員番号が空です", "the employee id is empty"),
                ));
            }
            row.employee_id.clear();
            row.employee_id.push_str(&id);
        }
        let layout = &self.layout;
        let duration = |s: &str| layout.duration.parse(s);
        if layout.monthly {
            row.date = src.parse_req(ac::DATE, parse_month)?;
            row.day_type = DayType::Workday;
            row.paid_leave_half_days = src
                .parse_opt(ac::LEAVE_DAYS, parse_paid_leave_total)?
                .unwrap_or(0);
        } else {
            row.date = src.parse_req(ac::DATE, parse_date)?;
            row.day_type = src
                .parse_opt(ac::DAY_TYPE, |s| {
                    match layout.day_types.iter().find(|(k, _)| k == s) {
                        Some((_, t)) => Ok(*t),
                        None => parse_day_type(s),
                    }
                })?
                .unwrap_or(DayType::Workday);
            row.paid_leave_half_days = src
                .parse_opt(ac::LEAVE_DAYS, parse_paid_leave_days)?
                .unwrap_or(0);
        }
        row.paid_leave_hourly_minutes = src
            .parse_opt(ac::LEAVE_HOURS, |s| layout.leave_hours.parse(s))?
            .unwrap_or(0);

        let mut work = None;
        if self.precomputed {
            let ot = src.parse_opt(ac::OVERTIME, duration)?;
            let hol = src.parse_opt(ac::HOLIDAY, duration)?;
            if ot.is_some() || hol.is_some() {
                work = Some(Work::Precomputed {
                    legal_overtime_minutes: ot.unwrap_or(0),
                    legal_holiday_minutes: hol.unwrap_or(0),
                });
            }
        }
        row.work = match work {
            Some(w) => w,
            None => {
                let start = src.parse_opt(ac::START, parse_clock)?;
                let end = src.parse_opt(ac::END, parse_clock)?;
                let brk = src.parse_opt(ac::BREAK, duration)?.unwrap_or(0);
                match (start, end) {
                    (None, None) => Work::None,
                    (Some(_), None) => {
                        return Err(src.error(
                            ac::END,
                            ValueError::new(
                                "出勤時刻があるのに退勤時刻が空です",
                                "the row has a start time but no end time",
                            ),
                        ));
                    }
                    (None, Some(_)) => {
                        return Err(src.error(
                            ac::START,
                            ValueError::new(
                                "退勤時刻があるのに出勤時刻が空です",
                                "the row has an end time but no start time",
                            ),
                        ));
                    }
                    (Some(s), Some(e)) => {
                        if e < s {
                            let (sv, ev) = (src.get(ac::START), src.get(ac::END));
                            return Err(src.error(
                                ac::END,
                                ValueError::new(
                                    format!("退勤 {ev} が出勤 {sv} より前です（日をまたぐ場合は 25:30 のように書いてください）"),
                                    format!("end {ev} is before start {sv} (write 25:30 for a shift past midnight)"),
                                ),
                            ));
                        }
                        if u32::from(e - s) < brk {
                            return Err(src.error(
                                ac::BREAK,
                                ValueError::new(
                                    format!("休憩 {brk} 分が出勤から退勤までの時間より長いです"),
                                    format!("a break of {brk} minutes is longer than the shift"),
                                ),
                            ));
                        }
                        Work::Clock {
                            start_minute: s,
                            end_minute: e,
                            break_minutes: brk as u16,
                        }
                    }
                }
            }
        };
        Ok(true)
    }
}

// ---------------------------------------------------------------- family events

/// Columns of family_events.csv.
pub const FAMILY_EVENT_COLUMNS: &[ColumnSpec] = &[
    id_col(),
    col!("event", req, ["イベント", "事由", "種別", "出来事"]),
    col!("date", req, ["日付", "発生日", "出生日", "年月日"]),
];

/// Reads family_events.csv.
pub fn read_family_events(
    file: &str,
    input: impl Read + Send + 'static,
) -> Result<Vec<FamilyEvent>, IngestError> {
    let mut src = CsvSource::new(file, input, FAMILY_EVENT_COLUMNS)?;
    let mut out = Vec::new();
    while src.next_record()? {
        let employee_id = required_id(&src, 0)?;
        let kind = src.parse_req(1, |s| Ok(parse_event(s)))?;
        let date = src.parse_req(2, parse_date)?;
        out.push(FamilyEvent {
            employee_id,
            kind,
            date,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- leaves

/// Columns of leaves.csv.
pub const LEAVE_COLUMNS: &[ColumnSpec] = &[
    id_col(),
    col!(
        "kind",
        req,
        ["種別", "休業種別", "休暇種別", "種類", "休業の種類"]
    ),
    col!("start_date", req, ["開始日", "休業開始日", "取得開始日"]),
    col!("end_date", ["終了日", "休業終了日", "取得終了日"]),
    col!("child_birth_date", ["子の生年月日", "子の出生日", "出生日"]),
];

/// Reads leaves.csv.
pub fn read_leaves(
    file: &str,
    input: impl Read + Send + 'static,
) -> Result<Vec<Leave>, IngestError> {
    let mut src = CsvSource::new(file, input, LEAVE_COLUMNS)?;
    let mut out = Vec::new();
    while src.next_record()? {
        let employee_id = required_id(&src, 0)?;
        let kind = src.parse_req(1, |s| Ok(parse_leave_kind(s)))?;
        let start_date = src.parse_req(2, parse_date)?;
        let end_date = src.parse_opt(3, parse_date)?;
        if let Some(e) = end_date
            && e < start_date
        {
            return Err(src.error(
                3,
                ValueError::new(
                    format!("終了日 {e} が開始日 {start_date} より前です"),
                    format!("end date {e} is before the start date {start_date}"),
                ),
            ));
        }
        let child_birth_date = src.parse_opt(4, parse_date)?;
        out.push(Leave {
            employee_id,
            kind,
            start_date,
            end_date,
            child_birth_date,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- files

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub(crate) fn open_error(name: &str, e: &std::io::Error) -> IngestError {
    IngestError::file(
        name,
        format!("開けません（{e}）"),
        format!("cannot be opened ({e})"),
    )
}

fn load<T>(
    path: &Path,
    read: impl FnOnce(&str, File) -> Result<T, IngestError>,
) -> Result<T, IngestError> {
    let name = file_name(path);
    let f = File::open(path).map_err(|e| open_error(&name, &e))?;
    read(&name, f)
}

/// Reads an employees file.
pub fn load_employees(path: &Path) -> Result<Vec<Employee>, IngestError> {
    load(path, read_employees)
}

/// Reads an employees file through `profile`.
pub fn load_employees_with_profile(
    path: &Path,
    profile: &Profile,
) -> Result<Vec<Employee>, IngestError> {
    load(path, |name, f| {
        read_employees_with_profile(name, f, profile)
    })
}

/// Reads a family-events file.
pub fn load_family_events(path: &Path) -> Result<Vec<FamilyEvent>, IngestError> {
    load(path, read_family_events)
}

/// Reads a leaves file.
pub fn load_leaves(path: &Path) -> Result<Vec<Leave>, IngestError> {
    load(path, read_leaves)
}
