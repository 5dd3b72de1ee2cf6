//! Encryption at rest: the master key, the keys derived from it, and sealed files.
//!
//! One 256-bit master key lives in `storage.key_file` (mode 0600, outside `data_dir`) or
//! in `VAROTRA__STORAGE__KEY`. Nothing is encrypted with it directly: HKDF-SHA256 derives
//! one key for SQLCipher and one for files, so each use can change without the other.

mod files;
mod key;
pub mod passwords;
pub mod rotate;
mod stream;
pub mod tokens;

pub use files::{FileError, FileStore};
pub use key::{KeyError, MasterKey};
pub use rotate::RotateError;
pub use stream::SealedWriter;
