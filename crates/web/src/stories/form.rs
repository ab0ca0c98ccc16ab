//! Writing a story: new and edit, one form. Its two buttons save a draft or
//! send it on: an employer's story to the region's staff, the region's own
//! story straight to the public (the staff are its reviewers).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::story::{SaveIntent, StoryStatus};
use serde::Deserialize;
use store::stories::{Story, StoryText};

use super::edit;
use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::i18n::Tr;
use crate::review_mail::{Reviewed, Reviewers};

/// Whose story it is: an employer's or a region's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    Org { org_id: i64, region_id: i64 },
    Region { region_id: i64 },
}

impl Author {
    fn value(&self) -> String {
        match self {
            Author::Org { org_id, .. } => format!("org:{org_id}"),
            Author::Region { region_id } => format!("region:{region_id}"),
        }
    }

    fn of(s: &Story) -> Author {
        match s.org_id {
            Some(org_id) => Author::Org {
                org_id,
                region_id: s.region_id,
            },
            None => Author::Region {
                region_id: s.region_id,
            },
        }
    }

    fn parts(&self) -> (i64, Option<i64>) {
        match *self {
            Author::Org { org_id, region_id } => (region_id, Some(org_id)),
            Author::Region { region_id } => (region_id, None),
        }
    }
}

/// One choice of the form's author select: (value, label, author).
pub struct AuthorChoice {
    pub value: String,
    pub label: String,
    pub author: Author,
}

/// The employers and regions the user may write for (403 when none). An
/// employer needs a region: its staff are the reviewers.
async fn authors(state: &AppState, c: &Ctx) -> Result<Vec<AuthorChoice>, AppError> {
    let p = c.require(&Action::WriteStories)?;
    let mut out = Vec::new();
    for org_id in p.admin_orgs() {
        let o = state.store.organization(org_id).await?;
        if let Some(region_id) = o.region_id {
            let author = Author::Org { org_id, region_id };
            out.push(AuthorChoice {
                value: author.value(),
                label: o.name.clone(),
                author,
            });
        }
    }
    // A platform admin writes for every region (the city's own stories).
    let region_ids = if p.is_platform_admin() {
        state
            .store
            .list_regions()
            .await?
            .iter()
            .map(|r| r.id)
            .collect()
    } else {
        p.staff_regions()
    };
    for region_id in region_ids {
        let r = state.store.region(region_id).await?;
        let author = Author::Region { region_id };
        out.push(AuthorChoice {
            value: author.value(),
            label: c.t.f1(
                "stories.author_region",
                "region",
                c.t.pick(&r.name_ja, &r.name_en),
            ),
            author,
        });
    }
    if out.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(out)
}

/// The form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StoryForm {
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub title_ja: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub summary_ja: String,
    #[serde(default)]
    pub summary_en: String,
    #[serde(default)]
    pub body_ja: String,
    #[serde(default)]
    pub body_en: String,
    #[serde(default)]
    pub intent: String,
}

pub const LABELS: forms::Labels = &[
    ("author", "stories.field.author"),
    ("title_ja", "stories.field.title_ja"),
    ("title_en", "stories.field.title_en"),
    ("summary_ja", "stories.field.summary_ja"),
    ("summary_en", "stories.field.summary_en"),
    ("body_ja", "stories.field.body_ja"),
    ("body_en", "stories.field.body_en"),
];

impl StoryForm {
    fn of(s: &Story) -> StoryForm {
        StoryForm {
            author: Author::of(s).value(),
            title_ja: s.title_ja.clone(),
            title_en: s.title_en.clone(),
            summary_ja: s.summary_ja.clone(),
            summary_en: s.summary_en.clone(),
            body_ja: s.body_ja.clone(),
            body_en: s.body_en.clone(),
            intent: String::new(),
        }
    }

