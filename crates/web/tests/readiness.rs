//! The certification readiness page through the real app, on SQLite and
//! PostgreSQL: records and aggregates imported through the upload, verdicts
//! and gaps in words checked against hand-computed figures, the yes/no form.

mod support;

use store::both_backends;
use support::*;

/// Six full-time workers (E004 is a part-timer), birth dates for the age band.
const EMPLOYEES: &str = "\
employee_id,gender,hire_date,employment_type,birth_date
E001,male,2015-04-01,regular,1990-05-01
E002,male,2016-04-01,regular,1985-01-10
E003,female,2018-04-01,regular,1992-07-01
E004,male,2019-04-01,part_time,1970-01-01
E005,male,2020-04-01,regular,1995-03-03
E006,male,2020-04-01,regular,1993-03-03
E007,male,2020-04-01,regular,1991-03-03
";

/// Precomputed legal overtime: E001 and E002 work 150 h in September and in
/// January, everybody else none.
///
/// Full-time average, September: (9,000 + 9,000) min ÷ 6 workers = 3,000 min
/// = 50 h ≥ 45 h; the same in January. So under the 2022 くるみん criteria both
/// months fail: 「9月と1月に…平均が45時間以上です」.
/// Per worker: E001 and E002 average 18,000 min ÷ 2 months = 150 h ≥ 60 h.
const ATTENDANCE: &str = "\
employee_id,date,legal_overtime_minutes,legal_holiday_minutes
E001,2026-09-01,9000,0
E002,2026-09-01,9000,0
E003,2026-09-01,0,0
E004,2026-09-01,0,0
E005,2026-09-01,0,0
E006,2026-09-01,0,0
E007,2026-09-01,0,0
E001,2027-01-05,9000,0
E002,2027-01-05,9000,0
E003,2027-01-05,0,0
E005,2027-01-05,0,0
E006,2027-01-05,0,0
E007,2027-01-05,0,0
";

/// Five men whose partner gave birth in FY2026; one of them (E001) took leave:
/// 1 ÷ 5 = 20 %. The 2025 くるみん needs 30 %: the smallest k with
/// (1 + k) × 100 ≥ 30 × 5 is k = 1 (2 ÷ 5 = 40 %).
const EVENTS: &str = "\
employee_id,event,date
E001,birth,2026-05-10
E002,birth,2026-06-10
E005,birth,2026-07-10
E006,birth,2026-08-10
E007,birth,2026-10-10
";
const LEAVES: &str = "\
employee_id,kind,start_date,end_date
E001,childcare_leave,2026-06-01,2026-06-30
";

async fn import_year(app: &TestApp, hr: &Client, org: i64) {
    let files = vec![
        ("employees.csv", EMPLOYEES.as_bytes().to_vec()),
        ("attendance.csv", ATTENDANCE.as_bytes().to_vec()),
        ("family_events.csv", EVENTS.as_bytes().to_vec()),
        ("leaves.csv", LEAVES.as_bytes().to_vec()),
    ];
    import_files(app, hr, org, &files).await;
}

