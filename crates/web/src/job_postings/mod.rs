//! Job postings (求人; issue 12): `/jobs` searches the open postings of the
//! region — words (Japanese normalized, two-character words too), employment
//! type, life situation, measures, who it suits, and 「男性育休取得実績あり」
//! from published computed figures only — in a plain GET form; `/jobs/{id}`
//! shows a posting beside its employer's published figures with schema.org
//! `JobPosting` JSON-LD, and answers 410 once it is closed or past its last day.
//! The organization's admins write postings ([`form`]).

mod form;

pub use form::JobForm;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::job::{EmploymentType, Situation, Suit};
use domain::workplace::Measure;
use store::postings::{Posting, PostingSearch};
use store::regions::Region;

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::engagements::report::grouped;
use crate::errors::AppError;
use crate::i18n::Tr;
use crate::publish::PublicFigures;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/jobs", get(search))
        .route("/jobs/{id}", get(page))
        .route("/jobs/{id}/edit", get(form::edit_form).post(form::update))
        .route("/jobs/{id}/close", post(form::close))
        .route("/jobs/{id}/review", post(form::review))
        .route("/orgs/{id}/jobs", get(form::org_list))
        .route(
            "/orgs/{id}/jobs/new",
            get(form::new_form).post(form::create),
        )
}

/// The most query pairs a search URL may carry.
const QUERY_PAIRS_MAX: usize = 60;
/// 平均残業 月10時間以下, in tenths of an hour.
const LOW_OVERTIME_TENTHS: u64 = 100;
/// 有給取得率70%以上, in tenths of a percent.
const HIGH_PAID_LEAVE_TENTHS: u64 = 700;
/// The most postings a search shows.
const RESULTS_MAX: i64 = 200;

/// A posting as a card or a page shows it.
pub struct PostingView {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub title: String,
    pub employment_type: &'static str,
    pub pay: Option<String>,
    pub overtime: Option<String>,
    pub holidays: Option<String>,
    pub location: String,
    pub work_hours: String,
    pub work_days: String,
    pub description: Vec<String>,
    pub measures: Vec<&'static str>,
    pub suits: Vec<&'static str>,
    pub posted_on: String,
    pub valid_through: String,
}

/// 「月給 220,000円〜280,000円」.
fn pay_label(t: &Tr, p: &Posting) -> Option<String> {
    let f = &p.fields;
    let unit = t.pick(f.pay_unit.name_ja(), f.pay_unit.name_en());
    let amount = |v: i64| t.f1("jobs.yen", "v", grouped(v));
    let range = match (f.pay_min, f.pay_max) {
        (Some(lo), Some(hi)) if lo == hi => amount(lo),
        (Some(lo), Some(hi)) => format!("{}〜{}", amount(lo), amount(hi)),
        (Some(lo), None) => t.f1("jobs.pay_from", "v", amount(lo)),
        (None, Some(hi)) => t.f1("jobs.pay_up_to", "v", amount(hi)),
        (None, None) => return None,
    };
    Some(format!("{unit} {range}"))
}

pub fn view(t: &Tr, p: &Posting) -> PostingView {
    let f = &p.fields;
    PostingView {
        id: p.id,
        org_id: p.org_id,
        org_name: p.org_name.clone(),
        title: f.title.clone(),
        employment_type: t.pick(f.employment_type.name_ja(), f.employment_type.name_en()),
        pay: pay_label(t, p),
        overtime: f
            .monthly_overtime_tenths
            .map(|x| t.f1("jobs.overtime_value", "h", format!("{}.{}", x / 10, x % 10))),
        holidays: f
            .annual_holidays
            .map(|d| t.f1("workplace.holidays_value", "n", d)),
        location: f.location.clone(),
        work_hours: f.work_hours.clone(),
        work_days: f.work_days.clone(),
        description: f
            .description
            .split("\n\n")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        measures: f
            .measures
            .iter()
            .map(|m| t.pick(m.name_ja(), m.name_en()))
            .collect(),
        suits: f
            .suits
            .iter()
            .map(|s| t.pick(s.name_ja(), s.name_en()))
            .collect(),
        posted_on: t.date(&f.posted_on),
        valid_through: t.date(&f.valid_through),
    }
}

