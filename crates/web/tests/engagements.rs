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
    assert!(app.store().engagements_of_org(h).await.unwrap().is_empty());

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
