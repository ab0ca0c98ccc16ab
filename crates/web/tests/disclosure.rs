//! The 女性の活躍推進企業データベース page and CSV of an organization, and the
//! platform administrators' industry averages, on SQLite and PostgreSQL.

mod support;

use store::both_backends;
use support::*;

/// The part of a page from the element with `id` to the end of its table row.
fn row<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</tr>").unwrap_or(rest.len())]
}

/// Wage aggregates for FY2025 with hand-computed gaps:
/// - all: women 33,330,000 yen over 10.5 people = 3,174,285.71… each, men
///   60,000,000 over 12 = 5,000,000 each; 3,174,285.71 ÷ 5,000,000 × 100 =
///   63.4857… → 63.5 (exactly 33,330,000 × 1200 × 1000 ÷ (1050 × 60,000,000)
///   = 634.857… tenths → 635).
/// - regular: 4,000,000 over 10 vs 5,000,000 over 10 → 80.0.
/// - non-regular: not given → no value.
const WAGES: &str = r#"{"fiscal_year":2025,"recruitment":[],"career":[],"wages":[
  {"group":"all","women_total_yen":33330000,"women_headcount_hundredths":1050,"men_total_yen":60000000,"men_headcount_hundredths":1200},
  {"group":"regular","women_total_yen":4000000,"women_headcount_hundredths":1000,"men_total_yen":5000000,"men_headcount_hundredths":1000}
]}"#;

