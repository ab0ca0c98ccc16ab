//! Consent before anything is public: the employer's admin chooses, per figure
//! and ended fiscal year, which of its figures (computed from records or typed
//! in) the public pages show, sees a preview of the public page, and may
//! withdraw any of them. The public pages and exports read only what
//! [`public_figures`] returns: published, ended years, groups of at least
//! [`kpi::ANONYMITY_THRESHOLD`] people.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::FiscalYear;
use serde::Deserialize;
use store::figures::ChildcareFigures;
use store::orgs::Organization;
use store::publications::{FIGURES, NewPublication, Publication, SOURCES, figure};

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::{Lang, Tr};
use crate::kpi::disclosure;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/{id}/publish", get(page).post(publish))
        .route("/orgs/{id}/publish/withdraw", post(withdraw))
}

// ---------------------------------------------------------------- labels

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// 「年度途中（7月まで）」 for a year in progress on `today` (the month is the last
/// one with data when known), None for a year that has ended.
pub fn in_progress_label(
    t: &Tr,
    fiscal_year: i64,
    today: jiff::civil::Date,
    last_month_with_data: Option<i8>,
) -> Option<String> {
    let fy = FiscalYear::new(i32::try_from(fiscal_year).ok()?).ok()?;
    let month = fy.in_progress_month(today, last_month_with_data)?;
    let month = if t.is_ja() {
        month.to_string()
    } else {
        MONTHS_EN[usize::try_from(month - 1).unwrap_or(0)].to_string()
    };
    Some(t.f1("publish.in_progress", "month", month))
}

/// The year's label followed by 「年度途中（N月まで）」 while it is in progress.
pub fn year_label_as_of(
    t: &Tr,
    fiscal_year: i64,
    today: jiff::civil::Date,
    last_month_with_data: Option<i8>,
) -> String {
    let base = crate::declarations::plain_fiscal_year_label(t, fiscal_year);
    match in_progress_label(t, fiscal_year, today, last_month_with_data) {
        Some(p) => format!("{base} {p}"),
        None => base,
    }
}

/// Whether the year's figures may be published on `today`: only once it has ended.
pub fn may_publish(fiscal_year: i64, today: jiff::civil::Date) -> bool {
    i32::try_from(fiscal_year)
        .ok()
        .and_then(|y| FiscalYear::new(y).ok())
        .is_some_and(|fy| fy.has_ended(today))
}

fn period(fiscal_year: i64) -> (String, String) {
    i32::try_from(fiscal_year)
        .ok()
        .and_then(|y| FiscalYear::new(y).ok())
        .map(|fy| (fy.start().to_string(), fy.end().to_string()))
        .unwrap_or_default()
}

fn origin_key(source: &str) -> &'static str {
    if source == "computed" {
        "publish.origin_computed"
    } else {
        "publish.origin_typed"
    }
}

/// A publishable figure's catalog entry in the reader's language: its name,
/// definition and rounding come from `kpi::catalog`, never from i18n strings.
fn entry(t: &Tr, figure_id: &str) -> crate::definitions::Entry {
    let id = store::publications::catalog_id(figure_id).unwrap_or(figure_id);
    crate::definitions::Entry::of(kpi::catalog::figure(id), t.lang.code())
}

/// What the definition column says: the definition and the rounding.
fn definition(e: &crate::definitions::Entry) -> String {
    format!("{} {}", e.definition, e.rounding)
}

// ---------------------------------------------------------------- values

/// What one figure of one row shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    Value(String),
    /// Fewer people in the denominator than the anonymity threshold: the sentence
    /// that says so, never a rate.
    TooSmall(String),
    /// The row does not carry this figure (e.g. method 2 of a typed row).
    Unavailable,
}

impl Shown {
    pub fn text(&self) -> &str {
        match self {
            Shown::Value(s) | Shown::TooSmall(s) => s,
            Shown::Unavailable => "",
        }
    }

