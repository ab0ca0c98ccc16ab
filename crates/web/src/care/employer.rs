//! The employer's side of the caregiving guide, `/orgs/{id}/care`: the duties
//! in force since 2025-04 as a checklist (each with the day it was set up and
//! how), and the record of each individual notice (個別周知・意向確認) given.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kpi::caregiving::{EmployerDuty, Explained};
use store::care::{CareDuty, CareNotice};

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};

/// Longest note on a duty and longest name of an employee, in characters.
const NOTE_MAX: usize = 300;
const EMPLOYEE_MAX: usize = 60;
/// Most notices listed on the page.
const NOTICES_SHOWN: usize = 200;

/// A duty as the checklist shows it.
pub struct DutyView {
    pub code: &'static str,
    pub name: &'static str,
    pub done_on: String,
    pub note: String,
}

/// A recorded notice as the list shows it.
pub struct NoticeView {
    pub given_on: String,
    pub employee: String,
    pub explained: String,
    pub intention_confirmed: bool,
}

/// An employee's request to talk, as HR reads it.
pub struct RequestView {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub topics: String,
    pub message: String,
    pub at: String,
    pub handled: bool,
}

/// A box of the notice form.
pub struct ExplainedBox {
    pub code: &'static str,
    pub name: &'static str,
    pub checked: bool,
}

/// The notice form as posted.
#[derive(Debug, Clone, Default)]
pub struct NoticeForm {
    pub given_on: String,
    pub employee: String,
    pub explained: Vec<String>,
    pub intention_confirmed: bool,
}

const NOTICE_LABELS: forms::Labels = &[
    ("given_on", "care.notice.given_on"),
    ("employee", "care.notice.employee"),
    ("explained", "care.notice.explained"),
];

const DUTY_LABELS: forms::Labels = &[("duties", "care.duties.title")];

#[derive(Template)]
#[template(path = "care/employer.html")]
struct EmployerPage {
    c: Ctx,
    org: store::orgs::Organization,
    duties: Vec<DutyView>,
    notices: Vec<NoticeView>,
    boxes: Vec<ExplainedBox>,
    requests: Vec<RequestView>,
    v: NoticeForm,
    errors: FieldErrors,
    duty_errors: FieldErrors,
}

fn duty_views(
    c: &Ctx,
    saved: &[CareDuty],
    posted: Option<&[(String, String, String)]>,
) -> Vec<DutyView> {
    EmployerDuty::ALL
        .iter()
        .map(|d| {
            let (done_on, note) = match posted {
                Some(p) => p
                    .iter()
                    .find(|(code, _, _)| code == d.as_str())
                    .map(|(_, on, note)| (on.clone(), note.clone()))
                    .unwrap_or_default(),
                None => saved
                    .iter()
                    .find(|s| s.duty == *d)
                    .map(|s| (s.done_on.clone(), s.note.clone()))
                    .unwrap_or_default(),
            };
            DutyView {
                code: d.as_str(),
                name: c.t.pick(d.name_ja(), d.name_en()),
                done_on,
                note,
            }
        })
        .collect()
}

fn notice_views(c: &Ctx, notices: &[CareNotice]) -> Vec<NoticeView> {
    notices
        .iter()
        .take(NOTICES_SHOWN)
        .map(|n| NoticeView {
            given_on: c.t.date(&n.given_on),
            employee: n.employee.clone(),
            explained: n
                .explained
                .iter()
                .map(|e| c.t.pick(e.name_ja(), e.name_en()))
                .collect::<Vec<_>>()
                .join("、"),
            intention_confirmed: n.intention_confirmed,
        })
        .collect()
}

struct Rendered {
    v: Option<NoticeForm>,
    errors: FieldErrors,
    posted_duties: Option<Vec<(String, String, String)>>,
    duty_errors: FieldErrors,
}

