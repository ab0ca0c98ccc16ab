//! Certification readiness (LABOR_RULES §5): for くるみん (2022 and 2025
//! criteria), えるぼし and ユースエール, every criterion with the
//! organization's value, the threshold, met or not, the period, and what is
//! missing in words. The figures come from the imported records (the report's
//! `certification` section per fiscal year), the employer's aggregates
//! (recruitment, wages, career events), the industry averages an
//! administrator typed in, and yes/no answers given on this page. The
//! verdicts are `kpi::assess`'s: nothing here decides a criterion.

pub mod words;

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use jiff::civil::Date;
use serde::Deserialize;
use store::certification::FactInput;
use store::orgs::Organization;

use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/{id}/readiness", get(page))
        .route("/orgs/{id}/readiness/facts", post(save_facts))
}

/// Everything the criteria were assessed on, and the verdicts.
pub struct Readiness {
    pub input: kpi::CertificationInput,
    pub results: Vec<kpi::MarkResult>,
    pub sources: Sources,
    /// The notes given with the yes/no answers, by fact id.
    pub notes: HashMap<String, String>,
    /// The answers as the organization gave them.
    pub answers: kpi::Facts,
    /// What the records say about the questions, by fact id.
    pub evidence: HashMap<&'static str, Evidence>,
}

/// Where the figures came from, shown beside the verdicts.
pub struct Sources {
    /// When the base year's records were imported; None = no import.
    pub records_imported_at: Option<String>,
    /// Earlier fiscal years whose childcare counts were used.
    pub earlier_years: Vec<i64>,
    /// The first fiscal year of the 次世代法 plan running in the base year.
    pub plan_first: Option<i16>,
    /// The employer's aggregates on file: kind and fiscal years.
    pub extras: Vec<(String, Vec<i64>)>,
    /// The industry average compared with.
    pub industry: Option<store::certification::IndustryAverageRow>,
}

/// A stored report's `certification` section (None in imports older than that
/// section). Only that section is deserialized; the per-employee rest is skipped.
fn certification_section(report_json: &str) -> Result<Option<kpi::CertificationFigures>, AppError> {
    #[derive(Deserialize)]
    struct Section {
        #[serde(default)]
        certification: Option<kpi::CertificationFigures>,
    }
    let section: Section = serde_json::from_str(report_json)
        .map_err(|e| AppError::Internal(format!("stored report: {e}")))?;
    Ok(section.certification)
}

/// The current import of one fiscal year's `certification` section.
async fn figures(
    state: &AppState,
    org_id: i64,
    fy: i64,
) -> Result<Option<kpi::CertificationFigures>, AppError> {
    match state.store.current_kpi_import(org_id, fy).await? {
        Some(import) => certification_section(&import.report_json),
        None => Ok(None),
    }
}

/// The 36協定 breaches in a stored report, by rule: (rule, months in breach,
/// employees), in the order of [`BREACH_RULES`]; rules without breaches are left
/// out.
fn breach_counts(report_json: &str) -> Result<Vec<(&'static str, usize, usize)>, AppError> {
    #[derive(Deserialize)]
    struct Report {
        #[serde(default)]
        overtime: Option<Overtime>,
    }
    #[derive(Deserialize)]
    struct Overtime {
        employees: Vec<Employee>,
    }
    #[derive(Deserialize)]
    struct Employee {
        violations: Vec<Violation>,
    }
    #[derive(Deserialize)]
    struct Violation {
        rule: String,
        month: String,
    }
    let report: Report = serde_json::from_str(report_json)
        .map_err(|e| AppError::Internal(format!("stored report: {e}")))?;
    let employees = report.overtime.map(|o| o.employees).unwrap_or_default();
    Ok(BREACH_RULES
        .iter()
        .filter_map(|&rule| {
            // Months, not windows: several 2–6-month windows can end in one month.
            let per_employee: Vec<usize> = employees
                .iter()
                .map(|e| {
                    e.violations
                        .iter()
                        .filter(|v| v.rule == rule)
                        .map(|v| v.month.as_str())
                        .collect::<std::collections::BTreeSet<_>>()
                        .len()
                })
                .filter(|&n| n > 0)
                .collect();
            let total: usize = per_employee.iter().sum();
            (total > 0).then_some((rule, total, per_employee.len()))
        })
        .collect())
}

/// The legal limits whose breach the records can show (always illegal, whatever
/// the 36協定 says), worst first.
const BREACH_RULES: [&str; 4] = [
    "monthly_100h",
    "average_80h",
    "annual_720h",
    "months_over_limit",
];

