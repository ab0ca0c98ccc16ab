//! The interim and final reports of an engagement (goals and finances are in
//! [`super::goals`]): ありたい姿, what was done (the meetings), the action sheet, and
//! the figures before and after from the imports — the same catalog definition
//! over two windows of the same length (`kpi::engagement::windows`).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use kpi::YearMonth;
use kpi::catalog::ids::MONTHLY_OVERTIME_AVERAGE;
use kpi::engagement::{EmployeeMonth, OvertimeWindow, Windows};
use store::engagements::{Engagement, Finances};
use store::orgs::Organization;

use super::{ActionView, EngagementView, action_views, engagement_for};
use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::Tr;

/// Reading the report: its consultants once the organization opened its
/// aggregates to them, the organization's people, the region's staff when the
/// organization shares with the region.
pub fn report_action(e: &Engagement, org: &Organization) -> Action {
    Action::ViewEngagementReport {
        engagement_id: e.id,
        org_id: e.org_id,
        region_id: e.region_id,
        opened_to_consultants: e.grant_aggregates,
        shared_with_region: org.shares_with_region(),
    }
}

pub(super) fn figure_name(t: &Tr, id: &str) -> String {
    kpi::catalog::FIGURES
        .iter()
        .find(|f| f.id == id)
        .map(|f| t.pick(f.name.ja, f.name.en).to_string())
        .unwrap_or_default()
}

fn hours(t: &Tr, h: f64) -> String {
    t.f1("engagements.report.hours", "h", format!("{h:.1}"))
}

/// The chart shows what the table shows: one decimal.
fn one_decimal(h: f64) -> f64 {
    (h * 10.0).round() / 10.0
}

/// 98000000 → 98,000,000.
pub(crate) fn grouped(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0 { format!("−{out}") } else { out }
}

pub(super) fn percent(p: f64) -> String {
    let sign = if p > 0.0 {
        "+"
    } else if p < 0.0 {
        "−"
    } else {
        "±"
    };
    format!("{sign}{:.0} %", p.abs())
}

/// The months of a window, as 2026年3月〜2026年5月.
fn months_label(t: &Tr, months: &[YearMonth]) -> String {
    let one = |m: &YearMonth| {
        if t.is_ja() {
            format!("{}年{}月", m.year(), m.month())
        } else {
            format!("{}-{:02}", m.year(), m.month())
        }
    };
    match (months.first(), months.last()) {
        (Some(a), Some(b)) if a == b => one(a),
        (Some(a), Some(b)) => format!("{}{}{}", one(a), t.pick("〜", " – "), one(b)),
        _ => String::new(),
    }
}

pub(super) async fn facts(
    state: &AppState,
    org_id: i64,
    w: &Windows,
) -> Result<Vec<EmployeeMonth>, AppError> {
    let (Some(from), Some(to)) = (w.before.first(), w.after.last()) else {
        return Ok(Vec::new());
    };
    Ok(state
        .store
        .employee_months_between(org_id, &from.to_string(), &to.to_string())
        .await?
        .into_iter()
        .filter_map(|(employee, month, ot, hol)| {
            Some(EmployeeMonth {
                employee,
                month: YearMonth::parse(&month)?,
                legal_overtime_minutes: ot,
                legal_holiday_minutes: hol,
            })
        })
        .collect())
}

/// The before/after windows of a report on `today`: up to the engagement's end
/// (final) or up to this month (interim).
pub(super) fn report_windows(e: &Engagement, today: jiff::civil::Date) -> Windows {
    kpi::engagement::windows(e.fields.starts_on, e.fields.ends_on, today)
}

/// One figure of the report, before and after.
pub struct Outcome {
    pub id: &'static str,
    pub name: String,
    pub definition_link: String,
    pub before_period: String,
    pub after_period: String,
    pub before: String,
    pub after: String,
    /// 「残業 −30 %」, or the words saying why there is none.
    pub change: String,
    pub origin: String,
}

/// Everything the page and the workbook show.
pub struct Assembled {
    pub final_report: bool,
    pub overtime: Outcome,
    pub overtime_windows: (OvertimeWindow, OvertimeWindow),
    pub chart: String,
    pub finances: Vec<Finances>,
    pub profit: Option<Outcome>,
    /// The fiscal-year figures ([`super::yearly`]), baseline year against the
    /// ended year of the engagement.
    pub yearly: Vec<Outcome>,
    pub yearly_headlines: Vec<String>,
    pub yearly_pending: Option<String>,
    /// 朝メール and 組織診断, organization-wide ([`super::practice`]).
    pub practice: Vec<Outcome>,
    /// What the report cannot compare yet, and why, in words.
    pub not_compared: Vec<String>,
    pub meetings: Vec<(String, String)>,
    pub actions: Vec<ActionView>,
    pub vision: Vec<String>,
}

