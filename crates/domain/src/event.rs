//! Events of a region's program (講演会・パネルディスカッション・セミナー): their kinds,
//! states, speakers and the local (Japan) times they start and end.
//!
//! Times are wall-clock times in Japan (Asia/Tokyo, UTC+9 without summer time): an
//! event at 13:30 in 相馬市 is at 13:30 whatever the server's zone. They are stored
//! as `YYYY-MM-DDTHH:MM` and written to calendars with `TZID=Asia/Tokyo`.

use std::fmt;

use jiff::civil::{Date, DateTime, Time};

use crate::{I18nError, normalize_digits};

/// What kind of event it is (催しの種類).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// 講演会
    Lecture,
    /// パネルディスカッション
    Panel,
    /// 講演会・パネルディスカッション (both in one afternoon, as Sōma's kickoff)
    LectureAndPanel,
    /// セミナー・研修
    Seminar,
    /// 説明会
    Briefing,
    /// その他
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::LectureAndPanel,
        EventKind::Lecture,
        EventKind::Panel,
        EventKind::Seminar,
        EventKind::Briefing,
        EventKind::Other,
    ];

    /// The stored form.
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::Lecture => "lecture",
            EventKind::Panel => "panel",
            EventKind::LectureAndPanel => "lecture_panel",
            EventKind::Seminar => "seminar",
            EventKind::Briefing => "briefing",
            EventKind::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<EventKind, EventError> {
        EventKind::ALL
            .into_iter()
            .find(|k| k.as_str() == input.trim())
            .ok_or(EventError::UnknownKind)
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            EventKind::Lecture => "講演会",
            EventKind::Panel => "パネルディスカッション",
            EventKind::LectureAndPanel => "講演会・パネルディスカッション",
            EventKind::Seminar => "セミナー・研修",
            EventKind::Briefing => "説明会",
            EventKind::Other => "その他",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            EventKind::Lecture => "Lecture",
            EventKind::Panel => "Panel discussion",
            EventKind::LectureAndPanel => "Lecture and panel discussion",
            EventKind::Seminar => "Seminar or training",
            EventKind::Briefing => "Briefing",
            EventKind::Other => "Other",
        }
    }
}

/// Where an event is in its life (公開状態).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventStatus {
    /// 下書き: only the region's staff see it.
    Draft,
    /// 公開: on the public pages, the calendar feed and the open data.
    Published,
    /// 中止: still public, marked as cancelled, so people who planned to come learn of it.
    Cancelled,
}

impl EventStatus {
    pub const ALL: [EventStatus; 3] = [
        EventStatus::Draft,
        EventStatus::Published,
        EventStatus::Cancelled,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Published => "published",
            EventStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(input: &str) -> Result<EventStatus, EventError> {
        EventStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == input.trim())
            .ok_or(EventError::UnknownStatus)
    }

    /// Whether the public sees it.
    pub fn is_public(&self) -> bool {
        !matches!(self, EventStatus::Draft)
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            EventStatus::Draft => "下書き",
            EventStatus::Published => "公開中",
            EventStatus::Cancelled => "中止",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            EventStatus::Draft => "Draft",
            EventStatus::Published => "Published",
            EventStatus::Cancelled => "Cancelled",
        }
    }
}

/// A speaker or panellist (登壇者) and their title (肩書き).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    pub title: String,
}

/// Most speakers one event lists.
pub const MAX_SPEAKERS: usize = 20;
/// Longest name or title of a speaker, in characters.
pub const MAX_SPEAKER_FIELD_CHARS: usize = 120;

/// Speakers typed one per line as 「氏名｜肩書き」 (`|` or `｜`; the title may be
/// left out). Blank lines are skipped.
pub fn parse_speakers(input: &str) -> Result<Vec<Speaker>, EventError> {
    let mut speakers = Vec::new();
    for line in input.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (name, title) = match line.find(['|', '｜']) {
            Some(at) => {
                let sep = line[at..].chars().next().map_or(1, char::len_utf8);
                (line[..at].trim(), line[at + sep..].trim())
            }
            None => (line, ""),
        };
        if name.is_empty() {
            return Err(EventError::SpeakerWithoutName);
        }
        if name.chars().count() > MAX_SPEAKER_FIELD_CHARS
            || title.chars().count() > MAX_SPEAKER_FIELD_CHARS
        {
            return Err(EventError::SpeakerTooLong);
        }
        speakers.push(Speaker {
            name: name.to_string(),
            title: title.to_string(),
        });
        if speakers.len() > MAX_SPEAKERS {
            return Err(EventError::TooManySpeakers);
        }
    }
    Ok(speakers)
}

