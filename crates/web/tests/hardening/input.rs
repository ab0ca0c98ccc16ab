//! Input limits, small leaks, headers and cookies (issue 9, items 10, 14, 15).

use store::both_backends;
use tokio::io::AsyncWriteExt;

use crate::support::*;

/// Upload `attendance` and return the job page's HTML.
async fn preview_of(hr: &Client, org: i64, attendance: Vec<u8>) -> (String, String) {
    let res = hr
        .post_multipart(
            &format!("/orgs/{org}/kpi"),
            kpi_form(&[("attendance.csv", attendance)]),
        )
        .await;
    assert_eq!(res.status(), 303);
    let job_page = location(&res);
    let (status, html) = hr.get_text(&job_page).await;
    assert_eq!(status, 200);
    (job_page, html)
}

both_backends!(
    a_long_line_or_binary_upload_gets_a_clear_error,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let mut long = b"employee_id,date\nE001,2026-04-06\n".to_vec();
        long.extend(std::iter::repeat_n(b'x', 200 * 1024));
        long.extend(b"\nE001,2026-04-07\n");
        let (_, html) = preview_of(&hr, org, long).await;
        assert!(
            html.contains("attendance.csv 3行目") && html.contains("行が長すぎます"),
            "the long line is named: {html}"
        );
        assert!(!html.contains("id=\"confirm-form\""), "nothing to import");

        // A line far beyond the cap is refused while the upload streams in,
        // before the file is stored.
        let mut huge = b"employee_id,date\n".to_vec();
        huge.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
        let res = hr
            .post_multipart(
                &format!("/orgs/{org}/kpi"),
                kpi_form(&[("attendance.csv", huge)]),
            )
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(
            html.contains("attendance.csv 2行目") && html.contains("行が長すぎます"),
            "the upload is refused naming the line: {html}"
        );

        let (_, html) = preview_of(
            &hr,
            org,
            b"employee_id,date\nE001,2026\x00-04-06\n".to_vec(),
        )
        .await;
        assert!(
            html.contains("attendance.csv 2行目") && html.contains("NUL"),
            "a NUL byte is refused: {html}"
        );
        assert!(!html.contains("id=\"confirm-form\""));
    }
);

both_backends!(
    a_header_only_attendance_file_is_refused_at_preview_and_confirm,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let demo_import = app
            .store()
            .current_kpi_import(org, 2026)
            .await
            .unwrap()
            .map(|i| i.id);
        let (job_page, html) = preview_of(&hr, org, b"employee_id,date\n".to_vec()).await;
        assert!(
            html.contains("見出し行のほかのデータ行がありません"),
            "the preview says there are no rows: {html}"
        );
        assert!(!html.contains("id=\"confirm-form\""));
        // A forced confirm does not queue the job.
        let res = hr.post_form(&format!("{job_page}/confirm"), &[]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), job_page);
        let job_id: i64 = job_page.rsplit('/').next().unwrap().parse().unwrap();
        let job = app.store().import_job(job_id).await.unwrap();
        assert_eq!(job.status, "preview", "not queued");
        assert_eq!(
            app.store()
                .current_kpi_import(org, 2026)
                .await
                .unwrap()
                .map(|i| i.id),
            demo_import,
            "no empty import became the year's current one"
        );
    }
);

both_backends!(
    uploads_beyond_the_concurrency_limit_are_answered_busy,
    spawn_one_import_at_a_time,
    |app: TestApp| async move {
        let org = app.org_id("はまなすケミカル株式会社").await;
        let user = app.store().user_by_email(HR.0).await.unwrap().unwrap();
        let session = app.store().create_session(user.id, 3600).await.unwrap();
        // An upload whose body arrives slowly holds the one turn.
        let addr = app.address.trim_start_matches("http://").to_string();
        let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
        let head = format!(
            "POST /orgs/{org}/kpi?csrf_token={} HTTP/1.1\r\nHost: {addr}\r\n\
             Cookie: erabareru_session={}\r\n\
             Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: 100000\r\n\r\n\
             --XX\r\nContent-Disposition: form-data; name=\"attendance\"; filename=\"a.csv\"\r\n\r\n\
             employee_id,date\n",
            session.csrf_token, session.token
        );
        slow.write_all(head.as_bytes()).await.unwrap();
        slow.flush().await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let hr = app.signed_in(HR).await;
        let attendance = b"employee_id,date\nE001,2026-04-06\n".to_vec();
        let res = hr
            .post_multipart(
                &format!("/orgs/{org}/kpi"),
                kpi_form(&[("attendance.csv", attendance.clone())]),
            )
            .await;
        assert_eq!(res.status(), 503);
        assert!(res.headers().get("retry-after").is_some());
        let html = res.text().await.unwrap();
        assert!(
            html.contains("ただいま混み合っています"),
            "a friendly page: {html}"
        );
        // When the slow upload goes away, the turn is free again.
        drop(slow);
        let mut status = 0;
        for _ in 0..50 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            let res = hr
                .post_multipart(
                    &format!("/orgs/{org}/kpi"),
                    kpi_form(&[("attendance.csv", attendance.clone())]),
                )
                .await;
            status = res.status().as_u16();
            if status == 303 {
                break;
            }
        }
        assert_eq!(status, 303);
    }
);