fn overtime_outcome(
    t: &Tr,
    w: &Windows,
    before: &OvertimeWindow,
    after: &OvertimeWindow,
) -> Outcome {
    let complete = kpi::engagement::is_complete(before, &w.before)
        && kpi::engagement::is_complete(after, &w.after);
    let change = match (
        before.hours_per_employee_month,
        after.hours_per_employee_month,
    ) {
        _ if w.after.is_empty() => t.t("engagements.report.not_started").to_string(),
        (Some(b), Some(a)) if complete => match kpi::engagement::change_percent(b, a) {
            Some(p) => t.f1("engagements.report.overtime_change", "p", percent(p)),
            None => t.t("engagements.report.zero_before").to_string(),
        },
        _ => t.t("engagements.report.too_little_data").to_string(),
    };
    let show = |x: &OvertimeWindow| match x.hours_per_employee_month {
        Some(h) => hours(t, h),
        None => t.t("kpi.no_data").to_string(),
    };
    Outcome {
        id: MONTHLY_OVERTIME_AVERAGE,
        name: figure_name(t, MONTHLY_OVERTIME_AVERAGE),
        definition_link: format!("/definitions#{MONTHLY_OVERTIME_AVERAGE}"),
        before_period: months_label(t, &w.before),
        after_period: months_label(t, &w.after),
        before: show(before),
        after: show(after),
        change,
        origin: t.t("engagements.report.origin_import").to_string(),
    }
}

fn profit_outcome(t: &Tr, e: &Engagement, finances: &[Finances]) -> Option<Outcome> {
    let start_fy = i64::from(domain::FiscalYear::containing(e.fields.starts_on).year());
    let end_fy = i64::from(domain::FiscalYear::containing(e.fields.ends_on).year());
    let before = finances.iter().find(|f| f.fiscal_year == start_fy - 1);
    let after = finances.iter().find(|f| f.fiscal_year == end_fy);
    let fy = |y: i64| crate::declarations::plain_fiscal_year_label(t, y);
    let yen = |v: i64| t.f1("engagements.report.yen", "v", grouped(v));
    let change = match (before, after) {
        (Some(b), Some(a)) => {
            match kpi::engagement::change_percent(
                b.operating_profit as f64,
                a.operating_profit as f64,
            ) {
                Some(p) => t.f1("engagements.report.profit_change", "p", percent(p)),
                None => t.t("engagements.report.zero_before").to_string(),
            }
        }
        _ => t.t("engagements.report.no_finances").to_string(),
    };
    Some(Outcome {
        id: "operating_profit",
        name: t.t("engagements.report.profit").to_string(),
        definition_link: "#finances".into(),
        before_period: fy(start_fy - 1),
        after_period: fy(end_fy),
        before: before.map(|b| yen(b.operating_profit)).unwrap_or_default(),
        after: after.map(|a| yen(a.operating_profit)).unwrap_or_default(),
        change,
        origin: t.t("engagements.report.origin_declared").to_string(),
    })
}

pub async fn assemble(state: &AppState, c: &Ctx, e: &Engagement) -> Result<Assembled, AppError> {
    let t = &c.t;
    let today = crate::today_jst();
    let w = report_windows(e, today);
    let f = facts(state, e.org_id, &w).await?;
    let before = kpi::engagement::overtime_over(&f, &w.before);
    let after = kpi::engagement::overtime_over(&f, &w.after);
    let overtime = overtime_outcome(t, &w, &before, &after);
    let chart = crate::kpi::chart::bar_chart(
        &crate::kpi::chart::Words {
            title: t.t("engagements.report.chart_title"),
            unit: t.t("kpi.hours"),
            no_data: t.t("kpi.no_data"),
        },
        &[
            // Short labels: the periods are in the table right below.
            (
                t.t("engagements.report.before_short").to_string(),
                before.hours_per_employee_month.map(one_decimal),
            ),
            (
                t.t("engagements.report.after_short").to_string(),
                after.hours_per_employee_month.map(one_decimal),
            ),
        ],
        &[],
    );
    let finances = state.store.engagement_finances(e.id).await?;
    let yearly = super::yearly::yearly_outcomes(state, t, e, &finances, today).await?;
    let practice = super::practice::practice_outcomes(state, t, e, &w).await?;
    let meetings = state.store.engagement_meetings(e.id).await?;
    let actions = state.store.engagement_actions(e.id).await?;
    Ok(Assembled {
        final_report: !domain::engagement::is_running(e.fields.status, e.fields.ends_on, today),
        profit: profit_outcome(t, e, &finances),
        yearly: yearly.rows,
        practice,
        yearly_headlines: yearly.headlines,
        yearly_pending: yearly.pending,
        not_compared: yearly.gaps,
        overtime,
        overtime_windows: (before, after),
        chart,
        finances,
        actions: action_views(t, &actions, &meetings, today),
        meetings: meetings
            .iter()
            .enumerate()
            .map(|(i, m)| {
                (
                    t.f2(
                        "engagements.meeting_number",
                        "n",
                        i + 1,
                        "date",
                        t.date(&m.fields.held_on.to_string()),
                    ),
                    m.fields.agenda.clone(),
                )
            })
            .collect(),
        vision: super::paragraphs(&e.fields.vision),
    })
}