/// What the records say about a yes/no question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// Nothing in the records bears on it.
    None,
    /// The records answer it: the answer used, and the sentence saying why.
    Answers(bool, String),
    /// The records contradict a "yes": the answer is not used, and why.
    Contradicts(String),
    /// The records inform the question without settling it.
    Informs(String),
}

/// Put what the records know into the answers before assessing: a recorded
/// 行動計画 answers whether one was made, and 36協定 breaches in the records stop
/// a "no serious violation" from counting. Returns the evidence per fact id.
fn apply_records(
    t: &crate::i18n::Tr,
    facts: &mut kpi::Facts,
    fy: i64,
    plan_first: Option<i16>,
    breaches: Option<&[(&'static str, usize, usize)]>,
) -> HashMap<&'static str, Evidence> {
    let mut evidence = HashMap::new();
    let year = crate::declarations::plain_fiscal_year_label(t, fy);
    let plan = match (plan_first, facts.get("next_gen_plan_filed").flatten()) {
        (Some(first), answer) => {
            let from = crate::declarations::plain_fiscal_year_label(t, i64::from(first));
            let sentence = t.f1("readiness.evidence.plan_recorded", "from", from);
            match answer {
                // "No" is kept: recording a plan here is not filing it with the 労働局.
                Some(false) => Evidence::Informs(sentence),
                _ => Evidence::Answers(true, sentence),
            }
        }
        (None, Some(true)) => Evidence::Contradicts(t.t("readiness.evidence.no_plan").to_string()),
        (None, _) => Evidence::Informs(t.t("readiness.evidence.no_plan").to_string()),
    };
    match &plan {
        Evidence::Answers(answer, _) => {
            let _ = facts.set("next_gen_plan_filed", Some(*answer));
        }
        Evidence::Contradicts(_) => {
            let _ = facts.set("next_gen_plan_filed", None);
        }
        _ => {}
    }
    evidence.insert("next_gen_plan_filed", plan);
    if let Some(list) = breaches.filter(|l| !l.is_empty()) {
        let parts: Vec<String> = list
            .iter()
            .map(|(rule, n, people)| {
                t.f2(
                    &format!("readiness.evidence.breach.{rule}"),
                    "n",
                    n,
                    "people",
                    people,
                )
            })
            .collect();
        let sentence = t.f2(
            "readiness.evidence.breaches",
            "year",
            year,
            "list",
            parts.join(t.t("readiness.evidence.list_sep")),
        );
        let e = if facts.get("no_serious_violations").flatten() == Some(true) {
            let _ = facts.set("no_serious_violations", None);
            Evidence::Contradicts(sentence)
        } else {
            Evidence::Informs(sentence)
        };
        evidence.insert("no_serious_violations", e);
    }
    evidence
}

/// The organization's answered facts as `kpi::Facts`.
async fn facts(
    state: &AppState,
    org_id: i64,
) -> Result<(kpi::Facts, HashMap<String, String>), AppError> {
    let mut facts = kpi::Facts::default();
    let mut notes = HashMap::new();
    for a in state.store.certification_facts(org_id).await? {
        // A fact id a later version dropped is ignored rather than fatal.
        if facts.set(&a.fact, Some(a.answer)).is_ok() {
            notes.insert(a.fact, a.note);
        }
    }
    Ok((facts, notes))
}

/// The first fiscal year of the 次世代法 plan running in `fy`, if recorded.
async fn plan_first_year(state: &AppState, org_id: i64, fy: i64) -> Result<Option<i16>, AppError> {
    let Ok(year) = domain::FiscalYear::new(fy as i32) else {
        return Ok(None);
    };
    for (plan, _) in state.store.action_plans(org_id).await? {
        let (Ok(starts), Ok(ends)) = (plan.starts_on.parse::<Date>(), plan.ends_on.parse::<Date>())
        else {
            continue;
        };
        if starts <= year.end() && ends >= year.start() {
            return Ok(Some(domain::FiscalYear::containing(starts).year() as i16));
        }
    }
    Ok(None)
}

/// Assess the organization for fiscal year `fy` on application date `date`.
pub async fn assess(
    state: &AppState,
    t: &crate::i18n::Tr,
    org: &Organization,
    fy: i64,
    date: Date,
) -> Result<Readiness, AppError> {
    // The base year's import is read once: its certification figures and its breaches.
    let base_import = state.store.current_kpi_import(org.id, fy).await?;
    let records_imported_at = base_import.as_ref().map(|i| i.created_at.clone());
    let base = match &base_import {
        Some(i) => certification_section(&i.report_json)?,
        None => None,
    };
    let breaches = base_import
        .as_ref()
        .map(|i| breach_counts(&i.report_json))
        .transpose()?;
    let plan_first = plan_first_year(state, org.id, fy).await?;
    let first = plan_first.map(i64::from).unwrap_or(fy).min(fy - 2);
    let mut earlier = Vec::new();
    for y in first..fy {
        if let Some(c) = figures(state, org.id, y).await?.and_then(|f| f.childcare()) {
            earlier.push((y as i16, c));
        }
    }
    let rows = state.store.year_extras(org.id).await?;
    let extras = crate::kpi::view::stored_extras(&rows)?;
    let mut extras_on_file: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for row in &rows {
        extras_on_file
            .entry(row.kind.clone())
            .or_default()
            .push(row.fiscal_year);
    }
    let (mut facts, notes) = facts(state, org.id).await?;
    let answers = facts;
    let evidence = apply_records(t, &mut facts, fy, plan_first, breaches.as_deref());
    let industry_row = match &org.industry {
        Some(code) => state.store.industry_average_for(code, fy).await?,
        None => None,
    };
    let industry = industry_row
        .as_ref()
        .map(|row| kpi::extras::IndustryAverages {
            fiscal_year: row.fiscal_year as i16,
            industry: row.industry.clone(),
            regular_women_tenths: row.regular_women_tenths.map(|v| v as u64),
            women_managers_tenths: row.women_managers_tenths.map(|v| v as u64),
        });
    let base = base.unwrap_or_else(|| {
        kpi::CertificationFigures::unknown(fy as i16, kpi::Settings::default().kurumin_age_band)
    });
    let input = kpi::assemble(&kpi::AssembleArgs {
        base: &base,
        earlier_childcare: &earlier,
        extras: &extras,
        facts,
        industry: industry.as_ref(),
        plan_first_fiscal_year: plan_first,
        fiscal_year_start_month: 4,
    });
    let results = kpi::assess(&input, date);
    Ok(Readiness {
        input,
        results,
        sources: Sources {
            records_imported_at,
            earlier_years: earlier.iter().map(|(y, _)| i64::from(*y)).collect(),
            plan_first,
            extras: extras_on_file.into_iter().collect(),
            industry: industry_row,
        },
        notes,
        answers,
        evidence,
    })
}

/// One criterion, in words.
pub struct CriterionView {
    pub name: String,
    /// The catalog figures the value shows, with their names: (id, name).
    pub figures: Vec<(&'static str, &'static str)>,
    pub value: String,
    pub threshold: String,
    /// "met" | "not_met" | "unknown", for the badge.
    pub status: &'static str,
    pub period: String,
    pub gap: String,
    pub required: bool,
}

/// One mark under one criteria version.
pub struct MarkView {
    pub anchor: String,
    pub title: String,
    /// "eligible" | "not_eligible" | "undecidable".
    pub verdict: &'static str,
    pub stage: Option<u8>,
    pub criteria: Vec<CriterionView>,
    /// How many criteria are met, not met and undecidable (the summary table).
    pub met: usize,
    pub not_met: usize,
    pub unknown: usize,
}

/// One question of the yes/no form.
pub struct FactView {
    pub id: &'static str,
    pub question: String,
    /// What the question means or where to check.
    pub hint: String,
    /// The answer as given (the form shows it), before the records' word.
    pub answer: Option<bool>,
    pub note: String,
    pub evidence: Evidence,
}

impl FactView {
    /// Still to be answered: no answer given and none from the records.
    pub fn unanswered(&self) -> bool {
        self.answer.is_none() && !matches!(self.evidence, Evidence::Answers(..))
    }

    pub fn contradicted(&self) -> bool {
        matches!(self.evidence, Evidence::Contradicts(_))
    }
}

/// The questions of one [`kpi::FactGroup`] (the marks they serve), folded
/// when every one is answered and none is contradicted by the records.
pub struct FactGroupView {
    /// `kurumin` | `eruboshi` | `youth_yell` | `common`.
    pub id: &'static str,
    pub title: String,
    /// 「17問・未回答 3・記録と矛盾 1」
    pub status: String,
    pub unanswered: usize,
    pub contradicted: usize,
    pub open: bool,
    pub facts: Vec<FactView>,
}

/// The questions in their groups, in the order of [`kpi::FactGroup::ALL`];
/// a group without questions is left out.
pub fn fact_groups(t: &crate::i18n::Tr, facts: Vec<FactView>) -> Vec<FactGroupView> {
    let mut groups: Vec<FactGroupView> = kpi::FactGroup::ALL
        .iter()
        .map(|g| FactGroupView {
            id: g.id(),
            title: t.t(&format!("readiness.fact_group.{}", g.id())).to_string(),
            status: String::new(),
            unanswered: 0,
            contradicted: 0,
            open: false,
            facts: Vec::new(),
        })
        .collect();
    for f in facts {
        let g = kpi::FactGroup::of(f.id).unwrap_or(kpi::FactGroup::Common);
        let i = kpi::FactGroup::ALL
            .iter()
            .position(|x| *x == g)
            .unwrap_or_default();
        groups[i].facts.push(f);
    }
    groups.retain(|g| !g.facts.is_empty());
    for g in &mut groups {
        g.unanswered = g.facts.iter().filter(|f| f.unanswered()).count();
        g.contradicted = g.facts.iter().filter(|f| f.contradicted()).count();
        g.open = g.unanswered > 0 || g.contradicted > 0;
        g.status = t.f(
            "readiness.fact_group.status",
            &[
                ("n", &g.facts.len()),
                ("unanswered", &g.unanswered),
                ("contradicted", &g.contradicted),
            ],
        );
    }
    groups
}

fn status(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "met",
        Some(false) => "not_met",
        None => "unknown",
    }
}

