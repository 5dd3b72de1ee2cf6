//! `shop` and `number` commands: create tenants and connect their numbers.

use super::ShopAddArgs;
use crate::db::numbers;
use crate::db::shops;
use crate::settings::Settings;
use crate::startup::open_store;
use crate::whatsapp::connect::{connect, NewConnection};

pub fn shop_add(settings: &Settings, args: ShopAddArgs) -> anyhow::Result<()> {
    let vat_rate_bp = if args.no_vat {
        None
    } else {
        let rate = args.vat_rate.unwrap_or(20.0);
        if !(0.0..=100.0).contains(&rate) {
            anyhow::bail!("--vat-rate : entre 0 et 100 (reçu {rate})");
        }
        Some((rate * 100.0).round() as i64)
    };
    let (db, _) = open_store(settings, false)?;
    let shop = shops::NewShop {
        slug: args.slug.clone(),
        company_name: args.name,
        email: args.email,
        phone: args.phone,
        address: args.address,
        nif: args.nif,
        stat: args.stat,
        rcs: args.rcs,
        vat_rate_bp,
        timezone: args.timezone,
    };
    let id = db.write_blocking(|c| shops::create(c, &shop))?;
    println!("Boutique créée / shop created: {} (id {id})", args.slug);
    Ok(())
}

pub fn shop_list(settings: &Settings) -> anyhow::Result<()> {
    let (db, _) = open_store(settings, false)?;
    for s in db.read_blocking(shops::list)? {
        println!("{}\t{}\t{}", s.id, s.slug, s.company_name);
    }
    Ok(())
}

/// `number add`: the same connection as the admin's number page
/// ([`crate::whatsapp::connect`]): the token is tried live first, nothing is stored
/// when the provider refuses it.
pub fn number_add(
    settings: &Settings,
    shop: &str,
    new: NewConnection,
    check: bool,
) -> anyhow::Result<()> {
    let (db, _) = open_store(settings, false)?;
    let shop = db.read_blocking(|c| shops::by_slug(c, shop))?.id;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let http = reqwest::Client::new();
    let provider = new.provider;
    let done = runtime.block_on(connect(&db, &http, settings, shop, new, check))?;
    let name = done
        .verified_name
        .map(|n| format!(", « {n} »"))
        .unwrap_or_default();
    println!(
        "Numéro ajouté / number added: {} ({provider}{name}){}",
        done.wa_number,
        if done.checked {
            ""
        } else {
            " — jeton non vérifié / token not checked"
        }
    );
    println!("Adresse du webhook / webhook URL: {}", done.webhook_url);
    if let Some(token) = done.verify_token {
        println!("Jeton de vérification / verify token: {token}");
    }
    Ok(())
}

pub fn number_list(settings: &Settings, shop: &str) -> anyhow::Result<()> {
    let (db, _) = open_store(settings, false)?;
    let rows = db.read_blocking(|c| numbers::list(c, shops::by_slug(c, shop)?.id))?;
    for n in rows {
        println!(
            "{}\t{}\t{}\t{}",
            n.wa_number, n.provider, n.phone_number_id, n.status
        );
    }
    Ok(())
}
