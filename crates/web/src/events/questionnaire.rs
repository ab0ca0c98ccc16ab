//! The after-event questionnaire (参加後アンケート): the mail with each
//! checked-in participant's link, sent by the hourly housekeeping once the event
//! has ended, and the page behind the link. The answers (satisfaction, what the
//! participant will try first, interest in the leader course or consultant
//! support) feed the event desk and the program's funnel.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use store::events::Event;
use store::feedback::{Feedback, FeedbackAnswer};
use store::mail::{MailKind, NewMail};
use store::registrations::Registration;

use super::registration::{event_mail, now_jst};
use crate::AppState;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::i18n::{Lang, Tr};

/// How long after its end an event's questionnaire still goes out: a server that
/// was down for the evening still sends it, an old event is never mailed.
const SEND_WITHIN_DAYS: i64 = 7;

pub const LABELS: forms::Labels = &[
    ("satisfaction", "events.q.satisfaction"),
    ("first_step", "events.q.first_step"),
    ("comment", "events.q.comment"),
];

/// The questionnaire mail of `r`, in the language they registered in.
fn questionnaire_mail(e: &Event, r: &Registration, base: &str, token: &str) -> NewMail {
    let t = Tr::new(Lang::parse(&r.language).unwrap_or_default());
    let event_url = format!("{base}/events/{}", e.id);
    let link_url = format!("{base}/event-feedback/{token}");
    let link = (t.t("events.mail.questionnaire_link"), link_url.as_str());
    let keys = (
        "events.mail.subject_questionnaire",
        "events.mail.questionnaire",
    );
    event_mail(
        &t,
        MailKind::EventQuestionnaire,
        keys,
        e,
        r,
        &event_url,
        link,
    )
}

/// Queue the questionnaires of the events that ended in the last days (the
/// janitor calls this every hour; each participant gets one).
pub async fn queue_questionnaires(store: &store::Store, base: &str) -> Result<u64, store::Error> {
    let now = now_jst();
    let Ok(since_day) = now
        .date()
        .checked_sub(jiff::Span::new().days(SEND_WITHIN_DAYS))
    else {
        return Ok(0);
    };
    let since = domain::event::LocalDateTime::new(since_day, now.hour(), now.minute())
        .map(|d| d.as_stored())
        .unwrap_or_default();
    store
        .queue_event_questionnaires(&since, &now.as_stored(), |e, r, token| {
            questionnaire_mail(e, r, base, token)
        })
        .await
}

/// The form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct QuestionnaireForm {
    #[serde(default)]
    pub satisfaction: String,
    #[serde(default)]
    pub first_step: String,
    #[serde(default)]
    pub wants_course: Option<String>,
    #[serde(default)]
    pub wants_consulting: Option<String>,
    #[serde(default)]
    pub comment: String,
}

impl QuestionnaireForm {
    fn of(a: &FeedbackAnswer) -> QuestionnaireForm {
        QuestionnaireForm {
            satisfaction: a.satisfaction.to_string(),
            first_step: a.first_step.clone(),
            wants_course: a.wants_course.then(|| "on".into()),
            wants_consulting: a.wants_consulting.then(|| "on".into()),
            comment: a.comment.clone(),
        }
    }
}

/// The answer, or what is wrong with it.
pub fn parse(t: &Tr, v: &QuestionnaireForm) -> Result<FeedbackAnswer, FieldErrors> {
    let mut errors = FieldErrors::labelled(LABELS);
    let satisfaction = match domain::normalize_digits(v.satisfaction.trim()).parse::<u8>() {
        Ok(s) if (1..=5).contains(&s) => s,
        _ => {
            errors.add(t, "satisfaction", "events.q.satisfaction_required");
            0
        }
    };
    let first_step = forms::text(&mut errors, t, "first_step", &v.first_step, false, 400);
    let comment = forms::text(&mut errors, t, "comment", &v.comment, false, 1000);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(FeedbackAnswer {
        satisfaction,
        first_step,
        wants_course: v.wants_course.is_some(),
        wants_consulting: v.wants_consulting.is_some(),
        comment,
    })
}

/// The five answers of the satisfaction question, best last.
pub const SATISFACTION_KEYS: [&str; 5] = [
    "events.q.s1",
    "events.q.s2",
    "events.q.s3",
    "events.q.s4",
    "events.q.s5",
];

