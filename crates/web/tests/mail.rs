//! Outgoing mail through a real SMTP server: aiosmtpd on a loopback port
//! (tests/support/smtp_sink.py), started by each test, on SQLite and PostgreSQL.
//! An invitation and a password reset made through the HTTP routes arrive in the
//! inviter's language with text and HTML parts and the working link; a message to
//! a server that is down is retried and ends failed, with its error, on the
//! outbox page; without SMTP the message waits in the outbox.
//!
//! Needs python3 with aiosmtpd (`scripts/test` installs it). Without it the tests
//! fail; they never skip.

mod support;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use store::both_backends;
use store::mail::MailState;
use support::*;
use web::mail::{MailSettings, SmtpUrl};

const HAMANASU: &str = "はまなすケミカル株式会社";

/// aiosmtpd listening on 127.0.0.1, writing what it receives to a folder.
struct SmtpSink {
    child: Child,
    dir: PathBuf,
    port: u16,
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
        let dir = std::env::temp_dir().join(format!(
            "erabareru_smtp_{}_{}",
            std::process::id(),
            uuid_like()
        ));
        let mut child = Command::new("python3")
            .arg(&script)
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "the mail tests need python3 with aiosmtpd (pip install aiosmtpd, or apt-get install python3-aiosmtpd; scripts/test installs it): {e}"
                )
            });
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse::<u16>().ok())
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!(
                    "the SMTP sink did not start ({:?}): the mail tests need python3 with aiosmtpd (pip install aiosmtpd; scripts/test installs it)",
                    line.trim()
                )
            });
        SmtpSink { child, dir, port }
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages received so far, in order.
    fn received(&self) -> Vec<Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Wait (up to 20 s) until `n` messages have arrived.
    async fn wait_for(&self, n: usize) -> Vec<Value> {
        for _ in 0..200 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "expected {n} messages at the SMTP server, got {}",
            self.received().len()
        );
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn uuid_like() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(Instant::now().elapsed().as_nanos());
    format!("{:016x}", h.finish())
}

/// Mail settings for tests: quick polling and retries, three tries.
fn mail_config(smtp: Option<String>) -> web::Config {
    web::Config {
        mail: MailSettings {
            smtp: smtp.map(|u| SmtpUrl::parse(&u).expect("test SMTP URL")),
            max_attempts: 3,
            retry_base: Duration::from_secs(1),
            retry_cap: Duration::from_secs(2),
            poll: Duration::from_millis(100),
            lease: Duration::from_secs(30),
            timeout: Duration::from_secs(5),
            ..MailSettings::default()
        },
        ..test_config()
    }
}

async fn demo_with(backend: Backend, config: web::Config) -> TestApp {
    let app = spawn_with(backend, config).await;
    web::demo::load(app.store()).await.expect("demo data loads");
    app
}

/// The one-time link a page shows.
fn shown_link(html: &str) -> String {
    let marker = "id=\"invite-link-url\" type=\"text\" readonly value=\"";
    let start = html.find(marker).expect("the page shows the link") + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_string()
}

fn part<'a>(msg: &'a Value, content_type: &str) -> &'a str {
    msg["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["content_type"] == content_type)
        .unwrap_or_else(|| panic!("no {content_type} part in {msg}"))["text"]
        .as_str()
        .unwrap()
}