async fn disclosure_page_and_csv(app: TestApp) {
    let org = app.org_id("はまなすケミカル株式会社").await;
    app.store()
        .put_year_extras(org, 2025, "wages", WAGES, "wages.csv", None)
        .await
        .unwrap();
    let hr = app.signed_in(HR).await;

    // Without a year: the latest ended year with records, FY2025 (FY2026 is in progress).
    let (status, html) = hr.get_text(&format!("/orgs/{org}/disclosure")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("女性の活躍推進企業データベース 公表項目"));
    assert!(
        html.contains("<option value=\"2025\" selected>"),
        "FY2025 chosen"
    );
    assert!(html.contains("<caption>"), "the table has a caption");
    assert!(
        html.contains("<th scope=\"col\">"),
        "column headers have a scope"
    );
    assert!(!html.contains("<script>") && !html.contains("style=\""));
    // The size class from the organization's band.
    assert!(html.contains("101〜300人"), "size band shown");
    let wage = row(&html, "item-wage_gap");
    assert!(wage.contains("14. ") || wage.contains(">14<"), "{wage}");
    assert!(wage.contains("全労働者: 63.5%"), "{wage}");
    assert!(wage.contains("正規雇用労働者: 80.0%"), "{wage}");
    assert!(wage.contains("非正規雇用労働者: —"), "{wage}");
    assert!(wage.contains("入力された集計値"), "{wage}");
    let managers = row(&html, "item-women_managers_share");
    assert!(managers.contains("取込データから算出"), "{managers}");
    // From 2026-04-01 an employer of 101–300 must publish the wage gap and the
    // share of women managers.
    let badge = "<span class=\"badge badge--pending\">必須</span>";
    if web::today_jst() >= jiff::civil::date(2026, 4, 1) {
        assert!(wage.contains(badge), "{wage}");
        assert!(managers.contains(badge), "{managers}");
        assert!(!row(&html, "item-monthly_overtime").contains(badge));
        assert!(html.contains("2026年4月1日施行の改正後の規定"));
    } else {
        assert!(!html.contains(badge));
    }
    // Items erabareru has nothing for.
    assert!(row(&html, "item-ten_year_retention").contains("データなし"));

    // The monthly overtime shown is the report's, computed the 女活DB way.
    let import = app
        .store()
        .current_kpi_import(org, 2025)
        .await
        .unwrap()
        .unwrap();
    let report: serde_json::Value = serde_json::from_str(&import.report_json).unwrap();
    let avg = &report["overtime"]["average_monthly_overtime"];
    let expected = kpi::average_monthly_overtime_hours(
        avg["total_minutes"].as_u64().unwrap(),
        avg["employees"].as_u64().unwrap(),
    )
    .unwrap();
    let overtime = row(&html, "item-monthly_overtime");
    assert!(
        overtime.contains(&format!("{expected}時間")),
        "{expected}: {overtime}"
    );

    // English.
    let res = hr
        .http
        .get(app.url(&format!("/orgs/{org}/disclosure?fy=2025")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let en = res.text().await.unwrap();
    assert!(en.contains("Gender wage gap") && en.contains("All workers: 63.5%"));

    // A member of the organization may see it too.
    let member = app.signed_in(MEMBER).await;
    let (status, _) = member.get_text(&format!("/orgs/{org}/disclosure")).await;
    assert_eq!(status, 200);

    // The CSV: BOM, the database's header, one row.
    let res = hr.get(&format!("/orgs/{org}/disclosure.csv?fy=2025")).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..5],
        ["企業名", "法人番号", "業種", "都道府県", "企業規模"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 1, "one row for the organization");
    let at = |name: &str| {
        let i = header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"));
        records[0][i].to_string()
    };
    assert_eq!(at("企業名"), "はまなすケミカル株式会社");
    assert_eq!(at("法人番号"), "1999901000122");
    assert_eq!(at("業種"), "製造業");
    assert_eq!(at("都道府県"), "福島県");
    assert_eq!(at("企業規模"), "101-300");
    assert_eq!(at("14.男女の賃金の差異-全労働者(%)"), "63.5");
    assert_eq!(at("14.男女の賃金の差異-正規雇用労働者(%)"), "80.0");
    assert_eq!(at("14.男女の賃金の差異-非正規雇用労働者(%)"), "-");
    assert_eq!(
        at("6.一月当たりの労働者の平均残業時間-平均残業時間(時間)"),
        expected.to_string()
    );
    assert_eq!(at("4.(2)男女別の採用10年前後の継続雇用割合-女性(%)"), "-");

    // A year without anything: the page says so, the CSV has dashes.
    let (status, html) = hr
        .get_text(&format!("/orgs/{org}/disclosure?fy=2019"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"womendb-no-data\""));
}

both_backends!(disclosure_page, spawn_demo, disclosure_page_and_csv);

async fn industry_averages_admin(app: TestApp) {
    let admin = app.signed_in(ADMIN).await;
    let (status, html) = admin.get_text("/admin").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/admin/industry-averages\""));

    // Add.
    let res = admin
        .post_form(
            "/admin/industry-averages",
            &[
                ("industry", "F"),
                ("fiscal_year", "2023"),
                ("regular_women", "25.3"),
                ("women_managers", "８"),
                ("source", "令和5年度雇用均等基本調査（テスト）"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/admin/industry-averages");
    let stored = app
        .store()
        .industry_average_for("F", 2023)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.regular_women_tenths, stored.women_managers_tenths),
        (Some(253), Some(80))
    );
    // Listed.
    let (_, html) = admin.get_text("/admin/industry-averages").await;
    assert!(html.contains("令和5年度雇用均等基本調査（テスト）"));
    assert!(html.contains("25.3%") && html.contains("8.0%"));
    assert!(html.contains("F 電気・ガス・熱供給・水道業") || html.contains("F "));

    // Replace the same industry and year.
    let res = admin
        .post_form(
            "/admin/industry-averages",
            &[
                ("industry", "F"),
                ("fiscal_year", "2023"),
                ("regular_women", "26"),
                ("women_managers", ""),
                ("source", "差し替え"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let stored = app
        .store()
        .industry_average_for("F", 2023)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            stored.regular_women_tenths,
            stored.women_managers_tenths,
            stored.source.as_str()
        ),
        (Some(260), None, "差し替え")
    );

    // Invalid: 100.5 % and no source.
    let res = admin
        .post_form(
            "/admin/industry-averages",
            &[
                ("industry", "G"),
                ("fiscal_year", "2023"),
                ("regular_women", "100.5"),
                ("women_managers", "12.34"),
                ("source", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("0〜100の数値を小数第1位までで入力してください。"),
        "{html}"
    );
    assert!(html.contains("id=\"regular_women-error\""));
    assert!(html.contains("id=\"women_managers-error\""));
    assert!(html.contains("id=\"source-error\""));
    assert!(html.contains("value=\"100.5\""), "the input is kept");
    assert!(
        app.store()
            .industry_average_for("G", 2023)
            .await
            .unwrap()
            .is_none()
    );
    // Neither percentage.
    let res = admin
        .post_form(
            "/admin/industry-averages",
            &[("industry", "G"), ("fiscal_year", "2023"), ("source", "x")],
        )
        .await;
    assert_eq!(res.status(), 422);

    // Delete.
    let res = admin
        .post_form(
            "/admin/industry-averages/delete",
            &[("industry", "F"), ("fiscal_year", "2023")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        app.store()
            .industry_average_for("F", 2023)
            .await
            .unwrap()
            .is_none()
    );
    let (_, html) = admin.get_text("/admin/industry-averages").await;
    assert!(!html.contains("差し替え"));

    // Audited.
    let entries = app.store().audit_entries(50, 0).await.unwrap();
    let audited: Vec<(&str, &str)> = entries
        .iter()
        .filter(|e| e.entity == "industry_average")
        .map(|e| (e.action.as_str(), e.entity_id.as_str()))
        .collect();
    assert!(audited.contains(&("update", "F:2023")), "{audited:?}");
    assert!(audited.contains(&("delete", "F:2023")), "{audited:?}");

    // Not for an organization's HR admin.
    let hr = app.signed_in(HR).await;
    let (status, _) = hr.get_text("/admin/industry-averages").await;
    assert_eq!(status, 403);
    let res = hr
        .post_form(
            "/admin/industry-averages",
            &[
                ("industry", "F"),
                ("fiscal_year", "2023"),
                ("regular_women", "1"),
                ("source", "x"),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert!(
        app.store()
            .industry_average_for("F", 2023)
            .await
            .unwrap()
            .is_none()
    );
}

both_backends!(industry_averages, spawn_demo, industry_averages_admin);
