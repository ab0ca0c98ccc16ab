//! The city's program view (事業の実施状況; issue 10): for a region and a program
//! year, the funnel from event participants to employers publishing verified
//! figures, the events with their attendance and questionnaire, and the annual
//! report a city officer hands to the mayor (a printable page and XLSX).
//!
//! Region staff only, and counts only: who registered stays on the event desk.

pub mod outcomes;
pub mod report;

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use store::program::{EventOutcome, ProgramCounts};
use store::regions::Region;

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::declarations::plain_fiscal_year_label;
use crate::errors::AppError;
use crate::i18n::Tr;
use crate::kpi::chart;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/program", get(page))
        .route("/program/report", get(report::page))
        .route("/program/report.xlsx", get(report::xlsx))
}

#[derive(Debug, Default, Deserialize)]
pub struct ProgramQuery {
    #[serde(default)]
    region: String,
    #[serde(default)]
    year: String,
}

/// The region and year asked for, for a user who may see that region's
/// program: 403 for a user who sees none, 404 for a region they may not see.
pub async fn chosen(
    state: &AppState,
    c: &Ctx,
    q: &ProgramQuery,
) -> Result<(Region, Vec<Region>, i64), AppError> {
    c.require(&Action::OpenProgramView)?;
    let regions: Vec<Region> = state
        .store
        .list_regions()
        .await?
        .into_iter()
        .filter(|r| c.can(&Action::ViewProgram { region_id: r.id }))
        .collect();
    let region = if q.region.trim().is_empty() {
        regions.first().cloned().ok_or(AppError::Forbidden)?
    } else {
        regions
            .iter()
            .find(|r| r.code == q.region.trim())
            .cloned()
            .ok_or(AppError::NotFound)?
    };
    let current = domain::FiscalYear::containing(crate::today_jst()).year() as i64;
    let year = match domain::normalize_digits(q.year.trim()).parse::<i64>() {
        Ok(y) if (2000..=current + 1).contains(&y) => y,
        Ok(_) => return Err(AppError::NotFound),
        Err(_) if q.year.trim().is_empty() => current,
        Err(_) => return Err(AppError::BadRequest("year".into())),
    };
    Ok((region, regions, year))
}

/// One step of the funnel (参加から公表まで).
pub struct Step {
    pub label: &'static str,
    pub count: i64,
    /// What is counted, in a sentence.
    pub note: &'static str,
}

/// The funnel of the program year, in the order people move through it:
/// `graduates` completed the leader course, `engaged` organizations had
/// consultant support in the year.
pub fn funnel(t: &Tr, c: &ProgramCounts, graduates: i64, engaged: i64) -> Vec<Step> {
    let step = |label: &'static str, count: i64, note: &'static str| Step {
        label: t.t(label),
        count,
        note: t.t(note),
    };
    vec![
        step(
            "program.step.participants",
            c.participants,
            "program.step.participants_note",
        ),
        step(
            "program.step.organizations",
            c.organizations_represented,
            "program.step.organizations_note",
        ),
        step(
            "program.step.graduates",
            graduates,
            "program.step.graduates_note",
        ),
        step("program.step.engaged", engaged, "program.step.engaged_note"),
        step(
            "program.step.declaring",
            c.declaring_organizations,
            "program.step.declaring_note",
        ),
        step(
            "program.step.publishing",
            c.publishing_computed,
            "program.step.publishing_note",
        ),
    ]
}

/// One event's line.
pub struct EventLine {
    pub id: i64,
    pub title: String,
    pub date: String,
    pub cancelled: bool,
    pub confirmed: i64,
    pub checked_in: i64,
    pub answers: i64,
    /// 「4.3」
    pub satisfaction: Option<String>,
    pub wants_course: i64,
    pub wants_consulting: i64,
}

pub fn event_line(t: &Tr, e: &EventOutcome) -> EventLine {
    let f = &e.event.fields;
    EventLine {
        id: e.event.id,
        title: if !t.is_ja() && !f.title_en.is_empty() {
            f.title_en.clone()
        } else {
            f.title.clone()
        },
        date: t.date(&f.starts_at.as_stored()),
        cancelled: f.status == domain::event::EventStatus::Cancelled,
        confirmed: e.confirmed,
        checked_in: e.checked_in,
        answers: e.feedback.answers,
        satisfaction: e
            .feedback
            .mean_tenths()
            .map(|m| format!("{}.{}", m / 10, m % 10)),
        wants_course: e.feedback.wants_course,
        wants_consulting: e.feedback.wants_consulting,
    }
}

/// Everything the page and the report show.
pub struct Program {
    pub region: Region,
    pub year: i64,
    pub year_label: String,
    pub counts: ProgramCounts,
    pub funnel: Vec<Step>,
    pub funnel_chart: String,
    pub events: Vec<EventLine>,
    /// The page's first sentence.
    pub lead: String,
    /// The questionnaire's interest, in a sentence.
    pub interest: String,
    pub courses: Vec<store::courses::CourseProgress>,
    /// Graduates' organizations, each once, by name.
    pub graduate_orgs: Vec<String>,
    pub engagements: Vec<EngagementLine>,
    pub outcomes: outcomes::Outcomes,
}

