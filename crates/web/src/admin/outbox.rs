//! The outbox (送信メール): every queued, sent and failed message for platform
//! admins, filtered by state and paged, with one message's texts. Without SMTP
//! this is where messages stay, so an installation without a mail server can
//! still read (and pass on) what would have been sent.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use store::mail::{Mail, MailState};

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;

/// Messages per page.
const PAGE: i64 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/mail", get(list))
        .route("/admin/mail/{id}", get(message))
}

#[derive(Default, Deserialize)]
struct OutboxQuery {
    #[serde(default)]
    state: String,
    #[serde(default)]
    page: String,
}

/// The i18n key of a state's name.
pub fn state_key(state: impl std::borrow::Borrow<MailState>) -> &'static str {
    match state.borrow() {
        MailState::Queued => "mail.state.queued",
        MailState::Sending => "mail.state.sending",
        MailState::Sent => "mail.state.sent",
        MailState::Failed => "mail.state.failed",
    }
}

/// The i18n key of a kind's name.
pub fn kind_key(kind: impl std::borrow::Borrow<store::mail::MailKind>) -> &'static str {
    match kind.borrow() {
        store::mail::MailKind::Invitation => "mail.kind.invitation",
        store::mail::MailKind::PasswordReset => "mail.kind.password_reset",
        store::mail::MailKind::EventRegistration => "mail.kind.event_registration",
        store::mail::MailKind::EventPromotion => "mail.kind.event_promotion",
        store::mail::MailKind::EventReminder => "mail.kind.event_reminder",
        store::mail::MailKind::EventQuestionnaire => "mail.kind.event_questionnaire",
        store::mail::MailKind::JobInquiry => "mail.kind.job_inquiry",
        store::mail::MailKind::JobInquiryCopy => "mail.kind.job_inquiry_copy",
        store::mail::MailKind::JobInquiryAnswer => "mail.kind.job_inquiry_answer",
        store::mail::MailKind::ReviewRequest => "mail.kind.review_request",
        store::mail::MailKind::ReviewDecision => "mail.kind.review_decision",
        store::mail::MailKind::DailyComment => "mail.kind.daily_comment",
        store::mail::MailKind::SurveyInvitation => "mail.kind.survey_invitation",
        store::mail::MailKind::CareRequest => "mail.kind.care_request",
    }
}

/// The badge a state wears.
pub fn state_badge(state: impl std::borrow::Borrow<MailState>) -> &'static str {
    match state.borrow() {
        MailState::Queued | MailState::Sending => "badge--pending",
        MailState::Sent => "badge--approved",
        MailState::Failed => "badge--rejected",
    }
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    c: Ctx,
    mails: Vec<Mail>,
    total: i64,
    state: Option<MailState>,
    states: [MailState; 4],
    page: i64,
    has_next: bool,
    /// The filter as a query string, for the pagination links.
    query: String,
    smtp: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<OutboxQuery>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let filter = MailState::parse(q.state.trim());
    let page = q
        .page
        .trim()
        .parse::<i64>()
        .unwrap_or(1)
        .clamp(1, 1_000_000);
    let found = state.store.list_outbox(filter, page, PAGE).await?;
    let query = match filter {
        Some(s) => format!("state={}", s.as_str()),
        None => String::new(),
    };
    let html = OutboxPage {
        has_next: page * PAGE < found.total,
        mails: found.mails,
        total: found.total,
        state: filter,
        states: MailState::ALL,
        page,
        query,
        smtp: state.config.mail.smtp.as_ref().map(|u| u.redacted()),
        c,
    }
    .render()?;
    Ok(Html(html).into_response())
}

#[derive(Template)]
#[template(path = "admin/outbox_message.html")]
struct MessagePage {
    c: Ctx,
    m: Mail,
}

async fn message(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let m = state.store.mail(id).await?;
    Ok(Html(MessagePage { c, m }.render()?).into_response())
}
