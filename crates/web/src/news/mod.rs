//! News of the region's program (お知らせ; issue 10): written by the region's
//! staff as drafts, published to the home page and `/news`. A draft answers 404
//! to anyone who may not manage it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use domain::news::NewsStatus;
use serde::Deserialize;
use store::regions::{NewsInput, NewsItem, Region};

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::i18n::Tr;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/news", get(list))
        .route("/news/new", get(new_form).post(create))
        .route("/news/{id}", get(item))
        .route("/news/{id}/edit", get(edit_form).post(update))
}

fn manage(region_id: i64) -> Action {
    Action::ManageNews { region_id }
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    #[serde(default)]
    region: String,
}

/// The region a public page is about: the one asked for, else the default.
pub(crate) async fn region_of(state: &AppState, code: &str) -> Result<Option<Region>, AppError> {
    if !code.trim().is_empty() {
        return Ok(Some(state.store.region_by_code(code.trim()).await?));
    }
    let regions = state.store.list_regions().await?;
    Ok(match &state.config.default_region {
        Some(code) => regions.into_iter().find(|r| &r.code == code),
        None => regions.into_iter().next(),
    })
}

/// A news item in the reader's language.
pub struct NewsView {
    pub id: i64,
    pub date: String,
    pub iso_date: String,
    pub title: String,
    pub body: Vec<String>,
    pub draft: bool,
}

pub fn view(t: &Tr, n: &NewsItem) -> NewsView {
    let (title, body) = if !t.is_ja() && !n.title_en.is_empty() {
        (&n.title_en, &n.body_en)
    } else {
        (&n.title_ja, &n.body_ja)
    };
    NewsView {
        id: n.id,
        date: t.date(&n.published_on),
        iso_date: n.published_on.clone(),
        title: title.clone(),
        body: body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect(),
        draft: n.status == NewsStatus::Draft,
    }
}

#[derive(Template)]
#[template(path = "news/list.html")]
struct ListPage {
    c: Ctx,
    region: Option<Region>,
    items: Vec<NewsView>,
    can_write: bool,
}

async fn list(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let region = region_of(&state, &q.region).await?;
    let (items, can_write) = match &region {
        Some(r) if c.can(&manage(r.id)) => (state.store.all_news(r.id).await?, true),
        Some(r) => (state.store.latest_news(r.id, 200).await?, false),
        None => (Vec::new(), false),
    };
    let page = ListPage {
        items: items.iter().map(|n| view(&c.t, n)).collect(),
        region,
        can_write,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "news/item.html")]
struct ItemPage {
    c: Ctx,
    n: NewsView,
    can_edit: bool,
}

