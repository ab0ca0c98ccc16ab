//! The leader course (働き方改革推進リーダー養成講座; issue 10).
//!
//! Region staff create a course at `/courses/new` (three sessions by default),
//! then on the course page `/courses/{id}` add sessions, enrol participants (the
//! users of the region's member organizations), name facilitators and mark
//! attendance ([`manage`]). Each participant fills in one worksheet per session
//! ([`worksheet`]), saved as a draft as they type; submitting keeps a revision,
//! facilitators comment on the revision they read. A participant who attended
//! every session and submitted every worksheet completed the course
//! (`domain::course::is_complete`) and has a printable certificate
//! ([`certificate`]).

pub mod certificate;
pub mod figures;
pub mod manage;
pub mod sheet_form;
pub mod worksheet;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::course::WorksheetKind;
use serde::Deserialize;
use store::courses::{Course, CourseSession, NewSession, Participant, ParticipantProgress};
use store::regions::Region;

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::i18n::Tr;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/courses", get(list))
        .route("/courses/new", get(new_form).post(create))
        .route("/courses/{id}", get(page))
        .route("/courses/{id}/sessions", post(manage::add_session))
        .route(
            "/courses/{id}/sessions/{session}/attendance",
            post(manage::attendance),
        )
        .route("/courses/{id}/participants", post(manage::enrol))
        .route("/courses/{id}/facilitators", post(manage::add_facilitator))
        .route(
            "/courses/{id}/participants/{participant}/sessions/{session}",
            get(worksheet::page),
        )
        .route(
            "/courses/{id}/participants/{participant}/sessions/{session}/draft",
            post(worksheet::draft),
        )
        .route(
            "/courses/{id}/participants/{participant}/sessions/{session}/submit",
            post(worksheet::submit),
        )
        .route(
            "/courses/{id}/participants/{participant}/sessions/{session}/comments",
            post(worksheet::comment),
        )
        .route(
            "/courses/{id}/participants/{participant}/sessions/{session}/history",
            get(worksheet::history),
        )
        .route(
            "/courses/{id}/participants/{participant}/certificate",
            get(certificate::page),
        )
}

/// The default course title.
pub const DEFAULT_TITLE: &str = "働き方改革推進リーダー養成講座";

/// A course as the signed-in user stands to it.
pub struct CourseCtx {
    pub course: Course,
    pub region: Region,
    pub sessions: Vec<CourseSession>,
    pub is_facilitator: bool,
    /// The user's own place in the cohort, if they take part.
    pub me: Option<Participant>,
}

impl CourseCtx {
    pub fn view_action(&self) -> Action {
        Action::ViewCourse {
            region_id: self.course.region_id,
            is_facilitator: self.is_facilitator,
            is_participant: self.me.is_some(),
        }
    }

    pub fn manage_action(&self) -> Action {
        Action::ManageCourses {
            region_id: self.course.region_id,
        }
    }

    pub fn facilitate_action(&self) -> Action {
        Action::FacilitateCourse {
            region_id: self.course.region_id,
            is_facilitator: self.is_facilitator,
        }
    }

    /// Reading `p`'s worksheets.
    pub fn view_worksheet_action(&self, p: &Participant) -> Action {
        Action::ViewWorksheet {
            region_id: self.course.region_id,
            org_id: p.org_id,
            participant_user_id: p.user_id,
            is_facilitator: self.is_facilitator,
        }
    }
}

/// The course `id` with the user's standing in it, without checking access.
pub async fn load_course(state: &AppState, c: &Ctx, id: i64) -> Result<CourseCtx, AppError> {
    let Some(user) = &c.user else {
        return Err(AppError::SignInRequired(c.path.clone()));
    };
    let course = state.store.course(id).await?;
    let region = state.store.region(course.region_id).await?;
    let sessions = state.store.course_sessions(id).await?;
    let is_facilitator = state.store.is_course_facilitator(id, user.user_id).await?;
    let me = state
        .store
        .course_participations(user.user_id)
        .await?
        .into_iter()
        .find(|p| p.course_id == id);
    Ok(CourseCtx {
        course,
        region,
        sessions,
        is_facilitator,
        me,
    })
}

