//! The durable work queue (`jobs`): what the workers have left to do (assistant
//! replies, media downloads). Rows are written in the transaction that stores the
//! message they are about; each `queue_*` function owns the payload of its kind.

use super::{DbError, MessageId, ShopId};
use crate::kinds::JobKind;
use rusqlite::{params, Connection};

/// Queues a job of `kind` for the shop; returns its id.
pub fn insert(
    conn: &Connection,
    shop: ShopId,
    kind: JobKind,
    payload: &serde_json::Value,
) -> Result<i64, DbError> {
    conn.prepare_cached("INSERT INTO jobs (shop_id, kind, payload) VALUES (?1, ?2, ?3)")?
        .execute(params![shop, kind, payload.to_string()])?;
    Ok(conn.last_insert_rowid())
}

/// Queues the assistant's answer to the stored inbound `message`; `reply_id` is the
/// id of the button or list row the customer pressed, if any.
pub fn queue_reply(
    conn: &Connection,
    shop: ShopId,
    message: MessageId,
    reply_id: Option<&str>,
) -> Result<i64, DbError> {
    insert(
        conn,
        shop,
        JobKind::Reply,
        &serde_json::json!({ "message_id": message, "reply_id": reply_id }),
    )
}

/// Queues the download of an inbound message's media through the number `account`
/// it came to.
pub fn queue_media_download(
    conn: &Connection,
    shop: ShopId,
    message: MessageId,
    media_id: &str,
    account: i64,
) -> Result<i64, DbError> {
    insert(
        conn,
        shop,
        JobKind::MediaDownload,
        &serde_json::json!({ "message_id": message, "media_id": media_id, "account_id": account }),
    )
}