/// `2026-04..2027-03` as 2026年4月〜2027年3月 / Apr 2026 – Mar 2027.
fn period(c: &Ctx, p: &str) -> String {
    let Some((from, to)) = p.split_once("..") else {
        return p.to_string();
    };
    let ym = |s: &str| -> String {
        let (y, m) = s.split_once('-').unwrap_or((s, ""));
        let m: u8 = m.parse().unwrap_or(0);
        c.t.f2("readiness.year_month", "y", y, "m", m)
    };
    format!("{}{}{}", ym(from), c.t.t("readiness.period_sep"), ym(to))
}

/// `names`: how to show the employees a gap names (the org admins' view, with
/// their own codes); None shows counts only, never an employee.
pub fn mark_views(
    c: &Ctx,
    r: &Readiness,
    names: Option<&crate::kpi::employees::Names>,
) -> Vec<MarkView> {
    r.results
        .iter()
        .map(|m| MarkView {
            anchor: format!(
                "{}-{}",
                m.mark.id(),
                match m.criteria_version {
                    Some(kpi::CriteriaVersion::Y2022) => "2022",
                    Some(kpi::CriteriaVersion::Y2025) => "2025",
                    None => "all",
                }
            ),
            title: words::mark_title(&c.t, m),
            verdict: match m.eligible {
                Some(true) => "eligible",
                Some(false) => "not_eligible",
                None => "undecidable",
            },
            stage: m.stage,
            met: m.criteria.iter().filter(|cr| cr.met == Some(true)).count(),
            not_met: m.criteria.iter().filter(|cr| cr.met == Some(false)).count(),
            unknown: m.criteria.iter().filter(|cr| cr.met.is_none()).count(),
            criteria: m
                .criteria
                .iter()
                .map(|cr| CriterionView {
                    name: words::what(&c.t, cr.id),
                    figures: kpi::catalog::figures_of(cr)
                        .into_iter()
                        .map(|id| (id, kpi::catalog::figure(id).name.pick(c.t.lang.code())))
                        .collect(),
                    value: cr
                        .value
                        .as_ref()
                        .map(|v| words::value(&c.t, cr.id, v))
                        .unwrap_or_else(|| "—".into()),
                    threshold: words::threshold(&c.t, cr),
                    status: status(cr.met),
                    period: cr
                        .period
                        .as_deref()
                        .map(|p| period(c, p))
                        .unwrap_or_default(),
                    gap: cr
                        .gap
                        .as_ref()
                        .filter(|_| cr.met != Some(true))
                        .map(|g| gap_text(c, g, r.input.age_band, names))
                        .unwrap_or_default(),
                    required: cr.required,
                })
                .collect(),
        })
        .collect()
}

