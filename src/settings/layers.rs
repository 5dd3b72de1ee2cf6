//! Builds one TOML tree from the layers (defaults, file, environment, flags), then
//! deserializes it once, so every error can name the key it is about.

use super::{Settings, SettingsError};
use serde::de::{self, Deserializer};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Value;

/// Environment prefix: `VAROTRA__SERVER__BIND` sets `server.bind`.
pub const ENV_PREFIX: &str = "VAROTRA__";

/// Values given on the command line, the top layer (`section.key` → value).
#[derive(Debug, Default, Clone)]
pub struct Overrides(pub BTreeMap<String, String>);

impl Overrides {
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        self.0.insert(key.to_string(), value.into());
    }
}

/// Loads settings from `config` (or `./varotra.toml` when `None` and present), the
/// given environment variables and the command-line overrides, then validates them.
pub fn load(
    config: Option<&Path>,
    env: impl IntoIterator<Item = (String, String)>,
    overrides: &Overrides,
) -> Result<Settings, SettingsError> {
    let (path, required) = match config {
        Some(p) => (p.to_path_buf(), true),
        None => (PathBuf::from("varotra.toml"), false),
    };
    let mut tree = match std::fs::read_to_string(&path) {
        Ok(text) => text
            .parse::<toml::Table>()
            .map_err(|e| SettingsError::Toml {
                path: path.clone(),
                message: e.to_string(),
            })?,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => toml::Table::new(),
        Err(source) => return Err(SettingsError::Read { path, source }),
    };
    // Where each key came from, to name the environment variable in errors.
    let mut origin: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in env {
        let Some(rest) = name.strip_prefix(ENV_PREFIX) else {
            continue;
        };
        let key = rest.to_ascii_lowercase().replace("__", ".");
        insert(&mut tree, &key, value).map_err(|message| SettingsError::Invalid {
            key: name.clone(),
            message,
        })?;
        origin.insert(key, name);
    }
    for (key, value) in &overrides.0 {
        insert(&mut tree, key, value.clone()).map_err(|message| SettingsError::Invalid {
            key: key.clone(),
            message,
        })?;
        origin.insert(
            key.clone(),
            format!("--{}", key.rsplit('.').next().unwrap_or(key)),
        );
    }
    let mut settings: Settings =
        serde_path_to_error::deserialize(Value::Table(tree)).map_err(|e| {
            let mut key = e.path().to_string();
            let message = e.inner().to_string();
            if let Some(field) = unknown_field(&message) {
                key = if key == "." || key.is_empty() {
                    field
                } else {
                    format!("{key}.{field}")
                };
            }
            let key = match origin.get(&key) {
                Some(source) => format!("{key}` (from `{source}`"),
                None => key,
            };
            SettingsError::Invalid { key, message }
        })?;
    settings.config_dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    settings.validate()
}

/// The field named in serde's "unknown field `x`, expected ..." message.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    Some(rest.split('`').next()?.to_string())
}

fn insert(tree: &mut toml::Table, dotted: &str, value: String) -> Result<(), String> {
    let parts: Vec<&str> = dotted.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err("malformed key".into());
    }
    let mut table = tree;
    for part in &parts[..parts.len() - 1] {
        let entry = table
            .entry(part.to_string())
            .or_insert_with(|| Value::Table(toml::Table::new()));
        table = entry
            .as_table_mut()
            .ok_or_else(|| format!("`{part}` is a value, not a section"))?;
    }
    table.insert(parts[parts.len() - 1].to_string(), Value::String(value));
    Ok(())
}

/// Accepts a TOML integer or a string of digits (environment variables are strings).
pub fn de_u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Int(i64),
        Str(String),
    }
    match Raw::deserialize(d)? {
        Raw::Int(i) if i >= 0 => Ok(i as u64),
        Raw::Int(i) => Err(de::Error::custom(format!("must not be negative, got {i}"))),
        Raw::Str(s) => s
            .trim()
            .parse()
            .map_err(|_| de::Error::custom(format!("expected a whole number, got `{s}`"))),
    }
}

/// Accepts a TOML boolean or `true`/`false`/`1`/`0` as a string.
pub fn de_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bool(bool),
        Str(String),
    }
    match Raw::deserialize(d)? {
        Raw::Bool(b) => Ok(b),
        Raw::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(true),
            "false" | "0" | "no" | "off" => Ok(false),
            _ => Err(de::Error::custom(format!(
                "expected true or false, got `{s}`"
            ))),
        },
    }
}
