//! The declarations catalog: edit the texts and add declarations
//! (for example 勤務間インターバル宣言).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use store::declarations::{Declaration, DeclarationInput};

use crate::AppState;
use crate::auth::redirect_with_flash;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/declarations", get(list))
        .route("/admin/declarations/new", get(new_form).post(create))
        .route("/admin/declarations/{id}/edit", get(edit_form).post(update))
}

#[derive(Template)]
#[template(path = "admin/catalog.html")]
struct CatalogPage {
    c: Ctx,
    declarations: Vec<Declaration>,
}

async fn list(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let declarations = state.store.declarations().await?;
    Ok(Html(CatalogPage { c, declarations }.render()?).into_response())
}

/// The declaration form's fields and their labels (for the error summary).
const DECLARATION_LABELS: forms::Labels = &[
    ("slug", "catalog.slug"),
    ("title_ja", "catalog.title_ja"),
    ("title_en", "catalog.title_en"),
    ("text_ja", "catalog.text_ja"),
    ("text_en", "catalog.text_en"),
    ("position", "catalog.position"),
];

#[derive(Default, Deserialize)]
pub struct DeclarationForm {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title_ja: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    text_ja: String,
    #[serde(default)]
    text_en: String,
    #[serde(default)]
    has_childcare_figures: Option<String>,
    #[serde(default)]
    position: String,
}

impl DeclarationForm {
    fn from(d: &Declaration) -> DeclarationForm {
        DeclarationForm {
            slug: d.slug.clone(),
            title_ja: d.title_ja.clone(),
            title_en: d.title_en.clone(),
            text_ja: d.text_ja.clone(),
            text_en: d.text_en.clone(),
            has_childcare_figures: (d.has_childcare_figures != 0).then(|| "on".into()),
            position: d.position.to_string(),
        }
    }

    fn validate(&self, c: &Ctx, errors: &mut FieldErrors) -> DeclarationInput {
        let t = &c.t;
        let slug = forms::text(errors, t, "slug", &self.slug, true, 60).to_ascii_lowercase();
        if !slug.is_empty()
            && !slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            errors.add(t, "slug", "catalog.slug_format");
        }
        DeclarationInput {
            slug,
            title_ja: forms::text(errors, t, "title_ja", &self.title_ja, true, 100),
            title_en: forms::text(errors, t, "title_en", &self.title_en, true, 150),
            text_ja: forms::text(errors, t, "text_ja", &self.text_ja, true, 2000),
            text_en: forms::text(errors, t, "text_en", &self.text_en, true, 3000),
            has_childcare_figures: self.has_childcare_figures.is_some(),
            position: if self.position.trim().is_empty() {
                0
            } else {
                forms::count(errors, t, "position", &self.position)
            },
        }
    }
}

#[derive(Template)]
#[template(path = "admin/declaration_form.html")]
struct FormPage {
    c: Ctx,
    id: Option<i64>,
    v: DeclarationForm,
    errors: FieldErrors,
}

async fn new_form(c: Ctx) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let page = FormPage {
        c,
        id: None,
        v: DeclarationForm::default(),
        errors: FieldErrors::new(),
    };
    Ok(Html(page.render()?).into_response())
}

async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let d = state.store.declaration(id).await?;
    let page = FormPage {
        c,
        id: Some(id),
        v: DeclarationForm::from(&d),
        errors: FieldErrors::new(),
    };
    Ok(Html(page.render()?).into_response())
}

async fn save(
    state: &AppState,
    c: Ctx,
    id: Option<i64>,
    v: DeclarationForm,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    let mut errors = FieldErrors::labelled(DECLARATION_LABELS);
    let input = v.validate(&c, &mut errors);
    if errors.is_empty() {
        let result = match id {
            Some(id) => state.store.update_declaration(id, &input).await.map(|_| id),
            None => state.store.create_declaration(&input).await,
        };
        match result {
            Ok(saved) => {
                let action = if id.is_some() { "update" } else { "create" };
                state
                    .store
                    .audit(&c.actor(), action, "declaration", saved, &input.slug)
                    .await?;
                return Ok(redirect_with_flash(
                    "/admin/declarations",
                    "flash.saved",
                    state.config.cookie_secure,
                ));
            }
            Err(store::Error::Conflict(_)) => errors.add(&c.t, "slug", "catalog.slug_taken"),
            Err(e) => return Err(e.into()),
        }
    }
    let page = FormPage { c, id, v, errors };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Form(v): Form<DeclarationForm>,
) -> Result<Response, AppError> {
    save(&state, c, None, v).await
}

async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(v): Form<DeclarationForm>,
) -> Result<Response, AppError> {
    c.require(&Action::AdministerPlatform)?;
    state.store.declaration(id).await?;
    save(&state, c, Some(id), v).await
}

/// The label key of a multi-line text field of the declaration form.
pub fn label_key(field: &str) -> &'static str {
    if field == "text_en" {
        "catalog.text_en"
    } else {
        "catalog.text_ja"
    }
}

/// The value of a multi-line text field of the declaration form.
pub fn value<'a>(v: &'a DeclarationForm, field: &str) -> &'a str {
    if field == "text_en" {
        &v.text_en
    } else {
        &v.text_ja
    }
}
