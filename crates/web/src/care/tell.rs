//! The employee's choice to tell HR (`POST /care/tell`), from the personal
//! page of the guide: which of the law's options they want to talk about and
//! their own words, to one organization they belong to. Only what this form
//! carries is stored (the self-check behind it is not), and the employer's
//! admins are told by mail in the same transaction; they see the requests on
//! `/orgs/{id}/care` and mark them answered.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use kpi::caregiving::Explained;
use store::mail::MailKind;

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::{Lang, Tr};

const MESSAGE_MAX: usize = 500;

/// `org`, one `topic` per box, `message`.
pub async fn tell_hr(
    State(state): State<AppState>,
    c: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if pairs.len() > Explained::ALL.len() + 6 {
        return Err(AppError::BadRequest("too many fields".into()));
    }
    let user = c.require(&Action::SignedIn)?.clone();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let org_id: i64 = get("org")
        .parse()
        .map_err(|_| AppError::BadRequest("org".into()))?;
    let org = c
        .org_for(&state.store, org_id, |o| Action::AskEmployer {
            org_id: o.id,
        })
        .await?;
    let mut topics = Vec::new();
    for (k, v) in &pairs {
        if k == "topic" {
            let t = Explained::parse(v).ok_or(AppError::BadRequest("topic".into()))?;
            if !topics.contains(&t) {
                topics.push(t);
            }
        }
    }
    let message = get("message");
    if (topics.is_empty() && message.is_empty()) || message.chars().count() > MESSAGE_MAX {
        return Ok(redirect_with_flash_args(
            "/care#tell-hr",
            "flash.care_tell_invalid",
            &[],
            state.config.cookie_secure,
        ));
    }
    let t = Tr::new(Lang::Ja);
    let link = format!(
        "{}/orgs/{}/care#requests",
        crate::declarations::export::base_url(&state),
        org.id
    );
    let mails: Vec<store::mail::NewMail> = state
        .store
        .org_admin_emails(org.id)
        .await?
        .iter()
        .map(|to| {
            crate::public_form::mail(
                Lang::Ja,
                MailKind::CareRequest,
                to,
                t.t("care.tell.mail_subject").to_string(),
                &[
                    t.f1("care.tell.mail_body", "name", &user.display_name),
                    t.t("care.tell.mail_care").to_string(),
                ],
                (t.t("care.tell.mail_link"), &link),
            )
        })
        .collect();
    let id = state
        .store
        .add_care_request(org.id, user.user_id, &topics, &message, &mails)
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            "create",
            "care_request",
            id,
            &serde_json::json!({ "org_id": org.id }).to_string(),
        )
        .await?;
    Ok(redirect_with_flash_args(
        "/care",
        "flash.care_told",
        &[("org", &org.name)],
        state.config.cookie_secure,
    ))
}

/// HR marks a request answered.
pub async fn mark_handled(
    State(state): State<AppState>,
    c: Ctx,
    Path((org_id, rid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let org = c.org_for_admin(&state.store, org_id).await?;
    state.store.mark_care_request_handled(org.id, rid).await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{}/care#requests", org.id),
        "flash.care_request_handled",
        &[],
        state.config.cookie_secure,
    ))
}
