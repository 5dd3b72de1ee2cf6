//! FAQ import (`question,answer[,answer_mg]` CSV), all or nothing like the catalogue:
//! one bad row and nothing is written. Entries are upserted by question text
//! (case-insensitive); a file without the `answer_mg` column leaves the stored
//! Malagasy answers alone, an empty `answer_mg` cell clears one.

use super::csv::{decode, records, sniff_separator, RowError};
use super::import::ImportError;
use super::Catalog;
use crate::db::faq::{self, FaqUpsert};
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
    let (rows, mut errors) = parse_faq(bytes);
    if !errors.is_empty() {
        let mut more_errors = 0;
        super::csv::cap_listed(&mut errors, &mut more_errors, true);
        return Err(ImportError::Invalid {
            errors,
            more_errors,
            warnings: Vec::new(),
            more_warnings: 0,
        });
    }
    upsert_rows(db, catalog, shop, &rows, dry_run)
}

/// Adds or updates `rows` by question text, in one transaction, then indexes them.
/// The import and the first-run wizard's suggested FAQ both come through here.
pub fn upsert_rows(
    db: &Db,
    catalog: &Catalog,
    shop: ShopId,
    rows: &[FaqRow],
    dry_run: bool,
) -> Result<FaqImportReport, ImportError> {
    let mut report = FaqImportReport {
        dry_run,
        rows: rows.len(),
        ..Default::default()
    };
    let changed = db.write_blocking(|c| {
        let tx = c.transaction()?;
        let mut changed = Vec::new();
        for r in rows {
            let (id, outcome) =
                faq::upsert(&tx, shop, &r.question, &r.answer, r.answer_mg.as_deref())?;
            match outcome {
                FaqUpsert::Added => report.added += 1,
                FaqUpsert::Updated => report.updated += 1,
                FaqUpsert::Unchanged => report.unchanged += 1,
            }
            if outcome != FaqUpsert::Unchanged {
                changed.push(faq::get(&tx, shop, id)?);
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

/// A valid FAQ row.
#[derive(Debug, Clone, PartialEq)]
pub struct FaqRow {
    pub line: usize,
    pub question: String,
    pub answer: String,
    /// `Some("")` when the column is there but the cell is empty; `None` without it.
    pub answer_mg: Option<String>,
}

/// Parses `question,answer` files (French headers welcome: `réponse`).
pub fn parse_faq(bytes: &[u8]) -> (Vec<FaqRow>, Vec<RowError>) {
    let (text, _) = decode(bytes);
    let sep = sniff_separator(&text);
    let (recs, mut errors) = records(&text, sep);
    let mut recs = recs.into_iter();
    let Some(header) = recs.next() else {
        errors.push(RowError::new(
            1,
            "fichier vide : il faut l'en-tête question,answer",
        ));
        return (Vec::new(), errors);
    };
    let find = |names: &[&str]| {
        header
            .fields
            .iter()
            .position(|h| names.contains(&super::synonyms::key(h).as_str()))
    };
    let (Some(q), Some(a)) = (
        find(&["question", "questions", "q"]),
        find(&["answer", "reponse", "reponses", "r"]),
    ) else {
        errors.push(RowError::new(
            header.line,
            "en-tête attendu : question,answer[,answer_mg] (ou question;réponse;réponse_mg)",
        ));
        return (Vec::new(), errors);
    };
    let mg = find(&[
        "answer mg",
        "reponse mg",
        "answer malagasy",
        "reponse malgache",
        "valiny",
    ]);
    // A near-miss of the Malagasy column would silently import no Malagasy at all.
    if mg.is_none() {
        if let Some(h) = header.fields.iter().find(|h| {
            let k = super::synonyms::key(h);
            k.contains("mg") || k.contains("malga") || k.contains("malaga")
        }) {
            errors.push(RowError::new(
                header.line,
                format!("colonne « {h} » inconnue : voulez-vous dire answer_mg ?"),
            ));
            return (Vec::new(), errors);
        }
    }
    let mut rows = Vec::new();
    for rec in recs {
        if rec.fields.len() != header.fields.len() {
            errors.push(RowError::new(rec.line, format!("{} colonnes au lieu de {} (mettez les textes contenant « {} » entre guillemets)", rec.fields.len(), header.fields.len(), sep as char)));
            continue;
        }
        let (question, answer) = (
            rec.fields[q].trim().to_string(),
            rec.fields[a].trim().to_string(),
        );
        if question.is_empty() {
            errors.push(RowError::new(rec.line, "question manquante"));
        } else if answer.is_empty() {
            errors.push(RowError::new(rec.line, "réponse manquante"));
        } else {
            rows.push(FaqRow {
                line: rec.line,
                question,
                answer,
                answer_mg: mg.map(|i| rec.fields[i].trim().to_string()),
            });
        }
    }
    errors.sort_by_key(|e| e.line);
    (rows, errors)
}
