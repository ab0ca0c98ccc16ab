//! What an import's files cover (issue 8, "Data that says what it covers"), on
//! SQLite and PostgreSQL: the preview shows it, the fiscal year is preselected from
//! the data, a year without rows is refused naming the years covered, unsorted rows
//! give the figures of sorted rows, and a month without rows is 「データなし」.

mod support;

use store::both_backends;
use support::*;

const EMPLOYEES: &str =
    "employee_id,gender,hire_date\nE001,male,2020-04-01\nE002,female,2021-04-01\n";

/// 10 rows: one in March 2026 (FY2025), E001 on the 1st of April–September 2026
/// (9:00–20:00, 120 min over 8 h each), E002 in April, May and March 2027. Months
/// with rows: 2026-03 … 2026-09 and 2027-03; in FY2026: April–September and March.
const ROWS: [&str; 10] = [
    "E001,2026-03-31,9:00,18:00,60",
    "E001,2026-04-01,9:00,20:00,60",
    "E001,2026-05-01,9:00,20:00,60",
    "E001,2026-06-01,9:00,20:00,60",
    "E001,2026-07-01,9:00,20:00,60",
    "E001,2026-08-03,9:00,20:00,60",
    "E001,2026-09-01,9:00,20:00,60",
    "E002,2026-04-02,9:00,18:00,60",
    "E002,2026-05-01,9:00,19:00,60",
    "E002,2027-03-01,9:00,18:00,60",
];

fn attendance(rows: &[&str]) -> Vec<u8> {
    format!(
        "employee_id,date,start,end,break_minutes\n{}\n",
        rows.join("\n")
    )
    .into_bytes()
}

/// Rows in no order: employees interleaved, dates going back.
fn shuffled() -> Vec<&'static str> {
    let mut rows = ROWS.to_vec();
    rows.reverse();
    rows.swap(1, 6);
    rows
}

fn form(fiscal_year: &str, attendance: Vec<u8>) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("fiscal_year", fiscal_year.to_string())
        .text("profile", "auto")
        .part(
            "employees",
            reqwest::multipart::Part::bytes(EMPLOYEES.as_bytes().to_vec())
                .file_name("employees.csv"),
        )
        .part(
            "attendance",
            reqwest::multipart::Part::bytes(attendance).file_name("attendance.csv"),
        )
}

/// Upload and return the job page's path and id.
async fn upload(client: &Client, org: i64, form: reqwest::multipart::Form) -> (String, i64) {
    let res = client
        .post_multipart(&format!("/orgs/{org}/kpi"), form)
        .await;
    assert_eq!(res.status(), 303);
    let page = location(&res);
    let id = page.rsplit('/').next().unwrap().parse().unwrap();
    (page, id)
}

/// The text of the element with `id` up to its closing tag.
fn element<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element {id}"));
    let rest = &html[start..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest[open..].find('<').unwrap() + open;
    &rest[open..close]
}

async fn preview_shows_the_coverage_and_preselects_the_year(app: TestApp) {
    let hr = app.signed_in(HR).await;
    let org = app.org_id("はまなすケミカル株式会社").await;
    let (page, job) = upload(&hr, org, form("auto", attendance(&shuffled()))).await;
    assert_eq!(
        app.store().import_job(job).await.unwrap().fiscal_year,
        2026,
        "the year the data is most about"
    );
    let (status, html) = hr.get_text(&page).await;
    assert_eq!(status, 200);
    assert_eq!(
        element(&html, "coverage-dates"),
        "2026年3月31日〜2027年3月1日"
    );
    assert_eq!(
        element(&html, "coverage-months"),
        "2026年3月〜9月、2027年3月"
    );
    assert_eq!(element(&html, "coverage-employees"), "2人");
    assert_eq!(element(&html, "coverage-outside"), "1行");
    let today = web::today_jst().to_string();
    let future = ROWS.iter().filter(|r| r[5..15] > *today.as_str()).count();
    assert_eq!(element(&html, "coverage-future"), format!("{future}行"));
    assert!(
        html.contains("2026年度（令和8年度）の12か月のうち7か月にデータがあります。"),
        "{html}"
    );
    assert!(html.contains("<option value=\"2026\" selected>"));
    assert!(html.contains("id=\"confirm-form\""));
    assert!(!html.contains("id=\"year-problem\""));
}

