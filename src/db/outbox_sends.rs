//! An outbox row's life while it is sent: `pending -> sending -> sent | failed`, back to
//! `pending` with a later `next_attempt_at` on a temporary error. Each change is one
//! transaction, so the outbox row and the message it carries never disagree.
//!
//! Exactly once: the row id travels to the provider as `biz_opaque_callback_data` and
//! comes back in every status webhook ([`confirm`]). A row left `sending` by a crash,
//! or whose send got no clear answer, is *held* ([`hold_interrupted`], [`hold`]): it
//! stays `sending`, so nothing after it to that customer leaves, until its status
//! confirms it was sent or the grace period passes ([`release_held`]); only then is it
//! sent again. A row confirmed meanwhile is never moved back.

use super::{now_text, statuses, DbError, MessageId, ShopId};
use crate::kinds::MessageStatus;
use crate::message::OutgoingMessage;
use rusqlite::{params, Connection, OptionalExtension};

/// Claims a pending row for sending; false when someone else took it.
pub fn claim(conn: &Connection, shop: ShopId, outbox_id: i64) -> Result<bool, DbError> {
    Ok(conn.execute(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, held_until = NULL
         WHERE id = ?1 AND shop_id = ?2 AND status = 'pending'",
        params![outbox_id, shop],
    )? == 1)
}

/// Records inside `tx` that the provider took row `outbox_id` as `provider_id`: the
/// row is sent, its message gets the wamid (unless another message of that number
/// holds it already) and the statuses that came before it are applied.
fn record_sent(
    tx: &Connection,
    shop: ShopId,
    outbox_id: i64,
    provider_id: &str,
) -> Result<(), DbError> {
    let pid = (!provider_id.is_empty()).then_some(provider_id);
    let row: Option<(i64, Option<MessageId>)> = tx
        .query_row(
            "SELECT wa_account_id, message_id FROM outbox WHERE id = ?1 AND shop_id = ?2",
            params![outbox_id, shop],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((account, message)) = row else {
        return Ok(());
    };
    tx.execute(
        "UPDATE outbox SET status = 'sent', provider_message_id = COALESCE(?2, provider_message_id),
           sent_at = COALESCE(sent_at, ?3), last_error = NULL, held_until = NULL
         WHERE id = ?1 AND shop_id = ?4",
        params![outbox_id, pid, now_text(), shop],
    )?;
    if let Some(mid) = message {
        tx.execute(
            "UPDATE messages SET
               wamid = CASE WHEN ?2 IS NULL OR EXISTS (SELECT 1 FROM messages m WHERE m.wa_account_id = ?4
                              AND m.wamid = ?2 AND m.id != ?1) THEN wamid ELSE ?2 END,
               status = CASE WHEN status_rank = 0 THEN 'accepted' ELSE status END
             WHERE id = ?1 AND shop_id = ?3",
            params![mid, pid, shop, account],
        )?;
    }
    if let Some(pid) = pid {
        statuses::apply_pending(tx, shop, account, pid)?;
    }
    Ok(())
}

/// The provider accepted the message: record its id on both rows.
/// Records the provider's acceptance; a template (`template_month`: the usage month it
/// counts in) is counted in the shop's usage in the same transaction.
pub fn mark_sent(
    conn: &mut Connection,
    shop: ShopId,
    outbox_id: i64,
    provider_id: &str,
    template_month: Option<&str>,
) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    record_sent(&tx, shop, outbox_id, provider_id)?;
    if let Some(month) = template_month {
        super::usage::add_template(&tx, shop, month)?;
    }
    tx.commit()?;
    Ok(())
}

