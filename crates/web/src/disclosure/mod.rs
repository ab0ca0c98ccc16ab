//! 女性の活躍推進企業データベース: the disclosure items of an organization for
//! one fiscal year (LABOR_RULES §4), computed by `kpi::women_db` from the
//! year's KPI import and the employer's aggregates, with what the law makes
//! mandatory for the organization today; and the same as one row of the
//! database's open-data CSV.
//!
//! Who may see it: whoever may see the organization's KPI page.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use kpi::extras::{ByGender, CareerEvent, YearExtras};
use kpi::women_db::{
    self, ChildcareCounts, Competition, ConversionCounts, Duty, Input, ItemValue, Obligation,
    OvertimeTotals, PaidLeaveTotals, PeriodKind, Regime, RehireCounts, Requirement, ServiceTotals,
    SizeClass, Source, WomenCount,
};
use serde::Deserialize;
use store::orgs::Organization;

use crate::AppState;
use crate::context::Ctx;
use crate::errors::AppError;
use crate::i18n::Tr;
use crate::kpi::view::{Share, StoredReport};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orgs/{id}/disclosure", get(page))
        .route("/orgs/{id}/disclosure.csv", get(csv_download))
}

#[derive(Deserialize)]
struct YearQuery {
    fy: Option<i64>,
}

/// Everything the page and the CSV are made of.
pub struct Disclosure {
    pub fiscal_year: i64,
    /// The 事業年度 (from the report, else April–March).
    pub period_from: String,
    pub period_to: String,
    pub has_report: bool,
    pub has_extras: bool,
    pub items: Vec<ItemValue>,
    pub requirement: Requirement,
    pub size_basis: SizeBasis,
    /// The year-end headcount of the report when its size class differs from
    /// the organization's band.
    pub size_mismatch: Option<u64>,
}

/// Where the size class comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeBasis {
    /// The organization's stated employee band (`101-300`, …).
    Band(String),
    /// The report's workforce on the year's last day.
    Report(u64),
    /// Neither.
    Unknown,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn women_count(s: &Share) -> WomenCount {
    WomenCount {
        women: count(s.women),
        total: count(s.total),
    }
}

/// The `women_db` input from a stored report and the year's aggregates.
pub fn input(report: Option<&StoredReport>, extras: &YearExtras) -> Input {
    let mut input = Input::default();
    if let Some(r) = report {
        if let Some(w) = &r.workforce {
            input.hires = Some(women_count(&w.hires));
            input.workers = Some(women_count(&w.employees));
            input.chiefs = Some(women_count(&w.chiefs));
            input.managers = Some(women_count(&w.managers));
            input.executives = Some(women_count(&w.executives));
            if let (Some(wm), Some(mm)) =
                (w.female_service.total_months, w.male_service.total_months)
            {
                input.service = Some(ServiceTotals {
                    women_months: count(wm),
                    women: count(w.female_service.employees),
                    men_months: count(mm),
                    men: count(w.male_service.employees),
                });
            }
        }
        if let Some(c) = &r.childcare_leave {
            input.childcare = Some(ChildcareCounts {
                women_births: count(c.female.births),
                women_takers: count(c.female.takers),
                men_births: count(c.male.births),
                men_takers: count(c.male.method1_takers),
            });
        }
        if let Some(a) = r
            .overtime
            .as_ref()
            .and_then(|o| o.average_monthly_overtime.as_ref())
        {
            input.overtime = Some(OvertimeTotals {
                total_minutes: count(a.total_minutes),
                workers: count(a.employees),
            });
        }
        if let Some(pl) = &r.paid_leave
            && let (Some(taken), Some(granted)) = (pl.taken_days, pl.granted_days)
        {
            // Days come in whole and half days: twice the days is a whole number.
            let half_days = (taken * 2.0).round();
            input.paid_leave = Some(PaidLeaveTotals {
                taken_half_days: if half_days.is_finite() && half_days > 0.0 {
                    half_days as u64
                } else {
                    0
                },
                granted_days: count(granted),
            });
        }
    }
    if !extras.recruitment.is_empty() {
        let mut c = Competition::default();
        let mut r = RehireCounts::default();
        for cat in &extras.recruitment {
            c.applicants.add(cat.applicants);
            c.hires.add(cat.hires);
            r.rehires.add(cat.rehires);
            r.mid_career_hires.add(cat.mid_career_hires);
        }
        input.competition = Some(c);
        input.rehires = Some(r);
    }
    if !extras.career.is_empty() {
        let of = |event: CareerEvent| -> Option<ByGender> {
            let mut rows = extras.career.iter().filter(|r| r.event == event).peekable();
            rows.peek()?;
            let mut sum = ByGender::default();
            rows.for_each(|r| sum.add(r.count));
            Some(sum)
        };
        input.conversions = Some(ConversionCounts {
            to_regular: of(CareerEvent::ToRegular),
            category_change: of(CareerEvent::CategoryChange),
        });
    }
    input.wages = extras.wages.clone();
    input
}

