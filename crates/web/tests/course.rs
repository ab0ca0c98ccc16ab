//! The leader course (issue 10) through the real routes, on SQLite and
//! PostgreSQL: staff create a course and enrol people, a participant drafts
//! (htmx autosave and the plain save button), submits revisions, a facilitator
//! comments, the history keeps every revision, attendance and the completion
//! rule lead to a certificate that only the right people see.

mod support;

use store::both_backends;
use support::*;

/// POST a form as htmx does (the `HX-Request` header), with the CSRF token.
async fn post_htmx(c: &Client, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let token = c.csrf().await;
    let mut all: Vec<(&str, &str)> = fields.to_vec();
    all.push(("csrf_token", &token));
    c.http
        .post(format!("{}{path}", c.base))
        .header("HX-Request", "true")
        .form(&all)
        .send()
        .await
        .expect("POST")
}

async fn demo_course(app: &TestApp) -> i64 {
    let region = app.store().region_by_code("072095").await.unwrap().id;
    app.store().courses_in_region(region).await.unwrap()[0].id
}

/// The participant id of `email` in `course`.
async fn participant(app: &TestApp, course: i64, email: &str) -> i64 {
    let user = app.store().user_by_email(email).await.unwrap().unwrap().id;
    app.store()
        .course_participants(course)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.user_id == user)
        .unwrap()
        .id
}

