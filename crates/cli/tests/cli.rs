//! The `erabareru` binary through its real entry points: migrate, user create,
//! demo, backup, and serve (start, answer, stop gracefully on SIGTERM).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_erabareru"));
    c.env_remove("DATABASE_URL")
        .env_remove("ERABARERU_PASSWORD")
        .env("RUST_LOG", "warn");
    c
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("erabareru-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
    let out = bin().args(args).envs(env.iter().copied()).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn user_create_demo_and_backup() {
    let dir = temp_dir("admin");
    let d = dir.to_str().unwrap();
    let (ok, out, err) = run(&["migrate", "--data-dir", d], &[]);
    assert!(ok, "{out}{err}");
    assert!(dir.join("erabareru.db").exists());

    let (ok, out, err) = run(
        &[
            "user",
            "create",
            "--data-dir",
            d,
            "--email",
            "Chief@City.example.jp",
            "--admin",
        ],
        &[("ERABARERU_PASSWORD", "correct horse battery")],
    );
    assert!(ok, "{out}{err}");
    assert!(out.contains("as platform admin"), "{out}");
    // The same address again is refused with a clear message.
    let (ok, _, err) = run(
        &[
            "user",
            "create",
            "--data-dir",
            d,
            "--email",
            "chief@city.example.jp",
        ],
        &[],
    );
    assert!(!ok);
    assert!(err.contains("already exists"), "{err}");
    // A short password is refused; without a password an invitation link is printed.
    let (ok, _, err) = run(
        &[
            "user",
            "create",
            "--data-dir",
            d,
            "--email",
            "x@city.example.jp",
        ],
        &[("ERABARERU_PASSWORD", "short")],
    );
    assert!(!ok, "{err}");
    let (ok, out, _) = run(
        &[
            "user",
            "create",
            "--data-dir",
            d,
            "--email",
            "y@city.example.jp",
        ],
        &[],
    );
    assert!(ok && out.contains("/invite/"), "{out}");
    // A bad e-mail address is refused before anything is written.
    let (ok, _, err) = run(
        &[
            "user",
            "create",
            "--data-dir",
            d,
            "--email",
            "not-an-address",
        ],
        &[],
    );
    assert!(!ok && err.contains("invalid e-mail"), "{err}");

    // The demo set loads only into an empty database.
    let (ok, _, err) = run(&["demo", "--data-dir", d], &[]);
    assert!(!ok && err.contains("already has data"), "{err}");
    let demo = temp_dir("demo");
    let (ok, out, err) = run(&["demo", "--data-dir", demo.to_str().unwrap()], &[]);
    assert!(ok, "{err}");
    assert!(
        out.contains("admin@demo.example.jp") && out.contains("demo-staff-2026"),
        "{out}"
    );

    let backup = demo.join("backup.db");
    let (ok, out, err) = run(
        &[
            "backup",
            "--data-dir",
            demo.to_str().unwrap(),
            "--out",
            backup.to_str().unwrap(),
        ],
        &[],
    );
    assert!(ok, "{out}{err}");
    assert!(std::fs::metadata(&backup).unwrap().len() > 10_000);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&demo);
}

