//! Mobile-money jobs: `payment_request` starts the request a customer asked for in
//! the chat (`payments::start`, queued by the reply job in its transaction, so it
//! survives a crash), and the polling fallback: every minute, the requests still
//! pending two minutes after they were made (MVola, Orange Money, Airtel Money) are
//! asked for their status, so an order is paid even when the provider's callback
//! never arrives (`payments::settle`).

use super::{Context, Failure, Outcome};
use crate::db::jobs::{Job, PaymentPayload};
use crate::db::{Db, OrderId};
use crate::kinds::PaidBy;
use crate::payments::{start, PaymentError, Tokens};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

const EVERY: Duration = Duration::from_secs(60);

/// Starts the poller until `shutdown` flips; a payment found wakes the outbox (the
/// customer's "paiement reçu").
pub fn spawn(
    db: Db,
    http: reqwest::Client,
    tokens: Tokens,
    outbox: Arc<Notify>,
    mut shutdown: watch::Receiver<bool>,
) {
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = shutdown.changed() => return,
            }
            match crate::payments::poll_pending(&db, &http, &tokens, chrono::Duration::minutes(2))
                .await
            {
                Ok(done) if done.contains(&crate::payments::Reconciled::Paid) => {
                    outbox.notify_one()
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "mobile-money polling"),
            }
        }
    });
}

/// Runs one `payment_request` job: the request leaves (or the manual instructions do);
/// an unreachable operator is tried again, a refusal goes to the owner.
pub(super) async fn run(ctx: &Context, job: &Job) -> Result<Outcome, Failure> {
    let p: PaymentPayload = serde_json::from_str(&job.payload).map_err(Failure::permanent)?;
    let ask = start::Ask {
        order: OrderId(p.order_id),
        number: p.number.as_deref(),
        said: p.said.as_deref().and_then(PaidBy::parse),
    };
    let public_url = ctx.settings.server.public_url.clone();
    let plans = &ctx.settings.plans;
    let done = start::start(
        &ctx.db,
        &ctx.http,
        &ctx.tokens,
        job.shop,
        ask,
        &public_url,
        plans,
    )
    .await;
    match done {
        Ok(_) => {
            ctx.wakers.outbox.notify_one();
            Ok(Outcome::Finish)
        }
        Err(PaymentError::Http(e)) => Err(Failure::retry(format!("mobile money: {e}"))),
        Err(PaymentError::NotToPay(_)) => Ok(Outcome::Finish),
        Err(e) => {
            let (shop, body) = (
                job.shop,
                format!("Demande de paiement mobile impossible : {e}"),
            );
            ctx.db
                .write(move |c| {
                    crate::crm::notify::notify(c, shop, crate::orders::claim::KIND, &body)
                })
                .await?;
            ctx.wakers.mailer.notify_one();
            Ok(Outcome::Finish)
        }
    }
}
