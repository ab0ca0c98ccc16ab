//! Job postings (求人; issue 12) through the real routes, on SQLite and
//! PostgreSQL: Japanese search (two-character words, half-width kana, full-width
//! letters, title matches first), the life-situation and vocabulary filters,
//! 「男性育休取得実績あり」 from published computed figures only, the posting's
//! JSON-LD, 410 once closed, and the employer's form refusing bad input.

mod support;

use store::both_backends;
use store::mail::MailKind;
use support::*;

/// The id of the demo posting titled `title`.
async fn posting_id(app: &TestApp, org: &str, title: &str) -> i64 {
    let org = app.org_id(org).await;
    app.store()
        .postings_of_org(org)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.fields.title == title)
        .unwrap_or_else(|| panic!("demo posting {title}"))
        .id
}

fn position(page: &str, id: i64) -> Option<usize> {
    page.find(&format!("id=\"job-{id}\""))
}

both_backends!(
    japanese_search_finds_what_people_type,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let office = posting_id(
            &app,
            "はまなすケミカル株式会社",
            "一般事務（パート・時短勤務）",
        )
        .await;
        let factory =
            posting_id(&app, "はまなすケミカル株式会社", "製造スタッフ（日勤のみ）").await;
        let closed = posting_id(
            &app,
            "はまなすケミカル株式会社",
            "品質管理スタッフ（今年度の募集）",
        )
        .await;
        let care = posting_id(&app, "社会福祉法人やすらぎ会", "介護職員（資格取得を支援）").await;
        let welding = posting_id(&app, "光陽プレシジョン株式会社", "溶接・機械加工スタッフ").await;
        let kitchen = posting_id(
            &app,
            "株式会社松川浦うみかぜ荘",
            "調理補助（朝だけ・昼だけOK）",
        )
        .await;

        // Everything open, and nothing closed.
        let (status, all) = anon.get_text("/jobs").await;
        assert_eq!(status, 200);
        for id in [office, factory, care, welding, kitchen] {
            assert!(position(&all, id).is_some(), "{id} listed");
        }
        assert!(position(&all, closed).is_none());

        // Two-character words match.
        let (_, page) = anon.get_text("/jobs?q=事務").await;
        assert!(position(&page, office).is_some() && position(&page, factory).is_none());
        let (_, page) = anon.get_text("/jobs?q=%E6%BA%B6%E6%8E%A5").await; // 溶接
        assert!(position(&page, welding).is_some() && position(&page, office).is_none());
        // Half-width katakana finds パート (the employment type and the title).
        let (_, page) = anon
            .get_text("/jobs?q=%EF%BE%8A%EF%BE%9F%EF%BD%B0%EF%BE%84")
            .await; // ﾊﾟｰﾄ
        assert!(position(&page, office).is_some() && position(&page, kitchen).is_some());
        assert!(position(&page, welding).is_none());
        // Lower-case ASCII finds ＣＡＤ in full width.
        let (_, page) = anon.get_text("/jobs?q=cad").await;
        assert!(position(&page, welding).is_some() && position(&page, factory).is_none());
        // Two words: both must match.
        let (_, page) = anon.get_text("/jobs?q=事務+土日").await;
        assert!(position(&page, office).is_some());
        let (_, page) = anon.get_text("/jobs?q=事務+溶接").await;
        assert!(page.contains("id=\"no-jobs\""));
        // 介護 is in the care home's title and in the factory's measure
        // 子育て・介護との両立支援: the title match comes first.
        let (_, page) = anon.get_text("/jobs?q=介護").await;
        let (c, f) = (position(&page, care), position(&page, factory));
        assert!(c.is_some() && f.is_some(), "both match");
        assert!(c < f, "the title match ranks first");
        // A LIKE wildcard is a character, not a wildcard.
        let (_, page) = anon.get_text("/jobs?q=%25").await;
        assert!(page.contains("id=\"no-jobs\""));

        // Filters: employment type, situation, measures and suits.
        let (_, page) = anon.get_text("/jobs?type=part_time").await;
        assert!(position(&page, office).is_some() && position(&page, kitchen).is_some());
        assert!(position(&page, factory).is_none() && position(&page, care).is_none());
        let (_, page) = anon.get_text("/jobs?life=moving").await;
        assert!(position(&page, welding).is_some() && position(&page, kitchen).is_some());
        assert!(position(&page, office).is_none());
        let (_, page) = anon.get_text("/jobs?life=parenting").await;
        assert!(position(&page, office).is_some() && position(&page, care).is_some());
        assert!(position(&page, welding).is_none());
        let (_, page) = anon.get_text("/jobs?life=young").await;
        assert!(position(&page, welding).is_some() && position(&page, kitchen).is_some());
        assert!(position(&page, office).is_none());
        let (_, page) = anon.get_text("/jobs?m=childcare&s=career_break").await;
        assert!(position(&page, care).is_some() && position(&page, office).is_none());
        // Strange links are survived, too many pairs refused.
        let (status, page) = anon.get_text("/jobs?m=beer&type=boss").await;
        assert_eq!(status, 200);
        assert!(page.contains("id=\"unknown-filters\""));
        let many: String = (0..70).map(|i| format!("m=x{i}&")).collect();
        assert_eq!(anon.get(&format!("/jobs?{many}")).await.status(), 400);
    }
);

