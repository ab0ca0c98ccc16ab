//! Registering for an event from its public page, without an account, and
//! cancelling through the link in the confirmation mail.
//!
//! Spam protection needs no third party: a rate limit per client address
//! ([`crate::Config::registration_rate_per_hour`]), a honeypot field people never
//! see (`website`), and the time check of [`crate::public_form`].

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use domain::event::{AttendeeRole, LocalDateTime, RegistrationStatus};
use serde::Deserialize;
use store::events::Event;
use store::mail::{MailKind, NewMail};
use store::registrations::{NewRegistration, RegisterError, Registration};

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::context::Ctx;
use crate::declarations::export::base_url;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::i18n::{Lang, Tr};

pub const LABELS: forms::Labels = &[
    ("reg_name", "events.reg.name"),
    ("reg_organization", "events.reg.organization"),
    ("reg_role", "events.reg.role"),
    ("reg_email", "events.reg.email"),
];

/// The form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    pub reg_name: String,
    pub reg_organization: String,
    pub reg_role: String,
    pub reg_email: String,
    /// The honeypot: hidden from people, filled by naive bots.
    pub website: String,
    /// When the form was shown, signed: `unix-seconds.hex-hmac`.
    pub shown: String,
}

/// Whether an event takes registrations now, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Openness {
    Open,
    /// Past its deadline (or its start, when it has none).
    Closed,
    /// A draft or cancelled.
    NotPublished,
}

/// Now in Japan, on the day the clock says (`--today` and the tests fix the day;
/// the time of day is the real one).
pub fn now_jst() -> LocalDateTime {
    let real = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(9))
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let time = jiff::tz::Offset::UTC.to_datetime(real).time();
    LocalDateTime::new(crate::today_jst(), time.hour(), time.minute())
        .unwrap_or_else(|_| LocalDateTime::new(crate::today_jst(), 0, 0).expect("00:00 exists"))
}

pub fn openness(e: &Event, now: LocalDateTime) -> Openness {
    if e.fields.status != domain::event::EventStatus::Published {
        return Openness::NotPublished;
    }
    let closes = e.fields.registration_deadline.unwrap_or(e.fields.starts_at);
    if now >= closes {
        Openness::Closed
    } else {
        Openness::Open
    }
}

/// The time check's scope of an event's form.
fn scope(event_id: i64) -> String {
    format!("event:{event_id}")
}

/// The registration page part of the event page: what the template shows.
pub struct RegistrationView {
    pub open: Openness,
    pub seats_left: Option<i64>,
    /// Every seat taken: new registrations go on the waiting list.
    pub full: bool,
    pub waitlisted: i64,
    pub shown: String,
    pub roles: Vec<(&'static str, &'static str)>,
    pub organizations: Vec<String>,
    pub v: RegistrationForm,
    pub errors: FieldErrors,
}

pub async fn view(
    state: &AppState,
    t: &Tr,
    e: &Event,
    v: RegistrationForm,
    errors: FieldErrors,
) -> Result<RegistrationView, AppError> {
    let counts = state.store.registration_counts(e.id).await?;
    let mut organizations: Vec<String> = state
        .store
        .list_organizations()
        .await?
        .into_iter()
        .filter(|o| o.region_id == Some(e.region_id))
        .map(|o| o.name)
        .collect();
    organizations.sort();
    Ok(RegistrationView {
        open: openness(e, now_jst()),
        seats_left: e.fields.capacity.map(|c| (c - counts.confirmed).max(0)),
        full: e.fields.capacity.is_some_and(|c| counts.confirmed >= c),
        waitlisted: counts.waitlisted,
        shown: crate::public_form::shown_token(state, &scope(e.id)).await?,
        roles: AttendeeRole::ALL
            .iter()
            .map(|r| (r.as_str(), t.pick(r.name_ja(), r.name_en())))
            .collect(),
        organizations,
        v,
        errors,
    })
}