/// The `<section>` of one mark and criteria version.
fn section<'a>(html: &'a str, anchor: &str) -> &'a str {
    let start = html
        .find(&format!(
            "<section class=\"card readiness-mark\" id=\"{anchor}\""
        ))
        .unwrap_or_else(|| panic!("no section {anchor}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap()]
}

/// The opening tag and the content of the question group `id` (up to the
/// next group or the end of the questions).
fn group<'a>(html: &'a str, id: &str) -> (&'a str, &'a str) {
    let at = html
        .find(&format!("data-group=\"{id}\""))
        .unwrap_or_else(|| panic!("no group {id}"));
    let start = html[..at].rfind("<details").unwrap();
    let rest = &html[start..];
    let tag = &rest[..rest.find('>').unwrap() + 1];
    let body = &rest[tag.len()..];
    let end = [
        body.find("<details class=\"fact-group\""),
        body.find("id=\"facts-save\""),
        body.find("</section>"),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap();
    (tag, &body[..end])
}

/// The group `id` is open (or folded) with these counts on its summary line.
fn assert_group(
    html: &str,
    id: &str,
    n: usize,
    unanswered: usize,
    contradicted: usize,
    open: bool,
) {
    let (tag, body) = group(html, id);
    assert!(
        tag.contains(&format!(
            "data-unanswered=\"{unanswered}\" data-contradicted=\"{contradicted}\""
        )),
        "{id}: {tag}"
    );
    assert_eq!(tag.ends_with(" open>"), open, "{id} open: {tag}");
    let status = format!("{n}問・未回答 {unanswered}・記録と矛盾 {contradicted}");
    assert!(body.contains(&status), "{id}: {status}");
}

both_backends!(
    readiness_judges_each_criterion_from_the_imported_records,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        import_year(&app, &hr, org).await;

        let (status, html) = hr
            .get_text(&format!("/orgs/{org}/readiness?fy=2026&date=2026-11-23"))
            .await;
        assert_eq!(status, 200);
        // Until 2027-03-31 both くるみん criteria sets apply.
        let k2022 = section(&html, "kurumin-2022");
        let k2025 = section(&html, "kurumin-2025");
        assert!(k2022.contains("くるみん（2022年4月の基準）"));
        assert!(
            k2022.contains("data-verdict=\"not_eligible\""),
            "hours fail"
        );
        assert!(
            k2022.contains("9月と1月にフルタイム労働者の平均が45時間以上です。"),
            "the months over 45 h, in words"
        );
        assert!(k2022.contains("月平均の法定時間外労働が60時間以上の労働者が2人います"));
        // The rate and its counts; the gap to the 2025 threshold.
        assert!(
            k2025.contains("20%（1/5）"),
            "the men's rate with its counts"
        );
        assert!(
            k2025.contains(
                "この期間にあと1人の男性が育児休業等を取得すれば30%に達します（現在 取得1人／配偶者が出産した男性5人）。"
            ),
            "the gap to 30 %"
        );
        // 20 % meets the 2022 くるみん threshold of 10 %: that criterion is met.
        assert!(
            k2022.contains("data-status=\"met\""),
            "some criterion of the 2022 くるみん is met"
        );
        // Every mark is shown, with a verdict.
        for anchor in [
            "try_kurumin-2022",
            "try_kurumin-2025",
            "platinum_kurumin-2025",
            "eruboshi-all",
            "platinum_eruboshi-all",
            "youth_yell-all",
        ] {
            assert!(section(&html, anchor).contains("data-verdict="), "{anchor}");
        }
        // Every figure links to its catalog entry: くるみん 2022 shows the
        // men's and women's rates, the hours and the 60 h count; 2025 adds the
        // fixed-term women's rate and the age band's hours.
        use kpi::catalog::ids;
        let links = |html: &str, ids: &[&str]| {
            for id in ids {
                assert!(
                    html.contains(&format!("href=\"/definitions#{id}\" data-figure=\"{id}\"")),
                    "{id}"
                );
            }
            assert_eq!(html.matches("data-figure=").count(), ids.len(), "{ids:?}");
        };
        links(
            k2022,
            &[
                ids::CERTIFICATION_MALE_CHILDCARE,
                ids::CERTIFICATION_FEMALE_CHILDCARE,
                ids::KURUMIN_MONTHLY_OVERTIME,
                ids::WORKER_MONTHLY_LEGAL_OVERTIME,
            ],
        );
        links(
            k2025,
            &[
                ids::CERTIFICATION_MALE_CHILDCARE,
                ids::CERTIFICATION_FEMALE_CHILDCARE,
                ids::CERTIFICATION_FIXED_TERM_FEMALE_CHILDCARE,
                ids::KURUMIN_MONTHLY_OVERTIME,
                ids::AGE_BAND_MONTHLY_OVERTIME,
                ids::WORKER_MONTHLY_LEGAL_OVERTIME,
            ],
        );
        // えるぼし: two figures for 採用, 継続就業 and 管理職比率, one for the
        // hours and the career courses; none for the count of criteria met.
        links(
            section(&html, "eruboshi-all"),
            &[
                ids::ERUBOSHI_APPLICANTS_AND_HIRES,
                ids::ERUBOSHI_REGULAR_WOMEN_SHARE,
                ids::ERUBOSHI_SERVICE_YEARS,
                ids::ERUBOSHI_RETENTION,
                ids::ERUBOSHI_CATEGORY_MONTHLY_OVERTIME,
                ids::ERUBOSHI_WOMEN_MANAGERS_SHARE,
                ids::ERUBOSHI_PROMOTION_RATE,
                ids::ERUBOSHI_CAREER_COURSE_KINDS,
            ],
        );
        links(
            section(&html, "youth_yell-all"),
            &[
                ids::REGULAR_EMPLOYEES,
                ids::NEW_GRADUATE_TURNOVER,
                ids::REGULAR_MONTHLY_NON_SCHEDULED,
                ids::WORKER_MONTHLY_LEGAL_OVERTIME,
                ids::YOUTH_YELL_PAID_LEAVE,
                ids::YOUTH_YELL_MALE_CHILDCARE_TAKERS,
                ids::YOUTH_YELL_FEMALE_CHILDCARE,
            ],
        );
        let yy = section(&html, "youth_yell-all");
        assert!(yy.contains(kpi::catalog::figure(ids::NEW_GRADUATE_TURNOVER).name.ja));
        // HR may see its own codes (issue 8); a member sees neither codes nor
        // pseudonyms, only counts.
        let member = app.signed_in(MEMBER).await;
        let (_, members) = member
            .get_text(&format!("/orgs/{org}/readiness?fy=2026"))
            .await;
        assert!(!members.contains("E001") && !members.contains("E002"));
        assert!(!members.contains("P-"));

        // From 2027-04-01 only the 2025 criteria apply; before 2025-04-01 only 2022.
        let (_, later) = hr
            .get_text(&format!("/orgs/{org}/readiness?fy=2026&date=2027-04-01"))
            .await;
        assert!(!later.contains("id=\"kurumin-2022\"") && later.contains("id=\"kurumin-2025\""));
        let (_, earlier) = hr
            .get_text(&format!("/orgs/{org}/readiness?fy=2026&date=2025-03-31"))
            .await;
        assert!(
            earlier.contains("id=\"kurumin-2022\"") && !earlier.contains("id=\"kurumin-2025\"")
        );
    }
);