/// Gather the organization's year and compute it.
pub async fn disclosure(
    state: &AppState,
    org: &Organization,
    fy: i64,
    today: jiff::civil::Date,
) -> Result<Disclosure, AppError> {
    let report: Option<StoredReport> = match state.store.current_kpi_import(org.id, fy).await? {
        Some(i) => Some(
            serde_json::from_str(&i.report_json)
                .map_err(|e| AppError::Internal(format!("stored report: {e}")))?,
        ),
        None => None,
    };
    let rows = state.store.year_extras(org.id).await?;
    let extras = crate::kpi::view::stored_extras(&rows)?
        .into_iter()
        .find(|y| i64::from(y.fiscal_year) == fy)
        .unwrap_or_default();
    let has_extras =
        !(extras.recruitment.is_empty() && extras.wages.is_empty() && extras.career.is_empty());
    let items = women_db::items(&input(report.as_ref(), &extras));
    // The size class: the organization's stated band (the law counts every
    // 常時雇用する労働者, while an import may cover part of them), else the
    // report's headcount on the year's last day.
    let year_end = report
        .as_ref()
        .and_then(|r| r.workforce.as_ref())
        .map(|w| count(w.employees.total));
    let band = org
        .employee_band
        .as_deref()
        .and_then(|b| SizeClass::from_band(b).map(|c| (b.to_string(), c)));
    let (size, size_basis) = match (&band, year_end) {
        (Some((b, c)), _) => (Some(*c), SizeBasis::Band(b.clone())),
        (None, Some(n)) => (Some(SizeClass::of(n)), SizeBasis::Report(n)),
        (None, None) => (None, SizeBasis::Unknown),
    };
    let size_mismatch = match (&band, year_end) {
        (Some((_, c)), Some(n)) if SizeClass::of(n) != *c => Some(n),
        _ => None,
    };
    let (period_from, period_to) = match &report {
        Some(r) => (r.period.from.clone(), r.period.to.clone()),
        None => {
            let p = i16::try_from(fy)
                .ok()
                .and_then(|y| kpi::fiscal_period(&kpi::Settings::default(), y).ok());
            match p {
                Some(p) => (p.from.to_string(), p.to.to_string()),
                None => (String::new(), String::new()),
            }
        }
    };
    Ok(Disclosure {
        fiscal_year: fy,
        period_from,
        period_to,
        has_report: report.is_some(),
        has_extras,
        items,
        requirement: women_db::requirement(size, today),
        size_basis,
        size_mismatch,
    })
}

// ------------------------------------------------------------------ page

/// One figure as shown: its label (empty for an item's only figure) and the
/// value with its unit, or "—".
pub struct ValueView {
    pub label: String,
    pub text: String,
}

