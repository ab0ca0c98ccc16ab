//! A worksheet's form: its fields by kind (repeatable rows get a fixed number of
//! slots, so no script is needed to add one), the values as typed, and their
//! parsing into `domain::course::WorksheetContent` with a message per field.

use std::collections::HashMap;

use domain::course::{
    FigureSnapshot, IssueRow, IssuesSheet, LONG_TEXT, MAX_FIGURES, MAX_ISSUES, MAX_MEASURES,
    MAX_TEAM, MeasureRow, PromotionSheet, SHORT_TEXT, SolutionsSheet, TeamMember, WorksheetContent,
    WorksheetKind,
};

use crate::forms::FieldErrors;
use crate::i18n::Tr;

/// One input of the form (or one line of a read-only worksheet).
pub struct FieldView {
    pub id: String,
    pub label: String,
    pub value: String,
    /// A textarea rather than a one-line input.
    pub long: bool,
}

/// A fieldset: one issue, one measure, the team…
pub struct GroupView {
    pub legend: String,
    pub fields: Vec<FieldView>,
}

/// (field suffix, label key, long text) of a row's fields.
type RowSpec = &'static [(&'static str, &'static str, bool)];

const ISSUE: RowSpec = &[
    ("title", "course.sheet.issue_title", false),
    ("impact", "course.sheet.issue_impact", true),
    ("evidence", "course.sheet.issue_evidence", true),
];
const MEASURE: RowSpec = &[
    ("issue", "course.sheet.measure_issue", false),
    ("measure", "course.sheet.measure_measure", true),
    ("owner", "course.sheet.measure_owner", false),
    ("first_steps", "course.sheet.measure_first_steps", true),
];
const MEMBER: RowSpec = &[
    ("name", "course.sheet.team_name", false),
    ("role", "course.sheet.team_role", false),
];
const PLAN: RowSpec = &[
    ("management", "course.sheet.management", true),
    ("colleagues", "course.sheet.colleagues", true),
];
const DAYS: RowSpec = &[("first_100_days", "course.sheet.first_100_days", true)];

fn max_of(long: bool) -> usize {
    if long { LONG_TEXT } else { SHORT_TEXT }
}

/// The typed values by field id (`issue-0-title`, `management`, …).
pub type Values = HashMap<String, String>;

/// The values of posted pairs (the last of a repeated key wins; `figure` and
/// the CSRF token are not values).
pub fn values_of(pairs: &[(String, String)]) -> Values {
    pairs
        .iter()
        .filter(|(k, _)| k != "figure" && k != "csrf_token")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The figure keys (`figure_id|fiscal_year`) ticked in the posted pairs.
pub fn ticked_figures(pairs: &[(String, String)]) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == "figure")
        .map(|(_, v)| v.clone())
        .collect()
}

/// The values of stored content, keyed as the form names them.
pub fn values_of_content(c: &WorksheetContent) -> Values {
    let mut v = Values::new();
    let mut put = |k: String, s: &str| {
        v.insert(k, s.to_string());
    };
    match c {
        WorksheetContent::Issues(s) => {
            for (i, r) in s.issues.iter().enumerate() {
                put(format!("issue-{i}-title"), &r.title);
                put(format!("issue-{i}-impact"), &r.impact);
                put(format!("issue-{i}-evidence"), &r.evidence);
            }
        }
        WorksheetContent::Solutions(s) => {
            for (i, r) in s.measures.iter().enumerate() {
                put(format!("measure-{i}-issue"), &r.issue);
                put(format!("measure-{i}-measure"), &r.measure);
                put(format!("measure-{i}-owner"), &r.owner);
                put(format!("measure-{i}-first_steps"), &r.first_steps);
            }
        }
        WorksheetContent::Promotion(s) => {
            put("management".into(), &s.management);
            put("colleagues".into(), &s.colleagues);
            for (i, m) in s.team.iter().enumerate() {
                put(format!("team-{i}-name"), &m.name);
                put(format!("team-{i}-role"), &m.role);
            }
            put("first_100_days".into(), &s.first_100_days);
        }
    }
    v
}

fn rows(
    t: &Tr,
    values: &Values,
    prefix: &str,
    legend_key: &str,
    n: usize,
    spec: RowSpec,
) -> Vec<GroupView> {
    (0..n)
        .map(|i| GroupView {
            legend: t.f1(legend_key, "n", i + 1),
            fields: spec
                .iter()
                .map(|(suffix, label, long)| {
                    let id = format!("{prefix}-{i}-{suffix}");
                    FieldView {
                        value: values.get(&id).cloned().unwrap_or_default(),
                        id,
                        label: t.t(label).to_string(),
                        long: *long,
                    }
                })
                .collect(),
        })
        .collect()
}

fn single(t: &Tr, values: &Values, legend_key: &str, spec: RowSpec) -> GroupView {
    GroupView {
        legend: t.t(legend_key).to_string(),
        fields: spec
            .iter()
            .map(|(id, label, long)| FieldView {
                id: id.to_string(),
                value: values.get(*id).cloned().unwrap_or_default(),
                label: t.t(label).to_string(),
                long: *long,
            })
            .collect(),
    }
}