fn parse(
    t: &Tr,
    v: &RegistrationForm,
) -> Result<(String, String, AttendeeRole, String), FieldErrors> {
    let mut errors = FieldErrors::labelled(LABELS);
    let name = forms::text(&mut errors, t, "reg_name", &v.reg_name, true, 60);
    let organization = forms::text(
        &mut errors,
        t,
        "reg_organization",
        &v.reg_organization,
        false,
        120,
    );
    let role = AttendeeRole::parse(&v.reg_role)
        .map_err(|e| errors.add(t, "reg_role", e.i18n_key()))
        .ok();
    let email = match domain::Email::parse(&v.reg_email) {
        // One person, one registration: addresses compare without case.
        Ok(e) => Some(e.as_str().to_lowercase()),
        Err(e) => {
            errors.add(t, "reg_email", e.i18n_key());
            None
        }
    };
    match (role, email) {
        (Some(role), Some(email)) if errors.is_empty() => Ok((name, organization, role, email)),
        _ => Err(errors),
    }
}

fn event_lines(t: &Tr, e: &Event, url: &str) -> String {
    let f = &e.fields;
    let place = if f.venue_name.is_empty() {
        t.t("events.online_only").to_string()
    } else {
        format!("{} {}", f.venue_name, f.venue_address)
            .trim()
            .to_string()
    };
    format!(
        "{}\n{}：{}\n{}：{}\n{}",
        f.title,
        t.t("events.when"),
        super::when(t, e),
        t.t("events.field.venue_name"),
        place,
        url
    )
}

/// One of the event mails to `r`: greeting, `message_key`'s text, the event, and
/// a closing link.
pub(super) fn event_mail(
    t: &Tr,
    kind: MailKind,
    (subject_key, message_key): (&str, &str),
    e: &Event,
    r: &Registration,
    event_url: &str,
    link: (&str, &str),
) -> NewMail {
    crate::public_form::mail(
        t.lang,
        kind,
        &r.email,
        t.f1(subject_key, "title", &e.fields.title),
        &[
            t.f1("events.mail.dear", "name", &r.name),
            t.t(message_key).to_string(),
            event_lines(t, e, event_url),
        ],
        link,
    )
}

/// The mail for a registration just taken, with its cancel link.
fn confirmation(t: &Tr, e: &Event, r: &Registration, event_url: &str, cancel_url: &str) -> NewMail {
    let message = match r.status {
        RegistrationStatus::Waitlisted => "events.mail.waitlisted",
        _ => "events.mail.confirmed",
    };
    let link = (t.t("events.mail.cancel_link"), cancel_url);
    let keys = ("events.mail.subject_registered", message);
    event_mail(t, MailKind::EventRegistration, keys, e, r, event_url, link)
}

/// The mail for someone moved up from the waiting list, in the language they
/// registered in.
fn promotion(e: &Event, r: &Registration, event_url: &str) -> NewMail {
    let t = Tr::new(Lang::parse(&r.language).unwrap_or_default());
    let link = (t.t("events.mail.cancel_hint"), event_url);
    let keys = ("events.mail.subject_promoted", "events.mail.promoted");
    event_mail(&t, MailKind::EventPromotion, keys, e, r, event_url, link)
}

/// The day-before reminder, in the language the person registered in.
fn reminder(e: &Event, r: &Registration, base: &str) -> NewMail {
    let t = Tr::new(Lang::parse(&r.language).unwrap_or_default());
    let event_url = format!("{base}/events/{}", e.id);
    let link = (t.t("events.mail.cancel_hint"), event_url.as_str());
    let keys = ("events.mail.subject_reminder", "events.mail.reminder");
    event_mail(&t, MailKind::EventReminder, keys, e, r, &event_url, link)
}

/// Queue tomorrow's reminders (the janitor calls this every hour; each person
/// gets one, whichever server runs it).
pub async fn queue_reminders(store: &store::Store, base: &str) -> Result<u64, store::Error> {
    let Ok(tomorrow) = crate::today_jst().tomorrow() else {
        return Ok(0);
    };
    store
        .queue_event_reminders(tomorrow, |e, r| reminder(e, r, base))
        .await
}

