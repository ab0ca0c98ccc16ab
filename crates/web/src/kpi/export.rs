//! The KPI page's tables as data, written as CSV (UTF-8 with BOM) or XLSX, so both
//! exports always say the same thing.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::employees::Names;
use super::view::{self, StoredReport};
use crate::context::Ctx;

pub enum Cell {
    Text(String),
    /// A count or minutes.
    Number(f64),
    /// Hours, percent or days with one decimal.
    Decimal(f64),
}

pub struct Table {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt(n: Option<f64>) -> Cell {
    n.map(Cell::Decimal).unwrap_or_else(|| text("—"))
}

/// Every table of the report, in the user's language. The first is the monthly one.
/// The per-employee sheets come only with `names` (the organization's admins, who
/// see the employees' own codes); everyone else gets the aggregates alone.
pub fn tables(c: &Ctx, r: &StoredReport, names: Option<&Names>) -> Vec<Table> {
    let t = &c.t;
    let mut out = Vec::new();
    let ot = r.overtime.as_ref();
    let months = ot
        .map(|o| view::monthly_averages(&o.employees, &r.period.from))
        .unwrap_or_default();
    out.push(Table {
        name: t.t("kpi.xlsx.monthly").into(),
        header: vec![
            t.t("kpi.csv.month").into(),
            t.t("kpi.csv.employees").into(),
            t.t("kpi.csv.total_minutes").into(),
            t.t("kpi.csv.average_hours").into(),
        ],
        rows: months
            .iter()
            .map(|m| {
                vec![
                    text(&m.month),
                    Cell::Number(m.employees as f64),
                    Cell::Number(m.total_minutes as f64),
                    Cell::Decimal(m.average_hours),
                ]
            })
            .collect(),
    });
    if let Some(names) = names {
        out.push(Table {
            name: t.t("kpi.xlsx.employees").into(),
            header: vec![
                t.t("kpi.employee").into(),
                t.t("kpi.xlsx.annual_overtime_minutes").into(),
                t.t("kpi.xlsx.months_over_limit").into(),
                t.t("kpi.xlsx.violations").into(),
            ],
            rows: ot
                .map(|o| {
                    o.employees
                        .iter()
                        .map(|e| {
                            vec![
                                text(names.of(&e.employee_id).text),
                                Cell::Number(e.annual_legal_overtime_minutes as f64),
                                Cell::Number(e.months_over_limit as f64),
                                text(
                                    e.violations
                                        .iter()
                                        .map(|v| super::rule_text(c, v))
                                        .collect::<Vec<_>>()
                                        .join(" / "),
                                ),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default(),
        });
        out.push(Table {
            name: t.t("kpi.xlsx.paid_leave").into(),
            header: vec![
                t.t("kpi.employee").into(),
                t.t("kpi.grant_date").into(),
                t.t("kpi.granted").into(),
                t.t("kpi.taken").into(),
                t.t("kpi.deadline").into(),
                t.t("workspace.status").into(),
            ],
            rows: r
                .paid_leave
                .iter()
                .flat_map(|p| p.employees.iter())
                .flat_map(|e| {
                    e.grants.iter().map(move |g| {
                        vec![
                            text(names.of(&e.employee_id).text),
                            text(&g.grant_date),
                            Cell::Number(g.days as f64),
                            Cell::Decimal(g.taken_days),
                            text(&g.deadline),
                            text(t.t(super::duty_key(&g.status))),
                        ]
                    })
                })
                .collect(),
        });
    }
    // Figure names from the one catalog, as the KPI page shows them.
    let lang = t.lang.code();
    let catalog_name = |id: &str| kpi::catalog::figure(id).name.pick(lang);
    let mut summary = Vec::new();
    if let Some(o) = ot {
        summary.push(vec![
            text(catalog_name(kpi::catalog::ids::AVERAGE_MONTHLY_OVERTIME)),
            opt(o.average_monthly_overtime_hours),
        ]);
    }
    if let Some(p) = &r.paid_leave {
        summary.push(vec![
            text(catalog_name(kpi::catalog::ids::PAID_LEAVE_UTILIZATION)),
            opt(p.utilization_rate_percent),
        ]);
    }
    if let Some(cc) = &r.childcare_leave {
        let pct = |p: Option<i64>| {
            p.map(|v| Cell::Number(v as f64))
                .unwrap_or_else(|| text("—"))
        };
        summary.push(vec![
            text(catalog_name(kpi::catalog::ids::MALE_CHILDCARE_METHOD1)),
            pct(cc.male.method1_rate_percent),
        ]);
        summary.push(vec![
            text(catalog_name(kpi::catalog::ids::MALE_CHILDCARE_METHOD2)),
            pct(cc.male.method2_rate_percent),
        ]);
        summary.push(vec![
            text(catalog_name(kpi::catalog::ids::FEMALE_CHILDCARE)),
            pct(cc.female.rate_percent),
        ]);
    }
    if let Some(w) = &r.workforce {
        for (key, s) in [
            ("kpi.share_hires", &w.hires),
            ("kpi.share_employees", &w.employees),
            ("kpi.share_chiefs", &w.chiefs),
            ("kpi.share_managers", &w.managers),
            ("kpi.share_executives", &w.executives),
        ] {
            summary.push(vec![text(t.t(key)), opt(s.women_percent)]);
        }
        summary.push(vec![
            text(t.t("kpi.service_men")),
            opt(w.male_service.average_years),
        ]);
        summary.push(vec![
            text(t.t("kpi.service_women")),
            opt(w.female_service.average_years),
        ]);
    }
    out.push(Table {
        name: t.t("kpi.xlsx.summary").into(),
        header: vec![t.t("kpi.item").into(), t.t("kpi.xlsx.value").into()],
        rows: summary,
    });
    out
}

/// One table as CSV, UTF-8 with a BOM so that Excel opens it correctly.
pub fn csv(table: &Table) -> Result<Vec<u8>, csv::Error> {
    let mut out = crate::csv_out::CsvOut::new();
    out.record(&table.header)?;
    for row in &table.rows {
        out.record(row.iter().map(|c| match c {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => format!("{n:.0}"),
            Cell::Decimal(n) => format!("{n:.1}"),
        }))?;
    }
    out.into_bytes()
}

/// Every table, one sheet each.
pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for table in tables {
        let sheet = book.add_worksheet();
        // Sheet names are limited to 31 characters and some punctuation.
        let name: String = table
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        sheet.set_name(name)?;
        for (col, h) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, h, &bold)?;
            sheet.set_column_width(col as u16, 18)?;
        }
        for (i, row) in table.rows.iter().enumerate() {
            for (col, cell) in row.iter().enumerate() {
                let (r, c) = (i as u32 + 1, col as u16);
                match cell {
                    Cell::Text(s) => sheet.write_string(r, c, s)?,
                    Cell::Number(n) | Cell::Decimal(n) => sheet.write_number(r, c, *n)?,
                };
            }
        }
    }
    book.save_to_buffer()
}
