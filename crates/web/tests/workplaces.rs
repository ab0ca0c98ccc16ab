//! 選ばれる職場 (issue 12) through the real routes, on SQLite and PostgreSQL: an
//! employer's admin writes its profile, the public keeps seeing the approved one
//! until the region's staff approve the new text, the list filters by the
//! measures (every ticked one), and withdrawing takes the page down.

mod support;

use store::both_backends;
use support::*;

both_backends!(
    a_profile_goes_public_only_after_review,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        let hr = app.signed_in(HR).await;
        let staff = app.signed_in(STAFF).await;
        let member = app.signed_in(MEMBER).await;
        let anon = app.client();
        let form_path = format!("/orgs/{h}/workplace");
        let public_path = format!("/workplaces/{h}");

        // The demo profile is public: its measures, days off and the figures the
        // company published, each with its origin and definition.
        let (status, page) = anon.get_text(&public_path).await;
        assert_eq!(status, 200);
        assert!(page.contains("年間休日 121日"), "{page}");
        assert!(page.contains("時間単位年休"));
        assert!(page.contains("実績データから算出") || page.contains("企業による申告"));
        assert!(page.contains("href=\"/definitions#"));
        assert!(
            !page.contains("id=\"edit-workplace\""),
            "no edit link for the public"
        );

        // Only the company's admins write it.
        assert_eq!(member.get(&form_path).await.status(), 403);
        let (status, page) = hr.get_text(&form_path).await;
        assert_eq!(status, 200);
        assert!(page.contains("から公開しています"));

        // A bad form: each field says what is wrong, nothing is written.
        let res = hr
            .post_form(
                &form_path,
                &[
                    ("description", "  "),
                    ("measure", "telework"),
                    ("measure", "beer_friday"),
                    ("annual_holidays", "400"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("一覧にない制度が含まれています"));
        assert!(page.contains("年間休日数は366日以下で入力してください"));
        assert!(page.contains("事業内容・職場の紹介"));
        assert!(
            app.store()
                .pending_workplace_proposal(h)
                .await
                .unwrap()
                .is_none()
        );

        // A good one waits for the city; the public still sees the approved text.
        let text = "<script>alert(1)</script>化学の会社です。\n\nフレックスを始めました。";
        let res = hr
            .post_form(
                &form_path,
                &[
                    ("description", text),
                    ("measure", "flextime"),
                    ("measure", "telework"),
                    ("measure", "flextime"),
                    ("annual_holidays", "１２５日"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, page) = hr.get_text(&form_path).await;
        assert!(page.contains("市の確認を待っています"), "{page}");
        let (_, page) = anon.get_text(&public_path).await;
        assert!(!page.contains("フレックスを始めました") && page.contains("年間休日 121日"));
        let (_, list) = anon.get_text("/workplaces?m=flextime").await;
        assert!(!list.contains(&format!("id=\"workplace-{h}\"")));

        // The staff confirm first (nothing changes), then approve.
        let (_, queue) = staff.get_text("/review").await;
        let id = app
            .store()
            .pending_workplace_proposal(h)
            .await
            .unwrap()
            .unwrap()
            .id;
        assert!(queue.contains(&format!("action=\"/review/workplaces/{id}/confirm\"")));
        assert!(
            queue.contains("フレックスを始めました"),
            "the queue shows the new text"
        );
        let res = staff
            .post_form(
                &format!("/review/workplaces/{id}/confirm"),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains("フレックス、") || page.contains("テレワーク・在宅勤務、フレックス"));
        assert!(!page.contains("<script>alert"), "escaped");
        let (_, page) = anon.get_text(&public_path).await;
        assert!(!page.contains("フレックスを始めました"));
        let res = staff
            .post_form(
                &format!("/review/workplaces/{id}"),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 303);
        let res = staff
            .post_form(
                &format!("/review/workplaces/{id}"),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 409, "decided once");

        let (_, page) = anon.get_text(&public_path).await;
        assert!(page.contains("フレックスを始めました"));
        assert!(page.contains("alert(1)") && !page.contains("<script>alert"));
        assert!(page.contains("年間休日 125日"));
        assert!(
            !page.contains("時間単位年休"),
            "the new list replaced the old"
        );

        // Every ticked measure must be offered.
        let (_, list) = anon.get_text("/workplaces?m=flextime").await;
        assert!(list.contains(&format!("id=\"workplace-{h}\"")));
        let (_, list) = anon.get_text("/workplaces?m=flextime&m=childcare").await;
        assert!(!list.contains(&format!("id=\"workplace-{h}\"")));
        assert!(list.contains("条件に合う職場はありません") || list.contains("id=\"workplaces\""));

        // Withdrawn: gone from the list and the page.
        let res = hr.post_form(&format!("{form_path}/withdraw"), &[]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(anon.get(&public_path).await.status(), 404);
        let (_, list) = anon.get_text("/workplaces").await;
        assert!(!list.contains(&format!("id=\"workplace-{h}\"")));
        // Every step is in the audit log.
        let filter = store::audit::AuditFilter {
            entity: "workplace_profile".into(),
            ..Default::default()
        };
        let entries = app
            .store()
            .audit_entries_where(&filter, 100, 0)
            .await
            .unwrap();
        let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
        for a in ["proposed", "approved", "withdrawn"] {
            assert!(actions.contains(&a), "{a} in {actions:?}");
        }
    }
);

both_backends!(
    a_rejected_profile_stays_off_the_public_pages,
    spawn_demo,
    |app: TestApp| async move {
        // The demo's 光陽プレシジョン wrote a profile the city has not reviewed.
        let k = app.org_id("光陽プレシジョン株式会社").await;
        let anon = app.client();
        assert_eq!(anon.get(&format!("/workplaces/{k}")).await.status(), 404);
        let (_, list) = anon.get_text("/workplaces").await;
        assert!(!list.contains(&format!("id=\"workplace-{k}\"")));
        let staff = app.signed_in(STAFF).await;
        let id = app
            .store()
            .pending_workplace_proposal(k)
            .await
            .unwrap()
            .expect("the demo's pending profile")
            .id;
        let res = staff
            .post_form(
                &format!("/review/workplaces/{id}/confirm"),
                &[("decision", "reject")],
            )
            .await;
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("まだ公開されていません"));
        let res = staff
            .post_form(
                &format!("/review/workplaces/{id}"),
                &[("decision", "reject")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(anon.get(&format!("/workplaces/{k}")).await.status(), 404);
        assert!(
            app.store()
                .pending_workplace_proposal(k)
                .await
                .unwrap()
                .is_none()
        );
        // A decision word the form does not have is refused.
        let hr_like = app.signed_in(STAFF).await;
        let res = hr_like
            .post_form(
                &format!("/review/workplaces/{id}"),
                &[("decision", "maybe")],
            )
            .await;
        assert!(
            res.status() == 400 || res.status() == 409,
            "{}",
            res.status()
        );
    }
);

both_backends!(
    the_list_survives_strange_links,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let (status, list) = anon.get_text("/workplaces?m=beer_friday").await;
        assert_eq!(status, 200);
        assert!(list.contains("id=\"unknown-filters\""));
        let many: String = (0..60).map(|i| format!("m=x{i}&")).collect();
        assert_eq!(anon.get(&format!("/workplaces?{many}")).await.status(), 400);
        let (status, _) = anon.get_text("/workplaces/999999").await;
        assert_eq!(status, 404);
        // The demo's published profiles, each with a link to its page.
        let (_, list) = anon.get_text("/workplaces").await;
        let h = app.org_id("はまなすケミカル株式会社").await;
        assert!(list.contains(&format!("href=\"/workplaces/{h}\"")));
        let (_, list) = anon.get_text("/workplaces?m=childcare").await;
        assert!(
            list.contains("やすらぎ"),
            "the care home offers childcare: {list}"
        );
        assert!(!list.contains(&format!("id=\"workplace-{h}\"")));
    }
);
