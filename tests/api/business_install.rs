//! `install.sh --unattended --setup-only`: the config, database, first shop and owner
//! from the environment, without a question; a second run changes nothing; a missing
//! setting is named.

use std::path::Path;
use std::process::{Command, Output};

fn install(dir: &Path, extra: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/install.sh"));
    cmd.args(["--unattended", "--setup-only"])
        .env_remove("VAROTRA__STORAGE__KEY")
        .env("VAROTRA_BIN", env!("CARGO_BIN_EXE_varotra"))
        .env("VAROTRA_CONFIG", dir.join("conf/varotra.toml"))
        .env("VAROTRA_DATA_DIR", dir.join("data"))
        .env("VAROTRA_PUBLIC_URL", "https://rivo.example.mg")
        .env("VAROTRA_SHOP_NAME", "Épicerie Rivo")
        .env("VAROTRA_OWNER_EMAIL", "rivo@example.mg")
        .env("VAROTRA_OWNER_PASSWORD", "un mot de passe long");
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.stdin(std::process::Stdio::null()).output().unwrap()
}

fn varotra(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_varotra"))
        .args(args)
        .arg("--config")
        .arg(dir.join("conf/varotra.toml"))
        .env_remove("VAROTRA__STORAGE__KEY")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_unattended_install_sets_up_config_shop_and_owner_from_the_environment_once() {
    let dir = tempfile::tempdir().unwrap();
    let first = install(dir.path(), &[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let config = std::fs::read_to_string(dir.path().join("conf/varotra.toml")).unwrap();
    assert!(
        config.contains("public_url = \"https://rivo.example.mg\""),
        "{config}"
    );
    let data = dir.path().join("data");
    assert!(config.contains(&format!("data_dir = \"{}\"", data.display())));
    let token = config
        .lines()
        .find_map(|l| l.strip_prefix("verify_token = \""))
        .unwrap();
    assert_eq!(
        token.trim_end_matches('"').len(),
        32,
        "a random verify token"
    );
    assert!(dir.path().join("conf/varotra.key").is_file());
    assert!(data.join("varotra.db").is_file());
    assert!(varotra(dir.path(), &["shop", "list"]).contains("\tepicerie-rivo\tÉpicerie Rivo"));
    let users = varotra(dir.path(), &["user", "list"]);
    assert!(
        users.contains("rivo@example.mg\tpropriétaire\tactif\tepicerie-rivo"),
        "{users}"
    );

    // Again with the same environment: same config, same shop, same single account.
    let second = install(dir.path(), &[]);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let out = String::from_utf8_lossy(&second.stdout);
    assert!(out.contains("shop epicerie-rivo present"), "{out}");
    assert!(out.contains("password unchanged"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("conf/varotra.toml")).unwrap(),
        config
    );
    assert_eq!(varotra(dir.path(), &["user", "list"]), users);
}

#[test]
fn an_unattended_install_names_the_missing_variable() {
    let dir = tempfile::tempdir().unwrap();
    let out = install(dir.path(), &[("VAROTRA_OWNER_PASSWORD", "")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("VAROTRA_OWNER_PASSWORD is empty"), "{err}");
    assert!(
        !dir.path().join("conf/varotra.toml").exists(),
        "nothing written"
    );
}
