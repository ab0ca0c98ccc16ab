//! 介護と仕事の両立 (issue 13). For an employee: `/care`, a short self-check
//! whose answers give a personal page of what to do now and what the law
//! offers (`kpi::caregiving`), with the region's 地域包括支援センター. The
//! answers are posted, turned into the page and forgotten: nothing is stored,
//! nothing goes in the URL, and the page is kept out of every cache, so it
//! stays with the employee unless they choose to tell HR themselves.
//!
//! For the employer's admins: `/orgs/{id}/care`, the duties in force since
//! 2025-04 as a checklist and a record of each individual notice given (date,
//! to whom, what was explained — never the family's health). For the region's
//! staff: `/admin/regions/{code}/care-centres`, the centres the guide lists.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use kpi::caregiving::{
    self, CareStage, Distance, FactId, LegalFact, Plan, SelfCheck, Sharing, Step,
};
use serde::Deserialize;
use store::care::CareCentre;
use store::regions::Region;

use crate::AppState;
use crate::auth::redirect_with_flash_args;
use crate::authz::Action;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::forms::{self, FieldErrors};
use crate::i18n::Tr;

mod employer;
mod tell;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/care", get(guide))
        .route("/care/plan", post(personal_plan))
        .route("/care/tell", post(tell::tell_hr))
        .route(
            "/orgs/{id}/care/requests/{rid}/handled",
            post(tell::mark_handled),
        )
        .route(
            "/orgs/{id}/care",
            get(employer::page).post(employer::record_notice),
        )
        .route("/orgs/{id}/care/duties", post(employer::save_duties))
        .route(
            "/admin/regions/{code}/care-centres",
            get(centres_form).post(save_centres),
        )
}

// ---------------------------------------------------------------- the guide

#[derive(Deserialize, Default)]
struct RegionQuery {
    #[serde(default)]
    region: String,
}

/// A fact as a page shows it, with its source and the date it was checked.
pub struct FactView {
    pub title: &'static str,
    pub text: &'static str,
    pub source: &'static str,
    pub checked_on: String,
}

fn fact_view(t: &Tr, f: &LegalFact) -> FactView {
    FactView {
        title: t.pick(f.title_ja, f.title_en),
        text: t.pick(f.text_ja, f.text_en),
        source: f.source,
        checked_on: t.date(f.checked_on),
    }
}

#[derive(Template)]
#[template(path = "care/guide.html")]
struct GuidePage {
    c: Ctx,
    region: Option<Region>,
    facts: Vec<FactView>,
}

async fn guide(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<RegionQuery>,
) -> Result<Response, AppError> {
    let region = crate::news::region_of(&state, &q.region).await?;
    let facts = caregiving::FACTS
        .iter()
        .map(|f| fact_view(&c.t, f))
        .collect();
    Ok(Html(GuidePage { c, region, facts }.render()?).into_response())
}

/// The self-check as posted; every answer is one of the form's words.
#[derive(Deserialize, Default)]
struct CheckForm {
    #[serde(default)]
    family_members: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    distance: String,
    #[serde(default)]
    sharing: String,
    #[serde(default)]
    night_shifts: Option<String>,
    #[serde(default)]
    long_overtime: Option<String>,
    #[serde(default)]
    region: String,
}

impl CheckForm {
    /// The answers, or None when one is missing or not the form's own word
    /// (the form has a choice ticked for each, so only a hand-made post fails).
    fn parse(&self) -> Option<SelfCheck> {
        Some(SelfCheck {
            family_members: match self.family_members.as_str() {
                "1" => 1,
                "2" => 2,
                _ => return None,
            },
            stage: match self.stage.as_str() {
                "ahead" => CareStage::Ahead,
                "starting" => CareStage::Starting,
                "struggling" => CareStage::Struggling,
                _ => return None,
            },
            distance: match self.distance.as_str() {
                "together" => Distance::Together,
                "near" => Distance::Near,
                "far" => Distance::Far,
                _ => return None,
            },
            sharing: match self.sharing.as_str() {
                "shared" => Sharing::Shared,
                "alone" => Sharing::Alone,
                _ => return None,
            },
            night_shifts: self.night_shifts.is_some(),
            long_overtime: self.long_overtime.is_some(),
        })
    }
}

/// A step of the plan: what to do and why, in the reader's language.
pub struct StepView {
    pub title: String,
    pub text: String,
}

