//! HTTP tests: the real application on a random port, on SQLite and on PostgreSQL,
//! each test with a fresh database.

mod support;

use store::both_backends;
use support::*;

both_backends!(
    health_and_public_pages,
    spawn_demo,
    |app: TestApp| async move {
        let c = app.client();
        for path in [
            "/healthz",
            "/",
            "/declarations",
            "/declarations/women-reemployment",
            "/login",
            "/regions/072095",
        ] {
            assert_eq!(c.get(path).await.status(), 200, "{path}");
        }
        let (status, html) = c.get_text("/no/such/page").await;
        assert_eq!(status, 404);
        assert!(html.contains("ページが見つかりません"), "a proper 404 page");
        assert_eq!(
            c.get("/declarations/no-such-declaration").await.status(),
            404
        );
        assert_eq!(c.get("/declarers/999999").await.status(), 404);
        assert_eq!(c.get("/static/vendor/htmx.min.js").await.status(), 200);
        assert_eq!(c.get("/static/vendor/SOURCES.md").await.status(), 404);
    }
);

both_backends!(
    definitions_page_lists_the_catalog,
    spawn_app,
    |app: TestApp| async move {
        let c = app.client();
        let (status, html) = c.get_text("/definitions").await;
        assert_eq!(status, 200);
        for f in kpi::catalog::FIGURES {
            assert!(
                html.contains(&format!("id=\"{}\"", f.id)),
                "anchor {}",
                f.id
            );
            assert!(html.contains(f.name.ja), "name of {}", f.id);
            assert!(
                html.contains(f.rounding.describe().ja),
                "rounding of {}",
                f.id
            );
        }
        // The rounding the catalog states for the men's rate is the truncation.
        assert!(html.contains("小数点以下を切り捨て"));
        let (status, json) = c.get_text("/definitions.json").await;
        assert_eq!(status, 200);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let ids: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap())
            .collect();
        assert!(ids.contains(&"male_childcare_leave_rate_method1"));
        assert_eq!(ids.len(), kpi::catalog::FIGURES.len());
    }
);

both_backends!(
    figures_on_the_kpi_page_link_to_their_catalog_entry,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let (status, html) = hr.get_text(&format!("/orgs/{org}/kpi?fy=2025")).await;
        assert_eq!(status, 200);
        for id in [
            kpi::catalog::ids::MONTHLY_OVERTIME_AVERAGE,
            kpi::catalog::ids::AVERAGE_MONTHLY_OVERTIME,
            kpi::catalog::ids::PAID_LEAVE_UTILIZATION,
            kpi::catalog::ids::MALE_CHILDCARE_METHOD1,
        ] {
            assert!(
                html.contains(&format!("href=\"/definitions#{id}\"")),
                "{id}"
            );
            let figure = kpi::catalog::figure(id);
            assert!(
                html.contains(figure.rounding.describe().ja),
                "{id}'s rounding"
            );
        }
        // The old text said 小数第1位を四捨五入 (to a whole hour) beside a one-decimal figure.
        assert!(!html.contains("小数第1位を四捨五入"));
    }
);

/// `html` links `id` to its `/definitions` entry and shows its catalog name.
fn links_to_catalog(html: &str, id: &str, page: &str) {
    assert!(
        html.contains(&format!("href=\"/definitions#{id}\"")),
        "{page}: no link to {id}"
    );
    let name = kpi::catalog::figure(id).name.ja;
    assert!(html.contains(name), "{page}: no catalog name {name}");
}

