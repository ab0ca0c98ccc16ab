//! 選ばれる職場 (issue 12): the public profiles of member organizations —
//! `/workplaces` (filtered by the work-style measures a job seeker needs, a
//! plain GET form that works without JavaScript) and `/workplaces/{id}` (what
//! the organization does, its measures, its declarations and the figures it
//! chose to publish, each badged by origin). The organization's admins write
//! the profile at `/orgs/{id}/workplace`; the public sees it only once the
//! region's staff approved it in the review queue (`crate::review`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::workplace::{Measure, parse_annual_holidays};
use store::declarations::{Declaration, RegistryEntry};
use store::regions::Region;
use store::workplaces::{ProfileProposal, ProfileText, Workplace};

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::i18n::Tr;
use crate::publish::PublicFigures;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/workplaces", get(list))
        .route("/workplaces/{id}", get(page))
        .route("/orgs/{id}/workplace", get(edit_form).post(propose))
        .route("/orgs/{id}/workplace/withdraw", post(withdraw))
}

/// The longest introduction kept, in characters.
const DESCRIPTION_MAX: usize = 2000;
/// The most filter pairs a list URL may carry (a bound on hostile input).
const QUERY_PAIRS_MAX: usize = 40;

/// A measure as a page shows it.
pub struct MeasureView {
    pub code: &'static str,
    pub name: &'static str,
    pub checked: bool,
}

fn measure_views(t: &Tr, checked: &[Measure]) -> Vec<MeasureView> {
    Measure::ALL
        .iter()
        .map(|m| MeasureView {
            code: m.as_str(),
            name: t.pick(m.name_ja(), m.name_en()),
            checked: checked.contains(m),
        })
        .collect()
}

fn names(t: &Tr, measures: &[Measure]) -> Vec<&'static str> {
    measures
        .iter()
        .map(|m| t.pick(m.name_ja(), m.name_en()))
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
}

#[derive(Template)]
#[template(path = "workplaces/list.html")]
struct ListPage {
    c: Ctx,
    region: Option<Region>,
    measures: Vec<MeasureView>,
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
    measures: &'a [&'static str],
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
    measures: Vec<&'static str>,
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
        measures: names(t, &w.profile.measures),
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
        measures: &data.measures,
        holidays: &data.holidays,
        entries: &data.entries,
        public: &data.public,
        stories: &data.stories,
        can_edit: c.can(&Action::DeclareForOrganization { org_id }),
        c,
    };
    Ok(Html(page.render()?).into_response())
}

// ---------------------------------------------------------------- the organization's form

/// The form as posted: `description`, `annual_holidays` and one `measure`
/// pair per ticked box.
#[derive(Debug, Clone, Default)]
pub struct ProfileForm {
    pub description: String,
    pub annual_holidays: String,
    pub measures: Vec<String>,
}

pub const LABELS: forms::Labels = &[
    ("description", "workplace.field.description"),
    ("measures", "workplace.field.measures"),
    ("annual_holidays", "workplace.field.holidays"),
];

