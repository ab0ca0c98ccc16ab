//! Browser-test harness: headless Chromium driven through chromedriver (fantoccini),
//! plus an axe-core accessibility check (WCAG 2.1 A/AA) for every page a test opens.
//!
//! Included from `tests/browser.rs` as `mod harness;` (this file lives at
//! `tests/browser/harness.rs`).
//!
//! Environment (set by `scripts/test`):
//! - `ERABARERU_CHROMEDRIVER` — chromedriver binary (default `/usr/bin/chromedriver`)
//! - `ERABARERU_CHROMIUM` — Chromium binary (default `/usr/bin/chromium`)
//!
//! A missing chromedriver or Chromium is an error: browser tests fail, they never skip.
#![allow(dead_code)]

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

/// axe-core 4.14.1 (MPL-2.0), test-only; see `tests/assets/axe.LICENSE`.
const AXE_SOURCE: &str = include_str!("../assets/axe.min.js");

/// The WCAG tags every page must pass.
pub const AXE_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";
const DRIVER_STARTUP_TIMEOUT: Duration = Duration::from_secs(20);

static BROWSER_COUNTER: AtomicU32 = AtomicU32::new(0);

/// A headless Chromium session with its own chromedriver process and profile directory.
///
/// Prefer `browser.close().await` at the end of a test (it ends the WebDriver session
/// cleanly); dropping a `Browser` kills chromedriver and the browser processes it started.
pub struct Browser {
    pub client: Client,
    driver: Driver,
}

/// chromedriver (and the Chromium processes in its process group) plus the profile
/// directory; dropping it — also while unwinding from a panic during start-up — ends the
/// processes and removes the directory.
struct Driver {
    child: Child,
    profile_dir: PathBuf,
}

impl Driver {
    fn log(&self) -> String {
        let log =
            std::fs::read_to_string(self.profile_dir.join("chromedriver.log")).unwrap_or_default();
        tail(&log, 40)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        kill_group(&mut self.child);
        let _ = std::fs::remove_dir_all(&self.profile_dir);
    }
}

impl Browser {
    /// Start chromedriver on a free loopback port and open a headless Chromium session
    /// (1280×900 window, fresh profile).
    pub async fn start() -> Result<Browser> {
        let chromedriver = env_or("ERABARERU_CHROMEDRIVER", DEFAULT_CHROMEDRIVER);
        let chromium = env_or("ERABARERU_CHROMIUM", DEFAULT_CHROMIUM);
        if !Path::new(&chromedriver).exists() {
            bail!(
                "chromedriver not found at {chromedriver} (set ERABARERU_CHROMEDRIVER, or run \
                 scripts/test, which installs chromium and chromium-driver)"
            );
        }
        if !Path::new(&chromium).exists() {
            bail!(
                "Chromium not found at {chromium} (set ERABARERU_CHROMIUM, or run scripts/test, \
                 which installs chromium)"
            );
        }

        let n = BROWSER_COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let profile_dir = std::env::temp_dir().join(format!(
            "erabareru-browser-{}-{n}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&profile_dir)
            .with_context(|| format!("creating {}", profile_dir.display()))?;
        let user_data_dir = profile_dir.join("profile");
        let driver_log = profile_dir.join("chromedriver.log");

        let port = free_port()?;
        let mut command = Command::new(&chromedriver);
        command
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", driver_log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // Own process group, so Drop can end chromedriver and every Chromium process it
        // started in one signal.
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        let child = match command.spawn() {
            Ok(child) => child,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&profile_dir);
                return Err(anyhow::Error::new(e)
                    .context(format!("starting chromedriver ({chromedriver})")));
            }
        };
        let mut driver = Driver { child, profile_dir };

        if let Err(e) = wait_for_port(&mut driver.child, port, DRIVER_STARTUP_TIMEOUT).await {
            return Err(e.context(format!("chromedriver log:\n{}", driver.log())));
        }

        let capabilities = json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": { "script": 60_000, "pageLoad": 30_000, "implicit": 0 },
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--disable-default-apps",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--password-store=basic",
                    "--lang=ja",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", user_data_dir.display()),
                ],
                "prefs": { "intl.accept_languages": "ja,en" }
            }
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("capabilities is a JSON object");
        };

        let connected = async {
            ClientBuilder::rustls()
                .context("building the WebDriver HTTP client")?
                .capabilities(capabilities)
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
                .context("opening a Chromium session through chromedriver")
        }
        .await;

        match connected {
            Ok(client) => Ok(Browser { client, driver }),
            Err(e) => Err(e.context(format!("chromedriver log:\n{}", driver.log()))),
        }
    }

    /// Navigate to `url` and fail unless the page passes axe (WCAG 2.1 A/AA).
    pub async fn goto_accessible(&self, url: &str) -> Result<()> {
        self.client
            .goto(url)
            .await
            .with_context(|| format!("opening {url}"))?;
        assert_accessible(&self.client, url).await
    }

    /// End the WebDriver session (closes Chromium), then stop chromedriver.
    pub async fn close(self) -> Result<()> {
        // Dropping `self.driver` afterwards cleans up the process group and profile.
        self.client
            .clone()
            .close()
            .await
            .context("closing the WebDriver session")
    }
}

