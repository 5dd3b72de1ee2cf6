//! The one way a provider's word reaches an order, whoever the provider: a callback
//! is checked back against the provider's status ([`check_back`]), an authenticated
//! notification is applied as it says ([`apply`]), and the poller asks for the status
//! of every request still pending ([`poll_pending`]); all three end in
//! [`super::reconcile`], which settles a request once.

use super::{airtel, mvola, orange, reconcile, PaymentError, Reconciled, Tokens};
use crate::db::payment_requests::{self, PaymentRequest};
use crate::db::Db;
use crate::kinds::PaymentRequestStatus;

/// The provider's own word on `req`: its status and its transaction reference.
async fn status_of(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    req: &PaymentRequest,
) -> Result<(PaymentRequestStatus, Option<String>), PaymentError> {
    match req.provider.as_str() {
        mvola::PROVIDER => mvola::status(db, http, tokens, req).await,
        orange::PROVIDER => orange::status(db, http, tokens, req).await,
        airtel::PROVIDER => airtel::status(db, http, tokens, req).await,
        _ => Err(PaymentError::NotConfigured("provider")),
    }
}

/// The request `provider` calls `correlation`, if it is ours.
pub(super) async fn find(
    db: &Db,
    provider: &'static str,
    correlation: &str,
) -> Result<Option<PaymentRequest>, PaymentError> {
    let id = correlation.to_string();
    Ok(db
        .read(move |c| payment_requests::by_correlation(c, provider, &id))
        .await?)
}

/// A callback naming `correlation`: an unknown or settled request is logged and left
/// alone; a pending one is settled from the provider's status (never from the
/// callback's claim), `hint_ref` standing in for a reference the status omits.
pub async fn check_back(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    provider: &'static str,
    correlation: &str,
    hint_ref: Option<String>,
) -> Result<Reconciled, PaymentError> {
    let Some(req) = find(db, provider, correlation).await? else {
        tracing::warn!(provider, "payment callback for an unknown request: ignored");
        return Ok(Reconciled::Unknown);
    };
    if req.status != PaymentRequestStatus::Pending {
        tracing::info!(
            provider,
            request = req.id,
            "callback for a settled request: ignored"
        );
        return Ok(Reconciled::AlreadySettled);
    }
    let (status, reference) = status_of(db, http, tokens, &req).await?;
    apply(
        db,
        provider,
        &req.correlation_id,
        status,
        reference.or(hint_ref),
    )
    .await
}

/// Applies a verified status to the request, once (a write off the executor).
pub async fn apply(
    db: &Db,
    provider: &'static str,
    correlation: &str,
    status: PaymentRequestStatus,
    reference: Option<String>,
) -> Result<Reconciled, PaymentError> {
    let correlation = correlation.to_string();
    db.write(move |c| {
        Ok(reconcile(
            c,
            provider,
            &correlation,
            status,
            reference.as_deref(),
        ))
    })
    .await?
}

/// The polling fallback: every request still pending `min_age` after it was made is
/// asked for its status at its provider. Returns what each became; a provider that
/// does not answer is tried again at the next poll.
pub async fn poll_pending(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    min_age: chrono::Duration,
) -> Result<Vec<Reconciled>, PaymentError> {
    let before = (chrono::Utc::now() - min_age)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let pending = db
        .read(move |c| payment_requests::pending_before(c, &before))
        .await?;
    let mut out = Vec::new();
    for req in &pending {
        let Some(provider) = [mvola::PROVIDER, orange::PROVIDER, airtel::PROVIDER]
            .into_iter()
            .find(|p| *p == req.provider)
        else {
            continue;
        };
        let settled = match status_of(db, http, tokens, req).await {
            Ok((status, reference)) => {
                apply(db, provider, &req.correlation_id, status, reference).await
            }
            Err(e) => Err(e),
        };
        match settled {
            Ok(r) => out.push(r),
            Err(e) => {
                tracing::warn!(provider, request = req.id, error = %e, "payment status check failed; retried at the next poll")
            }
        }
    }
    Ok(out)
}