fn step_key(s: Step) -> &'static str {
    match s {
        Step::AskTheCentre => "ask_the_centre",
        Step::KnowTheCentre => "know_the_centre",
        Step::TellTheEmployer => "tell_the_employer",
        Step::ShareWithFamily => "share_with_family",
        Step::DoNotCarryItAlone => "do_not_carry_it_alone",
        Step::UseCareDays => "use_care_days",
        Step::PlanCareLeave => "plan_care_leave",
        Step::PlanVisitsFromAfar => "plan_visits_from_afar",
        Step::AskForWorkingTimeMeasures => "ask_for_working_time_measures",
        Step::AskAboutTelework => "ask_about_telework",
    }
}

fn step_view(t: &Tr, s: Step, plan: &Plan) -> StepView {
    let key = step_key(s);
    StepView {
        title: t.t(&format!("care.step.{key}.title")).to_string(),
        text: t.f1(&format!("care.step.{key}.text"), "days", plan.care_days),
    }
}

#[derive(Template)]
#[template(path = "care/plan.html")]
struct PlanPage {
    c: Ctx,
    region: Option<Region>,
    centres: Vec<CareCentre>,
    steps: Vec<StepView>,
    facts: Vec<FactView>,
    care_days: u8,
    /// The organizations the signed-in employee may tell (theirs).
    orgs: Vec<(i64, String)>,
    topics: Vec<employer::ExplainedBox>,
}

async fn personal_plan(
    State(state): State<AppState>,
    c: Ctx,
    Form(f): Form<CheckForm>,
) -> Result<Response, AppError> {
    let check = f
        .parse()
        .ok_or_else(|| AppError::BadRequest("the self-check has an answer missing".into()))?;
    let plan = caregiving::plan(&check);
    let region = crate::news::region_of(&state, &f.region).await?;
    let centres = match &region {
        Some(r) => state.store.care_centres(r.id).await?,
        None => Vec::new(),
    };
    let steps = plan
        .steps
        .iter()
        .map(|s| step_view(&c.t, *s, &plan))
        .collect();
    let facts = plan
        .facts
        .iter()
        .map(|id: &FactId| fact_view(&c.t, caregiving::fact(*id)))
        .collect();
    let mut orgs = Vec::new();
    if let Some(u) = &c.user {
        for id in u.member_orgs() {
            orgs.push((id, state.store.organization(id).await?.name));
        }
    }
    let topics = kpi::caregiving::Explained::ALL
        .iter()
        .map(|e| employer::ExplainedBox {
            code: e.as_str(),
            name: c.t.pick(e.name_ja(), e.name_en()),
            checked: false,
        })
        .collect();
    let page = PlanPage {
        orgs,
        topics,
        care_days: plan.care_days,
        region,
        centres,
        steps,
        facts,
        c,
    };
    let mut res = Html(page.render()?).into_response();
    // The answers show through the page: no cache, shared or the browser's, keeps it.
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

// ---------------------------------------------------------------- the region's centres

/// Most centres a region lists, and the longest line of the list.
const CENTRES_MAX: usize = 50;
const CENTRE_LINE_MAX: usize = 300;

/// The list as typed: one centre a line, 「名称｜担当地区｜電話番号」 (a
/// half-width `|` works too). Blank lines are skipped.
pub fn parse_centres(text: &str) -> Result<Vec<CareCentre>, &'static str> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.chars().count() > CENTRE_LINE_MAX {
            return Err("care.centres.error_long");
        }
        let parts: Vec<&str> = line.split(['｜', '|']).map(str::trim).collect();
        let [name, area, phone] = parts[..] else {
            return Err("care.centres.error_format");
        };
        let phone = domain::normalize_digits(phone).replace('－', "-");
        if name.is_empty()
            || phone.is_empty()
            || !phone.chars().all(|ch| ch.is_ascii_digit() || ch == '-')
        {
            return Err("care.centres.error_format");
        }
        out.push(CareCentre {
            name: name.to_string(),
            area: area.to_string(),
            phone,
        });
    }
    if out.len() > CENTRES_MAX {
        return Err("care.centres.error_many");
    }
    Ok(out)
}

fn centres_text(centres: &[CareCentre]) -> String {
    centres
        .iter()
        .map(|c| format!("{}｜{}｜{}", c.name, c.area, c.phone))
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Template)]
#[template(path = "care/centres.html")]
struct CentresPage {
    c: Ctx,
    region: Region,
    text: String,
    errors: FieldErrors,
}

const CENTRE_LABELS: forms::Labels = &[("centres", "care.centres.field")];

async fn editable_region(state: &AppState, c: &Ctx, code: &str) -> Result<Region, AppError> {
    let region = state
        .store
        .region_by_code(code)
        .await
        .map_err(|_| AppError::NotFound)?;
    c.require(&Action::EditRegion {
        region_id: region.id,
    })?;
    Ok(region)
}

