//! Canonical records: what the ingest layer produces from `employees.csv`,
//! `attendance.csv`, `family_events.csv` and `leaves.csv` (or a vendor
//! profile), already validated. The rules in this crate read only these.

use jiff::civil::Date;
use serde::Serialize;

/// 性別. `Other` is kept (and counted in totals) but is in neither the men's
/// nor the women's figures, which the law defines by sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// 男性.
    Male,
    /// 女性.
    Female,
    /// その他 / 回答しない.
    Other,
}

impl Gender {
    /// Parses the canonical codes and the aliases of the canonical format
    /// (`male`, 男, 男性, `M`; `female`, 女, 女性, `F`; `other`), ignoring
    /// ASCII case and surrounding spaces.
    pub fn from_code(code: &str) -> Option<Gender> {
        match code.trim().to_ascii_lowercase().as_str() {
            "male" | "m" | "男" | "男性" => Some(Gender::Male),
            "female" | "f" | "女" | "女性" => Some(Gender::Female),
            "other" | "その他" => Some(Gender::Other),
            _ => None,
        }
    }
}

/// 雇用形態.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentType {
    /// 正社員 (無期・フルタイム).
    Regular,
    /// 有期雇用.
    FixedTerm,
    /// パートタイム.
    PartTime,
}

impl EmploymentType {
    /// Parses `regular`, `fixed_term`, `part_time`.
    pub fn from_code(code: &str) -> Option<EmploymentType> {
        match code.trim().to_ascii_lowercase().as_str() {
            "regular" => Some(EmploymentType::Regular),
            "fixed_term" => Some(EmploymentType::FixedTerm),
            "part_time" => Some(EmploymentType::PartTime),
            _ => None,
        }
    }
}

/// 役職 as the 女活DB counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// 一般.
    Staff,
    /// 係長級.
    Chief,
    /// 管理職 (課長級以上).
    Manager,
    /// 役員.
    Executive,
}

impl Position {
    /// Parses `staff`, `chief`, `manager`, `executive`.
    pub fn from_code(code: &str) -> Option<Position> {
        match code.trim().to_ascii_lowercase().as_str() {
            "staff" => Some(Position::Staff),
            "chief" => Some(Position::Chief),
            "manager" => Some(Position::Manager),
            "executive" => Some(Position::Executive),
            _ => None,
        }
    }
}

/// One row of `employees.csv` (労働者名簿).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Employee {
    /// 社員番号 (or a pseudonymous code); the key joining every file.
    pub employee_id: String,
    /// 性別.
    pub gender: Gender,
    /// 入社日 (雇入れ日): the 基準日 of paid leave are counted from it.
    pub hire_date: Date,
    /// 退職日 (last day of employment); `None` while employed.
    pub leave_date: Option<Date>,
    /// 雇用形態.
    pub employment_type: EmploymentType,
    /// 週所定労働日数 (default 5).
    pub weekly_days: u8,
    /// 週所定労働時間 in **minutes** (default 2,400 = 40 h). Minutes rather than
    /// hours so that 29.5 h (1,770) stays exact and the 30 h test of 比例付与
    /// is an integer comparison.
    pub weekly_minutes: u32,
    /// 年間所定労働日数, when the worker's days are fixed per year rather than
    /// per week. Used only to pick the 比例付与 row when `weekly_days` ≥ 5.
    pub annual_days: Option<u16>,
    /// 役職.
    pub position: Position,
    /// 生年月日 (optional; for age bands).
    pub birth_date: Option<Date>,
    /// 雇用管理区分 (optional).
    pub category: Option<String>,
    /// 事業場外みなし労働時間制: such workers are left out of the 女活DB average
    /// overtime.
    pub deemed_hours: bool,
}

impl Employee {
    /// An employee with the canonical format's defaults: regular, 5 days and
    /// 40 h a week, staff, no leave date, no optional fields.
    pub fn new(employee_id: impl Into<String>, gender: Gender, hire_date: Date) -> Employee {
        Employee {
            employee_id: employee_id.into(),
            gender,
            hire_date,
            leave_date: None,
            employment_type: EmploymentType::Regular,
            weekly_days: 5,
            weekly_minutes: 40 * 60,
            annual_days: None,
            position: Position::Staff,
            birth_date: None,
            category: None,
            deemed_hours: false,
        }
    }
}

/// 勤務日の種類.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayType {
    /// 所定労働日 (default).
    #[default]
    Workday,
    /// 所定休日: a company holiday that is not the statutory rest day. Work on
    /// it counts toward the 40 h week like any workday.
    Holiday,
    /// 法定休日: every minute worked is 法定休日労働, outside the 8 h / 40 h
    /// count.
    LegalHoliday,
}

impl DayType {
    /// Parses `workday`, `holiday`, `legal_holiday`.
    pub fn from_code(code: &str) -> Option<DayType> {
        // Read on every attendance row: compared in place, no lowercase copy.
        let code = code.trim();
        [
            ("workday", DayType::Workday),
            ("holiday", DayType::Holiday),
            ("legal_holiday", DayType::LegalHoliday),
        ]
        .into_iter()
        .find(|(name, _)| code.eq_ignore_ascii_case(name))
        .map(|(_, t)| t)
    }
}

