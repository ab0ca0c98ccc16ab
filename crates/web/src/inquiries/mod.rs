//! Inquiries and applications (問い合わせ・応募; issue 12): a job seeker writes
//! to an employer from a posting's page (`/jobs/{id}/apply`) or its workplace
//! profile (`/workplaces/{id}/contact`), without an account, optionally with a
//! CV (a PDF, checked by its bytes, at most [`crate::Config::max_cv_bytes`]).
//! The employer's admins are told by mail and answer inside erabareru
//! ([`desk`]); the seeker gets a copy of what they sent and each answer by mail.
//! The counts per employer and posting are the program's measure of 採用力 and
//! feed the engagement report.
//!
//! Spam protection is the event registration's: the per-address rate limit,
//! the `website` honeypot and [`crate::public_form`]'s time check.

pub mod desk;
mod mail;

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::job::InquiryKind;
use store::inquiries::NewInquiry;
use store::orgs::Organization;
use store::postings::Posting;

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/jobs/{id}/apply", get(posting_form).post(send_to_posting))
        .route(
            "/workplaces/{id}/contact",
            get(employer_form).post(send_to_employer),
        )
        .merge(desk::routes())
}

pub const LABELS: forms::Labels = &[
    ("kind", "inquiry.kind"),
    ("name", "inquiry.name"),
    ("email", "inquiry.email"),
    ("phone", "inquiry.phone"),
    ("message", "inquiry.message"),
    ("cv", "inquiry.cv"),
];

/// The longest message, in characters.
const MESSAGE_MAX: usize = 2_000;

/// The form as typed.
#[derive(Debug, Clone, Default)]
pub struct InquiryForm {
    pub kind: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub message: String,
    /// The honeypot: hidden from people, filled by naive bots.
    pub website: String,
    /// When the form was shown, signed ([`crate::public_form`]).
    pub shown: String,
}

/// Where an inquiry goes: one posting, or the employer.
enum Target {
    Posting(Box<Posting>),
    Employer,
}

impl Target {
    fn scope(&self, org_id: i64) -> String {
        match self {
            Target::Posting(p) => format!("posting:{}", p.id),
            Target::Employer => format!("employer:{org_id}"),
        }
    }
}

#[derive(Template)]
#[template(path = "inquiries/form.html")]
struct FormPage {
    c: Ctx,
    org: Organization,
    posting: Option<Box<Posting>>,
    action: String,
    back: String,
    shown: String,
    kinds: Vec<(&'static str, &'static str)>,
    max_cv_mb: String,
    v: InquiryForm,
    errors: FieldErrors,
}

