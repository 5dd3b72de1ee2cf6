//! The hourly check that stores `expired` on every shop's overdue devis (readers
//! already see them expired through `quotes::effective_status`) and cancels the orders
//! left unpaid past `orders.expiry_days`, which releases the stock they held.

use crate::db::Db;
use std::time::Duration;
use tokio::sync::watch;

const EVERY: Duration = Duration::from_secs(3600);

/// Starts the check until `shutdown` flips.
pub fn spawn(db: Db, mut shutdown: watch::Receiver<bool>) {
    tokio::spawn(async move {
        loop {
            match db.write(|c| crate::quotes::expire_overdue(c)).await {
                Ok(n) if n > 0 => tracing::info!(expired = n, "devis expired"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "devis expiry check"),
            }
            match db
                .write(|c| {
                    let tx = c.transaction()?;
                    let n = crate::orders::expire_all(&tx);
                    if n.is_ok() {
                        tx.commit()?;
                    }
                    Ok(n)
                })
                .await
            {
                Ok(Ok(n)) if n > 0 => tracing::info!(cancelled = n, "unpaid orders expired"),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!(error = %e, "order expiry check"),
                Err(e) => tracing::warn!(error = %e, "order expiry check"),
            }
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = shutdown.changed() => return,
            }
        }
    });
}
