//! The leader course (働き方改革推進リーダー養成講座; issue 10): the kinds of
//! worksheet a session has, what each holds (bounded rows and lengths), and the
//! completion rule. Pure: no I/O.

use serde::{Deserialize, Serialize};

/// Issues a participant may list on the first worksheet.
pub const MAX_ISSUES: usize = 5;
/// Measures on the second worksheet.
pub const MAX_MEASURES: usize = 5;
/// Members of the promotion team on the third worksheet.
pub const MAX_TEAM: usize = 8;
/// KPI figures attached to the first worksheet.
pub const MAX_FIGURES: usize = 8;
/// A short field (a title, a name, an owner), in characters.
pub const SHORT_TEXT: usize = 120;
/// A long field (impact, evidence, first steps, a plan), in characters.
pub const LONG_TEXT: usize = 2000;
/// A facilitator's comment, in characters.
pub const MAX_COMMENT: usize = 2000;
/// Sessions one course may have.
pub const MAX_SESSIONS: usize = 12;

/// What a session's worksheet is about. The default course has the three in
/// this order ([`WorksheetKind::DEFAULT_SEQUENCE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorksheetKind {
    /// 自社の課題の洗い出し
    Issues,
    /// 解決策の検討
    Solutions,
    /// 社内への説明・合意形成と推進体制
    Promotion,
}

impl WorksheetKind {
    pub const DEFAULT_SEQUENCE: [WorksheetKind; 3] = [
        WorksheetKind::Issues,
        WorksheetKind::Solutions,
        WorksheetKind::Promotion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WorksheetKind::Issues => "issues",
            WorksheetKind::Solutions => "solutions",
            WorksheetKind::Promotion => "promotion",
        }
    }

    pub fn parse(s: &str) -> Result<WorksheetKind, CourseError> {
        match s.trim() {
            "issues" => Ok(WorksheetKind::Issues),
            "solutions" => Ok(WorksheetKind::Solutions),
            "promotion" => Ok(WorksheetKind::Promotion),
            _ => Err(CourseError::UnknownKind),
        }
    }

    pub fn name_ja(self) -> &'static str {
        match self {
            WorksheetKind::Issues => "自社の課題の洗い出し",
            WorksheetKind::Solutions => "解決策の検討",
            WorksheetKind::Promotion => "社内への説明・合意形成と推進体制",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            WorksheetKind::Issues => "Your company's issues",
            WorksheetKind::Solutions => "Working out solutions",
            WorksheetKind::Promotion => "Explaining, agreeing and the promotion team",
        }
    }

    /// An empty worksheet of this kind.
    pub fn empty(self) -> WorksheetContent {
        match self {
            WorksheetKind::Issues => WorksheetContent::Issues(IssuesSheet::default()),
            WorksheetKind::Solutions => WorksheetContent::Solutions(SolutionsSheet::default()),
            WorksheetKind::Promotion => WorksheetContent::Promotion(PromotionSheet::default()),
        }
    }
}

/// One issue of the company: what it is, what it costs, how one knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueRow {
    pub title: String,
    pub impact: String,
    pub evidence: String,
}

/// A KPI figure as the participant saw it when attaching it: the catalog
/// definition (crates/kpi/src/catalog.rs), its year, the value and unit as
/// shown, and its origin (computed from the imports, or declared). An
/// organization's aggregate, never a per-employee row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureSnapshot {
    pub figure_id: String,
    pub fiscal_year: i64,
    pub value: String,
    pub unit: String,
    pub origin: String,
}

impl FigureSnapshot {
    /// The key a form's checkbox carries: `figure_id|fiscal_year`.
    pub fn key(&self) -> String {
        format!("{}|{}", self.figure_id, self.fiscal_year)
    }
}

/// 1. 自社の課題の洗い出し
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuesSheet {
    pub issues: Vec<IssueRow>,
    #[serde(default)]
    pub figures: Vec<FigureSnapshot>,
}

/// A measure for one of the top issues.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureRow {
    /// The issue it answers (as written on the first worksheet).
    pub issue: String,
    pub measure: String,
    pub owner: String,
    pub first_steps: String,
}