    pub fn is_too_small(&self) -> bool {
        matches!(self, Shown::TooSmall(_))
    }

    pub fn is_available(&self) -> bool {
        !matches!(self, Shown::Unavailable)
    }
}

fn too_small(t: &Tr) -> Shown {
    Shown::TooSmall(t.f1("publish.too_small", "n", kpi::ANONYMITY_THRESHOLD))
}

fn small(people: i64) -> bool {
    kpi::is_too_small_to_show(u64::try_from(people).unwrap_or(0))
}

fn rate(t: &Tr, takers: i64, births: i64) -> Shown {
    if small(births) {
        return too_small(t);
    }
    match disclosure::rate_percent(takers, births) {
        Some(r) => Shown::Value(t.f(
            "publish.value_rate",
            &[("rate", &r), ("takers", &takers), ("of", &births)],
        )),
        None => too_small(t),
    }
}

/// The 女活DB average monthly overtime of a computed row, in hours, when its
/// workers are enough to show.
pub fn overtime_hours(row: &ChildcareFigures) -> Option<kpi::OneDecimal> {
    let (minutes, workers) = (row.overtime_minutes?, row.overtime_workers?);
    if small(workers) {
        return None;
    }
    kpi::report::average_monthly_overtime_hours(
        u64::try_from(minutes).ok()?,
        u64::try_from(workers).ok()?,
    )
}

/// The paid-leave utilization of a computed row, in percent, when its workers
/// are enough to show.
pub fn paid_leave_percent(row: &ChildcareFigures) -> Option<kpi::OneDecimal> {
    let workers = row.paid_workers?;
    if small(workers) {
        return None;
    }
    kpi::paid_leave::utilization_percent(&kpi::paid_leave::YearTotals {
        taken: kpi::rounding::HalfDays(u64::try_from(row.paid_taken_half_days?).ok()?),
        granted_days: u64::try_from(row.paid_granted_days?).ok()?,
        employees: u64::try_from(workers).ok()?,
    })
}

/// The value of `figure_id` in `row`, as the public page would show it.
pub fn shown(t: &Tr, org_name: &str, figure_id: &str, row: &ChildcareFigures) -> Shown {
    match figure_id {
        figure::AVERAGE_MONTHLY_OVERTIME => match row.overtime_workers {
            None => Shown::Unavailable,
            Some(w) if small(w) => too_small(t),
            Some(w) => match overtime_hours(row) {
                Some(h) => Shown::Value(t.f2("publish.value_overtime", "hours", h, "of", w)),
                None => Shown::Unavailable,
            },
        },
        figure::PAID_LEAVE_UTILIZATION => match row.paid_workers {
            None => Shown::Unavailable,
            Some(w) if small(w) => too_small(t),
            Some(_) => match paid_leave_percent(row) {
                Some(r) => Shown::Value(t.f(
                    "publish.value_paid_leave",
                    &[
                        ("rate", &r),
                        (
                            "taken",
                            &(row.paid_taken_half_days.unwrap_or(0) as f64 / 2.0),
                        ),
                        ("granted", &row.paid_granted_days.unwrap_or(0)),
                    ],
                )),
                None => Shown::Unavailable,
            },
        },
        figure::MALE_CHILDCARE_LEAVE_RATE_METHOD1 => rate(t, row.men_takers, row.men_births),
        figure::MALE_CHILDCARE_LEAVE_RATE_METHOD2 => match row.men_method2_takers {
            Some(takers) => rate(t, takers, row.men_births),
            None => Shown::Unavailable,
        },
        figure::FEMALE_CHILDCARE_LEAVE_RATE => rate(t, row.women_takers, row.women_births),
        figure::MALE_CHILDCARE_LEAVE_AVERAGE_DAYS => match row.men_average_days {
            // An average over the men who took leave.
            Some(_) if small(row.men_takers) => too_small(t),
            Some(days) => Shown::Value(t.f1("publish.value_days", "days", days)),
            None => Shown::Unavailable,
        },
        figure::EMPLOYEES_BY_GENDER => Shown::Value(t.f2(
            "publish.value_employees",
            "men",
            row.men_employed,
            "women",
            row.women_employed,
        )),
        figure::MALE_CHILDCARE_LEAVE_STATEMENT => {
            if small(row.men_births) {
                return too_small(t);
            }
            let (from, to) = period(row.fiscal_year);
            Shown::Value(disclosure::text(
                t,
                &disclosure::Statement {
                    org_name,
                    fiscal_year: row.fiscal_year,
                    period_from: &from,
                    period_to: &to,
                    method: disclosure::Method::One,
                    births: row.men_births,
                    takers: row.men_takers,
                },
            ))
        }
        _ => Shown::Unavailable,
    }
}

