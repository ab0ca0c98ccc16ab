//! 朝メール・夜メールの集計 (issue 13): planned against actual time, in one
//! streaming pass over the days (memory grows with the categories, weeks and
//! people, never with the number of days read).
//!
//! Only days with both a plan and a report are compared ("compared days"):
//! a day planned but never reported says nothing about the gap. The figures
//! and their catalog entries:
//! - [`ids::DAILY_CATEGORY_MINUTES`]: planned and actual minutes by category;
//! - [`ids::DAILY_PLAN_GAP`] (予実差): per compared day Σ over categories of
//!   |actual − planned| minutes, averaged over the compared days;
//! - [`ids::DAILY_UNPLANNED_SHARE`]: actual minutes marked unplanned ÷ all
//!   actual minutes × 100;
//! - [`ids::DAILY_PLANNED_END`] / [`ids::DAILY_ACTUAL_END`]: the mean of each
//!   compared day's latest planned / actual end;
//! - [`ids::DAILY_OVERLOADED_DAYS`]: planned days whose plan ends after the
//!   scheduled end (定時).
//!
//! [`suppress`] applies the anonymity threshold to groups shown outside
//! themselves, with complementary suppression so that no hidden group can be
//! recovered by subtracting the shown ones from a total.

use std::collections::{BTreeMap, BTreeSet};

use domain::daily::{Block, TimeOfDay};
use jiff::civil::{Date, Weekday};

use crate::catalog::ids;
use crate::rounding::percent_half_up_one_decimal;

/// One person's day as stored.
#[derive(Debug, Clone, Copy)]
pub struct Day<'a> {
    pub day: Date,
    /// An opaque id of the person, only to count people.
    pub person: i64,
    pub planned: &'a [Block],
    /// None until the evening report is posted.
    pub actual: Option<&'a [Block]>,
    /// The end of the person's scheduled hours that day (定時).
    pub scheduled_end: TimeOfDay,
}

/// Planned and actual minutes of one category over the compared days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CategoryMinutes {
    pub planned: u64,
    pub actual: u64,
}

/// The figures of one week (Monday to Sunday).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Week {
    pub compared_days: u64,
    pub gap_minutes: u64,
    pub planned_end_minutes: u64,
    pub actual_end_minutes: u64,
}

impl Week {
    pub fn average_gap(&self) -> Option<u64> {
        whole_half_up(self.gap_minutes, self.compared_days)
    }
    pub fn average_planned_end(&self) -> Option<TimeOfDay> {
        mean_time(self.planned_end_minutes, self.compared_days)
    }
    pub fn average_actual_end(&self) -> Option<TimeOfDay> {
        mean_time(self.actual_end_minutes, self.compared_days)
    }
}

/// Everything the analytics page shows for one group over one period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub planned_days: u64,
    pub compared_days: u64,
    pub overloaded_days: u64,
    pub people: u64,
    pub categories: BTreeMap<String, CategoryMinutes>,
    pub gap_minutes: u64,
    pub actual_minutes: u64,
    pub unplanned_minutes: u64,
    pub planned_end_minutes: u64,
    pub actual_end_minutes: u64,
    /// By the Monday of each week.
    pub weeks: BTreeMap<Date, Week>,
}

impl Summary {
    /// 予実差: the mean daily gap in whole minutes, half up.
    pub fn average_gap(&self) -> Option<u64> {
        whole_half_up(self.gap_minutes, self.compared_days)
    }

    /// The share of unplanned work in tenths of a percent, half up.
    pub fn unplanned_share_tenths(&self) -> Option<u64> {
        percent_half_up_one_decimal(self.unplanned_minutes, self.actual_minutes).map(|d| d.tenths)
    }

    pub fn average_planned_end(&self) -> Option<TimeOfDay> {
        mean_time(self.planned_end_minutes, self.compared_days)
    }

    pub fn average_actual_end(&self) -> Option<TimeOfDay> {
        mean_time(self.actual_end_minutes, self.compared_days)
    }
}

fn whole_half_up(n: u64, d: u64) -> Option<u64> {
    (d != 0).then(|| (n * 2 + d) / (d * 2))
}

fn mean_time(total: u64, days: u64) -> Option<TimeOfDay> {
    whole_half_up(total, days)
        .and_then(|m| u16::try_from(m).ok())
        .and_then(TimeOfDay::from_minutes)
}

/// Minutes by category of `blocks`.
fn by_category(blocks: &[Block]) -> BTreeMap<&str, u64> {
    let mut m = BTreeMap::new();
    for b in blocks {
        *m.entry(b.category.as_str()).or_insert(0) += u64::from(b.minutes());
    }
    m
}

/// The Monday of `day`'s week.
pub fn week_of(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
}

/// Adds days one by one; [`Accumulator::finish`] gives the [`Summary`].
#[derive(Debug, Default)]
pub struct Accumulator {
    summary: Summary,
    people: BTreeSet<i64>,
}