/// One engagement as the city follows it: status and counts, not its records.
pub struct EngagementLine {
    pub id: i64,
    pub org_name: String,
    pub status: &'static str,
    pub period: String,
    pub consultants: String,
    pub meetings: i64,
    pub open_actions: i64,
    pub overdue_actions: i64,
}

pub async fn load(
    state: &AppState,
    t: &Tr,
    region: Region,
    year: i64,
) -> Result<Program, AppError> {
    let counts = state.store.program_counts(region.id, year).await?;
    let events = state
        .store
        .program_events(region.id, year)
        .await?
        .iter()
        .map(|e| event_line(t, e))
        .collect();
    let courses = state
        .store
        .course_progress_in_region_as_of(region.id, year, crate::today_jst())
        .await?;
    let graduates = state
        .store
        .course_graduates_in_region(region.id, year)
        .await?;
    let mut graduate_orgs: Vec<String> = graduates.iter().map(|g| g.org_name.clone()).collect();
    graduate_orgs.sort();
    graduate_orgs.dedup();
    // Engagements that ran in the fiscal year (April to March).
    let fy = domain::FiscalYear::new(year as i32).map_err(|_| AppError::NotFound)?;
    let (fy_start, fy_end) = (fy.start(), fy.end());
    let engagements: Vec<store::engagements::EngagementSummary> = state
        .store
        .engagements_in_region_on(region.id, crate::today_jst())
        .await?
        .into_iter()
        .filter(|e| e.starts_on <= fy_end && e.ends_on >= fy_start)
        .collect();
    let mut taking_part: std::collections::BTreeSet<i64> =
        engagements.iter().map(|e| e.org_id).collect();
    let engaged = taking_part.len() as i64;
    taking_part.extend(graduates.iter().map(|g| g.org_id));
    let outcomes = outcomes::load(state, t, region.id, year, &taking_part).await?;
    let engagements = engagements
        .into_iter()
        .map(|e| EngagementLine {
            id: e.id,
            org_name: e.org_name,
            status: crate::engagements::status_label(t, e.status),
            period: crate::engagements::period(t, e.starts_on, e.ends_on),
            consultants: e.consultants.join("、"),
            meetings: e.meetings,
            open_actions: e.open_actions,
            overdue_actions: e.overdue_actions,
        })
        .collect();
    let funnel = funnel(t, &counts, graduates.len() as i64, engaged);
    let funnel_chart = funnel_svg(t.t("program.funnel_title"), &funnel);
    let year_label = plain_fiscal_year_label(t, year);
    Ok(Program {
        lead: t.f(
            "program.lead",
            &[
                ("region", &t.pick(&region.name_ja, &region.name_en)),
                ("year", &year_label),
            ],
        ),
        interest: t.f(
            "program.interest",
            &[
                ("course", &counts.wants_course),
                ("consulting", &counts.wants_consulting),
            ],
        ),
        year_label,
        courses,
        graduate_orgs,
        engagements,
        outcomes,
        region,
        year,
        counts,
        funnel,
        funnel_chart,
        events,
    })
}

/// The funnel as horizontal bars, widest first, each with its label above and
/// its count after it: no script, and the same numbers are in the table below.
pub fn funnel_svg(title: &str, steps: &[Step]) -> String {
    use std::fmt::Write;
    const WIDTH: f64 = 360.0;
    const ROW: f64 = 46.0;
    const BAR: f64 = 18.0;
    let max = steps.iter().map(|s| s.count).max().unwrap_or(0).max(1) as f64;
    let height = ROW * steps.len() as f64 + 4.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}"><title>{}</title>"#,
        chart::escape(title),
        chart::escape(title)
    );
    for (i, s) in steps.iter().enumerate() {
        let y = i as f64 * ROW;
        // Room for the count after the longest bar.
        let w = (s.count as f64 / max) * (WIDTH - 50.0);
        let _ = write!(
            svg,
            r##"<text x="0" y="{:.1}" font-size="14">{}</text><rect x="0" y="{:.1}" width="{w:.1}" height="{BAR}" fill="#0031d8"></rect><text x="{:.1}" y="{:.1}" font-size="15" font-weight="700">{}</text>"##,
            y + 15.0,
            chart::escape(s.label),
            y + 21.0,
            w + 6.0,
            y + 35.0,
            s.count
        );
    }
    svg.push_str("</svg>");
    svg
}

#[derive(Template)]
#[template(path = "program/page.html")]
struct ProgramPage {
    c: Ctx,
    p: Program,
    regions: Vec<Region>,
    /// The years offered in the chooser, newest first.
    years: Vec<(i64, String)>,
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<ProgramQuery>,
) -> Result<Response, AppError> {
    let (region, regions, year) = chosen(&state, &c, &q).await?;
    let t = c.t;
    let current = domain::FiscalYear::containing(crate::today_jst()).year() as i64;
    let page = ProgramPage {
        p: load(&state, &t, region, year).await?,
        regions,
        years: (current - 4..=current)
            .rev()
            .map(|y| (y, plain_fiscal_year_label(&t, y)))
            .collect(),
        c,
    };
    Ok(Html(page.render()?).into_response())
}
