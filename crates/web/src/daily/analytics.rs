//! `/orgs/{id}/daily/analytics?scope=me|team|org&from=&to=`: planned against
//! actual over a period (`kpi::daily`), for the person, their team or the
//! organization, as figures, an SVG chart and tables; the same rows as CSV
//! (UTF-8 with BOM) and XLSX.
//!
//! The person sees their own days; the team its own, whatever its size. The
//! organization's view is shown outside the teams, so each team in it must
//! have [`ANONYMITY_THRESHOLD`] people or more, smaller ones are merged or
//! hidden (`kpi::daily::suppress`), and the organization's own total needs
//! as many.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use jiff::civil::Date;
use kpi::catalog::{self, ids};
use kpi::daily::{Accumulator, Day, Shown, Summary, suppress};
use serde::Deserialize;
use store::daily::{DayFilter, StoredDay};
use store::orgs::Organization;

use super::chart::{PairRow, paired_bars};
use super::{ANONYMITY_THRESHOLD, Seat, duration, iso};
use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::csv_out::CsvOut;
use crate::errors::AppError;
use crate::i18n::Tr;

/// Longest period one view reads.
const MAX_DAYS: i64 = 366;
/// The default period: the last four weeks.
const DEFAULT_DAYS: i64 = 27;

#[derive(Deserialize, Default)]
pub struct AnalyticsQuery {
    scope: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Me,
    Team,
    Org,
}

impl Scope {
    fn parse(s: &str) -> Option<Scope> {
        match s {
            "me" => Some(Scope::Me),
            "team" => Some(Scope::Team),
            "org" => Some(Scope::Org),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Me => "me",
            Scope::Team => "team",
            Scope::Org => "org",
        }
    }
}

/// One figure as the page shows it, with its catalog entry.
pub struct FigureView {
    pub id: &'static str,
    pub name: &'static str,
    pub value: String,
}

pub struct CategoryRow {
    pub name: String,
    pub planned: String,
    pub actual: String,
    pub diff: String,
}

pub struct WeekRow {
    pub week: String,
    pub days: u64,
    pub gap: String,
    pub planned_end: String,
    pub actual_end: String,
}

pub struct TeamRow {
    pub name: String,
    pub people: u64,
    pub days: u64,
    pub gap: String,
    pub unplanned: String,
    pub actual_end: String,
}

pub struct ScopeChoice {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

/// Everything computed for one view, shared by the page and the exports.
struct View {
    org: Organization,
    seat: Option<Seat>,
    scope: Scope,
    scopes: Vec<ScopeChoice>,
    from: Date,
    to: Date,
    group_name: String,
    /// None: the group is too small to be shown here.
    summary: Option<Summary>,
    teams: Vec<TeamRow>,
    hidden_teams: usize,
}

#[derive(Template)]
#[template(path = "daily/analytics.html")]
struct AnalyticsPage {
    c: Ctx,
    v: View,
    period: String,
    figures: Vec<FigureView>,
    categories: Vec<CategoryRow>,
    weeks: Vec<WeekRow>,
    category_chart: String,
    week_chart: String,
    query: String,
    threshold: u64,
    unread: i64,
    has_seat: bool,
}

fn parse_date(raw: Option<&str>) -> Result<Option<Date>, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => domain::normalize_digits(s)
            .replace('/', "-")
            .parse::<Date>()
            .map(Some)
            .map_err(|_| AppError::BadRequest("date".into())),
    }
}

fn period(q: &AnalyticsQuery) -> Result<(Date, Date), AppError> {
    let today = crate::today_jst();
    let to = parse_date(q.to.as_deref())?.unwrap_or(today);
    let from = match parse_date(q.from.as_deref())? {
        Some(f) => f,
        None => to
            .checked_sub(jiff::Span::new().days(DEFAULT_DAYS))
            .unwrap_or(to),
    };
    let days = (to - from).get_days() as i64;
    if from > to || days >= MAX_DAYS {
        return Err(AppError::BadRequest("period".into()));
    }
    Ok((from, to))
}