/// The stored form of a speaker list: one 「氏名｜肩書き」 per line.
pub fn format_speakers(speakers: &[Speaker]) -> String {
    speakers
        .iter()
        .map(|s| {
            if s.title.is_empty() {
                s.name.clone()
            } else {
                format!("{}｜{}", s.name, s.title)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A wall-clock time in Japan (日本時間), to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime(DateTime);

impl LocalDateTime {
    pub fn new(date: Date, hour: i8, minute: i8) -> Result<LocalDateTime, EventError> {
        let time = Time::new(hour, minute, 0, 0).map_err(|_| EventError::DateTime)?;
        Ok(LocalDateTime(date.to_datetime(time)))
    }

    /// `2026-06-24T13:30` (an `<input type="datetime-local">`), `2026-06-24 13:30`,
    /// `2026/6/24 13:30`; full-width digits and `：` accepted. Seconds are refused:
    /// an event starts on a minute.
    pub fn parse(input: &str) -> Result<LocalDateTime, EventError> {
        let s = normalize_digits(input.trim())
            .replace('：', ":")
            .replace('／', "/");
        let (date, time) = s.split_once(['T', ' ', '　']).ok_or(EventError::DateTime)?;
        let mut d = date.split(['-', '/']);
        let (Some(y), Some(m), Some(day), None) = (d.next(), d.next(), d.next(), d.next()) else {
            return Err(EventError::DateTime);
        };
        let (Some((h, min)), true) = (time.trim().split_once(':'), y.len() == 4) else {
            return Err(EventError::DateTime);
        };
        let num = |s: &str, max_len: usize| -> Result<i64, EventError> {
            if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(EventError::DateTime);
            }
            s.parse().map_err(|_| EventError::DateTime)
        };
        let (y, m, day, h, min) = (
            num(y, 4)?,
            num(m, 2)?,
            num(day, 2)?,
            num(h, 2)?,
            num(min, 2)?,
        );
        let date = Date::new(y as i16, m as i8, day as i8).map_err(|_| EventError::DateTime)?;
        LocalDateTime::new(date, h as i8, min as i8)
    }

    pub fn date(&self) -> Date {
        self.0.date()
    }

    pub fn hour(&self) -> i8 {
        self.0.hour()
    }

    pub fn minute(&self) -> i8 {
        self.0.minute()
    }

    /// The stored form and the value of a `datetime-local` input: `2026-06-24T13:30`.
    pub fn as_stored(&self) -> String {
        self.0.strftime("%Y-%m-%dT%H:%M").to_string()
    }

    /// iCalendar local time, for `DTSTART;TZID=Asia/Tokyo:`: `20260624T133000`.
    pub fn ical(&self) -> String {
        self.0.strftime("%Y%m%dT%H%M%S").to_string()
    }

    /// ISO 8601 with Japan's offset, for schema.org: `2026-06-24T13:30:00+09:00`.
    pub fn iso_jst(&self) -> String {
        format!("{}+09:00", self.0.strftime("%Y-%m-%dT%H:%M:%S"))
    }

    /// `13:30`.
    pub fn hh_mm(&self) -> String {
        self.0.strftime("%H:%M").to_string()
    }

    /// The instant in UTC (Japan has no summer time: always 9 hours ahead).
    pub fn to_timestamp(&self) -> jiff::Timestamp {
        use jiff::tz::{Offset, TimeZone};
        TimeZone::fixed(Offset::constant(9))
            .to_timestamp(self.0)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_stored())
    }
}

/// Who a participant is, as they say when registering (参加者の立場).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttendeeRole {
    /// 経営者・役員
    Executive,
    /// 人事・総務の担当者
    HumanResources,
    /// 従業員
    Employee,
    /// 経済団体・支援機関
    BusinessGroup,
    /// 市民
    Citizen,
    /// その他
    Other,
}

impl AttendeeRole {
    pub const ALL: [AttendeeRole; 6] = [
        AttendeeRole::Executive,
        AttendeeRole::HumanResources,
        AttendeeRole::Employee,
        AttendeeRole::BusinessGroup,
        AttendeeRole::Citizen,
        AttendeeRole::Other,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            AttendeeRole::Executive => "executive",
            AttendeeRole::HumanResources => "hr",
            AttendeeRole::Employee => "employee",
            AttendeeRole::BusinessGroup => "business_group",
            AttendeeRole::Citizen => "citizen",
            AttendeeRole::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<AttendeeRole, EventError> {
        AttendeeRole::ALL
            .into_iter()
            .find(|r| r.as_str() == input.trim())
            .ok_or(EventError::UnknownAttendeeRole)
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            AttendeeRole::Executive => "経営者・役員",
            AttendeeRole::HumanResources => "人事・総務の担当者",
            AttendeeRole::Employee => "従業員",
            AttendeeRole::BusinessGroup => "経済団体・支援機関",
            AttendeeRole::Citizen => "市民",
            AttendeeRole::Other => "その他",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            AttendeeRole::Executive => "Executive",
            AttendeeRole::HumanResources => "HR or general affairs",
            AttendeeRole::Employee => "Employee",
            AttendeeRole::BusinessGroup => "Business group or support body",
            AttendeeRole::Citizen => "Citizen",
            AttendeeRole::Other => "Other",
        }
    }
}

/// Where a registration stands (申込の状態).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegistrationStatus {
    /// 参加確定: within the capacity.
    Confirmed,
    /// キャンセル待ち: moves up by itself when a confirmed participant cancels.
    Waitlisted,
    /// 取消: cancelled by the participant.
    Cancelled,
}

