//! The command line: raw flags parsed by clap here, settings loaded and validated by
//! [`crate::settings::load`], then one function per subcommand.

mod assistant;
mod catalog;
mod commands;
mod contacts;
pub mod corpus;
mod eval;
mod french;
mod shop_transfer;
mod store;
mod users;

use crate::settings::{self, Overrides, Settings};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

pub use french::{command, parse};

#[derive(Debug, Parser)]
#[command(
    name = "varotra",
    version,
    about = "Assistant de vente WhatsApp auto-hébergé / self-hosted WhatsApp sales assistant",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    after_help = "Exemples :\n  varotra migrate\n  varotra shop add --slug epicerie-rivo --name \"Epicerie Rivo\"\n  varotra user add --email rivo@example.mg --shop epicerie-rivo --role owner\n  varotra serve\n\nJournaux : discrets par défaut ; RUST_LOG=info (ou debug) pour en voir plus."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Fichier de configuration (par défaut : ./varotra.toml s'il existe).
    #[arg(long, global = true, value_name = "FICHIER")]
    pub config: Option<PathBuf>,
    /// Dossier des données (remplace server.data_dir).
    #[arg(long, global = true, value_name = "DOSSIER")]
    pub data_dir: Option<PathBuf>,
    /// Afficher l'aide.
    #[arg(short = 'h', long, global = true, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// Afficher la version.
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    pub version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lancer le site d'administration, l'API, les webhooks et les tâches de fond.
    #[command(after_help = "Exemple : varotra serve --config /etc/varotra/varotra.toml")]
    Serve {
        /// Adresse d'écoute (remplace server.bind), par ex. 0.0.0.0:8080.
        #[arg(long, value_name = "ADRESSE")]
        bind: Option<String>,
    },
    /// Créer ou mettre à jour la base de données (et la clé au premier lancement).
    #[command(after_help = "Exemple : varotra migrate --config varotra.toml")]
    Migrate,
    /// Gérer les boutiques.
    #[command(subcommand)]
    Shop(ShopCommand),
    /// Gérer les comptes de connexion (créer, lister, désactiver, mot de passe).
    #[command(subcommand)]
    User(users::UserCommand),
    /// Gérer les numéros WhatsApp d'une boutique.
    #[command(subcommand)]
    Number(NumberCommand),
    /// Importer ou réindexer le catalogue.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Importer la FAQ.
    #[command(subcommand)]
    Faq(FaqCommand),
    /// Parler au bot ici, sans WhatsApp.
    #[command(
        after_help = "Exemples :\n  varotra chat --shop epicerie-rivo\n  varotra chat --shop epicerie-rivo --message \"Ohatrinona ny vary?\""
    )]
    Chat(ChatArgs),
    /// Passer des messages étiquetés au bot et noter ses réponses.
    #[command(
        after_help = "Exemples :\n  varotra eval --shop epicerie-rivo conversations-dev.jsonl --json\n  varotra eval --corpus corpus --split test --no-model"
    )]
    Eval(EvalArgs),
    /// Les clients : effacer ou exporter les données d'un client.
    #[command(subcommand)]
    Contact(contacts::ContactCommand),
    /// Écrire une copie cohérente de la base, même pendant que le serveur tourne.
    #[command(after_help = "Exemple : varotra backup /media/usb/varotra-2026-11-25.db")]
    Backup {
        /// Fichier de destination (jamais écrasé).
        #[arg(value_name = "FICHIER")]
        path: PathBuf,
        /// Écrire une copie NON chiffrée (lisible par quiconque obtient le fichier).
        #[arg(long)]
        plain: bool,
    },
    /// Vérifier une sauvegarde et la remettre à la place de la base (serveur arrêté).
    #[command(
        after_help = "Exemple : systemctl stop varotra && varotra restore /media/usb/varotra-2026-11-25.db && systemctl start varotra"
    )]
    Restore {
        /// La sauvegarde à restaurer.
        #[arg(value_name = "FICHIER")]
        path: PathBuf,
    },
    /// Internal: the model process the server starts itself (JSON lines on stdin/stdout).
    #[command(name = "llm-worker", hide = true)]
    LlmWorker(crate::llm::worker::WorkerArgs),
    /// Gérer la clé de chiffrement.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Vérifier l'installation : une ligne par point, ✓ ou ✗ avec quoi faire ; code de
    /// sortie non nul si un point échoue.
    #[command(after_help = "Exemple : varotra doctor --config /etc/varotra/varotra.toml")]
    Doctor,
    /// Afficher un nouveau lien d'installation (assistant /setup), tant qu'aucun compte n'existe.
    #[command(name = "setup-link", after_help = "Exemple : varotra setup-link")]
    SetupLink,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Rechiffrer la base et tous les fichiers sous une nouvelle clé (serveur arrêté).
    #[command(
        after_help = "Exemple : systemctl stop varotra && varotra key rotate && systemctl start varotra"
    )]
    Rotate,
}

