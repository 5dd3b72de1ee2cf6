//! Raw webhook deliveries (`inbound_events`), kept byte for byte for audit and replay
//! whatever they contain, including the parts ingest does not act on.

use super::{DbError, ShopId};
use crate::kinds::ProviderKind;
use rusqlite::{params, Connection};

/// Stores one delivery as received. `shop` is `None` when no change in it names a
/// known number: the payload is kept all the same. Runs in the ingest writer's
/// batch, once per delivery.
pub fn insert_raw(
    conn: &Connection,
    provider: ProviderKind,
    shop: Option<ShopId>,
    raw: &[u8],
) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO inbound_events (provider, shop_id, payload) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![provider, shop, raw])?;
    Ok(())
}
