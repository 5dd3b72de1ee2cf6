//! The customer's message at each step of their order, in their language (Malagasy
//! when the conversation is, French otherwise). Queued with the purpose `order_update`:
//! inside the 24-hour window it leaves as this free text, outside it the outbox sender
//! swaps it for the template the shop mapped to that purpose, filled with the
//! customer's name, the order number and the step.

use super::Order;
use crate::db::outbox::{self, ForPurpose};
use crate::db::{conversations, numbers, Connection, DbError, ShopId};
use crate::kinds::{OrderStatus, PaidBy, Purpose};
use crate::message::OutgoingMessage;
use crate::money::format_amount;

/// The label of a payment channel, as printed on the invoice and in the history.
pub fn channel_label(by: PaidBy) -> &'static str {
    match by {
        PaidBy::Mvola => "MVola",
        PaidBy::OrangeMoney => "Orange Money",
        PaidBy::AirtelMoney => "Airtel Money",
        PaidBy::Cash => "espèces",
    }
}

/// The step's message in French or Malagasy.
pub fn text(o: &Order, malagasy: bool) -> String {
    let n = &o.number;
    let total = format_amount(o.total_ttc, &o.currency);
    let paid_ref = o.paid_ref.as_deref().unwrap_or("-");
    match (o.status, malagasy) {
        (OrderStatus::ToPay, false) => {
            format!("Votre commande {n} ({total}) est enregistrée : elle attend votre paiement.")
        }
        (OrderStatus::ToPay, true) => {
            format!("Voaray ny kaomandinao {n} ({total}) : miandry ny fandoavanao vola izahay.")
        }
        (OrderStatus::Paid, false) => format!(
            "Paiement reçu pour la commande {n} ({total}, réf {paid_ref}). Merci ! Nous la préparons."
        ),
        (OrderStatus::Paid, true) => format!(
            "Voaray ny vola nalefanao ho an'ny kaomandy {n} ({total}, réf {paid_ref}). Misaotra! Hokarakarainay izao izy."
        ),
        (OrderStatus::Preparing, false) => format!("Votre commande {n} est en préparation."),
        (OrderStatus::Preparing, true) => format!("Am-panomanana ny kaomandinao {n}."),
        (OrderStatus::Shipping, false) => {
            format!("Votre commande {n} est en route : le livreur arrive bientôt.")
        }
        (OrderStatus::Shipping, true) => {
            format!("Efa an-dalana ny kaomandinao {n} : ho tonga tsy ho ela ny mpitondra entana.")
        }
        (OrderStatus::Delivered, false) => {
            format!("Votre commande {n} est livrée. Merci pour votre confiance !")
        }
        (OrderStatus::Delivered, true) => {
            format!("Tonga ny kaomandinao {n}. Misaotra tamin'ny fitokisanao!")
        }
        (OrderStatus::Cancelled, false) => format!(
            "Votre commande {n} est annulée. Écrivez-nous si vous souhaitez la reprendre."
        ),
        (OrderStatus::Cancelled, true) => format!(
            "Nofoanana ny kaomandinao {n}. Soraty aminay raha te haka azy indray ianao."
        ),
    }
}

/// Queues the order's current step to its customer (see [`queue`]).
pub fn step(tx: &Connection, shop: ShopId, o: &Order) -> Result<(), DbError> {
    queue(tx, shop, o, |malagasy| text(o, malagasy))
}

/// Queues a one-off message about the order (a payment request left...) to its
/// customer, in their language, like every step.
pub fn notice(
    tx: &Connection,
    shop: ShopId,
    o: &Order,
    body: impl Fn(bool) -> String,
) -> Result<(), DbError> {
    queue(tx, shop, o, body)
}

/// Queues a one-off message of any kind about the order (the Orange Money payment
/// button...) to its customer, `message` making it in their language.
pub fn message(
    tx: &Connection,
    shop: ShopId,
    o: &Order,
    message: impl Fn(bool) -> OutgoingMessage,
) -> Result<(), DbError> {
    queue_message(tx, shop, o, message)
}

/// Queues a reminder of an unpaid order, with the shop's payment numbers.
pub fn reminder(
    tx: &Connection,
    shop: ShopId,
    o: &Order,
    payment: &crate::quotes::Payment,
) -> Result<(), DbError> {
    queue(tx, shop, o, |malagasy| {
        let how = super::payment::instructions(payment, o, malagasy).unwrap_or_default();
        format!("{}\n{how}", text(o, malagasy))
            .trim_end()
            .to_string()
    })
}

/// Queues the message `body` makes (in Malagasy or not) to the order's customer, inside
/// the caller's transaction. An order without a conversation (made in the admin for a
/// walk-in customer), or a shop without a WhatsApp number, gets nothing sent.
fn queue(
    tx: &Connection,
    shop: ShopId,
    o: &Order,
    body: impl Fn(bool) -> String,
) -> Result<(), DbError> {
    queue_message(tx, shop, o, |mg| OutgoingMessage::text(body(mg)))
}

fn queue_message(
    tx: &Connection,
    shop: ShopId,
    o: &Order,
    make: impl Fn(bool) -> OutgoingMessage,
) -> Result<(), DbError> {
    let Some(conv_id) = o.conversation_id else {
        return Ok(());
    };
    let conv = match conversations::get(tx, shop, conv_id) {
        Ok(c) => c,
        Err(DbError::NotFound) => return Ok(()),
        Err(e) => return Err(e),
    };
    if conv.wa_account_id.is_none() && numbers::first_active(tx, shop)?.is_none() {
        return Ok(());
    }
    let malagasy = conv.language.as_deref() == Some("mg");
    let values = serde_json::json!({
        "customer_name": conv.customer_name.clone().or(o.customer_name.clone()).unwrap_or_default(),
        "order_number": o.number,
        "status": super::label(o.status),
    });
    let purpose = ForPurpose {
        purpose: Purpose::OrderUpdate,
        values: &values,
    };
    let msg = make(malagasy);
    outbox::enqueue_for(tx, shop, conv_id, &msg, "system", Some(purpose))?;
    Ok(())
}
