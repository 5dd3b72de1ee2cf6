//! FAQ import (`question,answer` CSV), all or nothing like the catalogue: one bad row
//! and nothing is written. Pairs are upserted by question text (case-insensitive).

use super::csv::parse_faq;
use super::import::ImportError;
use super::Catalog;
use crate::db::faq::{self, FaqItem, FaqUpsert};
use crate::db::{Db, ShopId};
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FaqImportReport {
    pub dry_run: bool,
    pub rows: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

pub fn import_csv(
    db: &Db,
    catalog: &Catalog,
    shop: ShopId,
    bytes: &[u8],
    dry_run: bool,
) -> Result<FaqImportReport, ImportError> {
    let (rows, errors) = parse_faq(bytes);
    if !errors.is_empty() {
        return Err(ImportError::Invalid {
            errors,
            warnings: Vec::new(),
        });
    }
    let mut report = FaqImportReport {
        dry_run,
        rows: rows.len(),
        ..Default::default()
    };
    let changed = db.write_blocking(|c| {
        let tx = c.transaction()?;
        let mut changed = Vec::new();
        for r in &rows {
            let (id, outcome) = faq::upsert(&tx, shop, &r.question, &r.answer)?;
            match outcome {
                FaqUpsert::Added => report.added += 1,
                FaqUpsert::Updated => report.updated += 1,
                FaqUpsert::Unchanged => report.unchanged += 1,
            }
            if outcome != FaqUpsert::Unchanged {
                changed.push(FaqItem {
                    id,
                    shop_id: shop,
                    question: r.question.clone(),
                    answer: r.answer.clone(),
                });
            }
        }
        if dry_run {
            tx.rollback()?;
            return Ok(Vec::new());
        }
        tx.commit()?;
        Ok(changed)
    })?;
    if !changed.is_empty() {
        catalog.index_faq(&changed)?;
    }
    Ok(report)
}
