//! Starting a mobile-money payment for an order to pay: the operator is the one the
//! customer named, else the one its number's prefix routes to (`orders::phone::chosen`);
//! a configured MVola or Airtel Money gets a push request on the customer's number and
//! the customer is told to confirm it with their secret code; a configured Orange Money
//! gets a web payment whose page the customer opens from a "Payer maintenant" button;
//! any operator left unconfigured gets the manual instructions (the shop's numbers, the
//! devis number as reference).

use super::{airtel, mvola, orange, PaymentError, Tokens};
use crate::billing::AddonError;
use crate::db::{orders as order_rows, Db, OrderId, ShopId};
use crate::kinds::{OrderStatus, PaidBy};
use crate::message::OutgoingMessage;
use crate::money::format_amount;
use crate::orders::{payment, phone, tell, Order};
use crate::settings::PlansSettings;
use chrono::Utc;

/// What [`start`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Started {
    /// A request left for the operator; the customer confirms it on `number`.
    Requested { by: PaidBy, number: String },
    /// The customer got a button to the operator's payment page `url` (Orange Money).
    Link { by: PaidBy, url: String },
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

/// The Orange Money button: the page to pay on, in the customer's language.
pub fn link_message(o: &Order, url: &str, malagasy: bool) -> OutgoingMessage {
    let total = format_amount(o.total_ttc, &o.currency);
    let (body, display_text) = if malagasy {
        (format!("Handoavana {total} amin'ny Orange Money ho an'ny kaomandy {} : tsindrio ny bokotra dia araho ny torolalana ao amin'ny pejin'i Orange.", o.number), "Handoa izao")
    } else {
        (format!("Payez {total} par Orange Money pour la commande {} : touchez le bouton et suivez les étapes sur la page sécurisée d'Orange.", o.number), "Payer maintenant")
    };
    OutgoingMessage::CtaUrl {
        body,
        display_text: display_text.into(),
        url: url.into(),
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
/// A plan without the payments add-on (`plans`) leaves the operators' APIs unused: the
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
    let number = number.map(str::to_string);
    let plans = plans.clone();
    let (o, has_api) = db
        .read(move |c| {
            let o = order_rows::get(c, shop, order)?;
            let addon = match crate::billing::allow_payments(c, &plans, shop, Utc::now()) {
                Err(AddonError::Db(e)) => return Err(e),
                Err(refused) => {
                    tracing::info!(shop = shop.0, "{refused}");
                    false
                }
                Ok(()) => true,
            };
            let local = number
                .or(o.customer_phone.clone())
                .and_then(|n| phone::local(&n));
            let by = phone::chosen(said, local.as_deref());
            let api = match by {
                Some(by) if addon => payment::has_api(c, shop, by)?,
                _ => false,
            };
            Ok((o, by.filter(|_| api).map(|by| (by, local))))
        })
        .await?;
    if o.status != OrderStatus::ToPay {
        return Err(PaymentError::NotToPay(o.number));
    }
    match has_api {
        Some((PaidBy::OrangeMoney, _)) => {
            if o.conversation_id.is_none() {
                return Err(PaymentError::NoChat(o.number));
            }
            let url = orange::request(db, http, tokens, shop, order, public_url).await?;
            let (o2, link) = (o.clone(), url.clone());
            record(
                db,
                shop,
                &o,
                "lien de paiement Orange Money envoyé",
                move |tx| tell::message(tx, shop, &o2, |mg| link_message(&o2, &link, mg)),
            )
            .await?;
            return Ok(Started::Link {
                by: PaidBy::OrangeMoney,
                url,
            });
        }
        Some((by @ (PaidBy::Mvola | PaidBy::AirtelMoney), local)) => {
            let local = local.ok_or(PaymentError::NoNumber)?;
            let number = if by == PaidBy::Mvola {
                mvola::request(db, http, tokens, shop, order, Some(&local), public_url).await?;
                local
            } else {
                airtel::request(db, http, tokens, shop, order, Some(&local)).await?
            };
            let note = format!("demande {} envoyée au {number}", tell::channel_label(by));
            let (o2, n) = (o.clone(), number.clone());
            record(db, shop, &o, &note, move |tx| {
                tell::notice(tx, shop, &o2, |mg| requested_text(&o2, by, &n, mg))
            })
            .await?;
            return Ok(Started::Requested { by, number });
        }
        _ => {}
    }
    if o.conversation_id.is_none() {
        return Err(PaymentError::NoChat(o.number));
    }
    let o2 = o.clone();
    record(
        db,
        shop,
        &o,
        "instructions de paiement manuel envoyées",
        move |tx| {
            let payment = crate::quotes::Payment::load(tx, shop)?;
            tell::reminder(tx, shop, &o2, &payment)
        },
    )
    .await?;
    Ok(Started::Manual)
}

/// Notes `note` in the order's history and queues what `tell` queues, in one
/// transaction.
async fn record(
    db: &Db,
    shop: ShopId,
    o: &Order,
    note: &str,
    tell: impl FnOnce(&crate::db::Connection) -> Result<(), crate::db::DbError> + Send + 'static,
) -> Result<(), PaymentError> {
    let (id, note) = (o.id, note.to_string());
    db.write(move |c| {
        let tx = c.transaction()?;
        order_rows::add_event(&tx, shop, id, OrderStatus::ToPay, &note)?;
        tell(&tx)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(())
}
