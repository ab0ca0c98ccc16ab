//! Consultant engagements (伴走支援; issue 10).
//!
//! Region staff create an engagement of an organization of their region and
//! choose its consultants (`/engagements/new`); the consultants and the
//! organization's admins write its 「ありたい姿」 and promotion team, record the
//! カエル会議 and the action sheet ([`meetings`]); the organization's admins
//! choose what the consultants may see of its data ([`access`]); interim and
//! final reports put the figures before and after side by side ([`report`]).
//! Who sees what is decided in `authz` (the `*Engagement*` actions).

pub mod access;
pub mod form;
pub mod goals;
pub mod meetings;
mod practice;
pub mod report;
mod yearly;

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::engagement::{EngagementStatus, TeamMember};
use store::engagements::{ActionItem, Engagement, Meeting};
use store::orgs::Organization;
use store::regions::Region;

use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;
use crate::i18n::Tr;
use form::EngagementForm;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/engagements", get(list))
        .route("/engagements/new", get(new_form).post(create))
        .route("/engagements/{id}", get(page))
        .route("/engagements/{id}/edit", get(edit_form).post(update))
        .route("/engagements/{id}/access", post(access::choose))
        .route(
            "/engagements/{id}/meetings/new",
            get(meetings::new_form).post(meetings::create),
        )
        .route("/engagements/{id}/meetings/{meeting}", get(meetings::page))
        .route("/engagements/{id}/actions", post(meetings::add_action))
        .route(
            "/engagements/{id}/actions/{action}",
            post(meetings::set_action_status),
        )
        .route("/engagements/{id}/goals", post(goals::add_goal))
        .route("/engagements/{id}/finances", post(goals::set_finances))
        .route("/engagements/{id}/report", get(report::page))
        .route("/engagements/{id}/report.xlsx", get(report::xlsx))
}

/// The actions on one engagement, with its ids filled in.
pub(crate) fn view_action(e: &Engagement) -> Action {
    Action::ViewEngagement {
        engagement_id: e.id,
        org_id: e.org_id,
        region_id: e.region_id,
    }
}

pub(crate) fn records_action(e: &Engagement) -> Action {
    Action::ReadEngagementRecords {
        engagement_id: e.id,
        org_id: e.org_id,
    }
}

pub(crate) fn work_action(e: &Engagement) -> Action {
    Action::WorkOnEngagement {
        engagement_id: e.id,
        org_id: e.org_id,
    }
}

pub(crate) fn manage_action(e: &Engagement) -> Action {
    Action::ManageEngagement {
        engagement_id: e.id,
        region_id: e.region_id,
    }
}

/// The engagement `id` when the user may do `action` on it. Signed out: the
/// sign-in page; not one of its parties: 404 (as for a missing one); a party
/// without this right: 403.
pub(crate) async fn engagement_for(
    state: &AppState,
    c: &Ctx,
    id: i64,
    action: impl FnOnce(&Engagement) -> Action,
) -> Result<Engagement, AppError> {
    c.require(&Action::SignedIn)?;
    let e = state.store.engagement(id).await?;
    if !c.can(&view_action(&e)) {
        return Err(AppError::NotFound);
    }
    if !c.can(&action(&e)) {
        return Err(AppError::Forbidden);
    }
    Ok(e)
}

/// 2026年6月1日〜2026年10月31日 / Jun 1, 2026 – Oct 31, 2026.
pub(crate) fn period(t: &Tr, from: jiff::civil::Date, to: jiff::civil::Date) -> String {
    let sep = if t.is_ja() { "〜" } else { " – " };
    format!(
        "{}{sep}{}",
        t.date(&from.to_string()),
        t.date(&to.to_string())
    )
}

pub(crate) fn status_label(t: &Tr, s: EngagementStatus) -> &'static str {
    t.pick(s.name_ja(), s.name_en())
}

/// An engagement's heading facts in the reader's language.
pub struct EngagementView {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub region_name: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub period: String,
    pub consultants: Vec<String>,
}

