//! Files under `data_dir` (media, devis PDFs, uploaded CSVs), each sealed on its own.
//!
//! Layout of a sealed file: magic `VRT1`, a 24-byte random nonce, then the
//! XChaCha20-Poly1305 ciphertext. A file written as a stream ([`FileStore::writer`]:
//! media downloads, whatever their size, never held whole in memory) is `VRT2`, a
//! 19-byte nonce prefix, then 64 KiB chunks sealed with the STREAM construction
//! (`aead::stream`, big-endian 32-bit counter and last-chunk flag), so a truncated or
//! reordered file fails to open. The relative path is bound as associated data, so a
//! file moved or renamed on disk fails to open instead of serving the wrong content.

use super::MasterKey;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

const MAGIC: &[u8; 4] = b"VRT1";
pub(super) use super::stream::{PREFIX, STREAM_MAGIC};

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("invalid stored file name `{0}`")]
    BadName(String),
    #[error("stored file `{0}` not found")]
    NotFound(String),
    #[error("stored file `{0}` failed authentication (wrong key or altered)")]
    Tampered(String),
    #[error("i/o error on stored file `{path}`: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// Reads and writes sealed files below one root directory.
#[derive(Clone)]
pub struct FileStore {
    pub(super) root: PathBuf,
    pub(super) cipher: Option<XChaCha20Poly1305>,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileStore")
            .field("root", &self.root)
            .field("encrypted", &self.cipher.is_some())
            .finish()
    }
}

impl FileStore {
    /// `key = None` stores plain files (tests and benchmarks with encryption off).
    pub fn new(root: PathBuf, key: Option<&MasterKey>) -> Self {
        let cipher = key.map(|k| XChaCha20Poly1305::new(&k.derive("files").into()));
        Self { root, cipher }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(super) fn path_of(&self, name: &str) -> Result<PathBuf, FileError> {
        let rel = Path::new(name);
        let safe = !name.is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(FileError::BadName(name.to_string()));
        }
        Ok(self.root.join(rel))
    }

    /// Stores `bytes` under the relative `name` (e.g. `devis/3/DEV-2026-0001.pdf`),
    /// durably: written to a temp file, synced, then renamed into place.
    pub fn put(&self, name: &str, bytes: &[u8]) -> Result<(), FileError> {
        let path = self.path_of(name)?;
        let io = |source| FileError::Io {
            path: name.to_string(),
            source,
        };
        let sealed = self.seal(name, bytes)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(&sealed).map_err(io)?;
        f.sync_all().map_err(io)?;
        std::fs::rename(&tmp, &path).map_err(io)?;
        Ok(())
    }

    /// Reads and authenticates the file stored under `name`.
    pub fn get(&self, name: &str) -> Result<Vec<u8>, FileError> {
        let path = self.path_of(name)?;
        let data = std::fs::read(&path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                FileError::NotFound(name.to_string())
            } else {
                FileError::Io {
                    path: name.to_string(),
                    source,
                }
            }
        })?;
        self.open(name, &data)
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path_of(name).map(|p| p.exists()).unwrap_or(false)
    }

    pub fn delete(&self, name: &str) -> Result<(), FileError> {
        let path = self.path_of(name)?;
        match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(FileError::Io {
                path: name.to_string(),
                source,
            }),
        }
    }

    pub fn seal(&self, name: &str, bytes: &[u8]) -> Result<Vec<u8>, FileError> {
        let Some(cipher) = &self.cipher else {
            return Ok(bytes.to_vec());
        };
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let ct = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: bytes,
                    aad: name.as_bytes(),
                },
            )
            .map_err(|_| FileError::Tampered(name.to_string()))?;
        let mut out = Vec::with_capacity(4 + 24 + ct.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        Ok(out)
    }

    pub fn open(&self, name: &str, data: &[u8]) -> Result<Vec<u8>, FileError> {
        let Some(cipher) = &self.cipher else {
            return Ok(data.to_vec());
        };
        if data.len() >= 4 + PREFIX && &data[..4] == STREAM_MAGIC {
            return super::stream::open(cipher, name, data);
        }
        if data.len() < 28 || &data[..4] != MAGIC {
            return Err(FileError::Tampered(name.to_string()));
        }
        cipher
            .decrypt(
                XNonce::from_slice(&data[4..28]),
                Payload {
                    msg: &data[28..],
                    aad: name.as_bytes(),
                },
            )
            .map_err(|_| FileError::Tampered(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, FileStore) {
        let dir = tempfile::tempdir().unwrap();
        let key = MasterKey::from_bytes([9; 32], "t");
        let fs = FileStore::new(dir.path().to_path_buf(), Some(&key));
        (dir, fs)
    }

    #[test]
    fn a_sealed_file_reads_back_and_holds_no_plaintext() {
        let (dir, fs) = store();
        fs.put("devis/1/a.pdf", b"%PDF-1.7 secret 261341234567")
            .unwrap();
        let raw = std::fs::read(dir.path().join("devis/1/a.pdf")).unwrap();
        assert!(!raw.windows(4).any(|w| w == b"%PDF"));
        assert_eq!(
            fs.get("devis/1/a.pdf").unwrap(),
            b"%PDF-1.7 secret 261341234567"
        );
    }

    #[test]
    fn a_renamed_file_fails_authentication() {
        let (dir, fs) = store();
        fs.put("a.bin", b"hello").unwrap();
        std::fs::rename(dir.path().join("a.bin"), dir.path().join("b.bin")).unwrap();
        assert!(matches!(fs.get("b.bin"), Err(FileError::Tampered(_))));
    }

    #[test]
    fn another_key_cannot_open_a_file() {
        let (dir, fs) = store();
        fs.put("a.bin", b"hello").unwrap();
        let other = FileStore::new(
            dir.path().to_path_buf(),
            Some(&MasterKey::from_bytes([1; 32], "o")),
        );
        assert!(matches!(other.get("a.bin"), Err(FileError::Tampered(_))));
    }

    #[test]
    fn names_that_climb_out_of_the_root_are_refused() {
        let (_dir, fs) = store();
        assert!(matches!(fs.put("../x", b"a"), Err(FileError::BadName(_))));
        assert!(matches!(fs.put("/etc/x", b"a"), Err(FileError::BadName(_))));
    }
}
