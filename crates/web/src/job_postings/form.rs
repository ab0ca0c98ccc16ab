//! The employer's side of job postings: the form, its parsing, and the pages
//! where the organization's admins list, write, edit and close postings.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::job::{EmploymentType, PayUnit, PostingReview, Suit};
use domain::workplace::{Measure, parse_annual_holidays};
use store::orgs::Organization;
use store::postings::{Posting, PostingFields, PostingStatus};

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::i18n::Tr;
use crate::review_mail::{Reviewed, Reviewers, decisions};

/// The form as posted; `measure` and `suit` come once per ticked box.
#[derive(Debug, Clone, Default)]
pub struct JobForm {
    pub title: String,
    pub employment_type: String,
    pub description: String,
    pub work_hours: String,
    pub work_days: String,
    pub monthly_overtime: String,
    pub annual_holidays: String,
    pub pay_unit: String,
    pub pay_min: String,
    pub pay_max: String,
    pub location: String,
    pub posted_on: String,
    pub valid_through: String,
    pub measures: Vec<String>,
    pub suits: Vec<String>,
}

pub const LABELS: forms::Labels = &[
    ("title", "jobs.field.title"),
    ("employment_type", "jobs.field.employment_type"),
    ("description", "jobs.field.description"),
    ("work_hours", "jobs.field.work_hours"),
    ("work_days", "jobs.field.work_days"),
    ("monthly_overtime", "jobs.field.monthly_overtime"),
    ("annual_holidays", "jobs.field.annual_holidays"),
    ("pay_unit", "jobs.field.pay_unit"),
    ("pay_min", "jobs.field.pay_min"),
    ("pay_max", "jobs.field.pay_max"),
    ("location", "jobs.field.location"),
    ("posted_on", "jobs.field.posted_on"),
    ("valid_through", "jobs.field.valid_through"),
    ("measures", "jobs.field.measures"),
    ("suits", "jobs.field.suits"),
];

/// The highest pay amount accepted, in yen (a year's pay of a hundred million).
const PAY_MAX: i64 = 100_000_000;

/// Hours with at most one decimal (「１２．５」 too) as tenths, 0–200 hours.
fn tenths_of_hours(input: &str) -> Result<Option<i64>, &'static str> {
    let v = domain::normalize_digits(input);
    let v = v.trim().trim_end_matches("時間").trim();
    if v.is_empty() {
        return Ok(None);
    }
    let (whole, frac) = v.split_once('.').unwrap_or((v, "0"));
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || frac.len() != 1 || !digits(frac) {
        return Err("jobs.error.overtime");
    }
    let tenths = whole.parse::<i64>().unwrap_or(0) * 10 + frac.parse::<i64>().unwrap_or(0);
    if tenths > 2000 {
        return Err("jobs.error.overtime");
    }
    Ok(Some(tenths))
}

/// Yen, with 「,」 and 「円」 allowed; empty is not stated.
fn yen(errors: &mut FieldErrors, t: &Tr, field: &str, input: &str) -> Option<i64> {
    let v = domain::normalize_digits(input).replace([',', '，'], "");
    let v = v.trim().trim_end_matches('円').trim();
    if v.is_empty() {
        return None;
    }
    match v.parse::<i64>() {
        Ok(n) if (0..=PAY_MAX).contains(&n) && v.bytes().all(|b| b.is_ascii_digit()) => Some(n),
        _ => {
            errors.add(t, field, "jobs.error.yen");
            None
        }
    }
}

