//! The API's handlers. Each reads what the public pages read, through the
//! same store queries and `publish` functions, and answers through
//! [`super::json`] (ETag, 304, licence link).

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::Industry;
use domain::job::{EmploymentType, Situation, Suit};
use domain::licence::OpenDataLicence;
use domain::workplace::Measure;
use serde::Deserialize;
use store::declarations::{RegistryFilter, RegistrySort};
use store::orgs::Organization;
use store::postings::{Posting, PostingSearch};
use store::regions::Region as StoredRegion;
use utoipa::IntoParams;

use super::schema::{self, *};
use super::{ApiQuery, Paging, Problem, Req, json, page_headers, parse_id};
use crate::AppState;

// ---------------------------------------------------------------- helpers

fn base(state: &AppState) -> String {
    crate::declarations::export::base_url(state)
}

fn licence_of(region: Option<&StoredRegion>) -> Licence {
    let l = region.map(|r| r.licence()).unwrap_or_default();
    Licence {
        code: l.as_str(),
        name: l.name_ja(),
        name_en: l.name_en(),
        url: l.url(),
        attribution_required: l.asks_attribution(),
        attribution: match region {
            Some(r) if l.asks_attribution() => {
                Some(format!("出典：{}「erabareru」オープンデータ", r.name_ja))
            }
            _ => None,
        },
    }
}

fn region_ref(r: &StoredRegion) -> RegionRef {
    RegionRef {
        code: r.code.clone(),
        name: r.name_ja.clone(),
        name_en: r.name_en.clone(),
        prefecture_code: r.prefecture.clone(),
    }
}

/// The region asked for (404 when there is none with that code), or the
/// installation's default region when none is asked.
async fn region(state: &AppState, code: Option<&str>) -> Result<StoredRegion, Problem> {
    match code {
        Some(c) => {
            if c.len() != 6 || !c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Problem::bad_request(format!(
                    "region must be a 全国地方公共団体コード of 6 digits, not {c:?}"
                )));
            }
            state.store.region_by_code(c).await.map_err(|e| match e {
                store::Error::NotFound => Problem::new(
                    StatusCode::NOT_FOUND,
                    format!("no region with the code {c}"),
                ),
                other => other.into(),
            })
        }
        None => crate::news::region_of(state, "")
            .await?
            .ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "no region is set up yet")),
    }
}

/// A code of a closed vocabulary, exactly as the document lists it.
fn code<T: Copy>(
    name: &str,
    value: Option<&str>,
    all: &[T],
    as_str: impl Fn(&T) -> &'static str,
) -> Result<Option<T>, Problem> {
    let Some(v) = value else { return Ok(None) };
    all.iter()
        .find(|x| as_str(x) == v)
        .copied()
        .map(Some)
        .ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(&as_str).collect();
            Problem::bad_request(format!("{name} {v:?} is not one of: {}", known.join(", ")))
        })
}

fn positive(name: &str, v: Option<i64>) -> Result<Option<i64>, Problem> {
    match v {
        Some(n) if n < 1 => Err(Problem::bad_request(format!(
            "{name} must be 1 or more, not {n}"
        ))),
        other => Ok(other),
    }
}

fn industry_of(letter: Option<&str>) -> Option<Industry> {
    letter.and_then(|l| Industry::parse(l).ok())
}

async fn organizations(state: &AppState) -> Result<HashMap<i64, Organization>, Problem> {
    Ok(state
        .store
        .list_organizations()
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect())
}

async fn region_codes(state: &AppState) -> Result<HashMap<i64, StoredRegion>, Problem> {
    Ok(state
        .store
        .list_regions()
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect())
}

fn today_iso() -> String {
    crate::today_jst().strftime("%Y-%m-%d").to_string()
}

// ---------------------------------------------------------------- workplaces

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct WorkplacesQuery {
    /// 地域の全国地方公共団体コード（6桁）。なければ既定の地域。
    #[param(pattern = "^[0-9]{6}$", example = "072095")]
    region: Option<String>,
    /// 産業（日本標準産業分類 大分類の記号）。
    #[param(schema_with = schema::industry_schema)]
    industry: Option<String>,
    /// この取組のある職場だけ。
    #[param(schema_with = schema::measure_schema)]
    measure: Option<String>,
    /// ページ番号（1から）。
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u32>,
    /// 1ページの件数（1〜100、既定20）。
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
}