#[derive(Debug, Subcommand)]
pub enum ShopCommand {
    /// Créer une boutique.
    #[command(
        after_help = "Exemple : varotra shop add --slug epicerie-rivo --name \"Epicerie Rivo\" --nif 4001234567 --stat \"47111 11 2019 0 01234\""
    )]
    Add(Box<ShopAddArgs>),
    /// Lister les boutiques.
    List,
    /// Écrire la configuration, le catalogue et la FAQ d'une boutique dans un fichier
    /// (sans aucune donnée client), pour la recréer sur une autre machine.
    #[command(
        after_help = "Exemple : varotra shop export --shop epicerie-rivo epicerie-rivo.json"
    )]
    Export {
        /// Boutique (son identifiant court).
        #[arg(long)]
        shop: String,
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
    /// Recréer une boutique depuis un fichier de `shop export`.
    #[command(
        after_help = "Exemple : varotra shop import epicerie-rivo.json --slug epicerie-rivo-2"
    )]
    Import {
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// Un autre identifiant court que celui du fichier.
        #[arg(long)]
        slug: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ShopAddArgs {
    /// Identifiant court de la boutique (lettres, chiffres, tirets), par ex. epicerie-rivo.
    #[arg(long)]
    pub slug: String,
    /// Nom commercial, tel qu'il apparaît sur les devis.
    #[arg(long)]
    pub name: String,
    /// Adresse (sur les devis).
    #[arg(long)]
    pub address: Option<String>,
    /// Téléphone de la boutique (sur les devis).
    #[arg(long)]
    pub phone: Option<String>,
    /// Email de la boutique (notifications au propriétaire).
    #[arg(long)]
    pub email: Option<String>,
    /// Numéro d'identification fiscale (NIF).
    #[arg(long)]
    pub nif: Option<String>,
    /// Numéro statistique (STAT).
    #[arg(long)]
    pub stat: Option<String>,
    /// Registre du commerce (RCS), s'il y en a un.
    #[arg(long)]
    pub rcs: Option<String>,
    /// Taux de TVA en pourcentage (20 par défaut).
    #[arg(long, conflicts_with = "no_vat", value_name = "TAUX")]
    pub vat_rate: Option<f64>,
    /// La boutique est sous le seuil de TVA (« TVA non applicable »).
    #[arg(long)]
    pub no_vat: bool,
    /// Fuseau horaire IANA (Indian/Antananarivo par défaut).
    #[arg(long, value_name = "FUSEAU")]
    pub timezone: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NumberCommand {
    /// Connecter un numéro WhatsApp à une boutique ; affiche l'adresse de son webhook.
    #[command(
        after_help = "Exemple : varotra number add --shop epicerie-rivo --provider meta --phone-number-id 106540352242922 --display-phone +261320000001 --token EAAG..."
    )]
    Add {
        /// Boutique du numéro (son identifiant court).
        #[arg(long)]
        shop: String,
        /// Fournisseur : meta, 360dialog ou gupshup.
        #[arg(long, value_parser = ["meta", "360dialog", "gupshup"])]
        provider: String,
        /// Le phone_number_id donné par Meta (pour Gupshup : le nom de l'application).
        #[arg(long)]
        phone_number_id: String,
        /// Le numéro tel que les clients le voient, par ex. +261320000001 (Meta : lu
        /// chez Meta quand il est omis).
        #[arg(long, default_value = "")]
        display_phone: String,
        /// Jeton d'accès (Meta), D360-API-KEY (360dialog) ou apikey (Gupshup) ; aussi
        /// par la variable VAROTRA_NUMBER_TOKEN, pour qu'il n'apparaisse pas dans l'historique.
        #[arg(long, env = "VAROTRA_NUMBER_TOKEN", hide_env_values = true)]
        token: String,
        /// Ne pas vérifier le jeton chez le fournisseur (machine encore sans internet) ;
        /// `varotra doctor` le vérifiera plus tard.
        #[arg(long)]
        no_check: bool,
    },
    /// Lister les numéros d'une boutique.
    List {
        /// Boutique (son identifiant court).
        #[arg(long)]
        shop: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Importer des produits depuis un CSV (sku,title,price,currency,stock,description,image).
    #[command(
        after_help = "Exemple : varotra catalog import --shop epicerie-rivo produits.csv --dry-run"
    )]
    Import {
        /// Boutique (son identifiant court).
        #[arg(long)]
        shop: String,
        /// Le fichier CSV.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// Vérifier le fichier et dire ce qui changerait, sans rien écrire.
        #[arg(long)]
        dry_run: bool,
    },
    /// Reconstruire l'index de recherche depuis la base.
    Reindex,
}

