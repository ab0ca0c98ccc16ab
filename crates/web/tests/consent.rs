//! Consent before anything is public (issue 8), through the real app on SQLite and
//! PostgreSQL: figures computed from HR's upload or typed in are shown on the public
//! declarer page and in the exports only once the organization's admin publishes
//! them, only for ended fiscal years, with origin, period and definition, and never
//! as a rate for fewer than 5 people.

mod support;

use store::both_backends;
use support::*;

/// Six men and one woman.
const EMPLOYEES: &str = "\
employee_id,gender,hire_date,employment_type,birth_date
E001,male,2015-04-01,regular,1990-05-01
E002,male,2016-04-01,regular,1985-01-10
E003,female,2018-04-01,regular,1992-07-01
E004,male,2019-04-01,regular,1970-01-01
E005,male,2020-04-01,regular,1995-03-03
E006,male,2020-04-01,regular,1993-03-03
E007,male,2020-04-01,regular,1991-03-03
";

fn attendance(fy: i32) -> String {
    let mut s = String::from("employee_id,date,legal_overtime_minutes,legal_holiday_minutes\n");
    for e in ["E001", "E002", "E003", "E004", "E005", "E006", "E007"] {
        s.push_str(&format!("{e},{fy}-09-01,0,0\n"));
    }
    s
}

/// FY2025: five men whose partner gave birth, two of them took leave: 2 ÷ 5 = 40 %.
/// FY2024: three men only — too few to show a rate.
fn events(fy: i32, men: &[&str]) -> String {
    let mut s = String::from("employee_id,event,date\n");
    for (i, e) in men.iter().enumerate() {
        s.push_str(&format!("{e},birth,{fy}-{:02}-10\n", 5 + i));
    }
    s
}

fn leaves(fy: i32, men: &[&str]) -> String {
    let mut s = String::from("employee_id,kind,start_date,end_date\n");
    for e in men {
        s.push_str(&format!("{e},childcare_leave,{fy}-11-01,{fy}-11-30\n"));
    }
    s
}

/// Upload, confirm and wait, for the fiscal year `fy`.
async fn import_year(
    app: &TestApp,
    hr: &Client,
    org: i64,
    fy: i32,
    births: &[&str],
    takers: &[&str],
) {
    let files = [
        ("employees.csv", EMPLOYEES.to_string()),
        ("attendance.csv", attendance(fy)),
        ("family_events.csv", events(fy, births)),
        ("leaves.csv", leaves(fy, takers)),
    ];
    let mut form = reqwest::multipart::Form::new()
        .text("fiscal_year", fy.to_string())
        .text("profile", "auto");
    for (name, body) in &files {
        form = form.part(
            name.trim_end_matches(".csv").to_string(),
            reqwest::multipart::Part::bytes(body.clone().into_bytes()).file_name(name.to_string()),
        );
    }
    let res = hr.post_multipart(&format!("/orgs/{org}/kpi"), form).await;
    assert_eq!(res.status(), 303);
    let job_page = location(&res);
    let job_id: i64 = job_page.rsplit('/').next().unwrap().parse().unwrap();
    let res = hr.post_form(&format!("{job_page}/confirm"), &[]).await;
    assert_eq!(res.status(), 303);
    let job = wait_for_job(app, job_id).await;
    assert_eq!(job.status, "done", "{} {}", job.error_en, job.error_ja);
}

async fn declare_paternity_and_approve(app: &TestApp, hr: &Client, org: i64) {
    let d = app
        .store()
        .declaration_by_slug("paternity-leave-100")
        .await
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("declaration_id", d.id.to_string())
        .text("declared_on", "2026-11-01")
        .text("representative_title", "代表取締役")
        .text("representative_name", "浜野 一郎")
        .text("message", "がんばります");
    let res = hr
        .post_multipart(&format!("/orgs/{org}/declare"), form)
        .await;
    assert_eq!(res.status(), 303);
    let s = app
        .store()
        .pending_signings(None)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.org_id == org)
        .unwrap();
    let staff = app.signed_in(STAFF).await;
    let res = staff
        .post_form(&format!("/review/{}", s.id), &[("decision", "approve")])
        .await;
    assert_eq!(res.status(), 303);
}

/// Everything the public can read about the organization's figures.
async fn public_view(app: &TestApp, org: i64) -> String {
    let public = app.client();
    let mut all = String::new();
    for path in [
        format!("/declarers/{org}"),
        "/declarations.csv".to_string(),
        "/declarations.json".to_string(),
        "/declarations/feed.atom".to_string(),
    ] {
        let (status, body) = public.get_text(&path).await;
        assert_eq!(status, 200, "{path}");
        all.push_str(&body);
    }
    all
}

