//! `/orgs/{id}/survey/{rid}`: a round of the organizational survey. While it
//! takes answers: its count, link and invitations (the admins) and nothing of
//! the answers. Once closed: the scores by dimension (radar and table), the
//! change from a compared round, the departments large enough to show, the
//! distribution of each question and the free text, for the group the
//! filters (department, age band, gender) choose. Every number passes through
//! `survey::release`: a group it does not release, combined filters
//! included, shows nothing, and a compared round shows a group only when it
//! releases it too.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use store::orgs::Organization;
use store::surveys::SurveyRound;
use survey::diagnosis::{self, Dimension, Setup};
use survey::release::Count;
use survey::{Filter, Group, Kind, Questionnaire, Response as Answer, Round, Threshold, Withheld};

use super::{round_of, viewable};
use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::csv_out::CsvOut;
use crate::errors::AppError;
use crate::i18n::Tr;

#[derive(Deserialize, Default)]
pub struct ResultsQuery {
    department: Option<String>,
    age: Option<String>,
    gender: Option<String>,
    compare: Option<String>,
}

/// A round with its questionnaire and answers, ready for the engine.
struct Loaded {
    round: SurveyRound,
    setup: Setup,
    questionnaire: Questionnaire,
    answers: Vec<Answer>,
}

async fn load(state: &AppState, round: SurveyRound) -> Result<Loaded, AppError> {
    let setup = state.store.org_survey_setup(round.id).await?;
    let setup = Setup::from_json(&setup.setup)
        .ok_or_else(|| AppError::Internal("a round's setup does not parse".into()))?;
    let questionnaire = diagnosis::questionnaire(&setup);
    let answers = state
        .store
        .survey_answers(round.id)
        .await?
        .iter()
        .filter_map(|s| Answer::from_json(&questionnaire, s))
        .collect();
    Ok(Loaded {
        round,
        setup,
        questionnaire,
        answers,
    })
}

impl Loaded {
    fn engine(&self) -> Round<'_> {
        Round::new(
            &self.questionnaire,
            &self.answers,
            Threshold::new(self.round.threshold.max(2) as usize),
            !self.round.is_open(),
        )
    }
}

fn tenths(v: Option<u64>) -> String {
    v.map(|t| format!("{}.{}", t / 10, t % 10))
        .unwrap_or_else(|| "—".into())
}

fn change(before: Option<u64>, after: Option<u64>) -> String {
    match (before, after) {
        (Some(b), Some(a)) if a >= b => format!("+{}", tenths(Some(a - b))),
        (Some(b), Some(a)) => format!("−{}", tenths(Some(b - a))),
        _ => "—".into(),
    }
}

pub struct DimensionRow {
    pub figure_id: &'static str,
    pub name: String,
    pub score: String,
    pub before: String,
    pub change: String,
}

pub struct DepartmentRow {
    pub name: String,
    /// None: withheld (fewer than the threshold, or it would give away another group).
    pub scores: Option<Vec<String>>,
}

#[derive(Clone)]
pub struct QuestionRow {
    pub text: String,
    pub dimension: String,
    pub counts: Vec<String>,
    pub mean: String,
}

pub struct FilterChoice {
    pub key: String,
    pub label: String,
    /// (code, label, selected)
    pub options: Vec<(String, String, bool)>,
}

#[derive(Template)]
#[template(path = "org_survey/round.html")]
struct RoundPage {
    c: Ctx,
    org: Organization,
    round: SurveyRound,
    can_manage: bool,
    link: String,
    invited: i64,
    threshold: usize,
    filters: Vec<FilterChoice>,
    compare_choices: Vec<(i64, String, bool)>,
    compare_note: String,
    /// Why the group is not shown (empty when it is).
    withheld: String,
    n: usize,
    dimensions: Vec<DimensionRow>,
    radar: String,
    departments: Vec<DepartmentRow>,
    dimension_names: Vec<String>,
    questions: Vec<QuestionRow>,
    texts: Vec<(String, Vec<String>)>,
    query: String,
}

