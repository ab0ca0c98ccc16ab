//! The organization's own form for its profile, `/orgs/{id}/workplace`: the
//! introduction, the measures, 年間休日数 and the photos. Sending it proposes
//! the profile; the public sees it once the region's staff approved it.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::workplace::{HeldCertification, Measure, parse_annual_holidays};
use store::workplaces::{NewPhoto, ProfilePhoto, ProfileProposal, ProfileText, Workplace};

use super::{ChoiceView, DESCRIPTION_MAX, certification_views, measure_views, photo};
use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::i18n::Tr;

/// Most photos a profile shows.
pub const MAX_PHOTOS: usize = 6;
/// Most photos uploaded with one proposal.
pub const MAX_NEW_PHOTOS: usize = 3;
/// Largest photo file accepted (a phone's photo is 2–6 MB).
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;
/// The form's body limit: the new photos and the text around them.
pub const MAX_FORM_BYTES: usize = MAX_NEW_PHOTOS * MAX_PHOTO_BYTES + 256 * 1024;
/// Longest alternative text of a photo, in characters.
pub const ALT_MAX: usize = 200;

/// A photo the form lists: kept unless `remove` is ticked.
#[derive(Debug, Clone, Default)]
pub struct PhotoField {
    pub id: i64,
    pub alt: String,
    pub remove: bool,
    pub width: u32,
    pub height: u32,
}

/// The form as posted: `description`, `annual_holidays`, one `measure` and one
/// `certification` pair per ticked box, one `photo` per listed photo (with `photo_alt_{id}` and
/// `photo_remove_{id}`), and `new_photo` files with one `new_photo_alt`.
#[derive(Debug, Clone, Default)]
pub struct ProfileForm {
    pub description: String,
    pub annual_holidays: String,
    pub measures: Vec<String>,
    pub certifications: Vec<String>,
    pub photos: Vec<PhotoField>,
    pub new_photo_alt: String,
}

pub const LABELS: forms::Labels = &[
    ("description", "workplace.field.description"),
    ("measures", "workplace.field.measures"),
    ("annual_holidays", "workplace.field.holidays"),
    ("certifications", "workplace.field.certifications"),
    ("photos", "workplace.field.photos"),
    ("new_photo", "workplace.field.new_photo"),
];

impl ProfileForm {
    fn of(p: &ProfileText) -> ProfileForm {
        ProfileForm {
            description: p.description.clone(),
            annual_holidays: p.annual_holidays.map(|d| d.to_string()).unwrap_or_default(),
            measures: p.measures.iter().map(|m| m.as_str().to_string()).collect(),
            certifications: p
                .certifications
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
            photos: p
                .photos
                .iter()
                .map(|ph| PhotoField {
                    id: ph.id,
                    alt: ph.alt.clone(),
                    remove: false,
                    width: ph.width,
                    height: ph.height,
                })
                .collect(),
            new_photo_alt: String::new(),
        }
    }