/// The course for someone who may open its page; 404 for anyone else.
pub async fn visible_course(state: &AppState, c: &Ctx, id: i64) -> Result<CourseCtx, AppError> {
    let cc = load_course(state, c, id).await?;
    if c.can(&cc.view_action()) {
        Ok(cc)
    } else {
        Err(AppError::NotFound)
    }
}

/// 「第1回　2026年9月17日」
pub fn session_label(t: &Tr, s: &CourseSession) -> String {
    t.f2(
        "course.session_label",
        "n",
        s.position,
        "date",
        t.date(&s.held_on),
    )
}

/// 「菅野 彩（はまなすケミカル株式会社）」 / "Aya Kanno (Hamanasu Chemical)".
pub fn person_of(t: &Tr, name: &str, org: &str) -> String {
    if t.is_ja() {
        format!("{name}（{org}）")
    } else {
        format!("{name} ({org})")
    }
}

pub fn kind_name(t: &Tr, k: WorksheetKind) -> &'static str {
    t.pick(k.name_ja(), k.name_en())
}

/// Whether the session's date has passed (Japan's date; `--today` and the tests fix it).
pub fn is_held(s: &CourseSession) -> bool {
    s.held_on < crate::today_jst().to_string()
}

fn worksheet_url(course: i64, participant: i64, session: i64) -> String {
    format!("/courses/{course}/participants/{participant}/sessions/{session}")
}

// ---------------------------------------------------------------- list

/// A line of the list: a course and where the link goes.
struct CourseLine {
    id: i64,
    title: String,
    year: String,
    region: String,
}

/// A participant an organization's admin sent.
struct SentLine {
    course_title: String,
    name: String,
    org: String,
    worksheets: Vec<(String, String)>,
    certificate: Option<String>,
}

#[derive(Template)]
#[template(path = "course/list.html")]
struct ListPage {
    c: Ctx,
    mine: Vec<CourseLine>,
    managed: Vec<CourseLine>,
    sent: Vec<SentLine>,
    can_create: bool,
}

fn line(t: &Tr, course: &Course, regions: &[Region]) -> CourseLine {
    CourseLine {
        id: course.id,
        title: course.title.clone(),
        year: crate::declarations::plain_fiscal_year_label(t, course.fiscal_year),
        region: regions
            .iter()
            .find(|r| r.id == course.region_id)
            .map(|r| t.pick(&r.name_ja, &r.name_en).to_string())
            .unwrap_or_default(),
    }
}

fn managed_regions(c: &Ctx, regions: &[Region]) -> Vec<Region> {
    regions
        .iter()
        .filter(|r| c.can(&Action::ManageCourses { region_id: r.id }))
        .cloned()
        .collect()
}

async fn list(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let p = c.require(&Action::SignedIn)?.clone();
    let t = c.t;
    let regions = state.store.list_regions().await?;
    let mine = state
        .store
        .courses_of_user(p.user_id)
        .await?
        .iter()
        .map(|x| line(&t, x, &regions))
        .collect();
    let managed_list = managed_regions(&c, &regions);
    let mut managed = Vec::new();
    for r in &managed_list {
        for x in state.store.courses_in_region(r.id).await? {
            managed.push(line(&t, &x, &regions));
        }
    }
    let mut sent = Vec::new();
    for org_id in p.admin_orgs() {
        for part in state.store.course_participants_of_org(org_id).await? {
            if part.user_id == p.user_id {
                continue;
            }
            let course = state.store.course(part.course_id).await?;
            let sessions = state.store.course_sessions(course.id).await?;
            let progress = state.store.course_progress(course.id).await?;
            let completed = progress
                .iter()
                .any(|x| x.participant.id == part.id && x.completed);
            sent.push(SentLine {
                course_title: course.title.clone(),
                worksheets: sessions
                    .iter()
                    .map(|s| {
                        (
                            worksheet_url(course.id, part.id, s.id),
                            session_label(&t, s),
                        )
                    })
                    .collect(),
                certificate: completed.then(|| {
                    format!(
                        "/courses/{}/participants/{}/certificate",
                        course.id, part.id
                    )
                }),
                name: part.display_name,
                org: part.org_name,
            });
        }
    }
    let page = ListPage {
        can_create: !managed_list.is_empty(),
        c,
        mine,
        managed,
        sent,
    };
    Ok(Html(page.render()?).into_response())
}

