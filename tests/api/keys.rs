use varotra::settings::{Overrides, Settings};
use varotra::startup::open_store;

fn settings_in(dir: &std::path::Path) -> (Settings, std::path::PathBuf) {
    let config = dir.join("varotra.toml");
    std::fs::write(&config, "[server]\ndata_dir = \"data\"\n").unwrap();
    let s = varotra::settings::load(Some(&config), Vec::new(), &Overrides::default()).unwrap();
    (s, config)
}

fn seed(settings: &Settings) {
    let (db, files) = open_store(settings, true).unwrap();
    db.write_blocking(|c| {
        c.execute(
            "INSERT INTO shops (slug, company_name) VALUES ('s', 'Boutique Tahina')",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    files.put("media/1/42", b"photo de Tahina").unwrap();
    files
        .put("devis/1/DEV-2026-0001.pdf", b"%PDF devis")
        .unwrap();
}

fn check_intact(settings: &Settings) {
    let (db, files) = open_store(settings, false).expect("store opens after the crash");
    let name: String = db
        .read_blocking(|c| Ok(c.query_row("SELECT company_name FROM shops", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(name, "Boutique Tahina");
    assert_eq!(files.get("media/1/42").unwrap(), b"photo de Tahina");
    assert_eq!(
        files.get("devis/1/DEV-2026-0001.pdf").unwrap(),
        b"%PDF devis"
    );
}

fn rotate_cmd(config: &std::path::Path, crash_at: Option<&str>) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_varotra"));
    cmd.arg("--config").arg(config).args(["key", "rotate"]);
    cmd.env_remove("VAROTRA__STORAGE__KEY");
    if let Some(step) = crash_at {
        cmd.env("VAROTRA_ROTATE_CRASH_AT", step);
    }
    cmd.output().unwrap()
}

#[test]
fn a_key_rotation_killed_at_any_step_leaves_a_store_that_opens_with_nothing_lost() {
    for step in [
        "after-new-key",
        "after-db-export",
        "after-files",
        "mid-commit",
        "after-commit",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (settings, config) = settings_in(dir.path());
        seed(&settings);
        let out = rotate_cmd(&config, Some(step));
        assert_eq!(
            out.status.code(),
            Some(137),
            "{step}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        check_intact(&settings);
        // A later rotation completes normally.
        let before = std::fs::read_to_string(&settings.storage.key_file).unwrap();
        let out = rotate_cmd(&config, None);
        assert!(
            out.status.success(),
            "{step}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_ne!(
            std::fs::read_to_string(&settings.storage.key_file).unwrap(),
            before
        );
        check_intact(&settings);
    }
}

#[test]
fn a_rotated_store_no_longer_opens_with_the_old_key() {
    let dir = tempfile::tempdir().unwrap();
    let (settings, config) = settings_in(dir.path());
    seed(&settings);
    let old = std::fs::read_to_string(&settings.storage.key_file).unwrap();
    assert!(rotate_cmd(&config, None).status.success());
    let mut with_old = settings.clone();
    with_old.storage.key = varotra::settings::Secret::new(old.trim());
    let Err(err) = open_store(&with_old, false) else {
        panic!("old key accepted")
    };
    assert!(err.to_string().contains("wrong key"), "{err}");
}

#[test]
fn the_key_file_is_created_private_by_migrate_and_refused_when_readable_by_others() {
    let dir = tempfile::tempdir().unwrap();
    let (settings, config) = settings_in(dir.path());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_varotra"))
        .arg("--config")
        .arg(&config)
        .arg("migrate")
        .env_remove("VAROTRA__STORAGE__KEY")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    use std::os::unix::fs::PermissionsExt;
    let key = &settings.storage.key_file;
    assert_eq!(
        std::fs::metadata(key).unwrap().permissions().mode() & 0o777,
        0o600
    );
    std::fs::set_permissions(key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let Err(err) = open_store(&settings, false) else {
        panic!("a key readable by others was accepted")
    };
    assert!(err.to_string().contains("varotra.key"), "{err}");
}

#[test]
fn the_sqlite_shell_cannot_read_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let (settings, _config) = settings_in(dir.path());
    seed(&settings);
    let Ok(out) = std::process::Command::new("sqlite3")
        .arg(settings.database_path())
        .arg("SELECT count(*) FROM shops;")
        .output()
    else {
        eprintln!("sqlite3 shell not installed; skipped");
        return;
    };
    assert!(!out.status.success() || String::from_utf8_lossy(&out.stdout).trim() != "1");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a database"));
}
