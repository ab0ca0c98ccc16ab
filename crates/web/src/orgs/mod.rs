//! An organization's own pages: its workspace (declarations and their review
//! status), declaring, typing its yearly childcare-leave figures, editing its
//! profile; and creating organizations (platform admins and region staff).

mod figures;
mod invite;
pub mod logo;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use store::declarations::{Declaration, Signing, SigningInput};
use store::org_changes::PublicFields;
use store::orgs::{Organization, OrganizationInput};
use store::regions::Region;

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/new", get(new_org_form).post(create_org))
        .route("/orgs/{id}", get(workspace))
        .route("/orgs/{id}/edit", get(edit_form).post(update_org))
        .route("/orgs/{id}/declare", get(declare_form).post(declare))
        .merge(figures::routes())
        .merge(invite::routes())
}

fn view_action(org: &Organization) -> Action {
    Action::ViewOrganization {
        org_id: org.id,
        region_id: org.region_id,
    }
}

fn edit_action(org: &Organization) -> Action {
    Action::EditOrganization {
        org_id: org.id,
        region_id: org.region_id,
    }
}

/// The declaration form's fields and their labels (for the error summary).
const DECLARE_LABELS: forms::Labels = &[
    ("declaration_id", "declare.declaration"),
    ("declared_on", "declare.declared_on"),
    ("representative_title", "declare.representative_title"),
    ("representative_name", "declare.representative_name"),
    ("message", "declare.message"),
    ("logo", "declare.logo"),
];

const PROFILE_LABELS: forms::Labels = &[
    ("name", "org.name"),
    ("kana", "org.kana"),
    ("org_type", "org.type"),
    ("region", "org.region"),
    ("prefecture", "org.prefecture"),
    ("corporate_number", "org.corporate_number"),
    ("industry", "org.industry"),
    ("employee_band", "org.employee_band"),
    ("address", "org.address"),
    ("website", "org.website"),
];

// ---------------------------------------------------------------- workspace

#[derive(Template)]
#[template(path = "orgs/workspace.html")]
struct WorkspacePage {
    c: Ctx,
    org: Organization,
    signings: Vec<Signing>,
    can_declare: bool,
    /// Reads and answers job seekers' inquiries (its admins alone).
    can_answer: bool,
    can_edit: bool,
    has_approved: bool,
    /// Public fields waiting for review (shown to who may edit).
    pending: Option<store::org_changes::OrgChange>,
    /// The org admin's switch: show the aggregates to the region's staff.
    can_choose_sharing: bool,
    can_invite: bool,
    /// Writes their own 朝メール・夜メール here (its admins and members).
    can_write_daily: bool,
}

async fn workspace(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let org = c.org_for(&state.store, id, view_action).await?;
    let signings = state.store.signings_of_org(id).await?;
    let can_edit = c.can(&edit_action(&org));
    let pending = if can_edit {
        state.store.pending_org_change(id).await?
    } else {
        None
    };
    let page = WorkspacePage {
        pending,
        can_declare: c.can(&Action::DeclareForOrganization { org_id: id }),
        can_answer: c.can(&Action::AnswerInquiries { org_id: id }),
        can_edit,
        has_approved: signings.iter().any(|s| s.status == "approved"),
        can_choose_sharing: org.region_id.is_some()
            && c.can(&Action::ChooseRegionSharing { org_id: id }),
        can_invite: c.can(&invite::invite_action(&org)),
        can_write_daily: c.can(&Action::WriteDailyPlan { org_id: id }),
        c,
        org,
        signings,
    };
    Ok(Html(page.render()?).into_response())
}

// ---------------------------------------------------------------- declare

#[derive(Template)]
#[template(path = "orgs/declare.html")]
struct DeclarePage {
    c: Ctx,
    org: Organization,
    /// Declarations the organization can still declare (not pending or approved).
    open: Vec<Declaration>,
    v: DeclareValues,
    errors: FieldErrors,
}

#[derive(Default)]
struct DeclareValues {
    declaration_id: String,
    declared_on: String,
    representative_name: String,
    representative_title: String,
    message: String,
}

async fn open_declarations(state: &AppState, org_id: i64) -> Result<Vec<Declaration>, AppError> {
    let taken: Vec<i64> = state
        .store
        .signings_of_org(org_id)
        .await?
        .into_iter()
        .filter(|s| s.status != "rejected")
        .map(|s| s.declaration_id)
        .collect();
    Ok(state
        .store
        .declarations()
        .await?
        .into_iter()
        .filter(|d| !taken.contains(&d.id))
        .collect())
}

