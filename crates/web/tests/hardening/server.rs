//! The server under hostile or unlucky conditions: slow clients, a worker that died
//! with a job, control characters in every kind of text input.

use std::time::{Duration, Instant};

use store::both_backends;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::*;

/// Timeouts short enough for a test.
fn quick_config() -> web::Config {
    web::Config {
        header_read_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(3),
        worker: web::kpi::worker::WorkerSettings {
            lease: Duration::from_secs(2),
            poll: Duration::from_millis(200),
        },
        ..test_config()
    }
}

async fn spawn_quick(backend: Backend) -> TestApp {
    let app = spawn_with(backend, quick_config()).await;
    web::demo::load(app.store()).await.expect("demo data loads");
    app
}

/// Write `sent`, then read until the server closes the connection; what it
/// answered and how long it took. Panics after `limit`.
async fn until_closed(app: &TestApp, sent: &[u8], limit: Duration) -> (String, Duration) {
    let addr = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let start = Instant::now();
    stream.write_all(sent).await.unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at((start + limit).into(), stream.read(&mut buf)).await {
            Err(_) => panic!(
                "still connected after {limit:?}; answered so far: {}",
                String::from_utf8_lossy(&answer)
            ),
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
        }
    }
    (
        String::from_utf8_lossy(&answer).into_owned(),
        start.elapsed(),
    )
}

both_backends!(
    slow_clients_are_disconnected,
    spawn_quick,
    |app: TestApp| async move {
        // Half the headers, then nothing: closed after the header timeout (1 s).
        let (_, took) = until_closed(
            &app,
            b"GET /declarations HTTP/1.1\r\nHost: x\r\nAccept: text/h",
            Duration::from_secs(5),
        )
        .await;
        assert!(took >= Duration::from_millis(900), "{took:?}");
        // An idle keep-alive connection goes the same way.
        let (answer, took) = until_closed(
            &app,
            b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
            Duration::from_secs(5),
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(took >= Duration::from_millis(900), "{took:?}");

        // Half a body, then nothing: refused and closed after the body timeout.
        let (answer, took) = until_closed(
            &app,
            b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=a%40b.jp&pass",
            Duration::from_secs(5),
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
        assert!(took >= Duration::from_millis(900), "{took:?}");

        // A body trickling in just fast enough for the body timeout still meets
        // the request timeout (3 s).
        let addr = app.address.trim_start_matches("http://").to_string();
        let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
        let start = Instant::now();
        stream
            .write_all(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
            .await
            .unwrap();
        let mut answer = Vec::new();
        let mut buf = [0u8; 4096];
        while start.elapsed() < Duration::from_secs(8) {
            if stream.write_all(b"a").await.is_err() {
                break;
            }
            match tokio::time::timeout(Duration::from_millis(500), stream.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => break,
                Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
                Err(_) => {}
            }
        }
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        let took = start.elapsed();
        assert!(
            took >= Duration::from_millis(2900) && took < Duration::from_secs(6),
            "{took:?}"
        );
    }
);

both_backends!(
    shutdown_ends_within_the_grace_period_despite_a_slow_client,
    spawn_app,
    |app: TestApp| async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let config = web::Config {
            header_read_timeout: Duration::from_secs(60),
            body_timeout: Duration::from_secs(60),
            request_timeout: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(1),
            ..test_config()
        };
        let state = web::AppState::new(app.store().clone(), config);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(web::serve(listener, state, async {
            let _ = rx.await;
        }));
        let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
        slow.write_all(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let start = Instant::now();
        tx.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(5), server)
            .await
            .expect("serve returns after the grace period")
            .unwrap()
            .unwrap();
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
    }
);

/// Upload `attendance` as a job in preview; its id.
async fn previewed_job(app: &TestApp, hr: &Client, org: i64, attendance: &str) -> i64 {
    let res = hr
        .post_multipart(
            &format!("/orgs/{org}/kpi"),
            kpi_form(&[("attendance.csv", attendance.as_bytes().to_vec())]),
        )
        .await;
    assert_eq!(res.status(), 303);
    let _ = app;
    location(&res).rsplit('/').next().unwrap().parse().unwrap()
}

/// Leave a job as a worker that died mid-run leaves it: running, under a lease
/// that runs out in `seconds`.
async fn left_running_by_dead_worker(app: &TestApp, job: i64, seconds: i64) {
    sqlx::query(
        "UPDATE import_jobs SET status = 'running', worker_id = 'dead-worker', lease_until = $1,
            attempts = 1, started_at = $2 WHERE id = $3",
    )
    .bind(store::now_plus_seconds(seconds))
    .bind(store::now())
    .bind(job)
    .execute(app.store().pool())
    .await
    .unwrap();
}

const GOOD_ATTENDANCE: &str =
    "employee_id,date,start,end,break_minutes\nE001,2026-04-06,9:00,20:00,60\n";

both_backends!(
    a_job_left_by_a_dead_worker_is_finished_or_cancelled,
    spawn_quick,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        // The worker died: once its lease ran out, this server's worker takes the
        // job over and finishes it.
        let job = previewed_job(&app, &hr, org, GOOD_ATTENDANCE).await;
        let start = Instant::now();
        left_running_by_dead_worker(&app, job, 1).await;
        let done = wait_for_job(&app, job).await;
        assert_eq!(done.status, "done", "{}", done.error_en);
        assert_eq!(done.attempts, 2);
        assert!(
            start.elapsed() < Duration::from_secs(6),
            "{:?}",
            start.elapsed()
        );
        assert!(
            app.store()
                .current_kpi_import(org, 2026)
                .await
                .unwrap()
                .is_some()
        );

        // Cancelling a job whose worker died is accepted (not 409): at once when the
        // lease ran out, otherwise as soon as the job is taken over.
        let stuck = previewed_job(&app, &hr, org, GOOD_ATTENDANCE).await;
        left_running_by_dead_worker(&app, stuck, -5).await;
        let res = hr
            .post_form(&format!("/orgs/{org}/kpi/jobs/{stuck}/cancel"), &[])
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(
            app.store().import_job(stuck).await.unwrap().status,
            "cancelled"
        );

        let stuck = previewed_job(&app, &hr, org, GOOD_ATTENDANCE).await;
        left_running_by_dead_worker(&app, stuck, 2).await;
        let res = hr
            .post_form(&format!("/orgs/{org}/kpi/jobs/{stuck}/cancel"), &[])
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), format!("/orgs/{org}/kpi/jobs/{stuck}"));
        let (_, page) = hr.get_text(&location(&res)).await;
        assert!(page.contains("id=\"cancel-requested\""), "{page}");
        let ended = wait_for_job(&app, stuck).await;
        assert_eq!(ended.status, "cancelled");
        assert!(
            app.store()
                .import_job_files(stuck)
                .await
                .unwrap()
                .is_empty()
        );
    }
);

