//! How the customer pays: the shop's mobile-money numbers with the order number as the
//! reference, in the customer's language. Sent with the acceptance of a devis. Also
//! which operators the shop connected through their API (`payments`), so the chat and
//! the payment start agree on when the manual numbers are the answer.

use super::Order;
use crate::db::{shops, Connection, DbError, ShopId};
use crate::kinds::PaidBy;
use crate::money::format_amount;
use crate::quotes::Payment;

/// The setting that turns on `by`'s API for a shop (its client id); the rest of the
/// credentials are checked when a request leaves (`payments`).
pub fn api_setting(by: PaidBy) -> Option<&'static str> {
    match by {
        PaidBy::Mvola => Some("mvola.consumer_key"),
        PaidBy::OrangeMoney => Some("orange.client_id"),
        PaidBy::AirtelMoney => Some("airtel.client_id"),
        PaidBy::Cash => None,
    }
}

/// True when the shop set up `by`'s API; false means manual payment.
pub fn has_api(c: &Connection, shop: ShopId, by: PaidBy) -> Result<bool, DbError> {
    let Some(key) = api_setting(by) else {
        return Ok(false);
    };
    Ok(shops::setting(c, shop, key)?.is_some_and(|v| !v.trim().is_empty()))
}

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