impl Accumulator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, d: &Day<'_>) {
        let s = &mut self.summary;
        self.people.insert(d.person);
        if d.planned.is_empty() {
            return;
        }
        s.planned_days += 1;
        let planned_end = domain::daily::day_end(d.planned).unwrap_or(TimeOfDay::MIDNIGHT);
        if planned_end > d.scheduled_end {
            s.overloaded_days += 1;
        }
        let Some(actual) = d.actual.filter(|a| !a.is_empty()) else {
            return;
        };
        s.compared_days += 1;
        let planned = by_category(d.planned);
        let done = by_category(actual);
        let mut gap = 0;
        for name in planned.keys().chain(done.keys()).collect::<BTreeSet<_>>() {
            let p = planned.get(name).copied().unwrap_or(0);
            let a = done.get(name).copied().unwrap_or(0);
            gap += p.abs_diff(a);
            let e = s.categories.entry((*name).to_string()).or_default();
            e.planned += p;
            e.actual += a;
        }
        s.gap_minutes += gap;
        for b in actual {
            s.actual_minutes += u64::from(b.minutes());
            if b.unplanned {
                s.unplanned_minutes += u64::from(b.minutes());
            }
        }
        let actual_end = domain::daily::day_end(actual).unwrap_or(TimeOfDay::MIDNIGHT);
        s.planned_end_minutes += u64::from(planned_end.minutes());
        s.actual_end_minutes += u64::from(actual_end.minutes());
        let w = s.weeks.entry(week_of(d.day)).or_default();
        w.compared_days += 1;
        w.gap_minutes += gap;
        w.planned_end_minutes += u64::from(planned_end.minutes());
        w.actual_end_minutes += u64::from(actual_end.minutes());
    }

    pub fn finish(mut self) -> Summary {
        self.summary.people = self.people.len() as u64;
        self.summary
    }
}

/// The catalog ids of the figures above, for pages that link them.
pub const FIGURE_IDS: [&str; 6] = [
    ids::DAILY_PLAN_GAP,
    ids::DAILY_CATEGORY_MINUTES,
    ids::DAILY_UNPLANNED_SHARE,
    ids::DAILY_PLANNED_END,
    ids::DAILY_ACTUAL_END,
    ids::DAILY_OVERLOADED_DAYS,
];

/// Whether a group may be shown on its own outside itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Shown,
    /// Smaller than the threshold, or hidden so that a small one cannot be
    /// recovered by subtraction; counted in the merged row when that is
    /// large enough.
    Hidden,
}

/// For groups of `sizes` people (disjoint, together the whole), which may be
/// shown outside themselves under `threshold`, and whether the merged rest
/// may be shown. Groups below the threshold are hidden; if the hidden ones
/// together are fewer than the threshold but more than none, the smallest
/// shown groups are hidden too until they are not (or none is shown), since
/// the total minus the shown groups would otherwise give them away.
pub fn suppress(sizes: &[u64], threshold: u64) -> (Vec<Shown>, bool) {
    let mut shown: Vec<Shown> = sizes
        .iter()
        .map(|&n| {
            if n >= threshold {
                Shown::Shown
            } else {
                Shown::Hidden
            }
        })
        .collect();
    loop {
        let hidden: u64 = sizes
            .iter()
            .zip(&shown)
            .filter(|(_, s)| **s == Shown::Hidden)
            .map(|(n, _)| n)
            .sum();
        if hidden == 0 || hidden >= threshold {
            return (shown, hidden > 0);
        }
        let next = sizes
            .iter()
            .enumerate()
            .filter(|(i, _)| shown[*i] == Shown::Shown)
            .min_by_key(|(_, n)| **n)
            .map(|(i, _)| i);
        match next {
            Some(i) => shown[i] = Shown::Hidden,
            None => return (shown, false),
        }
    }
}

