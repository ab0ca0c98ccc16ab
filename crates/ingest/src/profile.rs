//! Mapping profiles: how a vendor's attendance (and employee) export maps
//! onto the canonical fields (docs/formats.md, 「Mapping profiles」).
//!
//! A profile is a small TOML file naming the header of each canonical
//! field, the way durations are written ([`TimeFormat`]), the encoding, the
//! values of the day-type column, and whether the rows are daily or
//! precomputed monthly totals per employee. Presets ship in
//! `crates/ingest/profiles/*.toml` ([`presets`]); users may write their own
//! ([`load_profile`]).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use kpi::DayType;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use crate::error::{IngestError, ValueError};
use crate::files::{ATTENDANCE_COLUMNS, EMPLOYEE_COLUMNS};
use crate::source::{
    DetectedEncoding, HeaderSpec, detect_encoding, header_specs, normalize_header,
};
use crate::value::{parse_base60, parse_h_mm, parse_hours, parse_minutes};

/// A mapping profile. See docs/formats.md for every key.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Stable id, e.g. `kingoftime` (lower-case letters, digits, `_`, `-`).
    pub name: String,
    /// Label for people, in Japanese.
    pub label_ja: String,
    /// Label for people, in English.
    pub label_en: String,
    /// `utf-8` or `cp932` (also `shift_jis`, `windows-31j`), or absent /
    /// `auto` to detect. Used when the file cannot tell: no BOM and its
    /// first 256 KiB plain ASCII; a file whose bytes show their encoding
    /// (a BOM, Japanese text) is read in that.
    #[serde(default)]
    pub encoding: Option<String>,
    /// How durations (break, precomputed overtime and legal-holiday work)
    /// are written.
    pub time_format: TimeFormat,
    /// How hourly paid leave is written; default: `time_format`.
    #[serde(default)]
    pub paid_leave_hours_format: Option<TimeFormat>,
    /// The rows are per employee and month (precomputed monthly totals):
    /// each becomes a precomputed row on the 1st of the month; the `date`
    /// column holds the month (`2026/04`).
    #[serde(default)]
    pub monthly_summary: bool,
    /// Header of each attendance field. Absent: the canonical names and
    /// their aliases (docs/formats.md).
    #[serde(default)]
    pub attendance: Option<AttendanceMapping>,
    /// Header of each employees field. Absent: the canonical names and
    /// their aliases.
    #[serde(default)]
    pub employees: Option<EmployeeMapping>,
    /// Values of the day-type column (after trimming and full-width to
    /// ASCII) → `workday` / `holiday` / `legal_holiday`. Values not listed
    /// are read as in the canonical format (平日, 所定休日, 法定休日, …).
    #[serde(default)]
    pub day_types: BTreeMap<String, DayTypeValue>,
}

/// How a duration is written. Every example below is 75 minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeFormat {
    /// Decimal hours: `1.25` (also `H:MM`); must come to whole minutes.
    Decimal,
    /// Base-60 hours: `1.15` = 1 h 15 min (also `H:MM`); two digits after
    /// the dot, below 60.
    Base60,
    /// Whole minutes: `75` (also `H:MM`).
    Minutes,
    /// `1:15` only.
    HMm,
}

impl TimeFormat {
    /// Parses a duration written in this format, in minutes.
    pub fn parse(self, s: &str) -> Result<u32, ValueError> {
        match self {
            TimeFormat::Decimal => parse_hours(s),
            TimeFormat::Base60 => parse_base60(s),
            TimeFormat::Minutes => parse_minutes(s),
            TimeFormat::HMm => parse_h_mm(s),
        }
    }

    /// The TOML spelling.
    pub fn code(self) -> &'static str {
        match self {
            TimeFormat::Decimal => "decimal",
            TimeFormat::Base60 => "base60",
            TimeFormat::Minutes => "minutes",
            TimeFormat::HMm => "h_mm",
        }
    }
}

/// A day type as written in a profile's `[day_types]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayTypeValue {
    /// 所定労働日.
    Workday,
    /// 所定休日.
    Holiday,
    /// 法定休日.
    LegalHoliday,
}

