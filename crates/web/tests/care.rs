//! 介護と仕事の両立 (issue 13) through the real routes, on SQLite and
//! PostgreSQL: an employee's self-check gives a personal page with the law's
//! facts and the region's centres and is never stored; the employer keeps its
//! checklist and its record of individual notices; the region's staff keep the
//! list of centres.

mod support;

use store::both_backends;
use support::*;

/// How many rows every table of the database holds, as one string: the same
/// before and after a request that must write nothing.
async fn table_sizes(app: &TestApp) -> String {
    let mut out = String::new();
    for table in [
        "care_centres",
        "care_duties",
        "care_notices",
        "care_requests",
        "audit_log",
        "mail_queue",
        "survey_responses",
    ] {
        let n = store::testing::count_rows(app.store(), table)
            .await
            .unwrap();
        out.push_str(&format!("{table}={n} "));
    }
    out
}

both_backends!(
    a_self_check_gives_a_personal_page_and_is_not_stored,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let (status, page) = anon.get_text("/care").await;
        assert_eq!(status, 200);
        assert!(page.contains("id=\"care-check\""));
        assert!(page.contains("答えは保存されず"));
        // Every fact names its source and the day it was checked.
        assert!(page.contains("通算93日まで"));
        assert!(page.contains("href=\"https://www.mhlw.go.jp/shushoku_hyogaki_shien/care-work/\""));
        assert!(page.contains("2026年12月7日確認"), "{page}");

        let before = table_sizes(&app).await;
        let res = anon
            .post_form(
                "/care/plan",
                &[
                    ("stage", "starting"),
                    ("family_members", "2"),
                    ("distance", "far"),
                    ("sharing", "alone"),
                    ("night_shifts", "1"),
                    ("region", "072095"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let page = res.text().await.unwrap();
        // The steps in the plan's order, for two parents far away and night shifts.
        let steps = page.split("id=\"care-steps\"").nth(1).unwrap();
        let steps = steps.split("</ol>").next().unwrap();
        let order: Vec<usize> = [
            "地域包括支援センターに相談する",
            "会社（人事）に伝える",
            "ひとりで抱え込まない",
            "介護休暇を時間単位で使う",
            "介護休業で体制を整える",
            "離れて暮らす家族の見守りを決める",
            "働き方の調整を申し出る",
            "テレワークができるか確かめる",
        ]
        .iter()
        .map(|s| steps.find(s).unwrap_or_else(|| panic!("{s} in {steps}")))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        assert!(!steps.contains("家族で役割を分ける"));
        // Two family members: ten caregiving days.
        assert!(page.contains("介護休暇は年10日"));
        assert!(steps.contains("年10日まで"));
        // The region's centres, with a number to call.
        assert!(page.contains("中村地区地域包括支援センター（デモ）"));
        assert!(page.contains("href=\"tel:0244-00-0001\""));
        assert_eq!(table_sizes(&app).await, before, "nothing was written");

        // Ahead of any care, in English: where to turn, and five days.
        let res = anon
            .post_form(
                "/care/plan",
                &[
                    ("stage", "ahead"),
                    ("family_members", "1"),
                    ("distance", "near"),
                    ("sharing", "shared"),
                ],
            )
            .await;
        let page = res.text().await.unwrap();
        assert!(page.contains("相談先を確かめておく"));
        assert!(!page.contains("会社（人事）に伝える"));
        assert!(page.contains("介護休暇は年5日"));

        // A hand-made answer is refused, and nothing is written either.
        let res = anon
            .post_form("/care/plan", &[("stage", "dying"), ("family_members", "1")])
            .await;
        assert_eq!(res.status(), 400);
        assert_eq!(table_sizes(&app).await, before);
    }
);

both_backends!(
    the_employer_records_its_duties_and_each_notice,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        let hr = app.signed_in(HR).await;
        let page_path = format!("/orgs/{h}/care");
        let (status, page) = hr.get_text(&page_path).await;
        assert_eq!(status, 200);
        assert!(page.contains("40歳前後の社員への情報提供"));
        assert!(page.contains("記録 0件"));

        // The checklist: a day in the future is refused and nothing is saved.
        let res = hr
            .post_form(
                &format!("{page_path}/duties"),
                &[
                    ("done_individual_notice", "2026-04-01"),
                    ("done_training_or_desk", "2099-01-01"),
                    ("note_training_or_desk", "総務課に窓口"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("今日までの日付"));
        assert!(page.contains("value=\"総務課に窓口\""), "kept as typed");
        assert!(app.store().care_duties(h).await.unwrap().is_empty());
        let res = hr
            .post_form(
                &format!("{page_path}/duties"),
                &[
                    ("done_information_around_40", "２０２６－０５－１５"),
                    ("note_information_around_40", "40歳の誕生月に資料を配布"),
                    ("done_training_or_desk", "2026/04/01"),
                    ("note_training_or_desk", "総務課に相談窓口"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let duties = app.store().care_duties(h).await.unwrap();
        let saved: Vec<(&str, &str)> = duties
            .iter()
            .map(|d| (d.duty.as_str(), d.done_on.as_str()))
            .collect();
        assert_eq!(
            saved,
            vec![
                ("information_around_40", "2026-05-15"),
                ("training_or_desk", "2026-04-01")
            ]
        );

        // A notice: each field says what is wrong; then one is recorded.
        let res = hr
            .post_form(
                &page_path,
                &[
                    ("given_on", "2026-11-30"),
                    ("employee", " "),
                    ("explained", "diagnosis"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("一覧にない内容が含まれています"));
        assert!(page.contains("id=\"employee-error\""));
        let res = hr
            .post_form(
                &page_path,
                &[("given_on", "2026-11-30"), ("employee", "E-102")],
            )
            .await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("一つ以上選んでください"));
        assert!(app.store().care_notices(h).await.unwrap().is_empty());
        let res = hr
            .post_form(
                &page_path,
                &[
                    ("given_on", "2026-11-30"),
                    ("employee", "<b>E-102</b>"),
                    ("explained", "care_days"),
                    ("explained", "care_leave"),
                    ("intention_confirmed", "1"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, page) = hr.get_text(&page_path).await;
        assert!(page.contains("記録 1件"));
        let table = page.split("id=\"notices\"").nth(1).unwrap();
        assert!(table.contains("2026年11月30日"));
        assert!(table.contains("E-102") && !table.contains("<b>"), "escaped");
        assert!(table.contains("介護休業、介護休暇"));
        assert!(table.contains("確認済み"));
        let filter = store::audit::AuditFilter {
            entity: "care_notice".into(),
            ..Default::default()
        };
        assert_eq!(
            app.store()
                .audit_entries_where(&filter, 10, 0)
                .await
                .unwrap()
                .len(),
            1
        );
        // The audit log reads it as words, not as codes.
        let admin = app.signed_in(ADMIN).await;
        let (_, log) = admin.get_text("/admin/audit?entity=care_notice").await;
        assert!(
            log.contains("はまなすケミカル株式会社の介護の個別周知の記録"),
            "{log}"
        );
        assert!(
            log.contains(">介護の個別周知</option>"),
            "the filter names the kind"
        );
    }
);

both_backends!(
    the_region_s_staff_keep_the_list_of_centres,
    spawn_demo,
    |app: TestApp| async move {
        let staff = app.signed_in(STAFF).await;
        let path = "/admin/regions/072095/care-centres";
        let (status, page) = staff.get_text(path).await;
        assert_eq!(status, 200);
        assert!(
            page.contains(
                "中村地区地域包括支援センター（デモ）｜中村・大野・飯豊地区｜0244-00-0001"
            )
        );
        let res = staff.post_form(path, &[("centres", "名前だけの行")]).await;
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("「名称｜担当地区｜電話番号」の形")
        );
        let region = app.store().region_by_code("072095").await.unwrap();
        assert_eq!(app.store().care_centres(region.id).await.unwrap().len(), 2);
        let res = staff
            .post_form(
                path,
                &[(
                    "centres",
                    "相馬市役所 高齢福祉課｜市内全域｜０２４４－００－０００９",
                )],
            )
            .await;
        assert_eq!(res.status(), 303);
        let centres = app.store().care_centres(region.id).await.unwrap();
        assert_eq!(centres.len(), 1);
        assert_eq!(centres[0].phone, "0244-00-0009");
        let page = app
            .client()
            .post_form(
                "/care/plan",
                &[
                    ("stage", "starting"),
                    ("family_members", "1"),
                    ("distance", "together"),
                    ("sharing", "shared"),
                ],
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("相馬市役所 高齢福祉課"));
        assert!(!page.contains("中村地区地域包括支援センター（デモ）"));
    }
);

both_backends!(
    an_employee_chooses_to_tell_hr_and_hr_reads_it,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        // Signed out, the plan page says how; it offers no form.
        let form = [
            ("stage", "starting"),
            ("family_members", "1"),
            ("distance", "near"),
            ("sharing", "alone"),
        ];
        let res = app.client().post_form("/care/plan", &form).await;
        let page = res.text().await.unwrap();
        assert!(page.contains("id=\"tell-how\"") && !page.contains("id=\"tell-form\""));
        // Signed in, the member's organization is offered.
        let member = app.signed_in(MEMBER).await;
        let page = member
            .post_form("/care/plan", &form)
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("id=\"tell-form\""));
        assert!(page.contains(&format!(
            "<option value=\"{h}\">はまなすケミカル株式会社</option>"
        )));
        let before = mails_of(&app, store::mail::MailKind::CareRequest)
            .await
            .len();
        let res = member
            .post_form(
                "/care/tell",
                &[
                    ("org", &h.to_string()),
                    ("topic", "care_leave"),
                    ("topic", "care_days"),
                    ("message", "来週、15分ほど面談をお願いできますか"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        // HR is told by mail and reads it on the employer's page.
        let mails = mails_of(&app, store::mail::MailKind::CareRequest).await;
        assert_eq!(mails.len(), before + 1);
        assert_eq!(mails.last().unwrap().recipient, HR.0);
        assert!(mails.last().unwrap().body_text.contains("菅野 彩"));
        let hr = app.signed_in(HR).await;
        let (_, page) = hr.get_text(&format!("/orgs/{h}/care")).await;
        let list = page.split("id=\"request-list\"").nth(1).unwrap();
        assert!(
            list.contains("来週、15分ほど面談をお願いできますか"),
            "{list}"
        );
        assert!(list.contains("介護休業"));
        let req = app.store().care_requests(h).await.unwrap()[0].id;
        let res = hr
            .post_form(&format!("/orgs/{h}/care/requests/{req}/handled"), &[])
            .await;
        assert_eq!(res.status(), 303);
        assert!(app.store().care_requests(h).await.unwrap()[0].handled);
        // Nothing chosen, nothing written: refused with a message; an
        // organization the person is not in: not found.
        let res = member
            .post_form("/care/tell", &[("org", &h.to_string())])
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(app.store().care_requests(h).await.unwrap().len(), 1);
        let other = app.org_id("社会福祉法人やすらぎ会").await;
        let res = member
            .post_form(
                "/care/tell",
                &[("org", &other.to_string()), ("topic", "care_leave")],
            )
            .await;
        assert_eq!(res.status(), 404);
    }
);
