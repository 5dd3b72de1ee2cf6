//! `contact delete` and `contact export`: a customer's right to be forgotten and to
//! get their data, from the command line.

use crate::settings::Settings;
use clap::Subcommand;
use std::path::PathBuf;

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

pub fn run(_settings: &Settings, _command: ContactCommand) -> anyhow::Result<()> {
    anyhow::bail!("pas encore disponible")
}