async fn publish(hr: &Client, org: i64, figure: &str, fy: &str, source: &str) -> reqwest::Response {
    hr.post_form(
        &format!("/orgs/{org}/publish"),
        &[("figure", figure), ("fy", fy), ("source", source)],
    )
    .await
}

/// The audit details of publications, oldest first.
async fn publication_audit(app: &TestApp) -> Vec<String> {
    let mut entries: Vec<String> = app
        .store()
        .audit_entries(1000, 0)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == "publication")
        .map(|e| format!("{} {} {}", e.action, e.actor, e.detail))
        .collect();
    entries.reverse();
    entries
}

both_backends!(
    computed_figures_are_public_only_when_published_for_an_ended_year,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        // The demo publishes its own ended years (FY2024 and FY2025), never
        // the year in progress it has imported too.
        let demo = app.store().live_publications(org).await.unwrap();
        let mut years: Vec<i64> = demo.iter().map(|p| p.fiscal_year).collect();
        years.sort_unstable();
        years.dedup();
        assert_eq!(years, [2024, 2025], "{demo:?}");
        // Its public page shows them, labelled, and nothing of the year in progress.
        let (_, page) = app.client().get_text(&format!("/declarers/{org}")).await;
        assert!(
            page.contains("実績データから算出") && page.contains("2025年度（令和7年度）"),
            "the published years are public"
        );
        assert!(!page.contains("2026年度"), "never the year in progress");

        // HR uploads the last three years' records; the demo's publications
        // were of other values, so they no longer show anything.
        for fy in [2024, 2025] {
            import_year(
                &app,
                &hr,
                org,
                fy,
                &["E001", "E002", "E005", "E006", "E007"],
                &["E001", "E002"],
            )
            .await;
        }
        import_year(
            &app,
            &hr,
            org,
            2026,
            &["E001", "E002", "E005", "E006", "E007"],
            &[],
        )
        .await;
        declare_paternity_and_approve(&app, &hr, org).await;
        let seen = public_view(&app, org).await;
        assert!(
            seen.contains("公開している実績"),
            "the figures card is there"
        );
        for leak in [
            "実績データから算出",
            "取得割合は",
            "40%",
            "2026年度",
            "2025年度",
            "2024年度",
        ] {
            assert!(
                !seen.contains(leak),
                "nothing computed is public yet: {leak}"
            );
        }

        // The publish page: the year in progress is labelled and has no button.
        let (status, page) = hr.get_text(&format!("/orgs/{org}/publish")).await;
        assert_eq!(status, 200);
        assert!(page.contains("2026年度（令和8年度） 年度途中（"), "{page}");
        assert!(page.contains("月まで）"));
        assert!(page.contains("id=\"in-progress-2026\""));
        for figure in [
            "male_childcare_leave_rate_method1",
            "male_childcare_leave_statement",
        ] {
            assert!(
                !page.contains(&format!("id=\"publish-{figure}-2026-computed\"")),
                "no publish button for FY2026"
            );
        }
        assert!(page.contains("id=\"publish-male_childcare_leave_rate_method1-2025-computed\""));
        assert!(
            page.contains("公開後に数値が変わったため非公開"),
            "the demo's publication no longer matches the new import"
        );
        // The KPI page's year selector says the same.
        let (_, kpi) = hr.get_text(&format!("/orgs/{org}/kpi?fy=2025")).await;
        assert!(kpi.contains(">2026年度（令和8年度） 年度途中（"));
        assert!(kpi.contains(&format!("href=\"/orgs/{org}/publish\"")));

        // Publishing the year in progress is refused, with the reason.
        let res = publish(
            &hr,
            org,
            "male_childcare_leave_rate_method1",
            "2026",
            "computed",
        )
        .await;
        assert_eq!(res.status(), 400);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("終わっていない年度の数値は公開できません")
        );
        let res = publish(&hr, org, "no_such_figure", "2025", "computed").await;
        assert_eq!(res.status(), 400);

        // The preview shows what publishing would show, before anything is public.
        let (_, preview) = hr
            .get_text(&format!(
                "/orgs/{org}/publish?figure=male_childcare_leave_rate_method1&fy=2025&source=computed"
            ))
            .await;
        let preview = &preview[preview.find("id=\"preview-figures\"").unwrap()..];
        assert!(preview.contains("40%（5人中2人）") && preview.contains("実績データから算出"));
        assert!(
            !public_view(&app, org).await.contains("40%"),
            "a preview publishes nothing"
        );

        // HR publishes FY2025's method-1 rate and statement.
        let res = publish(
            &hr,
            org,
            "male_childcare_leave_rate_method1",
            "2025",
            "computed",
        )
        .await;
        assert_eq!(res.status(), 303);
        let res = publish(
            &hr,
            org,
            "male_childcare_leave_statement",
            "2025",
            "computed",
        )
        .await;
        assert_eq!(res.status(), 303);
        let (_, next) = hr.get_text(&location(&res)).await;
        assert!(
            next.contains("はまなすケミカル株式会社の数値を公開しました。"),
            "the message names the organization"
        );
        let (_, page) = app.client().get_text(&format!("/declarers/{org}")).await;
        let row = &page[page
            .find("id=\"public-male_childcare_leave_rate_method1-2025\"")
            .expect("the published rate")..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains("男性の育児休業等取得率（方法1）"), "{row}");
        assert!(row.contains("40%（5人中2人）"), "{row}");
        assert!(row.contains("実績データから算出"), "its origin: {row}");
        // Its definition and rounding are the catalog's.
        let entry = kpi::catalog::figure(kpi::catalog::ids::MALE_CHILDCARE_METHOD1);
        assert!(row.contains(entry.definition.ja), "its definition: {row}");
        assert!(
            row.contains(entry.rounding.describe_ja()),
            "its rounding: {row}"
        );
        assert!(
            page.contains("対象期間：2025年4月1日〜2026年3月31日"),
            "its period"
        );
        assert!(page.contains("における男性労働者の育児休業等の取得割合は40%です"));
        assert!(
            !page.contains("女性の育児休業取得率"),
            "only what was published"
        );
        assert!(!page.contains("2026年度"), "never the year in progress");

        // Withdrawn: gone again.
        let res = hr
            .post_form(
                &format!("/orgs/{org}/publish/withdraw"),
                &[
                    ("figure", "male_childcare_leave_rate_method1"),
                    ("fy", "2025"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, page) = app.client().get_text(&format!("/declarers/{org}")).await;
        assert!(!page.contains("id=\"public-male_childcare_leave_rate_method1-2025\""));
        assert!(!page.contains("40%（"));
        assert!(
            page.contains("取得割合は40%です"),
            "the statement stays until withdrawn"
        );
        // Withdrawing what is not published is refused.
        let res = hr
            .post_form(
                &format!("/orgs/{org}/publish/withdraw"),
                &[
                    ("figure", "male_childcare_leave_rate_method1"),
                    ("fy", "2025"),
                ],
            )
            .await;
        assert_eq!(res.status(), 400);

        // Every change is in the audit log, in words.
        let audit = publication_audit(&app).await;
        let mine: Vec<&String> = audit.iter().filter(|e| e.contains("hr@demo")).collect();
        assert_eq!(
            mine,
            vec![
                "publish hr@demo.example.jp 男性の育児休業等取得率（方法1）・2025年度（令和7年度）（実績データから算出）",
                "publish hr@demo.example.jp 男性の育児休業等取得割合の公表文・2025年度（令和7年度）（実績データから算出）",
                "withdraw hr@demo.example.jp 男性の育児休業等取得率（方法1）・2025年度（令和7年度）（実績データから算出）",
            ]
        );
    }
);

