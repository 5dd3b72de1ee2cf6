//! Admin sessions (`sessions`): the sha256 of the cookie token, its account, the shop
//! it works on and its CSRF token. The raw token never reaches the database.
//!
//! A session is found by its token hash, not by shop: it is what tells which shop
//! (tenant) the request is for.

use super::{AccountId, DbError, ShopId};
use rusqlite::{params, Connection, OptionalExtension};

/// A session to store; `shop` is `None` for an account without any shop yet.
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub account: AccountId,
    pub shop: Option<ShopId>,
    pub csrf: &'a str,
    pub expires_at: &'a str,
}

/// A live session as stored.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub account: AccountId,
    pub shop: Option<ShopId>,
    pub csrf: String,
}

pub fn insert(conn: &Connection, s: &NewSession<'_>) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO sessions (token_hash, account_id, shop_id, csrf_token, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![s.token_hash, s.account, s.shop, s.csrf, s.expires_at],
    )?;
    Ok(())
}

/// The unexpired session of `token_hash` at `now` (`YYYY-MM-DDTHH:MM:SSZ`).
pub fn find(conn: &Connection, token_hash: &str, now: &str) -> Result<Option<SessionRow>, DbError> {
    Ok(conn
        .query_row(
            "SELECT account_id, shop_id, csrf_token FROM sessions
             WHERE token_hash = ?1 AND expires_at > ?2",
            params![token_hash, now],
            |r| {
                Ok(SessionRow {
                    account: AccountId(r.get(0)?),
                    shop: r.get::<_, Option<i64>>(1)?.map(ShopId),
                    csrf: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Logs a session out.
pub fn delete(conn: &Connection, token_hash: &str) -> Result<(), DbError> {
    conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// Ends every session of `account` (disabled, password changed); returns how many.
pub fn delete_for_account(conn: &Connection, account: AccountId) -> Result<usize, DbError> {
    Ok(conn.execute("DELETE FROM sessions WHERE account_id = ?1", [account])?)
}
