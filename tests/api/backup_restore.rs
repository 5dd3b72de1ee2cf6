//! `backup --plain` of an encrypted store goes through SQLCipher's own export, and
//! `restore` (like `key rotate`) refuses while a server holds the store, and the
//! dashboard says when the last scheduled backup was made.

use crate::helpers::{spawn_app, spawn_app_with, PASSWORD};
use varotra::db::accounts::Role;

fn run(cmd: &mut std::process::Command) -> (bool, String) {
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[tokio::test]
async fn a_plain_backup_of_an_encrypted_store_opens_without_a_key() {
    let app = spawn_app().await;
    app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    let dest = app.dir.path().join("plain.db");
    let (ok, said) = run(app.command().arg("backup").arg("--plain").arg(&dest));
    assert!(ok, "{said}");
    assert!(said.contains("PAS chiffrée"), "{said}");
    let bytes = std::fs::read(&dest).unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"));
    let conn = rusqlite::Connection::open(&dest).unwrap();
    let name: String = conn
        .query_row("SELECT company_name FROM shops", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Epicerie Rivo");
    let migrations: i64 = conn
        .query_row("SELECT count(*) FROM refinery_schema_history", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(migrations >= 5, "the schema history travels with the data");
}

#[tokio::test]
async fn restore_and_key_rotation_refuse_while_a_server_holds_the_store() {
    let app = spawn_app().await;
    app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    let copy = app.dir.path().join("copy.db");
    assert!(run(app.command().arg("backup").arg(&copy)).0);
    app.create_shop("after-backup", "After").await;
    let (ok, said) = run(app.command().arg("restore").arg(&copy));
    assert!(!ok);
    assert!(said.contains("arrêtez-le d'abord"), "{said}");
    let (ok, said) = run(app.command().args(["key", "rotate"]));
    assert!(!ok);
    assert!(said.contains("arrêtez-le d'abord"), "{said}");
    let shops: i64 = app
        .db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM shops", [], |r| r.get(0))?))
        .await
        .unwrap();
    assert_eq!(shops, 2, "the live store was left alone");
}

#[tokio::test]
async fn with_no_server_running_restore_brings_the_backup_back() {
    let app = spawn_app().await;
    let dir = app.dir.path().join("offline");
    let cli = || {
        let mut c = app.command();
        c.env("VAROTRA__SERVER__DATA_DIR", &dir);
        c
    };
    assert!(run(cli().arg("migrate")).0);
    assert!(run(cli().args(["shop", "add", "--slug", "avant", "--name", "Avant"])).0);
    let copy = app.dir.path().join("offline.db");
    assert!(run(cli().arg("backup").arg(&copy)).0);
    assert!(run(cli().args(["shop", "add", "--slug", "apres", "--name", "Apres"])).0);
    let (ok, said) = run(cli().arg("restore").arg(&copy));
    assert!(ok, "{said}");
    let (_, list) = run(cli().args(["shop", "list"]));
    assert!(list.contains("avant") && !list.contains("apres"), "{list}");
}

#[tokio::test]
async fn the_dashboard_says_when_the_last_scheduled_backup_was_made() {
    let app = spawn_app_with(|s| {
        let dir = s.server.data_dir.parent().unwrap().join("backups");
        std::fs::create_dir_all(&dir).unwrap();
        // A backup from the future: none is due, so the server makes none of its own.
        std::fs::write(dir.join("varotra-20990101T000000Z.db"), b"").unwrap();
        s.storage.backup_dir = dir;
    })
    .await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.login("rivo@example.mg", PASSWORD).await;
    let html = app.page("/admin", 200).await;
    assert!(
        html.contains("Dernière sauvegarde : 01/01/2099"),
        "{}",
        &html[html.find("last-backup").unwrap_or(0)..]
    );
}

#[tokio::test]
async fn the_dashboard_says_when_scheduled_backups_are_off() {
    let app = spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    app.login("rivo@example.mg", PASSWORD).await;
    let html = app.page("/admin", 200).await;
    assert!(html.contains("sauvegardes automatiques désactivées (clé storage.backup_dir)"));
}
