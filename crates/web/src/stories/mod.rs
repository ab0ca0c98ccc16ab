//! Case stories of reform (取組事例; issue 12): an employer tells what it changed
//! and what came of it; the region's staff tell the program's own. An
//! employer's story is public only once the staff have read it (the review of
//! every public text of an employer); a story not yet public answers 404 to
//! anyone who may neither change nor review it.

mod form;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::story::StoryStatus;
use serde::Deserialize;
use store::regions::Region;
use store::stories::Story;

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;
use crate::i18n::Tr;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/stories", get(list))
        .route("/stories/new", get(form::new_form).post(form::create))
        .route("/stories/{id}", get(item))
        .route(
            "/stories/{id}/edit",
            get(form::edit_form).post(form::update),
        )
        .route("/stories/{id}/review", post(review))
}

/// Who may change the story.
fn edit(s: &Story) -> Action {
    Action::EditStory {
        org_id: s.org_id,
        region_id: s.region_id,
    }
}

/// Who may decide on the story: its region's staff.
fn review_of(s: &Story) -> Action {
    Action::ReviewSigning {
        region_id: Some(s.region_id),
    }
}

/// A story in the reader's language.
pub struct StoryView {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub body: Vec<String>,
    /// The employer it is about: (id, name); None for the region's own.
    pub org: Option<(i64, String)>,
    pub date: Option<String>,
    pub iso_date: Option<String>,
    pub status: StoryStatus,
    pub status_name: &'static str,
    pub review_note: String,
}

impl StoryView {
    pub fn published(&self) -> bool {
        self.status == StoryStatus::Published
    }
}

pub fn view(t: &Tr, s: &Story) -> StoryView {
    let en = !t.is_ja() && !s.title_en.is_empty();
    let pick = |ja: &str, en_text: &str| {
        if en && !en_text.is_empty() {
            en_text.to_string()
        } else {
            ja.to_string()
        }
    };
    StoryView {
        id: s.id,
        title: pick(&s.title_ja, &s.title_en),
        summary: pick(&s.summary_ja, &s.summary_en),
        body: pick(&s.body_ja, &s.body_en)
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect(),
        org: s.org_id.zip(s.org_name.clone()),
        date: s.published_on.as_deref().map(|d| t.date(d)),
        iso_date: s.published_on.clone(),
        status: s.status,
        status_name: t.pick(s.status.name_ja(), s.status.name_en()),
        review_note: s.review_note.clone(),
    }
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    #[serde(default)]
    region: String,
}

#[derive(Template)]
#[template(path = "stories/list.html")]
struct ListPage {
    c: Ctx,
    region: Option<Region>,
    stories: Vec<StoryView>,
    /// The reader's own stories not yet public (and, for staff, what waits).
    own: Vec<StoryView>,
    can_write: bool,
}

/// The most stories one list shows.
const LIST_MAX: i64 = 200;

async fn list(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let region = crate::news::region_of(&state, &q.region).await?;
    let stories = match &region {
        Some(r) => {
            state
                .store
                .published_stories(Some(r.id), None, LIST_MAX)
                .await?
        }
        None => Vec::new(),
    };
    let own = match &c.user {
        Some(p) => {
            state
                .store
                .stories_of_writers(&p.admin_orgs(), &p.staff_regions())
                .await?
        }
        None => Vec::new(),
    };
    let page = ListPage {
        stories: stories.iter().map(|s| view(&c.t, s)).collect(),
        own: own
            .iter()
            .filter(|s| s.status != StoryStatus::Published)
            .map(|s| view(&c.t, s))
            .collect(),
        can_write: c.can(&Action::WriteStories),
        region,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "stories/item.html")]
struct ItemPage {
    c: Ctx,
    s: StoryView,
    can_edit: bool,
    /// The staff's decision form (a story in review, to its region's staff).
    can_review: bool,
    /// Whether the employer has a public profile to link to.
    has_workplace: bool,
    errors: FieldErrors,
}

/// The story `id` as the reader may see it: published to anyone; before that,
/// to who may change it, and (once sent) to its region's staff; 404 otherwise.
async fn readable(state: &AppState, c: &Ctx, id: i64) -> Result<Story, AppError> {
    let s = state.store.story(id).await?;
    let sent = s.org_id.is_some() && s.status != StoryStatus::Draft;
    if s.status == StoryStatus::Published || c.can(&edit(&s)) || (sent && c.can(&review_of(&s))) {
        Ok(s)
    } else {
        Err(AppError::NotFound)
    }
}

async fn render_item(
    state: &AppState,
    c: Ctx,
    s: &Story,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let has_workplace = match s.org_id {
        Some(org_id) => state.store.workplace(org_id).await?.is_some(),
        None => false,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ItemPage {
        s: view(&c.t, s),
        can_edit: c.can(&edit(s)),
        can_review: s.status == StoryStatus::InReview && c.can(&review_of(s)),
        has_workplace,
        errors,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn item(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let s = readable(&state, &c, id).await?;
    render_item(&state, c, &s, FieldErrors::new()).await
}

#[derive(Deserialize)]
struct Decision {
    decision: String,
    #[serde(default)]
    note: String,
}

/// The longest note to the writer, in characters.
const NOTE_MAX: usize = 500;

async fn review(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    c.require(&Action::SignedIn)?;
    let s = readable(&state, &c, id).await?;
    c.require(&review_of(&s))?;
    let approve = match d.decision.as_str() {
        "approve" => true,
        "return" => false,
        _ => return Err(AppError::BadRequest("unknown decision".into())),
    };
    let note: String = d.note.trim().chars().take(NOTE_MAX).collect();
    if !approve && note.is_empty() {
        let mut errors = FieldErrors::new();
        errors.add(&c.t, "note", "stories.error.note");
        return render_item(&state, c, &s, errors).await;
    }
    let today = crate::today_jst().strftime("%Y-%m-%d").to_string();
    // The employer's admins hear of the decision (a city story takes none).
    let notify = match s.org_id {
        Some(org) => {
            let base = crate::declarations::export::base_url(&state);
            crate::review_mail::decisions(
                crate::review_mail::Reviewed::Story,
                &state.store.org_admin_emails(org).await?,
                s.org_name.as_deref().unwrap_or_default(),
                &s.title_ja,
                approve,
                &note,
                &format!("{base}/stories/{id}"),
            )
        }
        None => Vec::new(),
    };
    state
        .store
        .decide_story(id, approve, &note, &today, &c.actor(), &notify)
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/stories/{id}"),
        if approve {
            "flash.story_published"
        } else {
            "flash.story_returned"
        },
        &[("title", &s.title_ja)],
        state.config.cookie_secure,
    ))
}