async fn invite(app: &TestApp, admin: &Client, email: &str, name: &str) -> String {
    let org = app.org_id(HAMANASU).await.to_string();
    let res = admin
        .post_form(
            "/admin/users",
            &[
                ("email", email),
                ("display_name", name),
                ("role", "org_member"),
                ("org", &org),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

struct WithSink {
    app: TestApp,
    sink: SmtpSink,
}

async fn with_sink(backend: Backend) -> WithSink {
    let sink = SmtpSink::start();
    let app = demo_with(backend, mail_config(Some(sink.url()))).await;
    WithSink { app, sink }
}

both_backends!(
    invitations_and_resets_arrive_by_smtp,
    with_sink,
    |env: WithSink| async move {
        let WithSink { app, sink } = env;
        let admin = app.signed_in(ADMIN).await;
        let page = invite(&app, &admin, "arai@example.jp", "新井 花子").await;
        assert!(
            page.contains("id=\"link-mailed\""),
            "the page says the link goes by mail"
        );
        let link = shown_link(&page);
        assert!(link.starts_with(&app.address), "{link}");

        let got = sink.wait_for(1).await;
        let m = &got[0];
        assert_eq!(m["rcpt_tos"], serde_json::json!(["arai@example.jp"]));
        assert_eq!(m["to"], "arai@example.jp");
        assert_eq!(m["mail_from"], "noreply@localhost");
        assert_eq!(m["subject"], "erabareru（選ばれる）へのご招待");
        assert_eq!(m["content_language"], "ja");
        assert_eq!(m["content_type"], "multipart/alternative");
        assert!(m["message_id"].is_string() && m["date"].is_string(), "{m}");
        let text = part(m, "text/plain");
        assert!(text.contains("新井 花子 様"), "{text}");
        assert!(
            text.contains("団体のメンバー") || text.contains("メンバー"),
            "{text}"
        );
        assert!(text.contains(&link), "{text}");
        let html = part(m, "text/html");
        assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
        assert!(html.contains("lang=\"ja\""));
        // The link in the mail works.
        let (status, body) = app.client().get_text(&link[app.address.len()..]).await;
        assert_eq!(status, 200, "{body}");

        // The outbox shows it sent. The sink hears the message before the
        // worker writes the sent state, so wait for that write.
        let page = outbox_sent(&app, 1).await;
        assert_eq!(page.total, 1);
        assert_eq!(page.mails[0].attempts, 1);
        assert!(page.mails[0].sent_at.is_some());
        let (status, outbox) = admin.get_text("/admin/mail?state=sent").await;
        assert_eq!(status, 200);
        assert!(outbox.contains("arai@example.jp") && outbox.contains("data-state=\"sent\""));

        // A reset issued by an admin reading English goes out in English.
        let res = admin
            .post_form("/lang", &[("lang", "en"), ("next", "/")])
            .await;
        assert_eq!(res.status(), 303);
        let member = app.store().user_by_email(MEMBER.0).await.unwrap().unwrap();
        let res = admin
            .post_form(&format!("/admin/users/{}/reset", member.id), &[])
            .await;
        assert_eq!(res.status(), 200);
        let reset_link = shown_link(&res.text().await.unwrap());
        let got = sink.wait_for(2).await;
        let m = &got[1];
        assert_eq!(m["rcpt_tos"], serde_json::json!([MEMBER.0]));
        assert_eq!(m["subject"], "Reset your erabareru password");
        assert_eq!(m["content_language"], "en");
        let text = part(m, "text/plain");
        assert!(text.contains(&reset_link), "{text}");
        assert!(text.contains("Japan time"), "{text}");
        assert!(part(m, "text/html").contains(&format!("href=\"{reset_link}\"")));
        assert_eq!(outbox_sent(&app, 2).await.total, 2);
    }
);

/// The outbox's sent page once it counts `n` sent messages, or as it stands
/// after five seconds.
async fn outbox_sent(app: &TestApp, n: i64) -> store::mail::OutboxPage {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let page = app
            .store()
            .list_outbox(Some(MailState::Sent), 1, 10)
            .await
            .unwrap();
        if page.total >= n || Instant::now() > deadline {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

struct DeadServer {
    app: TestApp,
}

async fn with_dead_server(backend: Backend) -> DeadServer {
    // A port nobody listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = demo_with(
        backend,
        mail_config(Some(format!("smtp://127.0.0.1:{port}"))),
    )
    .await;
    DeadServer { app }
}

both_backends!(
    a_server_that_is_down_is_retried_then_the_mail_fails,
    with_dead_server,
    |env: DeadServer| async move {
        let app = env.app;
        let admin = app.signed_in(ADMIN).await;
        let started = Instant::now();
        invite(&app, &admin, "nobody@example.jp", "届かない").await;
        let mut mail = None;
        for _ in 0..300 {
            let page = app.store().list_outbox(None, 1, 10).await.unwrap();
            if let Some(m) = page
                .mails
                .into_iter()
                .find(|m| m.recipient == "nobody@example.jp")
                && m.state == MailState::Failed
            {
                mail = Some(m);
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mail = mail.expect("the message ends failed");
        assert_eq!(mail.attempts, 3, "three tries, then no more");
        assert!(mail.sent_at.is_none());
        assert!(
            mail.last_error.to_lowercase().contains("refused"),
            "{}",
            mail.last_error
        );
        // Backoff: 1 s, then 2 s between the tries (timestamps have whole seconds).
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        // Nothing more is tried.
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(app.store().mail(mail.id).await.unwrap().attempts, 3);

        let (status, outbox) = admin.get_text("/admin/mail?state=failed").await;
        assert_eq!(status, 200);
        assert!(outbox.contains("nobody@example.jp"));
        assert!(outbox.contains("data-state=\"failed\""));
        assert!(outbox.contains("3 / 3"));
        assert!(
            outbox.to_lowercase().contains("refused"),
            "the error is shown"
        );
        let (status, view) = admin.get_text(&format!("/admin/mail/{}", mail.id)).await;
        assert_eq!(status, 200);
        assert!(view.contains("id=\"mail-last-error\""));
        // Filtered to sent: not listed.
        let (_, sent) = admin.get_text("/admin/mail?state=sent").await;
        assert!(!sent.contains("nobody@example.jp"));
    }
);

async fn without_smtp(backend: Backend) -> TestApp {
    demo_with(backend, mail_config(None)).await
}

both_backends!(
    without_smtp_the_message_waits_in_the_outbox,
    without_smtp,
    |app: TestApp| async move {
        let admin = app.signed_in(ADMIN).await;
        let page = invite(&app, &admin, "waiting@example.jp", "待機").await;
        assert!(!page.contains("id=\"link-mailed\""), "no mail is promised");
        let link = shown_link(&page);

        // Region staff invite from the organization's page: queued as well.
        let staff = app.signed_in(STAFF).await;
        let org = app.org_id(HAMANASU).await;
        let res = staff
            .post_form(
                &format!("/orgs/{org}/invite"),
                &[
                    ("email", "hr2@example.jp"),
                    ("display_name", "人事 二郎"),
                    ("role", "org_admin"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200);

        tokio::time::sleep(Duration::from_millis(400)).await;
        let queued = app
            .store()
            .list_outbox(Some(MailState::Queued), 1, 10)
            .await
            .unwrap();
        assert_eq!(queued.total, 2, "both wait, neither is tried");
        assert!(queued.mails.iter().all(|m| m.attempts == 0));
        let m = queued
            .mails
            .iter()
            .find(|m| m.recipient == "waiting@example.jp")
            .unwrap();
        assert!(m.body_text.contains(&link));
        assert_eq!(m.language, "ja");

        let (status, outbox) = admin.get_text("/admin/mail").await;
        assert_eq!(status, 200);
        assert!(outbox.contains("id=\"mail-no-smtp\""));
        assert!(outbox.contains("waiting@example.jp") && outbox.contains("hr2@example.jp"));
        assert!(outbox.contains("data-state=\"queued\""));
        let (status, view) = admin.get_text(&format!("/admin/mail/{}", m.id)).await;
        assert_eq!(status, 200);
        assert!(
            view.contains(&link),
            "the admin can read and pass on the link"
        );
        let (status, _) = admin.get_text("/admin/mail/999999").await;
        assert_eq!(status, 404);
        // Only platform admins read the outbox.
        let (status, _) = staff.get_text("/admin/mail").await;
        assert_eq!(status, 403);
    }
);
