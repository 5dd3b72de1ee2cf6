//! `varotra chat`: a console conversation with the bot, kept as the admin simulator
//! keeps its own: a sandbox conversation per `--from`, out of the inbox, the
//! prospects and the KPIs (`varotra eval` is in `eval.rs`).

use crate::assistant::{Assistant, Turn};
use crate::db::{conversations, inbox, shops, Db};
use crate::quotes::Issuer;
use crate::settings::Settings;
use crate::startup::open_store;
use anyhow::Context;
use std::io::{BufRead, Write};

/// The assistant as `serve` builds it, for the console tools.
pub fn build(settings: &Settings, db: &Db) -> anyhow::Result<Assistant> {
    let catalog = crate::catalog::Catalog::open(&settings.server.data_dir, db)
        .context("index du catalogue illisible")?;
    let llm = crate::llm::Llm::start(&settings.llm);
    if !settings.llm.model_path.is_empty() {
        // The console tools are short-lived: give the model a moment to load.
        let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !llm.is_available() && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
    Ok(Assistant::with_catalog_and_model(catalog, llm))
}

pub fn chat(
    settings: &Settings,
    shop: &str,
    from: &str,
    message: Option<&str>,
    verbose: bool,
) -> anyhow::Result<()> {
    let (db, files) = open_store(settings, false)?;
    let shop = db.read_blocking(|c| shops::by_slug(c, shop))?;
    let assistant = build(settings, &db)?;
    let issuer = Issuer::default();
    let key = format!("console:{from}");
    let conv = db.write_blocking(|c| inbox::sandbox(c, shop.id, &key, "Console"))?;
    let turn = |text: &str| -> anyhow::Result<bool> {
        let paused = db.read_blocking(|c| Ok(conversations::get(c, shop.id, conv)?.bot_paused))?;
        db.write_blocking(|c| inbox::store_simulated(c, shop.id, conv, true, text))?;
        if paused {
            println!("(conversation confiée à un humain : le bot se tait / handed over: the bot stays silent)");
            return Ok(false);
        }
        let (d, _) = crate::jobs::reply::converse(
            &assistant,
            &db,
            Some(&files),
            &issuer,
            &Turn::text(shop.id, Some(conv), text),
        )?;
        db.write_blocking(|c| inbox::store_simulated(c, shop.id, conv, false, &d.reply))?;
        println!("{}", d.reply);
        if !d.quote_lines.is_empty() {
            println!("[Valider le devis] [Modifier]");
        }
        if verbose {
            for w in &d.why {
                eprintln!("  · {w}");
            }
            eprintln!(
                "  · {} ms, escalated {}, lines {:?}",
                d.latency_ms, d.escalated, d.quote_lines
            );
        }
        Ok(true)
    };
    if let Some(m) = message {
        turn(m)?;
        return Ok(());
    }
    eprintln!(
        "Conversation avec le bot de {} (Ctrl-D pour quitter)",
        shop.company_name
    );
    let stdin = std::io::stdin();
    loop {
        eprint!("> ");
        std::io::stderr().flush().ok();
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim();
        if !line.is_empty() && !turn(line)? {
            break;
        }
    }
    Ok(())
}
