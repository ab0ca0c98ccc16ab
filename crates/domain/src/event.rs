//! Events of the program (講演会・パネルディスカッション・セミナー): their kind,
//! their state, their speakers and their local times.

use std::fmt;

use jiff::civil::{Date, DateTime, Time};

/// What kind of event it is (イベントの種類).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// 講演会.
    Lecture,
    /// パネルディスカッション.
    Panel,
    /// 講演会・パネルディスカッション (both in one programme).
    LectureAndPanel,
    /// セミナー・研修.
    Seminar,
    /// 交流会.
    Networking,
}

impl EventKind {
    pub const ALL: [EventKind; 5] = [
        EventKind::Lecture,
        EventKind::Panel,
        EventKind::LectureAndPanel,
        EventKind::Seminar,
        EventKind::Networking,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Lecture => "lecture",
            EventKind::Panel => "panel",
            EventKind::LectureAndPanel => "lecture_and_panel",
            EventKind::Seminar => "seminar",
            EventKind::Networking => "networking",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// Where an event is in its life: staff prepare it as a draft, publish it (the
/// public sees it and may register), or cancel it (the public page says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// 下書き.
    Draft,
    /// 公開中.
    Published,
    /// 中止.
    Cancelled,
}

impl EventStatus {
    pub const ALL: [EventStatus; 3] = [
        EventStatus::Draft,
        EventStatus::Published,
        EventStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Published => "published",
            EventStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<EventStatus> {
        EventStatus::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
    }

    /// The public sees published and cancelled events, never drafts.
    pub fn is_public(self) -> bool {
        !matches!(self, EventStatus::Draft)
    }
}

/// One speaker (登壇者) and the title they speak under (肩書).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Speaker {
    pub name: String,
    pub title: String,
}

/// The speakers as staff type them: one per line, the name and the title
/// separated by 「／」, "/", 「｜」 or "|" (the title may be left out). Blank
/// lines are skipped; surrounding spaces (full-width too) are trimmed.
pub fn parse_speakers(text: &str) -> Vec<Speaker> {
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .map(|l| match l.find(['／', '/', '｜', '|']) {
            Some(i) => {
                let sep = l[i..].chars().next().map_or(1, char::len_utf8);
                Speaker {
                    name: l[..i].trim().to_string(),
                    title: l[i + sep..].trim().to_string(),
                }
            }
            None => Speaker {
                name: l.to_string(),
                title: String::new(),
            },
        })
        .collect()
}

/// A date and time in Japan as an `<input type="datetime-local">` sends it
/// (`2026-06-24T14:00`, seconds optional), full-width digits accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalDateTime(DateTime);

impl LocalDateTime {
    pub fn parse(s: &str) -> Option<LocalDateTime> {
        let s = crate::normalize_digits(s.trim());
        let s = s.replace(' ', "T");
        let (d, t) = s.split_once('T')?;
        let date: Date = d.parse().ok()?;
        let time: Time = t.parse().ok()?;
        Some(LocalDateTime(date.to_datetime(time)))
    }

    pub fn new(date: Date, hour: i8, minute: i8) -> Option<LocalDateTime> {
        Time::new(hour, minute, 0, 0)
            .ok()
            .map(|t| LocalDateTime(date.to_datetime(t)))
    }

    pub fn date(self) -> Date {
        self.0.date()
    }

    /// `HH:MM`.
    pub fn hh_mm(self) -> String {
        format!("{:02}:{:02}", self.0.hour(), self.0.minute())
    }

    /// The stored and form form, `YYYY-MM-DDTHH:MM`.
    pub fn as_input(self) -> String {
        format!("{}T{}", self.0.date(), self.hh_mm())
    }

    /// iCalendar's local form, `YYYYMMDDTHHMMSS` (used with `TZID=Asia/Tokyo`).
    pub fn ical(self) -> String {
        self.0.strftime("%Y%m%dT%H%M%S").to_string()
    }

    /// ISO 8601 with Japan's offset, `2026-06-24T14:00:00+09:00` (schema.org).
    pub fn iso_jst(self) -> String {
        format!("{}:00+09:00", self.as_input())
    }

    pub fn civil(self) -> DateTime {
        self.0
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_input())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_are_one_per_line_with_their_title() {
        let got = parse_speakers(
            "　山田 花子／株式会社ワークライフ研究所 代表\n\n佐藤 一郎 | 相馬市長\n鈴木 次郎\n",
        );
        assert_eq!(
            got,
            vec![
                Speaker {
                    name: "山田 花子".into(),
                    title: "株式会社ワークライフ研究所 代表".into()
                },
                Speaker {
                    name: "佐藤 一郎".into(),
                    title: "相馬市長".into()
                },
                Speaker {
                    name: "鈴木 次郎".into(),
                    title: String::new()
                },
            ]
        );
    }

    #[test]
    fn local_date_times_as_forms_send_them() {
        let t = LocalDateTime::parse("2026-06-24T14:00").unwrap();
        assert_eq!(t.as_input(), "2026-06-24T14:00");
        assert_eq!(t.ical(), "20260624T140000");
        assert_eq!(t.iso_jst(), "2026-06-24T14:00:00+09:00");
        assert_eq!(t.hh_mm(), "14:00");
        // Full-width digits, a space instead of T, seconds.
        assert_eq!(
            LocalDateTime::parse("２０２６-06-24 09:30:00")
                .unwrap()
                .hh_mm(),
            "09:30"
        );
        assert!(LocalDateTime::parse("2026-02-30T10:00").is_none());
        assert!(LocalDateTime::parse("2026-06-24T25:00").is_none());
        assert!(LocalDateTime::parse("2026-06-24").is_none());
        assert!(LocalDateTime::parse("").is_none());
    }

    #[test]
    fn kinds_and_states_round_trip() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
        for s in EventStatus::ALL {
            assert_eq!(EventStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(EventKind::parse("party"), None);
        assert!(!EventStatus::Draft.is_public());
        assert!(EventStatus::Cancelled.is_public());
    }
}