impl JobForm {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> JobForm {
        let mut f = JobForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "title" => f.title = v,
                "employment_type" => f.employment_type = v,
                "description" => f.description = v,
                "work_hours" => f.work_hours = v,
                "work_days" => f.work_days = v,
                "monthly_overtime" => f.monthly_overtime = v,
                "annual_holidays" => f.annual_holidays = v,
                "pay_unit" => f.pay_unit = v,
                "pay_min" => f.pay_min = v,
                "pay_max" => f.pay_max = v,
                "location" => f.location = v,
                "posted_on" => f.posted_on = v,
                "valid_through" => f.valid_through = v,
                "measure" => f.measures.push(v),
                "suit" => f.suits.push(v),
                _ => {}
            }
        }
        f
    }

    pub fn of(p: &PostingFields) -> JobForm {
        JobForm {
            title: p.title.clone(),
            employment_type: p.employment_type.as_str().into(),
            description: p.description.clone(),
            work_hours: p.work_hours.clone(),
            work_days: p.work_days.clone(),
            monthly_overtime: p
                .monthly_overtime_tenths
                .map(|t| format!("{}.{}", t / 10, t % 10))
                .unwrap_or_default(),
            annual_holidays: p.annual_holidays.map(|d| d.to_string()).unwrap_or_default(),
            pay_unit: p.pay_unit.as_str().into(),
            pay_min: p.pay_min.map(|v| v.to_string()).unwrap_or_default(),
            pay_max: p.pay_max.map(|v| v.to_string()).unwrap_or_default(),
            location: p.location.clone(),
            posted_on: p.posted_on.clone(),
            valid_through: p.valid_through.clone(),
            measures: p.measures.iter().map(|m| m.as_str().into()).collect(),
            suits: p.suits.iter().map(|s| s.as_str().into()).collect(),
        }
    }

    /// The posting to write, or what is wrong with the form.
    pub fn parse(&self, t: &Tr) -> Result<PostingFields, FieldErrors> {
        let mut e = FieldErrors::labelled(LABELS);
        let title = forms::text(&mut e, t, "title", &self.title, true, 100);
        let employment_type = EmploymentType::parse(&self.employment_type);
        if employment_type.is_none() {
            e.add(t, "employment_type", "jobs.error.choose");
        }
        let description = forms::text(
            &mut e,
            t,
            "description",
            &self.description.replace("\r\n", "\n"),
            true,
            4000,
        );
        let work_hours = forms::text(&mut e, t, "work_hours", &self.work_hours, true, 200);
        let work_days = forms::text(&mut e, t, "work_days", &self.work_days, true, 200);
        let monthly_overtime_tenths = tenths_of_hours(&self.monthly_overtime).unwrap_or_else(|k| {
            e.add(t, "monthly_overtime", k);
            None
        });
        let annual_holidays = parse_annual_holidays(&self.annual_holidays)
            .map(|d| d.map(i64::from))
            .unwrap_or_else(|err| {
                e.add(t, "annual_holidays", err.i18n_key());
                None
            });
        let pay_unit = PayUnit::parse(&self.pay_unit);
        if pay_unit.is_none() {
            e.add(t, "pay_unit", "jobs.error.choose");
        }
        let pay_min = yen(&mut e, t, "pay_min", &self.pay_min);
        let pay_max = yen(&mut e, t, "pay_max", &self.pay_max);
        if let (Some(lo), Some(hi)) = (pay_min, pay_max)
            && lo > hi
        {
            e.add(t, "pay_max", "jobs.error.pay_order");
        }
        let location = forms::text(&mut e, t, "location", &self.location, true, 200);
        let posted_on = forms::date(&mut e, t, "posted_on", &self.posted_on);
        let valid_through = forms::date(&mut e, t, "valid_through", &self.valid_through);
        if let (Some(a), Some(b)) = (posted_on, valid_through)
            && b < a
        {
            e.add(t, "valid_through", "jobs.error.dates");
        }
        let measures: Option<Vec<Measure>> =
            self.measures.iter().map(|c| Measure::parse(c)).collect();
        if measures.is_none() || self.measures.len() > 40 {
            e.add(t, "measures", "workplace.error.measure");
        }
        let suits: Option<Vec<Suit>> = self.suits.iter().map(|c| Suit::parse(c)).collect();
        if suits.is_none() || self.suits.len() > 20 {
            e.add(t, "suits", "jobs.error.suit");
        }
        match (
            employment_type,
            pay_unit,
            posted_on,
            valid_through,
            measures,
            suits,
        ) {
            (
                Some(employment_type),
                Some(pay_unit),
                Some(a),
                Some(b),
                Some(mut measures),
                Some(mut suits),
            ) if e.is_empty() => {
                measures.sort();
                measures.dedup();
                suits.sort();
                suits.dedup();
                Ok(PostingFields {
                    title,
                    employment_type,
                    description,
                    work_hours,
                    work_days,
                    monthly_overtime_tenths,
                    annual_holidays,
                    pay_unit,
                    pay_min,
                    pay_max,
                    location,
                    measures,
                    suits,
                    posted_on: a.strftime("%Y-%m-%d").to_string(),
                    valid_through: b.strftime("%Y-%m-%d").to_string(),
                })
            }
            _ => Err(e),
        }
    }
}