    /// The text and what to do with it, or what is wrong with the form. A
    /// draft may be short; what is sent on needs its summary and body.
    pub fn parse(&self, t: &Tr) -> Result<(StoryText, SaveIntent), FieldErrors> {
        let mut errors = FieldErrors::labelled(LABELS);
        let intent = SaveIntent::parse(&self.intent).unwrap_or(SaveIntent::Draft);
        let sending = intent == SaveIntent::Submit;
        let text = StoryText {
            title_ja: forms::text(&mut errors, t, "title_ja", &self.title_ja, true, 120),
            title_en: forms::text(&mut errors, t, "title_en", &self.title_en, false, 200),
            summary_ja: forms::text(&mut errors, t, "summary_ja", &self.summary_ja, sending, 200),
            summary_en: forms::text(&mut errors, t, "summary_en", &self.summary_en, false, 400),
            body_ja: forms::text(&mut errors, t, "body_ja", &self.body_ja, sending, 8000),
            body_en: forms::text(&mut errors, t, "body_en", &self.body_en, false, 12000),
        };
        if errors.is_empty() {
            Ok((text, intent))
        } else {
            Err(errors)
        }
    }
}

#[derive(Template)]
#[template(path = "stories/form.html")]
struct FormPage {
    c: Ctx,
    story_id: Option<i64>,
    authors: Vec<AuthorChoice>,
    /// The status now (an edit) — a published employer's story leaves the
    /// public pages when sent again, and the form says so.
    status: Option<StoryStatus>,
    v: StoryForm,
    errors: FieldErrors,
}

impl FormPage {
    /// Whether every author the user may choose is a region: then the send
    /// button publishes.
    fn publishes(&self) -> bool {
        self.authors
            .iter()
            .all(|a| matches!(a.author, Author::Region { .. }))
    }

    /// The send button's words: publish (a region's story), send for review
    /// (an employer's), or both said when the user may write for either.
    fn send_key(&self) -> &'static str {
        if self.publishes() {
            "stories.publish"
        } else if self
            .authors
            .iter()
            .any(|a| matches!(a.author, Author::Region { .. }))
        {
            "stories.send_either"
        } else {
            "stories.send"
        }
    }

    fn was_published(&self) -> bool {
        self.status == Some(StoryStatus::Published)
    }
}

fn render_form(
    c: Ctx,
    story_id: Option<i64>,
    authors: Vec<AuthorChoice>,
    status: Option<StoryStatus>,
    v: StoryForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let code = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        story_id,
        authors,
        status,
        v,
        errors,
        c,
    };
    Ok((code, Html(page.render()?)).into_response())
}

pub(super) async fn new_form(State(state): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    let authors = authors(&state, &c).await?;
    let v = StoryForm {
        author: authors[0].value.clone(),
        ..StoryForm::default()
    };
    render_form(c, None, authors, None, v, FieldErrors::new())
}

/// The status a save leaves, with the flash that says so.
fn saved(state: &AppState, id: i64, text: &StoryText, status: StoryStatus) -> Response {
    let key = match status {
        StoryStatus::Published => "flash.story_published",
        StoryStatus::InReview => "flash.story_sent",
        _ => "flash.story_saved",
    };
    redirect_with_flash_args(
        &format!("/stories/{id}"),
        key,
        &[("title", &text.title_ja)],
        state.config.cookie_secure,
    )
}

/// Save the story; when it enters review (it was not waiting already), the
/// region's staff are asked by mail in the same transaction.
async fn write(
    state: &AppState,
    c: &Ctx,
    before: Option<&Story>,
    author: Author,
    text: &StoryText,
    intent: SaveIntent,
) -> Result<(i64, StoryStatus), AppError> {
    let (region_id, org_id) = author.parts();
    let status = StoryStatus::after_save(intent, org_id.is_none());
    let today = crate::today_jst().strftime("%Y-%m-%d").to_string();
    let entering =
        status == StoryStatus::InReview && before.is_none_or(|s| s.status != StoryStatus::InReview);
    // Only an employer's story is reviewed; the region's own is published.
    let reviewers =
        Reviewers::asked(&state.store, Some(region_id), entering && org_id.is_some()).await?;
    let org_name = match org_id.filter(|_| !reviewers.emails.is_empty()) {
        Some(org) => state.store.organization(org).await?.name,
        None => String::new(),
    };
    let base = crate::declarations::export::base_url(state);
    let id = state
        .store
        .save_story(
            before.map(|s| s.id),
            store::stories::StoryOwner { region_id, org_id },
            text,
            status,
            &today,
            &c.actor(),
            |id| {
                reviewers.requests(
                    Reviewed::Story,
                    &org_name,
                    &text.title_ja,
                    &format!("{base}/stories/{id}"),
                )
            },
        )
        .await?;
    Ok((id, status))
}