fn today_iso() -> String {
    crate::today_jst().strftime("%Y-%m-%d").to_string()
}

// ---------------------------------------------------------------- the search

/// One box of a filter.
pub struct Check {
    pub code: &'static str,
    pub name: &'static str,
    pub checked: bool,
}

/// The search as asked, parsed from the query pairs.
#[derive(Default)]
struct Asked {
    q: String,
    region: String,
    employment_type: Option<EmploymentType>,
    situations: Vec<Situation>,
    measures: Vec<Measure>,
    suits: Vec<Suit>,
    male_leave: bool,
    /// 平均残業 月10時間以下 (published computed figures only).
    low_overtime: bool,
    /// 有給取得率70%以上 (published computed figures only).
    high_paid_leave: bool,
    /// Codes outside the vocabularies (an old or typed link).
    unknown: usize,
}

impl Asked {
    fn from_pairs(pairs: &[(String, String)]) -> Asked {
        let mut a = Asked::default();
        let mut unknown = 0;
        for (k, v) in pairs {
            let known = match k.as_str() {
                "q" => {
                    a.q = v.chars().take(200).collect();
                    true
                }
                "region" => {
                    a.region = v.clone();
                    true
                }
                "type" if v.is_empty() => true,
                "type" => {
                    a.employment_type = EmploymentType::parse(v);
                    a.employment_type.is_some()
                }
                "life" => Situation::parse(v).map(|s| a.situations.push(s)).is_some(),
                "m" => Measure::parse(v).map(|m| a.measures.push(m)).is_some(),
                "s" => Suit::parse(v).map(|s| a.suits.push(s)).is_some(),
                "male_leave" => {
                    a.male_leave = v == "1";
                    true
                }
                "low_overtime" => {
                    a.low_overtime = v == "1";
                    true
                }
                "high_paid_leave" => {
                    a.high_paid_leave = v == "1";
                    true
                }
                _ => true,
            };
            if !known {
                unknown += 1;
            }
        }
        a.unknown = unknown;
        a
    }

    fn filtered(&self) -> bool {
        !self.q.trim().is_empty()
            || self.employment_type.is_some()
            || !self.situations.is_empty()
            || !self.measures.is_empty()
            || !self.suits.is_empty()
            || self.male_leave
            || self.low_overtime
            || self.high_paid_leave
    }

    fn asks_verified(&self) -> bool {
        self.male_leave || self.low_overtime || self.high_paid_leave
    }

    /// Whether an employer's verified figures pass every ticked threshold.
    fn verified_fits(&self, v: &crate::publish::Verified) -> bool {
        (!self.male_leave || v.male_leave)
            && (!self.low_overtime
                || v.overtime_hours
                    .is_some_and(|h| h.tenths <= LOW_OVERTIME_TENTHS))
            && (!self.high_paid_leave
                || v.paid_leave_percent
                    .is_some_and(|p| p.tenths >= HIGH_PAID_LEAVE_TENTHS))
    }

    /// Whether a posting passes the vocabulary filters: every ticked measure
    /// and suit, and each ticked situation.
    fn fits(&self, p: &Posting) -> bool {
        let f = &p.fields;
        self.measures.iter().all(|m| f.measures.contains(m))
            && self.suits.iter().all(|s| f.suits.contains(s))
            && self
                .situations
                .iter()
                .all(|s| s.fits(&f.measures, &f.suits))
    }
}

