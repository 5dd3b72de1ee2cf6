//! Mobile-money providers that confirm a payment themselves: MVola merchant pay
//! ([`mvola`]), Orange Money web payment ([`orange`]: a link the customer opens) and
//! Airtel Money collection ([`airtel`]), started by [`start`] (the admin's "Demander
//! le paiement", the bot when the customer says how they pay). A shop that set no
//! credentials for the customer's operator is paid by hand (`orders::claim`): [`start`]
//! sends the manual instructions.
//!
//! Invariants: an order is marked paid only on a transaction the provider confirmed
//! (a callback is checked back against the provider's status before it counts, or
//! carries the secret only the provider was given, Orange's `notif_token`);
//! reconciliation is idempotent ([`reconcile`], reached through [`settle`] by every
//! provider: a repeated or late callback, or a poll racing a callback, changes nothing
//! twice); a callback for an unknown request or an order already paid is logged, never
//! applied. Secrets never reach logs or Debug. A provider's name in `payment_requests`
//! is its [`PaidBy`] text (`mvola`, `orange_money`, `airtel_money`).

pub mod airtel;
pub mod mvola;
pub mod orange;
pub mod settle;
pub mod start;
pub mod tokens;

pub use settle::poll_pending;
pub use tokens::Tokens;

use crate::db::{orders as order_rows, payment_requests, Connection, DbError};
use crate::kinds::{OrderStatus, PaidBy, PaymentRequestStatus};
use crate::orders::{self, Actor, OrderError};

/// The providers' secret settings, (key, label): never shown back in the admin, never
/// written to a shop export.
pub const SECRET_SETTINGS: &[(&str, &str)] = &[
    ("mvola.consumer_secret", "MVola marchand : consumer secret"),
    (
        "orange.client_secret",
        "Orange Money paiement web : client secret",
    ),
    ("airtel.client_secret", "Airtel Money : client secret"),
];

#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    #[error("paiement mobile non configuré pour cette boutique : réglez {0} dans les paramètres")]
    NotConfigured(&'static str),
    #[error("numéro du client : « {number} » n'est pas un numéro {operator} ({prefixes})")]
    WrongNumber {
        operator: &'static str,
        number: String,
        prefixes: &'static str,
    },
    #[error(
        "le client n'a pas donné de numéro de téléphone : demandez-lui son numéro de mobile money"
    )]
    NoNumber,
    #[error("notification {0} refusée : notif_token absent ou faux")]
    BadNotification(&'static str),
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
    #[error("opérateur de mobile money injoignable : {0}")]
    Http(#[from] reqwest::Error),
    #[error(transparent)]
    Order(#[from] OrderError),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl PaymentError {
    /// The refusal for a customer's number that is not one of `by`'s.
    pub fn wrong_number(by: PaidBy, number: &str) -> Self {
        PaymentError::WrongNumber {
            operator: orders::tell::channel_label(by),
            number: number.to_string(),
            prefixes: orders::phone::prefixes(by),
        }
    }
}

/// The provider's answer when it is a success, else its refusal (status and the start
/// of its body, which names what it disliked).
pub(crate) async fn checked(
    res: reqwest::Response,
    provider: &'static str,
) -> Result<reqwest::Response, PaymentError> {
    if res.status().is_success() {
        return Ok(res);
    }
    let status = res.status().as_u16();
    let body: String = res
        .text()
        .await
        .unwrap_or_default()
        .chars()
        .take(300)
        .collect();
    Err(PaymentError::Refused {
        provider,
        status,
        body,
    })
}

/// A shop's setting `key`, trimmed; `None` when unset or blank (an operator's config).
pub(crate) fn setting(
    conn: &Connection,
    shop: crate::db::ShopId,
    key: &str,
) -> Result<Option<String>, PaymentError> {
    Ok(crate::db::shops::setting(conn, shop, key)?
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty()))
}

/// A short random suffix, so a request id stays unique when an order is asked again.
pub(crate) fn fresh_suffix() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..8].to_uppercase()
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
                    "{} confirme un paiement (réf {}) pour la commande {} qui est « {} » : vérifiez s'il faut rembourser.",
                    provider_label(provider),
                    transaction_ref.unwrap_or("-"),
                    order.number,
                    orders::label(order.status)
                ),
            )?;
            Reconciled::AlreadySettled
        } else {
            let by = PaidBy::parse(provider).unwrap_or(PaidBy::Mvola);
            orders::mark_paid(
                &tx,
                req.shop_id,
                req.order_id,
                by,
                transaction_ref,
                Actor::Provider(orders::tell::channel_label(by)),
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
    PaidBy::parse(provider).map_or("l'opérateur", orders::tell::channel_label)
}
