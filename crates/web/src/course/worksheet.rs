//! One participant's worksheet for one session: the participant writes it (a
//! draft saved as they type through htmx, or with the save button without
//! script) and submits revisions; the facilitators read the latest revision and
//! comment on it; everyone who may read it sees the history.
//!
//! Who reads it: `Action::ViewWorksheet` (the participant, their organization's
//! admins, the course's facilitators, the region's staff). Anyone else gets 404.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use domain::course::{FigureSnapshot, WorksheetContent, WorksheetKind};
use serde::Deserialize;
use store::courses::{Comment, CourseSession, NamedUser, Participant, Revision, Worksheet};

use super::figures::{self, FigureLine};
use super::sheet_form::{self, GroupView, Values};
use super::{CourseCtx, kind_name, load_course, session_label, worksheet_url};
use crate::AppState;
use crate::auth::{redirect_with_flash, redirect_with_flash_args};
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;
use crate::i18n::Tr;

/// The worksheet in question and the reader's standing.
pub struct SheetCtx {
    pub cc: CourseCtx,
    pub participant: Participant,
    pub session: CourseSession,
    pub worksheet: Option<Worksheet>,
    pub can_edit: bool,
    pub can_comment: bool,
}

impl SheetCtx {
    fn url(&self) -> String {
        worksheet_url(self.cc.course.id, self.participant.id, self.session.id)
    }
}

/// The worksheet for someone who may read it; 404 for anyone else, and for a
/// participant or session not of this course.
pub async fn sheet_for(
    state: &AppState,
    c: &Ctx,
    (id, participant, session): (i64, i64, i64),
) -> Result<SheetCtx, AppError> {
    let cc = load_course(state, c, id).await?;
    let participant = state.store.course_participant(participant).await?;
    let session = cc
        .sessions
        .iter()
        .find(|s| s.id == session)
        .cloned()
        .ok_or(AppError::NotFound)?;
    if participant.course_id != id || !c.can(&cc.view_worksheet_action(&participant)) {
        return Err(AppError::NotFound);
    }
    let worksheet = state.store.worksheet(participant.id, session.id).await?;
    Ok(SheetCtx {
        can_edit: c.can(&Action::EditWorksheet {
            participant_user_id: participant.user_id,
        }),
        can_comment: c.can(&cc.facilitate_action()),
        cc,
        participant,
        session,
        worksheet,
    })
}

/// A revision as shown: its number, when, its content and its comments.
pub struct RevisionView {
    pub number: i64,
    pub submitted_at: String,
    pub groups: Vec<GroupView>,
    pub figures: Vec<FigureLine>,
    pub comments: Vec<Comment>,
}

fn revision_view(t: &Tr, r: &Revision, comments: &[Comment]) -> RevisionView {
    RevisionView {
        number: r.number,
        submitted_at: t.datetime(&r.submitted_at),
        groups: sheet_form::read_only(t, &r.content),
        figures: attached(&r.content)
            .iter()
            .map(|f| figures::line(t, f, true))
            .collect(),
        comments: comments
            .iter()
            .filter(|c| c.revision_id == r.id)
            .cloned()
            .collect(),
    }
}

fn attached(c: &WorksheetContent) -> &[FigureSnapshot] {
    match c {
        WorksheetContent::Issues(s) => &s.figures,
        _ => &[],
    }
}

#[derive(Template)]
#[template(path = "course/worksheet.html")]
struct SheetPage {
    c: Ctx,
    course_id: i64,
    course_title: String,
    url: String,
    title: String,
    session: String,
    participant: String,
    kind: WorksheetKind,
    can_edit: bool,
    can_comment: bool,
    groups: Vec<GroupView>,
    /// Figures offered (and those attached), for the first worksheet.
    figures: Vec<FigureLine>,
    saved_at: Option<String>,
    revisions: i64,
    latest: Option<RevisionView>,
    /// Every comment, oldest first, each naming its revision.
    comments: Vec<Comment>,
    errors: FieldErrors,
    comment_error: Option<String>,
}

fn hh_mm(t: &Tr, stamp: &str) -> String {
    let s = t.datetime(stamp);
    s.get(s.len().saturating_sub(5)..).unwrap_or(&s).to_string()
}

