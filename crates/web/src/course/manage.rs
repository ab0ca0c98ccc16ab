//! Running a course, for the region's staff: add a session, enrol a participant
//! (picked among the users of the region's member organizations), name a
//! facilitator (a consultant of the region), mark who attended a session.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::course::WorksheetKind;
use serde::Deserialize;
use store::courses::{NewSession, ParticipantProgress};

use super::{CourseCtx, kind_name, load_course, session_label};
use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::context::Ctx;
use crate::errors::AppError;

/// What the staff's forms on the course page offer.
pub struct ManageForms {
    /// (value, label) of the worksheet kinds.
    pub kinds: Vec<(&'static str, &'static str)>,
    /// Users who may be enrolled: (user id, 「name（organization）」).
    pub candidates: Vec<(i64, String)>,
    /// Consultants who may be named facilitators.
    pub consultants: Vec<(i64, String)>,
    /// Per session: (id, label, who).
    pub attendance: Vec<(i64, String, Vec<Present>)>,
}

/// A participant on a session's register: (participant id, name, attended).
pub type Present = (i64, String, bool);

pub async fn forms(
    state: &AppState,
    t: &crate::i18n::Tr,
    cc: &CourseCtx,
    progress: &[ParticipantProgress],
) -> Result<ManageForms, AppError> {
    let enrolled: Vec<i64> = progress.iter().map(|p| p.participant.user_id).collect();
    let candidates = state
        .store
        .org_users_in_region(cc.course.region_id)
        .await?
        .into_iter()
        .filter(|u| !enrolled.contains(&u.user_id))
        .map(|u| (u.user_id, super::person_of(t, &u.display_name, &u.org_name)))
        .collect();
    let named: Vec<i64> = state
        .store
        .course_facilitators(cc.course.id)
        .await?
        .iter()
        .map(|f| f.user_id)
        .collect();
    let consultants = state
        .store
        .consultants_of_region(cc.course.region_id)
        .await?
        .into_iter()
        .filter(|u| !named.contains(&u.user_id))
        .map(|u| (u.user_id, u.display_name))
        .collect();
    Ok(ManageForms {
        kinds: WorksheetKind::DEFAULT_SEQUENCE
            .iter()
            .map(|k| (k.as_str(), kind_name(t, *k)))
            .collect(),
        candidates,
        consultants,
        attendance: cc
            .sessions
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    s.id,
                    session_label(t, s),
                    progress
                        .iter()
                        .map(|p| {
                            (
                                p.participant.id,
                                p.participant.display_name.clone(),
                                p.sessions.get(i).is_some_and(|x| x.attended),
                            )
                        })
                        .collect(),
                )
            })
            .collect(),
    })
}

/// The course for its region's staff: 404 for anyone who may not know of it,
/// 403 for a facilitator or participant (who may see it, not run it).
async fn managed(state: &AppState, c: &Ctx, id: i64) -> Result<CourseCtx, AppError> {
    let cc = load_course(state, c, id).await?;
    if c.can(&cc.manage_action()) {
        Ok(cc)
    } else if c.can(&cc.view_action()) {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::NotFound)
    }
}

fn back(state: &AppState, id: i64, key: &str) -> Response {
    redirect_with_flash(
        &format!("/courses/{id}#manage"),
        key,
        state.config.cookie_secure,
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SessionForm {
    held_on: String,
    venue: String,
    kind: String,
}

pub async fn add_session(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<SessionForm>,
) -> Result<Response, AppError> {
    let cc = managed(&state, &c, id).await?;
    let date = domain::normalize_digits(&f.held_on)
        .trim()
        .replace('/', "-")
        .parse::<jiff::civil::Date>();
    let kind = WorksheetKind::parse(&f.kind);
    let venue = f.venue.trim();
    let (Ok(held_on), Ok(kind)) = (date, kind) else {
        return Ok(back(&state, id, "flash.course_session_invalid"));
    };
    if venue.chars().count() > domain::course::SHORT_TEXT
        || cc.sessions.len() >= domain::course::MAX_SESSIONS
    {
        return Ok(back(&state, id, "flash.course_session_invalid"));
    }
    state
        .store
        .add_course_session(
            id,
            &NewSession {
                held_on,
                venue: venue.to_string(),
                kind,
            },
            &c.actor(),
        )
        .await?;
    Ok(back(&state, id, "flash.course_session_added"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UserForm {
    user: String,
}

pub async fn enrol(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<UserForm>,
) -> Result<Response, AppError> {
    let cc = managed(&state, &c, id).await?;
    let user: i64 = f.user.trim().parse().unwrap_or(0);
    // Only a user of one of the region's organizations; their first one.
    let Some(u) = state
        .store
        .org_users_in_region(cc.course.region_id)
        .await?
        .into_iter()
        .find(|u| u.user_id == user)
    else {
        return Ok(back(&state, id, "flash.course_pick_user"));
    };
    match state
        .store
        .enrol_participant(id, u.user_id, u.org_id, &c.actor())
        .await
    {
        Ok(_) => Ok(back(&state, id, "flash.course_enrolled")),
        Err(store::Error::Conflict(_)) => Ok(back(&state, id, "flash.course_already_enrolled")),
        Err(e) => Err(e.into()),
    }
}

pub async fn add_facilitator(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<UserForm>,
) -> Result<Response, AppError> {
    let cc = managed(&state, &c, id).await?;
    let user: i64 = f.user.trim().parse().unwrap_or(0);
    if !state
        .store
        .consultants_of_region(cc.course.region_id)
        .await?
        .iter()
        .any(|u| u.user_id == user)
    {
        return Ok(back(&state, id, "flash.course_pick_user"));
    }
    match state
        .store
        .add_course_facilitator(id, user, &c.actor())
        .await
    {
        Ok(()) | Err(store::Error::Conflict(_)) => {
            Ok(back(&state, id, "flash.course_facilitator_added"))
        }
        Err(e) => Err(e.into()),
    }
}

/// The attendance form: one `present` checkbox per participant who came.
pub async fn attendance(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, session)): Path<(i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let cc = managed(&state, &c, id).await?;
    if !cc.sessions.iter().any(|s| s.id == session) {
        return Err(AppError::NotFound);
    }
    let present: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "present")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    state
        .store
        .set_session_attendance(session, &present, &c.actor())
        .await?;
    Ok(back(&state, id, "flash.course_attendance_saved"))
}