// ---------------------------------------------------------------- the public set

/// One published figure as the public page shows it.
pub struct PublicFigure {
    pub figure_id: &'static str,
    pub name: String,
    pub shown: Shown,
    pub source: String,
    pub origin: String,
    pub definition: String,
}

/// The published figures of one fiscal year.
pub struct PublicYear {
    pub fiscal_year: i64,
    pub label: String,
    pub period_from: String,
    pub period_to: String,
    /// Every figure but the statement, in catalog order.
    pub figures: Vec<PublicFigure>,
    /// The 男性育休 statement, when published.
    pub statement: Option<PublicFigure>,
}

/// What a public page shows of an organization's figures: newest year first.
pub struct PublicFigures {
    pub years: Vec<PublicYear>,
}

impl PublicFigures {
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }
}

/// The figures the public may see, from every row and the live publications: a
/// publication counts only if its row still has the values it was published with
/// and its year has ended on `today`.
pub fn public_figures(
    t: &Tr,
    org_name: &str,
    rows: &[ChildcareFigures],
    publications: &[Publication],
    today: jiff::civil::Date,
) -> PublicFigures {
    let mut years: Vec<PublicYear> = Vec::new();
    let mut fiscal_years: Vec<i64> = publications.iter().map(|p| p.fiscal_year).collect();
    fiscal_years.sort_unstable_by(|a, b| b.cmp(a));
    fiscal_years.dedup();
    for fy in fiscal_years {
        if !may_publish(fy, today) {
            continue;
        }
        let mut year = PublicYear {
            fiscal_year: fy,
            label: crate::declarations::plain_fiscal_year_label(t, fy),
            period_from: period(fy).0,
            period_to: period(fy).1,
            figures: Vec::new(),
            statement: None,
        };
        for id in FIGURES {
            let Some(p) = publications
                .iter()
                .find(|p| p.fiscal_year == fy && p.figure_id == id)
            else {
                continue;
            };
            let Some(row) = rows
                .iter()
                .find(|r| r.fiscal_year == fy && r.source == p.source)
                .filter(|r| r.snapshot_for(id) == p.snapshot)
            else {
                continue;
            };
            let shown = shown(t, org_name, id, row);
            if !shown.is_available() {
                continue;
            }
            let e = entry(t, id);
            let f = PublicFigure {
                figure_id: id,
                name: e.name.to_string(),
                shown,
                source: row.source.clone(),
                origin: t.t(origin_key(&row.source)).to_string(),
                definition: definition(&e),
            };
            if id == figure::MALE_CHILDCARE_LEAVE_STATEMENT {
                year.statement = Some(f);
            } else {
                year.figures.push(f);
            }
        }
        if !year.figures.is_empty() || year.statement.is_some() {
            years.push(year);
        }
    }
    PublicFigures { years }
}

