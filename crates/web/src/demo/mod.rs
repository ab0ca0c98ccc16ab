//! The demo data set: the region 相馬市, the three declarations, fictional
//! employers, declarations in every review state and one account per role.
//! Loaded by `erabareru demo` and by `serve --demo` on an empty database.

mod bulk;
mod daily;
mod engagements;
mod org_survey;
mod survey;

use ingest::generate::Culture;
use serde::Deserialize;
use store::Store;
use store::declarations::{DeclarationInput, SigningInput, SigningStatus};
use store::figures::ChildcareFiguresInput;
use store::orgs::OrganizationInput;
use store::regions::NewRegion;

use crate::auth::password;

mod course;
mod stories;

/// The data set, embedded in the binary.
pub const SOMA: &str = include_str!("soma.toml");

#[derive(Deserialize)]
struct DemoSet {
    regions: Vec<DemoRegion>,
    #[serde(default)]
    news: Vec<DemoNews>,
    declarations: Vec<DemoDeclaration>,
    organizations: Vec<DemoOrg>,
    #[serde(default)]
    signings: Vec<DemoSigning>,
    #[serde(default)]
    figures: Vec<DemoFigures>,
    users: Vec<DemoUser>,
    #[serde(default)]
    events: Vec<DemoEvent>,
    #[serde(default)]
    event_participants: Vec<DemoParticipant>,
    #[serde(default)]
    courses: Vec<course::DemoCourse>,
    #[serde(default)]
    engagements: Vec<engagements::DemoEngagement>,
    #[serde(default)]
    workplaces: Vec<DemoWorkplace>,
    #[serde(default)]
    job_postings: Vec<DemoPosting>,
    #[serde(default)]
    job_inquiries: Vec<DemoInquiry>,
    #[serde(default)]
    stories: Vec<stories::DemoStory>,
}

/// A job seeker's inquiry or application, sent when the demo is loaded; with
/// an answer from the employer's first admin when `answer` is given.
#[derive(Deserialize)]
struct DemoInquiry {
    org: String,
    /// The posting's title; empty for an inquiry to the employer.
    #[serde(default)]
    posting: String,
    kind: String,
    name: String,
    email: String,
    #[serde(default)]
    phone: String,
    message: String,
    #[serde(default)]
    answer: String,
}

/// A job posting, through the employer's form; its dates relative to the day
/// the demo is loaded.
#[derive(Deserialize)]
struct DemoPosting {
    org: String,
    title: String,
    employment_type: String,
    description: String,
    work_hours: String,
    work_days: String,
    #[serde(default)]
    monthly_overtime: String,
    #[serde(default)]
    annual_holidays: String,
    pay_unit: String,
    #[serde(default)]
    pay_min: String,
    #[serde(default)]
    pay_max: String,
    #[serde(default)]
    measures: Vec<String>,
    #[serde(default)]
    suits: Vec<String>,
    posted_days_ago: i64,
    open_days: i64,
    #[serde(default)]
    closed: bool,
    /// Saved after the region began reviewing postings: waiting for its staff.
    #[serde(default)]
    in_review: bool,
}

/// A workplace profile (選ばれる職場), through the form's own parsing;
/// `approved = false` leaves it waiting in the review queue.
#[derive(Deserialize)]
struct DemoWorkplace {
    org: String,
    #[serde(default)]
    approved: bool,
    description: String,
    #[serde(default)]
    measures: Vec<String>,
    #[serde(default)]
    annual_holidays: String,
    #[serde(default)]
    certifications: Vec<String>,
    /// Photos from `demo/photos/`, through the upload's own processing.
    #[serde(default)]
    photos: Vec<DemoPhoto>,
}

#[derive(Deserialize)]
struct DemoPhoto {
    file: String,
    alt: String,
}

/// The demo's photos: drawn illustrations that say they are demo images.
fn demo_photo_bytes(file: &str) -> Option<&'static [u8]> {
    match file {
        "chemical.jpg" => Some(include_bytes!("photos/chemical.jpg")),
        "inn.jpg" => Some(include_bytes!("photos/inn.jpg")),
        "care.jpg" => Some(include_bytes!("photos/care.jpg")),
        _ => None,
    }
}

