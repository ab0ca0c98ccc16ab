//! カエル会議 and the action sheet. A meeting is proposed about every two weeks
//! (`domain::engagement::next_meeting`: +14 days, off weekends and holidays); the
//! actions still open when a meeting is held are carried over to it and shown
//! on its page; an action past its due day says so in words.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use store::engagements::{ActionItem, Engagement, Meeting};

use super::form::{ActionForm, MEETING_LABELS, MeetingForm};
use super::{
    ActionView, EngagementView, action_views, engagement_for, records_action, work_action,
};
use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;

/// The date proposed for the next meeting: two weeks after the last one, or the
/// first working day from the start (or today, when the start is past).
pub fn proposed_date(
    e: &Engagement,
    meetings: &[Meeting],
    today: jiff::civil::Date,
) -> jiff::civil::Date {
    match meetings.last() {
        Some(m) => domain::engagement::next_meeting(m.fields.held_on),
        None => {
            let mut d = e.fields.starts_on.max(today);
            for _ in 0..14 {
                if domain::engagement::is_working_day(d) {
                    break;
                }
                d = d.tomorrow().unwrap_or(d);
            }
            d
        }
    }
}

/// The actions carried over to a meeting held on `held_on`: those still open
/// that were raised before it (at an earlier meeting, or between meetings).
fn carried_over<'a>(
    actions: &'a [ActionItem],
    meetings: &[Meeting],
    meeting_id: Option<i64>,
    held_on: jiff::civil::Date,
) -> Vec<&'a ActionItem> {
    actions
        .iter()
        .filter(|a| a.fields.status.is_open())
        .filter(|a| match a.meeting_id {
            Some(m) if Some(m) == meeting_id => false,
            Some(m) => meetings
                .iter()
                .find(|x| x.id == m)
                .is_some_and(|x| x.fields.held_on <= held_on),
            None => true,
        })
        .collect()
}

fn owned(items: Vec<&ActionItem>) -> Vec<ActionItem> {
    items.into_iter().cloned().collect()
}

#[derive(Template)]
#[template(path = "engagements/meeting_form.html")]
struct MeetingFormPage {
    c: Ctx,
    v: EngagementView,
    form: MeetingForm,
    errors: FieldErrors,
    carried: Vec<ActionView>,
    number: usize,
}

async fn render_form(
    state: &AppState,
    c: Ctx,
    e: &Engagement,
    form: MeetingForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let t = c.t;
    let today = crate::today_jst();
    let meetings = state.store.engagement_meetings(e.id).await?;
    let actions = state.store.engagement_actions(e.id).await?;
    let held_on = form
        .held_on
        .trim()
        .parse()
        .unwrap_or_else(|_| proposed_date(e, &meetings, today));
    let carried = owned(carried_over(&actions, &meetings, None, held_on));
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = MeetingFormPage {
        v: super::view(state, &t, e).await?,
        carried: action_views(&t, &carried, &meetings, today),
        number: meetings.len() + 1,
        form,
        errors,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn new_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let e = engagement_for(&state, &c, id, work_action).await?;
    let meetings = state.store.engagement_meetings(id).await?;
    let form = MeetingForm {
        held_on: proposed_date(&e, &meetings, crate::today_jst()).to_string(),
        ..MeetingForm::default()
    };
    render_form(&state, c, &e, form, FieldErrors::labelled(MEETING_LABELS)).await
}

pub async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<MeetingForm>,
) -> Result<Response, AppError> {
    let e = engagement_for(&state, &c, id, work_action).await?;
    let t = c.t;
    let mut errors = FieldErrors::labelled(MEETING_LABELS);
    match form.parse(&t, &mut errors) {
        Some((meeting, action)) => {
            let actions: Vec<_> = action.into_iter().collect();
            let mid = state
                .store
                .record_meeting(e.id, &meeting, &actions, &c.actor())
                .await?;
            Ok(redirect_with_flash(
                &format!("/engagements/{id}/meetings/{mid}"),
                "flash.meeting_saved",
                state.config.cookie_secure,
            ))
        }
        None => render_form(&state, c, &e, form, errors).await,
    }
}

#[derive(Template)]
#[template(path = "engagements/meeting.html")]
struct MeetingPage {
    c: Ctx,
    v: EngagementView,
    title: String,
    participants: String,
    agenda: Vec<String>,
    minutes: Vec<String>,
    carried: Vec<ActionView>,
    decided: Vec<ActionView>,
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, meeting_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let e = engagement_for(&state, &c, id, records_action).await?;
    let t = c.t;
    let today = crate::today_jst();
    let m = state.store.engagement_meeting(id, meeting_id).await?;
    let meetings = state.store.engagement_meetings(id).await?;
    let actions = state.store.engagement_actions(id).await?;
    let number = meetings.iter().position(|x| x.id == m.id).unwrap_or(0) + 1;
    let carried = owned(carried_over(
        &actions,
        &meetings,
        Some(m.id),
        m.fields.held_on,
    ));
    let decided: Vec<ActionItem> = actions
        .iter()
        .filter(|a| a.meeting_id == Some(m.id))
        .cloned()
        .collect();
    let page = MeetingPage {
        v: super::view(&state, &t, &e).await?,
        title: t.f2(
            "engagements.meeting_number",
            "n",
            number,
            "date",
            t.date(&m.fields.held_on.to_string()),
        ),
        participants: m.fields.participants.clone(),
        agenda: super::paragraphs(&m.fields.agenda),
        minutes: super::paragraphs(&m.fields.minutes),
        carried: action_views(&t, &carried, &meetings, today),
        decided: action_views(&t, &decided, &meetings, today),
        c,
    };
    Ok(Html(page.render()?).into_response())
}

/// Add a row to the action sheet between meetings (from the engagement page).
pub async fn add_action(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    let e = engagement_for(&state, &c, id, work_action).await?;
    let mut errors = FieldErrors::labelled(MEETING_LABELS);
    let Some(a) = form.parse(&c.t, &mut errors) else {
        let msg = errors
            .all()
            .iter()
            .map(|(_, l, m)| format!("{l}: {m}"))
            .collect::<Vec<_>>()
            .join(" ");
        return Err(AppError::BadRequest(msg));
    };
    state
        .store
        .add_engagement_action(e.id, &a, &c.actor())
        .await?;
    Ok(redirect_with_flash(
        &format!("/engagements/{id}#actions"),
        "flash.saved",
        state.config.cookie_secure,
    ))
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
}

pub async fn set_action_status(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, action_id)): Path<(i64, i64)>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let e = engagement_for(&state, &c, id, work_action).await?;
    let status = domain::engagement::ActionStatus::parse(&form.status)
        .map_err(|_| AppError::BadRequest("status".into()))?;
    state
        .store
        .set_engagement_action_status(e.id, action_id, status, &c.actor())
        .await?;
    Ok(redirect_with_flash(
        &format!("/engagements/{id}#action-{action_id}"),
        "flash.saved",
        state.config.cookie_secure,
    ))
}