// Issue 11: one 正社員 hired 2015-04-01 (基準日 every 1 October), 20 days on
// 2026-10-01, 10 days taken in May 2026 out of the previous grant. The KPI
// page: 10 ÷ 20 = 50.0 %; the readiness page says the same for ユースエール
// (the only employee is a 正社員), and 10 days ÷ 1 = 10.0 days on average.
both_backends!(
    readiness_paid_leave_agrees_with_the_kpi_page,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let mut attendance = String::from("employee_id,date,paid_leave_days\n");
        for d in [11, 12, 13, 14, 15, 18, 19, 20, 21, 22] {
            attendance.push_str(&format!("E1,2026-05-{d},1\n"));
        }
        let files = vec![
            (
                "employees.csv",
                b"employee_id,gender,hire_date,employment_type\nE1,female,2015-04-01,regular\n"
                    .to_vec(),
            ),
            ("attendance.csv", attendance.into_bytes()),
        ];
        import_files(&app, &hr, org, &files).await;
        let (_, kpi) = hr.get_text(&format!("/orgs/{org}/kpi?fy=2026")).await;
        assert!(kpi.contains("<dd id=\"utilization\">50.0%</dd>"), "{kpi}");
        let (status, html) = hr
            .get_text(&format!("/orgs/{org}/readiness?fy=2026&date=2027-06-01"))
            .await;
        assert_eq!(status, 200);
        let yy = section(&html, "youth_yell-all");
        assert!(
            yy.contains("取得率: 50.0% / 平均取得日数: 10.0日"),
            "the same figure as the KPI page: {yy}"
        );
    }
);