impl RegistrationStatus {
    pub const ALL: [RegistrationStatus; 3] = [
        RegistrationStatus::Confirmed,
        RegistrationStatus::Waitlisted,
        RegistrationStatus::Cancelled,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(input: &str) -> Result<RegistrationStatus, EventError> {
        RegistrationStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == input.trim())
            .ok_or(EventError::UnknownStatus)
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "参加確定",
            RegistrationStatus::Waitlisted => "キャンセル待ち",
            RegistrationStatus::Cancelled => "取消",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "Confirmed",
            RegistrationStatus::Waitlisted => "Waiting list",
            RegistrationStatus::Cancelled => "Cancelled",
        }
    }
}

/// The status a new registration gets: confirmed while `confirmed` is under the
/// capacity (None: no limit), else on the waiting list.
pub fn status_for_new(confirmed: i64, capacity: Option<i64>) -> RegistrationStatus {
    match capacity {
        Some(cap) if confirmed >= cap => RegistrationStatus::Waitlisted,
        _ => RegistrationStatus::Confirmed,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    #[error("unknown event kind")]
    UnknownKind,
    #[error("unknown event status")]
    UnknownStatus,
    #[error("date and time not understood")]
    DateTime,
    #[error("the event ends before it starts")]
    EndsBeforeStart,
    #[error("a speaker line has no name")]
    SpeakerWithoutName,
    #[error("a speaker's name or title is too long")]
    SpeakerTooLong,
    #[error("too many speakers")]
    TooManySpeakers,
    #[error("unknown attendee role")]
    UnknownAttendeeRole,
}

impl EventError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            EventError::UnknownKind => "error.event.kind",
            EventError::UnknownStatus => "error.event.status",
            EventError::DateTime => "error.event.datetime",
            EventError::EndsBeforeStart => "error.event.ends_before_start",
            EventError::SpeakerWithoutName => "error.event.speaker_name",
            EventError::SpeakerTooLong => "error.event.speaker_too_long",
            EventError::TooManySpeakers => "error.event.too_many_speakers",
            EventError::UnknownAttendeeRole => "error.event.attendee_role",
        }
    }
}

impl I18nError for EventError {
    fn i18n_key(&self) -> &'static str {
        EventError::i18n_key(self)
    }
}

