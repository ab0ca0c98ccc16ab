//! ミスマッチの見える化 (issue 12): for a region's staff and platform admins,
//! what residents want (the residents' survey) against what employers offer
//! (approved workplace profiles) and post (open postings): conditions,
//! industries, employment, pay and life situations; and inquiries against
//! postings per month. SVG charts with a table of the same numbers, each
//! saying its origin and period; the CSV export carries the same rows.
//!
//! Everything from the survey passes the survey engine's release rules
//! (`survey::release`): filters by age band and situation show a group only
//! when it, its complement and what any subtraction leaves hold at least the
//! round's threshold; a round still taking answers shows nothing.
//!
//! The staff open and close the rounds here (a closed round never reopens).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::job::{EmploymentType, Situation};
use domain::workplace::Measure;
use serde::Deserialize;
use store::postings::{Posting, PostingStatus};
use store::regions::Region;
use store::surveys::SurveyRound;
use survey::release::Count;
use survey::{Filter, Response as Answer, Round, Threshold, Withheld};

use super::chart;
use super::residents::{self, QUESTIONNAIRE};
use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::csv_out::CsvOut;
use crate::errors::AppError;
use crate::i18n::Tr;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/mismatch", get(page))
        .route("/mismatch.csv", get(csv))
        .route("/mismatch/rounds", post(open_round))
        .route("/mismatch/rounds/{id}/close", post(close_round))
}

#[derive(Debug, Default, Deserialize)]
pub struct MismatchQuery {
    #[serde(default)]
    region: String,
    #[serde(default)]
    round: String,
    #[serde(default)]
    age: String,
    #[serde(default)]
    situation: String,
}

/// The region asked for among those the user may see (403 when none, 404
/// for one they may not see).
async fn chosen(state: &AppState, c: &Ctx, code: &str) -> Result<(Region, Vec<Region>), AppError> {
    c.require(&Action::OpenMismatch)?;
    let regions: Vec<Region> = state
        .store
        .list_regions()
        .await?
        .into_iter()
        .filter(|r| c.can(&Action::ViewMismatch { region_id: r.id }))
        .collect();
    let region = if code.trim().is_empty() {
        regions.first().cloned().ok_or(AppError::Forbidden)?
    } else {
        regions
            .iter()
            .find(|r| r.code == code.trim())
            .cloned()
            .ok_or(AppError::NotFound)?
    };
    Ok((region, regions))
}

/// Tenths of a percent, half up.
fn share(part: usize, whole: usize) -> Option<u32> {
    (whole > 0).then(|| ((part as u64 * 2000 + whole as u64) / (2 * whole as u64)) as u32)
}

fn pct(v: Option<u32>) -> String {
    v.map(|v| format!("{}.{}%", v / 10, v % 10))
        .unwrap_or_else(|| "—".into())
}

/// One item of a comparison.
pub struct Line {
    pub code: String,
    pub label: String,
    /// Residents who chose it (None: not shown).
    pub residents: Option<Count>,
    pub residents_share: Option<u32>,
    pub profiles_share: Option<u32>,
    pub postings_share: Option<u32>,
}

impl Line {
    pub fn residents_text(&self, t: &Tr, k: &usize) -> String {
        match self.residents {
            Some(Count::Shown(n)) => format!("{n}（{}）", pct(self.residents_share)),
            Some(Count::FewerThan(_)) => t.f1("mismatch.fewer_than", "k", k),
            None => "—".into(),
        }
    }
    pub fn profiles_text(&self) -> String {
        pct(self.profiles_share)
    }
    pub fn postings_text(&self) -> String {
        pct(self.postings_share)
    }
}

/// One comparison: what residents want against profiles and postings.
pub struct Section {
    pub id: &'static str,
    pub title: String,
    /// Where the numbers come from, and for which period.
    pub origin: String,
    pub has_profiles: bool,
    pub has_postings: bool,
    pub lines: Vec<Line>,
    pub chart: String,
}

/// The age band × situation table of the round.
pub struct CrossRow {
    pub label: String,
    /// None: the row is withheld.
    pub cells: Option<Vec<String>>,
    pub n: String,
}