both_backends!(
    a_group_of_three_men_shows_the_sentence_never_a_rate,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        import_year(
            &app,
            &hr,
            org,
            2024,
            &["E001", "E002", "E005"],
            &["E001", "E002"],
        )
        .await;
        declare_paternity_and_approve(&app, &hr, org).await;
        for figure in [
            "male_childcare_leave_rate_method1",
            "male_childcare_leave_rate_method2",
            "male_childcare_leave_statement",
            "employees_by_gender",
        ] {
            assert_eq!(
                publish(&hr, org, figure, "2024", "computed").await.status(),
                303
            );
        }
        let (_, page) = app.client().get_text(&format!("/declarers/{org}")).await;
        let year = &page[page
            .find("id=\"published-2024\"")
            .expect("FY2024 is published")..];
        let year = &year[..year.find("</section>").unwrap()];
        assert_eq!(
            year.matches("対象者が5人未満のため公表していません")
                .count(),
            3,
            "both rates and the statement: {year}"
        );
        assert!(
            !year.contains("66%") && !year.contains("3人中"),
            "no rate, no counts"
        );
        assert!(!year.contains("取得割合は"), "no legal statement either");
        assert!(
            year.contains("男性6人・女性1人"),
            "headcounts have no denominator"
        );
    }
);

