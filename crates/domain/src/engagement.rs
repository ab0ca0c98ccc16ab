//! Consultant engagements (伴走支援): their states, the organization's promotion
//! team, the action sheet's states, and the calendar rules of the カエル会議
//! (a meeting about every two weeks, never on a weekend or a national holiday).
//! Pure: the store parses its columns into these types, the web layer its forms.

use jiff::civil::{Date, Weekday};
use jiff::{Span, ToSpan};

use crate::is_national_holiday;

/// Where an engagement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EngagementStatus {
    /// 予定
    Planned,
    /// 実施中
    Active,
    /// 終了
    Finished,
}

impl EngagementStatus {
    pub const ALL: [EngagementStatus; 3] = [
        EngagementStatus::Planned,
        EngagementStatus::Active,
        EngagementStatus::Finished,
    ];

    /// The stored form.
    pub fn as_str(&self) -> &'static str {
        match self {
            EngagementStatus::Planned => "planned",
            EngagementStatus::Active => "active",
            EngagementStatus::Finished => "finished",
        }
    }

    pub fn parse(input: &str) -> Result<EngagementStatus, EngagementError> {
        EngagementStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == input.trim())
            .ok_or(EngagementError::UnknownStatus)
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            EngagementStatus::Planned => "予定",
            EngagementStatus::Active => "実施中",
            EngagementStatus::Finished => "終了",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            EngagementStatus::Planned => "Planned",
            EngagementStatus::Active => "Active",
            EngagementStatus::Finished => "Finished",
        }
    }
}

/// Whether an engagement still opens the organization's data to its consultants
/// on `today`: not finished, and its period not over.
pub fn is_running(status: EngagementStatus, ends_on: Date, today: Date) -> bool {
    status != EngagementStatus::Finished && today <= ends_on
}

/// Where one row of the action sheet stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionStatus {
    /// 未着手
    Open,
    /// 実施中
    Doing,
    /// 完了
    Done,
    /// 取りやめ
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::Doing,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Doing => "doing",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub fn parse(input: &str) -> Result<ActionStatus, EngagementError> {
        ActionStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == input.trim())
            .ok_or(EngagementError::UnknownActionStatus)
    }

    /// Still to do: carried over to the next meeting.
    pub fn is_open(&self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::Doing)
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            ActionStatus::Open => "未着手",
            ActionStatus::Doing => "実施中",
            ActionStatus::Done => "完了",
            ActionStatus::Dropped => "取りやめ",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            ActionStatus::Open => "Not started",
            ActionStatus::Doing => "In progress",
            ActionStatus::Done => "Done",
            ActionStatus::Dropped => "Dropped",
        }
    }
}

/// An action still to do whose due day has passed.
pub fn is_overdue(status: ActionStatus, due: Option<Date>, today: Date) -> bool {
    status.is_open() && due.is_some_and(|d| d < today)
}

/// One person of the organization's promotion team (推進チーム).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamMember {
    pub name: String,
    pub role: String,
}

/// At most this many rows in the promotion team.
pub const MAX_TEAM: usize = 30;
/// At most this many characters in a name or a role.
pub const MAX_TEAM_TEXT: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EngagementError {
    #[error("unknown engagement status")]
    UnknownStatus,
    #[error("unknown action status")]
    UnknownActionStatus,
    #[error("a team row has no name")]
    TeamWithoutName,
    #[error("a team name or role is too long")]
    TeamTooLong,
    #[error("too many team rows")]
    TooManyTeam,
}

/// The team as typed: one person per line, 「氏名｜役割」 (a half-width `|` or a
/// tab also separates). Blank lines are skipped.
pub fn parse_team(input: &str) -> Result<Vec<TeamMember>, EngagementError> {
    let mut out = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (name, role) = line
            .split_once(['｜', '|', '\t'])
            .map(|(n, r)| (n.trim(), r.trim()))
            .unwrap_or((line, ""));
        if name.is_empty() {
            return Err(EngagementError::TeamWithoutName);
        }
        if name.chars().count() > MAX_TEAM_TEXT || role.chars().count() > MAX_TEAM_TEXT {
            return Err(EngagementError::TeamTooLong);
        }
        out.push(TeamMember {
            name: name.to_string(),
            role: role.to_string(),
        });
    }
    if out.len() > MAX_TEAM {
        return Err(EngagementError::TooManyTeam);
    }
    Ok(out)
}