async fn centres_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let region = editable_region(&state, &c, &code).await?;
    let text = centres_text(&state.store.care_centres(region.id).await?);
    let page = CentresPage {
        c,
        region,
        text,
        errors: FieldErrors::new(),
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
struct CentresForm {
    #[serde(default)]
    centres: String,
}

async fn save_centres(
    State(state): State<AppState>,
    c: Ctx,
    Path(code): Path<String>,
    Form(f): Form<CentresForm>,
) -> Result<Response, AppError> {
    let region = editable_region(&state, &c, &code).await?;
    let centres = match parse_centres(&f.centres) {
        Ok(list) => list,
        Err(key) => {
            let mut errors = FieldErrors::labelled(CENTRE_LABELS);
            errors.add(&c.t, "centres", key);
            let page = CentresPage {
                c,
                region,
                text: f.centres,
                errors,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
        }
    };
    state
        .store
        .replace_care_centres(region.id, &centres)
        .await?;
    state
        .store
        .audit(
            &c.actor(),
            "update",
            "care_centres",
            region.id,
            &serde_json::json!({
                "title": region.name_ja,
                "centres": centres.len(),
            })
            .to_string(),
        )
        .await?;
    Ok(redirect_with_flash_args(
        &format!("/admin/regions/{}/care-centres", region.code),
        "flash.care_centres_saved",
        &[],
        state.config.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn centres_are_read_one_a_line_with_full_width_forms() {
        let list = parse_centres(
            "相馬市地域包括支援センター｜中村・大野地区｜０２４４－３６－１１１１\n\n  はまなす包括 | 磯部地区 | 0244-38-2222 ",
        )
        .unwrap();
        assert_eq!(
            list,
            vec![
                CareCentre {
                    name: "相馬市地域包括支援センター".into(),
                    area: "中村・大野地区".into(),
                    phone: "0244-36-1111".into(),
                },
                CareCentre {
                    name: "はまなす包括".into(),
                    area: "磯部地区".into(),
                    phone: "0244-38-2222".into(),
                },
            ]
        );
        assert_eq!(centres_text(&list).lines().count(), 2);
        assert_eq!(parse_centres(&centres_text(&list)).unwrap(), list);
        assert_eq!(parse_centres("").unwrap(), vec![]);
        assert_eq!(parse_centres("名前だけ"), Err("care.centres.error_format"));
        assert_eq!(
            parse_centres("名前｜地区｜電話"),
            Err("care.centres.error_format")
        );
        assert_eq!(
            parse_centres(&"あ".repeat(CENTRE_LINE_MAX + 1)),
            Err("care.centres.error_long")
        );
        let many = "包括｜地区｜0244-00-0000\n".repeat(CENTRES_MAX + 1);
        assert_eq!(parse_centres(&many), Err("care.centres.error_many"));
    }

    #[test]
    fn every_step_has_words_in_both_languages() {
        let steps = [
            Step::AskTheCentre,
            Step::KnowTheCentre,
            Step::TellTheEmployer,
            Step::ShareWithFamily,
            Step::DoNotCarryItAlone,
            Step::UseCareDays,
            Step::PlanCareLeave,
            Step::PlanVisitsFromAfar,
            Step::AskForWorkingTimeMeasures,
            Step::AskAboutTelework,
        ];
        for lang in [Lang::Ja, Lang::En] {
            let t = Tr::new(lang);
            for s in steps {
                for part in ["title", "text"] {
                    let key = format!("care.step.{}.{part}", step_key(s));
                    assert_ne!(t.t(&key), key, "{key} missing in {lang:?}");
                }
            }
        }
        // The care days the step states are the law's.
        let t = Tr::new(Lang::Ja);
        let plan = Plan {
            steps: vec![Step::UseCareDays],
            facts: vec![],
            care_days: 10,
        };
        assert!(
            step_view(&t, Step::UseCareDays, &plan)
                .text
                .contains("年10日")
        );
    }

    #[test]
    fn a_hand_made_self_check_is_refused() {
        let f = CheckForm {
            family_members: "1".into(),
            stage: "starting".into(),
            distance: "far".into(),
            sharing: "alone".into(),
            night_shifts: Some("on".into()),
            ..CheckForm::default()
        };
        let check = f.parse().unwrap();
        assert!(check.night_shifts && !check.long_overtime);
        for broken in [
            CheckForm {
                stage: "dying".into(),
                ..CheckForm {
                    family_members: "1".into(),
                    distance: "far".into(),
                    sharing: "alone".into(),
                    ..CheckForm::default()
                }
            },
            CheckForm {
                family_members: "9".into(),
                stage: "ahead".into(),
                distance: "far".into(),
                sharing: "alone".into(),
                ..CheckForm::default()
            },
        ] {
            assert!(broken.parse().is_none());
        }
    }
}