#[derive(Template)]
#[template(path = "job_postings/search.html")]
struct SearchPage {
    c: Ctx,
    region: Option<Region>,
    q: String,
    types: Vec<Check>,
    situations: Vec<Check>,
    measures: Vec<Check>,
    suits: Vec<Check>,
    male_leave: bool,
    low_overtime: bool,
    high_paid_leave: bool,
    /// The measures-and-suits box starts open when one of them is ticked.
    more_open: bool,
    filtered: bool,
    unknown: usize,
    found: std::sync::Arc<CachedSearch>,
}

/// The translator alone, for fragments rendered once for every reader of a
/// language (they read `c.t` like a page does).
struct TrOnly {
    t: Tr,
}

/// The results of a search: their heading and cards.
#[derive(Template)]
#[template(path = "job_postings/results.html")]
struct ResultsHtml<'a> {
    c: TrOnly,
    results: &'a [PostingView],
    filtered: bool,
}

/// A search's region and rendered results, shared by every request asking the
/// same in the same language on the same day until the portal version changes.
pub struct CachedSearch {
    region: Option<Region>,
    results_html: String,
}

/// The cache key of a search: what it asks, normalized, with the language and day.
fn search_key(asked: &Asked, terms: &[String], lang: crate::i18n::Lang, today: &str) -> String {
    let codes = |v: Vec<&str>| v.join(",");
    format!(
        "{}|{}|{}|{}|{}|{}|{}{}{}|{}|{today}",
        asked.region.trim(),
        terms.join("\u{1F}"),
        asked.employment_type.map(|t| t.as_str()).unwrap_or(""),
        codes(asked.situations.iter().map(|x| x.as_str()).collect()),
        codes(asked.measures.iter().map(|x| x.as_str()).collect()),
        codes(asked.suits.iter().map(|x| x.as_str()).collect()),
        u8::from(asked.male_leave),
        u8::from(asked.low_overtime),
        u8::from(asked.high_paid_leave),
        lang.code(),
    )
}

/// Run the search and render its results.
async fn run_search(
    state: &AppState,
    t: &Tr,
    asked: &Asked,
    terms: Vec<String>,
    today: String,
) -> Result<CachedSearch, AppError> {
    let region = crate::news::region_of(state, &asked.region).await?;
    let found = state
        .store
        .search_postings(&PostingSearch {
            region_id: region.as_ref().map(|r| r.id),
            terms,
            employment_type: asked.employment_type,
            today,
            limit: RESULTS_MAX,
        })
        .await?;
    let mut results = Vec::new();
    // The verified thresholds: decided once per employer, from what it published.
    let mut verified: Vec<(i64, bool)> = Vec::new();
    for p in found.iter().filter(|p| asked.fits(p)) {
        if asked.asks_verified() {
            let fits = match verified.iter().find(|(o, _)| *o == p.org_id) {
                Some((_, fits)) => *fits,
                None => {
                    let rows = state.store.childcare_figure_rows(p.org_id).await?;
                    let pubs = state.store.live_publications(p.org_id).await?;
                    let v = crate::publish::verified(&rows, &pubs, crate::today_jst());
                    let fits = asked.verified_fits(&v);
                    verified.push((p.org_id, fits));
                    fits
                }
            };
            if !fits {
                continue;
            }
        }
        results.push(view(t, p));
    }
    let results_html = ResultsHtml {
        c: TrOnly { t: *t },
        results: &results,
        filtered: asked.filtered(),
    }
    .render()?;
    Ok(CachedSearch {
        region,
        results_html,
    })
}