fn workplace_item(
    w: &store::workplaces::Workplace,
    corporate_number: Option<String>,
    region_code: Option<String>,
    base: &str,
) -> Workplace {
    let industry = industry_of(w.industry.as_deref());
    Workplace {
        id: w.org_id,
        name: w.org_name.clone(),
        name_kana: w.org_kana.clone(),
        corporate_number,
        region_code,
        industry_code: industry.map(|i| i.as_str()),
        industry_name: industry.map(|i| i.name_ja()),
        employee_band: w.employee_band.clone(),
        address: w.address.clone(),
        website: w.website.clone(),
        description: w.profile.description.clone(),
        annual_holidays: w.profile.annual_holidays,
        measures: w.profile.measures.iter().map(|m| m.as_str()).collect(),
        certifications: w
            .profile
            .certifications
            .iter()
            .map(|c| c.as_str())
            .collect(),
        photos: w
            .profile
            .photos
            .iter()
            .map(|p| schema::WorkplacePhoto {
                url: format!(
                    "{base}{}",
                    crate::workplaces::photo_src(w.org_id, p.id, false)
                ),
                small_url: format!(
                    "{base}{}",
                    crate::workplaces::photo_src(w.org_id, p.id, true)
                ),
                alt: p.alt.clone(),
                width: p.width,
                height: p.height,
            })
            .collect(),
        approved_on: w.approved_at.get(..10).unwrap_or_default().to_string(),
        url: format!("{base}/workplaces/{}", w.org_id),
    }
}

/// 選ばれる職場の一覧
///
/// 地域の職員が承認した職場紹介を、組織名のよみの順に返します。
#[utoipa::path(
    get,
    path = "/api/v1/workplaces",
    tag = "workplaces",
    operation_id = "listWorkplaces",
    params(WorkplacesQuery),
    responses(
        (status = 200, description = "職場紹介の一覧", body = WorkplaceList, headers(
            ("ETag" = String, description = "この答えの強い検証子。If-None-Match に送れば、変わっていなければ 304。"),
            ("Link" = String, description = "first, prev, next, last のページと、利用条件（rel=\"license\"）。"),
            ("X-Total-Count" = String, description = "条件に合う件数（全ページ）。"),
        )),
        (status = 304, description = "If-None-Match の ETag のまま変わっていません（本文なし）。"),
        (status = 400, description = "知らないクエリパラメータ、または正しくない値。", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "その地域はありません。", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "このアドレスからの1分あたりの回数を超えました。", body = Problem, content_type = "application/problem+json", headers(
            ("Retry-After" = String, description = "次に送ってよいまでの秒数。"),
        )),
    )
)]
pub async fn workplaces(
    State(state): State<AppState>,
    req: Req,
    ApiQuery(q): ApiQuery<WorkplacesQuery>,
) -> Result<Response, Problem> {
    let paging = Paging::new(q.page, q.per_page)?;
    let industry = code("industry", q.industry.as_deref(), &Industry::ALL, |i| {
        i.as_str()
    })?;
    let measure = code("measure", q.measure.as_deref(), &Measure::ALL, |m| {
        m.as_str()
    })?;
    let r = region(&state, q.region.as_deref()).await?;
    let orgs = organizations(&state).await?;
    let base = base(&state);
    let all: Vec<Workplace> = state
        .store
        .workplaces(Some(r.id))
        .await?
        .iter()
        .filter(|w| industry.is_none_or(|i| industry_of(w.industry.as_deref()) == Some(i)))
        .filter(|w| measure.is_none_or(|m| w.profile.measures.contains(&m)))
        .map(|w| {
            let number = orgs.get(&w.org_id).and_then(|o| o.corporate_number.clone());
            workplace_item(w, number, Some(r.code.clone()), &base)
        })
        .collect();
    let (items, total, pages) = paging.slice(all);
    let body = WorkplaceList {
        licence: licence_of(Some(&r)),
        region: Some(region_ref(&r)),
        total,
        page: paging.page,
        per_page: paging.per_page,
        pages,
        items,
    };
    json(
        &req,
        &body,
        Some(body.licence.url),
        page_headers(&base, &req, paging, total, pages),
    )
}

/// Figures of one organization as open data has them.
async fn figures_of(
    state: &AppState,
    org: &Organization,
    region_code: Option<&str>,
    base: &str,
) -> Result<Vec<Figure>, Problem> {
    let pubs = state.store.live_publications(org.id).await?;
    if pubs.is_empty() {
        return Ok(Vec::new());
    }
    let rows = state.store.childcare_figure_rows(org.id).await?;
    Ok(
        crate::publish::public_values(&rows, &pubs, crate::today_jst())
            .into_iter()
            .map(|v| {
                let entry = kpi::catalog::figure(v.figure_id);
                let fy = i32::try_from(v.fiscal_year)
                    .ok()
                    .and_then(|y| domain::FiscalYear::new(y).ok());
                Figure {
                    organization_id: org.id,
                    organization: org.name.clone(),
                    corporate_number: org.corporate_number.clone(),
                    region_code: region_code.map(String::from),
                    fiscal_year: v.fiscal_year,
                    period_start: fy.map(|f| f.start().to_string()),
                    period_end: fy.map(|f| f.end().to_string()),
                    figure_id: v.figure_id,
                    figure_name: entry.name.ja,
                    value: v.value,
                    unit: entry.unit.label().ja,
                    origin: v.source,
                    definition_url: format!("{base}/definitions#{}", v.figure_id),
                }
            })
            .collect(),
    )
}

