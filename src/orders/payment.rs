//! How the customer pays: the shop's mobile-money numbers with the order number as the
//! reference, in the customer's language. Sent with the acceptance of a devis.

use super::Order;
use crate::money::format_amount;
use crate::quotes::Payment;

/// The payment instructions for `o`, or `None` when the shop set no number.
pub fn instructions(payment: &Payment, o: &Order, malagasy: bool) -> Option<String> {
    let channels = payment.channels();
    if channels.is_empty() {
        return None;
    }
    let total = format_amount(o.total_ttc, &o.currency);
    let list = channels
        .iter()
        .map(|(label, number)| format!("• {label} : {number}"))
        .collect::<Vec<_>>()
        .join("\n");
    let name = payment
        .account_name
        .as_deref()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    Some(if malagasy {
        format!(
            "Handoavana {total}{name} :\n{list}\nRéférence : {n}. Alefaso eto ny SMS fanamarinana na ny sary.",
            n = o.number
        )
    } else {
        format!(
            "Pour payer {total}{name} :\n{list}\nRéférence : {n}. Envoyez-nous ensuite le SMS de confirmation ou une capture.",
            n = o.number
        )
    })
}
