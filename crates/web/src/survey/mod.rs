//! 住民の働き方アンケート (issue 12): a public, anonymous form per region at
//! `/survey` (`?region=` picks another region than the default), phone-first
//! and without script. It stores the answers and nothing else: no name, no
//! address, no time, no network address. Spam protection is the inquiry
//! form's: the per-address rate limit (in memory, never stored), the
//! `website` honeypot and [`crate::public_form`]'s time check.
//!
//! The region's staff open and close rounds on the mismatch dashboard
//! ([`mismatch`]), where the answers are shown through the survey engine's
//! threshold (`survey::release`).

pub mod chart;
pub mod mismatch;
pub mod residents;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use store::regions::Region;
use store::surveys::SurveyRound;
use survey::{AnswerError, Kind, Questionnaire};

use crate::AppState;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/survey", get(form).post(submit))
        .route("/survey/thanks", get(thanks))
        .merge(mismatch::routes())
}

#[derive(Debug, Default, Deserialize)]
pub struct RegionQuery {
    #[serde(default)]
    region: String,
}

/// The region asked for, or the installation's default (the first region).
pub async fn public_region(state: &AppState, code: &str) -> Result<Region, AppError> {
    let code = code.trim();
    if !code.is_empty() {
        return state
            .store
            .region_by_code(code)
            .await
            .map_err(|_| AppError::NotFound);
    }
    if let Some(code) = &state.config.default_region
        && let Ok(r) = state.store.region_by_code(code).await
    {
        return Ok(r);
    }
    state
        .store
        .list_regions()
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

/// One question as the form shows it.
pub struct QuestionView {
    pub key: String,
    /// "radio", "checkbox" or "text".
    pub input: &'static str,
    pub text: String,
    pub required: bool,
    /// Code, label, checked.
    pub choices: Vec<(String, String, bool)>,
    pub value: String,
    pub max_chars: usize,
}

pub(crate) fn views(
    t: &crate::i18n::Tr,
    q: &Questionnaire,
    posted: &[(String, String)],
) -> Vec<QuestionView> {
    q.questions
        .iter()
        .map(|question| {
            let given = |code: &str| posted.iter().any(|(k, v)| *k == question.key && v == code);
            QuestionView {
                key: question.key.clone(),
                input: match question.kind {
                    Kind::Multiple { .. } => "checkbox",
                    Kind::FreeText { .. } => "text",
                    Kind::Single | Kind::Scale5 => "radio",
                },
                text: question.text.pick(t.is_ja()).to_string(),
                required: question.required,
                choices: question
                    .choices
                    .iter()
                    .map(|c| {
                        (
                            c.code.clone(),
                            c.label.pick(t.is_ja()).to_string(),
                            given(&c.code),
                        )
                    })
                    .collect(),
                value: posted
                    .iter()
                    .find(|(k, _)| *k == question.key)
                    .map(|(_, v)| v.clone())
                    .filter(|_| matches!(question.kind, Kind::FreeText { .. }))
                    .unwrap_or_default(),
                max_chars: match question.kind {
                    Kind::FreeText { max_chars } => max_chars,
                    _ => 0,
                },
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "survey/form.html")]
struct FormPage {
    c: Ctx,
    region: Region,
    round: Option<SurveyRound>,
    questions: Vec<QuestionView>,
    shown: String,
    errors: FieldErrors,
}

fn scope(round: &SurveyRound) -> String {
    format!("survey:{}", round.id)
}

async fn render(
    state: &AppState,
    c: Ctx,
    region: Region,
    round: Option<SurveyRound>,
    posted: &[(String, String)],
    errors: FieldErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let shown = match &round {
        Some(r) => crate::public_form::shown_token(state, &scope(r)).await?,
        None => String::new(),
    };
    let page = FormPage {
        questions: views(&c.t, &residents::QUESTIONNAIRE, posted),
        region,
        round,
        shown,
        errors,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn form(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<RegionQuery>,
) -> Result<Response, AppError> {
    let region = public_region(&state, &q.region).await?;
    let round = state
        .store
        .open_round_of(residents::CODE, region.id)
        .await?;
    render(
        &state,
        c,
        region,
        round,
        &[],
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// The form's own fields, not answers.
const OWN_FIELDS: [&str; 5] = ["csrf_token", "website", "shown", "region", "round"];

async fn submit(
    State(state): State<AppState>,
    c: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if !state.registration_limiter.allow(&c.client_ip) {
        return Err(AppError::TooManyRequests);
    }
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    if !field("website").is_empty() {
        return Err(AppError::BadRequest("honeypot".into()));
    }
    let region = public_region(&state, field("region")).await?;
    let open = state
        .store
        .open_round_of(residents::CODE, region.id)
        .await?;
    let answers: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| !OWN_FIELDS.contains(&k.as_str()))
        .cloned()
        .collect();
    // The round the form was shown for: a round closed since gets the notice.
    let Some(round) = open.filter(|r| r.id.to_string() == field("round")) else {
        return render(
            &state,
            c,
            region,
            None,
            &answers,
            FieldErrors::new(),
            StatusCode::CONFLICT,
        )
        .await;
    };
    let t = c.t;
    if !crate::public_form::shown_long_enough(&state, &scope(&round), field("shown")).await? {
        let mut errors = FieldErrors::new();
        errors.add(&t, "age", "survey.send_again");
        return render(
            &state,
            c,
            region,
            Some(round),
            &answers,
            errors,
            StatusCode::OK,
        )
        .await;
    }
    let response = match residents::QUESTIONNAIRE.validate(&answers) {
        Ok(r) => r,
        Err(problems) => {
            let mut errors = FieldErrors::new();
            for (key, e) in problems {
                let key = if key.is_empty() {
                    "age".to_string()
                } else {
                    key
                };
                let label = residents::QUESTIONNAIRE
                    .question(&key)
                    .map(|q| q.text.pick(t.is_ja()).to_string())
                    .unwrap_or_default();
                errors.add_text(&key, &label, t.t(AnswerError::i18n_key(e)));
            }
            return render(
                &state,
                c,
                region,
                Some(round),
                &answers,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    match state
        .store
        .submit_survey_answer(round.id, &response.to_json())
        .await
    {
        Ok(()) => {}
        Err(store::Error::NotFound) => {
            return render(
                &state,
                c,
                region,
                None,
                &answers,
                FieldErrors::new(),
                StatusCode::CONFLICT,
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/survey/thanks?region={}", region.code)).into_response())
}

#[derive(Template)]
#[template(path = "survey/thanks.html")]
struct ThanksPage {
    c: Ctx,
    region: Region,
}

async fn thanks(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<RegionQuery>,
) -> Result<Response, AppError> {
    let region = public_region(&state, &q.region).await?;
    Ok(Html(ThanksPage { c, region }.render()?).into_response())
}