/// Start and end checked together: the end must come after the start.
pub fn check_times(
    starts: LocalDateTime,
    ends: LocalDateTime,
) -> Result<(LocalDateTime, LocalDateTime), EventError> {
    if ends <= starts {
        return Err(EventError::EndsBeforeStart);
    }
    Ok((starts, ends))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_states_round_trip_and_refuse_the_unknown() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Ok(k));
        }
        for s in EventStatus::ALL {
            assert_eq!(EventStatus::parse(s.as_str()), Ok(s));
        }
        assert_eq!(EventKind::parse("concert"), Err(EventError::UnknownKind));
        assert_eq!(EventStatus::parse(""), Err(EventError::UnknownStatus));
        assert!(!EventStatus::Draft.is_public());
        assert!(EventStatus::Cancelled.is_public());
    }

    #[test]
    fn speakers_one_per_line_with_either_bar() {
        let s = parse_speakers(
            "  山田 花子｜株式会社ワークライフ代表\n\n佐藤一郎 | 相馬市長\n鈴木次郎\n",
        )
        .unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].name, "山田 花子");
        assert_eq!(s[0].title, "株式会社ワークライフ代表");
        assert_eq!(s[1].title, "相馬市長");
        assert_eq!(s[2].title, "");
        assert_eq!(
            format_speakers(&s),
            "山田 花子｜株式会社ワークライフ代表\n佐藤一郎｜相馬市長\n鈴木次郎"
        );
        assert_eq!(parse_speakers(&format_speakers(&s)).unwrap(), s);
        assert_eq!(
            parse_speakers("｜肩書きだけ"),
            Err(EventError::SpeakerWithoutName)
        );
        let many = "名前\n".repeat(MAX_SPEAKERS + 1);
        assert_eq!(parse_speakers(&many), Err(EventError::TooManySpeakers));
        assert_eq!(
            parse_speakers(&"名前\n".repeat(MAX_SPEAKERS))
                .unwrap()
                .len(),
            20
        );
        let long = "長".repeat(MAX_SPEAKER_FIELD_CHARS + 1);
        assert_eq!(parse_speakers(&long), Err(EventError::SpeakerTooLong));
    }

    #[test]
    fn local_times_in_the_forms_people_type() {
        let t = LocalDateTime::parse("2026-06-24T13:30").unwrap();
        assert_eq!(t.as_stored(), "2026-06-24T13:30");
        assert_eq!(LocalDateTime::parse("2026/6/24 13:30"), Ok(t));
        assert_eq!(
            LocalDateTime::parse("２０２６－０６－２４　１３：３０"),
            Ok(t)
        );
        assert_eq!(t.ical(), "20260624T133000");
        assert_eq!(t.iso_jst(), "2026-06-24T13:30:00+09:00");
        assert_eq!(t.hh_mm(), "13:30");
        // 13:30 in Japan is 04:30 UTC.
        assert_eq!(t.to_timestamp().to_string(), "2026-06-24T04:30:00Z");
        for bad in [
            "",
            "2026-06-24",
            "2026-02-30T10:00",
            "2026-06-24T24:00",
            "2026-06-24T13:30:15",
            "26-06-24T13:30",
            "2026-06-24T-1:30",
            "2026-06-24-1T13:30",
        ] {
            assert_eq!(
                LocalDateTime::parse(bad),
                Err(EventError::DateTime),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_new_registration_waits_once_the_capacity_is_full() {
        use RegistrationStatus::*;
        assert_eq!(status_for_new(0, Some(2)), Confirmed);
        assert_eq!(status_for_new(1, Some(2)), Confirmed);
        assert_eq!(status_for_new(2, Some(2)), Waitlisted);
        assert_eq!(status_for_new(3, Some(2)), Waitlisted);
        assert_eq!(status_for_new(10_000, None), Confirmed);
        for r in AttendeeRole::ALL {
            assert_eq!(AttendeeRole::parse(r.as_str()), Ok(r));
        }
        for s in RegistrationStatus::ALL {
            assert_eq!(RegistrationStatus::parse(s.as_str()), Ok(s));
        }
        assert_eq!(
            AttendeeRole::parse("ceo"),
            Err(EventError::UnknownAttendeeRole)
        );
    }

    #[test]
    fn the_end_comes_after_the_start() {
        let a = LocalDateTime::parse("2026-06-24T13:30").unwrap();
        let b = LocalDateTime::parse("2026-06-24T16:00").unwrap();
        assert!(check_times(a, b).is_ok());
        assert_eq!(check_times(b, a), Err(EventError::EndsBeforeStart));
        assert_eq!(check_times(a, a), Err(EventError::EndsBeforeStart));
    }
}
