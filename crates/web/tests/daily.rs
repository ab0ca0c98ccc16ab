//! 朝メール・夜メール (issue 13) through the real routes, on SQLite and
//! PostgreSQL: a person plans and reports a day (errors kept in the form,
//! drafts put back), a teammate comments and thanks, notifications reach the
//! person in the app and by mail only when asked; another team sees nothing;
//! the analytics compute a team's 予実差 as worked by hand and hide small
//! teams outside themselves, also under a narrower period.

mod support;

use domain::daily::{Block, TimeOfDay};
use store::both_backends;
use store::daily::Tell;
use store::mail::MailKind;
use support::*;

const TODAY: &str = "2026-12-01";

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.store().user_by_email(email).await.unwrap().unwrap().id
}

/// A person of `org` with a password, in `team`.
async fn person(app: &TestApp, org: i64, team: i64, email: &str, name: &str) -> Client {
    let hash = web::auth::password::hash("daily test password")
        .await
        .unwrap();
    let id = app
        .store()
        .create_user(email, name, Some(&hash))
        .await
        .unwrap();
    app.store()
        .grant_role(id, "org_member", None, Some(org))
        .await
        .unwrap();
    app.store()
        .set_asa_team(org, id, Some((team, false)))
        .await
        .unwrap();
    app.signed_in((email, "daily test password")).await
}

