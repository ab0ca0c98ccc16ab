//! The public declarations registry: the list with filters, one declaration's full
//! list, a declarer's page, the Atom feed, CSV and JSON exports, and logos.

pub(crate) mod export;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use store::declarations::{Declaration, RegistryEntry, RegistryFilter, RegistrySort};
use store::orgs::Organization;
use store::regions::Region;

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::Tr;

/// Declarers listed per declaration on the overview page.
const OVERVIEW_LIMIT: i64 = 20;
/// Declarers per page on one declaration's page.
const PAGE_SIZE: i64 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/declarations", get(overview))
        .route("/declarations/feed.atom", get(export::atom))
        .route("/declarations.csv", get(export::csv))
        .route("/declarations.json", get(export::json))
        .route("/declarations/{slug}", get(one_declaration))
        .route("/declarers/{org_id}", get(declarer))
        .route("/logos/{id}", get(logo))
}

/// The registry's filters as they appear in the query string.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FilterQuery {
    #[serde(default, rename = "type")]
    pub org_type: String,
    #[serde(default)]
    pub pref: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub page: Option<i64>,
}

impl FilterQuery {
    /// Keep only known values, so the page never echoes arbitrary input into links.
    fn cleaned(mut self) -> FilterQuery {
        if !matches!(self.org_type.as_str(), "company" | "municipality" | "other") {
            self.org_type.clear();
        }
        if !(self.pref.len() == 2 && self.pref.bytes().all(|b| b.is_ascii_digit())) {
            self.pref.clear();
        }
        if !(self.region.len() == 6 && self.region.bytes().all(|b| b.is_ascii_digit())) {
            self.region.clear();
        }
        if self.sort != "oldest" {
            self.sort.clear();
        }
        self.page = Some(self.page.unwrap_or(1).clamp(1, 100_000));
        self
    }

    fn to_filter(&self, declaration_id: Option<i64>, limit: i64) -> RegistryFilter {
        RegistryFilter {
            declaration_id,
            org_type: self.org_type.clone(),
            prefecture: self.pref.clone(),
            region_code: self.region.clone(),
            org_id: None,
            sort: if self.sort == "oldest" {
                RegistrySort::Oldest
            } else {
                RegistrySort::Newest
            },
            limit,
            offset: (self.page.unwrap_or(1) - 1) * limit,
        }
    }

    /// The query string of these filters with another page number.
    pub fn query_for_page(&self, page: i64) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("type", &self.org_type),
            ("pref", &self.pref),
            ("region", &self.region),
            ("sort", &self.sort),
        ] {
            if !v.is_empty() {
                s.append_pair(k, v);
            }
        }
        s.append_pair("page", &page.to_string());
        s.finish()
    }

    pub fn is_filtered(&self) -> bool {
        !(self.org_type.is_empty() && self.pref.is_empty() && self.region.is_empty())
    }
}

/// One declaration with its (filtered) declarers, as the registry shows it.
pub struct DeclarationBlock {
    pub declaration: Declaration,
    pub total_declarers: i64,
    pub matching: i64,
    pub entries: Vec<RegistryEntry>,
}

/// Registry data as rendered for one filter, shared by every request with the same
/// filter until the registry changes.
pub struct RegistryData {
    pub blocks: Vec<DeclarationBlock>,
    pub prefecture_codes: Vec<String>,
    pub regions: Vec<Region>,
}

/// Per-process cache of [`RegistryData`], checked against the registry version in
/// the database on every request, so it is safe with several server processes.
#[derive(Default)]
pub struct RegistryCache {
    entries:
        std::sync::Mutex<std::collections::HashMap<String, (i64, std::sync::Arc<RegistryData>)>>,
}

/// Filters people actually use are few; past this many, start over.
const CACHE_ENTRIES: usize = 512;

impl RegistryCache {
    fn get(&self, key: &str, version: i64) -> Option<std::sync::Arc<RegistryData>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(v, _)| *v == version)
            .map(|(_, d)| d.clone())
    }

    fn put(&self, key: String, version: i64, data: std::sync::Arc<RegistryData>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= CACHE_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (version, data));
    }
}

/// The words of an organization type: 企業 / 自治体 / その他.
pub fn org_type_label<'a>(t: &Tr, org_type: &str) -> &'a str {
    match org_type {
        "company" => t.t("org_type.company"),
        "municipality" => t.t("org_type.municipality"),
        _ => t.t("org_type.other"),
    }
}