fn day_of(s: &StoredDay) -> Option<Date> {
    s.day.parse().ok()
}

async fn assemble(
    state: &AppState,
    c: &Ctx,
    id: i64,
    q: &AnalyticsQuery,
) -> Result<View, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::ViewDailyAnalytics {
            org_id: o.id,
        })
        .await?;
    let seat = if c.can(&Action::WriteDailyPlan { org_id: org.id }) {
        Some(Seat::of(state, c, org.id).await?)
    } else {
        None
    };
    let has_team = seat.as_ref().is_some_and(|s| s.team.is_some());
    let scope = match q.scope.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Scope::parse(s).ok_or(AppError::BadRequest("scope".into()))?,
        None if seat.is_some() => Scope::Me,
        None => Scope::Org,
    };
    if (scope == Scope::Me && seat.is_none()) || (scope == Scope::Team && !has_team) {
        return Err(AppError::NotFound);
    }
    let (from, to) = period(q)?;
    let (from_s, to_s) = (iso(from), iso(to));
    let mut scopes = Vec::new();
    if seat.is_some() {
        scopes.push(Scope::Me);
    }
    if has_team {
        scopes.push(Scope::Team);
    }
    scopes.push(Scope::Org);
    let scopes = scopes
        .into_iter()
        .map(|s| ScopeChoice {
            code: s.as_str(),
            label: c.t.t(&format!("daily.scope.{}", s.as_str())).to_string(),
            selected: s == scope,
        })
        .collect();

    let mut filter = DayFilter {
        org_id: org.id,
        from: &from_s,
        to: &to_s,
        team_id: None,
        user_id: None,
    };
    let mut teams = Vec::new();
    let mut hidden_teams = 0;
    let (group_name, summary) = match scope {
        Scope::Me => {
            filter.user_id = seat.as_ref().map(|s| s.user_id);
            let s = summarize(state, filter).await?;
            (c.t.t("daily.scope.me").to_string(), Some(s))
        }
        Scope::Team => {
            let team = seat.as_ref().and_then(|s| s.team.clone());
            filter.team_id = team.as_ref().map(|t| t.id);
            let s = summarize(state, filter).await?;
            (team.map(|t| t.name).unwrap_or_default(), Some(s))
        }
        Scope::Org => {
            // One pass: the whole and each team (days without a team form
            // their own group).
            let mut total = Accumulator::new();
            let mut by_team: BTreeMap<Option<i64>, Accumulator> = BTreeMap::new();
            state
                .store
                .for_each_asa_day(filter, |d| {
                    if let Some(day) = day_of(&d) {
                        let x = Day {
                            day,
                            person: d.user_id,
                            planned: &d.planned,
                            actual: d.actual.as_deref(),
                            scheduled_end: d.scheduled_end,
                        };
                        total.add(&x);
                        by_team.entry(d.team_id).or_default().add(&x);
                    }
                })
                .await?;
            let total = total.finish();
            let names: BTreeMap<i64, String> = state
                .store
                .asa_teams(org.id)
                .await?
                .into_iter()
                .map(|t| (t.id, t.name))
                .collect();
            let groups: Vec<(Option<i64>, Summary)> =
                by_team.into_iter().map(|(k, a)| (k, a.finish())).collect();
            let sizes: Vec<u64> = groups.iter().map(|(_, s)| s.people).collect();
            let (shown, merged) = suppress(&sizes, ANONYMITY_THRESHOLD);
            let mut hidden_ids = Vec::new();
            for ((team_id, s), show) in groups.iter().zip(&shown) {
                if *show == Shown::Hidden {
                    hidden_teams += 1;
                    hidden_ids.push(*team_id);
                    continue;
                }
                let name = match team_id {
                    Some(id) => names.get(id).cloned().unwrap_or_default(),
                    None => c.t.t("daily.no_team_group").to_string(),
                };
                teams.push(team_row(&c.t, name, s));
            }
            if merged {
                let mut rest = Accumulator::new();
                state
                    .store
                    .for_each_asa_day(filter, |d| {
                        if let (true, Some(day)) = (hidden_ids.contains(&d.team_id), day_of(&d)) {
                            rest.add(&Day {
                                day,
                                person: d.user_id,
                                planned: &d.planned,
                                actual: d.actual.as_deref(),
                                scheduled_end: d.scheduled_end,
                            });
                        }
                    })
                    .await?;
                teams.push(team_row(
                    &c.t,
                    c.t.t("daily.merged_teams").to_string(),
                    &rest.finish(),
                ));
            }
            let summary = (total.people >= ANONYMITY_THRESHOLD).then_some(total);
            (org.name.clone(), summary)
        }
    };
    Ok(View {
        org,
        seat,
        scope,
        scopes,
        from,
        to,
        group_name,
        summary,
        teams,
        hidden_teams,
    })
}