/// 職場紹介ひとつ
///
/// 承認された職場紹介と、その組織が公開した実績、承認された宣言。
#[utoipa::path(
    get,
    path = "/api/v1/workplaces/{id}",
    tag = "workplaces",
    operation_id = "getWorkplace",
    params(
        ("id" = i64, Path, description = "組織の番号。", minimum = 1, maximum = 9223372036854775807i64),
    ),
    responses(
        (status = 200, description = "職場紹介", body = WorkplaceDetail, headers(
            ("ETag" = String, description = "この答えの強い検証子。"),
            ("Link" = String, description = "利用条件（rel=\"license\"）。"),
        )),
        (status = 304, description = "If-None-Match の ETag のまま変わっていません（本文なし）。"),
        (status = 400, description = "id が正の整数ではありません。", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "承認された職場紹介はありません。", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "このアドレスからの1分あたりの回数を超えました。", body = Problem, content_type = "application/problem+json", headers(
            ("Retry-After" = String, description = "次に送ってよいまでの秒数。"),
        )),
    )
)]
pub async fn workplace(
    State(state): State<AppState>,
    req: Req,
    ApiQuery(_): ApiQuery<NoQuery>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id = parse_id(&id)?;
    let w = state
        .store
        .workplace(id)
        .await?
        .ok_or_else(Problem::not_found)?;
    let org = state.store.organization(id).await?;
    let r = match org.region_id {
        Some(r) => Some(state.store.region(r).await?),
        None => None,
    };
    let base = base(&state);
    let code = r.as_ref().map(|r| r.code.clone());
    let declarations = state.store.declarations().await?;
    let declared = state
        .store
        .registry_entries_of_org(id)
        .await?
        .into_iter()
        .filter_map(|e| {
            let d = declarations.iter().find(|d| d.id == e.declaration_id)?;
            Some(DeclarationRef {
                declaration_slug: d.slug.clone(),
                declaration: d.title_ja.clone(),
                declared_on: e.declared_on,
            })
        })
        .collect();
    let body = WorkplaceDetail {
        workplace: workplace_item(&w, org.corporate_number.clone(), code.clone(), &base),
        figures: figures_of(&state, &org, code.as_deref(), &base).await?,
        declarations: declared,
    };
    let licence = licence_of(r.as_ref());
    json(&req, &body, Some(licence.url), Vec::new())
}

/// No query parameters at all: any is a 400.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NoQuery {}

// ---------------------------------------------------------------- jobs

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct JobsQuery {
    /// 地域の全国地方公共団体コード（6桁）。なければ既定の地域。
    #[param(pattern = "^[0-9]{6}$", example = "072095")]
    region: Option<String>,
    /// 探す言葉（/jobs の検索と同じ：全角・半角、ひらがな・カタカナ、長音の違いを問わず、2文字の言葉も探せます。空白で区切った言葉はすべて含むもの。職種名に含むものが先）。
    #[param(max_length = 100, example = "介護")]
    q: Option<String>,
    /// 雇用形態。
    #[serde(rename = "type")]
    #[param(rename = "type", schema_with = schema::employment_type_schema)]
    employment_type: Option<String>,
    /// 求人を出した組織の産業（日本標準産業分類 大分類の記号）。
    #[param(schema_with = schema::industry_schema)]
    industry: Option<String>,
    /// この取組のある求人だけ。
    #[param(schema_with = schema::measure_schema)]
    measure: Option<String>,
    /// 「こんな方に」にこれがある求人だけ。
    #[param(schema_with = schema::suit_schema)]
    suit: Option<String>,
    /// ライフステージ（その場面で大事な取組と「こんな方に」をすべて満たす求人だけ）。
    #[param(schema_with = schema::situation_schema)]
    life: Option<String>,
    /// この組織の求人だけ（組織の番号）。
    #[param(minimum = 1, maximum = 9223372036854775807i64)]
    organization: Option<i64>,
    /// ページ番号（1から）。
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u32>,
    /// 1ページの件数（1〜100、既定20）。
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
}