async fn render(
    state: &AppState,
    c: Ctx,
    org: store::orgs::Organization,
    r: Rendered,
) -> Result<Response, AppError> {
    let saved = state.store.care_duties(org.id).await?;
    let notices = state.store.care_notices(org.id).await?;
    let status = if r.errors.is_empty() && r.duty_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let v = r.v.unwrap_or_else(|| NoticeForm {
        given_on: crate::today_jst().strftime("%Y-%m-%d").to_string(),
        ..NoticeForm::default()
    });
    let boxes = Explained::ALL
        .iter()
        .map(|e| ExplainedBox {
            code: e.as_str(),
            name: c.t.pick(e.name_ja(), e.name_en()),
            checked: v.explained.iter().any(|x| x == e.as_str()),
        })
        .collect();
    let requests = state
        .store
        .care_requests(org.id)
        .await?
        .into_iter()
        .map(|r| RequestView {
            id: r.id,
            name: r.name,
            email: r.email,
            topics: r
                .topics
                .iter()
                .map(|e| c.t.pick(e.name_ja(), e.name_en()))
                .collect::<Vec<_>>()
                .join("、"),
            message: r.message,
            at: c.t.datetime(&r.created_at),
            handled: r.handled,
        })
        .collect();
    let page = EmployerPage {
        requests,
        duties: duty_views(&c, &saved, r.posted_duties.as_deref()),
        notices: notice_views(&c, &notices),
        boxes,
        v,
        errors: r.errors,
        duty_errors: r.duty_errors,
        org,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
) -> Result<Response, AppError> {
    let org = c.org_for_admin(&state.store, org_id).await?;
    let r = Rendered {
        v: None,
        errors: FieldErrors::new(),
        posted_duties: None,
        duty_errors: FieldErrors::new(),
    };
    render(&state, c, org, r).await
}

/// The checklist as posted: `done_{duty}` (a date, empty when not yet) and
/// `note_{duty}` for each duty.
pub async fn save_duties(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let org = c.org_for_admin(&state.store, org_id).await?;
    if pairs.len() > EmployerDuty::ALL.len() * 2 + 4 {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    let value = |prefix: &str, d: &EmployerDuty| -> String {
        pairs
            .iter()
            .find(|(k, _)| k.strip_prefix(prefix) == Some(d.as_str()))
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut errors = FieldErrors::labelled(DUTY_LABELS);
    let mut duties = Vec::new();
    let mut posted = Vec::new();
    for d in EmployerDuty::ALL {
        let done = value("done_", &d);
        let note = value("note_", &d);
        posted.push((d.as_str().to_string(), done.clone(), note.clone()));
        if note.chars().count() > NOTE_MAX {
            errors.add(&c.t, "duties", "care.duties.error_note");
        }
        if done.is_empty() {
            continue;
        }
        let mut date_errors = FieldErrors::new();
        match forms::date(&mut date_errors, &c.t, "duties", &done) {
            Some(day) if day <= crate::today_jst() => duties.push(CareDuty {
                duty: d,
                done_on: day.strftime("%Y-%m-%d").to_string(),
                note,
            }),
            _ => errors.add(&c.t, "duties", "care.duties.error_date"),
        }
    }
    if !errors.is_empty() {
        let r = Rendered {
            v: None,
            errors: FieldErrors::new(),
            posted_duties: Some(posted),
            duty_errors: errors,
        };
        return render(&state, c, org, r).await;
    }
    let by = c.user.as_ref().map(|u| u.user_id);
    state.store.save_care_duties(org_id, &duties, by).await?;
    let codes: Vec<&str> = duties.iter().map(|d| d.duty.as_str()).collect();
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "care_duties",
            org_id,
            &serde_json::json!({ "org_id": org_id, "done": codes }).to_string(),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{org_id}/care"),
        "flash.care_duties_saved",
        &[],
        state.config.cookie_secure,
    ))
}

/// A notice as posted: `given_on`, `employee`, one `explained` per box,
/// `intention_confirmed`.
pub async fn record_notice(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let org = c.org_for_admin(&state.store, org_id).await?;
    if pairs.len() > Explained::ALL.len() * 2 + 8 {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    let mut v = NoticeForm::default();
    for (k, val) in pairs {
        match k.as_str() {
            "given_on" => v.given_on = val,
            "employee" => v.employee = val,
            "explained" => v.explained.push(val),
            "intention_confirmed" => v.intention_confirmed = true,
            _ => {}
        }
    }
    let mut errors = FieldErrors::labelled(NOTICE_LABELS);
    let day = forms::date(&mut errors, &c.t, "given_on", &v.given_on);
    if day.is_some_and(|d| d > crate::today_jst()) {
        errors.add(&c.t, "given_on", "care.notice.error_future");
    }
    let employee = forms::text(
        &mut errors,
        &c.t,
        "employee",
        &v.employee,
        true,
        EMPLOYEE_MAX,
    );
    let explained: Option<Vec<Explained>> =
        v.explained.iter().map(|e| Explained::parse(e)).collect();
    match &explained {
        None => errors.add(&c.t, "explained", "care.notice.error_explained"),
        Some(list) if list.is_empty() => errors.add(&c.t, "explained", "care.notice.error_none"),
        Some(_) => {}
    }
    let (Some(day), Some(explained), true) = (day, explained, errors.is_empty()) else {
        let r = Rendered {
            v: Some(v),
            errors,
            posted_duties: None,
            duty_errors: FieldErrors::new(),
        };
        return render(&state, c, org, r).await;
    };
    let by = c.user.as_ref().map(|u| u.user_id);
    let given_on = day.strftime("%Y-%m-%d").to_string();
    let id = state
        .store
        .record_care_notice(
            org_id,
            &given_on,
            &employee,
            &explained,
            v.intention_confirmed,
            by,
        )
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            "create",
            "care_notice",
            id,
            &serde_json::json!({
                "org_id": org_id,
                "given_on": given_on,
                "explained": Explained::join(&explained),
            })
            .to_string(),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{org_id}/care"),
        "flash.care_notice_recorded",
        &[],
        state.config.cookie_secure,
    ))
}