#[derive(Template)]
#[template(path = "events/questionnaire.html")]
struct QuestionnairePage {
    c: Ctx,
    title: String,
    when: String,
    event_id: i64,
    token: String,
    v: QuestionnaireForm,
    errors: FieldErrors,
    /// Answered before (or just now).
    answered: bool,
    thanks: bool,
    /// ("5", "満足") … ("1", "不満"): the best answer first.
    choices: Vec<(String, &'static str)>,
}

fn page(
    c: Ctx,
    e: &Event,
    token: String,
    v: QuestionnaireForm,
    errors: FieldErrors,
    answered: bool,
    thanks: bool,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = QuestionnairePage {
        title: e.fields.title.clone(),
        when: super::when(&c.t, e),
        event_id: e.id,
        token,
        v,
        errors,
        answered,
        thanks,
        choices: (1..=5)
            .rev()
            .map(|n| (n.to_string(), c.t.t(SATISFACTION_KEYS[n - 1])))
            .collect(),
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn registration_of(state: &AppState, token: &str) -> Result<(Registration, Event), AppError> {
    let r = state
        .store
        .registration_by_feedback_token(&store::hash_token(token))
        .await?;
    let e = state.store.event(r.event_id).await?;
    Ok((r, e))
}

pub async fn form(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (r, e) = registration_of(&state, &token).await?;
    let before: Option<Feedback> = state.store.feedback_of_registration(r.id).await?;
    let answered = before.is_some();
    let v = before
        .map(|f| QuestionnaireForm::of(&f.answer))
        .unwrap_or_default();
    page(c, &e, token, v, FieldErrors::new(), answered, false)
}

pub async fn answer(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    Form(v): Form<QuestionnaireForm>,
) -> Result<Response, AppError> {
    let (r, e) = registration_of(&state, &token).await?;
    match parse(&c.t, &v) {
        Ok(a) => {
            state.store.answer_questionnaire(&r, &a).await?;
            page(c, &e, token, v, FieldErrors::new(), true, true)
        }
        Err(errors) => {
            let answered = state.store.feedback_of_registration(r.id).await?.is_some();
            page(c, &e, token, v, errors, answered, false)
        }
    }
}

/// One answer as staff read it.
pub struct AnswerRow {
    pub who: String,
    pub organization: String,
    pub satisfaction: &'static str,
    pub first_step: String,
    pub wants_course: bool,
    pub wants_consulting: bool,
    pub comment: String,
}

#[derive(Template)]
#[template(path = "events/questionnaire_results.html")]
struct ResultsPage {
    c: Ctx,
    event_id: i64,
    title: String,
    when: String,
    summary: store::feedback::FeedbackSummary,
    /// 「4.3」, or None without answers.
    mean: Option<String>,
    /// (answer label, count), best first.
    distribution: Vec<(&'static str, i64)>,
    answers: Vec<AnswerRow>,
}

/// `/events/{id}/questionnaire`: how the questionnaire came out, for the
/// region's staff (who answered stays visible until the retention period ends,
/// so staff can follow up on interest in the course or in consultant support).
pub async fn results(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (e, _) = super::managed_event(&state, &c, id).await?;
    let summary = state.store.feedback_summary(e.id).await?;
    let t = c.t;
    let answers = state
        .store
        .feedback_of_event(e.id)
        .await?
        .into_iter()
        .map(|f| AnswerRow {
            who: if f.name.is_empty() {
                t.t("events.q.erased").to_string()
            } else {
                f.name
            },
            organization: f.organization,
            satisfaction: t.t(SATISFACTION_KEYS[usize::from(f.answer.satisfaction - 1)]),
            first_step: f.answer.first_step,
            wants_course: f.answer.wants_course,
            wants_consulting: f.answer.wants_consulting,
            comment: f.answer.comment,
        })
        .collect();
    let page = ResultsPage {
        event_id: e.id,
        title: e.fields.title.clone(),
        when: super::when(&t, &e),
        mean: summary
            .mean_tenths()
            .map(|m| format!("{}.{}", m / 10, m % 10)),
        distribution: SATISFACTION_KEYS
            .iter()
            .zip(summary.satisfaction)
            .rev()
            .map(|(k, n)| (t.t(k), n))
            .collect(),
        summary,
        answers,
        c,
    };
    Ok(Html(page.render()?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(s: &str, first: &str) -> QuestionnaireForm {
        QuestionnaireForm {
            satisfaction: s.into(),
            first_step: first.into(),
            ..QuestionnaireForm::default()
        }
    }

    #[test]
    fn satisfaction_is_one_to_five_and_bounded_text() {
        let t = Tr::new(Lang::Ja);
        assert_eq!(parse(&t, &form("５", "")).unwrap().satisfaction, 5);
        assert_eq!(
            parse(&t, &form("1", "朝メール")).unwrap().first_step,
            "朝メール"
        );
        for bad in ["", "0", "6", "x", "-1"] {
            assert!(
                parse(&t, &form(bad, "")).unwrap_err().has("satisfaction"),
                "{bad}"
            );
        }
        let long = "あ".repeat(401);
        assert!(parse(&t, &form("3", &long)).unwrap_err().has("first_step"));
        let v = QuestionnaireForm {
            wants_course: Some("on".into()),
            ..form("4", "")
        };
        let a = parse(&t, &v).unwrap();
        assert!(a.wants_course && !a.wants_consulting);
    }
}