fn refused_for_control_characters(status: u16, html: &str) {
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("制御文字"), "the page says why: {html}");
}

both_backends!(
    control_characters_are_refused_in_every_text_input,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let nul = "前半\0後半";
        for (path, fields) in [
            (
                format!("/orgs/{org}/plan"),
                vec![
                    ("starts_on", "2026-04-01"),
                    ("ends_on", "2028-03-31"),
                    ("measures", nul),
                ],
            ),
            (
                format!("/orgs/{org}/edit"),
                vec![("name", "はまなすケミカル株式会社"), ("address", nul)],
            ),
            (format!("/orgs/{org}/readiness/facts"), vec![("note", nul)]),
        ] {
            let res = hr.post_form(&path, &fields).await;
            let status = res.status().as_u16();
            refused_for_control_characters(status, &res.text().await.unwrap());
        }
        // Signed out: the e-mail of the sign-in form.
        let visitor = app.client();
        let res = visitor.login("hr\0@demo.example.jp", "x").await;
        let status = res.status().as_u16();
        refused_for_control_characters(status, &res.text().await.unwrap());
        // Query strings and paths.
        for path in [
            "/declarations?q=%00",
            "/declarations/x%00y",
            "/login?next=%1B",
        ] {
            let (status, html) = visitor.get_text(path).await;
            refused_for_control_characters(status, &html);
        }
        // Multipart text fields.
        let form = reqwest::multipart::Form::new()
            .text("declaration_id", "1")
            .text("declared_on", "2026-04-01")
            .text("representative_name", nul)
            .text("representative_title", "代表")
            .text("message", "m");
        let res = hr
            .post_multipart(&format!("/orgs/{org}/declare"), form)
            .await;
        let status = res.status().as_u16();
        refused_for_control_characters(status, &res.text().await.unwrap());
        // Tabs and line breaks in a text area are text, not control characters.
        let res = hr
            .post_form(
                &format!("/orgs/{org}/plan"),
                &[
                    ("starts_on", "2026-04-01"),
                    ("ends_on", "2028-03-31"),
                    ("measures", "一行目\r\n\t二行目"),
                ],
            )
            .await;
        assert_ne!(res.status(), 400);
        assert!(res.status().as_u16() < 500);
    }
);

both_backends!(
    a_kpi_file_with_nul_ends_as_a_failed_job_with_a_readable_message,
    spawn_demo,
    |app: TestApp| async move {
        let hr = app.signed_in(HR).await;
        let org = app.org_id("はまなすケミカル株式会社").await;
        let job = previewed_job(
            &app,
            &hr,
            org,
            "employee_id,date,start,end,break_minutes\nE001,2026-04-\0\0,9:00,20:00,60\n",
        )
        .await;
        // Confirm refuses it (the preview shows the error); queued anyway, as a job
        // of an older server might be, the worker must end it.
        hr.post_form(&format!("/orgs/{org}/kpi/jobs/{job}/confirm"), &[])
            .await;
        app.store()
            .transition_import_job(job, "preview", "queued")
            .await
            .unwrap();
        let failed = wait_for_job(&app, job).await;
        assert_eq!(failed.status, "failed");
        assert!(!failed.error_ja.is_empty() && !failed.error_en.is_empty());
        assert!(!failed.error_ja.contains('\0') && !failed.error_en.contains('\0'));
        let (status, page) = hr.get_text(&format!("/orgs/{org}/kpi/jobs/{job}")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&failed.error_ja), "{page}");
    }
);