fn filter_of(q: &Questionnaire, query: &ResultsQuery) -> Result<Filter, Withheld> {
    let pairs: Vec<(&str, &str)> = [
        ("department", query.department.as_deref()),
        ("age", query.age.as_deref()),
        ("gender", query.gender.as_deref()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    Filter::parse(q, &pairs)
}

fn withheld_key(w: Withheld) -> &'static str {
    match w {
        Withheld::RoundOpen => "org_survey.withheld_open",
        Withheld::TooFew => "org_survey.withheld_few",
        Withheld::BadFilter => "org_survey.withheld_filter",
    }
}

fn scores(g: &Group<'_>) -> Vec<Option<u64>> {
    Dimension::ALL
        .iter()
        .map(|d| diagnosis::score_tenths(g, *d))
        .collect()
}

/// The scale questions of a questionnaire with their dimension's name.
fn scale_questions<'a>(t: &Tr, q: &'a Questionnaire) -> Vec<(&'a survey::Question, String)> {
    q.questions
        .iter()
        .filter(|x| x.kind == Kind::Scale5)
        .map(|x| {
            let dim = diagnosis::ITEMS
                .iter()
                .find(|i| i.key == x.key)
                .map(|i| i.dimension.name().pick(t.is_ja()).to_string())
                .unwrap_or_else(|| t.t("org_survey.own_dimension").to_string());
            (x, dim)
        })
        .collect()
}

fn count_text(t: &Tr, c: Count) -> String {
    match c {
        Count::Shown(n) => n.to_string(),
        Count::FewerThan(k) => t.f1("org_survey.fewer_than", "k", k),
    }
}

/// The group's rows for the page and the exports.
struct Computed {
    n: usize,
    scores: Vec<Option<u64>>,
    before: Option<Vec<Option<u64>>>,
    questions: Vec<QuestionRow>,
    texts: Vec<(String, Vec<String>)>,
}

fn compute(t: &Tr, l: &Loaded, g: &Group<'_>, before: Option<Vec<Option<u64>>>) -> Computed {
    let questions = scale_questions(t, &l.questionnaire)
        .into_iter()
        .map(|(q, dimension)| {
            let tally = g.tally(&q.key);
            QuestionRow {
                text: q.text.pick(t.is_ja()).to_string(),
                dimension,
                counts: tally
                    .map(|x| x.rows.iter().map(|(_, c)| count_text(t, *c)).collect())
                    .unwrap_or_default(),
                mean: tenths(g.mean_tenths(&q.key)),
            }
        })
        .collect();
    let texts = diagnosis::FREE_TEXTS
        .iter()
        .map(|(key, ja, en)| (t.pick(ja, en).to_string(), g.texts(key)))
        .collect();
    Computed {
        n: g.n(),
        scores: scores(g),
        before,
        questions,
        texts,
    }
}

