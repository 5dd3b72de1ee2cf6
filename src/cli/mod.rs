//! The command line: raw flags parsed by clap here, settings loaded and validated by
//! [`crate::settings::load`], then one function per subcommand.

mod assistant;
mod catalog;
mod commands;
pub mod corpus;
mod eval;
mod store;

use crate::settings::{self, Overrides, Settings};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "varotra",
    version,
    about = "Assistant de vente WhatsApp auto-hébergé / self-hosted WhatsApp sales assistant",
    after_help = "Exemples / examples:\n  varotra migrate\n  varotra shop add --slug epicerie-rivo --name \"Epicerie Rivo\"\n  echo 'mot-de-passe-long' | varotra user add --email rivo@example.mg --shop epicerie-rivo --role owner\n  varotra serve"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Config file (default: ./varotra.toml when present).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Overrides server.data_dir.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the admin site, the API, the webhooks and the workers.
    #[command(after_help = "Example: varotra serve --config /etc/varotra/varotra.toml")]
    Serve {
        /// Overrides server.bind (e.g. 0.0.0.0:8080).
        #[arg(long)]
        bind: Option<String>,
    },
    /// Create or upgrade the database (and the key file on first run), then exit.
    #[command(after_help = "Example: varotra migrate --config varotra.toml")]
    Migrate,
    /// Manage shops.
    #[command(subcommand)]
    Shop(ShopCommand),
    /// Manage login accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage a shop's WhatsApp numbers.
    #[command(subcommand)]
    Number(NumberCommand),
    /// Import or reindex the product catalogue.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Import the FAQ.
    #[command(subcommand)]
    Faq(FaqCommand),
    /// Talk to the bot locally, without WhatsApp.
    #[command(
        after_help = "Examples:\n  varotra chat --shop epicerie-rivo\n  varotra chat --shop epicerie-rivo --message \"Ohatrinona ny vary?\""
    )]
    Chat(ChatArgs),
    /// Run labelled customer messages and score the bot.
    #[command(
        after_help = "Examples:\n  varotra eval --shop epicerie-rivo conversations-dev.jsonl --json\n  varotra eval --corpus corpus --split test --no-model"
    )]
    Eval(EvalArgs),
    /// Customer contacts.
    #[command(subcommand)]
    Contact(ContactCommand),
    /// Write a consistent copy of the database while the server runs.
    #[command(after_help = "Example: varotra backup /media/usb/varotra-2026-11-25.db")]
    Backup {
        /// Destination file; never overwritten.
        path: PathBuf,
        /// Write an UNENCRYPTED copy (readable by anyone who gets the file).
        #[arg(long)]
        plain: bool,
    },
    /// Check a backup and restore it over the current database.
    #[command(after_help = "Example: varotra restore /media/usb/varotra-2026-11-25.db")]
    Restore { path: PathBuf },
    /// Internal: the model process the server starts itself (JSON lines on stdin/stdout).
    #[command(name = "llm-worker", hide = true)]
    LlmWorker(crate::llm::worker::WorkerArgs),
    /// Manage the encryption key.
    #[command(subcommand)]
    Key(KeyCommand),
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Re-encrypt the database and every stored file under a new key (stop `serve` first).
    #[command(
        after_help = "Example: systemctl stop varotra && varotra key rotate && systemctl start varotra"
    )]
    Rotate,
}

#[derive(Debug, Subcommand)]
pub enum ShopCommand {
    /// Create a shop.
    #[command(
        after_help = "Example: varotra shop add --slug epicerie-rivo --name \"Epicerie Rivo\" --nif 4001234567 --stat \"47111 11 2019 0 01234\""
    )]
    Add(Box<ShopAddArgs>),
    /// List shops.
    List,
}

