//! 朝メール・夜メール (issue 13): the day's plan and actual as time blocks.
//!
//! A person writes the plan of the day before work (朝メール) as blocks of
//! start, end, task and category, and in the evening the actual blocks
//! (夜メール), marking work that was not planned. [`parse_blocks`] turns the
//! rows of a form into blocks: blank rows are skipped, every other row must be
//! whole, blocks may not overlap, and the category must be one of the
//! organization's.

use serde::{Deserialize, Serialize};

use crate::text::{clean, i18n_error};

/// Most blocks in one plan or report (a 24-hour day in 30-minute blocks).
pub const MAX_BLOCKS: usize = 48;
/// Longest task text, in characters.
pub const TASK_MAX: usize = 100;
/// Longest 今日のひとこと, in characters.
pub const HITOKOTO_MAX: usize = 100;
/// Longest ふりかえり (reflection), in characters.
pub const REFLECTION_MAX: usize = 1000;
/// Longest category name, in characters.
pub const CATEGORY_MAX: usize = 20;
/// Most categories an organization sets.
pub const MAX_CATEGORIES: usize = 20;

/// The categories an organization starts with (業務の分類).
pub const DEFAULT_CATEGORIES: [&str; 6] =
    ["会議", "資料作成", "顧客対応", "移動", "予備時間", "その他"];

/// A time of day in minutes after midnight, 00:00–24:00 (24:00 closes a day
/// worked to midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeOfDay(u16);

/// Why a text is not a [`TimeOfDay`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TimeOfDayError {
    #[error("no time given")]
    Empty,
    #[error("not a time of day")]
    Invalid,
}

impl TimeOfDayError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Empty => "error.required",
            Self::Invalid => "error.daily.time",
        }
    }
}
i18n_error!(TimeOfDayError);

impl TimeOfDay {
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);
    pub const END_OF_DAY: TimeOfDay = TimeOfDay(24 * 60);

    /// Parses `9:00`, `09:00`, `0900`, `９：００` or `9時30分`.
    pub fn parse(input: &str) -> Result<Self, TimeOfDayError> {
        let s = clean(input).replace('：', ":");
        if s.is_empty() {
            return Err(TimeOfDayError::Empty);
        }
        let (h, m) = if let Some(rest) = s.strip_suffix('分') {
            rest.split_once('時').ok_or(TimeOfDayError::Invalid)?
        } else if let Some(h) = s.strip_suffix('時') {
            (h, "0")
        } else if let Some(hm) = s.split_once(':') {
            hm
        } else if s.len() == 4 && s.is_ascii() {
            s.split_at(2)
        } else {
            return Err(TimeOfDayError::Invalid);
        };
        let num = |p: &str| -> Result<u16, TimeOfDayError> {
            if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(TimeOfDayError::Invalid);
            }
            p.parse().map_err(|_| TimeOfDayError::Invalid)
        };
        let (h, m) = (num(h)?, num(m)?);
        if m >= 60 || h > 24 || (h == 24 && m != 0) {
            return Err(TimeOfDayError::Invalid);
        }
        Ok(TimeOfDay(h * 60 + m))
    }

    /// The time from minutes after midnight, if within the day.
    pub fn from_minutes(minutes: u16) -> Option<TimeOfDay> {
        (minutes <= 24 * 60).then_some(TimeOfDay(minutes))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    /// `HH:MM`, the stored and `<input type="time">` form.
    pub fn as_string(self) -> String {
        format!("{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl std::fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_string())
    }
}

impl TryFrom<String> for TimeOfDay {
    type Error = TimeOfDayError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        TimeOfDay::parse(&s)
    }
}

impl From<TimeOfDay> for String {
    fn from(t: TimeOfDay) -> String {
        t.as_string()
    }
}

/// One block of a plan or of the actual day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
    pub task: String,
    pub category: String,
    /// Work that was not in the plan (突発業務); only actual blocks have it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unplanned: bool,
}

impl Block {
    pub fn minutes(&self) -> u32 {
        u32::from(self.end.minutes().saturating_sub(self.start.minutes()))
    }
}