impl DayTypeValue {
    /// The kpi day type.
    pub fn day_type(self) -> DayType {
        match self {
            DayTypeValue::Workday => DayType::Workday,
            DayTypeValue::Holiday => DayType::Holiday,
            DayTypeValue::LegalHoliday => DayType::LegalHoliday,
        }
    }
}

/// Header names of one field: one string or a list of alternatives.
pub type Headers = Option<Vec<String>>;

/// The `[attendance]` table: the header (or headers) of each field.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceMapping {
    /// 社員番号 (required).
    #[serde(default, deserialize_with = "one_or_many")]
    pub employee_id: Headers,
    /// 日付, or 対象年月 in a monthly summary (required).
    #[serde(default, deserialize_with = "one_or_many")]
    pub date: Headers,
    /// 勤務日の種類 (values: see `[day_types]`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub day_type: Headers,
    /// 出勤時刻 (`H:MM`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub start: Headers,
    /// 退勤時刻 (`H:MM`, may pass 24:00).
    #[serde(default, deserialize_with = "one_or_many")]
    pub end: Headers,
    /// 休憩 (in `time_format`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub r#break: Headers,
    /// 法定時間外労働, precomputed (in `time_format`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub legal_overtime: Headers,
    /// 法定休日労働, precomputed (in `time_format`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub legal_holiday: Headers,
    /// 有給休暇の日数.
    #[serde(default, deserialize_with = "one_or_many")]
    pub paid_leave_days: Headers,
    /// 時間単位年休 (in `paid_leave_hours_format`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub paid_leave_hours: Headers,
}

impl AttendanceMapping {
    fn fields(&self) -> [(&'static str, &Headers); 10] {
        // The order of ATTENDANCE_COLUMNS.
        [
            ("employee_id", &self.employee_id),
            ("date", &self.date),
            ("day_type", &self.day_type),
            ("start", &self.start),
            ("end", &self.end),
            ("break", &self.r#break),
            ("legal_overtime", &self.legal_overtime),
            ("legal_holiday", &self.legal_holiday),
            ("paid_leave_days", &self.paid_leave_days),
            ("paid_leave_hours", &self.paid_leave_hours),
        ]
    }

    /// The header specs, in the order of [`ATTENDANCE_COLUMNS`].
    pub fn header_specs(&self) -> Vec<HeaderSpec> {
        specs_of(ATTENDANCE_COLUMNS, &self.fields())
    }
}

/// The `[employees]` table: the header (or headers) of each field of
/// employees.csv.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmployeeMapping {
    /// 社員番号 (required).
    #[serde(default, deserialize_with = "one_or_many")]
    pub employee_id: Headers,
    /// 性別 (required).
    #[serde(default, deserialize_with = "one_or_many")]
    pub gender: Headers,
    /// 入社日 (required).
    #[serde(default, deserialize_with = "one_or_many")]
    pub hire_date: Headers,
    /// 退職日.
    #[serde(default, deserialize_with = "one_or_many")]
    pub leave_date: Headers,
    /// 雇用形態.
    #[serde(default, deserialize_with = "one_or_many")]
    pub employment_type: Headers,
    /// 週所定労働日数.
    #[serde(default, deserialize_with = "one_or_many")]
    pub weekly_days: Headers,
    /// 週所定労働時間 (hours, decimal or `H:MM`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub weekly_hours: Headers,
    /// 年間所定労働日数.
    #[serde(default, deserialize_with = "one_or_many")]
    pub annual_days: Headers,
    /// 役職.
    #[serde(default, deserialize_with = "one_or_many")]
    pub position: Headers,
    /// 生年月日.
    #[serde(default, deserialize_with = "one_or_many")]
    pub birth_date: Headers,
    /// 雇用管理区分.
    #[serde(default, deserialize_with = "one_or_many")]
    pub category: Headers,
    /// 事業場外みなし.
    #[serde(default, deserialize_with = "one_or_many")]
    pub deemed_hours: Headers,
}

impl EmployeeMapping {
    fn fields(&self) -> [(&'static str, &Headers); 12] {
        // The order of EMPLOYEE_COLUMNS.
        [
            ("employee_id", &self.employee_id),
            ("gender", &self.gender),
            ("hire_date", &self.hire_date),
            ("leave_date", &self.leave_date),
            ("employment_type", &self.employment_type),
            ("weekly_days", &self.weekly_days),
            ("weekly_hours", &self.weekly_hours),
            ("annual_days", &self.annual_days),
            ("position", &self.position),
            ("birth_date", &self.birth_date),
            ("category", &self.category),
            ("deemed_hours", &self.deemed_hours),
        ]
    }

    /// The header specs, in the order of [`EMPLOYEE_COLUMNS`]: the
    /// profile's names in addition to the canonical names and aliases
    /// (rosters are often kept by hand).
    pub fn header_specs(&self) -> Vec<HeaderSpec> {
        EMPLOYEE_COLUMNS
            .iter()
            .zip(self.fields())
            .map(|(c, (_, h))| {
                let mut spec = HeaderSpec::from_static(c);
                let extra = HeaderSpec::from_names(c.name, h.as_deref().unwrap_or(&[]), false);
                for x in extra.headers {
                    if !spec.headers.iter().any(|(_, n)| *n == x.1) {
                        spec.headers.insert(0, x);
                    }
                }
                spec
            })
            .collect()
    }
}

fn specs_of(
    canonical: &[crate::source::ColumnSpec],
    fields: &[(&'static str, &Headers)],
) -> Vec<HeaderSpec> {
    canonical
        .iter()
        .zip(fields.iter())
        .map(|(c, (_, h))| HeaderSpec::from_names(c.name, h.as_deref().unwrap_or(&[]), c.required))
        .collect()
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Headers, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a header name or a list of header names")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while let Some(s) = seq.next_element::<String>()? {
                out.push(s);
            }
            Ok(out)
        }
    }
    d.deserialize_any(V).map(Some)
}

impl Profile {
    /// The encoding the profile forces, if any.
    pub fn forced_encoding(&self) -> Option<DetectedEncoding> {
        encoding_of(self.encoding.as_deref()).ok().flatten()
    }