fn job_item(
    p: &Posting,
    org: Option<&Organization>,
    regions: &HashMap<i64, StoredRegion>,
    base: &str,
) -> Job {
    let f = &p.fields;
    Job {
        id: p.id,
        organization_id: p.org_id,
        organization: p.org_name.clone(),
        corporate_number: org.and_then(|o| o.corporate_number.clone()),
        region_code: p
            .org_region_id
            .and_then(|r| regions.get(&r))
            .map(|r| r.code.clone()),
        industry_code: industry_of(org.and_then(|o| o.industry.as_deref())).map(|i| i.as_str()),
        title: f.title.clone(),
        employment_type: f.employment_type.as_str(),
        employment_type_name: f.employment_type.name_ja(),
        description: f.description.clone(),
        work_hours: f.work_hours.clone(),
        work_days: f.work_days.clone(),
        stated_monthly_overtime_hours: f.monthly_overtime_tenths.map(|x| x as f64 / 10.0),
        annual_holidays: f.annual_holidays,
        pay_unit: f.pay_unit.as_str(),
        pay_min_yen: f.pay_min,
        pay_max_yen: f.pay_max,
        location: f.location.clone(),
        measures: f.measures.iter().map(|m| m.as_str()).collect(),
        suits: f.suits.iter().map(|s| s.as_str()).collect(),
        posted_on: f.posted_on.clone(),
        valid_through: f.valid_through.clone(),
        url: format!("{base}/jobs/{}", p.id),
    }
}

/// 公開中の求人の一覧
///
/// 今日公開中の求人だけを返します（締め切った求人、掲載期間の前後の求人は含みません）。q があるときは職種名に言葉を多く含むものが先、そのあと新しい順。
#[utoipa::path(
    get,
    path = "/api/v1/jobs",
    tag = "jobs",
    operation_id = "listJobs",
    params(JobsQuery),
    responses(
        (status = 200, description = "求人の一覧", body = JobList, headers(
            ("ETag" = String, description = "この答えの強い検証子。If-None-Match に送れば、変わっていなければ 304。"),
            ("Link" = String, description = "first, prev, next, last のページと、利用条件（rel=\"license\"）。"),
            ("X-Total-Count" = String, description = "条件に合う件数（全ページ）。"),
        )),
        (status = 304, description = "If-None-Match の ETag のまま変わっていません（本文なし）。"),
        (status = 400, description = "知らないクエリパラメータ、または正しくない値。", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "その地域はありません。", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "このアドレスからの1分あたりの回数を超えました。", body = Problem, content_type = "application/problem+json", headers(
            ("Retry-After" = String, description = "次に送ってよいまでの秒数。"),
        )),
    )
)]
pub async fn jobs(
    State(state): State<AppState>,
    req: Req,
    ApiQuery(q): ApiQuery<JobsQuery>,
) -> Result<Response, Problem> {
    let paging = Paging::new(q.page, q.per_page)?;
    let text: String = q.q.clone().unwrap_or_default();
    if text.chars().count() > 100 {
        return Err(Problem::bad_request("q must be at most 100 characters"));
    }
    // Control characters find nothing and some databases refuse them.
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let employment_type = code(
        "type",
        q.employment_type.as_deref(),
        EmploymentType::ALL,
        |t| t.as_str(),
    )?;
    let industry = code("industry", q.industry.as_deref(), &Industry::ALL, |i| {
        i.as_str()
    })?;
    let measure = code("measure", q.measure.as_deref(), &Measure::ALL, |m| {
        m.as_str()
    })?;
    let suit = code("suit", q.suit.as_deref(), Suit::ALL, |s| s.as_str())?;
    let life = code("life", q.life.as_deref(), Situation::ALL, |s| s.as_str())?;
    let organization = positive("organization", q.organization)?;
    let r = region(&state, q.region.as_deref()).await?;
    let found = state
        .store
        .search_postings(&PostingSearch {
            region_id: Some(r.id),
            terms: domain::search::terms(&text, store::postings::SEARCH_TERMS),
            employment_type,
            today: today_iso(),
            limit: 50_000,
        })
        .await?;
    let orgs = organizations(&state).await?;
    let regions = region_codes(&state).await?;
    let base = base(&state);
    let all: Vec<Job> = found
        .iter()
        .filter(|p| organization.is_none_or(|o| p.org_id == o))
        .filter(|p| measure.is_none_or(|m| p.fields.measures.contains(&m)))
        .filter(|p| suit.is_none_or(|s| p.fields.suits.contains(&s)))
        .filter(|p| life.is_none_or(|s| s.fits(&p.fields.measures, &p.fields.suits)))
        .filter(|p| {
            industry.is_none_or(|i| {
                industry_of(orgs.get(&p.org_id).and_then(|o| o.industry.as_deref())) == Some(i)
            })
        })
        .map(|p| job_item(p, orgs.get(&p.org_id), &regions, &base))
        .collect();
    let (items, total, pages) = paging.slice(all);
    let body = JobList {
        licence: licence_of(Some(&r)),
        region: Some(region_ref(&r)),
        total,
        page: paging.page,
        per_page: paging.per_page,
        pages,
        items,
    };
    json(
        &req,
        &body,
        Some(body.licence.url),
        page_headers(&base, &req, paging, total, pages),
    )
}

