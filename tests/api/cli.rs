use crate::helpers::spawn_app;
use std::io::Write;
use std::process::Stdio;

#[tokio::test]
async fn shop_user_and_number_commands_create_what_login_needs() {
    let app = spawn_app().await;
    let out = app
        .command()
        .args([
            "shop",
            "add",
            "--slug",
            "boutique-hery",
            "--name",
            "Boutique Hery",
            "--nif",
            "123",
            "--stat",
            "456",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut child = app
        .command()
        .args([
            "user",
            "add",
            "--email",
            "hery@example.mg",
            "--shop",
            "boutique-hery",
            "--role",
            "owner",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"un mot de passe long\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = app
        .command()
        .args([
            "number",
            "add",
            "--shop",
            "boutique-hery",
            "--provider",
            "meta",
            "--phone-number-id",
            "555000111",
            "--display-phone",
            "+261320000002",
            "--token",
            "EAAGsecret",
            // Not asked of Meta here (setup_number.rs tries the live check).
            "--no-check",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("/webhooks/whatsapp"), "{text}");
    assert!(!text.contains("EAAGsecret"));

    assert_eq!(
        app.login("hery@example.mg", "un mot de passe long")
            .await
            .status(),
        303
    );
}

#[tokio::test]
async fn a_duplicate_shop_slug_is_refused_with_a_clear_message() {
    let app = spawn_app().await;
    app.create_shop("dup", "Dup").await;
    let out = app
        .command()
        .args(["shop", "add", "--slug", "dup", "--name", "Other"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
}

#[tokio::test]
async fn an_unknown_config_key_fails_at_start_naming_the_key() {
    let app = spawn_app().await;
    let config = app.dir.path().join("bad.toml");
    std::fs::write(&config, "[server]\nbind = \"127.0.0.1:0\"\nport = 8080\n").unwrap();
    let out = app
        .command()
        .arg("serve")
        .arg("--config")
        .arg(&config)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("server.port"));
}

#[tokio::test]
async fn serve_refuses_a_wrong_key_and_leaves_the_data_intact() {
    let app = spawn_app().await;
    // A store of its own: the test app's server holds its data dir.
    let data = app.dir.path().join("unserved");
    assert!(app
        .command()
        .env("VAROTRA__SERVER__DATA_DIR", &data)
        .arg("migrate")
        .status()
        .unwrap()
        .success());
    assert!(app
        .command()
        .env("VAROTRA__SERVER__DATA_DIR", &data)
        .args(["shop", "add", "--slug", "keep", "--name", "Keep"])
        .status()
        .unwrap()
        .success());
    let db_path = data.join("varotra.db");
    let before = std::fs::metadata(&db_path).unwrap().len();
    let out = app
        .command()
        .env("VAROTRA__SERVER__DATA_DIR", &data)
        .env("VAROTRA__STORAGE__KEY", "17".repeat(32))
        .env("VAROTRA__SERVER__BIND", "127.0.0.1:0")
        .arg("serve")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("wrong key") && err.contains("varotra.db"),
        "{err}"
    );
    assert_eq!(std::fs::metadata(&db_path).unwrap().len(), before);
}

#[tokio::test]
async fn serve_refuses_to_start_without_its_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_varotra"))
        .current_dir(dir.path())
        .env("VAROTRA__SERVER__BIND", "127.0.0.1:0")
        .arg("serve")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("varotra.key"));
}

#[tokio::test]
async fn serve_starts_answers_healthz_and_stops_cleanly_on_sigterm() {
    use std::io::{BufRead, BufReader};
    let app = spawn_app().await;
    let data = app.own_store();
    let mut child = app
        .command()
        .env("VAROTRA__SERVER__DATA_DIR", &data)
        .env("VAROTRA__SERVER__BIND", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .arg("serve")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let stderr = child.stderr.take().unwrap();
    // Keep draining stderr until the child exits, so its last log lines never hit a
    // closed pipe.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("port=") {
                let digits: String = line[at + 5..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                let _ = tx.send(digits.parse::<u16>().unwrap());
            }
        }
    });
    let port = tokio::task::spawn_blocking(move || {
        rx.recv_timeout(std::time::Duration::from_secs(30))
            .expect("serve logs its port")
    })
    .await
    .unwrap();
    let res = reqwest::get(format!("http://127.0.0.1:{port}/healthz"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    eprintln!(
        "serve answered /healthz {:?} after spawn",
        started.elapsed()
    );
    let login = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("http://127.0.0.1:{port}/admin"))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 303);
    // SIGTERM: graceful shutdown, exit code 0.
    let pid = child.id() as i32;
    assert_eq!(send_sigterm(pid), 0);
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap();
    assert!(status.success(), "{status:?}");
}

#[tokio::test]
async fn a_second_server_on_a_served_store_refuses_to_start() {
    let app = spawn_app().await;
    let out = app
        .command()
        .env("VAROTRA__SERVER__BIND", "127.0.0.1:0")
        .arg("serve")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("arrêtez-le d'abord"), "{err}");
}

fn send_sigterm(pid: i32) -> i32 {
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .map(|s| s.code().unwrap_or(1))
        .unwrap_or(1)
}
