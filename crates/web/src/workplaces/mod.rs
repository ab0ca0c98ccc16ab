//! 選ばれる職場 (issue 12): the public profiles of member organizations —
//! `/workplaces` (filtered by the work-style measures a job seeker needs, a
//! plain GET form that works without JavaScript) and `/workplaces/{id}` (what
//! the organization does, its measures, its declarations and the figures it
//! chose to publish, each badged by origin). The organization's admins write
//! the profile at `/orgs/{id}/workplace`; the public sees it only once the
//! region's staff approved it in the review queue (`crate::review`).

use askama::Template;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, Query, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::workplace::{HeldCertification, Measure};
use store::declarations::{Declaration, RegistryEntry};
use store::regions::Region;
use store::workplaces::{ProfilePhoto, Workplace};

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::Tr;
use crate::publish::PublicFigures;

mod form;
pub mod photo;

pub use form::ProfileForm;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/workplaces", get(list))
        .route("/workplaces/{id}", get(page))
        .route("/workplaces/{id}/photos/{photo}", get(photo_large))
        .route("/workplaces/{id}/photos/{photo}/small", get(photo_small))
        .route(
            "/orgs/{id}/workplace",
            get(form::edit_form)
                .post(form::propose)
                .layer(DefaultBodyLimit::max(form::MAX_FORM_BYTES)),
        )
        .route("/orgs/{id}/workplace/withdraw", post(form::withdraw))
}

/// The longest introduction kept, in characters.
const DESCRIPTION_MAX: usize = 2000;
/// The most filter pairs a list URL may carry (a bound on hostile input).
const QUERY_PAIRS_MAX: usize = 40;

/// A check box of a vocabulary (a measure or a certification) as a page shows it.
pub struct ChoiceView {
    pub code: &'static str,
    pub name: &'static str,
    pub checked: bool,
}

fn measure_views(t: &Tr, checked: &[Measure]) -> Vec<ChoiceView> {
    Measure::ALL
        .iter()
        .map(|m| ChoiceView {
            code: m.as_str(),
            name: t.pick(m.name_ja(), m.name_en()),
            checked: checked.contains(m),
        })
        .collect()
}

fn certification_views(t: &Tr, checked: &[HeldCertification]) -> Vec<ChoiceView> {
    HeldCertification::ALL
        .iter()
        .map(|c| ChoiceView {
            code: c.as_str(),
            name: t.pick(c.name_ja(), c.name_en()),
            checked: checked.contains(c),
        })
        .collect()
}

fn names(t: &Tr, measures: &[Measure]) -> Vec<&'static str> {
    measures
        .iter()
        .map(|m| t.pick(m.name_ja(), m.name_en()))
        .collect()
}

/// The certifications' names in the reader's language.
pub fn certification_names(t: &Tr, held: &[HeldCertification]) -> Vec<&'static str> {
    held.iter()
        .map(|c| t.pick(c.name_ja(), c.name_en()))
        .collect()
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

fn industry_label(t: &Tr, letter: Option<&str>) -> Option<String> {
    let i = domain::Industry::parse(letter?).ok()?;
    Some(t.pick(i.name_ja(), i.name_en()).to_string())
}

/// 「年間休日 120日」, or None when not stated.
fn holidays_label(t: &Tr, days: Option<u16>) -> Option<String> {
    days.map(|d| t.f1("workplace.holidays_value", "n", d))
}

// ---------------------------------------------------------------- photos

/// Where a photo of the organization is served; `small` for the phone size.
pub fn photo_src(org_id: i64, photo_id: i64, small: bool) -> String {
    if small {
        format!("/workplaces/{org_id}/photos/{photo_id}/small")
    } else {
        format!("/workplaces/{org_id}/photos/{photo_id}")
    }
}