both_backends!(
    male_leave_record_takes_published_computed_figures_only,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let store = app.store();
        let org = app.org_id("社会福祉法人やすらぎ会").await;
        let care = posting_id(&app, "社会福祉法人やすらぎ会", "介護職員（資格取得を支援）").await;
        let row = |takers| store::figures::ChildcareFiguresInput {
            fiscal_year: 2025,
            men_employed: 40,
            women_employed: 60,
            men_births: 6,
            women_births: 4,
            men_takers: takers,
            women_takers: 4,
            men_average_days: None,
            men_method2_takers: None,
            attendance: Default::default(),
        };
        let publish = |source: &'static str| async move {
            let rows = store.childcare_figure_rows(org).await.unwrap();
            let r = rows
                .iter()
                .find(|r| r.fiscal_year == 2025 && r.source == source)
                .unwrap();
            store
                .publish_figure(
                    &store::publications::NewPublication {
                        org_id: org,
                        figure_id: kpi::catalog::ids::MALE_CHILDCARE_METHOD1,
                        fiscal_year: 2025,
                        source,
                        snapshot: r.snapshot(),
                    },
                    &store::audit::Actor::default(),
                    "test",
                )
                .await
                .unwrap();
        };
        let with_record = || async { anon.get_text("/jobs?male_leave=1").await.1 };
        // Typed figures, even good ones, do not count.
        store
            .upsert_childcare_figures(org, "typed", &row(3), None)
            .await
            .unwrap();
        publish("typed").await;
        assert!(position(&with_record().await, care).is_none(), "typed only");
        // Computed but unpublished: not yet.
        store
            .upsert_childcare_figures(org, "computed", &row(2), None)
            .await
            .unwrap();
        assert!(
            position(&with_record().await, care).is_none(),
            "not published"
        );
        // Published and computed, 2 of 6 fathers: a record.
        publish("computed").await;
        let page = with_record().await;
        assert!(position(&page, care).is_some(), "{page}");
        // The row changes after publishing: the publication no longer matches.
        store
            .upsert_childcare_figures(org, "computed", &row(0), None)
            .await
            .unwrap();
        assert!(
            position(&with_record().await, care).is_none(),
            "stale publication"
        );
        // None taken, published: no record.
        publish("computed").await;
        assert!(
            position(&with_record().await, care).is_none(),
            "zero takers"
        );
        // The posting's page shows the figures it publishes, by origin.
        let (_, page) = anon.get_text(&format!("/jobs/{care}")).await;
        assert!(page.contains("実績データから算出"));
    }
);

