//! The shops' WhatsApp numbers (`whatsapp_accounts`): which provider carries each, its
//! credentials, and which number a shop writes from when nothing else decides.

use super::{DbError, ShopId};
use crate::kinds::ProviderKind;
use rusqlite::{Connection, OptionalExtension};

/// The shop's first active number: the one a message goes out on when the
/// conversation has none yet (a new customer, the owner's notifications).
pub fn first_active(conn: &Connection, shop: ShopId) -> Result<Option<i64>, DbError> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM whatsapp_accounts WHERE shop_id = ?1 AND status = 'active' ORDER BY id LIMIT 1",
        )?
        .query_row([shop], |r| r.get(0))
        .optional()?)
}

/// Like [`first_active`], but a shop without a number is an error that says so.
pub fn require_active(conn: &Connection, shop: ShopId) -> Result<i64, DbError> {
    first_active(conn, shop)?
        .ok_or_else(|| DbError::Invalid("this shop has no active WhatsApp number".into()))
}

/// A number found by the secret token in its webhook URL.
#[derive(Debug, Clone)]
pub struct TokenNumber {
    pub id: i64,
    pub shop: ShopId,
    pub provider: ProviderKind,
}

/// The `provider` number whose webhook token is `token`. Not scoped by shop: the
/// token is what tells which shop a BSP delivery is for.
pub fn by_webhook_token(
    conn: &Connection,
    token: &str,
    provider: ProviderKind,
) -> Result<Option<TokenNumber>, DbError> {
    Ok(conn
        .query_row(
            "SELECT id, shop_id, provider FROM whatsapp_accounts WHERE webhook_token = ?1 AND provider = ?2",
            rusqlite::params![token, provider],
            |r| {
                Ok(TokenNumber {
                    id: r.get(0)?,
                    shop: r.get(1)?,
                    provider: r.get(2)?,
                })
            },
        )
        .optional()?)
}