both_backends!(
    a_person_plans_and_reports_a_day_and_a_teammate_comments,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        let member = app.signed_in(MEMBER).await;
        let hr_id = user_id(&app, HR.0).await;
        let member_id = user_id(&app, MEMBER.0).await;

        let (status, page) = member.get_text(&format!("/orgs/{h}/daily")).await;
        assert_eq!(status, 200);
        assert!(page.contains("朝メール（今日の予定）"), "{page}");
        assert!(page.contains("2026年12月1日（火）"));

        // Overlapping blocks: the form comes back with the row named and the
        // values kept; nothing is saved.
        let plan = |second_start: &'static str| {
            vec![
                ("day", TODAY),
                ("hitokoto", "出荷に集中"),
                ("start_0", "９:００"),
                ("end_0", "１０:００"),
                ("task_0", "朝礼と段取り"),
                ("category_0", "会議"),
                ("start_1", second_start),
                ("end_1", "18:00"),
                ("task_1", "検査の記録"),
                ("category_1", "資料作成"),
            ]
        };
        let res = member
            .post_form(&format!("/orgs/{h}/daily/plan"), &plan("9:30"))
            .await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("前の時間帯と重なっています"), "{page}");
        assert!(page.contains("value=\"検査の記録\""));
        // 「行を追加」 without script: three more rows, nothing saved.
        let mut more = plan("9:30");
        more.push(("more", "1"));
        let res = member
            .post_form(&format!("/orgs/{h}/daily/plan"), &more)
            .await;
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains("name=\"start_4\"") && !page.contains("重なっています"));
        // An unknown category: refused too.
        let mut bad = plan("10:00");
        bad[9] = ("category_1", "雑談");
        let res = member
            .post_form(&format!("/orgs/{h}/daily/plan"), &bad)
            .await;
        assert_eq!(res.status(), 422);

        let res = member
            .post_form(&format!("/orgs/{h}/daily/plan"), &plan("10:00"))
            .await;
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        let stored = app
            .store()
            .asa_day(h, member_id, TODAY)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.planned.len(), 2);
        assert_eq!(
            stored.planned[0].start.to_string(),
            "09:00",
            "full-width digits"
        );
        assert_eq!(stored.hitokoto, "出荷に集中");
        let (_, page) = member.get_text(&format!("/orgs/{h}/daily")).await;
        assert!(page.contains("終業予定 18:00"), "{page}");
        assert!(page.contains("定時を超えています"));
        assert!(page.contains("id=\"report-form\""));

        // A draft typed into the report comes back on the next visit.
        let res = member
            .post_form(
                &format!("/orgs/{h}/daily/draft"),
                &[
                    ("day", TODAY),
                    ("kind", "report"),
                    ("start_0", "9:00"),
                    ("end_0", "10:30"),
                    ("task_0", "朝礼が長引いた"),
                    ("category_0", "会議"),
                    ("reflection", "途中まで書いた"),
                ],
            )
            .await;
        assert_eq!(res.status(), 204);
        let (_, page) = member.get_text(&format!("/orgs/{h}/daily")).await;
        assert!(page.contains("id=\"report-restored\""), "{page}");
        assert!(page.contains("value=\"朝礼が長引いた\""));
        assert!(page.contains("途中まで書いた"));
        // A draft has bounds.
        let huge = "あ".repeat(20_000);
        let res = member
            .post_form(
                &format!("/orgs/{h}/daily/draft"),
                &[("day", TODAY), ("kind", "report"), ("reflection", &huge)],
            )
            .await;
        assert_eq!(res.status(), 400);

        // The report: the meeting ran long, an unplanned call, thanks to HR.
        let res = member
            .post_form(
                &format!("/orgs/{h}/daily/report"),
                &[
                    ("day", TODAY),
                    ("start_0", "9:00"),
                    ("end_0", "10:30"),
                    ("task_0", "朝礼と段取り"),
                    ("category_0", "会議"),
                    ("start_1", "10:30"),
                    ("end_1", "17:00"),
                    ("task_1", "検査の記録"),
                    ("category_1", "資料作成"),
                    ("start_2", "17:00"),
                    ("end_2", "17:45"),
                    ("task_2", "取引先からの電話"),
                    ("category_2", "顧客対応"),
                    ("unplanned_2", "1"),
                    ("reflection", "朝礼は15分で切り上げる。"),
                    ("thanks_to", &hr_id.to_string()),
                    ("thanks_message", "検査を手伝ってくれて助かりました"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let stored = app
            .store()
            .asa_day(h, member_id, TODAY)
            .await
            .unwrap()
            .unwrap();
        let actual = stored.actual.unwrap();
        assert_eq!(actual.len(), 3);
        assert!(actual[2].unplanned);
        assert_eq!(stored.reflection, "朝礼は15分で切り上げる。");
        assert!(
            app.store()
                .asa_draft(h, member_id, TODAY, store::daily::DraftKind::Report)
                .await
                .unwrap()
                .is_none(),
            "the draft is gone once posted"
        );

        // The teammate (and leader) reads it, is thanked, and comments.
        let hr = app.signed_in(HR).await;
        let (status, page) = hr.get_text(&format!("/orgs/{h}/daily/team")).await;
        assert_eq!(status, 200);
        assert!(page.contains("取引先からの電話"), "{page}");
        assert!(page.contains("検査を手伝ってくれて助かりました"));
        assert!(
            page.contains("id=\"leader\""),
            "HR leads 製造課 in the demo"
        );
        let (_, notes) = hr.get_text(&format!("/orgs/{h}/daily/notifications")).await;
        assert!(
            notes.contains("夜メールであなたにありがとうを伝えました"),
            "{notes}"
        );
        let res = hr
            .post_form(
                &format!("/orgs/{h}/daily/days/{}/comments", stored.id),
                &[("kind", "comment"), ("body", "朝礼の短縮、賛成です")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert!(location(&res).ends_with(&format!("#day-{}", stored.id)));
        // Nobody asked for mail: none is queued.
        assert!(mails_of(&app, MailKind::DailyComment).await.is_empty());
        let (_, notes) = member
            .get_text(&format!("/orgs/{h}/daily/notifications"))
            .await;
        assert!(notes.contains("コメントしました"), "{notes}");
        assert!(notes.contains("未読"));
        let (_, notes) = member
            .get_text(&format!("/orgs/{h}/daily/notifications"))
            .await;
        assert!(!notes.contains("未読"), "opening the page marks them read");

        // Once the member asks for mail, the next comment sends one.
        let res = member
            .post_form(
                &format!("/orgs/{h}/daily/notifications"),
                &[("mail_on_comment", "1")],
            )
            .await;
        assert_eq!(res.status(), 303);
        hr.post_form(
            &format!("/orgs/{h}/daily/days/{}/comments", stored.id),
            &[("kind", "thanks"), ("body", "")],
        )
        .await;
        let mails = mails_of(&app, MailKind::DailyComment).await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].recipient, MEMBER.0);
        assert!(mails[0].body_text.contains("ありがとうを伝えました"));
        let (_, page) = member.get_text(&format!("/orgs/{h}/daily/team")).await;
        assert!(page.contains("朝礼の短縮、賛成です"));
        assert!(
            page.contains("ありがとうございます！"),
            "an empty thanks says thank you"
        );

        // Someone of another team of the same organization sees none of it.
        let teams = app.store().asa_teams(h).await.unwrap();
        let soumu = teams.iter().find(|t| t.name == "総務課").unwrap().id;
        let other = person(&app, h, soumu, "soumu@demo.example.jp", "総務 一郎").await;
        let (_, page) = other.get_text(&format!("/orgs/{h}/daily/team")).await;
        assert!(!page.contains("取引先からの電話"));
        assert!(!page.contains("菅野 彩"));
        let res = other
            .post_form(
                &format!("/orgs/{h}/daily/days/{}/comments", stored.id),
                &[("kind", "comment"), ("body", "のぞき見")],
            )
            .await;
        assert_eq!(res.status(), 404);
        // Nor the city's staff, nor a platform admin: not even the feed.
        for who in [STAFF, ADMIN] {
            let c = app.signed_in(who).await;
            let (status, _) = c.get_text(&format!("/orgs/{h}/daily/team")).await;
            assert_eq!(status, 403, "{}", who.0);
        }
        // A day too far back or a day to come cannot be reported.
        let res = member
            .post_form(
                &format!("/orgs/{h}/daily/report"),
                &[("day", "2026-12-02"), ("start_0", "9:00")],
            )
            .await;
        assert_eq!(res.status(), 400);
        let res = member
            .post_form(
                &format!("/orgs/{h}/daily/plan"),
                &[("day", "2026-11-01"), ("start_0", "9:00")],
            )
            .await;
        assert_eq!(res.status(), 400);
    }
);

both_backends!(
    copy_yesterday_and_recurring_blocks_fill_a_new_plan,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        let member = app.signed_in(MEMBER).await;
        // Tomorrow has no plan yet: the recurring blocks of a Wednesday fill it.
        let res = member
            .post_form(
                &format!("/orgs/{h}/daily/recurring"),
                &[
                    ("weekday", "2"),
                    ("start", "8:30"),
                    ("end", "8:45"),
                    ("task", "水曜の安全ミーティング"),
                    ("category", "会議"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, page) = member
            .get_text(&format!("/orgs/{h}/daily?day=2026-12-02"))
            .await;
        assert!(page.contains("value=\"水曜の安全ミーティング\""), "{page}");
        // 「前日の予定をコピー」 takes the latest plan before it (today's, from the demo).
        let (_, page) = member
            .get_text(&format!("/orgs/{h}/daily?day=2026-12-02&copy=1"))
            .await;
        assert!(page.contains("id=\"plan-copied\""));
        assert!(page.contains("value=\"朝礼・段取り確認\""));
        // A recurring block without a weekday is refused with a message.
        let res = member
            .post_form(
                &format!("/orgs/{h}/daily/recurring"),
                &[
                    ("start", "8:30"),
                    ("end", "8:45"),
                    ("task", "x"),
                    ("category", "会議"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(
            app.store()
                .asa_recurring(h, user_id(&app, MEMBER.0).await)
                .await
                .unwrap()
                .len(),
            1
        );
    }
);

fn b(start: &str, end: &str, category: &str, unplanned: bool) -> Block {
    Block {
        start: TimeOfDay::parse(start).unwrap(),
        end: TimeOfDay::parse(end).unwrap(),
        task: "作業".into(),
        category: category.into(),
        unplanned,
    }
}

both_backends!(
    analytics_show_a_team_gap_and_hide_small_teams_outside_them,
    spawn_demo,
    |app: TestApp| async move {
        let store = app.store();
        let region_id = store.region_by_code("072095").await.unwrap().id;
        let org = store
            .create_organization(&store::orgs::OrganizationInput {
                name: "架空工業株式会社".into(),
                org_type: "company".into(),
                region_id: Some(region_id),
                prefecture: "07".into(),
                ..store::orgs::OrganizationInput::default()
            })
            .await
            .unwrap();
        let a = store.create_asa_team(org, "製造A").await.unwrap();
        let small = store.create_asa_team(org, "営業B").await.unwrap();
        let c3 = store.create_asa_team(org, "検査C").await.unwrap();
        let viewer = person(&app, org, a, "a1@kakuu.example.jp", "製造 一").await;
        let small_viewer = person(&app, org, small, "b1@kakuu.example.jp", "営業 一").await;
        let end = TimeOfDay::parse("17:30").unwrap();
        // Plan: 会議 9:00–10:00, 資料作成 10:00–12:00. Actual: 会議 9:00–10:30,
        // 資料作成 10:30–12:00, unplanned 顧客対応 12:00–12:30.
        // Gap: |90−60| + |90−120| + |30−0| = 90 minutes a day.
        let planned = [
            b("9:00", "10:00", "会議", false),
            b("10:00", "12:00", "資料作成", false),
        ];
        let actual = [
            b("9:00", "10:30", "会議", false),
            b("10:30", "12:00", "資料作成", false),
            b("12:00", "12:30", "顧客対応", true),
        ];
        let mut members: Vec<(i64, i64)> = Vec::new();
        members.push((user_id(&app, "a1@kakuu.example.jp").await, a));
        members.push((user_id(&app, "b1@kakuu.example.jp").await, small));
        for (i, team) in [
            (2, a),
            (3, a),
            (4, a),
            (5, a),
            (6, small),
            (7, c3),
            (8, c3),
            (9, c3),
        ] {
            let id = store
                .create_user(
                    &format!("p{i}@kakuu.example.jp"),
                    &format!("社員 {i}"),
                    None,
                )
                .await
                .unwrap();
            store
                .grant_role(id, "org_member", None, Some(org))
                .await
                .unwrap();
            store
                .set_asa_team(org, id, Some((team, false)))
                .await
                .unwrap();
            members.push((id, team));
        }
        // Everyone writes 11-24 and 11-25; the fifth of 製造A (p5) only 11-23.
        for (id, team) in &members {
            let days: &[&str] = if *id == members[5].0 {
                &["2026-11-23"]
            } else {
                &["2026-11-24", "2026-11-25"]
            };
            for day in days {
                store
                    .save_asa_plan(org, *id, day, Some(*team), "", &planned, end)
                    .await
                    .unwrap();
                store
                    .save_asa_report(
                        org,
                        *id,
                        day,
                        Some(*team),
                        end,
                        &actual,
                        "",
                        None,
                        Tell::default(),
                    )
                    .await
                    .unwrap();
            }
        }
        let period = "from=2026-11-20&to=2026-11-30";
        let (status, page) = viewer
            .get_text(&format!("/orgs/{org}/daily/analytics?scope=team&{period}"))
            .await;
        assert_eq!(status, 200);
        let gap = page.split("id=\"figure-daily_plan_gap\"").nth(1).unwrap();
        assert!(
            gap.split("</div>").next().unwrap().contains("1時間30分"),
            "{gap}"
        );
        let share = page
            .split("id=\"figure-daily_unplanned_share\"")
            .nth(1)
            .unwrap();
        // 30 unplanned of 210 actual minutes = 14.28…% → 14.3 %.
        assert!(
            share.split("</div>").next().unwrap().contains("14.3%"),
            "{share}"
        );
        assert!(page.contains("比べた日：9日（5人）"), "{page}");
        assert!(page.contains("href=\"/definitions#daily_plan_gap\""));

        // The organization: 製造A (5) shown; 営業B (2) and 検査C (3) merged as 5.
        let (_, page) = viewer
            .get_text(&format!("/orgs/{org}/daily/analytics?scope=org&{period}"))
            .await;
        let teams = page.split("id=\"team-table\"").nth(1).unwrap();
        let teams = teams.split("</table>").next().unwrap();
        assert!(teams.contains("製造A"), "{teams}");
        assert!(teams.contains("その他のチーム（合計）"));
        assert!(!teams.contains("営業B") && !teams.contains("検査C"));
        // A narrower period leaves 製造A with 4 people: hidden too.
        let narrow = "from=2026-11-24&to=2026-11-30";
        let (_, page) = viewer
            .get_text(&format!("/orgs/{org}/daily/analytics?scope=org&{narrow}"))
            .await;
        let teams = page.split("id=\"team-table\"").nth(1).unwrap();
        let teams = teams.split("</table>").next().unwrap();
        assert!(!teams.contains("製造A"), "{teams}");
        assert!(teams.contains("その他のチーム（合計）"));
        // The exports carry the same rules: no small team's name in them.
        let res = viewer
            .get(&format!(
                "/orgs/{org}/daily/analytics.csv?scope=org&{narrow}"
            ))
            .await;
        assert_eq!(res.status(), 200);
        let csv = res.text().await.unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert!(
            csv.contains(
                "daily_plan_gap,予実差（1日あたり）,架空工業株式会社,,90,分,2026-11-24,2026-11-30"
            ),
            "{csv}"
        );
        assert!(!csv.contains("営業B"));
        let res = viewer
            .get(&format!(
                "/orgs/{org}/daily/analytics.xlsx?scope=team&{period}"
            ))
            .await;
        assert_eq!(res.status(), 200);
        assert!(res.bytes().await.unwrap().starts_with(b"PK"));

        // Inside a small team, its own figures are shown in full.
        let (_, page) = small_viewer
            .get_text(&format!("/orgs/{org}/daily/analytics?scope=team&{period}"))
            .await;
        assert!(page.contains("比べた日：4日（2人）"), "{page}");
        // A scope the person has no part in: not found; a bad period: refused.
        let res = app
            .signed_in(HR)
            .await
            .get(&format!("/orgs/{org}/daily/analytics?scope=org"))
            .await;
        assert_eq!(res.status(), 404);
        let res = viewer
            .get(&format!(
                "/orgs/{org}/daily/analytics?from=2025-01-01&to=2026-11-30"
            ))
            .await;
        assert_eq!(res.status(), 400);
    }
);

both_backends!(
    admins_set_categories_hours_and_teams,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        let hr = app.signed_in(HR).await;
        let (status, page) = hr.get_text(&format!("/orgs/{h}/daily/settings")).await;
        assert_eq!(status, 200);
        assert!(page.contains("製造課"));
        let res = hr
            .post_form(
                &format!("/orgs/{h}/daily/settings"),
                &[
                    ("categories", "会議\n製造\n検査"),
                    ("scheduled_start", "8:00"),
                    ("scheduled_end", "7:00"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422, "the end before the start");
        let res = hr
            .post_form(
                &format!("/orgs/{h}/daily/settings"),
                &[
                    ("categories", "会議\n製造\n検査\n会議"),
                    ("scheduled_start", "８:００"),
                    ("scheduled_end", "17:00"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let s = app.store().asa_settings(h).await.unwrap();
        assert_eq!(s.categories, vec!["会議", "製造", "検査"]);
        assert_eq!(s.scheduled_end.to_string(), "17:00");
        // A team of the same name is refused; a new one made.
        let res = hr
            .post_form(&format!("/orgs/{h}/daily/teams"), &[("name", "製造課")])
            .await;
        assert_eq!(res.status(), 422);
        let res = hr
            .post_form(&format!("/orgs/{h}/daily/teams"), &[("name", "新チーム")])
            .await;
        assert_eq!(res.status(), 303);
        // Putting someone of another organization in a team: not found.
        let stranger = user_id(&app, CONSULTANT.0).await;
        let team = app.store().asa_teams(h).await.unwrap()[0].id;
        let res = hr
            .post_form(
                &format!("/orgs/{h}/daily/people"),
                &[
                    ("user_id", &stranger.to_string()),
                    ("team_id", &team.to_string()),
                ],
            )
            .await;
        assert_eq!(res.status(), 404);
        // The member's plan is now checked against the new categories.
        let member = app.signed_in(MEMBER).await;
        let res = member
            .post_form(
                &format!("/orgs/{h}/daily/plan"),
                &[
                    ("day", TODAY),
                    ("start_0", "9:00"),
                    ("end_0", "10:00"),
                    ("task_0", "段取り"),
                    ("category_0", "資料作成"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        // The member may not change the settings.
        let (status, _) = member.get_text(&format!("/orgs/{h}/daily/settings")).await;
        assert_eq!(status, 403);
    }
);