#[test]
fn serve_with_demo_answers_and_stops_on_sigterm() {
    let dir = temp_dir("serve");
    let mut child = bin()
        .args([
            "serve",
            "--demo",
            "--port",
            "0",
            "--data-dir",
            dir.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut address = None;
    let mut printed = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while address.is_none() && Instant::now() < deadline {
        let Some(Ok(line)) = lines.next() else { break };
        printed.push_str(&line);
        printed.push('\n');
        if let Some(rest) = line.strip_prefix("erabareru: ") {
            address = Some(rest.trim_end_matches('/').to_string());
        }
    }
    let address = address.unwrap_or_else(|| panic!("no address printed:\n{printed}"));
    assert!(
        printed.contains("hr@demo.example.jp"),
        "demo accounts are printed:\n{printed}"
    );

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let health = reqwest::get(format!("{address}/healthz")).await.unwrap();
        assert_eq!(health.status(), 200);
        let page = reqwest::get(format!("{address}/declarations"))
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains("相馬市"));
    });

    // Graceful shutdown on SIGTERM: the process exits by itself with success.
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            break;
        }
        assert!(Instant::now() < deadline, "did not stop after SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Start `serve` on a random port with `extra` flags; the child and its address.
fn start_serve(dir: &std::path::Path, extra: &[&str]) -> (std::process::Child, String) {
    let mut child = bin()
        .args(["serve", "--port", "0", "--data-dir", dir.to_str().unwrap()])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(rest) = line.strip_prefix("erabareru: ") {
            return (child, rest.trim_end_matches('/').to_string());
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("no address printed");
}

#[test]
fn sigterm_ends_the_process_within_the_grace_period_despite_a_slow_client() {
    use std::io::Write;
    let dir = temp_dir("grace");
    let (mut child, address) = start_serve(
        &dir,
        &[
            "--shutdown-grace-secs",
            "2",
            "--header-timeout-secs",
            "120",
            "--body-timeout-secs",
            "120",
        ],
    );
    // A client that sent half its body and then nothing: without a bound on the
    // shutdown, the process would wait for it for ever.
    let mut slow = std::net::TcpStream::connect(address.trim_start_matches("http://")).unwrap();
    slow.write_all(
        b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=",
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running 10 s after SIGTERM with a 2 s grace period");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(1500) && took < Duration::from_secs(5),
        "exited after {took:?}"
    );
    drop(slow);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Start `serve` with `args`, read its standard output until it prints the
/// address, then stop it with SIGTERM; returns what it printed.
fn serve_output(args: &[&str]) -> String {
    let mut child = bin()
        .arg("serve")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut printed = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let Some(Ok(line)) = lines.next() else { break };
        printed.push_str(&line);
        printed.push('\n');
        if line.starts_with("erabareru: ") {
            break;
        }
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    printed
}

#[test]
fn serve_demo_on_a_loaded_database_says_so_and_prints_the_accounts_again() {
    let dir = temp_dir("serve-again");
    let d = dir.to_str().unwrap();
    let first = serve_output(&["--demo", "--port", "0", "--data-dir", d]);
    assert!(first.contains("hr@demo.example.jp"), "{first}");
    // Roles in words, with the region's name rather than its code.
    assert!(
        first.contains("相馬市") && !first.contains("(072095)"),
        "{first}"
    );
    let again = serve_output(&["--demo", "--port", "0", "--data-dir", d]);
    assert!(again.contains("デモデータは読み込み済みです"), "{again}");
    assert!(
        again.contains("hr@demo.example.jp") && again.contains("demo-hr-admin-2026"),
        "{again}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn trusted_proxy_hops_is_read_and_must_be_at_least_one() {
    let dir = temp_dir("hops");
    let d = dir.to_str().unwrap();
    let config = dir.join("erabareru.toml");
    std::fs::write(&config, "trusted_proxy_hops = 2\n").unwrap();
    let c = config.to_str().unwrap();
    let (ok, out, err) = run(&["migrate", "--data-dir", d, "--config", c], &[]);
    assert!(ok, "the key is known: {out}{err}");
    std::fs::write(&config, "trusted_proxy_hops = 0\n").unwrap();
    let (ok, _, err) = run(&["migrate", "--data-dir", d, "--config", c], &[]);
    assert!(!ok && err.contains("trusted_proxy_hops"), "{err}");
    let (ok, _, err) = run(
        &["serve", "--data-dir", d, "--trusted-proxy-hops", "0"],
        &[],
    );
    assert!(!ok && err.contains("--trusted-proxy-hops"), "{err}");
    let (ok, _, err) = run(
        &["serve", "--data-dir", d],
        &[("ERABARERU_TRUSTED_PROXY_HOPS", "0")],
    );
    assert!(!ok && err.contains("--trusted-proxy-hops"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `serve --today` shows the site as it reads on another day: on 10 May 2027 the
/// demo's ended years are FY2025 and FY2026 (published), FY2027 is in progress.
#[test]
fn serve_today_moves_the_demo_years() {
    let dir = temp_dir("today");
    // Full-width digits, as a Japanese keyboard types them.
    let (mut child, address) = start_serve(&dir, &["--demo", "--today", "２０２７-05-10"]);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let page = rt.block_on(async {
        let list = reqwest::get(format!("{address}/declarations.json"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(list.contains("はまなすケミカル"), "{list}");
        // The demo company is the only declarer with figures: find its page.
        let mut found = None;
        for id in 1..=30 {
            let res = reqwest::get(format!("{address}/declarers/{id}"))
                .await
                .unwrap();
            if res.status() != 200 {
                continue;
            }
            let text = res.text().await.unwrap();
            if text.contains("実績データから算出") {
                found = Some(text);
                break;
            }
        }
        found.expect("a declarer page with published figures")
    });
    assert!(
        page.contains("2026年度（令和8年度）"),
        "FY2026 has ended and is published"
    );
    assert!(page.contains("2025年度（令和7年度）"));
    assert!(!page.contains("2027年度"), "never the year in progress");
    assert!(
        !page.contains("2024年度（令和6年度）"),
        "two ended years, as on any day"
    );
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);

    // A date that is not one is refused before anything starts.
    let out = bin()
        .args(["serve", "--today", "2027-02-30", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

/// The SMTP URL and sender come from a flag, the environment or the config file,
/// and a bad one stops `serve` before it listens.
#[test]
fn smtp_settings_are_read_and_checked_at_start() {
    let dir = temp_dir("smtp");
    let d = dir.to_str().unwrap();
    let config = dir.join("erabareru.toml");
    std::fs::write(&config, "smtp_url = \"ftp://mail.example.jp\"\n").unwrap();
    let c = config.to_str().unwrap();
    let (ok, _, err) = run(&["serve", "--data-dir", d, "--config", c], &[]);
    assert!(!ok && err.contains("unsupported SMTP URL"), "{err}");
    let (ok, _, err) = run(
        &["serve", "--data-dir", d, "--smtp-url", "http://u:secret@x"],
        &[],
    );
    assert!(!ok && err.contains("unsupported SMTP URL"), "{err}");
    assert!(
        !err.contains("secret"),
        "the password is not printed: {err}"
    );
    let (ok, _, err) = run(
        &["serve", "--data-dir", d],
        &[("ERABARERU_SMTP_URL", "smtp://mail.example.jp?tls=sometimes")],
    );
    assert!(!ok && err.contains("invalid SMTP URL"), "{err}");
    let (ok, _, err) = run(
        &["serve", "--data-dir", d, "--mail-from", "not an address"],
        &[],
    );
    assert!(!ok && err.contains("--mail-from"), "{err}");
    // A good URL from the file: the server starts.
    std::fs::write(
        &config,
        "smtp_url = \"smtp+starttls://u:p@127.0.0.1:1\"\nmail_from = \"市役所 <noreply@city.example.jp>\"\n",
    )
    .unwrap();
    let printed = serve_output(&["--port", "0", "--data-dir", d, "--config", c]);
    assert!(printed.contains("erabareru: http://"), "{printed}");
    let _ = std::fs::remove_dir_all(&dir);
}
