//! `varotra shop export --shop S FILE` and `varotra shop import FILE`: a shop's
//! set-up (identity, plan, settings — texts, hours, delivery, payment numbers,
//! templates mapping —, the devis branding (logo, colour, footer; format version 2),
//! search synonyms, catalogue and FAQ) moved to another box as one versioned JSON
//! file; version 1 files still import. Customers, conversations and devis never leave,
//! nor do the mobile-money secrets (`payments::SECRET_SETTINGS`: typed again on the
//! new box).
//!
//! The catalogue and the FAQ travel as the same CSV the admin imports, so the other
//! side checks and indexes them through the usual import; both are checked before
//! the shop is created, so a bad file creates nothing.

use crate::catalog::{faq, import, Catalog};
use crate::db::{branding, faq as faq_rows, products, shops, synonyms, usage};
use crate::settings::Settings;
use crate::startup::open_store;
use anyhow::{bail, Context};
use base64::{engine::general_purpose::STANDARD as B64, Engine};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const FORMAT: &str = "varotra-shop";
/// 2 added `branding` (logo, accent colour, footer); files of version 1 still import.
pub const VERSION: u32 = 2;
const OLDEST: u32 = 1;

#[derive(Serialize, Deserialize)]
struct ShopFile {
    format: String,
    version: u32,
    exported_at: String,
    shop: Identity,
    settings: BTreeMap<String, String>,
    synonyms: Vec<(String, String)>,
    catalogue_csv: String,
    faq_csv: String,
    /// The devis and factures' branding (version 2).
    #[serde(default)]
    branding: Option<BrandingFile>,
}