/// Run axe-core on the current page of `client` with the WCAG 2.0/2.1 A and AA rules and
/// fail, listing every violation, when there is any. `page` names the page in the message
/// (a path or URL). On failure a screenshot and the HTML are written next to the test
/// binary's temp dir (see the error message).
pub async fn assert_accessible(client: &Client, page: &str) -> Result<()> {
    let loaded = client
        .execute(
            "return typeof window.axe === 'object' && !!window.axe.run;",
            vec![],
        )
        .await
        .context("checking for axe-core")?;
    if loaded != Value::Bool(true) {
        client
            .execute(AXE_SOURCE, vec![])
            .await
            .context("injecting axe-core")?;
    }

    const RUN_AXE: &str = r#"
        const tags = arguments[0];
        const done = arguments[arguments.length - 1];
        axe.run(document, {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations'],
        }).then(function (r) {
            done({
                ok: true,
                url: String(location.href),
                violations: r.violations.map(function (v) {
                    return {
                        id: v.id,
                        impact: v.impact || '',
                        help: v.help,
                        helpUrl: v.helpUrl,
                        count: v.nodes.length,
                        nodes: v.nodes.slice(0, 5).map(function (n) {
                            return {
                                target: n.target.map(String).join(' '),
                                html: String(n.html || '').slice(0, 240),
                                summary: String(n.failureSummary || ''),
                            };
                        }),
                    };
                }),
            });
        }).catch(function (e) {
            done({ ok: false, error: String((e && e.stack) || e) });
        });
    "#;
    let result = client
        .execute_async(RUN_AXE, vec![json!(AXE_TAGS)])
        .await
        .context("running axe-core")?;

    if result.get("ok") != Some(&Value::Bool(true)) {
        bail!(
            "axe-core failed on {page}: {}",
            result.get("error").and_then(Value::as_str).unwrap_or("?")
        );
    }
    let violations = result
        .get("violations")
        .and_then(Value::as_array)
        .ok_or_else(|| anyhow!("unexpected axe-core result on {page}: {result}"))?;
    if violations.is_empty() {
        return Ok(());
    }

    let url = result.get("url").and_then(Value::as_str).unwrap_or(page);
    let mut message = format!(
        "{} accessibility violation(s) (axe-core, WCAG 2.1 AA) on {page} ({url}):\n",
        violations.len()
    );
    for v in violations {
        let s = |key: &str| v.get(key).and_then(Value::as_str).unwrap_or("");
        message.push_str(&format!(
            "- [{}] {}: {} ({} element(s)) {}\n",
            s("impact"),
            s("id"),
            s("help"),
            v.get("count").and_then(Value::as_u64).unwrap_or(0),
            s("helpUrl"),
        ));
        for node in v
            .get("nodes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let n = |key: &str| node.get(key).and_then(Value::as_str).unwrap_or("");
            message.push_str(&format!("    at {}  {}\n", n("target"), n("html")));
            for line in n("summary").lines().filter(|l| !l.trim().is_empty()) {
                message.push_str(&format!("       {}\n", line.trim()));
            }
        }
    }
    if let Some(saved) = save_failure_artifacts(client, page).await {
        message.push_str(&format!(
            "screenshot and HTML saved as {saved}.png / .html\n"
        ));
    }
    bail!(message)
}

/// Save a PNG screenshot of the current page (for debugging).
pub async fn screenshot(client: &Client, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let png = client.screenshot().await.context("taking a screenshot")?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(path, png).with_context(|| format!("writing {}", path.display()))
}

/// Resize the browser window (e.g. `set_viewport(&b.client, 375, 812)` for a phone).
pub async fn set_viewport(client: &Client, width: u32, height: u32) -> Result<()> {
    client
        .set_window_size(width, height)
        .await
        .with_context(|| format!("resizing the window to {width}x{height}"))
}

async fn save_failure_artifacts(client: &Client, page: &str) -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-failures");
    std::fs::create_dir_all(&dir).ok()?;
    let name: String = page
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .take(80)
        .collect();
    let base = dir.join(format!("axe-{name}"));
    screenshot(client, base.with_extension("png")).await.ok()?;
    if let Ok(html) = client.source().await {
        let _ = std::fs::write(base.with_extension("html"), html);
    }
    Some(base.display().to_string())
}

fn env_or(key: &str, default: &str) -> String {
    std::env::var(key)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_string())
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .context("finding a free port for chromedriver")?;
    Ok(listener.local_addr()?.port())
}

async fn wait_for_port(driver: &mut Child, port: u16, timeout: Duration) -> Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = driver.try_wait()? {
            bail!("chromedriver exited during start-up ({status})");
        }
        if tokio::net::TcpStream::connect((Ipv4Addr::LOCALHOST, port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        if Instant::now() >= deadline {
            bail!("chromedriver did not answer on port {port} within {timeout:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Kill chromedriver and everything in its process group (the Chromium processes).
fn kill_group(driver: &mut Child) {
    #[cfg(unix)]
    {
        let pgid = driver.id();
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{pgid}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = driver.kill();
    let _ = driver.wait();
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