/// A row of the form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockRow {
    pub start: String,
    pub end: String,
    pub task: String,
    pub category: String,
    pub unplanned: bool,
}

impl BlockRow {
    pub fn is_blank(&self) -> bool {
        self.start.trim().is_empty() && self.end.trim().is_empty() && self.task.trim().is_empty()
    }

    pub fn of(block: &Block) -> BlockRow {
        BlockRow {
            start: block.start.as_string(),
            end: block.end.as_string(),
            task: block.task.clone(),
            category: block.category.clone(),
            unplanned: block.unplanned,
        }
    }
}

/// What is wrong with a row (or with the rows as a whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BlockError {
    #[error("the start time is missing or not a time")]
    Start,
    #[error("the end time is missing or not a time")]
    End,
    #[error("the block ends before it starts")]
    EndsBeforeStart,
    #[error("no task")]
    TaskMissing,
    #[error("task too long")]
    TaskTooLong,
    #[error("a control character")]
    Control,
    #[error("unknown category")]
    Category,
    #[error("overlaps the block before it")]
    Overlap,
    #[error("too many blocks")]
    TooMany,
    #[error("no block")]
    Empty,
}

impl BlockError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Start => "error.daily.start",
            Self::End => "error.daily.end",
            Self::EndsBeforeStart => "error.daily.ends_before_start",
            Self::TaskMissing => "error.daily.task_missing",
            Self::TaskTooLong => "error.daily.task_too_long",
            Self::Control => "error.daily.control",
            Self::Category => "error.daily.category",
            Self::Overlap => "error.daily.overlap",
            Self::TooMany => "error.daily.too_many",
            Self::Empty => "error.daily.empty",
        }
    }
}
i18n_error!(BlockError);

/// The errors of a list of rows: by row index (as given), and for the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockErrors {
    pub rows: Vec<(usize, BlockError)>,
    pub list: Option<BlockError>,
}

impl BlockErrors {
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.list.is_none()
    }

    pub fn row(&self, index: usize) -> Option<BlockError> {
        self.rows.iter().find(|(i, _)| *i == index).map(|(_, e)| *e)
    }
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control())
}

/// The blocks of `rows`, sorted by start; blank rows are skipped. A list
/// with no block is an error only when `required`. `allow_unplanned` keeps
/// the rows' 突発 mark (the actual day), otherwise it is dropped (a plan).
pub fn parse_blocks(
    rows: &[BlockRow],
    categories: &[String],
    required: bool,
    allow_unplanned: bool,
) -> Result<Vec<Block>, BlockErrors> {
    let mut errors = BlockErrors::default();
    let filled: Vec<(usize, &BlockRow)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_blank())
        .collect();
    if filled.len() > MAX_BLOCKS {
        errors.list = Some(BlockError::TooMany);
        return Err(errors);
    }
    let mut blocks: Vec<(usize, Block)> = Vec::new();
    for (i, r) in filled {
        let task = clean(&r.task);
        let category = clean(&r.category);
        let error = if has_control(&r.task) || has_control(&r.category) {
            Some(BlockError::Control)
        } else {
            match (TimeOfDay::parse(&r.start), TimeOfDay::parse(&r.end)) {
                (Err(_), _) => Some(BlockError::Start),
                (_, Err(_)) => Some(BlockError::End),
                (Ok(s), Ok(e)) if e <= s => Some(BlockError::EndsBeforeStart),
                (Ok(start), Ok(end)) => {
                    if task.is_empty() {
                        Some(BlockError::TaskMissing)
                    } else if task.chars().count() > TASK_MAX {
                        Some(BlockError::TaskTooLong)
                    } else if !categories.contains(&category) {
                        Some(BlockError::Category)
                    } else {
                        blocks.push((
                            i,
                            Block {
                                start,
                                end,
                                task,
                                category,
                                unplanned: allow_unplanned && r.unplanned,
                            },
                        ));
                        None
                    }
                }
            }
        };
        if let Some(e) = error {
            errors.rows.push((i, e));
        }
    }
    blocks.sort_by_key(|(_, b)| (b.start, b.end));
    for pair in blocks.windows(2) {
        if pair[1].1.start < pair[0].1.end {
            errors.rows.push((pair[1].0, BlockError::Overlap));
        }
    }
    if blocks.is_empty() && errors.rows.is_empty() && required {
        errors.list = Some(BlockError::Empty);
    }
    if errors.is_empty() {
        Ok(blocks.into_iter().map(|(_, b)| b).collect())
    } else {
        errors.rows.sort_by_key(|(i, _)| *i);
        Err(errors)
    }
}