/// Whether the organization has published, for an ended year, a 男性の育児休業等
/// 取得率（方法1） computed from its records, over a group large enough to show,
/// with at least one man who took leave: the job search's 「男性育休取得実績あり」.
/// Typed-in figures do not count (the filter takes verified figures only).
pub fn male_leave_record(
    rows: &[ChildcareFigures],
    publications: &[Publication],
    today: jiff::civil::Date,
) -> bool {
    publications.iter().any(|p| {
        p.figure_id == figure::MALE_CHILDCARE_LEAVE_RATE_METHOD1
            && p.source == "computed"
            && may_publish(p.fiscal_year, today)
            && rows.iter().any(|r| {
                r.fiscal_year == p.fiscal_year
                    && r.source == "computed"
                    && r.snapshot() == p.snapshot
                    && !small(r.men_births)
                    && r.men_takers > 0
            })
    })
}

/// The latest ended year's published, computed, still-current value of an
/// attendance figure (`value` reads it from the row).
fn latest_verified(
    figure_id: &str,
    rows: &[ChildcareFigures],
    publications: &[Publication],
    today: jiff::civil::Date,
    value: fn(&ChildcareFigures) -> Option<kpi::OneDecimal>,
) -> Option<kpi::OneDecimal> {
    let mut published: Vec<&Publication> = publications
        .iter()
        .filter(|p| {
            p.figure_id == figure_id && p.source == "computed" && may_publish(p.fiscal_year, today)
        })
        .collect();
    published.sort_by_key(|p| std::cmp::Reverse(p.fiscal_year));
    let p = published.first()?;
    let row = rows.iter().find(|r| {
        r.fiscal_year == p.fiscal_year
            && r.source == "computed"
            && r.snapshot_for(figure_id) == p.snapshot
    })?;
    value(row)
}

/// What the job search's verified thresholds read of an employer: only
/// figures computed from its records that it published for an ended year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Verified {
    /// 男性育休取得実績あり ([`male_leave_record`]).
    pub male_leave: bool,
    /// 一月当たりの平均残業時間 of the latest published year.
    pub overtime_hours: Option<kpi::OneDecimal>,
    /// 年次有給休暇の取得率 of the latest published year.
    pub paid_leave_percent: Option<kpi::OneDecimal>,
}

pub fn verified(
    rows: &[ChildcareFigures],
    publications: &[Publication],
    today: jiff::civil::Date,
) -> Verified {
    Verified {
        male_leave: male_leave_record(rows, publications, today),
        overtime_hours: latest_verified(
            figure::AVERAGE_MONTHLY_OVERTIME,
            rows,
            publications,
            today,
            overtime_hours,
        ),
        paid_leave_percent: latest_verified(
            figure::PAID_LEAVE_UTILIZATION,
            rows,
            publications,
            today,
            paid_leave_percent,
        ),
    }
}

/// One published figure as a number, for open data.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicValue {
    pub fiscal_year: i64,
    pub figure_id: &'static str,
    pub value: f64,
    /// Decimals the catalog rounds it to (0: the childcare rates' whole percent).
    pub decimals: u8,
    /// "computed" or "typed".
    pub source: String,
}

