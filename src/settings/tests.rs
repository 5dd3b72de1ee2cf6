use super::*;
use std::io::Write;

fn write_config(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("varotra.toml");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    (dir, path)
}

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn defaults_apply_when_the_file_is_silent() {
    let (_d, path) = write_config("");
    let s = load(Some(&path), env(&[]), &Overrides::default()).unwrap();
    assert_eq!(s.server.bind, "127.0.0.1:8080");
    assert_eq!(s.llm.threads, 2);
    assert!(s.storage.encrypt);
}

#[test]
fn environment_beats_file_and_flags_beat_environment() {
    let (_d, path) = write_config("[server]\nbind = \"127.0.0.1:1\"\n[llm]\nthreads = 3\n");
    let e = env(&[
        ("VAROTRA__SERVER__BIND", "127.0.0.1:2"),
        ("VAROTRA__LLM__THREADS", "4"),
        ("VAROTRA__LLM__FALLBACK__MODEL", "m"),
    ]);
    let mut flags = Overrides::default();
    flags.set("server.bind", "127.0.0.1:3");
    let s = load(Some(&path), e, &flags).unwrap();
    assert_eq!(s.server.bind, "127.0.0.1:3");
    assert_eq!(s.llm.threads, 4);
    assert_eq!(s.llm.fallback.model, "m");
}

#[test]
fn an_unknown_key_in_the_file_is_named() {
    let (_d, path) = write_config("[server]\nbindd = \"x\"\n");
    let err = load(Some(&path), env(&[]), &Overrides::default()).unwrap_err();
    assert!(err.to_string().contains("server.bindd"), "{err}");
}

#[test]
fn an_unknown_section_is_named() {
    let (_d, path) = write_config("[serverr]\nbind = \"x\"\n");
    let err = load(Some(&path), env(&[]), &Overrides::default()).unwrap_err();
    assert!(err.to_string().contains("serverr"), "{err}");
}

#[test]
fn a_bad_environment_value_names_the_variable() {
    let (_d, path) = write_config("");
    let e = env(&[("VAROTRA__LLM__THREADS", "many")]);
    let err = load(Some(&path), e, &Overrides::default()).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("llm.threads") && text.contains("VAROTRA__LLM__THREADS"),
        "{text}"
    );
}

#[test]
fn a_bad_bind_address_is_named() {
    let (_d, path) = write_config("[server]\nbind = \"localhost\"\n");
    let err = load(Some(&path), env(&[]), &Overrides::default()).unwrap_err();
    assert!(err.to_string().contains("server.bind"), "{err}");
}

#[test]
fn a_wrong_type_in_the_file_is_named() {
    let (_d, path) = write_config("[llm]\ncontext_size = -4\n");
    let err = load(Some(&path), env(&[]), &Overrides::default()).unwrap_err();
    assert!(err.to_string().contains("llm.context_size"), "{err}");
}

#[test]
fn a_missing_explicit_config_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = load(
        Some(&dir.path().join("nope.toml")),
        env(&[]),
        &Overrides::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("nope.toml"), "{err}");
}

#[test]
fn relative_paths_resolve_from_the_config_file() {
    let (dir, path) = write_config("[server]\ndata_dir = \"data\"\n");
    let s = load(Some(&path), env(&[]), &Overrides::default()).unwrap();
    assert_eq!(s.server.data_dir, dir.path().join("data"));
    assert_eq!(s.storage.key_file, dir.path().join("varotra.key"));
}

#[test]
fn a_key_file_inside_the_data_dir_is_refused() {
    let (_d, path) = write_config("[storage]\nkey_file = \"data/varotra.key\"\n");
    let err = load(Some(&path), env(&[]), &Overrides::default()).unwrap_err();
    assert!(err.to_string().contains("storage.key_file"), "{err}");
}

#[test]
fn secrets_do_not_show_in_debug_output() {
    let (_d, path) = write_config("[whatsapp]\napp_secret = \"s3cr3t-value\"\n");
    let s = load(Some(&path), env(&[]), &Overrides::default()).unwrap();
    let debug = format!("{s:?}");
    assert!(!debug.contains("s3cr3t-value"));
    assert!(debug.contains("[redacted]"));
}

#[test]
fn the_example_config_loads_and_documents_the_channel_defaults() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
    let s = load(Some(&path), env(&[]), &Overrides::default()).unwrap();
    let (w, d) = (&s.whatsapp, WhatsappSettings::default());
    assert_eq!(
        (
            w.number_messages_per_second,
            w.coexistence_messages_per_second
        ),
        (
            d.number_messages_per_second,
            d.coexistence_messages_per_second
        )
    );
    assert_eq!(
        (
            w.owner_pause_minutes,
            w.resend_grace_secs,
            w.probe_interval_secs
        ),
        (
            d.owner_pause_minutes,
            d.resend_grace_secs,
            d.probe_interval_secs
        )
    );
    assert_eq!(
        (
            w.max_media_bytes,
            w.media_lifetime_hours,
            w.media_retry_max_secs
        ),
        (
            d.max_media_bytes,
            d.media_lifetime_hours,
            d.media_retry_max_secs
        )
    );
    assert_eq!(w.read_receipts, d.read_receipts);
    assert!(!s.stt.enabled());
    assert_eq!(s.stt.timeout_ms, SttSettings::default().timeout_ms);
}
