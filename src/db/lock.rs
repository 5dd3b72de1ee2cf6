//! The server's hold on its data: `serve` takes an exclusive advisory lock on
//! `data_dir/varotra.lock` for as long as it runs, and the commands that replace the
//! store under it (`restore`, `key rotate`) take the same lock or refuse. The kernel
//! drops the lock when the process ends, even after `kill -9`, so a stale file never
//! blocks anything.

use super::DbError;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

const FILE: &str = "varotra.lock";

/// Held while alive; dropping it releases the lock.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
    path: PathBuf,
}

impl StoreLock {
    /// Takes the lock of `data_dir`, or says that a server holds it.
    pub fn acquire(data_dir: &Path) -> Result<StoreLock, DbError> {
        let path = data_dir.join(FILE);
        let io = |source| DbError::Io {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(StoreLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(DbError::InUse(data_dir.to_path_buf())),
            Err(TryLockError::Error(e)) => Err(io(e)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = super::StoreLock::acquire(dir.path()).unwrap();
        let err = super::StoreLock::acquire(dir.path()).unwrap_err();
        assert!(matches!(err, super::DbError::InUse(_)), "{err}");
        drop(first);
        assert!(super::StoreLock::acquire(dir.path()).is_ok());
    }
}
