//! The region's home page (what the program is, the declarations, latest news) and
//! the language switch.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header::SET_COOKIE;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use store::declarations::{Declaration, FeedEntry};
use store::regions::{NewsItem, Region};

use crate::AppState;
use crate::auth::safe_next;
use crate::context::{Ctx, LANG_COOKIE, set_cookie};
use crate::errors::AppError;
use crate::i18n::Lang;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/regions/{code}", get(region_home))
        .route("/lang", post(switch_language))
}

/// A declaration with its number of public declarers.
pub struct DeclarationSummary {
    pub declaration: Declaration,
    pub declarers: i64,
}

#[derive(Template)]
#[template(path = "home/home.html")]
struct HomePage {
    c: Ctx,
    region: Option<Region>,
    regions: Vec<Region>,
    declarations: Vec<DeclarationSummary>,
    news: Vec<NewsItem>,
    recent: Vec<FeedEntry>,
    /// The region's next events: (id, title, when).
    upcoming: Vec<(i64, String, String)>,
    /// The region's newest open postings.
    new_jobs: Vec<crate::job_postings::PostingView>,
    /// How many approved workplace profiles the region has.
    workplaces: usize,
    /// The region's newest published case stories (取組事例).
    stories: Vec<crate::stories::StoryView>,
}

/// How many of the newest open postings the home page shows.
const NEW_JOBS: usize = 3;

/// How many of the newest stories the home page shows.
const NEW_STORIES: i64 = 3;

/// Declarations in catalog order with their declarer counts (two queries).
pub async fn declaration_summaries(
    store: &store::Store,
) -> Result<Vec<DeclarationSummary>, AppError> {
    let counts = store.declarer_counts().await?;
    Ok(store
        .declarations()
        .await?
        .into_iter()
        .map(|d| DeclarationSummary {
            declarers: counts
                .iter()
                .find(|(id, _)| *id == d.id)
                .map(|(_, n)| *n)
                .unwrap_or(0),
            declaration: d,
        })
        .collect())
}

async fn render_home(
    state: &AppState,
    c: Ctx,
    region: Option<Region>,
) -> Result<Response, AppError> {
    let regions = state.store.list_regions().await?;
    let region = match region {
        Some(r) => Some(r),
        None => match &state.config.default_region {
            Some(code) => state.store.region_by_code(code).await.ok(),
            None => regions.first().cloned(),
        },
    };
    let news = match &region {
        Some(r) => state.store.latest_news(r.id, 5).await?,
        None => Vec::new(),
    };
    let upcoming = match &region {
        Some(r) => state
            .store
            .public_events(Some(r.id))
            .await?
            .iter()
            .filter(|e| {
                e.fields.status == domain::event::EventStatus::Published
                    && e.fields.ends_at.date() >= crate::today_jst()
            })
            .take(3)
            .map(|e| {
                let title = if !c.t.is_ja() && !e.fields.title_en.is_empty() {
                    e.fields.title_en.clone()
                } else {
                    e.fields.title.clone()
                };
                (e.id, title, crate::events::when(&c.t, e))
            })
            .collect(),
        None => Vec::new(),
    };
    let (new_jobs, workplaces) = match &region {
        Some(r) => {
            // Without words the search orders by the day posted, newest first.
            let newest = state
                .store
                .search_postings(&store::postings::PostingSearch {
                    region_id: Some(r.id),
                    terms: Vec::new(),
                    employment_type: None,
                    today: crate::today_jst().strftime("%Y-%m-%d").to_string(),
                    limit: NEW_JOBS as i64,
                })
                .await?;
            (
                newest
                    .iter()
                    .map(|p| crate::job_postings::view(&c.t, p))
                    .collect(),
                state.store.workplaces(Some(r.id)).await?.len(),
            )
        }
        None => (Vec::new(), 0),
    };
    let stories = match &region {
        Some(r) => state
            .store
            .published_stories(Some(r.id), None, NEW_STORIES)
            .await?
            .iter()
            .map(|s| crate::stories::view(&c.t, s))
            .collect(),
        None => Vec::new(),
    };
    let page = HomePage {
        c,
        new_jobs,
        stories,
        workplaces,
        declarations: declaration_summaries(&state.store).await?,
        recent: state.store.recently_approved(5).await?,
        region,
        regions,
        news,
        upcoming,
    };
    Ok(Html(page.render()?).into_response())
}

async fn home(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    render_home(&state, c, None).await
}

async fn region_home(
    State(state): State<AppState>,
    c: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let region = state.store.region_by_code(&code).await?;
    render_home(&state, c, Some(region)).await
}

#[derive(Deserialize)]
struct LangForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// Remember the chosen language for a year and go back to the page.
async fn switch_language(
    State(state): State<AppState>,
    Form(f): Form<LangForm>,
) -> Result<Response, AppError> {
    let lang = Lang::parse(&f.lang).ok_or(AppError::BadRequest("unknown language".into()))?;
    let next = if f.next.is_empty() {
        "/".to_string()
    } else {
        safe_next(&f.next)
    };
    let mut res = Redirect::to(&next).into_response();
    res.headers_mut().append(
        SET_COOKIE,
        set_cookie(
            LANG_COOKIE,
            lang.code(),
            Some(365 * 24 * 3600),
            state.config.cookie_secure,
        ),
    );
    Ok(res)
}