/// The end of the day as the blocks have it (the latest end), if any.
pub fn day_end(blocks: &[Block]) -> Option<TimeOfDay> {
    blocks.iter().map(|b| b.end).max()
}

/// The categories of an organization from its settings text, one per line;
/// blank lines and repeats dropped. Errors name the first line too long.
pub fn parse_categories(text: &str) -> Result<Vec<String>, CategoryError> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        if has_control(line.trim_end_matches('\r')) {
            return Err(CategoryError::Control);
        }
        let name = clean(line);
        if name.is_empty() || out.contains(&name) {
            continue;
        }
        if name.chars().count() > CATEGORY_MAX {
            return Err(CategoryError::TooLong);
        }
        out.push(name);
    }
    if out.is_empty() {
        return Err(CategoryError::Empty);
    }
    if out.len() > MAX_CATEGORIES {
        return Err(CategoryError::TooMany);
    }
    Ok(out)
}

/// Why an organization's category list is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CategoryError {
    #[error("no category")]
    Empty,
    #[error("a category name is too long")]
    TooLong,
    #[error("too many categories")]
    TooMany,
    #[error("a control character")]
    Control,
}

impl CategoryError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Empty => "error.daily.categories_empty",
            Self::TooLong => "error.daily.category_too_long",
            Self::TooMany => "error.daily.categories_too_many",
            Self::Control => "error.daily.control",
        }
    }
}
i18n_error!(CategoryError);

#[cfg(test)]
mod tests {
    use super::*;

    fn cats() -> Vec<String> {
        DEFAULT_CATEGORIES.iter().map(|s| s.to_string()).collect()
    }

    fn row(start: &str, end: &str, task: &str, category: &str) -> BlockRow {
        BlockRow {
            start: start.into(),
            end: end.into(),
            task: task.into(),
            category: category.into(),
            unplanned: false,
        }
    }

    #[test]
    fn times_parse_in_the_forms_people_type() {
        for (text, minutes) in [
            ("9:00", 540),
            ("09:30", 570),
            ("0915", 555),
            ("９：４５", 585),
            ("１７:３０", 1050),
            ("8時", 480),
            ("8時15分", 495),
            ("00:00", 0),
            ("24:00", 1440),
        ] {
            assert_eq!(TimeOfDay::parse(text).unwrap().minutes(), minutes, "{text}");
        }
        for bad in [
            "", "9", "25:00", "24:01", "9:60", "9:5:0", "ab:cd", "-1:00", "9:000",
        ] {
            assert!(TimeOfDay::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(TimeOfDay::parse("7:05").unwrap().to_string(), "07:05");
    }

    #[test]
    fn blank_rows_are_skipped_and_blocks_sorted() {
        let rows = vec![
            row("10:00", "10:30", "見積書の作成", "資料作成"),
            BlockRow::default(),
            row("９:００", "10:00", "朝礼と段取り", "会議"),
        ];
        let blocks = parse_blocks(&rows, &cats(), true, false).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].task, "朝礼と段取り");
        assert_eq!(blocks[0].minutes(), 60);
        assert_eq!(blocks[1].minutes(), 30);
        assert_eq!(day_end(&blocks).unwrap().to_string(), "10:30");
    }