/// "自治体で6番目" / "6th among municipalities".
pub fn order_label(t: &Tr, e: &RegistryEntry) -> String {
    let n = e.order_in_type;
    let ordinal = if t.is_ja() {
        n.to_string()
    } else {
        let suffix = match (n % 10, n % 100) {
            (1, 11) | (2, 12) | (3, 13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        format!("{n}{suffix}")
    };
    let key = match e.org_type.as_str() {
        "company" => "registry.order_company",
        "municipality" => "registry.order_municipality",
        _ => "registry.order_other",
    };
    t.f1(key, "n", ordinal)
}

pub fn prefecture_name(t: &Tr, code: &str) -> String {
    match domain::Prefecture::parse(code) {
        Ok(p) => t.pick(p.name_ja(), p.name_en()).to_string(),
        Err(_) => code.to_string(),
    }
}

#[derive(Template)]
#[template(path = "declarations/overview.html")]
struct OverviewPage {
    c: Ctx,
    q: FilterQuery,
    prefectures: Vec<(String, String)>,
    data: std::sync::Arc<RegistryData>,
    /// Set on one declaration's page: the pagination.
    single: Option<Pages>,
}

struct Pages {
    page: i64,
    last: i64,
}

#[derive(Template)]
#[template(path = "declarations/results.html")]
struct ResultsFragment {
    c: Ctx,
    q: FilterQuery,
    data: std::sync::Arc<RegistryData>,
    single: Option<Pages>,
}

async fn blocks(
    state: &AppState,
    q: &FilterQuery,
    only: Option<Declaration>,
    limit: i64,
) -> Result<Vec<DeclarationBlock>, AppError> {
    let counts = state.store.declarer_counts().await?;
    let declarations = match &only {
        Some(d) => vec![d.clone()],
        None => state.store.declarations().await?,
    };
    let entries = state
        .store
        .registry(&q.to_filter(only.as_ref().map(|d| d.id), limit))
        .await?;
    let mut out = Vec::with_capacity(declarations.len());
    for d in declarations {
        let mine: Vec<RegistryEntry> = entries
            .iter()
            .filter(|e| e.declaration_id == d.id)
            .cloned()
            .collect();
        out.push(DeclarationBlock {
            total_declarers: counts
                .iter()
                .find(|(id, _)| *id == d.id)
                .map(|(_, n)| *n)
                .unwrap_or(0),
            matching: mine.first().map(|e| e.filtered_count).unwrap_or(0),
            entries: mine,
            declaration: d,
        });
    }
    Ok(out)
}

/// The registry for these filters: from the cache while the registry is unchanged.
/// The request's portal version ([`crate::page_cache`]) covers every table the
/// registry reads, so it stands for the registry's own version; without it, the
/// registry version is read.
async fn registry_data(
    state: &AppState,
    portal_version: Option<i64>,
    q: &FilterQuery,
    only: Option<&Declaration>,
    limit: i64,
) -> Result<std::sync::Arc<RegistryData>, AppError> {
    let version = match portal_version {
        Some(v) => v,
        // Negative: never equal to a portal version.
        None => -state.store.registry_version().await?,
    };
    let key = format!(
        "{}|{}|{}|{}|{}|{}",
        only.map(|d| d.id).unwrap_or(0),
        q.org_type,
        q.pref,
        q.region,
        q.sort,
        q.page.unwrap_or(1)
    );
    if let Some(data) = state.registry_cache.get(&key, version) {
        return Ok(data);
    }
    let data = std::sync::Arc::new(RegistryData {
        blocks: blocks(state, q, only.cloned(), limit).await?,
        prefecture_codes: state.store.declarer_prefectures().await?,
        regions: state.store.list_regions().await?,
    });
    state.registry_cache.put(key, version, data.clone());
    Ok(data)
}

async fn render(
    state: &AppState,
    c: Ctx,
    q: FilterQuery,
    only: Option<Declaration>,
) -> Result<Response, AppError> {
    let limit = if only.is_some() {
        PAGE_SIZE
    } else {
        OVERVIEW_LIMIT
    };
    let data = registry_data(state, c.portal_version, &q, only.as_ref(), limit).await?;
    let single = only.map(|_| {
        let matching = data.blocks.first().map(|b| b.matching).unwrap_or(0);
        Pages {
            page: q.page.unwrap_or(1),
            last: ((matching + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        }
    });
    if c.htmx {
        let fragment = ResultsFragment { c, q, data, single };
        return Ok(Html(fragment.render()?).into_response());
    }
    let prefectures = data
        .prefecture_codes
        .iter()
        .map(|code| (code.clone(), prefecture_name(&c.t, code)))
        .collect();
    let page = OverviewPage {
        prefectures,
        c,
        q,
        data,
        single,
    };
    Ok(Html(page.render()?).into_response())
}

async fn overview(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<FilterQuery>,
) -> Result<Response, AppError> {
    render(&state, c, q.cleaned(), None).await
}

async fn one_declaration(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<FilterQuery>,
) -> Result<Response, AppError> {
    let d = state.store.declaration_by_slug(&slug).await?;
    render(&state, c, q.cleaned(), Some(d)).await
}

#[derive(Template)]
#[template(path = "declarations/declarer.html")]
struct DeclarerPage {
    c: Ctx,
    org: Organization,
    region: Option<Region>,
    entries: Vec<(RegistryEntry, Declaration)>,
    /// Only what the employer published (ended years, groups big enough).
    public: crate::publish::PublicFigures,
    shows_figures: bool,
}

async fn declarer(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
) -> Result<Response, AppError> {
    let org = state.store.organization(org_id).await?;
    let entries = state.store.registry_entries_of_org(org_id).await?;
    if entries.is_empty() {
        // Not public until a declaration is approved.
        return Err(AppError::NotFound);
    }
    let declarations = state.store.declarations().await?;
    let entries: Vec<(RegistryEntry, Declaration)> = entries
        .into_iter()
        .filter_map(|e| {
            let d = declarations
                .iter()
                .find(|d| d.id == e.declaration_id)?
                .clone();
            Some((e, d))
        })
        .collect();
    // The figures card belongs to the 男性育休100%宣言, and to any declarer
    // whose employer chose to publish figures (consent is per figure and year).
    let public = crate::publish::load_public_figures(&state, &c.t, &org).await?;
    let shows_figures =
        entries.iter().any(|(_, d)| d.has_childcare_figures != 0) || !public.is_empty();
    let region = match org.region_id {
        Some(id) => Some(state.store.region(id).await?),
        None => None,
    };
    let page = DeclarerPage {
        c,
        org,
        region,
        entries,
        public,
        shows_figures,
    };
    Ok(Html(page.render()?).into_response())
}

/// Logos of approved declarations are public; a pending one only to those who may
/// see the organization, and never cached. SVG is sanitised on upload and served
/// with its own CSP that forbids scripts anyway.
async fn logo(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let owner = state
        .store
        .logo_owner(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if owner.status != "approved"
        && !c.can(&Action::ViewOrganization {
            org_id: owner.org_id,
            region_id: owner.org_region_id,
        })
        && !c.can(&Action::ReviewSigning {
            region_id: owner.org_region_id,
        })
    {
        return Err(AppError::NotFound);
    }
    let upload = state.store.upload(id).await?;
    let mut res = upload.bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_str(&upload.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    // Only a published logo may sit in shared caches; a pending one is seen by
    // the organization and the reviewers only, so no cache keeps it.
    h.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(if owner.status == "approved" {
            "public, max-age=86400"
        } else {
            "private, no-store"
        }),
    );
    Ok(res)
}

/// "2025年度（令和7年度）" / "FY2025"; a year in progress today is followed by
/// 「年度途中（N月まで）」 (N: the current month), wherever it is shown.
pub fn fiscal_year_label(t: &Tr, year: impl std::borrow::Borrow<i64>) -> String {
    crate::publish::year_label_as_of(t, *year.borrow(), crate::today_jst(), None)
}

/// "2025年度（令和7年度）" / "FY2025", whether or not the year is over.
pub fn plain_fiscal_year_label(t: &Tr, year: impl std::borrow::Borrow<i64>) -> String {
    let year = *year.borrow();
    let Ok(fy) = domain::FiscalYear::new(year as i32) else {
        return year.to_string();
    };
    if t.is_ja() {
        format!("{}（{}）", fy.label_ja(), fy.label_wareki())
    } else {
        fy.label_en()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(org_type: &str, n: i64) -> RegistryEntry {
        RegistryEntry {
            signing_id: 1,
            declaration_id: 1,
            org_id: 1,
            org_name: String::new(),
            org_kana: String::new(),
            org_type: org_type.into(),
            prefecture: "07".into(),
            region_code: None,
            region_name_ja: None,
            region_name_en: None,
            declared_on: "2026-01-01".into(),
            approved_at: None,
            representative_name: String::new(),
            representative_title: String::new(),
            message: String::new(),
            logo_upload_id: None,
            order_in_type: n,
            filtered_count: 1,
        }
    }

    #[test]
    fn order_labels_in_both_languages() {
        let ja = Tr::new(crate::i18n::Lang::Ja);
        let en = Tr::new(crate::i18n::Lang::En);
        assert_eq!(order_label(&ja, &entry("municipality", 6)), "自治体で6番目");
        assert_eq!(
            order_label(&en, &entry("municipality", 6)),
            "6th among municipalities"
        );
        assert_eq!(
            order_label(&en, &entry("company", 1)),
            "1st among companies"
        );
        assert_eq!(
            order_label(&en, &entry("company", 12)),
            "12th among companies"
        );
        assert_eq!(
            order_label(&en, &entry("other", 23)),
            "23rd among other bodies"
        );
    }

    #[test]
    fn filters_drop_unknown_values() {
        let q = FilterQuery {
            org_type: "<script>".into(),
            pref: "07".into(),
            region: "07209".into(),
            sort: "oldest".into(),
            page: Some(-3),
        }
        .cleaned();
        assert_eq!(q.org_type, "");
        assert_eq!(q.pref, "07");
        assert_eq!(q.region, "");
        assert_eq!(q.page, Some(1));
        assert_eq!(q.query_for_page(2), "pref=07&sort=oldest&page=2");
    }
}