/// 求人ひとつ
///
/// 公開中の求人。締め切った求人、掲載の最終日を過ぎた求人は 410（その組織のほかの求人の一覧へのリンクつき）、掲載の前の求人はないものとして 404。
#[utoipa::path(
    get,
    path = "/api/v1/jobs/{id}",
    tag = "jobs",
    operation_id = "getJob",
    params(
        ("id" = i64, Path, description = "求人の番号。", minimum = 1, maximum = 9223372036854775807i64),
    ),
    responses(
        (status = 200, description = "求人", body = Job, headers(
            ("ETag" = String, description = "この答えの強い検証子。"),
            ("Link" = String, description = "利用条件（rel=\"license\"）。"),
        )),
        (status = 304, description = "If-None-Match の ETag のまま変わっていません（本文なし）。"),
        (status = 400, description = "id が正の整数ではありません。", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "その求人はありません（まだ掲載の前のものも）。", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "締め切った、または掲載の最終日を過ぎた求人。other_postings にその組織の公開中の求人の一覧。", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "このアドレスからの1分あたりの回数を超えました。", body = Problem, content_type = "application/problem+json", headers(
            ("Retry-After" = String, description = "次に送ってよいまでの秒数。"),
        )),
    )
)]
pub async fn job(
    State(state): State<AppState>,
    req: Req,
    ApiQuery(_): ApiQuery<NoQuery>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id = parse_id(&id)?;
    let p = state.store.posting(id).await?;
    let today = today_iso();
    let base = base(&state);
    if !p.is_open_on(&today) {
        if !p.is_gone_on(&today) {
            // Not posted yet: as if it did not exist.
            return Err(Problem::not_found());
        }
        let mut gone = Problem::new(
            StatusCode::GONE,
            "this job posting is closed or past its last day",
        );
        gone.other_postings = Some(format!("{base}/api/v1/jobs?organization={}", p.org_id));
        return Err(gone);
    }
    let org = state.store.organization(p.org_id).await?;
    let regions = region_codes(&state).await?;
    let licence = licence_of(p.org_region_id.and_then(|r| regions.get(&r)));
    let body = job_item(&p, Some(&org), &regions, &base);
    json(&req, &body, Some(licence.url), Vec::new())
}

// ---------------------------------------------------------------- figures

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FiguresQuery {
    /// 地域の全国地方公共団体コード（6桁）。なければ既定の地域。
    #[param(pattern = "^[0-9]{6}$", example = "072095")]
    region: Option<String>,
    /// この組織の実績だけ（組織の番号）。
    #[param(minimum = 1, maximum = 9223372036854775807i64)]
    organization: Option<i64>,
    /// この項目だけ。
    #[param(schema_with = schema::figure_schema)]
    figure: Option<String>,
    /// この年度だけ（4月始まりの年度の初めの年）。
    #[param(minimum = 2000, maximum = 2100)]
    fiscal_year: Option<i64>,
    /// 出どころ（computed：実績データから算出、typed：企業による申告）。
    #[param(schema_with = schema::origin_schema)]
    origin: Option<String>,
    /// ページ番号（1から）。
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u32>,
    /// 1ページの件数（1〜100、既定20）。
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
}