pub struct Dashboard {
    pub region: Region,
    pub regions: Vec<Region>,
    pub rounds: Vec<SurveyRound>,
    pub round: Option<SurveyRound>,
    pub k: usize,
    pub age: String,
    pub situation: String,
    pub ages: Vec<(String, String)>,
    pub situations: Vec<(String, String)>,
    /// Answers in the chosen group, when shown.
    pub group_n: Option<usize>,
    /// Why the survey's numbers are not shown (i18n key), if they are not.
    pub withheld: Option<&'static str>,
    pub survey_origin: String,
    pub sections: Vec<Section>,
    pub cross_columns: Vec<String>,
    pub cross: Vec<CrossRow>,
    pub comments: Vec<String>,
    pub months_chart: String,
    pub months: Vec<(String, i64, i64)>,
    pub months_origin: String,
    pub can_manage: bool,
    pub open_round: Option<SurveyRound>,
    pub today: String,
}

/// What employers offer and post, read once.
struct Offer {
    profiles: Vec<store::workplaces::Workplace>,
    open: Vec<Posting>,
    all_postings: Vec<Posting>,
    industry_of: BTreeMap<i64, String>,
    profile_measures: BTreeMap<i64, Vec<Measure>>,
}

async fn offer(state: &AppState, region: &Region, today: &str) -> Result<Offer, AppError> {
    let profiles = state.store.workplaces(Some(region.id)).await?;
    let all_postings = state.store.postings_in_region(region.id).await?;
    let open = all_postings
        .iter()
        .filter(|p| p.is_open_on(today))
        .cloned()
        .collect();
    let industry_of = state
        .store
        .organizations_in_region(region.id)
        .await?
        .into_iter()
        .filter_map(|o| Some((o.id, o.industry?)))
        .collect();
    let profile_measures = profiles
        .iter()
        .map(|w| (w.org_id, w.profile.measures.clone()))
        .collect();
    Ok(Offer {
        profiles,
        open,
        all_postings,
        industry_of,
        profile_measures,
    })
}

fn section(
    t: &Tr,
    id: &'static str,
    title_key: &str,
    origin: String,
    lines: Vec<Line>,
    has_profiles: bool,
    has_postings: bool,
) -> Section {
    let title = t.t(title_key).to_string();
    let mut series = vec![t.t("mismatch.series.residents")];
    if has_profiles {
        series.push(t.t("mismatch.series.profiles"));
    }
    if has_postings {
        series.push(t.t("mismatch.series.postings"));
    }
    let rows: Vec<chart::Row> = lines
        .iter()
        .map(|l| {
            let mut values = vec![l.residents.and_then(Count::shown).and(l.residents_share)];
            if has_profiles {
                values.push(l.profiles_share);
            }
            if has_postings {
                values.push(l.postings_share);
            }
            chart::Row {
                label: l.label.clone(),
                values,
            }
        })
        .collect();
    Section {
        chart: chart::bars(&title, &series, &rows),
        id,
        title,
        origin,
        has_profiles,
        has_postings,
        lines,
    }
}

/// The residents' counts of `question` in the group, by code.
fn residents_of(group: Option<&survey::Group>, question: &str) -> BTreeMap<String, Count> {
    group
        .and_then(|g| g.tally(question))
        .map(|t| t.rows.into_iter().collect())
        .unwrap_or_default()
}

fn line(
    code: &str,
    label: &str,
    residents: &BTreeMap<String, Count>,
    n: Option<usize>,
    profiles: Option<u32>,
    postings: Option<u32>,
) -> Line {
    let count = residents.get(code).copied();
    Line {
        code: code.to_string(),
        label: label.to_string(),
        residents_share: match (count, n) {
            (Some(Count::Shown(x)), Some(n)) => share(x, n),
            _ => None,
        },
        residents: count,
        profiles_share: profiles,
        postings_share: postings,
    }
}

/// The 12 months up to `today`'s: (YYYY-MM, first day, last day).
fn last_months(today: jiff::civil::Date) -> Vec<(String, String, String)> {
    let mut first = today.first_of_month();
    let mut v = Vec::new();
    for _ in 0..12 {
        let last = first.last_of_month();
        v.push((
            first.strftime("%Y-%m").to_string(),
            first.to_string(),
            last.to_string(),
        ));
        first = first
            .checked_sub(jiff::Span::new().months(1))
            .unwrap_or(first);
    }
    v.reverse();
    v
}

/// The day a posting stopped being public: its last day, or the day it was
/// closed (its last update) when that came first.
fn public_until(p: &Posting) -> String {
    let until = p.fields.valid_through.clone();
    if p.status == PostingStatus::Closed {
        let closed = p.updated_at.get(..10).unwrap_or("").to_string();
        if !closed.is_empty() && closed < until {
            return closed;
        }
    }
    until
}