pub(crate) async fn view(
    state: &AppState,
    t: &Tr,
    e: &Engagement,
) -> Result<EngagementView, AppError> {
    let org = state.store.organization(e.org_id).await?;
    let region = state.store.region(e.region_id).await?;
    let mut consultants = Vec::new();
    for id in &e.consultants {
        consultants.push(state.store.user(*id).await?.display_name);
    }
    Ok(EngagementView {
        id: e.id,
        org_id: e.org_id,
        org_name: org.name,
        region_name: t.pick(&region.name_ja, &region.name_en).to_string(),
        status: status_label(t, e.fields.status),
        status_code: e.fields.status.as_str(),
        period: period(t, e.fields.starts_on, e.fields.ends_on),
        consultants,
    })
}

struct ListRow {
    v: EngagementView,
    meetings: usize,
    open: usize,
    overdue: usize,
}

#[derive(Template)]
#[template(path = "engagements/list.html")]
struct ListPage {
    c: Ctx,
    rows: Vec<ListRow>,
    can_create: bool,
}

/// The engagements the user may see: theirs as a consultant, their
/// organizations', their regions' (all of them for platform admins).
pub(crate) async fn visible(state: &AppState, c: &Ctx) -> Result<Vec<Engagement>, AppError> {
    let p = c.require(&Action::ListEngagements)?;
    let mut all: Vec<Engagement> = if p.is_platform_admin() {
        state.store.all_engagements().await?
    } else {
        let mut v = state.store.engagements_of_consultant(p.user_id).await?;
        for org in p.member_orgs() {
            v.extend(state.store.engagements_of_org(org).await?);
        }
        for region in p.staff_regions() {
            v.extend(state.store.engagements_of_region(region).await?);
        }
        v
    };
    all.sort_by_key(|e| (std::cmp::Reverse(e.fields.starts_on), e.id));
    all.dedup_by_key(|e| e.id);
    Ok(all.into_iter().filter(|e| c.can(&view_action(e))).collect())
}

async fn list(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let engagements = visible(&state, &c).await?;
    let today = crate::today_jst();
    let mut rows = Vec::new();
    for e in &engagements {
        let actions = state.store.engagement_actions(e.id).await?;
        rows.push(ListRow {
            v: view(&state, &c.t, e).await?,
            meetings: state.store.engagement_meetings(e.id).await?.len(),
            open: actions.iter().filter(|a| a.fields.status.is_open()).count(),
            overdue: actions.iter().filter(|a| overdue(a, today)).count(),
        });
    }
    let can_create = !creatable_regions(&state, &c).await?.is_empty();
    let page = ListPage {
        c,
        rows,
        can_create,
    };
    Ok(Html(page.render()?).into_response())
}

pub(crate) fn overdue(a: &ActionItem, today: jiff::civil::Date) -> bool {
    domain::engagement::is_overdue(a.fields.status, a.fields.due_on, today)
}

/// The regions where the user may create engagements.
async fn creatable_regions(state: &AppState, c: &Ctx) -> Result<Vec<Region>, AppError> {
    Ok(state
        .store
        .list_regions()
        .await?
        .into_iter()
        .filter(|r| c.can(&Action::CreateEngagement { region_id: r.id }))
        .collect())
}

/// The consultants and organizations to choose from in each region.
pub struct RegionChoices {
    pub region: Region,
    pub orgs: Vec<Organization>,
    pub consultants: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "engagements/form.html")]
struct FormPage {
    c: Ctx,
    /// None for a new engagement.
    engagement_id: Option<i64>,
    /// Set on a new engagement, or when the user may change consultants.
    choices: Vec<RegionChoices>,
    org_name: String,
    statuses: Vec<(&'static str, &'static str)>,
    can_manage: bool,
    v: EngagementForm,
    errors: FieldErrors,
}