/// A photo as a page shows it: both sizes for `srcset`, the large one's width
/// and height (so the page keeps its place while the photo loads), and words
/// for who cannot see it.
pub struct PhotoView {
    pub small: String,
    pub large: String,
    pub small_width: u32,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

pub fn photo_views(t: &Tr, org_id: i64, org_name: &str, photos: &[ProfilePhoto]) -> Vec<PhotoView> {
    photos
        .iter()
        .enumerate()
        .map(|(i, p)| PhotoView {
            small: photo_src(org_id, p.id, true),
            large: photo_src(org_id, p.id, false),
            small_width: photo::fit(p.width, p.height, photo::SMALL_EDGE).0,
            width: p.width,
            height: p.height,
            alt: if p.alt.is_empty() {
                t.f2("workplace.photo_alt_default", "org", org_name, "n", i + 1)
            } else {
                p.alt.clone()
            },
        })
        .collect()
}

async fn photo_large(
    state: State<AppState>,
    c: Ctx,
    Path((org_id, photo_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    serve_photo(state, c, org_id, photo_id, false).await
}

async fn photo_small(
    state: State<AppState>,
    c: Ctx,
    Path((org_id, photo_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    serve_photo(state, c, org_id, photo_id, true).await
}

/// A photo for everyone once the approved profile shows it; before that (or
/// after it was taken off) only for the organization's admins and the
/// region's reviewers, and kept out of shared caches. 404 to anyone else.
async fn serve_photo(
    State(state): State<AppState>,
    c: Ctx,
    org_id: i64,
    photo_id: i64,
    small: bool,
) -> Result<Response, AppError> {
    let photo = state
        .store
        .workplace_photo(photo_id)
        .await?
        .filter(|p| p.org_id == org_id)
        .ok_or(AppError::NotFound)?;
    let public = state
        .store
        .workplace(org_id)
        .await?
        .is_some_and(|w| w.profile.photos.iter().any(|p| p.id == photo_id));
    if !public
        && !c.can(&Action::DeclareForOrganization { org_id })
        && !c.can(&Action::ReviewSigning {
            region_id: photo.org_region_id,
        })
    {
        return Err(AppError::NotFound);
    }
    let upload_id = if small {
        photo.small_upload_id
    } else {
        photo.large_upload_id
    };
    let upload = state.store.upload(upload_id).await?;
    let mut res = upload.bytes.into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    h.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(if public {
            "public, max-age=86400"
        } else {
            "private, no-store"
        }),
    );
    Ok(res)
}

// ---------------------------------------------------------------- the list

/// One workplace in the list.
pub struct Card {
    pub org_id: i64,
    pub name: String,
    pub industry: Option<String>,
    pub address: String,
    pub measures: Vec<&'static str>,
    pub holidays: Option<String>,
    pub teaser: String,
    /// The first photo, small, when the profile has any.
    pub photo: Option<PhotoView>,
}

#[derive(Template)]
#[template(path = "workplaces/list.html")]
struct ListPage {
    c: Ctx,
    region: Option<Region>,
    measures: Vec<ChoiceView>,
    cards: Vec<Card>,
    filtered: bool,
    /// Filter words that are not in the vocabulary (an old or typed link).
    unknown: usize,
}

/// The first sentence-sized piece of the introduction.
fn teaser(description: &str) -> String {
    let first = paragraphs(description)
        .into_iter()
        .next()
        .unwrap_or_default();
    if first.chars().count() <= 80 {
        first
    } else {
        let mut s: String = first.chars().take(79).collect();
        s.push('…');
        s
    }
}

async fn list(
    State(state): State<AppState>,
    c: Ctx,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if pairs.len() > QUERY_PAIRS_MAX {
        return Err(AppError::BadRequest("too many filters".into()));
    }
    let region_code = pairs
        .iter()
        .find(|(k, _)| k == "region")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let region = crate::news::region_of(&state, region_code).await?;
    let mut wanted = Vec::new();
    let mut unknown = 0;
    for (_, v) in pairs.iter().filter(|(k, _)| k == "m") {
        match Measure::parse(v) {
            Some(m) => wanted.push(m),
            None => unknown += 1,
        }
    }
    let all = state
        .store
        .workplaces(region.as_ref().map(|r| r.id))
        .await?;
    let cards = all
        .into_iter()
        .filter(|w| wanted.iter().all(|m| w.profile.measures.contains(m)))
        .map(|w| Card {
            org_id: w.org_id,
            industry: industry_label(&c.t, w.industry.as_deref()),
            address: w.address,
            measures: names(&c.t, &w.profile.measures),
            holidays: holidays_label(&c.t, w.profile.annual_holidays),
            teaser: teaser(&w.profile.description),
            photo: w.profile.photos.first().and_then(|p| {
                photo_views(&c.t, w.org_id, &w.org_name, std::slice::from_ref(p)).pop()
            }),
            name: w.org_name,
        })
        .collect();
    let page = ListPage {
        measures: measure_views(&c.t, &wanted),
        filtered: !wanted.is_empty(),
        region,
        cards,
        unknown,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

// ---------------------------------------------------------------- one workplace

#[derive(Template)]
#[template(path = "workplaces/page.html")]
struct ProfilePage<'a> {
    c: Ctx,
    w: &'a Workplace,
    region: &'a Option<Region>,
    industry: &'a Option<String>,
    description: &'a [String],
    photos: &'a [PhotoView],
    measures: &'a [&'static str],
    certifications: &'a [&'static str],
    holidays: &'a Option<String>,
    entries: &'a [(RegistryEntry, Declaration)],
    public: &'a PublicFigures,
    stories: &'a [crate::stories::StoryView],
    can_edit: bool,
}

/// What `/workplaces/{id}` shows, read once per language and day until the
/// portal version changes.
pub struct CachedWorkplace {
    w: Workplace,
    region: Option<Region>,
    industry: Option<String>,
    description: Vec<String>,
    photos: Vec<PhotoView>,
    measures: Vec<&'static str>,
    certifications: Vec<&'static str>,
    holidays: Option<String>,
    entries: Vec<(RegistryEntry, Declaration)>,
    public: PublicFigures,
    /// The organization's published case stories (取組事例).
    stories: Vec<crate::stories::StoryView>,
}

/// How many of its stories a profile lists.
const PROFILE_STORIES: i64 = 20;

async fn load_workplace(
    state: &AppState,
    t: &Tr,
    org_id: i64,
) -> Result<CachedWorkplace, AppError> {
    let w = state
        .store
        .workplace(org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let org = state.store.organization(org_id).await?;
    let declarations = state.store.declarations().await?;
    let entries = state
        .store
        .registry_entries_of_org(org_id)
        .await?
        .into_iter()
        .filter_map(|e| {
            let d = declarations.iter().find(|d| d.id == e.declaration_id)?;
            Some((e, d.clone()))
        })
        .collect();
    let public = crate::publish::load_public_figures(state, t, &org).await?;
    let region = match w.region_id {
        Some(id) => Some(state.store.region(id).await?),
        None => None,
    };
    let stories = state
        .store
        .published_stories(None, Some(org_id), PROFILE_STORIES)
        .await?
        .iter()
        .map(|s| crate::stories::view(t, s))
        .collect();
    Ok(CachedWorkplace {
        stories,
        industry: industry_label(t, w.industry.as_deref()),
        description: paragraphs(&w.profile.description),
        photos: photo_views(t, w.org_id, &w.org_name, &w.profile.photos),
        measures: names(t, &w.profile.measures),
        certifications: certification_names(t, &w.profile.certifications),
        holidays: holidays_label(t, w.profile.annual_holidays),
        region,
        entries,
        public,
        w,
    })
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
) -> Result<Response, AppError> {
    let key = format!(
        "{org_id}|{}|{}",
        c.lang().code(),
        crate::today_jst().strftime("%Y-%m-%d")
    );
    let cache = &state.portal.workplaces;
    let data = match c.portal_version.and_then(|v| cache.get(&key, v)) {
        Some(data) => data,
        None => {
            let data = std::sync::Arc::new(load_workplace(&state, &c.t, org_id).await?);
            if let Some(v) = c.portal_version {
                cache.put(key, v, data.clone());
            }
            data
        }
    };
    let page = ProfilePage {
        w: &data.w,
        region: &data.region,
        industry: &data.industry,
        description: &data.description,
        photos: &data.photos,
        measures: &data.measures,
        certifications: &data.certifications,
        holidays: &data.holidays,
        entries: &data.entries,
        public: &data.public,
        stories: &data.stories,
        can_edit: c.can(&Action::DeclareForOrganization { org_id }),
        c,
    };
    Ok(Html(page.render()?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_introduction_is_cut_for_the_list() {
        assert_eq!(teaser("短い紹介。\n\n二段落目"), "短い紹介。");
        let long = "あ".repeat(100);
        let cut = teaser(&long);
        assert_eq!(cut.chars().count(), 80);
        assert!(cut.ends_with('…'));
    }
}
