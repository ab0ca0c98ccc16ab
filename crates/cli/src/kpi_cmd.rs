//! `erabareru kpi`: the legal KPIs of a folder of canonical CSV files, or of
//! vendor exports read through a mapping profile (`--profile`), with no
//! database. Reads everything first and prints only when every file was
//! read without error, so bad input prints nothing but the error.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};
use kpi::catalog::ids;
use kpi::{DutyStatus, FiscalYearReport, Rule, Settings, WeekStart};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The JSON of docs/formats.md.
    Json,
    /// A readable Japanese summary.
    Table,
}

/// First day of the week for the 40 h limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum WeekStartArg {
    /// Sunday–Saturday (default).
    Sunday,
    /// Monday–Sunday.
    Monday,
}

/// The flags that change how the KPIs are computed (shared by `kpi` and `certify`).
#[derive(Args, Debug)]
pub struct SettingsArgs {
    /// The 36協定 has no 特別条項 (45 h a month and 360 h a year are hard limits).
    #[arg(long)]
    no_special_clause: bool,
    /// 1年単位の変形労働時間制 over 3 months: limits 42 h a month and 320 h a year.
    #[arg(long)]
    variable_hours: bool,
    /// First day of the week for the 40 h weekly limit.
    #[arg(long, value_enum, default_value_t = WeekStartArg::Sunday)]
    week_start: WeekStartArg,
    /// 特例事業場: 44 h weekly limit.
    #[arg(long)]
    special_workplace: bool,
}

impl SettingsArgs {
    /// The kpi crate's settings for these flags.
    pub fn to_settings(&self) -> Settings {
        Settings {
            special_clause: !self.no_special_clause,
            variable_hours: self.variable_hours,
            week_start: match self.week_start {
                WeekStartArg::Sunday => WeekStart::Sunday,
                WeekStartArg::Monday => WeekStart::Monday,
            },
            special_workplace: self.special_workplace,
            ..Settings::default()
        }
    }
}

#[derive(Args, Debug)]
pub struct KpiArgs {
    /// Folder with employees.csv, attendance.csv, family_events.csv, leaves.csv (any subset).
    #[arg(long, conflicts_with_all = ["attendance", "employees", "family_events", "leaves"])]
    data: Option<PathBuf>,
    /// Attendance file (canonical, or in the layout of --profile).
    #[arg(long)]
    attendance: Option<PathBuf>,
    /// Employees file (canonical names and aliases, plus the profile's [employees] names).
    #[arg(long)]
    employees: Option<PathBuf>,
    /// Family events file (canonical).
    #[arg(long)]
    family_events: Option<PathBuf>,
    /// Leaves file (canonical).
    #[arg(long)]
    leaves: Option<PathBuf>,
    /// Mapping profile: a preset name (see --list-profiles) or the path of a TOML file.
    /// With --data, the folder's attendance.csv (and employees.csv) is read through it.
    #[arg(long)]
    profile: Option<String>,
    /// Print the shipped mapping profiles and exit.
    #[arg(long, exclusive = true)]
    list_profiles: bool,
    /// Fiscal year: 2026 means 2026-04-01 to 2027-03-31 (also 2026年度, FY2026).
    #[arg(long, required_unless_present = "list_profiles")]
    fy: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// The computation's settings.
    #[command(flatten)]
    settings: SettingsArgs,
    /// Print rows read, bytes and timing to stderr.
    #[arg(long)]
    stats: bool,
}

/// The profile named on the command line: a preset, or a TOML file.
pub(crate) fn resolve_profile(arg: &str) -> anyhow::Result<ingest::Profile> {
    if let Some(p) = ingest::profile::preset(arg) {
        return Ok(p);
    }
    let path = std::path::Path::new(arg);
    if path.is_file() {
        return ingest::profile::load_profile(path)
            .map_err(|e| anyhow::anyhow!("{e}\n{}", e.message_en()));
    }
    let names = ingest::profile::presets()
        .into_iter()
        .map(|p| p.name)
        .collect::<Vec<_>>()
        .join(", ");
    anyhow::bail!(
        "--profile {arg}: そのような既定のプロファイルもファイルもありません（既定: {names}、または TOML ファイルのパス）\n\
         --profile {arg}: no such preset or file (presets: {names}; or the path of a TOML file)"
    )
}