/// Someone who registered for a past event, whether they came, and their
/// questionnaire answer if they gave one.
#[derive(Deserialize)]
struct DemoParticipant {
    /// The event's title.
    event: String,
    name: String,
    #[serde(default)]
    organization: String,
    role: String,
    email: String,
    #[serde(default)]
    checked_in: bool,
    satisfaction: Option<u8>,
    #[serde(default)]
    first_step: String,
    #[serde(default)]
    wants_course: bool,
    #[serde(default)]
    wants_consulting: bool,
    #[serde(default)]
    comment: String,
}

/// An event as the staff form takes it, with its declaration named by slug.
#[derive(Deserialize)]
struct DemoEvent {
    #[serde(default)]
    declaration_slug: String,
    #[serde(flatten)]
    form: crate::events::form::EventForm,
}

#[derive(Deserialize)]
struct DemoRegion {
    code: String,
    name_ja: String,
    name_en: String,
    prefecture: String,
    intro_ja: String,
    intro_en: String,
    /// Its staff review job postings before they go public.
    #[serde(default)]
    review_postings: bool,
    /// 地域包括支援センター, as its staff type them (`care::parse_centres`).
    #[serde(default)]
    care_centres: String,
}

#[derive(Deserialize)]
struct DemoNews {
    region: String,
    date: String,
    title_ja: String,
    title_en: String,
}

#[derive(Deserialize)]
struct DemoDeclaration {
    slug: String,
    title_ja: String,
    title_en: String,
    text_ja: String,
    text_en: String,
    has_childcare_figures: bool,
}

#[derive(Deserialize)]
struct DemoOrg {
    key: String,
    name: String,
    kana: String,
    org_type: String,
    region: Option<String>,
    prefecture: String,
    corporate_number: Option<String>,
    industry: Option<String>,
    employee_band: Option<String>,
    #[serde(default)]
    address: String,
    #[serde(default)]
    website: String,
}

#[derive(Deserialize)]
struct DemoSigning {
    org: String,
    declaration: String,
    declared_on: String,
    representative_name: String,
    representative_title: String,
    message: String,
    status: String,
    approved_on: Option<String>,
}

#[derive(Deserialize)]
struct DemoFigures {
    org: String,
    fiscal_year: i64,
    men_employed: i64,
    women_employed: i64,
    men_takers: i64,
    women_takers: i64,
    men_births: i64,
    women_births: i64,
    men_average_days: Option<f64>,
}

#[derive(Deserialize)]
struct DemoUser {
    email: String,
    password: String,
    display_name: String,
    roles: Vec<DemoRole>,
}

#[derive(Deserialize)]
struct DemoRole {
    role: String,
    region: Option<String>,
    org: Option<String>,
}

/// A demo account as printed on the console.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub email: String,
    pub password: String,
    pub roles: Vec<String>,
}

fn bad(what: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("demo data: {what}")
}

/// A demo role as the console prints it: 「組織の管理者（はまなすケミカル株式会社）」.
fn role_label(set: &DemoSet, r: &DemoRole) -> String {
    let name = domain::Role::parse(&r.role)
        .map(|role| role.name_ja().to_string())
        .unwrap_or_else(|_| r.role.clone());
    let place = r
        .region
        .as_ref()
        .map(|code| {
            set.regions
                .iter()
                .find(|g| &g.code == code)
                .map(|g| g.name_ja.clone())
                .unwrap_or_else(|| code.clone())
        })
        .or_else(|| {
            r.org.as_ref().and_then(|k| {
                set.organizations
                    .iter()
                    .find(|o| &o.key == k)
                    .map(|o| o.name.clone())
            })
        });
    match place {
        Some(p) => format!("{name}（{p}）"),
        None => name,
    }
}

/// The demo accounts as the demo set defines them (to print them again when the
/// demo is already loaded).
pub fn accounts() -> anyhow::Result<Vec<DemoAccount>> {
    let set: DemoSet = toml::from_str(SOMA)?;
    Ok(set
        .users
        .iter()
        .map(|u| DemoAccount {
            email: u.email.clone(),
            password: u.password.clone(),
            roles: u.roles.iter().map(|r| role_label(&set, r)).collect(),
        })
        .collect())
}