async fn readable(state: &AppState, c: &Ctx, id: i64) -> Result<Engagement, AppError> {
    let e = engagement_for(state, c, id, super::view_action).await?;
    let org = state.store.organization(e.org_id).await?;
    c.require(&report_action(&e, &org))?;
    Ok(e)
}

#[derive(Template)]
#[template(path = "engagements/report.html")]
struct ReportPage {
    c: Ctx,
    v: EngagementView,
    r: Assembled,
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let e = readable(&state, &c, id).await?;
    let r = assemble(&state, &c, &e).await?;
    let page = ReportPage {
        v: super::view(&state, &c.t, &e).await?,
        r,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

pub async fn xlsx(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let e = readable(&state, &c, id).await?;
    let r = assemble(&state, &c, &e).await?;
    let v = super::view(&state, &c.t, &e).await?;
    let t = &c.t;
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet
        .set_name(t.t("engagements.report.sheet_figures"))
        .map_err(err)?;
    let header = [
        t.t("engagements.report.col.figure"),
        t.t("engagements.report.col.before_period"),
        t.t("engagements.report.col.before"),
        t.t("engagements.report.col.after_period"),
        t.t("engagements.report.col.after"),
        t.t("engagements.report.col.change"),
        t.t("engagements.report.col.origin"),
        t.t("engagements.report.col.definition"),
    ];
    for (col, h) in header.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *h, &bold)
            .map_err(err)?;
    }
    let outcomes: Vec<&Outcome> = std::iter::once(&r.overtime)
        .chain(r.profit.iter())
        .chain(r.yearly.iter())
        .chain(r.practice.iter())
        .collect();
    for (i, o) in outcomes.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, cell) in [
            &o.name,
            &o.before_period,
            &o.before,
            &o.after_period,
            &o.after,
            &o.change,
            &o.origin,
            &o.definition_link,
        ]
        .iter()
        .enumerate()
        {
            sheet
                .write_string(row, col as u16, cell.as_str())
                .map_err(err)?;
        }
    }
    for (i, line) in r.not_compared.iter().enumerate() {
        sheet
            .write_string((outcomes.len() + 2 + i) as u32, 0, line.as_str())
            .map_err(err)?;
    }
    let sheet = book.add_worksheet();
    sheet
        .set_name(t.t("engagements.report.sheet_actions"))
        .map_err(err)?;
    let header = [
        t.t("engagements.field.issue"),
        t.t("engagements.field.cause"),
        t.t("engagements.field.action"),
        t.t("engagements.field.owner"),
        t.t("engagements.field.due_on"),
        t.t("engagements.field.action_status"),
    ];
    for (col, h) in header.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *h, &bold)
            .map_err(err)?;
    }
    for (i, a) in r.actions.iter().enumerate() {
        let status = if a.overdue {
            format!("{}（{}）", a.status, t.t("engagements.overdue"))
        } else {
            a.status.to_string()
        };
        for (col, cell) in [&a.issue, &a.cause, &a.action, &a.owner, &a.due, &status]
            .iter()
            .enumerate()
        {
            sheet
                .write_string(i as u32 + 1, col as u16, cell.as_str())
                .map_err(err)?;
        }
    }
    let sheet = book.add_worksheet();
    sheet
        .set_name(t.t("engagements.report.sheet_meetings"))
        .map_err(err)?;
    sheet
        .write_string_with_format(0, 0, &v.org_name, &bold)
        .map_err(err)?;
    sheet.write_string(0, 1, &v.period).map_err(err)?;
    for (i, (title, agenda)) in r.meetings.iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, title).map_err(err)?;
        sheet.write_string(i as u32 + 1, 1, agenda).map_err(err)?;
    }
    let bytes = book.save_to_buffer().map_err(err)?;
    let mut res = bytes.into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    );
    if let Ok(h) = HeaderValue::from_str(&format!(
        "attachment; filename=\"engagement-{}-report.xlsx\"",
        e.id
    )) {
        res.headers_mut().insert(CONTENT_DISPOSITION, h);
    }
    Ok(res)
}
