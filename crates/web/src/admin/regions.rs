//! Regions: one installation serves several municipalities, each with its own home
//! page and review queue.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use store::regions::{NewRegion, Region};

use crate::AppState;
use crate::auth::{redirect_with_flash, redirect_with_flash_args};
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/regions", get(list).post(create))
        .route("/admin/regions/{code}", get(edit_form).post(update))
}

/// The region form's fields and their labels (for the error summary).
pub(super) const REGION_LABELS: forms::Labels = &[
    ("code", "region.code"),
    ("name_ja", "region.name_ja"),
    ("name_en", "region.name_en"),
    ("intro_ja", "region.intro_ja"),
    ("intro_en", "region.intro_en"),
    ("emblem", "region.emblem"),
    ("registration_retention_days", "region.retention_days"),
    ("inquiry_retention_days", "region.inquiry_retention_days"),
    ("open_data_licence", "region.licence"),
];

/// Editing one region (names, introductions, emblem): its staff or a platform admin.
pub(super) fn edit_region_action(region: &Region) -> Action {
    Action::EditRegion {
        region_id: region.id,
    }
}

#[derive(Default, Deserialize)]
pub(super) struct RegionForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_ja: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    intro_ja: String,
    #[serde(default)]
    intro_en: String,
    #[serde(default)]
    registration_retention_days: String,
    #[serde(default)]
    inquiry_retention_days: String,
    #[serde(default)]
    open_data_licence: String,
    /// The checkbox 「求人は市の確認後に公開する」: present when ticked.
    #[serde(default)]
    review_postings: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/regions.html")]
struct RegionsPage {
    c: Ctx,
    regions: Vec<Region>,
    v: RegionForm,
    errors: FieldErrors,
}

async fn list(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let page = RegionsPage {
        c,
        regions: state.store.list_regions().await?,
        v: RegionForm::default(),
        errors: FieldErrors::new(),
    };
    Ok(Html(page.render()?).into_response())
}

async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Form(v): Form<RegionForm>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let t = c.t;
    let mut errors = FieldErrors::labelled(REGION_LABELS);
    let code = match domain::LocalGovCode::parse(&v.code) {
        Ok(code) => Some(code),
        Err(e) => {
            errors.add(&t, "code", e.i18n_key());
            None
        }
    };
    let input = NewRegion {
        code: code
            .as_ref()
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
        prefecture: code
            .as_ref()
            .map(|c| c.prefecture_code().to_string())
            .unwrap_or_default(),
        name_ja: forms::text(&mut errors, &t, "name_ja", &v.name_ja, true, 50),
        name_en: forms::text(&mut errors, &t, "name_en", &v.name_en, true, 80),
        intro_ja: forms::text(&mut errors, &t, "intro_ja", &v.intro_ja, false, 2000),
        intro_en: forms::text(&mut errors, &t, "intro_en", &v.intro_en, false, 3000),
    };
    if errors.is_empty() {
        match state.store.create_region(&input).await {
            Ok(id) => {
                state
                    .store
                    .audit(&c.actor(), "create", "region", id, &input.code)
                    .await?;
                return Ok(redirect_with_flash(
                    "/admin/regions",
                    "flash.saved",
                    state.config.cookie_secure,
                ));
            }
            Err(store::Error::Conflict(_)) => errors.add(&t, "code", "region.code_taken"),
            Err(e) => return Err(e.into()),
        }
    }
    let page = RegionsPage {
        c,
        regions: state.store.list_regions().await?,
        v,
        errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

#[derive(Template)]
#[template(path = "admin/region_edit.html")]
struct RegionEditPage {
    c: Ctx,
    region: Region,
    v: RegionForm,
    errors: FieldErrors,
}

impl RegionEditPage {
    /// Platform admins came from the admin pages; region staff from their dashboard.
    fn opened_by_admin(&self) -> bool {
        self.c.can(&Action::AdministerPlatform)
    }
}

/// The edit page, with `v` as typed (None: the stored values).
pub(super) fn render_edit(
    c: Ctx,
    region: Region,
    v: Option<RegionForm>,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let v = v.unwrap_or_else(|| RegionForm {
        code: region.code.clone(),
        name_ja: region.name_ja.clone(),
        name_en: region.name_en.clone(),
        intro_ja: region.intro_ja.clone(),
        intro_en: region.intro_en.clone(),
        registration_retention_days: region.registration_retention_days.to_string(),
        inquiry_retention_days: region.inquiry_retention_days.to_string(),
        open_data_licence: region.licence().as_str().to_string(),
        review_postings: region.reviews_postings().then(|| "1".to_string()),
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = RegionEditPage {
        c,
        region,
        v,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let region = state.store.region_by_code(&code).await?;
    c.require(&edit_region_action(&region))?;
    render_edit(c, region, None, FieldErrors::new())
}

async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path(code): Path<String>,
    Form(v): Form<RegionForm>,
) -> Result<Response, AppError> {
    let region = state.store.region_by_code(&code).await?;
    c.require(&edit_region_action(&region))?;
    let t = c.t;
    let mut errors = FieldErrors::labelled(REGION_LABELS);
    let input = NewRegion {
        code: region.code.clone(),
        prefecture: region.prefecture.clone(),
        name_ja: forms::text(&mut errors, &t, "name_ja", &v.name_ja, true, 50),
        name_en: forms::text(&mut errors, &t, "name_en", &v.name_en, true, 80),
        intro_ja: forms::text(&mut errors, &t, "intro_ja", &v.intro_ja, false, 2000),
        intro_en: forms::text(&mut errors, &t, "intro_en", &v.intro_en, false, 3000),
    };
    // Left empty, a period stays as it was.
    let mut period = |field: &str, typed: &str, current: i64| {
        let days = if typed.trim().is_empty() {
            current
        } else {
            forms::count(&mut errors, &t, field, typed)
        };
        if !errors.has(field) && !(1..=3650).contains(&days) {
            errors.add(&t, field, "region.retention_range");
        }
        days
    };
    let retention = period(
        "registration_retention_days",
        &v.registration_retention_days,
        region.registration_retention_days,
    );
    let inquiry_retention = period(
        "inquiry_retention_days",
        &v.inquiry_retention_days,
        region.inquiry_retention_days,
    );
    // Left empty, the licence stays as it was.
    let licence = if v.open_data_licence.trim().is_empty() {
        Some(region.licence())
    } else {
        domain::licence::OpenDataLicence::parse(&v.open_data_licence)
    };
    if licence.is_none() {
        errors.add(&t, "open_data_licence", "region.licence_unknown");
    }
    if let (true, Some(licence)) = (errors.is_empty(), licence) {
        state
            .store
            .set_open_data_licence(region.id, licence)
            .await?;
        state.store.update_region(region.id, &input).await?;
        state
            .store
            .set_registration_retention_days(region.id, retention)
            .await?;
        state
            .store
            .set_inquiry_retention_days(region.id, inquiry_retention)
            .await?;
        state
            .store
            .set_review_postings(region.id, v.review_postings.is_some())
            .await?;
        state
            .store
            .audit(&c.actor(), "update", "region", region.id, &input.code)
            .await?;
        let back = if c.can(&Action::AdministerPlatform) {
            "/admin/regions".to_string()
        } else {
            format!("/admin/regions/{}", region.code)
        };
        return Ok(redirect_with_flash_args(
            &back,
            "flash.region_saved",
            &[("region", t.pick(&input.name_ja, &input.name_en))],
            state.config.cookie_secure,
        ));
    }
    render_edit(c, region, Some(v), errors)
}
