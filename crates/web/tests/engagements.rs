//! Consultant engagements (伴走支援, issue 10) through the real routes, on SQLite
//! and PostgreSQL: region staff create one and choose its consultants, the
//! consultant records カエル会議 with actions, open actions carry over to the next
//! meeting, overdue ones say so in words, the company's admin opens its data.

mod support;

use store::both_backends;
use support::*;

fn location_of(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

async fn consultant_id(app: &TestApp) -> i64 {
    app.store()
        .user_by_email(CONSULTANT.0)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Staff create an engagement (the end defaults to five months); returns its id.
async fn create(app: &TestApp, staff: &Client) -> i64 {
    let h = app.org_id("はまなすケミカル株式会社").await;
    let cid = consultant_id(app).await.to_string();
    let existing = app.store().engagements_of_org(h).await.unwrap().len();
    let (status, form) = staff.get_text("/engagements/new").await;
    assert_eq!(status, 200);
    assert!(form.contains("はまなすケミカル株式会社") && form.contains("高橋 誠"));
    // Wrong: the end before the start, no consultant. Nothing is stored.
    let res = staff
        .post_form(
            "/engagements/new",
            &[
                ("org", &h.to_string()),
                ("status", "active"),
                ("starts_on", "2026-11-02"),
                ("ends_on", "2026-10-01"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("終了日は開始日以降にしてください。"),
        "{body}"
    );
    assert!(body.contains("担当コンサルタントを1人以上選んでください。"));
    assert_eq!(
        app.store().engagements_of_org(h).await.unwrap().len(),
        existing
    );

    let res = staff
        .post_form(
            "/engagements/new",
            &[
                ("org", &h.to_string()),
                ("consultant", &cid),
                ("status", "active"),
                ("starts_on", "２０２６-11-02"),
                ("ends_on", ""),
                ("vision", "誰もが定時に帰れる職場 <script>alert(1)</script>"),
                ("team", "遠藤 健一｜推進リーダー\n菅野 彩｜総務"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let loc = location_of(&res);
    let id: i64 = loc.trim_start_matches("/engagements/").parse().unwrap();
    let e = app.store().engagement(id).await.unwrap();
    assert_eq!(
        e.fields.ends_on,
        jiff::civil::date(2027, 4, 1),
        "five months"
    );
    assert_eq!(e.fields.team.len(), 2);
    id
}

both_backends!(
    a_consultant_runs_an_engagement,
    spawn_demo,
    |app: TestApp| async move {
        let staff = app.signed_in(STAFF).await;
        let id = create(&app, &staff).await;
        let consultant = app.signed_in(CONSULTANT).await;

        // The dashboard lists the engagement instead of "coming later".
        let (_, dash) = consultant.get_text("/dashboard").await;
        assert!(dash.contains(&format!("/engagements/{id}")), "{dash}");
        assert!(!dash.contains("今後追加されます"));

        let (status, page) = consultant.get_text(&format!("/engagements/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("2026年11月2日〜2027年4月1日"));
        assert!(page.contains("alert(1)") && !page.contains("<script>alert"));
        assert!(page.contains("遠藤 健一（推進リーダー）"));
        assert!(page.contains("この企業は、担当コンサルタントにデータを見せていません。"));
        // Today is 2026-12-01 (a Tuesday) in the tests, after the start.
        assert!(page.contains("次回の提案日：2026年12月1日"), "{page}");

        // First meeting with an action due before today: overdue.
        let (status, form) = consultant
            .get_text(&format!("/engagements/{id}/meetings/new"))
            .await;
        assert_eq!(status, 200);
        assert!(form.contains("value=\"2026-12-01\""));
        let res = consultant
            .post_form(
                &format!("/engagements/{id}/meetings/new"),
                &[
                    ("held_on", "2026-11-04"),
                    ("participants", "遠藤、菅野、高橋"),
                    ("agenda", "残業の現状"),
                    (
                        "minutes",
                        "製造部の残業が多い。\n\n会議の長さが原因の一つ。",
                    ),
                    ("issue", "製造部の残業が多い"),
                    ("cause", "会議が長い"),
                    ("action", "定例会議を30分にする"),
                    ("owner", "製造部長"),
                    ("due_on", "2026-11-20"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let first = location_of(&res);
        let (_, m1) = consultant.get_text(&first).await;
        assert!(m1.contains("第1回（2026年11月4日）"));
        assert!(m1.contains("定例会議を30分にする") && m1.contains("期限切れ"));
        assert!(m1.contains("持ち越したアクションはありません。"));

        let (_, page) = consultant.get_text(&format!("/engagements/{id}")).await;
        // Two weeks after 11/4: Wednesday 11/18.
        assert!(page.contains("次回の提案日：2026年11月18日"));
        assert!(page.contains("（うち期限切れ 1件）"));
        assert!(page.contains("<strong class=\"overdue\">期限切れ</strong>"));

        // A meeting with only half an action: errors per field, nothing stored.
        let res = consultant
            .post_form(
                &format!("/engagements/{id}/meetings/new"),
                &[
                    ("held_on", "2026-11-18"),
                    ("agenda", "進捗"),
                    ("owner", "誰か"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        assert_eq!(
            app.store().engagement_meetings(id).await.unwrap().len(),
            1,
            "nothing half-written"
        );

        // Second meeting: the open action is carried over and shown on it.
        let res = consultant
            .post_form(
                &format!("/engagements/{id}/meetings/new"),
                &[("held_on", "2026-11-18"), ("agenda", "進捗の確認")],
            )
            .await;
        assert_eq!(res.status(), 303);
        let second = location_of(&res);
        let (_, m2) = consultant.get_text(&second).await;
        assert!(m2.contains("第2回（2026年11月18日）"));
        let carried = &m2[m2.find("id=\"carried\"").unwrap()..m2.find("id=\"decided\"").unwrap()];
        assert!(carried.contains("定例会議を30分にする"), "{m2}");
        assert!(carried.contains("第1回（2026年11月4日）"));

        // Done: no longer carried nor overdue.
        let action = app.store().engagement_actions(id).await.unwrap()[0].id;
        let res = consultant
            .post_form(
                &format!("/engagements/{id}/actions/{action}"),
                &[("status", "done")],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, m2) = consultant.get_text(&second).await;
        assert!(m2.contains("持ち越したアクションはありません。"));
        let (_, page) = consultant.get_text(&format!("/engagements/{id}")).await;
        assert!(!page.contains("（うち期限切れ"));

        // An action between meetings, from the sheet.
        let res = consultant
            .post_form(
                &format!("/engagements/{id}/actions"),
                &[
                    ("issue", "有給の取得が少ない"),
                    ("action", "計画年休を決める"),
                    ("due_on", "2027-01-15"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(app.store().engagement_actions(id).await.unwrap().len(), 2);

        // The company's admin opens the aggregates; the page says so.
        let hr = app.signed_in(HR).await;
        let res = hr
            .post_form(
                &format!("/engagements/{id}/access"),
                &[("aggregates", "on"), ("rows", "off")],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, page) = consultant.get_text(&format!("/engagements/{id}")).await;
        assert!(
            page.contains("集計値（KPIの画面）を見せています。従業員ごとの行は見せていません。")
        );
        // The HR edits ありたい姿 but not the status.
        let res = hr
            .post_form(
                &format!("/engagements/{id}/edit"),
                &[
                    ("vision", "みんなで決めたありたい姿"),
                    ("team", "遠藤 健一｜推進リーダー"),
                    ("status", "finished"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let e = app.store().engagement(id).await.unwrap();
        assert_eq!(e.fields.vision, "みんなで決めたありたい姿");
        assert_eq!(
            e.fields.status,
            domain::engagement::EngagementStatus::Active
        );

        // The region's staff follow it: status and counts, not the minutes.
        let (status, page) = staff.get_text(&format!("/engagements/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("実施中") && !page.contains("みんなで決めたありたい姿"));
        let (status, _) = staff.get_text(&first).await;
        assert_eq!(status, 403);
        let (_, list) = staff.get_text("/engagements").await;
        assert!(
            list.contains("カエル会議 2回・未完了のアクション 1件"),
            "{list}"
        );
    }
);

/// A company of the test with its HR admin signed in, and imported facts: two
/// employees, 30 h each month from March to May 2026 and 21 h each month from
/// August to October 2026 (June and July 25 h, outside both windows).
async fn imported_company(app: &TestApp) -> (i64, Client) {
    let store = app.store();
    let region_id = store.region_by_code("072095").await.unwrap().id;
    let org = store
        .create_organization(&store::orgs::OrganizationInput {
            name: "架空精工株式会社".into(),
            org_type: "company".into(),
            region_id: Some(region_id),
            prefecture: "07".into(),
            ..store::orgs::OrganizationInput::default()
        })
        .await
        .unwrap();
    let hash = web::auth::password::hash("kakuu hr password")
        .await
        .unwrap();
    let hr = store
        .create_user("hr@kakuu.example.jp", "架空 人事", Some(&hash))
        .await
        .unwrap();
    store
        .grant_role(hr, "org_admin", None, Some(org))
        .await
        .unwrap();
    let mut facts = Vec::new();
    for (fy, months, minutes) in [
        (2025, vec!["2026-03"], 1800),
        (2026, vec!["2026-04", "2026-05"], 1800),
        (2026, vec!["2026-06", "2026-07"], 1500),
        (2026, vec!["2026-08", "2026-09", "2026-10"], 1260),
    ] {
        for month in months {
            for employee in ["P-aaaaaaaaaa", "P-bbbbbbbbbb"] {
                facts.push((
                    fy,
                    store::kpi::EmployeeMonthFact {
                        employee_key: employee.into(),
                        month: month.into(),
                        legal_overtime_minutes: minutes,
                        legal_holiday_minutes: 0,
                    },
                ));
            }
        }
    }
    for fy in [2025, 2026] {
        store
            .store_kpi_import(&store::kpi::NewKpiImport {
                org_id: org,
                fiscal_year: fy,
                content_sha256: format!("test-{fy}"),
                files: "attendance.csv".into(),
                attendance_rows: 1,
                employees: 2,
                report_json: "{}".into(),
                created_by: None,
                facts: facts
                    .iter()
                    .filter(|(y, _)| *y == fy)
                    .map(|(_, f)| f.clone())
                    .collect(),
                employee_codes: Vec::new(),
            })
            .await
            .unwrap();
    }
    let client = app
        .signed_in(("hr@kakuu.example.jp", "kakuu hr password"))
        .await;
    (org, client)
}

both_backends!(
    the_final_report_compares_before_and_after,
    spawn_demo,
    |app: TestApp| async move {
        let (org, hr) = imported_company(&app).await;
        let staff = app.signed_in(STAFF).await;
        let cid = consultant_id(&app).await.to_string();
        let res = staff
            .post_form(
                "/engagements/new",
                &[
                    ("org", &org.to_string()),
                    ("consultant", &cid),
                    ("status", "active"),
                    ("starts_on", "2026-06-01"),
                    ("vision", "定時で帰れる工場"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let id: i64 = location_of(&res)
            .trim_start_matches("/engagements/")
            .parse()
            .unwrap();
        let consultant = app.signed_in(CONSULTANT).await;
        let report = format!("/engagements/{id}/report");
        // Nothing opened: the consultant may not read the report.
        assert_eq!(consultant.get(&report).await.status(), 403);
        let res = hr
            .post_form(
                &format!("/engagements/{id}/access"),
                &[("aggregates", "on"), ("rows", "off")],
            )
            .await;
        assert_eq!(res.status(), 303);
        // A goal tied to the figure: its baseline computed from March–May (30 h).
        let res = consultant
            .post_form(
                &format!("/engagements/{id}/goals"),
                &[
                    ("label", "残業を月20時間未満に"),
                    ("figure", "monthly_overtime_average"),
                    ("target", "20"),
                    ("target_on", "2027-03-31"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let goals = app.store().engagement_goals(id).await.unwrap();
        assert_eq!(goals[0].fields.baseline, Some(30.0));
        // Finances: FY2025 100,000,000 → FY2026 118,000,000 operating profit.
        for (fy, profit) in [("2025", "100,000,000"), ("2026", "118000000")] {
            let res = hr
                .post_form(
                    &format!("/engagements/{id}/finances"),
                    &[
                        ("fiscal_year", fy),
                        ("sales", "900000000"),
                        ("operating_profit", profit),
                        ("labor_cost", "300000000"),
                    ],
                )
                .await;
            assert_eq!(res.status(), 303);
        }
        // The consultant cannot type the company's finances.
        let res = consultant
            .post_form(
                &format!("/engagements/{id}/finances"),
                &[
                    ("fiscal_year", "2026"),
                    ("sales", "1"),
                    ("operating_profit", "1"),
                    ("labor_cost", "1"),
                ],
            )
            .await;
        assert_eq!(res.status(), 403);

        // Today is 2026-12-01, after the end (10/31): the final report.
        let (status, page) = consultant.get_text(&report).await;
        assert_eq!(status, 200);
        assert!(page.contains("最終報告書"));
        // Before: 2 employees × 3 months at 30 h = 30.0 h; after: 21.0 h; −30 %.
        assert!(page.contains("2026年3月〜2026年5月") && page.contains("2026年8月〜2026年10月"));
        assert!(
            page.contains("30.0時間") && page.contains("21.0時間"),
            "{page}"
        );
        assert!(page.contains("残業 −30 %"));
        assert!(page.contains("営業利益 +18 %"));
        // FY2026 is in progress: the yearly figures are no result yet, in words.
        assert!(
            page.contains("年次有給休暇の取得率：年度が終わっていないため、まだ比べられません。"),
            "{page}"
        );
        assert!(page.contains("男性の育児休業等取得率（方法1）：年度が終わっていないため"));
        assert!(page.contains("付加価値（営業利益＋人件費）：年度が終わっていないため"));
        assert!(page.contains("年度の途中"));
        assert!(page.contains("href=\"/definitions#monthly_overtime_average\""));
        assert!(
            page.contains("計算値（取り込んだ勤怠データ）")
                && page.contains("申告値（企業が入力）")
        );
        assert!(page.contains("定時で帰れる工場") && page.contains("<svg"));
        // The goal: 30 → 20 h, now 21 h: 90 % of the way.
        let (_, epage) = consultant.get_text(&format!("/engagements/{id}")).await;
        assert!(epage.contains("目標までの進み具合 90%"), "{epage}");

        // The workbook opens and carries the same figures.
        let res = consultant.get(&format!("{report}.xlsx")).await;
        assert_eq!(res.status(), 200);
        let all = xlsx_text(&res.bytes().await.unwrap());
        assert!(all.contains("残業 −30 %") && all.contains("営業利益 +18 %"));
        assert!(all.contains("30.0時間") && all.contains("21.0時間"));

        // The engagement is over: the consultant keeps the report, not the KPI pages.
        let (status, _) = consultant.get_text(&format!("/orgs/{org}/kpi")).await;
        assert_eq!(status, 404);

        // Too little data: an engagement whose windows have no rows says so.
        let res = staff
            .post_form(
                "/engagements/new",
                &[
                    ("org", &org.to_string()),
                    ("consultant", &cid),
                    ("status", "active"),
                    ("starts_on", "2025-01-06"),
                ],
            )
            .await;
        let other: i64 = location_of(&res)
            .trim_start_matches("/engagements/")
            .parse()
            .unwrap();
        let (status, page) = hr.get_text(&format!("/engagements/{other}/report")).await;
        assert_eq!(status, 200);
        assert!(page.contains("勤怠データが足りないため"), "{page}");
        assert!(page.contains("両方の入力がないため"));
    }
);

both_backends!(
    the_demo_has_a_finished_and_a_running_engagement,
    spawn_demo,
    |app: TestApp| async move {
        let store = app.store();
        let cid = consultant_id(&app).await;
        let mine = store.engagements_of_consultant(cid).await.unwrap();
        assert_eq!(mine.len(), 2);
        let finished = mine
            .iter()
            .find(|e| e.fields.status == domain::engagement::EngagementStatus::Finished)
            .unwrap();
        let running = mine
            .iter()
            .find(|e| e.fields.status == domain::engagement::EngagementStatus::Active)
            .unwrap();
        assert_ne!(finished.org_id, running.org_id);
        // The change, computed here from the demo's imported facts by hand:
        // March–May against August–October 2026.
        let rows = store
            .employee_months_between(finished.org_id, "2026-03", "2026-10")
            .await
            .unwrap();
        let avg = |months: &[&str]| {
            let inside: Vec<_> = rows
                .iter()
                .filter(|r| months.contains(&r.1.as_str()))
                .collect();
            let minutes: i64 = inside.iter().map(|r| r.2 + r.3).sum();
            minutes as f64 / 60.0 / inside.len() as f64
        };
        let before = avg(&["2026-03", "2026-04", "2026-05"]);
        let after = avg(&["2026-08", "2026-09", "2026-10"]);
        let change = (after - before) / before * 100.0;
        let sign = if change > 0.0 {
            "+"
        } else if change < 0.0 {
            "−"
        } else {
            "±"
        };
        let expected = format!("残業 {sign}{:.0} %", change.abs());
        let consultant = app.signed_in(CONSULTANT).await;
        let (status, page) = consultant
            .get_text(&format!("/engagements/{}/report", finished.id))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("最終報告書"));
        assert!(page.contains(&expected), "{expected} in\n{page}");
        assert!(
            page.contains(&format!("{before:.1}時間")) && page.contains(&format!("{after:.1}時間"))
        );
        // The company typed 98,000,000 → 112,000,000: +14 %.
        assert!(page.contains("営業利益 +14 %"));
        // Its fiscal year (2026) has not ended on 2026-12-01: the yearly figures
        // wait, said once, and no row shows a result for that year.
        let pending = page
            .split("id=\"years-pending\">")
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .expect("the pending sentence");
        assert!(pending.contains("離職率、"), "{pending}");
        assert!(pending.contains("労働時間あたりの付加価値"));
        assert!(pending.ends_with("は、2026年度（令和8年度）が終わってから比べます。"));
        let headlines = page
            .split("id=\"headlines\">")
            .nth(1)
            .and_then(|rest| rest.split("</ul>").next())
            .unwrap();
        assert!(!headlines.contains("離職率"), "{headlines}");
        // The running one: the company has not opened anything yet.
        let (status, page) = consultant
            .get_text(&format!("/engagements/{}", running.id))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("データを見せていません"));
        assert_eq!(
            consultant
                .get(&format!("/engagements/{}/report", running.id))
                .await
                .status(),
            403
        );
        // The region's summary for the program dashboard.
        let region = store.region_by_code("072095").await.unwrap().id;
        let list = store
            .engagements_in_region_on(region, test_today())
            .await
            .unwrap();
        assert_eq!(list.len(), 2);
        let f = list.iter().find(|s| s.id == finished.id).unwrap();
        assert_eq!((f.meetings, f.open_actions, f.overdue_actions), (6, 1, 1));
        let r = list.iter().find(|s| s.id == running.id).unwrap();
        assert_eq!((r.meetings, r.open_actions, r.overdue_actions), (2, 2, 1));
        assert_eq!(
            r.consultants,
            vec!["高橋 誠（働き方改革コンサルタント）".to_string()]
        );
    }
);

/// One fiscal year's stored report as the import computes it: `taken` of 100
/// paid-leave days and `takers` of 4 fathers, with the roster's 離職率 (`leavers` of `at_start`, one decimal)
/// and a whole year of clock rows worth `hours` hours.
fn year_report_with(
    fy: i64,
    (taken, takers): (f64, i64),
    (leavers, at_start): (i64, i64),
    hours: u64,
) -> String {
    let share = serde_json::json!({"total": 0, "women": 0, "women_percent": null});
    let service = serde_json::json!({"employees": 0, "average_years": null});
    let mut r = year_report_value(fy, taken, 100, takers, 4);
    r["workforce"] = serde_json::json!({
        "reference_date": format!("{}-03-31", fy + 1),
        "hires": share, "employees": share, "chiefs": share, "managers": share,
        "executives": share, "male_service": service, "female_service": service,
        "turnover": {
            "employed_at_start": at_start,
            "leavers": leavers,
            "rate_percent": (leavers * 1000 / at_start) as f64 / 10.0,
        },
    });
    let months: Vec<String> = (0..12)
        .map(|i| {
            let (y, m) = if i < 9 { (fy, i + 4) } else { (fy + 1, i - 8) };
            format!("{y}-{m:02}")
        })
        .collect();
    r["coverage"] = serde_json::json!({"months": months, "complete": true});
    r["hours_worked"] = serde_json::json!({
        "worked_minutes": hours * 60,
        "clock_rows": 2400,
        "rows_without_clock_times": 0,
        "total_hours": hours as f64,
    });
    r.to_string()
}

fn year_report_value(
    fy: i64,
    taken: f64,
    granted: i64,
    takers: i64,
    births: i64,
) -> serde_json::Value {
    serde_json::json!({
        "fiscal_year": fy,
        "period": {"from": format!("{fy}-04-01"), "to": format!("{}-03-31", fy + 1)},
        "overtime": null,
        "paid_leave": {
            "employees": [],
            "utilization_rate_percent": taken / granted as f64 * 100.0,
            "taken_days": taken,
            "granted_days": granted,
        },
        "childcare_leave": {
            "male": {
                "births": births,
                "method1_takers": takers,
                "method1_rate_percent": takers * 100 / births,
                "method2_takers": 0,
                "method2_rate_percent": 0,
            },
            "female": {"births": 0, "takers": 0, "rate_percent": null},
        },
        "workforce": null,
    })
}

fn recruitment(
    fy: i64,
    applicants: (u64, u64),
    hires: (u64, u64),
    openings: Option<u64>,
) -> String {
    let g = |(women, men): (u64, u64)| serde_json::json!({"women": women, "men": men, "other": 0});
    serde_json::json!({
        "fiscal_year": fy,
        "recruitment": [{
            "category": "",
            "openings": openings,
            "applicants": g(applicants),
            "hires": g(hires),
            "new_graduate_hires": g((0, 0)),
            "new_graduate_leavers": g((0, 0)),
            "mid_career_hires": g((0, 0)),
            "rehires": g((0, 0)),
        }],
        "wages": [],
        "career": [],
    })
    .to_string()
}

/// Every text of a workbook (its XML parts), to look for a cell's words.
fn xlsx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        let _ = f.read_to_string(&mut s);
        all.push_str(&s);
    }
    all
}

both_backends!(
    the_report_compares_ended_fiscal_years,
    spawn_demo,
    |app: TestApp| async move {
        let (org, hr) = imported_company(&app).await;
        let store = app.store();
        // FY2024 (baseline): 40 of 100 days taken = 40.0 %; 1 of 4 fathers = 25 %;
        // women 30 applicants for 4 hires, men 50 for 6, for 12 openings; 4 of the
        // 40 on the roster on 4/1 left (10.0 %); 100,000 hours worked.
        // FY2025 (the engagement's year): 55.5 of 100 = 55.5 %; 3 of 4 = 75 %;
        // women 40 for 6, men 50 for 6, openings not given; 2 of 40 left (5.0 %);
        // 96,000 hours worked.
        for (fy, taken, takers, applicants, hires, openings, leavers, hours) in [
            (2024, 40.0, 1, (30, 50), (4, 6), Some(12), 4, 100_000),
            (2025, 55.5, 3, (40, 50), (6, 6), None, 2, 96_000),
        ] {
            store
                .store_kpi_import(&store::kpi::NewKpiImport {
                    org_id: org,
                    fiscal_year: fy,
                    content_sha256: format!("years-{fy}"),
                    files: "employees.csv, leaves.csv".into(),
                    attendance_rows: 0,
                    employees: 10,
                    report_json: year_report_with(fy, (taken, takers), (leavers, 40), hours),
                    created_by: None,
                    facts: Vec::new(),
                    employee_codes: Vec::new(),
                })
                .await
                .unwrap();
            store
                .put_year_extras(
                    org,
                    fy,
                    "recruitment",
                    &recruitment(fy, applicants, hires, openings),
                    "recruitment.csv",
                    None,
                )
                .await
                .unwrap();
        }
        let staff = app.signed_in(STAFF).await;
        let cid = consultant_id(&app).await.to_string();
        let res = staff
            .post_form(
                "/engagements/new",
                &[
                    ("org", &org.to_string()),
                    ("consultant", &cid),
                    ("status", "active"),
                    ("starts_on", "2025-06-01"),
                    ("ends_on", "2025-10-31"),
                    ("vision", "休みを取れる職場"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let id: i64 = location_of(&res)
            .trim_start_matches("/engagements/")
            .parse()
            .unwrap();
        let res = hr
            .post_form(
                &format!("/engagements/{id}/access"),
                &[("aggregates", "on"), ("rows", "off")],
            )
            .await;
        assert_eq!(res.status(), 303);
        // Value added = operating profit + labour cost: 400,000,000 → 420,000,000.
        for (fy, profit) in [("2024", "100000000"), ("2025", "120000000")] {
            let res = hr
                .post_form(
                    &format!("/engagements/{id}/finances"),
                    &[
                        ("fiscal_year", fy),
                        ("sales", "900000000"),
                        ("operating_profit", profit),
                        ("labor_cost", "300000000"),
                    ],
                )
                .await;
            assert_eq!(res.status(), 303);
        }
        // erabareru経由の問い合わせ・応募: the company posted a job in FY2024 and got 1
        // application then; in FY2025, 2 applications and 1 inquiry. The one sent at
        // 2026-03-31T15:00Z is 4/1 in Japan, so FY2026: not counted. 1 → 3: +2件.
        let hamanasu = app.org_id("はまなすケミカル株式会社").await;
        let mut fields = store.postings_of_org(hamanasu).await.unwrap()[0]
            .fields
            .clone();
        fields.posted_on = "2024-05-01".into();
        let posting = store
            .create_posting(
                org,
                &fields,
                domain::job::PostingReview::Approved,
                None,
                |_| Vec::new(),
            )
            .await
            .unwrap();
        for (sent_at, kind) in [
            (
                "2024-06-01T01:00:00Z",
                domain::job::InquiryKind::Application,
            ),
            (
                "2025-04-01T00:00:00Z",
                domain::job::InquiryKind::Application,
            ),
            ("2025-11-20T03:00:00Z", domain::job::InquiryKind::Inquiry),
            (
                "2026-03-31T14:59:59Z",
                domain::job::InquiryKind::Application,
            ),
            (
                "2026-03-31T15:00:00Z",
                domain::job::InquiryKind::Application,
            ),
        ] {
            let new = store::inquiries::NewInquiry {
                org_id: org,
                posting_id: Some(posting),
                posting_title: fields.title.clone(),
                kind,
                name: "応募者".into(),
                email: "seeker@example.jp".into(),
                phone: String::new(),
                message: "見学できますか".into(),
                language: "ja".into(),
            };
            let id = store
                .send_inquiry(&new, None, |_| Vec::new())
                .await
                .unwrap();
            store::sqlx::query("UPDATE job_inquiries SET created_at = $1 WHERE id = $2")
                .bind(sent_at)
                .bind(id)
                .execute(store.pool())
                .await
                .unwrap();
        }
        let consultant = app.signed_in(CONSULTANT).await;
        let (status, page) = consultant
            .get_text(&format!("/engagements/{id}/report"))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("2024年度（令和6年度）") && page.contains("2025年度（令和7年度）"));
        assert!(page.contains("1件（応募1件・問い合わせ0件）"), "{page}");
        assert!(page.contains("3件（応募2件・問い合わせ1件）"), "{page}");
        assert!(
            page.contains("erabareru経由の問い合わせ・応募 +2件"),
            "{page}"
        );
        assert!(page.contains("href=\"/definitions#portal_inquiries\""));
        // 40.0 → 55.5: +15.5 points, ×1.4 (55.5 ÷ 40 = 1.3875).
        assert!(page.contains("40.0%（取得40日／付与100日）"), "{page}");
        assert!(page.contains("55.5%（取得55.5日／付与100日）"));
        assert!(
            page.contains("年次有給休暇の取得率 +15.5ポイント（×1.4）"),
            "{page}"
        );
        assert!(page.contains("href=\"/definitions#paid_leave_utilization\""));
        // 25 % → 75 %: +50 points, ×3.0.
        assert!(page.contains("男性の育児休業等取得率（方法1） +50ポイント（×3.0）"));
        assert!(page.contains("href=\"/definitions#male_childcare_leave_rate_method1\""));
        // Women 30/4 = 7.5 → 40/6 = 6.7 (half up): −0.8; men 50/6 = 8.3 both years.
        assert!(
            page.contains("男女別の採用における競争倍率（女性） −0.8倍"),
            "{page}"
        );
        assert!(page.contains("男女別の採用における競争倍率（男性） ±0.0倍"));
        assert!(page.contains("7.5倍（応募30人／採用4人）"));
        assert!(page.contains("付加価値 +5 %"));
        assert!(page.contains("400,000,000円") && page.contains("420,000,000円"));
        // 離職率 10.0 % (4/40) → 5.0 % (2/40): −5.0 points, ×0.5.
        assert!(page.contains("10.0%（離職4人／期首40人）"), "{page}");
        assert!(page.contains("離職率 −5.0ポイント（×0.5）"), "{page}");
        assert!(page.contains("href=\"/definitions#leaver_rate\""));
        // 採用力: 80 applicants and 10 hires for 12 openings in FY2024 (6.666… → 6.7 per
        // opening, 83.333… → 83.3 % filled); FY2025 has no openings: no change is told.
        assert!(page.contains("6.7倍（応募80人／募集12人）"), "{page}");
        assert!(page.contains("83.3%（採用10人／募集12人）"), "{page}");
        assert!(page.contains("募集人数あたりの応募者数：比べる年度のデータが足りない"));
        assert!(
            page.contains(
                "2025年度（令和7年度）の採用の集計に、募集人数のない雇用管理区分があります"
            )
        );
        // Per hour: 400,000,000 ÷ 100,000 h = 4,000 → 420,000,000 ÷ 96,000 h
        // = 4,375 円 (+9.375 %, told +9 %); operating profit 1,000 → 1,250 (+25 %).
        assert!(
            page.contains("4,000円/時間（400,000,000円／100,000.0時間）"),
            "{page}"
        );
        assert!(page.contains("4,375円/時間（420,000,000円／96,000.0時間）"));
        assert!(page.contains("労働時間あたりの付加価値 +9 %"), "{page}");
        assert!(page.contains("労働時間あたりの営業利益 +25 %"));
        assert!(page.contains("1,250円/時間（120,000,000円／96,000.0時間）"));
        // The workbook carries the same rows.
        let res = consultant
            .get(&format!("/engagements/{id}/report.xlsx"))
            .await;
        assert_eq!(res.status(), 200);
        let xml = xlsx_text(&res.bytes().await.unwrap());
        assert!(
            xml.contains("年次有給休暇の取得率 +15.5ポイント（×1.4）"),
            "{xml}"
        );
        assert!(xml.contains("離職率 −5.0ポイント（×0.5）"));
        assert!(xml.contains("募集人数のない雇用管理区分があります"));
    }
);

both_backends!(
    the_report_reads_the_demo_imports_of_ended_years,
    spawn_demo,
    |app: TestApp| async move {
        let org = app.org_id("はまなすケミカル株式会社").await;
        let store = app.store();
        // The demo's imported FY2024 and FY2025 reports, read here directly.
        let mut rates = Vec::new();
        let mut leaver_rates = Vec::new();
        let mut minutes = Vec::new();
        for fy in [2024, 2025] {
            let import = store.current_kpi_import(org, fy).await.unwrap().unwrap();
            let r: serde_json::Value = serde_json::from_str(&import.report_json).unwrap();
            rates.push(
                r["paid_leave"]["utilization_rate_percent"]
                    .as_f64()
                    .unwrap(),
            );
            leaver_rates.push(
                r["workforce"]["turnover"]["rate_percent"]
                    .as_f64()
                    .expect("the demo roster has a 離職率"),
            );
            assert_eq!(r["hours_worked"]["rows_without_clock_times"], 0);
            minutes.push(r["hours_worked"]["worked_minutes"].as_u64().unwrap());
        }
        // Value added 710,000,000 in both years; per hour = ÷ (minutes ÷ 60), half
        // away from zero, the change in percent of the first year.
        let per_hour: Vec<i64> = minutes
            .iter()
            .map(|&m| (710_000_000f64 * 60.0 / m as f64).round() as i64)
            .collect();
        let diff = rates[1] - rates[0];
        let sign = if format!("{:.1}", diff.abs()) == "0.0" {
            "±"
        } else if diff > 0.0 {
            "+"
        } else {
            "−"
        };
        let expected = format!(
            "年次有給休暇の取得率 {sign}{:.1}ポイント（×{:.1}）",
            diff.abs(),
            rates[1] / rates[0]
        );
        let staff = app.signed_in(STAFF).await;
        let cid = consultant_id(&app).await.to_string();
        let res = staff
            .post_form(
                "/engagements/new",
                &[
                    ("org", &org.to_string()),
                    ("consultant", &cid),
                    ("status", "finished"),
                    ("starts_on", "2025-06-01"),
                    ("ends_on", "2025-10-31"),
                    ("vision", "年休を取りやすい職場"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let id: i64 = location_of(&res)
            .trim_start_matches("/engagements/")
            .parse()
            .unwrap();
        let hr = app.signed_in(HR).await;
        for fy in ["2024", "2025"] {
            let res = hr
                .post_form(
                    &format!("/engagements/{id}/finances"),
                    &[
                        ("fiscal_year", fy),
                        ("sales", "2450000000"),
                        ("operating_profit", "98000000"),
                        ("labor_cost", "612000000"),
                    ],
                )
                .await;
            assert_eq!(res.status(), 303);
        }
        let (status, page) = hr.get_text(&format!("/engagements/{id}/report")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&expected), "{expected} in\n{page}");
        for rate in &leaver_rates {
            assert!(
                page.contains(&format!("{rate:.1}%（離職")),
                "{rate} in\n{page}"
            );
        }
        let grouped = |v: i64| {
            let s = v.to_string();
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        };
        for v in &per_hour {
            assert!(
                page.contains(&format!("{}円/時間", grouped(*v))),
                "{v} in\n{page}"
            );
        }
        let change = (per_hour[1] - per_hour[0]) as f64 / per_hour[0] as f64 * 100.0;
        assert!(
            page.contains(&format!(
                "労働時間あたりの付加価値 {}{:.0} %",
                if change > 0.0 {
                    "+"
                } else if change < 0.0 {
                    "−"
                } else {
                    "±"
                },
                change.abs()
            )),
            "{change} in\n{page}"
        );
        assert!(
            page.contains(&format!("{:.1}%", rates[0]))
                && page.contains(&format!("{:.1}%", rates[1]))
        );
        assert!(page.contains("2024年度（令和6年度）") && page.contains("2025年度（令和7年度）"));
    }
);

both_backends!(
    the_report_carries_the_practice_tools_organization_wide,
    spawn_demo,
    |app: TestApp| async move {
        let store = app.store();
        let h = app.org_id("はまなすケミカル株式会社").await;
        let region = store.region_by_code("072095").await.unwrap().id;
        let consultant = store.user_by_email(CONSULTANT.0).await.unwrap().unwrap().id;
        let e = store
            .create_engagement(
                region,
                h,
                &[consultant],
                &store::engagements::EngagementFields {
                    status: domain::engagement::EngagementStatus::Active,
                    starts_on: jiff::civil::date(2026, 11, 1),
                    ends_on: jiff::civil::date(2027, 3, 31),
                    vision: "誰もが定時に帰れる".into(),
                    team: Vec::new(),
                },
                &store::audit::Actor::default(),
            )
            .await
            .unwrap();
        // A round after the start: six answers, every item 5.
        let setup = survey::diagnosis::Setup {
            departments: vec!["製造課".into(), "総務課".into(), "品質管理課".into()],
            ..survey::diagnosis::Setup::default()
        };
        let q = survey::diagnosis::questionnaire(&setup);
        let rid = store
            .open_org_survey_round(
                survey::diagnosis::CODE,
                h,
                "伴走支援の後",
                &setup.to_json(),
                "token-after",
                "2026-11-20",
                &store::audit::Actor::default(),
            )
            .await
            .unwrap();
        let mut answers = Vec::new();
        for _ in 0..6 {
            let mut pairs: Vec<(String, String)> = vec![("department".into(), "d1".into())];
            for it in &survey::diagnosis::ITEMS {
                pairs.push((it.key.into(), "5".into()));
            }
            answers.push(q.validate(&pairs).unwrap().to_json());
        }
        store.submit_survey_answers(rid, &answers).await.unwrap();
        store
            .close_survey_round(rid, "2026-11-30", &store::audit::Actor::default())
            .await
            .unwrap();
        let hr = app.signed_in(HR).await;
        let (status, page) = hr.get_text(&format!("/engagements/{e}/report")).await;
        assert_eq!(status, 200);
        let row = page
            .split("id=\"outcome-org_survey_work_life\"")
            .nth(1)
            .unwrap();
        let row = row.split("</tr>").next().unwrap();
        assert!(
            row.contains("2026年度 伴走支援の前") && row.contains("伴走支援の後"),
            "{row}"
        );
        assert!(row.contains("<td>5.0<br>"), "{row}");
        assert!(row.contains("点 上昇"), "{row}");
        // 朝メール: the demo's three weeks fall after the start; before it
        // nobody wrote, so the windows are not compared.
        let row = page.split("id=\"outcome-daily_plan_gap\"").nth(1).unwrap();
        let row = row.split("</tr>").next().unwrap();
        assert!(row.contains("比べられません"), "{row}");
    }
);