async fn render(
    state: &AppState,
    c: Ctx,
    org: Organization,
    target: Target,
    v: InquiryForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let shown = crate::public_form::shown_token(state, &target.scope(org.id)).await?;
    let (action, back, posting) = match target {
        Target::Posting(p) => (
            format!("/jobs/{}/apply", p.id),
            format!("/jobs/{}", p.id),
            Some(p),
        ),
        Target::Employer => (
            format!("/workplaces/{}/contact", org.id),
            format!("/workplaces/{}", org.id),
            None,
        ),
    };
    let t = &c.t;
    let page = FormPage {
        kinds: InquiryKind::ALL
            .iter()
            .rev()
            .map(|k| (k.as_str(), t.pick(k.name_ja(), k.name_en())))
            .collect(),
        max_cv_mb: format!("{:.1}", state.config.max_cv_bytes as f64 / 1_048_576.0),
        org,
        posting,
        action,
        back,
        shown,
        v,
        errors,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

/// An open posting and its employer; None once it is closed (its page then
/// answers 410 with the employer's other postings); 404 before it opens.
async fn open_posting(
    state: &AppState,
    id: i64,
) -> Result<Option<(Posting, Organization)>, AppError> {
    let p = state.store.posting(id).await?;
    let today = crate::today_jst().strftime("%Y-%m-%d").to_string();
    if !p.is_open_on(&today) {
        return if p.is_gone_on(&today) {
            Ok(None)
        } else {
            Err(AppError::NotFound)
        };
    }
    let org = state.store.organization(p.org_id).await?;
    Ok(Some((p, org)))
}

fn to_posting_page(id: i64) -> Response {
    axum::response::Redirect::to(&format!("/jobs/{id}")).into_response()
}

/// An employer with a public workplace profile.
async fn public_employer(state: &AppState, org_id: i64) -> Result<Organization, AppError> {
    if state.store.workplace(org_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(state.store.organization(org_id).await?)
}

async fn posting_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let Some((p, org)) = open_posting(&state, id).await? else {
        return Ok(to_posting_page(id));
    };
    let v = InquiryForm {
        kind: InquiryKind::Application.as_str().into(),
        ..InquiryForm::default()
    };
    let errors = FieldErrors::labelled(LABELS);
    render(&state, c, org, Target::Posting(Box::new(p)), v, errors).await
}

async fn employer_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
) -> Result<Response, AppError> {
    let org = public_employer(&state, org_id).await?;
    let v = InquiryForm {
        kind: InquiryKind::Inquiry.as_str().into(),
        ..InquiryForm::default()
    };
    let errors = FieldErrors::labelled(LABELS);
    render(&state, c, org, Target::Employer, v, errors).await
}

async fn send_to_posting(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let Some((p, org)) = open_posting(&state, id).await? else {
        return Ok(to_posting_page(id));
    };
    send(state, c, org, Target::Posting(Box::new(p)), multipart).await
}

async fn send_to_employer(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let org = public_employer(&state, org_id).await?;
    send(state, c, org, Target::Employer, multipart).await
}

/// The form's fields and the CV's bytes (None when no file was chosen).
async fn read_form(mut multipart: Multipart) -> Result<(InquiryForm, Option<Vec<u8>>), AppError> {
    let mut v = InquiryForm::default();
    let mut cv = None;
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "cv" {
            let bytes = field.bytes().await?;
            if !bytes.is_empty() {
                cv = Some(bytes.to_vec());
            }
            continue;
        }
        let slot = match name.as_str() {
            "kind" => &mut v.kind,
            "name" => &mut v.name,
            "email" => &mut v.email,
            "phone" => &mut v.phone,
            "message" => &mut v.message,
            "website" => &mut v.website,
            "shown" => &mut v.shown,
            _ => continue,
        };
        *slot = forms::field_text(field).await?;
    }
    Ok((v, cv))
}

fn parse(
    t: &crate::i18n::Tr,
    v: &InquiryForm,
    cv: Option<&[u8]>,
    max_cv_bytes: usize,
) -> Result<(InquiryKind, String, String, String, String), FieldErrors> {
    let mut errors = FieldErrors::labelled(LABELS);
    let kind = InquiryKind::parse(&v.kind);
    if kind.is_none() {
        errors.add(t, "kind", "inquiry.kind_choose");
    }
    let name = forms::text(&mut errors, t, "name", &v.name, true, 60);
    let email = match domain::Email::parse(&v.email) {
        Ok(e) => Some(e.as_str().to_string()),
        Err(e) => {
            errors.add(t, "email", e.i18n_key());
            None
        }
    };
    let phone = domain::job::parse_phone(&v.phone).unwrap_or_else(|| {
        errors.add(t, "phone", "inquiry.phone_invalid");
        String::new()
    });
    let message = forms::text(&mut errors, t, "message", &v.message, true, MESSAGE_MAX);
    if let Some(bytes) = cv
        && let Err(e) = domain::job::accept_cv(bytes, max_cv_bytes)
    {
        errors.add(t, "cv", e.i18n_key());
    }
    match (kind, email) {
        (Some(kind), Some(email)) if errors.is_empty() => Ok((kind, name, email, phone, message)),
        _ => Err(errors),
    }
}