both_backends!(
    readiness_facts_are_asked_and_change_the_verdict,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let (_, html) = hr.get_text(&format!("/orgs/{org}/readiness?fy=2025")).await;
        assert!(html.contains("id=\"facts-form\""));
        // The questions in four groups, in this order, one form and one button
        // after the last group. The demo answered two くるみん questions yes
        // (the plan's filing, which the records contradict: no plan is
        // recorded) and "no serious violations" yes (FY2025's records hold
        // 36協定 breaches): every group has something to answer and is open.
        let facts =
            &html[html.find("id=\"facts\"").unwrap()..html.find("id=\"details-title\"").unwrap()];
        assert_eq!(facts.matches("<form").count(), 1);
        assert_eq!(facts.matches("type=\"submit\"").count(), 1);
        let at = |id: &str| facts.find(&format!("data-group=\"{id}\"")).unwrap();
        assert!(at("kurumin") < at("eruboshi") && at("eruboshi") < at("youth_yell"));
        assert!(
            at("youth_yell") < at("common")
                && at("common") < facts.find("id=\"facts-save\"").unwrap()
        );
        assert_group(&html, "kurumin", 11, 9, 1, true);
        assert_group(&html, "eruboshi", 3, 3, 0, true);
        assert_group(&html, "youth_yell", 2, 2, 0, true);
        assert_group(&html, "common", 1, 0, 1, true);
        for (g, fact) in [
            ("kurumin", "next_gen_plan_filed"),
            ("kurumin", "small_employer_female_special"),
            ("kurumin", "platinum_kurumin_extra"),
            ("eruboshi", "platinum_eruboshi_extra"),
            ("youth_yell", "youth_information_published"),
            ("common", "no_serious_violations"),
        ] {
            assert!(
                group(&html, g)
                    .1
                    .contains(&format!("id=\"fact-{fact}-yes\"")),
                "{fact} in {g}"
            );
        }
        // The demo answered this one yes.
        assert!(html.contains("id=\"fact-no_serious_violations-yes\" name=\"fact.no_serious_violations\" value=\"yes\" checked"));
        // The page says what it used: the demo's aggregates and the typed-in average.
        let sources = &html[html.find("id=\"sources\"").unwrap()..];
        assert!(sources.contains("採用: 2023 2024 2025"), "{sources}");
        assert!(sources.contains("賃金: 2025"));
        assert!(sources.contains("産業 E・2024年の値"));
        // An unanswered question leaves its criterion undecidable, with a pointer.
        assert!(html.contains("下の確認事項で回答してください。"));

        let res = hr
            .post_form(
                &format!("/orgs/{org}/readiness/facts"),
                &[
                    ("fy", "2025"),
                    ("fact.no_serious_violations", "no"),
                    ("note.no_serious_violations", "是正勧告を受けた（2025年）"),
                    ("fact.youth_recruitment_and_training", "yes"),
                    ("fact.youth_information_published", "no"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, html) = hr.get_text(&format!("/orgs/{org}/readiness?fy=2025")).await;
        assert!(html.contains("「重大な法令違反等がない」に「いいえ」と回答されています。"));
        assert!(html.contains("value=\"是正勧告を受けた（2025年）\""));
        // A note with text stays open; the empty ones are folded.
        let written = &html[..html.find("value=\"是正勧告を受けた（2025年）\"").unwrap()];
        assert!(
            written[written.rfind("<details").unwrap()..]
                .starts_with("<details class=\"fact__note\" open>"),
            "the written note is shown"
        );
        assert!(
            html.matches("<details class=\"fact__note\">").count() >= 10,
            "the empty notes are folded"
        );
        // A "no" on a required fact rules every mark that needs it out.
        let yy = section(&html, "youth_yell-all");
        assert!(yy.contains("data-verdict=\"not_eligible\""));
        let answers = app.store().certification_facts(org).await.unwrap();
        assert_eq!(answers.len(), 3, "the form's other answers were cleared");
        assert!(
            answers
                .iter()
                .any(|a| a.fact == "no_serious_violations" && !a.answer)
        );
        // Answered groups fold: "no" to violations is not contradicted by the
        // breaches (they inform it), and both ユースエール questions are
        // answered; the folded questions stay in the one form, answers checked.
        assert_group(&html, "common", 1, 0, 0, false);
        assert_group(&html, "youth_yell", 2, 0, 0, false);
        assert_group(&html, "kurumin", 11, 11, 0, true);
        assert_group(&html, "eruboshi", 3, 3, 0, true);
        assert!(group(&html, "youth_yell").1.contains(
            "id=\"fact-youth_information_published-no\" name=\"fact.youth_information_published\" value=\"no\" checked"
        ));

        // An answer that is not yes, no or empty is refused, nothing changes.
        let res = hr
            .post_form(
                &format!("/orgs/{org}/readiness/facts"),
                &[("fact.no_serious_violations", "maybe")],
            )
            .await;
        assert_eq!(res.status(), 400);
        assert_eq!(app.store().certification_facts(org).await.unwrap().len(), 3);

        // A member sees the answers but no form.
        let member = app.signed_in(MEMBER).await;
        let (status, html) = member
            .get_text(&format!("/orgs/{org}/readiness?fy=2025"))
            .await;
        assert_eq!(status, 200);
        assert!(!html.contains("id=\"facts-form\"") && html.contains("是正勧告を受けた"));
        // The read-only list is grouped the same way.
        assert_group(&html, "common", 1, 0, 0, false);
        assert_group(&html, "youth_yell", 2, 0, 0, false);
        assert_group(&html, "kurumin", 11, 11, 0, true);
        assert!(
            group(&html, "youth_yell")
                .1
                .contains("<dl class=\"facts-list\">")
        );
        assert!(group(&html, "common").1.contains("是正勧告を受けた"));

        // English is complete: verdicts and gaps in English.
        hr.post_form("/lang", &[("lang", "en"), ("next", "/dashboard")])
            .await;
        let (_, html) = hr.get_text(&format!("/orgs/{org}/readiness?fy=2025")).await;
        assert!(html.contains("Certification readiness"));
        assert!(html.contains("“no serious violations of labor law” was answered no."));
        assert!(html.contains("questions: 1 · unanswered: 0 · contradicted by the records: 0"));
        assert!(!html.contains("readiness."), "no untranslated key");
    }
);

both_backends!(
    aggregates_upload_alone_and_feed_the_criteria,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        // A bad line is reported with its number and nothing is stored.
        let bad = "fiscal_year,gender,applicants,hires\n2026,female,3,1\n2026,male,x,1\n";
        let res = hr
            .post_multipart(
                &format!("/orgs/{org}/kpi"),
                kpi_form(&[("recruitment.csv", bad.as_bytes().to_vec())]),
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, preview) = hr.get_text(&location(&res)).await;
        assert!(
            preview.contains("recruitment.csv 3行目 applicants"),
            "the error names the file, line and column: {preview}"
        );
        assert!(
            !preview.contains("id=\"confirm-form\""),
            "an error blocks the import"
        );

        // The fixed file alone (no records) is stored for its year.
        let demo_import = app
            .store()
            .current_kpi_import(org, 2026)
            .await
            .unwrap()
            .map(|i| i.id);
        let good = "fiscal_year,gender,applicants,hires\n2026,female,3,1\n2026,male,8,2\n";
        import_files(
            &app,
            &hr,
            org,
            &[("recruitment.csv", good.as_bytes().to_vec())],
        )
        .await;
        let rows = app.store().year_extras(org).await.unwrap();
        let fy2026: Vec<_> = rows.iter().filter(|r| r.fiscal_year == 2026).collect();
        assert_eq!(fy2026.len(), 1);
        assert_eq!(fy2026[0].kind, "recruitment");
        assert_eq!(
            app.store()
                .current_kpi_import(org, 2026)
                .await
                .unwrap()
                .map(|i| i.id),
            demo_import,
            "aggregates alone leave the year's records untouched"
        );
    }
);

