//! `contact delete` and `contact export`: a customer's right to be forgotten and to
//! get their data, from the command line.

use crate::crm::erasure;
use crate::crm::prospects::normalize_phone;
use crate::db::{shops, ShopId};
use crate::settings::Settings;
use crate::startup::open_store;
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Effacer un client partout : messages, fichiers, prospect, conversations ; ses
    /// devis restent (numéros et montants) mais anonymisés.
    #[command(
        after_help = "Exemple : varotra contact delete --shop epicerie-rivo --phone 261341234567"
    )]
    Delete {
        /// Boutique (son identifiant court).
        #[arg(long)]
        shop: String,
        /// Numéro WhatsApp du client (chiffres, avec ou sans +).
        #[arg(long)]
        phone: String,
    },
    /// Exporter les données d'un client (JSON et fichiers reçus) dans un dossier.
    #[command(
        after_help = "Exemple : varotra contact export --shop epicerie-rivo --phone 261341234567 --out ./export-client"
    )]
    Export {
        /// Boutique (son identifiant court).
        #[arg(long)]
        shop: String,
        /// Numéro WhatsApp du client.
        #[arg(long)]
        phone: String,
        /// Dossier où écrire l'export (créé s'il manque ; un export existant n'est pas écrasé).
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
    },
}

pub fn run(settings: &Settings, command: ContactCommand) -> anyhow::Result<()> {
    match command {
        ContactCommand::Delete { shop, phone } => delete(settings, &shop, &phone),
        ContactCommand::Export { shop, phone, out } => export(settings, &shop, &phone, &out),
    }
}

/// The shop id of `slug` and `phone` in the form conversations store it.
fn target(db: &crate::db::Db, slug: &str, phone: &str) -> anyhow::Result<(ShopId, String)> {
    let phone = normalize_phone(phone);
    if phone.len() < 6 {
        anyhow::bail!(
            "--phone : numéro WhatsApp attendu (au moins 6 chiffres), par ex. 261341234567"
        );
    }
    let slug_owned = slug.to_string();
    let shop = db.read_blocking(move |c| shops::by_slug(c, &slug_owned))?;
    Ok((shop.id, phone))
}

fn delete(settings: &Settings, slug: &str, phone: &str) -> anyhow::Result<()> {
    let (db, files) = open_store(settings, false)?;
    let (shop, phone) = target(&db, slug, phone)?;
    let done = erasure::erase_customer(&db, &files, shop, &phone)?;
    if done.was_empty() {
        println!("Aucune donnée pour +{phone} dans « {slug} » : rien à effacer.");
        return Ok(());
    }
    println!(
        "Client +{phone} effacé de « {slug} » : {} conversation(s), {} message(s), {} fichier(s) ; {} devis gardé(s) pour la comptabilité, anonymisé(s).",
        done.erased.conversations,
        done.erased.messages,
        done.files_deleted(),
        done.erased.devis_anonymised
    );
    if !done.kept.is_empty() {
        anyhow::bail!(
            "fichiers non supprimés (à effacer à la main) :\n{}",
            done.kept.join("\n")
        );
    }
    Ok(())
}

fn export(settings: &Settings, slug: &str, phone: &str, out: &Path) -> anyhow::Result<()> {
    if out.join("client.json").exists() {
        anyhow::bail!(
            "{} contient déjà un export : choisissez un autre dossier",
            out.display()
        );
    }
    let (db, files) = open_store(settings, false)?;
    let (shop, phone) = target(&db, slug, phone)?;
    let (data, opened) = erasure::export_customer(&db, &files, shop, &phone)?;
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes)
            .map_err(|e| anyhow::anyhow!("écriture de {} impossible : {e}", path.display()))
    };
    std::fs::create_dir_all(out.join("fichiers"))
        .map_err(|e| anyhow::anyhow!("dossier {} impossible à créer : {e}", out.display()))?;
    for (name, bytes) in &opened {
        write(&out.join("fichiers").join(name.replace('/', "_")), bytes)?;
    }
    write(&out.join("client.json"), &serde_json::to_vec_pretty(&data)?)?;
    println!(
        "Données de +{phone} exportées dans {} : client.json et {} fichier(s) dans fichiers/ (les fichiers y sont nommés d'après leur chemin, `/` devenu `_`).",
        out.display(),
        opened.len()
    );
    Ok(())
}