/// One table row.
pub struct RowView {
    pub id: &'static str,
    /// The item's catalog entry, for the link to `/definitions`.
    pub figure: Option<&'static str>,
    pub number: &'static str,
    pub group_mark: &'static str,
    pub name: String,
    pub values: Vec<ValueView>,
    pub period: String,
    pub definition: String,
    pub source: String,
    pub source_id: &'static str,
    /// (badge class modifier, text); None when voluntary.
    pub badge: Option<(&'static str, String)>,
}

/// A line of "what must be published".
pub struct RuleLine {
    pub text: String,
}

fn value_text(t: &Tr, f: &women_db::Figure) -> String {
    match f.value {
        Some(v) => t.f1(&format!("womendb.unit.{}", f.column.unit.id()), "n", v),
        None => "—".to_string(),
    }
}

/// The item's name: its catalog entry's, or (for the items erabareru has no
/// data for) the database's.
fn name(t: &Tr, id: women_db::ItemId) -> String {
    match id.def().figure {
        Some(f) => kpi::catalog::figure(f).name.pick(t.lang.code()).to_string(),
        None => t.t(&format!("womendb.item.{}", id.id())).to_string(),
    }
}

/// The item's definition and rounding from its catalog entry, else the
/// database's words.
fn definition(t: &Tr, id: women_db::ItemId) -> String {
    match id.def().figure {
        Some(f) => {
            let e = crate::definitions::Entry::of(kpi::catalog::figure(f), t.lang.code());
            format!("{} {}", e.definition, e.rounding)
        }
        None => t.t(&format!("womendb.def.{}", id.id())).to_string(),
    }
}

fn item_name(t: &Tr, id: women_db::ItemId) -> String {
    format!("{}. {}", id.def().number, name(t, id))
}

fn rows(t: &Tr, d: &Disclosure) -> Vec<RowView> {
    let year = t.f2(
        "womendb.period_year",
        "from",
        t.date(&d.period_from),
        "to",
        t.date(&d.period_to),
    );
    let year_end = t.f1("womendb.period_year_end", "date", t.date(&d.period_to));
    d.items
        .iter()
        .map(|i| {
            let id = i.def.id;
            let badge = match d.requirement.obligation(id) {
                Obligation::Required => Some(("pending", t.t("womendb.badge.required").into())),
                Obligation::Choice(n) => {
                    let text = match d.requirement.choices[n].group {
                        Some(g) => t.f1("womendb.badge.choice_group", "group", g.mark()),
                        None => t.t("womendb.badge.choice_any").into(),
                    };
                    Some(("info", text))
                }
                Obligation::Voluntary => None,
            };
            RowView {
                id: id.id(),
                figure: i.def.figure,
                number: i.def.number,
                group_mark: i.def.group.mark(),
                name: name(t, id),
                values: i
                    .figures
                    .iter()
                    .map(|f| ValueView {
                        label: match f.column.part {
                            women_db::Part::Value => String::new(),
                            p => t.t(&format!("womendb.part.{}", p.id())).into(),
                        },
                        text: value_text(t, f),
                    })
                    .collect(),
                period: match i.def.period {
                    PeriodKind::FiscalYear => year.clone(),
                    PeriodKind::YearEnd => year_end.clone(),
                },
                definition: definition(t, id),
                source: t
                    .t(match i.source {
                        Source::Computed => "womendb.source.computed",
                        Source::Entered => "womendb.source.entered",
                        Source::None => "womendb.source.none",
                    })
                    .into(),
                source_id: i.source.id(),
                badge,
            }
        })
        .collect()
}

/// The requirement in sentences.
fn rule_lines(t: &Tr, r: &Requirement) -> Vec<RuleLine> {
    let mut out = Vec::new();
    let names = |ids: &[women_db::ItemId]| {
        ids.iter()
            .map(|i| item_name(t, *i))
            .collect::<Vec<_>>()
            .join(t.t("womendb.list_separator"))
    };
    if !r.required.is_empty() {
        out.push(RuleLine {
            text: t.f1("womendb.rule.required", "items", names(&r.required)),
        });
    }
    for c in &r.choices {
        let text = match (c.group, r.required.is_empty()) {
            (Some(g), _) => t.f2(
                "womendb.rule.choose_group",
                "n",
                c.at_least,
                "group",
                g.mark(),
            ),
            (None, true) => t.f1("womendb.rule.choose_any", "n", c.at_least),
            (None, false) => t.f1("womendb.rule.choose_more", "n", c.at_least),
        };
        out.push(RuleLine { text });
    }
    if r.duty == Duty::Mandatory {
        out.push(RuleLine {
            text: t.f1("womendb.rule.minimum", "n", r.minimum_items),
        });
    }
    out
}

#[derive(Template)]
#[template(path = "disclosure/page.html")]
struct DisclosurePage {
    c: Ctx,
    org: Organization,
    fy: i64,
    years: Vec<i64>,
    today: String,
    d: Disclosure,
    rows: Vec<RowView>,
    duty_text: String,
    size_text: String,
    regime_text: String,
    rules: Vec<RuleLine>,
    /// Whether the items with a value today meet the requirement.
    met_now: bool,
    /// 「この画面を見られる人：…」
    who_sees: String,
}

/// The organization, when the user may see its aggregates; otherwise the
/// refusal to send (see `visibility::gate`).
async fn org_for(
    state: &AppState,
    c: &Ctx,
    id: i64,
) -> Result<Result<Organization, Response>, AppError> {
    let org = c
        .org_for(&state.store, id, |o| {
            crate::authz::Action::ViewOrganization {
                org_id: o.id,
                region_id: o.region_id,
            }
        })
        .await?;
    Ok(match crate::visibility::gate(c, &org)? {
        Some(refused) => Err(refused),
        None => Ok(org),
    })
}

async fn year(state: &AppState, id: i64, fy: Option<i64>) -> Result<i64, AppError> {
    Ok(match fy.filter(|y| crate::kpi::years().contains(y)) {
        Some(y) => y,
        None => crate::kpi::default_whole_year(&state.store, id).await?,
    })
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let org = match org_for(&state, &c, id).await? {
        Ok(org) => org,
        Err(refused) => return Ok(refused),
    };
    let fy = year(&state, id, q.fy).await?;
    let today = crate::today_jst();
    let d = disclosure(&state, &org, fy, today).await?;
    let t = c.t;
    let r = &d.requirement;
    let size_text = match &d.size_basis {
        SizeBasis::Band(b) => t.f2(
            "womendb.size.from_band",
            "class",
            t.t(&format!(
                "womendb.size.{}",
                r.size.map_or("unknown", |s| s.id())
            )),
            "band",
            b,
        ),
        SizeBasis::Report(n) => t.f2(
            "womendb.size.from_report",
            "class",
            t.t(&format!(
                "womendb.size.{}",
                r.size.map_or("unknown", |s| s.id())
            )),
            "n",
            n,
        ),
        SizeBasis::Unknown => t.t("womendb.size.none").into(),
    };
    let duty_text = t
        .t(match r.duty {
            Duty::Mandatory => "womendb.duty.mandatory",
            Duty::EffortOnly => "womendb.duty.effort",
            Duty::Unknown => "womendb.duty.unknown",
        })
        .to_string();
    let regime_text = t
        .t(match r.regime {
            Regime::Since2022July => "womendb.regime.since_2022_07",
            Regime::Since2026April => "womendb.regime.since_2026_04",
        })
        .to_string();
    let published: Vec<women_db::ItemId> = d
        .items
        .iter()
        .filter(|i| i.has_value())
        .map(|i| i.def.id)
        .collect();
    let page = DisclosurePage {
        who_sees: crate::visibility::who_sees(&c, &org),
        rows: rows(&t, &d),
        rules: rule_lines(&t, r),
        met_now: r.is_met_by(&published),
        duty_text,
        size_text,
        regime_text,
        today: t.date(&today.to_string()),
        years: crate::kpi::years(),
        c,
        org,
        fy,
        d,
    };
    Ok(Html(page.render()?).into_response())
}

/// The organization's row of the open-data CSV (UTF-8 with BOM, the
/// database's column names, `-` for no value).
pub fn csv_bytes(org: &Organization, d: &Disclosure) -> Result<Vec<u8>, csv::Error> {
    let company = women_db::Company {
        name: org.name.clone(),
        corporate_number: org.corporate_number.clone().unwrap_or_default(),
        industry: org
            .industry
            .as_deref()
            .and_then(|i| domain::Industry::parse(i).ok())
            .map(|i| i.name_ja().to_string())
            .unwrap_or_default(),
        prefecture: domain::Prefecture::parse(&org.prefecture)
            .map(|p| p.name_ja().to_string())
            .unwrap_or_default(),
        size: org.employee_band.clone().unwrap_or_default(),
    };
    let mut out = crate::csv_out::CsvOut::new();
    out.record(women_db::csv_header())?;
    out.record(women_db::csv_row(&company, &d.items))?;
    out.into_bytes()
}

async fn csv_download(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let org = match org_for(&state, &c, id).await? {
        Ok(org) => org,
        Err(refused) => return Ok(refused),
    };
    let fy = year(&state, id, q.fy).await?;
    let d = disclosure(&state, &org, fy, crate::today_jst()).await?;
    let bytes = csv_bytes(&org, &d).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut res = bytes.into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"women-db-{}-{fy}.csv\"",
        org.id
    )) {
        res.headers_mut().insert(CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, JA};
    use kpi::extras::{WageAggregate, WageGroup};

    #[test]
    fn every_item_part_and_unit_has_labels_in_both_languages() {
        let mut keys = Vec::new();
        // Items with a catalog entry take their words from it.
        for id in women_db::ItemId::ALL
            .into_iter()
            .filter(|i| i.def().figure.is_none())
        {
            keys.push(format!("womendb.item.{}", id.id()));
            keys.push(format!("womendb.def.{}", id.id()));
        }
        for c in women_db::columns() {
            keys.push(format!("womendb.unit.{}", c.unit.id()));
            if c.part != women_db::Part::Value {
                keys.push(format!("womendb.part.{}", c.part.id()));
            }
        }
        for s in [
            SizeClass::UpTo100,
            SizeClass::From101To300,
            SizeClass::From301,
        ] {
            keys.push(format!("womendb.size.{}", s.id()));
        }
        keys.push("womendb.size.unknown".into());
        for k in &keys {
            assert!(JA.contains_key(k), "ja.toml lacks {k}");
            assert!(EN.contains_key(k), "en.toml lacks {k}");
        }
        // The Japanese names of the items without an entry are the database's own.
        for d in women_db::ITEMS.iter().filter(|d| d.figure.is_none()) {
            assert_eq!(
                JA[&format!("womendb.item.{}", d.id.id())],
                d.name_ja,
                "{:?}",
                d.id
            );
        }
        // Every linked item's entry is in the catalog.
        for d in women_db::ITEMS {
            if let Some(f) = d.figure {
                assert!(kpi::catalog::get(f).is_some(), "{:?}: {f}", d.id);
            }
        }
    }

    #[test]
    fn input_merges_the_report_and_the_aggregates() {
        let report: StoredReport = serde_json::from_value(serde_json::json!({
            "fiscal_year": 2025,
            "period": {"from": "2025-04-01", "to": "2026-03-31"},
            "overtime": {"employees": [], "average_monthly_overtime_hours": 10.0,
                "average_monthly_overtime": {"total_minutes": 72000, "employees": 10, "excluded_deemed_hours": 0}},
            "paid_leave": {"employees": [], "utilization_rate_percent": 52.5, "taken_days": 10.5, "granted_days": 20},
            "childcare_leave": null,
            "workforce": {"reference_date": "2026-03-31",
                "hires": {"total": 3, "women": 1, "women_percent": 33.3},
                "employees": {"total": 50, "women": 20, "women_percent": 40.0},
                "chiefs": {"total": 0, "women": 0, "women_percent": null},
                "managers": {"total": 8, "women": 1, "women_percent": 12.5},
                "executives": {"total": 2, "women": 0, "women_percent": 0.0},
                "male_service": {"employees": 30, "total_months": 3600, "average_years": 10.0},
                "female_service": {"employees": 20, "total_months": 1500, "average_years": 6.3}},
            "settings": {}
        }))
        .unwrap();
        let extras = YearExtras {
            fiscal_year: 2025,
            wages: vec![WageAggregate {
                group: WageGroup::All,
                women_total_yen: 4_000_000,
                women_headcount_hundredths: 1000,
                men_total_yen: 5_000_000,
                men_headcount_hundredths: 1000,
            }],
            ..YearExtras::default()
        };
        let i = input(Some(&report), &extras);
        assert_eq!(
            i.paid_leave,
            Some(PaidLeaveTotals {
                taken_half_days: 21,
                granted_days: 20
            })
        );
        assert_eq!(i.service.unwrap().women_months, 1500);
        assert_eq!(i.competition, None, "no recruitment given");
        let items = women_db::items(&i);
        let wage = items
            .iter()
            .find(|x| x.def.id == women_db::ItemId::WageGap)
            .unwrap();
        assert_eq!(wage.source, Source::Entered);
        assert_eq!(wage.figures[0].value.unwrap().to_string(), "80.0");
        let chiefs = items
            .iter()
            .find(|x| x.def.id == women_db::ItemId::WomenChiefsShare)
            .unwrap();
        assert_eq!(chiefs.source, Source::Computed);
        assert_eq!(chiefs.figures[0].value, None, "no 係長級: no value, not 0");
    }
}
