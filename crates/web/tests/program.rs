//! The city's program view and annual report (issue 10) through the real routes,
//! on SQLite and PostgreSQL: the funnel's counts from the demo's kickoff
//! (worked out by hand from soma.toml), a declaration moving the count only in
//! its own fiscal year, the XLSX, and who may see it.

mod support;

use store::both_backends;
use support::*;

/// The number in the funnel table's row `label`.
fn funnel_count(html: &str, label: &str) -> i64 {
    let table = &html[html.find("id=\"funnel-table\"").expect("the funnel table")..];
    let row = &table[table
        .find(&format!("<th scope=\"row\">{label}</th>"))
        .expect(label)..];
    let cell = &row[row.find("<td class=\"num\">").unwrap() + "<td class=\"num\">".len()..];
    cell[..cell.find('<').unwrap()].parse().unwrap()
}

both_backends!(
    the_program_view_counts_the_year,
    spawn_demo,
    |app: TestApp| async move {
        let staff = app.signed_in(STAFF).await;
        let (status, page) = staff.get_text("/program?region=072095&year=2026").await;
        assert_eq!(status, 200, "{page}");
        // The kickoff's sign-in sheet in soma.toml: 14 of 16 checked in; 11
        // organizations among them (はまなすケミカル and 光陽プレシジョン twice,
        // the citizen without one, 相馬商工会議所 typed, not registered).
        assert_eq!(funnel_count(&page, "講演会・イベントの参加者"), 14);
        assert_eq!(funnel_count(&page, "参加した事業所"), 11);
        // 13 answers: 5,5,4,4,5,3,4,4,5,3,4,5,4 = 55; 55 / 13 = 4.23 → 4.2.
        assert!(page.contains("<td class=\"num\">4.2</td>"), "{page}");
        assert!(page.contains("リーダー養成講座に関心があると答えた人は 5人"));
        assert!(page.contains("伴走支援に関心があると答えた人は 5人"));
        // The demo's course and engagements are on the page, counted in the funnel
        // exactly as the store counts them.
        let region_id = app.store().region_by_code("072095").await.unwrap().id;
        let graduates = app
            .store()
            .course_graduates_in_region(region_id, 2026)
            .await
            .unwrap()
            .len() as i64;
        assert_eq!(funnel_count(&page, "リーダー養成講座の修了者"), graduates);
        let engaged: std::collections::BTreeSet<i64> = app
            .store()
            .engagements_in_region(region_id)
            .await
            .unwrap()
            .iter()
            .filter(|e| {
                e.starts_on <= jiff::civil::date(2027, 3, 31)
                    && e.ends_on >= jiff::civil::date(2026, 4, 1)
            })
            .map(|e| e.org_id)
            .collect();
        assert!(!engaged.is_empty(), "the demo has engagements in FY2026");
        assert_eq!(
            funnel_count(&page, "伴走支援を受けた事業所"),
            engaged.len() as i64
        );
        assert!(
            page.contains("id=\"program-courses\"") && page.contains("id=\"program-engagements\"")
        );
        // FY2026 is in progress: the outcomes compare FY2024 with FY2025 and say so.
        assert!(page.contains("この年度はまだ終わっていないため"));
        assert!(page.contains("2024年度（令和6年度）と2025年度（令和7年度）の数字を比べます"));
        // はまなすケミカル (engaged, sharing) is compared with its own imports:
        // its 2024 and 2025 average monthly overtime, and the change rounded to
        // a whole percent, e.g. 11.2 → 10.8 is (10.8 − 11.2) / 11.2 = −3.6 % → −4 %.
        let hamanasu = app.org_id("はまなすケミカル株式会社").await;
        let year = |fy: i64| {
            let store = app.store().clone();
            async move {
                let import = store
                    .current_kpi_import(hamanasu, fy)
                    .await
                    .unwrap()
                    .unwrap();
                let v: serde_json::Value = serde_json::from_str(&import.report_json).unwrap();
                v["overtime"]["average_monthly_overtime_hours"]
                    .as_f64()
                    .unwrap()
            }
        };
        let (before, after) = (year(2024).await, year(2025).await);
        let change = ((after - before) / before * 100.0).round() as i64;
        let change = if change < 0 {
            format!("−{}%", -change)
        } else if change > 0 {
            format!("+{change}%")
        } else {
            "±0%".into()
        };
        let row = format!(
            "<td class=\"cell--text\">はまなすケミカル株式会社</td><td class=\"num\">{before:.1}</td><td class=\"num\">{after:.1}</td><td class=\"num\">{change}</td>"
        );
        assert!(page.contains(&row), "{row} in {page}");
        // Fewer than five employers on either side: no means.
        assert!(page.contains("どちらも5社以上の数字がそろうまで示しません"));
        // Counts only: nobody's name.
        assert!(!page.contains("佐藤 健") && !page.contains("kickoff01@"));

        // A declaration dated in FY2026 counts there, one dated 2026-03-31 does not.
        let declaring = funnel_count(&page, "宣言した事業所");
        let store = app.store();
        let region = store.region_by_code("072095").await.unwrap().id;
        let quiet: Vec<i64> = {
            let mut out = Vec::new();
            for o in store.organizations_in_region(region).await.unwrap() {
                if store.signings_of_org(o.id).await.unwrap().is_empty() {
                    out.push(o.id);
                }
            }
            out
        };
        assert!(
            quiet.len() >= 2,
            "the demo has organizations without declarations"
        );
        let declaration = store.declarations().await.unwrap()[0].id;
        for (org, day) in [(quiet[0], "2027-03-31"), (quiet[1], "2026-03-31")] {
            let id = store
                .submit_signing(&store::declarations::SigningInput {
                    declaration_id: declaration,
                    org_id: org,
                    declared_on: day.into(),
                    representative_name: "代表 太郎".into(),
                    representative_title: "代表取締役".into(),
                    message: String::new(),
                    logo_upload_id: None,
                    submitted_by: None,
                })
                .await
                .unwrap();
            store
                .review_signing(id, store::declarations::SigningStatus::Approved, None, "")
                .await
                .unwrap();
        }
        let (_, page) = staff.get_text("/program?region=072095&year=2026").await;
        assert_eq!(funnel_count(&page, "宣言した事業所"), declaring + 1);

        // Another year: no events, no participants.
        let (_, other) = staff.get_text("/program?region=072095&year=2024").await;
        assert_eq!(funnel_count(&other, "講演会・イベントの参加者"), 0);
        assert!(other.contains("この年度の催しはまだありません"));
        // A year that cannot be asked for.
        assert_eq!(
            staff.get("/program?region=072095&year=1999").await.status(),
            404
        );
        assert_eq!(staff.get("/program?region=000000").await.status(), 404);

        // The printable report and the workbook.
        let (status, report) = staff
            .get_text("/program/report?region=072095&year=2026")
            .await;
        assert_eq!(status, 200);
        assert!(report.contains("2026年度（令和8年度） 働き方改革推進事業 実施報告"));
        assert!(report.contains("令和8年12月1日 作成"), "wareki date");
        let res = staff
            .get("/program/report.xlsx?region=072095&year=2026")
            .await;
        assert_eq!(res.status(), 200);
        let bytes = res.bytes().await.unwrap();
        assert_eq!(&bytes[..2], b"PK", "an XLSX is a zip");
        // In English too (sheet names have their own, shorter words).
        let staff_en = app.signed_in(STAFF).await;
        staff_en
            .post_form("/lang", &[("lang", "en"), ("next", "/")])
            .await;
        let res = staff_en
            .get("/program/report.xlsx?region=072095&year=2026")
            .await;
        assert_eq!(res.status(), 200);

        // Not for employers or consultants.
        for who in [HR, MEMBER, CONSULTANT] {
            let c = app.signed_in(who).await;
            assert_eq!(c.get("/program").await.status(), 403);
        }
    }
);