#[derive(Deserialize)]
struct DeclareQuery {
    #[serde(default)]
    declaration: String,
}

async fn declare_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<DeclareQuery>,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await?;
    let open = open_declarations(&state, id).await?;
    let v = DeclareValues {
        declaration_id: open
            .iter()
            .find(|d| d.slug == q.declaration)
            .map(|d| d.id.to_string())
            .unwrap_or_default(),
        declared_on: crate::today_jst().to_string(),
        ..DeclareValues::default()
    };
    let page = DeclarePage {
        c,
        org,
        open,
        v,
        errors: FieldErrors::new(),
    };
    Ok(Html(page.render()?).into_response())
}

async fn declare(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let org = c
        .org_for(&state.store, id, |o| Action::DeclareForOrganization {
            org_id: o.id,
        })
        .await?;
    let p = c
        .require(&Action::DeclareForOrganization { org_id: org.id })?
        .clone();
    let mut v = DeclareValues::default();
    let mut logo: Option<Vec<u8>> = None;
    let mut errors = FieldErrors::labelled(DECLARE_LABELS);
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or("").to_string();
        if name == "logo" {
            let bytes = field.bytes().await?;
            if !bytes.is_empty() {
                logo = Some(bytes.to_vec());
            }
            continue;
        }
        let text = forms::field_text(field).await?;
        match name.as_str() {
            "declaration_id" => v.declaration_id = text,
            "declared_on" => v.declared_on = text,
            "representative_name" => v.representative_name = text,
            "representative_title" => v.representative_title = text,
            "message" => v.message = text,
            _ => {}
        }
    }
    let t = c.t;
    let open = open_declarations(&state, id).await?;
    let declaration = open
        .iter()
        .find(|d| d.id.to_string() == v.declaration_id.trim());
    if declaration.is_none() {
        errors.add(&t, "declaration_id", "declare.choose_declaration");
    }
    let date = forms::date(&mut errors, &t, "declared_on", &v.declared_on);
    if let Some(d) = date {
        let today = crate::today_jst();
        if d < jiff::civil::date(2000, 1, 1)
            || d > today
                .checked_add(jiff::Span::new().days(90))
                .unwrap_or(today)
        {
            errors.add(&t, "declared_on", "declare.date_range");
        }
    }
    let name = forms::text(
        &mut errors,
        &t,
        "representative_name",
        &v.representative_name,
        true,
        100,
    );
    let title = forms::text(
        &mut errors,
        &t,
        "representative_title",
        &v.representative_title,
        true,
        100,
    );
    let message = forms::text(&mut errors, &t, "message", &v.message, true, 1000);
    let logo = match logo {
        Some(bytes) => match logo::accept(&bytes, state.config.max_logo_bytes) {
            Ok(ok) => Some(ok),
            Err(key) => {
                errors.add(&t, "logo", key);
                None
            }
        },
        None => None,
    };
    if !errors.is_empty() {
        let page = DeclarePage {
            c,
            org,
            open,
            v,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
    }
    let (Some(declaration), Some(date)) = (declaration, date) else {
        return Err(AppError::Internal("validated values missing".into()));
    };
    let logo_upload_id = match logo {
        Some((content_type, bytes)) => Some(
            state
                .store
                .save_upload(content_type, &bytes, Some(p.user_id))
                .await?,
        ),
        None => None,
    };
    let signing_id = state
        .store
        .submit_signing(&SigningInput {
            declaration_id: declaration.id,
            org_id: id,
            declared_on: date.to_string(),
            representative_name: name,
            representative_title: title,
            message,
            logo_upload_id,
            submitted_by: Some(p.user_id),
        })
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            "create",
            "signing",
            signing_id,
            &declaration.slug,
        )
        .await?;
    let org = state.store.organization(id).await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{id}"),
        "flash.declared",
        &[
            ("org", &org.name),
            (
                "declaration",
                c.t.pick(&declaration.title_ja, &declaration.title_en),
            ),
        ],
        state.config.cookie_secure,
    ))
}

// ---------------------------------------------------------------- profile

#[derive(Template)]
#[template(path = "orgs/profile_form.html")]
struct ProfilePage {
    c: Ctx,
    /// None when creating.
    org_id: Option<i64>,
    v: ProfileForm,
    errors: FieldErrors,
    regions: Vec<Region>,
    /// Type, region and prefecture can be set only when creating.
    creating: bool,
}