/// 2. 解決策の検討
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionsSheet {
    pub measures: Vec<MeasureRow>,
}

/// A member of the promotion team.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub name: String,
    pub role: String,
}

/// 3. 社内への説明・合意形成と推進体制
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionSheet {
    /// How to explain it to management.
    pub management: String,
    /// How to explain it to colleagues.
    pub colleagues: String,
    pub team: Vec<TeamMember>,
    pub first_100_days: String,
}

/// A worksheet's content, of one of the kinds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorksheetContent {
    Issues(IssuesSheet),
    Solutions(SolutionsSheet),
    Promotion(PromotionSheet),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CourseError {
    #[error("unknown worksheet kind")]
    UnknownKind,
    #[error("too many rows")]
    TooManyRows,
    #[error("a text is too long")]
    TooLong,
    #[error("the worksheet is empty")]
    Empty,
    #[error("stored worksheet not understood")]
    Corrupt,
}

impl CourseError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            CourseError::UnknownKind => "course.error.kind",
            CourseError::TooManyRows => "course.error.too_many_rows",
            CourseError::TooLong => "form.too_long",
            CourseError::Empty => "course.error.empty",
            CourseError::Corrupt => "course.error.corrupt",
        }
    }
}

fn fits(s: &str, max: usize) -> bool {
    s.chars().count() <= max
}

impl WorksheetContent {
    pub fn kind(&self) -> WorksheetKind {
        match self {
            WorksheetContent::Issues(_) => WorksheetKind::Issues,
            WorksheetContent::Solutions(_) => WorksheetKind::Solutions,
            WorksheetContent::Promotion(_) => WorksheetKind::Promotion,
        }
    }

    /// Row counts and lengths within bounds (a draft may be incomplete).
    pub fn check(&self) -> Result<(), CourseError> {
        let short = |s: &str| fits(s, SHORT_TEXT);
        let long = |s: &str| fits(s, LONG_TEXT);
        let ok = match self {
            WorksheetContent::Issues(s) => {
                if s.issues.len() > MAX_ISSUES || s.figures.len() > MAX_FIGURES {
                    return Err(CourseError::TooManyRows);
                }
                s.issues
                    .iter()
                    .all(|r| short(&r.title) && long(&r.impact) && long(&r.evidence))
                    && s.figures.iter().all(|f| {
                        short(&f.figure_id) && short(&f.value) && short(&f.unit) && short(&f.origin)
                    })
            }
            WorksheetContent::Solutions(s) => {
                if s.measures.len() > MAX_MEASURES {
                    return Err(CourseError::TooManyRows);
                }
                s.measures.iter().all(|r| {
                    short(&r.issue) && long(&r.measure) && short(&r.owner) && long(&r.first_steps)
                })
            }
            WorksheetContent::Promotion(s) => {
                if s.team.len() > MAX_TEAM {
                    return Err(CourseError::TooManyRows);
                }
                long(&s.management)
                    && long(&s.colleagues)
                    && long(&s.first_100_days)
                    && s.team.iter().all(|m| short(&m.name) && short(&m.role))
            }
        };
        if ok {
            Ok(())
        } else {
            Err(CourseError::TooLong)
        }
    }

    /// Nothing written yet (a worksheet submitted must say something).
    pub fn is_blank(&self) -> bool {
        match self {
            WorksheetContent::Issues(s) => s.issues.is_empty(),
            WorksheetContent::Solutions(s) => s.measures.is_empty(),
            WorksheetContent::Promotion(s) => {
                s.management.is_empty()
                    && s.colleagues.is_empty()
                    && s.team.is_empty()
                    && s.first_100_days.is_empty()
            }
        }
    }