/// 公開している実績の一覧
///
/// 地域の組織が公開を選んだ、終わった年度の実績を、組織名のよみ、新しい年度の順に返します。途中の年度、5人未満の集団の率、公開を取り下げた数値、公開のあとで変わった数値は含みません。
#[utoipa::path(
    get,
    path = "/api/v1/figures",
    tag = "figures",
    operation_id = "listFigures",
    params(FiguresQuery),
    responses(
        (status = 200, description = "実績の一覧", body = FigureList, headers(
            ("ETag" = String, description = "この答えの強い検証子。If-None-Match に送れば、変わっていなければ 304。"),
            ("Link" = String, description = "first, prev, next, last のページと、利用条件（rel=\"license\"）。"),
            ("X-Total-Count" = String, description = "条件に合う件数（全ページ）。"),
        )),
        (status = 304, description = "If-None-Match の ETag のまま変わっていません（本文なし）。"),
        (status = 400, description = "知らないクエリパラメータ、または正しくない値。", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "その地域はありません。", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "このアドレスからの1分あたりの回数を超えました。", body = Problem, content_type = "application/problem+json", headers(
            ("Retry-After" = String, description = "次に送ってよいまでの秒数。"),
        )),
    )
)]
pub async fn figures(
    State(state): State<AppState>,
    req: Req,
    ApiQuery(q): ApiQuery<FiguresQuery>,
) -> Result<Response, Problem> {
    let paging = Paging::new(q.page, q.per_page)?;
    let organization = positive("organization", q.organization)?;
    let figures = schema::figure_codes();
    let figure = code("figure", q.figure.as_deref(), &figures, |f| f)?;
    let origins = ["computed", "typed"];
    let origin = code("origin", q.origin.as_deref(), &origins, |o| o)?;
    if let Some(y) = q.fiscal_year
        && !(2000..=2100).contains(&y)
    {
        return Err(Problem::bad_request(format!(
            "fiscal_year must be from 2000 to 2100, not {y}"
        )));
    }
    let r = region(&state, q.region.as_deref()).await?;
    let base = base(&state);
    let mut orgs: Vec<Organization> = state
        .store
        .list_organizations()
        .await?
        .into_iter()
        .filter(|o| o.region_id == Some(r.id))
        .filter(|o| organization.is_none_or(|id| o.id == id))
        .collect();
    orgs.sort_by(|a, b| a.kana.cmp(&b.kana).then(a.id.cmp(&b.id)));
    let mut all = Vec::new();
    for org in &orgs {
        all.extend(
            figures_of(&state, org, Some(&r.code), &base)
                .await?
                .into_iter()
                .filter(|f| figure.is_none_or(|x| f.figure_id == x))
                .filter(|f| origin.is_none_or(|x| f.origin == x))
                .filter(|f| q.fiscal_year.is_none_or(|y| f.fiscal_year == y)),
        );
    }
    let (items, total, pages) = paging.slice(all);
    let body = FigureList {
        licence: licence_of(Some(&r)),
        region: Some(region_ref(&r)),
        total,
        page: paging.page,
        per_page: paging.per_page,
        pages,
        items,
    };
    json(
        &req,
        &body,
        Some(body.licence.url),
        page_headers(&base, &req, paging, total, pages),
    )
}

// ---------------------------------------------------------------- declarations

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeclarationsQuery {
    /// この地域の組織の宣言だけ（全国地方公共団体コード、6桁）。なければ全国の登録簿。
    #[param(pattern = "^[0-9]{6}$", example = "072095")]
    region: Option<String>,
    /// この宣言だけ（宣言の識別子）。
    #[param(pattern = "^[a-z0-9-]{1,64}$", example = "women-reemployment")]
    declaration: Option<String>,
    /// ページ番号（1から）。
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u32>,
    /// 1ページの件数（1〜100、既定20）。
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
}

