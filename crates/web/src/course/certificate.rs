//! The completion certificate (修了証): a printable page (A4, the print
//! stylesheet at the end of app.css) for a participant who completed the course,
//! dated in the Japanese era calendar on the day the last session was held,
//! with the region's name and emblem. Seen by the participant, their
//! organization's admins and the region's staff (`Action::ViewCertificate`);
//! to anyone else, and for a participant who has not completed, it does not
//! exist (404).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};

use super::load_course;
use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

#[derive(Template)]
#[template(path = "course/certificate.html")]
struct CertificatePage {
    c: Ctx,
    course_id: i64,
    name: String,
    org: String,
    course_title: String,
    year: String,
    sessions: usize,
    /// 「令和9年1月21日」 (the last session's day).
    date: String,
    region_name: String,
    region_code: String,
    emblem: Option<(i64, String)>,
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, participant)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let cc = load_course(&state, &c, id).await?;
    let p = state.store.course_participant(participant).await?;
    if p.course_id != id
        || !c.can(&Action::ViewCertificate {
            region_id: cc.course.region_id,
            org_id: p.org_id,
            participant_user_id: p.user_id,
        })
    {
        return Err(AppError::NotFound);
    }
    let completed = state
        .store
        .course_progress(id)
        .await?
        .iter()
        .any(|x| x.participant.id == p.id && x.completed);
    if !completed {
        return Err(AppError::NotFound);
    }
    let t = c.t;
    let last = cc
        .sessions
        .last()
        .and_then(|s| s.held_on.parse::<jiff::civil::Date>().ok())
        .unwrap_or_else(crate::today_jst);
    let date = if t.is_ja() {
        domain::wareki(last)
    } else {
        last.strftime("%B %-d, %Y").to_string()
    };
    let r = &cc.region;
    let region_name = t.pick(&r.name_ja, &r.name_en).to_string();
    let page = CertificatePage {
        course_id: id,
        name: p.display_name.clone(),
        org: p.org_name.clone(),
        course_title: cc.course.title.clone(),
        year: crate::declarations::plain_fiscal_year_label(&t, cc.course.fiscal_year),
        sessions: cc.sessions.len(),
        date,
        region_code: r.code.clone(),
        emblem: r
            .emblem_upload_id
            .map(|e| (e, crate::context::emblem_alt(&t, &r.name_ja, &r.name_en))),
        region_name,
        c,
    };
    Ok(Html(page.render()?).into_response())
}