both_backends!(
    typed_figures_need_publishing_too,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        declare_paternity_and_approve(&app, &hr, org).await;
        let figures = |fy: &'static str| {
            [
                ("fiscal_year", fy),
                ("men_employed", "80"),
                ("women_employed", "30"),
                ("men_births", "10"),
                ("women_births", "5"),
                ("men_takers", "4"),
                ("women_takers", "5"),
                ("men_average_days", "12.5"),
            ]
        };
        for fy in ["2023", "2026"] {
            let res = hr
                .post_form(&format!("/orgs/{org}/figures"), &figures(fy))
                .await;
            assert_eq!(res.status(), 303);
        }
        let seen = public_view(&app, org).await;
        assert!(
            !seen.contains("企業による申告") && !seen.contains("40%（10人中4人）"),
            "typed is not published"
        );
        let (_, form) = hr.get_text(&format!("/orgs/{org}/figures")).await;
        assert!(
            form.contains("2026年度（令和8年度） 年度途中（"),
            "the form labels the year too"
        );

        assert_eq!(
            publish(
                &hr,
                org,
                "male_childcare_leave_rate_method1",
                "2026",
                "typed"
            )
            .await
            .status(),
            400,
            "typed figures of a year in progress cannot be published either"
        );
        assert_eq!(
            publish(
                &hr,
                org,
                "male_childcare_leave_rate_method2",
                "2023",
                "typed"
            )
            .await
            .status(),
            400,
            "typed rows have no method-2 figure"
        );
        for figure in [
            "male_childcare_leave_rate_method1",
            "male_childcare_leave_average_days",
        ] {
            assert_eq!(
                publish(&hr, org, figure, "2023", "typed").await.status(),
                303
            );
        }
        let (_, page) = app.client().get_text(&format!("/declarers/{org}")).await;
        let year = &page[page.find("id=\"published-2023\"").unwrap()..];
        let year = &year[..year.find("</section>").unwrap()];
        assert!(year.contains("40%（10人中4人）") && year.contains("企業による申告"));
        assert!(
            year.contains("対象者が5人未満のため公表していません"),
            "4 takers: no average"
        );
        assert!(!year.contains("12.5"));
        assert!(!page.contains("published-2026"));

        // Retyping a published year takes it off the public page until published again.
        let mut changed = figures("2023");
        changed[5] = ("men_takers", "6");
        assert_eq!(
            hr.post_form(&format!("/orgs/{org}/figures"), &changed)
                .await
                .status(),
            303
        );
        let (_, page) = app.client().get_text(&format!("/declarers/{org}")).await;
        assert!(!page.contains("published-2023") && !page.contains("60%"));
    }
);

both_backends!(
    only_the_organizations_admin_may_publish,
    spawn_demo,
    |app: TestApp| async move {
        let org = app.org_id("はまなすケミカル株式会社").await;
        let other = app
            .store()
            .list_organizations()
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.org_type == "company" && o.id != org)
            .unwrap()
            .id;
        let hash = web::auth::password::hash("other admin password")
            .await
            .unwrap();
        let other_admin = app
            .store()
            .create_user("other@demo.example.jp", "Other", Some(&hash))
            .await
            .unwrap();
        app.store()
            .grant_role(other_admin, "org_admin", None, Some(other))
            .await
            .unwrap();
        let before = app.store().live_publications(org).await.unwrap().len();
        for account in [
            MEMBER,
            STAFF,
            CONSULTANT,
            ("other@demo.example.jp", "other admin password"),
        ] {
            let c = app.signed_in(account).await;
            // Those who may not know of the organization get 404, like a missing id.
            let refused = if account == CONSULTANT || account.0 == "other@demo.example.jp" {
                404
            } else {
                403
            };
            assert_eq!(
                c.get(&format!("/orgs/{org}/publish")).await.status(),
                refused,
                "{}",
                account.0
            );
            let res = publish(
                &c,
                org,
                "male_childcare_leave_rate_method1",
                "2025",
                "computed",
            )
            .await;
            assert_eq!(res.status(), refused, "{}", account.0);
            let res = c
                .post_form(
                    &format!("/orgs/{org}/publish/withdraw"),
                    &[
                        ("figure", "male_childcare_leave_rate_method1"),
                        ("fy", "2025"),
                    ],
                )
                .await;
            assert_eq!(res.status(), refused, "{}", account.0);
        }
        let hr = app.signed_in(HR).await;
        assert_eq!(hr.get("/orgs/999999/publish").await.status(), 404);
        assert_eq!(
            app.store().live_publications(org).await.unwrap().len(),
            before,
            "nothing changed"
        );
    }
);