/// The published figures that are single numbers (rates, averages), as the
/// public pages would show them: ended years, current rows, groups large
/// enough. The statement (text) and the headcount pair are left to the pages.
pub fn public_values(
    rows: &[ChildcareFigures],
    publications: &[Publication],
    today: jiff::civil::Date,
) -> Vec<PublicValue> {
    let mut out = Vec::new();
    for p in publications {
        let Some(id) = FIGURES.iter().copied().find(|f| *f == p.figure_id) else {
            continue;
        };
        if !may_publish(p.fiscal_year, today) {
            continue;
        }
        let Some(row) = rows.iter().find(|r| {
            r.fiscal_year == p.fiscal_year
                && r.source == p.source
                && r.snapshot_for(id) == p.snapshot
        }) else {
            continue;
        };
        let rate = |takers: i64, births: i64| {
            (!small(births))
                .then(|| disclosure::rate_percent(takers, births))
                .flatten()
                .map(|r| r as f64)
        };
        let value = match id {
            figure::AVERAGE_MONTHLY_OVERTIME => overtime_hours(row).map(|h| h.as_f64()),
            figure::PAID_LEAVE_UTILIZATION => paid_leave_percent(row).map(|r| r.as_f64()),
            figure::MALE_CHILDCARE_LEAVE_RATE_METHOD1 => rate(row.men_takers, row.men_births),
            figure::MALE_CHILDCARE_LEAVE_RATE_METHOD2 => row
                .men_method2_takers
                .and_then(|takers| rate(takers, row.men_births)),
            figure::FEMALE_CHILDCARE_LEAVE_RATE => rate(row.women_takers, row.women_births),
            figure::MALE_CHILDCARE_LEAVE_AVERAGE_DAYS => {
                row.men_average_days.filter(|_| !small(row.men_takers))
            }
            _ => None,
        };
        if let Some(value) = value {
            let whole = matches!(
                id,
                figure::MALE_CHILDCARE_LEAVE_RATE_METHOD1
                    | figure::MALE_CHILDCARE_LEAVE_RATE_METHOD2
                    | figure::FEMALE_CHILDCARE_LEAVE_RATE
            );
            out.push(PublicValue {
                fiscal_year: p.fiscal_year,
                figure_id: id,
                value,
                decimals: if whole { 0 } else { 1 },
                source: row.source.clone(),
            });
        }
    }
    out.sort_by_key(|v| (std::cmp::Reverse(v.fiscal_year), v.figure_id));
    out
}

/// An organization's public figures, read from the store.
pub async fn load_public_figures(
    state: &AppState,
    t: &Tr,
    org: &Organization,
) -> Result<PublicFigures, AppError> {
    let rows = state.store.childcare_figure_rows(org.id).await?;
    let publications = state.store.live_publications(org.id).await?;
    Ok(public_figures(
        t,
        &org.name,
        &rows,
        &publications,
        crate::today_jst(),
    ))
}

// ---------------------------------------------------------------- the admin page

/// Where a candidate figure stands.
pub enum Status {
    Published {
        at: String,
    },
    /// Published, but the row has changed since: not shown until published again.
    Changed,
    /// The same figure of the year is published from the other source.
    OtherSource,
    Unpublished,
}

/// One figure of one row, as the admin sees it before deciding.
pub struct Candidate {
    pub figure_id: &'static str,
    pub source: String,
    pub name: String,
    pub shown: Shown,
    pub origin: String,
    pub definition: String,
    pub status: Status,
    pub can_publish: bool,
    pub can_withdraw: bool,
}

pub struct YearBlock {
    pub fiscal_year: i64,
    pub label: String,
    pub period_from: String,
    pub period_to: String,
    pub ended: bool,
    pub candidates: Vec<Candidate>,
}