async fn summarize(state: &AppState, filter: DayFilter<'_>) -> Result<Summary, AppError> {
    let mut acc = Accumulator::new();
    state
        .store
        .for_each_asa_day(filter, |d| {
            if let Some(day) = day_of(&d) {
                acc.add(&Day {
                    day,
                    person: d.user_id,
                    planned: &d.planned,
                    actual: d.actual.as_deref(),
                    scheduled_end: d.scheduled_end,
                });
            }
        })
        .await?;
    Ok(acc.finish())
}

fn or_dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| "—".to_string())
}

fn percent(tenths: Option<u64>) -> String {
    or_dash(tenths.map(|t| format!("{}.{}%", t / 10, t % 10)))
}

fn team_row(t: &Tr, name: String, s: &Summary) -> TeamRow {
    TeamRow {
        name,
        people: s.people,
        days: s.compared_days,
        gap: or_dash(s.average_gap().map(|m| duration(t, m))),
        unplanned: percent(s.unplanned_share_tenths()),
        actual_end: or_dash(s.average_actual_end().map(|e| e.as_string())),
    }
}

fn figures(t: &Tr, s: &Summary) -> Vec<FigureView> {
    let name = |id: &str| catalog::figure(id).name.pick(t.lang.code());
    vec![
        FigureView {
            id: ids::DAILY_PLAN_GAP,
            name: name(ids::DAILY_PLAN_GAP),
            value: or_dash(s.average_gap().map(|m| duration(t, m))),
        },
        FigureView {
            id: ids::DAILY_UNPLANNED_SHARE,
            name: name(ids::DAILY_UNPLANNED_SHARE),
            value: percent(s.unplanned_share_tenths()),
        },
        FigureView {
            id: ids::DAILY_PLANNED_END,
            name: name(ids::DAILY_PLANNED_END),
            value: or_dash(s.average_planned_end().map(|e| e.as_string())),
        },
        FigureView {
            id: ids::DAILY_ACTUAL_END,
            name: name(ids::DAILY_ACTUAL_END),
            value: or_dash(s.average_actual_end().map(|e| e.as_string())),
        },
        FigureView {
            id: ids::DAILY_OVERLOADED_DAYS,
            name: name(ids::DAILY_OVERLOADED_DAYS),
            value: t.f1("daily.days_count", "n", s.overloaded_days),
        },
    ]
}

fn signed(t: &Tr, planned: u64, actual: u64) -> String {
    let d = duration(t, planned.abs_diff(actual));
    match actual.cmp(&planned) {
        std::cmp::Ordering::Greater => format!("+{d}"),
        std::cmp::Ordering::Less => format!("−{d}"),
        std::cmp::Ordering::Equal => "±0".to_string(),
    }
}