/// The Japanese date (YYYY-MM) of an RFC 3339 UTC time.
fn japan_month(ts: &str) -> Option<String> {
    let at: jiff::Timestamp = ts.parse().ok()?;
    let jst = at.checked_add(jiff::SignedDuration::from_hours(9)).ok()?;
    Some(jst.strftime("%Y-%m").to_string())
}

pub async fn load(state: &AppState, c: &Ctx, q: &MismatchQuery) -> Result<Dashboard, AppError> {
    let t = c.t;
    let (region, regions) = chosen(state, c, &q.region).await?;
    let today_date = crate::today_jst();
    let today = today_date.to_string();
    let rounds = state
        .store
        .survey_rounds(residents::CODE, region.id)
        .await?;
    let round = if q.round.trim().is_empty() {
        rounds
            .iter()
            .find(|r| !r.is_open())
            .or(rounds.first())
            .cloned()
    } else {
        Some(
            rounds
                .iter()
                .find(|r| r.id.to_string() == q.round.trim())
                .cloned()
                .ok_or(AppError::NotFound)?,
        )
    };
    let filter = Filter::parse(
        &QUESTIONNAIRE,
        &[("age", q.age.as_str()), ("situation", q.situation.as_str())],
    )
    .map_err(|_| AppError::BadRequest("filter".into()))?;
    let answers: Vec<Answer> = match &round {
        Some(r) => state
            .store
            .survey_answers(r.id)
            .await?
            .iter()
            .filter_map(|s| {
                let a = Answer::from_json(&QUESTIONNAIRE, s);
                if a.is_none() {
                    tracing::warn!(round = r.id, "a stored survey answer does not decode");
                }
                a
            })
            .collect(),
        None => Vec::new(),
    };
    let k = round
        .as_ref()
        .map(|r| r.threshold as usize)
        .unwrap_or(Threshold::DEFAULT.k());
    let engine = Round::new(
        &QUESTIONNAIRE,
        &answers,
        Threshold::new(k),
        round.as_ref().is_some_and(|r| !r.is_open()),
    );
    let k = engine.threshold();
    let group = match &round {
        None => Err(Withheld::TooFew),
        Some(_) => engine.group(&filter),
    };
    let withheld = match (&round, &group) {
        (None, _) => Some("mismatch.no_round"),
        (_, Ok(_)) => None,
        (_, Err(Withheld::RoundOpen)) => Some("mismatch.round_open"),
        (_, Err(_)) if filter.is_empty() => Some("mismatch.round_small"),
        (_, Err(_)) => Some("mismatch.group_small"),
    };
    let group = group.ok();
    let n = group.as_ref().map(|g| g.n());
    let survey_origin = match &round {
        Some(r) => t.f(
            "mismatch.origin.survey",
            &[
                ("title", &r.title),
                ("from", &t.date(&r.opened_on)),
                (
                    "to",
                    &r.closed_on
                        .as_deref()
                        .map(|d| t.date(d))
                        .unwrap_or_else(|| t.t("mismatch.still_open").to_string()),
                ),
                ("n", &r.answers),
            ],
        ),
        None => String::new(),
    };

    let o = offer(state, &region, &today).await?;
    let profiles_n = o.profiles.len();
    let open_n = o.open.len();
    let origin = |with_profiles: bool| {
        let mut s = survey_origin.clone();
        if with_profiles {
            s.push(' ');
            s.push_str(&t.f2(
                "mismatch.origin.profiles",
                "date",
                t.date(&today),
                "n",
                profiles_n,
            ));
        }
        s.push(' ');
        s.push_str(&t.f2(
            "mismatch.origin.postings",
            "date",
            t.date(&today),
            "n",
            open_n,
        ));
        s
    };
    let g = group.as_ref();
    let mut sections = Vec::new();

    // 1. Conditions (制度・条件).
    let wanted = residents_of(g, "conditions");
    let lines = Measure::ALL
        .iter()
        .map(|m| {
            let profiles = o
                .profiles
                .iter()
                .filter(|w| w.profile.measures.contains(m))
                .count();
            let postings = o
                .open
                .iter()
                .filter(|p| p.fields.measures.contains(m))
                .count();
            line(
                m.as_str(),
                t.pick(m.name_ja(), m.name_en()),
                &wanted,
                n,
                share(profiles, profiles_n),
                share(postings, open_n),
            )
        })
        .collect();
    sections.push(section(
        &t,
        "conditions",
        "mismatch.section.conditions",
        origin(true),
        lines,
        true,
        true,
    ));

    // 2. Industries (業種), by the employer's 大分類.
    let wanted = residents_of(g, "industry");
    let lines = residents::INDUSTRIES
        .iter()
        .map(|i| {
            let letter = i.letter().to_string();
            let of = |org_id: i64| o.industry_of.get(&org_id) == Some(&letter);
            let profiles = o.profiles.iter().filter(|w| of(w.org_id)).count();
            let postings = o.open.iter().filter(|p| of(p.org_id)).count();
            line(
                &letter,
                t.pick(i.name_ja(), i.name_en()),
                &wanted,
                n,
                share(profiles, profiles_n),
                share(postings, open_n),
            )
        })
        .collect();
    sections.push(section(
        &t,
        "industry",
        "mismatch.section.industry",
        origin(true),
        lines,
        true,
        true,
    ));

    // 3. Employment (雇用形態).
    let wanted = residents_of(g, "employment");
    let lines = EmploymentType::ALL
        .iter()
        .filter(|e| **e != EmploymentType::Other)
        .map(|e| {
            let postings = o
                .open
                .iter()
                .filter(|p| p.fields.employment_type == *e)
                .count();
            line(
                e.as_str(),
                t.pick(e.name_ja(), e.name_en()),
                &wanted,
                n,
                None,
                share(postings, open_n),
            )
        })
        .collect();
    sections.push(section(
        &t,
        "employment",
        "mismatch.section.employment",
        origin(false),
        lines,
        false,
        true,
    ));

    // 4. Pay (給与), by the posting's lowest pay.
    let wanted = residents_of(g, "pay");
    let lines = residents::PAY
        .iter()
        .filter(|p| p.0 != "any")
        .map(|(code, ja, en, _, _)| {
            let postings = o
                .open
                .iter()
                .filter(|p| residents::pay_band(p.fields.pay_unit, p.fields.pay_min) == Some(code))
                .count();
            line(
                code,
                t.pick(ja, en),
                &wanted,
                n,
                None,
                share(postings, open_n),
            )
        })
        .collect();
    sections.push(section(
        &t,
        "pay",
        "mismatch.section.pay",
        origin(false),
        lines,
        false,
        true,
    ));

    // 5. Life situations: residents in each, postings that suit it.
    let wanted = residents_of(g, "situation");
    let lines = Situation::ALL
        .iter()
        .map(|s| {
            let postings = o
                .open
                .iter()
                .filter(|p| {
                    let mut measures = p.fields.measures.clone();
                    if let Some(m) = o.profile_measures.get(&p.org_id) {
                        measures.extend(m.iter().copied());
                    }
                    s.fits(&measures, &p.fields.suits)
                })
                .count();
            let label = residents::SITUATIONS
                .iter()
                .find(|x| x.0 == s.as_str())
                .map(|x| t.pick(x.1, x.2))
                .unwrap_or(s.name_ja());
            line(s.as_str(), label, &wanted, n, None, share(postings, open_n))
        })
        .collect();
    sections.push(section(
        &t,
        "situation",
        "mismatch.section.situation",
        origin(false),
        lines,
        false,
        true,
    ));

    // 6–9. What only the residents say.
    for (id, key) in [
        ("hours", "mismatch.section.hours"),
        ("days", "mismatch.section.days"),
        ("obstacles", "mismatch.section.obstacles"),
        ("local", "mismatch.section.local"),
    ] {
        let wanted = residents_of(g, id);
        let question = QUESTIONNAIRE.question(id).expect("a residents' question");
        let lines = question
            .choices
            .iter()
            .map(|ch| line(&ch.code, ch.label.pick(t.is_ja()), &wanted, n, None, None))
            .collect();
        sections.push(section(
            &t,
            id,
            key,
            survey_origin.clone(),
            lines,
            false,
            false,
        ));
    }

    // Age band × situation, over the whole round: small cells say so.
    let situations_q = QUESTIONNAIRE.question("situation").expect("situation");
    let ages_q = QUESTIONNAIRE.question("age").expect("age");
    let cross_columns = situations_q
        .choices
        .iter()
        .map(|c| c.label.pick(t.is_ja()).to_string())
        .collect();
    let cross = if round.as_ref().is_some_and(|r| !r.is_open())
        && engine.group(&Filter::none()).is_ok()
    {
        engine
            .split(&Filter::none(), "age")
            .into_iter()
            .map(|(code, g)| {
                let label = ages_q
                    .choice(&code)
                    .map(|c| c.label.pick(t.is_ja()).to_string())
                    .unwrap_or(code);
                match g {
                    Ok(g) => {
                        let tally = g.tally("situation").expect("situation is a choice");
                        CrossRow {
                            label,
                            n: g.n().to_string(),
                            cells: Some(
                                tally
                                    .rows
                                    .iter()
                                    .map(|(_, c)| match c {
                                        Count::Shown(x) => x.to_string(),
                                        Count::FewerThan(k) => t.f1("mismatch.fewer_than", "k", k),
                                    })
                                    .collect(),
                            ),
                        }
                    }
                    Err(_) => CrossRow {
                        label,
                        n: t.f1("mismatch.fewer_than", "k", k),
                        cells: None,
                    },
                }
            })
            .collect()
    } else {
        Vec::new()
    };

    let comments = g.map(|g| g.texts("comment")).unwrap_or_default();

    // Inquiries against postings, per month (Japan time).
    let inquiry_months: Vec<String> = state
        .store
        .inquiry_times_in_region(region.id)
        .await?
        .iter()
        .filter_map(|ts| japan_month(ts))
        .collect();
    let months: Vec<(String, i64, i64)> = last_months(today_date)
        .into_iter()
        .map(|(ym, first, last)| {
            let postings = o
                .all_postings
                .iter()
                .filter(|p| p.fields.posted_on <= last && public_until(p) >= first)
                .count() as i64;
            let inquiries = inquiry_months.iter().filter(|m| **m == ym).count() as i64;
            (ym, postings, inquiries)
        })
        .collect();
    let month_label = |ym: &str| {
        let m: u32 = ym.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
        t.f1("mismatch.month", "m", m)
    };
    let months_chart = chart::months(
        t.t("mismatch.section.months"),
        &[
            t.t("mismatch.series.open_postings"),
            t.t("mismatch.series.inquiries"),
        ],
        &months
            .iter()
            .map(|(ym, p, i)| (month_label(ym), [*p, *i]))
            .collect::<Vec<_>>(),
    );
    let months_origin = t.f2(
        "mismatch.origin.months",
        "from",
        months.first().map(|m| m.0.clone()).unwrap_or_default(),
        "to",
        months.last().map(|m| m.0.clone()).unwrap_or_default(),
    );
    let pairs = |qn: &survey::Question| {
        qn.choices
            .iter()
            .map(|c| (c.code.clone(), c.label.pick(t.is_ja()).to_string()))
            .collect()
    };
    Ok(Dashboard {
        can_manage: c.can(&Action::ManageSurveys {
            region_id: region.id,
        }),
        open_round: rounds.iter().find(|r| r.is_open()).cloned(),
        ages: pairs(ages_q),
        situations: pairs(situations_q),
        age: q.age.trim().to_string(),
        situation: q.situation.trim().to_string(),
        region,
        regions,
        rounds,
        round,
        k,
        group_n: n,
        withheld,
        survey_origin,
        sections,
        cross_columns,
        cross,
        comments,
        months_chart,
        months,
        months_origin,
        today,
    })
}

