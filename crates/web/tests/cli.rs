//! The `turnout` binary as an operator meets it: help, a bad setting,
//! migrate, and a clean stop on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn turnout() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_turnout"));
    // Start from the embedded defaults only, whatever the caller's environment says.
    for (k, _) in std::env::vars() {
        if k.starts_with("TURNOUT_") {
            c.env_remove(k);
        }
    }
    c
}

fn temp_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("turnout-cli-{}-{}", std::process::id(), Instant::now().elapsed().as_nanos()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn help_lists_the_subcommands() {
    let out = turnout().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("serve") && text.contains("migrate"), "{text}");
}

#[test]
fn a_bad_setting_stops_startup_with_one_line_naming_the_key() {
    let out = turnout().env("TURNOUT__SERVER__BIND", "not-an-address").arg("serve").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains("server.bind") && err.contains("TURNOUT__SERVER__BIND"), "{err}");

    let out = turnout().env("TURNOUT__EMAIL__TRANSPORT", "pigeon").arg("serve").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("email.transport"));

    let out = turnout().args(["--config", "/nonexistent/turnout.toml", "serve"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/turnout.toml"));
}

#[test]
fn a_config_file_and_the_environment_override_the_defaults() {
    let dir = temp_dir();
    let file = dir.join("custom.toml");
    std::fs::write(&file, "[server]\nbase_url = \"ftp://wrong\"\n").unwrap();
    let out = turnout().arg("--config").arg(&file).arg("migrate").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "the file's bad value is read");
    assert!(String::from_utf8_lossy(&out.stderr).contains("server.base_url"));
    let out = turnout()
        .env("TURNOUT_CONFIG", &file)
        .env("TURNOUT__SERVER__BASE_URL", "https://events.example.org")
        .env("TURNOUT__DATABASE__URL", format!("sqlite://{}?mode=rwc", dir.join("db/t.db").display()))
        .arg("migrate")
        .output()
        .unwrap();
    assert!(out.status.success(), "the environment wins over the file: {}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.join("db/t.db").exists(), "migrate created the SQLite file");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn serve_stops_cleanly_on_sigterm() {
    let dir = temp_dir();
    let mut child = turnout()
        .env("TURNOUT__SERVER__BIND", "127.0.0.1:0")
        .env("TURNOUT__DATABASE__URL", format!("sqlite://{}?mode=rwc", dir.join("t.db").display()))
        .env("TURNOUT__EMAIL__FILE_DIR", dir.join("outbox"))
        .env("RUST_LOG", "info")
        .arg("serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    assert!(line.starts_with("Turnout is running at http://127.0.0.1:"), "{line}");
    let addr = line.split("http://").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
    // The demo data was loaded into the empty database and is served.
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    use std::io::{Read, Write};
    write!(stream, "GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut page = String::new();
    stream.read_to_string(&mut page).unwrap();
    assert!(page.starts_with("HTTP/1.1 200") && page.contains("Housing Is a Human Right"), "{}", &page[..200.min(page.len())]);

    // Tokens and addresses in paths and query strings never reach the log.
    for path in ["/account/reset/SEKRITTOKEN123", "/events/1?email=leak%40example.org", "/no/SEKRITPATH"] {
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
        let mut ignored = String::new();
        stream.read_to_string(&mut ignored).unwrap();
    }

    assert!(Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "turnout did not stop within 15 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(log.contains("shutting down") && log.contains("stopped"), "{log}");
    assert!(log.contains("/account/reset/{token}"), "the route pattern is logged: {log}");
    for secret in ["SEKRITTOKEN123", "leak", "SEKRITPATH"] {
        assert!(!log.contains(secret), "{secret} leaked into the log: {log}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn admin_commands_create_users_and_grant_roles_with_clear_errors() {
    use std::io::Write;
    let dir = temp_dir();
    let db = format!("sqlite://{}?mode=rwc", dir.join("t.db").display());
    let admin = |args: &[&str], stdin: &str| {
        let mut child = turnout()
            .env("TURNOUT__DATABASE__URL", &db)
            .arg("admin")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, out, err) = admin(
        &["create-user", "--email", "ada@example.org", "--name", "Ada", "--site-admin", "--password-stdin"],
        "a good long passphrase\n",
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("ada@example.org") && out.contains("site admin"), "{out}");
    let (code, _, err) =
        admin(&["create-user", "--email", "ada@example.org", "--name", "Ada", "--password-stdin"], "a good long passphrase\n");
    assert_eq!(code, Some(1));
    assert!(err.contains("already exists"), "{err}");
    let (code, _, err) = admin(&["create-user", "--email", "bo@example.org", "--name", "Bo", "--password-stdin"], "password\n");
    assert_eq!(code, Some(1));
    assert!(err.contains("common"), "a common password is refused: {err}");
    // A fresh database has no chapters until the demo is loaded by `serve`.
    let (code, _, err) = admin(&["grant", "--email", "ada@example.org", "--chapter", "queens", "--role", "organizer"], "");
    assert_eq!(code, Some(1));
    assert!(err.contains("no chapter") && err.contains("queens"), "{err}");
    let (code, _, err) = admin(&["grant", "--email", "nobody@example.org", "--chapter", "queens", "--role", "organizer"], "");
    assert_eq!(code, Some(1));
    assert!(err.contains("no account") && err.contains("nobody@example.org"), "{err}");
    let (code, _, err) = admin(&["revoke", "--email", "ada@example.org", "--chapter", "queens", "--role", "boss"], "");
    assert_eq!(code, Some(1));
    assert!(err.contains("organizer or member"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}