/// Every weekday but Saturday and Sunday, for the expected posting days.
pub fn is_weekday(day: Date) -> bool {
    !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::daily::TimeOfDay;
    use jiff::civil::date;

    fn b(start: &str, end: &str, category: &str, unplanned: bool) -> Block {
        Block {
            start: TimeOfDay::parse(start).unwrap(),
            end: TimeOfDay::parse(end).unwrap(),
            task: "x".into(),
            category: category.into(),
            unplanned,
        }
    }

    fn t(s: &str) -> TimeOfDay {
        TimeOfDay::parse(s).unwrap()
    }

    #[test]
    fn a_worked_day_by_hand() {
        // Plan: 会議 9:00–10:00 (60), 資料作成 10:00–12:00 (120), 顧客対応 13:00–17:00 (240); ends 17:00.
        let planned = [
            b("9:00", "10:00", "会議", false),
            b("10:00", "12:00", "資料作成", false),
            b("13:00", "17:00", "顧客対応", false),
        ];
        // Actual: 会議 9:00–10:30 (90), 資料作成 10:30–12:00 (90), 顧客対応 13:00–16:00 (180),
        // an unplanned 顧客対応 16:00–17:00 (60), 資料作成 17:00–18:15 (75); ends 18:15.
        let actual = [
            b("9:00", "10:30", "会議", false),
            b("10:30", "12:00", "資料作成", false),
            b("13:00", "16:00", "顧客対応", false),
            b("16:00", "17:00", "顧客対応", true),
            b("17:00", "18:15", "資料作成", false),
        ];
        let mut acc = Accumulator::new();
        acc.add(&Day {
            day: date(2026, 12, 7),
            person: 1,
            planned: &planned,
            actual: Some(&actual),
            scheduled_end: t("17:30"),
        });
        let s = acc.finish();
        // 会議 |90−60| = 30; 資料作成 |165−120| = 45; 顧客対応 |240−240| = 0 → 75.
        assert_eq!(s.gap_minutes, 75);
        assert_eq!(s.average_gap(), Some(75));
        assert_eq!(
            s.categories["資料作成"],
            CategoryMinutes {
                planned: 120,
                actual: 165
            }
        );
        assert_eq!(
            s.categories["顧客対応"],
            CategoryMinutes {
                planned: 240,
                actual: 240
            }
        );
        // 60 unplanned of 495 actual = 12.12…% → 12.1 %.
        assert_eq!(s.actual_minutes, 495);
        assert_eq!(s.unplanned_share_tenths(), Some(121));
        assert_eq!(s.average_planned_end(), Some(t("17:00")));
        assert_eq!(s.average_actual_end(), Some(t("18:15")));
        assert_eq!(s.overloaded_days, 0, "planned 17:00 is before 定時 17:30");
        assert_eq!((s.planned_days, s.compared_days, s.people), (1, 1, 1));
    }

    #[test]
    fn days_without_a_report_count_as_planned_only_and_overload_is_against_the_scheduled_end() {
        let late = [b("8:30", "18:00", "資料作成", false)];
        let on_time = [b("8:30", "17:30", "資料作成", false)];
        let mut acc = Accumulator::new();
        for (person, plan) in [(1, &late[..]), (2, &on_time[..])] {
            acc.add(&Day {
                day: date(2026, 12, 8),
                person,
                planned: plan,
                actual: None,
                scheduled_end: t("17:30"),
            });
        }
        let s = acc.finish();
        assert_eq!(
            (s.planned_days, s.compared_days, s.overloaded_days, s.people),
            (2, 0, 1, 2)
        );
        assert_eq!(
            s.average_gap(),
            None,
            "no compared day: no 予実差, not zero"
        );
        assert_eq!(s.unplanned_share_tenths(), None);
        assert!(s.weeks.is_empty());
    }

    #[test]
    fn the_average_rounds_half_up_and_weeks_start_on_monday() {
        let planned = [b("9:00", "10:00", "会議", false)];
        let a1 = [b("9:00", "10:01", "会議", false)];
        let a2 = [b("9:00", "10:02", "会議", false)];
        let mut acc = Accumulator::new();
        // Sunday 2026-12-06 belongs to the week of Monday 11-30; Monday 12-07 starts the next.
        for (day, actual) in [(date(2026, 12, 6), &a1), (date(2026, 12, 7), &a2)] {
            acc.add(&Day {
                day,
                person: 1,
                planned: &planned,
                actual: Some(&actual[..]),
                scheduled_end: t("17:30"),
            });
        }
        let s = acc.finish();
        assert_eq!(s.gap_minutes, 3);
        assert_eq!(s.average_gap(), Some(2), "1.5 rounds half up to 2");
        assert_eq!(s.people, 1);
        let weeks: Vec<Date> = s.weeks.keys().copied().collect();
        assert_eq!(weeks, vec![date(2026, 11, 30), date(2026, 12, 7)]);
        assert_eq!(s.weeks[&date(2026, 12, 7)].average_gap(), Some(2));
        assert_eq!(s.average_actual_end(), Some(t("10:02")), "10:01.5 → 10:02");
    }

    #[test]
    fn small_groups_are_hidden_and_cannot_be_recovered_by_subtraction() {
        // All large enough.
        assert_eq!(
            suppress(&[5, 8], 5),
            (vec![Shown::Shown, Shown::Shown], false)
        );
        // One of 4 hidden: alone it would be total − the others, so the
        // smallest shown group (6) is hidden with it; the merged 10 is shown.
        assert_eq!(
            suppress(&[12, 4, 6], 5),
            (vec![Shown::Shown, Shown::Hidden, Shown::Hidden], true)
        );
        // Two small groups of 2 and 3 make 5 together: merged, nothing else hidden.
        assert_eq!(
            suppress(&[2, 3, 9], 5),
            (vec![Shown::Hidden, Shown::Hidden, Shown::Shown], true)
        );
        // Everything small: nothing shown, not even merged.
        assert_eq!(
            suppress(&[1, 2], 5),
            (vec![Shown::Hidden, Shown::Hidden], false)
        );
        assert_eq!(suppress(&[], 5), (vec![], false));
    }
}