fn category_rows(t: &Tr, s: &Summary) -> Vec<CategoryRow> {
    s.categories
        .iter()
        .map(|(name, m)| CategoryRow {
            name: name.clone(),
            planned: duration(t, m.planned),
            actual: duration(t, m.actual),
            diff: signed(t, m.planned, m.actual),
        })
        .collect()
}

fn week_rows(t: &Tr, s: &Summary) -> Vec<WeekRow> {
    s.weeks
        .iter()
        .map(|(monday, w)| WeekRow {
            week: t.f1("daily.week_of", "date", t.date(&iso(*monday))),
            days: w.compared_days,
            gap: or_dash(w.average_gap().map(|m| duration(t, m))),
            planned_end: or_dash(w.average_planned_end().map(|e| e.as_string())),
            actual_end: or_dash(w.average_actual_end().map(|e| e.as_string())),
        })
        .collect()
}

fn query_of(v: &View) -> String {
    format!(
        "scope={}&from={}&to={}",
        v.scope.as_str(),
        iso(v.from),
        iso(v.to)
    )
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<AnalyticsQuery>,
) -> Result<Response, AppError> {
    let v = assemble(&state, &c, id, &q).await?;
    let t = &c.t;
    let (figures, categories, weeks, category_chart, week_chart) = match &v.summary {
        Some(s) if s.compared_days > 0 => {
            let rows: Vec<PairRow> = s
                .categories
                .iter()
                .map(|(name, m)| PairRow {
                    label: name.clone(),
                    minutes: [m.planned, m.actual],
                    text: [duration(t, m.planned), duration(t, m.actual)],
                })
                .collect();
            let chart = paired_bars(
                t.t("daily.chart.categories"),
                [t.t("daily.planned"), t.t("daily.actual")],
                &rows,
            );
            let bars: Vec<(String, Option<f64>)> = s
                .weeks
                .iter()
                .map(|(monday, w)| {
                    (
                        format!("{}/{}", monday.month(), monday.day()),
                        w.average_gap().map(|g| g as f64),
                    )
                })
                .collect();
            let week_chart = crate::kpi::chart::bar_chart(
                &crate::kpi::chart::Words {
                    title: t.t("daily.chart.weeks"),
                    unit: t.t("daily.unit_minutes"),
                    no_data: t.t("daily.no_data"),
                },
                &bars,
                &[],
            );
            (
                figures(t, s),
                category_rows(t, s),
                week_rows(t, s),
                chart,
                week_chart,
            )
        }
        _ => (
            Vec::new(),
            Vec::new(),
            Vec::new(),
            String::new(),
            String::new(),
        ),
    };
    let unread = match &v.seat {
        Some(s) => state.store.asa_unread(s.org.id, s.user_id).await?,
        None => 0,
    };
    let page = AnalyticsPage {
        period: format!("{}〜{}", t.date(&iso(v.from)), t.date(&iso(v.to))),
        query: query_of(&v),
        figures,
        categories,
        weeks,
        category_chart,
        week_chart,
        threshold: ANONYMITY_THRESHOLD,
        unread,
        has_seat: v.seat.is_some(),
        v,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

/// The rows of the exports: figure id, its name, the group, the item
/// (category or week), the value, its unit, the period.
fn export_rows(t: &Tr, v: &View) -> Vec<[String; 8]> {
    let period = (iso(v.from), iso(v.to));
    let fig = |id: &str| catalog::figure(id).name.pick(t.lang.code()).to_string();
    let mut rows = Vec::new();
    let mut push = |id: &str, group: &str, item: String, value: String, unit: &str| {
        rows.push([
            id.to_string(),
            fig(id),
            group.to_string(),
            item,
            value,
            unit.to_string(),
            period.0.clone(),
            period.1.clone(),
        ]);
    };
    let minutes = t.t("daily.unit_minutes");
    let time = t.t("daily.unit_time");
    if let Some(s) = &v.summary {
        let g = v.group_name.as_str();
        if let Some(x) = s.average_gap() {
            push(
                ids::DAILY_PLAN_GAP,
                g,
                String::new(),
                x.to_string(),
                minutes,
            );
        }
        if let Some(x) = s.unplanned_share_tenths() {
            push(
                ids::DAILY_UNPLANNED_SHARE,
                g,
                String::new(),
                format!("{}.{}", x / 10, x % 10),
                "%",
            );
        }
        if let Some(x) = s.average_planned_end() {
            push(
                ids::DAILY_PLANNED_END,
                g,
                String::new(),
                x.as_string(),
                time,
            );
        }
        if let Some(x) = s.average_actual_end() {
            push(ids::DAILY_ACTUAL_END, g, String::new(), x.as_string(), time);
        }
        push(
            ids::DAILY_OVERLOADED_DAYS,
            g,
            String::new(),
            s.overloaded_days.to_string(),
            t.t("daily.unit_days"),
        );
        for (name, m) in &s.categories {
            push(
                ids::DAILY_CATEGORY_MINUTES,
                g,
                format!("{}（{}）", name, t.t("daily.planned")),
                m.planned.to_string(),
                minutes,
            );
            push(
                ids::DAILY_CATEGORY_MINUTES,
                g,
                format!("{}（{}）", name, t.t("daily.actual")),
                m.actual.to_string(),
                minutes,
            );
        }
        for (monday, w) in &s.weeks {
            if let Some(x) = w.average_gap() {
                push(
                    ids::DAILY_PLAN_GAP,
                    g,
                    t.f1("daily.week_of", "date", iso(*monday)),
                    x.to_string(),
                    minutes,
                );
            }
        }
    }
    rows
}

fn header(t: &Tr) -> [&str; 8] {
    [
        t.t("daily.export.figure_id"),
        t.t("daily.export.figure"),
        t.t("daily.export.group"),
        t.t("daily.export.item"),
        t.t("daily.export.value"),
        t.t("daily.export.unit"),
        t.t("daily.export.from"),
        t.t("daily.export.to"),
    ]
}

fn file_name(v: &View, ext: &str) -> String {
    format!(
        "daily-{}-{}-{}-{}.{ext}",
        v.org.id,
        v.scope.as_str(),
        iso(v.from),
        iso(v.to)
    )
}

pub async fn csv(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<AnalyticsQuery>,
) -> Result<Response, AppError> {
    let v = assemble(&state, &c, id, &q).await?;
    let err = |e: csv::Error| AppError::Internal(e.to_string());
    let mut out = CsvOut::new();
    out.record(header(&c.t)).map_err(err)?;
    for r in export_rows(&c.t, &v) {
        out.record(&r).map_err(err)?;
    }
    Ok(crate::events::desk::attachment(
        out.into_bytes().map_err(err)?.into_response(),
        "text/csv; charset=utf-8",
        file_name(&v, "csv"),
    ))
}

pub async fn xlsx(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<AnalyticsQuery>,
) -> Result<Response, AppError> {
    let v = assemble(&state, &c, id, &q).await?;
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(c.t.t("daily.export.sheet")).map_err(err)?;
    for (col, h) in header(&c.t).iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *h, &bold)
            .map_err(err)?;
    }
    for (i, r) in export_rows(&c.t, &v).iter().enumerate() {
        let row = i as u32 + 1;
        for (col, cell) in r.iter().enumerate() {
            // Values stay numbers where they are numbers, so a sheet can sum them.
            match (col, cell.parse::<f64>()) {
                (4, Ok(n)) => sheet.write_number(row, col as u16, n).map_err(err)?,
                _ => sheet.write_string(row, col as u16, cell).map_err(err)?,
            };
        }
    }
    let bytes = book.save_to_buffer().map_err(err)?;
    Ok(crate::events::desk::attachment(
        bytes.into_response(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file_name(&v, "xlsx"),
    ))
}
