//! Open data (issue 12) through the real routes, on SQLite and PostgreSQL: the
//! `/open-data` list with the region's licence, and the workplace, job and
//! figure files as CSV (BOM, one header row) and JSON holding only what is
//! public: approved profiles, postings open today, figures published for an
//! ended year.

mod support;

use store::both_backends;
use support::*;

both_backends!(
    open_data_holds_only_what_is_public_under_the_regions_licence,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let (status, page) = anon.get_text("/open-data").await;
        assert_eq!(status, 200);
        assert!(
            page.contains("クリエイティブ・コモンズ 表示 4.0 国際"),
            "the default"
        );
        for f in ["workplaces", "jobs", "figures"] {
            assert!(page.contains(&format!("href=\"/open-data/{f}.csv\"")));
            assert!(page.contains(&format!("href=\"/open-data/{f}.json\"")));
        }
        assert!(page.contains("href=\"/api/v1/openapi.json\""), "the API");

        // Figures: published, ended years only; the balanced employer's
        // computed overtime is there.
        let res = anon.get("/open-data/figures.csv").await;
        assert_eq!(res.status(), 200);
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let csv = res.text().await.unwrap();
        assert!(csv.starts_with("\u{feff}organization,corporate_number,region_code,fiscal_year,"));
        let lines: Vec<&str> = csv.lines().skip(1).collect();
        assert!(!lines.is_empty());
        for l in &lines {
            assert!(!l.contains(",2026,"), "a year in progress: {l}");
        }
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("社会福祉法人やすらぎ会,")
                    && l.contains(",average_monthly_overtime,")
                    && l.ends_with("/definitions#average_monthly_overtime")
                    && l.contains(",computed,")),
            "{csv}"
        );

        // Jobs: every open posting, no closed one.
        let (status, json) = anon.get_text("/open-data/jobs.json").await;
        assert_eq!(status, 200);
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["licence"]["code"], "cc-by-4.0");
        assert_eq!(doc["region_code"], "072095");
        let items = doc["items"].as_array().unwrap();
        let hamanasu = app.org_id("はまなすケミカル株式会社").await;
        let postings = app.store().postings_of_org(hamanasu).await.unwrap();
        let closed = postings
            .iter()
            .find(|p| p.status == store::postings::PostingStatus::Closed)
            .unwrap()
            .id;
        assert!(items.iter().all(|i| i["posting_id"] != closed));
        assert!(
            items
                .iter()
                .any(|i| i["title"] == "一般事務（パート・時短勤務）"
                    && i["employment_type"] == "part_time"
                    && i["measure_short_hours"] == 1)
        );

        // Workplaces: approved profiles only.
        let (_, csv) = anon.get_text("/open-data/workplaces.csv").await;
        assert!(csv.contains("はまなすケミカル株式会社,はまなすけみかる,"));
        assert!(csv.contains(",072095,07,E,製造業,"));
        // One 0/1 column per certification: the demo care home states くるみん
        // and えるぼし 2段階目, and no more.
        let (_, json_doc) = anon.get_text("/open-data/workplaces.json").await;
        let doc: serde_json::Value = serde_json::from_str(&json_doc).unwrap();
        let care = doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["organization"] == "社会福祉法人やすらぎ会")
            .expect("the care home");
        assert_eq!(care["certification_kurumin"], 1);
        assert_eq!(care["certification_eruboshi_2"], 1);
        assert_eq!(care["certification_youth_yell"], 0);
        assert!(
            csv.lines()
                .next()
                .unwrap()
                .contains(",certification_kurumin,")
        );
        assert!(
            !csv.contains("光陽プレシジョン株式会社"),
            "waiting for approval"
        );

        // The region's staff choose another licence.
        let staff = app.signed_in(STAFF).await;
        let res = staff
            .post_form(
                "/admin/regions/072095",
                &[
                    ("name_ja", "相馬市"),
                    ("name_en", "Soma City"),
                    ("open_data_licence", "cc0-1.0"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        let (_, page) = anon.get_text("/open-data").await;
        assert!(page.contains("CC0 1.0"));
        assert!(!page.contains("出典：相馬市"), "CC0 asks no attribution");
        let (_, json) = anon.get_text("/open-data/workplaces.json").await;
        assert!(json.contains("\"cc0-1.0\""));
        let res = staff
            .post_form(
                "/admin/regions/072095",
                &[
                    ("name_ja", "相馬市"),
                    ("name_en", "Soma City"),
                    ("open_data_licence", "gpl"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);

        assert_eq!(anon.get("/open-data/secrets.csv").await.status(), 404);
        assert_eq!(anon.get("/open-data/jobs.xlsx").await.status(), 404);
        assert_eq!(anon.get("/open-data?region=999999").await.status(), 404);
    }
);