async fn a_year_without_rows_is_refused_naming_the_years_covered(app: TestApp) {
    let hr = app.signed_in(HR).await;
    let org = app.org_id("はまなすケミカル株式会社").await;
    let (page, job) = upload(&hr, org, form("2024", attendance(&ROWS))).await;
    let (_, html) = hr.get_text(&page).await;
    assert!(html.contains("id=\"year-problem\""));
    assert!(
        html.contains("勤怠ファイルに2024年度（令和6年度）の行がありません。このファイルで行があるのは 2025年度（令和7年度）、2026年度（令和8年度） です。"),
        "{html}"
    );
    assert!(!html.contains("id=\"confirm-form\""), "no way to confirm");
    assert!(
        html.contains("<option value=\"2026\" selected>"),
        "the data's year is offered"
    );
    // Confirming anyway queues nothing.
    let res = hr.post_form(&format!("{page}/confirm"), &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.store().import_job(job).await.unwrap().status, "preview");
    // Choosing the year the data covers makes it confirmable.
    let res = hr
        .post_form(&format!("{page}/fiscal_year"), &[("fiscal_year", "2026")])
        .await;
    assert_eq!(res.status(), 303);
    let (_, html) = hr.get_text(&page).await;
    assert!(html.contains("id=\"confirm-form\""));
    assert_eq!(app.store().import_job(job).await.unwrap().fiscal_year, 2026);
}

async fn unsorted_rows_give_the_figures_of_sorted_rows_and_months_without_rows_say_no_data(
    app: TestApp,
) {
    let hr = app.signed_in(HR).await;
    let org = app.org_id("はまなすケミカル株式会社").await;
    let sorted = import_files(
        &app,
        &hr,
        org,
        &[
            ("employees.csv", EMPLOYEES.as_bytes().to_vec()),
            ("attendance.csv", attendance(&ROWS)),
        ],
    )
    .await;
    let first = app
        .store()
        .current_kpi_import(org, 2026)
        .await
        .unwrap()
        .unwrap();
    let unsorted = import_files(
        &app,
        &hr,
        org,
        &[
            ("employees.csv", EMPLOYEES.as_bytes().to_vec()),
            ("attendance.csv", attendance(&shuffled())),
        ],
    )
    .await;
    assert_eq!(sorted.outcome, "stored");
    assert_eq!(unsorted.outcome, "stored", "other bytes, a new import");
    let second = app
        .store()
        .current_kpi_import(org, 2026)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(first.id, second.id);
    let a: serde_json::Value = serde_json::from_str(&first.report_json).unwrap();
    let b: serde_json::Value = serde_json::from_str(&second.report_json).unwrap();
    assert_eq!(a, b, "the same figures");
    assert_eq!(
        b["coverage"]["months"],
        serde_json::json!([
            "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2027-03"
        ])
    );

    let (_, page) = hr.get_text(&format!("/orgs/{org}/kpi?fy=2026")).await;
    // April: E001 120 min, E002 0 → 1.0 h. October has no rows: no data, not 0 h.
    assert!(page.contains(
        "<th scope=\"row\">2026-04</th><td class=\"num\">2</td><td class=\"num\">1.0</td>"
    ));
    assert!(
        page.contains(
            "<th scope=\"row\">2026-10</th><td class=\"num no-data\" colspan=\"2\">データなし</td>"
        ),
        "October"
    );
    assert!(page.contains("<th scope=\"row\">2027-03</th><td class=\"num\">1</td>"));
    // October to February have no rows: each that has begun says so; one still to
    // come is neither listed nor drawn (not a bar, not 「データなし」). March 2027
    // has a row, so it is shown even before it begins.
    let this_month = kpi::YearMonth::of_calendar(web::today_jst());
    let (begun, to_come): (Vec<&str>, Vec<&str>) =
        ["2026-10", "2026-11", "2026-12", "2027-01", "2027-02"]
            .into_iter()
            .partition(|m| kpi::YearMonth::parse(m).unwrap() <= this_month);
    assert_eq!(
        page.matches("colspan=\"2\">データなし</td>").count(),
        begun.len()
    );
    for m in &to_come {
        assert!(
            !page.contains(&format!("<th scope=\"row\">{m}</th>")),
            "{m}"
        );
    }
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    assert_eq!(
        svg.matches("データなし</text>").count(),
        begun.len(),
        "the chart says it too"
    );
    assert_eq!(svg.matches("<rect").count(), 7, "April–September and March");
    assert_eq!(
        svg.matches("class=\"chart__label\"").count(),
        7 + begun.len()
    );
    assert!(
        page.contains(&format!("月別の内訳（{}か月）", 7 + begun.len())),
        "the fold says how many months it holds"
    );
    // The all-clear names the months it is about.
    assert_eq!(
        element(&page, "no-risk"),
        "データのある月（2026年4月〜9月、2027年3月）に、36協定の上限を超えた社員、超えそうな社員はいません。データのない月のことは分かりません。"
    );
}