/// A choice of a closed list, as the form shows it.
pub struct Choice {
    pub code: &'static str,
    pub name: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "job_postings/form.html")]
struct FormPage {
    c: Ctx,
    org: Organization,
    posting_id: Option<i64>,
    types: Vec<Choice>,
    units: Vec<Choice>,
    measures: Vec<Choice>,
    suits: Vec<Choice>,
    v: JobForm,
    errors: FieldErrors,
    /// The save waits for the region's staff (掲載審査).
    held_for_review: bool,
}

fn render_form(
    c: Ctx,
    org: Organization,
    held_for_review: bool,
    posting_id: Option<i64>,
    v: JobForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let t = &c.t;
    let types = EmploymentType::ALL
        .iter()
        .map(|x| Choice {
            code: x.as_str(),
            name: t.pick(x.name_ja(), x.name_en()),
            checked: v.employment_type == x.as_str(),
        })
        .collect();
    let units = PayUnit::ALL
        .iter()
        .map(|x| Choice {
            code: x.as_str(),
            name: t.pick(x.name_ja(), x.name_en()),
            checked: v.pay_unit == x.as_str(),
        })
        .collect();
    let measures = Measure::ALL
        .iter()
        .map(|x| Choice {
            code: x.as_str(),
            name: t.pick(x.name_ja(), x.name_en()),
            checked: v.measures.iter().any(|m| m == x.as_str()),
        })
        .collect();
    let suits = Suit::ALL
        .iter()
        .map(|x| Choice {
            code: x.as_str(),
            name: t.pick(x.name_ja(), x.name_en()),
            checked: v.suits.iter().any(|m| m == x.as_str()),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        c,
        org,
        posting_id,
        types,
        units,
        measures,
        suits,
        v,
        errors,
        held_for_review,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The organization, for its admins (404 to whoever may not know of it).
async fn admin_org(state: &AppState, c: &Ctx, org_id: i64) -> Result<Organization, AppError> {
    c.org_for(&state.store, org_id, |o| Action::DeclareForOrganization {
        org_id: o.id,
    })
    .await
}

/// Where a save by this user leaves a posting of `org` (掲載審査): in review
/// where the region reviews postings and the writer is not its staff.
async fn review_after_save(
    state: &AppState,
    c: &Ctx,
    org: &Organization,
) -> Result<PostingReview, AppError> {
    let region_reviews = match org.region_id {
        Some(r) => state.store.region(r).await?.reviews_postings(),
        None => false,
    };
    let writer_reviews = c.can(&Action::ReviewSigning {
        region_id: org.region_id,
    });
    Ok(PostingReview::after_save(region_reviews, writer_reviews))
}

/// Where a save lands, and what the flash says of it.
fn saved(state: &AppState, id: i64, review: PostingReview, title: &str) -> Response {
    let flash = match review {
        PostingReview::InReview => "flash.job_sent_for_review",
        _ => "flash.job_saved",
    };
    redirect_with_flash_args(
        &format!("/jobs/{id}"),
        flash,
        &[("title", title)],
        state.config.cookie_secure,
    )
}

/// A posting and its organization, for the organization's admins.
async fn admin_posting(
    state: &AppState,
    c: &Ctx,
    id: i64,
) -> Result<(Posting, Organization), AppError> {
    c.require(&Action::SignedIn)?;
    let p = state.store.posting(id).await?;
    let org = admin_org(state, c, p.org_id).await?;
    Ok((p, org))
}

#[derive(Template)]
#[template(path = "job_postings/org_list.html")]
struct OrgListPage {
    c: Ctx,
    org: Organization,
    rows: Vec<(Posting, String)>,
}

pub(super) async fn org_list(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
) -> Result<Response, AppError> {
    let org = admin_org(&state, &c, org_id).await?;
    let today = crate::today_jst().strftime("%Y-%m-%d").to_string();
    let rows = state
        .store
        .postings_of_org(org_id)
        .await?
        .into_iter()
        .map(|p| {
            let key = if p.has_ended_on(&today) {
                "jobs.state.closed"
            } else if p.review == PostingReview::InReview {
                "jobs.state.in_review"
            } else if p.review == PostingReview::Returned {
                "jobs.state.returned"
            } else if p.is_open_on(&today) {
                "jobs.state.open"
            } else {
                "jobs.state.scheduled"
            };
            let state = c.t.t(key).to_string();
            (p, state)
        })
        .collect();
    let page = OrgListPage { c, org, rows };
    Ok(Html(page.render()?).into_response())
}

pub(super) async fn new_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
) -> Result<Response, AppError> {
    let org = admin_org(&state, &c, org_id).await?;
    let today = crate::today_jst();
    let v = JobForm {
        employment_type: EmploymentType::Regular.as_str().into(),
        pay_unit: PayUnit::Month.as_str().into(),
        location: org.address.clone(),
        posted_on: today.strftime("%Y-%m-%d").to_string(),
        valid_through: today
            .checked_add(jiff::Span::new().months(3))
            .unwrap_or(today)
            .strftime("%Y-%m-%d")
            .to_string(),
        ..JobForm::default()
    };
    let held = review_after_save(&state, &c, &org).await? == PostingReview::InReview;
    render_form(c, org, held, None, v, FieldErrors::new())
}

pub(super) async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let org = admin_org(&state, &c, org_id).await?;
    let v = JobForm::from_pairs(pairs);
    let review = review_after_save(&state, &c, &org).await?;
    let held = review == PostingReview::InReview;
    let fields = match v.parse(&c.t) {
        Ok(f) => f,
        Err(errors) => return render_form(c, org, held, None, v, errors),
    };
    let by = c.user.as_ref().map(|u| u.user_id);
    let reviewers = Reviewers::asked(
        &state.store,
        org.region_id,
        review == PostingReview::InReview,
    )
    .await?;
    let base = crate::declarations::export::base_url(&state);
    let id = state
        .store
        .create_posting(org_id, &fields, review, by, |id| {
            reviewers.requests(
                Reviewed::Posting,
                &org.name,
                &fields.title,
                &format!("{base}/jobs/{id}"),
            )
        })
        .await?;
    audit(&state, &c, "create", id, org_id, &fields.title).await?;
    Ok(saved(&state, id, review, &fields.title))
}

async fn audit(
    state: &AppState,
    c: &Ctx,
    action: &str,
    id: i64,
    org_id: i64,
    title: &str,
) -> Result<(), AppError> {
    let detail = serde_json::json!({ "org_id": org_id, "title": title }).to_string();
    state
        .store
        .audit(&c.actor(), action, "job_posting", id, &detail)
        .await?;
    Ok(())
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (p, org) = admin_posting(&state, &c, id).await?;
    let held = review_after_save(&state, &c, &org).await? == PostingReview::InReview;
    render_form(
        c,
        org,
        held,
        Some(id),
        JobForm::of(&p.fields),
        FieldErrors::new(),
    )
}

pub(super) async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (p, org) = admin_posting(&state, &c, id).await?;
    let v = JobForm::from_pairs(pairs);
    let review = review_after_save(&state, &c, &org).await?;
    let held = review == PostingReview::InReview;
    let fields = match v.parse(&c.t) {
        Ok(f) => f,
        Err(errors) => return render_form(c, org, held, Some(id), v, errors),
    };
    // The staff hear of a posting when it enters review, not of every edit
    // made while it waits.
    let reviewers = Reviewers::asked(
        &state.store,
        org.region_id,
        review == PostingReview::InReview && p.review != PostingReview::InReview,
    )
    .await?;
    let base = crate::declarations::export::base_url(&state);
    let notify = reviewers.requests(
        Reviewed::Posting,
        &org.name,
        &fields.title,
        &format!("{base}/jobs/{id}"),
    );
    state
        .store
        .update_posting(id, &fields, review, &notify)
        .await?;
    audit(&state, &c, "update", id, p.org_id, &fields.title).await?;
    Ok(saved(&state, id, review, &fields.title))
}

