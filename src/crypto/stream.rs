//! Files sealed as a stream (`VRT2`): a 19-byte nonce prefix, then 64 KiB chunks sealed
//! with the STREAM construction (`aead::stream`, big-endian 32-bit counter and a flag
//! on the last chunk), so a media download is sealed as it arrives, whatever its size,
//! and a truncated or reordered file fails to open. [`FileStore::writer`] writes one;
//! `FileStore::get` reads both layouts.

use super::files::{FileError, FileStore};
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::aead::Payload;
use chacha20poly1305::XChaCha20Poly1305;
use rand::RngCore;
use std::io::Write;
use std::path::PathBuf;

pub const STREAM_MAGIC: &[u8; 4] = b"VRT2";
/// Plaintext bytes per sealed chunk.
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;
pub const PREFIX: usize = 19;

impl FileStore {
    /// A writer that seals what it is given chunk by chunk into `name`; nothing is in
    /// place until [`SealedWriter::finish`] (temp file, synced, renamed).
    pub fn writer(&self, name: &str) -> Result<SealedWriter, FileError> {
        let path = self.path_of(name)?;
        let io = |source| FileError::Io {
            path: name.to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(io)?);
        let encryptor = match &self.cipher {
            Some(cipher) => {
                let mut prefix = [0u8; PREFIX];
                rand::rngs::OsRng.fill_bytes(&mut prefix);
                file.write_all(STREAM_MAGIC).map_err(io)?;
                file.write_all(&prefix).map_err(io)?;
                Some(EncryptorBE32::from_aead(cipher.clone(), (&prefix).into()))
            }
            None => None,
        };
        Ok(SealedWriter {
            name: name.to_string(),
            path,
            tmp,
            file: Some(file),
            encryptor,
            buf: Vec::with_capacity(CHUNK),
            written: 0,
        })
    }
}

pub(super) fn open(
    cipher: &XChaCha20Poly1305,
    name: &str,
    data: &[u8],
) -> Result<Vec<u8>, FileError> {
    let tampered = || FileError::Tampered(name.to_string());
    let prefix = &data[4..4 + PREFIX];
    let mut decryptor = DecryptorBE32::from_aead(cipher.clone(), prefix.into());
    let mut rest = &data[4 + PREFIX..];
    let mut out = Vec::with_capacity(rest.len());
    loop {
        let take = rest.len().min(CHUNK + TAG);
        let (chunk, after) = rest.split_at(take);
        let payload = Payload {
            msg: chunk,
            aad: name.as_bytes(),
        };
        if after.is_empty() {
            out.extend(decryptor.decrypt_last(payload).map_err(|_| tampered())?);
            return Ok(out);
        }
        out.extend(decryptor.decrypt_next(payload).map_err(|_| tampered())?);
        rest = after;
    }
}

/// Seals a file chunk by chunk as it is written ([`FileStore::writer`]).
pub struct SealedWriter {
    name: String,
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
    encryptor: Option<EncryptorBE32<XChaCha20Poly1305>>,
    buf: Vec<u8>,
    written: u64,
}

impl SealedWriter {
    /// Plaintext bytes written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    fn io(&self, source: std::io::Error) -> FileError {
        FileError::Io {
            path: self.name.clone(),
            source,
        }
    }

    fn seal_chunk(&mut self) -> Result<(), FileError> {
        let chunk = std::mem::take(&mut self.buf);
        let bytes = match &mut self.encryptor {
            Some(enc) => enc
                .encrypt_next(Payload {
                    msg: &chunk,
                    aad: self.name.as_bytes(),
                })
                .map_err(|_| FileError::Tampered(self.name.clone()))?,
            None => chunk,
        };
        let file = self.file.as_mut().expect("writer open");
        file.write_all(&bytes).map_err(|e| FileError::Io {
            path: self.name.clone(),
            source: e,
        })?;
        self.buf = Vec::with_capacity(CHUNK);
        Ok(())
    }

    /// Adds `bytes` to the file. A full chunk is sealed only once more data comes, so
    /// the last one is always the one [`Self::finish`] flags.
    pub fn write(&mut self, mut bytes: &[u8]) -> Result<(), FileError> {
        self.written += bytes.len() as u64;
        while !bytes.is_empty() {
            if self.buf.len() == CHUNK {
                self.seal_chunk()?;
            }
            let room = CHUNK - self.buf.len();
            let (now, later) = bytes.split_at(room.min(bytes.len()));
            self.buf.extend_from_slice(now);
            bytes = later;
        }
        Ok(())
    }

    /// Seals the last chunk, syncs, and puts the file in place.
    pub fn finish(mut self) -> Result<u64, FileError> {
        let last = std::mem::take(&mut self.buf);
        let bytes = match self.encryptor.take() {
            Some(enc) => enc
                .encrypt_last(Payload {
                    msg: &last,
                    aad: self.name.as_bytes(),
                })
                .map_err(|_| FileError::Tampered(self.name.clone()))?,
            None => last,
        };
        let mut file = self.file.take().expect("writer open");
        file.write_all(&bytes).map_err(|e| self.io(e))?;
        let file = file.into_inner().map_err(|e| self.io(e.into_error()))?;
        file.sync_all().map_err(|e| self.io(e))?;
        std::fs::rename(&self.tmp, &self.path).map_err(|e| self.io(e))?;
        Ok(self.written)
    }
}

impl Drop for SealedWriter {
    /// An abandoned writer (over the size cap, a broken download) leaves nothing.
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::MasterKey;

    #[test]
    fn a_streamed_file_reads_back_and_a_truncated_one_fails() {
        let (dir, fs) = store();
        let data: Vec<u8> = (0..(3 * CHUNK + 17)).map(|i| (i % 251) as u8).collect();
        let mut w = fs.writer("media/1/7").unwrap();
        for piece in data.chunks(1000) {
            w.write(piece).unwrap();
        }
        assert_eq!(w.finish().unwrap(), data.len() as u64);
        assert_eq!(fs.get("media/1/7").unwrap(), data);
        let raw = std::fs::read(dir.path().join("media/1/7")).unwrap();
        std::fs::write(dir.path().join("media/1/7"), &raw[..raw.len() - 100]).unwrap();
        assert!(matches!(fs.get("media/1/7"), Err(FileError::Tampered(_))));
        // Exactly one chunk, and empty: the last-chunk flag still closes them.
        for len in [CHUNK, 0] {
            let mut w = fs.writer("media/1/8").unwrap();
            w.write(&data[..len]).unwrap();
            w.finish().unwrap();
            assert_eq!(fs.get("media/1/8").unwrap(), &data[..len]);
        }
    }

    #[test]
    fn an_abandoned_writer_leaves_no_file() {
        let (dir, fs) = store();
        let mut w = fs.writer("media/1/9").unwrap();
        w.write(b"partial").unwrap();
        drop(w);
        assert!(!fs.exists("media/1/9"));
        let left: Vec<_> = std::fs::read_dir(dir.path().join("media/1"))
            .unwrap()
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    fn store() -> (tempfile::TempDir, FileStore) {
        let dir = tempfile::tempdir().unwrap();
        let key = MasterKey::from_bytes([9; 32], "t");
        let fs = FileStore::new(dir.path().to_path_buf(), Some(&key));
        (dir, fs)
    }
}
