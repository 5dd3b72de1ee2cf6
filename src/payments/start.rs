//! Starting a mobile-money payment for an order to pay: the operator is the one the
//! customer named, else the one its number's prefix routes to (`orders::phone`); a
//! configured MVola gets a merchant-pay request on the customer's number and the
//! customer is told to confirm it on their phone; any operator left unconfigured gets
//! the manual instructions (the shop's numbers, the devis number as reference).

use super::{mvola, PaymentError, Tokens};
use crate::billing::AddonError;
use crate::db::{orders as order_rows, Db, OrderId, ShopId};
use crate::kinds::{OrderStatus, PaidBy};
use crate::money::format_amount;
use crate::orders::{phone, tell, Order};
use crate::settings::PlansSettings;
use chrono::Utc;

/// What [`start`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Started {
    /// A request left for the operator; the customer confirms it on `number`.
    Requested { by: PaidBy, number: String },
    /// No configured operator: the customer got the manual payment instructions.
    Manual,
}

/// The customer's message once a request left, in their language.
pub fn requested_text(o: &Order, by: PaidBy, number: &str, malagasy: bool) -> String {
    let total = format_amount(o.total_ttc, &o.currency);
    let name = tell::channel_label(by);
    if malagasy {
        format!("Nalefa any amin'ny {number} ny fangatahana fandoavana {name} {total} ho an'ny kaomandy {}. Hamafiso amin'ny kaody miafinao ao amin'ny findainao.", o.number)
    } else {
        format!("Une demande de paiement {name} de {total} pour la commande {} est envoyée au {number}. Validez-la avec votre code secret sur votre téléphone.", o.number)
    }
}

/// The payment to start: the order, the number the customer sent (else the order's
/// phone) and the operator they named (else the number's prefix picks it).
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    pub order: OrderId,
    pub number: Option<&'a str>,
    pub said: Option<PaidBy>,
}

/// Starts the payment `ask` describes; the writes go through `db`, off the executor.
/// A plan without the payments add-on (`plans`) leaves MVola merchant pay unused: the
/// customer gets the manual instructions.
pub async fn start(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    shop: ShopId,
    ask: Ask<'_>,
    public_url: &str,
    plans: &PlansSettings,
) -> Result<Started, PaymentError> {
    let Ask {
        order,
        number,
        said,
    } = ask;
    let plans = plans.clone();
    let (o, mvola_cfg, addon) = db
        .read(move |c| {
            let addon = match crate::billing::allow_payments(c, &plans, shop, Utc::now()) {
                Err(AddonError::Db(e)) => return Err(e),
                other => other,
            };
            Ok((
                order_rows::get(c, shop, order)?,
                mvola::Config::load(c, shop),
                addon,
            ))
        })
        .await?;
    let mvola_cfg = match addon {
        Ok(()) => mvola_cfg,
        Err(refused) => {
            tracing::info!(shop = shop.0, "{refused}");
            Ok(None)
        }
    };
    if o.status != OrderStatus::ToPay {
        return Err(PaymentError::NotToPay(o.number));
    }
    let local = number
        .map(str::to_string)
        .or(o.customer_phone.clone())
        .and_then(|n| phone::local(&n));
    let by = said.or(local.as_deref().and_then(phone::operator));
    if by == Some(PaidBy::Mvola) && mvola_cfg?.is_some() {
        let local = local.ok_or(PaymentError::NoNumber)?;
        mvola::request(db, http, tokens, shop, order, Some(&local), public_url).await?;
        let (o2, n) = (o.clone(), local.clone());
        db.write(move |c| {
            let tx = c.transaction()?;
            let note = format!("demande MVola envoyée au {n}");
            order_rows::add_event(&tx, shop, o2.id, OrderStatus::ToPay, &note)?;
            tell::notice(&tx, shop, &o2, |mg| {
                requested_text(&o2, PaidBy::Mvola, &n, mg)
            })?;
            tx.commit()?;
            Ok(())
        })
        .await?;
        return Ok(Started::Requested {
            by: PaidBy::Mvola,
            number: local,
        });
    }
    if o.conversation_id.is_none() {
        return Err(PaymentError::NoChat(o.number));
    }
    db.write(move |c| {
        let tx = c.transaction()?;
        let payment = crate::quotes::Payment::load(&tx, shop)?;
        tell::reminder(&tx, shop, &o, &payment)?;
        let note = "instructions de paiement manuel envoyées";
        order_rows::add_event(&tx, shop, o.id, OrderStatus::ToPay, note)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(Started::Manual)
}