/// What a day's attendance row says about work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Work {
    /// No work recorded (e.g. a day of paid leave, or an absence).
    #[default]
    None,
    /// Clock times in minutes after the day's 0:00. `end_minute` may exceed
    /// 1,440 (25:30 = 1,530) for a shift that runs past midnight; the whole
    /// shift belongs to the day it started.
    Clock {
        /// 始業 (minutes after 0:00).
        start_minute: u16,
        /// 終業 (minutes after 0:00 of the start day; may pass 24:00).
        end_minute: u16,
        /// 休憩 in minutes.
        break_minutes: u16,
    },
    /// Figures computed by the attendance system. When a row has either
    /// value the ingest layer must choose this variant: it is used as given
    /// and adds nothing to the weekly 40 h count.
    Precomputed {
        /// 法定時間外労働 minutes of the day.
        legal_overtime_minutes: u32,
        /// 法定休日労働 minutes of the day.
        legal_holiday_minutes: u32,
    },
}

/// One row of `attendance.csv`: one employee and day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AttendanceDay {
    /// 社員番号. (The ingest layer may reuse one `AttendanceDay` value and
    /// refill this string to avoid an allocation per row.)
    pub employee_id: String,
    /// 日付.
    pub date: Date,
    /// 勤務日の種類.
    pub day_type: DayType,
    /// 労働時間.
    pub work: Work,
    /// 年次有給休暇 taken that day, in **half days** (0, 1 = 半日, 2 = 1日), so
    /// the 5-day duty is exact integer arithmetic.
    pub paid_leave_half_days: u8,
    /// 時間単位年休 taken that day, in minutes. Never counts toward the 5 days
    /// and is not converted to days.
    pub paid_leave_hourly_minutes: u32,
}

impl AttendanceDay {
    /// A day with no work and no leave.
    pub fn new(employee_id: impl Into<String>, date: Date) -> AttendanceDay {
        AttendanceDay {
            employee_id: employee_id.into(),
            date,
            day_type: DayType::Workday,
            work: Work::None,
            paid_leave_half_days: 0,
            paid_leave_hourly_minutes: 0,
        }
    }
}

/// Kind of a family event.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FamilyEventKind {
    /// 出生: for a man, his spouse gave birth; for a woman, she gave birth.
    Birth,
    /// Any other event (kept, ignored by the rules).
    Other(String),
}

/// One row of `family_events.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FamilyEvent {
    /// 社員番号.
    pub employee_id: String,
    /// Kind of event.
    pub kind: FamilyEventKind,
    /// 日付 (the child's birth date for `Birth`).
    pub date: Date,
}

/// Kind of a leave.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LeaveKind {
    /// 育児休業 (`childcare_leave`).
    ChildcareLeave,
    /// 産後パパ育休 / 出生時育児休業 (`postnatal_paternity_leave`); one of the
    /// 育児休業等.
    PostnatalPaternityLeave,
    /// 育児目的休暇 (`childcare_purpose_leave`): a company leave scheme for
    /// child-raising other than 育児休業等 and 子の看護等休暇.
    ChildcarePurposeLeave,
    /// 介護休業 (`caregiving_leave`).
    CaregivingLeave,
    /// Anything else, with its code.
    Other(String),
}

impl LeaveKind {
    /// Parses the canonical codes; unknown codes become `Other`.
    pub fn from_code(code: &str) -> LeaveKind {
        match code.trim().to_ascii_lowercase().as_str() {
            "childcare_leave" => LeaveKind::ChildcareLeave,
            "postnatal_paternity_leave" => LeaveKind::PostnatalPaternityLeave,
            "childcare_purpose_leave" => LeaveKind::ChildcarePurposeLeave,
            "caregiving_leave" => LeaveKind::CaregivingLeave,
            other => LeaveKind::Other(other.to_string()),
        }
    }

    /// 育児休業等 (method 1 of the men's rate; the women's rate counts
    /// `ChildcareLeave` only).
    pub fn is_childcare_leave_etc(&self) -> bool {
        matches!(
            self,
            LeaveKind::ChildcareLeave | LeaveKind::PostnatalPaternityLeave
        )
    }
}

/// One row of `leaves.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Leave {
    /// 社員番号.
    pub employee_id: String,
    /// Kind of leave.
    pub kind: LeaveKind,
    /// 開始日.
    pub start_date: Date,
    /// 終了日 (`None` while the leave continues).
    pub end_date: Option<Date>,
    /// The child's birth date, identifying the child; when `None`, the child
    /// is the employee's latest `Birth` on or before `start_date`.
    pub child_birth_date: Option<Date>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_types_are_read_in_any_case_with_spaces() {
        assert_eq!(DayType::from_code("workday"), Some(DayType::Workday));
        assert_eq!(DayType::from_code(" Holiday "), Some(DayType::Holiday));
        assert_eq!(
            DayType::from_code("LEGAL_HOLIDAY"),
            Some(DayType::LegalHoliday)
        );
        assert_eq!(DayType::from_code("legal holiday"), None);
        assert_eq!(DayType::from_code(""), None);
    }
}