/// Whether this database holds the demo set (its administrator exists).
pub async fn is_loaded(store: &Store) -> anyhow::Result<bool> {
    let set: DemoSet = toml::from_str(SOMA)?;
    let Some(first) = set.users.first() else {
        return Ok(false);
    };
    Ok(store.user_by_email(&first.email).await?.is_some())
}

/// Load the demo set into an empty database and return the demo accounts.
pub async fn load(store: &Store) -> anyhow::Result<Vec<DemoAccount>> {
    if !store.is_empty().await? {
        anyhow::bail!("the database already has data; the demo set loads only into an empty one");
    }
    let set: DemoSet = toml::from_str(SOMA)?;
    let mut region_ids = std::collections::HashMap::new();
    for r in &set.regions {
        let code = domain::LocalGovCode::parse(&r.code).map_err(bad)?;
        let id = store
            .create_region(&NewRegion {
                code: code.as_str().to_string(),
                name_ja: r.name_ja.clone(),
                name_en: r.name_en.clone(),
                prefecture: r.prefecture.clone(),
                intro_ja: r.intro_ja.clone(),
                intro_en: r.intro_en.clone(),
            })
            .await?;
        store.set_review_postings(id, r.review_postings).await?;
        let centres = crate::care::parse_centres(&r.care_centres)
            .map_err(|key| anyhow::anyhow!("demo care centres of {}: {key}", r.code))?;
        store.replace_care_centres(id, &centres).await?;
        region_ids.insert(r.code.clone(), id);
    }
    for n in &set.news {
        let region = *region_ids.get(&n.region).ok_or_else(|| bad(&n.region))?;
        store
            .add_news(region, &n.date, &n.title_ja, &n.title_en)
            .await?;
    }
    let mut declaration_ids = std::collections::HashMap::new();
    for (i, d) in set.declarations.iter().enumerate() {
        let id = store
            .create_declaration(&DeclarationInput {
                slug: d.slug.clone(),
                title_ja: d.title_ja.clone(),
                title_en: d.title_en.clone(),
                text_ja: d.text_ja.clone(),
                text_en: d.text_en.clone(),
                has_childcare_figures: d.has_childcare_figures,
                position: i as i64 + 1,
            })
            .await?;
        declaration_ids.insert(d.slug.clone(), id);
    }
    let mut org_ids = std::collections::HashMap::new();
    for o in &set.organizations {
        if let Some(n) = &o.corporate_number {
            domain::CorporateNumber::parse(n).map_err(|e| bad(format!("{}: {e}", o.key)))?;
        }
        let id = store
            .create_organization(&OrganizationInput {
                name: o.name.clone(),
                kana: o.kana.clone(),
                org_type: domain::OrgType::parse(&o.org_type)
                    .map_err(bad)?
                    .as_str()
                    .into(),
                region_id: match &o.region {
                    Some(code) => Some(*region_ids.get(code).ok_or_else(|| bad(code))?),
                    None => None,
                },
                prefecture: o.prefecture.clone(),
                corporate_number: o.corporate_number.clone(),
                industry: o.industry.clone(),
                employee_band: o.employee_band.clone(),
                address: o.address.clone(),
                website: o.website.clone(),
            })
            .await?;
        org_ids.insert(o.key.clone(), id);
    }
    for s in &set.signings {
        let org_id = *org_ids.get(&s.org).ok_or_else(|| bad(&s.org))?;
        let declaration_id = *declaration_ids
            .get(&s.declaration)
            .ok_or_else(|| bad(&s.declaration))?;
        let id = store
            .submit_signing(&SigningInput {
                declaration_id,
                org_id,
                declared_on: s.declared_on.clone(),
                representative_name: s.representative_name.clone(),
                representative_title: s.representative_title.clone(),
                message: s.message.clone(),
                logo_upload_id: None,
                submitted_by: None,
            })
            .await?;
        if s.status == "approved" {
            store
                .review_signing(id, SigningStatus::Approved, None, "")
                .await?;
            let on = s.approved_on.as_deref().unwrap_or(&s.declared_on);
            store
                .set_signing_reviewed_at(id, &format!("{on}T01:00:00Z"))
                .await?;
        }
    }
    for f in &set.figures {
        let org_id = *org_ids.get(&f.org).ok_or_else(|| bad(&f.org))?;
        store
            .upsert_childcare_figures(
                org_id,
                "typed",
                &ChildcareFiguresInput {
                    fiscal_year: f.fiscal_year,
                    men_employed: f.men_employed,
                    women_employed: f.women_employed,
                    men_births: f.men_births,
                    women_births: f.women_births,
                    men_takers: f.men_takers,
                    women_takers: f.women_takers,
                    men_average_days: f.men_average_days,
                    men_method2_takers: None,
                    attendance: Default::default(),
                },
                None,
            )
            .await?;
    }
    let mut accounts = Vec::new();
    for u in &set.users {
        let hash = password::hash(&u.password).await?;
        let id = store
            .create_user(&u.email, &u.display_name, Some(&hash))
            .await?;
        let mut roles = Vec::new();
        for r in &u.roles {
            let region = match &r.region {
                Some(code) => Some(*region_ids.get(code).ok_or_else(|| bad(code))?),
                None => None,
            };
            let org = match &r.org {
                Some(key) => Some(*org_ids.get(key).ok_or_else(|| bad(key))?),
                None => None,
            };
            store.grant_role(id, &r.role, region, org).await?;
            roles.push(role_label(&set, r));
        }
        accounts.push(DemoAccount {
            email: u.email.clone(),
            password: u.password.clone(),
            roles,
        });
    }
    let actor = store::audit::Actor {
        user_id: None,
        label: "demo loader".into(),
        ip: String::new(),
    };
    if let Some(org_id) = org_ids.get(DEMO_BALANCED_ORG) {
        import_balanced_kpis(store, *org_id).await?;
    }
    if let Some(org_id) = org_ids.get(DEMO_KPI_ORG) {
        import_demo_kpis(store, *org_id).await?;
        // Its HR chose to share the aggregates with the city's program, so
        // the city's staff have counts to look at (never per-employee rows).
        store
            .set_share_aggregates_with_region(*org_id, true)
            .await?;
        store
            .audit(
                &actor,
                "update",
                "organization_sharing",
                *org_id,
                "share_aggregates_with_region=on",
            )
            .await?;
    }
    load_demo_events(store, &set.events, &region_ids, &actor).await?;
    load_demo_participants(store, &set.event_participants).await?;
    course::load(store, &set.courses, &region_ids, &org_ids, &actor).await?;
    engagements::load(store, &set.engagements, &org_ids, &actor).await?;
    load_demo_workplaces(store, &set.workplaces, &org_ids).await?;
    load_demo_postings(store, &set.job_postings, &org_ids).await?;
    load_demo_inquiries(store, &set.job_inquiries, &org_ids).await?;
    stories::load(store, &set.stories, &region_ids, &org_ids, &actor).await?;
    if let Some(org_id) = org_ids.get(DEMO_KPI_ORG) {
        daily::load(store, *org_id, crate::today_jst()).await?;
        org_survey::load(store, *org_id, &actor).await?;
    }
    // The residents' survey of the first region (相馬市).
    if let Some(region_id) = set.regions.first().and_then(|r| region_ids.get(&r.code)) {
        survey::load(store, *region_id, crate::today_jst(), &actor).await?;
    }
    let mut demo_orgs: Vec<i64> = org_ids.values().copied().collect();
    demo_orgs.sort_unstable();
    for org_id in demo_orgs {
        publish_demo_figures(store, org_id, &actor).await?;
    }
    store
        .audit(&actor, "create", "demo", "", "demo data set loaded")
        .await?;
    Ok(accounts)
}

