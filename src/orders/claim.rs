//! A payment the customer says they made (a pasted SMS, a reference, a screenshot):
//! kept on their unpaid order and shown to the owner, who confirms it in one click on
//! the order's page ("Paiement reçu", the reference already filled in). Nothing is
//! marked paid here: only the owner, or a provider's confirmed transaction, does that.

use super::sms::Claim;
use super::tell::channel_label;
use crate::crm::notify;
use crate::db::{orders as rows, Connection, ConversationId, DbError, ShopId};
use crate::kinds::OrderStatus;
use crate::money::format_amount;

/// The owner notification kind of a claimed payment.
pub const KIND: &str = "paiement_signale";

/// Records `claim` on the order it names (the devis number in the SMS) or the
/// conversation's newest unpaid one, and notifies the owner with the reference and
/// the order's admin address. Without an unpaid order the owner is still told.
pub fn record(
    tx: &Connection,
    shop: ShopId,
    conv: ConversationId,
    claim: &Claim,
) -> Result<(), DbError> {
    let named = match &claim.order_number {
        Some(n) => rows::by_number(tx, shop, n)?
            .filter(|o| o.status == OrderStatus::ToPay && o.conversation_id == Some(conv)),
        None => None,
    };
    let order = match named {
        Some(o) => Some(o),
        None => rows::latest_in_conversation(tx, shop, conv, &[OrderStatus::ToPay])?,
    };
    let how = match claim.by {
        Some(by) => format!("{} réf {}", channel_label(by), claim.reference),
        None => format!("réf {}", claim.reference),
    };
    let amount = claim
        .amount
        .map(|a| format!(", {}", format_amount(crate::money::Ariary(a), "MGA")))
        .unwrap_or_default();
    let body = match order {
        Some(o) => {
            rows::set_claim(tx, shop, o.id, claim.by, &claim.reference)?;
            format!(
                "Conversation #{conv} : le client signale un paiement ({how}{amount}) pour la commande {} ({}). Vérifiez puis confirmez « Paiement reçu » : /admin/commandes/{}",
                o.number,
                format_amount(o.total_ttc, &o.currency),
                o.id
            )
        }
        None => format!(
            "Conversation #{conv} : le client signale un paiement ({how}{amount}) mais n'a pas de commande à payer : vérifiez dans la conversation."
        ),
    };
    notify::notify(tx, shop, KIND, &body)?;
    Ok(())
}

/// Keeps the screenshot the customer sent (message `message`) on their unpaid order
/// and asks the owner to check it, with the image and the order's page.
pub fn screenshot(
    tx: &Connection,
    shop: ShopId,
    conv: ConversationId,
    order: crate::db::OrderId,
    message: crate::db::MessageId,
) -> Result<(), DbError> {
    let o = rows::get(tx, shop, order)?;
    rows::set_claim_image(tx, shop, o.id, message.0)?;
    let body = format!(
        "Conversation #{conv} : le client envoie une capture de paiement pour la commande {} ({}). Image : /admin/conversations/{conv}/media/{message} · vérifiez puis confirmez « Paiement reçu » : /admin/commandes/{}",
        o.number,
        format_amount(o.total_ttc, &o.currency),
        o.id
    );
    notify::notify(tx, shop, KIND, &body)?;
    Ok(())
}
