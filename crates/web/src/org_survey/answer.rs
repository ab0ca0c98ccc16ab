//! `/s/{token}`: the answering form of an organization's survey round, for
//! anyone with the link (no account needed, nothing about them kept). Spam
//! is held off as on the residents' survey: the per-address rate limit (in
//! memory), a honeypot and the signed time check. The page is never cached.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use store::surveys::SurveyRound;
use survey::diagnosis::{self, Setup};
use survey::{AnswerError, Questionnaire};

use crate::AppState;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::FieldErrors;
use crate::survey::QuestionView;

#[derive(Template)]
#[template(path = "org_survey/answer.html")]
struct AnswerPage {
    c: Ctx,
    token: String,
    org_name: String,
    round: SurveyRound,
    questions: Vec<QuestionView>,
    shown: String,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "org_survey/thanks.html")]
struct ThanksPage {
    c: Ctx,
    org_name: String,
}

/// The round of `token` with its questionnaire (unknown: not found).
async fn round_of(
    state: &AppState,
    token: &str,
) -> Result<(SurveyRound, Questionnaire, String), AppError> {
    if token.len() > 128 {
        return Err(AppError::NotFound);
    }
    let round = match state.store.org_survey_round_by_token(token).await {
        Ok(r) => r,
        Err(store::Error::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let setup = state.store.org_survey_setup(round.id).await?;
    let setup = Setup::from_json(&setup.setup)
        .ok_or_else(|| AppError::Internal("a round's setup does not parse".into()))?;
    let org = round.org_id.ok_or(AppError::NotFound)?;
    let org_name = state.store.organization(org).await?.name;
    Ok((round, diagnosis::questionnaire(&setup), org_name))
}

fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn render(
    state: &AppState,
    c: Ctx,
    token: String,
    (round, q, org_name): (SurveyRound, Questionnaire, String),
    posted: &[(String, String)],
    errors: FieldErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let shown = crate::public_form::shown_token(state, &format!("org_survey:{}", round.id)).await?;
    let page = AnswerPage {
        questions: crate::survey::views(&c.t, &q, posted),
        token,
        org_name,
        round,
        shown,
        errors,
        c,
    };
    Ok(no_store((status, Html(page.render()?)).into_response()))
}

pub async fn form(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let r = round_of(&state, &token).await?;
    render(&state, c, token, r, &[], FieldErrors::new(), StatusCode::OK).await
}

const OWN_FIELDS: [&str; 3] = ["csrf_token", "website", "shown"];

pub async fn submit(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
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
    let r = round_of(&state, &token).await?;
    let answers: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| !OWN_FIELDS.contains(&k.as_str()))
        .cloned()
        .collect();
    if !r.0.is_open() {
        return render(
            &state,
            c,
            token,
            r,
            &answers,
            FieldErrors::new(),
            StatusCode::CONFLICT,
        )
        .await;
    }
    let t = c.t;
    let scope = format!("org_survey:{}", r.0.id);
    if !crate::public_form::shown_long_enough(&state, &scope, field("shown")).await? {
        let mut errors = FieldErrors::new();
        errors.add_text("survey-form", "", t.t("survey.send_again"));
        return render(&state, c, token, r, &answers, errors, StatusCode::OK).await;
    }
    let response = match r.1.validate(&answers) {
        Ok(x) => x,
        Err(problems) => {
            let mut errors = FieldErrors::new();
            for (key, e) in problems {
                let label =
                    r.1.question(&key)
                        .map(|q| q.text.pick(t.is_ja()).to_string())
                        .unwrap_or_default();
                let key = if key.is_empty() {
                    "survey-form".to_string()
                } else {
                    key
                };
                errors.add_text(&key, &label, t.t(AnswerError::i18n_key(e)));
            }
            return render(
                &state,
                c,
                token,
                r,
                &answers,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    match state
        .store
        .submit_survey_answer(r.0.id, &response.to_json())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/s/{token}/thanks")).into_response()),
        // Closed between the page and the post.
        Err(store::Error::NotFound) => {
            render(
                &state,
                c,
                token,
                r,
                &answers,
                FieldErrors::new(),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn thanks(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (_, _, org_name) = round_of(&state, &token).await?;
    Ok(no_store(
        Html(ThanksPage { c, org_name }.render()?).into_response(),
    ))
}
