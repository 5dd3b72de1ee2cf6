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
    app.create_shop("keep", "Keep").await;
    let db_path = app.data_dir().join("varotra.db");
    let before = std::fs::metadata(&db_path).unwrap().len();
    let out = app
        .command()
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