async fn item(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let n = state.store.news_item(id).await?;
    let can_edit = c.can(&manage(n.region_id));
    if n.status == NewsStatus::Draft && !can_edit {
        return Err(AppError::NotFound);
    }
    let page = ItemPage {
        n: view(&c.t, &n),
        can_edit,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

/// The form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewsForm {
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub published_on: String,
    #[serde(default)]
    pub title_ja: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub body_ja: String,
    #[serde(default)]
    pub body_en: String,
    #[serde(default)]
    pub status: String,
}

pub const LABELS: forms::Labels = &[
    ("region", "news.field.region"),
    ("published_on", "news.field.published_on"),
    ("title_ja", "news.field.title_ja"),
    ("title_en", "news.field.title_en"),
    ("body_ja", "news.field.body_ja"),
    ("body_en", "news.field.body_en"),
    ("status", "news.field.status"),
];

impl NewsForm {
    fn of(n: &NewsItem, region_code: &str) -> NewsForm {
        NewsForm {
            region: region_code.to_string(),
            published_on: n.published_on.clone(),
            title_ja: n.title_ja.clone(),
            title_en: n.title_en.clone(),
            body_ja: n.body_ja.clone(),
            body_en: n.body_en.clone(),
            status: n.status.as_str().to_string(),
        }
    }

    /// The item to write, or what is wrong with the form.
    pub fn parse(&self, t: &Tr) -> Result<NewsInput, FieldErrors> {
        let mut errors = FieldErrors::labelled(LABELS);
        let published_on = forms::date(&mut errors, t, "published_on", &self.published_on);
        let title_ja = forms::text(&mut errors, t, "title_ja", &self.title_ja, true, 120);
        let title_en = forms::text(&mut errors, t, "title_en", &self.title_en, false, 200);
        let body_ja = forms::text(&mut errors, t, "body_ja", &self.body_ja, false, 4000);
        let body_en = forms::text(&mut errors, t, "body_en", &self.body_en, false, 6000);
        let status = NewsStatus::parse(&self.status);
        if status.is_none() {
            errors.add(t, "status", "news.error.status");
        }
        match (published_on, status) {
            (Some(d), Some(status)) if errors.is_empty() => Ok(NewsInput {
                published_on: d.strftime("%Y-%m-%d").to_string(),
                title_ja,
                title_en,
                body_ja,
                body_en,
                status,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "news/form.html")]
struct FormPage {
    c: Ctx,
    news_id: Option<i64>,
    regions: Vec<Region>,
    statuses: Vec<(&'static str, &'static str)>,
    v: NewsForm,
    errors: FieldErrors,
}

fn render_form(
    c: Ctx,
    news_id: Option<i64>,
    regions: Vec<Region>,
    v: NewsForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        news_id,
        regions,
        statuses: NewsStatus::ALL
            .iter()
            .map(|s| (s.as_str(), c.t.pick(s.name_ja(), s.name_en())))
            .collect(),
        v,
        errors,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The regions whose news the user writes (403 when none).
async fn writable_regions(state: &AppState, c: &Ctx) -> Result<Vec<Region>, AppError> {
    c.require(&Action::WriteNews)?;
    let regions: Vec<Region> = state
        .store
        .list_regions()
        .await?
        .into_iter()
        .filter(|r| c.can(&manage(r.id)))
        .collect();
    if regions.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(regions)
}

async fn new_form(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let regions = writable_regions(&state, &c).await?;
    let v = NewsForm {
        region: regions[0].code.clone(),
        published_on: crate::today_jst().strftime("%Y-%m-%d").to_string(),
        status: NewsStatus::Draft.as_str().to_string(),
        ..NewsForm::default()
    };
    render_form(c, None, regions, v, FieldErrors::new())
}

async fn saved(state: &AppState, id: i64, n: &NewsInput) -> Response {
    redirect_with_flash_args(
        &format!("/news/{id}"),
        "flash.news_saved",
        &[("title", &n.title_ja)],
        state.config.cookie_secure,
    )
}

async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Form(v): Form<NewsForm>,
) -> Result<Response, AppError> {
    let regions = writable_regions(&state, &c).await?;
    let region = regions.iter().find(|r| r.code == v.region.trim()).cloned();
    match (region, v.parse(&c.t)) {
        (Some(region), Ok(n)) => {
            let id = state
                .store
                .save_news(region.id, None, &n, &c.actor())
                .await?;
            Ok(saved(&state, id, &n).await)
        }
        (region, parsed) => {
            let mut errors = parsed
                .err()
                .unwrap_or_else(|| FieldErrors::labelled(LABELS));
            if region.is_none() {
                errors.add(&c.t, "region", "news.error.region");
            }
            render_form(c, None, regions, v, errors)
        }
    }
}

/// The item `id` for its region's staff; 404 to anyone else (a draft must not
/// be known, and a published item's edit page is not for them either).
async fn managed_item(state: &AppState, c: &Ctx, id: i64) -> Result<(NewsItem, Region), AppError> {
    c.require(&Action::SignedIn)?;
    let n = state.store.news_item(id).await?;
    if !c.can(&manage(n.region_id)) {
        return Err(if n.status == NewsStatus::Published {
            AppError::Forbidden
        } else {
            AppError::NotFound
        });
    }
    let region = state.store.region(n.region_id).await?;
    Ok((n, region))
}

async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (n, region) = managed_item(&state, &c, id).await?;
    let v = NewsForm::of(&n, &region.code);
    render_form(c, Some(id), vec![region], v, FieldErrors::new())
}

async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(v): Form<NewsForm>,
) -> Result<Response, AppError> {
    let (_, region) = managed_item(&state, &c, id).await?;
    match v.parse(&c.t) {
        Ok(n) => {
            state
                .store
                .save_news(region.id, Some(id), &n, &c.actor())
                .await?;
            Ok(saved(&state, id, &n).await)
        }
        Err(errors) => render_form(c, Some(id), vec![region], v, errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_form_needs_a_date_a_title_and_a_known_state() {
        let t = Tr::new(Lang::Ja);
        let ok = NewsForm {
            published_on: "２０２６/１２/０１".into(),
            title_ja: "成果報告会の申込を始めました".into(),
            status: "published".into(),
            ..NewsForm::default()
        };
        let n = ok.parse(&t).unwrap();
        assert_eq!(n.published_on, "2026-12-01");
        assert_eq!(n.status, NewsStatus::Published);
        let e = NewsForm {
            published_on: "2026-13-01".into(),
            status: "live".into(),
            ..NewsForm::default()
        }
        .parse(&t)
        .unwrap_err();
        assert!(e.has("published_on") && e.has("title_ja") && e.has("status"));
        let long = NewsForm {
            title_ja: "あ".repeat(121),
            ..ok.clone()
        };
        assert!(long.parse(&t).unwrap_err().has("title_ja"));
    }
}
