//! `user add | list | disable | enable | passwd | revoke-tokens`: login accounts
//! from the command line, working offline (no email needed: `passwd` is the owner's
//! password reset on the machine itself).
//!
//! Passwords are asked with a hidden prompt on a terminal, or read from standard
//! input otherwise (`echo ... | varotra user add ...`).

use crate::crypto::passwords;
use crate::db::accounts::{self, AccountRow, Created, Role};
use crate::db::{shops, Db};
use crate::settings::Settings;
use crate::startup::open_store;
use anyhow::{bail, Context};
use clap::Subcommand;
use std::io::{IsTerminal, Read};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Créer un compte de connexion (mot de passe demandé, ou lu sur l'entrée standard).
    #[command(
        after_help = "Exemples :\n  varotra user add --email rivo@example.mg --shop epicerie-rivo --role owner\n  echo 'un-long-mot-de-passe' | varotra user add --email vola@example.mg --shop epicerie-rivo --role agent"
    )]
    Add {
        /// Adresse email du compte (son identifiant de connexion).
        #[arg(long)]
        email: String,
        /// Boutique du compte (son identifiant court, voir `varotra shop list`).
        #[arg(long)]
        shop: String,
        /// Rôle : owner (propriétaire), agent, ou agency (agence : un même compte pour
        /// plusieurs boutiques).
        #[arg(long, value_parser = ["owner", "agent", "agency"])]
        role: String,
    },
    /// Lister les comptes (tous, ou ceux d'une boutique).
    #[command(after_help = "Exemple : varotra user list --shop epicerie-rivo")]
    List {
        /// Seulement les comptes de cette boutique.
        #[arg(long)]
        shop: Option<String>,
    },
    /// Désactiver un compte : connexion refusée, sessions et jetons d'API coupés.
    #[command(after_help = "Exemple : varotra user disable --email vola@example.mg")]
    Disable {
        /// Adresse email du compte.
        #[arg(long)]
        email: String,
    },
    /// Réactiver un compte désactivé.
    #[command(after_help = "Exemple : varotra user enable --email vola@example.mg")]
    Enable {
        /// Adresse email du compte.
        #[arg(long)]
        email: String,
    },
    /// Changer le mot de passe d'un compte (sans email) ; ses sessions et jetons sont coupés.
    #[command(after_help = "Exemple : varotra user passwd --email rivo@example.mg")]
    Passwd {
        /// Adresse email du compte.
        #[arg(long)]
        email: String,
    },
    /// Couper toutes les sessions et tous les jetons d'API d'un compte.
    #[command(
        name = "revoke-tokens",
        after_help = "Exemple : varotra user revoke-tokens --email vola@example.mg"
    )]
    RevokeTokens {
        /// Adresse email du compte.
        #[arg(long)]
        email: String,
    },
}

pub fn run(settings: &Settings, command: UserCommand) -> anyhow::Result<()> {
    let (db, _) = open_store(settings, false)?;
    match command {
        UserCommand::Add { email, shop, role } => add(&db, &email, &shop, &role),
        UserCommand::List { shop } => list(&db, shop.as_deref()),
        UserCommand::Disable { email } => set_disabled(&db, &email, true),
        UserCommand::Enable { email } => set_disabled(&db, &email, false),
        UserCommand::Passwd { email } => passwd(&db, &email),
        UserCommand::RevokeTokens { email } => {
            let account = find(&db, &email)?;
            let r = db.write_blocking(|c| accounts::revoke_access(c, account.id))?;
            println!(
                "Accès coupés pour {} : {} session(s), {} jeton(s) d'API",
                account.email, r.sessions, r.tokens
            );
            Ok(())
        }
    }
}

fn find(db: &Db, email: &str) -> anyhow::Result<AccountRow> {
    let email = email.trim();
    db.read_blocking(|c| accounts::by_email(c, email))?
        .with_context(|| format!("aucun compte pour {email} (varotra user list les montre tous)"))
}