    /// The profile to propose (its photos: those kept, in order, by id and
    /// alternative text), or what is wrong with the form. `new_photos` is how
    /// many photos come with it.
    pub fn parse(&self, t: &Tr, new_photos: usize) -> Result<ProfileText, FieldErrors> {
        let mut errors = FieldErrors::labelled(LABELS);
        let description = forms::text(
            &mut errors,
            t,
            "description",
            &self.description.replace("\r\n", "\n"),
            true,
            DESCRIPTION_MAX,
        );
        let mut measures = Vec::new();
        for code in &self.measures {
            match Measure::parse(code) {
                Some(m) => measures.push(m),
                None => {
                    errors.add(t, "measures", "workplace.error.measure");
                    break;
                }
            }
        }
        if self.measures.len() > Measure::ALL.len() * 2 {
            errors.add(t, "measures", "workplace.error.measure");
        }
        let mut certifications = Vec::new();
        for code in &self.certifications {
            match HeldCertification::parse(code) {
                Some(c) => certifications.push(c),
                None => {
                    errors.add(t, "certifications", "workplace.error.certification");
                    break;
                }
            }
        }
        if self.certifications.len() > HeldCertification::ALL.len() * 2 {
            errors.add(t, "certifications", "workplace.error.certification");
        }
        let annual_holidays = match parse_annual_holidays(&self.annual_holidays) {
            Ok(h) => h,
            Err(e) => {
                errors.add(t, "annual_holidays", e.i18n_key());
                None
            }
        };
        let mut photos = Vec::new();
        for p in self.photos.iter().filter(|p| !p.remove) {
            let alt = p.alt.trim();
            if alt.chars().count() > ALT_MAX {
                errors.add(t, "photos", "workplace.error.photo_alt");
            }
            photos.push(ProfilePhoto {
                id: p.id,
                alt: alt.to_string(),
                width: p.width,
                height: p.height,
            });
        }
        if self.new_photo_alt.trim().chars().count() > ALT_MAX {
            errors.add(t, "new_photo", "workplace.error.photo_alt");
        }
        if new_photos > MAX_NEW_PHOTOS {
            errors.add(t, "new_photo", "workplace.error.too_many_new_photos");
        } else if photos.len() + new_photos > MAX_PHOTOS {
            errors.add(t, "new_photo", "workplace.error.too_many_photos");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        measures.sort();
        measures.dedup();
        certifications.sort();
        certifications.dedup();
        Ok(ProfileText {
            description,
            measures,
            annual_holidays,
            photos,
            certifications,
        })
    }

    fn ticked(&self) -> Vec<Measure> {
        self.measures
            .iter()
            .filter_map(|c| Measure::parse(c))
            .collect()
    }

    fn ticked_certifications(&self) -> Vec<HeldCertification> {
        self.certifications
            .iter()
            .filter_map(|c| HeldCertification::parse(c))
            .collect()
    }
}

/// The form and its uploaded files, read from the multipart body. Photos
/// listed twice count once; more than the form can show is refused as hostile.
async fn read_form(mut multipart: Multipart) -> Result<(ProfileForm, Vec<Vec<u8>>), AppError> {
    let mut v = ProfileForm::default();
    let mut order: Vec<i64> = Vec::new();
    let mut alts: Vec<(i64, String)> = Vec::new();
    let mut removed: Vec<i64> = Vec::new();
    let mut files = Vec::new();
    let photo_id = |s: &str| -> Result<i64, AppError> {
        s.trim()
            .parse()
            .map_err(|_| AppError::BadRequest("a photo is named by its number".into()))
    };
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or("").to_string();
        if name == "new_photo" {
            let bytes = field.bytes().await?;
            // A file input left empty still sends a part with no bytes.
            if !bytes.is_empty() {
                files.push(bytes.to_vec());
            }
            if files.len() > MAX_NEW_PHOTOS + 1 {
                return Err(AppError::BadRequest("too many photos".into()));
            }
            continue;
        }
        let text = forms::field_text(field).await?;
        match name.as_str() {
            "description" => v.description = text,
            "annual_holidays" => v.annual_holidays = text,
            "measure" => v.measures.push(text),
            "certification" => v.certifications.push(text),
            "new_photo_alt" => v.new_photo_alt = text,
            "photo" => {
                let id = photo_id(&text)?;
                if !order.contains(&id) {
                    order.push(id);
                }
            }
            other => {
                if let Some(id) = other.strip_prefix("photo_alt_") {
                    alts.push((photo_id(id)?, text));
                } else if let Some(id) = other.strip_prefix("photo_remove_") {
                    removed.push(photo_id(id)?);
                }
            }
        }
        if v.measures.len() > Measure::ALL.len() * 4
            || v.certifications.len() > HeldCertification::ALL.len() * 4
        {
            return Err(AppError::BadRequest("too many boxes ticked".into()));
        }
        if order.len() > MAX_PHOTOS * 2 || alts.len() > MAX_PHOTOS * 2 {
            return Err(AppError::BadRequest("too many photos".into()));
        }
    }
    v.photos = order
        .into_iter()
        .map(|id| PhotoField {
            id,
            alt: alts
                .iter()
                .rev()
                .find(|(i, _)| *i == id)
                .map(|(_, a)| a.clone())
                .unwrap_or_default(),
            remove: removed.contains(&id),
            ..PhotoField::default()
        })
        .collect();
    Ok((v, files))
}

/// A listed photo as the form shows it: its thumbnail.
pub struct PhotoRow {
    pub f: PhotoField,
    pub src: String,
}

#[derive(Template)]
#[template(path = "workplaces/form.html")]
struct FormPage {
    c: Ctx,
    org_id: i64,
    org_name: String,
    published: Option<Workplace>,
    pending: Option<ProfileProposal>,
    measures: Vec<ChoiceView>,
    certifications: Vec<ChoiceView>,
    photos: Vec<PhotoRow>,
    v: ProfileForm,
    errors: FieldErrors,
    max_photos: usize,
    max_new_photos: usize,
    max_photo_mb: usize,
}