async fn search(
    State(state): State<AppState>,
    c: Ctx,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if pairs.len() > QUERY_PAIRS_MAX {
        return Err(AppError::BadRequest("too many filters".into()));
    }
    let asked = Asked::from_pairs(&pairs);
    let today = today_iso();
    let terms = domain::search::terms(&asked.q, store::postings::SEARCH_TERMS);
    let key = search_key(&asked, &terms, c.lang(), &today);
    let cache = &state.portal.searches;
    let found = match c.portal_version.and_then(|v| cache.get(&key, v)) {
        Some(found) => found,
        None => {
            let found = std::sync::Arc::new(run_search(&state, &c.t, &asked, terms, today).await?);
            if let Some(v) = c.portal_version {
                cache.put(key, v, found.clone());
            }
            found
        }
    };
    let t = &c.t;
    let page = SearchPage {
        types: EmploymentType::ALL
            .iter()
            .map(|x| Check {
                code: x.as_str(),
                name: t.pick(x.name_ja(), x.name_en()),
                checked: asked.employment_type == Some(*x),
            })
            .collect(),
        situations: Situation::ALL
            .iter()
            .map(|x| Check {
                code: x.as_str(),
                name: t.pick(x.name_ja(), x.name_en()),
                checked: asked.situations.contains(x),
            })
            .collect(),
        measures: Measure::ALL
            .iter()
            .map(|x| Check {
                code: x.as_str(),
                name: t.pick(x.name_ja(), x.name_en()),
                checked: asked.measures.contains(x),
            })
            .collect(),
        suits: Suit::ALL
            .iter()
            .map(|x| Check {
                code: x.as_str(),
                name: t.pick(x.name_ja(), x.name_en()),
                checked: asked.suits.contains(x),
            })
            .collect(),
        more_open: !asked.measures.is_empty() || !asked.suits.is_empty(),
        q: asked.q.clone(),
        male_leave: asked.male_leave,
        low_overtime: asked.low_overtime,
        high_paid_leave: asked.high_paid_leave,
        filtered: asked.filtered(),
        unknown: asked.unknown,
        region: found.region.clone(),
        found,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

// ---------------------------------------------------------------- one posting

#[derive(Template)]
#[template(path = "job_postings/page.html")]
struct PostingPage<'a> {
    c: Ctx,
    p: &'a PostingView,
    json_ld: &'a str,
    public: &'a PublicFigures,
    has_workplace: bool,
    can_edit: bool,
    /// Shown to its admins and the region's staff only: not open to the
    /// public today.
    not_public: bool,
    /// 掲載審査: where it stands, and the staff's note on a returned one.
    review: domain::job::PostingReview,
    review_note: &'a str,
    /// The staff's decision form (a posting in review, to its region's staff).
    can_review: bool,
    errors: crate::forms::FieldErrors,
}

#[derive(Template)]
#[template(path = "job_postings/gone.html")]
struct GonePage {
    c: Ctx,
    title: String,
    org_name: String,
    others: Vec<PostingView>,
}

/// schema.org `JobPosting`; `<` is written `\u003c` so no text can close the
/// script element.
fn json_ld(p: &Posting, region: Option<&Region>, org_url: &str) -> String {
    let f = &p.fields;
    let mut doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": f.title,
        "description": f.description,
        "datePosted": f.posted_on,
        "validThrough": format!("{}T23:59:59+09:00", f.valid_through),
        "employmentType": f.employment_type.schema_org(),
        "hiringOrganization": {
            "@type": "Organization",
            "name": p.org_name,
            "sameAs": org_url,
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": f.location,
                "addressLocality": region.map(|r| r.name_ja.clone()).unwrap_or_default(),
                "addressRegion": region
                    .and_then(|r| domain::Prefecture::parse(&r.prefecture).ok())
                    .map(|p| p.name_ja())
                    .unwrap_or_default(),
                "addressCountry": "JP",
            },
        },
    });
    if f.pay_min.is_some() || f.pay_max.is_some() {
        let mut value = serde_json::json!({
            "@type": "QuantitativeValue",
            "unitText": f.pay_unit.schema_org(),
        });
        if let Some(v) = f.pay_min {
            value["minValue"] = v.into();
        }
        if let Some(v) = f.pay_max {
            value["maxValue"] = v.into();
        }
        doc["baseSalary"] = serde_json::json!({
            "@type": "MonetaryAmount",
            "currency": "JPY",
            "value": value,
        });
    }
    if let Some(h) = f.annual_holidays {
        doc["jobBenefits"] = format!("年間休日{h}日").into();
    }
    doc.to_string().replace('<', "\\u003c")
}