async fn assemble(
    state: &AppState,
    c: &Ctx,
    id: i64,
    rid: i64,
    query: &ResultsQuery,
) -> Result<(Organization, Loaded, Option<Loaded>, String), AppError> {
    let org = viewable(state, c, id).await?;
    let round = round_of(state, &org, rid).await?;
    let current = load(state, round).await?;
    let mut note = String::new();
    let before = match query.compare.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => {
            let other: i64 = raw
                .parse()
                .map_err(|_| AppError::BadRequest("compare".into()))?;
            let other = load(state, round_of(state, &org, other).await?).await?;
            // Groups compare only under the same departments and attributes.
            if other.setup.departments != current.setup.departments
                || other.setup.ask_age != current.setup.ask_age
                || other.setup.ask_gender != current.setup.ask_gender
            {
                note = c.t.t("org_survey.compare_setup_differs").to_string();
                None
            } else {
                Some(other)
            }
        }
    };
    Ok((org, current, before, note))
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, rid)): Path<(i64, i64)>,
    Query(query): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    let (org, current, before, mut compare_note) = assemble(&state, &c, id, rid, &query).await?;
    let t = &c.t;
    let can_manage = c.can(&Action::ManageOrgSurvey { org_id: org.id });
    let setup_row = state.store.org_survey_setup(current.round.id).await?;
    let link = if can_manage {
        format!(
            "{}/s/{}",
            crate::declarations::export::base_url(&state),
            setup_row.token
        )
    } else {
        String::new()
    };
    let engine = current.engine();
    let before_engine = before.as_ref().map(Loaded::engine);
    let filter = filter_of(&current.questionnaire, &query);
    let dimension_names: Vec<String> = Dimension::ALL
        .iter()
        .map(|d| d.short().pick(t.is_ja()).to_string())
        .collect();
    let mut withheld = String::new();
    let mut computed = None;
    match filter
        .as_ref()
        .map_err(|w| *w)
        .and_then(|f| engine.group(f))
    {
        Ok(g) => {
            let before_scores = match (&before_engine, &filter) {
                (Some(b), Ok(f)) => match b.group(f) {
                    Ok(bg) => Some(scores(&bg)),
                    Err(w) => {
                        compare_note = t.t(withheld_key(w)).to_string();
                        None
                    }
                },
                _ => None,
            };
            computed = Some(compute(t, &current, &g, before_scores));
        }
        Err(w) => withheld = t.t(withheld_key(w)).to_string(),
    }
    let (dimensions, radar, questions, texts, n) = match &computed {
        Some(x) => {
            let rows = Dimension::ALL
                .iter()
                .enumerate()
                .map(|(i, d)| DimensionRow {
                    figure_id: d.figure_id(),
                    name: d.name().pick(t.is_ja()).to_string(),
                    score: tenths(x.scores[i]),
                    before: tenths(x.before.as_ref().and_then(|b| b[i])),
                    change: change(x.before.as_ref().and_then(|b| b[i]), x.scores[i]),
                })
                .collect();
            let mut series = vec![(current.round.title.clone(), x.scores.clone())];
            if let (Some(b), Some(bs)) = (&before, &x.before) {
                series.push((b.round.title.clone(), bs.clone()));
            }
            let radar =
                super::radar::radar(t.t("org_survey.radar_title"), &dimension_names, &series);
            (rows, radar, x.questions.clone(), x.texts.clone(), x.n)
        }
        None => (Vec::new(), String::new(), Vec::new(), Vec::new(), 0),
    };
    // Departments, within the other filters, where the round releases them.
    let departments = match (&filter, current.setup.departments.is_empty(), &computed) {
        (Ok(f), false, Some(_)) if !f.conditions.contains_key("department") => engine
            .split(f, "department")
            .into_iter()
            .enumerate()
            .map(|(i, (_, g))| DepartmentRow {
                name: current.setup.departments[i].clone(),
                scores: g.ok().map(|g| scores(&g).into_iter().map(tenths).collect()),
            })
            .collect(),
        _ => Vec::new(),
    };
    let filters = current
        .questionnaire
        .attributes()
        .map(|q| {
            let chosen = match q.key.as_str() {
                "department" => query.department.as_deref(),
                "age" => query.age.as_deref(),
                _ => query.gender.as_deref(),
            }
            .unwrap_or("");
            FilterChoice {
                key: q.key.clone(),
                label: q.text.pick(t.is_ja()).to_string(),
                options: q
                    .choices
                    .iter()
                    .map(|ch| {
                        (
                            ch.code.clone(),
                            ch.label.pick(t.is_ja()).to_string(),
                            ch.code == chosen,
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let chosen_compare = before.as_ref().map(|b| b.round.id);
    let compare_choices = state
        .store
        .org_survey_rounds(diagnosis::CODE, org.id)
        .await?
        .into_iter()
        .filter(|r| r.id != current.round.id && !r.is_open())
        .map(|r| (r.id, r.title, Some(r.id) == chosen_compare))
        .collect();
    let query_string = serde_urlencoded::to_string([
        ("department", query.department.clone().unwrap_or_default()),
        ("age", query.age.clone().unwrap_or_default()),
        ("gender", query.gender.clone().unwrap_or_default()),
        ("compare", query.compare.clone().unwrap_or_default()),
    ])
    .unwrap_or_default();
    let page = RoundPage {
        threshold: current.round.threshold.max(2) as usize,
        invited: setup_row.invited,
        round: current.round.clone(),
        can_manage,
        link,
        filters,
        compare_choices,
        compare_note,
        withheld,
        n,
        dimensions,
        radar,
        departments,
        dimension_names,
        questions,
        texts,
        query: query_string,
        org,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

/// The exported rows: kind, item, value columns; only what the page shows.
async fn export_rows(
    state: &AppState,
    c: &Ctx,
    id: i64,
    rid: i64,
    query: &ResultsQuery,
) -> Result<(SurveyRound, Vec<Vec<String>>), AppError> {
    let (_, current, before, _) = assemble(state, c, id, rid, query).await?;
    let t = &c.t;
    let engine = current.engine();
    let before_engine = before.as_ref().map(Loaded::engine);
    let f = filter_of(&current.questionnaire, query)
        .map_err(|w| AppError::BadRequest(format!("{w:?}")))?;
    let g = engine.group(&f).map_err(|_| AppError::NotFound)?;
    let before_scores = before_engine
        .as_ref()
        .and_then(|b| b.group(&f).ok())
        .map(|bg| scores(&bg));
    let x = compute(t, &current, &g, before_scores);
    let mut rows = vec![vec![
        t.t("org_survey.export.kind").to_string(),
        t.t("org_survey.export.item").to_string(),
        t.t("org_survey.export.figure_id").to_string(),
        t.t("org_survey.export.value").to_string(),
        t.t("org_survey.export.before").to_string(),
        t.t("org_survey.export.points").to_string(),
    ]];
    rows.push(vec![
        t.t("org_survey.export.answers").to_string(),
        String::new(),
        String::new(),
        x.n.to_string(),
        String::new(),
        String::new(),
    ]);
    for (i, d) in Dimension::ALL.iter().enumerate() {
        rows.push(vec![
            t.t("org_survey.export.dimension").to_string(),
            d.name().pick(t.is_ja()).to_string(),
            d.figure_id().to_string(),
            tenths(x.scores[i]),
            tenths(x.before.as_ref().and_then(|b| b[i])),
            String::new(),
        ]);
    }
    for q in &x.questions {
        rows.push(vec![
            t.t("org_survey.export.question").to_string(),
            q.text.clone(),
            String::new(),
            q.mean.clone(),
            String::new(),
            q.counts.join(" / "),
        ]);
    }
    for (label, texts) in &x.texts {
        for text in texts {
            rows.push(vec![
                t.t("org_survey.export.text").to_string(),
                label.clone(),
                String::new(),
                text.clone(),
                String::new(),
                String::new(),
            ]);
        }
    }
    Ok((current.round, rows))
}

pub async fn csv(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, rid)): Path<(i64, i64)>,
    Query(query): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    let (round, rows) = export_rows(&state, &c, id, rid, &query).await?;
    let err = |e: csv::Error| AppError::Internal(e.to_string());
    let mut out = CsvOut::new();
    for r in &rows {
        out.record(r).map_err(err)?;
    }
    Ok(crate::events::desk::attachment(
        out.into_bytes().map_err(err)?.into_response(),
        "text/csv; charset=utf-8",
        format!("org-survey-{}.csv", round.id),
    ))
}

pub async fn xlsx(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, rid)): Path<(i64, i64)>,
    Query(query): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    let (round, rows) = export_rows(&state, &c, id, rid, &query).await?;
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet
        .set_name(c.t.t("org_survey.export.sheet"))
        .map_err(err)?;
    for (i, r) in rows.iter().enumerate() {
        for (col, cell) in r.iter().enumerate() {
            let (row, col) = (i as u32, col as u16);
            match (i, col, cell.parse::<f64>()) {
                (0, _, _) => sheet.write_string_with_format(row, col, cell, &bold),
                (_, 3 | 4, Ok(n)) => sheet.write_number(row, col, n),
                _ => sheet.write_string(row, col, cell),
            }
            .map_err(err)?;
        }
    }
    Ok(crate::events::desk::attachment(
        book.save_to_buffer().map_err(err)?.into_response(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        format!("org-survey-{}.xlsx", round.id),
    ))
}