async fn render_form(
    state: &AppState,
    c: Ctx,
    org: store::orgs::Organization,
    v: Option<ProfileForm>,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let published = state.store.workplace(org.id).await?;
    let pending = state.store.pending_workplace_proposal(org.id).await?;
    let mut v = v.unwrap_or_else(|| match (&pending, &published) {
        (Some(p), _) => ProfileForm::of(&p.proposed),
        (None, Some(w)) => ProfileForm::of(&w.profile),
        (None, None) => ProfileForm::default(),
    });
    // A posted form names its photos by id only: their sizes come from the
    // profile or proposal that listed them, and an id in neither is dropped.
    let known: Vec<&ProfilePhoto> = pending
        .iter()
        .flat_map(|p| &p.proposed.photos)
        .chain(published.iter().flat_map(|w| &w.profile.photos))
        .collect();
    v.photos
        .retain_mut(|f| match known.iter().find(|k| k.id == f.id) {
            Some(k) => {
                f.width = k.width;
                f.height = k.height;
                true
            }
            None => false,
        });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let photos = v
        .photos
        .iter()
        .map(|f| PhotoRow {
            src: super::photo_src(org.id, f.id, true),
            f: f.clone(),
        })
        .collect();
    let page = FormPage {
        measures: measure_views(&c.t, &v.ticked()),
        certifications: certification_views(&c.t, &v.ticked_certifications()),
        org_id: org.id,
        org_name: org.name,
        published,
        pending,
        photos,
        v,
        errors,
        max_photos: MAX_PHOTOS,
        max_new_photos: MAX_NEW_PHOTOS,
        max_photo_mb: MAX_PHOTO_BYTES / (1024 * 1024),
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
) -> Result<Response, AppError> {
    let org = c.org_for_admin(&state.store, org_id).await?;
    render_form(&state, c, org, None, FieldErrors::new()).await
}

pub async fn propose(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let org = c.org_for_admin(&state.store, org_id).await?;
    let (v, files) = read_form(multipart).await?;
    let profile = match v.parse(&c.t, files.len()) {
        Ok(p) => p,
        Err(errors) => return render_form(&state, c, org, Some(v), errors).await,
    };
    let alt = v.new_photo_alt.trim().to_string();
    let mut new_photos = Vec::with_capacity(files.len());
    for bytes in files {
        match photo::accept(bytes, MAX_PHOTO_BYTES).await {
            Ok(photo) => new_photos.push(NewPhoto {
                photo,
                alt: alt.clone(),
            }),
            Err(key) => {
                let mut errors = FieldErrors::labelled(LABELS);
                errors.add(&c.t, "new_photo", key);
                return render_form(&state, c, org, Some(v), errors).await;
            }
        }
    }
    let by = c.user.as_ref().map(|u| u.user_id);
    let id = state
        .store
        .propose_workplace_profile(org_id, &profile, &new_photos, by)
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            "proposed",
            "workplace_profile",
            id,
            &serde_json::json!({
                "org_id": org_id,
                "measures": Measure::join(&profile.measures),
                "certifications": HeldCertification::join(&profile.certifications),
                "annual_holidays": profile.annual_holidays,
                "photos": profile.photos.len() + new_photos.len(),
            })
            .to_string(),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/orgs/{org_id}/workplace"),
        "flash.workplace_proposed",
        &[],
        state.config.cookie_secure,
    ))
}