#[allow(clippy::too_many_arguments)]
async fn render_form(
    c: Ctx,
    engagement_id: Option<i64>,
    choices: Vec<RegionChoices>,
    org_name: String,
    can_manage: bool,
    v: EngagementForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let t = c.t;
    let page = FormPage {
        engagement_id,
        choices,
        org_name,
        statuses: EngagementStatus::ALL
            .iter()
            .map(|s| (s.as_str(), status_label(&t, *s)))
            .collect(),
        can_manage,
        v,
        errors,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn choices_of(
    state: &AppState,
    regions: Vec<Region>,
) -> Result<Vec<RegionChoices>, AppError> {
    let mut out = Vec::new();
    for region in regions {
        out.push(RegionChoices {
            orgs: state.store.organizations_in_region(region.id).await?,
            consultants: state.store.consultants_in_region(region.id).await?,
            region,
        });
    }
    Ok(out)
}

/// The regions the user may create in, or the refusal (404 for nobody's desk
/// would leak nothing, but a signed-in user without a region gets 403).
async fn require_creator(state: &AppState, c: &Ctx) -> Result<Vec<Region>, AppError> {
    c.require(&Action::SignedIn)?;
    let regions = creatable_regions(state, c).await?;
    if regions.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(regions)
}

async fn new_form(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let regions = require_creator(&state, &c).await?;
    let v = EngagementForm::new_engagement(crate::today_jst());
    let choices = choices_of(&state, regions).await?;
    render_form(c, None, choices, String::new(), true, v, FieldErrors::new()).await
}

async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let regions = require_creator(&state, &c).await?;
    let v = EngagementForm::from_pairs(&pairs);
    let t = c.t;
    let choices = choices_of(&state, regions).await?;
    let mut errors = FieldErrors::labelled(form::LABELS);
    let org = v.org.trim().parse::<i64>().ok().and_then(|id| {
        choices
            .iter()
            .find_map(|ch| ch.orgs.iter().find(|o| o.id == id).map(|o| (ch, o)))
    });
    let Some((region_choice, org)) = org else {
        errors.add(&t, "org", "engagements.error.org");
        let _ = v.parse(&t, &mut errors);
        return render_form(c, None, choices, String::new(), true, v, errors).await;
    };
    let consultants = v.consultant_ids(&t, &region_choice.consultants, &mut errors);
    let fields = v.parse(&t, &mut errors);
    match fields {
        Some(fields) if errors.is_empty() => {
            let region_id = region_choice.region.id;
            let id = state
                .store
                .create_engagement(region_id, org.id, &consultants, &fields, &c.actor())
                .await?;
            Ok(redirect_with_flash(
                &format!("/engagements/{id}"),
                "flash.engagement_saved",
                state.config.cookie_secure,
            ))
        }
        _ => render_form(c, None, choices, String::new(), true, v, errors).await,
    }
}

/// Edit: whoever may work on it (ありたい姿, team) or manage it (status, period,
/// consultants).
async fn editable(state: &AppState, c: &Ctx, id: i64) -> Result<(Engagement, bool), AppError> {
    c.require(&Action::SignedIn)?;
    let e = state.store.engagement(id).await?;
    if !c.can(&view_action(&e)) {
        return Err(AppError::NotFound);
    }
    let can_manage = c.can(&manage_action(&e));
    if !can_manage && !c.can(&work_action(&e)) {
        return Err(AppError::Forbidden);
    }
    Ok((e, can_manage))
}

async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (e, can_manage) = editable(&state, &c, id).await?;
    let org = state.store.organization(e.org_id).await?;
    let choices = if can_manage {
        choices_of(&state, vec![state.store.region(e.region_id).await?]).await?
    } else {
        Vec::new()
    };
    let v = EngagementForm::of(&e);
    render_form(
        c,
        Some(id),
        choices,
        org.name,
        can_manage,
        v,
        FieldErrors::new(),
    )
    .await
}

async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (e, can_manage) = editable(&state, &c, id).await?;
    let org = state.store.organization(e.org_id).await?;
    let t = c.t;
    let mut v = EngagementForm::from_pairs(&pairs);
    let current = EngagementForm::of(&e);
    if !can_manage {
        // Status, period and consultants are not theirs to change.
        v.status = current.status;
        v.starts_on = current.starts_on;
        v.ends_on = current.ends_on;
    }
    let choices = if can_manage {
        choices_of(&state, vec![state.store.region(e.region_id).await?]).await?
    } else {
        Vec::new()
    };
    let mut errors = FieldErrors::labelled(form::LABELS);
    let consultants = if can_manage {
        Some(v.consultant_ids(&t, &choices[0].consultants, &mut errors))
    } else {
        None
    };
    match v.parse(&t, &mut errors) {
        Some(fields) if errors.is_empty() => {
            state
                .store
                .update_engagement(id, &fields, consultants.as_deref(), &c.actor())
                .await?;
            Ok(redirect_with_flash(
                &format!("/engagements/{id}"),
                "flash.engagement_saved",
                state.config.cookie_secure,
            ))
        }
        _ => render_form(c, Some(id), choices, org.name, can_manage, v, errors).await,
    }
}