    /// The header specs of attendance (the profile's, or the canonical).
    pub fn attendance_specs(&self) -> Vec<HeaderSpec> {
        match &self.attendance {
            Some(m) => m.header_specs(),
            None => header_specs(ATTENDANCE_COLUMNS),
        }
    }

    /// Checks what serde cannot: required fields, encoding, field
    /// combinations. The reasons are in Japanese and English.
    fn validate(&self) -> Result<(), (String, String)> {
        let valid_name = !self.name.is_empty()
            && self
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !valid_name {
            return Err((
                format!(
                    "name = \"{}\": 英小文字・数字・_・- で書いてください",
                    self.name
                ),
                format!(
                    "name = \"{}\": use lower-case letters, digits, _ and -",
                    self.name
                ),
            ));
        }
        encoding_of(self.encoding.as_deref())?;
        let empty = |h: &Headers| {
            h.as_ref()
                .is_none_or(|v| v.iter().all(|s| normalize_header(s).is_empty()))
        };
        let missing = |table: &str, fields: &[(&'static str, &Headers)], required: &[&str]| {
            let m: Vec<&str> = fields
                .iter()
                .filter(|(n, h)| required.contains(n) && empty(h))
                .map(|(n, _)| *n)
                .collect();
            if m.is_empty() {
                Ok(())
            } else {
                Err((
                    format!("[{table}] に {} の見出しがありません", m.join(", ")),
                    format!("[{table}] lacks the header of {}", m.join(", ")),
                ))
            }
        };
        let duplicates = |table: &str, fields: &[(&'static str, &Headers)]| {
            let mut seen: Vec<(String, &str)> = Vec::new();
            for (field, h) in fields {
                for name in h.iter().flatten() {
                    let n = normalize_header(name);
                    if let Some((_, other)) = seen.iter().find(|(s, _)| *s == n) {
                        return Err((
                            format!(
                                "[{table}] の見出し「{name}」が {other} と {field} の両方にあります"
                            ),
                            format!(
                                "[{table}] header \"{name}\" is given for both {other} and {field}"
                            ),
                        ));
                    }
                    seen.push((n, field));
                }
            }
            Ok(())
        };
        match &self.attendance {
            Some(a) => {
                let f = a.fields();
                missing("attendance", &f, &["employee_id", "date"])?;
                duplicates("attendance", &f)?;
                if self.monthly_summary {
                    let clock: Vec<&str> = f
                        .iter()
                        .filter(|(n, h)| {
                            ["day_type", "start", "end", "break"].contains(n) && !empty(h)
                        })
                        .map(|(n, _)| *n)
                        .collect();
                    if !clock.is_empty() {
                        return Err((
                            format!(
                                "monthly_summary = true（月次集計）のプロファイルには {} を指定できません（打刻がないため。法定時間外と法定休日労働の月合計を legal_overtime / legal_holiday に指定してください）",
                                clock.join(", ")
                            ),
                            format!(
                                "a monthly_summary profile cannot map {} (it has no clock times; map the month's totals to legal_overtime / legal_holiday)",
                                clock.join(", ")
                            ),
                        ));
                    }
                } else if empty(&a.start) != empty(&a.end) {
                    return Err((
                        "[attendance] の start と end は両方指定してください".to_string(),
                        "[attendance] must map both start and end, or neither".to_string(),
                    ));
                }
            }
            None if self.monthly_summary => {
                return Err((
                    "monthly_summary = true には [attendance] の列の指定が必要です".to_string(),
                    "monthly_summary = true needs an [attendance] table".to_string(),
                ));
            }
            None => {}
        }
        if let Some(e) = &self.employees {
            duplicates("employees", &e.fields())?;
        }
        if self.day_types.keys().any(|k| k.trim().is_empty()) {
            return Err((
                "[day_types] に空の値があります".to_string(),
                "[day_types] has an empty value".to_string(),
            ));
        }
        Ok(())
    }
}

fn encoding_of(e: Option<&str>) -> Result<Option<DetectedEncoding>, (String, String)> {
    let Some(e) = e else { return Ok(None) };
    match e.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "" | "auto" | "detect" => Ok(None),
        "utf-8" | "utf8" => Ok(Some(DetectedEncoding::Utf8)),
        "cp932" | "shift-jis" | "sjis" | "windows-31j" | "ms932" => {
            Ok(Some(DetectedEncoding::Cp932))
        }
        _ => Err((
            format!("encoding = \"{e}\" は使えません（utf-8、cp932、auto のいずれか）"),
            format!("encoding = \"{e}\" is not supported (utf-8, cp932 or auto)"),
        )),
    }
}

/// Shipped presets, as (name, TOML).
const PRESET_TOML: &[(&str, &str)] = &[
    ("canonical", include_str!("../profiles/canonical.toml")),
    ("kingoftime", include_str!("../profiles/kingoftime.toml")),
    ("jobcan", include_str!("../profiles/jobcan.toml")),
    ("freee", include_str!("../profiles/freee.toml")),
];

/// The shipped presets, parsed once.
fn parsed_presets() -> &'static [Profile] {
    static PRESETS: std::sync::OnceLock<Vec<Profile>> = std::sync::OnceLock::new();
    PRESETS.get_or_init(|| {
        PRESET_TOML
            .iter()
            .map(|(name, text)| {
                let p = parse_profile(&format!("profiles/{name}.toml"), text)
                    .unwrap_or_else(|e| panic!("shipped preset {name}: {e}"));
                assert_eq!(p.name, *name, "preset file name and name differ");
                p
            })
            .collect()
    })
}

/// The shipped presets, in display order: `canonical`, `kingoftime`,
/// `jobcan`, `freee`.
pub fn presets() -> Vec<Profile> {
    parsed_presets().to_vec()
}

/// The shipped preset called `name`.
pub fn preset(name: &str) -> Option<Profile> {
    parsed_presets()
        .iter()
        .find(|p| p.name == name.trim())
        .cloned()
}

/// Reads a user-defined profile from a TOML file.
pub fn load_profile(path: &Path) -> Result<Profile, IngestError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        IngestError::file(
            &name,
            format!("プロファイルを読めません（{e}）"),
            format!("cannot read the profile ({e})"),
        )
    })?;
    parse_profile(&name, &text)
}