both_backends!(
    figures_on_the_plan_disclosure_readiness_and_publish_pages_link_to_the_catalog,
    spawn_demo,
    |app: TestApp| async move {
        use kpi::catalog::ids;
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let res = hr
            .post_form(
                &format!("/orgs/{org}/plan"),
                &[
                    ("starts_on", "2024-04-01"),
                    ("ends_on", "2027-03-31"),
                    ("measures", "ノー残業デーを週2回にする"),
                    ("male_childcare_rate", "50"),
                    ("monthly_overtime_hours", "15"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (status, plan) = hr.get_text(&format!("/orgs/{org}/plan")).await;
        assert_eq!(status, 200);
        links_to_catalog(&plan, ids::MALE_CHILDCARE_METHOD1, "plan");
        links_to_catalog(&plan, ids::FULL_TIME_MONTHLY_OVERTIME, "plan");
        // The line on how the plan's hours differ from the KPI page's average.
        assert!(
            plan.contains(&format!(
                "data-differs=\"{}\"",
                ids::AVERAGE_MONTHLY_OVERTIME
            )),
            "plan: no line on the difference"
        );
        assert!(
            !plan.contains("<h3>一月当たりの時間外・休日労働時間（目標"),
            "the label stored with the target is not the heading"
        );

        let (status, womendb) = hr
            .get_text(&format!("/orgs/{org}/disclosure?fy=2025"))
            .await;
        assert_eq!(status, 200);
        for d in kpi::women_db::ITEMS {
            if let Some(id) = d.figure {
                links_to_catalog(&womendb, id, "disclosure");
            }
        }
        assert!(womendb.contains(kpi::catalog::figure(ids::WAGE_GAP).rounding.describe_ja()));

        let (status, readiness) = hr.get_text(&format!("/orgs/{org}/readiness?fy=2025")).await;
        assert_eq!(status, 200);
        for id in [
            ids::CERTIFICATION_MALE_CHILDCARE,
            ids::KURUMIN_MONTHLY_OVERTIME,
            ids::WORKER_MONTHLY_LEGAL_OVERTIME,
        ] {
            links_to_catalog(&readiness, id, "readiness");
        }
        assert!(readiness.contains("id=\"readiness-figures-differ\""));

        let (status, publish) = hr.get_text(&format!("/orgs/{org}/publish")).await;
        assert_eq!(status, 200);
        for id in store::publications::FIGURES {
            links_to_catalog(&publish, id, "publish");
            let e = kpi::catalog::figure(id);
            assert!(
                publish.contains(e.definition.ja),
                "publish: definition of {id}"
            );
        }

        // A public declarer page with the figures the demo loader published.
        let declarer = app.org_id("光陽プレシジョン株式会社").await;
        let (status, public) = app
            .client()
            .get_text(&format!("/declarers/{declarer}"))
            .await;
        assert_eq!(status, 200);
        links_to_catalog(&public, ids::MALE_CHILDCARE_METHOD1, "declarer");
        links_to_catalog(&public, ids::MALE_CHILDCARE_STATEMENT, "declarer");

        // English reads the catalog's English names.
        assert_eq!(hr.post_form("/lang", &[("lang", "en")]).await.status(), 303);
        let (_, en) = hr.get_text(&format!("/orgs/{org}/plan")).await;
        let name = kpi::catalog::figure(ids::FULL_TIME_MONTHLY_OVERTIME)
            .name
            .en;
        assert!(en.contains(name), "plan in English: {name}");
    }
);

both_backends!(
    security_headers_on_every_response,
    spawn_demo,
    |app: TestApp| async move {
        let c = app.client();
        for path in [
            "/",
            "/login",
            "/static/app.css",
            "/nope",
            "/declarations.json",
            "/healthz",
        ] {
            let res = c.get(path).await;
            let h = res.headers();
            let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
            assert!(
                csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
                "{path}: {csp}"
            );
            assert!(csp.contains("frame-ancestors 'none'"));
            assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
            assert!(h.get("referrer-policy").is_some());
            assert!(h.get("x-request-id").is_some(), "{path} has a request id");
        }
        // Session and CSRF cookies are HttpOnly and SameSite.
        let res = c.login(HR.0, HR.1).await;
        let cookies: Vec<_> = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        let session = cookies
            .iter()
            .find(|v| v.starts_with("erabareru_session="))
            .expect("session cookie");
        assert!(
            session.contains("HttpOnly") && session.contains("SameSite=Lax"),
            "{session}"
        );
        assert!(!session.contains("Secure"), "Secure only when configured");
    }
);

both_backends!(
    csrf_refuses_cross_site_and_tokenless_posts,
    spawn_demo,
    |app: TestApp| async move {
        let c = app.client();
        let token = c.csrf().await;
        let url = app.url("/login");
        let form = [
            ("email", HR.0),
            ("password", HR.1),
            ("csrf_token", token.as_str()),
        ];
        // Cross-site by the browser's own word.
        let res = c
            .http
            .post(&url)
            .header("sec-fetch-site", "cross-site")
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert!(
            res.text().await.unwrap().contains("権限がありません"),
            "a proper 403 page"
        );
        // From another origin.
        let res = c
            .http
            .post(&url)
            .header("origin", "https://evil.example")
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        // Without the token, or with a wrong one.
        let res = c
            .http
            .post(&url)
            .form(&[("email", HR.0), ("password", HR.1)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let res = c
            .http
            .post(&url)
            .form(&[
                ("email", HR.0),
                ("password", HR.1),
                ("csrf_token", &"0".repeat(64)),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        // Same origin with the token works.
        let res = c
            .http
            .post(&url)
            .header("origin", app.address.as_str())
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        // A signed-in user's token is bound to the session: the old anonymous one no longer works.
        let res = c
            .http
            .post(app.url("/logout"))
            .form(&[("csrf_token", token.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(c.post_form("/logout", &[]).await.status(), 303);
    }
);

both_backends!(
    login_logout_and_throttling,
    spawn_demo,
    |app: TestApp| async move {
        let c = app.client();
        let res = c.login(HR.0, "wrong password").await;
        assert_eq!(res.status(), 401);
        let html = res.text().await.unwrap();
        assert!(html.contains("メールアドレスまたはパスワードが正しくありません"));
        assert!(
            html.contains(&format!("value=\"{}\"", HR.0)),
            "the e-mail is kept"
        );
        // Unknown account: the same message (no account enumeration).
        let res = c.login("nobody@example.jp", "whatever password").await;
        assert_eq!(res.status(), 401);

        let res = c.login(HR.0, HR.1).await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/dashboard");
        let (status, html) = c.get_text("/dashboard").await;
        assert_eq!(status, 200);
        assert!(html.contains("はまなすケミカル株式会社"));
        assert_eq!(c.post_form("/logout", &[]).await.status(), 303);
        assert_eq!(
            location(&c.get("/dashboard").await),
            "/login?next=%2Fdashboard"
        );

        // Five failures lock the account for a while, even with the right password next.
        for _ in 0..5 {
            assert_eq!(c.login(MEMBER.0, "bad bad bad").await.status(), 401);
        }
        let res = c.login(MEMBER.0, MEMBER.1).await;
        assert_eq!(res.status(), 429);
        assert!(res.text().await.unwrap().contains("15分"));
        // Other accounts are not affected.
        assert_eq!(app.client().login(STAFF.0, STAFF.1).await.status(), 303);
        // Sign-ins are in the audit log.
        let log = app.store().audit_entries(100, 0).await.unwrap();
        assert!(log.iter().any(|e| e.action == "login" && e.actor == HR.0));
        assert!(
            log.iter()
                .any(|e| e.action == "login_failed" && e.actor == HR.0)
        );
        assert!(log.iter().any(|e| e.action == "login_throttled"));
    }
);

both_backends!(
    registry_shows_order_filters_and_exports,
    spawn_demo,
    |app: TestApp| async move {
        let c = app.client();
        let (_, html) = c
            .get_text("/declarations/women-reemployment?type=municipality&pref=07&sort=oldest")
            .await;
        assert!(html.contains("相馬市"));
        assert!(
            html.contains("自治体で6番目"),
            "相馬市 is the 6th municipality"
        );
        assert!(!html.contains("かえで市"), "filtered by prefecture");
        let (_, html) = c.get_text("/declarations?type=municipality").await;
        assert!(!html.contains("はまなすケミカル"), "companies filtered out");
        // htmx asks for the fragment only.
        let res = c
            .http
            .get(app.url("/declarations?type=company"))
            .header("hx-request", "true")
            .send()
            .await
            .unwrap();
        let fragment = res.text().await.unwrap();
        assert!(!fragment.contains("<html") && fragment.contains("registry-block"));
        // English.
        let res = c
            .http
            .get(app.url("/declarations/women-reemployment?type=municipality&pref=07"))
            .header("accept-language", "en-US,en;q=0.9")
            .send()
            .await
            .unwrap();
        let html = res.text().await.unwrap();
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("6th among municipalities"));

        let res = c.get("/declarations.csv").await;
        assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
        let bytes = res.bytes().await.unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let headers = rdr.headers().unwrap().clone();
        assert_eq!(&headers[2], "organization");
        let soma: Vec<_> = rdr
            .records()
            .map(|r| r.unwrap())
            .filter(|r| &r[2] == "相馬市" && &r[1] == "women-reemployment")
            .collect();
        assert_eq!(soma.len(), 1);
        assert_eq!(&soma[0][8], "6");

        let json: serde_json::Value = c.get("/declarations.json").await.json().await.unwrap();
        let rows = json["declarers"].as_array().unwrap();
        assert_eq!(
            rows.len(),
            app.store()
                .declarer_counts()
                .await
                .unwrap()
                .iter()
                .map(|(_, n)| n)
                .sum::<i64>() as usize
        );
        assert!(rows.iter().any(|r| r["organization"] == "相馬市"
            && r["order_in_type"] == 6
            && r["declaration_slug"] == "women-reemployment"));

        let res = c.get("/declarations/feed.atom").await;
        assert_eq!(
            res.headers()["content-type"],
            "application/atom+xml; charset=utf-8"
        );
        let feed = res.text().await.unwrap();
        assert!(feed.starts_with("<?xml") && feed.contains("<entry>"));
        let first_title = feed.split("<entry>").nth(1).unwrap();
        // The newest approval in the demo is the latest approved_on date.
        assert!(first_title.contains("</title>"));
    }
);

both_backends!(
    declare_review_publish_end_to_end,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let d = app
            .store()
            .declaration_by_slug("paternity-leave-100")
            .await
            .unwrap();
        let (status, html) = hr.get_text(&format!("/orgs/{org}/declare")).await;
        assert_eq!(status, 200);
        assert!(html.contains("男性育休100%宣言"));

        // Bad input re-renders with the message next to the field and the input kept.
        let form = reqwest::multipart::Form::new()
            .text("declaration_id", d.id.to_string())
            .text("declared_on", "2026-02-30")
            .text("representative_title", "代表取締役")
            .text("representative_name", "")
            .text("message", "男性の育休を当たり前に。");
        let res = hr
            .post_multipart(&format!("/orgs/{org}/declare"), form)
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(
            html.contains("id=\"declared_on-error\""),
            "date error next to the field"
        );
        assert!(html.contains("実在する日付"));
        assert!(html.contains("id=\"representative_name-error\""));
        assert!(
            html.contains("男性の育休を当たり前に。"),
            "the message is kept"
        );

        // A logo that is not an image is refused by content, whatever its name.
        let form = reqwest::multipart::Form::new()
            .text("declaration_id", d.id.to_string())
            .text("declared_on", "2026-11-01")
            .text("representative_title", "代表取締役")
            .text("representative_name", "浜野 一郎")
            .text("message", "男性の育休を当たり前に。")
            .part(
                "logo",
                reqwest::multipart::Part::bytes(b"MZ\x90\x00".to_vec()).file_name("logo.png"),
            );
        let res = hr
            .post_multipart(&format!("/orgs/{org}/declare"), form)
            .await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("PNG、JPEG、SVG"));

        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10" fill="#0031d8" onclick="x()"/></svg>"##;
        let form = reqwest::multipart::Form::new()
            .text("declaration_id", d.id.to_string())
            .text("declared_on", "２０２６/１１/０１")
            .text("representative_title", "代表取締役")
            .text("representative_name", "浜野 一郎")
            .text(
                "message",
                "男性の育休を当たり前に。<script>alert('x')</script>",
            )
            .part(
                "logo",
                reqwest::multipart::Part::bytes(svg.to_vec()).file_name("logo.txt"),
            );
        let res = hr
            .post_multipart(&format!("/orgs/{org}/declare"), form)
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), format!("/orgs/{org}"));
        let (_, html) = hr.get_text(&format!("/orgs/{org}")).await;
        assert!(html.contains("badge--pending"));
        assert!(html.contains("宣言を申請しました"), "flash shown once");
        let (_, again) = hr.get_text(&format!("/orgs/{org}")).await;
        assert!(!again.contains("宣言を申請しました"));

        // Not public before approval.
        let public = app.client();
        let (_, html) = public.get_text("/declarations/paternity-leave-100").await;
        assert!(!html.contains("はまなすケミカル"));
        let signing = app
            .store()
            .pending_signings(None)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.org_id == org)
            .unwrap();
        let logo = signing.logo_upload_id.unwrap();
        assert_eq!(
            public.get(&format!("/logos/{logo}")).await.status(),
            404,
            "pending logos are private"
        );

        // The member cannot approve; the region's staff can.
        let member = app.signed_in(MEMBER).await;
        assert_eq!(
            member
                .post_form(
                    &format!("/review/{}", signing.id),
                    &[("decision", "approve")]
                )
                .await
                .status(),
            403
        );
        let staff = app.signed_in(STAFF).await;
        let (_, dashboard) = staff.get_text("/dashboard").await;
        assert!(
            dashboard.contains(&format!(
                "<a href=\"/orgs/{org}\">はまなすケミカル株式会社</a>"
            )),
            "region staff find the region's organizations on their dashboard"
        );
        let (_, queue) = staff.get_text("/review").await;
        assert!(queue.contains("はまなすケミカル株式会社"));
        // Rejecting needs a reason: without one nothing changes and the field says why.
        let res = staff
            .post_form(
                &format!("/review/{}", signing.id),
                &[("decision", "reject"), ("note", "  ")],
            )
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(
            html.contains(&format!("id=\"note-{}-error\"", signing.id))
                && html.contains("差し戻すときは理由を書いてください"),
            "{html}"
        );
        assert_eq!(
            app.store().signing(signing.id).await.unwrap().status,
            "pending"
        );
        let res = staff
            .post_form(
                &format!("/review/{}", signing.id),
                &[("decision", "approve"), ("note", "")],
            )
            .await;
        assert_eq!(res.status(), 303);
        // Approving twice is refused.
        assert_eq!(
            staff
                .post_form(
                    &format!("/review/{}", signing.id),
                    &[("decision", "approve")]
                )
                .await
                .status(),
            409
        );

        let (_, html) = public.get_text("/declarations/paternity-leave-100").await;
        assert!(html.contains("はまなすケミカル株式会社"));
        let (status, page) = public.get_text(&format!("/declarers/{org}")).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("当たり前に。&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;"),
            "messages are escaped"
        );
        assert!(!page.contains("<script>alert"));
        let res = public.get(&format!("/logos/{logo}")).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/svg+xml");
        let stored = res.text().await.unwrap();
        assert!(
            !stored.contains("script") && !stored.contains("onclick") && stored.contains("<rect")
        );
        let feed = public.get_text("/declarations/feed.atom").await.1;
        assert!(
            feed.split("<entry>")
                .nth(1)
                .unwrap()
                .contains("はまなすケミカル株式会社"),
            "newest approval first"
        );

        let admin = app.signed_in(ADMIN).await;
        let (_, audit) = admin.get_text("/admin/audit").await;
        // In words, not codes: who approved which organization's declaration.
        assert!(
            audit.contains("「はまなすケミカル株式会社」の宣言を承認しました"),
            "{audit}"
        );
        assert!(audit.contains(STAFF.0));
        let list = audit
            .split("id=\"audit-table\"")
            .nth(1)
            .and_then(|rest| rest.split("</ol>").next())
            .expect("the entries");
        assert!(
            !list.contains("signing") && !list.contains("approved"),
            "{list}"
        );
        // Filters: by person, kind and date (Japan time), and the CSV export.
        let (_, by_staff) = admin
            .get_text("/admin/audit?actor=staff%40demo&entity=signing")
            .await;
        assert!(by_staff.contains("を承認しました") && !by_staff.contains("ログインしました"));
        // The audit log keeps real timestamps, whatever day the tests take as today.
        let today = jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
            .date();
        let (_, dated) = admin
            .get_text(&format!(
                "/admin/audit?from={today}&to={today}&entity=signing"
            ))
            .await;
        assert!(dated.contains("を承認しました"));
        let (_, before) = admin
            .get_text("/admin/audit?to=2020-01-01&entity=signing")
            .await;
        assert!(before.contains("条件に合う記録はありません"));
        let (status, bad) = admin.get_text("/admin/audit?from=yesterday").await;
        assert_eq!(status, 200);
        assert!(bad.contains("日付は 2026-12-01 の形で"));
        let res = admin.get("/admin/audit.csv?entity=signing").await;
        assert_eq!(res.status(), 200);
        let bytes = res.bytes().await.unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
        let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(csv.contains("を承認しました") && csv.contains(STAFF.0));
        assert!(
            !csv.contains("ログインしました"),
            "the filter applies to the CSV"
        );
        let staff = app.signed_in(STAFF).await;
        assert_eq!(staff.get("/admin/audit.csv").await.status(), 403);
    }
);

both_backends!(
    figures_entered_show_on_the_declarer_page,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let res = hr
            .post_form(
                &format!("/orgs/{org}/figures"),
                &[
                    ("fiscal_year", "2023"),
                    ("men_employed", "80"),
                    ("women_employed", "30"),
                    ("men_births", "3"),
                    ("women_births", "1"),
                    ("men_takers", "2"),
                    ("women_takers", "1"),
                    ("men_average_days", "１２.５"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        // More takers than employees is a typo caught next to the field.
        let res = hr
            .post_form(
                &format!("/orgs/{org}/figures"),
                &[
                    ("fiscal_year", "2023"),
                    ("men_employed", "1"),
                    ("women_employed", "30"),
                    ("men_births", "3"),
                    ("women_births", "1"),
                    ("men_takers", "2"),
                    ("women_takers", "x"),
                    ("men_average_days", ""),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(
            html.contains("id=\"men_births-error\"") && html.contains("id=\"women_takers-error\"")
        );
        let figures = app.store().childcare_figures(org).await.unwrap();
        let fy2023 = figures.iter().find(|f| f.fiscal_year == 2023).unwrap();
        assert_eq!(fy2023.men_takers, 2, "the bad form wrote nothing");
        assert_eq!(fy2023.source, "typed");
        // FY2025 comes from the demo's imported records and says so.
        let fy2025 = figures.iter().find(|f| f.fiscal_year == 2025).unwrap();
        assert_eq!(fy2025.source, "computed");

        // The table shows when the organization's 男性育休100%宣言 is public: declare and
        // approve. Typed figures show once published; the demo published FY2025.
        declare_paternity_and_approve(&app, &hr, org).await;
        let (_, page) = app.client().get_text(&format!("/declarers/{org}")).await;
        assert!(
            !page.contains("2023年度（令和5年度）"),
            "typed, not yet published"
        );
        for figure in [
            "male_childcare_leave_rate_method1",
            "female_childcare_leave_rate",
            "employees_by_gender",
        ] {
            let res = hr
                .post_form(
                    &format!("/orgs/{org}/publish"),
                    &[("figure", figure), ("fy", "2023"), ("source", "typed")],
                )
                .await;
            assert_eq!(res.status(), 303);
        }
        let (_, page) = app.client().get_text(&format!("/declarers/{org}")).await;
        assert!(page.contains("2023年度（令和5年度）"));
        assert!(
            page.contains("対象者が5人未満のため公表していません"),
            "3 men and 1 woman: no rate"
        );
        assert!(!page.contains("66%"), "2 of 3 is never shown");
        assert!(page.contains("男性80人・女性30人"));
        assert!(
            page.contains("企業による申告"),
            "says where the figure came from"
        );
        assert!(
            page.contains("実績データから算出"),
            "the demo's computed year is labelled as computed"
        );
        // The demo company's FY2025 statement is published, but fewer than 5 men's
        // partners gave birth: the sentence, never the rate.
        let statement = &page[page
            .find("id=\"statement-2025\"")
            .expect("the public statement")..];
        assert!(
            statement.starts_with("id=\"statement-2025\">対象者が5人未満のため公表していません")
        );
        assert!(!page.contains("取得割合は"));
    }
);

both_backends!(
    invite_and_password_reset,
    spawn_demo,
    |app: TestApp| async move {
        let admin = app.signed_in(ADMIN).await;
        let org = app.org_id("はまなすケミカル株式会社").await.to_string();
        let res = admin
            .post_form(
                "/admin/users",
                &[
                    ("email", "bad-address"),
                    ("display_name", ""),
                    ("role", "org_member"),
                    ("org", &org),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"email-error\"") && html.contains("id=\"display_name-error\""));
        let res = admin
            .post_form(
                "/admin/users",
                &[
                    ("email", "New.Person@Example.JP"),
                    ("display_name", "新人"),
                    ("role", "org_member"),
                    ("org", &org),
                ],
            )
            .await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        let start = html.find("/invite/").expect("the invitation link is shown");
        let link = html[start..start + 8 + 64].to_string();
        // Absolute, on the server's own origin, in a field to copy from.
        assert!(
            html.contains(&format!("value=\"{}{link}\"", app.address)),
            "absolute link"
        );
        let newbie = app.client();
        assert_eq!(newbie.get(&link).await.status(), 200);
        let res = newbie
            .post_form(&link, &[("password", "short"), ("confirm", "short")])
            .await;
        assert_eq!(res.status(), 422);
        let res = newbie
            .post_form(
                &link,
                &[
                    ("password", "a long enough pass"),
                    ("confirm", "a long enough pass"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(newbie.get(&link).await.status(), 404, "links work once");
        assert_eq!(
            newbie
                .login("new.person@example.jp", "a long enough pass")
                .await
                .status(),
            303
        );
        let (_, dash) = newbie.get_text("/dashboard").await;
        assert!(dash.contains("はまなすケミカル株式会社"));

        // Reset: a new link, and the user's sessions end.
        let user = app
            .store()
            .user_by_email("new.person@example.jp")
            .await
            .unwrap()
            .unwrap();
        let res = admin
            .post_form(&format!("/admin/users/{}/reset", user.id), &[])
            .await;
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("/invite/"));
        assert_eq!(
            location(&newbie.get("/dashboard").await),
            "/login?next=%2Fdashboard"
        );

        // Changing one's own password needs the current one.
        let hr = app.signed_in(HR).await;
        let res = hr
            .post_form(
                "/account/password",
                &[
                    ("current", "nope"),
                    ("password", "another long one"),
                    ("confirm", "another long one"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let res = hr
            .post_form(
                "/account/password",
                &[
                    ("current", HR.1),
                    ("password", "another long one"),
                    ("confirm", "another long one"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(
            app.client().login(HR.0, "another long one").await.status(),
            303
        );
    }
);

both_backends!(
    language_switch_is_remembered,
    spawn_demo,
    |app: TestApp| async move {
        let c = app.client();
        let (_, html) = c.get_text("/declarations").await;
        assert!(html.contains("<html lang=\"ja\">") && html.contains("宣言一覧"));
        let res = c
            .post_form(
                "/lang",
                &[("lang", "en"), ("next", "/declarations?type=company")],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/declarations?type=company");
        let (_, html) = c.get_text("/declarations").await;
        assert!(html.contains("<html lang=\"en\">") && html.contains("Declarations"));
        // An open redirect is not possible through `next`.
        let res = c
            .post_form("/lang", &[("lang", "ja"), ("next", "//evil.example/")])
            .await;
        assert_eq!(location(&res), "/dashboard");
        assert_eq!(c.post_form("/lang", &[("lang", "xx")]).await.status(), 400);
    }
);

both_backends!(
    upload_and_body_limits,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let d = app
            .store()
            .declaration_by_slug("paternity-leave-100")
            .await
            .unwrap();
        let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
        big.resize(600 * 1024, 0);
        let form = reqwest::multipart::Form::new()
            .text("declaration_id", d.id.to_string())
            .text("declared_on", "2026-11-01")
            .text("representative_title", "代表")
            .text("representative_name", "浜野")
            .text("message", "x")
            .part(
                "logo",
                reqwest::multipart::Part::bytes(big).file_name("a.png"),
            );
        let res = hr
            .post_multipart(&format!("/orgs/{org}/declare"), form)
            .await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("512KB"));
        let huge = vec![b'a'; 3 * 1024 * 1024];
        let form = reqwest::multipart::Form::new().part(
            "logo",
            reqwest::multipart::Part::bytes(huge).file_name("a.png"),
        );
        let token = hr.csrf().await;
        // The server may answer 413 and close before the client has sent everything.
        match hr
            .http
            .post(app.url(&format!("/orgs/{org}/declare?csrf_token={token}")))
            .multipart(form)
            .send()
            .await
        {
            Ok(res) => assert_eq!(res.status(), 413),
            Err(e) => assert!(e.is_request(), "{e}"),
        }
        assert!(
            app.store()
                .pending_signings(None)
                .await
                .unwrap()
                .iter()
                .all(|s| s.org_id != org),
            "nothing written"
        );
    }
);

both_backends!(
    admin_catalog_orgs_and_regions,
    spawn_demo,
    |app: TestApp| async move {
        let admin = app.signed_in(ADMIN).await;
        let res = admin
            .post_form(
                "/admin/declarations/new",
                &[
                    ("slug", "Work Interval"),
                    ("title_ja", ""),
                    ("title_en", "x"),
                    ("text_ja", "x"),
                    ("text_en", "x"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let res = admin
            .post_form(
                "/admin/declarations/new",
                &[
                    ("slug", "work-interval"),
                    ("title_ja", "勤務間インターバル宣言"),
                    ("title_en", "Rest Interval Declaration"),
                    ("text_ja", "私たちは勤務間インターバルを導入します"),
                    ("text_en", "We introduce rest intervals"),
                    ("position", "4"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, html) = app.client().get_text("/declarations").await;
        assert!(html.contains("勤務間インターバル宣言"));
        let res = admin
            .post_form(
                "/admin/declarations/new",
                &[
                    ("slug", "work-interval"),
                    ("title_ja", "x"),
                    ("title_en", "x"),
                    ("text_ja", "x"),
                    ("text_en", "x"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422, "duplicate slug is a field error");

        let res = admin
            .post_form(
                "/orgs/new",
                &[
                    ("name", "テスト製作所"),
                    ("org_type", "company"),
                    ("region", "072095"),
                    ("corporate_number", "1234567890123"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("検査数字"));
        let res = admin
            .post_form(
                "/admin/regions",
                &[("code", "072096"), ("name_ja", "x"), ("name_en", "x")],
            )
            .await;
        assert_eq!(res.status(), 422, "wrong check digit");
        let res = admin
            .post_form(
                "/admin/regions",
                &[
                    ("code", "０７２１２５"),
                    ("name_ja", "南相馬市"),
                    ("name_en", "Minamisoma City"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(app.client().get("/regions/072125").await.status(), 200);
        // Regions can be edited (names and introductions; the code stays).
        let (status, form) = admin.get_text("/admin/regions/072125").await;
        assert_eq!(status, 200);
        assert!(form.contains("南相馬市"));
        let res = admin
            .post_form(
                "/admin/regions/072125",
                &[("name_ja", ""), ("name_en", "Minamisoma")],
            )
            .await;
        assert_eq!(res.status(), 422, "a region needs its Japanese name");
        let res = admin
            .post_form(
                "/admin/regions/072125",
                &[
                    ("name_ja", "南相馬市役所"),
                    ("name_en", "Minamisoma City"),
                    ("intro_ja", "南相馬市の働き方改革"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, home) = app.client().get_text("/regions/072125").await;
        assert!(home.contains("南相馬市役所") && home.contains("南相馬市の働き方改革"));
        assert_eq!(admin.get("/admin/regions/999999").await.status(), 404);
        let staff = app.signed_in(STAFF).await;
        let res = staff
            .post_form(
                "/admin/regions/072125",
                &[("name_ja", "x"), ("name_en", "x")],
            )
            .await;
        assert_eq!(res.status(), 403);
    }
);

both_backends!(
    a_second_server_on_the_same_database_never_serves_a_stale_registry,
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
        let page = || async {
            reader
                .get(format!("{second}/declarations/paternity-leave-100"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        };
        assert!(!page().await.contains("はまなすケミカル株式会社"));

        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        declare_paternity_and_approve(&app, &hr, org).await;
        assert!(
            page().await.contains("はまなすケミカル株式会社"),
            "the second server sees the approval at once"
        );
    }
);

/// A small year of one company, worked by hand:
/// E001 (man) works 9:00–20:00 with a 60-minute break on Mon 2026-04-06 (600 min,
/// 120 min beyond 8 h) and 9:00–18:00 on Tue; E002 (woman) 9:00–18:00 on Mon.
/// April's average overtime per employee with rows: 120 ÷ 2 = 60 min = 1.0 h.
/// 女活DB average: 120 ÷ 60 ÷ 12 ÷ 2 = 0.083 h → 0.1. E001's partner gives birth in
/// May and he takes childcare leave in June: men's rate 1 ÷ 1 = 100 %.
const EMPLOYEES: &str = "employee_id,gender,hire_date,employment_type\nE001,男性,2020-04-01,regular\nE002,F,2021-10-01,regular\n";
const ATTENDANCE: &str = "employee_id,date,start,end,break_minutes\nE001,２０２６/０４/０６,9:00,20:00,60\nE001,2026-04-07,9:00,18:00,60\nE002,2026-04-06,9:00,18:00,60\n";
const EVENTS: &str = "employee_id,event,date\nE001,birth,2026-05-10\n";
const LEAVES: &str =
    "employee_id,kind,start_date,end_date\nE001,childcare_leave,2026-06-01,2026-06-30\n";

both_backends!(
    kpi_import_computes_pseudonymises_and_is_idempotent,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        // The demo has FY2026 up to last month already.
        let demo_import = app
            .store()
            .current_kpi_import(org, 2026)
            .await
            .unwrap()
            .map(|i| i.id);
        assert!(demo_import.is_some());
        // The attendance file comes in CP932, as Japanese 勤怠 systems export it.
        let (cp932, _, _) = encoding_rs::SHIFT_JIS.encode(ATTENDANCE);
        let files = vec![
            ("employees.csv", EMPLOYEES.as_bytes().to_vec()),
            ("attendance.csv", cp932.to_vec()),
            ("family_events.csv", EVENTS.as_bytes().to_vec()),
            ("leaves.csv", LEAVES.as_bytes().to_vec()),
        ];
        // The preview shows the rows as read, with the detected encoding.
        let res = hr
            .post_multipart(&format!("/orgs/{org}/kpi"), kpi_form(&files))
            .await;
        let (_, preview) = hr.get_text(&location(&res)).await;
        assert!(
            preview.contains("CP932") && preview.contains("<td>E001</td><td>2026-04-06</td>"),
            "preview of mapped rows"
        );
        assert!(preview.contains("9:00–20:00（休憩60分）"));
        let res = hr
            .post_form(&format!("{}/cancel", location(&res)), &[])
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(
            app.store()
                .current_kpi_import(org, 2026)
                .await
                .unwrap()
                .map(|i| i.id),
            demo_import,
            "cancelled: nothing stored"
        );

        let job = import_files(&app, &hr, org, &files).await;
        assert_eq!(job.outcome, "stored");
        let (status, page) = hr.get_text(&format!("/orgs/{org}/kpi?fy=2026")).await;
        assert_eq!(status, 200);
        assert!(
            page.contains(
                "<th scope=\"row\">2026-04</th><td class=\"num\">2</td><td class=\"num\">1.0</td>"
            ),
            "April average 1.0 h"
        );
        assert!(
            page.contains("id=\"avg-overtime\">0.1 時間"),
            "女活DB average 0.1 h"
        );
        assert!(page.contains("id=\"men-method1\">100%（1 / 1）"));
        assert!(
            page.contains("0時間以上10時間未満</th><td class=\"num\">2</td>"),
            "both employees average under 10 h a month"
        );
        assert!(page.contains("<svg"), "the chart is inline SVG");
        // The 5-day duty: E002, hired 2021-10-01, has a 基準日 on 2026-04-01 after 4.5
        // years of service: 16 days, none taken, 5 to go by 2027-03-31, in progress.
        assert!(
            page.contains("<td>2026年4月1日</td><td class=\"num\">16</td><td class=\"num\">0</td><td class=\"num\">5</td><td>2027年3月31日</td><td>期間中</td>"),
            "E002's grant in the duty table"
        );
        // E001, hired 2020-04-01: 基準日 2026-10-01 after 6.5 years: 20 days.
        assert!(page.contains("<td>2026年10月1日</td><td class=\"num\">20</td>"));
        assert!(
            page.contains("における男性労働者の育児休業等の取得割合は100%です。"),
            "the statement for publication, method 1: 1 of 1"
        );
        assert!(page.contains("育児休業等と育児目的休暇の取得割合は100%です。"));
        // The employer's HR sees its employees by their own codes (issue 8); the
        // codes are stored only sealed, never in the report.
        assert!(
            page.contains("<code>E002</code>") && !page.contains("<code>P-"),
            "HR sees the code from its own file"
        );
        let member = app.signed_in(MEMBER).await;
        let (_, members_page) = member.get_text(&format!("/orgs/{org}/kpi?fy=2026")).await;
        assert!(
            !members_page.contains("E001") && !members_page.contains("E002"),
            "a member sees no employee code"
        );
        let import = app
            .store()
            .current_kpi_import(org, 2026)
            .await
            .unwrap()
            .unwrap();
        assert!(!import.report_json.contains("E001"), "nor stored");
        assert_eq!(import.attendance_rows, 3);
        assert_eq!(
            app.store().kpi_fact_count(org, 2026).await.unwrap(),
            2,
            "two employee-months"
        );
        assert!(
            app.store()
                .import_job_files(job.id)
                .await
                .unwrap()
                .is_empty(),
            "raw files are not kept"
        );
        // The declarer page's table gets computed figures, labelled as such.
        let computed = app.store().childcare_figures(org).await.unwrap();
        let fy2026 = computed.iter().find(|f| f.fiscal_year == 2026).unwrap();
        assert_eq!(
            (
                fy2026.source.as_str(),
                fy2026.men_births,
                fy2026.men_takers,
                fy2026.men_employed,
                fy2026.women_employed
            ),
            ("computed", 1, 1, 1, 1)
        );

        // The same files again change nothing.
        let again = import_files(&app, &hr, org, &files).await;
        assert_eq!(again.outcome, "unchanged");
        assert_eq!(
            app.store()
                .current_kpi_import(org, 2026)
                .await
                .unwrap()
                .unwrap()
                .id,
            import.id
        );

        // A bad row: the preview lists every error with its line and offers no import.
        let bad = "employee_id,date,start,end,break_minutes\nE001,2026-04-06,9:00,20:00,60\nE001,2026-02-30,9:00,18:00,60\nE002,2026-04-06,25:00,18:00,60\nE002,2026-04-07,9:00,18:00,60\n";
        let res = hr
            .post_multipart(
                &format!("/orgs/{org}/kpi"),
                kpi_form(&[("attendance.csv", bad.as_bytes().to_vec())]),
            )
            .await;
        assert_eq!(res.status(), 303);
        let job_page = location(&res);
        let (_, html) = hr.get_text(&job_page).await;
        assert!(
            html.contains("attendance.csv 3行目") && html.contains("2026-02-30"),
            "the first bad row"
        );
        assert!(html.contains("attendance.csv 4行目"), "and the second one");
        assert!(
            !html.contains("id=\"confirm-form\""),
            "no import from a file with errors"
        );
        // Even a forced confirm stores nothing: the job fails with the same message.
        hr.post_form(&format!("{job_page}/confirm"), &[]).await;
        let job_id: i64 = job_page.rsplit('/').next().unwrap().parse().unwrap();
        let failed = wait_for_job(&app, job_id).await;
        assert_eq!(failed.status, "failed");
        assert!(failed.error_ja.contains("3行目"), "{}", failed.error_ja);
        let (_, status_page) = hr.get_text(&job_page).await;
        assert!(status_page.contains("何も保存していません"));
        assert_eq!(
            app.store()
                .current_kpi_import(org, 2026)
                .await
                .unwrap()
                .unwrap()
                .id,
            import.id
        );
        let res = hr
            .post_multipart(&format!("/orgs/{org}/kpi"), kpi_form(&[]))
            .await;
        assert_eq!(res.status(), 422);

        // Members see the figures but cannot import; other organizations see nothing.
        let member = app.signed_in(MEMBER).await;
        assert_eq!(
            member
                .get(&format!("/orgs/{org}/kpi?fy=2026"))
                .await
                .status(),
            200
        );
        assert_eq!(
            member
                .post_multipart(&format!("/orgs/{org}/kpi"), kpi_form(&files))
                .await
                .status(),
            403
        );
        assert_eq!(
            member
                .get(&format!("/orgs/{org}/kpi/jobs/{job_id}"))
                .await
                .status(),
            403
        );
        let csv = hr
            .get(&format!("/orgs/{org}/kpi/monthly.csv?fy=2026"))
            .await;
        assert_eq!(csv.status(), 200);
        let text = csv.text().await.unwrap();
        assert!(
            text.starts_with('\u{feff}') && text.contains("2026-04,2,120,1.0"),
            "{text}"
        );
        let xlsx = hr
            .get(&format!("/orgs/{org}/kpi/report.xlsx?fy=2026"))
            .await;
        assert_eq!(xlsx.status(), 200);
        assert_eq!(
            xlsx.headers()["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert!(
            xlsx.bytes().await.unwrap().starts_with(b"PK"),
            "an XLSX file is a zip archive"
        );
        assert_eq!(
            hr.get(&format!("/orgs/{org}/kpi/report.xlsx?fy=2023"))
                .await
                .status(),
            404
        );
    }
);

both_backends!(
    state_changing_requests_are_rate_limited_per_address,
    limited_app,
    |app: TestApp| async move {
        let c = app.client();
        for _ in 0..3 {
            assert_eq!(c.post_form("/lang", &[("lang", "en")]).await.status(), 303);
        }
        let res = c.post_form("/lang", &[("lang", "en")]).await;
        assert_eq!(res.status(), 429);
        assert!(res.text().await.unwrap().contains("Too many requests"));
        // Reading is not limited.
        assert_eq!(c.get("/declarations").await.status(), 200);
    }
);

async fn limited_app(backend: Backend) -> TestApp {
    spawn_with(
        backend,
        web::Config {
            post_rate_per_minute: 3,
            ..web::Config::default()
        },
    )
    .await
}

both_backends!(
    a_king_of_time_style_cp932_export_is_recognised_and_read,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        // 1001 works 9:00–20:00 with a 1:00 break on Wed 2026-04-01 (600 min: 120 beyond
        // 8 h) and 10:00–15:00 with 1:00 break on Sunday the 12th, the statutory holiday
        // (240 min of holiday work). April: (120 + 240) ÷ 1 employee = 360 min = 6.0 h.
        let export = "従業員コード,従業員名,所属名,日付,曜日,勤務日種別,出勤時刻,退勤時刻,休憩時間,労働時間,残業時間,有休,時間有休\n\
            1001,山田太郎,営業部,2026/04/01,水,平日,09:00,20:00,1:00,10:00,2:00,0,0:00\n\
            1001,山田太郎,営業部,2026/04/12,日,法定休日,10:00,15:00,1:00,4:00,0:00,0,0:00\n";
        let (cp932, _, _) = encoding_rs::SHIFT_JIS.encode(export);
        let form = reqwest::multipart::Form::new()
            .text("fiscal_year", "2026")
            .text("profile", "auto")
            .part(
                "attendance",
                reqwest::multipart::Part::bytes(cp932.to_vec()).file_name("日別データ_202604.csv"),
            );
        let res = hr.post_multipart(&format!("/orgs/{org}/kpi"), form).await;
        assert_eq!(res.status(), 303);
        let job_page = location(&res);
        let (_, preview) = hr.get_text(&job_page).await;
        assert!(
            preview.contains("KING OF TIME形式"),
            "the layout is recognised from the header"
        );
        assert!(
            preview.contains("CP932")
                && preview.contains("<td>1001</td><td>2026-04-12</td><td>法定休日</td>")
        );
        assert!(!preview.contains("山田太郎"), "names are not even shown");
        assert!(preview.contains("id=\"confirm-form\""));
        assert_eq!(
            hr.post_form(&format!("{job_page}/confirm"), &[])
                .await
                .status(),
            303
        );
        let job_id: i64 = job_page.rsplit('/').next().unwrap().parse().unwrap();
        let job = wait_for_job(&app, job_id).await;
        assert_eq!(job.status, "done", "{}", job.error_ja);
        // The polling progress page is sent on to the figures, with a message for them.
        let res = hr
            .http
            .get(app.url(&job_page))
            .header("hx-request", "true")
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.headers()["hx-redirect"],
            &format!("/orgs/{org}/kpi?fy=2026")
        );
        let (_, page) = hr.get_text(&format!("/orgs/{org}/kpi?fy=2026")).await;
        assert!(
            page.contains("取り込んで計算しました。"),
            "the success message"
        );
        assert!(
            page.contains(
                "<th scope=\"row\">2026-04</th><td class=\"num\">1</td><td class=\"num\">6.0</td>"
            ),
            "April: 6.0 h"
        );
        let stored = app
            .store()
            .current_kpi_import(org, 2026)
            .await
            .unwrap()
            .unwrap();
        assert!(!stored.report_json.contains("山田") && !stored.report_json.contains("\"1001\""));
        // Read with the wrong layout (a monthly summary), the file has no usable header.
        let form = reqwest::multipart::Form::new()
            .text("fiscal_year", "2026")
            .text("profile", "freee")
            .part(
                "attendance",
                reqwest::multipart::Part::bytes(cp932.to_vec()).file_name("x.csv"),
            );
        let res = hr.post_multipart(&format!("/orgs/{org}/kpi"), form).await;
        let (_, preview) = hr.get_text(&location(&res)).await;
        assert!(
            !preview.contains("id=\"confirm-form\""),
            "the monthly layout's columns are missing"
        );
        // Choosing the right layout on the preview reads it again.
        let res = hr
            .post_form(
                &format!("{}/profile", location(&res)),
                &[("profile", "kingoftime")],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, preview) = hr.get_text(&location(&res)).await;
        assert!(
            preview.contains("id=\"confirm-form\""),
            "readable with the right layout"
        );
    }
);

/// The organization's admin declares 男性育休100%宣言 and the region's staff approve it.
async fn declare_paternity_and_approve(app: &TestApp, hr: &Client, org: i64) {
    let d = app
        .store()
        .declaration_by_slug("paternity-leave-100")
        .await
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("declaration_id", d.id.to_string())
        .text("declared_on", "2026-11-01")
        .text("representative_title", "代表取締役")
        .text("representative_name", "浜野 一郎")
        .text("message", "がんばります");
    assert_eq!(
        hr.post_multipart(&format!("/orgs/{org}/declare"), form)
            .await
            .status(),
        303
    );
    let s = app
        .store()
        .pending_signings(None)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.org_id == org)
        .unwrap();
    let staff = app.signed_in(STAFF).await;
    assert_eq!(
        staff
            .post_form(&format!("/review/{}", s.id), &[("decision", "approve")])
            .await
            .status(),
        303
    );
}

both_backends!(
    employees_at_risk_breaches_first_then_early_warnings,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        // Precomputed minutes: W has 85 h in May (a warning: 100 h is the breach);
        // B has 100 h exactly in June (a breach); S has 10 h (nothing to say).
        let attendance = "employee_id,date,legal_overtime_minutes,legal_holiday_minutes\n\
            B,2026-06-10,6000,0\nS,2026-05-10,600,0\nW,2026-05-10,5100,0\n";
        import_files(
            &app,
            &hr,
            org,
            &[("attendance.csv", attendance.as_bytes().to_vec())],
        )
        .await;
        let (_, page) = hr.get_text(&format!("/orgs/{org}/kpi?fy=2026")).await;
        let risk = &page[page.find("id=\"risk-table\"").expect("a risk table")..];
        // One line per employee and rule, named by the employer's own code, the
        // months in words.
        let breach = risk
            .find("<code>B</code>")
            .expect("B's breach, by B's own code");
        let warning = risk.find("<code>W</code>").expect("W's warning");
        assert!(breach < warning, "breaches are listed first");
        assert!(risk[breach..warning].contains("時間外＋休日労働が月100時間以上（違反）"));
        assert!(risk[breach..warning].contains("2026年6月"));
        assert!(risk[warning..].contains("月80時間以上（100時間で違反）"));
        assert!(risk[warning..].contains("2026年5月"));
        assert!(!risk.contains("<code>S</code>"), "S is not listed");
        assert!(!risk.contains("<code>P-"), "no pseudonym for HR");
        // The summary at the top counts B's breach.
        assert!(page.contains("上限を超えた社員：1人"));
    }
);

both_backends!(
    an_action_plan_is_tracked_against_the_computed_figures,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        // A period of one year is refused, next to the field.
        let res = hr
            .post_form(
                &format!("/orgs/{org}/plan"),
                &[
                    ("starts_on", "2025-04-01"),
                    ("ends_on", "2026-03-31"),
                    ("measures", "x"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"ends_on-error\""));
        // A two-year plan with only the overtime target (the demo company has 101–300
        // workers, so the men's childcare-leave target is missing).
        let res = hr
            .post_form(
                &format!("/orgs/{org}/plan"),
                &[
                    ("starts_on", "2025-04-01"),
                    ("ends_on", "2027-03-31"),
                    ("measures", "ノー残業デーを週2回にする"),
                    ("monthly_overtime_hours", "20"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, page) = hr.get_text(&format!("/orgs/{org}/plan")).await;
        assert!(
            page.contains("plan-missing")
                && page.contains("男性の育児休業等取得率の数値目標がありません")
        );
        // FY2025 has the demo's computed figures: overtime per full-time worker and month
        // (the year's minutes ÷ worker-months, half up) meets 20 h.
        let demo = app
            .store()
            .current_kpi_import(org, 2025)
            .await
            .unwrap()
            .unwrap();
        let report: serde_json::Value = serde_json::from_str(&demo.report_json).unwrap();
        let months = report["certification"]["full_time_months"]
            .as_array()
            .unwrap();
        let sum = |k: &str| months.iter().map(|m| m[k].as_u64().unwrap()).sum::<u64>();
        let (minutes, worker_months) = (sum("total_minutes"), sum("workers"));
        let d = worker_months * 60;
        let average = ((20 * minutes + d) / (2 * d)) as f64 / 10.0;
        assert!(average <= 20.0);
        let table = &page[page.find("plan-tracking").unwrap()..];
        assert!(
            table.contains(&format!("{average}</td><td>達成</td>")),
            "FY2025 met: {average}"
        );
        // FY2026 is imported up to last month: its figure so far, not judged.
        let fy2026 = &table[table
            .find("2026年度（令和8年度） 年度途中（")
            .expect("FY2026 row")..];
        let fy2026 = &fy2026[..fy2026.find("</tr>").unwrap()];
        assert!(
            fy2026.contains("<td>年度途中のため判定しません</td>") && !fy2026.contains("達成"),
            "{fy2026}"
        );
        assert!(page.contains("<svg"), "a chart per target");
        // The chart names the year in progress as such, the ended years plainly.
        assert!(page.contains("2026年度（途中）"), "chart label of FY2026");
        assert!(!page.contains("2025年度（途中）"));
        // Members see the plan; they cannot record one.
        let member = app.signed_in(MEMBER).await;
        assert_eq!(member.get(&format!("/orgs/{org}/plan")).await.status(), 200);
        assert_eq!(
            member
                .post_form(&format!("/orgs/{org}/plan"), &[("measures", "x")])
                .await
                .status(),
            403
        );
    }
);
