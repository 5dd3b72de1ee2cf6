//! `catalog import`, `catalog reindex` and `faq import`.

use crate::catalog::csv::{and_more, RowError};
use crate::catalog::faq;
use crate::catalog::import::{import_csv_with_progress, ImportError};
use crate::catalog::Catalog;
use crate::db::shops;
use crate::settings::Settings;
use crate::startup::open_store;
use anyhow::Context;
use std::path::Path;

fn open(settings: &Settings) -> anyhow::Result<(crate::db::Db, Catalog)> {
    let (db, _) = open_store(settings, false)?;
    let catalog =
        Catalog::open(&settings.server.data_dir, &db).context("index de recherche illisible")?;
    Ok((db, catalog))
}

fn refused(e: ImportError) -> anyhow::Error {
    if let ImportError::Invalid {
        errors,
        more_errors,
        warnings,
        more_warnings,
    } = &e
    {
        print_warnings(warnings, *more_warnings);
        for r in errors {
            eprintln!("  {r}");
        }
        if let Some(more) = and_more(*more_errors) {
            eprintln!("  {more}");
        }
    }
    anyhow::Error::new(e)
}

fn print_warnings(warnings: &[RowError], more: usize) {
    for w in warnings {
        eprintln!("  avertissement / warning: {w}");
    }
    if let Some(more) = and_more(more) {
        eprintln!("  avertissement / warning: {more}");
    }
}

pub fn import(settings: &Settings, shop: &str, file: &Path, dry_run: bool) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(file).with_context(|| format!("fichier {} illisible", file.display()))?;
    let (db, catalog) = open(settings)?;
    let shop = db.read_blocking(|c| shops::by_slug(c, shop))?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} produits {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let outcome = import_csv_with_progress(
        &db,
        &catalog,
        shop.id,
        &bytes,
        dry_run,
        &mut |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
    );
    bar.finish_and_clear();
    let report = outcome.map_err(refused)?;
    print_warnings(&report.warnings, report.more_warnings);
    let verb = if dry_run {
        "Vérifié (rien écrit) / checked (nothing written)"
    } else {
        "Importé / imported"
    };
    println!(
        "{verb}: {} produits — {} ajoutés / added, {} modifiés / updated, {} inchangés / unchanged ({:.1} s)",
        report.rows,
        report.added,
        report.updated,
        report.unchanged,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub fn reindex(settings: &Settings) -> anyhow::Result<()> {
    let (_, catalog) = open(settings)?;
    let r = catalog.reindex()?;
    println!(
        "Index reconstruit / index rebuilt: {} produits, {} FAQ",
        r.products, r.faq
    );
    Ok(())
}

pub fn faq_import(settings: &Settings, shop: &str, file: &Path) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(file).with_context(|| format!("fichier {} illisible", file.display()))?;
    let (db, catalog) = open(settings)?;
    let shop = db.read_blocking(|c| shops::by_slug(c, shop))?;
    let r = faq::import_csv(&db, &catalog, shop.id, &bytes, false).map_err(refused)?;
    println!(
        "FAQ importée / imported: {} questions — {} ajoutées / added, {} modifiées / updated, {} inchangées / unchanged",
        r.rows, r.added, r.updated, r.unchanged
    );
    Ok(())
}
