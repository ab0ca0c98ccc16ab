//! Inviting a person into an organization: the city's staff bring in a
//! company's HR person (or a member) without a platform admin. The link is
//! shown once, absolute, to pass on; the role defaults to the least privileged.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::{Form, Router};
use serde::Deserialize;
use store::orgs::Organization;

use crate::AppState;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};

/// The roles an organization's invitation can give, least privileged first
/// (the first is preselected).
const ROLES: [domain::Role; 2] = [domain::Role::OrgMember, domain::Role::OrgAdmin];

const LABELS: forms::Labels = &[
    ("email", "login.email"),
    ("display_name", "admin.display_name"),
    ("role", "org_invite.role"),
];

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/orgs/{id}/invite",
        axum::routing::get(invite_form).post(invite),
    )
}

pub(super) fn invite_action(org: &Organization) -> Action {
    Action::InviteToOrganization {
        org_id: org.id,
        region_id: org.region_id,
    }
}

#[derive(Default, Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
}

/// A link just created, with whom it is for.
struct Created {
    link: String,
    email: String,
    role: domain::Role,
    /// SMTP is configured: the link goes by mail too.
    mailed: bool,
}

#[derive(Template)]
#[template(path = "orgs/invite.html")]
struct InvitePage {
    c: Ctx,
    org: Organization,
    v: InviteForm,
    errors: FieldErrors,
    created: Option<Created>,
}

impl InvitePage {
    fn roles(&self) -> &'static [domain::Role] {
        &ROLES
    }

    /// The role to show selected: the one posted back, else the least privileged.
    fn selected(&self, role: &domain::Role) -> bool {
        if self.v.role.is_empty() {
            *role == ROLES[0]
        } else {
            self.v.role == role.as_str()
        }
    }
}

fn render(
    c: Ctx,
    org: Organization,
    v: InviteForm,
    errors: FieldErrors,
    created: Option<Created>,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = InvitePage {
        c,
        org,
        v,
        errors,
        created,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn invite_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let org = c.org_for(&state.store, id, invite_action).await?;
    render(c, org, InviteForm::default(), FieldErrors::new(), None)
}

async fn invite(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(v): Form<InviteForm>,
) -> Result<Response, AppError> {
    let org = c.org_for(&state.store, id, invite_action).await?;
    let mut errors = FieldErrors::labelled(LABELS);
    let email = match domain::Email::parse(&v.email) {
        Ok(e) => Some(e),
        Err(e) => {
            errors.add(&c.t, "email", e.i18n_key());
            None
        }
    };
    let name = forms::text(
        &mut errors,
        &c.t,
        "display_name",
        &v.display_name,
        true,
        100,
    );
    let role = ROLES.into_iter().find(|r| r.as_str() == v.role);
    if role.is_none() {
        errors.add(&c.t, "role", "org_invite.choose_role");
    }
    let (Some(email), Some(role)) = (email, role) else {
        return render(c, org, v, errors, None);
    };
    if !errors.is_empty() {
        return render(c, org, v, errors, None);
    }
    let detail = format!(
        "{} invited as {} of org {} ({})",
        email.as_str(),
        role.as_str(),
        org.id,
        org.name
    );
    let scope = (None, Some(org.id));
    let Some(link) =
        crate::admin::users::create_invited(&state, &c, &email, &name, role, scope, &detail)
            .await?
    else {
        errors.add(&c.t, "email", "admin.email_taken");
        return render(c, org, v, errors, None);
    };
    let created = Created {
        link,
        email: email.as_str().to_string(),
        role,
        mailed: state.config.mail.smtp.is_some(),
    };
    render(
        c,
        org,
        InviteForm::default(),
        FieldErrors::new(),
        Some(created),
    )
}