async fn render(
    state: &AppState,
    c: Ctx,
    sc: SheetCtx,
    typed: Option<(Values, Vec<FigureSnapshot>)>,
    errors: FieldErrors,
    comment_error: Option<String>,
) -> Result<Response, AppError> {
    let t = c.t;
    let kind = sc.session.kind;
    let draft = sc.worksheet.as_ref().and_then(|w| w.draft.clone());
    let (values, chosen) = match typed {
        Some(v) => v,
        None => match &draft {
            Some(d) => (sheet_form::values_of_content(d), attached(d).to_vec()),
            None => (Values::new(), Vec::new()),
        },
    };
    let mut figure_lines = Vec::new();
    if sc.can_edit && kind == WorksheetKind::Issues {
        let p = c.require(&Action::SignedIn)?.clone();
        let available = figures::attachable(state, &p, sc.participant.org_id).await?;
        for f in &chosen {
            figure_lines.push(figures::line(&t, f, true));
        }
        for f in &available {
            if !chosen.iter().any(|x| x.key() == f.key()) {
                figure_lines.push(figures::line(&t, f, false));
            }
        }
    }
    let (revisions, comments) = match &sc.worksheet {
        Some(w) => (
            state.store.worksheet_revisions(w.id).await?,
            state.store.worksheet_comments(w.id).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let latest = revisions.first().map(|r| revision_view(&t, r, &comments));
    let status = if errors.is_empty() && comment_error.is_none() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = SheetPage {
        course_id: sc.cc.course.id,
        course_title: sc.cc.course.title.clone(),
        url: sc.url(),
        title: kind_name(&t, kind).to_string(),
        session: session_label(&t, &sc.session),
        participant: super::person_of(&t, &sc.participant.display_name, &sc.participant.org_name),
        kind,
        can_edit: sc.can_edit,
        can_comment: sc.can_comment && latest.is_some(),
        groups: sheet_form::groups(&t, kind, &values),
        figures: figure_lines,
        saved_at: sc
            .worksheet
            .as_ref()
            .and_then(|w| w.draft_saved_at.as_deref())
            .map(|s| hh_mm(&t, s)),
        revisions: sc.worksheet.as_ref().map(|w| w.revisions).unwrap_or(0),
        latest,
        comments,
        errors,
        comment_error,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(ids): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let sc = sheet_for(&state, &c, ids).await?;
    render(&state, c, sc, None, FieldErrors::new(), None).await
}

/// The worksheet for its participant to write; 404 for who may not read it,
/// 403 for a reader who may not write it.
async fn editable(state: &AppState, c: &Ctx, ids: (i64, i64, i64)) -> Result<SheetCtx, AppError> {
    let sc = sheet_for(state, c, ids).await?;
    if !sc.can_edit {
        return Err(AppError::Forbidden);
    }
    Ok(sc)
}

/// The posted form as content, with the ticked figures resolved into snapshots.
async fn posted(
    state: &AppState,
    c: &Ctx,
    sc: &SheetCtx,
    pairs: &[(String, String)],
) -> Result<
    (
        Values,
        Vec<FigureSnapshot>,
        Result<WorksheetContent, FieldErrors>,
    ),
    AppError,
> {
    let values = sheet_form::values_of(pairs);
    let mut chosen = Vec::new();
    if sc.session.kind == WorksheetKind::Issues {
        let p = c.require(&Action::SignedIn)?.clone();
        let before: Vec<FigureSnapshot> = sc
            .worksheet
            .as_ref()
            .and_then(|w| w.draft.as_ref())
            .map(|d| attached(d).to_vec())
            .unwrap_or_default();
        let available = figures::attachable(state, &p, sc.participant.org_id).await?;
        chosen = figures::resolve(&sheet_form::ticked_figures(pairs), &before, &available);
    }
    let parsed = sheet_form::parse(&c.t, sc.session.kind, &values, chosen.clone());
    Ok((values, chosen, parsed))
}

#[derive(Template)]
#[template(path = "course/draft_saved.html")]
struct DraftSaved {
    message: String,
}

/// Save the draft. From htmx (as the participant types): a small fragment
/// 「下書きを保存しました HH:MM」; from the save button without script: back to
/// the page.
pub async fn draft(
    State(state): State<AppState>,
    c: Ctx,
    Path(ids): Path<(i64, i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let sc = editable(&state, &c, ids).await?;
    let t = c.t;
    let (values, chosen, parsed) = posted(&state, &c, &sc, &pairs).await?;
    let content = match parsed {
        Ok(content) => content,
        Err(errors) if c.htmx => {
            let message = t.f1("course.draft_not_saved", "n", errors.len());
            return Ok(Html(DraftSaved { message }.render()?).into_response());
        }
        Err(errors) => {
            return render(&state, c, sc, Some((values, chosen)), errors, None).await;
        }
    };
    let stamp = state
        .store
        .save_worksheet_draft(sc.participant.id, sc.session.id, &content)
        .await?;
    if c.htmx {
        let message = t.f1("course.draft_saved", "time", hh_mm(&t, &stamp));
        return Ok(Html(DraftSaved { message }.render()?).into_response());
    }
    Ok(redirect_with_flash(
        &sc.url(),
        "flash.course_draft_saved",
        state.config.cookie_secure,
    ))
}

/// Submit the worksheet as a new revision.
pub async fn submit(
    State(state): State<AppState>,
    c: Ctx,
    Path(ids): Path<(i64, i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let sc = editable(&state, &c, ids).await?;
    let t = c.t;
    let (values, chosen, parsed) = posted(&state, &c, &sc, &pairs).await?;
    let content = match parsed {
        Ok(content) if !content.is_blank() => content,
        Ok(_) => {
            let mut errors = FieldErrors::new();
            let first = sheet_form::groups(&t, sc.session.kind, &values)
                .first()
                .and_then(|g| g.fields.first())
                .map(|f| f.id.clone())
                .unwrap_or_default();
            errors.add_labelled(&t, &first, "course.sheet.worksheet", "course.error.empty");
            return render(&state, c, sc, Some((values, chosen)), errors, None).await;
        }
        Err(errors) => {
            return render(&state, c, sc, Some((values, chosen)), errors, None).await;
        }
    };
    let number = state
        .store
        .submit_worksheet(sc.participant.id, sc.session.id, &content, &c.actor())
        .await?;
    Ok(redirect_with_flash_args(
        &sc.url(),
        "flash.course_submitted",
        &[("n", &number.to_string())],
        state.config.cookie_secure,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CommentForm {
    revision: String,
    body: String,
}

/// A facilitator's comment on the revision they read.
pub async fn comment(
    State(state): State<AppState>,
    c: Ctx,
    Path(ids): Path<(i64, i64, i64)>,
    Form(f): Form<CommentForm>,
) -> Result<Response, AppError> {
    let sc = sheet_for(&state, &c, ids).await?;
    if !sc.can_comment {
        return Err(AppError::Forbidden);
    }
    let p = c.require(&Action::SignedIn)?.clone();
    let t = c.t;
    let body = f.body.trim();
    let number: i64 = f.revision.trim().parse().unwrap_or(0);
    let error = if body.is_empty() {
        Some("form.required")
    } else if body.chars().count() > domain::course::MAX_COMMENT {
        Some("form.too_long")
    } else {
        None
    };
    let Some(w) = &sc.worksheet else {
        return Err(AppError::NotFound);
    };
    if let Some(key) = error {
        let message = t.t(key).to_string();
        return render(&state, c, sc, None, FieldErrors::new(), Some(message)).await;
    }
    let author = NamedUser {
        user_id: p.user_id,
        display_name: p.display_name.clone(),
    };
    match state
        .store
        .add_worksheet_comment(w.id, number, &author, body, &c.actor())
        .await
    {
        Ok(_) => Ok(redirect_with_flash(
            &format!("{}#comments", sc.url()),
            "flash.course_commented",
            state.config.cookie_secure,
        )),
        Err(store::Error::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "course/history.html")]
struct HistoryPage {
    c: Ctx,
    course_id: i64,
    course_title: String,
    url: String,
    title: String,
    session: String,
    participant: String,
    revisions: Vec<RevisionView>,
}

/// Every revision, the newest first, each with the comments made on it.
pub async fn history(
    State(state): State<AppState>,
    c: Ctx,
    Path(ids): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let sc = sheet_for(&state, &c, ids).await?;
    let t = c.t;
    let revisions = match &sc.worksheet {
        Some(w) => {
            let comments = state.store.worksheet_comments(w.id).await?;
            state
                .store
                .worksheet_revisions(w.id)
                .await?
                .iter()
                .map(|r| revision_view(&t, r, &comments))
                .collect()
        }
        None => Vec::new(),
    };
    let page = HistoryPage {
        course_id: sc.cc.course.id,
        course_title: sc.cc.course.title.clone(),
        url: sc.url(),
        title: kind_name(&t, sc.session.kind).to_string(),
        session: session_label(&t, &sc.session),
        participant: super::person_of(&t, &sc.participant.display_name, &sc.participant.org_name),
        revisions,
        c,
    };
    Ok(Html(page.render()?).into_response())
}
