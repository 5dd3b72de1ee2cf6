//! `shop` and `number` commands: create tenants and connect their numbers.

use super::ShopAddArgs;
use crate::db::numbers;
use crate::db::shops;
use crate::kinds::ProviderKind;
use crate::settings::Settings;
use crate::startup::open_store;

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

pub fn number_add(
    settings: &Settings,
    shop: &str,
    provider: &str,
    phone_number_id: &str,
    display_phone: &str,
    token: &str,
) -> anyhow::Result<()> {
    if phone_number_id.trim().is_empty() {
        anyhow::bail!("--phone-number-id : ne peut pas être vide");
    }
    if token.trim().is_empty() {
        anyhow::bail!("--token : ne peut pas être vide");
    }
    let (db, _) = open_store(settings, false)?;
    let provider_kind: ProviderKind = provider.parse()?;
    let webhook_token = crate::crypto::tokens::random_token();
    db.write_blocking(|c| {
        let tx = c.transaction()?;
        let shop = shops::by_slug(&tx, shop)?;
        let now = chrono::Utc::now();
        if let Err(e) = crate::billing::allow_new_number(&tx, &settings.plans, shop.id, now) {
            return Ok(Err(e));
        }
        numbers::insert(
            &tx,
            shop.id,
            &numbers::NewNumber {
                wa_number: display_phone.trim(),
                provider: provider_kind,
                webhook_token: &webhook_token,
                phone_number_id: phone_number_id.trim(),
                token: token.trim(),
            },
        )?;
        tx.commit()?;
        Ok(Ok(()))
    })??;
    let base = &settings.server.public_url;
    println!("Numéro ajouté / number added: {display_phone} ({provider})");
    match provider {
        "gupshup" => {
            println!("Adresse du webhook / webhook URL: {base}/webhooks/gupshup/{webhook_token}")
        }
        "360dialog" => {
            println!("Adresse du webhook / webhook URL: {base}/webhooks/360dialog/{webhook_token}")
        }
        _ => {
            println!("Adresse du webhook / webhook URL: {base}/webhooks/whatsapp");
            println!("Jeton de vérification / verify token : la clé [whatsapp] verify_token de votre configuration");
        }
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