/// What `/jobs/{id}` shows of a posting and its employer, read once per
/// language and day until the portal version changes. Whether the posting is
/// open is decided on every request, from the posting and today's date.
pub struct CachedPosting {
    posting: Posting,
    view: PostingView,
    json_ld: String,
    public: PublicFigures,
    has_workplace: bool,
}

async fn load_posting(state: &AppState, t: &Tr, id: i64) -> Result<CachedPosting, AppError> {
    let p = state.store.posting(id).await?;
    let org = state.store.organization(p.org_id).await?;
    let region = match org.region_id {
        Some(r) => Some(state.store.region(r).await?),
        None => None,
    };
    let public = crate::publish::load_public_figures(state, t, &org).await?;
    let has_workplace = state.store.workplace(org.id).await?.is_some();
    let base = crate::declarations::export::base_url(state);
    let org_url = if has_workplace {
        format!("{base}/workplaces/{}", org.id)
    } else {
        org.website.clone()
    };
    Ok(CachedPosting {
        json_ld: json_ld(&p, region.as_ref(), &org_url),
        view: view(t, &p),
        posting: p,
        public,
        has_workplace,
    })
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    render_page(&state, c, id, crate::forms::FieldErrors::new()).await
}

/// The posting's page: to the public while it is open; to its organization's
/// admins and its region's staff always, with where it stands; 410 once it
/// has ended, 404 before it is public. `errors` are the review form's.
async fn render_page(
    state: &AppState,
    c: Ctx,
    id: i64,
    errors: crate::forms::FieldErrors,
) -> Result<Response, AppError> {
    let today = today_iso();
    let key = format!("{id}|{}|{today}", c.lang().code());
    let cache = &state.portal.jobs;
    let data = match c.portal_version.and_then(|v| cache.get(&key, v)) {
        Some(data) => data,
        None => {
            let data = std::sync::Arc::new(load_posting(state, &c.t, id).await?);
            if let Some(v) = c.portal_version {
                cache.put(key, v, data.clone());
            }
            data
        }
    };
    let p = &data.posting;
    let can_edit = c.can(&Action::DeclareForOrganization { org_id: p.org_id });
    let is_reviewer = c.can(&Action::ReviewSigning {
        region_id: p.org_region_id,
    });
    if !p.is_open_on(&today) && !can_edit && !is_reviewer {
        if !p.is_gone_on(&today) {
            // Not posted yet, or not approved: as if it did not exist.
            return Err(AppError::NotFound);
        }
        let others = state
            .store
            .open_postings_of_org(p.org_id, &today)
            .await?
            .iter()
            .map(|o| view(&c.t, o))
            .collect();
        let page = GonePage {
            title: p.fields.title.clone(),
            org_name: p.org_name.clone(),
            others,
            c,
        };
        return Ok((StatusCode::GONE, Html(page.render()?)).into_response());
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = PostingPage {
        json_ld: &data.json_ld,
        not_public: !p.is_open_on(&today),
        p: &data.view,
        public: &data.public,
        has_workplace: data.has_workplace,
        can_edit,
        review: p.review,
        review_note: &p.review_note,
        can_review: is_reviewer && p.review == domain::job::PostingReview::InReview,
        errors,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use store::postings::{PostingFields, PostingStatus};

    fn posting(title: &str) -> Posting {
        Posting {
            id: 1,
            org_id: 2,
            org_name: "はまなすケミカル株式会社".into(),
            org_region_id: Some(1),
            org_address: String::new(),
            fields: PostingFields {
                title: title.into(),
                employment_type: EmploymentType::PartTime,
                description: "説明".into(),
                work_hours: "9:00〜15:00".into(),
                work_days: "週3日から".into(),
                monthly_overtime_tenths: Some(20),
                annual_holidays: Some(120),
                pay_unit: domain::job::PayUnit::Hour,
                pay_min: Some(1_000),
                pay_max: Some(1_200),
                location: "相馬市".into(),
                measures: vec![Measure::ShortHours],
                suits: vec![Suit::Parents],
                posted_on: "2026-12-01".into(),
                valid_through: "2027-01-31".into(),
            },
            status: PostingStatus::Open,
            review: domain::job::PostingReview::Approved,
            review_note: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn json_ld_names_what_job_search_engines_read() {
        let ld = json_ld(
            &posting("</script><b>事務</b>"),
            None,
            "https://example.jp/w/2",
        );
        assert!(!ld.contains("</script>"));
        let v: serde_json::Value = serde_json::from_str(&ld).unwrap();
        assert_eq!(v["@type"], "JobPosting");
        assert_eq!(v["title"], "</script><b>事務</b>");
        assert_eq!(v["employmentType"], "PART_TIME");
        assert_eq!(v["datePosted"], "2026-12-01");
        assert_eq!(v["validThrough"], "2027-01-31T23:59:59+09:00");
        assert_eq!(v["baseSalary"]["currency"], "JPY");
        assert_eq!(v["baseSalary"]["value"]["minValue"], 1000);
        assert_eq!(v["baseSalary"]["value"]["unitText"], "HOUR");
        assert_eq!(v["jobLocation"]["address"]["@type"], "PostalAddress");
        assert_eq!(v["hiringOrganization"]["name"], "はまなすケミカル株式会社");
    }

    #[test]
    fn open_and_gone_follow_the_dates() {
        let p = posting("事務");
        assert!(!p.is_open_on("2026-11-30") && !p.is_gone_on("2026-11-30"));
        assert!(p.is_open_on("2026-12-01") && p.is_open_on("2027-01-31"));
        assert!(!p.is_open_on("2027-02-01") && p.is_gone_on("2027-02-01"));
        let closed = Posting {
            status: PostingStatus::Closed,
            ..posting("事務")
        };
        assert!(!closed.is_open_on("2026-12-10") && closed.is_gone_on("2026-12-10"));
        // Never approved: never public, so unknown rather than gone.
        for review in [
            domain::job::PostingReview::InReview,
            domain::job::PostingReview::Returned,
        ] {
            let held = Posting {
                review,
                ..posting("事務")
            };
            assert!(!held.is_open_on("2026-12-10") && !held.is_gone_on("2026-12-10"));
            let ended = Posting {
                review,
                ..closed.clone()
            };
            assert!(!ended.is_gone_on("2026-12-10") && ended.has_ended_on("2026-12-10"));
        }
    }

    #[test]
    fn situations_measures_and_suits_all_apply() {
        let p = posting("事務");
        let ask = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            Asked::from_pairs(&pairs)
        };
        assert!(ask(&[("life", "parenting")]).fits(&p));
        assert!(!ask(&[("life", "moving")]).fits(&p));
        assert!(ask(&[("m", "short_hours"), ("s", "parents")]).fits(&p));
        assert!(!ask(&[("m", "short_hours"), ("m", "telework")]).fits(&p));
        let odd = ask(&[("m", "beer"), ("type", "boss"), ("life", "x")]);
        assert_eq!(odd.unknown, 3);
        assert!(odd.fits(&p), "unknown words are dropped, not matched");
    }

    #[test]
    fn pay_reads_as_written_in_japan() {
        let t = Tr::new(crate::i18n::Lang::Ja);
        assert_eq!(
            pay_label(&t, &posting("x")).unwrap(),
            "時給 1,000円〜1,200円"
        );
        let mut p = posting("x");
        p.fields.pay_max = None;
        p.fields.pay_unit = domain::job::PayUnit::Month;
        p.fields.pay_min = Some(220_000);
        assert_eq!(pay_label(&t, &p).unwrap(), "月給 220,000円以上");
    }
}
