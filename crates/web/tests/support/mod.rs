//! Boot the real application on a random port against a fresh database, on
//! SQLite or PostgreSQL, and talk to it like a browser would (cookies, CSRF tokens).
#![allow(dead_code)]

use std::net::SocketAddr;

pub use store::Backend;
use store::testing::TestDb;

/// The demo accounts (crates/web/src/demo/soma.toml).
pub const ADMIN: (&str, &str) = ("admin@demo.example.jp", "demo-admin-2026");
pub const STAFF: (&str, &str) = ("staff@demo.example.jp", "demo-staff-2026");
pub const HR: (&str, &str) = ("hr@demo.example.jp", "demo-hr-admin-2026");
pub const MEMBER: (&str, &str) = ("member@demo.example.jp", "demo-member-2026");
pub const CONSULTANT: (&str, &str) = ("consultant@demo.example.jp", "demo-consult-2026");

pub struct TestApp {
    pub address: String,
    pub db: TestDb,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl TestApp {
    pub fn store(&self) -> &store::Store {
        &self.db.store
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A new browser-like client (own cookie jar, redirects not followed).
    pub fn client(&self) -> Client {
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            base: self.address.clone(),
        }
    }

    /// A client signed in as `account`.
    pub async fn signed_in(&self, account: (&str, &str)) -> Client {
        let c = self.client();
        let res = c.login(account.0, account.1).await;
        assert_eq!(res.status(), 303, "sign-in as {} failed", account.0);
        c
    }

    /// Id of the organization named `name`.
    pub async fn org_id(&self, name: &str) -> i64 {
        self.store()
            .list_organizations()
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("no organization {name}"))
            .id
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(h) = self.server.take() {
            h.abort();
        }
    }
}

/// The queued mails of `kind`, newest first (the outbox's first 100).
#[allow(dead_code)] // not every test binary reads the outbox
pub async fn mails_of(app: &TestApp, kind: store::mail::MailKind) -> Vec<store::mail::Mail> {
    app.store()
        .list_outbox(None, 1, 100)
        .await
        .unwrap()
        .mails
        .into_iter()
        .filter(|m| m.kind == kind)
        .collect()
}

/// Start the app on an empty, migrated database.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_with(backend, test_config()).await
}

/// The default configuration, except that every test client comes from 127.0.0.1:
/// the flood limiter gets a high ceiling (its own test uses a low one).
pub fn test_config() -> web::Config {
    web::Config {
        post_rate_per_minute: 100_000,
        // Registrations are sent at once by the tests; the time check has its own.
        registration_min_seconds: 0,
        // Every client is 127.0.0.1; the events test checks the limit itself.
        registration_rate_per_hour: 10_000,
        // The API test checks its limit with a low one.
        api_rate_per_minute: 100_000,
        // Tests read what they just wrote, signed out too; the staleness has
        // its own test.
        portal_staleness: std::time::Duration::ZERO,
        ..web::Config::default()
    }
}

/// Start the app with the demo data set loaded.
pub async fn spawn_demo(backend: Backend) -> TestApp {
    let app = spawn_app(backend).await;
    web::demo::load(app.store()).await.expect("demo data loads");
    app
}

/// The day every test takes as today: a year in progress (FY2026 up to
/// November) with two ended years before it, whatever day the suite runs.
pub fn test_today() -> jiff::civil::Date {
    jiff::civil::date(2026, 12, 1)
}

pub async fn spawn_with(backend: Backend, config: web::Config) -> TestApp {
    // The server's errors (an internal error's cause) go to the test's output,
    // which the runner shows when the test fails; RUST_LOG widens it.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("error")),
        )
        .with_test_writer()
        .try_init();
    web::clock::fix_today(test_today()).expect("every test takes the same day as today");
    let db = TestDb::new(backend).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a random port");
    let addr: SocketAddr = listener.local_addr().unwrap();
    let state = web::AppState::new(db.store.clone(), config);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let _ = web::serve(listener, state, async {
            let _ = rx.await;
        })
        .await;
    });
    TestApp {
        address: format!("http://{addr}"),
        db,
        shutdown: Some(tx),
        server: Some(server),
    }
}

#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

/// The value of the first hidden `csrf_token` field in a page.
pub fn csrf_from(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("page has a CSRF token") + marker.len();
    html[start..start + 64].to_string()
}

impl Client {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET")
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (status, res.text().await.unwrap())
    }

    /// The CSRF token this client's forms carry.
    pub async fn csrf(&self) -> String {
        let (_, html) = self.get_text("/login?next=/").await;
        if html.contains("name=\"csrf_token\"") {
            return csrf_from(&html);
        }
        let (_, html) = self.get_text("/declarations").await;
        csrf_from(&html)
    }

    /// POST a form with this client's CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.http
            .post(format!("{}{path}", self.base))
            .form(&all)
            .send()
            .await
            .expect("POST")
    }

    /// POST a multipart form; the CSRF token goes in the query string, as the page does.
    pub async fn post_multipart(
        &self,
        path: &str,
        form: reqwest::multipart::Form,
    ) -> reqwest::Response {
        let token = self.csrf().await;
        let sep = if path.contains('?') { '&' } else { '?' };
        self.http
            .post(format!("{}{path}{sep}csrf_token={token}", self.base))
            .multipart(form)
            .send()
            .await
            .expect("POST multipart")
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/login",
            &[
                ("email", email),
                ("password", password),
                ("next", "/dashboard"),
            ],
        )
        .await
    }
}

pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// The upload form: each canonical file goes in its own field (`attendance.csv` →
/// `attendance`); the layout is guessed from the attendance header.
pub fn kpi_form(files: &[(&str, Vec<u8>)]) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new()
        .text("fiscal_year", "2026")
        .text("profile", "auto");
    for (name, bytes) in files {
        form = form.part(
            name.trim_end_matches(".csv").to_string(),
            reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()),
        );
    }
    form
}

/// Wait (up to 20 s) until the background worker has finished a job.
pub async fn wait_for_job(app: &TestApp, job_id: i64) -> store::jobs::ImportJob {
    for _ in 0..200 {
        let job = app.store().import_job(job_id).await.unwrap();
        if job.is_finished() {
            return job;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the import job did not finish");
}

/// Upload files, check the preview, confirm, and wait for the background worker.
pub async fn import_files(
    app: &TestApp,
    client: &Client,
    org: i64,
    files: &[(&str, Vec<u8>)],
) -> store::jobs::ImportJob {
    let res = client
        .post_multipart(&format!("/orgs/{org}/kpi"), kpi_form(files))
        .await;
    assert_eq!(res.status(), 303);
    let job_page = location(&res);
    assert!(
        job_page.starts_with(&format!("/orgs/{org}/kpi/jobs/")),
        "{job_page}"
    );
    let job_id: i64 = job_page.rsplit('/').next().unwrap().parse().unwrap();
    let (status, preview) = client.get_text(&job_page).await;
    assert_eq!(status, 200);
    assert!(
        preview.contains("id=\"confirm-form\""),
        "a clean preview can be confirmed"
    );
    let res = client.post_form(&format!("{job_page}/confirm"), &[]).await;
    assert_eq!(res.status(), 303);
    let job = wait_for_job(app, job_id).await;
    assert_eq!(job.status, "done", "{} {}", job.error_en, job.error_ja);
    job
}