/// The staff's decision on a posting in review: approve, or return with a note.
#[derive(serde::Deserialize)]
pub(super) struct Decision {
    decision: String,
    #[serde(default)]
    note: String,
}

/// The longest note kept, in characters.
const NOTE_MAX: usize = 500;

pub(super) async fn review(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let p = state.store.posting(id).await?;
    c.org_for(&state.store, p.org_id, |o| Action::ReviewSigning {
        region_id: o.region_id,
    })
    .await?;
    let approve = match d.decision.as_str() {
        "approve" => true,
        "return" => false,
        _ => return Err(AppError::BadRequest("unknown decision".into())),
    };
    let note: String = d.note.trim().chars().take(NOTE_MAX).collect();
    if p.review != PostingReview::InReview {
        return Err(AppError::Conflict);
    }
    if !approve && note.is_empty() {
        let mut errors = FieldErrors::new();
        errors.add_labelled(
            &c.t,
            "note",
            "jobs.review.note",
            "jobs.review.note_required",
        );
        return super::render_page(&state, c, id, errors).await;
    }
    let base = crate::declarations::export::base_url(&state);
    let notify = decisions(
        Reviewed::Posting,
        &state.store.org_admin_emails(p.org_id).await?,
        &p.org_name,
        &p.fields.title,
        approve,
        &note,
        &format!("{base}/jobs/{id}"),
    );
    let to = state
        .store
        .decide_posting(id, approve, &note, &notify)
        .await?;
    let detail = serde_json::json!({
        "org_id": p.org_id,
        "title": p.fields.title,
        "decision": to.as_str(),
        "note": note,
    })
    .to_string();
    state
        .store
        .audit(&c.actor(), "review", "job_posting", id, &detail)
        .await?;
    let flash = if approve {
        "flash.job_approved"
    } else {
        "flash.job_returned"
    };
    Ok(redirect_with_flash_args(
        "/review",
        flash,
        &[("title", &p.fields.title)],
        state.config.cookie_secure,
    ))
}