    /// What may be submitted as a revision: within bounds and not blank.
    pub fn check_submittable(&self) -> Result<(), CourseError> {
        self.check()?;
        if self.is_blank() {
            return Err(CourseError::Empty);
        }
        Ok(())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Stored content read back: of the kind expected and within bounds.
    pub fn from_json(kind: WorksheetKind, json: &str) -> Result<WorksheetContent, CourseError> {
        let c: WorksheetContent = serde_json::from_str(json).map_err(|_| CourseError::Corrupt)?;
        if c.kind() != kind {
            return Err(CourseError::Corrupt);
        }
        c.check().map_err(|_| CourseError::Corrupt)?;
        Ok(c)
    }
}

/// Where a participant stands in one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionProgress {
    pub attended: bool,
    pub worksheet_submitted: bool,
}

/// The completion rule (修了要件): a course with at least one session, every
/// session attended and every session's worksheet submitted.
pub fn is_complete(sessions: &[SessionProgress]) -> bool {
    !sessions.is_empty() && sessions.iter().all(|s| s.attended && s.worksheet_submitted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(attended: bool, worksheet_submitted: bool) -> SessionProgress {
        SessionProgress {
            attended,
            worksheet_submitted,
        }
    }

    #[test]
    fn completion_needs_every_session_attended_and_every_worksheet_submitted() {
        assert!(is_complete(&[s(true, true), s(true, true), s(true, true)]));
        assert!(!is_complete(&[
            s(true, true),
            s(false, true),
            s(true, true)
        ]));
        assert!(!is_complete(&[
            s(true, true),
            s(true, true),
            s(true, false)
        ]));
        assert!(!is_complete(&[s(false, false)]));
        assert!(
            !is_complete(&[]),
            "a course without sessions completes nobody"
        );
        assert!(is_complete(&[s(true, true)]));
    }

    #[test]
    fn kinds_round_trip_and_the_default_sequence_is_the_seed() {
        for k in WorksheetKind::DEFAULT_SEQUENCE {
            assert_eq!(WorksheetKind::parse(k.as_str()), Ok(k));
            assert_eq!(k.empty().kind(), k);
        }
        assert_eq!(
            WorksheetKind::DEFAULT_SEQUENCE.map(|k| k.name_ja()),
            [
                "自社の課題の洗い出し",
                "解決策の検討",
                "社内への説明・合意形成と推進体制"
            ]
        );
        assert_eq!(WorksheetKind::parse("x"), Err(CourseError::UnknownKind));
    }

    #[test]
    fn rows_and_lengths_are_bounded() {
        let row = IssueRow {
            title: "長時間労働".into(),
            impact: "採用に響く".into(),
            evidence: "残業が月30時間".into(),
        };
        let ok = WorksheetContent::Issues(IssuesSheet {
            issues: vec![row.clone(); MAX_ISSUES],
            figures: vec![],
        });
        assert_eq!(ok.check(), Ok(()));
        let many = WorksheetContent::Issues(IssuesSheet {
            issues: vec![row.clone(); MAX_ISSUES + 1],
            figures: vec![],
        });
        assert_eq!(many.check(), Err(CourseError::TooManyRows));
        let long = WorksheetContent::Promotion(PromotionSheet {
            management: "あ".repeat(LONG_TEXT + 1),
            ..PromotionSheet::default()
        });
        assert_eq!(long.check(), Err(CourseError::TooLong));
        assert_eq!(
            WorksheetKind::Solutions.empty().check_submittable(),
            Err(CourseError::Empty)
        );
    }

    #[test]
    fn stored_content_must_be_of_the_kind_expected() {
        let c = WorksheetContent::Solutions(SolutionsSheet {
            measures: vec![MeasureRow {
                issue: "長時間労働".into(),
                measure: "ノー残業デー".into(),
                owner: "総務課".into(),
                first_steps: "水曜から".into(),
            }],
        });
        let json = c.to_json();
        assert_eq!(
            WorksheetContent::from_json(WorksheetKind::Solutions, &json),
            Ok(c)
        );
        assert_eq!(
            WorksheetContent::from_json(WorksheetKind::Issues, &json),
            Err(CourseError::Corrupt)
        );
        assert_eq!(
            WorksheetContent::from_json(WorksheetKind::Issues, "nonsense"),
            Err(CourseError::Corrupt)
        );
    }
}
