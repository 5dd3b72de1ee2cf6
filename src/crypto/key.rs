//! Loading, creating and deriving from the master key.

use crate::settings::Settings;
use hkdf::Hkdf;
use rand::RngCore;
use sha2::Sha256;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("le fichier de clé {0} n'existe pas : lancez `varotra migrate` pour le créer, ou réglez VAROTRA__STORAGE__KEY / key file does not exist")]
    Missing(PathBuf),
    #[error("le fichier de clé {0} est lisible par d'autres utilisateurs : lancez `chmod 600 {0}` / key file readable by other users")]
    TooOpen(PathBuf),
    #[error("le fichier de clé {0} ne contient pas 64 caractères hexadécimaux / key file does not hold 64 hexadecimal characters")]
    Malformed(PathBuf),
    #[error("fichier de clé {path} illisible ou non inscriptible / cannot read or write key file: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The 32-byte master key. `Debug` never prints it.
#[derive(Clone)]
pub struct MasterKey {
    bytes: [u8; 32],
    /// Where it came from, for messages (`the key file /etc/varotra/varotra.key`).
    pub source: String,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MasterKey([redacted] from {})", self.source)
    }
}

impl MasterKey {
    pub fn from_bytes(bytes: [u8; 32], source: impl Into<String>) -> Self {
        Self {
            bytes,
            source: source.into(),
        }
    }

    pub fn generate(source: impl Into<String>) -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self::from_bytes(bytes, source)
    }

    /// Loads the key named by the settings; `create` makes a new key file when none
    /// exists (only `migrate` does that, on a store that has no database yet).
    pub fn load(settings: &Settings, create: bool) -> Result<Self, KeyError> {
        let hex_key = settings.storage.key.expose();
        if !hex_key.is_empty() {
            let bytes = decode(hex_key)
                .ok_or_else(|| KeyError::Malformed("VAROTRA__STORAGE__KEY".into()))?;
            return Ok(Self::from_bytes(bytes, "VAROTRA__STORAGE__KEY"));
        }
        let path = &settings.storage.key_file;
        match std::fs::metadata(path) {
            Ok(meta) => {
                check_mode(path, &meta)?;
                Self::read_file(path)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !create {
                    return Err(KeyError::Missing(path.clone()));
                }
                let key = Self::generate(path.display().to_string());
                key.write_file(path)?;
                Ok(key)
            }
            Err(source) => Err(KeyError::Io {
                path: path.clone(),
                source,
            }),
        }
    }

    pub fn read_file(path: &Path) -> Result<Self, KeyError> {
        let text = std::fs::read_to_string(path).map_err(|source| KeyError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let bytes = decode(text.trim()).ok_or_else(|| KeyError::Malformed(path.to_path_buf()))?;
        Ok(Self::from_bytes(bytes, path.display().to_string()))
    }

    /// Writes the key as hex to `path` with mode 0600, durably (temp file + rename).
    pub fn write_file(&self, path: &Path) -> Result<(), KeyError> {
        let io = |source| KeyError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let tmp = path.with_extension("key.tmp");
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = opts.open(&tmp).map_err(io)?;
        file.write_all(format!("{}\n", hex::encode(self.bytes)).as_bytes())
            .map_err(io)?;
        file.sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)?;
        Ok(())
    }

    /// A 32-byte subkey for one purpose (`"sqlcipher"`, `"files"`, ...).
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        let hk = Hkdf::<Sha256>::new(Some(b"varotra-v1"), &self.bytes);
        let mut out = [0u8; 32];
        hk.expand(purpose.as_bytes(), &mut out)
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        out
    }

    /// The SQLCipher raw key, as the `x'...'` literal `PRAGMA key` takes.
    pub fn sqlcipher_pragma(&self) -> String {
        format!("\"x'{}'\"", hex::encode(self.derive("sqlcipher")))
    }
}

fn decode(text: &str) -> Option<[u8; 32]> {
    let bytes = hex::decode(text).ok()?;
    bytes.try_into().ok()
}

#[cfg(unix)]
fn check_mode(path: &Path, meta: &std::fs::Metadata) -> Result<(), KeyError> {
    use std::os::unix::fs::PermissionsExt;
    if meta.permissions().mode() & 0o077 != 0 {
        return Err(KeyError::TooOpen(path.to_path_buf()));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_mode(_path: &Path, _meta: &std::fs::Metadata) -> Result<(), KeyError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_keys_differ_by_purpose_and_are_stable() {
        let k = MasterKey::from_bytes([7; 32], "test");
        assert_ne!(k.derive("sqlcipher"), k.derive("files"));
        assert_eq!(k.derive("files"), k.derive("files"));
    }

    #[test]
    fn debug_output_hides_the_key() {
        let k = MasterKey::from_bytes([0xab; 32], "test");
        assert!(!format!("{k:?}").contains("abab"));
    }

    #[test]
    fn a_written_key_reads_back_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.key");
        let k = MasterKey::generate("t");
        k.write_file(&path).unwrap();
        let back = MasterKey::read_file(&path).unwrap();
        assert_eq!(back.derive("x"), k.derive("x"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