async fn load_demo_workplaces(
    store: &Store,
    workplaces: &[DemoWorkplace],
    org_ids: &std::collections::HashMap<String, i64>,
) -> anyhow::Result<()> {
    let t = crate::i18n::Tr::new(crate::i18n::Lang::Ja);
    for w in workplaces {
        let org_id = *org_ids.get(&w.org).ok_or_else(|| bad(&w.org))?;
        let form = crate::workplaces::ProfileForm {
            description: w.description.clone(),
            annual_holidays: w.annual_holidays.clone(),
            measures: w.measures.clone(),
            certifications: w.certifications.clone(),
            ..Default::default()
        };
        let profile = form
            .parse(&t, w.photos.len())
            .map_err(|e| anyhow::anyhow!("demo workplace {}: {:?}", w.org, e.all()))?;
        let mut photos = Vec::with_capacity(w.photos.len());
        for p in &w.photos {
            let bytes = demo_photo_bytes(&p.file).ok_or_else(|| bad(&p.file))?;
            let photo = crate::workplaces::photo::process(bytes, bytes.len())
                .map_err(|key| anyhow::anyhow!("demo photo {}: {key}", p.file))?;
            photos.push(store::workplaces::NewPhoto {
                photo,
                alt: p.alt.clone(),
            });
        }
        let id = store
            .propose_workplace_profile(org_id, &profile, &photos, None)
            .await?;
        if w.approved {
            store.decide_workplace_proposal(id, true, None).await?;
        }
    }
    Ok(())
}