pub(super) async fn close(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (p, _) = admin_posting(&state, &c, id).await?;
    state
        .store
        .set_posting_status(id, PostingStatus::Closed)
        .await?;
    audit(&state, &c, "close", id, p.org_id, &p.fields.title).await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{}/jobs", p.org_id),
        "flash.job_closed",
        &[("title", &p.fields.title)],
        state.config.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn good() -> JobForm {
        JobForm {
            title: "製造スタッフ（日勤のみ）".into(),
            employment_type: "regular".into(),
            description: "樹脂原料の製造ラインの仕事です。".into(),
            work_hours: "8:30〜17:30（休憩60分）".into(),
            work_days: "土日祝休み".into(),
            monthly_overtime: "８．５".into(),
            annual_holidays: "121日".into(),
            pay_unit: "month".into(),
            pay_min: "２２０,０００円".into(),
            pay_max: "280000".into(),
            location: "相馬市光陽三丁目".into(),
            posted_on: "2026-12-01".into(),
            valid_through: "2027/02/28".into(),
            measures: vec!["hourly_leave".into(), "car_commute".into()],
            suits: vec!["inexperienced".into()],
        }
    }

    #[test]
    fn a_posting_reads_full_width_and_japanese_units() {
        let t = Tr::new(Lang::Ja);
        let f = good().parse(&t).unwrap();
        assert_eq!(f.monthly_overtime_tenths, Some(85));
        assert_eq!(f.annual_holidays, Some(121));
        assert_eq!((f.pay_min, f.pay_max), (Some(220_000), Some(280_000)));
        assert_eq!(f.valid_through, "2027-02-28");
        assert_eq!(f.measures, vec![Measure::HourlyLeave, Measure::CarCommute]);
    }

    #[test]
    fn a_bad_posting_says_each_field() {
        let t = Tr::new(Lang::Ja);
        let bad = JobForm {
            title: String::new(),
            employment_type: "boss".into(),
            monthly_overtime: "8.55".into(),
            pay_min: "300000".into(),
            pay_max: "200000".into(),
            valid_through: "2026-11-30".into(),
            suits: vec!["vip".into()],
            ..good()
        };
        let e = bad.parse(&t).unwrap_err();
        for field in [
            "title",
            "employment_type",
            "monthly_overtime",
            "pay_max",
            "valid_through",
            "suits",
        ] {
            assert!(e.has(field), "{field}");
        }
        assert_eq!(tenths_of_hours("200.0"), Ok(Some(2000)));
        assert!(tenths_of_hours("200.1").is_err());
        assert!(tenths_of_hours("-1").is_err());
        assert_eq!(tenths_of_hours("10時間"), Ok(Some(100)));
    }
}