// ---------------------------------------------------------------- new course

/// Field id → label key.
const LABELS: forms::Labels = &[
    ("region", "course.field.region"),
    ("fiscal_year", "course.field.fiscal_year"),
    ("title", "course.field.title"),
    ("date_1", "course.field.date_1"),
    ("date_2", "course.field.date_2"),
    ("date_3", "course.field.date_3"),
    ("venue_1", "course.field.venue_1"),
    ("venue_2", "course.field.venue_2"),
    ("venue_3", "course.field.venue_3"),
];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CourseForm {
    pub region: String,
    pub fiscal_year: String,
    pub title: String,
    pub date_1: String,
    pub date_2: String,
    pub date_3: String,
    pub venue_1: String,
    pub venue_2: String,
    pub venue_3: String,
}

impl CourseForm {
    /// (fiscal year, title, sessions), or the errors to show.
    fn parse(&self, t: &Tr) -> Result<(i64, String, Vec<NewSession>), FieldErrors> {
        let mut errors = FieldErrors::labelled(LABELS);
        let fy = domain::FiscalYear::parse(&self.fiscal_year)
            .map_err(|e| errors.add(t, "fiscal_year", e.i18n_key()))
            .ok();
        let title = forms::text(
            &mut errors,
            t,
            "title",
            &self.title,
            true,
            domain::course::SHORT_TEXT,
        );
        let mut sessions = Vec::new();
        let rows = [
            ("date_1", &self.date_1, "venue_1", &self.venue_1),
            ("date_2", &self.date_2, "venue_2", &self.venue_2),
            ("date_3", &self.date_3, "venue_3", &self.venue_3),
        ];
        for ((df, dv, vf, vv), kind) in rows.into_iter().zip(WorksheetKind::DEFAULT_SEQUENCE) {
            let date = forms::date(&mut errors, t, df, dv);
            let venue = forms::text(&mut errors, t, vf, vv, false, domain::course::SHORT_TEXT);
            if let Some(held_on) = date {
                sessions.push(NewSession {
                    held_on,
                    venue,
                    kind,
                });
            }
        }
        if errors.is_empty()
            && let [a, b, c] = sessions.as_slice()
            && !(a.held_on < b.held_on && b.held_on < c.held_on)
        {
            errors.add(t, "date_2", "course.error.dates_in_order");
        }
        match fy {
            Some(fy) if errors.is_empty() => Ok((i64::from(fy.year()), title, sessions)),
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "course/new.html")]
struct NewPage {
    c: Ctx,
    regions: Vec<Region>,
    v: CourseForm,
    errors: FieldErrors,
}

async fn desk(state: &AppState, c: &Ctx) -> Result<Vec<Region>, AppError> {
    c.require(&Action::SignedIn)?;
    let regions = managed_regions(c, &state.store.list_regions().await?);
    if regions.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(regions)
}

fn render_new(
    c: Ctx,
    regions: Vec<Region>,
    v: CourseForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = NewPage {
        c,
        regions,
        v,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn new_form(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let regions = desk(&state, &c).await?;
    let v = CourseForm {
        region: regions[0].code.clone(),
        fiscal_year: crate::kpi::current_fiscal_year().to_string(),
        title: DEFAULT_TITLE.into(),
        ..CourseForm::default()
    };
    render_new(c, regions, v, FieldErrors::new())
}

async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Form(v): Form<CourseForm>,
) -> Result<Response, AppError> {
    let regions = desk(&state, &c).await?;
    let t = c.t;
    let region = regions.iter().find(|r| r.code == v.region.trim()).cloned();
    match (region, v.parse(&t)) {
        (Some(region), Ok((fy, title, sessions))) => {
            let id = state
                .store
                .create_course(region.id, fy, &title, &sessions, &c.actor())
                .await?;
            Ok(redirect_with_flash_args(
                &format!("/courses/{id}"),
                "flash.course_created",
                &[("title", &title)],
                state.config.cookie_secure,
            ))
        }
        (region, parsed) => {
            let mut errors = parsed
                .err()
                .unwrap_or_else(|| FieldErrors::labelled(LABELS));
            if region.is_none() {
                errors.add(&t, "region", "course.error.region");
            }
            render_new(c, regions, v, errors)
        }
    }
}

// ---------------------------------------------------------------- course page

/// One session row of the course page.
pub struct SessionView {
    pub id: i64,
    pub label: String,
    pub venue: String,
    pub kind: &'static str,
    pub held: bool,
}

/// One cell of the cohort table: attendance and the worksheet's state.
pub struct Cell {
    pub attended: bool,
    /// 「提出済み」 / 「下書き」 / 「未着手」
    pub state: String,
    pub submitted: bool,
    /// The worksheet, when this viewer may read it.
    pub href: Option<String>,
}

pub struct CohortRow {
    pub participant_id: i64,
    pub name: String,
    pub org: String,
    pub cells: Vec<Cell>,
    pub completed: bool,
    pub certificate: Option<String>,
}

#[derive(Template)]
#[template(path = "course/page.html")]
struct CoursePage {
    c: Ctx,
    course: Course,
    year: String,
    region_name: String,
    sessions: Vec<SessionView>,
    /// The user's own row, if they take part.
    mine: Option<CohortRow>,
    /// Everyone's rows (staff and facilitators).
    cohort: Vec<CohortRow>,
    show_cohort: bool,
    facilitators: Vec<String>,
    manage: Option<manage::ManageForms>,
}

fn state_label(t: &Tr, submitted: bool, drafting: bool) -> String {
    t.t(if submitted {
        "course.state.submitted"
    } else if drafting {
        "course.state.draft"
    } else {
        "course.state.not_started"
    })
    .to_string()
}

pub fn cohort_row(c: &Ctx, cc: &CourseCtx, p: &ParticipantProgress, may_read: bool) -> CohortRow {
    let t = &c.t;
    let part = &p.participant;
    CohortRow {
        participant_id: part.id,
        name: part.display_name.clone(),
        org: part.org_name.clone(),
        cells: cc
            .sessions
            .iter()
            .zip(p.sessions.iter().zip(&p.drafting))
            .map(|(s, (progress, drafting))| Cell {
                attended: progress.attended,
                state: state_label(t, progress.worksheet_submitted, *drafting),
                submitted: progress.worksheet_submitted,
                href: may_read.then(|| worksheet_url(cc.course.id, part.id, s.id)),
            })
            .collect(),
        completed: p.completed,
        certificate: (p.completed
            && c.can(&Action::ViewCertificate {
                region_id: cc.course.region_id,
                org_id: part.org_id,
                participant_user_id: part.user_id,
            }))
        .then(|| {
            format!(
                "/courses/{}/participants/{}/certificate",
                cc.course.id, part.id
            )
        }),
    }
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let cc = visible_course(&state, &c, id).await?;
    let t = c.t;
    let progress = state.store.course_progress(id).await?;
    let show_cohort = c.can(&cc.facilitate_action()) || c.can(&cc.manage_action());
    let mut cohort = Vec::new();
    let mut mine = None;
    for p in &progress {
        let may_read = c.can(&cc.view_worksheet_action(&p.participant));
        let row = cohort_row(&c, &cc, p, may_read);
        if cc.me.as_ref().is_some_and(|m| m.id == p.participant.id) {
            mine = Some(cohort_row(&c, &cc, p, may_read));
        }
        if show_cohort {
            cohort.push(row);
        }
    }
    let manage = if c.can(&cc.manage_action()) {
        Some(manage::forms(&state, &t, &cc, &progress).await?)
    } else {
        None
    };
    let facilitators = state
        .store
        .course_facilitators(id)
        .await?
        .into_iter()
        .map(|f| f.display_name)
        .collect();
    let page = CoursePage {
        year: crate::declarations::plain_fiscal_year_label(&t, cc.course.fiscal_year),
        region_name: t.pick(&cc.region.name_ja, &cc.region.name_en).to_string(),
        sessions: cc
            .sessions
            .iter()
            .map(|s| SessionView {
                id: s.id,
                label: session_label(&t, s),
                venue: s.venue.clone(),
                kind: kind_name(&t, s.kind),
                held: is_held(s),
            })
            .collect(),
        course: cc.course.clone(),
        mine,
        cohort,
        show_cohort,
        facilitators,
        manage,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

// ---------------------------------------------------------------- dashboard

/// A participant's card on the dashboard: the course and its worksheets.
pub struct DashboardCard {
    /// For the card's element ids.
    pub key: String,
    /// The course page (or the list of courses, for the desk's card).
    pub href: String,
    pub title: String,
    /// (href, 「第1回 2026年9月17日：自社の課題の洗い出し」, state).
    pub worksheets: Vec<(String, String, String)>,
}

/// The courses the user takes part in (with their worksheets), facilitates or
/// runs, for the dashboard.
pub async fn dashboard_cards(state: &AppState, c: &Ctx) -> Result<Vec<DashboardCard>, AppError> {
    let t = &c.t;
    let Some(user) = &c.user else {
        return Ok(Vec::new());
    };
    let user_id = user.user_id;
    let mut out = Vec::new();
    for part in state.store.course_participations(user_id).await? {
        let course = state.store.course(part.course_id).await?;
        let sessions = state.store.course_sessions(course.id).await?;
        let progress = state.store.course_progress(course.id).await?;
        let mine = progress.iter().find(|p| p.participant.id == part.id);
        out.push(DashboardCard {
            key: course.id.to_string(),
            href: format!("/courses/{}", course.id),
            title: course.title,
            worksheets: sessions
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let (submitted, drafting) = mine
                        .map(|p| {
                            (
                                p.sessions.get(i).is_some_and(|x| x.worksheet_submitted),
                                p.drafting.get(i).copied().unwrap_or(false),
                            )
                        })
                        .unwrap_or((false, false));
                    (
                        worksheet_url(part.course_id, part.id, s.id),
                        format!("{}：{}", session_label(t, s), kind_name(t, s.kind)),
                        state_label(t, submitted, drafting),
                    )
                })
                .collect(),
        });
    }
    for course in state.store.courses_of_user(user_id).await? {
        if out.iter().any(|k| k.key == course.id.to_string()) {
            continue;
        }
        out.push(DashboardCard {
            key: course.id.to_string(),
            href: format!("/courses/{}", course.id),
            title: course.title,
            worksheets: Vec::new(),
        });
    }
    // The region's staff: one card to the courses they run and to create one.
    if !user.staff_regions().is_empty() {
        out.push(DashboardCard {
            key: "desk".into(),
            href: "/courses".into(),
            title: t.t("course.title").to_string(),
            worksheets: Vec::new(),
        });
    }
    Ok(out)
}
