//! A customer's right to be forgotten and to their data, shared by the command line
//! (`varotra contact delete | export`) and the admin's contact page: the rows go in one
//! transaction (`db::erasure`), then their sealed files, then a WAL checkpoint so
//! nothing of them stays in the database files. BLOCKING: call it off the async threads.

use crate::crypto::FileStore;
use crate::db::erasure::{self, Erased};
use crate::db::{Db, DbError, ShopId};
use serde_json::Value;

/// What an erasure removed, and the files it could not delete (named with the reason,
/// to delete by hand).
pub struct Outcome {
    pub erased: Erased,
    pub kept: Vec<String>,
}

impl Outcome {
    /// True when the shop held nothing of this customer.
    pub fn was_empty(&self) -> bool {
        self.erased.conversations == 0 && self.erased.devis_anonymised == 0
    }

    /// The files actually deleted.
    pub fn files_deleted(&self) -> usize {
        self.erased.files.len() - self.kept.len()
    }
}

/// Erases the customer `phone` (normalised digits) of `shop`: messages, media,
/// conversations, prospect; their devis stay, anonymised, for the accounts.
pub fn erase_customer(
    db: &Db,
    files: &FileStore,
    shop: ShopId,
    phone: &str,
) -> Result<Outcome, DbError> {
    let p = phone.to_string();
    let erased = db.write_blocking(move |c| erasure::erase(c, shop, &p))?;
    let kept = erased
        .files
        .iter()
        .filter_map(|name| files.delete(name).err().map(|e| format!("{name} : {e}")))
        .collect();
    db.write_blocking(|c| erasure::checkpoint(c))?;
    Ok(Outcome { erased, kept })
}

/// One customer's data: the JSON of their conversations, prospect and devis, and
/// their files opened (FileStore name, bytes).
pub type Export = (Value, Vec<(String, Vec<u8>)>);

pub fn export_customer(
    db: &Db,
    files: &FileStore,
    shop: ShopId,
    phone: &str,
) -> Result<Export, DbError> {
    let p = phone.to_string();
    let (data, names) = db.read_blocking(move |c| erasure::export(c, shop, &p))?;
    let mut opened = Vec::with_capacity(names.len());
    for name in names {
        let bytes = files
            .get(&name)
            .map_err(|e| DbError::Invalid(format!("fichier {name} illisible : {e}")))?;
        opened.push((name, bytes));
    }
    Ok((data, opened))
}