/// `erabareru kpi --list-profiles`.
fn list_profiles() -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    for p in ingest::profile::presets() {
        let _ = writeln!(s, "{}\t{} / {}", p.name, p.label_ja, p.label_en);
        let enc = p.encoding.as_deref().unwrap_or("auto");
        let rows = if p.monthly_summary {
            "monthly summary (precomputed)"
        } else {
            "daily"
        };
        let _ = writeln!(
            s,
            "\tencoding {enc}, durations {}, rows {rows}",
            p.time_format.code()
        );
        let cols: Vec<String> = p
            .attendance_specs()
            .iter()
            .filter_map(|c| {
                // The key as written in the profile's [attendance] table.
                let key = match c.name {
                    "break_minutes" => "break",
                    "legal_overtime_minutes" => "legal_overtime",
                    "legal_holiday_minutes" => "legal_holiday",
                    n => n,
                };
                c.headers.first().map(|(h, _)| format!("{key}={h}"))
            })
            .collect();
        if p.attendance.is_some() {
            let _ = writeln!(s, "\tattendance: {}", cols.join(", "));
        } else {
            let _ = writeln!(s, "\tattendance: canonical column names and aliases");
        }
    }
    s
}

pub fn run(args: KpiArgs) -> anyhow::Result<()> {
    if args.list_profiles {
        print!("{}", list_profiles());
        return Ok(());
    }
    let fy_arg = args.fy.clone().unwrap_or_default();
    let fy =
        domain::FiscalYear::parse(&fy_arg).map_err(|e| anyhow::anyhow!("--fy {fy_arg}: {e}"))?;
    let fy_num = i16::try_from(fy.year()).context("fiscal year out of range")?;
    let settings = args.settings.to_settings();
    let started = std::time::Instant::now();
    let profile = args.profile.as_deref().map(resolve_profile).transpose()?;
    let result = match (&args.data, &profile) {
        (Some(dir), None) => ingest::compute_with_stats(dir, fy_num, settings),
        (Some(dir), Some(profile)) => {
            if !dir.is_dir() {
                anyhow::bail!(
                    "{}: フォルダが見つかりません\n{}: is not a folder",
                    dir.display(),
                    dir.display()
                );
            }
            let present = |name: &str| {
                let p = dir.join(name);
                p.is_file().then_some(p)
            };
            ingest::compute_files_with_profile(
                present(ingest::ATTENDANCE_CSV).as_deref(),
                present(ingest::EMPLOYEES_CSV).as_deref(),
                present(ingest::FAMILY_EVENTS_CSV).as_deref(),
                present(ingest::LEAVES_CSV).as_deref(),
                fy_num,
                settings,
                profile,
            )
        }
        (None, profile) => {
            if args.attendance.is_none()
                && args.employees.is_none()
                && args.family_events.is_none()
                && args.leaves.is_none()
            {
                anyhow::bail!(
                    "--data DIR か、--attendance / --employees / --family-events / --leaves でファイルを指定してください\n\
                     give --data DIR, or files with --attendance / --employees / --family-events / --leaves"
                );
            }
            let canonical;
            let profile = match profile {
                Some(p) => p,
                None => {
                    canonical = ingest::profile::preset("canonical").expect("canonical preset");
                    &canonical
                }
            };
            ingest::compute_files_with_profile(
                args.attendance.as_deref(),
                args.employees.as_deref(),
                args.family_events.as_deref(),
                args.leaves.as_deref(),
                fy_num,
                settings,
                profile,
            )
        }
    };
    // Bad input: the message on stderr, exit status 2, nothing on stdout.
    let bad_input = |message: String| -> ! {
        eprintln!("Error: {message}");
        std::process::exit(2);
    };
    let (report, stats) = match result {
        Ok(r) => r,
        Err(e) => bad_input(format!("{e}\n{}", e.message_en())),
    };
    if stats.attendance_encoding.is_some() && stats.attendance_rows == 0 {
        let file = args
            .attendance
            .as_deref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ingest::ATTENDANCE_CSV.to_string());
        bad_input(format!(
            "{file}: 見出し行のほかにデータ行がありません\n{file}: no data rows, only a header"
        ));
    }
    require_rows_in_year(&stats, &report.settings, fy_num);
    let elapsed = started.elapsed();
    if args.stats {
        let secs = elapsed.as_secs_f64();
        eprintln!(
            "read {} attendance rows ({:.1} MB{}) in {:.3} s: {:.0} rows/s, {:.1} MB/s",
            stats.attendance_rows,
            stats.attendance_bytes as f64 / 1e6,
            stats
                .attendance_encoding
                .map(|e| format!(", {}", e.name()))
                .unwrap_or_default(),
            secs,
            stats.attendance_rows as f64 / secs,
            stats.attendance_bytes as f64 / 1e6 / secs,
        );
    }
    // Everything was read and computed: only now is anything written.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            out.write_all(b"\n")?;
        }
        Format::Table => out.write_all(table(&report, &fy).as_bytes())?,
    }
    out.flush()?;
    Ok(())
}