#[derive(Template)]
#[template(path = "survey/mismatch.html")]
struct Page {
    c: Ctx,
    d: Dashboard,
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<MismatchQuery>,
) -> Result<Response, AppError> {
    let d = load(&state, &c, &q).await?;
    Ok(Html(Page { c, d }.render()?).into_response())
}

/// The thresholded aggregate as CSV (UTF-8 with BOM): one row per item and
/// comparison, the residents' count empty where it is not shown.
async fn csv(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<MismatchQuery>,
) -> Result<Response, AppError> {
    let d = load(&state, &c, &q).await?;
    let mut out = CsvOut::new();
    let io = |e: csv::Error| AppError::Internal(e.to_string());
    out.record([
        "region_code",
        "round_id",
        "filter_age",
        "filter_situation",
        "section",
        "code",
        "label",
        "residents_count",
        "residents_note",
        "residents_percent",
        "profiles_percent",
        "postings_percent",
    ])
    .map_err(io)?;
    let round_id = d
        .round
        .as_ref()
        .map(|r| r.id.to_string())
        .unwrap_or_default();
    let pct = |v: Option<u32>| {
        v.map(|v| format!("{}.{}", v / 10, v % 10))
            .unwrap_or_default()
    };
    for s in &d.sections {
        for l in &s.lines {
            let (count, note) = match l.residents {
                Some(Count::Shown(n)) => (n.to_string(), String::new()),
                Some(Count::FewerThan(k)) => (String::new(), format!("fewer_than_{k}")),
                None => (String::new(), "withheld".to_string()),
            };
            out.record([
                d.region.code.clone(),
                round_id.clone(),
                d.age.clone(),
                d.situation.clone(),
                s.id.to_string(),
                l.code.clone(),
                l.label.clone(),
                count,
                note,
                pct(l.residents_share),
                if s.has_profiles {
                    pct(l.profiles_share)
                } else {
                    String::new()
                },
                if s.has_postings {
                    pct(l.postings_share)
                } else {
                    String::new()
                },
            ])
            .map_err(io)?;
        }
    }
    let mut res = out.into_bytes().map_err(io)?.into_response();
    let h = res.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"mismatch-{}-{round_id}.csv\"",
        d.region.code
    )) {
        h.insert(CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

#[derive(Debug, Deserialize)]
struct OpenRoundForm {
    region: String,
    #[serde(default)]
    title: String,
}

async fn open_round(
    State(state): State<AppState>,
    c: Ctx,
    Form(f): Form<OpenRoundForm>,
) -> Result<Response, AppError> {
    let region = state
        .store
        .region_by_code(f.region.trim())
        .await
        .map_err(|_| AppError::NotFound)?;
    c.require(&Action::ManageSurveys {
        region_id: region.id,
    })?;
    let title = f.title.trim();
    let title = if title.is_empty() {
        c.t.t("mismatch.round_default_title").to_string()
    } else {
        title.chars().take(100).collect()
    };
    let today = crate::today_jst().to_string();
    let to = format!("/mismatch?region={}", region.code);
    match state
        .store
        .open_survey_round(
            residents::CODE,
            region.id,
            &title,
            Threshold::DEFAULT.k() as i64,
            &today,
            &c.actor(),
        )
        .await
    {
        Ok(_) => Ok(redirect_with_flash(
            &to,
            "flash.survey_round_opened",
            state.config.cookie_secure,
        )),
        Err(store::Error::Conflict(_)) => Ok(redirect_with_flash(
            &to,
            "flash.survey_round_already_open",
            state.config.cookie_secure,
        )),
        Err(e) => Err(e.into()),
    }
}

async fn close_round(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let round = state.store.survey_round(id).await?;
    let region_id = round.region_id.ok_or(AppError::NotFound)?;
    if !c.can(&Action::ViewMismatch { region_id }) {
        c.require(&Action::OpenMismatch)?;
        return Err(AppError::NotFound);
    }
    c.require(&Action::ManageSurveys { region_id })?;
    let region = state.store.region(region_id).await?;
    let today = crate::today_jst().to_string();
    let key = match state.store.close_survey_round(id, &today, &c.actor()).await {
        Ok(()) => "flash.survey_round_closed",
        Err(store::Error::NotFound) => "flash.survey_round_not_open",
        Err(e) => return Err(e.into()),
    };
    Ok(redirect_with_flash(
        &format!("/mismatch?region={}&round={id}", region.code),
        key,
        state.config.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_up_in_tenths() {
        assert_eq!(share(1, 3), Some(333));
        assert_eq!(share(2, 3), Some(667));
        assert_eq!(share(1, 8), Some(125));
        assert_eq!(share(0, 0), None);
    }

    #[test]
    fn months_run_twelve_up_to_today() {
        let m = last_months(jiff::civil::date(2026, 12, 1));
        assert_eq!(m.len(), 12);
        assert_eq!(m[0].0, "2026-01");
        assert_eq!(
            m[11],
            ("2026-12".into(), "2026-12-01".into(), "2026-12-31".into())
        );
        assert_eq!(
            japan_month("2026-11-30T15:30:00Z").as_deref(),
            Some("2026-12")
        );
        assert_eq!(
            japan_month("2026-11-30T14:59:59Z").as_deref(),
            Some("2026-11")
        );
    }
}