#[derive(Serialize, Deserialize)]
struct BrandingFile {
    /// The stored PNG, base64 (standard alphabet).
    logo_png_base64: Option<String>,
    accent: Option<String>,
    footer: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Identity {
    slug: String,
    company_name: String,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    nif: Option<String>,
    stat: Option<String>,
    rcs: Option<String>,
    vat_rate_bp: Option<i64>,
    timezone: String,
    plan: String,
}

fn csv_text(header: &[&str], rows: Vec<Vec<String>>) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for r in rows {
        w.write_record(r)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

pub fn export(settings: &Settings, slug: &str, file: &Path) -> anyhow::Result<()> {
    let (db, _) = open_store(settings, false)?;
    let shop = db.read_blocking(|c| shops::by_slug(c, slug))?;
    let (all, syn, items, faqs, brand) = db.read_blocking(|c| {
        let mut items = Vec::new();
        products::for_each(c, Some(shop.id), |p| items.push(p))?;
        Ok((
            shops::all_settings(c, shop.id)?,
            synonyms::load(c, shop.id)?,
            items,
            faq_rows::list(c, shop.id)?,
            branding::get(c, shop.id)?,
        ))
    })?;
    let catalogue = items
        .into_iter()
        .map(|p| {
            vec![
                p.sku,
                p.title,
                p.price.0.to_string(),
                p.currency,
                p.stock.map(|s| s.to_string()).unwrap_or_default(),
                p.description,
            ]
        })
        .collect();
    let faq = faqs
        .into_iter()
        .map(|f| vec![f.question, f.answer, f.answer_mg.unwrap_or_default()])
        .collect();
    let out = ShopFile {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: crate::db::now_text(),
        shop: Identity {
            slug: shop.slug,
            company_name: shop.company_name,
            email: shop.email,
            phone: shop.phone,
            address: shop.address,
            nif: shop.nif,
            stat: shop.stat,
            rcs: shop.rcs,
            vat_rate_bp: shop.vat_rate_bp,
            timezone: shop.timezone,
            plan: shop.plan,
        },
        // The mobile-money secrets stay on this box: the file is plain JSON.
        settings: all
            .into_iter()
            .filter(|(k, _)| !crate::payments::SECRET_SETTINGS.iter().any(|(s, _)| s == k))
            .collect(),
        synonyms: syn,
        catalogue_csv: csv_text(
            &["sku", "title", "price", "currency", "stock", "description"],
            catalogue,
        )?,
        faq_csv: csv_text(&["question", "answer", "answer_mg"], faq)?,
        branding: (brand != branding::Branding::default()).then(|| BrandingFile {
            logo_png_base64: brand.logo_png.as_deref().map(|b| B64.encode(b)),
            accent: brand.accent,
            footer: brand.footer,
        }),
    };
    let json = serde_json::to_vec_pretty(&out)?;
    std::fs::write(file, json)
        .with_context(|| format!("écriture de {} impossible", file.display()))?;
    println!(
        "Boutique {slug} exportée / exported to {} (sans clients ni conversations / no customer data)",
        file.display()
    );
    Ok(())
}

/// Reads and checks a shop file: its format, its version, its two CSVs.
fn read(file: &Path) -> anyhow::Result<ShopFile> {
    let bytes =
        std::fs::read(file).with_context(|| format!("fichier {} illisible", file.display()))?;
    let head: serde_json::Value = serde_json::from_slice(&bytes).with_context(|| {
        format!(
            "{} : JSON invalide (fichier d'export Varotra attendu)",
            file.display()
        )
    })?;
    if head["format"] != FORMAT {
        bail!(
            "{} : champ \"format\" = {} ; un export de boutique Varotra porte \"{FORMAT}\"",
            file.display(),
            head["format"]
        );
    }
    match head["version"].as_u64() {
        Some(v) if (u64::from(OLDEST)..=u64::from(VERSION)).contains(&v) => {}
        Some(v) => bail!(
            "{} : version {v} du format ; ce programme lit les versions {OLDEST} à {VERSION} (mettez Varotra à jour)",
            file.display()
        ),
        None => bail!("{} : champ \"version\" absent ou non numérique", file.display()),
    }
    let parsed: ShopFile = serde_json::from_value(head)
        .with_context(|| format!("{} : contenu invalide", file.display()))?;
    let catalogue = crate::catalog::csv::parse_catalog(parsed.catalogue_csv.as_bytes());
    if let Some(e) = catalogue.errors.first() {
        bail!("{} : catalogue, {e}", file.display());
    }
    let (_, faq_errors) = faq::parse_faq(parsed.faq_csv.as_bytes());
    if let Some(e) = faq_errors.first() {
        bail!("{} : FAQ, {e}", file.display());
    }
    Ok(parsed)
}

/// The file's branding checked as the admin checks it (the logo decoded and re-encoded,
/// the colour and footer parsed), so a hand-edited file cannot store what the form
/// would refuse.
fn checked_branding(file: &Path, b: &BrandingFile) -> anyhow::Result<branding::Branding> {
    let bad = |field: &str, e: &dyn std::fmt::Display| {
        anyhow::anyhow!("{} : branding.{field}, {e}", file.display())
    };
    let logo_png = match &b.logo_png_base64 {
        Some(text) => {
            let raw = B64
                .decode(text.trim())
                .map_err(|e| bad("logo_png_base64", &e))?;
            Some(crate::branding::normalize_logo(&raw).map_err(|e| bad("logo_png_base64", &e))?)
        }
        None => None,
    };
    let accent = crate::branding::parse_accent(b.accent.as_deref().unwrap_or(""))
        .map_err(|e| bad("accent", &e))?;
    let footer = crate::branding::parse_footer(b.footer.as_deref().unwrap_or(""))
        .map_err(|e| bad("footer", &e))?;
    Ok(branding::Branding {
        logo_png,
        accent,
        footer,
    })
}

pub fn import(settings: &Settings, file: &Path, slug: Option<&str>) -> anyhow::Result<()> {
    let f = read(file)?;
    let brand = f
        .branding
        .as_ref()
        .map(|b| checked_branding(file, b))
        .transpose()?;
    let (db, _) = open_store(settings, false)?;
    let catalog =
        Catalog::open(&settings.server.data_dir, &db).context("index de recherche illisible")?;
    let slug = slug.unwrap_or(&f.shop.slug).to_string();
    let new = shops::NewShop {
        slug: slug.clone(),
        company_name: f.shop.company_name.clone(),
        email: f.shop.email.clone(),
        phone: f.shop.phone.clone(),
        address: f.shop.address.clone(),
        nif: f.shop.nif.clone(),
        stat: f.shop.stat.clone(),
        rcs: f.shop.rcs.clone(),
        vat_rate_bp: f.shop.vat_rate_bp,
        timezone: Some(f.shop.timezone.clone()),
    };
    let shop = db
        .write_blocking(|c| {
            let tx = c.transaction()?;
            let shop = shops::create(&tx, &new)?;
            usage::set_plan(&tx, shop, &f.shop.plan)?;
            for (k, v) in &f.settings {
                shops::set_setting(&tx, shop, k, v)?;
            }
            synonyms::replace(&tx, shop, &f.synonyms)?;
            if let Some(b) = &brand {
                branding::put(&tx, shop, b)?;
            }
            tx.commit()?;
            Ok(shop)
        })
        .with_context(|| format!("boutique {slug} : création impossible (un autre --slug ?)"))?;
    let products = import::import_csv(&db, &catalog, shop, f.catalogue_csv.as_bytes(), false)?;
    let faqs = faq::import_csv(&db, &catalog, shop, f.faq_csv.as_bytes(), false)?;
    println!(
        "Boutique {slug} importée / imported: {} produits, {} FAQ, {} réglages",
        products.rows,
        faqs.rows,
        f.settings.len()
    );
    Ok(())
}