both_backends!(
    answers_the_records_contradict_are_shown_and_not_used,
    spawn_demo,
    |app: TestApp| async move {
        // The demo company answered "yes" to 行動計画 and "no serious violation",
        // but its FY2025 records hold 36協定 breaches and it has recorded no plan.
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let (status, html) = hr
            .get_text(&format!("/orgs/{org}/readiness?fy=2025&date=2026-06-01"))
            .await;
        assert_eq!(status, 200);
        let fact = |html: &str, id: &str| -> String {
            let start = html
                .find(&format!("id=\"fact-{id}-yes\""))
                .unwrap_or_else(|| panic!("no question {id}"));
            let head = &html[..start];
            head[head.rfind("<fieldset").unwrap()..].to_string()
        };
        let violations = fact(&html, "no_serious_violations");
        assert!(
            violations.contains("data-evidence=\"contradicts\"")
                && violations.contains("記録では2025年度（令和7年度）に")
                && violations.contains("月100時間以上の月が"),
            "{violations}"
        );
        let plan = fact(&html, "next_gen_plan_filed");
        assert!(
            plan.contains("data-evidence=\"contradicts\"")
                && plan.contains("行動計画が登録されていません"),
            "{plan}"
        );
        // A contradicted "yes" does not count: no criterion built on those answers
        // reads as met.
        let kurumin = section(&html, "kurumin-2022");
        assert!(!kurumin.contains("data-verdict=\"eligible\""));
        // The summary table counts each mark's criteria.
        assert!(html.contains("id=\"readiness-summary\""));

        // Once a plan is recorded, the question is answered from the records.
        let res = hr
            .post_form(
                &format!("/orgs/{org}/plan"),
                &[
                    ("starts_on", "2025-04-01"),
                    ("ends_on", "2027-03-31"),
                    ("measures", "ノー残業デーを週2回にする"),
                    ("monthly_overtime_hours", "20"),
                    ("male_childcare_rate", "30"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, html) = hr
            .get_text(&format!("/orgs/{org}/readiness?fy=2025&date=2026-06-01"))
            .await;
        let plan = fact(&html, "next_gen_plan_filed");
        assert!(
            plan.contains("data-evidence=\"answers\"")
                && plan.contains("2025年度（令和7年度）からの一般事業主行動計画"),
            "{plan}"
        );
    }
);