/// The stored (and editable) form of the team.
pub fn format_team(team: &[TeamMember]) -> String {
    team.iter()
        .map(|m| {
            if m.role.is_empty() {
                m.name.clone()
            } else {
                format!("{}｜{}", m.name, m.role)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The default end of an engagement starting on `start`: five months, the day
/// before the same day five months later (2026-06-01 → 2026-10-31).
pub fn default_end(start: Date) -> Date {
    let later = start.checked_add(5.months()).unwrap_or(start);
    later.checked_sub(Span::new().days(1)).unwrap_or(later)
}

/// A working day: not a Saturday, a Sunday or a national holiday.
pub fn is_working_day(d: Date) -> bool {
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !is_national_holiday(d)
}

/// The next カエル会議 proposed after one on `last`: two weeks later, moved
/// forward to the next working day when that falls on a weekend or a holiday.
pub fn next_meeting(last: Date) -> Date {
    let mut d = last.checked_add(14.days()).unwrap_or(last);
    for _ in 0..14 {
        if is_working_day(d) {
            break;
        }
        d = d.checked_add(1.days()).unwrap_or(d);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn statuses_round_trip() {
        for s in EngagementStatus::ALL {
            assert_eq!(EngagementStatus::parse(s.as_str()), Ok(s));
        }
        for s in ActionStatus::ALL {
            assert_eq!(ActionStatus::parse(s.as_str()), Ok(s));
        }
        assert!(EngagementStatus::parse("done").is_err());
        assert!(ActionStatus::parse("").is_err());
    }

    #[test]
    fn five_months_by_default() {
        assert_eq!(default_end(date(2026, 6, 1)), date(2026, 10, 31));
        assert_eq!(default_end(date(2026, 10, 1)), date(2027, 2, 28));
        assert_eq!(default_end(date(2026, 9, 30)), date(2027, 2, 27));
    }

    #[test]
    fn the_next_meeting_avoids_weekends_and_holidays() {
        // A plain Wednesday two weeks on.
        assert_eq!(next_meeting(date(2026, 6, 10)), date(2026, 6, 24));
        // 2026-09-07 (Mon) + 14 = 09-21 敬老の日, 09-22 国民の休日, 09-23 秋分の日 → 09-24.
        assert_eq!(next_meeting(date(2026, 9, 7)), date(2026, 9, 24));
        // A Saturday meeting's next one moves to Monday.
        assert_eq!(next_meeting(date(2026, 6, 13)), date(2026, 6, 29));
        // 2026-11-09 + 14 = 11-23 勤労感謝の日 (Mon) → 11-24.
        assert_eq!(next_meeting(date(2026, 11, 9)), date(2026, 11, 24));
    }

    #[test]
    fn running_and_overdue() {
        let end = date(2026, 10, 31);
        assert!(is_running(EngagementStatus::Active, end, end));
        assert!(is_running(EngagementStatus::Planned, end, date(2026, 1, 1)));
        assert!(!is_running(
            EngagementStatus::Active,
            end,
            date(2026, 11, 1)
        ));
        assert!(!is_running(
            EngagementStatus::Finished,
            end,
            date(2026, 7, 1)
        ));
        let today = date(2026, 7, 1);
        assert!(is_overdue(
            ActionStatus::Open,
            Some(date(2026, 6, 30)),
            today
        ));
        assert!(is_overdue(
            ActionStatus::Doing,
            Some(date(2026, 6, 30)),
            today
        ));
        assert!(!is_overdue(ActionStatus::Open, Some(today), today));
        assert!(!is_overdue(
            ActionStatus::Done,
            Some(date(2026, 6, 1)),
            today
        ));
        assert!(!is_overdue(ActionStatus::Open, None, today));
    }

    #[test]
    fn the_team_is_one_person_a_line() {
        let t = parse_team("相馬 一郎｜推進リーダー\n\n 原 花子 | 総務課\n松川 次郎").unwrap();
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].name, "原 花子");
        assert_eq!(t[1].role, "総務課");
        assert_eq!(t[2].role, "");
        assert_eq!(parse_team(&format_team(&t)).unwrap(), t);
        assert_eq!(parse_team("｜役割"), Err(EngagementError::TeamWithoutName));
        let many = "名前\n".repeat(MAX_TEAM + 1);
        assert_eq!(parse_team(&many), Err(EngagementError::TooManyTeam));
        let long = "あ".repeat(MAX_TEAM_TEXT + 1);
        assert_eq!(parse_team(&long), Err(EngagementError::TeamTooLong));
    }
}
