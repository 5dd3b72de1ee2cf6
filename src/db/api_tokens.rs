//! API bearer tokens (`api_tokens`): the sha256 of the token, its account, the one shop
//! it acts for, its expiry and whether it was revoked.
//!
//! A token is found by its hash, not by shop: it is what tells which shop (tenant) the
//! request is for.

use super::{AccountId, DbError, ShopId};
use rusqlite::{params, Connection, OptionalExtension};

/// The caller behind a valid token.
#[derive(Debug, Clone)]
pub struct TokenOwner {
    pub account: AccountId,
    pub shop: ShopId,
    /// The account's role as stored (`owner`, `agent`, `agency`).
    pub role: String,
}

pub fn insert(
    conn: &Connection,
    token_hash: &str,
    account: AccountId,
    shop: ShopId,
    expires_at: &str,
) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO api_tokens (token_hash, account_id, shop_id, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash, account, shop, expires_at],
    )?;
    Ok(())
}

pub fn revoke(conn: &Connection, token_hash: &str) -> Result<(), DbError> {
    conn.execute(
        "UPDATE api_tokens SET revoked = 1 WHERE token_hash = ?1",
        [token_hash],
    )?;
    Ok(())
}

/// Who `token_hash` belongs to at `now`: unrevoked, unexpired, on an enabled account
/// that is still a member of the token's shop.
pub fn owner(
    conn: &Connection,
    token_hash: &str,
    now: &str,
) -> Result<Option<TokenOwner>, DbError> {
    Ok(conn
        .query_row(
            "SELECT t.account_id, t.shop_id, a.role FROM api_tokens t
             JOIN accounts a ON a.id = t.account_id
             JOIN memberships m ON m.account_id = t.account_id AND m.shop_id = t.shop_id
             WHERE t.token_hash = ?1 AND t.revoked = 0 AND t.expires_at > ?2 AND a.disabled = 0",
            params![token_hash, now],
            |r| {
                Ok(TokenOwner {
                    account: AccountId(r.get(0)?),
                    shop: ShopId(r.get(1)?),
                    role: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Revokes every live token of `account`; returns how many.
pub fn revoke_for_account(conn: &Connection, account: AccountId) -> Result<usize, DbError> {
    Ok(conn.execute(
        "UPDATE api_tokens SET revoked = 1 WHERE account_id = ?1 AND revoked = 0",
        [account],
    )?)
}