#[derive(Default, Deserialize, Clone)]
pub struct ProfileForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kana: String,
    #[serde(default)]
    org_type: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    prefecture: String,
    #[serde(default)]
    corporate_number: String,
    #[serde(default)]
    industry: String,
    #[serde(default)]
    employee_band: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    website: String,
}

impl ProfileForm {
    fn from_org(o: &Organization, regions: &[Region]) -> ProfileForm {
        ProfileForm {
            name: o.name.clone(),
            kana: o.kana.clone(),
            org_type: o.org_type.clone(),
            region: o
                .region_id
                .and_then(|id| regions.iter().find(|r| r.id == id))
                .map(|r| r.code.clone())
                .unwrap_or_default(),
            prefecture: o.prefecture.clone(),
            corporate_number: o.corporate_number.clone().unwrap_or_default(),
            industry: o.industry.clone().unwrap_or_default(),
            employee_band: o.employee_band.clone().unwrap_or_default(),
            address: o.address.clone(),
            website: o.website.clone(),
        }
    }

    /// Validate into store input. Unknown region codes are an error; a region fixes
    /// the prefecture.
    fn validate(
        &self,
        t: &crate::i18n::Tr,
        regions: &[Region],
        errors: &mut FieldErrors,
    ) -> OrganizationInput {
        let name = forms::text(errors, t, "name", &self.name, true, 200);
        let kana = forms::text(errors, t, "kana", &self.kana, false, 200);
        let org_type = match domain::OrgType::parse(&self.org_type) {
            Ok(o) => o.as_str().to_string(),
            Err(e) => {
                errors.add(t, "org_type", e.i18n_key());
                String::new()
            }
        };
        let region = if self.region.trim().is_empty() {
            None
        } else {
            let r = regions.iter().find(|r| r.code == self.region.trim());
            if r.is_none() {
                errors.add(t, "region", "org.unknown_region");
            }
            r
        };
        let prefecture = match region {
            Some(r) => r.prefecture.clone(),
            None => match domain::Prefecture::parse(&self.prefecture) {
                Ok(p) => p.as_str().to_string(),
                Err(e) => {
                    errors.add(t, "prefecture", e.i18n_key());
                    String::new()
                }
            },
        };
        let corporate_number = if self.corporate_number.trim().is_empty() {
            None
        } else {
            match domain::CorporateNumber::parse(&self.corporate_number) {
                Ok(n) => Some(n.as_str().to_string()),
                Err(e) => {
                    errors.add(t, "corporate_number", e.i18n_key());
                    None
                }
            }
        };
        let industry = if self.industry.trim().is_empty() {
            None
        } else {
            match domain::Industry::parse(&self.industry) {
                Ok(i) => Some(i.as_str().to_string()),
                Err(e) => {
                    errors.add(t, "industry", e.i18n_key());
                    None
                }
            }
        };
        let employee_band = if self.employee_band.trim().is_empty() {
            None
        } else {
            match domain::EmployeeBand::parse(&self.employee_band) {
                Ok(b) => Some(b.as_str().to_string()),
                Err(e) => {
                    errors.add(t, "employee_band", e.i18n_key());
                    None
                }
            }
        };
        OrganizationInput {
            name,
            kana,
            org_type,
            region_id: region.map(|r| r.id),
            prefecture,
            corporate_number,
            industry,
            employee_band,
            address: forms::text(errors, t, "address", &self.address, false, 300),
            website: forms::url(errors, t, "website", &self.website),
        }
    }
}

async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let org = c.org_for(&state.store, id, edit_action).await?;
    let regions = state.store.list_regions().await?;
    let page = ProfilePage {
        c,
        org_id: Some(id),
        v: ProfileForm::from_org(&org, &regions),
        errors: FieldErrors::new(),
        regions,
        creating: false,
    };
    Ok(Html(page.render()?).into_response())
}

