//! `erabareru certify`: certification readiness (くるみん, えるぼし,
//! ユースエール) of a folder of canonical files plus the certification
//! inputs (recruitment, wages, career, industry averages, facts), with no
//! database. Like `kpi`, everything is read before anything is printed; bad
//! input prints only the error and exits with status 2. A mark that cannot
//! be obtained is a result, not an error: the exit status is then 0.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use kpi::{Criterion, MarkResult};
use serde::Serialize;
use web::readiness::words;

use crate::kpi_cmd::{Format, SettingsArgs, resolve_profile};

#[derive(Args, Debug)]
pub struct CertifyArgs {
    /// Folder with the canonical files (employees.csv, attendance.csv, family_events.csv,
    /// leaves.csv) and the certification inputs (recruitment.csv, wages.csv, career.csv,
    /// industry_averages.csv, facts.csv); any subset.
    #[arg(long)]
    data: PathBuf,
    /// Fiscal year of the figures (the base year): 2026 means 2026-04-01 to 2027-03-31
    /// (also 2026年度, FY2026).
    #[arg(long)]
    fy: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Application date (YYYY-MM-DD); decides which くるみん criteria apply. Default: today (JST).
    #[arg(long)]
    date: Option<String>,
    /// First fiscal year of the 次世代法 plan period (くるみん leave rates are measured
    /// from it to --fy). Default: --fy alone.
    #[arg(long)]
    plan_from: Option<String>,
    /// Industry of industry_averages.csv to compare with (大分類 letter or name), when the
    /// file holds several.
    #[arg(long)]
    industry: Option<String>,
    /// Mapping profile for the folder's attendance.csv and employees.csv (or --attendance /
    /// --employees): a preset name (see `erabareru kpi --list-profiles`) or a TOML file.
    #[arg(long)]
    profile: Option<String>,
    /// Attendance file to use instead of the folder's attendance.csv.
    #[arg(long)]
    attendance: Option<PathBuf>,
    /// Employees file to use instead of the folder's employees.csv.
    #[arg(long)]
    employees: Option<PathBuf>,
    /// The computation's settings.
    #[command(flatten)]
    settings: SettingsArgs,
}

/// Bad input: the message on stderr, exit status 2, nothing on stdout.
fn bad_input(message: String) -> ! {
    eprintln!("Error: {message}");
    std::process::exit(2);
}

fn fiscal_year_arg(flag: &str, s: &str) -> i16 {
    match domain::FiscalYear::parse(s)
        .ok()
        .and_then(|fy| i16::try_from(fy.year()).ok())
    {
        Some(y) => y,
        None => bad_input(format!(
            "{flag} {s}: 年度として読めません（例 2026、2026年度）\n{flag} {s}: not a fiscal year (e.g. 2026)"
        )),
    }
}

/// The JSON of `erabareru certify --format json`.
#[derive(Serialize)]
struct CertifyJson<'a> {
    fiscal_year: i16,
    application_date: String,
    marks: &'a [MarkResult],
}

pub fn run(args: CertifyArgs) -> anyhow::Result<()> {
    let fy = fiscal_year_arg("--fy", &args.fy);
    let plan_from = args
        .plan_from
        .as_deref()
        .map(|s| fiscal_year_arg("--plan-from", s));
    let application_date = match &args.date {
        None => web::today_jst(),
        Some(s) => ingest::value::parse_date(&ingest::value::clean(s))
            .unwrap_or_else(|e| bad_input(format!("--date {s}: {}\n--date {s}: {}", e.ja, e.en))),
    };
    let profile = match args.profile.as_deref().map(resolve_profile).transpose() {
        Ok(p) => p,
        Err(e) => bad_input(e.to_string()),
    };
    let settings = args.settings.to_settings();
    let opts = ingest::CertifyOptions {
        plan_first_fiscal_year: plan_from,
        application_date,
        industry: args.industry.clone(),
        profile,
        attendance: args.attendance.clone(),
        employees: args.employees.clone(),
    };
    let (input, marks) = ingest::certify(&args.data, fy, settings, &opts)
        .unwrap_or_else(|e| bad_input(format!("{e}\n{}", e.message_en())));

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            let json = CertifyJson {
                fiscal_year: fy,
                application_date: application_date.to_string(),
                marks: &marks,
            };
            serde_json::to_writer_pretty(&mut out, &json)?;
            out.write_all(b"\n")?;
        }
        Format::Table => {
            out.write_all(table(fy, application_date, &marks, input.age_band).as_bytes())?
        }
    }
    out.flush()?;
    Ok(())
}

fn verdict_ja(r: &MarkResult) -> String {
    match r.eligible {
        Some(true) => match r.stage {
            Some(s) => format!("取得可能（{s}段階目）"),
            None => "取得可能".to_string(),
        },
        Some(false) => "未達".to_string(),
        None => match r.stage {
            Some(s) => format!("判定できません（すべて「はい」なら{s}段階目）"),
            None => "判定できません".to_string(),
        },
    }
}

fn met_mark(c: &Criterion) -> &'static str {
    match c.met {
        Some(true) => "○",
        Some(false) => "×",
        None => "？",
    }
}

/// The Japanese summary of `erabareru certify --format table`.
pub fn table(
    fy: i16,
    application_date: impl std::fmt::Display,
    marks: &[MarkResult],
    age_band: (u8, u8),
) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let fiscal = domain::FiscalYear::new(i32::from(fy)).ok();
    let _ = writeln!(
        s,
        "認定の基準の確認: {}{} / 申請日 {}",
        fiscal.map_or_else(|| format!("{fy}年度"), |f| f.label_ja()),
        fiscal.map_or_else(String::new, |f| format!("（{}）", f.label_wareki())),
        application_date
    );
    let _ = writeln!(
        s,
        "○ 満たす / × 満たさない / ？ 判定できません（データか確認事項の回答が足りません）"
    );
    // The same names, values and gap sentences as the readiness page.
    let t = web::i18n::Tr::new(web::i18n::Lang::Ja);
    for r in marks {
        let _ = writeln!(s, "\n■ {}: {}", words::mark_title(&t, r), verdict_ja(r));
        for c in &r.criteria {
            let value = c
                .value
                .as_ref()
                .map_or_else(|| "—".to_string(), |v| words::value(&t, c.id, v));
            let _ = writeln!(
                s,
                "  {} {}{}: {value}（基準: {}）{}",
                met_mark(c),
                words::what(&t, c.id),
                if c.required { "" } else { "［段階］" },
                c.threshold,
                c.period
                    .as_ref()
                    .map_or_else(String::new, |p| format!(" 期間 {p}")),
            );
            for id in kpi::catalog::figures_of(c) {
                // The figure's catalog name, as the readiness page links it.
                let f = kpi::catalog::figure(id);
                let _ = writeln!(
                    s,
                    "      定義: {}（{}）",
                    f.name.ja,
                    f.rounding.describe_ja()
                );
            }
            if let Some(g) = c.gap.as_ref().filter(|_| c.met != Some(true)) {
                // The page's pointer to its form becomes a pointer to facts.csv here.
                let gap = words::gap(&t, g, age_band)
                    .replace(t.t("readiness.hint.fact"), "facts.csv で回答してください。");
                let _ = writeln!(s, "      → {gap}");
            }
        }
    }
    s
}