both_backends!(
    the_demo_cohort_is_seen_by_the_right_people_only,
    spawn_demo,
    |app: TestApp| async move {
        let course = demo_course(&app).await;
        let sessions = app.store().course_sessions(course).await.unwrap();
        let member_p = participant(&app, course, MEMBER.0).await;
        let abe = participant(&app, course, "abe.demo@demo.example.jp").await;
        let ws = |p: i64, s: usize| {
            format!(
                "/courses/{course}/participants/{p}/sessions/{}",
                sessions[s].id
            )
        };

        // The member: a dashboard card, their worksheets, the comment, the history.
        let member = app.signed_in(MEMBER).await;
        let (status, dash) = member.get_text("/dashboard").await;
        assert_eq!(status, 200);
        assert!(
            dash.contains(&format!("href=\"{}\"", ws(member_p, 0))),
            "{dash}"
        );
        assert!(dash.contains("働き方改革推進リーダー養成講座"));
        let (status, page) = member.get_text(&format!("/courses/{course}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("あなたのワークシート"));
        assert!(
            !page.contains("受講者の進み具合"),
            "the cohort is for staff and facilitators"
        );
        let (status, sheet) = member.get_text(&ws(member_p, 0)).await;
        assert_eq!(status, 200);
        assert!(
            sheet.contains("離職や採用への影響も書き足す"),
            "the facilitator's comment"
        );
        assert!(sheet.contains("hx-post=") && sheet.contains("delay:1500ms"));
        assert!(
            sheet.contains("name=\"figure\""),
            "the KPI figures to attach"
        );
        let (_, history) = member
            .get_text(&format!("{}/history", ws(member_p, 0)))
            .await;
        assert!(
            history.contains("第2版") && history.contains("第1版"),
            "{history}"
        );
        // Another participant's worksheet does not exist for the member.
        assert_eq!(member.get(&ws(abe, 0)).await.status(), 404);

        // Staff: the cohort's progress; the draft in progress shows as such.
        let staff = app.signed_in(STAFF).await;
        let (_, dash) = staff.get_text("/dashboard").await;
        assert!(dash.contains("href=\"/courses\""), "the desk's card");
        let (status, page) = staff.get_text(&format!("/courses/{course}")).await;
        assert_eq!(status, 200);
        for name in [
            "菅野 彩",
            "佐々木 美穂",
            "阿部 拓也",
            "石川 真由",
            "小野寺 翔",
        ] {
            assert!(page.contains(name), "{name} in the cohort");
        }
        assert!(page.contains("下書き") && page.contains("提出済み") && page.contains("未着手"));
        assert_eq!(staff.get(&ws(abe, 1)).await.status(), 200);

        // The consultant facilitates: reads anyone's worksheet, may comment.
        let consultant = app.signed_in(CONSULTANT).await;
        let (status, sheet) = consultant.get_text(&ws(abe, 0)).await;
        assert_eq!(status, 200);
        assert!(sheet.contains("name=\"body\""), "the comment form");
        assert!(
            !sheet.contains("id=\"worksheet-form\""),
            "not theirs to write"
        );

        // HR of the member's company reads the member's worksheets, not others'.
        let hr = app.signed_in(HR).await;
        assert_eq!(hr.get(&ws(member_p, 0)).await.status(), 200);
        assert_eq!(hr.get(&ws(abe, 0)).await.status(), 404);
        assert_eq!(hr.get(&format!("/courses/{course}")).await.status(), 404);
        let (_, list) = hr.get_text("/courses").await;
        assert!(list.contains("菅野 彩"), "the people HR's company sent");

        // A platform admin runs courses but reads no company's worksheet.
        let admin = app.signed_in(ADMIN).await;
        assert_eq!(admin.get(&format!("/courses/{course}")).await.status(), 200);
        assert_eq!(admin.get(&ws(member_p, 0)).await.status(), 404);
        let anon = app.client();
        let res = anon.get(&ws(member_p, 0)).await;
        assert_eq!(res.status(), 303);
        assert!(location(&res).starts_with("/login?next="));
        assert_eq!(member.get("/courses/999999").await.status(), 404);

        // The program dashboard's numbers, as of the tests' today (2026-12-01).
        let region = app.store().region_by_code("072095").await.unwrap().id;
        let rows = app
            .store()
            .course_progress_in_region_as_of(region, 2026, test_today())
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (
                rows[0].participants,
                rows[0].organizations,
                rows[0].sessions_held,
                rows[0].graduates
            ),
            (5, 4, 2, 0)
        );
    }
);

both_backends!(
    a_course_runs_through_three_worksheets_to_a_certificate,
    spawn_demo,
    |app: TestApp| async move {
        let staff = app.signed_in(STAFF).await;
        // Wrong input: every field named, nothing written.
        let res = staff
            .post_form(
                "/courses/new",
                &[
                    ("region", "072095"),
                    ("title", ""),
                    ("fiscal_year", "2026"),
                    ("date_1", "2026-12-10"),
                    ("date_2", "2026-12-01"),
                    ("date_3", "x"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(
            html.contains("講座の名前：") && html.contains("第3回の開催日："),
            "{html}"
        );
        let region = app.store().region_by_code("072095").await.unwrap().id;
        assert_eq!(
            app.store().courses_in_region(region).await.unwrap().len(),
            1
        );
        let res = staff
            .post_form(
                "/courses/new",
                &[
                    ("region", "072095"),
                    ("title", "第2期 養成講座"),
                    ("fiscal_year", "２０２６"),
                    ("date_1", "2026-12-10"),
                    ("venue_1", "相馬市役所"),
                    ("date_2", "2027-01-14"),
                    ("date_3", "2027-02-17"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let page = location(&res);
        let course: i64 = page.rsplit('/').next().unwrap().parse().unwrap();
        let sessions = app.store().course_sessions(course).await.unwrap();
        assert_eq!(sessions.len(), 3);

        // Enrol the demo member, name the consultant facilitator.
        let member_user = app
            .store()
            .user_by_email(MEMBER.0)
            .await
            .unwrap()
            .unwrap()
            .id;
        let consultant_user = app
            .store()
            .user_by_email(CONSULTANT.0)
            .await
            .unwrap()
            .unwrap()
            .id;
        let res = staff
            .post_form(
                &format!("/courses/{course}/participants"),
                &[("user", &member_user.to_string())],
            )
            .await;
        assert_eq!(res.status(), 303);
        // A user of no organization of the region is not enrolled.
        staff
            .post_form(
                &format!("/courses/{course}/participants"),
                &[("user", &consultant_user.to_string())],
            )
            .await;
        assert_eq!(
            app.store().course_participants(course).await.unwrap().len(),
            1
        );
        staff
            .post_form(
                &format!("/courses/{course}/facilitators"),
                &[("user", &consultant_user.to_string())],
            )
            .await;
        assert!(
            app.store()
                .is_course_facilitator(course, consultant_user)
                .await
                .unwrap()
        );
        let p = participant(&app, course, MEMBER.0).await;
        let ws = |s: usize| {
            format!(
                "/courses/{course}/participants/{p}/sessions/{}",
                sessions[s].id
            )
        };

        // Only the participant writes; others who may read get 403.
        let member = app.signed_in(MEMBER).await;
        let consultant = app.signed_in(CONSULTANT).await;
        assert_eq!(
            consultant
                .post_form(&format!("{}/draft", ws(0)), &[("issue-0-title", "x")])
                .await
                .status(),
            403
        );

        // Autosave through htmx: a small fragment with the time.
        let (_, sheet) = member.get_text(&ws(0)).await;
        let figure = sheet
            .split("name=\"figure\" value=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("a figure to attach")
            .to_string();
        let res = post_htmx(
            &member,
            &format!("{}/draft", ws(0)),
            &[
                ("issue-0-title", "残業が多い"),
                ("issue-0-impact", "疲れがたまる"),
                ("figure", &figure),
                ("figure", "employee_rows|2025"),
            ],
        )
        .await;
        assert_eq!(res.status(), 200);
        let fragment = res.text().await.unwrap();
        assert!(fragment.starts_with("下書きを保存しました "), "{fragment}");
        assert!(!fragment.contains("<html"), "a fragment, not a page");
        let draft = app
            .store()
            .worksheet(p, sessions[0].id)
            .await
            .unwrap()
            .unwrap();
        let Some(domain::course::WorksheetContent::Issues(saved)) = &draft.draft else {
            panic!("an issues draft")
        };
        assert_eq!(saved.issues[0].title, "残業が多い");
        assert_eq!(saved.figures.len(), 1, "the bogus key is ignored");
        assert_eq!(saved.figures[0].key(), figure);
        assert_eq!(draft.revisions, 0);
        // Without script, the save button: back to the page.
        let res = member
            .post_form(
                &format!("{}/draft", ws(0)),
                &[("issue-0-title", "残業が多い（製造）")],
            )
            .await;
        assert_eq!(res.status(), 303);
        // Too long: named, the draft kept as it was.
        let long = "あ".repeat(121);
        let res = post_htmx(
            &member,
            &format!("{}/draft", ws(0)),
            &[("issue-0-title", &long)],
        )
        .await;
        assert!(res.text().await.unwrap().contains("保存できませんでした"));

        // Submit: blank is refused; then revision 1.
        let res = member.post_form(&format!("{}/submit", ws(0)), &[]).await;
        assert_eq!(res.status(), 422);
        assert_eq!(
            app.store()
                .worksheet(p, sessions[0].id)
                .await
                .unwrap()
                .unwrap()
                .revisions,
            0
        );
        let res = member
            .post_form(
                &format!("{}/submit", ws(0)),
                &[
                    ("issue-0-title", "残業が多い"),
                    ("issue-0-evidence", "月30時間"),
                    ("figure", &figure),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);

        // The facilitator comments on revision 1; the member sees it and revises.
        let res = consultant
            .post_form(
                &format!("{}/comments", ws(0)),
                &[("revision", "1"), ("body", "根拠が明確です。")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(
            consultant
                .post_form(
                    &format!("{}/comments", ws(0)),
                    &[("revision", "1"), ("body", " ")]
                )
                .await
                .status(),
            422
        );
        assert_eq!(
            member
                .post_form(
                    &format!("{}/comments", ws(0)),
                    &[("revision", "1"), ("body", "x")]
                )
                .await
                .status(),
            403,
            "participants do not comment"
        );
        let (_, sheet) = member.get_text(&ws(0)).await;
        assert!(sheet.contains("根拠が明確です。") && sheet.contains("第1版へのコメント"));
        member
            .post_form(
                &format!("{}/submit", ws(0)),
                &[("issue-0-title", "製造部門の残業が多い")],
            )
            .await;
        let (_, history) = member.get_text(&format!("{}/history", ws(0))).await;
        let v2 = history.find("第2版").unwrap();
        let v1 = history.find("第1版（").unwrap();
        let comment = history.find("根拠が明確です。").unwrap();
        assert!(
            v2 < v1 && v1 < comment,
            "newest first, the comment under revision 1"
        );
        assert!(history.contains("製造部門の残業が多い") && history.contains("月30時間"));

        // The other two worksheets.
        member
            .post_form(
                &format!("{}/submit", ws(1)),
                &[
                    ("measure-0-measure", "ノー残業デー"),
                    ("measure-0-owner", "総務"),
                ],
            )
            .await;
        let cert = format!("/courses/{course}/participants/{p}/certificate");
        assert_eq!(member.get(&cert).await.status(), 404, "not completed yet");
        let res = member
            .post_form(
                &format!("{}/submit", ws(2)),
                &[
                    ("management", "月例会議で説明する"),
                    ("team-0-name", "遠藤"),
                    ("team-0-role", "リーダー"),
                    ("first_100_days", "計画年休"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        // All submitted but no attendance: still not complete.
        assert_eq!(member.get(&cert).await.status(), 404);
        for s in &sessions {
            let res = staff
                .post_form(
                    &format!("/courses/{course}/sessions/{}/attendance", s.id),
                    &[("present", &p.to_string())],
                )
                .await;
            assert_eq!(res.status(), 303);
        }
        assert_eq!(
            consultant
                .post_form(
                    &format!("/courses/{course}/sessions/{}/attendance", sessions[0].id),
                    &[]
                )
                .await
                .status(),
            403,
            "facilitators do not keep the register"
        );

        // The certificate: 和暦 date of the last session, the region, A4 print rules.
        let (status, html) = member.get_text(&cert).await;
        assert_eq!(status, 200);
        assert!(html.contains("令和9年2月17日"), "{html}");
        assert!(html.contains("修了証") && html.contains("菅野 彩") && html.contains("相馬市"));
        assert!(html.contains("第2期 養成講座"));
        let css = app
            .client()
            .get("/static/app.css")
            .await
            .text()
            .await
            .unwrap();
        assert!(css.contains("size: A4"));
        assert_eq!(app.signed_in(HR).await.get(&cert).await.status(), 200);
        assert_eq!(staff.get(&cert).await.status(), 200);
        assert_eq!(consultant.get(&cert).await.status(), 404);
        assert_eq!(app.signed_in(ADMIN).await.get(&cert).await.status(), 404);

        // The cohort page and the program's numbers count the graduate.
        let (_, page) = staff.get_text(&format!("/courses/{course}")).await;
        assert!(page.contains(&format!("href=\"{cert}\"")));
        let grads = app
            .store()
            .course_graduates_in_region(region, 2026)
            .await
            .unwrap();
        assert_eq!(grads.len(), 1);
        assert_eq!(grads[0].course_id, course);
        assert_eq!(grads[0].org_name, "はまなすケミカル株式会社");
    }
);