/// 宣言の登録簿
///
/// 承認された宣言を、宣言ごとに宣言した順に返します（/declarations.json と同じもの）。
#[utoipa::path(
    get,
    path = "/api/v1/declarations",
    tag = "declarations",
    operation_id = "listDeclarations",
    params(DeclarationsQuery),
    responses(
        (status = 200, description = "宣言の一覧", body = DeclarationList, headers(
            ("ETag" = String, description = "この答えの強い検証子。If-None-Match に送れば、変わっていなければ 304。"),
            ("Link" = String, description = "first, prev, next, last のページと、利用条件（rel=\"license\"）。"),
            ("X-Total-Count" = String, description = "条件に合う件数（全ページ）。"),
        )),
        (status = 304, description = "If-None-Match の ETag のまま変わっていません（本文なし）。"),
        (status = 400, description = "知らないクエリパラメータ、または正しくない値。", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "その地域、またはその宣言はありません。", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "このアドレスからの1分あたりの回数を超えました。", body = Problem, content_type = "application/problem+json", headers(
            ("Retry-After" = String, description = "次に送ってよいまでの秒数。"),
        )),
    )
)]
pub async fn declarations(
    State(state): State<AppState>,
    req: Req,
    ApiQuery(q): ApiQuery<DeclarationsQuery>,
) -> Result<Response, Problem> {
    let paging = Paging::new(q.page, q.per_page)?;
    let slug_ok = |s: &str| {
        (1..=64).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if let Some(s) = q.declaration.as_deref()
        && !slug_ok(s)
    {
        return Err(Problem::bad_request(format!(
            "declaration must be a declaration's identifier (a-z, 0-9, -), not {s:?}"
        )));
    }
    let asked = match q.region.as_deref() {
        Some(c) => Some(region(&state, Some(c)).await?),
        None => None,
    };
    let publisher = match &asked {
        Some(r) => Some(r.clone()),
        None => crate::news::region_of(&state, "").await?,
    };
    let declarations = state.store.declarations().await?;
    let declaration_id = match q.declaration.as_deref() {
        Some(slug) => Some(
            declarations
                .iter()
                .find(|d| d.slug == slug)
                .ok_or_else(|| {
                    Problem::new(
                        StatusCode::NOT_FOUND,
                        format!("no declaration with the identifier {slug}"),
                    )
                })?
                .id,
        ),
        None => None,
    };
    let entries = state
        .store
        .registry(&RegistryFilter {
            declaration_id,
            region_code: asked.as_ref().map(|r| r.code.clone()).unwrap_or_default(),
            sort: RegistrySort::Oldest,
            limit: i64::MAX / 2,
            ..RegistryFilter::default()
        })
        .await?;
    let base = base(&state);
    let all: Vec<Declaration> = entries
        .into_iter()
        .map(|e| {
            let d = declarations.iter().find(|d| d.id == e.declaration_id);
            Declaration {
                declaration_slug: d.map(|d| d.slug.clone()).unwrap_or_default(),
                declaration: d.map(|d| d.title_ja.clone()).unwrap_or_default(),
                url: format!("{base}/declarers/{}", e.org_id),
                organization_id: e.org_id,
                organization: e.org_name,
                organization_kana: e.org_kana,
                organization_type: e.org_type,
                prefecture_code: e.prefecture,
                region_code: e.region_code,
                declared_on: e.declared_on,
                order_in_type: e.order_in_type,
                representative_title: e.representative_title,
                representative_name: e.representative_name,
                message: e.message,
                approved_at: e.approved_at,
            }
        })
        .collect();
    let (items, total, pages) = paging.slice(all);
    let body = DeclarationList {
        licence: licence_of(publisher.as_ref()),
        region: asked.as_ref().map(region_ref),
        total,
        page: paging.page,
        per_page: paging.per_page,
        pages,
        items,
    };
    json(
        &req,
        &body,
        Some(body.licence.url),
        page_headers(&base, &req, paging, total, pages),
    )
}

// ---------------------------------------------------------------- events

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// 地域の全国地方公共団体コード（6桁）。なければ既定の地域。
    #[param(pattern = "^[0-9]{6}$", example = "072095")]
    region: Option<String>,
    /// どの催しか：upcoming（既定、今日以降に終わる）、past（終わった）、all。
    #[param(schema_with = schema::period_schema)]
    period: Option<String>,
    /// この種類の催しだけ。
    #[param(schema_with = schema::event_kind_schema)]
    kind: Option<String>,
    /// ページ番号（1から）。
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u32>,
    /// 1ページの件数（1〜100、既定20）。
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
}