pub async fn withdraw(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<i64>,
) -> Result<Response, AppError> {
    c.org_for_admin(&state.store, org_id).await?;
    if state.store.withdraw_workplace(org_id).await? {
        state
            .store
            .audit(
                &c.actor(),
                "withdrawn",
                "workplace_profile",
                org_id,
                &serde_json::json!({ "org_id": org_id }).to_string(),
            )
            .await?;
    }
    Ok(redirect_with_flash_args(
        &format!("/orgs/{org_id}/workplace"),
        "flash.workplace_withdrawn",
        &[],
        state.config.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn form(description: &str, holidays: &str, measures: &[&str]) -> ProfileForm {
        ProfileForm {
            description: description.into(),
            annual_holidays: holidays.into(),
            measures: measures.iter().map(|m| m.to_string()).collect(),
            ..ProfileForm::default()
        }
    }

    #[test]
    fn the_form_keeps_the_vocabulary_and_bounds() {
        let t = Tr::new(Lang::Ja);
        let p = form(
            "相馬の化学メーカーです。\r\n\r\n残業の少ない職場です。",
            "１２０",
            &["two_days_off", "telework", "telework"],
        )
        .parse(&t, 0)
        .unwrap();
        assert_eq!(
            p.description,
            "相馬の化学メーカーです。\n\n残業の少ない職場です。"
        );
        assert_eq!(p.measures, vec![Measure::Telework, Measure::TwoDaysOff]);
        assert_eq!(p.annual_holidays, Some(120));

        let e = form("", "400", &["beer_friday"]).parse(&t, 0).unwrap_err();
        assert!(e.has("description") && e.has("measures") && e.has("annual_holidays"));
        let long = form(&"あ".repeat(DESCRIPTION_MAX + 1), "", &[]);
        assert!(long.parse(&t, 0).unwrap_err().has("description"));
        let exact = form(&"あ".repeat(DESCRIPTION_MAX), "", &[]);
        assert!(exact.parse(&t, 0).is_ok());
    }

    #[test]
    fn photos_are_kept_in_order_and_counted_with_the_new_ones() {
        let t = Tr::new(Lang::Ja);
        let mut f = form("紹介", "", &[]);
        f.photos = (1..=5)
            .map(|id| PhotoField {
                id,
                alt: format!(" 写真{id} "),
                remove: id == 2,
                ..PhotoField::default()
            })
            .collect();
        let p = f.parse(&t, 2).unwrap();
        let kept: Vec<(i64, &str)> = p.photos.iter().map(|p| (p.id, p.alt.as_str())).collect();
        assert_eq!(
            kept,
            vec![(1, "写真1"), (3, "写真3"), (4, "写真4"), (5, "写真5")]
        );
        // Four kept and three new is one more than a profile shows.
        assert!(f.parse(&t, 3).unwrap_err().has("new_photo"));
        f.photos[1].remove = false;
        assert!(f.parse(&t, 2).unwrap_err().has("new_photo"));
        assert!(f.parse(&t, 1).is_ok());
        let mut g = form("紹介", "", &[]);
        assert!(
            g.parse(&t, MAX_NEW_PHOTOS + 1)
                .unwrap_err()
                .has("new_photo")
        );
        g.new_photo_alt = "あ".repeat(ALT_MAX + 1);
        assert!(g.parse(&t, 1).unwrap_err().has("new_photo"));
        g.new_photo_alt = "あ".repeat(ALT_MAX);
        assert!(g.parse(&t, 1).is_ok());
    }

    #[test]
    fn the_messages_state_the_limits_the_code_enforces() {
        let mb = (MAX_PHOTO_BYTES / (1024 * 1024)).to_string();
        for (lang, key, limit) in [
            (
                Lang::Ja,
                "workplace.error.too_many_photos",
                MAX_PHOTOS.to_string(),
            ),
            (
                Lang::En,
                "workplace.error.too_many_photos",
                MAX_PHOTOS.to_string(),
            ),
            (
                Lang::Ja,
                "workplace.error.too_many_new_photos",
                MAX_NEW_PHOTOS.to_string(),
            ),
            (
                Lang::En,
                "workplace.error.too_many_new_photos",
                MAX_NEW_PHOTOS.to_string(),
            ),
            (Lang::Ja, "workplace.error.photo_alt", ALT_MAX.to_string()),
            (Lang::En, "workplace.error.photo_alt", ALT_MAX.to_string()),
            (Lang::Ja, "workplace.photo_too_large", mb.clone()),
            (Lang::En, "workplace.photo_too_large", mb.clone()),
            (
                Lang::Ja,
                "workplace.photo_too_small",
                photo::MIN_SIDE.to_string(),
            ),
            (
                Lang::En,
                "workplace.photo_too_small",
                photo::MIN_SIDE.to_string(),
            ),
            (
                Lang::Ja,
                "workplace.photo_too_many_pixels",
                "5,000万".into(),
            ),
            (
                Lang::En,
                "workplace.photo_too_many_pixels",
                "50 megapixels".into(),
            ),
        ] {
            let text = Tr::new(lang).t(key).to_string();
            assert!(text.contains(&limit), "{key} ({lang:?}) says {text}");
        }
        assert_eq!(photo::MAX_PIXELS, 50_000_000);
    }
}