/// A password from a hidden prompt (typed twice) or from standard input.
fn read_password(prompt: &str) -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("{prompt} : "))
            .context("lecture du mot de passe impossible")?;
        let again = rpassword::prompt_password("Encore une fois : ")
            .context("lecture du mot de passe impossible")?;
        if first != again {
            bail!("les deux mots de passe diffèrent : rien n'a été changé");
        }
        first
    } else {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("lecture du mot de passe sur l'entrée standard impossible")?;
        text.trim_end_matches(['\n', '\r']).to_string()
    };
    if password.chars().count() < passwords::MIN_LEN {
        bail!(
            "mot de passe trop court : {} caractères au moins",
            passwords::MIN_LEN
        );
    }
    Ok(password)
}

fn add(db: &Db, email: &str, shop: &str, role: &str) -> anyhow::Result<()> {
    let role = Role::parse(role).context("--role : owner, agent ou agency")?;
    let shop = db.read_blocking(|c| shops::by_slug(c, shop))?;
    let existing = db.read_blocking(|c| accounts::by_email(c, email))?;
    // Say what will happen before asking for a password that would be ignored.
    let hash = match &existing {
        Some(a) if a.role == Role::Agency && role == Role::Agency => accounts::NO_PASSWORD.into(),
        Some(a) => bail!(
            "un compte {} existe déjà pour {} : rien n'a été changé (un même email ne peut pas avoir deux rôles ; voir varotra user list)",
            a.role.label(),
            a.email
        ),
        None => passwords::hash(&read_password("Mot de passe du compte")?)?,
    };
    let created = db.write_blocking(|c| accounts::create_hashed(c, email, &hash, role, shop.id))?;
    match created {
        Created::New(id) => println!(
            "Compte créé / account created: {} (id {id}, {}) pour la boutique {}",
            email.trim(),
            role.as_str(),
            shop.slug
        ),
        Created::AddedToShop(id) => println!(
            "Compte agence existant {} (id {id}) ajouté à la boutique {} ; son mot de passe n'a pas changé (varotra user passwd pour le changer)",
            email.trim(),
            shop.slug
        ),
        Created::AlreadyMember(id) => println!(
            "Le compte agence {} (id {id}) gère déjà la boutique {} : rien n'a changé",
            email.trim(),
            shop.slug
        ),
    }
    Ok(())
}

fn list(db: &Db, shop: Option<&str>) -> anyhow::Result<()> {
    let rows = db.read_blocking(|c| match shop {
        Some(slug) => accounts::members(c, shops::by_slug(c, slug)?.id),
        None => accounts::list_all(c),
    })?;
    if rows.is_empty() {
        println!("Aucun compte.");
    }
    println!("id\temail\trôle\tétat\tboutiques");
    for a in rows {
        let state = match (a.disabled, a.has_password) {
            (true, _) => "désactivé",
            (false, false) => "invité (sans mot de passe)",
            (false, true) => "actif",
        };
        println!(
            "{}\t{}\t{}\t{state}\t{}",
            a.id,
            a.email,
            a.role.label(),
            a.shops.join(",")
        );
    }
    Ok(())
}

fn set_disabled(db: &Db, email: &str, disabled: bool) -> anyhow::Result<()> {
    let account = find(db, email)?;
    let r = db.write_blocking(|c| accounts::set_disabled(c, account.id, disabled))?;
    if disabled {
        println!(
            "Compte désactivé : {} ({} session(s) et {} jeton(s) d'API coupés)",
            account.email, r.sessions, r.tokens
        );
    } else {
        println!("Compte réactivé : {}", account.email);
    }
    Ok(())
}

fn passwd(db: &Db, email: &str) -> anyhow::Result<()> {
    let account = find(db, email)?;
    let hash = passwords::hash(&read_password(&format!(
        "Nouveau mot de passe de {}",
        account.email
    ))?)?;
    let r = db.write_blocking(|c| accounts::set_password_hash(c, account.id, &hash))?;
    println!(
        "Mot de passe changé pour {} ({} session(s) et {} jeton(s) d'API coupés)",
        account.email, r.sessions, r.tokens
    );
    Ok(())
}
