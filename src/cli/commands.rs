//! One function per subcommand; `store.rs` holds the ones that only touch the data.

use super::{CatalogCommand, Command, FaqCommand, KeyCommand, NumberCommand, ShopCommand};
use crate::settings::Settings;
use crate::startup::{open_store, Application};
use anyhow::Context;

pub fn dispatch(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve { .. } => serve(settings),
        Command::Migrate => migrate(&settings),
        Command::Shop(ShopCommand::Add(args)) => super::store::shop_add(&settings, *args),
        Command::Shop(ShopCommand::List) => super::store::shop_list(&settings),
        Command::Shop(ShopCommand::Export { shop, file }) => {
            super::shop_transfer::export(&settings, &shop, &file)
        }
        Command::Shop(ShopCommand::Import { file, slug }) => {
            super::shop_transfer::import(&settings, &file, slug.as_deref())
        }
        Command::User(c) => super::users::run(&settings, c),
        Command::Number(NumberCommand::Add {
            shop,
            provider,
            phone_number_id,
            display_phone,
            token,
            no_check,
        }) => super::store::number_add(
            &settings,
            &shop,
            crate::whatsapp::connect::NewConnection {
                provider: provider.parse()?,
                phone_number_id,
                token: crate::settings::Secret::new(token),
                display_phone,
            },
            !no_check,
        ),
        Command::Number(NumberCommand::List { shop }) => {
            super::store::number_list(&settings, &shop)
        }
        Command::Backup { path, plain } => backup(&settings, &path, plain),
        Command::Restore { path } => restore(&settings, &path),
        Command::Key(KeyCommand::Rotate) => {
            // Re-keying under a running server would leave it with the old key.
            let _lock = crate::db::StoreLock::acquire(&settings.server.data_dir)?;
            let files = crate::crypto::rotate::rotate(&settings)?;
            println!("Clé changée / key rotated : base et {files} fichier(s) rechiffrés");
            Ok(())
        }
        Command::LlmWorker(args) => crate::llm::worker::run(&args),
        Command::Catalog(CatalogCommand::Import {
            shop,
            file,
            dry_run,
        }) => super::catalog::import(&settings, &shop, &file, dry_run),
        Command::Catalog(CatalogCommand::Reindex) => super::catalog::reindex(&settings),
        Command::Faq(FaqCommand::Import { shop, file }) => {
            super::catalog::faq_import(&settings, &shop, &file)
        }
        Command::Chat(a) => {
            super::assistant::chat(&settings, &a.shop, &a.from, a.message.as_deref(), a.verbose)
        }
        Command::Eval(a) => super::eval::eval(&settings, &a),
        Command::Contact(c) => super::contacts::run(&settings, c),
        Command::SetupLink => setup_link(&settings),
        Command::Doctor => doctor(settings),
    }
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("démarrage impossible (runtime)")?;
    runtime.block_on(async move {
        let (public_url, bind) = (
            settings.server.public_url.clone(),
            settings.server.bind.clone(),
        );
        let app = Application::build(settings).await?;
        println!(
            "Varotra est prêt. Administration : {}/admin (écoute sur {bind}, port {})",
            public_url.trim_end_matches('/'),
            app.port()
        );
        let db = app.state().db.clone();
        if let Some(code) = db.write(|c| crate::db::setup_codes::issue(c)).await? {
            println!(
                "Première installation : ouvrez {} (lien valable {} h, une seule fois)",
                crate::db::setup_codes::link(&public_url, &code),
                crate::db::setup_codes::VALID_HOURS
            );
        }
        app.run_until_stopped().await?;
        tracing::info!("varotra stopped");
        Ok(())
    })
}

fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let (db, _files) = open_store(settings, true)?;
    println!(
        "Base de données à jour / database up to date: {}",
        db.path().display()
    );
    if settings.storage.encrypt && settings.storage.key.is_empty() {
        println!(
            "Clé de chiffrement / encryption key: {} (gardez-en une copie hors de cette machine / keep a copy off this machine)",
            settings.storage.key_file.display()
        );
    }
    Ok(())
}

fn backup(settings: &Settings, path: &std::path::Path, plain: bool) -> anyhow::Result<()> {
    let (db, _files) = open_store(settings, false)?;
    if plain {
        eprintln!("ATTENTION : cette sauvegarde n'est PAS chiffrée ; quiconque obtient le fichier lit tous les messages des clients.");
    }
    crate::db::backup_to(&db, path, plain)?;
    println!("Sauvegarde écrite / backup written: {}", path.display());
    Ok(())
}

/// Restores only while no server holds the store: a server writing on would mix its
/// new rows into the restored pages, or overwrite them.
fn restore(settings: &Settings, path: &std::path::Path) -> anyhow::Result<()> {
    let _lock = crate::db::StoreLock::acquire(&settings.server.data_dir)?;
    let (db, _files) = open_store(settings, false)?;
    let shops = crate::db::restore_from(&db, path)?;
    println!(
        "Sauvegarde restaurée / backup restored from {} ({shops} shop(s))",
        path.display()
    );
    Ok(())
}

/// Prints a fresh one-time link to the setup wizard, or says the install is claimed.
fn setup_link(settings: &Settings) -> anyhow::Result<()> {
    let (db, _files) = open_store(settings, false)?;
    match db.write_blocking(|c| crate::db::setup_codes::issue(c))? {
        Some(code) => {
            println!(
                "{}",
                crate::db::setup_codes::link(&settings.server.public_url, &code)
            );
            eprintln!(
                "Lien d'installation valable {} h, une seule fois / one-time setup link",
                crate::db::setup_codes::VALID_HOURS
            );
            Ok(())
        }
        None => anyhow::bail!(
            "un compte existe déjà : l'installation est faite, connectez-vous sur {}/admin/login (mot de passe oublié : varotra user passwd) / already set up",
            settings.server.public_url.trim_end_matches('/')
        ),
    }
}

/// Prints one line per check and fails when any check failed.
fn doctor(settings: Settings) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("démarrage impossible (runtime)")?;
    let store = open_store(&settings, false).map(|(db, _)| db);
    let http = reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(5))
        .build()?;
    let checks = runtime.block_on(crate::doctor::run(
        &settings,
        store.as_ref().map_err(|e| e.to_string()),
        &http,
        crate::doctor::Scope::Install,
    ));
    for check in &checks {
        println!("{}", check.line());
    }
    let failed = checks.iter().filter(|c| !c.ok).count();
    if failed > 0 {
        anyhow::bail!("{failed} point(s) à corriger / {failed} check(s) failed");
    }
    println!("Tout est en ordre / all checks passed");
    Ok(())
}