/// One row of the action sheet as the page shows it.
pub struct ActionView {
    pub id: i64,
    pub issue: String,
    pub cause: String,
    pub action: String,
    pub owner: String,
    pub due: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub overdue: bool,
    /// 「第2回（2026年6月24日）」: the meeting it was raised at.
    pub raised_at: String,
}

impl ActionView {
    /// Whether the action is in the state stored as `code` (for the select).
    pub fn is(&self, code: &str) -> bool {
        self.status_code == code
    }
}

pub(crate) fn action_views(
    t: &Tr,
    actions: &[ActionItem],
    meetings: &[Meeting],
    today: jiff::civil::Date,
) -> Vec<ActionView> {
    let numbers: HashMap<i64, (usize, jiff::civil::Date)> = meetings
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id, (i + 1, m.fields.held_on)))
        .collect();
    actions
        .iter()
        .map(|a| ActionView {
            id: a.id,
            issue: a.fields.issue.clone(),
            cause: a.fields.cause.clone(),
            action: a.fields.action.clone(),
            owner: a.fields.owner.clone(),
            due: a
                .fields
                .due_on
                .map(|d| t.date(&d.to_string()))
                .unwrap_or_default(),
            status: t.pick(a.fields.status.name_ja(), a.fields.status.name_en()),
            status_code: a.fields.status.as_str(),
            overdue: overdue(a, today),
            raised_at: a
                .meeting_id
                .and_then(|m| numbers.get(&m))
                .map(|(n, d)| {
                    t.f2(
                        "engagements.meeting_number",
                        "n",
                        n,
                        "date",
                        t.date(&d.to_string()),
                    )
                })
                .unwrap_or_default(),
        })
        .collect()
}

pub struct MeetingRow {
    pub id: i64,
    pub title: String,
    pub agenda: String,
}

#[derive(Template)]
#[template(path = "engagements/page.html")]
struct EngagementPage {
    c: Ctx,
    v: EngagementView,
    /// ありたい姿 and the records: consultants and the organization's people.
    records: bool,
    vision: Vec<String>,
    team: Vec<TeamMember>,
    meetings: Vec<MeetingRow>,
    actions: Vec<ActionView>,
    open_count: usize,
    overdue_count: usize,
    can_work: bool,
    can_edit: bool,
    access: access::AccessView,
    next_meeting: String,
    goals: Vec<goals::GoalView>,
    goal_form: goals::GoalChoices,
    can_report: bool,
    can_type_finances: bool,
    action_statuses: Vec<(&'static str, &'static str)>,
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let e = engagement_for(&state, &c, id, view_action).await?;
    let t = c.t;
    let today = crate::today_jst();
    let v = view(&state, &t, &e).await?;
    let meetings = state.store.engagement_meetings(id).await?;
    let actions = state.store.engagement_actions(id).await?;
    let views = action_views(&t, &actions, &meetings, today);
    let open_count = actions.iter().filter(|a| a.fields.status.is_open()).count();
    let overdue_count = views.iter().filter(|a| a.overdue).count();
    let next = meetings::proposed_date(&e, &meetings, today);
    let org = state.store.organization(e.org_id).await?;
    let records = c.can(&records_action(&e));
    let goals = goals::goal_views(&state, &c, &e, &org).await?;
    let page = EngagementPage {
        records,
        vision: paragraphs(&e.fields.vision),
        team: e.fields.team.clone(),
        meetings: meetings
            .iter()
            .enumerate()
            .map(|(i, m)| MeetingRow {
                id: m.id,
                title: t.f2(
                    "engagements.meeting_number",
                    "n",
                    i + 1,
                    "date",
                    t.date(&m.fields.held_on.to_string()),
                ),
                agenda: m.fields.agenda.clone(),
            })
            .collect(),
        actions: if records { views } else { Vec::new() },
        open_count,
        overdue_count,
        can_work: c.can(&work_action(&e)),
        can_edit: c.can(&work_action(&e)) || c.can(&manage_action(&e)),
        access: access::view(&c, &e),
        next_meeting: t.date(&next.to_string()),
        goals,
        goal_form: goals::goal_choices(&t),
        can_report: c.can(&report::report_action(&e, &org)),
        can_type_finances: c.can(&Action::DeclareForOrganization { org_id: e.org_id }),
        action_statuses: domain::engagement::ActionStatus::ALL
            .iter()
            .map(|s| (s.as_str(), t.pick(s.name_ja(), s.name_en())))
            .collect(),
        v,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}
