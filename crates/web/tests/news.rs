//! News (お知らせ; issue 10) through the real routes, on SQLite and PostgreSQL:
//! staff write drafts that nobody else can know of, publishing puts them on the
//! home page and `/news`, the form refuses bad input field by field, and the home
//! page shows the region's upcoming events.

mod support;

use store::both_backends;
use support::*;

fn news_form<'a>(title: &'a str, status: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("region", "072095"),
        ("published_on", "２０２６-１２-０１"),
        ("title_ja", title),
        ("title_en", ""),
        ("body_ja", "1段落目\n\n2段落目"),
        ("body_en", ""),
        ("status", status),
    ]
}

both_backends!(
    staff_draft_and_publish_news,
    spawn_demo,
    |app: TestApp| async move {
        let staff = app.signed_in(STAFF).await;
        let anon = app.client();
        let member = app.signed_in(MEMBER).await;

        // A bad form: every field says what is wrong, nothing is written.
        let before = app
            .store()
            .all_news(app.store().region_by_code("072095").await.unwrap().id)
            .await
            .unwrap()
            .len();
        let res = staff
            .post_form(
                "/news/new",
                &[
                    ("region", "072095"),
                    ("published_on", "2026-02-30"),
                    ("title_ja", ""),
                    ("status", "live"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("掲載日")
                && page.contains("見出し")
                && page.contains("公開状態を選んでください")
        );
        let region = app.store().region_by_code("072095").await.unwrap().id;
        assert_eq!(app.store().all_news(region).await.unwrap().len(), before);

        // A draft: the staff see it, nobody else knows of it.
        let title = "<script>成果報告会</script>の申込を始めました";
        let res = staff
            .post_form("/news/new", &news_form(title, "draft"))
            .await;
        assert_eq!(res.status(), 303);
        let path = location(&res);
        let id: i64 = path.trim_start_matches("/news/").parse().unwrap();
        let (status, page) = staff.get_text(&path).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("成果報告会") && !page.contains("<script>成果報告会"),
            "escaped"
        );
        assert!(page.contains("これは下書きです"));
        assert_eq!(anon.get(&path).await.status(), 404);
        assert_eq!(member.get(&path).await.status(), 404);
        assert_eq!(member.get(&format!("/news/{id}/edit")).await.status(), 404);
        let (_, home) = anon.get_text("/").await;
        assert!(!home.contains(&format!("/news/{id}\"")));
        let (_, list) = anon.get_text("/news").await;
        assert!(!list.contains(&format!("/news/{id}\"")));

        // Published: on the home page and the list, with its text in paragraphs.
        let res = staff
            .post_form(&format!("/news/{id}/edit"), &news_form(title, "published"))
            .await;
        assert_eq!(res.status(), 303);
        let (status, page) = anon.get_text(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("<p>1段落目</p>") && page.contains("<p>2段落目</p>"));
        assert!(page.contains("2026年12月1日"));
        let (_, home) = anon.get_text("/").await;
        assert!(home.contains(&format!("href=\"/news/{id}\"")), "{home}");
        // Members may read it but not change it.
        assert_eq!(member.get(&format!("/news/{id}/edit")).await.status(), 403);
        let res = member
            .post_form(
                &format!("/news/{id}/edit"),
                &news_form("乗っ取り", "published"),
            )
            .await;
        assert_eq!(res.status(), 403);
        assert!(
            app.store()
                .news_item(id)
                .await
                .unwrap()
                .title_ja
                .contains("成果報告会")
        );

        // Both writes are in the audit log, in words.
        let admin = app.signed_in(ADMIN).await;
        let (_, audit) = admin.get_text("/admin/audit").await;
        assert!(audit.contains("お知らせ「"), "{audit}");
        assert!(audit.contains("成果報告会") && !audit.contains("<script>成果報告会"));
    }
);

both_backends!(
    the_home_page_shows_upcoming_events,
    spawn_demo,
    |app: TestApp| async move {
        let (_, home) = app.client().get_text("/").await;
        // The results meeting (2027-02-17) is ahead of the tests' today; the
        // kickoff (2026-06-24) is past.
        let at = home.find("id=\"home-events\"").expect("an events section");
        let section = &home[at..at + home[at..].find("</ul>").unwrap()];
        assert!(section.contains("相馬モデル 成果報告会"), "{section}");
        assert!(!section.contains("人手不足を解消し"));
    }
);