impl ProfileForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> ProfileForm {
        let mut f = ProfileForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "description" => f.description = v,
                "annual_holidays" => f.annual_holidays = v,
                "measure" => f.measures.push(v),
                _ => {}
            }
        }
        f
    }

    fn of(p: &ProfileText) -> ProfileForm {
        ProfileForm {
            description: p.description.clone(),
            annual_holidays: p.annual_holidays.map(|d| d.to_string()).unwrap_or_default(),
            measures: p.measures.iter().map(|m| m.as_str().to_string()).collect(),
        }
    }

    /// The profile to propose, or what is wrong with the form.
    pub fn parse(&self, t: &Tr) -> Result<ProfileText, FieldErrors> {
        let mut errors = FieldErrors::labelled(LABELS);
        let description = forms::text(
            &mut errors,
            t,
            "description",
            &self.description.replace("\r\n", "\n"),
            true,
            DESCRIPTION_MAX,
        );
        let mut measures = Vec::new();
        for code in &self.measures {
            match Measure::parse(code) {
                Some(m) => measures.push(m),
                None => {
                    errors.add(t, "measures", "workplace.error.measure");
                    break;
                }
            }
        }
        if self.measures.len() > Measure::ALL.len() * 2 {
            errors.add(t, "measures", "workplace.error.measure");
        }
        let annual_holidays = match parse_annual_holidays(&self.annual_holidays) {
            Ok(h) => h,
            Err(e) => {
                errors.add(t, "annual_holidays", e.i18n_key());
                None
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        measures.sort();
        measures.dedup();
        Ok(ProfileText {
            description,
            measures,
            annual_holidays,
        })
    }

    fn ticked(&self) -> Vec<Measure> {
        self.measures
            .iter()
            .filter_map(|c| Measure::parse(c))
            .collect()
    }
}

#[derive(Template)]
#[template(path = "workplaces/form.html")]
struct FormPage {
    c: Ctx,
    org_id: i64,
    org_name: String,
    published: Option<Workplace>,
    pending: Option<ProfileProposal>,
    measures: Vec<MeasureView>,
    v: ProfileForm,
    errors: FieldErrors,
}

/// The organization, for its admins (404 to whoever may not see it, 403 to
/// those who see it but may not speak for it).
async fn admin_org(
    state: &AppState,
    c: &Ctx,
    org_id: i64,
) -> Result<store::orgs::Organization, AppError> {
    c.org_for(&state.store, org_id, |o| Action::DeclareForOrganization {
        org_id: o.id,
    })
    .await
}

async fn render_form(
    state: &AppState,
    c: Ctx,
    org: store::orgs::Organization,
    v: Option<ProfileForm>,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let published = state.store.workplace(org.id).await?;
    let pending = state.store.pending_workplace_proposal(org.id).await?;
    let v = v.unwrap_or_else(|| match (&pending, &published) {
        (Some(p), _) => ProfileForm::of(&p.proposed),
        (None, Some(w)) => ProfileForm::of(&w.profile),
        (None, None) => ProfileForm::default(),
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        measures: measure_views(&c.t, &v.ticked()),
        org_id: org.id,
        org_name: org.name,
        published,
        pending,
        v,
        errors,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
) -> Result<Response, AppError> {
    let org = admin_org(&state, &c, org_id).await?;
    render_form(&state, c, org, None, FieldErrors::new()).await
}

async fn propose(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let org = admin_org(&state, &c, org_id).await?;
    let v = ProfileForm::from_pairs(pairs);
    let profile = match v.parse(&c.t) {
        Ok(p) => p,
        Err(errors) => return render_form(&state, c, org, Some(v), errors).await,
    };
    let by = c.user.as_ref().map(|u| u.user_id);
    let id = state
        .store
        .propose_workplace_profile(org_id, &profile, by)
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            "proposed",
            "workplace_profile",
            id,
            &serde_json::json!({
                "org_id": org_id,
                "measures": Measure::join(&profile.measures),
                "annual_holidays": profile.annual_holidays,
            })
            .to_string(),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{org_id}/workplace"),
        "flash.workplace_proposed",
        &[],
        state.config.cookie_secure,
    ))
}

async fn withdraw(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
) -> Result<Response, AppError> {
    admin_org(&state, &c, org_id).await?;
    if state.store.withdraw_workplace(org_id).await? {
        state
            .store
            .audit(
                &c.actor(),
                "withdrawn",
                "workplace_profile",
                org_id,
                &serde_json::json!({ "org_id": org_id }).to_string(),
            )
            .await?;
    }
    Ok(redirect_with_flash_args(
        &format!("/orgs/{org_id}/workplace"),
        "flash.workplace_withdrawn",
        &[],
        state.config.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn form(description: &str, holidays: &str, measures: &[&str]) -> ProfileForm {
        ProfileForm {
            description: description.into(),
            annual_holidays: holidays.into(),
            measures: measures.iter().map(|m| m.to_string()).collect(),
        }
    }

    #[test]
    fn the_form_keeps_the_vocabulary_and_bounds() {
        let t = Tr::new(Lang::Ja);
        let p = form(
            "相馬の化学メーカーです。\r\n\r\n残業の少ない職場です。",
            "１２０",
            &["two_days_off", "telework", "telework"],
        )
        .parse(&t)
        .unwrap();
        assert_eq!(
            p.description,
            "相馬の化学メーカーです。\n\n残業の少ない職場です。"
        );
        assert_eq!(p.measures, vec![Measure::Telework, Measure::TwoDaysOff]);
        assert_eq!(p.annual_holidays, Some(120));

        let e = form("", "400", &["beer_friday"]).parse(&t).unwrap_err();
        assert!(e.has("description") && e.has("measures") && e.has("annual_holidays"));
        let long = form(&"あ".repeat(DESCRIPTION_MAX + 1), "", &[]);
        assert!(long.parse(&t).unwrap_err().has("description"));
        let exact = form(&"あ".repeat(DESCRIPTION_MAX), "", &[]);
        assert!(exact.parse(&t).is_ok());
    }

    #[test]
    fn a_long_introduction_is_cut_for_the_list() {
        assert_eq!(teaser("短い紹介。\n\n二段落目"), "短い紹介。");
        let long = "あ".repeat(100);
        let cut = teaser(&long);
        assert_eq!(cut.chars().count(), 80);
        assert!(cut.ends_with('…'));
    }
}