#[derive(Debug, Args)]
pub struct ShopAddArgs {
    #[arg(long)]
    pub slug: String,
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub nif: Option<String>,
    #[arg(long)]
    pub stat: Option<String>,
    #[arg(long)]
    pub rcs: Option<String>,
    /// VAT rate in percent (default 20).
    #[arg(long, conflicts_with = "no_vat")]
    pub vat_rate: Option<f64>,
    /// The shop is below the VAT threshold ("TVA non applicable").
    #[arg(long)]
    pub no_vat: bool,
    /// IANA time zone (default Indian/Antananarivo).
    #[arg(long)]
    pub timezone: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a login account; the password is read from standard input.
    #[command(
        after_help = "Example: echo 'un-long-mot-de-passe' | varotra user add --email rivo@example.mg --shop epicerie-rivo --role owner"
    )]
    Add {
        #[arg(long)]
        email: String,
        /// Shop slug.
        #[arg(long)]
        shop: String,
        /// owner, agent or agency (an agency account can be added to several shops).
        #[arg(long, value_parser = ["owner", "agent", "agency"])]
        role: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum NumberCommand {
    /// Connect a WhatsApp number to a shop; prints its webhook URL and token.
    #[command(
        after_help = "Example: varotra number add --shop epicerie-rivo --provider meta --phone-number-id 106540352242922 --display-phone +261320000001 --token EAAG..."
    )]
    Add {
        #[arg(long)]
        shop: String,
        #[arg(long, value_parser = ["meta", "360dialog", "gupshup"])]
        provider: String,
        /// Meta's phone_number_id (for Gupshup: the app name).
        #[arg(long)]
        phone_number_id: String,
        #[arg(long)]
        display_phone: String,
        /// Access token (Meta), D360-API-KEY (360dialog) or apikey (Gupshup).
        #[arg(long, env = "VAROTRA_NUMBER_TOKEN", hide_env_values = true)]
        token: String,
    },
    /// List a shop's numbers.
    List {
        #[arg(long)]
        shop: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Import products from a CSV file (sku,title,price,currency,stock,description,image).
    #[command(
        after_help = "Example: varotra catalog import --shop epicerie-rivo produits.csv --dry-run"
    )]
    Import {
        #[arg(long)]
        shop: String,
        file: PathBuf,
        /// Check the file and report, without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Rebuild the search index from the database.
    Reindex,
}

#[derive(Debug, Subcommand)]
pub enum FaqCommand {
    /// Import question,answer pairs from a CSV file.
    #[command(after_help = "Example: varotra faq import --shop epicerie-rivo faq.csv")]
    Import {
        #[arg(long)]
        shop: String,
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ChatArgs {
    #[arg(long)]
    pub shop: String,
    /// The customer's WhatsApp number.
    #[arg(long, default_value = "261340000000")]
    pub from: String,
    /// One message, one reply, then exit.
    #[arg(long)]
    pub message: Option<String>,
    /// Show why the bot answered (language, intent, products).
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The shop whose catalogue and FAQ answer the messages of FILE.
    #[arg(long, required_unless_present = "corpus")]
    pub shop: Option<String>,
    /// Labelled single messages, or conversations (one per line, with `turns`).
    #[arg(required_unless_present = "corpus")]
    pub file: Option<PathBuf>,
    /// Run a whole corpus folder instead (shops/, messages/, conversations/), each
    /// shop loaded into a throwaway store.
    #[arg(long, conflicts_with_all = ["shop", "file"])]
    pub corpus: Option<PathBuf>,
    /// The corpus split to run (`test` or `train`; conversations: `test` or `dev`).
    #[arg(long, default_value = "test")]
    pub split: String,
    /// Only this corpus trade (repeatable).
    #[arg(long)]
    pub trade: Vec<String>,
    /// At most this many messages and conversations per trade.
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// Leave the model out even when `[llm]` configures one.
    #[arg(long)]
    pub no_model: bool,
    /// Let the local model phrase small talk (measures it; off by default).
    #[arg(long, conflicts_with = "no_model")]
    pub with_model: bool,
    /// Print why each wrong answer was given (language, intent, rules, products).
    #[arg(long)]
    pub why: bool,
    /// One JSON object per case, then a summary object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Erase a customer everywhere.
    Delete {
        #[arg(long)]
        shop: String,
        #[arg(long)]
        phone: String,
    },
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
    let settings = load_settings(&cli.global, overrides)?;
    crate::telemetry::init(&settings.server.log_format);
    commands::dispatch(cli.command, settings)
}
