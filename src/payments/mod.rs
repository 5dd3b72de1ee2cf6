//! Mobile-money providers that confirm a payment themselves: MVola merchant pay today
//! ([`mvola`]), started by [`start`] (the admin's "Demander le paiement", the bot when
//! the customer says how they pay). A shop that set no credentials for the customer's
//! operator is paid by hand (`orders::claim`): [`start`] sends the manual instructions.
//!
//! Invariants: an order is marked paid only on a transaction the provider confirmed
//! (a callback is checked back against the provider's status before it counts);
//! reconciliation is idempotent ([`reconcile`]: a repeated or late callback, or a poll
//! racing a callback, changes nothing twice); a callback for an unknown request or an
//! order already paid is logged, never applied. Secrets never reach logs or Debug.

pub mod mvola;
pub mod start;
pub mod tokens;

pub use tokens::Tokens;

use crate::db::{orders as order_rows, payment_requests, Connection, DbError};
use crate::kinds::{OrderStatus, PaidBy, PaymentRequestStatus};
use crate::orders::{self, Actor, OrderError};

#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    #[error("paiement mobile non configuré pour cette boutique : réglez {0} dans les paramètres")]
    NotConfigured(&'static str),
    #[error("numéro du client : « {0} » n'est pas un numéro MVola (034 ou 038)")]
    NotMvolaNumber(String),
    #[error("le client n'a pas donné de numéro de téléphone : demandez-lui son numéro MVola")]
    NoNumber,
    #[error("la commande {0} n'a pas de conversation WhatsApp : donnez au client les numéros de paiement")]
    NoChat(String),
    #[error("la commande {0} n'est pas à payer")]
    NotToPay(String),
    #[error("{provider} a refusé la demande ({status}) : {body}")]
    Refused {
        provider: &'static str,
        status: u16,
        body: String,
    },
    #[error("{provider} injoignable : {0}", provider = "MVola")]
    Http(#[from] reqwest::Error),
    #[error(transparent)]
    Order(#[from] OrderError),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<rusqlite::Error> for PaymentError {
    fn from(e: rusqlite::Error) -> Self {
        PaymentError::Db(e.into())
    }
}

/// What a reconciliation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reconciled {
    /// The order is now paid.
    Paid,
    /// The provider reports a failure; the order stays to pay.
    Failed,
    /// Still pending at the provider.
    Pending,
    /// Already settled before: nothing changed.
    AlreadySettled,
    /// No request of ours has that correlation id.
    Unknown,
}

/// Applies the provider's verified word on a request, once. BLOCKING (a write).
pub fn reconcile(
    conn: &mut Connection,
    provider: &str,
    correlation_id: &str,
    status: PaymentRequestStatus,
    transaction_ref: Option<&str>,
) -> Result<Reconciled, PaymentError> {
    let tx = conn.transaction_with_behavior(crate::db::TransactionBehavior::Immediate)?;
    let Some(req) = payment_requests::by_correlation(&tx, provider, correlation_id)? else {
        tracing::warn!(provider, "payment callback for an unknown request: ignored");
        return Ok(Reconciled::Unknown);
    };
    if status == PaymentRequestStatus::Pending {
        return Ok(Reconciled::Pending);
    }
    if !payment_requests::settle(&tx, req.shop_id, req.id, status, transaction_ref)? {
        tracing::info!(
            provider,
            request = req.id,
            "payment already settled: repeated or late notice ignored"
        );
        return Ok(Reconciled::AlreadySettled);
    }
    let outcome = if status == PaymentRequestStatus::Completed {
        let order = order_rows::get(&tx, req.shop_id, req.order_id)?;
        if order.status != OrderStatus::ToPay {
            tracing::warn!(provider, order = order.id.0, status = %order.status, "confirmed payment for an order not to pay: logged, not applied");
            crate::crm::notify::notify(
                &tx,
                req.shop_id,
                orders::claim::KIND,
                &format!(
                    "{provider} confirme un paiement (réf {}) pour la commande {} qui est « {} » : vérifiez s'il faut rembourser.",
                    transaction_ref.unwrap_or("-"),
                    order.number,
                    orders::label(order.status)
                ),
            )?;
            Reconciled::AlreadySettled
        } else {
            orders::mark_paid(
                &tx,
                req.shop_id,
                req.order_id,
                PaidBy::Mvola,
                transaction_ref,
                Actor::Provider(provider_label(provider)),
            )?;
            Reconciled::Paid
        }
    } else {
        Reconciled::Failed
    };
    tx.commit()?;
    Ok(outcome)
}

fn provider_label(provider: &str) -> &'static str {
    match provider {
        mvola::PROVIDER => "MVola",
        _ => "l'opérateur",
    }
}