pub async fn register(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(v): Form<RegistrationForm>,
) -> Result<Response, AppError> {
    let e = state.store.event(id).await?;
    if !e.fields.status.is_public() {
        return Err(AppError::NotFound);
    }
    if !state.registration_limiter.allow(&c.client_ip) {
        return Err(AppError::TooManyRequests);
    }
    if !v.website.is_empty() {
        return Err(AppError::BadRequest("honeypot".into()));
    }
    let t = c.t;
    if openness(&e, now_jst()) != Openness::Open {
        let mut errors = FieldErrors::labelled(LABELS);
        errors.add(&t, "reg_name", "events.reg.closed");
        return super::render_page(&state, c, e, v, errors).await;
    }
    if !crate::public_form::shown_long_enough(&state, &scope(e.id), &v.shown).await? {
        let mut errors = FieldErrors::labelled(LABELS);
        errors.add(&t, "reg_name", "events.reg.send_again");
        return super::render_page(&state, c, e, v, errors).await;
    }
    let (name, organization, role, email) = match parse(&t, &v) {
        Ok(parsed) => parsed,
        Err(errors) => return super::render_page(&state, c, e, v, errors).await,
    };
    let org_id = state
        .store
        .list_organizations()
        .await?
        .into_iter()
        .find(|o| o.name == organization && o.region_id == Some(e.region_id))
        .map(|o| o.id);
    let base = base_url(&state);
    let event_url = format!("{base}/events/{}", e.id);
    let (token, hash) = store::new_token();
    let cancel_url = format!("{base}/event-registrations/{token}");
    let new = NewRegistration {
        event_id: e.id,
        name,
        organization,
        org_id,
        role,
        email: email.clone(),
        language: t.lang.code().to_string(),
    };
    let taken = state
        .store
        .register_for_event(&new, &hash, |r| {
            confirmation(&t, &e, r, &event_url, &cancel_url)
        })
        .await;
    match taken {
        Ok(r) => {
            let key = match r.status {
                RegistrationStatus::Waitlisted => "flash.event_waitlisted",
                _ => "flash.event_registered",
            };
            Ok(redirect_with_flash_args(
                &format!("/events/{}", e.id),
                key,
                &[("title", &e.fields.title), ("email", &email)],
                state.config.cookie_secure,
            ))
        }
        Err(RegisterError::AlreadyRegistered) => {
            let mut errors = FieldErrors::labelled(LABELS);
            errors.add(&t, "reg_email", "events.reg.already");
            super::render_page(&state, c, e, v, errors).await
        }
        Err(RegisterError::Closed) => Err(AppError::NotFound),
        Err(RegisterError::Store(err)) => Err(err.into()),
    }
}

#[derive(Template)]
#[template(path = "events/cancel.html")]
struct CancelPage {
    c: Ctx,
    /// None once cancelled (the page then says so).
    registration: Option<Registration>,
    title: String,
    when: String,
    event_id: i64,
    token: String,
}

/// The cancel page: asking (`registration` given) or saying it is done.
fn cancel_page(
    c: Ctx,
    e: &Event,
    registration: Option<Registration>,
    token: String,
) -> Result<Response, AppError> {
    let page = CancelPage {
        title: e.fields.title.clone(),
        when: super::when(&c.t, e),
        event_id: e.id,
        registration,
        token,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

pub async fn cancel_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let r = state
        .store
        .registration_by_cancel_token(&store::hash_token(&token))
        .await?;
    let e = state.store.event(r.event_id).await?;
    cancel_page(c, &e, Some(r), token)
}

pub async fn cancel(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let hash = store::hash_token(&token);
    let r = state.store.registration_by_cancel_token(&hash).await?;
    let e = state.store.event(r.event_id).await?;
    let event_url = format!("{}/events/{}", base_url(&state), e.id);
    state
        .store
        .cancel_registration(&hash, |moved| promotion(&e, moved, &event_url))
        .await?;
    cancel_page(c, &e, None, String::new())
}