    #[test]
    fn each_bad_row_is_named() {
        let rows = vec![
            row("9:00", "", "朝礼", "会議"),
            row("10:00", "9:30", "逆", "会議"),
            row("11:00", "11:30", "", "会議"),
            row("12:00", "12:30", "昼の電話", "雑談"),
            row("13:00", "13:30", &"長".repeat(TASK_MAX + 1), "会議"),
            row("14:00", "14:30", "改行\u{0}入り", "会議"),
        ];
        let e = parse_blocks(&rows, &cats(), true, false).unwrap_err();
        assert_eq!(
            e.rows,
            vec![
                (0, BlockError::End),
                (1, BlockError::EndsBeforeStart),
                (2, BlockError::TaskMissing),
                (3, BlockError::Category),
                (4, BlockError::TaskTooLong),
                (5, BlockError::Control),
            ]
        );
        assert_eq!(e.list, None);
    }

    #[test]
    fn overlaps_are_refused_and_touching_blocks_are_not() {
        let touching = vec![
            row("9:00", "10:00", "a", "会議"),
            row("10:00", "11:00", "b", "会議"),
        ];
        assert!(parse_blocks(&touching, &cats(), true, false).is_ok());
        let overlapping = vec![
            row("9:00", "10:00", "a", "会議"),
            row("9:45", "11:00", "b", "会議"),
        ];
        let e = parse_blocks(&overlapping, &cats(), true, false).unwrap_err();
        assert_eq!(e.rows, vec![(1, BlockError::Overlap)]);
    }

    #[test]
    fn an_empty_list_is_refused_only_when_required_and_the_count_is_bounded() {
        let blank = vec![BlockRow::default(); 3];
        assert_eq!(
            parse_blocks(&blank, &cats(), true, false).unwrap_err().list,
            Some(BlockError::Empty)
        );
        assert_eq!(parse_blocks(&blank, &cats(), false, false).unwrap(), vec![]);
        let many: Vec<BlockRow> = (0..=MAX_BLOCKS)
            .map(|i| {
                let t = TimeOfDay::from_minutes((i * 20) as u16).unwrap();
                let e = TimeOfDay::from_minutes((i * 20 + 10) as u16).unwrap();
                row(&t.to_string(), &e.to_string(), "x", "会議")
            })
            .collect();
        assert_eq!(
            parse_blocks(&many, &cats(), true, false).unwrap_err().list,
            Some(BlockError::TooMany)
        );
    }

    #[test]
    fn the_unplanned_mark_is_kept_only_on_the_actual_day() {
        let mut r = row("15:00", "15:30", "急ぎの電話対応", "顧客対応");
        r.unplanned = true;
        assert!(parse_blocks(std::slice::from_ref(&r), &cats(), true, true).unwrap()[0].unplanned);
        assert!(!parse_blocks(&[r], &cats(), true, false).unwrap()[0].unplanned);
    }

    #[test]
    fn categories_come_one_per_line() {
        assert_eq!(
            parse_categories("会議\n\n 製造 \n会議\r\n検査").unwrap(),
            vec!["会議", "製造", "検査"]
        );
        assert_eq!(parse_categories(" \n"), Err(CategoryError::Empty));
        assert_eq!(
            parse_categories(&"長".repeat(CATEGORY_MAX + 1)),
            Err(CategoryError::TooLong)
        );
        let many: String = (0..=MAX_CATEGORIES).map(|i| format!("分類{i}\n")).collect();
        assert_eq!(parse_categories(&many), Err(CategoryError::TooMany));
    }

    #[test]
    fn blocks_round_trip_through_json() {
        let b = Block {
            start: TimeOfDay::parse("9:00").unwrap(),
            end: TimeOfDay::parse("9:30").unwrap(),
            task: "朝礼".into(),
            category: "会議".into(),
            unplanned: false,
        };
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(
            json,
            r#"{"start":"09:00","end":"09:30","task":"朝礼","category":"会議"}"#
        );
        assert_eq!(serde_json::from_str::<Block>(&json).unwrap(), b);
        assert!(
            serde_json::from_str::<Block>(
                r#"{"start":"99:00","end":"09:30","task":"a","category":"b"}"#
            )
            .is_err()
        );
    }
}