async fn update_org(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(mut v): Form<ProfileForm>,
) -> Result<Response, AppError> {
    let org = c.org_for(&state.store, id, edit_action).await?;
    let regions = state.store.list_regions().await?;
    // Type and place are fixed after creation: they decide who reviews the organization.
    let fixed = ProfileForm::from_org(&org, &regions);
    v.org_type = fixed.org_type;
    v.region = fixed.region;
    v.prefecture = fixed.prefecture;
    let mut errors = FieldErrors::labelled(PROFILE_LABELS);
    let mut input = v.validate(&c.t, &regions, &mut errors);
    // Once the organization is public, what the public sees (name, kana,
    // address, website) changes only after review: its own admin's edits of
    // those fields wait for region staff; the reviewers' own edits apply.
    let proposed = public_fields(&input);
    let approved = public_fields_of(&org);
    let needs_review = errors.is_empty()
        && proposed != approved
        && !c.can(&Action::ReviewSigning {
            region_id: org.region_id,
        })
        && !state.store.registry_entries_of_org(id).await?.is_empty();
    if needs_review {
        input.name = approved.name.clone();
        input.kana = approved.kana.clone();
        input.address = approved.address.clone();
        input.website = approved.website.clone();
    }
    if errors.is_empty() {
        match state.store.update_organization(id, &input).await {
            Ok(()) => {
                let (flash, name) = if needs_review {
                    let change = state
                        .store
                        .propose_org_change(id, &proposed, c.user.as_ref().map(|u| u.user_id))
                        .await?;
                    state
                        .store
                        .audit(
                            &c.actor(),
                            "propose",
                            "organization_change",
                            change,
                            &change_detail(id, &approved, &proposed),
                        )
                        .await?;
                    ("flash.change_pending", approved.name.clone())
                } else {
                    let detail = if proposed == approved {
                        input.name.clone()
                    } else {
                        change_detail(id, &approved, &proposed)
                    };
                    state
                        .store
                        .audit(&c.actor(), "update", "organization", id, &detail)
                        .await?;
                    ("flash.org_saved", input.name.clone())
                };
                return Ok(redirect_with_flash_args(
                    &format!("/orgs/{id}"),
                    flash,
                    &[("org", &name)],
                    state.config.cookie_secure,
                ));
            }
            Err(store::Error::Conflict(_)) => {
                errors.add(&c.t, "corporate_number", "org.corporate_number_taken")
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = ProfilePage {
        c,
        org_id: Some(id),
        v,
        errors,
        regions,
        creating: false,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

fn public_fields(o: &OrganizationInput) -> PublicFields {
    PublicFields {
        name: o.name.clone(),
        kana: o.kana.clone(),
        address: o.address.clone(),
        website: o.website.clone(),
    }
}

fn public_fields_of(o: &Organization) -> PublicFields {
    PublicFields {
        name: o.name.clone(),
        kana: o.kana.clone(),
        address: o.address.clone(),
        website: o.website.clone(),
    }
}

/// The audit detail of a change of public fields: each changed field, old → new.
pub(crate) fn change_detail(org_id: i64, old: &PublicFields, new: &PublicFields) -> String {
    let mut parts = vec![format!("org {org_id}")];
    for (field, a, b) in [
        ("name", &old.name, &new.name),
        ("kana", &old.kana, &new.kana),
        ("address", &old.address, &new.address),
        ("website", &old.website, &new.website),
    ] {
        if a != b {
            parts.push(format!("{field}: {a:?} → {b:?}"));
        }
    }
    parts.join("; ")
}

async fn new_org_form(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let p = c.require(&Action::SignedIn)?;
    if !p.is_platform_admin() && p.staff_regions().is_empty() {
        return Err(AppError::Forbidden);
    }
    let regions = state.store.list_regions().await?;
    let default_region = regions
        .iter()
        .find(|r| p.staff_regions().contains(&r.id))
        .map(|r| r.code.clone())
        .unwrap_or_default();
    let page = ProfilePage {
        c,
        org_id: None,
        v: ProfileForm {
            org_type: "company".into(),
            region: default_region,
            ..ProfileForm::default()
        },
        errors: FieldErrors::new(),
        regions,
        creating: true,
    };
    Ok(Html(page.render()?).into_response())
}

async fn create_org(
    State(state): State<AppState>,
    c: Ctx,
    Form(v): Form<ProfileForm>,
) -> Result<Response, AppError> {
    c.require(&Action::SignedIn)?;
    let regions = state.store.list_regions().await?;
    let mut errors = FieldErrors::labelled(PROFILE_LABELS);
    let input = v.validate(&c.t, &regions, &mut errors);
    c.require(&Action::CreateOrganization {
        region_id: input.region_id,
    })?;
    if errors.is_empty() {
        match state.store.create_organization(&input).await {
            Ok(id) => {
                state
                    .store
                    .audit(&c.actor(), "create", "organization", id, &input.name)
                    .await?;
                return Ok(redirect_with_flash_args(
                    &format!("/orgs/{id}"),
                    "flash.org_created",
                    &[("org", &input.name)],
                    state.config.cookie_secure,
                ));
            }
            Err(store::Error::Conflict(_)) => {
                errors.add(&c.t, "corporate_number", "org.corporate_number_taken")
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = ProfilePage {
        c,
        org_id: None,
        v,
        errors,
        regions,
        creating: true,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}