async fn load_demo_postings(
    store: &Store,
    postings: &[DemoPosting],
    org_ids: &std::collections::HashMap<String, i64>,
) -> anyhow::Result<()> {
    let t = crate::i18n::Tr::new(crate::i18n::Lang::Ja);
    let today = crate::today_jst();
    let day = |offset: i64| -> anyhow::Result<String> {
        Ok(today
            .checked_add(jiff::Span::new().days(offset))?
            .strftime("%Y-%m-%d")
            .to_string())
    };
    for d in postings {
        let org_id = *org_ids.get(&d.org).ok_or_else(|| bad(&d.org))?;
        let posted = -d.posted_days_ago;
        let form = crate::job_postings::JobForm {
            title: d.title.clone(),
            employment_type: d.employment_type.clone(),
            description: d.description.clone(),
            work_hours: d.work_hours.clone(),
            work_days: d.work_days.clone(),
            monthly_overtime: d.monthly_overtime.clone(),
            annual_holidays: d.annual_holidays.clone(),
            pay_unit: d.pay_unit.clone(),
            pay_min: d.pay_min.clone(),
            pay_max: d.pay_max.clone(),
            location: store.organization(org_id).await?.address,
            posted_on: day(posted)?,
            valid_through: day(posted + d.open_days)?,
            measures: d.measures.clone(),
            suits: d.suits.clone(),
        };
        let fields = form
            .parse(&t)
            .map_err(|e| anyhow::anyhow!("demo posting {}: {:?}", d.title, e.all()))?;
        // The demo's other postings stand as if posted before the review began.
        let review = if d.in_review {
            domain::job::PostingReview::InReview
        } else {
            domain::job::PostingReview::Approved
        };
        let id = store
            .create_posting(org_id, &fields, review, None, |_| Vec::new())
            .await?;
        if d.closed {
            store
                .set_posting_status(id, store::postings::PostingStatus::Closed)
                .await?;
        }
    }
    Ok(())
}

async fn load_demo_inquiries(
    store: &Store,
    inquiries: &[DemoInquiry],
    org_ids: &std::collections::HashMap<String, i64>,
) -> anyhow::Result<()> {
    for d in inquiries {
        let org_id = *org_ids.get(&d.org).ok_or_else(|| bad(&d.org))?;
        let org = store.organization(org_id).await?;
        let posting = if d.posting.is_empty() {
            None
        } else {
            let found = store
                .postings_of_org(org_id)
                .await?
                .into_iter()
                .find(|p| p.fields.title == d.posting);
            Some(found.ok_or_else(|| bad(&d.posting))?)
        };
        let new = store::inquiries::NewInquiry {
            org_id,
            posting_id: posting.as_ref().map(|p| p.id),
            posting_title: posting.map(|p| p.fields.title).unwrap_or_default(),
            kind: domain::job::InquiryKind::parse(&d.kind).ok_or_else(|| bad(&d.kind))?,
            name: d.name.clone(),
            email: d.email.clone(),
            phone: domain::job::parse_phone(&d.phone).ok_or_else(|| bad(&d.phone))?,
            message: d.message.clone(),
            language: "ja".into(),
        };
        let id = store.send_inquiry(&new, None, |_| Vec::new()).await?;
        if d.answer.is_empty() {
            continue;
        }
        let admin = store.org_admin_emails(org_id).await?;
        let admin = admin.first().ok_or_else(|| bad(&org.name))?;
        let user = store
            .user_by_email(admin)
            .await?
            .ok_or_else(|| bad(admin))?;
        // The demo's seekers are invented: their answers are not mailed.
        store
            .answer_inquiry(id, &d.answer, user.id, |_| None)
            .await?;
    }
    Ok(())
}