async fn send(
    state: AppState,
    c: Ctx,
    org: Organization,
    target: Target,
    multipart: Multipart,
) -> Result<Response, AppError> {
    if !state.registration_limiter.allow(&c.client_ip) {
        return Err(AppError::TooManyRequests);
    }
    let (v, cv) = read_form(multipart).await?;
    if !v.website.is_empty() {
        return Err(AppError::BadRequest("honeypot".into()));
    }
    let t = c.t;
    if !crate::public_form::shown_long_enough(&state, &target.scope(org.id), &v.shown).await? {
        let mut errors = FieldErrors::labelled(LABELS);
        errors.add(&t, "name", "inquiry.send_again");
        return render(&state, c, org, target, v, errors).await;
    }
    let (kind, name, email, phone, message) =
        match parse(&t, &v, cv.as_deref(), state.config.max_cv_bytes) {
            Ok(parsed) => parsed,
            Err(mut errors) => {
                if cv.is_some() && !errors.has("cv") {
                    // A browser does not keep the chosen file across a reload.
                    errors.add(&t, "cv", "inquiry.cv_again");
                }
                return render(&state, c, org, target, v, errors).await;
            }
        };
    let (posting_id, posting_title, back) = match &target {
        Target::Posting(p) => (
            Some(p.id),
            p.fields.title.clone(),
            format!("/jobs/{}", p.id),
        ),
        Target::Employer => (None, String::new(), format!("/workplaces/{}", org.id)),
    };
    let new = NewInquiry {
        org_id: org.id,
        posting_id,
        posting_title,
        kind,
        name,
        email: email.clone(),
        phone,
        message,
        language: t.lang.code().to_string(),
    };
    let admins = state.store.org_admin_emails(org.id).await?;
    let base = crate::declarations::export::base_url(&state);
    let page_url = format!("{base}{back}");
    let id = state
        .store
        .send_inquiry(&new, cv.as_deref(), |id| {
            let desk_url = format!("{base}/inquiries/{id}");
            let mut mails: Vec<_> = admins
                .iter()
                .map(|to| mail::to_employer(to, &org, &new, cv.is_some(), &desk_url))
                .collect();
            mails.push(mail::copy_to_seeker(&t, &org, &new, &page_url));
            mails
        })
        .await?;
    tracing::info!(inquiry = id, org = org.id, "inquiry sent");
    Ok(redirect_with_flash_args(
        &back,
        "flash.inquiry_sent",
        &[("org", &org.name), ("email", &email)],
        state.config.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Tr};

    fn form(kind: &str, phone: &str) -> InquiryForm {
        InquiryForm {
            kind: kind.into(),
            name: "相馬 花子".into(),
            email: "hanako@example.jp".into(),
            phone: phone.into(),
            message: "見学できますか".into(),
            ..InquiryForm::default()
        }
    }

    #[test]
    fn a_typed_phone_comes_back_half_width() {
        let t = Tr::new(Lang::Ja);
        let got = parse(&t, &form("inquiry", "０２４４－３７－２１１１"), None, 10).unwrap();
        assert_eq!(got.3, "0244-37-2111");
        assert!(
            parse(&t, &form("inquiry", "0244"), None, 10)
                .unwrap_err()
                .has("phone")
        );
    }

    #[test]
    fn a_kind_a_message_and_a_pdf_are_required() {
        let t = Tr::new(Lang::Ja);
        let errors = parse(&t, &form("order", ""), None, 10).unwrap_err();
        assert!(errors.has("kind"));
        let mut empty = form("application", "");
        empty.message = "  ".into();
        assert!(parse(&t, &empty, None, 10).unwrap_err().has("message"));
        let cv = parse(&t, &form("application", ""), Some(b"GIF89a"), 10).unwrap_err();
        assert!(cv.has("cv"));
        assert!(parse(&t, &form("application", ""), Some(b"%PDF-1.7"), 10).is_ok());
        let big = parse(&t, &form("application", ""), Some(b"%PDF-1.7 long"), 10).unwrap_err();
        assert!(big.has("cv"));
    }
}