#[derive(Debug, Subcommand)]
pub enum FaqCommand {
    /// Importer des paires question,réponse depuis un CSV.
    #[command(after_help = "Exemple : varotra faq import --shop epicerie-rivo faq.csv")]
    Import {
        /// Boutique (son identifiant court).
        #[arg(long)]
        shop: String,
        /// Le fichier CSV.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ChatArgs {
    /// Boutique (son identifiant court).
    #[arg(long)]
    pub shop: String,
    /// Le numéro WhatsApp du client simulé.
    #[arg(long, default_value = "261340000000")]
    pub from: String,
    /// Un seul message, une réponse, puis fin.
    #[arg(long)]
    pub message: Option<String>,
    /// Montrer pourquoi le bot a répondu ainsi (langue, intention, produits).
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Boutique (son identifiant court) dont le catalogue et la FAQ répondent aux messages de FICHIER.
    #[arg(long, required_unless_present = "corpus")]
    pub shop: Option<String>,
    /// Fichier JSONL : messages étiquetés, ou conversations (une par ligne, avec `turns`).
    #[arg(value_name = "FICHIER", required_unless_present = "corpus")]
    pub file: Option<PathBuf>,
    /// Évalue tout un dossier de corpus (shops/, messages/, conversations/), chaque
    /// boutique chargée dans une base jetable.
    #[arg(long, value_name = "DOSSIER", conflicts_with_all = ["shop", "file"])]
    pub corpus: Option<PathBuf>,
    /// La partie du corpus à évaluer : `test` (pour rendre compte), `dev` (pour régler : messages et conversations) ou `train`.
    #[arg(long, default_value = "test")]
    pub split: String,
    /// Seulement ce métier du corpus (répétable).
    #[arg(long)]
    pub trade: Vec<String>,
    /// Au plus ce nombre de messages et de conversations par métier (0 : tous).
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// Sans le modèle, même si `[llm]` en configure un.
    #[arg(long)]
    pub no_model: bool,
    /// Laisse le modèle local formuler les politesses (pour le mesurer ; désactivé par défaut).
    #[arg(long, conflicts_with = "no_model")]
    pub with_model: bool,
    /// Affiche pourquoi chaque mauvaise réponse a été donnée (langue, intention, règles, produits).
    #[arg(long)]
    pub why: bool,
    /// Un objet JSON par cas, puis un résumé.
    #[arg(long)]
    pub json: bool,
}

/// Loads the settings from the config file, the environment and the global flags.
pub fn load_settings(global: &GlobalArgs, extra: Overrides) -> anyhow::Result<Settings> {
    let mut overrides = extra;
    if let Some(dir) = &global.data_dir {
        overrides.set("server.data_dir", dir.to_string_lossy());
    }
    Ok(settings::load(
        global.config.as_deref(),
        std::env::vars(),
        &overrides,
    )?)
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    // The worker needs no settings, and its stdout belongs to the pipe protocol.
    if let Command::LlmWorker(args) = &cli.command {
        return crate::llm::worker::run(args);
    }
    let mut overrides = Overrides::default();
    if let Command::Serve { bind: Some(bind) } = &cli.command {
        overrides.set("server.bind", bind.clone());
    }
    let settings = match load_settings(&cli.global, overrides) {
        Ok(s) => s,
        Err(e) if matches!(cli.command, Command::Doctor) => {
            // The doctor's first line, then nothing else can be checked.
            println!("✗ Configuration : {e:#} — à faire : corrigez la clé nommée (voir config.example.toml)");
            anyhow::bail!("configuration invalide");
        }
        Err(e) => return Err(e),
    };
    let filter = match cli.command {
        Command::Serve { .. } => crate::telemetry::SERVE_FILTER,
        _ => crate::telemetry::QUIET_FILTER,
    };
    crate::telemetry::init_with(&settings.server.log_format, filter);
    commands::dispatch(cli.command, settings)
}