/// The region's events, through the staff form's own parsing.
async fn load_demo_events(
    store: &Store,
    events: &[DemoEvent],
    region_ids: &std::collections::HashMap<String, i64>,
    actor: &store::audit::Actor,
) -> anyhow::Result<()> {
    let declarations = store.declarations().await?;
    let ids: Vec<i64> = declarations.iter().map(|d| d.id).collect();
    let t = crate::i18n::Tr::new(crate::i18n::Lang::Ja);
    for e in events {
        let region = *region_ids
            .get(&e.form.region)
            .ok_or_else(|| bad(&e.form.region))?;
        let mut form = e.form.clone();
        if !e.declaration_slug.is_empty() {
            let d = declarations
                .iter()
                .find(|d| d.slug == e.declaration_slug)
                .ok_or_else(|| bad(&e.declaration_slug))?;
            form.declaration = d.id.to_string();
        }
        let fields = form
            .parse(&t, &ids)
            .map_err(|errors| bad(format!("event {:?}: {:?}", form.title, errors.all())))?;
        store.create_event(region, &fields, actor).await?;
    }
    Ok(())
}

/// The people of past events: registered a week before, checked in at the
/// start, and answered the questionnaire that evening.
async fn load_demo_participants(store: &Store, people: &[DemoParticipant]) -> anyhow::Result<()> {
    let events = store.public_events(None).await?;
    let orgs = store.list_organizations().await?;
    for p in people {
        let e = events
            .iter()
            .find(|e| e.fields.title == p.event)
            .ok_or_else(|| bad(&p.event))?;
        let start = e.fields.starts_at.to_timestamp();
        let at = |hours: i64| {
            start
                .checked_add(jiff::SignedDuration::from_hours(hours))
                .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
                .map_err(|e| anyhow::anyhow!("{e}"))
        };
        let registration = store::registrations::NewRegistration {
            event_id: e.id,
            name: p.name.clone(),
            organization: p.organization.clone(),
            org_id: orgs.iter().find(|o| o.name == p.organization).map(|o| o.id),
            role: domain::event::AttendeeRole::parse(&p.role).map_err(|_| bad(&p.role))?,
            email: p.email.clone(),
            language: "ja".into(),
        };
        let answer = p
            .satisfaction
            .map(|satisfaction| store::feedback::FeedbackAnswer {
                satisfaction,
                first_step: p.first_step.clone(),
                wants_course: p.wants_course,
                wants_consulting: p.wants_consulting,
                comment: p.comment.clone(),
            });
        let checked_in = at(0)?;
        let came = p
            .checked_in
            .then_some((checked_in.as_str(), answer.as_ref()));
        store
            .record_past_participant(&registration, &at(-24 * 7)?, came)
            .await?;
    }
    Ok(())
}