#[derive(Template)]
#[template(path = "publish/page.html")]
struct PublishPage {
    c: Ctx,
    org: Organization,
    blocks: Vec<YearBlock>,
    /// The public page's figures: as now, or with the previewed figure added.
    public: PublicFigures,
    /// The figure added to the preview: (name, year label).
    previewing: Option<(String, String)>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
struct PreviewQuery {
    #[serde(default)]
    figure: String,
    #[serde(default)]
    fy: Option<i64>,
    #[serde(default)]
    source: String,
}

#[derive(Deserialize)]
struct PublishForm {
    #[serde(default)]
    figure: String,
    #[serde(default)]
    fy: String,
    #[serde(default)]
    source: String,
}

async fn render(
    state: &AppState,
    c: Ctx,
    org: Organization,
    preview: &PreviewQuery,
    error: Option<String>,
) -> Result<Html<String>, AppError> {
    let t = c.t;
    let today = crate::today_jst();
    let rows = state.store.childcare_figure_rows(org.id).await?;
    let live = state.store.live_publications(org.id).await?;
    let mut blocks: Vec<YearBlock> = Vec::new();
    for row in &rows {
        if blocks.last().map(|b| b.fiscal_year) != Some(row.fiscal_year) {
            let last_month = state
                .store
                .last_month_with_records(org.id, row.fiscal_year)
                .await?;
            let (from, to) = period(row.fiscal_year);
            blocks.push(YearBlock {
                fiscal_year: row.fiscal_year,
                label: year_label_as_of(&t, row.fiscal_year, today, last_month),
                period_from: from,
                period_to: to,
                ended: may_publish(row.fiscal_year, today),
                candidates: Vec::new(),
            });
        }
        let Some(block) = blocks.last_mut() else {
            continue;
        };
        for id in FIGURES {
            let shown = shown(&t, &org.name, id, row);
            let publication = live
                .iter()
                .find(|p| p.fiscal_year == row.fiscal_year && p.figure_id == id);
            let status = match publication {
                Some(p) if p.source != row.source => Status::OtherSource,
                Some(p) if p.snapshot != row.snapshot_for(id) => Status::Changed,
                Some(p) => Status::Published {
                    at: p.published_at.clone(),
                },
                None => Status::Unpublished,
            };
            let published_here = matches!(status, Status::Published { .. });
            let e = entry(&t, id);
            block.candidates.push(Candidate {
                figure_id: id,
                source: row.source.clone(),
                name: e.name.to_string(),
                origin: t.t(origin_key(&row.source)).to_string(),
                definition: definition(&e),
                can_publish: block.ended && shown.is_available() && !published_here,
                can_withdraw: publication.is_some_and(|p| p.source == row.source),
                shown,
                status,
            });
        }
    }
    // The preview: what the public page shows, with the chosen figure added.
    let mut set = live.clone();
    let mut previewing = None;
    if let (Some(fy), Some(id)) = (
        preview.fy,
        FIGURES.iter().find(|f| **f == preview.figure).copied(),
    ) && let Some(row) = rows
        .iter()
        .find(|r| r.fiscal_year == fy && r.source == preview.source)
    {
        set.retain(|p| !(p.fiscal_year == fy && p.figure_id == id));
        set.push(Publication {
            id: 0,
            org_id: org.id,
            figure_id: id.to_string(),
            fiscal_year: fy,
            source: row.source.clone(),
            snapshot: row.snapshot_for(id),
            published_at: String::new(),
            published_by: None,
        });
        previewing = Some((
            entry(&t, id).name.to_string(),
            crate::declarations::plain_fiscal_year_label(&t, fy),
        ));
    }
    let public = public_figures(&t, &org.name, &rows, &set, today);
    let page = PublishPage {
        c,
        org,
        blocks,
        public,
        previewing,
        error,
    };
    Ok(Html(page.render()?))
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PreviewQuery>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await?;
    Ok(render(&state, c, org, &q, None).await?.into_response())
}

/// What an audit entry of a publication names: the figure, its year and its
/// origin, in words (who did it and what are the entry's own columns), e.g.
/// 「男性の育児休業等取得率（方法1）・2025年度（令和7年度）（実績データから算出）」.
pub(crate) fn audit_detail(figure_id: &str, fiscal_year: i64, source: &str) -> String {
    let ja = Tr::new(Lang::Ja);
    format!(
        "{}・{}（{}）",
        entry(&ja, figure_id).name,
        crate::declarations::plain_fiscal_year_label(&ja, fiscal_year),
        ja.t(origin_key(source))
    )
}

async fn refuse(
    state: &AppState,
    c: Ctx,
    org: Organization,
    key: &str,
) -> Result<Response, AppError> {
    let error = c.t.t(key).to_string();
    let html = render(state, c, org, &PreviewQuery::default(), Some(error)).await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

async fn publish(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<PublishForm>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await?;
    let Some(figure_id) = FIGURES.iter().find(|x| **x == f.figure).copied() else {
        return refuse(&state, c, org, "publish.error.unknown").await;
    };
    let (Some(source), Ok(fiscal_year)) = (
        SOURCES.iter().find(|x| **x == f.source).copied(),
        f.fy.trim().parse::<i64>(),
    ) else {
        return refuse(&state, c, org, "publish.error.unknown").await;
    };
    if !may_publish(fiscal_year, crate::today_jst()) {
        return refuse(&state, c, org, "publish.error.in_progress").await;
    }
    let rows = state.store.childcare_figure_rows(id).await?;
    let Some(row) = rows
        .iter()
        .find(|r| r.fiscal_year == fiscal_year && r.source == source)
    else {
        return refuse(&state, c, org, "publish.error.unknown").await;
    };
    if !shown(&c.t, &org.name, figure_id, row).is_available() {
        return refuse(&state, c, org, "publish.error.unavailable").await;
    }
    let actor = c.actor();
    state
        .store
        .publish_figure(
            &NewPublication {
                org_id: id,
                figure_id,
                fiscal_year,
                source,
                snapshot: row.snapshot_for(figure_id),
            },
            &actor,
            &audit_detail(figure_id, fiscal_year, source),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{id}/publish"),
        "flash.published",
        &[("org", &org.name)],
        state.config.cookie_secure,
    ))
}

async fn withdraw(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<PublishForm>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await?;
    let (Some(figure_id), Ok(fiscal_year)) = (
        FIGURES.iter().find(|x| **x == f.figure).copied(),
        f.fy.trim().parse::<i64>(),
    ) else {
        return refuse(&state, c, org, "publish.error.unknown").await;
    };
    let source = state
        .store
        .live_publications(id)
        .await?
        .into_iter()
        .find(|p| p.figure_id == figure_id && p.fiscal_year == fiscal_year)
        .map(|p| p.source);
    let Some(source) = source else {
        return refuse(&state, c, org, "publish.error.not_published").await;
    };
    let actor = c.actor();
    state
        .store
        .withdraw_figure(
            id,
            figure_id,
            fiscal_year,
            &actor,
            &audit_detail(figure_id, fiscal_year, &source),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{id}/publish"),
        "flash.withdrawn",
        &[("org", &org.name)],
        state.config.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_year_in_progress_says_how_far_its_figures_go() {
        let ja = Tr::new(Lang::Ja);
        let en = Tr::new(Lang::En);
        let july = date(2026, 7, 15);
        assert_eq!(
            in_progress_label(&ja, 2026, july, None).as_deref(),
            Some("年度途中（7月まで）"),
            "without data: the current month"
        );
        assert_eq!(
            in_progress_label(&ja, 2026, july, Some(5)).as_deref(),
            Some("年度途中（5月まで）"),
            "the last month with data"
        );
        assert_eq!(
            in_progress_label(&en, 2026, july, Some(5)).as_deref(),
            Some("in progress (to May)")
        );
        assert_eq!(in_progress_label(&ja, 2025, july, None), None, "ended");
        assert_eq!(
            year_label_as_of(&ja, 2026, date(2027, 3, 31), None),
            "2026年度（令和8年度） 年度途中（3月まで）"
        );
        assert_eq!(
            year_label_as_of(&ja, 2026, date(2027, 4, 1), None),
            "2026年度（令和8年度）"
        );
        assert!(!may_publish(2026, date(2027, 3, 31)));
        assert!(may_publish(2026, date(2027, 4, 1)));
    }

    fn row(source: &str, men_births: i64, men_takers: i64) -> ChildcareFigures {
        ChildcareFigures {
            id: 1,
            org_id: 1,
            fiscal_year: 2025,
            source: source.into(),
            men_employed: 40,
            women_employed: 20,
            men_births,
            women_births: 6,
            men_takers,
            women_takers: 6,
            men_average_days: Some(10.0),
            men_method2_takers: None,
            updated_at: String::new(),
            overtime_minutes: None,
            overtime_workers: None,
            paid_taken_half_days: None,
            paid_granted_days: None,
            paid_workers: None,
        }
    }

    fn publication(figure_id: &str, r: &ChildcareFigures) -> Publication {
        Publication {
            id: 1,
            org_id: 1,
            figure_id: figure_id.into(),
            fiscal_year: r.fiscal_year,
            source: r.source.clone(),
            snapshot: r.snapshot_for(figure_id),
            published_at: String::new(),
            published_by: None,
        }
    }

    #[test]
    fn only_published_unchanged_ended_figures_of_big_enough_groups_are_public() {
        let t = Tr::new(Lang::Ja);
        let today = date(2026, 6, 1);
        let r = row("computed", 3, 1);
        assert!(public_figures(&t, "x", std::slice::from_ref(&r), &[], today).is_empty());
        let pubs = [
            publication(figure::MALE_CHILDCARE_LEAVE_RATE_METHOD1, &r),
            publication(figure::MALE_CHILDCARE_LEAVE_STATEMENT, &r),
            publication(figure::FEMALE_CHILDCARE_LEAVE_RATE, &r),
        ];
        let public = public_figures(&t, "x", std::slice::from_ref(&r), &pubs, today);
        let year = &public.years[0];
        assert_eq!(year.figures.len(), 2);
        assert!(year.figures[0].shown.is_too_small(), "3 men: no rate");
        assert_eq!(
            year.figures[0].shown.text(),
            "対象者が5人未満のため公表していません"
        );
        assert!(year.statement.as_ref().unwrap().shown.is_too_small());
        assert_eq!(year.figures[1].shown.text(), "100%（6人中6人）");
        assert_eq!(year.figures[1].origin, "実績データから算出");
        // The row changed after publication: nothing of it is shown any more.
        let changed = row("computed", 3, 2);
        assert!(public_figures(&t, "x", &[changed], &pubs, today).is_empty());
        // A year in progress is never shown, even if published.
        let mut current = row("typed", 9, 3);
        current.fiscal_year = 2026;
        let p = publication(figure::MALE_CHILDCARE_LEAVE_RATE_METHOD1, &current);
        assert!(public_figures(&t, "x", &[current], &[p], today).is_empty());
    }

    #[test]
    fn attendance_figures_stand_on_their_own_parts() {
        let t = Tr::new(Lang::Ja);
        let today = date(2026, 12, 1);
        let mut r = row("computed", 6, 2);
        // 28,800 min ÷ 12 ÷ 5 = 480 min = 8.0 h; 150 half days = 75 of 100 days.
        r.overtime_minutes = Some(28_800);
        r.overtime_workers = Some(5);
        r.paid_taken_half_days = Some(150);
        r.paid_granted_days = Some(100);
        r.paid_workers = Some(5);
        let pubs = [
            publication(figure::AVERAGE_MONTHLY_OVERTIME, &r),
            publication(figure::PAID_LEAVE_UTILIZATION, &r),
        ];
        let v = verified(&[r.clone()], &pubs, today);
        assert_eq!(v.overtime_hours.map(|h| h.tenths), Some(80));
        assert_eq!(v.paid_leave_percent.map(|p| p.tenths), Some(750));
        assert_eq!(
            shown(&t, "x", figure::AVERAGE_MONTHLY_OVERTIME, &r).text(),
            "月平均 8.0時間（対象 5人）"
        );
        // A new import that changes only the childcare counts keeps them.
        let mut births = r.clone();
        births.men_births = 7;
        assert_eq!(verified(&[births], &pubs, today), v);
        // One more hour of overtime takes the overtime figure down, not the other.
        let mut more = r.clone();
        more.overtime_minutes = Some(28_860);
        let after = verified(&[more], &pubs, today);
        assert_eq!(after.overtime_hours, None);
        assert_eq!(after.paid_leave_percent, v.paid_leave_percent);
        // A typed row never carries them; four workers are too few.
        let typed = row("typed", 6, 2);
        assert!(!shown(&t, "x", figure::PAID_LEAVE_UTILIZATION, &typed).is_available());
        let mut four = r.clone();
        four.overtime_workers = Some(4);
        assert!(shown(&t, "x", figure::AVERAGE_MONTHLY_OVERTIME, &four).is_too_small());
        assert_eq!(overtime_hours(&four), None);
    }
}
