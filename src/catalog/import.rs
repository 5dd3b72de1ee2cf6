//! Catalogue import, shared by the CLI, the admin upload form and the API.
//!
//! All or nothing: the whole file is parsed and checked first; one bad row and nothing
//! is written, and every bad row is reported. A good file is upserted by (shop, SKU)
//! in ONE SQLite transaction, then the changed products go into the search index in
//! one commit. `dry_run` runs the same upserts and rolls them back, so its counts are
//! exactly what a real import would do.

use super::csv::{parse_catalog, ParsedRow, Present, RowError};
use super::{Catalog, CatalogError};
use crate::db::products::{self, Product, ProductInput, Upsert};
use crate::db::{Db, DbError, ShopId};
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Product rows in the file.
    pub rows: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Things read with a repair (decimal comma...), the first hundred by line.
    pub warnings: Vec<RowError>,
    /// Warnings past the first hundred, only counted.
    pub more_warnings: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} erreur(s) dans le fichier : rien n'a été importé", errors.len() + more_errors)]
    Invalid {
        /// The first hundred errors by line ([`super::csv::MAX_LISTED`]).
        errors: Vec<RowError>,
        /// Errors past those, only counted ("… et N autres").
        more_errors: usize,
        warnings: Vec<RowError>,
        more_warnings: usize,
    },
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
}

/// `input` with the stored values of the columns the file does not have, so that a
/// file of only `sku,title,price` updates prices without blanking descriptions, stock
/// or currencies. New products keep the defaults.
fn keep_absent_columns(
    conn: &crate::db::Connection,
    shop: ShopId,
    input: &ProductInput,
    present: Present,
) -> Result<ProductInput, DbError> {
    let mut input = input.clone();
    if present.currency && present.stock && present.description {
        return Ok(input); // the image column, absent, is kept by the update itself
    }
    if let Some(old) = products::get_by_sku(conn, shop, &input.sku)? {
        if !present.currency {
            input.currency = old.currency;
        }
        if !present.stock {
            input.stock = old.stock;
        }
        if !present.description {
            input.description = old.description;
        }
    }
    Ok(input)
}

/// Where an import is, for progress bars: `(done, total)` rows saved.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Imports a catalogue CSV for `shop`; see the module docs.
pub fn import_csv(
    db: &Db,
    catalog: &Catalog,
    shop: ShopId,
    bytes: &[u8],
    dry_run: bool,
) -> Result<ImportReport, ImportError> {
    import_csv_with_progress(db, catalog, shop, bytes, dry_run, &mut |_, _| {})
}

pub fn import_csv_with_progress(
    db: &Db,
    catalog: &Catalog,
    shop: ShopId,
    bytes: &[u8],
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<ImportReport, ImportError> {
    let parsed = parse_catalog(bytes);
    if !parsed.errors.is_empty() {
        return Err(ImportError::Invalid {
            errors: parsed.errors,
            more_errors: parsed.more_errors,
            warnings: parsed.warnings,
            more_warnings: parsed.more_warnings,
        });
    }
    let total = parsed.rows.len();
    let mut report = ImportReport {
        dry_run,
        rows: total,
        warnings: parsed.warnings,
        more_warnings: parsed.more_warnings,
        ..Default::default()
    };
    let present = parsed.present;
    let changed = db.write_blocking(|c| {
        let tx = c.transaction()?;
        let mut changed = Vec::new();
        for (n, row) in parsed.rows.iter().enumerate() {
            let input = keep_absent_columns(&tx, shop, &row.input, present)?;
            let row = ParsedRow {
                line: row.line,
                input,
            };
            let (id, outcome) = products::upsert(&tx, shop, &row.input)?;
            match outcome {
                Upsert::Added => report.added += 1,
                Upsert::Updated => report.updated += 1,
                Upsert::Unchanged => report.unchanged += 1,
            }
            if outcome != Upsert::Unchanged && !dry_run {
                // Only the searchable fields matter to the index.
                changed.push(Product {
                    id,
                    shop_id: shop,
                    sku: row.input.sku.clone(),
                    title: row.input.title.clone(),
                    description: row.input.description.clone(),
                    price: row.input.price,
                    currency: row.input.currency.clone(),
                    stock: row.input.stock,
                    image: row.input.image.clone(),
                    updated_at: String::new(),
                    held: 0,
                });
            }
            if n % 500 == 0 || n + 1 == total {
                progress(n + 1, total);
            }
        }
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(changed)
    })?;
    if !changed.is_empty() {
        catalog.index_products(&changed)?;
    }
    Ok(report)
}