/// 催しの一覧
///
/// 地域の催し（公開中と中止）を、始まる順に返します。下書きは含みません。
#[utoipa::path(
    get,
    path = "/api/v1/events",
    tag = "events",
    operation_id = "listEvents",
    params(EventsQuery),
    responses(
        (status = 200, description = "催しの一覧", body = EventList, headers(
            ("ETag" = String, description = "この答えの強い検証子。If-None-Match に送れば、変わっていなければ 304。"),
            ("Link" = String, description = "first, prev, next, last のページと、利用条件（rel=\"license\"）。"),
            ("X-Total-Count" = String, description = "条件に合う件数（全ページ）。"),
        )),
        (status = 304, description = "If-None-Match の ETag のまま変わっていません（本文なし）。"),
        (status = 400, description = "知らないクエリパラメータ、または正しくない値。", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "その地域はありません。", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "このアドレスからの1分あたりの回数を超えました。", body = Problem, content_type = "application/problem+json", headers(
            ("Retry-After" = String, description = "次に送ってよいまでの秒数。"),
        )),
    )
)]
pub async fn events(
    State(state): State<AppState>,
    req: Req,
    ApiQuery(q): ApiQuery<EventsQuery>,
) -> Result<Response, Problem> {
    let paging = Paging::new(q.page, q.per_page)?;
    let periods = ["upcoming", "past", "all"];
    let period = code("period", q.period.as_deref(), &periods, |p| p)?.unwrap_or("upcoming");
    let kind = code(
        "kind",
        q.kind.as_deref(),
        &domain::event::EventKind::ALL,
        |k| k.as_str(),
    )?;
    let r = region(&state, q.region.as_deref()).await?;
    let today = crate::today_jst();
    let base = base(&state);
    let all: Vec<Event> = state
        .store
        .public_events(Some(r.id))
        .await?
        .into_iter()
        .filter(|e| e.fields.status.is_public())
        .filter(|e| match period {
            "upcoming" => e.fields.ends_at.date() >= today,
            "past" => e.fields.ends_at.date() < today,
            _ => true,
        })
        .filter(|e| kind.is_none_or(|k| e.fields.kind == k))
        .map(|e| {
            let f = &e.fields;
            Event {
                id: e.id,
                region_code: r.code.clone(),
                kind: f.kind.as_str(),
                kind_name: f.kind.name_ja(),
                status: f.status.as_str(),
                title: f.title.clone(),
                title_en: f.title_en.clone(),
                description: f.description.clone(),
                starts_at: f.starts_at.iso_jst(),
                ends_at: f.ends_at.iso_jst(),
                venue_name: f.venue_name.clone(),
                venue_address: f.venue_address.clone(),
                online: !f.online_url.is_empty(),
                capacity: f.capacity,
                registration_deadline: f.registration_deadline.map(|d| d.iso_jst()),
                fee: f.fee.clone(),
                organizer: f.organizer.clone(),
                url: format!("{base}/events/{}", e.id),
            }
        })
        .collect();
    let (items, total, pages) = paging.slice(all);
    let body = EventList {
        licence: licence_of(Some(&r)),
        region: Some(region_ref(&r)),
        total,
        page: paging.page,
        per_page: paging.per_page,
        pages,
        items,
    };
    json(
        &req,
        &body,
        Some(body.licence.url),
        page_headers(&base, &req, paging, total, pages),
    )
}

// ---------------------------------------------------------------- meta

/// 地域の一覧
///
/// このサイトの地域と、それぞれのオープンデータの利用条件。ほかの一覧の region に使うコードです。
#[utoipa::path(
    get,
    path = "/api/v1/regions",
    tag = "meta",
    operation_id = "listRegions",
    params(NoQuery),
    responses(
        (status = 200, description = "地域の一覧", body = RegionList, headers(
            ("ETag" = String, description = "この答えの強い検証子。"),
        )),
        (status = 304, description = "If-None-Match の ETag のまま変わっていません（本文なし）。"),
        (status = 400, description = "クエリパラメータはとりません。", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "このアドレスからの1分あたりの回数を超えました。", body = Problem, content_type = "application/problem+json", headers(
            ("Retry-After" = String, description = "次に送ってよいまでの秒数。"),
        )),
    )
)]
pub async fn regions(
    State(state): State<AppState>,
    req: Req,
    ApiQuery(_): ApiQuery<NoQuery>,
) -> Result<Response, Problem> {
    let items = state
        .store
        .list_regions()
        .await?
        .iter()
        .map(|r| Region {
            region: region_ref(r),
            licence: licence_of(Some(r)),
        })
        .collect();
    json(&req, &RegionList { items }, None, Vec::new())
}

/// この API の OpenAPI 3.1 文書
///
/// ハンドラーと型から生成した文書（この文書そのもの）。servers はこのサイトの URL、info.license は既定の地域の利用条件。
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    operation_id = "getOpenApi",
    params(NoQuery),
    responses(
        (status = 200, description = "OpenAPI 3.1 の文書", content_type = "application/json", body = Object, headers(
            ("ETag" = String, description = "この答えの強い検証子。"),
        )),
        (status = 304, description = "If-None-Match の ETag のまま変わっていません（本文なし）。"),
        (status = 400, description = "クエリパラメータはとりません。", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "このアドレスからの1分あたりの回数を超えました。", body = Problem, content_type = "application/problem+json", headers(
            ("Retry-After" = String, description = "次に送ってよいまでの秒数。"),
        )),
    )
)]
pub async fn openapi_json(
    State(state): State<AppState>,
    req: Req,
    ApiQuery(_): ApiQuery<NoQuery>,
) -> Result<Response, Problem> {
    let mut doc = super::openapi();
    let base = base(&state);
    doc.servers = Some(vec![
        utoipa::openapi::ServerBuilder::new()
            .url(base)
            .description(Some("このサイト"))
            .build(),
    ]);
    let r = crate::news::region_of(&state, "").await?;
    let l = r
        .as_ref()
        .map(|r| r.licence())
        .unwrap_or(OpenDataLicence::default());
    doc.info.license = Some(
        utoipa::openapi::LicenseBuilder::new()
            .name(l.name_ja())
            .url(Some(l.url()))
            .build(),
    );
    json(&req, &doc, Some(l.url()), Vec::new())
}
