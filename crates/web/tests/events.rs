//! Events (issue 10) through the real routes, on SQLite and PostgreSQL: the public
//! list and page with its JSON-LD, the iCalendar feed and file, the open data CSV,
//! and the staff form (drafts private, errors per field, hostile text inert).

mod support;

use store::both_backends;
use support::*;

fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("the page carries JSON-LD");
    let rest = &html[start + r#"<script type="application/ld+json">"#.len()..];
    let end = rest.find("</script>").unwrap();
    serde_json::from_str(&rest[..end]).expect("valid JSON")
}

fn event_form<'a>(title: &'a str, status: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("region", "072095"),
        ("kind", "seminar"),
        ("status", status),
        ("title", title),
        ("description", "1回目\n\n2回目"),
        ("speakers", "講師 一郎｜社会保険労務士"),
        ("starts_at", "２０２７-０１-２０T10:00"),
        ("ends_at", "2027-01-20T12:00"),
        ("venue_name", "相馬市役所 大会議室"),
        ("capacity", "30"),
        ("program_year", "2026"),
        ("fee", "無料"),
    ]
}

both_backends!(
    the_public_sees_the_demo_events,
    spawn_demo,
    |app: TestApp| async move {
        let anon = app.client();
        let (status, html) = anon.get_text("/events").await;
        assert_eq!(status, 200);
        // Today is 2026-12-01 in the tests: the June kickoff is past, the report ahead.
        let upcoming = html.find("これからの催し").unwrap();
        let past = html.find("終わった催し").unwrap();
        let kickoff = html.find("人手不足を解消し").unwrap();
        let report = html.find("相馬モデル 成果報告会").unwrap();
        assert!(
            upcoming < report && report < past && past < kickoff,
            "{html}"
        );
        assert!(html.contains("2026年6月24日（水） 13:30〜16:00"));
        assert!(!html.contains("催しを作成"), "the desk is for staff");

        let id = app.store().public_events(None).await.unwrap()[0].id;
        let (status, page) = anon.get_text(&format!("/events/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("山田 花子"));
        assert!(page.contains("株式会社ワークライフデザイン代表（講演）"));
        assert!(page.contains("120人"));
        assert!(page.contains("2026年度（令和8年度）"));
        assert!(page.contains(r#"href="/declarations/work-style-reform""#));
        let ld = json_ld(&page);
        assert_eq!(ld["@type"], "Event");
        assert_eq!(ld["startDate"], "2026-06-24T13:30:00+09:00");
        assert_eq!(ld["location"][0]["address"]["addressLocality"], "相馬市");
        assert_eq!(ld["location"][0]["address"]["addressRegion"], "福島県");
        assert_eq!(ld["url"], app.url(&format!("/events/{id}")));

        let res = anon.get(&format!("/events/{id}.ics")).await;
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.headers()["content-type"].to_str().unwrap(),
            "text/calendar; charset=utf-8"
        );
        let ics = res.text().await.unwrap();
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        assert!(
            ics.contains("\r\nDTSTART;TZID=Asia/Tokyo:20260624T133000\r\n"),
            "{ics}"
        );
        assert!(ics.contains("\r\nTZID:Asia/Tokyo\r\n"));

        let feed = anon.get("/events.ics").await.text().await.unwrap();
        assert_eq!(feed.matches("BEGIN:VEVENT").count(), 2);

        let csv = anon.get("/events.csv").await.bytes().await.unwrap();
        assert!(csv.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM");
        let text = std::str::from_utf8(&csv[3..]).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next().unwrap(),
            "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,イベント名,イベント名_カナ,\
         イベント名_英語,開始日,終了日,開始時間,終了時間,開始日時特記事項,説明,料金(基本),\
         料金(詳細),連絡先名称,連絡先電話番号,連絡先内線番号,主催者,場所名称,住所,方書,緯度,\
         経度,アクセス方法,駐車場情報,定員,参加申込終了日,参加申込終了時間,参加申込方法,URL,備考"
        );
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "072095");
        assert_eq!(&rows[0][2], "福島県");
        assert_eq!(&rows[0][7], "2026-06-24");
        assert_eq!(&rows[0][9], "13:30");
        assert_eq!(&rows[0][26], "120");
        assert_eq!(&rows[0][27], "2026-06-17");
        assert_eq!(
            &rows[1][11],
            "オンライン参加あり（https://meet.example.jp/soma-model-2027）"
        );

        assert_eq!(anon.get("/events/999999").await.status(), 404);
        assert_eq!(anon.get("/events/abc.ics").await.status(), 404);
    }
);

both_backends!(
    staff_write_drafts_and_publish_them,
    spawn_demo,
    |app: TestApp| async move {
        let staff = app.signed_in(STAFF).await;
        let anon = app.client();
        let (status, form) = staff.get_text("/events/new").await;
        assert_eq!(status, 200);
        assert!(form.contains(r#"name="starts_at""#) && form.contains("下書き"));

        // Every wrong field is named, nothing is written.
        let before = app
            .store()
            .events_of_regions(&[1, 2, 3])
            .await
            .unwrap()
            .len();
        let mut bad = event_form("", "draft");
        bad.retain(|(k, _)| *k != "venue_name");
        bad.push(("ends_at", "2027-01-20T09:00"));
        bad.retain(|(k, v)| *k != "ends_at" || *v == "2027-01-20T09:00");
        let res = staff.post_form("/events/new", &bad).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("error-summary"));
        for label in ["催しの名前", "終了日時", "会場"] {
            assert!(
                html.contains(&format!("{label}：")),
                "{label} in the summary"
            );
        }
        assert_eq!(
            app.store()
                .events_of_regions(&[1, 2, 3])
                .await
                .unwrap()
                .len(),
            before
        );

        // A draft with hostile text: saved, private, and inert on the page.
        let hostile = "研修</script><script>alert(1)</script>";
        let res = staff
            .post_form("/events/new", &event_form(hostile, "draft"))
            .await;
        assert_eq!(res.status(), 303);
        let to = location(&res);
        let id: i64 = to.trim_start_matches("/events/").parse().unwrap();
        let (status, page) = staff.get_text(&to).await;
        assert_eq!(status, 200);
        assert!(page.contains("この催しは下書きです"));
        assert_eq!(
            page.matches("</script>").count(),
            page.matches("<script").count()
        );
        assert!(!page.contains("<script>alert(1)"));
        assert_eq!(json_ld(&page)["name"], hostile);
        assert_eq!(anon.get(&to).await.status(), 404);
        assert_eq!(anon.get(&format!("{to}.ics")).await.status(), 404);
        let feed = anon.get("/events.ics").await.text().await.unwrap();
        assert!(!feed.contains("alert(1)"), "drafts stay out of the feed");
        let stored = app.store().event(id).await.unwrap();
        assert_eq!(stored.fields.starts_at.as_stored(), "2027-01-20T10:00");

        // HR of a company may not write events.
        let hr = app.signed_in(HR).await;
        assert_eq!(
            hr.post_form("/events/new", &event_form("x", "published"))
                .await
                .status(),
            403
        );

        // Published: the public sees it, and calendars get a higher SEQUENCE.
        let res = staff
            .post_form(
                &format!("/events/{id}/edit"),
                &event_form("働き方改革セミナー", "published"),
            )
            .await;
        assert_eq!(res.status(), 303);
        let (status, page) = anon.get_text(&format!("/events/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("働き方改革セミナー"));
        assert!(page.contains("講師 一郎"));
        let ics = anon
            .get(&format!("/events/{id}.ics"))
            .await
            .text()
            .await
            .unwrap();
        assert!(ics.contains("\r\nSEQUENCE:1\r\n"), "{ics}");
        assert!(ics.contains(&format!("\r\nUID:{}\r\n", stored.uid)));
        let feed = anon.get("/events.ics").await.text().await.unwrap();
        assert_eq!(feed.matches("BEGIN:VEVENT").count(), 3);

        // Cancelled: still public, marked so everywhere.
        staff
            .post_form(
                &format!("/events/{id}/edit"),
                &event_form("働き方改革セミナー", "cancelled"),
            )
            .await;
        let (_, page) = anon.get_text(&format!("/events/{id}")).await;
        assert!(page.contains("この催しは中止になりました。"));
        let ics = anon
            .get(&format!("/events/{id}.ics"))
            .await
            .text()
            .await
            .unwrap();
        assert!(ics.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert_eq!(
            json_ld(&page)["eventStatus"],
            "https://schema.org/EventCancelled"
        );

        // Both writes are in the audit log, in words.
        let admin = app.signed_in(ADMIN).await;
        let (_, audit) = admin.get_text("/admin/audit").await;
        assert!(audit.contains("催し「働き方改革セミナー」"), "{audit}");
    }
);