pub(super) async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Form(v): Form<StoryForm>,
) -> Result<Response, AppError> {
    let authors = authors(&state, &c).await?;
    let author = authors
        .iter()
        .find(|a| a.value == v.author.trim())
        .map(|a| a.author);
    match (author, v.parse(&c.t)) {
        (Some(author), Ok((text, intent))) => {
            let (id, status) = write(&state, &c, None, author, &text, intent).await?;
            Ok(saved(&state, id, &text, status))
        }
        (author, parsed) => {
            let mut errors = parsed
                .err()
                .unwrap_or_else(|| FieldErrors::labelled(LABELS));
            if author.is_none() {
                errors.add(&c.t, "author", "stories.error.author");
            }
            render_form(c, None, authors, None, v, errors)
        }
    }
}

/// The story `id` for who may change it: 404 to anyone else while it is not
/// public (it must not be known), 403 once it is.
async fn editable(state: &AppState, c: &Ctx, id: i64) -> Result<Story, AppError> {
    c.require(&Action::SignedIn)?;
    let s = state.store.story(id).await?;
    if !c.can(&edit(&s)) {
        return Err(if s.status == StoryStatus::Published {
            AppError::Forbidden
        } else {
            AppError::NotFound
        });
    }
    Ok(s)
}

/// The fixed author of an existing story, as the form shows it.
async fn author_of(state: &AppState, c: &Ctx, s: &Story) -> Result<Vec<AuthorChoice>, AppError> {
    let author = Author::of(s);
    let label = match (&s.org_name, author) {
        (Some(name), _) => name.clone(),
        (None, _) => {
            let r = state.store.region(s.region_id).await?;
            c.t.f1(
                "stories.author_region",
                "region",
                c.t.pick(&r.name_ja, &r.name_en),
            )
        }
    };
    Ok(vec![AuthorChoice {
        value: author.value(),
        label,
        author,
    }])
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let s = editable(&state, &c, id).await?;
    let authors = author_of(&state, &c, &s).await?;
    render_form(
        c,
        Some(id),
        authors,
        Some(s.status),
        StoryForm::of(&s),
        FieldErrors::new(),
    )
}

pub(super) async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(mut v): Form<StoryForm>,
) -> Result<Response, AppError> {
    let s = editable(&state, &c, id).await?;
    let authors = author_of(&state, &c, &s).await?;
    // The author of a story never changes, whatever the form says.
    v.author = authors[0].value.clone();
    match v.parse(&c.t) {
        Ok((text, intent)) => {
            let (id, status) = write(&state, &c, Some(&s), Author::of(&s), &text, intent).await?;
            Ok(saved(&state, id, &text, status))
        }
        Err(errors) => render_form(c, Some(id), authors, Some(s.status), v, errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_draft_needs_a_title_and_what_is_sent_needs_its_summary_and_body() {
        let t = Tr::new(Lang::Ja);
        let draft = StoryForm {
            title_ja: "朝メールで残業半減".into(),
            intent: "draft".into(),
            ..StoryForm::default()
        };
        let (text, intent) = draft.parse(&t).unwrap();
        assert_eq!(text.title_ja, "朝メールで残業半減");
        assert_eq!(intent, SaveIntent::Draft);
        let e = StoryForm {
            intent: "submit".into(),
            ..draft.clone()
        }
        .parse(&t)
        .unwrap_err();
        assert!(e.has("summary_ja") && e.has("body_ja") && !e.has("title_ja"));
        let e = StoryForm {
            title_ja: "あ".repeat(121),
            body_en: "a".repeat(12_001),
            ..draft
        }
        .parse(&t)
        .unwrap_err();
        assert!(e.has("title_ja") && e.has("body_en"));
    }
}