/// The form's fieldsets for a kind, filled with `values`.
pub fn groups(t: &Tr, kind: WorksheetKind, values: &Values) -> Vec<GroupView> {
    match kind {
        WorksheetKind::Issues => rows(
            t,
            values,
            "issue",
            "course.sheet.issue_n",
            MAX_ISSUES,
            ISSUE,
        ),
        WorksheetKind::Solutions => rows(
            t,
            values,
            "measure",
            "course.sheet.measure_n",
            MAX_MEASURES,
            MEASURE,
        ),
        WorksheetKind::Promotion => {
            let mut g = vec![single(t, values, "course.sheet.explain", PLAN)];
            let team = rows(t, values, "team", "course.sheet.member_n", MAX_TEAM, MEMBER);
            g.push(GroupView {
                legend: t.t("course.sheet.team").to_string(),
                fields: team
                    .into_iter()
                    .flat_map(|row| {
                        let legend = row.legend;
                        row.fields.into_iter().map(move |mut f| {
                            f.label = format!("{legend} {}", f.label);
                            f
                        })
                    })
                    .collect(),
            });
            g.push(single(
                t,
                values,
                "course.sheet.first_100_days_legend",
                DAYS,
            ));
            g
        }
    }
}

/// The same fieldsets for reading: only what was written.
pub fn read_only(t: &Tr, content: &WorksheetContent) -> Vec<GroupView> {
    groups(t, content.kind(), &values_of_content(content))
        .into_iter()
        .map(|mut g| {
            g.fields.retain(|f| !f.value.trim().is_empty());
            g
        })
        .filter(|g| !g.fields.is_empty())
        .collect()
}

/// Parse the typed values (and the figures ticked, resolved by the caller into
/// snapshots) into content; every wrong field named.
pub fn parse(
    t: &Tr,
    kind: WorksheetKind,
    values: &Values,
    figures: Vec<FigureSnapshot>,
) -> Result<WorksheetContent, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut get = |id: String, long: bool, label: &str| -> String {
        let v = values
            .get(&id)
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        if v.chars().count() > max_of(long) {
            errors.add_labelled(t, &id, label, "form.too_long");
        }
        v
    };
    let content = match kind {
        WorksheetKind::Issues => {
            let mut issues = Vec::new();
            for i in 0..MAX_ISSUES {
                let r = IssueRow {
                    title: get(
                        format!("issue-{i}-title"),
                        false,
                        "course.sheet.issue_title",
                    ),
                    impact: get(
                        format!("issue-{i}-impact"),
                        true,
                        "course.sheet.issue_impact",
                    ),
                    evidence: get(
                        format!("issue-{i}-evidence"),
                        true,
                        "course.sheet.issue_evidence",
                    ),
                };
                if r != IssueRow::default() {
                    issues.push(r);
                }
            }
            WorksheetContent::Issues(IssuesSheet {
                issues,
                figures: figures.into_iter().take(MAX_FIGURES).collect(),
            })
        }
        WorksheetKind::Solutions => {
            let mut measures = Vec::new();
            for i in 0..MAX_MEASURES {
                let r = MeasureRow {
                    issue: get(
                        format!("measure-{i}-issue"),
                        false,
                        "course.sheet.measure_issue",
                    ),
                    measure: get(
                        format!("measure-{i}-measure"),
                        true,
                        "course.sheet.measure_measure",
                    ),
                    owner: get(
                        format!("measure-{i}-owner"),
                        false,
                        "course.sheet.measure_owner",
                    ),
                    first_steps: get(
                        format!("measure-{i}-first_steps"),
                        true,
                        "course.sheet.measure_first_steps",
                    ),
                };
                if r != MeasureRow::default() {
                    measures.push(r);
                }
            }
            WorksheetContent::Solutions(SolutionsSheet { measures })
        }
        WorksheetKind::Promotion => {
            let management = get("management".into(), true, "course.sheet.management");
            let colleagues = get("colleagues".into(), true, "course.sheet.colleagues");
            let mut team = Vec::new();
            for i in 0..MAX_TEAM {
                let m = TeamMember {
                    name: get(format!("team-{i}-name"), false, "course.sheet.team_name"),
                    role: get(format!("team-{i}-role"), false, "course.sheet.team_role"),
                };
                if m != TeamMember::default() {
                    team.push(m);
                }
            }
            let first_100_days = get("first_100_days".into(), true, "course.sheet.first_100_days");
            WorksheetContent::Promotion(PromotionSheet {
                management,
                colleagues,
                team,
                first_100_days,
            })
        }
    };
    if errors.is_empty() {
        Ok(content)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn empty_rows_are_dropped_and_values_round_trip() {
        let t = Tr::new(Lang::Ja);
        let mut v = Values::new();
        v.insert("issue-2-title".into(), " 長時間労働 ".into());
        v.insert("issue-2-evidence".into(), "月30時間".into());
        let c = parse(&t, WorksheetKind::Issues, &v, vec![]).unwrap();
        let WorksheetContent::Issues(s) = &c else {
            panic!("kind")
        };
        assert_eq!(s.issues.len(), 1);
        assert_eq!(s.issues[0].title, "長時間労働");
        let back = values_of_content(&c);
        assert_eq!(back["issue-0-title"], "長時間労働");
        assert_eq!(groups(&t, WorksheetKind::Issues, &back).len(), MAX_ISSUES);
    }

    #[test]
    fn a_long_text_is_named_and_nothing_is_returned() {
        let t = Tr::new(Lang::Ja);
        let mut v = Values::new();
        v.insert("team-0-name".into(), "あ".repeat(SHORT_TEXT + 1));
        let errors = parse(&t, WorksheetKind::Promotion, &v, vec![]).unwrap_err();
        assert!(errors.has("team-0-name"));
    }
}