/// Parses a profile from TOML text (`name_for_errors` names it in messages).
pub fn parse_profile(name_for_errors: &str, toml_text: &str) -> Result<Profile, IngestError> {
    let profile: Profile = toml::from_str(toml_text).map_err(|e| {
        // A missing key has no line of its own.
        let missing_key = e.message().starts_with("missing field");
        let line = e.span().filter(|_| !missing_key).map(|s| {
            toml_text[..s.start.min(toml_text.len())]
                .matches('\n')
                .count() as u64
                + 1
        });
        let msg = e.message().trim().to_string();
        IngestError {
            file: name_for_errors.to_string(),
            line,
            column: None,
            reason_ja: format!("マッピングプロファイルとして読めません（{msg}）"),
            reason_en: format!("is not a valid mapping profile ({msg})"),
        }
    })?;
    profile
        .validate()
        .map_err(|(ja, en)| IngestError::file(name_for_errors, ja, en))?;
    Ok(profile)
}

/// The first line of `sample`, decoded.
fn header_line(sample: &[u8]) -> Option<Vec<String>> {
    let encoding = detect_encoding(sample, false);
    let text: String = match encoding {
        DetectedEncoding::Utf8 | DetectedEncoding::Utf8Bom => {
            let body = sample.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(sample);
            let end = body.iter().position(|&b| b == b'\n').unwrap_or(body.len());
            String::from_utf8_lossy(&body[..end]).into_owned()
        }
        DetectedEncoding::Cp932 => {
            // 0x0A never occurs inside a CP932 character.
            let end = sample
                .iter()
                .position(|&b| b == b'\n')
                .unwrap_or(sample.len());
            encoding_rs::SHIFT_JIS
                .decode_without_bom_handling(&sample[..end])
                .0
                .into_owned()
        }
        DetectedEncoding::Utf16 => {
            // `decode` follows the BOM (LE or BE).
            let (text, _, _) = encoding_rs::UTF_16LE.decode(sample);
            text.lines().next().unwrap_or("").to_string()
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rec = csv::StringRecord::new();
    match reader.read_record(&mut rec) {
        Ok(true) => Some(rec.iter().map(normalize_header).collect()),
        _ => None,
    }
}

/// How well a header fits a profile: `None` when a required column is
/// missing; else (share of the profile's mapped fields present, in ‰;
/// header cells recognised).
fn fit(specs: &[HeaderSpec], cells: &[String]) -> Option<(u32, usize)> {
    let found = |s: &HeaderSpec| cells.iter().any(|c| s.matches(c));
    if specs.iter().any(|s| s.required && !found(s)) {
        return None;
    }
    let mapped: Vec<&HeaderSpec> = specs
        .iter()
        .filter(|s| s.match_name || !s.headers.is_empty())
        .collect();
    let present = mapped.iter().filter(|s| found(s)).count();
    let recognised = cells
        .iter()
        .filter(|c| specs.iter().any(|s| s.matches(c)))
        .count();
    Some(((present * 1000 / mapped.len().max(1)) as u32, recognised))
}

/// The preset whose attendance header matches best the header line of
/// `sample` (the first bytes of an uploaded attendance file, any supported
/// encoding), or `None`. A preset fits when the header has all its required
/// columns (employee id and date); among those, the one with the largest
/// share of its mapped columns present wins, then the one recognising more
/// header cells, then the earlier in display order (vendor presets before
/// `canonical` on a tie).
pub fn suggest(sample: &[u8]) -> Option<&'static str> {
    let cells = header_line(sample)?;
    let mut best: Option<(&'static str, (u32, usize), usize)> = None;
    for ((i, p), (name, _)) in parsed_presets().iter().enumerate().zip(PRESET_TOML) {
        debug_assert_eq!(p.name, *name);
        let Some(score) = fit(&p.attendance_specs(), &cells) else {
            continue;
        };
        // Vendor presets before canonical on a tie.
        let rank = if *name == "canonical" { usize::MAX } else { i };
        let better = match best {
            None => true,
            Some((_, s, r)) => score > s || (score == s && rank < r),
        };
        if better {
            best = Some((name, score, rank));
        }
    }
    best.map(|(n, _, _)| n)
}