both_backends!(
    a_posting_page_carries_json_ld_and_answers_410_when_closed,
    spawn_demo,
    |app: TestApp| async move {
        // The demo city reviews postings; this test is of a region that does
        // not (the review has its own test below).
        let soma = app.store().region_by_code("072095").await.unwrap();
        app.store()
            .set_review_postings(soma.id, false)
            .await
            .unwrap();
        let anon = app.client();
        let hr = app.signed_in(HR).await;
        let member = app.signed_in(MEMBER).await;
        let h = app.org_id("はまなすケミカル株式会社").await;
        let factory =
            posting_id(&app, "はまなすケミカル株式会社", "製造スタッフ（日勤のみ）").await;
        let office = posting_id(
            &app,
            "はまなすケミカル株式会社",
            "一般事務（パート・時短勤務）",
        )
        .await;

        let (status, page) = anon.get_text(&format!("/jobs/{factory}")).await;
        assert_eq!(status, 200);
        let ld = page
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .expect("JSON-LD");
        let v: serde_json::Value = serde_json::from_str(ld).unwrap();
        assert_eq!(v["@type"], "JobPosting");
        assert_eq!(v["title"], "製造スタッフ（日勤のみ）");
        assert_eq!(v["employmentType"], "FULL_TIME");
        assert_eq!(v["baseSalary"]["value"]["minValue"], 220000);
        assert_eq!(v["baseSalary"]["value"]["maxValue"], 280000);
        assert_eq!(v["baseSalary"]["value"]["unitText"], "MONTH");
        assert_eq!(v["hiringOrganization"]["name"], "はまなすケミカル株式会社");
        assert_eq!(v["jobLocation"]["address"]["addressCountry"], "JP");
        assert!(v["datePosted"].as_str().unwrap().len() == 10);
        assert!(page.contains("月給 220,000円〜280,000円"));
        assert!(page.contains("月平均 8.5時間"));
        assert!(
            page.contains(&format!("href=\"/workplaces/{h}\"")),
            "the employer's profile"
        );

        // Only the company's admins write postings.
        assert_eq!(
            member.get(&format!("/orgs/{h}/jobs/new")).await.status(),
            403
        );
        assert_eq!(
            member.get(&format!("/jobs/{factory}/edit")).await.status(),
            403
        );
        let (status, list) = hr.get_text(&format!("/orgs/{h}/jobs")).await;
        assert_eq!(status, 200);
        assert!(list.contains("掲載中") && list.contains("終了"));

        // A bad form: every field says what is wrong, nothing is written.
        let before = app.store().postings_of_org(h).await.unwrap().len();
        let res = hr
            .post_form(
                &format!("/orgs/{h}/jobs/new"),
                &[
                    ("title", ""),
                    ("employment_type", "boss"),
                    ("description", "説明"),
                    ("work_hours", "9:00〜17:00"),
                    ("work_days", "土日休み"),
                    ("monthly_overtime", "8.55"),
                    ("pay_unit", "month"),
                    ("pay_min", "300000"),
                    ("pay_max", "200000"),
                    ("location", "相馬市"),
                    ("posted_on", "2026-12-01"),
                    ("valid_through", "2026-11-01"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        for words in [
            "職種・求人のタイトル",
            "一覧から選んでください",
            "小数1桁まで",
            "上限は下限以上にしてください",
            "掲載終了日は掲載開始日以降にしてください",
        ] {
            assert!(page.contains(words), "{words}");
        }
        assert_eq!(app.store().postings_of_org(h).await.unwrap().len(), before);

        // A good one is public at once and found by its words.
        let res = hr
            .post_form(
                &format!("/orgs/{h}/jobs/new"),
                &[
                    ("title", "<b>設備保全</b>スタッフ"),
                    ("employment_type", "regular"),
                    ("description", "工場の設備の点検と修理をします。"),
                    ("work_hours", "8:30〜17:30"),
                    ("work_days", "土日祝休み"),
                    ("monthly_overtime", "１０"),
                    ("annual_holidays", "121"),
                    ("pay_unit", "month"),
                    ("pay_min", "250,000円"),
                    ("location", "相馬市光陽"),
                    ("posted_on", "2026-12-01"),
                    ("valid_through", "2027-03-31"),
                    ("measure", "two_days_off"),
                    ("suit", "inexperienced"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let path = location(&res);
        let new_id: i64 = path.trim_start_matches("/jobs/").parse().unwrap();
        let (status, page) = anon.get_text(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("設備保全") && !page.contains("<b>設備保全"));
        assert!(page.contains("月給 250,000円以上"));
        let (_, found) = anon.get_text("/jobs?q=保全").await;
        assert!(position(&found, new_id).is_some());

        // Closed: 410, with the employer's other open postings.
        let res = hr.post_form(&format!("/jobs/{factory}/close"), &[]).await;
        assert_eq!(res.status(), 303);
        let res = anon.get(&format!("/jobs/{factory}")).await;
        assert_eq!(res.status(), 410);
        let page = res.text().await.unwrap();
        assert!(page.contains("募集は終了しました"));
        assert!(
            page.contains(&format!("href=\"/jobs/{office}\"")),
            "the others"
        );
        assert!(
            !page.contains("application/ld+json"),
            "no JobPosting for a closed one"
        );
        let (_, all) = anon.get_text("/jobs").await;
        assert!(position(&all, factory).is_none());
        // Its admins still open it, marked as not public.
        let (status, page) = hr.get_text(&format!("/jobs/{factory}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("id=\"job-not-public\""));
        // Not posted yet: unknown to the public.
        let res = hr
            .post_form(
                &format!("/jobs/{new_id}/edit"),
                &[
                    ("title", "設備保全スタッフ"),
                    ("employment_type", "regular"),
                    ("description", "工場の設備の点検と修理をします。"),
                    ("work_hours", "8:30〜17:30"),
                    ("work_days", "土日祝休み"),
                    ("pay_unit", "month"),
                    ("location", "相馬市光陽"),
                    ("posted_on", "2027-01-10"),
                    ("valid_through", "2027-03-31"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(anon.get(&format!("/jobs/{new_id}")).await.status(), 404);
        assert_eq!(anon.get("/jobs/999999").await.status(), 404);
        // Every write is in the audit log.
        let filter = store::audit::AuditFilter {
            entity: "job_posting".into(),
            ..Default::default()
        };
        let actions: Vec<String> = app
            .store()
            .audit_entries_where(&filter, 100, 0)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        for a in ["create", "update", "close"] {
            assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
        }
    }
);

fn posting_form(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("title", title),
        ("employment_type", "part_time"),
        ("description", "検査の補助と記録の入力をします。"),
        ("work_hours", "9:00〜15:00"),
        ("work_days", "週3日から"),
        ("monthly_overtime", "0"),
        ("pay_unit", "hour"),
        ("pay_min", "1100"),
        ("location", "相馬市光陽"),
        ("posted_on", "2026-12-01"),
        ("valid_through", "2027-03-31"),
        ("suit", "parents"),
    ]
}

both_backends!(
    where_the_city_reviews_postings_none_is_public_before_its_staff_approve_it,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let staff = app.signed_in(STAFF).await;
        let admin = app.signed_in(ADMIN).await;
        let member = app.signed_in(MEMBER).await;
        let anon = app.client();
        let h = app.org_id("はまなすケミカル株式会社").await;
        let soma = app.store().region_by_code("072095").await.unwrap();
        assert!(soma.reviews_postings(), "the demo city reviews postings");
        let in_queue = |page: &str, id: i64| {
            page.contains(&format!("href=\"/jobs/{id}\"")) && page.contains("id=\"jobs-in-review\"")
        };

        // The form says so before it is sent, and the save waits.
        let (_, form) = hr.get_text(&format!("/orgs/{h}/jobs/new")).await;
        assert!(form.contains("id=\"job-held-for-review\""));
        let res = hr
            .post_form(
                &format!("/orgs/{h}/jobs/new"),
                &posting_form("検査補助（パート）"),
            )
            .await;
        assert_eq!(res.status(), 303);
        let path = location(&res);
        let id: i64 = path.trim_start_matches("/jobs/").parse().unwrap();
        let (_, page) = hr.get_text(&path).await;
        assert!(
            page.contains("市の担当者が確認してから公開されます"),
            "the flash"
        );
        assert!(
            page.contains("市の担当者が内容を確認しています"),
            "the notice"
        );
        assert!(
            !page.contains("id=\"job-review-form\""),
            "HR does not decide"
        );
        // Unknown to the public everywhere: its page, search, sitemap, open
        // data, the API, the home page, the inquiry form; and to a member.
        assert_eq!(anon.get(&path).await.status(), 404);
        assert_eq!(member.get(&path).await.status(), 404);
        assert_eq!(anon.get(&format!("/jobs/{id}/apply")).await.status(), 404);
        assert_eq!(anon.get(&format!("/api/v1/jobs/{id}")).await.status(), 404);
        for public in [
            "/jobs?q=検査補助",
            "/sitemap.xml",
            "/open-data/jobs.csv",
            "/api/v1/jobs?q=検査補助",
            "/",
        ] {
            let (_, text) = anon.get_text(public).await;
            assert!(!text.contains(&format!("/jobs/{id}")), "{public}");
            assert!(!text.contains("検査補助（パート）"), "{public}");
        }
        let (_, list) = hr.get_text(&format!("/orgs/{h}/jobs")).await;
        assert!(list.contains("市の確認待ち"));
        // The city's staff are asked by mail, each with the posting's link.
        let staff_emails = app.store().region_staff_emails(soma.id).await.unwrap();
        assert!(staff_emails.contains(&STAFF.0.to_string()));
        let requests = mails_of(&app, MailKind::ReviewRequest).await;
        let mut asked: Vec<_> = requests.iter().map(|m| m.recipient.clone()).collect();
        asked.sort();
        assert_eq!(asked, staff_emails);
        assert!(requests[0].subject.contains("検査補助（パート）"));
        assert!(requests[0].body_text.contains(&format!("/jobs/{id}\n")));
        assert!(requests[0].body_text.contains("はまなすケミカル株式会社"));

        // In the staff's queue (and the platform admin's), decided on its page.
        let (_, queue) = staff.get_text("/review").await;
        assert!(in_queue(&queue, id), "{queue}");
        let (_, queue) = admin.get_text("/review").await;
        assert!(in_queue(&queue, id));
        let (status, page) = staff.get_text(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("id=\"job-review-form\""));
        // Others may not decide: HR 403, a member 403, nobody signed in 403.
        for c in [&hr, &member] {
            let res = c
                .post_form(&format!("/jobs/{id}/review"), &[("decision", "approve")])
                .await;
            assert_eq!(res.status(), 403);
        }
        // Sent back without a note: 422, nothing changes.
        let res = staff
            .post_form(
                &format!("/jobs/{id}/review"),
                &[("decision", "return"), ("note", "  ")],
            )
            .await;
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("直してほしい点を書いてください")
        );
        let res = staff
            .post_form(&format!("/jobs/{id}/review"), &[("decision", "maybe")])
            .await;
        assert_eq!(res.status(), 400);
        assert_eq!(
            app.store().posting(id).await.unwrap().review,
            domain::job::PostingReview::InReview
        );
        assert!(mails_of(&app, MailKind::ReviewDecision).await.is_empty());
        // Returned with a note the employer reads; still not public.
        let res = staff
            .post_form(
                &format!("/jobs/{id}/review"),
                &[
                    ("decision", "return"),
                    ("note", "<i>時給</i>の上限も書いてください"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/review");
        // A second decision on the same posting: 409.
        let res = staff
            .post_form(&format!("/jobs/{id}/review"), &[("decision", "approve")])
            .await;
        assert_eq!(res.status(), 409);
        // The employer's admins get the note by mail once, with the edit link.
        let decisions = mails_of(&app, MailKind::ReviewDecision).await;
        let admins = app.store().org_admin_emails(h).await.unwrap();
        assert_eq!(decisions.len(), admins.len());
        assert!(decisions.iter().any(|m| m.recipient == HR.0));
        assert!(decisions[0].subject.contains("差し戻"));
        assert!(
            decisions[0]
                .body_text
                .contains("<i>時給</i>の上限も書いてください")
        );
        assert!(decisions[0].body_html.contains("&lt;i&gt;時給"));
        assert!(decisions[0].body_text.contains(&format!("/jobs/{id}/edit")));
        let (_, page) = hr.get_text(&path).await;
        assert!(page.contains("差し戻されました"), "{page}");
        assert!(page.contains("の上限も書いてください") && !page.contains("<i>時給"));
        assert_eq!(anon.get(&path).await.status(), 404);
        let (_, queue) = staff.get_text("/review").await;
        assert!(!in_queue(&queue, id));

        // Mended and saved: waiting again; approved: public and found.
        let mut form = posting_form("検査補助（パート）");
        form.push(("pay_max", "1300"));
        let res = hr.post_form(&format!("/jobs/{id}/edit"), &form).await;
        assert_eq!(res.status(), 303);
        let (_, queue) = staff.get_text("/review").await;
        assert!(in_queue(&queue, id));
        // Back in review from returned: the staff are asked again.
        assert_eq!(
            mails_of(&app, MailKind::ReviewRequest).await.len(),
            2 * staff_emails.len()
        );
        let res = staff
            .post_form(&format!("/jobs/{id}/review"), &[("decision", "approve")])
            .await;
        assert_eq!(res.status(), 303);
        let decisions = mails_of(&app, MailKind::ReviewDecision).await;
        assert_eq!(decisions.len(), 2 * admins.len());
        assert!(decisions[0].subject.contains("公開されました"));
        assert!(decisions[0].body_text.contains(&format!("/jobs/{id}\n")));
        assert_eq!(anon.get(&path).await.status(), 200);
        let (_, found) = anon.get_text("/jobs?q=検査補助").await;
        assert!(position(&found, id).is_some());
        let (_, api) = anon.get_text(&format!("/api/v1/jobs/{id}")).await;
        assert!(api.contains("検査補助"));

        // An edit of a public posting leaves the public pages until approved.
        let mut form = posting_form("検査補助（パート・扶養内）");
        form.push(("pay_max", "1300"));
        assert_eq!(
            hr.post_form(&format!("/jobs/{id}/edit"), &form)
                .await
                .status(),
            303
        );
        assert_eq!(anon.get(&path).await.status(), 404);
        let (_, found) = anon.get_text("/jobs?q=検査補助").await;
        assert!(position(&found, id).is_none());
        // A second edit while it waits asks nobody again.
        assert_eq!(
            hr.post_form(&format!("/jobs/{id}/edit"), &form)
                .await
                .status(),
            303
        );
        assert_eq!(
            mails_of(&app, MailKind::ReviewRequest).await.len(),
            3 * staff_emails.len()
        );

        // The city's staff turn the review off: the next save is public at once.
        let res = staff
            .post_form(
                "/admin/regions/072095",
                &[("name_ja", "相馬市"), ("name_en", "Soma City")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert!(
            !app.store()
                .region(soma.id)
                .await
                .unwrap()
                .reviews_postings()
        );
        let (_, form) = hr.get_text(&format!("/orgs/{h}/jobs/new")).await;
        assert!(!form.contains("id=\"job-held-for-review\""));
        let res = hr
            .post_form(
                &format!("/orgs/{h}/jobs/new"),
                &posting_form("梱包スタッフ"),
            )
            .await;
        let other = location(&res);
        assert_eq!(anon.get(&other).await.status(), 200);
        // And on again, with the box ticked.
        let res = staff
            .post_form(
                "/admin/regions/072095",
                &[
                    ("name_ja", "相馬市"),
                    ("name_en", "Soma City"),
                    ("review_postings", "1"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert!(
            app.store()
                .region(soma.id)
                .await
                .unwrap()
                .reviews_postings()
        );

        // Every decision is in the audit log, with the note.
        let filter = store::audit::AuditFilter {
            entity: "job_posting".into(),
            ..Default::default()
        };
        let reviews: Vec<String> = app
            .store()
            .audit_entries_where(&filter, 100, 0)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "review")
            .map(|e| e.detail)
            .collect();
        assert_eq!(reviews.len(), 2, "{reviews:?}");
        assert!(
            reviews
                .iter()
                .any(|d| d.contains("returned") && d.contains("上限"))
        );
        assert!(reviews.iter().any(|d| d.contains("approved")));
    }
);

both_backends!(
    overtime_and_paid_leave_thresholds_take_published_computed_figures_at_their_edges,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let store = app.store();
        let org = app.org_id("社会福祉法人やすらぎ会").await;
        let care = posting_id(&app, "社会福祉法人やすらぎ会", "介護職員（資格取得を支援）").await;
        // A computed FY2025 row with the attendance parts, published.
        let set = |minutes: i64, workers: i64, taken_halves: i64, granted: i64| async move {
            store
                .upsert_childcare_figures(
                    org,
                    "computed",
                    &store::figures::ChildcareFiguresInput {
                        fiscal_year: 2025,
                        men_employed: 40,
                        women_employed: 60,
                        attendance: store::figures::AttendanceParts {
                            overtime_minutes: Some(minutes),
                            overtime_workers: Some(workers),
                            paid_taken_half_days: Some(taken_halves),
                            paid_granted_days: Some(granted),
                            paid_workers: Some(workers),
                        },
                        ..Default::default()
                    },
                    None,
                )
                .await
                .unwrap();
        };
        let publish = || async move {
            let rows = store.childcare_figure_rows(org).await.unwrap();
            let r = rows
                .iter()
                .find(|r| r.fiscal_year == 2025 && r.source == "computed")
                .unwrap();
            for id in [
                kpi::catalog::ids::AVERAGE_MONTHLY_OVERTIME,
                kpi::catalog::ids::PAID_LEAVE_UTILIZATION,
            ] {
                store
                    .publish_figure(
                        &store::publications::NewPublication {
                            org_id: org,
                            figure_id: id,
                            fiscal_year: 2025,
                            source: "computed",
                            snapshot: r.snapshot_for(id),
                        },
                        &store::audit::Actor::default(),
                        "test",
                    )
                    .await
                    .unwrap();
            }
        };
        let anon = &anon;
        let found = |query: &'static str| async move {
            position(&anon.get_text(query).await.1, care).is_some()
        };
        let overtime = "/jobs?life=parenting&low_overtime=1";
        let paid = "/jobs?high_paid_leave=1";

        // Not published yet: neither threshold holds.
        // 36,000 min ÷ 12 ÷ 5 workers = 600 min = 10.0 h; 140 half days = 70 of 100 days.
        set(36_000, 5, 140, 100).await;
        assert!(!found(overtime).await && !found(paid).await, "unpublished");
        publish().await;
        assert!(found(overtime).await, "10.0 h is 10 hours or less");
        assert!(found(paid).await, "70.0 % is 70 % or more");
        let (_, page) = anon.get_text(&format!("/jobs/{care}")).await;
        assert!(page.contains("月平均 10.0時間（対象 5人）"), "{page}");
        assert!(page.contains("70.0%（付与 100日のうち 70日取得）"));

        // 36,180 min → 10.05 h, half up to 10.1 h; 279 half days of 200 days → 69.75 % → 69.8 %.
        set(36_180, 5, 279, 200).await;
        publish().await;
        assert!(!found(overtime).await, "10.1 h is over");
        assert!(!found(paid).await, "69.8 % is under");

        // A changed row takes its publication down.
        set(0, 5, 200, 100).await;
        assert!(!found(overtime).await && !found(paid).await, "stale");
        // Four workers are too few to show, published or not.
        set(0, 4, 200, 100).await;
        publish().await;
        assert!(!found(overtime).await && !found(paid).await, "small group");
        let (_, page) = anon.get_text(&format!("/jobs/{care}")).await;
        assert!(!page.contains("月平均 0.0時間"));
    }
);

both_backends!(
    the_sitemap_and_shared_links_name_what_is_public,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let office = posting_id(
            &app,
            "はまなすケミカル株式会社",
            "一般事務（パート・時短勤務）",
        )
        .await;
        let closed = posting_id(
            &app,
            "はまなすケミカル株式会社",
            "品質管理スタッフ（今年度の募集）",
        )
        .await;
        let hamanasu = app.org_id("はまなすケミカル株式会社").await;
        let koyo = app.org_id("光陽プレシジョン株式会社").await;
        let res = anon.get("/sitemap.xml").await;
        assert_eq!(res.status(), 200);
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/xml")
        );
        let xml = res.text().await.unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(xml.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
        let loc = |path: String| format!("<loc>{}{path}</loc>", app.address);
        assert!(xml.contains(&loc(format!("/jobs/{office}"))), "{xml}");
        assert!(
            !xml.contains(&loc(format!("/jobs/{closed}"))),
            "closed left"
        );
        assert!(xml.contains(&loc(format!("/workplaces/{hamanasu}"))));
        assert!(
            !xml.contains(&loc(format!("/workplaces/{koyo}"))),
            "pending"
        );
        let event = app.store().public_events(None).await.unwrap()[0].id;
        assert!(xml.contains(&loc(format!("/events/{event}"))));
        assert_eq!(
            xml.matches("<url>").count(),
            xml.matches("</url>").count(),
            "well formed"
        );
        let (status, robots) = anon.get_text("/robots.txt").await;
        assert_eq!(status, 200);
        assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", app.address)));
        assert!(robots.contains("Disallow: /inquiries/"));

        // A shared posting reads as the posting, in Open Graph and Twitter card meta.
        let (_, page) = anon.get_text(&format!("/jobs/{office}")).await;
        assert!(page.contains(
            "<meta property=\"og:title\" content=\"一般事務（パート・時短勤務）｜はまなすケミカル株式会社\">"
        ), "{page}");
        assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">"));
        assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
        let (_, home) = anon.get_text("/").await;
        assert!(home.contains("<meta property=\"og:type\" content=\"website\">"));
        // The region's home brings the newest openings.
        assert!(home.contains("id=\"home-jobs\""));
        assert!(home.contains(&format!("href=\"/jobs/{office}\"")));
        assert!(!home.contains(&format!("href=\"/jobs/{closed}\"")));
        assert_eq!(home.matches("property=\"og:title\"").count(), 1);
    }
);

both_backends!(
    a_second_server_never_serves_a_stale_posting_search_or_workplace,
    spawn_demo,
    |app: TestApp| async move {
        // Another server process: its own caches, the same database.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let second = format!("http://{}", listener.local_addr().unwrap());
        // Strict (portal_staleness_ms = 0): every request reads the version.
        let strict = web::Config {
            portal_staleness: std::time::Duration::ZERO,
            ..web::Config::default()
        };
        let state = web::AppState::new(app.store().clone(), strict);
        tokio::spawn(web::serve(listener, state, std::future::pending()));
        let reader = reqwest::Client::new();
        let get = |path: String| {
            let (reader, second) = (reader.clone(), second.clone());
            async move {
                let res = reader.get(format!("{second}{path}")).send().await.unwrap();
                let status = res.status().as_u16();
                (status, res.text().await.unwrap())
            }
        };
        let hr = app.signed_in(HR).await;
        let h = app.org_id("はまなすケミカル株式会社").await;
        let factory =
            posting_id(&app, "はまなすケミカル株式会社", "製造スタッフ（日勤のみ）").await;
        let office = posting_id(
            &app,
            "はまなすケミカル株式会社",
            "一般事務（パート・時短勤務）",
        )
        .await;
        let job = format!("/jobs/{factory}");
        let search = "/jobs?q=%E8%A3%BD%E9%80%A0".to_string(); // 製造
        // Read twice: the second answer comes from the second server's caches.
        for _ in 0..2 {
            let (status, page) = get(job.clone()).await;
            assert_eq!(status, 200);
            assert!(page.contains("製造スタッフ（日勤のみ）"));
            assert!(position(&get(search.clone()).await.1, factory).is_some());
            let (status, page) = get(format!("/workplaces/{h}")).await;
            assert_eq!(status, 200);
            assert!(page.contains("臨海工業団地"));
            assert!(position(&get("/jobs?q=事務".into()).await.1, office).is_some());
        }

        // The employer rewrites the posting: the second server shows it at once.
        let mut fields = app.store().posting(factory).await.unwrap().fields;
        fields.title = "製造スタッフ（夜勤なし）".into();
        app.store()
            .update_posting(factory, &fields, domain::job::PostingReview::Approved, &[])
            .await
            .unwrap();
        assert!(
            get(job.clone())
                .await
                .1
                .contains("製造スタッフ（夜勤なし）")
        );
        let (_, found) = get("/jobs?q=夜勤なし".into()).await;
        assert!(
            position(&found, factory).is_some(),
            "the new words are found"
        );
        assert!(
            get(search.clone())
                .await
                .1
                .contains("製造スタッフ（夜勤なし）")
        );

        // Its last day was yesterday: gone from the page and the search.
        fields.valid_through = "2026-11-30".into();
        app.store()
            .update_posting(factory, &fields, domain::job::PostingReview::Approved, &[])
            .await
            .unwrap();
        assert_eq!(get(job.clone()).await.0, 410);
        assert!(position(&get(search.clone()).await.1, factory).is_none());

        // Closed through the employer's form on the first server.
        let res = hr.post_form(&format!("/jobs/{office}/close"), &[]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(get(format!("/jobs/{office}")).await.0, 410);
        assert!(position(&get("/jobs?q=事務".into()).await.1, office).is_none());

        // The profile withdrawn: the second server no longer shows it.
        let res = hr
            .post_form(&format!("/orgs/{h}/workplace/withdraw"), &[])
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(get(format!("/workplaces/{h}")).await.0, 404);
    }
);

both_backends!(
    a_page_kept_whole_still_gives_each_visitor_their_own_form_token,
    spawn_demo,
    |app: TestApp| async move {
        let office = posting_id(
            &app,
            "はまなすケミカル株式会社",
            "一般事務（パート・時短勤務）",
        )
        .await;
        let path = format!("/jobs/{office}");
        let (first, second) = (app.client(), app.client());
        let (_, a) = first.get_text(&path).await;
        let (_, b) = second.get_text(&path).await;
        let (ta, tb) = (csrf_from(&a), csrf_from(&b));
        assert_ne!(ta, tb, "each visitor has a token of their own");
        assert_eq!(a.replace(&ta, ""), b.replace(&tb, ""), "the same page");
        // The second visitor's token is the one their cookie holds: the
        // language switch in the header takes it.
        let res = second
            .post_form("/lang", &[("lang", "en"), ("next", &path)])
            .await;
        assert_eq!(res.status(), 303);
        let (_, english) = second.get_text(&path).await;
        assert!(english.contains("lang=\"en\""), "the English page");
        // A signed-in user gets the page made for them, not the kept one.
        let hr = app.signed_in(HR).await;
        let (_, mine) = hr.get_text(&path).await;
        assert!(mine.contains("id=\"logout-form\"") && mine.contains("id=\"edit-job\""));
        let (_, again) = first.get_text(&path).await;
        assert!(!again.contains("logout-form") && again.contains(&ta));
    }
);

/// The demo on a server that lets signed-out visitors' pages lag a minute
/// behind the database (`portal_staleness`).
async fn spawn_demo_lagging(backend: store::Backend) -> TestApp {
    let config = web::Config {
        portal_staleness: std::time::Duration::from_secs(60),
        ..test_config()
    };
    let app = spawn_with(backend, config).await;
    web::demo::load(app.store()).await.expect("demo data loads");
    app
}

both_backends!(
    with_a_staleness_set_only_signed_out_visitors_may_see_a_page_a_moment_old,
    spawn_demo_lagging,
    |app: TestApp| async move {
        let anon = app.client();
        let member = app.signed_in(MEMBER).await;
        let factory =
            posting_id(&app, "はまなすケミカル株式会社", "製造スタッフ（日勤のみ）").await;
        let job = format!("/jobs/{factory}");
        assert_eq!(anon.get(&job).await.status(), 200);
        app.store()
            .set_posting_status(factory, store::postings::PostingStatus::Closed)
            .await
            .unwrap();
        // Within the minute a signed-out visitor may still get the open page…
        assert_eq!(anon.get(&job).await.status(), 200);
        // …but a signed-in user reads the version anew and sees it closed,
        assert_eq!(member.get(&job).await.status(), 410);
        // and that fresh reading then answers the visitor as well.
        assert_eq!(anon.get(&job).await.status(), 410);
    }
);