/// A gap in words; the 60 h list names employees only for the org's admins.
fn gap_text(
    c: &Ctx,
    g: &kpi::Gap,
    age_band: (u8, u8),
    names: Option<&crate::kpi::employees::Names>,
) -> String {
    match (g, names) {
        (
            kpi::Gap::WorkersOver {
                employee_ids,
                limit_hours,
            },
            Some(names),
        ) => words::gap(
            &c.t,
            &kpi::Gap::WorkersOver {
                employee_ids: employee_ids.iter().map(|p| names.of(p).text).collect(),
                limit_hours: *limit_hours,
            },
            age_band,
        ),
        (
            kpi::Gap::WorkersOver {
                employee_ids,
                limit_hours,
            },
            None,
        ) => c.t.f2(
            "readiness.gap.workers_over_count",
            "n",
            employee_ids.len(),
            "limit",
            limit_hours,
        ),
        _ => words::gap(&c.t, g, age_band),
    }
}

#[derive(Template)]
#[template(path = "readiness/page.html")]
struct ReadinessPage {
    c: Ctx,
    org: Organization,
    fy: i64,
    years: Vec<i64>,
    date: String,
    sources: Sources,
    marks: Vec<MarkView>,
    fact_groups: Vec<FactGroupView>,
    can_edit: bool,
    /// 「この画面を見られる人：…」
    who_sees: String,
}