/// A plan's chart draws the years that have begun, a begun year without figures as
/// 「データなし」 (never a bar of 0), and no year still to come; the table lists them all.
async fn a_plan_chart_draws_no_year_that_has_not_begun(app: TestApp) {
    let hr = app.signed_in(HR).await;
    let org = app.org_id("はまなすケミカル株式会社").await;
    let current = domain::FiscalYear::containing(web::today_jst()).year() as i64;
    // Five years: three before this one, this one, and next year.
    let res = hr
        .post_form(
            &format!("/orgs/{org}/plan"),
            &[
                ("starts_on", format!("{}-04-01", current - 3).as_str()),
                ("ends_on", format!("{}-03-31", current + 2).as_str()),
                ("measures", "ノー残業デーを週2回にする"),
                ("monthly_overtime_hours", "20"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let begun: Vec<i64> = (current - 3..=current).collect();
    let mut with_figures = 0;
    for fy in &begun {
        with_figures += usize::from(
            app.store()
                .current_kpi_import(org, *fy)
                .await
                .unwrap()
                .is_some(),
        );
    }
    assert!(
        with_figures < begun.len(),
        "the demo has no records for {}年度",
        current - 3
    );
    let (_, page) = hr.get_text(&format!("/orgs/{org}/plan")).await;
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    let labels: Vec<&str> = svg
        .match_indices("class=\"chart__label\"")
        .map(|(i, _)| {
            let text = &svg[i..];
            let text = &text[text.find('>').unwrap() + 1..];
            &text[..text.find('<').unwrap()]
        })
        .collect();
    // The test day (1 December) falls inside `current`: its bar is the year so far.
    let expected: Vec<String> = begun
        .iter()
        .map(|y| {
            if *y == current {
                format!("{y}年度（途中）")
            } else {
                format!("{y}年度")
            }
        })
        .collect();
    assert_eq!(
        labels,
        expected,
        "the years that have begun, and not {}年度",
        current + 1
    );
    assert_eq!(
        svg.matches("データなし</text>").count(),
        begun.len() - with_figures
    );
    assert_eq!(svg.matches("<rect").count(), with_figures);
    // The table still lists every year of the plan.
    let table = &page[page.find("plan-tracking").unwrap()..];
    assert!(table.contains(&format!("<th scope=\"row\">{}年度", current + 1)));
}

both_backends!(
    plan_years_not_begun,
    spawn_demo,
    a_plan_chart_draws_no_year_that_has_not_begun
);
both_backends!(
    preview_coverage,
    spawn_demo,
    preview_shows_the_coverage_and_preselects_the_year
);
both_backends!(
    year_without_rows,
    spawn_demo,
    a_year_without_rows_is_refused_naming_the_years_covered
);
both_backends!(
    unsorted_and_no_data,
    spawn_demo,
    unsorted_rows_give_the_figures_of_sorted_rows_and_months_without_rows_say_no_data
);

/// The demo's year in progress (imported up to the end of last month) is named by
/// its last month with records, not by today's month, and its period ends on its
/// last day with records.
async fn a_year_in_progress_is_named_by_its_last_month_with_records(app: TestApp) {
    let hr = app.signed_in(HR).await;
    let org = app.org_id("はまなすケミカル株式会社").await;
    let today = web::today_jst();
    let in_progress: Vec<_> = web::demo::demo_kpi_years(today)
        .into_iter()
        .filter_map(|(fy, last)| last.map(|d| (fy, d)))
        .collect();
    // Only in April has the current year no complete month to import.
    assert_eq!(in_progress.len(), usize::from(today.month() != 4));
    for (fy, last) in in_progress {
        let (status, page) = hr.get_text(&format!("/orgs/{org}/kpi?fy={fy}")).await;
        assert_eq!(status, 200);
        let title = element(&page, "summary-title");
        assert!(
            title.contains(&format!("年度途中（{}月まで）", last.month())),
            "{title}"
        );
        let source = element(&page, "kpi-source");
        assert!(
            source.contains(&format!(
                "〜{}年{}月{}日",
                last.year(),
                last.month(),
                last.day()
            )),
            "{source}"
        );
    }
}

both_backends!(
    year_in_progress_label,
    spawn_demo,
    a_year_in_progress_is_named_by_its_last_month_with_records
);

/// The preview's sample rows are employee records: HR sees them, a platform
/// admin who uploads for the organization sees the counts and the coverage only.
async fn preview_rows_are_for_the_employers_hr_alone(app: TestApp) {
    let org = app.org_id("はまなすケミカル株式会社").await;
    let admin = app.signed_in(ADMIN).await;
    let (page, _) = upload(&admin, org, form("auto", attendance(&ROWS))).await;
    let (status, html) = admin.get_text(&page).await;
    assert_eq!(status, 200);
    assert!(
        !html.contains("preview-table"),
        "no employee rows for the admin"
    );
    assert!(
        !html.contains("E001") && !html.contains("E002"),
        "no employee code"
    );
    assert!(html.contains("社員ごとの記録のため"));
    assert!(
        html.contains("id=\"coverage-dates\""),
        "the coverage is shown"
    );
    // The organization's HR opens the same job and sees the rows.
    let hr = app.signed_in(HR).await;
    let (status, html) = hr.get_text(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("preview-table") && html.contains("E001"));
    assert!(!html.contains("社員ごとの記録のため"));
}

both_backends!(
    preview_rows_hidden,
    spawn_demo,
    preview_rows_are_for_the_employers_hr_alone
);