/// A status webhook names row `outbox_id` of number `account` (its
/// `biz_opaque_callback_data`) as the message `wamid`: the row was sent, whatever the
/// sender knew, and is recorded so unless it already was. Runs in the ingest
/// transaction. Returns `None` when the row is not one of that number's, else whether
/// it carries a conversation message (a notification to the owner does not).
pub fn confirm(
    tx: &Connection,
    shop: ShopId,
    account: i64,
    outbox_id: i64,
    wamid: &str,
) -> Result<Option<bool>, DbError> {
    let row: Option<(bool, bool)> = tx
        .prepare_cached(
            "SELECT status IN ('pending', 'sending') OR provider_message_id IS NULL, message_id IS NOT NULL
             FROM outbox WHERE id = ?1 AND shop_id = ?2 AND wa_account_id = ?3",
        )?
        .query_row(params![outbox_id, shop, account], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((unconfirmed, carries_message)) = row else {
        return Ok(None);
    };
    if unconfirmed {
        record_sent(tx, shop, outbox_id, wamid)?;
    }
    Ok(Some(carries_message))
}

/// A temporary failure: back to pending until `next_at` (unless a status confirmed the
/// row meanwhile).
pub fn mark_retry(
    conn: &Connection,
    shop: ShopId,
    outbox_id: i64,
    reason: &str,
    next_at: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE outbox SET status = 'pending', last_error = ?2, next_attempt_at = ?3
         WHERE id = ?1 AND shop_id = ?4 AND status = 'sending'",
        params![outbox_id, reason, next_at, shop],
    )?;
    Ok(())
}

/// The send got no clear answer (the connection broke after the request went out): the
/// provider may have the message. Held until `until`, as after a crash.
pub fn hold(
    conn: &Connection,
    shop: ShopId,
    outbox_id: i64,
    reason: &str,
    until: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE outbox SET last_error = ?2, held_until = ?3 WHERE id = ?1 AND shop_id = ?4 AND status = 'sending'",
        params![outbox_id, reason, until, shop],
    )?;
    Ok(())
}

/// A permanent failure, shown to the owner on the message.
pub fn mark_failed(
    conn: &mut Connection,
    shop: ShopId,
    outbox_id: i64,
    message_id: Option<MessageId>,
    reason: &str,
) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    let n = tx.execute(
        "UPDATE outbox SET status = 'failed', last_error = ?2
         WHERE id = ?1 AND shop_id = ?3 AND status IN ('pending', 'sending')",
        params![outbox_id, reason, shop],
    )?;
    if let (1, Some(mid)) = (n, message_id) {
        let failed = MessageStatus::Failed;
        tx.execute(
            "UPDATE messages SET status = ?3, status_rank = ?4, error = ?2 WHERE id = ?1 AND shop_id = ?5",
            params![mid, reason, failed, failed.rank(), shop],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// At start: rows a stopped server left in `sending` (in every shop; the sender serves
/// them all) are held until `until`, waiting for their status webhook. Returns how many.
pub fn hold_interrupted(conn: &Connection, until: &str) -> Result<usize, DbError> {
    Ok(conn.execute(
        "UPDATE outbox SET held_until = ?1 WHERE status = 'sending' AND held_until IS NULL",
        [until],
    )?)
}

/// Held rows whose grace period passed with no status go back to pending: the
/// provider never had them (or never said so), so they are sent again.
pub fn release_held(conn: &Connection) -> Result<usize, DbError> {
    Ok(conn.execute(
        "UPDATE outbox SET status = 'pending', held_until = NULL, next_attempt_at = ?1
         WHERE status = 'sending' AND held_until IS NOT NULL AND held_until <= ?1",
        [now_text()],
    )?)
}

/// A probe went through: the provider is back, so every row of number `account`
/// waiting out a backoff is due now.
pub fn release_backoff(conn: &Connection, account: i64) -> Result<usize, DbError> {
    let now = now_text();
    Ok(conn.execute(
        "UPDATE outbox SET next_attempt_at = ?2 WHERE wa_account_id = ?1 AND status = 'pending' AND next_attempt_at > ?2",
        params![account, now],
    )?)
}

/// Outside the service window the row leaves as `msg`, a template: the outbox row and
/// its message say so.
pub fn substitute(
    conn: &mut Connection,
    shop: ShopId,
    outbox_id: i64,
    message_id: Option<MessageId>,
    msg: &OutgoingMessage,
) -> Result<(), DbError> {
    let payload = serde_json::to_string(msg).map_err(|e| DbError::Invalid(e.to_string()))?;
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE outbox SET payload = ?3, kind = ?4 WHERE id = ?1 AND shop_id = ?2 AND status = 'pending'",
        params![outbox_id, shop, payload, msg.kind()],
    )?;
    if let Some(mid) = message_id {
        tx.execute(
            "UPDATE messages SET payload = ?3, kind = ?4, body = ?5 WHERE id = ?1 AND shop_id = ?2",
            params![mid, shop, payload, msg.kind(), msg.preview()],
        )?;
    }
    tx.commit()?;
    Ok(())
}