/// Publish every figure of the organization's ended years, the computed row
/// where a year has both, as an employer would on the publish page (audited as
/// the demo loader). A year in progress is never published.
async fn publish_demo_figures(
    store: &Store,
    org_id: i64,
    actor: &store::audit::Actor,
) -> anyhow::Result<()> {
    let org = store.organization(org_id).await?;
    let t = crate::i18n::Tr::new(crate::i18n::Lang::Ja);
    let today = crate::today_jst();
    let mut done: Vec<i64> = Vec::new();
    // Rows come computed first within a year.
    for row in store.childcare_figure_rows(org_id).await? {
        if !crate::publish::may_publish(row.fiscal_year, today) || done.contains(&row.fiscal_year) {
            continue;
        }
        done.push(row.fiscal_year);
        for id in store::publications::FIGURES {
            if !crate::publish::shown(&t, &org.name, id, &row).is_available() {
                continue;
            }
            store
                .publish_figure(
                    &store::publications::NewPublication {
                        org_id,
                        figure_id: id,
                        fiscal_year: row.fiscal_year,
                        source: &row.source,
                        snapshot: row.snapshot_for(id),
                    },
                    actor,
                    &crate::publish::audit_detail(id, row.fiscal_year, &row.source),
                )
                .await?;
        }
    }
    Ok(())
}

/// The demo company whose workplace figures are imported (the HR account's).
const DEMO_KPI_ORG: &str = "hamanasu-chemical";
const DEMO_KPI_EMPLOYEES: usize = 60;
/// A second company whose records show a reform that has taken hold (light
/// overtime, most leave taken), imported for the ended years only, so the job
/// search's verified thresholds find someone.
const DEMO_BALANCED_ORG: &str = "yasuragi-kai";
const DEMO_BALANCED_EMPLOYEES: usize = 40;
/// The fiscal year whose import carries the employer's aggregates below.
const DEMO_EXTRAS_YEAR: i64 = 2025;

/// The years of 勤怠 the demo company has imported on `today`: the two fiscal
/// years before the current one in full, and the current one up to the end of
/// last month (a year in progress, as an employer would have it). In April the
/// current year has no complete month yet and is left out.
pub fn demo_kpi_years(today: jiff::civil::Date) -> Vec<(i16, Option<jiff::civil::Date>)> {
    let current = domain::FiscalYear::containing(today).year() as i16;
    let mut years = vec![(current - 2, None), (current - 1, None)];
    let month_start = today.first_of_month();
    if today.month() != 4 {
        years.push((current, month_start.yesterday().ok()));
    }
    years
}

/// Recruitment, wages and career events of the demo company, FY2023–2025.
const DEMO_EXTRAS: [(&str, &[u8]); 3] = [
    (
        ingest::extras::RECRUITMENT_CSV,
        include_bytes!("extras/recruitment.csv"),
    ),
    (
        ingest::extras::WAGES_CSV,
        include_bytes!("extras/wages.csv"),
    ),
    (
        ingest::extras::CAREER_CSV,
        include_bytes!("extras/career.csv"),
    ),
];

/// Import the generated 勤怠 and HR files of [`demo_kpi_years`] for the demo
/// company through the same job path as an upload, so its KPI page has figures
/// to click through: ended years to publish and a year in progress that stays
/// with HR.
async fn import_demo_kpis(store: &Store, org_id: i64) -> anyhow::Result<()> {
    for (fy, last_day) in demo_kpi_years(crate::today_jst()) {
        let files = generated_files(DEMO_KPI_EMPLOYEES, fy, last_day, Culture::Typical)?;
        import_demo_year(store, org_id, fy, files).await?;
    }
    // Published industry averages are typed in by an administrator; these are
    // fictional values for 製造業 so the えるぼし comparisons have something to show.
    store
        .put_industry_average(
            "E",
            2024,
            Some(252),
            Some(81),
            "デモ用の架空の値 / fictional demo values",
            None,
        )
        .await?;
    // Some of the yes/no questions answered, the rest left open on purpose.
    let answered = [
        ("next_gen_plan_filed", true),
        ("next_gen_plan_published", true),
        ("no_serious_violations", true),
    ];
    let facts: Vec<store::certification::FactInput> = answered
        .iter()
        .map(|(fact, answer)| store::certification::FactInput {
            fact: fact.to_string(),
            answer: Some(*answer),
            note: String::new(),
        })
        .collect();
    store.set_certification_facts(org_id, &facts, None).await?;
    Ok(())
}

/// The balanced company's ended years, imported as uploads would be.
async fn import_balanced_kpis(store: &Store, org_id: i64) -> anyhow::Result<()> {
    for (fy, last_day) in demo_kpi_years(crate::today_jst()) {
        if last_day.is_some() {
            continue;
        }
        let files = generated_files(DEMO_BALANCED_EMPLOYEES, fy, None, Culture::Balanced)?;
        import_demo_year(store, org_id, fy, files).await?;
    }
    Ok(())
}

