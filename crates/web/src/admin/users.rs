//! Users: invite, roles, password reset, disabling. Invitation and reset links are
//! shown to the admin once and queued as mail in the recipient's language in the
//! same transaction (sent when SMTP is configured, kept in the outbox otherwise).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use store::orgs::Organization;
use store::regions::Region;
use store::users::{RoleAssignment, User};

use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::mail::compose::LinkMail;
use store::mail::MailKind;

/// Invitation and reset links stay valid for 7 days.
pub(crate) const LINK_SECONDS: i64 = 7 * 24 * 3600;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(list).post(invite))
        .route("/admin/users/{id}", get(detail))
        .route("/admin/users/{id}/roles", post(add_role))
        .route(
            "/admin/users/{id}/roles/{role_id}/delete",
            post(remove_role),
        )
        .route("/admin/users/{id}/reset", post(reset_password))
        .route("/admin/users/{id}/disable", post(toggle_disabled))
}

#[derive(Default, Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    org: String,
}

#[derive(Default, Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(flatten)]
    role: RoleForm,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    c: Ctx,
    users: Vec<User>,
    roles: Vec<RoleAssignment>,
    regions: Vec<Region>,
    orgs: Vec<Organization>,
    v: InviteForm,
    errors: FieldErrors,
    /// The one-time link just created, shown once.
    link: Option<String>,
    /// SMTP is configured: the link goes by mail too.
    mailed: bool,
}

pub fn role_label(
    c: &Ctx,
    r: &RoleAssignment,
    regions: &[Region],
    orgs: &[Organization],
) -> String {
    let role = domain::Role::parse(&r.role)
        .map(|role| c.t.pick(role.name_ja(), role.name_en()).to_string())
        .unwrap_or_else(|_| r.role.clone());
    let place = r
        .region_id
        .and_then(|id| regions.iter().find(|x| x.id == id))
        .map(|x| c.t.pick(&x.name_ja, &x.name_en).to_string())
        .or_else(|| {
            r.org_id
                .and_then(|id| orgs.iter().find(|o| o.id == id))
                .map(|o| o.name.clone())
        });
    match place {
        Some(p) => format!("{role}（{p}）"),
        None => role,
    }
}