/// Attendance without a row in the fiscal year is bad input (exit 2), with
/// the fiscal years the rows do cover: its figures would say nobody worked.
fn require_rows_in_year(stats: &ingest::IngestStats, settings: &Settings, fy: i16) {
    if let Some(span) = &stats.attendance_span
        && let Err(e) = ingest::require_rows_in_year(span, settings, fy)
    {
        eprintln!("Error: {e}\n{}", e.message_en());
        std::process::exit(2);
    }
}

fn hm(minutes: u64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

fn opt<T: std::fmt::Display>(v: Option<T>, unit: &str) -> String {
    match v {
        Some(v) => format!("{v}{unit}"),
        None => "—".to_string(),
    }
}

fn rule_ja(rule: Rule, window: Option<u8>) -> String {
    match rule {
        Rule::Monthly100h => "月100時間以上（時間外＋休日）".to_string(),
        Rule::Average80h => format!(
            "{}か月平均80時間超（時間外＋休日）",
            window.map_or_else(|| "2〜6".to_string(), |w| w.to_string())
        ),
        Rule::Annual720h => "年720時間超".to_string(),
        Rule::MonthsOverLimit => "月45時間超が年7回目以降".to_string(),
        Rule::MonthlyLimit => "月45時間超（特別条項なし）".to_string(),
        Rule::AnnualLimit => "年360時間超（特別条項なし）".to_string(),
    }
}

/// A figure's Japanese name from the catalog (`/definitions` explains it).
fn name(id: &str) -> &'static str {
    kpi::catalog::figure(id).name.ja
}