#[derive(Deserialize)]
struct PageQuery {
    fy: Option<String>,
    date: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::ViewOrganization {
            org_id: o.id,
            region_id: o.region_id,
        })
        .await?;
    if let Some(refused) = crate::visibility::gate(&c, &org)? {
        return Ok(refused);
    }
    let years = crate::kpi::years();
    // The base year is the last complete one with records.
    let default_fy = crate::kpi::default_whole_year(&state.store, id).await?;
    let fy =
        q.fy.as_deref()
            .and_then(|s| domain::normalize_digits(s).trim().parse::<i64>().ok())
            .filter(|y| years.contains(y))
            .unwrap_or(default_fy);
    let date = q
        .date
        .as_deref()
        .and_then(|s| {
            domain::normalize_digits(s)
                .trim()
                .replace('/', "-")
                .parse::<Date>()
                .ok()
        })
        .unwrap_or_else(crate::today_jst);
    let r = assess(&state, &c.t, &org, fy, date).await?;
    let fact_views = kpi::Facts::IDS
        .iter()
        .map(|&fid| {
            let label = if c.t.is_ja() {
                kpi::fact_label_ja(fid)
            } else {
                kpi::fact_label_en(fid)
            };
            FactView {
                id: fid,
                question: label
                    .map(|l| l.question.to_string())
                    .unwrap_or_else(|| fid.to_string()),
                hint: label.map(|l| l.note.to_string()).unwrap_or_default(),
                answer: r.answers.get(fid).flatten(),
                note: r.notes.get(fid).cloned().unwrap_or_default(),
                evidence: r.evidence.get(fid).cloned().unwrap_or(Evidence::None),
            }
        })
        .collect();
    let names = if c.can(&Action::ViewEmployeeFigures { org_id: id }) {
        Some(crate::kpi::employees::Names(
            state.store.employee_codes(id).await?,
        ))
    } else {
        None
    };
    let marks = mark_views(&c, &r, names.as_ref());
    let fact_groups = fact_groups(&c.t, fact_views);
    let page = ReadinessPage {
        who_sees: crate::visibility::who_sees(&c, &org),
        can_edit: c.can(&Action::DeclareForOrganization { org_id: id }),
        c,
        org,
        fy,
        years,
        date: date.to_string(),
        marks,
        sources: r.sources,
        fact_groups,
    };
    Ok(Html(page.render()?).into_response())
}

/// Notes are short: a sentence for the file, not a document.
const NOTE_MAX_CHARS: usize = 500;

async fn save_facts(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await?;
    let p = c
        .require(&Action::DeclareForOrganization { org_id: org.id })?
        .clone();
    let mut inputs = Vec::new();
    for &fid in kpi::Facts::IDS.iter() {
        let answer = match form.get(&format!("fact.{fid}")).map(|s| s.trim()) {
            Some("yes") => Some(true),
            Some("no") => Some(false),
            Some("") | None => None,
            Some(_) => return Err(AppError::BadRequest("answer".into())),
        };
        let note: String = form
            .get(&format!("note.{fid}"))
            .map(|s| s.trim().chars().take(NOTE_MAX_CHARS).collect())
            .unwrap_or_default();
        inputs.push(FactInput {
            fact: fid.to_string(),
            answer,
            note,
        });
    }
    state
        .store
        .set_certification_facts(id, &inputs, Some(p.user_id))
        .await?;
    state
        .store
        .audit(&c.actor(), "update", "certification_facts", id, "")
        .await?;
    let back = match form.get("fy").and_then(|s| s.trim().parse::<i64>().ok()) {
        Some(fy) => format!("/orgs/{id}/readiness?fy={fy}#facts"),
        None => format!("/orgs/{id}/readiness#facts"),
    };
    Ok(redirect_with_flash(
        &back,
        "flash.saved",
        state.config.cookie_secure,
    ))
}