async fn spawn_demo_with(backend: Backend, config: web::Config) -> TestApp {
    let app = spawn_with(backend, config).await;
    web::demo::load(app.store()).await.expect("demo data loads");
    app
}

async fn spawn_one_import_at_a_time(backend: Backend) -> TestApp {
    let config = web::Config {
        max_concurrent_imports: 1,
        ..test_config()
    };
    spawn_demo_with(backend, config).await
}

async fn spawn_secure(backend: Backend) -> TestApp {
    let config = web::Config {
        cookie_secure: true,
        ..test_config()
    };
    spawn_demo_with(backend, config).await
}

both_backends!(
    organization_pages_do_not_tell_existing_from_missing_ids,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        let missing = 999_999;
        let anonymous = app.client();
        let consultant = app.signed_in(CONSULTANT).await;
        let member = app.signed_in(MEMBER).await;
        for suffix in [
            "",
            "/edit",
            "/declare",
            "/figures",
            "/kpi",
            "/kpi/monthly.csv?fy=2026",
            "/kpi/report.xlsx?fy=2026",
            "/kpi/jobs/1",
            "/plan",
            "/disclosure",
            "/disclosure.csv?fy=2025",
            "/readiness",
        ] {
            let existing = format!("/orgs/{h}{suffix}");
            let absent = format!("/orgs/{missing}{suffix}");
            for path in [&existing, &absent] {
                let res = anonymous.get(path).await;
                assert_eq!(res.status(), 303, "signed out: {path}");
                assert!(location(&res).starts_with("/login?next="), "{path}");
                assert_eq!(
                    consultant.get(path).await.status(),
                    404,
                    "no access: {path}"
                );
            }
            assert_eq!(member.get(&absent).await.status(), 404, "{absent}");
        }
        // Who may see the organization may learn that an action is not theirs.
        assert_eq!(
            member.get(&format!("/orgs/{h}/declare")).await.status(),
            403
        );
        for path in [format!("/orgs/{h}/edit"), format!("/orgs/{missing}/edit")] {
            let res = consultant.post_form(&path, &[("name", "x")]).await;
            assert_eq!(res.status(), 404, "POST {path}");
        }
    }
);

both_backends!(
    private_responses_are_not_stored_and_public_ones_stay_cacheable,
    spawn_demo,
    |app: TestApp| async move {
        let h = app.org_id("はまなすケミカル株式会社").await;
        let anonymous = app.client();
        anonymous.get("/").await; // takes the CSRF cookie
        let res = anonymous.get("/declarations").await;
        assert!(res.headers().get("cache-control").is_none(), "public page");
        let hr = app.signed_in(HR).await;
        for path in [
            "/dashboard".to_string(),
            format!("/orgs/{h}"),
            format!("/orgs/{h}/kpi/monthly.csv?fy=2026"),
            format!("/orgs/{h}/disclosure.csv?fy=2025"),
            "/declarations".to_string(),
            "/no/such/page".to_string(),
        ] {
            let res = hr.get(&path).await;
            assert_eq!(
                res.headers()
                    .get("cache-control")
                    .map(|v| v.to_str().unwrap()),
                Some("no-store"),
                "{path}"
            );
        }
    }
);

/// The value of the `Set-Cookie` header for `name`, if any.
fn set_cookie_of(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie
        .split(';')
        .next()
        .and_then(|p| p.split_once('='))
        .map(|(_, v)| v.to_string())
        .unwrap_or_default()
}