/// The Japanese summary of `erabareru kpi --format table`.
pub fn table(r: &FiscalYearReport, fy: &domain::FiscalYear) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let st = &r.settings;
    let _ = writeln!(
        s,
        "{}（{}） {} 〜 {}",
        fy.label_ja(),
        fy.label_wareki(),
        r.period.from,
        r.period.to
    );
    let _ = writeln!(
        s,
        "設定: 特別条項{} / 週の起算日 {} / 週の法定労働時間 {}時間 / 限度時間 月{}時間・年{}時間",
        if st.special_clause {
            "あり"
        } else {
            "なし"
        },
        match st.week_start {
            WeekStart::Sunday => "日曜",
            WeekStart::Monday => "月曜",
        },
        st.weekly_limit_minutes() / 60,
        st.monthly_limit_minutes() / 60,
        st.annual_limit_minutes() / 60,
    );

    if let Some(c) = &r.coverage {
        let _ = writeln!(
            s,
            "勤怠データ: {} 〜 {}、年度内 {}/12か月{}（年度外の行 {}）",
            opt(c.first_date, ""),
            opt(c.last_date, ""),
            c.months.len(),
            if c.complete {
                ""
            } else {
                "・データのない月あり"
            },
            c.rows_outside_period
        );
    }
    let _ = writeln!(s, "\n■ 時間外労働と36協定");
    match &r.overtime {
        None => {
            let _ = writeln!(s, "  attendance.csv がないため計算していません");
        }
        Some(ot) => {
            let a = &ot.average_monthly_overtime;
            let _ = writeln!(
                s,
                "  対象者 {}人（事業場外みなし {}人を除く）",
                a.employees, a.excluded_deemed_hours
            );
            let _ = writeln!(
                s,
                "  {}: {}（法定時間外＋法定休日労働 {} ÷ 12か月 ÷ {}人）",
                name(ids::AVERAGE_MONTHLY_OVERTIME),
                opt(ot.average_monthly_overtime_hours, "時間"),
                hm(a.total_minutes),
                a.employees
            );
            let over45 = ot
                .employees
                .iter()
                .filter(|e| e.months_over_limit > 0)
                .count();
            let _ = writeln!(
                s,
                "  月{}時間超の月がある人: {over45}人",
                st.monthly_limit_minutes() / 60
            );
            let mut counts: Vec<(Rule, usize)> = Vec::new();
            for v in ot.employees.iter().flat_map(|e| &e.violations) {
                match counts.iter_mut().find(|(r, _)| *r == v.rule) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((v.rule, 1)),
                }
            }
            let violators: Vec<_> = ot
                .employees
                .iter()
                .filter(|e| !e.violations.is_empty())
                .collect();
            let complete = r.coverage.as_ref().is_some_and(|c| c.complete);
            if violators.is_empty() && !complete {
                let months = r.coverage.as_ref().map_or(0, |c| c.months.len());
                let _ = writeln!(
                    s,
                    "  上限規制の違反: データのある{months}か月にはなし（データのない月は判断していません）"
                );
            } else if violators.is_empty() {
                let _ = writeln!(s, "  上限規制の違反: なし");
            } else {
                let _ = writeln!(s, "  上限規制の違反: {}人", violators.len());
                for (rule, n) in &counts {
                    let _ = writeln!(s, "    {}: {n}件", rule_ja(*rule, None));
                }
                let _ = writeln!(s, "  違反のある社員（最大20人）:");
                let _ = writeln!(s, "    社員番号      年間時間外   45h超  違反");
                for e in violators.iter().take(20) {
                    let list = e
                        .violations
                        .iter()
                        .map(|v| format!("{} {}", v.month, rule_ja(v.rule, v.window_months)))
                        .take(4)
                        .collect::<Vec<_>>()
                        .join("、");
                    let more = e.violations.len().saturating_sub(4);
                    let _ = writeln!(
                        s,
                        "    {:<12}  {:>9}  {:>3}か月  {list}{}",
                        e.employee_id,
                        hm(e.annual_legal_overtime_minutes),
                        e.months_over_limit,
                        if more > 0 {
                            format!(" ほか{more}件")
                        } else {
                            String::new()
                        }
                    );
                }
                if violators.len() > 20 {
                    let _ = writeln!(
                        s,
                        "    ほか{}人（--format json で全員）",
                        violators.len() - 20
                    );
                }
            }
        }
    }

    let _ = writeln!(s, "\n■ 年次有給休暇");
    match &r.paid_leave {
        None => {
            let _ = writeln!(s, "  employees.csv がないため計算していません");
        }
        Some(pl) => {
            let _ = writeln!(
                s,
                "  {}: {}（取得 {}日 ÷ 年度内に付与 {}日）",
                name(ids::PAID_LEAVE_UTILIZATION),
                opt(pl.utilization_rate_percent, "%"),
                pl.taken_days,
                pl.granted_days
            );
            let (mut duty, mut met, mut not_met, mut progress) = (0, 0, 0, 0);
            for g in pl.employees.iter().flat_map(|e| &e.grants) {
                match g.status {
                    DutyStatus::NotApplicable => continue,
                    DutyStatus::Met => met += 1,
                    DutyStatus::NotMet => not_met += 1,
                    DutyStatus::InProgress => progress += 1,
                }
                duty += 1;
            }
            let _ = writeln!(
                s,
                "  {}（10日以上の付与）: {duty}件 — 達成 {met} / 未達 {not_met} / 期間中 {progress}",
                name(ids::PAID_LEAVE_FIVE_DAY_DUTY)
            );
            if pl.hourly_leave_minutes > 0 {
                let _ = writeln!(
                    s,
                    "  時間単位年休: {}（取得率・5日には含めません）",
                    hm(pl.hourly_leave_minutes)
                );
            }
        }
    }

    let _ = writeln!(s, "\n■ 育児休業等取得率");
    match &r.childcare_leave {
        None => {
            let _ = writeln!(
                s,
                "  employees.csv と family_events.csv / leaves.csv がないため計算していません"
            );
        }
        Some(c) => {
            let m = &c.male;
            let _ = writeln!(
                s,
                "  {}: {}（{}人 ÷ 配偶者が出産 {}人）",
                name(ids::MALE_CHILDCARE_METHOD1),
                opt(m.method1_rate_percent, "%"),
                m.method1_takers,
                m.births
            );
            let _ = writeln!(
                s,
                "  {}: {}（{}人 ÷ {}人）",
                name(ids::MALE_CHILDCARE_METHOD2),
                opt(m.method2_rate_percent, "%"),
                m.method2_takers,
                m.births
            );
            let f = &c.female;
            let _ = writeln!(
                s,
                "  {}: {}（{}人 ÷ 出産 {}人）",
                name(ids::FEMALE_CHILDCARE),
                opt(f.rate_percent, "%"),
                f.takers,
                f.births
            );
        }
    }

    if let Some(w) = &r.workforce {
        let _ = writeln!(s, "\n■ 女性の活躍（{} 時点）", w.reference_date);
        for (label, share) in [
            (ids::WOMEN_SHARE_HIRES, &w.hires),
            (ids::WOMEN_SHARE_WORKERS, &w.employees),
            (ids::WOMEN_SHARE_CHIEFS, &w.chiefs),
            (ids::WOMEN_SHARE_MANAGERS, &w.managers),
            (ids::WOMEN_SHARE_EXECUTIVES, &w.executives),
        ] {
            let label = name(label);
            let _ = writeln!(
                s,
                "  {label}: {}（{}人 ÷ {}人）",
                opt(share.women_percent, "%"),
                share.women,
                share.total
            );
        }
        let _ = writeln!(
            s,
            "  {}: 男性 {}（{}人） / 女性 {}（{}人）",
            name(ids::AVERAGE_SERVICE_YEARS),
            opt(w.male_service.average_years, "年"),
            w.male_service.employees,
            opt(w.female_service.average_years, "年"),
            w.female_service.employees
        );
    }
    s
}