/// One fiscal year's generated 勤怠 and HR files.
fn generated_files(
    employees: usize,
    fy: i16,
    last_day: Option<jiff::civil::Date>,
    culture: Culture,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let dir = std::env::temp_dir().join(format!("erabareru-demo-kpi-{}", store::new_token().0));
    ingest::generate::generate_with(&dir, employees, fy, last_day, culture)?;
    let mut files = Vec::new();
    for name in [
        ingest::ATTENDANCE_CSV,
        ingest::EMPLOYEES_CSV,
        ingest::FAMILY_EVENTS_CSV,
        ingest::LEAVES_CSV,
    ] {
        files.push((name.to_string(), std::fs::read(dir.join(name))?));
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(files)
}

/// One fiscal year of files, imported as an upload would be.
async fn import_demo_year(
    store: &Store,
    org_id: i64,
    fy: i16,
    mut files: Vec<(String, Vec<u8>)>,
) -> anyhow::Result<()> {
    // The employer's aggregates (fictional), for the readiness and disclosure pages.
    if i64::from(fy) == DEMO_EXTRAS_YEAR {
        for (name, bytes) in DEMO_EXTRAS {
            files.push((name.to_string(), bytes.to_vec()));
        }
    }
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let job_id = store
        .create_import_job(
            org_id,
            i64::from(fy),
            "{}",
            "canonical",
            false,
            &files,
            &names,
            None,
        )
        .await?;
    // Straight to running under this loader's own lease: no server's worker may
    // take it as well.
    let worker = crate::kpi::worker::new_worker_id();
    let settings = crate::kpi::worker::WorkerSettings {
        lease: std::time::Duration::from_secs(600),
        ..Default::default()
    };
    store
        .claim_previewed_import_job(job_id, &worker, 600)
        .await?;
    crate::kpi::worker::run(store, store.import_job(job_id).await?, &worker, settings).await;
    let job = store.import_job(job_id).await?;
    if job.status != "done" {
        anyhow::bail!("demo figures for FY{fy} did not import: {}", job.error_en);
    }
    Ok(())
}

/// Add `employers` fictional employers with approved workplace profiles and
/// `postings` postings across them (the portal's load benchmark set).
pub async fn add_bulk_portal(
    store: &Store,
    employers: usize,
    postings: usize,
) -> anyhow::Result<()> {
    bulk::add(store, employers, postings).await
}

/// Add `n` fictional companies with approved declarations (for load benchmarks).
pub async fn add_bulk_declarers(store: &Store, n: usize) -> anyhow::Result<()> {
    let regions = store.list_regions().await?;
    let region = regions
        .first()
        .ok_or_else(|| bad("load the demo set first"))?;
    let declarations = store.declarations().await?;
    if declarations.is_empty() {
        anyhow::bail!("no declarations: load the demo set first");
    }
    let start = jiff::civil::date(2025, 4, 1);
    for i in 0..n {
        let org_id = store
            .create_organization(&OrganizationInput {
                name: format!("ベンチマーク工業{i:05}株式会社"),
                kana: format!("べんちまーくこうぎょう{i:05}"),
                org_type: "company".into(),
                region_id: Some(region.id),
                prefecture: region.prefecture.clone(),
                ..OrganizationInput::default()
            })
            .await?;
        let d = &declarations[i % declarations.len()];
        let day = start
            .checked_add(jiff::Span::new().days((i % 500) as i64))
            .unwrap_or(start);
        let id = store
            .submit_signing(&SigningInput {
                declaration_id: d.id,
                org_id,
                declared_on: day.to_string(),
                representative_name: "代表 太郎".into(),
                representative_title: "代表取締役".into(),
                message: "誰もが働きやすい職場をつくります。".into(),
                logo_upload_id: None,
                submitted_by: None,
            })
            .await?;
        store
            .review_signing(id, SigningStatus::Approved, None, "")
            .await?;
    }
    Ok(())
}