both_backends!(
    secure_cookies_use_the_host_prefix_and_hsts,
    spawn_secure,
    |app: TestApp| async move {
        // No cookie jar: reqwest would not send Secure cookies over http.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let res = http.get(app.url("/login")).send().await.unwrap();
        assert_eq!(
            res.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains"
        );
        let csrf = set_cookie_of(&res, "__Host-erabareru_csrf").expect("a prefixed CSRF cookie");
        assert!(
            csrf.contains("; Secure") && csrf.contains("Path=/"),
            "{csrf}"
        );
        assert!(!csrf.to_ascii_lowercase().contains("domain="), "{csrf}");
        assert!(set_cookie_of(&res, "erabareru_csrf").is_none());
        let token = cookie_value(&csrf);
        let res = http
            .post(app.url("/login"))
            .header("cookie", format!("__Host-erabareru_csrf={token}"))
            .header("origin", app.address.replace("http://", "https://"))
            .form(&[
                ("email", HR.0),
                ("password", HR.1),
                ("next", "/dashboard"),
                ("csrf_token", token.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "signed in over a same-origin https form");
        let session = set_cookie_of(&res, "__Host-erabareru_session").expect("a prefixed session");
        assert!(
            session.contains("; Secure") && session.contains("Path=/"),
            "{session}"
        );
        let flash = set_cookie_of(&res, "__Host-erabareru_flash");
        assert!(flash.is_none() || flash.unwrap().contains("; Secure"));
        let session = cookie_value(&session);
        let res = http
            .get(app.url("/dashboard"))
            .header("cookie", format!("__Host-erabareru_session={session}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "the prefixed session is read");
        let res = http
            .get(app.url("/dashboard"))
            .header("cookie", format!("erabareru_session={session}"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            303,
            "an unprefixed one (a subdomain's) is not"
        );
        // An http Origin on an https site is another origin.
        let res = http
            .post(app.url("/login"))
            .header("cookie", format!("__Host-erabareru_csrf={token}"))
            .header("origin", app.address.clone())
            .form(&[
                ("email", HR.0),
                ("password", HR.1),
                ("csrf_token", token.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
    }
);

both_backends!(
    without_secure_cookies_there_is_no_hsts_and_an_https_origin_is_foreign,
    spawn_demo,
    |app: TestApp| async move {
        let c = app.client();
        let res = c.get("/login").await;
        assert!(res.headers().get("strict-transport-security").is_none());
        let token = c.csrf().await;
        let res = c
            .http
            .post(app.url("/login"))
            .header("origin", app.address.replace("http://", "https://"))
            .form(&[
                ("email", HR.0),
                ("password", HR.1),
                ("csrf_token", token.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "the scheme differs");
        let res = c
            .http
            .post(app.url("/login"))
            .header("origin", app.address.clone())
            .form(&[
                ("email", HR.0),
                ("password", HR.1),
                ("csrf_token", token.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "same scheme, host and port");
    }
);

both_backends!(
    feed_and_export_links_ignore_the_host_header,
    spawn_demo,
    |app: TestApp| async move {
        let http = reqwest::Client::new();
        for path in [
            "/declarations/feed.atom",
            "/declarations.csv",
            "/declarations.json",
        ] {
            let body = http
                .get(app.url(path))
                .header("host", "evil.example")
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(!body.contains("evil.example"), "{path}: {body}");
            assert!(
                body.contains(&app.address),
                "{path} links to the bind address"
            );
        }
    }
);

both_backends!(
    a_public_organizations_new_name_waits_for_review,
    spawn_demo,
    |app: TestApp| async move {
        let org_id = app.org_id("はまなすケミカル株式会社").await;
        let org = app.store().organization(org_id).await.unwrap();
        assert!(
            !app.store()
                .registry_entries_of_org(org_id)
                .await
                .unwrap()
                .is_empty(),
            "the demo organization is public"
        );
        let hr = app.signed_in(HR).await;
        let corporate_number = org.corporate_number.clone().unwrap_or_default();
        let industry = org.industry.clone().unwrap_or_default();
        let band = org.employee_band.clone().unwrap_or_default();
        let res = hr
            .post_form(
                &format!("/orgs/{org_id}/edit"),
                &[
                    ("name", "改名ケミカル株式会社"),
                    ("kana", org.kana.as_str()),
                    ("corporate_number", corporate_number.as_str()),
                    ("industry", industry.as_str()),
                    ("employee_band", band.as_str()),
                    ("address", org.address.as_str()),
                    ("website", org.website.as_str()),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let public = app.client();
        let public_page = format!("/declarers/{org_id}");
        let (_, html) = public.get_text(&public_page).await;
        assert!(html.contains("はまなすケミカル株式会社") && !html.contains("改名ケミカル"));
        let (_, csv) = public.get_text("/declarations.csv").await;
        assert!(csv.contains("はまなすケミカル株式会社") && !csv.contains("改名ケミカル"));
        let (_, workspace) = hr.get_text(&format!("/orgs/{org_id}")).await;
        assert!(
            workspace.contains("変更は審査中です") && workspace.contains("改名ケミカル株式会社"),
            "the admin sees the pending values"
        );

        let staff = app.signed_in(STAFF).await;
        let (_, queue) = staff.get_text("/review").await;
        assert!(
            queue.contains("改名ケミカル株式会社"),
            "in the review queue"
        );
        let change = app
            .store()
            .pending_org_change(org_id)
            .await
            .unwrap()
            .expect("a pending change");
        let res = staff
            .post_form(
                &format!("/review/changes/{}", change.id),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(res.status(), 303);
        let (_, html) = public.get_text(&public_page).await;
        assert!(
            html.contains("改名ケミカル株式会社"),
            "public after approval"
        );
        let (_, csv) = public.get_text("/declarations.csv").await;
        assert!(csv.contains("改名ケミカル株式会社"));

        let entries = app.store().audit_entries(50, 0).await.unwrap();
        let of_change: Vec<(&str, &str)> = entries
            .iter()
            .filter(|e| e.entity == "organization_change")
            .map(|e| (e.action.as_str(), e.detail.as_str()))
            .collect();
        for action in ["propose", "approved"] {
            assert!(
                of_change.iter().any(|(a, d)| *a == action
                    && d.contains("はまなすケミカル株式会社")
                    && d.contains("改名ケミカル株式会社")),
                "{action} audited with old and new: {of_change:?}"
            );
        }
    }
);
