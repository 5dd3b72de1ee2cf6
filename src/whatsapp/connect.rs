//! Connecting a WhatsApp number to a shop: the one path that the admin's number page
//! (wizard step 3 and Paramètres) and `varotra number add` share. The credentials are
//! first tried live against the provider ([`super::probe`]); on any refusal nothing is
//! stored and the error says what is wrong, in French. Then the number is stored with
//! a fresh webhook token, which is also its own verify token for Meta's webhook
//! handshake (`GET /webhooks/whatsapp`), so an owner can be shown a token to paste
//! without ever seeing the install-wide `[whatsapp] verify_token`.

use super::probe::{probe, ProbeError};
use crate::billing::AddonError;
use crate::db::{numbers, Db, DbError, ShopId};
use crate::kinds::ProviderKind;
use crate::settings::{Secret, Settings};

/// The form (or the command line) of a number to connect.
#[derive(Debug, Clone)]
pub struct NewConnection {
    pub provider: ProviderKind,
    pub phone_number_id: String,
    /// The access token (Meta), D360-API-KEY (360dialog) or apikey (Gupshup).
    pub token: Secret,
    /// The number as customers see it; for Meta, taken from the provider when empty.
    pub display_phone: String,
}

/// A connected number and what to paste at the provider.
#[derive(Debug, Clone)]
pub struct Connected {
    pub id: i64,
    pub wa_number: String,
    /// Meta's `verified_name`, when the provider told it.
    pub verified_name: Option<String>,
    /// False when the provider could not be asked (Gupshup, or `--no-check`).
    pub checked: bool,
    pub webhook_url: String,
    /// What to paste as the verify token (Meta and 360dialog's Cloud API relay).
    pub verify_token: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("{0} : obligatoire.")]
    Missing(&'static str),
    #[error("Le fournisseur refuse : {0} — à faire : {fix}", fix = .0.fix())]
    Refused(#[from] ProbeError),
    #[error("Ce phone number id est déjà connecté (à cette boutique ou à une autre).")]
    AlreadyConnected,
    /// The shop's plan does not allow one more number.
    #[error("Numéro refusé : {0}.")]
    Plan(AddonError),
    #[error(transparent)]
    Db(DbError),
}

/// Where a provider must deliver this number's webhooks.
pub fn webhook_url(public_url: &str, provider: ProviderKind, webhook_token: &str) -> String {
    let base = public_url.trim_end_matches('/');
    match provider {
        ProviderKind::Gupshup | ProviderKind::Dialog360 => {
            format!("{base}/webhooks/{provider}/{webhook_token}")
        }
        ProviderKind::Meta => format!("{base}/webhooks/whatsapp"),
    }
}

/// The verify token to show for a number: its own webhook token, for the providers
/// whose webhook setup asks for one (Meta's handshake).
pub fn verify_token(provider: ProviderKind, webhook_token: &str) -> Option<String> {
    (provider == ProviderKind::Meta).then(|| webhook_token.to_string())
}

/// Checks `new` against its provider (unless `check` is false) and the shop's plan
/// (multi-number add-on), then stores it for `shop`. Nothing is stored when either
/// check fails.
pub async fn connect(
    db: &Db,
    http: &reqwest::Client,
    all: &Settings,
    shop: ShopId,
    new: NewConnection,
    check: bool,
) -> Result<Connected, ConnectError> {
    let phone_number_id = new.phone_number_id.trim().to_string();
    if phone_number_id.is_empty() {
        return Err(ConnectError::Missing(match new.provider {
            ProviderKind::Gupshup => "Nom de l'application Gupshup",
            _ => "Phone number id",
        }));
    }
    let token = new.token.expose().trim().to_string();
    if token.is_empty() {
        return Err(ConnectError::Missing("Jeton d'accès"));
    }
    let mut display = new.display_phone.trim().to_string();
    if display.is_empty() && new.provider != ProviderKind::Meta {
        return Err(ConnectError::Missing("Numéro affiché aux clients"));
    }
    // The plan first: no provider call for a number the plan refuses anyway.
    let plans = all.plans.clone();
    db.read(move |c| {
        Ok(crate::billing::allow_new_number(
            c,
            &plans,
            shop,
            chrono::Utc::now(),
        ))
    })
    .await
    .map_err(ConnectError::Db)?
    .map_err(ConnectError::Plan)?;
    let mut verified_name = None;
    let mut checked = false;
    if check {
        let verified = probe(http, &all.whatsapp, new.provider, &phone_number_id, &token)
            .await
            .result?;
        checked = verified.checked;
        if display.is_empty() {
            display = verified.display_phone.unwrap_or_default();
        }
        verified_name = verified.verified_name;
    }
    if display.is_empty() {
        return Err(ConnectError::Missing("Numéro affiché aux clients"));
    }
    let webhook_token = crate::crypto::tokens::random_token();
    let (provider, wa_number, hook) = (new.provider, display.clone(), webhook_token.clone());
    let plans = all.plans.clone();
    let id = db
        .write(move |c| {
            let tx = c.transaction()?;
            // Counted and inserted in one transaction: two forms at once get one number.
            if let Err(e) = crate::billing::allow_new_number(&tx, &plans, shop, chrono::Utc::now())
            {
                return Ok(Err(e));
            }
            let id = numbers::insert(
                &tx,
                shop,
                &numbers::NewNumber {
                    wa_number: &wa_number,
                    provider,
                    webhook_token: &hook,
                    phone_number_id: &phone_number_id,
                    token: &token,
                },
            )?;
            tx.commit()?;
            Ok(Ok(id))
        })
        .await
        .map_err(|e| match e {
            DbError::Conflict(_) => ConnectError::AlreadyConnected,
            other => ConnectError::Db(other),
        })?
        .map_err(ConnectError::Plan)?;
    Ok(Connected {
        id,
        wa_number: display,
        verified_name,
        checked,
        webhook_url: webhook_url(&all.server.public_url, provider, &webhook_token),
        verify_token: verify_token(provider, &webhook_token),
    })
}