async fn render_list(
    state: &AppState,
    c: Ctx,
    v: InviteForm,
    errors: FieldErrors,
    link: Option<String>,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = UsersPage {
        c,
        users: state.store.list_users().await?,
        roles: state.store.all_role_assignments().await?,
        regions: state.store.list_regions().await?,
        orgs: state.store.list_organizations().await?,
        v,
        errors,
        link,
        mailed: state.config.mail.smtp.is_some(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The invitation and role forms' fields and their labels (for the error summary).
pub(crate) const USER_LABELS: forms::Labels = &[
    ("email", "login.email"),
    ("display_name", "admin.display_name"),
    ("role", "admin.role"),
    ("region", "admin.role_region"),
    ("org", "admin.role_org"),
];

async fn list(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    render_list(&state, c, InviteForm::default(), FieldErrors::new(), None).await
}

/// Check a role form against the known places: (role, region id, org id).
async fn parse_role(
    state: &AppState,
    c: &Ctx,
    f: &RoleForm,
    errors: &mut FieldErrors,
) -> Result<Option<(domain::Role, Option<i64>, Option<i64>)>, AppError> {
    let role = match domain::Role::parse(&f.role) {
        Ok(r) => r,
        Err(e) => {
            errors.add(&c.t, "role", e.i18n_key());
            return Ok(None);
        }
    };
    match role.scope() {
        domain::RoleScope::Platform => Ok(Some((role, None, None))),
        domain::RoleScope::Region => match state.store.region_by_code(f.region.trim()).await {
            Ok(r) => Ok(Some((role, Some(r.id), None))),
            Err(store::Error::NotFound) => {
                errors.add(&c.t, "region", "admin.role_needs_region");
                Ok(None)
            }
            Err(e) => Err(e.into()),
        },
        domain::RoleScope::Organization => {
            let id = f.org.trim().parse::<i64>().unwrap_or(0);
            match state.store.organization(id).await {
                Ok(o) => Ok(Some((role, None, Some(o.id)))),
                Err(store::Error::NotFound) => {
                    errors.add(&c.t, "org", "admin.role_needs_org");
                    Ok(None)
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}

async fn invite(
    State(state): State<AppState>,
    c: Ctx,
    Form(v): Form<InviteForm>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let mut errors = FieldErrors::labelled(USER_LABELS);
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
    let role = parse_role(&state, &c, &v.role, &mut errors).await?;
    let (Some(email), Some((role, region, org))) = (email, role) else {
        return render_list(&state, c, v, errors, None).await;
    };
    if !errors.is_empty() {
        return render_list(&state, c, v, errors, None).await;
    }
    let detail = format!("{} invited as {}", email.as_str(), role.as_str());
    let Some(link) =
        create_invited(&state, &c, &email, &name, role, (region, org), &detail).await?
    else {
        errors.add(&c.t, "email", "admin.email_taken");
        return render_list(&state, c, v, errors, None).await;
    };
    render_list(
        &state,
        c,
        InviteForm::default(),
        FieldErrors::new(),
        Some(link),
    )
    .await
}

/// Creates an account for `email` with one role (in `scope`: region, org), issues
/// its invitation and audits `detail`; the absolute invitation link, or None when
/// the e-mail already has an account. Used by the platform admins' and the
/// region staff's invitation forms.
pub(crate) async fn create_invited(
    state: &AppState,
    c: &Ctx,
    email: &domain::Email,
    name: &str,
    role: domain::Role,
    scope: (Option<i64>, Option<i64>),
    detail: &str,
) -> Result<Option<String>, AppError> {
    let base = crate::declarations::export::base_url(state);
    let by = inviter(c);
    let mail = LinkMail {
        kind: MailKind::Invitation,
        // The invited person has no language yet: the one the inviter reads.
        lang: c.t.lang,
        to: email.as_str(),
        name,
        by: &by,
        role: Some(role),
        valid_seconds: LINK_SECONDS,
        base: &base,
    };
    let max_attempts = state.config.mail.max_attempts;
    let token = match state
        .store
        .invite_user_with_mail(
            email.as_str(),
            name,
            role.as_str(),
            scope,
            LINK_SECONDS,
            &c.actor(),
            detail,
            |token| compose(&mail, &format!("{base}/invite/{token}"), max_attempts),
        )
        .await
    {
        Ok((_, token)) => token,
        Err(store::Error::Conflict(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Ok(Some(format!("{base}/invite/{token}")))
}

/// Who a message says invited the recipient or issued the reset.
fn inviter(c: &Ctx) -> String {
    match &c.user {
        Some(u) if !u.display_name.trim().is_empty() => u.display_name.clone(),
        Some(u) => u.email.clone(),
        None => String::new(),
    }
}

/// The queued message for `link`; None (the link is still shown on the page) if
/// the templates fail to render, which they do not with plain strings.
fn compose(mail: &LinkMail<'_>, link: &str, max_attempts: i64) -> Option<store::mail::NewMail> {
    match mail.render(link, max_attempts) {
        Ok(m) => Some(m),
        Err(e) => {
            tracing::error!(error = %e, "the mail could not be written; only the page shows the link");
            None
        }
    }
}

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    c: Ctx,
    user: User,
    roles: Vec<RoleAssignment>,
    regions: Vec<Region>,
    orgs: Vec<Organization>,
    v: RoleForm,
    errors: FieldErrors,
    link: Option<String>,
    mailed: bool,
}

async fn render_user(
    state: &AppState,
    c: Ctx,
    id: i64,
    v: RoleForm,
    errors: FieldErrors,
    link: Option<String>,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = UserPage {
        c,
        user: state.store.user(id).await?,
        roles: state.store.roles_of(id).await?,
        regions: state.store.list_regions().await?,
        orgs: state.store.list_organizations().await?,
        v,
        errors,
        link,
        mailed: state.config.mail.smtp.is_some(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn detail(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    render_user(&state, c, id, RoleForm::default(), FieldErrors::new(), None).await
}

async fn add_role(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(v): Form<RoleForm>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    state.store.user(id).await?;
    let mut errors = FieldErrors::labelled(USER_LABELS);
    let Some((role, region, org)) = parse_role(&state, &c, &v, &mut errors).await? else {
        return render_user(&state, c, id, v, errors, None).await;
    };
    match state.store.grant_role(id, role.as_str(), region, org).await {
        Ok(rid) => {
            state
                .store
                .audit(
                    &c.actor(),
                    "create",
                    "role_assignment",
                    rid,
                    &format!("user {id}: {}", role.as_str()),
                )
                .await?;
            Ok(redirect_with_flash(
                &format!("/admin/users/{id}"),
                "flash.saved",
                state.config.cookie_secure,
            ))
        }
        Err(store::Error::Conflict(_)) => {
            errors.add(&c.t, "role", "admin.role_exists");
            render_user(&state, c, id, v, errors, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove_role(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, role_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let roles = state.store.roles_of(id).await?;
    if !roles.iter().any(|r| r.id == role_id) {
        return Err(AppError::NotFound);
    }
    let removed = state.store.revoke_role(role_id).await?;
    state
        .store
        .audit(
            &c.actor(),
            "delete",
            "role_assignment",
            role_id,
            &format!("user {id}: {}", removed.role),
        )
        .await?;
    Ok(redirect_with_flash(
        &format!("/admin/users/{id}"),
        "flash.saved",
        state.config.cookie_secure,
    ))
}

async fn reset_password(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let user = state.store.user(id).await?;
    let base = crate::declarations::export::base_url(&state);
    let by = inviter(&c);
    let mail = LinkMail {
        kind: MailKind::PasswordReset,
        // Users have no stored language: the one the admin reads.
        lang: c.t.lang,
        to: &user.email,
        name: &user.display_name,
        by: &by,
        role: None,
        valid_seconds: LINK_SECONDS,
        base: &base,
    };
    let max_attempts = state.config.mail.max_attempts;
    let token = state
        .store
        .issue_reset_with_mail(id, LINK_SECONDS, |token| {
            compose(&mail, &format!("{base}/invite/{token}"), max_attempts)
        })
        .await?;
    state.store.delete_sessions_of(id).await?;
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "user",
            id,
            "password reset link issued",
        )
        .await?;
    render_user(
        &state,
        c,
        id,
        RoleForm::default(),
        FieldErrors::new(),
        Some(format!("{base}/invite/{token}")),
    )
    .await
}

async fn toggle_disabled(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let me = c.require(&Action::AdministerPlatform)?.user_id;
    if me == id {
        // An admin cannot lock themselves out.
        return Err(AppError::BadRequest("cannot disable yourself".into()));
    }
    let user = state.store.user(id).await?;
    let disable = !user.is_disabled();
    state.store.set_user_disabled(id, disable).await?;
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "user",
            id,
            if disable { "disabled" } else { "enabled" },
        )
        .await?;
    Ok(redirect_with_flash(
        &format!("/admin/users/{id}"),
        "flash.saved",
        state.config.cookie_secure,
    ))
}
