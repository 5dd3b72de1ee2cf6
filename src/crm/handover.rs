//! Handing a conversation to a person: the conversation is flagged `needs_human`, the
//! bot pauses on it, and the owner is notified (admin, email, WhatsApp, as the shop
//! set). Runs in the caller's transaction.

use super::notify;
use crate::db::{conversations, Connection, ConversationId, DbError, ShopId};

pub fn hand_over(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    reason: &str,
) -> Result<(), DbError> {
    conversations::flag_for_human(conn, shop, conv)?;
    let c = conversations::get(conn, shop, conv)?;
    let who = c
        .customer_name
        .or(c.customer_phone)
        .unwrap_or(c.customer_key);
    let body = format!(
        "Conversation #{conv} ({}) : {reason}. Le bot est en pause, un humain doit répondre.",
        crate::telemetry::mask_phone(&who)
    );
    notify::notify(conn, shop, notify::HANDOVER, &body)?;
    Ok(())
}
