//! The KPI figures a participant may attach to the first worksheet: their
//! organization's aggregates from its imports (the KPI page's headline
//! figures), never a per-employee row, and only when the participant may see
//! the organization's aggregates. Attached, a figure is kept as a snapshot:
//! catalog id, fiscal year, the value and unit as shown, its origin.

use domain::course::FigureSnapshot;
use kpi::catalog::ids;

use crate::AppState;
use crate::authz::{Action, Principal};
use crate::errors::AppError;
use crate::i18n::Tr;
use crate::kpi::view::StoredReport;

/// The origin of a figure computed from the organization's imports.
pub const COMPUTED: &str = "computed";

/// How many recent fiscal years are offered.
const YEARS: i64 = 2;

/// The figures of `org_id` that `p` may attach (empty when they may not see
/// the organization's aggregates).
pub async fn attachable(
    state: &AppState,
    p: &Principal,
    org_id: i64,
) -> Result<Vec<FigureSnapshot>, AppError> {
    let org = state.store.organization(org_id).await?;
    if !crate::authz::allows(p, &Action::view_aggregates(&org)) {
        return Ok(Vec::new());
    }
    Ok(of_org(&state.store, org_id).await?)
}

/// The organization's headline aggregates of its latest years with imports
/// (no access check: [`attachable`] is the one to call for a user).
pub async fn of_org(
    store: &store::Store,
    org_id: i64,
) -> Result<Vec<FigureSnapshot>, store::Error> {
    let Some(latest) = store.latest_kpi_year(org_id).await? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for fy in (latest - YEARS + 1..=latest).rev() {
        let Some(import) = store.current_kpi_import(org_id, fy).await? else {
            continue;
        };
        let Ok(report) = serde_json::from_str::<StoredReport>(&import.report_json) else {
            continue;
        };
        out.extend(of_report(fy, &report));
    }
    Ok(out)
}

fn snapshot(id: &str, fy: i64, value: String) -> FigureSnapshot {
    FigureSnapshot {
        figure_id: id.to_string(),
        fiscal_year: fy,
        unit: kpi::catalog::figure(id).unit.label().ja.to_string(),
        value,
        origin: COMPUTED.to_string(),
    }
}

/// The headline aggregates of one year's report, as the KPI page shows them.
fn of_report(fy: i64, r: &StoredReport) -> Vec<FigureSnapshot> {
    let mut out = Vec::new();
    if let Some(h) = r
        .overtime
        .as_ref()
        .and_then(|o| o.average_monthly_overtime_hours)
    {
        out.push(snapshot(ids::AVERAGE_MONTHLY_OVERTIME, fy, h.to_string()));
    }
    if let Some(u) = r
        .paid_leave
        .as_ref()
        .and_then(|p| p.utilization_rate_percent)
    {
        out.push(snapshot(ids::PAID_LEAVE_UTILIZATION, fy, format!("{u:.1}")));
    }
    if let Some(cc) = &r.childcare_leave {
        if let Some(p) = cc.male.method1_rate_percent {
            out.push(snapshot(ids::MALE_CHILDCARE_METHOD1, fy, p.to_string()));
        }
        if let Some(p) = cc.female.rate_percent {
            out.push(snapshot(ids::FEMALE_CHILDCARE, fy, p.to_string()));
        }
    }
    if let Some(p) = r.workforce.as_ref().and_then(|w| w.managers.women_percent) {
        out.push(snapshot(ids::WOMEN_SHARE_MANAGERS, fy, format!("{p:.1}")));
    }
    out
}

/// The snapshots for the ticked keys: one kept from before keeps its values
/// (a snapshot), a new one is taken from what is attachable now; any other key
/// is ignored.
pub fn resolve(
    ticked: &[String],
    before: &[FigureSnapshot],
    available: &[FigureSnapshot],
) -> Vec<FigureSnapshot> {
    let mut out: Vec<FigureSnapshot> = Vec::new();
    for key in ticked {
        if out.iter().any(|f| &f.key() == key) {
            continue;
        }
        if let Some(f) = before.iter().chain(available).find(|f| &f.key() == key) {
            out.push(f.clone());
        }
    }
    out
}

/// A figure as a line: 「2025年度 平均残業時間：12.3時間（取込データから算出）」.
pub struct FigureLine {
    pub key: String,
    pub figure_id: String,
    pub name: String,
    pub text: String,
    pub checked: bool,
}

pub fn line(t: &Tr, f: &FigureSnapshot, checked: bool) -> FigureLine {
    let name = kpi::catalog::get(&f.figure_id)
        .map(|e| e.name.pick(t.lang.code()).to_string())
        .unwrap_or_else(|| f.figure_id.clone());
    let unit = kpi::catalog::get(&f.figure_id)
        .map(|e| e.unit.label().pick(t.lang.code()).to_string())
        .unwrap_or_else(|| f.unit.clone());
    let origin = if f.origin == COMPUTED {
        t.t("course.figure.computed")
    } else {
        t.t("course.figure.declared")
    };
    let year = crate::declarations::fiscal_year_label(t, f.fiscal_year);
    let text = if t.is_ja() {
        format!("{year} {name}：{}{unit}（{origin}）", f.value)
    } else {
        let sep = if unit == "%" { "" } else { " " };
        format!("{year} {name}: {}{sep}{unit} ({origin})", f.value)
    };
    FigureLine {
        key: f.key(),
        figure_id: f.figure_id.clone(),
        text,
        name,
        checked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(id: &str, fy: i64, v: &str) -> FigureSnapshot {
        FigureSnapshot {
            figure_id: id.into(),
            fiscal_year: fy,
            value: v.into(),
            unit: "%".into(),
            origin: COMPUTED.into(),
        }
    }

    #[test]
    fn a_kept_snapshot_keeps_its_value_and_unknown_keys_are_ignored() {
        let before = [f(ids::PAID_LEAVE_UTILIZATION, 2025, "61.0")];
        let now = [
            f(ids::PAID_LEAVE_UTILIZATION, 2025, "63.5"),
            f(ids::FEMALE_CHILDCARE, 2025, "100"),
        ];
        let got = resolve(
            &[
                format!("{}|2025", ids::PAID_LEAVE_UTILIZATION),
                format!("{}|2025", ids::FEMALE_CHILDCARE),
                "employee_rows|2025".into(),
                format!("{}|2025", ids::FEMALE_CHILDCARE),
            ],
            &before,
            &now,
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].value, "61.0", "the snapshot, not today's value");
        assert_eq!(got[1].figure_id, ids::FEMALE_CHILDCARE);
    }
}
